"""Estimated vs measured CPU time of a small tiny-profile Part 1 and of Part 2 experiments over it.

Trains the Part 1 run of tests/test_experiments.py (tiny profile, reduced steps) and runs the chosen Part 2
experiments with that test's reduced grids, then compares each cached folder's measured `seconds` (done.json:
the Part 1 stages, each experiment's outcome, which includes the variants it trained) with
`rlhf_utils.experiments.estimates` for the same settings. Estimates are given for the default CPU
(`CPU_MATMUL_GFLOPS`) and for this machine's fp32 matmul rate, measured first.

    python bench/estimates_check.py                              # ~10 min on 2 cores
    python bench/estimates_check.py --experiments generation,best_of_n --out /tmp/est
    python bench/estimates_check.py --gflops 129      # re-estimate runs saved in --out (reused) at their rate
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from common import RESULTS, machine_info, matmul_gflops, set_threads

PART1_OVERRIDES = ["sft.steps=80", "reward_poor.steps=10", "reward_good.steps=60", "ppo.iterations=12",
                   "reward_good.normalize_samples=32", "reward_poor.normalize_samples=32", "dpo.steps=4"]
GRIDS = {"models": ["ppo_good"], "generation": {"temperature": [0.7], "repetition_penalty": [1.3],
                                                "no_repeat_ngram_size": [3]},
         "prompt_models": ["sft"], "sft_steps": [20], "sft_examples": [],
         "ppo": {"kl_coef": [0.0, 0.5], "lr": [], "iterations": []},
         "reward": {"steps_factor": [], "pooling": ["mean"], "margin": [1.0]},
         "max_new_tokens": [10, 40], "best_of_n": [1, 2, 4], "gold_iterations_factor": 1, "gold_steps_factor": 1,
         "steering_alphas": [8.0], "examples": 2}
"""The same reduced settings as tests/test_experiments.py."""


def part1_tally(stage: str, x):
    """The work of one Part 1 stage, counted with the estimator's pieces."""
    from rlhf_utils.experiments.estimates import Tally

    cfg = x.part1.cfg
    t = Tally(cfg, x.grid, len(x.prompts()))
    if stage == "sft":
        t.sft(cfg.sft.steps, cfg.data.sft_examples)
    elif stage == "reward_models":
        n = max(cfg.reward_poor.normalize_samples, cfg.reward_good.normalize_samples)
        t.decode(t.policy, n, t.len.ppo_prompt, cfg.ppo.max_new_tokens, 16)
        t.load(t.policy)
        for rcfg in (cfg.reward_poor, cfg.reward_good):
            t.reward_model(rcfg, t.train_pairs())
    elif stage == "ppo":
        for _ in range(2):
            t.ppo(cfg.ppo)
    else:  # evaluate_models: four policies answer and are scored, without bootstrap CIs
        gen = cfg.eval.generation
        for _ in range(4):
            t.load(t.policy)
            t.generate(gen, score=False)
            t.score(t.n_prompts, t.len.test_prompt + gen.max_new_tokens)
        t.load(t.reward, 2)
    return t


def experiment_tally(name: str, x):
    from rlhf_utils.experiments.estimates import COUNTERS, Tally

    t = Tally(x.cfg, x.grid, len(x.prompts()))
    COUNTERS[name](t)
    return t


def row(label: str, tally, measured: float, gflops: float, wall: float | None = None) -> dict:
    from rlhf_utils.experiments.estimates import CPU, HOST, cpu_device, seconds

    own = seconds(tally.work, cpu_device(gflops)) - HOST["fixed_s"]  # done.json times the work only
    default = seconds(tally.work, CPU) - HOST["fixed_s"]
    return {"what": label, "estimated_s_default_cpu": round(default, 1), "estimated_s_this_cpu": round(own, 1),
            "measured_s": round(measured, 1), "ratio_this_cpu": round(own / measured, 2),
            "wall_s_of_run": None if wall is None else round(wall, 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", default="/tmp/rlhf_estimates_check")
    parser.add_argument("--experiments", default="generation,best_of_n,length,reward_model,sft_steps,ppo_hparams,dpo")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--gflops", type=float, default=0.0,
                        help="this CPU's fp32 matmul rate (GFLOP/s) when the runs were measured (0: measure it now)")
    args = parser.parse_args()
    set_threads(args.threads)
    gflops = args.gflops or matmul_gflops(args.threads, n=2048)
    from rlhf_utils.cache import record
    from rlhf_utils.experiments import Part2
    from rlhf_utils.profiles import load_config

    out = Path(args.out)
    x = Part2.open("tiny", out / "exp", out / "part1", grids=GRIDS, part1_cfg=load_config("tiny", PART1_OVERRIDES),
                   create_part1=True)
    rows = [row(f"part1:{s}", part1_tally(s, x), record(x.part1.dir / s)["seconds"], gflops)
            for s in ("sft", "reward_models", "ppo", "eval")]
    for name in args.experiments.split(","):
        folder = x.dir / name / f"outcome_seed{x.seeds[0]}"
        before, t0 = record(folder), time.perf_counter()
        x.run(name)
        wall, done = time.perf_counter() - t0, record(folder)
        ran = before is None or before["id"] != done["id"]  # a reused outcome's run time says nothing
        rows.append(row(name, experiment_tally(name, x), done["seconds"], gflops, wall if ran else None))
    import pandas as pd

    table = pd.DataFrame(rows)
    print(f"fp32 matmul {gflops:.0f} GFLOP/s (2048^3, {args.threads} threads)")
    print(table.to_markdown(index=False))
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "estimates_check_tiny.json").write_text(json.dumps(
        {"machine": machine_info(), "matmul_gflops": gflops, "part1_overrides": PART1_OVERRIDES, "grids": GRIDS,
         "rows": rows}, indent=1))


if __name__ == "__main__":
    main()
