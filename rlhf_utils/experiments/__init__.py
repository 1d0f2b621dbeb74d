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
Modules: `core` (Part2, Outcome), `variants` (cached training), `grids`, `ab`, `estimates` (estimated T4 / CPU
time and Drive space before running: `x.estimates(names)`), one module per experiment.
"""

from __future__ import annotations

from rlhf_utils import plots
from rlhf_utils.experiments.ab import systems_for_ab
from rlhf_utils.experiments.best_of_n import best_of_n
from rlhf_utils.experiments.core import PART1_POLICIES, Experiment, Outcome, Part2
from rlhf_utils.experiments.diagnose import diagnose
from rlhf_utils.experiments.dpo_vs_ppo import dpo
from rlhf_utils.experiments.estimates import Estimate, estimate, estimate_table, format_estimates
from rlhf_utils.experiments.generation import generation
from rlhf_utils.experiments.gold_rm import gold_rm
from rlhf_utils.experiments.grids import GRIDS
from rlhf_utils.experiments.length import length
from rlhf_utils.experiments.ppo_hparams import ppo_hparams
from rlhf_utils.experiments.prompts import prompt_styles, prompts_experiment
from rlhf_utils.experiments.reward_model import reward_model
from rlhf_utils.experiments.sft_steps import sft_steps
from rlhf_utils.experiments.steering import steering

EXPERIMENTS: dict[str, Experiment] = {
    "diagnose": Experiment(diagnose, plots.plot_diagnosis, "Task 1: diagnosis"),
    "generation": Experiment(generation, plots.plot_generation_sweep, "Option 1: generation parameters",
                             ("models", "generation")),
    "prompts": Experiment(prompts_experiment, plots.plot_settings, "Option 2: prompt engineering",
                          ("prompt_models", "few_shot_k")),
    "sft_steps": Experiment(sft_steps, plots.plot_sft_steps, "Option 3: more SFT", ("sft_steps", "sft_examples")),
    "ppo_hparams": Experiment(ppo_hparams, plots.plot_ppo_frontier, "Option 4: PPO hyper-parameters", ("ppo",)),
    "reward_model": Experiment(reward_model, plots.plot_reward_variants, "Option 5: reward model", ("reward",)),
    "length": Experiment(length, plots.plot_settings, "Option 6: response length", ("models", "max_new_tokens")),
    "best_of_n": Experiment(best_of_n, plots.plot_best_of_n, "Option 7: best-of-n with the reward model",
                            ("models", "best_of_n")),
    "gold_rm": Experiment(gold_rm, plots.plot_gold, "Own idea: a gold reward model (over-optimisation)",
                          ("gold_steps_factor", "gold_iterations_factor")),
    "dpo": Experiment(dpo, plots.plot_settings, "Own idea: DPO, no reward model"),
    "steering": Experiment(steering, plots.plot_settings, "Bonus: activation steering", ("steering_alphas",)),
}
"""Every experiment, in report order; `grid` names the Part2.grid keys it reads."""
RUN_ORDER = ("diagnose", "gold_rm", *[name for name in EXPERIMENTS if name not in ("diagnose", "gold_rm")])
"""`run("all")` trains the gold RM early so that the later experiments report gold-RM scores too."""

__all__ = ["EXPERIMENTS", "GRIDS", "PART1_POLICIES", "RUN_ORDER", "Estimate", "Experiment", "Outcome", "Part2",
           "best_of_n", "diagnose", "dpo", "estimate", "estimate_table", "format_estimates", "generation", "gold_rm",
           "length", "ppo_hparams", "prompt_styles", "prompts_experiment", "reward_model", "sft_steps", "steering",
           "systems_for_ab"]
