"""Offline quality on real data: the whole Part 1 pipeline trained and judged on files it is given.

1. SFT on a Dolly-schema file (default: the shared Dolly sample).
2. Both reward models on a split of an HH-schema file (default: helpful-base test); pairwise accuracy on
   pairs of that file never trained on, and on a second HH file (default: harmless-base test), with 95%
   bootstrap confidence intervals, next to the length-only baseline ("the longer answer wins", ties
   count one half), with each judge's gap over it (paired CI) and its accuracy on the pairs whose chosen answer
   is shorter (where the baseline scores 0) and on those where it is longer.
3. PPO against each RM; then the Part 1 evaluation table (every metric) for Base, SFT, PPO-poor, PPO-good
   on the held-out test prompts.
4. With `--gold-steps N`: a gold RM (the good RM's settings, N steps) trained on helpful pairs disjoint from
   the RMs' training pairs and from the judged ones re-scores every model's answers, so that PPO-good's gain
   over SFT is read by a judge it never optimised: the paired gain over prompts with its 95% CI, next to mean
   response length and the gain with length controlled (SFT's score-on-length line, as the pipeline's
   `good_rm_score_length_controlled`).
The targets (issue 11) are checked: good-RM accuracy >= 0.70, its gap over the length baseline (CI above 0),
>= 0.55 where the chosen answer is shorter; PPO-good's gold gain (CI above 0), its length-controlled gain,
KL <= 3 nats and distinct-2 >= 90% of SFT's.
Each stage runs through `rlhf_utils.pipeline.Pipeline` in `--run-dir`; its wall time and peak RSS are
recorded (finished stages are reused on a re-run with the same settings; `--force` redoes them).

    python bench/quality.py --profile tiny
    python bench/quality.py --profile smol
    python bench/quality.py --profile smol --as-profile --train-pairs 1000 --eval-pairs 300 --gold-steps 80 \
        --helpful ../shared/data/hh-rlhf/helpful-base-test.jsonl.gz --harmless '' \
        --dolly ../shared/data/dolly15k-sample/dolly15k_sample.jsonl --run-dir runs/smol-real
        # judges the README's smol real-data Part 1 run: same settings, same file names, so its stages are reused
"""

from __future__ import annotations

import argparse
import dataclasses
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


def accuracy_rows(pipe, helpful_rest, harmless, bootstrap: int, models: dict | None = None) -> list[dict]:
    """Pairwise accuracy rows of the length baseline and of each RM in `models` (default: Part 1's good and poor
    RMs) on the helpful held-out pairs and on the harmless ones."""
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
        for name, model in (models or {n: pipe.load_reward_model(n) for n in ("good", "poor")}).items():
            chosen, rejected = pair_scores(model, tok, pairs, data_cfg)
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


def train_gold(pipe, pairs, steps: int, batch: int):
    """A gold RM: plain Bradley-Terry on all its pairs (no length balancing or correction, whatever the proxy
    uses: an independent judge), otherwise the good RM's settings, `steps` x `batch` on `pairs` (none of them
    seen by the RMs judged), normalised on SFT samples as they are; cached in <run>/gold_rm. Returns (model,
    summary)."""
    from rlhf_utils import cache
    from rlhf_utils.stages.reward import load_reward_model, normalization_samples, train_reward

    cfg, folder = pipe.cfg, pipe.dir / "gold_rm"
    rcfg = dataclasses.replace(cfg.reward_good, pairs=0, steps=steps, batch_size=batch, eval_every=steps,
                               objective="bt", length_balance=False, length_correction="none", train_layers=0)

    def work() -> dict:
        samples = normalization_samples(pipe, pipe.sft_model_dir, pipe.ppo_prompts(), rcfg.normalize_samples,
                                        folder / "samples.jsonl")
        return train_reward(pipe, rcfg, folder, pairs[40:], pairs[:40], samples, cfg.seed + 7, "gold RM",
                            pipe.sft_model_dir)[1]

    record = cache.cached(folder, {"rm": dataclasses.asdict(rcfg), "pairs": len(pairs), "seed": cfg.seed},
                          work, [pipe.dir / "sft"], label="gold RM")
    return load_reward_model(folder).to(pipe.device).eval(), record["summary"]


