"""Every Part 2 experiment by name: what it runs, how it is drawn, its title, the grid keys it reads; and the
order `run("all")` takes."""

from __future__ import annotations

from rlhf_utils.experiments import figures
from rlhf_utils.experiments.best_of_n import best_of_n, best_of_n_cost
from rlhf_utils.experiments.diagnose import diagnose, diagnose_cost
from rlhf_utils.experiments.dpo_vs_ppo import dpo, dpo_cost
from rlhf_utils.experiments.generation import generation, generation_cost
from rlhf_utils.experiments.gold_rm import gold_rm, gold_rm_cost
from rlhf_utils.experiments.length import length, length_cost
from rlhf_utils.experiments.outcome import Experiment
from rlhf_utils.experiments.ppo_hparams import ppo_hparams, ppo_hparams_cost
from rlhf_utils.experiments.prompts import prompts_cost, prompts_experiment
from rlhf_utils.experiments.reward_model import reward_model, reward_model_cost
from rlhf_utils.experiments.sft_steps import sft_steps, sft_steps_cost
from rlhf_utils.experiments.steering import steering, steering_cost

EXPERIMENTS: dict[str, Experiment] = {
    "diagnose": Experiment(diagnose, figures.plot_diagnosis, "Task 1: diagnosis", cost=diagnose_cost),
    "generation": Experiment(generation, figures.plot_generation_sweep, "Option 1: generation parameters",
                             ("models", "generation"), generation_cost),
    "prompts": Experiment(prompts_experiment, figures.plot_settings, "Option 2: prompt engineering",
                          ("prompt_models", "few_shot_k"), prompts_cost),
    "sft_steps": Experiment(sft_steps, figures.plot_sft_steps, "Option 3: more SFT", ("sft_steps", "sft_examples"),
                            sft_steps_cost),
    "ppo_hparams": Experiment(ppo_hparams, figures.plot_ppo_frontier, "Option 4: PPO hyper-parameters", ("ppo",),
                              ppo_hparams_cost),
    "reward_model": Experiment(reward_model, figures.plot_reward_variants, "Option 5: reward model", ("reward",),
                               reward_model_cost),
    "length": Experiment(length, figures.plot_settings, "Option 6: response length", ("models", "max_new_tokens"),
                         length_cost),
    "best_of_n": Experiment(best_of_n, figures.plot_best_of_n, "Option 7: best-of-n with the reward model",
                            ("models", "best_of_n"), best_of_n_cost),
    "gold_rm": Experiment(gold_rm, figures.plot_gold, "Own idea: a gold reward model (over-optimisation)",
                          ("gold_steps_factor", "gold_iterations_factor"), gold_rm_cost),
    "dpo": Experiment(dpo, figures.plot_settings, "Own idea: DPO, no reward model", cost=dpo_cost),
    "steering": Experiment(steering, figures.plot_settings, "Bonus: activation steering", ("steering_alphas",),
                           steering_cost),
}
"""Every experiment, in report order; `grid` names the Part2.grid keys it reads."""
RUN_ORDER = ("diagnose", "gold_rm", *[name for name in EXPERIMENTS if name not in ("diagnose", "gold_rm")])
"""`run("all")` trains the gold RM early so that the later experiments report gold-RM scores too."""
