"""Step 1: supervised fine-tuning of the policy on (prompt, response) pairs, loss on response tokens only.

A short plain loop under `accelerate`, not TRL's SFTTrainer: the loss needs logits only where there
are labels, and `logits_to_keep` (a boolean [B, T] mask) makes the model project just those hidden
states onto the 50k-word vocabulary. SFTTrainer projects every position (prompt and padding too),
which on small models is most of the step; see BENCHMARKS.md. The same loop runs on one device or,
under `accelerate launch`, with DDP.
"""

from __future__ import annotations

from collections.abc import Callable

import torch
import torch.nn.functional as F
from accelerate import Accelerator
from tqdm.auto import tqdm
from transformers import PreTrainedModel, PreTrainedTokenizerBase

from rlhf_utils.config import DataConfig, SFTConfig
from rlhf_utils.data import IGNORE, SFTExample, sft_features
from rlhf_utils.training import (
    batch_loader,
    endless,
    optimizer_and_schedule,
    optimizer_step,
    right_pad,
)


def collate(features: list[dict[str, list[int]]], pad_id: int) -> dict[str, torch.Tensor]:
    """Right-padded batch: input_ids, attention_mask, labels (IGNORE on prompt and padding), all [B, T]."""
    ids, mask = right_pad([f["input_ids"] for f in features], pad_id)
    labels, _ = right_pad([f["labels"] for f in features], IGNORE)
    return {"input_ids": ids, "attention_mask": mask, "labels": labels}


@torch.no_grad()
def heldout_loss(model: torch.nn.Module, features: list[dict], pad_id: int, accelerator: Accelerator,
                 loss_fn: Callable, batch_size: int = 16) -> float:
    """Token-weighted mean of `loss_fn` (an `sft_loss`) over `features` (nats/token), in eval mode."""
    model.eval()
    total, count = 0.0, 0
    for i in range(0, len(features), batch_size):
        batch = {k: v.to(accelerator.device) for k, v in collate(features[i:i + batch_size], pad_id).items()}
        with accelerator.autocast():
            loss, n = loss_fn(model, batch)
        total, count = total + float(loss) * n, count + n
    model.train()
    return total / max(count, 1)


# region (*) TODO 4: the SFT training loop
def sft_loss(model: torch.nn.Module, batch: dict[str, torch.Tensor]) -> tuple[torch.Tensor, int]:
    """Mean next-token cross-entropy over response tokens (nats/token) and the number of those tokens."""
    targets = batch["labels"][:, 1:]
    keep = torch.zeros_like(batch["labels"], dtype=torch.bool)
    keep[:, :-1] = targets != IGNORE  # position t predicts token t+1; only those with a label are projected
    logits = model(input_ids=batch["input_ids"], attention_mask=batch["attention_mask"], logits_to_keep=keep,
                   use_cache=False).logits
    return F.cross_entropy(logits.float(), targets[targets != IGNORE]), int(keep.sum())


def train_sft(model: PreTrainedModel, tokenizer: PreTrainedTokenizerBase, train: list[SFTExample],
              heldout: list[SFTExample], cfg: SFTConfig, data_cfg: DataConfig, accelerator: Accelerator,
              eval_every: int = 50, seed: int = 0) -> dict[str, list[dict[str, float]]]:
    """Fine-tune `model` in place for `cfg.steps` steps of AdamW (warm-up, cosine decay, clipping).

    Returns {"log": [{step, loss, lr, tokens, skipped}], "heldout": [{step, loss}]}, losses in nats per token.
    """
    pad_id = tokenizer.pad_token_id
    train_f, heldout_f = sft_features(train, tokenizer, data_cfg), sft_features(heldout, tokenizer, data_cfg)
    if not train_f:
        raise ValueError("no SFT example has response tokens left after truncation: raise data.max_length")
    loader = batch_loader(train_f, [len(f["input_ids"]) for f in train_f], cfg.batch_size,
                          lambda b: collate(b, pad_id), data_cfg.length_group, seed)
    optimizer, schedule = optimizer_and_schedule(model.parameters(), cfg.lr, cfg.steps, cfg.warmup_steps,
                                                 cfg.weight_decay)
    model, optimizer, loader = accelerator.prepare(model, optimizer, loader)
    model.train()
    log, held = [], [{"step": 0, "loss": heldout_loss(model, heldout_f, pad_id, accelerator, sft_loss)}]
    batches = endless(loader)
    bar = tqdm(range(1, cfg.steps + 1), desc="SFT", disable=not accelerator.is_main_process)
    for step in bar:
        with accelerator.autocast():
            loss, n_tokens = sft_loss(model, next(batches))
        grad_norm = optimizer_step(accelerator, loss, model.parameters(), optimizer, cfg.max_grad_norm, step,
                                   "SFT loss")  # None: fp16 loss scaling skipped this step
        log.append({"step": step, "loss": float(loss.detach()), "lr": schedule.get_last_lr()[0], "tokens": n_tokens,
                    "skipped": grad_norm is None})
        schedule.step()
        bar.set_postfix(loss=f"{log[-1]['loss']:.3f}")
        if step % eval_every == 0 or step == cfg.steps:
            held.append({"step": step, "loss": heldout_loss(model, heldout_f, pad_id, accelerator, sft_loss)})
    model.eval()
    return {"log": log, "heldout": held}
# endregion
