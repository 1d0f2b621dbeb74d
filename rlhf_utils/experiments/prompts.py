"""Option 2: prompt engineering. Instruction vs continuation vs few-shot prompts on the same models."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from rlhf_utils.data import (
    continuation_prompt,
    cut_at_next_example,
    few_shot_prompt,
    load_sft_examples,
    pick_shots,
    write_prompt_file,
)
from rlhf_utils.experiments.outcome import Outcome, answers

if TYPE_CHECKING:
    from rlhf_utils.experiments.core import Part2


def prompt_styles(x: Part2, prompts: list[str]) -> dict[str, list[str]]:
    """The same prompts as instruction (Part 1's colon style), continuation and few-shot prompts."""
    d = x.cfg.data
    examples = load_sft_examples(d.sft_source, d.sft_examples, x.cfg.seed, x.pieces.dolly_to_example)
    shots = pick_shots(examples, x.grid["few_shot_k"])
    return {"instruction": prompts, "continuation": [continuation_prompt(p) for p in prompts],
            "few_shot": [few_shot_prompt(p, shots) for p in prompts]}


def _write_sets(x: Part2, folder: Path, test: list[str]) -> None:
    """The test and PPO training prompts in every style, as JSON lines that read back exactly
    (`data.ppo_prompts_source=.../train_continuation.jsonl` trains on exactly those prompts)."""
    folder.mkdir(parents=True, exist_ok=True)
    for split, prompts in (("test", test), ("train", x.part1.ppo_prompts())):
        for style, texts in prompt_styles(x, prompts).items():
            write_prompt_file(folder / f"{split}_{style}.jsonl", texts)


def _answers_to_instruction(style: str, prompts: list[str], raw: list[str]) -> list[str]:
    """A continuation's stem is part of its answer; a few-shot answer ends where the next example starts."""
    if style == "continuation":
        return [f"{p.rpartition(chr(10) * 2)[2]} {r}".strip() for p, r in zip(prompts, raw)]
    if style == "few_shot":
        return [cut_at_next_example(r) for r in raw]
    return raw


def prompts_experiment(x: Part2, seed: int) -> Outcome:
    """Instruction vs continuation vs few-shot prompts on the same models. Every answer is scored as an
    answer to the original instruction (a continuation's stem is part of its answer), so the styles compare
    fairly. The transformed training and test prompt sets are saved for re-training runs."""
    out, gen = Outcome(), x.cfg.eval.generation
    test = x.prompts()
    folder = x.dir / "prompts" / "sets"
    _write_sets(x, folder, test)
    styles = prompt_styles(x, test)
    long_prompts = 4 * x.cfg.data.max_prompt_tokens + max(len(x.tokenizer(p).input_ids) for p in styles["few_shot"])
    for model in x.grid["prompt_models"]:
        for style, prompts in styles.items():
            extra = {"max_prompt_tokens": long_prompts} if style == "few_shot" else {}
            texts = _answers_to_instruction(style, prompts, x.generate(model, prompts, gen, seed, **extra))
            setting = "baseline" if style == "instruction" else style
            out.rows += x.measure(setting, model, test, texts, seed)
            out.responses += answers(setting, model, prompts if style != "few_shot" else test, texts)
    out.notes.append(f"Prompt sets written to {folder} as JSON lines (train_*.jsonl can be used as "
                     "data.ppo_prompts_source: the prompts come back exactly as saved).")
    return out
