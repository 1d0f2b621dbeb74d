"""Part 2: diagnosis and improvement experiments on top of a finished Part 1 run.

Every experiment reuses the Part 1 checkpoints (base, SFT, PPO policies, reward models), runs its
settings for each seed and appends tidy rows to `DIR/results.csv`:

    experiment, setting, model, metric, value, n, ci_low, ci_high, seed

(95% bootstrap intervals over prompts, or over pairs for reward-model accuracy; NaN where a value has no
sampling unit, e.g. a training loss). It also writes `DIR/<experiment>/` (table.md/.csv, examples.md,
responses.csv and any trained models) and `DIR/figures/<experiment>.png/.pdf`, then re-assembles
`DIR/report.md`. The setting named `baseline` is always Part 1's.

    x = Part2.open("tiny", "runs/part2", part1_dir="runs/tiny")
    x.run("generation")                       # or: python -m rlhf_utils experiment generation ...

Grids: full in `colab`, `medium` and `smol`, reduced in `tiny` (GRIDS); `grids={...}` overrides any.
"""

from __future__ import annotations

import copy
import dataclasses
import json
import random
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import torch

from rlhf_utils import plots, report
from rlhf_utils.config import (
    ConfigError,
    GenerationConfig,
    RunConfig,
    config_from_dict,
    load_config,
    set_value,
    validate,
)
from rlhf_utils.data import (
    continuation_prompt,
    cut_at_next_example,
    few_shot_prompt,
    format_prompt,
    load_preference_pairs,
    load_sft_examples,
    pick_shots,
    tokenize_example,
)
from rlhf_utils.evaluation import bootstrap_ci, measure, score_responses
from rlhf_utils.generation import generate_responses, trim_to_sentence
from rlhf_utils.models import load_causal_lm
from rlhf_utils.pipeline import Pipeline
from rlhf_utils.reward import ScalarHeadModel, pair_features, pair_rewards, score_texts
from rlhf_utils.runtime import notice

GRIDS: dict[str, dict[str, Any]] = {
    "full": {
        "models": ["sft", "ppo_good"],
        "generation": {"temperature": [0.3, 0.5, 0.7], "top_k": [20, 40, 50], "top_p": [0.8, 0.9, 0.95],
                       "repetition_penalty": [1.1, 1.2], "no_repeat_ngram_size": [2, 3]},
        "prompt_models": ["base", "sft", "ppo_good"],
        "few_shot_k": 3,
        "sft_steps": [200, 500, 1000],
        "sft_examples": [10000],
        "ppo": {"kl_coef": [0.001, 0.01, 0.1], "lr": [1e-6, 5e-6, 1e-5], "iterations": [50, 200]},
        "reward": {"steps_factor": [2], "pooling": ["mean", "attention"], "margin": [0.5]},
        "max_new_tokens": [20, 30, 50],
        "best_of_n": [1, 2, 3, 4, 5],
        "gold_iterations_factor": 2,
        "gold_steps_factor": 2,
        "steering_alphas": [-4.0, 2.0, 4.0, 8.0],
        "examples": 3,
    },
    "tiny": {
        "models": ["ppo_good"],
        "generation": {"temperature": [0.3], "top_k": [20], "top_p": [0.9], "repetition_penalty": [1.2],
                       "no_repeat_ngram_size": [3]},
        "prompt_models": ["sft", "ppo_good"],
        "few_shot_k": 2,
        "sft_steps": [40],
        "sft_examples": [],
        "ppo": {"kl_coef": [0.005, 0.2], "lr": [], "iterations": []},
        "reward": {"steps_factor": [], "pooling": ["mean"], "margin": [1.0]},
        "max_new_tokens": [20, 50],
        "best_of_n": [1, 2, 4],
        "gold_iterations_factor": 1,
        "gold_steps_factor": 1,
        "steering_alphas": [4.0],
        "examples": 2,
    },
}
"""Settings each experiment tries (besides Part 1's baseline). Learning rates, steps and iterations are
absolute values for the profile's model; `steps_factor` multiplies Part 1's RM steps."""


@dataclass
class Outcome:
    """What one experiment produced for one seed."""

    rows: list[dict] = field(default_factory=list)
    """Tidy rows without `experiment` and `seed` (added by the runner)."""
    responses: list[dict] = field(default_factory=list)
    """{setting, model, prompt, response} per generated answer."""
    extra: dict[str, Any] = field(default_factory=dict)
    """Anything the experiment's figure needs (training curves, ...); saved as extra.json."""
    notes: list[str] = field(default_factory=list)
    """Plain-language lines for the report (e.g. the diagnosis verdicts)."""


PART1_POLICIES = ("base", "sft", "ppo_poor", "ppo_good")


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9.=_-]+", "_", text).strip("_")


def _rows(setting: str, model: str, measured: list[dict]) -> list[dict]:
    return [{"setting": setting, "model": model, **m} for m in measured]


def _point(setting: str, model: str, metric: str, value: float, n: int = 0, ci: tuple[float, float] | None = None):
    low, high = ci if ci else (float("nan"), float("nan"))
    return {"setting": setting, "model": model, "metric": metric, "value": float(value), "n": n,
            "ci_low": low, "ci_high": high}


def _accuracy_row(setting: str, model: str, correct: np.ndarray, seed: int, metric: str = "heldout_accuracy"):
    ci = bootstrap_ci(len(correct), lambda idx: float(correct[idx].mean()), seed=seed, bounds=(0.0, 1.0))
    return _point(setting, model, metric, float(correct.mean()), len(correct), ci)


