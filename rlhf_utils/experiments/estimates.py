"""Estimated (not measured) time on a T4 GPU and on a 2-core CPU, and Drive space, of Part 2's experiments.

    df = estimate_table(["generation", "reward_model", "best_of_n"], x.cfg, x.grid, len(x.prompts()))
    print(format_estimates(df))                    # or x.estimates([...]) on a Part2

Method: each experiment's work is counted from the settings (`cfg`) and the grid, the way its module runs it:
tokens trained (SFT, reward-model, PPO and DPO variants: steps x batch x tokens), tokens read without gradients
(held-out losses, reward-model scoring, reference log-probs, prompt prefill) and decoding steps (generation
sweeps, best-of-n candidates, PPO rollouts: batches x max_new_tokens). Matmul work is 6 FLOPs per trained and
2 per read token and parameter (Kaplan et al., 2020; LoRA drops the weight gradients: 4; gradient
checkpointing re-runs the forward: +2), the tied LM head counting only where logits are computed. Time =
FLOPs / an effective rate + memory-bound work (AdamW state, logits) / a bandwidth + fixed costs per optimizer
step and forward batch; generation is latency bound: a decoding step costs max(its FLOPs / rate, a floor of
fixed cost + per-layer cost + reading every weight once). Drive space = saved models (4 bytes per parameter,
safetensors, plus the tokenizer for policies) + answers and tables. PPO's resumable checkpoints (weights and AdamW
state of policy and value model) are written every `ppo.save_every` iterations and deleted when the run ends:
counted in the time, not in the space kept (on Drive, deleted files stay in the bin until it is emptied).

Where the constants come from: the CPU rates are fitted to BENCHMARKS.md's measured rows on the project's
2-core machine (see `cpu_device`) and scaled to a 2-core machine with `CPU_MATMUL_GFLOPS`; the T4 figures are
assumptions (see `T4`). BENCHMARKS.md section 7 compares the estimates with measured tiny-profile runs.
"""

from __future__ import annotations

import dataclasses
import json
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from rlhf_utils.config import (
    SMOL_MODEL,
    TINY_MODEL,
    ConfigError,
    GenerationConfig,
    ModelConfig,
    PPOConfig,
    RewardConfig,
    RunConfig,
)
from rlhf_utils.experiments.grids import reward_variants
from rlhf_utils.experiments.registry import RUN_ORDER

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
        sft = mean_tokens(_sft_key(cfg), d.max_prompt_tokens, d.max_length)
        pair = mean_tokens(_pairs_key(cfg), d.max_prompt_tokens, d.max_length)[0]
        ppo_key = "dolly" if d.ppo_prompts_source == "dolly" else "ppo_embedded"
        ppo = sum(min(p, d.max_prompt_tokens) for p in DECILES[ppo_key][0]) / 10
        return cls(sft, pair, ppo, min(TEST_PROMPT_TOKENS, d.max_prompt_tokens))


def _sft_key(cfg: RunConfig) -> str:
    return "sft_embedded" if cfg.data.sft_source == "embedded" else "dolly"


def _pairs_key(cfg: RunConfig) -> str:
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


