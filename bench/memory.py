"""GPU memory estimate of each Part 1 stage for GPT-2-family policies on a 16 GB T4 (arithmetic, no GPU needed).

The `colab` profile's settings: SFT batch 8 x 192 tokens; reward models 8 pairs (16 sequences) x 192
tokens; PPO rollouts of 16 prompts (64 prompt + 32 new tokens), minibatches of 8. Weights stay fp32,
forward passes are fp16-autocast on a T4 (`rlhf_utils.models.pick_mixed_precision`).

Terms (bytes):
  trained weights  16 / parameter: fp32 weight 4 + gradient 4 + AdamW moments 8
  frozen weights    4 / parameter (reference policy, reward model)
  activations      per layer s*b*h*(34 + 5*a*s/h) (Korthikanti et al. 2022, 16-bit activations, no recompute);
                   with gradient checkpointing: 4*s*b*h per layer (the fp32 layer input) + one layer recomputed
  logits           positions x vocabulary x 16 (fp16 logits, fp32 copy, log-softmax, gradient); SFT and PPO
                   project only the positions with labels / response tokens
  LoRA             trained models' weights become frozen (4 / parameter), the adapters (r=16 on attention and
                   MLP projections, < 2% of parameters) carry the 16 / parameter; the reference policy is the
                   base with adapters off (no second copy)
  CUDA context + allocator slack: 0.8 GB

    python bench/memory.py
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from common import default_out, print_table, write_json

GB = 1e9
VOCAB, POSITIONS = 50257, 1024
MODELS = {"distilgpt2": (6, 768, 12), "gpt2": (12, 768, 12), "gpt2-medium": (24, 1024, 16)}
"""name: (layers, hidden, heads)"""
OVERHEAD = 0.8 * GB


def gpt2_params(layers: int, hidden: int) -> int:
    """Parameters of a GPT-2 LM (LM head tied to the token embedding)."""
    return VOCAB * hidden + POSITIONS * hidden + layers * (12 * hidden**2 + 13 * hidden) + 2 * hidden


def lora_params(layers: int, hidden: int, r: int = 16) -> int:
    """LoRA adapters of rank r on c_attn (h->3h), c_proj (h->h), c_fc (h->4h), mlp c_proj (4h->h)."""
    return layers * r * ((hidden + 3 * hidden) + 2 * hidden + (hidden + 4 * hidden) + (4 * hidden + hidden))


def activations(layers: int, hidden: int, heads: int, seqs: int, tokens: int, checkpointing: bool) -> float:
    per_layer = tokens * seqs * hidden * (34 + 5 * heads * tokens / hidden)
    if checkpointing:
        return layers * 4 * tokens * seqs * hidden + per_layer
    return layers * per_layer


def estimate(name: str, lora: bool, checkpointing: bool) -> dict:
    layers, hidden, heads = MODELS[name]
    n = gpt2_params(layers, hidden)
    trained = (4 * n + 16 * lora_params(layers, hidden)) if lora else 16 * n
    act = lambda seqs, tokens: activations(layers, hidden, heads, seqs, tokens, checkpointing)  # noqa: E731
    sft = trained + act(8, 192) + 8 * 160 * VOCAB * 16
    rm = trained + act(16, 192)
    ref = 0 if lora else 4 * n
    ppo = 2 * trained + ref + 4 * n + 2 * act(8, 96) + 8 * 32 * VOCAB * 16
    out = {"model": name, "params_m": n / 1e6, "lora": lora, "grad_ckpt": checkpointing}
    for stage, value in (("sft_gb", sft), ("rm_gb", rm), ("ppo_gb", ppo)):
        out[stage] = (value + OVERHEAD) / GB
    out["peak_gb"] = max(out["sft_gb"], out["rm_gb"], out["ppo_gb"])
    out["fits_t4_16gb"] = out["peak_gb"] < 15.0  # ~15 GB of a T4's 16 are usable
    return out


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, default=None, help="results JSON (default bench/results/memory_t4.json)")
    args = ap.parse_args(argv)
    rows = [estimate(name, lora, ckpt) for name in MODELS for lora in (False, True) for ckpt in (False, True)]
    print_table(rows, "Estimated GPU memory per stage on a T4 (GB, colab profile settings)", floatfmt=".2f")
    results = {"command": " ".join(["python", *sys.argv]), "assumptions": __doc__, "rows": rows}
    write_json(results, args.out or default_out("memory", "t4"))
    return results


if __name__ == "__main__":
    main()