class Part2:
    """The experiments of Part 2 over one Part 1 run. Create with `Part2.open(...)`."""

    def __init__(self, part1: Pipeline, cfg: RunConfig, out_dir: str | Path, seeds: int = 1,
                 grids: dict[str, Any] | None = None):
        if seeds < 1:
            raise ConfigError(f"seeds={seeds} is invalid: must be an integer >= 1")
        self.part1, self.cfg = part1, cfg
        self.dir = Path(out_dir).expanduser()
        self.dir.mkdir(parents=True, exist_ok=True)
        self.figures = self.dir / "figures"
        self.seeds = [cfg.seed + i for i in range(seeds)]
        self.grid = copy.deepcopy(GRIDS["tiny" if cfg.profile == "tiny" else "full"])
        for key, value in (grids or {}).items():
            if key not in self.grid:
                raise ConfigError(f"grid {key!r} is unknown: allowed are {', '.join(self.grid)}")
            self.grid[key] = value
        self.tokenizer, self.device = part1.tokenizer, part1.accelerator.device
        self._models: dict[str, Any] = {}
        self._rms: dict[str, tuple[ScalarHeadModel, Any]] = {}

    @classmethod
    def open(cls, profile: str, out_dir: str | Path, part1_dir: str | Path | None = None,
             overrides: list[str] | None = None, seeds: int = 1, grids: dict[str, Any] | None = None,
             run_part1: bool = True, part1_cfg: RunConfig | None = None) -> Part2:
        """Experiments in `out_dir` over the Part 1 run in `part1_dir` (default `out_dir/part1`).

        The Part 1 run keeps the settings it was trained with (its config.json); when it does not exist
        yet it is created from `part1_cfg` (default: the `profile`) and trained first (`run_part1`).
        `overrides` change the settings of the experiments only, e.g. the baseline decoding
        `eval.generation.max_new_tokens=60`.
        """
        out_dir = Path(out_dir).expanduser()
        part1_dir = Path(part1_dir).expanduser() if part1_dir else out_dir / "part1"
        saved = part1_dir / "config.json"
        if saved.is_file():
            part1_cfg = config_from_dict(json.loads(saved.read_text()))
        part1_cfg = part1_cfg or load_config(profile)
        part1 = Pipeline(part1_cfg, part1_dir)
        if run_part1:
            part1.run()
        cfg = copy.deepcopy(part1_cfg)
        for item in overrides or []:
            key, sep, value = item.partition("=")
            if not sep:
                raise ConfigError(f"override {item!r} is malformed: write key=value, e.g. eval.generation.top_p=0.9")
            set_value(cfg, key.strip(), value.strip())
        validate(cfg)
        return cls(part1, cfg, out_dir, seeds, grids)

    # ------------------------------------------------------------ shared helpers

    def model(self, name: str):
        """A Part 1 policy (`base`, `sft`, `ppo_poor`, `ppo_good`) or a saved model folder, cached."""
        if name not in self._models:
            loaders = {"base": self.part1.load_base, "sft": self.part1.load_sft,
                       "ppo_poor": lambda: self.part1.load_ppo("poor"), "ppo_good": lambda: self.part1.load_ppo("good")}
            load = loaders.get(name) or (lambda: load_causal_lm(name, self.cfg.model))
            self._models[name] = load().to(self.device).eval()
        return self._models[name]

    def forget(self, name: str) -> None:
        self._models.pop(name, None)

    def reward_models(self) -> dict[str, tuple[ScalarHeadModel, Any]]:
        """Part 1's good and poor RMs, plus the gold RM once the gold_rm experiment has trained it."""
        if not self._rms:
            for name in ("good", "poor"):
                self._rms[name] = (self.part1.load_reward_model(name), self.part1.reward_tokenizer)
        gold = self.dir / "gold_rm" / "gold"
        if "gold" not in self._rms and (gold / "reward_model.json").is_file():
            self._rms["gold"] = (ScalarHeadModel.load(gold).to(self.device).eval(), self.part1.reward_tokenizer)
        return self._rms

    def prompts(self) -> list[str]:
        return self.part1.test_prompts()

    def generate(self, model: str, prompts: list[str], gen: GenerationConfig, seed: int, **extra) -> list[str]:
        with self.part1.accelerator.autocast():
            return generate_responses(self.model(model), self.tokenizer, prompts, **dataclasses.asdict(gen),
                                      seed=seed, **{"max_prompt_tokens": self.cfg.data.max_prompt_tokens, **extra})

    def measure(self, setting: str, model: str, prompts: list[str], responses: list[str], seed: int) -> list[dict]:
        """Rows of every metric (RM scores of `prompt + response`, text metrics) with bootstrap CIs."""
        scores = score_responses(self.reward_models(), prompts, responses, self.cfg.data)
        return _rows(setting, model, measure(responses, self.tokenizer, scores, seed=seed))

    def sweep(self, out: Outcome, settings: list[tuple[str, GenerationConfig, dict]], models: list[str],
              seed: int, post: Callable[[str], str] | None = None) -> None:
        """Generate and measure every (setting, model) on the held-out prompts into `out`."""
        prompts = self.prompts()
        for model in models:
            for setting, gen, extra in settings:
                responses = self.generate(model, prompts, gen, seed, **extra)
                if post:
                    responses = [post(r) for r in responses]
                out.rows += self.measure(setting, model, prompts, responses, seed)
                out.responses += [{"setting": setting, "model": model, "prompt": p, "response": r}
                                  for p, r in zip(prompts, responses)]

    def evaluate_policy(self, out: Outcome, setting: str, label: str, model: str, seed: int) -> None:
        """Answer the held-out prompts with `model` (a Part 1 name or a folder) under Part 1's decoding and
        measure them into `out` as (setting, label). A folder's model is unloaded afterwards."""
        prompts = self.prompts()
        responses = self.generate(model, prompts, self.cfg.eval.generation, seed)
        out.rows += self.measure(setting, label, prompts, responses, seed)
        out.responses += [{"setting": setting, "model": label, "prompt": p, "response": r}
                          for p, r in zip(prompts, responses)]
        if model not in PART1_POLICIES:
            self.forget(model)

    def samples(self) -> tuple[list[str], list[str]]:
        """Part 1's normalisation samples (SFT responses to training prompts), to normalise new RMs alike."""
        path = self.part1.dir / "reward_models" / "normalization_samples.jsonl"
        rows = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
        return [r["prompt"] for r in rows], [r["response"] for r in rows]

    def pairs(self):
        d = self.cfg.data
        return load_preference_pairs(d.preference_source, d.preference_pairs, d.heldout_pairs, self.cfg.seed)

    # ------------------------------------------------------------ running

    def run(self, name: str) -> pd.DataFrame:
        """Run one experiment (or `all`) for every seed; returns its aggregated results table."""
        if name == "all":
            for each in RUN_ORDER:
                self.run(each)
            return report.read_results(self.dir)
        if name not in EXPERIMENTS:
            raise ConfigError(f"experiment {name!r} is unknown: allowed are all, {', '.join(EXPERIMENTS)}")
        spec = EXPERIMENTS[name]
        folder = self.dir / name
        folder.mkdir(parents=True, exist_ok=True)
        outcomes = []
        for seed in self.seeds:
            torch.manual_seed(seed)
            outcome = spec.run(self, seed)
            for row in outcome.rows:
                row.update(experiment=name, seed=seed)
            for row in outcome.responses:
                row["seed"] = seed
            outcomes.append(outcome)
        rows = pd.DataFrame([r for o in outcomes for r in o.rows], columns=report.COLUMNS)
        report.write_results(self.dir, name, rows)
        responses = pd.DataFrame([r for o in outcomes for r in o.responses],
                                 columns=["setting", "model", "seed", "prompt", "response"])
        responses.to_csv(folder / "responses.csv", index=False)
        table = report.results_table(rows, wide=name != "diagnose")
        table.to_csv(folder / "table.csv", index=False)
        (folder / "table.md").write_text(table.to_markdown(index=False) + "\n")
        (folder / "examples.md").write_text(report.examples_markdown(responses, self.grid["examples"]))
        (folder / "notes.md").write_text("".join(f"- {n}\n" for n in outcomes[0].notes))
        (folder / "extra.json").write_text(json.dumps(outcomes[0].extra, indent=1, default=float))
        spec.plot(name, rows, outcomes[0].extra, self.figures)
        report.build_report(self.dir, EXPERIMENTS, self.part1.dir)
        notice(f"experiment {name!r}: {len(rows)} rows in {self.dir / 'results.csv'}, report in "
               f"{self.dir / 'report.md'}", once=False)
        return report.aggregate(rows)

    def show(self, name: str) -> None:
        """In a notebook: the experiment's table, figure, notes and examples."""
        from IPython.display import Image, Markdown, display

        folder = self.dir / name
        for part in ("notes.md", "table.md"):
            if (folder / part).is_file() and (folder / part).read_text().strip():
                display(Markdown((folder / part).read_text()))
        for png in sorted(self.figures.glob(f"{name}*.png")):
            display(Image(filename=str(png)))
        if (folder / "examples.md").is_file():
            display(Markdown((folder / "examples.md").read_text()))


