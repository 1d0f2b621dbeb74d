"""What every Part 2 experiment shares: the `Outcome` of one run, tidy-row helpers and `Part2`, which loads
Part 1's models, trains variants (`variants.Variants`) and runs experiments, reusing an experiment's outcome
saved per seed in `DIR/<experiment>/outcome_seed<seed>/` while its settings and upstream results are unchanged.
"""

from __future__ import annotations

import copy
import dataclasses
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd
import torch

from rlhf_utils import cache, report
from rlhf_utils.config import ConfigError, GenerationConfig, RunConfig, validate
from rlhf_utils.data import load_preference_pairs
from rlhf_utils.evaluation import measure, score_responses, token_lengths
from rlhf_utils.experiments.estimates import estimate_table
from rlhf_utils.experiments.grids import GRIDS
from rlhf_utils.experiments.outcome import PART1_POLICIES, Experiment, Outcome, answers
from rlhf_utils.experiments.registry import EXPERIMENTS, RUN_ORDER
from rlhf_utils.experiments.variants import Variants
from rlhf_utils.pieces import Pieces
from rlhf_utils.pipeline import STAGES, Pipeline
from rlhf_utils.profiles import config_from_dict, load_config, set_value
from rlhf_utils.reward import ScalarHeadModel
from rlhf_utils.runtime import notice
from rlhf_utils.stages.reward import load_reward_model
from rlhf_utils.stats import fit_length_line


def _plain(value: Any) -> Any:
    """JSON for numpy and torch values (scalars keep their int / float type)."""
    return value.tolist() if hasattr(value, "tolist") else float(value)


