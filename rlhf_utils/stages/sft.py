"""The SFT stage: a fresh base model trained by the run's `train_sft` (TODO 4), saved, summarised."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from rlhf_utils.config import ConfigError, SFTConfig
from rlhf_utils.models import add_lora
from rlhf_utils.training import first_last

if TYPE_CHECKING:
    from rlhf_utils.context import Context


def train_sft_policy(ctx: Context, sft_cfg: SFTConfig, n_examples: int, folder: str | Path) -> dict:
    """SFT of a fresh base model (with `ctx.pieces.train_sft`) on `n_examples` training
    examples; the held-out examples are always the same first ones. Saves folder/model and folder/log.json.
    Returns {"log", "heldout", "train_examples"}. Part 1's SFT stage and Part 2's variants both use it."""
    cfg, folder, n_held = ctx.cfg, Path(folder), sft_cfg.heldout_examples
    examples = ctx.sft_examples(max(cfg.data.sft_examples, n_examples) + n_held)  # more data: after the usual ones
    if len(examples) <= n_held:
        raise ConfigError(f"sft.heldout_examples={n_held} is invalid: the SFT source has only "
                          f"{len(examples)} examples; lower it")
    train = examples[n_held:n_held + n_examples]
    model = add_lora(ctx.load_base(), cfg.model).to(ctx.device)
    result = ctx.pieces.train_sft(model, ctx.tokenizer, train, examples[:n_held], sft_cfg, cfg.data,
                                  ctx.accelerator, seed=cfg.seed)
    result["train_examples"] = len(train)
    ctx.save_policy(model, folder, result)
    return result


def sft_summary(result: dict) -> dict:
    """The SFT stage's summary: loss_first / loss_last (means over the first / last 10% of steps), held-out loss
    before and after, steps, training examples and the steps fp16 loss scaling skipped."""
    first, last = first_last([r["loss"] for r in result["log"]], 0.1)
    return {"loss_first": first, "loss_last": last, "steps": len(result["log"]),
            "heldout_loss_first": result["heldout"][0]["loss"], "heldout_loss_last": result["heldout"][-1]["loss"],
            "train_examples": result["train_examples"],
            "skipped_steps": sum(r.get("skipped", 0) for r in result["log"])}
