"""Offline quality on real data: the whole Part 1 pipeline trained and judged on files it is given.

1. SFT on a Dolly-schema file (default: the shared Dolly sample).
2. Both reward models on a split of an HH-schema file (default: helpful-base test); pairwise accuracy on
   pairs of that file never trained on, and on a second HH file (default: harmless-base test), with 95%
   bootstrap confidence intervals, next to the length-only baseline ("the longer answer wins", ties
   count one half), with each judge's gap over it (paired CI) and its accuracy on the pairs whose chosen answer
   is shorter (where the baseline scores 0) and on those where it is longer.
3. PPO against each RM; then the Part 1 evaluation table (every metric) for Base, SFT, PPO-poor, PPO-good
   on the held-out test prompts, and the targets checked: PPO-good's good-RM gain over SFT, its KL, and
   its distinct-2 relative to SFT's.
Each stage runs through `rlhf_utils.pipeline.Pipeline` in `--run-dir`; its wall time and peak RSS are
recorded (finished stages are reused on a re-run with the same settings; `--force` redoes them).

    python bench/quality.py --profile tiny
    python bench/quality.py --profile smol
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

from common import (
    DOLLY_SAMPLE,
    HH_HARMLESS,
    HH_HELPFUL,
    Timer,
    default_out,
    machine_info,
    peak_rss_mb,
    print_table,
    profile_config,
    reset_peak_rss,
    rss_mb,
    set_threads,
    write_json,
)

# the budgets that keep each profile's run within its time limit on 2 cores (see BENCHMARKS.md)
DEFAULTS = {
    "tiny": {"train_pairs": 1200, "heldout_pairs": 100, "eval_pairs": 300, "sft_steps": 60, "rm_steps": 80,
             "rm_batch": 16, "ppo_iterations": 15},
    "smol": {"train_pairs": 640, "heldout_pairs": 40, "eval_pairs": 200, "sft_steps": 30, "rm_steps": 80,
             "rm_batch": 8, "ppo_iterations": 16},
}


def bootstrap_ci(values, n: int = 2000, seed: int = 0) -> tuple[float, float]:
    """95% percentile-bootstrap interval of the mean of `values`."""
    import numpy as np

    x = np.asarray(values, dtype=float)
    if len(x) == 0:
        return float("nan"), float("nan")
    means = np.random.default_rng(seed).choice(x, size=(n, len(x)), replace=True).mean(1)
    return float(np.percentile(means, 2.5)), float(np.percentile(means, 97.5))


def pair_scores(model, tokenizer, pairs, data_cfg) -> tuple[list[float], list[float]]:
    """The RM's (chosen, rejected) scores per pair (a pair is right when chosen > rejected; ties are wrong)."""
    from rlhf_utils.reward import pair_features, pair_rewards

    chosen, rejected = pair_rewards(model, pair_features(pairs, tokenizer, data_cfg), tokenizer.pad_token_id)
    return chosen.tolist(), rejected.tolist()


def length_baseline(tokenizer, pairs) -> tuple[list[float], float]:
    """"The longer answer wins" (answer tokens): 1, 0, or 0.5 on a tie; and the share of ties."""
    out = []
    for p in pairs:
        c, r = len(tokenizer(p.chosen).input_ids), len(tokenizer(p.rejected).input_ids)
        out.append(1.0 if c > r else 0.0 if c < r else 0.5)
    return out, sum(v == 0.5 for v in out) / max(len(out), 1)


def by_length(chosen, rejected, lengths, bootstrap: int) -> dict:
    """A judge's accuracy on the pairs whose chosen answer is shorter (where "longer wins" scores 0) and on those
    where it is longer, from its per-pair scores and the answers' token lengths (rlhf_utils.stats)."""
    from rlhf_utils.stats import length_aware_accuracy

    s = length_aware_accuracy(chosen, rejected, *lengths, n_boot=bootstrap)
    return {"n_shorter": s["n_shorter"], "accuracy_shorter": s["accuracy_shorter"],
            "accuracy_shorter_ci95_low": s["accuracy_shorter_ci"][0],
            "accuracy_shorter_ci95_high": s["accuracy_shorter_ci"][1],
            "n_longer": s["n_longer"], "accuracy_longer": s["accuracy_longer"]}


