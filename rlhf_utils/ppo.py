"""Step 3: PPO of the SFT policy against a reward model, written out by hand (TRL 1.x has no PPOTrainer).

One iteration, top to bottom (`train_ppo`):
  1. rollout: sample one response per prompt at the sampling temperature;
  2. score it: normalised RM score, minus `missing_eos_penalty` if it never ended;
  3. per-token reward: -beta * (log pi(a|s) - log pi_ref(a|s)), plus the score on the last token;
     the KL logged (and steering the adaptive beta) is the non-negative k3 estimate of the same KL;
  4. advantages by GAE over response tokens, whitened over valid tokens;
  5. `epochs` passes over minibatches: clipped policy loss + vf_coef * clipped value loss;
  6. adapt beta towards `target_kl` (Ziegler et al., 2019) if asked.
Log-probs always come from logits divided by the sampling temperature, so they are the log-probs of
the distribution the tokens were drawn from. Dropout is off in every model: rollout and update must be
the same function of the weights.
"""

from __future__ import annotations

import json
import math
import random
import shutil
import time
from collections.abc import Callable
from pathlib import Path

import torch
from accelerate import Accelerator
from safetensors.torch import load_model, save_model
from tqdm.auto import tqdm
from transformers import PreTrainedModel, PreTrainedTokenizerBase

from rlhf_utils.config import DataConfig, PPOConfig
from rlhf_utils.generation import sample_tokens
from rlhf_utils.models import disable_dropout, position_ids_from_mask, set_trainable, trainable_parameters
from rlhf_utils.reward import ScalarHeadModel, score_texts
from rlhf_utils.training import TrainingDiverged, adamw, check_finite, optimizer_step

# ---------------------------------------------------------------- the equations


