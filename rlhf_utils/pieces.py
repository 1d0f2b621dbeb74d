"""The homework's pieces, handed to the pipeline as one object: `Pipeline(cfg, out, pieces)`.

Each `(*) TODO n` of Simple_RLHF.ipynb (and each Option of Improved_RLHF.ipynb) is a region of a library module
(marked `# region TODO n`); `tools/make_notebooks.py` copies it into its notebook cell. A `Pieces()` holds the
library's functions; a notebook cell that defines its own ends with `pieces.use(fn, ...)`, and from then on the
pipeline built with that `pieces` runs the cell's `fn`. The stages call the fields of their `pieces` (the
tokenizer and model loaders, the three training loops, the RM class, loss and normalisation, the data
converters, `response_logprobs`, `evaluate_models`, the Option pieces); the other fields are called by plain
name from inside those regions, so in a notebook they find each other's notebook versions.

    pieces = Pieces()
    pieces.use(compute_gae)            # this cell's compute_gae is what train_ppo's cell sees
    pieces.where("train_ppo")          # 'notebook (__main__)' or 'library (rlhf_utils.ppo)'
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from rlhf_utils import data, evaluation, generation, models, ppo, reward, sft
from rlhf_utils.runtime import notice

PLACES: dict[str, str] = {
    "format_prompt": "TODO 1", "dolly_to_example": "TODO 1", "tokenize_example": "TODO 2", "sft_features": "TODO 2",
    "setup_tokenizer": "TODO 3", "load_tokenizer": "TODO 3", "load_causal_lm": "TODO 3", "sft_loss": "TODO 4",
    "train_sft": "TODO 4", "split_transcript": "TODO 5", "hh_to_pair": "TODO 5", "last_token_index": "TODO 6",
    "ScalarHeadModel": "TODO 6", "bradley_terry_loss": "TODO 7", "train_reward_model": "TODO 8",
    "normalize": "TODO 9", "response_mask": "TODO 10", "token_logprobs": "TODO 10", "response_logprobs": "TODO 10",
    "rollout": "TODO 10", "kl_per_token": "TODO 11", "per_token_rewards": "TODO 11", "masked_mean": "TODO 12",
    "masked_whiten": "TODO 12", "compute_gae": "TODO 12", "policy_loss": "TODO 13", "value_loss": "TODO 13",
    "ppo_update": "TODO 13", "train_ppo": "TODO 14", "evaluate_models": "TODO 15",
    "generate_responses": "Option 1", "pool_hidden": "Option 5", "SentenceEndCriteria": "Option 6",
    "trim_to_sentence": "Option 6", "best_of_n_select": "Option 7",
}
"""name -> the homework place it implements, for every piece a notebook can replace."""

Fn = Callable[..., Any]


@dataclass
class Pieces:
    """The implementation of every replaceable piece a pipeline runs (default: the library's)."""

    format_prompt: Fn = data.format_prompt
    dolly_to_example: Fn = data.dolly_to_example
    tokenize_example: Fn = data.tokenize_example
    sft_features: Fn = data.sft_features
    setup_tokenizer: Fn = models.setup_tokenizer
    load_tokenizer: Fn = models.load_tokenizer
    load_causal_lm: Fn = models.load_causal_lm
    sft_loss: Fn = sft.sft_loss
    train_sft: Fn = sft.train_sft
    split_transcript: Fn = data.split_transcript
    hh_to_pair: Fn = data.hh_to_pair
    last_token_index: Fn = reward.last_token_index
    ScalarHeadModel: type = reward.ScalarHeadModel
    bradley_terry_loss: Fn = reward.bradley_terry_loss
    train_reward_model: Fn = reward.train_reward_model
    normalize: Fn = reward.normalize
    response_mask: Fn = generation.response_mask
    token_logprobs: Fn = generation.token_logprobs
    response_logprobs: Fn = generation.response_logprobs
    rollout: Fn = generation.rollout
    kl_per_token: Fn = ppo.kl_per_token
    per_token_rewards: Fn = ppo.per_token_rewards
    masked_mean: Fn = ppo.masked_mean
    masked_whiten: Fn = ppo.masked_whiten
    compute_gae: Fn = ppo.compute_gae
    policy_loss: Fn = ppo.policy_loss
    value_loss: Fn = ppo.value_loss
    ppo_update: Fn = ppo.ppo_update
    train_ppo: Fn = ppo.train_ppo
    evaluate_models: Fn = evaluation.evaluate_models
    generate_responses: Fn = generation.generate_responses
    pool_hidden: Fn = reward.pool_hidden
    SentenceEndCriteria: type = generation.SentenceEndCriteria
    trim_to_sentence: Fn = generation.trim_to_sentence
    best_of_n_select: Fn = evaluation.best_of_n_select

    def use(self, *fns: Fn) -> Pieces:
        """Run these functions (or classes) from now on in place of the pieces of the same name; returns self.
        A name that is not a piece is a ValueError listing those that are."""
        for fn in fns:
            name = getattr(fn, "__name__", repr(fn))
            if name not in PLACES:
                raise ValueError(f"use({name}) is invalid: only these pieces can be replaced: {', '.join(PLACES)}")
            setattr(self, name, fn)
        notice("the pipeline now runs " + ", ".join(f"{f.__name__} ({self.where(f.__name__)})" for f in fns),
               once=False)
        return self

    def where(self, name: str) -> str:
        """'notebook (__main__)' or 'library (rlhf_utils.x)': where the piece `name` it runs was defined."""
        module = getattr(getattr(self, name), "__module__", "?")
        return f"{'library' if module.startswith('rlhf_utils') else 'notebook'} ({module})"
