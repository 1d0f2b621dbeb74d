"""The cost model behind `estimates`: model sizes, token lengths of each data set, the devices (a 2-core CPU fitted
to BENCHMARKS.md, a T4 assumed), the host's fixed costs, and `seconds(work, device)`. See `estimates` for the
method."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from rlhf_utils.config import SMOL_MODEL, TINY_MODEL, ModelConfig, RunConfig

VOCAB = 50257
"""GPT-2's vocabulary: the width of every logit row (SmolLM2's 49,152 is close enough)."""


# ---------------------------------------------------------------- model sizes


@dataclass(frozen=True)
class ModelSize:
    """Parameter counts of one model; the LM head is tied to the token embedding and counted once."""

    params: float
    """All parameters (count)."""
    embedding: float
    """Token-embedding table = LM head (vocab x hidden, count): a lookup on input, a matmul only where logits are
    computed."""
    layers: int

    @property
    def body(self) -> float:
        """Parameters a token passes through without the LM head (count)."""
        return self.params - self.embedding


KNOWN_SIZES: dict[str, ModelSize] = {
    "distilgpt2": ModelSize(81_912_576, 50257 * 768, 6),
    "gpt2": ModelSize(124_439_808, 50257 * 768, 12),
    "gpt2-medium": ModelSize(354_823_168, 50257 * 1024, 24),
    SMOL_MODEL: ModelSize(134_515_008, 49152 * 576, 30),
}
"""Counted parameters: the GPT-2 family from docs/memory.md's table, SmolLM2-135M from BENCHMARKS.md (134.5 M,
106.2 M without its 49,152 x 576 embedding)."""


def gpt2_params(vocab: int, context: int, hidden: int, layers: int) -> int:
    """Parameters of a GPT-2 with a tied LM head: embeddings (vocab + context) x hidden, per block 12 h^2 + 13 h
    (attention 4 h^2 + 4 h, MLP 8 h^2 + 5 h, two layer norms 4 h), a final layer norm 2 h."""
    return (vocab + context) * hidden + layers * (12 * hidden * hidden + 13 * hidden) + 2 * hidden


def model_size(name: str, cfg: ModelConfig) -> tuple[ModelSize, str]:
    """(size, note) of a model name: the table, tiny-gpt2 from `cfg.model.tiny_*`, a local folder from its
    config.json (GPT-2 formula), else distilgpt2's size with a note saying it was assumed."""
    if name in KNOWN_SIZES:
        return KNOWN_SIZES[name], ""
    if name == TINY_MODEL:
        h = cfg.tiny_hidden
        return ModelSize(gpt2_params(VOCAB, cfg.tiny_context, h, cfg.tiny_layers), VOCAB * h, cfg.tiny_layers), ""
    config = Path(name).expanduser() / "config.json"
    if config.is_file():
        c = json.loads(config.read_text())
        h, layers = c.get("n_embd", c.get("hidden_size", 768)), c.get("n_layer", c.get("num_hidden_layers", 6))
        vocab, context = c.get("vocab_size", VOCAB), c.get("n_positions", 0)
        return ModelSize(gpt2_params(vocab, context, h, layers), vocab * h, layers), ""
    return KNOWN_SIZES["distilgpt2"], f"size of {name!r} unknown: distilgpt2's assumed"


# ---------------------------------------------------------------- text lengths