class Part2(Variants):
    """The experiments of Part 2 over one Part 1 run. Create with `Part2.open(...)`; `force=True` redoes
    experiments and trained variants (once per Part2) even when their saved results are current."""

    def __init__(self, part1: Pipeline, cfg: RunConfig, out_dir: str | Path, seeds: int = 1,
                 grids: dict[str, Any] | None = None, force: bool = False):
        if seeds < 1:
            raise ConfigError(f"seeds={seeds} is invalid: must be an integer >= 1")
        self.part1, self.cfg, self.force, self._redone = part1, cfg, force, set()
        self.dir = Path(out_dir).expanduser()
        self.dir.mkdir(parents=True, exist_ok=True)
        self.figures = self.dir / "figures"
        self.gold_dir = self.dir / "gold_rm" / "gold"
        self.seeds = [cfg.seed + i for i in range(seeds)]
        self.grid = copy.deepcopy(GRIDS["tiny" if cfg.profile == "tiny" else "full"])
        for key, value in (grids or {}).items():
            if key not in self.grid:
                raise ConfigError(f"grid {key!r} is unknown: allowed are {', '.join(self.grid)}")
            self.grid[key] = value
        self.accelerator, self.tokenizer, self.reward_tokenizer = part1.accelerator, part1.tokenizer, \
            part1.reward_tokenizer
        self.device = self.accelerator.device
        self.pieces = part1.pieces
        self._models: dict[str, Any] = {}
        self._rms: dict[str, tuple[ScalarHeadModel, Any]] = {}
        self._length_line: tuple[float, float] | None = None

    @classmethod
    def open(cls, profile: str, out_dir: str | Path, part1_dir: str | Path | None = None,
             overrides: list[str] | None = None, seeds: int = 1, grids: dict[str, Any] | None = None,
             run_part1: bool = True, part1_cfg: RunConfig | None = None, force: bool = False,
             create_part1: bool = False, pieces: Pieces | None = None) -> Part2:
        """Experiments in `out_dir` over the Part 1 run in `part1_dir` (default `out_dir/part1`).

        The Part 1 run keeps the settings it was trained with (its config.json); when it does not exist
        yet it is created from `part1_cfg` (default: the `profile`) and trained first (`run_part1`).
        `overrides` change the settings of the experiments only, e.g. the baseline decoding
        `eval.generation.max_new_tokens=60`. `force` redoes experiments and variants (not Part 1). A
        `part1_dir` given but holding no run is a ConfigError unless `create_part1` (a mistyped folder must not
        start a whole Part 1 training). `pieces`: what Part 1 and every experiment run (default: the library's).
        """
        out_dir = Path(out_dir).expanduser()
        saved = (Path(part1_dir).expanduser() if part1_dir else out_dir / "part1") / "config.json"
        if part1_dir and not saved.is_file() and not create_part1:
            raise ConfigError(f"--part1 {part1_dir} holds no Part 1 run (no config.json): give the folder of a Part 1 "
                              "run, or add --train-part1 to train Part 1 there")
        part1_dir = saved.parent
        if saved.is_file():
            part1_cfg = config_from_dict(json.loads(saved.read_text()))
        part1_cfg = part1_cfg or load_config(profile)
        part1 = Pipeline(part1_cfg, part1_dir, pieces)
        if run_part1:
            part1.run()
        cfg = copy.deepcopy(part1_cfg)
        for item in overrides or []:
            key, sep, value = item.partition("=")
            if not sep:
                raise ConfigError(f"override {item!r} is malformed: write key=value, e.g. eval.generation.top_p=0.9")
            set_value(cfg, key.strip(), value.strip())
        validate(cfg)
        return cls(part1, cfg, out_dir, seeds, grids, force)

    # ------------------------------------------------------------ Part 1's models and data

    def model(self, name: str):
        """A Part 1 policy (`base`, `sft`, `ppo_poor`, `ppo_good`) or a saved model folder, cached."""
        if name not in self._models:
            loaders = {"base": self.part1.load_base, "sft": self.part1.load_sft,
                       "ppo_poor": lambda: self.part1.load_ppo("poor"), "ppo_good": lambda: self.part1.load_ppo("good")}
            load = loaders.get(name) or (lambda: self.part1.load_policy(name))
            self._models[name] = load().to(self.device).eval()
        return self._models[name]

    def forget(self, name: str) -> None:
        self._models.pop(name, None)

    def reward_models(self) -> dict[str, tuple[ScalarHeadModel, Any]]:
        """Part 1's good and poor RMs, plus the gold RM once the gold_rm experiment has trained it."""
        if not self._rms:
            for name in ("good", "poor"):
                self._rms[name] = (self.part1.load_reward_model(name), self.reward_tokenizer)
        if "gold" not in self._rms and cache.record(self.gold_dir):
            self._rms["gold"] = (self.load_rm(self.gold_dir), self.reward_tokenizer)
        return self._rms

    def load_rm(self, folder: Path) -> ScalarHeadModel:
        return load_reward_model(folder, self.pieces.ScalarHeadModel).to(self.device).eval()

    def part1_log(self, stage: str, name: str | None = None) -> Any:
        """Part 1's saved training log of `stage` (sft, reward_models, ppo), of RM / policy `name` if given."""
        logs = self.part1.logs(stage)
        return logs if name is None else logs.get(name)

    def prompts(self) -> list[str]:
        return self.part1.test_prompts()

    def samples(self) -> tuple[list[str], list[str]]:
        """Part 1's normalisation samples (SFT responses to training prompts), to normalise new RMs alike."""
        path = self.part1.dir / "reward_models" / "normalization_samples.jsonl"
        rows = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
        return [r["prompt"] for r in rows], [r["response"] for r in rows]

    def pairs(self):
        d = self.cfg.data
        return load_preference_pairs(d.preference_source, d.preference_pairs, d.heldout_pairs, self.cfg.seed,
                                     d.preference_subset, self.pieces.hh_to_pair)

    # ------------------------------------------------------------ generating and measuring

    def generate(self, model: str, prompts: list[str], gen: GenerationConfig, seed: int, **extra) -> list[str]:
        with self.accelerator.autocast():
            kwargs = {**dataclasses.asdict(gen), "max_prompt_tokens": self.cfg.data.max_prompt_tokens, **extra}
            return self.pieces.generate_responses(self.model(model), self.tokenizer, prompts, seed=seed, **kwargs)

    def length_line(self) -> tuple[float, float]:
        """Part 1's SFT line `good-RM score = a + b * length` (policy tokens) over its held-out answers, the line
        Part 1's `good_rm_score_length_controlled` removes; Part 2 removes the same one, so the two compare."""
        if self._length_line is None:
            sft = self.part1.responses().query("model == 'sft'")
            lengths = token_lengths(sft["response"], self.tokenizer)
            self._length_line = fit_length_line(lengths, sft["good_rm_score"].to_numpy(dtype=float))
        return self._length_line

    def measure(self, setting: str, model: str, prompts: list[str], responses: list[str], seed: int,
                rms: dict | None = None) -> list[dict]:
        """Rows of every metric (scores of `prompt + response` by `rms`, default reward_models(), and text
        metrics) with bootstrap CIs; with Part 1's good RM also `good_rm_score_length_controlled` (`length_line`
        removed), which reads about 0 for a gain over SFT that is only length."""
        scores = score_responses(rms or self.reward_models(), prompts, responses, self.cfg.data,
                                 self.pieces.tokenize_example)
        measured = measure(responses, self.tokenizer, scores, seed=seed,
                           length_line=self.length_line() if rms is None else None)
        return [{"setting": setting, "model": model, **m} for m in measured]

    def answer(self, out: Outcome, setting: str, label: str, prompts: list[str], responses: list[str], seed: int,
               rms: dict | None = None) -> None:
        """Measure `responses` to `prompts` into `out` as (setting, label), and keep them as examples."""
        out.rows += self.measure(setting, label, prompts, responses, seed, rms)
        out.responses += answers(setting, label, prompts, responses)

    def sweep(self, out: Outcome, settings: list[tuple[str, GenerationConfig, dict]], models: list[str],
              seed: int, post: Callable[[str], str] | None = None) -> None:
        """Generate and measure every (setting, model) on the held-out prompts into `out`."""
        prompts = self.prompts()
        for model in models:
            for setting, gen, extra in settings:
                responses = self.generate(model, prompts, gen, seed, **extra)
                if post:
                    responses = [post(r) for r in responses]
                self.answer(out, setting, model, prompts, responses, seed)

    def evaluate_policy(self, out: Outcome, setting: str, label: str, model: str, seed: int,
                        rms: dict | None = None) -> None:
        """Answer the held-out prompts with `model` (a Part 1 name or a folder) under Part 1's decoding and
        measure them into `out` as (setting, label). A folder's model is unloaded afterwards."""
        prompts = self.prompts()
        responses = self.generate(model, prompts, self.cfg.eval.generation, seed)
        self.answer(out, setting, label, prompts, responses, seed, rms)
        if model not in PART1_POLICIES:
            self.forget(model)

    # ------------------------------------------------------------ running

    def estimates(self, names: list[str] | str) -> pd.DataFrame:
        """Estimated (not measured) T4 and CPU minutes and Drive MB of experiments `names` (or "all") with this
        Part2's settings and grid, one seed each, and a total row: see `estimates.estimate_table`."""
        return estimate_table(names, self.cfg, self.grid, len(self.prompts()))

    def run(self, name: str) -> pd.DataFrame:
        """Run one experiment (or `all`) for every seed; returns its aggregated results table. A seed's
        outcome saved with the same settings on the same Part 1 (and gold RM) results is reused."""
        if name == "all":
            for each in RUN_ORDER:
                self.run(each)
            return report.read_results(self.dir)
        if name not in EXPERIMENTS:
            raise ConfigError(f"experiment {name!r} is unknown: allowed are all, {', '.join(EXPERIMENTS)}")
        outcomes = [self.outcome(name, EXPERIMENTS[name], seed) for seed in self.seeds]
        rows = self.write_tables(name, outcomes)
        EXPERIMENTS[name].plot(name, rows, outcomes[0].extra, self.figures)
        report.build_report(self.dir, EXPERIMENTS, self.part1.dir)
        notice(f"experiment {name!r}: {len(rows)} rows in {self.dir / 'results.csv'}, report in "
               f"{self.dir / 'report.md'}", once=False)
        return report.aggregate(rows)

    def outcome(self, name: str, spec: Experiment, seed: int) -> Outcome:
        """One seed of experiment `name`: run, or read from DIR/name/outcome_seed<seed>/ when current."""
        folder = self.dir / name / f"outcome_seed{seed}"

        def work() -> dict:
            torch.manual_seed(seed)
            outcome = spec.run(self, seed)
            folder.mkdir(parents=True, exist_ok=True)
            (folder / "outcome.json").write_text(json.dumps(dataclasses.asdict(outcome), default=_plain))
            return {"rows": len(outcome.rows), "responses": len(outcome.responses)}

        settings = {"experiment": name, "seed": seed, "config": self.config(),
                    "grid": {key: self.grid[key] for key in spec.grid}}
        built_on = [self.part1.dir / stage for stage in STAGES] + ([] if name == "gold_rm" else [self.gold_dir])
        self.cached(folder, settings, work, built_on, f"experiment {name!r} (seed {seed})")
        outcome = Outcome(**json.loads((folder / "outcome.json").read_text()))
        for row in outcome.rows:
            row.update(experiment=name, seed=seed)
        for row in outcome.responses:
            row["seed"] = seed
        return outcome

    def write_tables(self, name: str, outcomes: list[Outcome]) -> pd.DataFrame:
        """results.csv rows and DIR/name/ (responses, table, examples, notes, extra) of the outcomes."""
        folder = self.dir / name
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
        return rows

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
