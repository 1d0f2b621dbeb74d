"""Reward models that learn content rather than length.

In HH-RLHF the chosen answer is usually the longer one, so a small reward model can reach most of its accuracy
by counting tokens, and PPO against it learns to write longer (Singhal et al., 2023, "A Long Way to Go";
Shen et al., 2023, "Loose lips sink ships"). Three remedies, each a `reward_*` setting:

- `objective=odin`: ODIN (Chen et al., 2024, "ODIN: Disentangled Reward Mitigates Hacking in RLHF"). Two
  linear heads read the same pooled hidden state; their sum is trained with the Bradley-Terry loss, while a
  disentangling loss makes the *length* head correlate with response length and the *quality* head not, and
  an orthogonality loss keeps the two heads' weights apart. Only the quality head (the model's `head`) is
  saved as the reward: PPO and every evaluation see quality only.
- `length_balance=true`: train on pairs chosen so that "the longer answer wins" is at chance (50%).
- `length_correction=residual`: after training, remove the part of the score a least-squares line in
  response length explains on SFT samples (the normalisation samples).
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence

import torch
from torch import nn

from rlhf_utils.data import PreferencePair, tokenize_example
from rlhf_utils.models import position_ids_from_mask
from rlhf_utils.reward import (
    ScalarHeadModel,
    answer_lengths,
    bradley_terry_loss,
    evaluate_pairs,
    last_token_index,
    pair_features,
    pool_hidden,
    score_rows,
    train_reward_model,
)
from rlhf_utils.stats import fit_length_line, length_residuals


def pearson(x: torch.Tensor, y: torch.Tensor, eps: float = 1e-8) -> torch.Tensor:
    """Pearson correlation of two [N] tensors (0 when either is constant); differentiable."""
    x, y = x.float() - x.float().mean(), y.float() - y.float().mean()
    return (x * y).sum() / (x.norm() * y.norm() + eps)


class TwoHeadRewardModel(ScalarHeadModel):
    """ScalarHeadModel plus a length head on the same pooled state (ODIN). `forward` and `head` are the
    quality head, so the saved model is a plain quality-only reward model; `forward(..., both=True)` gives
    both heads' raw scores."""

    def __init__(self, backbone: nn.Module, pooling: str = "last"):
        super().__init__(backbone, pooling)
        hidden = backbone.config.hidden_size
        self.length_head = nn.Linear(hidden, 1)
        nn.init.normal_(self.length_head.weight, std=1 / (hidden + 1) ** 0.5)
        nn.init.zeros_(self.length_head.bias)

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor, per_token: bool = False,
                both: bool = False) -> torch.Tensor:
        """As ScalarHeadModel (normalised quality scores); with `both`, raw [2, B]: quality and length rows."""
        if not both:
            return super().forward(input_ids, attention_mask, per_token)
        pooled = self.pooled(input_ids, attention_mask)
        return torch.stack([self.head(pooled).squeeze(-1).float(), self.length_head(pooled).squeeze(-1).float()])

    def pooled(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        """The hidden state the heads read, [B, H] (last real token, or `pooling`)."""
        hidden = self.backbone(input_ids=input_ids, attention_mask=attention_mask,
                               position_ids=position_ids_from_mask(attention_mask), use_cache=False).last_hidden_state
        if self.pooling == "last":
            return hidden[torch.arange(len(hidden), device=hidden.device), last_token_index(attention_mask)]
        return pool_hidden(hidden, attention_mask, self.pooling, self.attn)


def odin_loss(quality: tuple[torch.Tensor, torch.Tensor], length: tuple[torch.Tensor, torch.Tensor],
              lengths: tuple[torch.Tensor, torch.Tensor], w_quality: torch.Tensor, w_length: torch.Tensor,
              length_weight: float = 1.0, ortho_weight: float = 1.0,
              margin: float | None = None) -> tuple[torch.Tensor, dict[str, float]]:
    """ODIN's loss for a batch of pairs. `quality`, `length`: (chosen [B], rejected [B]) scores of each head;
    `lengths`: (chosen [B], rejected [B]) response lengths in tokens; `w_*`: the heads' weights [1, H].

    loss = BT(q_c + l_c, q_r + l_r) + length_weight * (|corr(q, L)| - corr(l, L)) + ortho_weight * |w_q . w_l|
    (correlations over the 2B answers of the batch). Returns (loss, its parts as floats)."""
    ranking = bradley_terry_loss(quality[0] + length[0], quality[1] + length[1], margin)
    lens = torch.cat(lengths).float()
    q, ln = torch.cat(quality), torch.cat(length)
    disentangle = pearson(q, lens).abs() - pearson(ln, lens)
    ortho = (w_quality.float() * w_length.float()).sum().abs()
    loss = ranking + length_weight * disentangle + ortho_weight * ortho
    return loss, {"ranking": float(ranking.detach()), "disentangle": float(disentangle.detach()),
                  "ortho": float(ortho.detach())}


def balance_by_length(pairs: Sequence[PreferencePair], length: Callable[[str], int],
                      seed: int = 0) -> list[PreferencePair]:
    """Keep as many chosen-is-longer as chosen-is-shorter pairs (equal lengths kept), dropping the surplus of
    the larger group at random, so that "the longer answer wins" scores 50% on what is kept. Order kept."""
    longer = [i for i, p in enumerate(pairs) if length(p.chosen) > length(p.rejected)]
    shorter = [i for i, p in enumerate(pairs) if length(p.chosen) < length(p.rejected)]
    big, small = (longer, shorter) if len(longer) >= len(shorter) else (shorter, longer)
    drop = set(random.Random(seed).sample(big, len(big) - len(small)))
    return [p for i, p in enumerate(pairs) if i not in drop]


def odin_pair_loss(model: TwoHeadRewardModel, pairs: list[PreferencePair], tokenizer, cfg, data_cfg,
                   tokenize: Callable = tokenize_example) -> Callable:
    """ODIN's loss as `train_reward_model`'s `pair_loss`: (model, batch) -> (loss, quality of the chosen [B] and of
    the rejected [B] answers, {ranking, disentangle, ortho}). Each row's answer length (tokens, before truncation)
    is looked up by its token ids, made from `pairs` by `tokenize` as the loop makes them; answers of different
    lengths that truncate to the same row (one input the length head cannot tell apart) get their mean length."""
    seen: dict[tuple[int, ...], list[int]] = {}
    for (c, r), lc, lr in zip(pair_features(pairs, tokenizer, data_cfg, tokenize), *answer_lengths(pairs, tokenizer)):
        seen.setdefault(tuple(c), []).append(lc)
        seen.setdefault(tuple(r), []).append(lr)
    lengths = {row: sum(found) / len(found) for row, found in seen.items()}

    def loss(wrapped: nn.Module, batch: dict[str, torch.Tensor]) -> tuple:
        q, ln = wrapped(batch["input_ids"], batch["attention_mask"], both=True)
        rows = [tuple(ids[m.bool()].tolist()) for ids, m in zip(batch["input_ids"], batch["attention_mask"])]
        lens = torch.tensor([lengths[row] for row in rows], dtype=torch.float32, device=q.device)
        half = len(q) // 2
        total, parts = odin_loss((q[:half], q[half:]), (ln[:half], ln[half:]), (lens[:half], lens[half:]),
                                 model.head.weight, model.length_head.weight, cfg.odin_length_weight,
                                 cfg.odin_ortho_weight, cfg.margin or None)
        return total, q[:half], q[half:], parts
    return loss


def train_odin_reward_model(model: TwoHeadRewardModel, tokenizer, train: list[PreferencePair],
                            heldout: list[PreferencePair], cfg, data_cfg, accelerator, seed: int = 0,
                            desc: str = "reward model (ODIN)", tokenize: Callable = tokenize_example,
                            trainer: Callable = train_reward_model) -> dict[str, list[dict[str, float]]]:
    """`trainer` (TODO 8's loop) with ODIN's loss: same batches, schedule and held-out measurements (of the quality
    head, the reward PPO will see). Returns {"log": [{step, loss, accuracy, ranking, disentangle, ortho,
    skipped}], "heldout": [{step, accuracy, loss}]}."""
    loss = odin_pair_loss(model, train, tokenizer, cfg, data_cfg, tokenize)
    return trainer(model, tokenizer, train, heldout, cfg, data_cfg, accelerator, seed, desc, pair_loss=loss)


class LengthCorrectedModel(ScalarHeadModel):
    """A reward model whose score has the least-squares line in sequence length (tokens, `attention_mask.sum`)
    removed, then rescaled to std 1: `(score - (a + b * L)) / scale`, with a, b, scale fitted on SFT samples by
    `fit_length_correction`. Per-token values (PPO's value model) are left as they are."""

    def __init__(self, backbone: nn.Module, pooling: str = "last"):
        super().__init__(backbone, pooling)
        for name, value in (("length_intercept", 0.0), ("length_slope", 0.0), ("length_scale", 1.0)):
            self.register_buffer(name, torch.tensor(value))

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor, per_token: bool = False) -> torch.Tensor:
        scores = super().forward(input_ids, attention_mask, per_token)
        if per_token:
            return scores
        lengths = attention_mask.sum(1).to(scores.dtype)
        return (scores - self.length_intercept - self.length_slope * lengths) / self.length_scale


