"""Estimated (not measured) time on a T4 GPU and on a 2-core CPU, and Drive space, of Part 2's experiments.

    df = estimate_table(["generation", "reward_model", "best_of_n"], x.cfg, x.grid, len(x.prompts()))
    print(format_estimates(df))                    # or x.estimates([...]) on a Part2

Method: each experiment's work is counted from the settings (`cfg`) and the grid by its module's `<name>_cost`, beside
the run it counts (the same loops over the same settings), on a `Tally`:
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
import math
from dataclasses import dataclass
from typing import Any

import pandas as pd

from rlhf_utils.config import ConfigError, GenerationConfig, PPOConfig, RewardConfig, RunConfig
from rlhf_utils.experiments.cost_model import (  # noqa: F401 (the model's names, read as estimates.X too)
    AVAILABLE,
    CHARS_PER_TOKEN,
    CPU,
    CPU_MATMUL_GFLOPS,
    DECILES,
    FIGURE_BYTES,
    HOST,
    KNOWN_SIZES,
    LOGIT_BYTES,
    OPT_BYTES,
    RM_PADDING,
    SFT_EVAL_EVERY,
    SFT_PADDING,
    T4,
    TOKENIZER_BYTES,
    TRL_SETUP_S,
    VOCAB,
    Device,
    Lengths,
    ModelSize,
    Work,
    _decode_step,
    cpu_device,
    mean_tokens,
    model_size,
    pairs_key,
    seconds,
    sft_key,
)
from rlhf_utils.experiments.registry import EXPERIMENTS, RUN_ORDER


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
        self.work.texts += 2 * (min(n_examples, AVAILABLE[sft_key(self.cfg)]) + s.heldout_examples)
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
        pairs = min(o.pairs or self.cfg.data.preference_pairs, AVAILABLE[pairs_key(self.cfg)])
        self.work.texts += 4 * pairs
        self.work.setup += TRL_SETUP_S
        self.load(self.policy, 2)
        self.save(self.policy)
        self.note(f"DPO {o.steps} steps x {o.batch_size} pairs x {seq:.0f} tok")

    def train_pairs(self) -> int:
        """Training preference pairs the run has (count)."""
        d = self.cfg.data
        return min(d.preference_pairs, AVAILABLE[pairs_key(self.cfg)] - d.heldout_pairs)

    def part1_models(self, policies: int) -> None:
        """Part 1's `policies` and its reward models loaded (once per Part2: counted per experiment, an upper
        bound)."""
        self.load(self.policy, policies)
        self.load(self.reward, self.rms)


COUNTERS = {name: spec.cost for name, spec in EXPERIMENTS.items()}
"""How each experiment's work is counted: its module's `cost`, the same loops as its run, over the same settings."""


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
