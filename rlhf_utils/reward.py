"""Step 2: reward models: a transformer backbone plus a scalar head, trained with the Bradley-Terry loss.

The score of a (prompt, response) text is read at the last real token (the EOS appended to every
response), or pooled over tokens (`mean`, `attention`) for Part 2's Option 5. After training, each
reward model is normalised so that its scores on SFT-policy samples have mean 0 and std 1: every
score this project reports is in those units. The same class, read per token, is PPO's value model.

A plain `accelerate` loop rather than TRL's RewardTrainer: RewardTrainer drops pairs longer than the
maximum length instead of truncating them, and a loop this short keeps the loss visible.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable
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
from rlhf_utils.stats import length_aware_accuracy
from rlhf_utils.training import batch_loader, endless, optimizer_and_schedule, optimizer_step, right_pad


# region Option 5: pooling over all tokens instead of the last one
def pool_hidden(hidden: torch.Tensor, attention_mask: torch.Tensor, pooling: str,
                attn: nn.Module | None = None) -> torch.Tensor:
    """One vector per row from hidden states [B, T, H] over real tokens: `mean`, or `attention`
    (softmax over tokens of a learnt score `attn(h_t)`). Returns [B, H]."""
    mask = attention_mask.bool()
    if pooling == "mean":
        return (hidden * mask[..., None]).sum(1) / mask.sum(1, keepdim=True).clamp(min=1)
    weights = attn(hidden).squeeze(-1).float().masked_fill(~mask, float("-inf")).softmax(-1)
    return (weights[..., None].to(hidden.dtype) * hidden).sum(1)
# endregion


# region (*) TODO 6: the reward model: a backbone and a scalar head read at the last real token
def last_token_index(attention_mask: torch.Tensor) -> torch.Tensor:
    """Index of the last real token of each row, with left or right padding. [B, T] -> [B]."""
    positions = torch.arange(attention_mask.shape[1], device=attention_mask.device)
    return (positions * attention_mask.bool()).argmax(-1)


class ScalarHeadModel(nn.Module):
    """Backbone + linear head giving one score per sequence (reward) or per token (value).

    Scores are normalised: (raw - mean) / std, with `mean` and `std` set by `normalize` (TODO 9).
    """

    def __init__(self, backbone: PreTrainedModel, pooling: str = "last"):
        super().__init__()
        self.backbone, self.pooling = backbone, pooling
        hidden = backbone.config.hidden_size
        self.head = nn.Linear(hidden, 1)
        nn.init.normal_(self.head.weight, std=1 / (hidden + 1) ** 0.5)
        nn.init.zeros_(self.head.bias)
        self.attn = nn.Linear(hidden, 1) if pooling == "attention" else None  # Option 5 only
        self.register_buffer("mean", torch.zeros(()))
        self.register_buffer("std", torch.ones(()))

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor, per_token: bool = False) -> torch.Tensor:
        """Normalised scores [B] or, with `per_token`, [B, T]. Works with left or right padding."""
        hidden = self.backbone(input_ids=input_ids, attention_mask=attention_mask,
                               position_ids=position_ids_from_mask(attention_mask), use_cache=False).last_hidden_state
        if per_token:
            return (self.head(hidden).squeeze(-1).float() - self.mean) / self.std
        if self.pooling == "last":
            pooled = hidden[torch.arange(len(hidden), device=hidden.device), last_token_index(attention_mask)]
        else:
            pooled = pool_hidden(hidden, attention_mask, self.pooling, self.attn)
        return (self.head(pooled).squeeze(-1).float() - self.mean) / self.std
# endregion


def save_scalar_model(model: nn.Module, folder: str | Path) -> None:
    """backbone/ (save_pretrained), head.safetensors (head, pooling, mean, std) and reward_model.json."""
    folder = Path(folder)
    model.backbone.save_pretrained(folder / "backbone")
    tensors = {k: v.detach().cpu().contiguous() for k, v in model.state_dict().items() if not k.startswith("backbone.")}
    save_file(tensors, folder / "head.safetensors")
    (folder / "reward_model.json").write_text(json.dumps({"pooling": model.pooling}))


def load_scalar_model(folder: str | Path, model_class: type | None = None) -> nn.Module:
    """A model saved by `save_scalar_model`, built with `model_class` (default `ScalarHeadModel`); on CPU."""
    folder = Path(folder)
    try:
        meta, tensors = json.loads((folder / "reward_model.json").read_text()), load_file(folder / "head.safetensors")
        cls = model_class or ScalarHeadModel
        model = cls(AutoModel.from_pretrained(folder / "backbone", dtype=torch.float32), pooling=meta["pooling"])
        model.load_state_dict(tensors, strict=False)
    except Exception as err:  # truncated weights, emptied metadata, ...: the remedy is the same
        raise ValueError(f"reward model {folder} cannot be loaded ({type(err).__name__}): re-run with --force to "
                         "train it again") from None
    return model


def chunked_scores(model: nn.Module, input_ids: torch.Tensor, attention_mask: torch.Tensor,
                   chunks: int = 2) -> torch.Tensor:
    """`model(input_ids, attention_mask)` computed over `chunks` groups of rows of similar length, each cut to
    its own real columns: the same scores [B] with less padding computed (a chosen and a rejected answer of
    one pair often differ a lot in length)."""
    if chunks <= 1 or len(input_ids) <= 1:
        return model(input_ids, attention_mask)
    order = attention_mask.sum(1).argsort(descending=True)
    parts = []
    for rows in order.chunk(chunks):
        cols = attention_mask[rows].bool().any(0)
        parts.append(model(input_ids[rows][:, cols], attention_mask[rows][:, cols]))
    return torch.cat(parts)[order.argsort()]


def pair_features(pairs: list[PreferencePair], tokenizer: PreTrainedTokenizerBase, data_cfg: DataConfig,
                  tokenize: Callable = tokenize_example) -> list[tuple[list[int], list[int]]]:
    """(chosen ids, rejected ids) per pair, each `prompt + " " + answer + EOS` made by `tokenize`, prompt cut from
    the left."""

    def ids(prompt: str, answer: str) -> list[int]:
        return tokenize(tokenizer, prompt, answer, data_cfg.max_prompt_tokens, data_cfg.max_length)[0]
    return [(ids(p.prompt, p.chosen), ids(p.prompt, p.rejected)) for p in pairs]


def collate_pairs(features: list[tuple[list[int], list[int]]], pad_id: int) -> dict[str, torch.Tensor]:
    """Chosen rows then rejected rows, right-padded: input_ids and attention_mask [2B, T]."""
    ids, mask = right_pad([c for c, _ in features] + [r for _, r in features], pad_id)
    return {"input_ids": ids, "attention_mask": mask}


def pair_scores(model: nn.Module, batch: dict[str, torch.Tensor]) -> tuple[torch.Tensor, torch.Tensor]:
    """(chosen scores [B], rejected scores [B]) of a `collate_pairs` batch, rows scored in two length groups."""
    scores = chunked_scores(model, batch["input_ids"], batch["attention_mask"], chunks=2)
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


PAIR_SCORES = ("chosen_scores", "rejected_scores")
"""The per-pair score lists `evaluate_pairs` returns besides accuracy and loss (not written to log.json)."""


def evaluate_pairs(model: nn.Module, features: list[tuple[list[int], list[int]]], pad_id: int,
                   margin: float = 0.0, loss_fn: Callable | None = None) -> dict[str, float | list[float]]:
    """Held-out {"accuracy": share of pairs with r_chosen > r_rejected, "loss": Bradley-Terry loss,
    "chosen_scores", "rejected_scores": the per-pair scores [N] behind them, for the length-aware accuracy}."""
    c, r = pair_rewards(model, features, pad_id)
    loss = (loss_fn or bradley_terry_loss)(c, r, margin)  # loss_fn: the training loop's Bradley-Terry loss
    return {"accuracy": float((c > r).float().mean()), "loss": float(loss),
            PAIR_SCORES[0]: c.tolist(), PAIR_SCORES[1]: r.tolist()}


def answer_lengths(pairs: list[PreferencePair], tokenizer: PreTrainedTokenizerBase) -> tuple[list[int], list[int]]:
    """Token counts of the chosen and of the rejected answers (answer text only, before any truncation), [N] each."""
    return ([len(tokenizer(p.chosen).input_ids) for p in pairs], [len(tokenizer(p.rejected).input_ids) for p in pairs])


def final_heldout_scores(result: dict, model: nn.Module, tokenizer: PreTrainedTokenizerBase,
                         heldout: list[PreferencePair], data_cfg: DataConfig, tokenize: Callable = tokenize_example
                         ) -> tuple[list[float], list[float]]:
    """(chosen, rejected) scores [N] of the held-out pairs after training: those the last held-out evaluation of
    `result` (`train_reward_model`'s) kept, or, when a trainer kept none, the pairs (made by `tokenize`) scored
    once more (no training).
    Removes the per-pair lists from every `result["heldout"]` entry, leaving {step, accuracy, loss} for log.json."""
    kept = [{key: entry.pop(key, None) for key in PAIR_SCORES} for entry in result.get("heldout", [])]
    chosen, rejected = (kept[-1][key] for key in PAIR_SCORES) if kept else (None, None)
    if chosen is None or rejected is None or len(chosen) != len(heldout) or len(rejected) != len(heldout):
        c, r = pair_rewards(model, pair_features(heldout, tokenizer, data_cfg, tokenize), tokenizer.pad_token_id)
        chosen, rejected = c.tolist(), r.tolist()
    return chosen, rejected


LENGTH_KEYS = {"accuracy_ci": "heldout_accuracy_ci", "accuracy_shorter": "heldout_accuracy_shorter",
               "accuracy_shorter_ci": "heldout_accuracy_shorter_ci", "n_shorter": "heldout_pairs_shorter",
               "accuracy_longer": "heldout_accuracy_longer", "accuracy_longer_ci": "heldout_accuracy_longer_ci",
               "n_longer": "heldout_pairs_longer", "n_tied": "heldout_pairs_tied",
               "length_baseline_accuracy": "length_baseline_accuracy",
               "length_baseline_accuracy_ci": "length_baseline_accuracy_ci",
               "gap_over_length": "gap_over_length", "gap_over_length_ci": "gap_over_length_ci"}
"""`stats.length_aware_accuracy`'s keys -> the reward-model summary's (metrics.json `reward_models.<name>`)."""


def heldout_length_summary(chosen: list[float], rejected: list[float], heldout: list[PreferencePair],
                           tokenizer: PreTrainedTokenizerBase, seed: int = 0) -> dict:
    """The summary's length-aware held-out numbers (LENGTH_KEYS' values; CIs as [low, high]) from the per-pair
    scores [N] of `heldout` and its answers' token lengths."""
    stats = length_aware_accuracy(chosen, rejected, *answer_lengths(heldout, tokenizer), seed=seed)
    return {new: list(stats[old]) if old.endswith("_ci") else stats[old] for old, new in LENGTH_KEYS.items()}


