"""Step 1: supervised fine-tuning of the policy on (prompt, response) pairs, loss on response tokens only.

A short plain loop under `accelerate`, not TRL's SFTTrainer: the loss needs logits only where there
are labels, and `logits_to_keep` (a boolean [B, T] mask) makes the model project just those hidden
states onto the 50k-word vocabulary. SFTTrainer projects every position (prompt and padding too),
which on small models is most of the step; see BENCHMARKS.md. The same loop runs on one device or,
under `accelerate launch`, with DDP.
"""

from __future__ import annotations

import torch
import torch.nn.functional as F
from accelerate import Accelerator
from tqdm.auto import tqdm
from transformers import PreTrainedModel, PreTrainedTokenizerBase

from rlhf_utils.config import DataConfig, SFTConfig
from rlhf_utils.data import SFTExample, tokenize_example
from rlhf_utils.training import batch_loader, endless, optimizer_and_schedule, optimizer_step, right_pad

IGNORE = -100


def sft_features(
    examples: list[SFTExample], tokenizer: PreTrainedTokenizerBase, data_cfg: DataConfig
) -> list[dict[str, list[int]]]:
    """input_ids and labels per example; labels are IGNORE on prompt tokens."""
    features = []
    for ex in examples:
        ids, n_prompt = tokenize_example(tokenizer, ex.prompt, ex.response, data_cfg.max_prompt_tokens,
                                         data_cfg.max_length)
        if len(ids) > n_prompt:  # something of the response survived truncation
            features.append({"input_ids": ids, "labels": [IGNORE] * n_prompt + ids[n_prompt:]})
    return features


def collate(features: list[dict[str, list[int]]], pad_id: int) -> dict[str, torch.Tensor]:
    """Right-padded batch: input_ids, attention_mask, labels (IGNORE on prompt and padding), all [B, T]."""
    ids, mask = right_pad([f["input_ids"] for f in features], pad_id)
    labels, _ = right_pad([f["labels"] for f in features], IGNORE)
    return {"input_ids": ids, "attention_mask": mask, "labels": labels}


def sft_loss(model: torch.nn.Module, batch: dict[str, torch.Tensor]) -> tuple[torch.Tensor, int]:
    """Mean next-token cross-entropy over response tokens (nats/token) and the number of those tokens."""
    targets = batch["labels"][:, 1:]
    keep = torch.zeros_like(batch["labels"], dtype=torch.bool)
    keep[:, :-1] = targets != IGNORE  # position t predicts token t+1
    logits = model(input_ids=batch["input_ids"], attention_mask=batch["attention_mask"], logits_to_keep=keep,
                   use_cache=False).logits
    return F.cross_entropy(logits.float(), targets[targets != IGNORE]), int(keep.sum())


@torch.no_grad()
def heldout_loss(model: torch.nn.Module, features: list[dict], pad_id: int, accelerator: Accelerator,
                 batch_size: int = 16) -> float:
    """Token-weighted mean SFT loss over `features` (nats/token)."""
    model.eval()
    total, count = 0.0, 0
    for i in range(0, len(features), batch_size):
        batch = {k: v.to(accelerator.device) for k, v in collate(features[i:i + batch_size], pad_id).items()}
        with accelerator.autocast():
            loss, n = sft_loss(model, batch)
        total, count = total + float(loss) * n, count + n
    model.train()
    return total / max(count, 1)


def train_sft(
    model: PreTrainedModel,
    tokenizer: PreTrainedTokenizerBase,
    train: list[SFTExample],
    heldout: list[SFTExample],
    cfg: SFTConfig,
    data_cfg: DataConfig,
    accelerator: Accelerator,
    eval_every: int = 50,
    seed: int = 0,
) -> dict[str, list[dict[str, float]]]:
    """Fine-tune `model` in place for `cfg.steps` steps.

    Returns {"log": [{step, loss, lr, tokens}], "heldout": [{step, loss}]}, losses in nats per token.
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
    log, held = [], [{"step": 0, "loss": heldout_loss(model, heldout_f, pad_id, accelerator)}]
    batches = endless(loader)
    bar = tqdm(range(1, cfg.steps + 1), desc="SFT", disable=not accelerator.is_main_process)
    for step in bar:
        batch = next(batches)
        with accelerator.autocast():
            loss, n_tokens = sft_loss(model, batch)
        optimizer_step(accelerator, loss, model.parameters(), optimizer, cfg.max_grad_norm, step, "SFT loss")
        loss = loss.detach()
        log.append({"step": step, "loss": float(loss), "lr": schedule.get_last_lr()[0], "tokens": n_tokens})
        schedule.step()
        bar.set_postfix(loss=f"{float(loss):.3f}")
        if step % eval_every == 0 or step == cfg.steps:
            held.append({"step": step, "loss": heldout_loss(model, heldout_f, pad_id, accelerator)})
    model.eval()
    return {"log": log, "heldout": held}
