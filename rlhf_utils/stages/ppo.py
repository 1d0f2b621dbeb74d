"""The PPO stage: a fresh copy of the SFT policy (and its value model) trained by the run's `train_ppo` (TODO 14)
against a reward model, resumed from its checkpoint when that was made with the same settings, saved, summarised."""

from __future__ import annotations

import copy
import dataclasses
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

import torch

from rlhf_utils.cache import fingerprint, read_json, write_json
from rlhf_utils.config import PPOConfig
from rlhf_utils.models import add_lora, load_backbone, same_tokenizer
from rlhf_utils.ppo_models import PPOModels
from rlhf_utils.runtime import notice
from rlhf_utils.training import TrainingDiverged, first_last

if TYPE_CHECKING:
    from rlhf_utils.context import Context


def checkpoint_key(ctx: Context, ppo_cfg: PPOConfig, reward_model: torch.nn.Module, sft_dir: str | Path,
                   prompts: list[str], seed: int, monitors: dict | None) -> str:
    """What a PPO resume checkpoint was made with: the PPO settings, the run's seed, data and model settings,
    the prompts, the monitors, the SFT stage's result id and the reward model's head (which changes whenever
    the RM is retrained)."""
    head = {k: v.detach().cpu().float().flatten()[:64].tolist() for k, v in reward_model.state_dict().items()
            if not k.startswith("backbone.")}
    tree = ctx.cfg.settings()
    settings = {"ppo": dataclasses.asdict(ppo_cfg), "seed": seed, "data": tree["data"], "model": tree["model"],
                "prompts": prompts, "monitors": sorted(monitors or {}), "reward_head": head}
    return fingerprint(settings, built_on=[Path(sft_dir).parent])


def train_ppo_policy(ctx: Context, reward_model: torch.nn.Module, ppo_cfg: PPOConfig, folder: str | Path,
                     desc: str, sft_dir: str | Path, prompts: list[str], monitors: dict | None = None,
                     seed: int | None = None, restart: bool = False) -> list[dict]:
    """PPO (with `ctx.pieces.train_ppo`) of a fresh copy of the SFT policy against
    `reward_model`; saves folder/model and folder/log.json, resumes from folder/checkpoint when that was made
    with the same settings and upstream results (else, or with `restart`, discards it and starts over).
    Returns the log. Part 1's PPO stage and Part 2's PPO variants both use it."""
    folder, seed = Path(folder), ctx.cfg.seed if seed is None else seed
    key = checkpoint_key(ctx, ppo_cfg, reward_model, sft_dir, prompts, seed, monitors)
    saved = read_json(folder / "checkpoint_key.json") or {}
    if (folder / "checkpoint").exists() and (restart or saved.get("key") != key) and ctx.is_main:
        why = "a new run was asked for" if restart else "it was made with other settings or upstream results"
        notice(f"{desc}: the resume checkpoint in {folder / 'checkpoint'} is discarded ({why}); starting over",
               once=False)
        shutil.rmtree(folder / "checkpoint")
    if ctx.is_main:
        write_json(folder / "checkpoint_key.json", {"key": key})
    policy, ref = add_lora(ctx.load_policy(sft_dir), ctx.cfg.model).to(ctx.device), ctx.load_policy(sft_dir)
    value_model = None  # ppo.value_model="shared": train_ppo puts a value head on the policy
    if ppo_cfg.value_model == "separate":
        if ppo_cfg.value_init == "reward" and same_tokenizer(ctx.tokenizer, ctx.reward_tokenizer):
            value_model = copy.deepcopy(reward_model)
        else:
            if ppo_cfg.value_init == "reward":
                notice("the reward model's tokenizer differs from the policy's: value model starts from the SFT "
                       "policy instead")
            value_model = ctx.pieces.ScalarHeadModel(load_backbone(str(sft_dir), ctx.cfg.model))
        value_model = add_lora(value_model, ctx.cfg.model).to(ctx.device)
    try:
        run = PPOModels(policy, ref, value_model, reward_model, ppo_cfg, ctx.accelerator, ctx.pieces.response_logprobs,
                        checkpoint_dir=folder / "checkpoint")
        log = ctx.pieces.train_ppo(run, ctx.tokenizer, ctx.reward_tokenizer, prompts, ppo_cfg, ctx.cfg.data, seed,
                                   desc=desc, monitors=monitors)
    except TrainingDiverged as err:
        state = read_json(folder / "checkpoint" / "state.json")
        where = (f"the last good checkpoint (iteration {state['iteration']}) is in {folder / 'checkpoint'}" if state
                 else "no checkpoint was saved yet")
        raise TrainingDiverged(f"{desc}: {err} {where}; change the setting that diverged (e.g. a lower "
                               f"ppo.lr, now {ppo_cfg.lr:g}) and re-run: with new settings PPO starts over") from None
    ctx.save_policy(policy, folder, log)
    return log


def ppo_summary(log: list[dict]) -> dict:
    """A PPO run's summary: reward_first / reward_last (means over the first / last 20% of iterations, normalised
    RM units), kl_last and kl_max (nats per response), iterations, response_length_last (tokens), skipped_steps
    (optimizer steps fp16 loss scaling skipped)."""
    first, last = first_last([r["score"] for r in log], 0.2)
    return {"reward_first": first, "reward_last": last, "kl_last": log[-1]["kl"], "kl_max": max(r["kl"] for r in log),
            "iterations": len(log), "response_length_last": log[-1]["response_length"],
            "skipped_steps": sum(r.get("skipped_steps", 0) for r in log)}
