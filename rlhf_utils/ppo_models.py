"""What PPO's loop (`ppo.train_ppo`) uses besides its equations: the four models (policy, value model or
value head, frozen reference, frozen reward model) with their optimizer and passes, the KL controller,
the prompts of each iteration, the RM scores of a rollout, and the resumable checkpoint.

Dropout is off in every model: the rollout and the update must be the same function of the weights.
"""

from __future__ import annotations

import json
import math
import random
import shutil
from collections.abc import Callable
from pathlib import Path

import torch
from accelerate import Accelerator
from safetensors.torch import load_model, save_model
from transformers import PreTrainedModel, PreTrainedTokenizerBase

from rlhf_utils.config import DataConfig, PPOConfig
from rlhf_utils.data import tokenize_example
from rlhf_utils.generation import response_logprobs
from rlhf_utils.models import disable_dropout, set_trainable, trainable_parameters
from rlhf_utils.reward import score_texts
from rlhf_utils.training import TrainingDiverged, adamw, check_finite, optimizer_step


class AdaptiveKLController:
    """beta <- beta * (1 + clip(KL / target - 1, -0.2, 0.2) * n / horizon)  (Ziegler et al., 2019); fixed
    unless `adaptive`."""

    def __init__(self, init: float, target: float, horizon: int, adaptive: bool):
        self.value, self.target, self.horizon, self.adaptive = init, target, horizon, adaptive

    def update(self, kl: float, n_samples: int) -> None:
        if self.adaptive:
            error = max(-0.2, min(0.2, kl / self.target - 1))
            self.value *= 1 + error * n_samples / self.horizon


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
    """V(s_t) [B, R] from a separate value model: the value of the state before each response token."""
    ids = torch.cat([query_ids, response_ids], 1)
    mask = torch.cat([query_mask, response_mask], 1)
    return value_model(ids, mask, per_token=True)[:, query_ids.shape[1] - 1:-1].float()


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


def score_rollout(roll: dict, prompts: list[str], reward_model: torch.nn.Module, tokenizer: PreTrainedTokenizerBase,
                  reward_tokenizer: PreTrainedTokenizerBase, cfg: PPOConfig, data_cfg: DataConfig, iteration: int,
                  monitors: dict[str, Callable] | None = None, tokenize: Callable = tokenize_example
                  ) -> tuple[torch.Tensor, torch.Tensor, dict]:
    """(scores [B], ended [B], watched): the normalised RM score of each response (minus
    `cfg.missing_eos_penalty` if it never ended), whether it ended with EOS, and each monitor's mean score.
    The RM reads `prompt + " " + response + EOS` made by `tokenize` (the RM's training features')."""
    r, m = roll["response_ids"], roll["response_mask"]
    texts = [t.strip() for t in tokenizer.batch_decode(r * m + tokenizer.pad_token_id * (1 - m),
                                                       skip_special_tokens=True)]
    scores = score_texts(reward_model, reward_tokenizer, prompts, texts, data_cfg, tokenize=tokenize).to(r.device)
    ended = ((r == tokenizer.eos_token_id) & m.bool()).any(1)
    scores = scores - cfg.missing_eos_penalty * (~ended).float()
    check_finite(scores, "reward-model score", iteration)
    watched = {f"{name}_score": float(fn(prompts, texts).float().mean()) for name, fn in (monitors or {}).items()}
    return scores, ended, watched


