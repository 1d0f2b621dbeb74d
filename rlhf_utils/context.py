"""What every stage needs: the run's settings, its pieces, the accelerator, tokenizers, models and data."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import torch

from rlhf_utils.cache import write_json
from rlhf_utils.config import ConfigError, RunConfig
from rlhf_utils.data import data_report, load_ppo_prompts, load_preference_pairs, load_sft_examples, load_test_prompts
from rlhf_utils.models import merge_lora, resolve_model_name
from rlhf_utils.pieces import Pieces
from rlhf_utils.profiles import check_runtime
from rlhf_utils.reads import Reads
from rlhf_utils.training import make_accelerator


class Context:
    """The run's settings `cfg`, the `pieces` its stages run (default: the library's), the accelerator, and the
    tokenizers of the policy and of the reward models (loaded on first use with `pieces.load_tokenizer`).
    `reads`: the settings these were built from, which every stage's result depends on (`reads.Reads`)."""

    def __init__(self, cfg: RunConfig, pieces: Pieces | None = None):
        self.cfg, self.pieces, self.reads = cfg, pieces if pieces is not None else Pieces(), Reads(cfg)
        with self.reads:
            check_runtime(cfg)
            self.accelerator = make_accelerator(cfg.model)

    @functools.cached_property
    def tokenizer(self):
        with self.reads:
            return self.pieces.load_tokenizer(self.cfg.model.policy, self.cfg.model)

    @functools.cached_property
    def reward_tokenizer(self):
        with self.reads:
            return self.pieces.load_tokenizer(self.cfg.model.reward, self.cfg.model)

    @property
    def device(self) -> torch.device:
        return self.accelerator.device

    @property
    def is_main(self) -> bool:
        return self.accelerator.is_main_process

    def load_base(self):
        """The untrained base policy (`model.policy`), on CPU."""
        return self.pieces.load_causal_lm(self.cfg.model.policy, self.cfg.model, self.cfg.seed)

    def load_policy(self, folder: str | Path):
        """A saved policy (SFT or PPO model folder), on CPU; a missing or damaged folder is a ValueError naming it."""
        try:
            return self.pieces.load_causal_lm(str(folder), self.cfg.model)
        except Exception as err:  # truncated weights, missing config, ...: the remedy is the same
            raise ValueError(f"model folder {folder} cannot be loaded ({type(err).__name__}): re-run with --force "
                             "to train it again") from None

    def save_policy(self, model: torch.nn.Module, folder: str | Path, log: Any) -> None:
        """A trained policy (LoRA adapters merged) with the tokenizer in folder/model and `log` in folder/log.json,
        written by the main process; then the accelerator lets go of the models it prepared."""
        if self.is_main:
            merge_lora(self.accelerator.unwrap_model(model)).save_pretrained(Path(folder) / "model")
            self.tokenizer.save_pretrained(Path(folder) / "model")
            write_json(Path(folder) / "log.json", log)
        self.accelerator.free_memory()  # prepare() keeps a reference to every model: let them go

    def sft_examples(self, n: int) -> list:
        """The first `n` shuffled SFT examples of the run's source (`data.load_sft_examples`)."""
        return load_sft_examples(self.cfg.data.sft_source, n, self.cfg.seed, self.pieces.dolly_to_example)

    def ppo_prompts(self) -> list[str]:
        d, p = self.cfg.data, self.pieces
        prompts = load_ppo_prompts(d.ppo_prompts_source, d.sft_source, d.sft_examples + self.cfg.sft.heldout_examples,
                                   self.cfg.seed, to_example=p.dolly_to_example, to_prompt=p.format_prompt)
        if not prompts:
            raise ConfigError(f"data.ppo_prompts_source={d.ppo_prompts_source!r} gives no prompts (dolly: every "
                              "example went to SFT): use embedded or a prompt file, or lower data.sft_examples")
        return prompts

    def test_prompts(self) -> list[str]:
        return load_test_prompts(self.cfg.data.test_prompts_source, self.cfg.eval.num_prompts,
                                 self.pieces.format_prompt)

    def preference_pairs(self) -> tuple[list, list]:
        """(train, held-out) preference pairs of this run's data settings."""
        d = self.cfg.data
        return load_preference_pairs(d.preference_source, d.preference_pairs, d.heldout_pairs, self.cfg.seed,
                                     d.preference_subset, self.pieces.hh_to_pair)

    @functools.cached_property
    def data_summary(self) -> dict:
        """Where the SFT and preference data came from and how many rows were skipped (`data.data_report`)."""
        return data_report(self.cfg.data, self.pieces.hh_to_pair)

    def check_inputs(self) -> None:
        """Read every data source and find both models before anything trains; a file that cannot serve its stage
        is an error naming it (DataError, with the line, for malformed rows), a model or dataset the hub cannot
        give a one-line HubError."""
        d = self.cfg.data
        for name in {self.cfg.model.policy, self.cfg.model.reward}:
            resolve_model_name(name, self.cfg.model)
        n_sft = len(self.sft_examples(d.sft_examples + self.cfg.sft.heldout_examples))
        if n_sft <= self.cfg.sft.heldout_examples:
            raise ConfigError(f"data.sft_source={d.sft_source!r} has {n_sft} usable examples: SFT needs more than "
                              f"sft.heldout_examples={self.cfg.sft.heldout_examples}")
        train, heldout = self.preference_pairs()
        if not train or not heldout:
            raise ConfigError(f"data.preference_source={d.preference_source!r} gives {len(train)} training and "
                              f"{len(heldout)} held-out pairs: the reward models need at least one of each")
        self.ppo_prompts()
        self.test_prompts()