def masked_mean(x: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
    return (x * mask).sum() / mask.sum().clamp(min=1)


def masked_whiten(x: torch.Tensor, mask: torch.Tensor, eps: float = 1e-8) -> torch.Tensor:
    """(x - mean) / std over the valid entries; invalid entries become 0."""
    mean = masked_mean(x, mask)
    var = masked_mean((x - mean) ** 2, mask)
    return (x - mean) * torch.rsqrt(var + eps) * mask


def compute_gae(
    rewards: torch.Tensor, values: torch.Tensor, mask: torch.Tensor, gamma: float, lam: float
) -> tuple[torch.Tensor, torch.Tensor]:
    """Generalised advantage estimation over right-padded [batch, time] tensors.

    `mask` is 1 on response tokens. The value after the last valid token is 0 (the episode ends),
    and padded positions get advantage 0 and return 0. Returns (advantages, returns), both [B, T].
        delta_t = r_t + gamma * V_{t+1} - V_t
        A_t     = delta_t + gamma * lam * A_{t+1}
        R_t     = A_t + V_t
    """
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


def kl_per_token(logprobs: torch.Tensor, ref_logprobs: torch.Tensor,
                 mask: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """Two estimates of KL(pi || pi_ref) per sampled token, 0 on padding. Both [B, T].

    k1 = log pi - log pi_ref: what the reward penalises (standard in RLHF);
    k3 = r - 1 - log r with r = pi_ref / pi: also unbiased, never negative, lower variance: what is logged.
    """
    k1 = (logprobs - ref_logprobs) * mask
    k3 = (torch.expm1(-k1) + k1) * mask
    return k1, k3


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


class AdaptiveKLController:
    """beta <- beta * (1 + clip(KL / target - 1, -0.2, 0.2) * n / horizon)  (Ziegler et al., 2019)."""

    def __init__(self, init: float, target: float, horizon: int, adaptive: bool):
        self.value, self.target, self.horizon, self.adaptive = init, target, horizon, adaptive

    def update(self, kl: float, n_samples: int) -> None:
        if self.adaptive:
            error = max(-0.2, min(0.2, kl / self.target - 1))
            self.value *= 1 + error * n_samples / self.horizon


# ---------------------------------------------------------------- model passes


def response_logprobs(
    policy: torch.nn.Module, query_ids: torch.Tensor, query_mask: torch.Tensor, response_ids: torch.Tensor,
    response_mask: torch.Tensor, temperature: float, with_hidden: bool = False,
) -> tuple[torch.Tensor, ...]:
    """Log-probs [B, R] of the response tokens under logits / temperature, and the entropy [B, R]; with
    `with_hidden`, also the last layer's hidden state [B, R, H] of the state before each response token.

    Only the R positions that predict response tokens are projected onto the vocabulary.
    """
    ids = torch.cat([query_ids, response_ids], 1)
    mask = torch.cat([query_mask, response_mask], 1)
    n = response_ids.shape[1]
    out = policy(input_ids=ids, attention_mask=mask, position_ids=position_ids_from_mask(mask),
                 logits_to_keep=n + 1, use_cache=False, output_hidden_states=with_hidden)
    logits = out.logits[:, :-1].float() / temperature
    logp_all = torch.log_softmax(logits, -1)
    logprobs = logp_all.gather(-1, response_ids[..., None]).squeeze(-1)
    entropy = -(logp_all.exp() * logp_all).sum(-1)
    if with_hidden:
        return logprobs, entropy, out.hidden_states[-1][:, query_ids.shape[1] - 1:-1]
    return logprobs, entropy


class ValueHead(torch.nn.Module):
    """V(s_t) = w . h_t + b on the policy's last hidden state h_t (`ppo.value_model="shared"`).

    Starts at V = 0 everywhere (zero weights), so the first advantages are the plain returns.
    """

    def __init__(self, hidden_size: int):
        super().__init__()
        self.linear = torch.nn.Linear(hidden_size, 1)
        torch.nn.init.zeros_(self.linear.weight)
        torch.nn.init.zeros_(self.linear.bias)

    def forward(self, hidden: torch.Tensor) -> torch.Tensor:
        """[B, R, H] -> [B, R] (fp32)."""
        return self.linear(hidden.to(self.linear.weight.dtype)).squeeze(-1).float()


def response_values(value_model: torch.nn.Module, query_ids: torch.Tensor, query_mask: torch.Tensor,
                    response_ids: torch.Tensor, response_mask: torch.Tensor) -> torch.Tensor:
    """V(s_t) [B, R]: the value of the state before each response token is chosen."""
    ids = torch.cat([query_ids, response_ids], 1)
    mask = torch.cat([query_mask, response_mask], 1)
    return value_model(ids, mask, per_token=True)[:, query_ids.shape[1] - 1:-1].float()


# ---------------------------------------------------------------- checkpoints


def _save_checkpoint(folder: Path, policy, value_model, optimizer, iteration: int, kl_coef: float,
                     log: list[dict]) -> None:
    tmp = folder.with_name(folder.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    save_model(policy, str(tmp / "policy.safetensors"))  # handles GPT-2's tied embeddings
    save_model(value_model, str(tmp / "value.safetensors"))
    torch.save(optimizer.state_dict(), tmp / "optimizer.pt")
    (tmp / "state.json").write_text(json.dumps({"iteration": iteration, "kl_coef": kl_coef, "log": log}))
    shutil.rmtree(folder, ignore_errors=True)
    tmp.rename(folder)


def _load_checkpoint(folder: Path, policy, value_model, optimizer) -> dict:
    device = next(policy.parameters()).device
    load_model(policy, str(folder / "policy.safetensors"), device=str(device))
    load_model(value_model, str(folder / "value.safetensors"), device=str(device))
    optimizer.load_state_dict(torch.load(folder / "optimizer.pt", map_location=device, weights_only=True))
    return json.loads((folder / "state.json").read_text())


def prompt_batch(prompts: list[str], iteration: int, batch_size: int, seed: int) -> list[str]:
    """The prompts of one iteration: consecutive slices of seeded shuffles, reproducible on resume."""
    n = len(prompts)
    out = []
    for j in range(iteration * batch_size, (iteration + 1) * batch_size):
        epoch, pos = divmod(j, n)
        order = list(range(n))
        random.Random(seed * 100_003 + epoch).shuffle(order)
        out.append(prompts[order[pos]])
    return out


# ---------------------------------------------------------------- the loop


def train_ppo(
    policy: PreTrainedModel,
    ref_policy: PreTrainedModel,
    value_model: ScalarHeadModel | None,
    reward_model: ScalarHeadModel,
    tokenizer: PreTrainedTokenizerBase,
    reward_tokenizer: PreTrainedTokenizerBase,
    prompts: list[str],
    cfg: PPOConfig,
    data_cfg: DataConfig,
    accelerator: Accelerator,
    seed: int = 0,
    checkpoint_dir: str | Path | None = None,
    desc: str = "PPO",
    on_iteration: Callable[[dict], None] | None = None,
    monitors: dict[str, Callable[[list[str], list[str]], torch.Tensor]] | None = None,
) -> list[dict[str, float]]:
    """Train `policy` (and `value_model`) in place. Returns one dict of named metrics per iteration.

    `value_model=None` (with `cfg.value_model="shared"`) puts a `ValueHead` on the policy instead of a
    second network: rollout values come from `generate`'s hidden states, and each minibatch is one
    forward/backward of the policy for both losses.

    `monitors` score each rollout without training on it, e.g. {"gold": f(prompts, responses) -> [B]}
    logs `gold_score`: a held-out reward model watching for reward over-optimisation.

    With `checkpoint_dir`, state is saved every `cfg.save_every` iterations and a re-run resumes from it.
    On a NaN or inf the last good weights are saved there and TrainingDiverged is raised.
    """
    device = accelerator.device
    shared = cfg.value_model == "shared"
    if shared != (value_model is None):
        raise ValueError(f"ppo.value_model={cfg.value_model!r} needs value_model="
                         f"{'None' if shared else 'a ScalarHeadModel'}")
    if shared:
        value_model = ValueHead(policy.config.hidden_size).to(device)
    for model in (policy, ref_policy, value_model, reward_model):
        disable_dropout(model)
    ref_policy.to(device).eval().requires_grad_(False)
    reward_model.to(device).eval().requires_grad_(False)
    for model in (policy, value_model):
        set_trainable(model)  # all weights, or only the adapters of LoRA-wrapped models
        model.train()
    optimizer = adamw(
        [{"params": trainable_parameters(policy), "lr": cfg.lr},
         {"params": trainable_parameters(value_model), "lr": cfg.value_lr}],
        eps=1e-5,
    )
    policy_w, value_w, optimizer = accelerator.prepare(policy, value_model, optimizer)
    kl_ctl = AdaptiveKLController(cfg.kl_coef, cfg.target_kl, cfg.kl_horizon, cfg.adaptive_kl)
    params = trainable_parameters(policy) + trainable_parameters(value_model)
    log: list[dict[str, float]] = []
    start = 0
    ckpt = Path(checkpoint_dir) if checkpoint_dir else None
    if ckpt and (ckpt / "state.json").is_file():
        state = _load_checkpoint(ckpt, policy, value_model, optimizer)
        start, kl_ctl.value, log = state["iteration"], state["kl_coef"], state["log"]
    seed = seed + accelerator.process_index
    elapsed = log[-1]["time_s"] if log else 0.0
    bar = tqdm(range(start, cfg.iterations), desc=desc, initial=start, total=cfg.iterations,
               disable=not accelerator.is_main_process)
    for it in bar:
        t0 = time.perf_counter()
        torch.manual_seed(seed * 1_000_003 + it)
        batch_prompts = prompt_batch(prompts, it, cfg.batch_size, seed)

        # 1-4. rollout, scores, per-token rewards, advantages (no gradients)
        with torch.no_grad(), accelerator.autocast():
            policy.eval()
            t_generate = time.perf_counter()
            roll = sample_tokens(accelerator.unwrap_model(policy_w), tokenizer, batch_prompts, cfg.max_new_tokens,
                                 cfg.temperature, data_cfg.max_prompt_tokens, with_logprobs=True, with_hidden=shared)
            t_score = time.perf_counter()
            q, qm, r, rm = roll["query_ids"], roll["query_mask"], roll["response_ids"], roll["response_mask"]
            old_logprobs = roll["logprobs"]  # from generate's scores: no second policy forward pass
            ref_logprobs, _ = response_logprobs(ref_policy, q, qm, r, rm, cfg.temperature)
            old_values = value_w(roll["hidden"]) if shared else response_values(value_w, q, qm, r, rm)
            texts = tokenizer.batch_decode(r * rm + tokenizer.pad_token_id * (1 - rm), skip_special_tokens=True)
            scores = score_texts(reward_model, reward_tokenizer, batch_prompts, [t.strip() for t in texts],
                                 data_cfg).to(device)
            ended = ((r == tokenizer.eos_token_id) & rm.bool()).any(1)
            scores = scores - cfg.missing_eos_penalty * (~ended).float()
            check_finite(scores, "reward-model score", it)
            watched = {f"{name}_score": float(fn(batch_prompts, [t.strip() for t in texts]).float().mean())
                       for name, fn in (monitors or {}).items()}
            policy.train()

            mask = rm.float()
            kl, kl_k3 = kl_per_token(old_logprobs, ref_logprobs, mask)       # per-token log-ratio, [B, R]
            rewards = -kl_ctl.value * kl                                       # KL penalty on every token
            last = rm.sum(1) - 1
            rewards[torch.arange(len(r), device=device), last] += scores       # RM score on the last token
            advantages, returns = compute_gae(rewards, old_values, mask, cfg.gamma, cfg.lam)
            if cfg.whiten_advantages:
                advantages = masked_whiten(advantages, mask)

        # 5. PPO epochs over minibatches
        t_update = time.perf_counter()
        stats: dict[str, list[float]] = {k: [] for k in ("policy_loss", "value_loss", "clip_frac", "entropy",
                                                          "approx_kl", "grad_norm")}
        for _ in range(cfg.epochs):
            for mb in torch.randperm(len(r), device=device).split(cfg.minibatch_size):
                with accelerator.autocast():
                    if shared:
                        logprobs, entropy, hidden = response_logprobs(policy_w, q[mb], qm[mb], r[mb], rm[mb],
                                                                      cfg.temperature, with_hidden=True)
                        values = value_w(hidden)
                    else:
                        logprobs, entropy = response_logprobs(policy_w, q[mb], qm[mb], r[mb], rm[mb], cfg.temperature)
                        values = response_values(value_w, q[mb], qm[mb], r[mb], rm[mb])
                m = mask[mb]
                pg_loss, clip_frac = policy_loss(logprobs, old_logprobs[mb], advantages[mb], m, cfg.clip_range)
                vf_loss = value_loss(values, old_values[mb], returns[mb], m, cfg.clip_range_value)
                loss = pg_loss + cfg.vf_coef * vf_loss
                try:
                    grad_norm = optimizer_step(accelerator, loss, params, optimizer, cfg.max_grad_norm, it, "PPO loss")
                except TrainingDiverged:
                    if ckpt:
                        _save_checkpoint(ckpt, policy, value_model, optimizer, it, kl_ctl.value, log)
                    raise
                with torch.no_grad():
                    stats["policy_loss"].append(float(pg_loss.detach()))
                    stats["value_loss"].append(float(vf_loss.detach()))
                    stats["clip_frac"].append(float(clip_frac))
                    stats["entropy"].append(float(masked_mean(entropy.detach(), m)))
                    stats["approx_kl"].append(float(masked_mean(0.5 * (logprobs.detach() - old_logprobs[mb]) ** 2, m)))
                    stats["grad_norm"].append(grad_norm)

        # 6. log and adapt beta
        seq_kl = float(kl_k3.sum(1).mean())
        t_end = time.perf_counter()
        elapsed += t_end - t0
        row = {
            "iteration": it + 1,
            "score": float(scores.mean()),
            "score_std": float(scores.std()) if len(scores) > 1 else 0.0,
            "kl": seq_kl,
            "kl_k1": float(kl.sum(1).mean()),
            "kl_coef": kl_ctl.value,
            "non_score_reward": float(rewards.sum(1).mean() - scores.mean()),
            "response_length": float(rm.sum(1).float().mean()),
            "eos_rate": float(ended.float().mean()),
            "value_mean": float(masked_mean(old_values, mask)),
            "return_mean": float(masked_mean(returns, mask)),
            **{k: sum(v) / len(v) for k, v in stats.items()},
            **watched,
            "generate_s": t_score - t_generate,  # sampling the rollout
            "score_s": t_update - t_score,  # reference log-probs, values, RM scores, advantages
            "update_s": t_end - t_update,  # the PPO epochs
            "time_s": elapsed,
        }
        check_finite(torch.tensor(seq_kl), "KL", it)
        kl_ctl.update(seq_kl, cfg.batch_size * accelerator.num_processes)
        log.append(row)
        bar.set_postfix(score=f"{row['score']:.2f}", kl=f"{seq_kl:.2f}")
        if on_iteration:
            on_iteration(row)
        if ckpt and accelerator.is_main_process and ((it + 1) % cfg.save_every == 0 or it + 1 == cfg.iterations):
            _save_checkpoint(ckpt, policy, value_model, optimizer, it + 1, kl_ctl.value, log)
    policy.eval()
    value_model.eval()
    if not all(math.isfinite(v) for row in log for v in row.values()):
        raise TrainingDiverged("a logged PPO metric is not finite; see the log")
    return log