DECILES: dict[str, tuple[tuple[int, ...], tuple[int, ...]]] = {
    "sft_embedded": ((5, 6, 7, 8, 9, 10, 12, 31, 64, 73), (19, 22, 28, 33, 36, 38, 40, 42, 45, 49)),
    "dolly": ((7, 8, 10, 12, 14, 17, 34, 101, 205, 311), (4, 12, 17, 24, 35, 45, 64, 91, 130, 271)),
    "pairs_embedded": ((6, 7, 8, 9, 10, 10, 12, 13, 15, 53), (4, 14, 20, 26, 32, 36, 38, 41, 44, 50)),
    "hh": ((8, 11, 21, 51, 77, 108, 143, 189, 250, 369), (7, 14, 20, 26, 34, 43, 54, 69, 92, 149)),
    "ppo_embedded": ((5, 6, 7, 7, 8, 8, 9, 9, 10, 11), ()),
}
"""Tokens (GPT-2 tokenizer) of prompts and of answers (" " + answer + EOS) at the 5th, 15th, ..., 95th
percentiles, counted on 2026-12-01 with `tokenize_example`'s pieces: the embedded SFT set (521 examples), the
shared Dolly-15k sample (342, for the hub's Dolly), the embedded preference pairs (454) and the shared HH
helpful-base test split (2,333 pairs, for the hub's HH-RLHF; chosen and rejected answers pooled), the
embedded PPO prompts (703). The embedded test prompts average 7.2 tokens."""
TEST_PROMPT_TOKENS = 7.2
AVAILABLE = {"sft_embedded": 521, "pairs_embedded": 464, "dolly": 15011, "hh": 160800}
"""Examples a source holds (count): a larger `data.sft_examples` / `preference_pairs` takes them all."""
SFT_PADDING, RM_PADDING = 0.07, 0.18
"""Share of computed tokens that are padding with length grouping (BENCHMARKS.md section 3, smol rows)."""
SFT_EVAL_EVERY = 50
"""`train_sft`'s held-out loss interval (steps)."""


def mean_tokens(key: str, max_prompt: int, max_length: int) -> tuple[float, float]:
    """(tokens of prompt + answer, tokens of the answer) on average, prompts cut to `max_prompt` and the whole
    to `max_length`, over the deciles of `key` (prompt and answer lengths taken as independent)."""
    prompts, answers = DECILES[key]
    cells = [(min(p, max_prompt), min(min(p, max_prompt) + a, max_length)) for p in prompts for a in answers or (0,)]
    total = sum(t for _, t in cells) / len(cells)
    return total, total - sum(p for p, _ in cells) / len(cells)


@dataclass(frozen=True)
class Lengths:
    """Average token counts of one configuration's texts."""

    sft: tuple[float, float]
    """(SFT example, its response) after truncation."""
    pair: float
    """One side (prompt + answer) of a preference pair after truncation."""
    ppo_prompt: float
    test_prompt: float

    @classmethod
    def of(cls, cfg: RunConfig) -> Lengths:
        d = cfg.data
        sft = mean_tokens(sft_key(cfg), d.max_prompt_tokens, d.max_length)
        pair = mean_tokens(pairs_key(cfg), d.max_prompt_tokens, d.max_length)[0]
        ppo_key = "dolly" if d.ppo_prompts_source == "dolly" else "ppo_embedded"
        ppo = sum(min(p, d.max_prompt_tokens) for p in DECILES[ppo_key][0]) / 10
        return cls(sft, pair, ppo, min(TEST_PROMPT_TOKENS, d.max_prompt_tokens))


def sft_key(cfg: RunConfig) -> str:
    return "sft_embedded" if cfg.data.sft_source == "embedded" else "dolly"


def pairs_key(cfg: RunConfig) -> str:
    return "pairs_embedded" if cfg.data.preference_source == "embedded" else "hh"


# ---------------------------------------------------------------- devices


@dataclass(frozen=True)
class Device:
    """What one device does per second, and its fixed costs (seconds)."""

    name: str
    flops_s: float
    """Effective matmul rate of training and forward passes (FLOP/s)."""
    bandwidth: float
    """Memory-bound work: AdamW state, logits, weights read per decoding step (bytes/s)."""
    weight_bytes: float
    """Bytes read per parameter per decoding step: 4 (fp32) or 8 (fp16 autocast: read fp32, write and read fp16)."""
    step_s: float
    """Fixed cost of an optimizer step: launches, clipping, Python (s)."""
    batch_s: float
    """Fixed cost of a forward batch without gradients (s)."""
    decode_s: float
    """Fixed cost of a decoding step: sampling over the vocabulary, `generate`'s bookkeeping (s)."""
    layer_s: float
    """Fixed cost per transformer layer of a decoding step (s)."""