@torch.no_grad()
def fit_length_correction(model: LengthCorrectedModel, rows: list[list[int]], pad_id: int) -> dict[str, float]:
    """Fit the model's length line on token-id rows (SFT samples, already normalised to mean 0, std 1): after
    it, the scores of these rows are uncorrelated with their length and have mean 0, std 1. Returns
    {"intercept", "slope" (score units per token), "scale", "corr_before"}."""
    model.length_intercept.fill_(0.0)
    model.length_slope.fill_(0.0)
    model.length_scale.fill_(1.0)
    scores = score_rows(model, rows, pad_id)
    lengths = [len(r) for r in rows]
    intercept, slope = fit_length_line(lengths, scores.numpy())
    scale = max(float(length_residuals(scores.numpy(), lengths, (intercept, slope)).std(ddof=1)), 1e-6)
    model.length_intercept.fill_(intercept)
    model.length_slope.fill_(slope)
    model.length_scale.fill_(scale)
    return {"intercept": intercept, "slope": slope, "scale": scale,
            "corr_before": float(pearson(scores, torch.tensor(lengths, dtype=torch.float32)))}


def with_length_correction(model: ScalarHeadModel) -> LengthCorrectedModel:
    """A LengthCorrectedModel sharing `model`'s backbone, head, pooling and normalisation (correction unset)."""
    corrected = LengthCorrectedModel.__new__(LengthCorrectedModel)
    nn.Module.__init__(corrected)
    corrected.backbone, corrected.pooling, corrected.head, corrected.attn = (model.backbone, model.pooling,
                                                                             model.head, model.attn)
    corrected.register_buffer("mean", model.mean.clone())
    corrected.register_buffer("std", model.std.clone())
    device = model.mean.device
    for name, value in (("length_intercept", 0.0), ("length_slope", 0.0), ("length_scale", 1.0)):
        corrected.register_buffer(name, torch.tensor(value, device=device))
    return corrected.train(model.training)


def balanced_pairs(pairs: list[PreferencePair], tokenizer, seed: int) -> list[PreferencePair]:
    """`balance_by_length` with answer lengths in the reward model's tokens."""
    return balance_by_length(pairs, lambda text: len(tokenizer(text).input_ids), seed)


def correct_for_length(model: ScalarHeadModel, tokenizer, samples: tuple[list[str], list[str]],
                       heldout: list[PreferencePair], rcfg, data_cfg, tokenize: Callable = tokenize_example
                       ) -> tuple[LengthCorrectedModel, dict, dict]:
    """`length_correction=residual` after normalisation: the model with its length line fitted on the SFT
    `samples` (prompts, responses), the fit, and its held-out {"accuracy", "loss"} after the correction; texts
    made into RM input by `tokenize`."""
    corrected = with_length_correction(model)
    rows = [tokenize(tokenizer, p, r, data_cfg.max_prompt_tokens, data_cfg.max_length)[0] for p, r in zip(*samples)]
    fit = fit_length_correction(corrected, rows, tokenizer.pad_token_id)
    held = evaluate_pairs(corrected, pair_features(heldout, tokenizer, data_cfg, tokenize), tokenizer.pad_token_id,
                          rcfg.margin)
    return corrected, fit, held
