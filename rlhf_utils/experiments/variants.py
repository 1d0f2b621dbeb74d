"""Part 2's trained variants (SFT, reward models, PPO), each cached in its folder by rlhf_utils.cache.

A variant is reused only while its done.json fingerprint matches: its own config (dataclasses.asdict),
its seed, what it is trained on, the run's `seed`, `data` and `model` settings (not where it runs:
model.device and model.cache_dir), and the ids of the Part 1 stages (or RM folders) it is built on.
`Variants` is a part of `Part2`; every Part 1 trainer call of Part 2 goes through it.
"""

from __future__ import annotations

import dataclasses
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import torch

from rlhf_utils import cache
from rlhf_utils.reward import ScalarHeadModel
from rlhf_utils.stages.ppo import train_ppo_policy
from rlhf_utils.stages.reward import train_reward
from rlhf_utils.stages.sft import train_sft_policy


class Variants:
    """Cached training on top of a Part 1 run (`self.part1`), for Part2."""

    part1: Any
    cfg: Any
    force: bool
    device: Any
    _redone: set[Path]
    """Folders redone in this session (see cached)."""

    def config(self, *sections: str) -> dict[str, Any]:
        """The experiments' settings as a dict (only `sections` if given), without where they run
        (model.device, model.cache_dir): what a cache fingerprint is made of."""
        full = self.cfg.settings()
        return {k: full[k] for k in sections} if sections else full

    def cached(self, folder: Path, settings: Any, work: Callable[[], Any], built_on: list[Path], label: str) -> dict:
        """cache.cached with this Part 2's `force`, which redoes a folder once: a result shared by several
        seeds (the gold RM) is not redone for each, which would make the earlier seeds' runs stale."""
        force = self.force and folder not in self._redone
        self._redone.add(folder)
        return cache.cached(folder, settings, work, built_on, force=force, label=label)

    def _variant(self, kind: str, cfg: Any, seed: int, **more) -> dict[str, Any]:
        """Settings of a trained variant: its config, seed, anything in `more`, the run's data and model."""
        return {kind: dataclasses.asdict(cfg), "seed": seed, **more, "run": self.config("seed", "data", "model")}

    def train_sft(self, sft_cfg, n_examples: int, folder: Path, seed: int, label: str) -> dict:
        """An SFT variant of a fresh base model (or the saved one, when current): its log {"log", "heldout", ...}.
        Built on Part 1's SFT stage, whose data and seed settings it trains with."""
        def work() -> dict:
            torch.manual_seed(seed)
            result = train_sft_policy(self.part1, sft_cfg, n_examples, folder)
            return {"steps": sft_cfg.steps, "train_examples": result["train_examples"]}

        settings = self._variant("sft", sft_cfg, seed, examples=n_examples)
        self.cached(folder, settings, work, [self.part1.dir / "sft"], label)
        return cache.read_json(folder / "log.json")

    def train_rm(self, rcfg, folder: Path, train: list, heldout: list, seed: int, label: str,
                 split: str = "all") -> tuple[ScalarHeadModel, dict]:
        """A reward-model variant trained on the pairs `split` of `train` (or the saved one, when current),
        normalised on Part 1's samples: (model, log). Built on Part 1's SFT and reward_models stages."""
        trained = {}

        def work() -> dict:
            trained["model"], summary = train_reward(self.part1, rcfg, folder, train, heldout, self.samples(), seed,
                                                     label, self.part1.sft_model_dir)
            return summary

        settings = self._variant("reward", rcfg, seed, pairs=split)
        self.cached(folder, settings, work, [self.part1.dir / "sft", self.part1.dir / "reward_models"], label)
        model = trained["model"] if "model" in trained else self.load_rm(folder)
        return model, cache.read_json(folder / "log.json")

    def train_ppo(self, rm: ScalarHeadModel, ppo_cfg, folder: Path, seed: int, label: str, built_on: list[Path],
                  monitors: dict | None = None) -> list[dict]:
        """PPO of the SFT policy against `rm` (whose folder or stage belongs in `built_on`), or the saved run
        when current: its log. Watched by `monitors` (name -> scorer; their RMs belong in `built_on` too)."""
        def work() -> dict:
            log = train_ppo_policy(self.part1, rm, ppo_cfg, folder, label, self.part1.sft_model_dir,
                                   self.part1.ppo_prompts(), monitors=monitors, seed=seed, restart=self.force)
            shutil.rmtree(folder / "checkpoint", ignore_errors=True)  # the model is saved: resume state can go
            return {"iterations": len(log), "reward_last": log[-1]["score"], "kl_last": log[-1]["kl"]}

        settings = self._variant("ppo", ppo_cfg, seed, monitors=sorted(monitors or {}))
        self.cached(folder, settings, work, [self.part1.dir / "sft", *built_on], label)
        return cache.read_json(folder / "log.json")
