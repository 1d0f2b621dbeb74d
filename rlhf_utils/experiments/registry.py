"""Every Part 2 experiment by name: what it runs, how it is drawn, its title, the grid keys it reads; and the
order `run("all")` takes."""

from __future__ import annotations

from rlhf_utils.experiments import figures
from rlhf_utils.experiments.best_of_n import best_of_n
from rlhf_utils.experiments.diagnose import diagnose
from rlhf_utils.experiments.dpo_vs_ppo import dpo
from rlhf_utils.experiments.generation import generation
from rlhf_utils.experiments.gold_rm import gold_rm
from rlhf_utils.experiments.length import length
from rlhf_utils.experiments.outcome import Experiment
from rlhf_utils.experiments.ppo_hparams import ppo_hparams
from rlhf_utils.experiments.prompts import prompts_experiment
from rlhf_utils.experiments.reward_model import reward_model
from rlhf_utils.experiments.sft_steps import sft_steps
from rlhf_utils.experiments.steering import steering

EXPERIMENTS: dict[str, Experiment] = {
    "diagnose": Experiment(diagnose, figures.plot_diagnosis, "Task 1: diagnosis"),
    "generation": Experiment(generation, figures.plot_generation_sweep, "Option 1: generation parameters",
                             ("models", "generation")),
    "prompts": Experiment(prompts_experiment, figures.plot_settings, "Option 2: prompt engineering",
                          ("prompt_models", "few_shot_k")),
    "sft_steps": Experiment(sft_steps, figures.plot_sft_steps, "Option 3: more SFT", ("sft_steps", "sft_examples")),
    "ppo_hparams": Experiment(ppo_hparams, figures.plot_ppo_frontier, "Option 4: PPO hyper-parameters", ("ppo",)),
    "reward_model": Experiment(reward_model, figures.plot_reward_variants, "Option 5: reward model", ("reward",)),
    "length": Experiment(length, figures.plot_settings, "Option 6: response length", ("models", "max_new_tokens")),
    "best_of_n": Experiment(best_of_n, figures.plot_best_of_n, "Option 7: best-of-n with the reward model",
                            ("models", "best_of_n")),
    "gold_rm": Experiment(gold_rm, figures.plot_gold, "Own idea: a gold reward model (over-optimisation)",
                          ("gold_steps_factor", "gold_iterations_factor")),
    "dpo": Experiment(dpo, figures.plot_settings, "Own idea: DPO, no reward model"),
    "steering": Experiment(steering, figures.plot_settings, "Bonus: activation steering", ("steering_alphas",)),
}
"""Every experiment, in report order; `grid` names the Part2.grid keys it reads."""
RUN_ORDER = ("diagnose", "gold_rm", *[name for name in EXPERIMENTS if name not in ("diagnose", "gold_rm")])
"""`run("all")` trains the gold RM early so that the later experiments report gold-RM scores too."""
