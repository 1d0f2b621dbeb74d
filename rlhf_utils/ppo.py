"""Step 3: PPO of the SFT policy against a reward model, written out by hand (TRL 1.x has no PPOTrainer).

One iteration, top to bottom (`train_ppo`, TODO 14):
  1. rollout (TODO 10, in generation.py): sample one response per prompt at the sampling temperature;
  2. score it: normalised RM score, minus `missing_eos_penalty` if it never ended;
  3. per-token reward (TODO 11): -beta * (log pi(a|s) - log pi_ref(a|s)), plus the score on the last token;
     the KL logged (and steering the adaptive beta) is the non-negative k3 estimate of the same KL;
  4. advantages by GAE (TODO 12) over response tokens, whitened over valid tokens;
  5. the update (TODO 13): `epochs` passes over minibatches: clipped policy loss + vf_coef * clipped value loss;
  6. adapt beta towards `target_kl` (Ziegler et al., 2019) if asked.
Log-probs always come from `token_logprobs` (logits divided by the sampling temperature), so they are
the log-probs of the distribution the tokens were drawn from. The models, optimizer, checkpoints and
RM scoring the loop uses are in `ppo_models.py`.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Callable

import torch
from tqdm.auto import tqdm
from transformers import PreTrainedTokenizerBase

from rlhf_utils.config import DataConfig, PPOConfig
from rlhf_utils.data import tokenize_example
from rlhf_utils.generation import rollout
from rlhf_utils.ppo_models import PPOModels, prompt_batch, score_rollout
from rlhf_utils.reward import last_token_index
from rlhf_utils.training import check_finite


# region (*) TODO 11: per-token rewards: a KL penalty on every token, the RM score on the last
def kl_per_token(logprobs: torch.Tensor, ref_logprobs: torch.Tensor,
                 mask: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """Two estimates of KL(pi || pi_ref) per sampled token, 0 on padding, both [B, R]:
    k1 = log pi - log pi_ref, what the reward penalises (standard in RLHF); k3 = r - 1 - log r with
    r = pi_ref / pi, also unbiased, never negative and of lower variance: what is logged."""
    k1 = (logprobs - ref_logprobs) * mask
    k3 = (torch.expm1(-k1) + k1) * mask
    return k1, k3


def per_token_rewards(logprobs: torch.Tensor, ref_logprobs: torch.Tensor, scores: torch.Tensor,
                      mask: torch.Tensor, kl_coef: float) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """r_t = -kl_coef * (log pi(a_t|s_t) - log pi_ref(a_t|s_t)) on every response token, plus the sequence's
    RM score on its last token. Inputs [B, R] (scores [B]); returns (rewards, k1, k3), each [B, R]."""
    kl, kl_k3 = kl_per_token(logprobs, ref_logprobs, mask)
    rewards = -kl_coef * kl
    rows = torch.arange(len(rewards), device=rewards.device)
    rewards[rows, last_token_index(mask)] += scores
    return rewards, kl, kl_k3
# endregion


# region (*) TODO 12: advantages by GAE, then whitened
def masked_mean(x: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
    return (x * mask).sum() / mask.sum().clamp(min=1)


def masked_whiten(x: torch.Tensor, mask: torch.Tensor, eps: float = 1e-8) -> torch.Tensor:
    """(x - mean) / std over the valid entries; invalid entries become 0."""
    mean = masked_mean(x, mask)
    var = masked_mean((x - mean) ** 2, mask)
    return (x - mean) * torch.rsqrt(var + eps) * mask


def compute_gae(rewards: torch.Tensor, values: torch.Tensor, mask: torch.Tensor, gamma: float,
                lam: float) -> tuple[torch.Tensor, torch.Tensor]:
    """Generalised advantage estimation over right-padded [B, R] tensors; `mask` is 1 on response tokens.
    The value after the last valid token is 0 (the episode ends); padding gets advantage 0 and return 0.
        delta_t = r_t + gamma * V_{t+1} - V_t
        A_t     = delta_t + gamma * lam * A_{t+1}
        R_t     = A_t + V_t
    Returns (advantages, returns), both [B, R]."""
    mask = mask.to(values.dtype)
    advantages = torch.zeros_like(values)
    next_advantage = torch.zeros_like(values[:, 0])
    next_value = torch.zeros_like(values[:, 0])
    for t in reversed(range(values.shape[1])):
        delta = rewards[:, t] + gamma * next_value - values[:, t]
        next_advantage = (delta + gamma * lam * next_advantage) * mask[:, t]
        advantages[:, t] = next_advantage
        next_value = values[:, t] * mask[:, t]
    return advantages, (advantages + values) * mask
# endregion


# region (*) TODO 13: clipped policy and value losses, and the update over epochs x minibatches
def policy_loss(logprobs: torch.Tensor, old_logprobs: torch.Tensor, advantages: torch.Tensor,
                mask: torch.Tensor, clip_range: float) -> tuple[torch.Tensor, torch.Tensor]:
    """PPO's clipped surrogate (to minimise) and the share of tokens where the clip was active."""
    ratio = torch.exp(logprobs - old_logprobs)
    unclipped = -advantages * ratio
    clipped = -advantages * ratio.clamp(1 - clip_range, 1 + clip_range)
    return masked_mean(torch.max(unclipped, clipped), mask), masked_mean((clipped > unclipped).float(), mask)


