"""Markdown tables of saved benchmark results (the tables in BENCHMARKS.md), from bench/results/*.json.

    python bench/tables.py                 # every result file found
    python bench/tables.py rl_vs_trl_smol  # one of them
"""

from __future__ import annotations

import argparse
import json

import pandas as pd
from common import RESULTS


def md(rows: list[dict], cols: list[str] | None = None, floatfmt: str = ".3g") -> str:
    df = pd.DataFrame(rows)
    if cols:
        df = df[[c for c in cols if c in df.columns]]
    return df.to_markdown(index=False, floatfmt=floatfmt)


def rl_vs_trl(res: dict) -> str:
    cols = ["trainer", "setting", "iterations", "timed_iterations", "sec_per_iteration", "completions_per_s",
            "speed_vs_rloo", "speed_vs_grpo", "median_sec_per_iteration", "median_speed_vs_rloo", "setup_s",
            "rss_start_mb", "peak_rss_mb", "reward_first", "reward_last", "kl_last", "kl_mean", "generate_s",
            "score_s", "update_s"]
    return md(res["summary"], cols)


def generation(res: dict) -> str:
    return (md(res["batched_vs_single"]) + "\n\nDecoding options (batched):\n\n"
            + md(res["decoding_options"]))


def train_efficiency(res: dict) -> str:
    cols = ["stage", "trainer", "precision", "batching", "batch", "sec_per_step", "tokens_per_s",
            "tokens_per_s_vs_trl_fp32", "padding_share", "params_m", "model_gflop_s", "mfu_vs_fp32_peak",
            "mfu_vs_own_precision_peak",
            "peak_rss_mb"]
    peak = res["matmul_gflops"]
    return (f"Measured matmul rate: fp32 {peak['float32']:.0f} GFLOP/s, bf16 {peak['bfloat16']:.0f} GFLOP/s "
            f"({res['threads']} threads).\n\n" + md(res["rows"], cols))


def quality(res: dict) -> str:
    parts = [md(res["stages"], floatfmt=".1f"), md(res["rm_accuracy"], floatfmt=".3f"),
             md(res["eval_table"], floatfmt=".3f"), md(res["targets"], floatfmt=".3f")]
    return "\n\n".join(parts)


def memory(res: dict) -> str:
    return md(res["rows"], floatfmt=".2f")


def bf16_probe(res: dict) -> str:
    return f"CPU: {res['cpu']}\n\n" + md(res["rows"], ["case", "precision", "first_s", "steady_s", "gflop_s"])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("names", nargs="*", help="result file stems (default: all in bench/results)")
    args = ap.parse_args()
    paths = [RESULTS / f"{n}.json" for n in args.names] or sorted(RESULTS.glob("*.json"))
    for path in paths:
        res = json.loads(path.read_text())
        kind = next(k for k in ("rl_vs_trl", "generation", "train_efficiency", "quality", "memory", "bf16_probe")
                    if path.stem.startswith(k))
        m = res.get("machine", {})
        print(f"### {path.stem}\n\n`{res.get('command', '')}` — {m.get('date', '')}, "
              f"load average at the end {m.get('load_average_1_5_15min', '')}\n")
        print(globals()[kind](res) + "\n")


if __name__ == "__main__":
    main()