BENCH_MATMUL_GFLOPS = 193.0
"""fp32 matmul rate of the machine BENCHMARKS.md sections 1-3 were measured on (2 threads, 2026-11-25)."""
CPU_MATMUL_GFLOPS = 91.0
"""The 2-core machine the estimates are for: BENCHMARKS.md section 6's (this project's machine since
2026-12-01, 2048^3 fp32 matmul 91 GFLOP/s on 2 threads); a Colab CPU runtime (2 vCPUs = 1 core) is likely slower."""


def cpu_device(matmul_gflops: float = CPU_MATMUL_GFLOPS) -> Device:
    """A 2-core CPU, fp32, fitted to BENCHMARKS.md (machine of `BENCH_MATMUL_GFLOPS`) and scaled by
    `matmul_gflops` / that rate:

    - rate 149 GFLOP/s and AdamW 36 bytes/param at 16.7 GB/s: the two fp32 length-grouped smol rows of section 3
      (SFT 2.74 s/step, 463 tokens; RM with fused AdamW 4.95 s/step, 892 tokens), counted as computed tokens
      (padding 7% / 18%) x 6 FLOPs x parameters (the SFT LM head on response positions only), solved for rate
      and per-step overhead (0.29 s for 134.5 M parameters);
    - 40 ms per optimizer step: section 3's tiny RM row (0.069 s/step, of which 17 ms matmul and 15 ms AdamW);
    - decoding: section 2's tiny sampled batched decode (1.23 s for 2 batches x 30 steps: 20 ms/step, 2 layers)
      and section 1's smol PPO rollout (2.59 s for 24 steps of 8: 108 ms/step, 30 layers), with every weight
      read once per step at the bandwidth above: 14 ms + 1.9 ms per layer;
    - 10 ms per forward batch without gradients (assumed: a few tiny-model forward calls)."""
    s = BENCH_MATMUL_GFLOPS / matmul_gflops
    return Device(f"CPU (2 cores, {matmul_gflops:g} GFLOP/s matmul)", 149e9 / s, 16.7e9 / s, 4.0, 0.040 * s,
                  0.010 * s, 0.014 * s, 0.0019 * s)


CPU = cpu_device()
T4 = Device("T4 GPU (fp16 autocast)", 0.25 * 65e12, 300e9, 8.0, 0.030, 0.005, 0.002, 0.001)
"""ASSUMPTIONS, not measured (no GPU here): 65 TFLOP/s fp16 tensor-core peak at 25% utilisation (small
models, short sequences, Hugging Face eager kernels); 300 GB/s of the T4's 320 GB/s; 30 ms per optimizer step
and 5 ms per forward batch of kernel launches and Python; a decoding step of 2 ms + 1 ms per layer + reading the
weights (launch bound: about 10 ms for DistilGPT2's 6 layers) unless its FLOPs take longer."""

HOST = {"measure_s": 0.06, "tokenize_s": 1e-4, "load_s": 0.3, "read_bytes_s": 150e6, "write_bytes_s": 100e6,
        "fixed_s": 3.0}