def accuracy_rows(pipe, helpful_rest, harmless, bootstrap: int) -> list[dict]:
    from rlhf_utils.reward import answer_lengths

    rows = []
    tok, data_cfg = pipe.reward_tokenizer, pipe.cfg.data
    sets = {"helpful held-out": helpful_rest, "harmless": harmless}
    for set_name, pairs in sets.items():
        if not pairs:
            continue
        lengths = answer_lengths(pairs, tok)
        judges = {"length-only baseline": length_baseline(tok, pairs)[0]}
        split = {"length-only baseline": by_length(*lengths, lengths, bootstrap)}  # scores = lengths: 0 and 1
        for name in ("good", "poor"):
            chosen, rejected = pair_scores(pipe.load_reward_model(name), tok, pairs, data_cfg)
            judges[f"{name} RM"] = [float(c > r) for c, r in zip(chosen, rejected)]
            split[f"{name} RM"] = by_length(chosen, rejected, lengths, bootstrap)
        length = judges["length-only baseline"]
        for judge, correct in judges.items():
            lo, hi = bootstrap_ci(correct, bootstrap)
            # paired: the same resampled pairs for the judge and the length baseline
            diff = [a - b for a, b in zip(correct, length)]
            d_lo, d_hi = bootstrap_ci(diff, bootstrap)
            rows.append({"pairs": set_name, "judge": judge, "n": len(correct),
                         "accuracy": sum(correct) / len(correct), "ci95_low": lo, "ci95_high": hi,
                         "minus_length": sum(diff) / len(diff), "minus_length_ci95_low": d_lo,
                         "minus_length_ci95_high": d_hi, **split[judge]})
    return rows


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--profile", choices=("tiny", "smol"), default="smol")
    ap.add_argument("--helpful", default=str(HH_HELPFUL), help="HH-schema .jsonl(.gz): RM training split + held-out")
    ap.add_argument("--harmless", default=str(HH_HARMLESS), help="HH-schema .jsonl(.gz) judged only ('' to skip)")
    ap.add_argument("--dolly", default=str(DOLLY_SAMPLE), help="Dolly-schema .jsonl(.gz) for SFT")
    for key in DEFAULTS["smol"]:
        ap.add_argument(f"--{key.replace('_', '-')}", type=int, default=None,
                        help=f"default: tiny {DEFAULTS['tiny'][key]}, smol {DEFAULTS['smol'][key]}")
    ap.add_argument("--bootstrap", type=int, default=2000, help="bootstrap resamples for the CIs")
    ap.add_argument("--bf16", action="store_true", help="bf16 autocast in every stage (model.mixed_precision=bf16)")
    ap.add_argument("--threads", type=int, default=0, help="torch threads (0: all cores)")
    ap.add_argument("--set", action="append", default=[], metavar="KEY=VALUE", help="further rlhf_utils overrides")
    ap.add_argument("--run-dir", type=Path, default=None,
                    help="pipeline folder (default /tmp/rlhf_bench_quality/<profile>); finished stages are reused")
    ap.add_argument("--force", action="store_true", help="redo finished stages")
    ap.add_argument("--out", type=Path, default=None,
                    help="results JSON (default bench/results/quality_<profile>.json)")
    args = ap.parse_args(argv)
    b = {k: getattr(args, k) if getattr(args, k) is not None else v for k, v in DEFAULTS[args.profile].items()}
    out = args.out or default_out("quality", args.profile)
    run_dir = args.run_dir or Path("/tmp/rlhf_bench_quality") / args.profile
    for path in (args.helpful, args.dolly):
        if not Path(path).is_file():
            raise SystemExit(f"data file {path} does not exist")

    from rlhf_utils.data import _pairs_from, load_preference_pairs, read_jsonl
    from rlhf_utils.pipeline import STAGES, Pipeline

    threads = set_threads(args.threads)
    overrides = [
        f"data.sft_source={args.dolly}", f"data.preference_source={args.helpful}",
        f"data.preference_pairs={b['train_pairs']}", f"data.heldout_pairs={b['heldout_pairs']}",
        f"sft.steps={b['sft_steps']}", f"reward_good.steps={b['rm_steps']}", f"reward_good.batch_size={b['rm_batch']}",
        f"reward_good.eval_every={b['rm_steps']}", f"ppo.iterations={b['ppo_iterations']}",
        f"ppo.save_every={b['ppo_iterations']}", *(["model.mixed_precision=bf16"] if args.bf16 else []), *args.set,
    ]
    cfg = profile_config(args.profile, overrides)
    pipe = Pipeline(cfg, run_dir, force=args.force)
    stages = []
    for stage in STAGES:
        reset_peak_rss()
        start = rss_mb()
        with Timer() as t:
            pipe.run((stage,))
        stages.append({"stage": stage, "wall_s": t.seconds, "compute_s": pipe.metrics["timings_s"].get(stage),
                       "rss_start_mb": start, "peak_rss_mb": peak_rss_mb()})
        set_threads(threads)
        print(f"[quality] stage {stage}: {t.seconds:.0f} s, peak RSS {stages[-1]['peak_rss_mb']:.0f} MB", flush=True)

    # reward-model accuracy on real pairs never trained on
    train, _ = load_preference_pairs(args.helpful, cfg.data.preference_pairs, cfg.data.heldout_pairs, cfg.seed)
    seen = set(train[: cfg.reward_good.pairs or len(train)]) | set(train[: cfg.reward_poor.pairs or len(train)])
    everything, _ = load_preference_pairs(args.helpful, 10**9, 0, cfg.seed)
    helpful_rest = [p for p in everything if p not in seen][: b["eval_pairs"]]
    harmless = []
    if args.harmless and Path(args.harmless).is_file():
        harmless = _pairs_from(read_jsonl(args.harmless))
        random.Random(cfg.seed).shuffle(harmless)
        harmless = harmless[: b["eval_pairs"]]
    reset_peak_rss()
    with Timer() as t_acc:
        acc = accuracy_rows(pipe, helpful_rest, harmless, args.bootstrap)
    stages.append({"stage": "rm accuracy on real pairs", "wall_s": t_acc.seconds, "compute_s": t_acc.seconds,
                   "rss_start_mb": float("nan"), "peak_rss_mb": peak_rss_mb()})

    metrics = pipe.eval_metrics()
    ppo_logs = pipe.logs("ppo")
    good_log = ppo_logs.get("good", [])
    k = max(1, len(good_log) // 5)
    kl_last = sum(r["kl"] for r in good_log[-k:]) / k if good_log else float("nan")
    kl_mean = sum(r["kl"] for r in good_log) / len(good_log) if good_log else float("nan")
    gain = float(metrics.loc["ppo_good", "good_rm_score"] - metrics.loc["sft", "good_rm_score"])
    d2 = float(metrics.loc["ppo_good", "distinct_2"] / max(metrics.loc["sft", "distinct_2"], 1e-9))
    good_acc = next(r for r in acc if r["pairs"] == "helpful held-out" and r["judge"] == "good RM")
    length_acc = next(r for r in acc if r["pairs"] == "helpful held-out" and r["judge"] == "length-only baseline")
    targets = [
        {"target": "good RM held-out accuracy >= 0.65 (helpful)", "value": good_acc["accuracy"],
         "met": good_acc["accuracy"] >= 0.65},
        {"target": "good RM above length-only baseline (helpful; paired 95% CI of the gap above 0)",
         "value": good_acc["accuracy"] - length_acc["accuracy"],
         "met": good_acc["minus_length_ci95_low"] > 0},
        {"target": "PPO-good good-RM gain over SFT >= 1.0", "value": gain, "met": gain >= 1.0},
        {"target": "PPO-good KL (last 20% of iterations) <= 2 nats", "value": kl_last, "met": kl_last <= 2.0},
        {"target": "PPO-good distinct-2 >= 90% of SFT's", "value": d2, "met": d2 >= 0.9},
    ]
    results = {
        "machine": machine_info(), "command": " ".join(["python", *sys.argv]), "profile": args.profile,
        "threads": threads, "budgets": b, "data": {"helpful": args.helpful, "harmless": args.harmless,
                                                   "dolly": args.dolly},
        "run_dir": str(run_dir), "overrides": overrides, "stages": stages,
        "pipeline_metrics": {k: pipe.metrics.get(k) for k in ("sft", "reward_models", "ppo")},
        "rm_accuracy": acc, "eval_table": metrics.reset_index().to_dict(orient="records"),
        "ppo_good": {"gain_over_sft": gain, "kl_last": kl_last, "kl_mean": kl_mean, "distinct2_vs_sft": d2},
        "targets": targets,
    }
    print_table(stages, f"Pipeline stages ({args.profile}): wall time and peak RSS", floatfmt=".1f")
    print_table(acc, "Reward-model pairwise accuracy on real HH pairs never trained on (95% bootstrap CI)",
                floatfmt=".3f")
    print(f"\nPart 1 evaluation table ({args.profile}, held-out prompts)\n\n{metrics.to_markdown(floatfmt='.3f')}\n")
    print_table(targets, "Targets", floatfmt=".3f")
    write_json(results, out)
    return results


if __name__ == "__main__":
    main()