def value_loss(values: torch.Tensor, old_values: torch.Tensor, returns: torch.Tensor,
               mask: torch.Tensor, clip_range: float) -> torch.Tensor:
    """0.5 * max((V - R)^2, (V_clipped - R)^2), V_clipped kept within clip_range of the rollout's V."""
    clipped = old_values + (values - old_values).clamp(-clip_range, clip_range)
    return 0.5 * masked_mean(torch.max((values - returns) ** 2, (clipped - returns) ** 2), mask)


def ppo_update(batch: dict[str, torch.Tensor], forward: Callable, step: Callable, cfg: PPOConfig) -> dict[str, float]:
    """`cfg.epochs` passes over the rollout in shuffled minibatches of `cfg.minibatch_size` rows.

    batch: logprobs, values (as sampled), advantages, returns, mask, each [B, R]. forward(rows) -> (logprobs,
    entropy, values) of those rows under the current weights; step(loss) -> gradient norm (backward, clip,
    optimizer step), None when fp16 loss scaling skipped the step. Returns the mean of each statistic over
    minibatches (grad_norm over the steps applied, 0 when none was) and the number of skipped_steps.
    """
    stats, skipped = defaultdict(list), 0
    for _ in range(cfg.epochs):
        for rows in torch.randperm(len(batch["mask"]), device=batch["mask"].device).split(cfg.minibatch_size):
            logprobs, entropy, values = forward(rows)
            old, m = batch["logprobs"][rows], batch["mask"][rows]
            pg_loss, clip_frac = policy_loss(logprobs, old, batch["advantages"][rows], m, cfg.clip_range)
            vf_loss = value_loss(values, batch["values"][rows], batch["returns"][rows], m, cfg.clip_range_value)
            grad_norm = step(pg_loss + cfg.vf_coef * vf_loss)  # None: fp16 loss scaling skipped the step
            if grad_norm is None:
                skipped += 1
            else:
                stats["grad_norm"].append(grad_norm)
            stats["policy_loss"].append(float(pg_loss.detach()))
            stats["value_loss"].append(float(vf_loss.detach()))
            stats["clip_frac"].append(float(clip_frac))
            stats["entropy"].append(float(masked_mean(entropy.detach(), m)))
            stats["approx_kl"].append(float(masked_mean(0.5 * (logprobs.detach() - old) ** 2, m)))
    means = {k: sum(v) / len(v) for k, v in stats.items()}
    return {"grad_norm": 0.0, **means, "skipped_steps": skipped}
# endregion


