"""The whole run, stage by stage: SFT -> reward models (poor, good) -> PPO against each -> evaluation.

`Pipeline(cfg, out_dir).run()` is what `python -m rlhf_utils run` and the notebooks execute. Each stage
trains with the pieces it was given (`pieces.Pieces`: the library's functions, or a notebook's versions given to
`pieces.use`) and is cached with `cache.cached`: a re-run skips a stage whose settings
and upstream results are unchanged (a Colab disconnect loses at most the stage in progress, and PPO
resumes from its last checkpoint), unless `force=True`.

Run folder:
    config.json  metrics.json  figures/
    sft/model/  sft/log.json           (each stage folder also holds done.json)
    reward_models/{poor,good}/         (backbone/, head.safetensors, log.json)
    reward_models/normalization_samples.jsonl
    ppo/{poor,good}/model/             (+ log.json; checkpoint/ while PPO runs, for resuming)
    eval/responses.csv  eval/metrics.csv  eval/metrics.md  eval/responses.md
"""

from __future__ import annotations

import contextlib
import shutil
import time
from pathlib import Path
from typing import Any

import pandas as pd
import torch

from rlhf_utils import plots
from rlhf_utils.cache import FolderLock, cached, is_current, read_json, write_json
from rlhf_utils.config import ConfigError, RunConfig
from rlhf_utils.context import Context
from rlhf_utils.evaluation import length_controlled_scores, metric_cis, save_tables
from rlhf_utils.pieces import Pieces
from rlhf_utils.ppo_models import prompt_batch
from rlhf_utils.reads import Reads
from rlhf_utils.runtime import notice
from rlhf_utils.stages.ppo import ppo_summary, train_ppo_policy
from rlhf_utils.stages.reward import load_reward_model, normalization_samples, train_reward
from rlhf_utils.stages.sft import sft_summary, train_sft_policy
from rlhf_utils.training import seed_everything

STAGES = ("sft", "reward_models", "ppo", "eval")
RM_NAMES = ("poor", "good")