# ---------------------------------------------------------------- Task 1: diagnosis


def _verdict(ok: bool, yes: str, no: str) -> str:
    return yes if ok else no


def diagnose(x: Part2, seed: int) -> Outcome:
    """Dataset statistics, prompt-format check and a plain-language summary of the Part 1 training run."""
    out = Outcome()
    cfg, tok, d = x.cfg, x.tokenizer, x.cfg.data
    examples = load_sft_examples(d.sft_source, d.sft_examples + cfg.sft.heldout_examples, cfg.seed)
    parts = {"instruction": [], "context": [], "response": [], "total": []}
    for ex in examples:
        context, _, instruction = ex.prompt.rpartition("\n\n")
        parts["instruction"].append(len(tok(instruction).input_ids))
        parts["context"].append(len(tok(context).input_ids) if context else 0)
        parts["response"].append(len(tok(" " + ex.response).input_ids) + 1)
        parts["total"].append(len(tok(ex.prompt).input_ids) + parts["response"][-1])
    lengths = {k: np.array(v, dtype=float) for k, v in parts.items()}
    for key, values in lengths.items():
        out.rows.append(_point("dolly", "-", f"{key}_tokens_mean", values.mean(), len(values)))
        out.rows.append(_point("dolly", "-", f"{key}_tokens_p90", np.quantile(values, 0.9), len(values)))
    truncated = (lengths["total"] > d.max_length).astype(float)
    prompt_cut = (lengths["instruction"] + lengths["context"] > d.max_prompt_tokens).astype(float)
    out.rows.append(_accuracy_row("dolly", "-", truncated, seed, "share_truncated_at_max_length"))
    out.rows.append(_accuracy_row("dolly", "-", prompt_cut, seed, "share_prompt_cut_at_max_prompt_tokens"))
    out.rows.append(_point("dolly", "-", "share_with_context", float((lengths["context"] > 0).mean()), len(examples)))
    categories = pd.Series([ex.category or "(none)" for ex in examples]).value_counts()
    out.extra["categories"] = categories.to_dict()
    out.extra["lengths"] = {k: v.tolist() for k, v in lengths.items()}

    train, _ = x.pairs()
    chosen = np.array([len(tok(p.chosen).input_ids) for p in train], dtype=float)
    rejected = np.array([len(tok(p.rejected).input_ids) for p in train], dtype=float)
    longer_wins = np.where(chosen > rejected, 1.0, np.where(chosen == rejected, 0.5, 0.0))
    out.rows.append(_point("hh", "-", "chosen_tokens_mean", chosen.mean(), len(train)))
    out.rows.append(_point("hh", "-", "rejected_tokens_mean", rejected.mean(), len(train)))
    diff = chosen - rejected
    out.rows.append(_point("hh", "-", "chosen_minus_rejected_tokens_mean", diff.mean(), len(train),
                           bootstrap_ci(len(diff), lambda idx: float(diff[idx].mean()), seed=seed)))
    out.rows.append(_accuracy_row("hh", "length_only", longer_wins, seed, "longer_wins_accuracy"))
    out.extra["hh_length_diff"] = diff.tolist()

    sources = {"sft_prompts": [ex.prompt for ex in examples], "ppo_prompts": x.part1.ppo_prompts(),
               "test_prompts": x.prompts(), "hh_prompts": [p.prompt for p in train]}
    for name, prompts in sources.items():
        colon = np.array([p.rstrip().endswith(":") for p in prompts], dtype=float)
        out.rows.append(_point("prompt_format", "-", f"{name}_end_with_colon", colon.mean(), len(prompts)))
    format_ok = all(r["value"] == 1.0 for r in out.rows if r["setting"] == "prompt_format")
    example = tokenize_example(tok, format_prompt("Explain AI"), "AI is ...", d.max_prompt_tokens, d.max_length)[0]
    out.notes.append(f"Training text = prompt + ' ' + response + EOS, e.g. {tok.decode(example)!r}; "
                     + _verdict(format_ok, "every SFT, PPO, test and HH prompt ends with a colon: formats match.",
                                "some prompts do not end with a colon: train and test formats differ."))
    out.notes.append(f"Dolly: {truncated.mean():.0%} of examples are longer than max_length={d.max_length} "
                     f"tokens and lose the end of their response (and its EOS); {prompt_cut.mean():.0%} have "
                     f"prompts cut to max_prompt_tokens={d.max_prompt_tokens}.")
    out.notes.append(f"HH: chosen answers are {diff.mean():+.1f} tokens longer on average; 'longer wins' alone "
                     f"predicts {longer_wins.mean():.0%} of the labels (chance is 50%).")

    m = x.part1.metrics
    s = m.get("sft", {})
    if s:
        learned = s["heldout_loss_last"] < s["heldout_loss_first"] - 0.05
        out.rows += [_point("training", "sft", "train_loss_first", s["loss_first"]),
                     _point("training", "sft", "train_loss_last", s["loss_last"]),
                     _point("training", "sft", "heldout_loss_first", s["heldout_loss_first"]),
                     _point("training", "sft", "heldout_loss_last", s["heldout_loss_last"])]
        out.notes.append(f"SFT: held-out loss {s['heldout_loss_first']:.2f} -> {s['heldout_loss_last']:.2f} nats/token "
                         f"over {s['steps']} steps: " + _verdict(learned, "it learned.", "it barely learned."))
    for name, r in m.get("reward_models", {}).items():
        n, acc = r["heldout_pairs"], r["heldout_accuracy"]
        half = 1.96 * (acc * (1 - acc) / max(n, 1)) ** 0.5
        out.rows.append(_point("training", f"rm_{name}", "heldout_accuracy", acc, n, (acc - half, acc + half)))
        out.notes.append(f"{name} RM: held-out accuracy {r['heldout_accuracy_start']:.2f} -> {acc:.2f} "
                         f"(95% CI {acc - half:.2f}-{acc + half:.2f}, {n} pairs): "
                         + _verdict(acc - half > 0.5, "better than chance.", "not distinguishable from chance."))
    for name, r in m.get("ppo", {}).items():
        log = x.part1.logs("ppo").get(name) or []
        noise = float(np.mean([row["score_std"] for row in log])) / max(x.cfg.ppo.batch_size, 1) ** 0.5 if log else 0
        gain = r["reward_last"] - r["reward_first"]
        out.rows += [_point("training", f"ppo_{name}", "reward_first", r["reward_first"]),
                     _point("training", f"ppo_{name}", "reward_last", r["reward_last"]),
                     _point("training", f"ppo_{name}", "kl_last", r["kl_last"])]
        out.notes.append(f"PPO vs {name} RM: reward {r['reward_first']:+.2f} -> {r['reward_last']:+.2f} "
                         f"(per-batch noise ~{noise:.2f}) at KL {r['kl_last']:.2f} nats: "
                         + _verdict(gain > 2 * noise, "the policy learned to please this RM.",
                                    "no reliable reward gain."))
    for model, e in m.get("eval", {}).items():
        out.notes.append(f"{model}: {e['cut_rate']:.0%} of answers cut off mid-sentence, {e['empty_rate']:.0%} "
                         f"empty, {e['repeated_trigram_rate']:.0%} of trigrams repeated, distinct-2 "
                         f"{e['distinct_2']:.2f}, {e['mean_length']:.0f} tokens on average.")
    return out