@torch.no_grad()
def score_texts(model: nn.Module, tokenizer: PreTrainedTokenizerBase, prompts: list[str], responses: list[str],
                data_cfg: DataConfig, batch_size: int = 16, tokenize: Callable = tokenize_example) -> torch.Tensor:
    """Normalised scores [N] of `prompt + " " + response + EOS` texts (made by `tokenize`), on CPU."""
    rows = [tokenize(tokenizer, p, r, data_cfg.max_prompt_tokens, data_cfg.max_length)[0]
            for p, r in zip(prompts, responses)]
    return score_rows(model, rows, tokenizer.pad_token_id, batch_size)


# region (*) TODO 7: the Bradley-Terry loss
def bradley_terry_loss(chosen_rewards: torch.Tensor, rejected_rewards: torch.Tensor,
                       margin: torch.Tensor | float | None = None) -> torch.Tensor:
    """Mean of -log sigmoid(r_chosen - r_rejected - margin) over the batch. Inputs [B]; output scalar."""
    diff = chosen_rewards - rejected_rewards
    if margin is not None:
        diff = diff - margin  # Option 5: the chosen answer must win by at least `margin`
    return -F.logsigmoid(diff).mean()
# endregion


# region (*) TODO 8: the reward-model training loop (poor and good differ only in their settings)
def train_reward_model(model: ScalarHeadModel, tokenizer: PreTrainedTokenizerBase, train: list[PreferencePair],
                       heldout: list[PreferencePair], cfg: RewardConfig, data_cfg: DataConfig,
                       accelerator: Accelerator, seed: int = 0, desc: str = "reward model",
                       pair_loss: Callable | None = None) -> dict[str, list[dict[str, float]]]:
    """Train with the Bradley-Terry loss. Returns {"log": [{step, loss, accuracy, skipped}], "heldout": [{step,
    accuracy, loss}]}. `cfg.pairs` limits the pairs used, `cfg.label_noise` swaps that share of their labels, and
    `cfg.freeze_backbone` trains only the head: the knobs that make a poor reward model. `pair_loss(model, batch)
    -> (loss, chosen [B], rejected [B], {named parts})` replaces Bradley-Terry (ODIN, reward_length.py)."""
    rng = random.Random(seed)
    train = train[: cfg.pairs] if cfg.pairs else train
    train = [PreferencePair(p.prompt, p.rejected, p.chosen) if rng.random() < cfg.label_noise else p for p in train]
    pad_id = tokenizer.pad_token_id
    train_f = pair_features(train, tokenizer, data_cfg, tokenize_example)
    heldout_f = pair_features(heldout, tokenizer, data_cfg, tokenize_example)
    if cfg.freeze_backbone:
        model.backbone.requires_grad_(False)
    loader = batch_loader(train_f, [max(len(c), len(r)) for c, r in train_f], cfg.batch_size,
                          lambda b: collate_pairs(b, pad_id), data_cfg.length_group, seed)
    optimizer, schedule = optimizer_and_schedule(model.parameters(), cfg.lr, cfg.steps, max(1, cfg.steps // 20),
                                                 cfg.weight_decay)
    wrapped, optimizer, loader = accelerator.prepare(model, optimizer, loader)
    wrapped.train()
    log, held = [], [{"step": 0, **evaluate_pairs(model, heldout_f, pad_id, cfg.margin, bradley_terry_loss)}]
    batches = endless(loader)
    bar = tqdm(range(1, cfg.steps + 1), desc=desc, disable=not accelerator.is_main_process)
    for step in bar:
        batch = next(batches)
        with accelerator.autocast():
            if pair_loss is None:
                chosen, rejected = pair_scores(wrapped, batch)
                loss, parts = bradley_terry_loss(chosen, rejected, cfg.margin or None), {}
            else:  # another loss on the same pairs (ODIN, in Part 2)
                loss, chosen, rejected, parts = pair_loss(wrapped, batch)
        grad_norm = optimizer_step(accelerator, loss, model.parameters(), optimizer, cfg.max_grad_norm, step,
                                   f"{desc} loss")  # None: fp16 loss scaling skipped this step
        schedule.step()
        log.append({"step": step, "loss": float(loss.detach()), "accuracy": float((chosen > rejected).float().mean()),
                    **parts, "skipped": grad_norm is None})
        bar.set_postfix(loss=f"{log[-1]['loss']:.3f}", acc=f"{log[-1]['accuracy']:.2f}")
        if step % cfg.eval_every == 0 or step == cfg.steps:
            held.append({"step": step, **evaluate_pairs(model, heldout_f, pad_id, cfg.margin, bradley_terry_loss)})
    model.backbone.requires_grad_(True)
    model.eval()
    return {"log": log, "heldout": held}
# endregion


# region (*) TODO 9: normalising the reward model on SFT samples
@torch.no_grad()
def normalize(model: ScalarHeadModel, tokenizer: PreTrainedTokenizerBase, prompts: list[str],
              responses: list[str], data_cfg: DataConfig) -> dict[str, float]:
    """Set the model's mean and std so that its scores on these (SFT-policy) samples have mean 0 and std 1,
    putting both RMs, and the rewards PPO sees, on one scale. Returns the raw {"mean", "std"} found."""
    model.mean.fill_(0.0)
    model.std.fill_(1.0)
    raw = score_texts(model, tokenizer, prompts, responses, data_cfg, tokenize=tokenize_example)
    mean, std = float(raw.mean()), float(raw.std().clamp(min=1e-6))
    model.mean.fill_(mean)
    model.std.fill_(std)
    return {"mean": mean, "std": std}
# endregion