def gold_judgement(pipe, gold, bootstrap: int) -> tuple[list[dict], dict]:
    """Every model's held-out answers scored by the proxy (good) RM and by `gold`: per model the mean of each
    with its 95% CI over prompts, the length-controlled means (SFT's line) and mean length; and PPO-good minus
    SFT per prompt (paired) for both judges."""
    from rlhf_utils.evaluation import length_controlled_scores
    from rlhf_utils.reward import score_texts
    from rlhf_utils.stats import mean_ci

    resp = pipe.responses()
    resp["gold_rm_score"] = score_texts(gold, pipe.reward_tokenizer, list(resp["prompt"]),
                                        [str(r) for r in resp["response"]], pipe.cfg.data).tolist()
    controlled = {s: length_controlled_scores(resp, pipe.tokenizer, score=s, n_boot=bootstrap, seed=pipe.cfg.seed)
                  for s in ("good_rm_score", "gold_rm_score")}
    lengths = pipe.eval_metrics()["mean_length"]
    rows = {}
    for model, group in resp.groupby("model", sort=False):
        row = {"model": model, "n": len(group), "mean_length": float(lengths[model])}
        for s, short in (("good_rm_score", "proxy"), ("gold_rm_score", "gold")):
            value, (lo, hi) = mean_ci(group[s].to_numpy(dtype=float), bootstrap, pipe.cfg.seed)
            lc = controlled[s].loc[model]
            row.update({short: value, f"{short}_ci_low": lo, f"{short}_ci_high": hi,
                        f"{short}_length_controlled": float(lc[f"{s}_length_controlled"]),
                        f"{short}_lc_ci_low": float(lc[f"{s}_length_controlled_ci_low"]),
                        f"{short}_lc_ci_high": float(lc[f"{s}_length_controlled_ci_high"])})
        rows[model] = row
    by = {m: g.set_index("prompt") for m, g in resp.groupby("model", sort=False)}
    sft, good, ppo = by["sft"], by["ppo_good"].loc[by["sft"].index], rows["ppo_good"]
    gains = {}
    for s, short in (("good_rm_score", "proxy"), ("gold_rm_score", "gold")):  # SFT's own line: its lc is 0
        value, (lo, hi) = mean_ci(good[s].to_numpy(dtype=float) - sft[s].to_numpy(dtype=float), bootstrap,
                                  pipe.cfg.seed)
        gains[short] = {"gain": value, "ci": [lo, hi], "n_prompts": len(sft),
                        "length_controlled_gain": ppo[f"{short}_length_controlled"],
                        "length_controlled_ci": [ppo[f"{short}_lc_ci_low"], ppo[f"{short}_lc_ci_high"]]}
    gains["length"] = {"sft": rows["sft"]["mean_length"], "ppo_good": ppo["mean_length"],
                       "gain": ppo["mean_length"] - rows["sft"]["mean_length"]}
    return list(rows.values()), gains


