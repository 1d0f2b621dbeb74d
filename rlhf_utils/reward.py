"""Step 2: reward models: a transformer backbone plus a scalar head, trained with the Bradley-Terry loss.

The score of a (prompt, response) text is read at the last real token (the EOS appended to every
response), or pooled over tokens (`mean`, `attention`) for Part 2 experiments. After training, each
reward model is normalised so that its scores on SFT-policy samples have mean 0 and std 1: every
score this project reports is in those units. The same class, read per token, is PPO's value model.

A plain `accelerate` loop rather than TRL's RewardTrainer: RewardTrainer drops pairs longer than the
maximum length instead of truncating them, and a loop this short keeps the loss visible.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import torch
import torch.nn.functional as F
from accelerate import Accelerator
from safetensors.torch import load_file, save_file
from torch import nn
from tqdm.auto import tqdm
from transformers import AutoModel, PreTrainedModel, PreTrainedTokenizerBase

from rlhf_utils.config import DataConfig, RewardConfig
from rlhf_utils.data import PreferencePair, tokenize_example
from rlhf_utils.models import position_ids_from_mask
from rlhf_utils.training import batch_loader, endless, optimizer_and_schedule, optimizer_step, right_pad


def bradley_terry_loss(
    chosen_rewards: torch.Tensor, rejected_rewards: torch.Tensor, margin: torch.Tensor | float | None = None
) -> torch.Tensor:
    """Mean of -log sigmoid(r_chosen - r_rejected - margin) over the batch. Inputs [B]; output scalar."""
    diff = chosen_rewards - rejected_rewards
    if margin is not None:
        diff = diff - margin
    return -F.logsigmoid(diff).mean()


class ScalarHeadModel(nn.Module):
    """Backbone + linear head giving one score per sequence (reward) or per token (value).

    Scores are normalised: (raw - mean) / std, with `mean` and `std` set by `normalize`.
    """

    def __init__(self, backbone: PreTrainedModel, pooling: str = "last"):
        super().__init__()
        self.backbone, self.pooling = backbone, pooling
        hidden = backbone.config.hidden_size
        self.head = nn.Linear(hidden, 1)
        nn.init.normal_(self.head.weight, std=1 / (hidden + 1) ** 0.5)
        nn.init.zeros_(self.head.bias)
        self.attn = nn.Linear(hidden, 1) if pooling == "attention" else None
        self.register_buffer("mean", torch.zeros(()))
        self.register_buffer("std", torch.ones(()))

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor, per_token: bool = False,
                length_chunks: int = 1) -> torch.Tensor:
        """Normalised scores: [B] (pooled) or, with `per_token`, [B, T]. Works with left or right padding.

        `length_chunks` > 1 (pooled scores only) runs the backbone over that many groups of rows of similar
        length, each cut to its own real columns: the same scores, with less padding computed (a chosen and
        a rejected answer of one pair often differ a lot in length).
        """
        if length_chunks > 1 and not per_token and len(input_ids) > 1:
            order = attention_mask.sum(1).argsort(descending=True)
            parts = []
            for rows in order.chunk(length_chunks):
                cols = attention_mask[rows].bool().any(0)
                parts.append(self(input_ids[rows][:, cols], attention_mask[rows][:, cols]))
            return torch.cat(parts)[order.argsort()]
        hidden = self.backbone(
            input_ids=input_ids, attention_mask=attention_mask, position_ids=position_ids_from_mask(attention_mask),
            use_cache=False,
        ).last_hidden_state
        if per_token:
            return (self.head(hidden).squeeze(-1).float() - self.mean) / self.std
        mask = attention_mask.bool()
        if self.pooling == "last":
            positions = torch.arange(mask.shape[1], device=mask.device)
            last = (positions * mask).argmax(-1)  # index of the last real token
            pooled = hidden[torch.arange(len(hidden), device=hidden.device), last]
        elif self.pooling == "mean":
            pooled = (hidden * mask[..., None]).sum(1) / mask.sum(1, keepdim=True).clamp(min=1)
        else:
            weights = self.attn(hidden).squeeze(-1).float().masked_fill(~mask, float("-inf")).softmax(-1)
            pooled = (weights[..., None].to(hidden.dtype) * hidden).sum(1)
        return (self.head(pooled).squeeze(-1).float() - self.mean) / self.std

    def save(self, folder: str | Path) -> None:
        folder = Path(folder)
        self.backbone.save_pretrained(folder / "backbone")
        tensors = {k: v.detach().cpu().contiguous() for k, v in self.state_dict().items()
                   if not k.startswith("backbone.")}
        save_file(tensors, folder / "head.safetensors")
        (folder / "reward_model.json").write_text(json.dumps({"pooling": self.pooling}))

    @classmethod
    def load(cls, folder: str | Path) -> ScalarHeadModel:
        folder = Path(folder)
        meta = json.loads((folder / "reward_model.json").read_text())
        model = cls(AutoModel.from_pretrained(folder / "backbone", dtype=torch.float32), pooling=meta["pooling"])
        model.load_state_dict(load_file(folder / "head.safetensors"), strict=False)
        return model


def pair_features(
    pairs: list[PreferencePair], tokenizer: PreTrainedTokenizerBase, data_cfg: DataConfig
) -> list[tuple[list[int], list[int]]]:
    """(chosen ids, rejected ids) per pair, each `prompt + " " + answer + EOS`, prompt cut from the left."""
    def ids(prompt: str, answer: str) -> list[int]:
        return tokenize_example(tokenizer, prompt, answer, data_cfg.max_prompt_tokens, data_cfg.max_length)[0]
    return [(ids(p.prompt, p.chosen), ids(p.prompt, p.rejected)) for p in pairs]


def collate_pairs(features: list[tuple[list[int], list[int]]], pad_id: int) -> dict[str, torch.Tensor]:
    """Chosen rows then rejected rows, right-padded: input_ids and attention_mask [2B, T]."""
    ids, mask = right_pad([c for c, _ in features] + [r for _, r in features], pad_id)
    return {"input_ids": ids, "attention_mask": mask}


def pair_scores(model: nn.Module, batch: dict[str, torch.Tensor]) -> tuple[torch.Tensor, torch.Tensor]:
    """(chosen scores [B], rejected scores [B]) of a `collate_pairs` batch; rows go through the backbone in
    two groups of similar length (see ScalarHeadModel.forward)."""
    scores = model(batch["input_ids"], batch["attention_mask"], length_chunks=2)
    half = scores.shape[0] // 2
    return scores[:half], scores[half:]


@torch.no_grad()
def score_rows(model: nn.Module, rows: list[list[int]], pad_id: int, batch_size: int = 16) -> torch.Tensor:
    """Normalised scores [N] of token-id rows (each already ending in EOS), in eval mode, on CPU."""
    device = next(model.parameters()).device
    was_training = model.training
    model.eval()
    out = []
    for i in range(0, len(rows), batch_size):
        ids, mask = right_pad(rows[i:i + batch_size], pad_id)
        out.append(model(ids.to(device), mask.to(device)).float().cpu())
    model.train(was_training)
    return torch.cat(out) if out else torch.zeros(0)


def pair_rewards(model: nn.Module, features: list[tuple[list[int], list[int]]],
                 pad_id: int) -> tuple[torch.Tensor, torch.Tensor]:
    """Normalised scores of the chosen and of the rejected rows, [N] each, on CPU."""
    return (score_rows(model, [chosen for chosen, _ in features], pad_id),
            score_rows(model, [rejected for _, rejected in features], pad_id))


def evaluate_pairs(model: nn.Module, features: list[tuple[list[int], list[int]]], pad_id: int,
                   margin: float = 0.0) -> dict[str, float]:
    """Held-out {"accuracy": share of pairs with r_chosen > r_rejected, "loss": Bradley-Terry loss}."""
    c, r = pair_rewards(model, features, pad_id)
    return {"accuracy": float((c > r).float().mean()), "loss": float(bradley_terry_loss(c, r, margin))}


def train_reward_model(
    model: ScalarHeadModel,
    tokenizer: PreTrainedTokenizerBase,
    train: list[PreferencePair],
    heldout: list[PreferencePair],
    cfg: RewardConfig,
    data_cfg: DataConfig,
    accelerator: Accelerator,
    seed: int = 0,
    desc: str = "reward model",
) -> dict[str, list[dict[str, float]]]:
    """Train with the Bradley-Terry loss.

    Returns {"log": [{step, loss, accuracy}], "heldout": [{step, accuracy, loss}]}.

    `cfg.pairs` limits the pairs used, `cfg.label_noise` swaps that share of their labels, and
    `cfg.freeze_backbone` trains only the head: the knobs that make a poor reward model.
    """
    rng = random.Random(seed)
    train = train[: cfg.pairs] if cfg.pairs else train
    train = [PreferencePair(p.prompt, p.rejected, p.chosen) if rng.random() < cfg.label_noise else p for p in train]
    pad_id = tokenizer.pad_token_id
    train_f, heldout_f = pair_features(train, tokenizer, data_cfg), pair_features(heldout, tokenizer, data_cfg)
    if cfg.freeze_backbone:
        model.backbone.requires_grad_(False)
    loader = batch_loader(train_f, [max(len(c), len(r)) for c, r in train_f], cfg.batch_size,
                          lambda b: collate_pairs(b, pad_id), data_cfg.length_group, seed)
    optimizer, schedule = optimizer_and_schedule(model.parameters(), cfg.lr, cfg.steps, max(1, cfg.steps // 20),
                                                 cfg.weight_decay)
    wrapped, optimizer, loader = accelerator.prepare(model, optimizer, loader)
    wrapped.train()
    log = []
    held = [{"step": 0, **evaluate_pairs(model, heldout_f, pad_id, margin=cfg.margin)}]
    batches = endless(loader)
    bar = tqdm(range(1, cfg.steps + 1), desc=desc, disable=not accelerator.is_main_process)
    for step in bar:
        with accelerator.autocast():
            chosen, rejected = pair_scores(wrapped, next(batches))
            loss = bradley_terry_loss(chosen, rejected, cfg.margin or None)
        optimizer_step(accelerator, loss, model.parameters(), optimizer, cfg.max_grad_norm, step, f"{desc} loss")
        schedule.step()
        acc, loss = float((chosen > rejected).float().mean()), float(loss.detach())
        log.append({"step": step, "loss": loss, "accuracy": acc})
        bar.set_postfix(loss=f"{loss:.3f}", acc=f"{acc:.2f}")
        if step % cfg.eval_every == 0 or step == cfg.steps:
            held.append({"step": step, **evaluate_pairs(model, heldout_f, pad_id, margin=cfg.margin)})
    model.backbone.requires_grad_(True)
    model.eval()
    return {"log": log, "heldout": held}


@torch.no_grad()
def score_texts(
    model: ScalarHeadModel, tokenizer: PreTrainedTokenizerBase, prompts: list[str], responses: list[str],
    data_cfg: DataConfig, batch_size: int = 16,
) -> torch.Tensor:
    """Normalised scores [N] of `prompt + " " + response + EOS` texts, on CPU."""
    rows = [tokenize_example(tokenizer, p, r, data_cfg.max_prompt_tokens, data_cfg.max_length)[0]
            for p, r in zip(prompts, responses)]
    return score_rows(model, rows, tokenizer.pad_token_id, batch_size)


def normalize(model: ScalarHeadModel, tokenizer: PreTrainedTokenizerBase, prompts: list[str],
              responses: list[str], data_cfg: DataConfig) -> dict[str, float]:
    """Set the model's mean and std so its scores on these (SFT-policy) samples are mean 0, std 1.

    Returns the raw {"mean", "std"} found.
    """
    model.mean.fill_(0.0)
    model.std.fill_(1.0)
    raw = score_texts(model, tokenizer, prompts, responses, data_cfg)
    mean, std = float(raw.mean()), float(raw.std().clamp(min=1e-6))
    model.mean.fill_(mean)
    model.std.fill_(std)
    return {"mean": mean, "std": std}
