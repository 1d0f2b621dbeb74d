"""Pieces every training loop shares: the accelerator, seeding, batches, optimiser steps, divergence checks."""

from __future__ import annotations

import math
import random
from collections.abc import Iterable, Iterator, Sequence

import numpy as np
import torch
from accelerate import Accelerator
from torch.utils.data import DataLoader, Sampler

from rlhf_utils.config import ModelConfig
from rlhf_utils.models import pick_device, pick_mixed_precision


class TrainingDiverged(RuntimeError):
    """A loss or gradient became NaN or inf; the weights are those of the last good step."""


def make_accelerator(cfg: ModelConfig) -> Accelerator:
    """One device by default; under `accelerate launch` one process per device (DDP)."""
    return Accelerator(cpu=pick_device(cfg).type == "cpu", mixed_precision=pick_mixed_precision(cfg))


def first_last(values: list[float], share: float) -> tuple[float, float]:
    """Means over the first and the last `share` of `values` (at least one value each)."""
    k = max(1, round(len(values) * share))
    return sum(values[:k]) / k, sum(values[-k:]) / k


def seed_everything(seed: int) -> None:
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)


def right_pad(rows: Sequence[Sequence[int]], pad_value: int) -> tuple[torch.Tensor, torch.Tensor]:
    """Right-pad token lists. Returns (ids [B, T], attention_mask [B, T]) with T the longest row."""
    width = max(len(r) for r in rows)
    ids = torch.full((len(rows), width), pad_value, dtype=torch.long)
    mask = torch.zeros((len(rows), width), dtype=torch.long)
    for i, r in enumerate(rows):
        ids[i, : len(r)] = torch.tensor(r, dtype=torch.long)
        mask[i, : len(r)] = 1
    return ids, mask


class LengthGroupedBatches(Sampler[list[int]]):
    """Batches of indices whose examples have similar lengths, so little padding is computed.

    Each epoch: shuffle every index (seeded, different per epoch), cut the order into mega-batches of
    `group` batches, sort each mega-batch by length (longest first) and slice it into batches, then
    shuffle the batches. Every example is still seen once per epoch in a random batch order; only which
    examples share a batch changes. With `group=1` this is a plain shuffled batching.
    """

    def __init__(self, lengths: Sequence[int], batch_size: int, group: int = 16, drop_last: bool = True,
                 seed: int = 0):
        self.lengths, self.batch_size, self.group = list(lengths), batch_size, max(1, group)
        self.drop_last, self.seed, self.epoch = drop_last and len(self.lengths) > batch_size, seed, 0

    def __len__(self) -> int:
        n, b = len(self.lengths), self.batch_size
        return n // b if self.drop_last else -(-n // b)

    def __iter__(self) -> Iterator[list[int]]:
        rng = random.Random(self.seed * 1_000_003 + self.epoch)
        self.epoch += 1
        order = list(range(len(self.lengths)))
        rng.shuffle(order)
        mega = self.batch_size * self.group
        batches = []
        for start in range(0, len(order), mega):
            chunk = sorted(order[start:start + mega], key=lambda i: -self.lengths[i])
            batches += [chunk[i:i + self.batch_size] for i in range(0, len(chunk), self.batch_size)]
        if self.drop_last:
            batches = [b for b in batches if len(b) == self.batch_size]
            batches = batches[: len(self)]
        rng.shuffle(batches)
        yield from batches


def batch_loader(features: Sequence, lengths: Sequence[int], batch_size: int, collate_fn, group: int,
                 seed: int = 0) -> DataLoader:
    """Training batches: length-grouped when `group` > 1 (see LengthGroupedBatches), else plain shuffled."""
    sampler = LengthGroupedBatches(lengths, batch_size, group, drop_last=True, seed=seed)
    return DataLoader(features, batch_sampler=sampler, collate_fn=collate_fn)


def endless(loader: DataLoader) -> Iterator:
    """Cycle over a loader epoch after epoch (each epoch reshuffled by the loader)."""
    while True:
        yield from loader


def adamw(param_groups: list, **kwargs) -> torch.optim.AdamW:
    """torch's AdamW with its fused kernel where every parameter is on a CPU or CUDA device (torch's
    default on a CPU is the per-tensor loop, ~25 ms a step on a 7 M-parameter model, as long as its
    forward and backward); `param_groups`: a list of parameters or of {"params": ..., "lr": ...} dicts."""
    params = [p for g in param_groups for p in (g["params"] if isinstance(g, dict) else [g])]
    fused = bool(params) and all(p.device.type in ("cpu", "cuda") and p.is_floating_point() for p in params)
    return torch.optim.AdamW(param_groups, fused=fused or None, **kwargs)


def optimizer_and_schedule(
    params, lr: float, steps: int, warmup: int, weight_decay: float = 0.0
) -> tuple[torch.optim.Optimizer, torch.optim.lr_scheduler.LambdaLR]:
    """AdamW with linear warm-up then cosine decay to 10% of `lr` over `steps`."""
    opt = adamw([p for p in params if p.requires_grad], lr=lr, weight_decay=weight_decay)

    def factor(step: int) -> float:
        if step < warmup:
            return (step + 1) / (warmup + 1)
        progress = (step - warmup) / max(1, steps - warmup)
        return 0.1 + 0.9 * 0.5 * (1 + math.cos(math.pi * min(1.0, progress)))

    return opt, torch.optim.lr_scheduler.LambdaLR(opt, factor)


def check_finite(value: torch.Tensor, what: str, step: int) -> None:
    if not torch.isfinite(value).all():
        raise TrainingDiverged(
            f"{what} became {value.flatten()[0].item()} at step {step}; stopped before applying it, so the "
            "weights are the last good ones. Lower the learning rate or raise max_grad_norm's strictness."
        )


def optimizer_step(
    accelerator: Accelerator, loss: torch.Tensor, params: Iterable[torch.nn.Parameter],
    optimizer: torch.optim.Optimizer, max_grad_norm: float, step: int, what: str = "loss",
) -> float | None:
    """backward, clip, and step, refusing to apply a non-finite loss or gradient. Returns the grad norm, or None when
    fp16 loss scaling skipped the step: an inf gradient there is the GradScaler's signal to lower its scale (it
    starts at 2^16 and finds its level in the first steps), not a divergence, and the weights stay as they were."""
    check_finite(loss.detach(), what, step)
    optimizer.zero_grad(set_to_none=True)
    accelerator.backward(loss)
    grad_norm = torch.as_tensor(accelerator.clip_grad_norm_(list(params), max_grad_norm))
    if not torch.isfinite(grad_norm) and accelerator.scaler is None:
        optimizer.zero_grad(set_to_none=True)
        check_finite(grad_norm, f"gradient norm of {what}", step)
    optimizer.step()  # with fp16 loss scaling, an inf gradient makes the scaler skip this step and lower its scale
    return None if not torch.isfinite(grad_norm) else float(grad_norm)  # (the norm is of unscaled gradients)
