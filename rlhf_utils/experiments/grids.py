"""The settings each Part 2 experiment tries, per profile size."""

from __future__ import annotations

import dataclasses
from typing import Any

from rlhf_utils.config import RewardConfig

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
        "reward": {"steps_factor": [2], "pooling": ["mean", "attention"], "margin": [0.5],
                   "content": ["odin", "length_balanced", "length_residual", "sft_init"]},
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
        "reward": {"steps_factor": [], "pooling": ["mean"], "margin": [1.0], "content": ["odin", "length_residual"]},
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


CONTENT_VARIANTS = {
    "odin": {"objective": "odin"},
    "length_balanced": {"length_balance": True},
    "length_residual": {"length_correction": "residual"},
    "sft_init": {"init": "sft"},
}
"""Ways to make the RM learn content rather than length (rlhf_utils/reward_length.py): grid key `content`."""


def reward_variants(base: RewardConfig, g: dict) -> list[tuple[str, RewardConfig]]:
    """(setting, config): Part 1's good RM, one change at a time, and all of the changes combined."""
    settings = [("baseline", base)]
    settings += [(f"steps={base.steps * f}", dataclasses.replace(base, steps=base.steps * f))
                 for f in g["steps_factor"]]
    settings += [(f"pooling={p}", dataclasses.replace(base, pooling=p)) for p in g["pooling"] if p != base.pooling]
    settings += [(f"margin={m}", dataclasses.replace(base, margin=m)) for m in g["margin"] if m != base.margin]
    settings += [(name, dataclasses.replace(base, **CONTENT_VARIANTS[name])) for name in g.get("content", [])]
    combined = dataclasses.replace(base, steps=base.steps * max(g["steps_factor"] or [1]),
                                   pooling=(g["pooling"] or [base.pooling])[-1], margin=max(g["margin"] or [0.0]))
    settings.append(("combined", combined))
    return settings
