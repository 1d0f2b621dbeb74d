"""Part 2: diagnosis and improvement experiments on top of a finished Part 1 run.

Every experiment reuses the Part 1 checkpoints (base, SFT, PPO policies, reward models), runs its
settings for each seed and appends tidy rows to `DIR/results.csv`:

    experiment, setting, model, metric, value, n, ci_low, ci_high, seed

(95% bootstrap intervals over prompts, or over pairs for reward-model accuracy; NaN where a value has no
sampling unit, e.g. a training loss). It also writes `DIR/<experiment>/` (table.md/.csv, examples.md,
responses.csv, outcome_seed<seed>/ and any trained models) and `DIR/figures/<experiment>.png/.pdf`, then
re-assembles `DIR/report.md`. The setting named `baseline` is always Part 1's. Saved outcomes and trained
variants are reused while their settings and the results they are built on are unchanged (`force=True`
redoes them).

    x = Part2.open("tiny", "runs/part2", part1_dir="runs/tiny")
    x.run("generation")                       # or: python -m rlhf_utils experiment generation ...

Grids: full in `colab`, `medium` and `smol`, reduced in `tiny` (GRIDS); `grids={...}` overrides any.
Modules: `core` (Part2, Outcome), `variants` (cached training), `grids`, `ab`, `figures`, `estimates` (estimated T4 /
CPU time and Drive space before running: `x.estimates(names)`, on `cost_model`), one module per experiment (its
run and its cost side by side).
"""

from __future__ import annotations

from rlhf_utils.experiments.ab import systems_for_ab
from rlhf_utils.experiments.best_of_n import best_of_n
from rlhf_utils.experiments.core import Part2
from rlhf_utils.experiments.diagnose import diagnose
from rlhf_utils.experiments.dpo_vs_ppo import dpo
from rlhf_utils.experiments.estimates import Estimate, estimate, estimate_table, format_estimates
from rlhf_utils.experiments.generation import generation
from rlhf_utils.experiments.gold_rm import gold_rm
from rlhf_utils.experiments.grids import GRIDS
from rlhf_utils.experiments.length import length
from rlhf_utils.experiments.outcome import PART1_POLICIES, Experiment, Outcome
from rlhf_utils.experiments.ppo_hparams import ppo_hparams
from rlhf_utils.experiments.prompts import prompt_styles, prompts_experiment
from rlhf_utils.experiments.registry import EXPERIMENTS, RUN_ORDER
from rlhf_utils.experiments.reward_model import reward_model
from rlhf_utils.experiments.sft_steps import sft_steps
from rlhf_utils.experiments.steering import steering

__all__ = ["EXPERIMENTS", "GRIDS", "PART1_POLICIES", "RUN_ORDER", "Estimate", "Experiment", "Outcome", "Part2",
           "best_of_n", "diagnose", "dpo", "estimate", "estimate_table", "format_estimates", "generation", "gold_rm",
           "length", "ppo_hparams", "prompt_styles", "prompts_experiment", "reward_model", "sft_steps", "steering",
           "systems_for_ab"]
