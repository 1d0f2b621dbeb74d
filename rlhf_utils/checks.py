"""Worked examples for the homework's pieces, run on the notebook's own functions (ARENA style):

    checks.gae(compute_gae, masked_whiten)     # after the TODO 12 cell

Each check prints one line per fact it verified and raises AssertionError, saying what was expected and
what came back, at the first that fails. The numbers are small enough to redo by hand; the markdown
above each check cell in the notebook shows the arithmetic.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from types import SimpleNamespace

import torch
from transformers import GPT2Config, GPT2LMHeadModel, GPT2Model

from rlhf_utils.config import DataConfig, PPOConfig
from rlhf_utils.data import IGNORE, SFTExample
from rlhf_utils.generation import response_logprobs
from rlhf_utils.models import offline_gpt2_tokenizer, setup_tokenizer
from rlhf_utils.reward import score_texts

EOS = 50256
EXPLAIN_AI = [18438, 391, 9552, 25]  # GPT-2's tokens of "Explain AI:"
IT_LEARNS = [632, 22974, 13]  # " It learns."


def _ok(condition: bool, what: str, got: object = None) -> None:
    if not condition:
        raise AssertionError(f"{what}: not so" + ("" if got is None else f" (got {got})"))
    print(f"  ✓ {what}")


def _close(a: torch.Tensor | float, b: list | float, atol: float = 1e-4) -> bool:
    return torch.allclose(torch.as_tensor(a, dtype=torch.float32), torch.tensor(b, dtype=torch.float32), atol=atol)


def _gpt2_tokenizer():
    return setup_tokenizer(offline_gpt2_tokenizer())


def sft_features(sft_features_fn: Callable, tokenize_example_fn: Callable) -> None:
    """TODO 2: `prompt + " " + response + EOS`, prompt cut from the left, whole cut from the right; labels
    IGNORE (-100) on the prompt; an example whose response is cut away entirely is dropped."""
    tok = _gpt2_tokenizer()
    ids, n_prompt = tokenize_example_fn(tok, "Explain AI:", "It learns.", 64, 192)
    _ok(ids == EXPLAIN_AI + IT_LEARNS + [EOS] and n_prompt == 4,
        "'Explain AI:' + ' It learns.' + EOS -> 8 ids, the first 4 the prompt", (ids, n_prompt))
    ids, n_prompt = tokenize_example_fn(tok, "Explain AI:", "It learns.", 2, 192)
    _ok(ids[:2] == EXPLAIN_AI[2:] and n_prompt == 2, "max_prompt_tokens=2 keeps the prompt's last 2 tokens",
        (ids, n_prompt))
    example = SFTExample("Explain AI:", "It learns.")
    (feature,) = sft_features_fn([example], tok, DataConfig(max_prompt_tokens=64, max_length=192))
    _ok(feature["labels"] == [IGNORE] * 4 + IT_LEARNS + [EOS], "labels: -100 x 4 on the prompt, then the "
        "response and its EOS", feature["labels"])
    (feature,) = sft_features_fn([example], tok, DataConfig(max_prompt_tokens=64, max_length=6))
    _ok(feature["input_ids"] == EXPLAIN_AI + IT_LEARNS[:2] and feature["labels"] == [IGNORE] * 4 + IT_LEARNS[:2],
        "max_length=6 cuts the response (and its EOS) from the right", feature)
    _ok(sft_features_fn([example], tok, DataConfig(max_prompt_tokens=64, max_length=4)) == [],
        "max_length=4 leaves no response token: the example is dropped")


class _FixedLM(torch.nn.Module):
    """A 4-token 'language model' whose next-token probabilities are always (1/8, 1/8, 2/8, 4/8)."""

    def __init__(self):
        super().__init__()
        self.logits = torch.nn.Parameter(torch.log(torch.tensor([1.0, 1.0, 2.0, 4.0])))

    def forward(self, input_ids, attention_mask=None, logits_to_keep=0, **kwargs):
        logits = self.logits.expand(*input_ids.shape, 4)
        if isinstance(logits_to_keep, torch.Tensor):  # a boolean [B, T] mask: only those positions
            logits = logits[logits_to_keep]
        return SimpleNamespace(logits=logits)


def sft_loss(sft_loss_fn: Callable) -> None:
    """TODO 4: next-token cross-entropy on response tokens only. With probabilities (1/8, 1/8, 2/8, 4/8), a
    response of tokens 2 then 3 costs (ln 4 + ln 2) / 2 = 1.5 ln 2 = 1.0397 nats per token."""
    batch = {"input_ids": torch.tensor([[0, 1, 2, 3], [1, 3, 3, 0]]),
             "attention_mask": torch.tensor([[1, 1, 1, 1], [1, 1, 1, 0]]),
             "labels": torch.tensor([[IGNORE, IGNORE, 2, 3], [IGNORE, IGNORE, IGNORE, IGNORE]])}
    loss, n_tokens = sft_loss_fn(_FixedLM(), batch)
    _ok(_close(loss.detach(), 1.5 * math.log(2)),
        "loss = (ln 4 + ln 2) / 2 = 1.0397: only the two response tokens count", float(loss.detach()))
    _ok(int(n_tokens) == 2, "2 labelled tokens (prompt, padding and the all-prompt row are skipped)", n_tokens)
    _ok(loss.requires_grad, "the loss carries gradients")


def _tiny_backbone() -> GPT2Model:
    torch.manual_seed(0)
    return GPT2Model(GPT2Config(n_layer=1, n_embd=32, n_head=2, n_positions=64)).eval()


def reward_model(last_token_index_fn: Callable, model_cls: type) -> None:
    """TODO 6: the index of the last real token (left or right padding) and a score read there: padding
    changes nothing, and scores come out normalised, (raw - mean) / std."""
    right = torch.tensor([[1, 1, 1, 0], [1, 0, 0, 0]])
    got = last_token_index_fn(right)
    _ok(got.tolist() == [2, 0], "right padding [[1,1,1,0],[1,0,0,0]] -> last real tokens at [2, 0]", got.tolist())
    got = last_token_index_fn(torch.tensor([[0, 0, 1, 1]]))
    _ok(got.tolist() == [3], "left padding [[0,0,1,1]] -> [3]", got.tolist())
    model = model_cls(_tiny_backbone())
    ids = torch.tensor([[464, 3290, 318, EOS], [40, EOS, EOS, EOS]])
    mask = torch.tensor([[1, 1, 1, 1], [1, 1, 0, 0]])
    with torch.no_grad():
        scores = model(ids, mask)
        alone = model(ids[1:, :2], mask[1:, :2])
        left = model(torch.tensor([[EOS, EOS, 40, EOS]]), torch.tensor([[0, 0, 1, 1]]))
        per_token = model(ids, mask, per_token=True)
        model.mean.fill_(1.0)
        model.std.fill_(2.0)
        shifted = model(ids, mask)
    _ok(scores.shape == (2,) and per_token.shape == (2, 4), "one score per sequence [B], one per token [B, T]")
    _ok(_close(scores[1], alone[0].item()) and _close(scores[1], left[0].item()),
        "a padded row scores as the row alone, with right or left padding", (scores[1].item(), alone[0].item()))
    _ok(_close(shifted, ((scores - 1) / 2).tolist()), "with mean 1 and std 2 the score is (raw - 1) / 2")


def bradley_terry(loss_fn: Callable) -> None:
    """TODO 7: -log sigmoid(r_chosen - r_rejected - margin), averaged over pairs."""
    one = loss_fn(torch.tensor([2.0]), torch.tensor([1.0]))
    _ok(_close(one, math.log(1 + math.exp(-1))), "(2, 1) costs log(1 + e^-1) = 0.3133", float(one))
    _ok(_close(loss_fn(torch.tensor([0.0]), torch.tensor([0.0])), math.log(2)), "a tie costs log 2 = 0.6931")
    _ok(_close(loss_fn(torch.tensor([2.0]), torch.tensor([1.0]), 1.0), math.log(2)),
        "margin 1: (2, 1) is only a tie, log 2")
    both = loss_fn(torch.tensor([2.0, 0.0]), torch.tensor([1.0, 0.0]))
    _ok(_close(both, (0.3133 + 0.6931) / 2), "a batch costs the mean: (0.3133 + 0.6931) / 2 = 0.5032", float(both))


class _LengthRM(torch.nn.Module):
    """A reward model whose raw score is the number of real tokens."""

    def __init__(self):
        super().__init__()
        self.register_buffer("mean", torch.zeros(()))
        self.register_buffer("std", torch.ones(()))
        self.unused = torch.nn.Parameter(torch.zeros(()))

    def forward(self, input_ids, attention_mask, per_token=False):
        return (attention_mask.sum(-1).float() - self.mean) / self.std


def normalize(normalize_fn: Callable) -> None:
    """TODO 9: with a toy RM scoring the token count, "Q:" + " a" (+ " b", ...) + EOS are 4, 5, 6 and 8
    tokens: mean 5.75, std 1.7078; after normalising, the same samples score mean 0, std 1."""
    tok, rm, data_cfg = _gpt2_tokenizer(), _LengthRM(), DataConfig()
    prompts, answers = ["Q:"] * 4, ["a", "a b", "a b c", "a b c d e"]
    stats = normalize_fn(rm, tok, prompts, answers, data_cfg)
    _ok(_close(stats["mean"], 5.75) and _close(stats["std"], math.sqrt(8.75 / 3)),
        "raw scores 4, 5, 6, 8: mean 5.75, std 1.7078", stats)
    scores = score_texts(rm, tok, prompts, answers, data_cfg)
    _ok(_close(scores, [(x - 5.75) / math.sqrt(8.75 / 3) for x in (4, 5, 6, 8)]),
        "normalised: (raw - 5.75) / 1.7078 = -1.02, -0.44, 0.15, 1.32", scores.tolist())
    _ok(_close(scores.mean(), 0.0) and _close(scores.std(), 1.0), "mean 0, std 1 on the samples")


def rollout(response_mask_fn: Callable, token_logprobs_fn: Callable, rollout_fn: Callable) -> None:
    """TODO 10: the response mask ends at the first EOS; log-probs are those of logits / T; prompts are
    left-padded, and the rollout's log-probs equal a separate forward pass's."""
    ids = torch.tensor([[5, 6, EOS, 7, EOS], [5, 6, 7, 8, 9], [EOS, 1, 2, 3, 4]])
    got = response_mask_fn(ids, EOS)
    _ok(got.tolist() == [[1, 1, 1, 0, 0], [1, 1, 1, 1, 1], [1, 0, 0, 0, 0]],
        "mask covers tokens up to and including the first EOS", got.tolist())
    logits = torch.tensor([[[0.0, math.log(3.0)]]])
    _ok(_close(token_logprobs_fn(logits, torch.tensor([[1]]), 1.0), math.log(0.75)),
        "logits (0, ln 3) at T = 1: p = 3/4")
    _ok(_close(token_logprobs_fn(logits, torch.tensor([[0]]), 0.5), math.log(0.1)),
        "at T = 0.5 the logits double: p = 1 / (1 + 9) = 1/10")
    torch.manual_seed(0)
    model = GPT2LMHeadModel(GPT2Config(n_layer=1, n_embd=32, n_head=2, n_positions=64)).eval()
    roll = rollout_fn(model, _gpt2_tokenizer(), ["Explain AI:", "Hi:"], 6, 0.7)
    _ok(roll["query_mask"][:, -1].all() and not roll["query_mask"][1, 0], "prompts are left-padded")
    _ok(torch.equal(roll["response_mask"], response_mask_fn(roll["response_ids"], EOS)), "the rollout's mask")
    with torch.no_grad():
        again = response_logprobs(model, roll["query_ids"], roll["query_mask"], roll["response_ids"],
                                  roll["response_mask"], 0.7)[0]
    valid = roll["response_mask"].bool()
    _ok(torch.equal(roll["logprobs"][valid], again[valid]) and (roll["logprobs"][~valid] == 0).all(),
        "rollout log-probs are a training pass's at T = 0.7, bit for bit (0 after the response)")


def kl_rewards(per_token_rewards_fn: Callable) -> None:
    """TODO 11: log-probs (-1, -2, -0.5) vs reference (-1.5, -1.8, -0.7), the third token padding, beta 0.1,
    score 2: KL (0.5, -0.2, 0), rewards (-0.05, 0.02 + 2, 0); k3 = e^-k1 - 1 + k1 = (0.1065, 0.0214, 0)."""
    logprobs = torch.tensor([[-1.0, -2.0, -0.5], [-0.3, -0.3, -0.3]])
    ref = torch.tensor([[-1.5, -1.8, -0.7], [-0.3, -0.3, -0.3]])
    mask = torch.tensor([[1.0, 1.0, 0.0], [1.0, 1.0, 1.0]])
    rewards, kl, kl_k3 = per_token_rewards_fn(logprobs, ref, torch.tensor([2.0, -1.0]), mask, 0.1)
    _ok(_close(kl, [[0.5, -0.2, 0.0], [0.0, 0.0, 0.0]]), "k1 = log pi - log pi_ref on response tokens, 0 on padding",
        kl.tolist())
    _ok(_close(rewards, [[-0.05, 2.02, 0.0], [0.0, 0.0, -1.0]]),
        "rewards: -0.1 x KL everywhere, plus the score on each response's last token", rewards.tolist())
    _ok(_close(kl_k3[0], [math.exp(-0.5) - 1 + 0.5, math.exp(0.2) - 1 - 0.2, 0.0]), "k3 = 0.1065, 0.0214, 0",
        kl_k3[0].tolist())


def gae(compute_gae_fn: Callable, masked_whiten_fn: Callable) -> None:
    """TODO 12: gamma 0.9, lambda 0.5, rewards (0, 0, 1), values (0.5, 0.2, 0.4): delta = (-0.32, 0.16, 0.6),
    A = (-0.32 + 0.45 x 0.43, 0.16 + 0.45 x 0.6, 0.6) = (-0.1265, 0.43, 0.6), returns = A + V."""
    adv, ret = compute_gae_fn(torch.tensor([[0.0, 0.0, 1.0]]), torch.tensor([[0.5, 0.2, 0.4]]), torch.ones(1, 3),
                              gamma=0.9, lam=0.5)
    _ok(_close(adv, [[-0.1265, 0.43, 0.6]]), "advantages (-0.1265, 0.43, 0.6)", adv.tolist())
    _ok(_close(ret, [[0.3735, 0.63, 1.0]]), "returns = advantages + values = (0.3735, 0.63, 1.0)", ret.tolist())
    adv, ret = compute_gae_fn(torch.tensor([[0.0, 1.0, 5.0]]), torch.tensor([[0.5, 0.2, 9.0]]),
                              torch.tensor([[1.0, 1.0, 0.0]]), gamma=0.9, lam=0.5)
    _ok(_close(adv, [[0.04, 0.8, 0.0]]) and _close(ret, [[0.54, 1.0, 0.0]]),
        "padding is ignored: V = 0 after the last real token; A = (0.04, 0.8, 0)", adv.tolist())
    white = masked_whiten_fn(torch.tensor([[1.0, 2.0, 3.0, 100.0]]), torch.tensor([[1.0, 1.0, 1.0, 0.0]]))
    _ok(_close(white, [[-1.2247, 0.0, 1.2247, 0.0]]), "whitening (1, 2, 3 | pad) -> (-1.22, 0, 1.22 | 0)",
        white.tolist())


def ppo_losses(policy_loss_fn: Callable, value_loss_fn: Callable, ppo_update_fn: Callable) -> None:
    """TODO 13: ratios (1.5, 0.5), advantages (1, 1), clip 0.2: (-1.2 - 0.5) / 2 = -0.85, the clip active on the
    first token; value 1 from 0.5 with return 2, clip 0.2: 0.5 x (0.7 - 2)^2 = 0.845; the update visits every
    row once per epoch."""
    ones = torch.ones(1, 2)
    loss, clip_frac = policy_loss_fn(torch.log(torch.tensor([[1.5, 0.5]])), torch.zeros(1, 2), ones, ones, 0.2)
    _ok(_close(loss, -0.85) and _close(clip_frac, 0.5), "clipped surrogate -0.85, clip fraction 0.5",
        (float(loss), float(clip_frac)))
    loss, _ = policy_loss_fn(torch.log(torch.tensor([[0.5]])), torch.zeros(1, 1), -torch.ones(1, 1), torch.ones(1, 1),
                             0.2)
    _ok(_close(loss, 0.8), "a negative advantage at ratio 0.5 is clipped at 0.8: loss 0.8", float(loss))
    vf = value_loss_fn(torch.tensor([[1.0]]), torch.tensor([[0.5]]), torch.tensor([[2.0]]), torch.ones(1, 1), 0.2)
    _ok(_close(vf, 0.845), "clipped value loss 0.5 x (0.7 - 2)^2 = 0.845", float(vf))
    batch = {"logprobs": torch.zeros(4, 3), "values": torch.zeros(4, 3), "returns": torch.zeros(4, 3),
             "advantages": torch.tensor([1.0, 2.0, 3.0, 4.0])[:, None].expand(4, 3), "mask": torch.ones(4, 3)}
    seen, losses = [], []

    def forward(rows):
        seen.extend(rows.tolist())
        weights = torch.zeros(len(rows), 3, requires_grad=True)
        return weights, torch.ones(len(rows), 3), torch.zeros(len(rows), 3)

    def step(loss):
        losses.append(float(loss.detach()))
        return 0.0
    stats = ppo_update_fn(batch, forward, step, PPOConfig(epochs=3, batch_size=4, minibatch_size=2))
    _ok(sorted(seen) == [0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3] and len(losses) == 6,
        "3 epochs x 2 minibatches of 2 rows: 6 steps, every row 3 times", sorted(seen))
    _ok(_close(sum(losses) / 6, -2.5), "at ratio 1 the policy loss is -mean(A): -2.5 on average", sum(losses) / 6)
    _ok({"policy_loss", "value_loss", "clip_frac", "entropy"} <= set(stats), "named statistics returned", set(stats))
