"""The homework's pieces by name, and `use()`: which implementation the pipeline runs.

Each `(*) TODO n` of Simple_RLHF.ipynb is a region of a library module (marked `# region TODO n`);
`tools/make_notebooks.py` copies it into its notebook cell. The library's functions are the defaults.
A notebook cell that defines them ends with `use(fn, ...)`: from then on the pipeline calls the
notebook's `fn` wherever it would call the library's function of the same name. Inside the regions the
pieces call each other by plain name, so in a notebook they find each other's notebook versions.

    use(compute_gae)            # the cell's compute_gae is what the PPO stage now runs
    where("compute_gae")        # 'notebook (__main__)' or 'library (rlhf_utils.ppo)'
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

from rlhf_utils.runtime import notice

STEPS: dict[str, tuple[str, str]] = {
    "format_prompt": ("TODO 1", "data"), "dolly_to_example": ("TODO 1", "data"),
    "tokenize_example": ("TODO 2", "data"), "sft_features": ("TODO 2", "data"),
    "setup_tokenizer": ("TODO 3", "models"), "load_tokenizer": ("TODO 3", "models"),
    "load_causal_lm": ("TODO 3", "models"),
    "sft_loss": ("TODO 4", "sft"), "train_sft": ("TODO 4", "sft"),
    "split_transcript": ("TODO 5", "data"), "hh_to_pair": ("TODO 5", "data"),
    "last_token_index": ("TODO 6", "reward"), "ScalarHeadModel": ("TODO 6", "reward"),
    "bradley_terry_loss": ("TODO 7", "reward"),
    "train_reward_model": ("TODO 8", "reward"),
    "normalize": ("TODO 9", "reward"),
    "response_mask": ("TODO 10", "generation"), "token_logprobs": ("TODO 10", "generation"),
    "response_logprobs": ("TODO 10", "generation"), "rollout": ("TODO 10", "generation"),
    "kl_per_token": ("TODO 11", "ppo"), "per_token_rewards": ("TODO 11", "ppo"),
    "masked_mean": ("TODO 12", "ppo"), "masked_whiten": ("TODO 12", "ppo"), "compute_gae": ("TODO 12", "ppo"),
    "policy_loss": ("TODO 13", "ppo"), "value_loss": ("TODO 13", "ppo"), "ppo_update": ("TODO 13", "ppo"),
    "train_ppo": ("TODO 14", "ppo"),
    "evaluate_models": ("TODO 15", "evaluation"),
    "generate_responses": ("Option 1", "generation"),
    "pool_hidden": ("Option 5", "reward"),
    "SentenceEndCriteria": ("Option 6", "generation"), "trim_to_sentence": ("Option 6", "generation"),
    "best_of_n_select": ("Option 7", "evaluation"),
}
"""name -> (the homework place it implements, library module under rlhf_utils) of every replaceable piece."""

_USED: dict[str, Callable[..., Any]] = {}


def use(*fns: Callable[..., Any]) -> None:
    """Run these functions (or classes) from now on wherever the pipeline, or Part 2, runs the library's piece
    of the same name. Raises ValueError for a name that is not one of STEPS."""
    for fn in fns:
        name = getattr(fn, "__name__", repr(fn))
        if name not in STEPS:
            raise ValueError(f"use({name}) is invalid: only these pieces can be replaced: {', '.join(STEPS)}")
        _USED[name] = fn
    notice("the pipeline now runs " + ", ".join(f"{getattr(f, '__name__', f)} ({where(f.__name__)})" for f in fns),
           once=False)


def get(name: str) -> Callable[..., Any]:
    """The implementation of piece `name` the pipeline runs: the one given to `use`, else the library's."""
    if name in _USED:
        return _USED[name]
    return getattr(importlib.import_module(f"rlhf_utils.{STEPS[name][1]}"), name)


def where(name: str) -> str:
    """'notebook (__main__)' or 'library (rlhf_utils.x)': where the running implementation of `name` was defined."""
    module = getattr(get(name), "__module__", "?")
    return f"{'library' if module.startswith('rlhf_utils') else 'notebook'} ({module})"


def reset() -> None:
    """Back to the library's implementations (tests call this between runs)."""
    _USED.clear()