class Tally:
    """Counts the work of Part 2 pieces (training runs, generation, scoring) for one configuration."""

    def __init__(self, cfg: RunConfig, grid: dict[str, Any], n_prompts: int, rms: int = 2):
        self.cfg, self.grid, self.n_prompts, self.rms = cfg, grid, n_prompts, rms
        self.policy, note_p = model_size(cfg.model.policy, cfg.model)
        self.reward, note_r = model_size(cfg.model.reward, cfg.model)
        self.len, self.work = Lengths.of(cfg), Work()
        self.work.basis += [n for n in dict.fromkeys((note_p, note_r)) if n]
        m = cfg.model
        self.k = 6 - 2 * (m.lora_r > 0) + 2 * m.gradient_checkpointing
        """FLOPs per trained token and parameter."""

    def note(self, text: str) -> None:
        self.work.basis.append(text)

    def trained(self, size: ModelSize) -> float:
        """Parameters AdamW updates (LoRA: about none)."""
        return 0.0 if self.cfg.model.lora_r else size.params

    # ------------------------------------------------------------ primitives

    def train(self, size: ModelSize, tokens: float, logits: float, steps: float, k: float | None = None,
              same_steps: bool = False) -> None:
        """`tokens` trained (computed, padding included) of which `logits` project onto the vocabulary, in `steps`
        AdamW steps (`same_steps`: the steps of an earlier call, which updates this model too)."""
        w = self.work
        w.flops += (k or self.k) * (size.body * tokens + size.embedding * logits)
        w.memory += logits * VOCAB * LOGIT_BYTES["train"] + steps * self.trained(size) * OPT_BYTES
        w.steps += 0 if same_steps else steps

    def forward(self, size: ModelSize, rows: float, tokens: float, logits: float = 0.0, batch: int = 16) -> None:
        """`rows` sequences of `tokens` read without gradients, `logits` positions of each projected."""
        w = self.work
        w.flops += 2 * rows * (size.body * tokens + size.embedding * logits)
        w.memory += rows * logits * VOCAB * LOGIT_BYTES["forward"]
        w.batches += math.ceil(rows / batch)

    def decode(self, size: ModelSize, prompts: float, prompt_tokens: float, new_tokens: int, batch: int) -> None:
        """Sampling `new_tokens` for `prompts` prompts in batches of `batch`: prefill, then one step per token."""
        batches = math.ceil(prompts / batch)
        self.work.decode.append((batches * new_tokens, prompts / batches, size))
        self.forward(size, prompts, prompt_tokens, batch=batch)

    def load(self, size: ModelSize, count: int = 1) -> None:
        self.work.loads += count
        self.work.read += 4 * size.params * count

    def save(self, size: ModelSize, tokenizer: bool = True) -> None:
        """A model kept on Drive: fp32 safetensors (4 bytes per parameter), the tokenizer with policies."""
        saved = 4 * size.params + TOKENIZER_BYTES * tokenizer
        self.work.written += saved
        self.work.kept += saved

    def answers(self, n: float, prompt_tokens: float, new_tokens: float) -> None:
        """`n` answers measured, and kept in responses.csv and outcome.json."""
        self.work.answers += n
        saved = 2 * n * ((prompt_tokens + new_tokens) * CHARS_PER_TOKEN + 100)
        self.work.written += saved
        self.work.kept += saved

    # ------------------------------------------------------------ pieces of experiments

    def score(self, texts: float, tokens: float, rms: int | None = None) -> None:
        """Scoring `texts` of `tokens` with `rms` reward models (default: the good and poor, and the gold one)."""
        self.forward(self.reward, texts * (rms or self.rms), tokens)
        self.work.texts += texts * (rms or self.rms)

    def generate(self, gen: GenerationConfig, prompt_tokens: float | None = None, size: ModelSize | None = None,
                 score: bool = True, rms: int | None = None) -> None:
        """The held-out prompts answered with decoding `gen`, scored by the reward models and kept."""
        q = self.len.test_prompt if prompt_tokens is None else prompt_tokens
        self.decode(size or self.policy, self.n_prompts, q, gen.max_new_tokens, gen.batch_size)
        if score:
            self.score(self.n_prompts, q + gen.max_new_tokens, rms)
            self.answers(self.n_prompts, q, gen.max_new_tokens)

    def evaluate(self, load: bool = False, rms: int | None = None) -> None:
        """`Part2.evaluate_policy`: Part 1's decoding; `load` a saved variant first."""
        if load:
            self.load(self.policy)
        self.generate(self.cfg.eval.generation, rms=rms)

    def sft(self, steps: int, n_examples: int) -> None:
        """An SFT variant from the base model: steps, held-out losses, tokenizing, saving."""
        s, (seq, response) = self.cfg.sft, self.len.sft
        rows = steps * s.batch_size
        self.train(self.policy, rows * seq / (1 - SFT_PADDING), rows * response, steps)
        evals = 1 + steps // SFT_EVAL_EVERY + (steps % SFT_EVAL_EVERY > 0)
        self.forward(self.policy, evals * s.heldout_examples, seq, response)
        self.work.texts += 2 * (min(n_examples, AVAILABLE[_sft_key(self.cfg)]) + s.heldout_examples)
        self.load(self.policy)
        self.save(self.policy)
        self.note(f"SFT {steps} steps x {s.batch_size} x {seq:.0f} tok")

    def reward_model(self, rcfg: RewardConfig, pairs: int) -> None:
        """A reward-model variant: Bradley-Terry steps on pairs, held-out accuracy, normalisation, saving."""
        d, seq = self.cfg.data, self.len.pair
        used = min(rcfg.pairs or pairs, pairs)
        rows = rcfg.steps * 2 * rcfg.batch_size
        k = 2 if rcfg.freeze_backbone else None
        self.train(self.reward, rows * seq / (1 - RM_PADDING), 0, rcfg.steps, k)
        evals = 1 + rcfg.steps // rcfg.eval_every + (rcfg.steps % rcfg.eval_every > 0)
        self.forward(self.reward, evals * 2 * d.heldout_pairs, seq)
        self.forward(self.reward, rcfg.normalize_samples, self.len.ppo_prompt + self.cfg.ppo.max_new_tokens)
        self.work.texts += 2 * (used + d.heldout_pairs)
        self.load(self.reward)
        self.save(self.reward, tokenizer=False)
        self.note(f"RM {rcfg.steps} steps x {rcfg.batch_size} pairs x {seq:.0f} tok")

    def ppo(self, pcfg: PPOConfig, monitors: int = 0) -> None:
        """A PPO variant from the SFT policy: per iteration a rollout, scoring (RM and monitors, reference
        log-probs, values) and `epochs` passes of updates; checkpoints; the policy saved."""
        b, t, q = pcfg.batch_size, pcfg.max_new_tokens, self.len.ppo_prompt
        value = None if pcfg.value_model == "shared" else self.reward if pcfg.value_init == "reward" else self.policy
        it = Tally(self.cfg, self.grid, self.n_prompts, self.rms)
        it.decode(self.policy, b, q, t, b)
        it.forward(self.reward, b * (1 + monitors), q + t)
        it.forward(self.policy, b, q + t, t)
        updates = pcfg.epochs * b / pcfg.minibatch_size
        it.train(self.policy, pcfg.epochs * b * (q + t), pcfg.epochs * b * t, updates)
        if value:
            it.forward(value, b, q + t)
            it.train(value, pcfg.epochs * b * (q + t), 0, updates, same_steps=True)
        it.work.texts += b * (2 + monitors)
        self.work.add(it.work, pcfg.iterations)
        self._ppo_files(pcfg, value.params if value else 0.0)
        self.note(f"PPO {pcfg.iterations} it x {b} x {t} tok")

    def _ppo_files(self, pcfg: PPOConfig, value_params: float) -> None:
        """Loads (policy, reference), checkpoints every `save_every` iterations (weights + AdamW, removed at the
        end), the merged policy kept."""
        self.load(self.policy, 2)
        n = pcfg.iterations // pcfg.save_every + (pcfg.iterations % pcfg.save_every > 0)
        weights = self.policy.params + value_params
        self.work.written += n * (4 * weights + 8 * (self.trained(self.policy) + value_params))
        self.save(self.policy)

    def dpo(self) -> None:
        """TRL's DPOTrainer: chosen and rejected rows per pair, logits everywhere, a reference forward per step."""
        o, seq = self.cfg.dpo, self.len.pair
        rows = o.steps * 2 * o.batch_size
        self.train(self.policy, rows * seq, rows * seq, o.steps)
        self.forward(self.policy, rows, seq, seq, batch=2 * o.batch_size)
        pairs = min(o.pairs or self.cfg.data.preference_pairs, AVAILABLE[_pairs_key(self.cfg)])
        self.work.texts += 4 * pairs
        self.work.setup += TRL_SETUP_S
        self.load(self.policy, 2)
        self.save(self.policy)
        self.note(f"DPO {o.steps} steps x {o.batch_size} pairs x {seq:.0f} tok")

    def train_pairs(self) -> int:
        """Training preference pairs the run has (count)."""
        d = self.cfg.data
        return min(d.preference_pairs, AVAILABLE[_pairs_key(self.cfg)] - d.heldout_pairs)

    def part1_models(self, policies: int) -> None:
        """Part 1's `policies` and its reward models loaded (once per Part2: counted per experiment, an upper
        bound)."""
        self.load(self.policy, policies)
        self.load(self.reward, self.rms)


