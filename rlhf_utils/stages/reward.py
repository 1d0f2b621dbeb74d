"""The reward-model stage: SFT samples to normalise on, the backbone an RM starts from, and one RM trained,
normalised and saved (`train_reward`, with the length-decoupled variants of `reward_length` when the config asks
for them); `load_reward_model` reads any of them back. Part 1's pipeline and Part 2's variants both use it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import torch
from safetensors.torch import load_file
from torch import nn
from transformers import PreTrainedModel

from rlhf_utils import reward_length as rl
from rlhf_utils.cache import write_json
from rlhf_utils.config import ConfigError, RewardConfig
from rlhf_utils.data import PreferencePair
from rlhf_utils.models import load_backbone, same_tokenizer, train_top_blocks
from rlhf_utils.reward import final_heldout_scores, heldout_length_summary, load_scalar_model, save_scalar_model

if TYPE_CHECKING:
    from rlhf_utils.context import Context


def load_reward_model(folder: str | Path, model_class: type | None = None) -> nn.Module:
    """`reward.load_scalar_model` with `model_class` (default `ScalarHeadModel`), as a
    `reward_length.LengthCorrectedModel` when it was saved with a length line (length_correction=residual); on CPU."""
    try:
        corrected = "length_slope" in load_file(Path(folder) / "head.safetensors")
    except Exception:  # load_scalar_model names the folder and the remedy
        corrected = False
    return load_scalar_model(folder, rl.LengthCorrectedModel if corrected else model_class)


def normalization_samples(ctx: Context, sft_dir: str | Path, prompts: list[str], n: int,
                          path: str | Path) -> tuple[list[str], list[str]]:
    """SFT-policy responses to `prompts` (PPO's start distribution: its temperature and length), saved as
    JSON lines to `path`. Returns (prompts, responses)."""
    policy = ctx.load_policy(sft_dir).to(ctx.device)
    with ctx.accelerator.autocast():
        responses = ctx.pieces.generate_responses(policy, ctx.tokenizer, prompts[:n], ctx.cfg.ppo.max_new_tokens,
                                                  ctx.cfg.ppo.temperature, top_k=0, seed=ctx.cfg.seed,
                                                  max_prompt_tokens=ctx.cfg.data.max_prompt_tokens)
    if ctx.is_main:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        Path(path).write_text("".join(json.dumps({"prompt": p, "response": r}) + "\n"
                                      for p, r in zip(prompts, responses)))
    return prompts[:n], responses


def reward_backbone(ctx: Context, rcfg: RewardConfig, sft_dir: str | Path) -> PreTrainedModel:
    """The backbone an RM starts from: the pretrained `model.reward` (init=base) or the SFT policy's (init=sft)."""
    if rcfg.init == "sft":
        if not same_tokenizer(ctx.tokenizer, ctx.reward_tokenizer):
            raise ConfigError("reward_*.init='sft' is invalid here: the reward model's tokenizer differs "
                              "from the policy's; use init=base")
        return load_backbone(str(sft_dir), ctx.cfg.model)
    return load_backbone(ctx.cfg.model.reward, ctx.cfg.model, ctx.cfg.seed + 1)


def train_reward(ctx: Context, rcfg: RewardConfig, folder: str | Path, train: list[PreferencePair],
                 heldout: list[PreferencePair], samples: tuple[list[str], list[str]], seed: int, desc: str,
                 sft_dir: str | Path) -> tuple[nn.Module, dict]:
    """Train one reward model (with `ctx.pieces`), normalise it on `samples` (prompts, SFT
    responses), save it with log.json to `folder`. Returns (model, summary). Part 2's variants use it too."""
    torch.manual_seed(seed)  # each RM's start depends on its own seed, not on what ran before
    odin = rcfg.objective == "odin"
    pieces = ctx.pieces
    model = (rl.TwoHeadRewardModel if odin else pieces.ScalarHeadModel)(reward_backbone(ctx, rcfg, sft_dir),
                                                                        rcfg.pooling).to(ctx.device)
    if rcfg.length_balance:
        train = rl.balanced_pairs(train[: rcfg.pairs] if rcfg.pairs else train, ctx.reward_tokenizer, seed)
    train_top_blocks(model.backbone, rcfg.train_layers)
    loss = rl.odin_pair_loss(model, train, ctx.reward_tokenizer, rcfg, ctx.cfg.data, pieces.tokenize_example) \
        if odin else None  # ODIN: TODO 8's loop with ODIN's loss
    result = pieces.train_reward_model(model, ctx.reward_tokenizer, train, heldout, rcfg, ctx.cfg.data,
                                       ctx.accelerator, ctx.cfg.seed, desc=desc, pair_loss=loss)
    model.backbone.requires_grad_(True)
    n = rcfg.normalize_samples
    stats = pieces.normalize(model, ctx.reward_tokenizer, samples[0][:n], samples[1][:n], ctx.cfg.data)
    if rcfg.length_correction == "residual":  # the held-out accuracy after the correction is the last row
        model, stats["length_correction"], corrected = rl.correct_for_length(
            model, ctx.reward_tokenizer, (samples[0][:n], samples[1][:n]), heldout, rcfg, ctx.cfg.data,
            pieces.tokenize_example)
        result["heldout"].append({"step": rcfg.steps, "length_corrected": True, **corrected})
    chosen, rejected = final_heldout_scores(result, model, ctx.reward_tokenizer, heldout, ctx.cfg.data,
                                            pieces.tokenize_example)
    if ctx.is_main:
        save_scalar_model(model, folder)
        write_json(Path(folder) / "log.json", result)
    ctx.accelerator.free_memory()
    return model, {
        "heldout_accuracy": result["heldout"][-1]["accuracy"],
        "heldout_accuracy_start": result["heldout"][0]["accuracy"],
        "heldout_loss": result["heldout"][-1]["loss"], "steps": rcfg.steps,
        "skipped_steps": sum(r.get("skipped", 0) for r in result["log"]),
        "train_pairs": min(rcfg.pairs or len(train), len(train)), "heldout_pairs": len(heldout),
        "raw_mean": stats["mean"], "raw_std": stats["std"],
        **heldout_length_summary(chosen, rejected, heldout, ctx.reward_tokenizer, seed),
        **({"length_slope": stats["length_correction"]["slope"]} if "length_correction" in stats else {}),
    }
