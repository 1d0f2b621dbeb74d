"""What an experiment returns and the rows it is made of: the small vocabulary every Part 2 module shares (so none
of them imports the runner, `core.Part2`, for more than a type)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from rlhf_utils.stats import bootstrap_ci

if TYPE_CHECKING:
    from rlhf_utils.experiments.core import Part2


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


@dataclass(frozen=True)
class Experiment:
    run: Callable[[Part2, int], Outcome]
    plot: Callable[[str, pd.DataFrame, dict, Path], Any]
    """(experiment name, its result rows, Outcome.extra, figures folder) -> figure"""
    title: str
    grid: tuple[str, ...] = ()
    """The keys of Part2.grid the experiment reads: part of its saved outcome's fingerprint."""
    cost: Callable[[Any], None] | None = None
    """Counts its work on an `estimates.Tally` (the same loops as `run`): what its estimate is made of."""


PART1_POLICIES = ("base", "sft", "ppo_poor", "ppo_good")


def slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9.=_-]+", "_", text).strip("_")


def answers(setting: str, model: str, prompts: list[str], responses: list[str]) -> list[dict]:
    return [{"setting": setting, "model": model, "prompt": p, "response": r} for p, r in zip(prompts, responses)]


def point(setting: str, model: str, metric: str, value: float, n: int = 0, ci: tuple[float, float] | None = None):
    low, high = ci if ci else (float("nan"), float("nan"))
    return {"setting": setting, "model": model, "metric": metric, "value": float(value), "n": n,
            "ci_low": low, "ci_high": high}


def accuracy_row(setting: str, model: str, correct: np.ndarray, seed: int, metric: str = "heldout_accuracy"):
    ci = bootstrap_ci(len(correct), lambda idx: float(correct[idx].mean()), seed=seed, bounds=(0.0, 1.0))
    return point(setting, model, metric, float(correct.mean()), len(correct), ci)