def check_targets(good_acc: dict, length_acc: dict, gains: dict, kl_last: float, d2: float) -> list[dict]:
    """The issue-11 targets: (target, value, met) rows. Gold rows are left out when no gold RM was trained."""
    rows = [
        {"target": "good RM held-out accuracy >= 0.70 (helpful)", "value": good_acc["accuracy"],
         "met": good_acc["accuracy"] >= 0.70},
        {"target": "good RM above the length baseline (paired 95% CI of the gap above 0)",
         "value": good_acc["accuracy"] - length_acc["accuracy"], "met": good_acc["minus_length_ci95_low"] > 0},
        {"target": "good RM accuracy where the chosen answer is shorter >= 0.55",
         "value": good_acc["accuracy_shorter"], "met": good_acc["accuracy_shorter"] >= 0.55},
    ]
    if "gold" in gains:
        g = gains["gold"]
        rows += [
            {"target": "PPO-good gold-RM gain over SFT (95% CI above 0)", "value": g["gain"], "met": g["ci"][0] > 0},
            {"target": "PPO-good gold-RM gain with length controlled > 0", "value": g["length_controlled_gain"],
             "met": g["length_controlled_gain"] > 0},
        ]
    rows += [
        {"target": "PPO-good KL (last 20% of iterations) <= 3 nats", "value": kl_last, "met": kl_last <= 3.0},
        {"target": "PPO-good distinct-2 >= 90% of SFT's", "value": d2, "met": d2 >= 0.9},
    ]
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
    ap.add_argument("--as-profile", action="store_true",
                    help="the profile's own budgets (only the data files and --train-pairs set): the README's "
                         "real-data Part 1 command, whose run folder --run-dir can then reuse")
    ap.add_argument("--gold-steps", type=int, default=0,
                    help="train a gold RM for this many steps on helpful pairs nobody else saw (0: none)")
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

    from rlhf_utils.data import load_preference_pairs, pairs_from, read_jsonl
    from rlhf_utils.pipeline import STAGES, Pipeline

    threads = set_threads(args.threads)
    overrides = [f"data.sft_source={args.dolly}", f"data.preference_source={args.helpful}",
                 f"data.preference_pairs={b['train_pairs']}"]
    if not args.as_profile:
        overrides += [
            f"data.heldout_pairs={b['heldout_pairs']}", f"sft.steps={b['sft_steps']}",
            f"reward_good.steps={b['rm_steps']}", f"reward_good.batch_size={b['rm_batch']}",
            f"reward_good.eval_every={b['rm_steps']}", f"ppo.iterations={b['ppo_iterations']}",
            f"ppo.save_every={b['ppo_iterations']}"]
    overrides += [*(["model.mixed_precision=bf16"] if args.bf16 else []), *args.set]
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
    unseen = [p for p in everything if p not in seen]
    helpful_rest, gold_pairs = unseen[: b["eval_pairs"]], unseen[b["eval_pairs"]:]
    harmless = []
    if args.harmless and Path(args.harmless).is_file():
        harmless = pairs_from(read_jsonl(args.harmless))[0]
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
    judged, gains, gold_summary = [], {}, None
    if args.gold_steps:
        if len(gold_pairs) < 100:
            raise SystemExit(f"only {len(gold_pairs)} helpful pairs are left for the gold RM: lower --train-pairs "
                             "or --eval-pairs")
        with Timer() as t_gold:
            gold, gold_summary = train_gold(pipe, gold_pairs, args.gold_steps, b["rm_batch"])
            judged, gains = gold_judgement(pipe, gold, args.bootstrap)
            gold_acc = accuracy_rows(pipe, helpful_rest, [], args.bootstrap, {"gold": gold})
            acc += [r for r in gold_acc if r["judge"] == "gold RM"]
        stages.append({"stage": "gold RM (train + judge)", "wall_s": t_gold.seconds, "compute_s": t_gold.seconds,
                       "rss_start_mb": float("nan"), "peak_rss_mb": peak_rss_mb()})
    targets = check_targets(good_acc, length_acc, gains, kl_last, d2)
    results = {
        "machine": machine_info(), "command": " ".join(["python", *sys.argv]), "profile": args.profile,
        "threads": threads, "budgets": b, "data": {"helpful": args.helpful, "harmless": args.harmless,
                                                   "dolly": args.dolly},
        "run_dir": str(run_dir), "overrides": overrides, "stages": stages,
        "pipeline_metrics": {k: pipe.metrics.get(k) for k in ("sft", "reward_models", "ppo")},
        "rm_accuracy": acc, "eval_table": metrics.reset_index().to_dict(orient="records"),
        "ppo_good": {"gain_over_sft": gain, "kl_last": kl_last, "kl_mean": kl_mean, "distinct2_vs_sft": d2},
        "gold": {"steps": args.gold_steps, "train_pairs": len(gold_pairs) - 40, "summary": gold_summary,
                 "per_model": judged, "ppo_good_vs_sft": gains} if args.gold_steps else None,
        "part1_seconds": sum(s["wall_s"] for s in stages if s["stage"] in STAGES),
        "targets": targets,
    }
    print_table(stages, f"Pipeline stages ({args.profile}): wall time and peak RSS", floatfmt=".1f")
    print_table(acc, "Reward-model pairwise accuracy on real HH pairs never trained on (95% bootstrap CI)",
                floatfmt=".3f")
    print(f"\nPart 1 evaluation table ({args.profile}, held-out prompts)\n\n{metrics.to_markdown(floatfmt='.3f')}\n")
    if judged:
        print_table(judged, "Proxy (good) and gold RM scores of each model's held-out answers (95% CI over prompts; "
                            "length-controlled: SFT's score-on-length line removed)", floatfmt=".3f")
        print(f"PPO-good minus SFT, paired over prompts: {gains}\n")
    print_table(targets, "Targets", floatfmt=".3f")
    write_json(results, out)
    return results


if __name__ == "__main__":
    main()