class PPOModels:
    """The models of one PPO run, prepared for `accelerator`, with the optimizer (policy at `cfg.lr`, value
    model at `cfg.value_lr`) and the KL controller. `value_model=None` (with `cfg.value_model="shared"`)
    puts a `ValueHead` on the policy: values come from the policy's own hidden states, and each minibatch
    is one forward/backward of the policy for both losses. `logprobs` computes the rollout's, the reference's
    and the update's log-probs (`generation.response_logprobs`). With `checkpoint_dir` the run resumes from the
    checkpoint there (`start`: the first iteration to run, `log`: the metrics so far) and saves its own there."""

    def __init__(self, policy: PreTrainedModel, ref_policy: PreTrainedModel, value_model: torch.nn.Module | None,
                 reward_model: torch.nn.Module, cfg: PPOConfig, accelerator: Accelerator,
                 logprobs: Callable = response_logprobs, checkpoint_dir: str | Path | None = None):
        self.shared, self.cfg, self.accelerator = cfg.value_model == "shared", cfg, accelerator
        self.logprobs = logprobs
        if self.shared != (value_model is None):
            raise ValueError(f"ppo.value_model={cfg.value_model!r} needs value_model="
                             f"{'None' if self.shared else 'a ScalarHeadModel'}")
        value_model = ValueHead(policy.config.hidden_size).to(accelerator.device) if self.shared else value_model
        for model in (policy, ref_policy, value_model, reward_model):
            disable_dropout(model)
        for model in (ref_policy, reward_model):
            model.to(accelerator.device).eval().requires_grad_(False)
        for model in (policy, value_model):
            set_trainable(model)  # all weights, or only the adapters of LoRA-wrapped models
            model.train()
        optimizer = adamw([{"params": trainable_parameters(policy), "lr": cfg.lr},
                           {"params": trainable_parameters(value_model), "lr": cfg.value_lr}], eps=1e-5)
        self.policy, self.value_model, self.ref, self.reward_model = policy, value_model, ref_policy, reward_model
        self.policy_w, self.value_w, self.optimizer = accelerator.prepare(policy, value_model, optimizer)
        self.params = trainable_parameters(policy) + trainable_parameters(value_model)
        self.kl_ctl = AdaptiveKLController(cfg.kl_coef, cfg.target_kl, cfg.kl_horizon, cfg.adaptive_kl)
        self.start, self.log = self.resume(checkpoint_dir)

    @property
    def sampler(self) -> PreTrainedModel:
        """The policy to sample rollouts from (unwrapped from DDP)."""
        return self.accelerator.unwrap_model(self.policy_w)

    def ref_logprobs(self, roll: dict) -> torch.Tensor:
        """Log-probs [B, R] of the rollout's response tokens under the frozen reference policy."""
        return self.logprobs(self.ref, roll["query_ids"], roll["query_mask"], roll["response_ids"],
                             roll["response_mask"], self.cfg.temperature)[0]

    def old_values(self, roll: dict) -> torch.Tensor:
        """V(s_t) [B, R] of the rollout as it was sampled."""
        if self.shared:
            return self.value_w(roll["hidden"])
        return response_values(self.value_w, roll["query_ids"], roll["query_mask"], roll["response_ids"],
                               roll["response_mask"])

    def forward(self, roll: dict, rows: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
        """(log-probs, entropy, values), each [b, R], of rollout rows `rows` under the current weights."""
        q, qm, r, rm = (roll[k][rows] for k in ("query_ids", "query_mask", "response_ids", "response_mask"))
        with self.accelerator.autocast():
            if self.shared:
                logprobs, entropy, hidden = self.logprobs(self.policy_w, q, qm, r, rm, self.cfg.temperature, True)
                return logprobs, entropy, self.value_w(hidden)
            logprobs, entropy = self.logprobs(self.policy_w, q, qm, r, rm, self.cfg.temperature)
            return logprobs, entropy, response_values(self.value_w, q, qm, r, rm)

    def step(self, loss: torch.Tensor, iteration: int) -> float | None:
        """Backward, clip, optimizer step; the grad norm, or None when fp16 loss scaling skipped the step. Raises
        TrainingDiverged before applying a non-finite loss, or (without loss scaling) a non-finite gradient."""
        return optimizer_step(self.accelerator, loss, self.params, self.optimizer, self.cfg.max_grad_norm,
                              iteration, "PPO loss")

    def finite(self) -> bool:
        """True when every weight and every optimizer state tensor is finite."""
        tensors = [p for model in (self.policy, self.value_model) for p in model.parameters()]
        tensors += [v for state in self.optimizer.state.values() for v in state.values() if torch.is_tensor(v)]
        return all(bool(torch.isfinite(t).all()) for t in tensors)

    def save(self, folder: Path, iteration: int, log: list[dict]) -> None:
        """A resumable checkpoint (weights, optimizer, KL coefficient, log), written to a temporary folder first
        and only if every tensor is finite: otherwise the previous checkpoint stays and TrainingDiverged says so."""
        if not self.finite():
            raise TrainingDiverged(f"weights or optimizer state became non-finite by iteration {iteration}; the "
                                   "checkpoint was not overwritten.")
        tmp = folder.with_name(folder.name + ".tmp")
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir(parents=True)
        save_model(self.policy, str(tmp / "policy.safetensors"))  # handles GPT-2's tied embeddings
        save_model(self.value_model, str(tmp / "value.safetensors"))
        torch.save(self.optimizer.state_dict(), tmp / "optimizer.pt")
        (tmp / "state.json").write_text(json.dumps({"iteration": iteration, "kl_coef": self.kl_ctl.value, "log": log}))
        shutil.rmtree(folder, ignore_errors=True)
        tmp.rename(folder)

    def resume(self, folder: str | Path | None) -> tuple[int, list[dict]]:
        """(first iteration, log so far) from a checkpoint in `folder`, or (0, []) when there is none; later
        checkpoints go to `folder` too (none without one). A checkpoint that cannot be read is an error naming it."""
        self.folder = Path(folder) if folder else None
        if self.folder is None or not (self.folder / "state.json").is_file():
            return 0, []
        folder, device = self.folder, str(self.accelerator.device)
        try:
            state = json.loads((folder / "state.json").read_text())
            load_model(self.policy, str(folder / "policy.safetensors"), device=device)
            load_model(self.value_model, str(folder / "value.safetensors"), device=device)
            self.optimizer.load_state_dict(torch.load(folder / "optimizer.pt", map_location=device, weights_only=True))
            self.kl_ctl.value = state["kl_coef"]
        except Exception as err:  # a truncated or emptied file fails in many ways; the way out is the same
            raise ValueError(f"PPO checkpoint {folder} is unreadable ({type(err).__name__}): re-run with --force to "
                             "start PPO over") from None
        return state["iteration"], state["log"]

    def checkpoint(self, iteration: int, log: list[dict]) -> None:
        """Save a checkpoint after `iteration` iterations when one is due (every `save_every`, and the last)."""
        due = iteration % self.cfg.save_every == 0 or iteration == self.cfg.iterations
        if self.folder and due and self.accelerator.is_main_process:
            self.save(self.folder, iteration, log)

    def finish(self, log: list[dict]) -> list[dict]:
        """Models to eval mode; returns `log`, or raises TrainingDiverged if a logged metric is not finite."""
        self.policy.eval()
        self.value_model.eval()
        if not all(math.isfinite(v) for row in log for v in row.values()):
            raise TrainingDiverged("a logged PPO metric is not finite; see the log")
        return log