def log_row(it: int, scores: torch.Tensor, ended: torch.Tensor, rewards: torch.Tensor, kl: torch.Tensor,
            kl_k3: torch.Tensor, batch: dict[str, torch.Tensor], kl_coef: float) -> dict[str, float]:
    """The named metrics of one PPO iteration (scores in normalised RM units, KL in nats per response)."""
    mask = batch["mask"]
    check_finite(kl_k3.sum(1).mean(), "KL", it)
    return {
        "iteration": it + 1, "score": float(scores.mean()),
        "score_std": float(scores.std()) if len(scores) > 1 else 0.0,
        "kl": float(kl_k3.sum(1).mean()), "kl_k1": float(kl.sum(1).mean()), "kl_coef": kl_coef,
        "non_score_reward": float(rewards.sum(1).mean() - scores.mean()),
        "response_length": float(mask.sum(1).mean()), "eos_rate": float(ended.float().mean()),
        "value_mean": float(masked_mean(batch["values"], mask)),
        "return_mean": float(masked_mean(batch["returns"], mask)),
    }


# region (*) TODO 14: the PPO training loop
def train_ppo(run: PPOModels, tokenizer: PreTrainedTokenizerBase, reward_tokenizer: PreTrainedTokenizerBase,
              prompts: list[str], cfg: PPOConfig, data_cfg: DataConfig, seed: int = 0, desc: str = "PPO",
              on_iteration: Callable | None = None, monitors: dict | None = None) -> list[dict[str, float]]:
    """Train `run`'s policy and value model in place against its reward model, from where `run`'s checkpoint left
    off (`run.start`, `run.log`); returns one dict of named metrics per iteration. `monitors` score rollouts only."""
    accelerator, log = run.accelerator, run.log
    seed = seed + accelerator.process_index  # each process samples its own prompts
    bar = tqdm(range(run.start, cfg.iterations), desc=desc, initial=run.start, total=cfg.iterations,
               disable=not accelerator.is_main_process)
    for it in bar:
        t = [time.perf_counter()]
        torch.manual_seed(seed * 1_000_003 + it)
        batch_prompts = prompt_batch(prompts, it, cfg.batch_size, seed)
        with torch.no_grad(), accelerator.autocast():
            roll = rollout(run.sampler, tokenizer, batch_prompts, cfg.max_new_tokens, cfg.temperature,
                           data_cfg.max_prompt_tokens, with_hidden=run.shared)              # 1. sample
            t.append(time.perf_counter())
            scores, ended, watched = score_rollout(roll, batch_prompts, run.reward_model, tokenizer, reward_tokenizer,
                                                   cfg, data_cfg, it, monitors, tokenize_example)  # 2. score
            mask = roll["response_mask"].float()
            rewards, kl, kl_k3 = per_token_rewards(roll["logprobs"], run.ref_logprobs(roll), scores, mask,
                                                   run.kl_ctl.value)                     # 3. rewards
            values = run.old_values(roll)
            advantages, returns = compute_gae(rewards, values, mask, cfg.gamma, cfg.lam)  # 4. advantages
            if cfg.whiten_advantages:
                advantages = masked_whiten(advantages, mask)
        t.append(time.perf_counter())
        batch = dict(logprobs=roll["logprobs"], values=values, advantages=advantages, returns=returns, mask=mask)
        stats = ppo_update(batch, lambda rows: run.forward(roll, rows), lambda loss: run.step(loss, it), cfg)  # 5.
        t.append(time.perf_counter())
        row = {**log_row(it, scores, ended, rewards, kl, kl_k3, batch, run.kl_ctl.value), **stats, **watched,
               "generate_s": t[1] - t[0], "score_s": t[2] - t[1], "update_s": t[3] - t[2],
               "time_s": (log[-1]["time_s"] if log else 0.0) + t[3] - t[0]}
        run.kl_ctl.update(row["kl"], cfg.batch_size * accelerator.num_processes)           # 6. adapt beta
        log.append(row)
        bar.set_postfix(score=f"{row['score']:.2f}", kl=f"{row['kl']:.2f}")
        if on_iteration:
            on_iteration(row)
        run.checkpoint(it + 1, log)  # every cfg.save_every iterations and at the end
    return run.finish(log)
# endregion