# ---------------------------------------------------------------- Option 1: generation parameters


def generation(x: Part2, seed: int) -> Outcome:
    """One-at-a-time sweeps around Part 1's decoding, then two combinations: the best value of each
    parameter by good-RM score (seed 0 of the sweep) and a common recipe."""
    out, base = Outcome(), x.cfg.eval.generation
    settings = [("baseline", base, {})]
    for param, values in x.grid["generation"].items():
        for v in values:
            if v != getattr(base, param):
                settings.append((f"{param}={v}", dataclasses.replace(base, **{param: v}), {}))
    x.sweep(out, settings, x.grid["models"], seed)
    df = pd.DataFrame(out.rows)
    good = df[df.metric == "good_rm_score"].groupby("setting")["value"].mean()
    best = {}
    for param in x.grid["generation"]:
        candidates = {s: v for s, v in good.items() if s.startswith(f"{param}=")} | {"baseline": good["baseline"]}
        pick = max(candidates, key=candidates.get)
        best[param] = getattr(base, param) if pick == "baseline" else type(getattr(base, param))(pick.split("=")[1])
    recipe = dict(temperature=0.7, top_k=50, top_p=0.9, repetition_penalty=1.2, no_repeat_ngram_size=3)
    combos = [("best_by_good_rm", dataclasses.replace(base, **best), {}),
              ("recipe_t0.7_p0.9_rp1.2_nr3", dataclasses.replace(base, **recipe), {})]
    x.sweep(out, combos, x.grid["models"], seed)
    out.extra.update(best_by_good_rm=best, baseline=dataclasses.asdict(base))
    out.notes.append("best_by_good_rm = " + ", ".join(f"{k}={v}" for k, v in best.items()))
    return out