# ---------------------------------------------------------------- the experiments, as their modules run them


def _diagnose(t: Tally) -> None:
    d = t.cfg.data
    examples = min(d.sft_examples + t.cfg.sft.heldout_examples, AVAILABLE[_sft_key(t.cfg)])
    t.work.texts += 4 * examples + 2 * t.train_pairs()
    t.note(f"tokenizes {examples} SFT examples and {t.train_pairs()} pairs; no model")


def _generation(t: Tally) -> None:
    base, models = t.cfg.eval.generation, t.grid["models"]
    changed = sum(v != getattr(base, p) for p, values in t.grid["generation"].items() for v in values)
    settings = 1 + changed + 2  # baseline, one change at a time, best_by_good_rm and the recipe
    for _ in range(settings * len(models)):
        t.generate(base)
    t.part1_models(len(models))
    t.note(f"{settings} settings x {len(models)} models x {t.n_prompts} prompts x {base.max_new_tokens} tok")


def _prompts(t: Tally) -> None:
    gen, models = t.cfg.eval.generation, t.grid["prompt_models"]
    few_shot = t.len.test_prompt + t.grid["few_shot_k"] * t.len.sft[0]
    for _ in models:
        for prompt_tokens in (t.len.test_prompt, t.len.test_prompt + 3, few_shot):
            t.generate(gen, prompt_tokens)
    t.part1_models(len(models))
    t.note(f"3 styles x {len(models)} models x {t.n_prompts} prompts (few-shot {few_shot:.0f} tok)")