class Pipeline(Context):
    """One run of the homework's Part 1 in `out_dir` with `pieces` (default: the library's); call the stages in
    order, or `run()`."""

    def __init__(self, cfg: RunConfig, out_dir: str | Path, pieces: Pieces | None = None, force: bool = False):
        super().__init__(cfg, pieces)
        self.force, self.dir = force, Path(out_dir).expanduser()
        if self.dir.exists() and not self.dir.is_dir():
            raise ConfigError(f"--out {self.dir} is a file: give a folder for the run")
        self.dir.mkdir(parents=True, exist_ok=True)
        self.figures = self.dir / "figures"
        try:
            self.metrics: dict[str, Any] = read_json(self.dir / "metrics.json") or {}
        except ValueError:
            if not force:
                raise
            self.metrics = {}
        self.metrics.update(profile=cfg.profile)
        self.metrics.setdefault("timings_s", {})
        self.lock = FolderLock(self.dir) if self.is_main else contextlib.nullcontext()

    def is_current(self, stage: str) -> bool:
        """True when `stage`'s saved result read settings that still have those values, and was built on the
        current result of the stage before it (which, in turn, is current only if its own settings are)."""
        i = STAGES.index(stage)
        return is_current(self.dir / stage, None, [self.dir / STAGES[i - 1]] if i else [], self.reads)

    def _stage(self, stage: str, work) -> dict:
        """Run `work()` unless its cached result is current; record summary and seconds in metrics.json."""
        i = STAGES.index(stage)
        built_on = [self.dir / STAGES[i - 1]] if i else []

        ran = []

        def seeded_work() -> dict:
            seed_everything(self.cfg.seed)
            if torch.cuda.is_available():
                torch.cuda.reset_peak_memory_stats()
            ran.append(stage)
            return work()

        with self.lock:  # one run per folder: a second one is refused while this one trains
            if self.is_main:
                (self.dir / "config.json").write_text(self.cfg.to_json())
            done = cached(self.dir / stage, None, seeded_work, built_on, self.force, f"stage {stage!r}",
                          write=self.is_main, reads=Reads(self.cfg, self.reads))  # key: the settings it reads
        self.metrics["data"] = self.data_summary
        self.metrics["runtime"] = {"device": str(self.device), "mixed_precision": self.accelerator.mixed_precision,
                                   "processes": self.accelerator.num_processes}
        if ran and torch.cuda.is_available():  # peak memory of the stage's process 0, GiB
            memory = self.metrics.setdefault("peak_gpu_memory_gib", {})
            memory[stage] = round(torch.cuda.max_memory_allocated() / 2**30, 3)
        self.metrics[stage], timings = done["summary"], self.metrics["timings_s"]
        timings[stage] = done["seconds"]
        for j, later in enumerate(STAGES[i + 1:], i + 1):  # results built on an older version of this stage
            if not self.is_current(later):
                for name in STAGES[j:]:
                    self.metrics.pop(name, None)
                    timings.pop(name, None)
                break
        timings["total"] = sum(v for k, v in timings.items() if k != "total")
        if self.is_main:
            write_json(self.dir / "metrics.json", self.metrics)
        self.accelerator.wait_for_everyone()
        return done["summary"]

    # ------------------------------------------------------------ paths, models, prompts, logs

    @property
    def sft_model_dir(self) -> Path:
        return self.dir / "sft" / "model"

    def reward_dir(self, name: str) -> Path:
        return self.dir / "reward_models" / name

    def ppo_dir(self, name: str) -> Path:
        return self.dir / "ppo" / name

    def load_sft(self):
        return self.load_policy(self.sft_model_dir)

    def load_ppo(self, name: str):
        return self.load_policy(self.ppo_dir(name) / "model")

    def load_reward_model(self, name: str):
        return load_reward_model(self.reward_dir(name), self.pieces.ScalarHeadModel).to(self.device).eval()

    def logs(self, stage: str) -> dict:
        """Saved training logs: sft -> {"log", "heldout"}; reward_models / ppo -> {name: log}."""
        if stage == "sft":
            return read_json(self.dir / "sft" / "log.json")
        logs = {name: read_json(self.dir / stage / name / "log.json") for name in RM_NAMES}
        return {name: log for name, log in logs.items() if log is not None}

    # ------------------------------------------------------------ stages

    def sft(self) -> dict:
        """Step 1. Summary: loss_first / loss_last (means over the first / last 10% of steps), held-out loss."""
        return self._stage("sft", lambda: sft_summary(
            train_sft_policy(self, self.cfg.sft, self.cfg.data.sft_examples, self.dir / "sft")))

    def reward_models(self) -> dict:
        """Step 2: the poor and the good RM, normalised on SFT samples. Summary per RM: held-out accuracy, the same
        on the pairs whose chosen answer is shorter / longer, "longer wins" and the gap over it, ... (train_reward)"""
        def work() -> dict:
            cfg = self.cfg
            train, heldout = self.preference_pairs()
            n = max(cfg.reward_poor.normalize_samples, cfg.reward_good.normalize_samples)
            prompts = prompt_batch(self.ppo_prompts(), 0, n, cfg.seed + 7)
            samples = normalization_samples(self, self.sft_model_dir, prompts, n,
                                            self.dir / "reward_models" / "normalization_samples.jsonl")
            return {name: train_reward(self, getattr(cfg, f"reward_{name}"), self.reward_dir(name), train, heldout,
                                       samples, cfg.seed + i, f"{name} RM", self.sft_model_dir)[1]
                    for i, name in enumerate(RM_NAMES)}
        return self._stage("reward_models", work)

    def ppo(self) -> dict:
        """Step 3, once per RM. Summary per RM: reward_first / reward_last (means over the first / last 20% of
        iterations, normalised RM units), kl_last (nats per response), iterations."""
        summary = self._stage("ppo", lambda: {name: ppo_summary(train_ppo_policy(
            self, self.load_reward_model(name), self.cfg.ppo, self.ppo_dir(name), f"PPO vs {name} RM",
            self.sft_model_dir, self.ppo_prompts(), restart=self.force)) for name in RM_NAMES})
        if self.is_main:  # both policies are saved: the resume state (GBs on Drive) can go
            for name in RM_NAMES:
                shutil.rmtree(self.ppo_dir(name) / "checkpoint", ignore_errors=True)
        return summary

    def evaluate(self) -> dict:
        """Held-out evaluation of base, SFT and both PPO policies. Summary: {model: {metric: value}}, the metrics
        of `evaluate_models` and the good-RM score with length controlled (`length_controlled_scores`, SFT's
        line), each with its 95% bootstrap CI over prompts (`<metric>_ci_low`, `_ci_high`)."""
        def work() -> dict:
            loaders = {"base": self.load_base, "sft": self.load_sft,
                       "ppo_poor": lambda: self.load_ppo("poor"), "ppo_good": lambda: self.load_ppo("good")}
            rms = {name: (self.load_reward_model(name), self.reward_tokenizer) for name in ("good", "poor")}
            with self.accelerator.autocast():
                responses, metrics = self.pieces.evaluate_models(
                    loaders, self.tokenizer, self.test_prompts(), rms, self.cfg.eval.generation, self.cfg.data,
                    self.cfg.seed, str(self.device))
            metrics = metrics.join(length_controlled_scores(responses, self.tokenizer, seed=self.cfg.seed))
            metrics = metrics.join(metric_cis(responses, self.tokenizer, seed=self.cfg.seed))
            if self.is_main:
                save_tables(responses, metrics, self.dir / "eval")
            return {model: {k: float(v) for k, v in row.items()} for model, row in metrics.iterrows()}
        return self._stage("eval", work)

    # ------------------------------------------------------------ outputs

    def responses(self) -> pd.DataFrame:
        return pd.read_csv(self.dir / "eval" / "responses.csv", keep_default_na=False)

    def eval_metrics(self) -> pd.DataFrame:
        return pd.read_csv(self.dir / "eval" / "metrics.csv", index_col="model")

    def plot(self, stage: str):
        """Draw (and save into figures/) the figure of a finished stage; returns it (None off the main process)."""
        if not self.is_main:
            return None
        if stage == "sft":
            return plots.plot_sft(self.logs("sft")["log"], self.logs("sft")["heldout"], self.figures)
        if stage == "eval":
            return plots.plot_comparison(self.eval_metrics(), self.figures)
        if stage == "reward_models":
            return plots.plot_reward_models(self.logs(stage), self.figures, self.metrics.get("reward_models"))
        return plots.plot_ppo(self.logs(stage), self.figures)

    def run(self, stages: tuple[str, ...] = STAGES) -> dict:
        """Run (or skip, when done) the given stages in order and draw their figures; returns metrics.json's content."""
        unknown = [s for s in stages if s not in STAGES]
        if unknown:
            raise ConfigError(f"stages={','.join(unknown)} is invalid: allowed are {', '.join(STAGES)}")
        for i, stage in enumerate(STAGES):  # a stage not asked for must be current for those built on it
            later = [s for s in STAGES[i + 1:] if s in stages]
            if stage not in stages and later and not self.force and not self.is_current(stage):
                raise ConfigError(f"--stages {','.join(stages)} builds on stage {stage!r}, which is not done with "
                                  f"these settings: add it, e.g. --stages {stage},{','.join(later)}")
        t0 = time.perf_counter()
        self.check_inputs()
        with self.lock:
            for stage in (s for s in STAGES if s in stages):
                {"sft": self.sft, "reward_models": self.reward_models, "ppo": self.ppo, "eval": self.evaluate}[stage]()
                self.plot(stage)
        notice(f"done in {time.perf_counter() - t0:.0f} s: metrics in {self.dir / 'metrics.json'}, "
               f"figures in {self.figures}")
        return self.metrics