# ---------------------------------------------------------------- Option 2: prompt engineering


def prompt_styles(x: Part2, prompts: list[str]) -> dict[str, list[str]]:
    """The same prompts as instruction (Part 1's colon style), continuation and few-shot prompts."""
    d = x.cfg.data
    shots = pick_shots(load_sft_examples(d.sft_source, d.sft_examples, x.cfg.seed), x.grid["few_shot_k"])
    return {"instruction": prompts, "continuation": [continuation_prompt(p) for p in prompts],
            "few_shot": [few_shot_prompt(p, shots) for p in prompts]}


def prompts_experiment(x: Part2, seed: int) -> Outcome:
    """Instruction vs continuation vs few-shot prompts on the same models. Every answer is scored as an
    answer to the original instruction (a continuation's stem is part of its answer), so the styles compare
    fairly. The transformed training and test prompt sets are saved for re-training runs."""
    out, gen = Outcome(), x.cfg.eval.generation
    test = x.prompts()
    folder = x.dir / "prompts" / "sets"
    folder.mkdir(parents=True, exist_ok=True)
    for split, prompts in (("test", test), ("train", x.part1.ppo_prompts())):
        for style, texts in prompt_styles(x, prompts).items():
            (folder / f"{split}_{style}.txt").write_text("\n".join(t.replace("\n", "\\n") for t in texts) + "\n")
    styles = prompt_styles(x, test)
    long_prompts = 4 * x.cfg.data.max_prompt_tokens + max(len(x.tokenizer(p).input_ids) for p in styles["few_shot"])
    for model in x.grid["prompt_models"]:
        for style, prompts in styles.items():
            extra = {"max_prompt_tokens": long_prompts} if style == "few_shot" else {}
            raw = x.generate(model, prompts, gen, seed, **extra)
            if style == "continuation":
                answers = [f"{p.rpartition(chr(10) * 2)[2]} {r}".strip() for p, r in zip(prompts, raw)]
            elif style == "few_shot":
                answers = [cut_at_next_example(r) for r in raw]
            else:
                answers = raw
            setting = "baseline" if style == "instruction" else style
            out.rows += x.measure(setting, model, test, answers, seed)
            out.responses += [{"setting": setting, "model": model, "prompt": p, "response": a}
                              for p, a in zip(prompts if style != "few_shot" else test, answers)]
    out.notes.append(f"Prompt sets written to {folder} (train_*.txt can be used as data.ppo_prompts_source; "
                     "newlines are written as \\n).")
    return out


# ---------------------------------------------------------------- Option 3: more SFT


def sft_steps(x: Part2, seed: int) -> Outcome:
    """SFT for more (or fewer) steps and on more data; held-out SFT loss and downstream metrics."""
    out, cfg = Outcome(), x.cfg
    settings = [("baseline", cfg.sft.steps, cfg.data.sft_examples)]
    settings += [(f"steps={s}", s, cfg.data.sft_examples) for s in x.grid["sft_steps"] if s != cfg.sft.steps]
    top = max([cfg.sft.steps, *x.grid["sft_steps"]])
    settings += [(f"examples={n},steps={top}", top, n) for n in x.grid["sft_examples"]]
    curves = {}
    for setting, steps, n_examples in settings:
        if setting == "baseline":
            log, model = x.part1.logs("sft"), "sft"
        else:
            folder = x.dir / "sft_steps" / f"{_slug(setting)}_seed{seed}"
            if not (folder / "log.json").is_file():
                sft_cfg = dataclasses.replace(cfg.sft, steps=steps)
                torch.manual_seed(seed)
                x.part1.train_sft_policy(sft_cfg, n_examples, folder)
            log, model = json.loads((folder / "log.json").read_text()), str(folder / "model")
        curves[setting] = log["heldout"]
        out.rows.append(_point(setting, "sft", "sft_steps", steps))
        out.rows.append(_point(setting, "sft", "sft_train_examples", log.get("train_examples", n_examples)))
        out.rows.append(_point(setting, "sft", "sft_heldout_loss", log["heldout"][-1]["loss"]))
        x.evaluate_policy(out, setting, "sft", model, seed)
    out.extra["heldout_curves"] = curves
    return out


