"""Reward models on real HH-RLHF pairs, read against answer length: which training learns content?

Trains the good RM's variants (Bradley-Terry as Part 1, ODIN, length-balanced pairs, length-residual
correction, initialised from the SFT policy) on the same training pairs of an HH-schema file (default: the
shared helpful-base test file) and scores every variant on the same held-out pairs never trained on
(default 300): accuracy on all pairs, on the pairs whose chosen answer is the shorter one (where "the longer
answer wins" scores 0), the length-only baseline and the paired 95% CI of each RM's gap over it.
Each variant is cached in --run-dir (a re-run resumes); SFT (for init=sft and the normalisation samples)
is Part 1's stage on the Dolly file.

    python bench/rm_length.py --profile smol --variants bt odin residual
    python bench/rm_length.py --profile tiny            # a few minutes: checks the script
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
from pathlib import Path

from common import DOLLY_SAMPLE, HH_HELPFUL, Timer, default_out, machine_info, print_table, profile_config, write_json

VARIANTS = {  # length_balance is explicit: the smol profile's good RM balances its pairs since 2026-12-01
    "bt": {"length_balance": False},
    "odin": {"objective": "odin", "length_balance": False},
    "balanced": {"length_balance": True},
    "residual": {"length_correction": "residual", "length_balance": False},
    "sft_init": {"init": "sft", "length_balance": False},
    "odin_residual": {"objective": "odin", "length_correction": "residual", "length_balance": False},
    # cheaper steps, on balanced pairs: SmolLM2-135M has 30 blocks, the lower 15 frozen / a head on a frozen model
    "top15": {"train_layers": 15, "length_balance": True},
    "head_only": {"freeze_backbone": True, "lr": 1e-3, "length_balance": True},
}
"""Changes to the profile's good RM that each variant makes."""
DEFAULTS = {"tiny": {"train_pairs": 600, "heldout_pairs": 300, "rm_steps": 60, "rm_batch": 16, "sft_steps": 30},
            "smol": {"train_pairs": 640, "heldout_pairs": 300, "rm_steps": 80, "rm_batch": 8, "sft_steps": 30}}


def split_pairs(path: str, n_train: int, n_heldout: int, seed: int):
    """Disjoint (train, held-out) pairs of an HH file: the held-out pairs are drawn first, so they stay the same
    whatever the training size."""
    from rlhf_utils.data import load_preference_pairs

    everything, _ = load_preference_pairs(path, 10**9, 0, seed)
    if len(everything) < n_train + n_heldout:
        raise SystemExit(f"{path} holds {len(everything)} pairs: fewer than {n_train} + {n_heldout} asked")
    return everything[n_heldout:n_heldout + n_train], everything[:n_heldout]


def judge(model, tokenizer, pairs, data_cfg, seed: int) -> dict:
    """Length-aware accuracy of `model` on `pairs` (answer lengths in the RM's tokens)."""
    from rlhf_utils.reward import answer_lengths, pair_features, pair_rewards
    from rlhf_utils.stats import length_aware_accuracy

    chosen, rejected = pair_rewards(model, pair_features(pairs, tokenizer, data_cfg), tokenizer.pad_token_id)
    return length_aware_accuracy(chosen.numpy(), rejected.numpy(), *answer_lengths(pairs, tokenizer), n_boot=2000,
                                 seed=seed)


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--profile", choices=tuple(DEFAULTS), default="smol")
    ap.add_argument("--variants", nargs="+", choices=tuple(VARIANTS), default=["bt", "odin", "balanced", "residual"])
    ap.add_argument("--helpful", default=str(HH_HELPFUL), help="HH-schema .jsonl(.gz): training and held-out pairs")
    ap.add_argument("--dolly", default=str(DOLLY_SAMPLE), help="Dolly-schema .jsonl(.gz) for SFT")
    for key in DEFAULTS["smol"]:
        ap.add_argument(f"--{key.replace('_', '-')}", type=int, default=None)
    ap.add_argument("--set", action="append", default=[], metavar="KEY=VALUE", help="further rlhf_utils overrides")
    ap.add_argument("--run-dir", type=Path, default=None, help="default /tmp/rlhf_bench_rm_length/<profile>")
    ap.add_argument("--out", type=Path, default=None, help="default bench/results/rm_length_<profile>.json")
    args = ap.parse_args(argv)
    b = {k: getattr(args, k) if getattr(args, k) is not None else v for k, v in DEFAULTS[args.profile].items()}
    run_dir = args.run_dir or Path("/tmp/rlhf_bench_rm_length") / args.profile

    from rlhf_utils import cache
    from rlhf_utils.pipeline import Pipeline
    from rlhf_utils.stages.reward import load_reward_model, normalization_samples, train_reward

    cfg = profile_config(args.profile, [f"data.sft_source={args.dolly}", f"sft.steps={b['sft_steps']}", *args.set])
    pipe = Pipeline(cfg, run_dir)
    pipe.run(("sft",))
    train, heldout = split_pairs(args.helpful, b["train_pairs"], b["heldout_pairs"], cfg.seed)
    prompts = pipe.ppo_prompts()
    samples = normalization_samples(pipe, pipe.sft_model_dir, prompts, cfg.reward_good.normalize_samples,
                                    run_dir / "rm_length" / "samples.jsonl")
    rows = []
    for name in args.variants:
        rcfg = dataclasses.replace(cfg.reward_good, steps=b["rm_steps"], batch_size=b["rm_batch"],
                                   eval_every=b["rm_steps"], **VARIANTS[name])
        folder = run_dir / "rm_length" / name
        with Timer() as t:
            cache.cached(folder, {"rm": dataclasses.asdict(rcfg), "pairs": len(train), "seed": cfg.seed},
                         lambda: train_reward(pipe, rcfg, folder, train, heldout[:40], samples, cfg.seed,
                                              f"RM {name}", pipe.sft_model_dir)[1],
                         [run_dir / "sft"], label=f"RM {name}")
        result = judge(load_reward_model(folder).to(pipe.device).eval(), pipe.reward_tokenizer, heldout, cfg.data,
                       cfg.seed)
        rows.append({"variant": name, "train_s": t.seconds, **{k: v for k, v in result.items()}})
        print(f"[rm_length] {name}: accuracy {result['accuracy']:.3f}, chosen-shorter {result['accuracy_shorter']:.3f}"
              f" (n={result['n_shorter']}), length baseline {result['length_baseline_accuracy']:.3f}, gap "
              f"{result['gap_over_length']:+.3f} {result['gap_over_length_ci']}", flush=True)
    table = [{"variant": r["variant"], "n": r["n"], "accuracy": r["accuracy"], "acc_ci": r["accuracy_ci"],
              "acc_chosen_shorter": r["accuracy_shorter"], "n_shorter": r["n_shorter"],
              "length_baseline": r["length_baseline_accuracy"], "gap": r["gap_over_length"],
              "gap_ci": r["gap_over_length_ci"], "train_s": r["train_s"]} for r in rows]
    print_table(table, f"Good-RM variants on {len(heldout)} held-out HH pairs ({args.profile}, "
                       f"{len(train)} training pairs)", floatfmt=".3f")
    results = {"machine": machine_info(), "command": " ".join(["python", *sys.argv]), "profile": args.profile,
               "budgets": b, "data": {"helpful": args.helpful, "dolly": args.dolly}, "variants": rows}
    write_json(results, args.out or default_out("rm_length", args.profile))
    return results


if __name__ == "__main__":
    main()
