"""Option 2: prompt engineering. Instruction vs continuation vs few-shot prompts on the same models."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from rlhf_utils.data import SFTExample, load_sft_examples, write_prompt_file
from rlhf_utils.experiments.outcome import Outcome, answers

if TYPE_CHECKING:
    from rlhf_utils.experiments.core import Part2
    from rlhf_utils.experiments.estimates import Tally


_CONTINUATIONS = [  # (pattern on the colon-style instruction, continuation stem); first match wins
    (r"explain why (.+)", r"\1 because"),
    (r"(?:explain|describe) how (.+)", r"Here is how \1:"),
    (r"(?:explain|describe|define) what (.+?) (?:is|are|means)", r"\1 is"),
    (r"(?:explain|describe|define) (.+)", r"\1 is"),
    (r"what (?:is|was) (.+)", r"\1 is"),
    (r"what are (.+)", r"\1 are"),
    (r"what causes (.+)", r"The main causes of \1 are"),
    (r"how (?:do|does|can|should) (?:i|you|we|one) (.+)", r"To \1, you should"),
    (r"how to (.+)", r"To \1, you should"),
    (r"how (?:is|was|are|were) (.+?) (\w+ed)", r"\1 was \2 by"),
    (r"give (?:me )?(?:some )?advice (?:on|about) (.+)", r"My advice on \1 is to"),
    (r"(?:give|list|name) (?:me )?(.+)", r"Here are \1: 1."),
    (r"(?:suggest|recommend) (.+)", r"Here is \1:"),
    (r"write (.+)", r"Here is \1:\n"),
    (r"summari[sz]e (.+)", r"In short, \1"),
]


def continuation_prompt(prompt: str) -> str:
    """Rewrite a colon-style instruction as the start of its answer, which a model trained only to continue
    text (a base LM) finds easier: "Explain artificial intelligence:" -> "Artificial intelligence is".

    Context lines before the instruction are kept. Instructions no rule matches become
    "<instruction>. Answer:" so every prompt still gets a transform.
    """
    context, _, instruction = prompt.rpartition("\n\n")
    text = instruction.strip().rstrip(":").strip()
    for pattern, stem in _CONTINUATIONS:
        match = re.fullmatch(pattern, text, flags=re.IGNORECASE | re.DOTALL)
        if match:
            out = match.expand(stem)
            out = out[0].upper() + out[1:]
            break
    else:
        out = f"{text}. Answer:"
    return f"{context}\n\n{out}" if context else out


def few_shot_prompt(prompt: str, shots: list[SFTExample]) -> str:
    """`prompt` preceded by worked examples in the training format (`prompt + " " + response`), separated by
    blank lines: the model sees what an answer looks like and where it ends."""
    blocks = [f"{ex.prompt} {ex.response.strip()}" for ex in shots]
    return "\n\n".join(blocks + [prompt])


def pick_shots(examples: list[SFTExample], k: int, max_words: int = 40) -> list[SFTExample]:
    """`k` short, context-free examples from different categories (when categories are known)."""
    chosen: list[SFTExample] = []
    for ex in sorted(examples, key=lambda e: len(e.response.split())):
        if len(chosen) == k:
            break
        if "\n\n" in ex.prompt or len(ex.response.split()) > max_words or len(ex.response.split()) < 8:
            continue
        if ex.category and any(c.category == ex.category for c in chosen):
            continue
        chosen.append(ex)
    return chosen


def cut_at_next_example(text: str) -> str:
    """A few-shot answer ends where the model starts a new example: at a blank line or a new colon line."""
    text = text.split("\n\n")[0]
    lines = text.split("\n")
    for i, line in enumerate(lines[1:], 1):
        if line.rstrip().endswith(":"):
            return "\n".join(lines[:i]).strip()
    return text.strip()


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


def prompts_cost(t: Tally) -> None:
    """The work `prompts_experiment` does, loop for loop, counted on `t` (`estimates.Tally`): its estimated cost."""
    gen, models = t.cfg.eval.generation, t.grid["prompt_models"]
    few_shot = t.len.test_prompt + t.grid["few_shot_k"] * t.len.sft[0]
    for _ in models:
        for prompt_tokens in (t.len.test_prompt, t.len.test_prompt + 3, few_shot):
            t.generate(gen, prompt_tokens)
    t.part1_models(len(models))
    t.note(f"3 styles x {len(models)} models x {t.n_prompts} prompts (few-shot {few_shot:.0f} tok)")