# ---------------------------------------------------------------- Option 4: PPO hyper-parameters


def ppo_hparams(x: Part2, seed: int) -> Outcome:
    """PPO against the good RM with one hyper-parameter changed at a time: KL coefficient, learning rate,
    number of iterations (episodes = iterations x batch size). Reward and KL per run: the frontier."""
    out, cfg = Outcome(), x.cfg
    settings = [("baseline", cfg.ppo)]
    for param, values in x.grid["ppo"].items():
        settings += [(f"{param}={v}", dataclasses.replace(cfg.ppo, **{param: v})) for v in values
                     if v != getattr(cfg.ppo, param)]
    rm = x.reward_models()["good"][0]
    logs = {}
    for setting, ppo_cfg in settings:
        if setting == "baseline":
            log, model = x.part1.logs("ppo")["good"], "ppo_good"
        else:
            folder = x.dir / "ppo_hparams" / f"{_slug(setting)}_seed{seed}"
            if not (folder / "log.json").is_file():
                x.part1.train_ppo_policy(rm, ppo_cfg, folder, f"PPO {setting}", seed=seed)
                shutil.rmtree(folder / "checkpoint", ignore_errors=True)  # the model is saved: resume state can go
            log, model = json.loads((folder / "log.json").read_text()), str(folder / "model")
        logs[setting] = [{k: r[k] for k in ("iteration", "score", "kl")} for r in log]
        k = max(1, len(log) // 5)
        out.rows.append(_point(setting, "ppo_good", "train_reward_last", np.mean([r["score"] for r in log[-k:]])))
        out.rows.append(_point(setting, "ppo_good", "train_kl_last", np.mean([r["kl"] for r in log[-k:]])))
        out.rows.append(_point(setting, "ppo_good", "episodes", len(log) * ppo_cfg.batch_size))
        x.evaluate_policy(out, setting, "ppo_good", model, seed)
    out.extra["logs"] = logs
    return out


# ---------------------------------------------------------------- Option 5: reward model


def reward_model(x: Part2, seed: int) -> Outcome:
    """Variants of the good RM: more steps, mean / attention pooling, a Bradley-Terry margin, and all
    of these combined (the candidate for an RM that really prefers good answers). Held-out pairwise
    accuracy with a bootstrap CI over pairs, next to the length-only baseline."""
    out, cfg = Outcome(), x.cfg
    base = cfg.reward_good
    g = x.grid["reward"]
    settings = [("baseline", base)]
    settings += [(f"steps={base.steps * f}", dataclasses.replace(base, steps=base.steps * f))
                 for f in g["steps_factor"]]
    settings += [(f"pooling={p}", dataclasses.replace(base, pooling=p)) for p in g["pooling"] if p != base.pooling]
    settings += [(f"margin={m}", dataclasses.replace(base, margin=m)) for m in g["margin"] if m != base.margin]
    combined = dataclasses.replace(base, steps=base.steps * max(g["steps_factor"] or [1]),
                                   pooling=(g["pooling"] or [base.pooling])[-1], margin=max(g["margin"] or [0.0]))
    settings.append(("combined", combined))
    train, heldout = x.pairs()
    tok = x.part1.reward_tokenizer
    features = pair_features(heldout, tok, cfg.data)
    curves = {}
    for setting, rcfg in settings:
        if setting == "baseline":
            model, log = x.reward_models()["good"][0], x.part1.logs("reward_models")["good"]
        else:
            folder = x.dir / "reward_model" / f"{_slug(setting)}_seed{seed}"
            if (folder / "reward_model.json").is_file():
                model, log = ScalarHeadModel.load(folder).to(x.device), json.loads((folder / "log.json").read_text())
            else:
                model, _ = x.part1.train_reward(rcfg, folder, train, heldout, x.samples(), seed, f"RM {setting}")
                log = json.loads((folder / "log.json").read_text())
        c, r = pair_rewards(model, features, tok.pad_token_id)
        out.rows.append(_accuracy_row(setting, "rm", (c > r).float().numpy(), seed))
        out.rows.append(_point(setting, "rm", "heldout_margin_mean", float((c - r).mean()), len(c)))
        out.rows.append(_point(setting, "rm", "steps", rcfg.steps))
        curves[setting] = log["heldout"]
    lengths = np.array([np.sign(len(a) - len(b)) for a, b in features], dtype=float)
    out.rows.append(_accuracy_row("length_only", "rm", np.where(lengths > 0, 1.0, np.where(lengths == 0, 0.5, 0.0)),
                                  seed))
    out.extra["heldout_curves"] = curves
    return out


# ---------------------------------------------------------------- Option 6: response length


def length(x: Part2, seed: int) -> Outcome:
    """Token cap, greedy vs sampling, stopping at the first natural sentence end, and trimming a capped
    answer back to its last full sentence."""
    out, base = Outcome(), x.cfg.eval.generation
    settings = [("baseline", base, {})]
    for n in x.grid["max_new_tokens"]:
        if n != base.max_new_tokens:
            settings.append((f"max_new_tokens={n}", dataclasses.replace(base, max_new_tokens=n), {}))
    longest = max([base.max_new_tokens, *x.grid["max_new_tokens"]])
    for n in sorted({base.max_new_tokens, longest}):
        settings.append((f"greedy,max_new_tokens={n}", dataclasses.replace(base, max_new_tokens=n, do_sample=False),
                         {}))
    settings.append((f"stop_at_sentence,max_new_tokens={longest}",
                     dataclasses.replace(base, max_new_tokens=longest), {"stop_at_sentence": True}))
    x.sweep(out, settings, x.grid["models"], seed)
    x.sweep(out, [("trim_to_sentence", base, {})], x.grid["models"], seed, post=trim_to_sentence)
    return out


# ---------------------------------------------------------------- Option 7: best-of-n


def best_of_n(x: Part2, seed: int) -> Outcome:
    """n samples per prompt, the good RM picks one. Candidate k is always sampled with the same seed,
    so best-of-n contains best-of-(n-1) and the selected score can only grow with n. The poor (and gold)
    RM scores of the selected answers show whether the gain is real or the selector's own taste."""
    out, gen = Outcome(), x.cfg.eval.generation
    prompts = x.prompts()
    ns = sorted(x.grid["best_of_n"])
    rm, rm_tok = x.reward_models()["good"]
    for model in x.grid["models"]:
        candidates = [x.generate(model, prompts, gen, seed * 1000 + k) for k in range(max(ns))]
        scores = torch.stack([score_texts(rm, rm_tok, prompts, c, x.cfg.data) for c in candidates])  # [K, P]
        for n in ns:
            pick = scores[:n].argmax(0)
            chosen = [candidates[int(k)][i] for i, k in enumerate(pick)]
            setting = "baseline" if n == 1 else f"n={n}"
            out.rows += x.measure(setting, model, prompts, chosen, seed)
            out.rows.append(_point(setting, model, "n", n))
            out.responses += [{"setting": setting, "model": model, "prompt": p, "response": r}
                              for p, r in zip(prompts, chosen)]
    return out


# ---------------------------------------------------------------- own ideas: DPO and a gold reward model


def dpo(x: Part2, seed: int) -> Outcome:
    """DPO (TRL's DPOTrainer) of the SFT policy on the same preference pairs, no reward model: compared with
    SFT and PPO-good under Part 1's decoding."""
    from rlhf_utils.dpo import train_dpo

    out = Outcome()
    train, _ = x.pairs()
    folder = x.dir / "dpo" / f"seed{seed}"
    log = train_dpo(x.part1.sft_model_dir, x.tokenizer, train, x.cfg.dpo, x.cfg.data, folder, seed, x.cfg.model)
    out.extra["log"] = log
    for label, model in (("sft", "sft"), ("ppo_good", "ppo_good"), ("dpo", str(folder / "model"))):
        x.evaluate_policy(out, "baseline", label, model, seed)
    return out


def gold_rm(x: Part2, seed: int) -> Outcome:
    """Reward over-optimisation (Gao et al., 2023): the training pairs are split in two; a proxy RM learns
    from one half, a gold RM (`gold_steps_factor` x the steps) from the other, so the gold RM never saw
    the proxy's data. PPO optimises the proxy while the gold RM watches every rollout. The gold RM is
    saved, and later experiments report `gold_rm_score` too."""
    out, cfg = Outcome(), x.cfg
    train, heldout = x.pairs()
    halves = {"proxy": train[0::2], "gold": train[1::2]}
    gold_steps = x.grid["gold_steps_factor"] * cfg.reward_good.steps
    rcfgs = {"proxy": cfg.reward_good, "gold": dataclasses.replace(cfg.reward_good, steps=gold_steps)}
    tok = x.part1.reward_tokenizer
    features = pair_features(heldout, tok, cfg.data)
    models = {}
    for name in ("proxy", "gold"):
        folder = x.dir / "gold_rm" / name
        if (folder / "reward_model.json").is_file():
            models[name] = ScalarHeadModel.load(folder).to(x.device).eval()
        else:
            models[name] = x.part1.train_reward(rcfgs[name], folder, halves[name], heldout, x.samples(),
                                                cfg.seed + 11 + (name == "gold"), f"{name} RM")[0]
        c, r = pair_rewards(models[name], features, tok.pad_token_id)
        out.rows.append(_accuracy_row(f"{name}_rm", "rm", (c > r).float().numpy(), seed))
    x._rms.pop("gold", None)

    def watch(prompts: list[str], responses: list[str]) -> torch.Tensor:
        return score_texts(models["gold"], tok, prompts, responses, cfg.data)

    ppo_cfg = dataclasses.replace(cfg.ppo, iterations=cfg.ppo.iterations * x.grid["gold_iterations_factor"])
    folder = x.dir / "gold_rm" / f"ppo_vs_proxy_seed{seed}"
    if not (folder / "log.json").is_file():
        x.part1.train_ppo_policy(models["proxy"], ppo_cfg, folder, "PPO vs proxy RM", monitors={"gold": watch},
                                 seed=seed)
        shutil.rmtree(folder / "checkpoint", ignore_errors=True)
    log = json.loads((folder / "log.json").read_text())
    out.extra["log"] = [{k: r[k] for k in ("iteration", "score", "gold_score", "kl")} for r in log]
    k = max(1, len(log) // 5)
    for key, metric in (("score", "train_proxy_reward"), ("gold_score", "train_gold_reward")):
        out.rows.append(_point("ppo_vs_proxy", "ppo_proxy", f"{metric}_first", np.mean([r[key] for r in log[:k]])))
        out.rows.append(_point("ppo_vs_proxy", "ppo_proxy", f"{metric}_last", np.mean([r[key] for r in log[-k:]])))
    rms = {"proxy": (models["proxy"], tok), "gold": (models["gold"], tok)}
    for model, path in (("sft", "sft"), ("ppo_proxy", str(folder / "model"))):
        responses = x.generate(path, x.prompts(), cfg.eval.generation, seed)
        scores = score_responses(rms, x.prompts(), responses, cfg.data)
        out.rows += _rows("ppo_vs_proxy", model, measure(responses, x.tokenizer, scores, seed=seed))
        out.responses += [{"setting": "ppo_vs_proxy", "model": model, "prompt": p, "response": r}
                          for p, r in zip(x.prompts(), responses)]
    x.forget(str(folder / "model"))
    peak = max(log, key=lambda r: r["gold_score"])
    out.notes.append(f"Gold reward peaked at iteration {peak['iteration']} (KL {peak['kl']:.2f} nats) at "
                     f"{peak['gold_score']:+.2f}; at the end proxy {log[-1]['score']:+.2f}, gold "
                     f"{log[-1]['gold_score']:+.2f}. A gold curve falling while the proxy rises is over-optimisation.")
    return out


# ---------------------------------------------------------------- bonus: activation steering


def steering(x: Part2, seed: int) -> Outcome:
    """Inference-time intervention: add alpha x (mean activation on chosen answers - mean activation on
    rejected answers) to the residual stream of one block of the SFT policy while it generates."""
    from rlhf_utils.steering import default_layer, steer, steering_vector

    out, gen = Outcome(), x.cfg.eval.generation
    model = x.model("sft")
    train, _ = x.pairs()
    rng = random.Random(seed)
    sample = rng.sample(train, min(len(train), 64))
    layer = default_layer(model)
    vector = steering_vector(model, x.tokenizer, [f"{p.prompt} {p.chosen}" for p in sample],
                             [f"{p.prompt} {p.rejected}" for p in sample], layer)
    out.extra.update(layer=layer, vector_norm=float(vector.norm()))
    prompts = x.prompts()
    for alpha in [0.0, *x.grid["steering_alphas"]]:
        with steer(model, vector, layer, alpha):
            responses = x.generate("sft", prompts, gen, seed)
        setting = "baseline" if alpha == 0 else f"alpha={alpha:g}"
        out.rows += x.measure(setting, "sft", prompts, responses, seed)
        out.responses += [{"setting": setting, "model": "sft", "prompt": p, "response": r}
                          for p, r in zip(prompts, responses)]
    out.notes.append(f"Steering vector from {len(sample)} preference pairs at block {layer}, norm "
                     f"{float(vector.norm()):.2f}; alpha multiplies it.")
    return out


# ---------------------------------------------------------------- A/B sheet sources


def systems_for_ab(out_dir: str | Path, names: list[str],
                   part1_dir: str | Path | None = None) -> dict[str, pd.DataFrame]:
    """Answers to put on a blind A/B sheet: `part1:MODEL` (Part 1's evaluation) or
    `EXPERIMENT:SETTING:MODEL` (an experiment's saved answers, first seed). name -> DataFrame(prompt, response)."""
    out_dir = Path(out_dir)
    part1_dir = Path(part1_dir) if part1_dir else out_dir / "part1"
    systems = {}
    for name in names:
        parts = name.split(":")
        if parts[0] == "part1" and len(parts) == 2:
            path, setting, model = part1_dir / "eval" / "responses.csv", None, parts[1]
        elif len(parts) == 3:
            path, setting, model = out_dir / parts[0] / "responses.csv", parts[1], parts[2]
        else:
            raise ConfigError(f"system {name!r} is malformed: write part1:MODEL or EXPERIMENT:SETTING:MODEL")
        if not path.is_file():
            raise FileNotFoundError(f"system {name!r} needs {path}, which does not exist: run that stage first")
        df = pd.read_csv(path, keep_default_na=False)
        df = df[df.model == model]
        if setting is not None:
            df = df[df.setting == setting]
            df = df[df.seed == df.seed.min()] if len(df) else df
        if df.empty:
            raise ConfigError(f"system {name!r} has no answers in {path}: check the setting and model names")
        systems[name] = df[["prompt", "response"]]
    return systems


# ---------------------------------------------------------------- registry


@dataclass(frozen=True)
class Experiment:
    run: Callable[[Part2, int], Outcome]
    plot: Callable[[str, pd.DataFrame, dict, Path], Any]
    """(experiment name, its result rows, Outcome.extra, figures folder) -> figure"""
    title: str


EXPERIMENTS: dict[str, Experiment] = {
    "diagnose": Experiment(diagnose, plots.plot_diagnosis, "Task 1: diagnosis"),
    "generation": Experiment(generation, plots.plot_generation_sweep, "Option 1: generation parameters"),
    "prompts": Experiment(prompts_experiment, plots.plot_settings, "Option 2: prompt engineering"),
    "sft_steps": Experiment(sft_steps, plots.plot_sft_steps, "Option 3: more SFT"),
    "ppo_hparams": Experiment(ppo_hparams, plots.plot_ppo_frontier, "Option 4: PPO hyper-parameters"),
    "reward_model": Experiment(reward_model, plots.plot_reward_variants, "Option 5: reward model"),
    "length": Experiment(length, plots.plot_settings, "Option 6: response length"),
    "best_of_n": Experiment(best_of_n, plots.plot_best_of_n, "Option 7: best-of-n with the reward model"),
    "gold_rm": Experiment(gold_rm, plots.plot_gold, "Own idea: a gold reward model (over-optimisation)"),
    "dpo": Experiment(dpo, plots.plot_settings, "Own idea: DPO, no reward model"),
    "steering": Experiment(steering, plots.plot_settings, "Bonus: activation steering"),
}
"""Every experiment, in report order."""
RUN_ORDER = ("diagnose", "gold_rm", *[name for name in EXPERIMENTS if name not in ("diagnose", "gold_rm")])
"""`run("all")` trains the gold RM early so that the later experiments report gold-RM scores too."""