def _sft_steps(t: Tally) -> None:
    cfg, grid = t.cfg, t.grid
    top = max([cfg.sft.steps, *grid["sft_steps"]])
    variants = [(s, cfg.data.sft_examples) for s in grid["sft_steps"] if s != cfg.sft.steps]
    variants += [(top, n) for n in grid["sft_examples"]]
    for steps, n in variants:
        t.sft(steps, n)
        t.evaluate(load=True)
    t.evaluate()
    t.part1_models(1)


def _ppo_hparams(t: Tally) -> None:
    base = t.cfg.ppo
    variants = [dataclasses.replace(base, **{p: v}) for p, values in t.grid["ppo"].items() for v in values
                if v != getattr(base, p)]
    for ppo_cfg in variants:
        t.ppo(ppo_cfg)
        t.evaluate(load=True)
    t.evaluate()
    t.part1_models(1)


def _reward_model(t: Tally) -> None:
    heldout = t.cfg.data.heldout_pairs
    for setting, rcfg in reward_variants(t.cfg.reward_good, t.grid["reward"]):
        if setting != "baseline":
            t.reward_model(rcfg, t.train_pairs())
        t.forward(t.reward, 2 * heldout, t.len.pair)
    t.work.texts += 2 * heldout
    t.part1_models(0)


def _length(t: Tally) -> None:
    base, models = t.cfg.eval.generation, t.grid["models"]
    longest = max([base.max_new_tokens, *t.grid["max_new_tokens"]])
    caps = [n for n in t.grid["max_new_tokens"] if n != base.max_new_tokens]
    caps += sorted({base.max_new_tokens, longest}) + [longest, base.max_new_tokens]  # greedy, stop, trim
    for _ in models:
        t.generate(base)
        for n in caps:
            t.generate(dataclasses.replace(base, max_new_tokens=n))
    t.part1_models(len(models))
    t.note(f"{1 + len(caps)} settings x {len(models)} models x {t.n_prompts} prompts x {min(caps)}-{longest} tok")


def _best_of_n(t: Tally) -> None:
    gen, models, ns = t.cfg.eval.generation, t.grid["models"], t.grid["best_of_n"]
    k, q = max(ns), t.len.test_prompt
    for _ in models:
        for _ in range(k):
            t.generate(gen, score=False)
        t.score(k * t.n_prompts, q + gen.max_new_tokens, rms=1)
        for _ in ns:
            t.score(t.n_prompts, q + gen.max_new_tokens)
            t.answers(t.n_prompts, q, gen.max_new_tokens)
    t.part1_models(len(models))
    t.note(f"{k} samples x {len(models)} models x {t.n_prompts} prompts x {gen.max_new_tokens} tok")


def _gold_rm(t: Tally) -> None:
    cfg, grid = t.cfg, t.grid
    half = math.ceil(t.train_pairs() / 2)
    t.reward_model(cfg.reward_good, half)
    t.reward_model(dataclasses.replace(cfg.reward_good, steps=cfg.reward_good.steps * grid["gold_steps_factor"]),
                   half)
    t.forward(t.reward, 4 * cfg.data.heldout_pairs, t.len.pair)
    t.ppo(dataclasses.replace(cfg.ppo, iterations=cfg.ppo.iterations * grid["gold_iterations_factor"]), monitors=1)
    t.evaluate(rms=2)
    t.evaluate(load=True, rms=2)
    t.part1_models(1)


def _dpo(t: Tally) -> None:
    t.dpo()
    for load in (False, False, True):
        t.evaluate(load)
    t.part1_models(2)