"""The host's share, the same in both columns: 0.06 s per answer measured (`evaluation.measure`: bootstrap CIs of
every metric, 1,000 resamples; 1.56 s for 24 answers on this 2-core machine, 2026-12-01); assumed: 0.1 ms per
text tokenized, 0.3 s + bytes / 150 MB/s per model loaded (a tiny model loads in 0.12 s here), bytes / 100 MB/s
written to Drive, 3 s per experiment for tables, figure and report."""
OPT_BYTES = 36
"""AdamW memory traffic per trained parameter and step (bytes): read p, g, m, v and write p, m, v (28), the
gradient-norm read and zeroing (8)."""
LOGIT_BYTES = {"train": 64, "forward": 16}
"""Memory-bound work per vocabulary entry of a logit row, as bytes at `Device.bandwidth`: fp32 logits, log-softmax
and their gradients. Fitted to a tiny-model SFT step timed on this machine (2026-12-01: 0.58 s for 913 tokens, 573
of them projected onto the 50,257 words; forward 0.24 s, backward 0.32 s, AdamW 0.02 s), where the LM head is 94%
of the parameters; on real models this term is a few percent."""
TOKENIZER_BYTES = 3.6e6
"""A saved GPT-2 tokenizer (tokenizer.json, vocab.json, merges.txt), bytes."""
CHARS_PER_TOKEN = 4.0
"""English text per GPT-2 token (characters): the size of saved answers."""
FIGURE_BYTES = 0.3e6
"""Per experiment: figure (png, pdf), tables, notes, examples (bytes)."""
TRL_SETUP_S = 10.0
"""DPOTrainer's own cost beyond its matmuls (s): dataset preparation, trainer set-up; from the tiny DPO of
BENCHMARKS.md section 7 (TRL reported 16 s of train_runtime for 4 steps of a model whose matmuls take < 1 s)."""


# ---------------------------------------------------------------- counted work


@dataclass
class Work:
    """What an experiment computes and stores, independent of the device."""

    flops: float = 0.0
    """Matmul FLOPs of training and forward passes (decoding steps apart)."""
    memory: float = 0.0
    """Memory-bound bytes: AdamW state, logit rows."""
    steps: float = 0.0
    """Optimizer steps."""
    batches: float = 0.0
    """Forward batches without gradients."""
    decode: list[tuple[float, float, ModelSize]] = field(default_factory=list)
    """(decoding steps, rows per step, model) per generation call group."""
    texts: float = 0.0
    """Texts tokenized."""
    answers: float = 0.0
    """Answers measured (text metrics and bootstrap CIs)."""
    setup: float = 0.0
    """Seconds of fixed set-up (TRL's trainer)."""
    loads: float = 0.0
    read: float = 0.0
    """Models loaded, and their bytes."""
    written: float = 0.0
    """Bytes written, including transient PPO checkpoints."""
    kept: float = 0.0
    """Bytes left on Drive."""
    basis: list[str] = field(default_factory=list)

    def add(self, other: Work, times: float = 1) -> None:
        """Add `times` x the computing of `other` (one PPO iteration, say); its files and notes once."""
        for name in ("flops", "memory", "steps", "batches", "texts", "answers"):
            setattr(self, name, getattr(self, name) + times * getattr(other, name))
        self.decode += [(n * times, rows, size) for n, rows, size in other.decode]
        for name in ("setup", "loads", "read", "written", "kept"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.basis += other.basis


def seconds(work: Work, device: Device) -> float:
    """Time of `work` on `device` (s), the host's tokenizing, loading and saving included."""
    compute = work.flops / device.flops_s + work.memory / device.bandwidth
    fixed = work.steps * device.step_s + work.batches * device.batch_s
    decode = sum(n * _decode_step(rows, size, device) for n, rows, size in work.decode)
    host = (work.setup + work.answers * HOST["measure_s"] + work.texts * HOST["tokenize_s"]
            + work.loads * HOST["load_s"] + work.read / HOST["read_bytes_s"] + work.written / HOST["write_bytes_s"]
            + HOST["fixed_s"])
    return compute + fixed + decode + host


def _decode_step(rows: float, size: ModelSize, device: Device) -> float:
    """One decoding step of `rows` sequences (s): max(its FLOPs / rate, the latency floor)."""
    floor = device.decode_s + size.layers * device.layer_s + size.params * device.weight_bytes / device.bandwidth
    return max(2 * size.params * rows / device.flops_s, floor)
