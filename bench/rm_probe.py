"""A reward model as a probe: a Bradley-Terry linear head on the frozen model's last-token states, fitted on
features cached once (one forward pass per answer; then every epoch over every pair is nearly free), judged on
the same held-out HH pairs as bench/rm_length.py (accuracy, chosen-is-shorter subset, length baseline, paired
CI of the gap), at several training sizes.

    python bench/rm_probe.py --profile smol --train-pairs 1200
    python bench/rm_probe.py --profile tiny --train-pairs 200 --heldout-pairs 50     # checks the script
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from common import HH_HELPFUL, Timer, default_out, machine_info, print_table, profile_config, write_json
from rm_length import split_pairs


def features(cfg, pairs, cache: Path):
    """Last-token states of the frozen reward backbone: (chosen [N, H], rejected [N, H]), cached in `cache`."""
    import torch
    from torch import nn

    from rlhf_utils.models import load_backbone, load_tokenizer
    from rlhf_utils.reward import ScalarHeadModel, pair_features, pair_rewards

    if cache.is_file():
        return torch.load(cache)
    tokenizer = load_tokenizer(cfg.model.reward, cfg.model)
    model = ScalarHeadModel(load_backbone(cfg.model.reward, cfg.model, cfg.seed + 1))
    model.head = nn.Identity()  # the model now returns its pooled state [B, H] instead of a score
    chosen, rejected = pair_rewards(model, pair_features(pairs, tokenizer, cfg.data), tokenizer.pad_token_id)
    cache.parent.mkdir(parents=True, exist_ok=True)
    torch.save((chosen, rejected), cache)
    return chosen, rejected


def fit_probe(chosen, rejected, l2: float, steps: int = 300, seed: int = 0):
    """w [H], b minimising mean softplus(-(s_chosen - s_rejected)) + l2 |w|^2 with s = (x - mu) / sd . w (mu, sd
    of all training states); full-batch Adam. Returns a function of states [M, H] -> scores [M]."""
    import torch
    import torch.nn.functional as F

    x = torch.cat([chosen, rejected])
    mu, sd = x.mean(0), x.std(0).clamp(min=1e-6)
    d = (chosen - rejected) / sd
    torch.manual_seed(seed)
    w = torch.zeros(d.shape[1], requires_grad=True)
    opt = torch.optim.Adam([w], lr=0.01)
    for _ in range(steps):
        opt.zero_grad()
        loss = F.softplus(-(d @ w)).mean() + l2 * (w * w).sum()
        loss.backward()
        opt.step()
    w = w.detach()
    return lambda states: ((states - mu) / sd) @ w


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--profile", choices=("tiny", "smol"), default="smol")
    ap.add_argument("--helpful", default=str(HH_HELPFUL))
    ap.add_argument("--train-pairs", type=int, default=1200)
    ap.add_argument("--heldout-pairs", type=int, default=300)
    ap.add_argument("--l2", type=float, nargs="+", default=[1e-4, 1e-3, 1e-2, 1e-1],
                    help="penalties tried; the one best on a validation fifth of the training pairs is kept")
    ap.add_argument("--run-dir", type=Path, default=None, help="default /tmp/rlhf_bench_rm_probe/<profile>")
    ap.add_argument("--out", type=Path, default=None, help="default bench/results/rm_probe_<profile>.json")
    args = ap.parse_args(argv)
    import numpy as np

    from rlhf_utils.models import load_tokenizer
    from rlhf_utils.reward import answer_lengths
    from rlhf_utils.stats import length_aware_accuracy

    cfg = profile_config(args.profile)
    run_dir = args.run_dir or Path("/tmp/rlhf_bench_rm_probe") / args.profile
    train, heldout = split_pairs(args.helpful, args.train_pairs, args.heldout_pairs, cfg.seed)
    with Timer() as t_feat:
        tc, tr = features(cfg, train, run_dir / f"train_{len(train)}.pt")
        hc, hr = features(cfg, heldout, run_dir / f"heldout_{len(heldout)}.pt")
    lengths = answer_lengths(heldout, load_tokenizer(cfg.model.reward, cfg.model))
    sizes = sorted({n for n in (len(train) // 8, len(train) // 4, len(train) // 2, len(train)) if n >= 10})
    rows = []
    for n in sizes:
        cut = n - n // 5  # validation fifth picks the penalty; then refit on all n
        val = {}
        for l2 in args.l2:
            probe = fit_probe(tc[:cut], tr[:cut], l2)
            val[l2] = float((probe(tc[cut:n]) > probe(tr[cut:n])).float().mean())
        l2 = max(val, key=val.get)
        with Timer() as t_fit:
            score = fit_probe(tc[:n], tr[:n], l2)
        s = length_aware_accuracy(score(hc).numpy(), score(hr).numpy(), *lengths, n_boot=2000, seed=cfg.seed)
        rows.append({"train_pairs": n, "l2": l2, "val_accuracy": val[l2], "accuracy": s["accuracy"],
                     "acc_ci": s["accuracy_ci"], "acc_chosen_shorter": s["accuracy_shorter"],
                     "n_shorter": s["n_shorter"], "length_baseline": s["length_baseline_accuracy"],
                     "gap": s["gap_over_length"], "gap_ci": s["gap_over_length_ci"], "fit_s": t_fit.seconds})
        print(f"[rm_probe] {n} pairs (l2 {l2:g}): accuracy {s['accuracy']:.3f} {s['accuracy_ci']}, chosen-shorter "
              f"{s['accuracy_shorter']:.3f}, gap {s['gap_over_length']:+.3f} {s['gap_over_length_ci']}", flush=True)
    print_table(rows, f"Probe RM on {len(heldout)} held-out HH pairs ({args.profile}; features {t_feat.seconds:.0f} s "
                      f"for {len(train) + len(heldout)} pairs)", floatfmt=".3f")
    results = {"machine": machine_info(), "command": " ".join(["python", *sys.argv]), "profile": args.profile,
               "feature_s": t_feat.seconds, "rows": rows, "mean_heldout_length": float(np.mean(lengths[0]))}
    write_json(results, args.out or default_out("rm_probe", args.profile))
    return results


if __name__ == "__main__":
    main()