def _steering(t: Tally) -> None:
    t.forward(t.policy, 128, t.len.pair)
    alphas = 1 + len(t.grid["steering_alphas"])
    for _ in range(alphas):
        t.generate(t.cfg.eval.generation)
    t.part1_models(1)
    t.note(f"{alphas} alphas x {t.n_prompts} prompts x {t.cfg.eval.generation.max_new_tokens} tok")


COUNTERS: dict[str, Callable[[Tally], None]] = {
    "diagnose": _diagnose, "generation": _generation, "prompts": _prompts, "sft_steps": _sft_steps,
    "ppo_hparams": _ppo_hparams, "reward_model": _reward_model, "length": _length, "best_of_n": _best_of_n,
    "gold_rm": _gold_rm, "dpo": _dpo, "steering": _steering,
}
"""How each experiment's work is counted: the same loops as its module, over the same settings."""


# ---------------------------------------------------------------- the API


@dataclass(frozen=True)
class Estimate:
    """Estimated (not measured) cost of one experiment, one seed."""

    experiment: str
    t4_minutes: float
    cpu_minutes: float
    drive_mb: float
    """Drive space kept afterwards (MB = 10^6 bytes)."""
    basis: str
    """What was counted."""


def estimate(name: str, cfg: RunConfig, grid: dict[str, Any], n_prompts: int, with_gold: bool = False) -> Estimate:
    """Estimated time on a T4 and on a 2-core CPU, and Drive space, of experiment `name` for one seed, with the
    run's settings `cfg`, the experiment grid `grid` (Part2.grid) and `n_prompts` held-out prompts. `with_gold`:
    the gold RM exists (gold_rm ran before), so answers are scored by three reward models."""
    if name not in COUNTERS:
        raise ConfigError(f"experiment {name!r} is unknown: allowed are {', '.join(COUNTERS)}")
    t = Tally(cfg, grid, n_prompts, rms=3 if with_gold and name != "gold_rm" else 2)
    COUNTERS[name](t)
    w = t.work
    return Estimate(name, seconds(w, T4) / 60, seconds(w, CPU) / 60, (w.kept + FIGURE_BYTES) / 1e6,
                    _join(w.basis))


def _join(notes: list[str]) -> str:
    """The notes in order, repeats counted: "RM 500 steps ... (3x); PPO ..."."""
    counts = {n: notes.count(n) for n in notes}
    return "; ".join(n if k == 1 else f"{n} ({k}x)" for n, k in counts.items())


def estimate_table(names: list[str] | str, cfg: RunConfig, grid: dict[str, Any], n_prompts: int) -> pd.DataFrame:
    """One row per experiment (`names`, or "all" in run order) and a total row: t4_minutes, cpu_minutes,
    drive_mb, basis. Experiments run with the gold RM when gold_rm is among them."""
    names = list(RUN_ORDER) if names == "all" or names == ["all"] else [names] if isinstance(names, str) else names
    rows = [dataclasses.asdict(estimate(n, cfg, grid, n_prompts, "gold_rm" in names)) for n in names]
    df = pd.DataFrame(rows, columns=[f.name for f in dataclasses.fields(Estimate)])
    total = {"experiment": "total", **df[["t4_minutes", "cpu_minutes", "drive_mb"]].sum().to_dict(), "basis": ""}
    return pd.concat([df, pd.DataFrame([total])], ignore_index=True)


HEADER = "ESTIMATES: estimated (not measured) time and Drive space per experiment: T4 GPU / CPU (2 cores), one seed"
FOOTNOTE = ("Basis: work counted from the settings (6 FLOPs per trained token and parameter, 2 per forward one; "
            "generation latency bound per decoding step); T4 assumed 25% of 65 TFLOP/s fp16 and 2 ms + 1 ms/layer per "
            f"decoding step; CPU fitted to BENCHMARKS.md at {CPU_MATMUL_GFLOPS:g} GFLOP/s fp32 matmul; Drive = saved "
            "models (4 B/parameter) + answers. Expect within ~2x (BENCHMARKS.md section 7).")


def format_estimates(df: pd.DataFrame) -> str:
    """`estimate_table`'s frame as a printable table headed ESTIMATES, with the basis as a footnote."""
    shown = df.rename(columns={"t4_minutes": "T4 min", "cpu_minutes": "CPU min", "drive_mb": "Drive MB",
                               "basis": "counted"})
    table = shown.to_string(index=False, justify="left", formatters={
        "T4 min": "{:.1f}".format, "CPU min": "{:.1f}".format, "Drive MB": "{:.0f}".format})
    return f"{HEADER}\n{table}\n{FOOTNOTE}"
