"""The RL stage side by side: rlhf_utils' hand-written PPO against TRL 1.16's RLOOTrainer (and GRPOTrainer).

Same SFT policy, same reward model (the good RM, called through `rlhf_utils.reward.score_texts`, so both
trainers optimise the exact same normalised reward), same prompts, completions per iteration, maximum
completion length, sampling temperature, learning rate, KL coefficient and thread count. Each trainer
runs for the same wall-clock budget from the same start, one after the other in this process (with
`--rounds 2` the order is reversed in the second round, so drift of the machine hits both).

Reported per trainer: seconds per iteration and completions/s (mean over iterations 2.., the first one
warms up; the median too, which a burst of load from another process moves less), set-up time, peak
RSS, and the normalised reward and sequence KL (nats, k1 estimate on the training batch; GRPO logs k3)
over wall-clock time, plotted.

Trainers: `ppo_1ep` (PPO, one epoch, one minibatch: one optimizer step per rollout batch, as RLOO),
`ppo_shared` (the same with `ppo.value_model=shared`: a value head on the policy instead of a second
network), `ppo` (the profile's epochs and minibatches), `rloo`, `grpo`.

    python bench/rl_vs_trl.py --profile tiny
    python bench/rl_vs_trl.py --profile smol --trainers ppo_1ep,ppo_shared,rloo
"""

from __future__ import annotations

import argparse
import copy
import gc
import statistics
import sys
import tempfile
import time
from pathlib import Path

from common import (
    DEFAULT_CACHE,
    Timer,
    build_checkpoints,
    cache_dir,
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

TRAINERS = ("ppo_1ep", "ppo_shared", "rloo", "ppo", "grpo")
PHASES = ("generate_s", "score_s", "update_s")  # our PPO's time per iteration by phase (TRL does not log it)


class _BudgetReached(Exception):
    pass


def run_ppo(pipe, epochs: int, minibatch: int, budget_s: float, max_iters: int, seed: int,
            value_model: str = "separate") -> dict:
    """Our PPO from the SFT policy against the good RM until `budget_s` seconds of training have passed
    (`value_model`: a separate value network started from the RM, or a value head on the policy)."""
    from rlhf_utils.ppo import train_ppo
    from rlhf_utils.ppo_models import PPOModels
    from rlhf_utils.training import make_accelerator

    cfg = pipe.cfg
    ppo_cfg = copy.deepcopy(cfg.ppo)
    ppo_cfg.epochs, ppo_cfg.minibatch_size, ppo_cfg.iterations = epochs, minibatch, max_iters
    ppo_cfg.value_model = value_model
    with Timer() as setup:
        policy, ref = pipe.load_sft(), pipe.load_sft()
        reward_model = pipe.load_reward_model("good")
        value_net = copy.deepcopy(reward_model) if value_model == "separate" else None
    rows: list[dict] = []

    def on_iteration(row: dict) -> None:
        rows.append(row)
        if row["time_s"] >= budget_s:
            raise _BudgetReached

    try:
        run = PPOModels(policy, ref, value_net, reward_model, ppo_cfg, make_accelerator(cfg.model))
        train_ppo(run, pipe.tokenizer, pipe.reward_tokenizer, pipe.ppo_prompts(), ppo_cfg, cfg.data, seed,
                  desc=f"PPO {epochs} epoch(s), {value_model}", on_iteration=on_iteration)
    except _BudgetReached:
        pass
    curve = [{"time_s": r["time_s"], "reward": r["score"], "kl": r["kl_k1"], "kl_k3": r["kl"],
              "length": r["response_length"], **{k: r[k] for k in PHASES if k in r}} for r in rows]
    return {"setup_s": setup.seconds, "curve": curve, "completions_per_iteration": ppo_cfg.batch_size}


def run_trl(pipe, kind: str, generations: int, budget_s: float, max_iters: int, seed: int) -> dict:
    """TRL's RLOOTrainer or GRPOTrainer from the SFT policy (loaded from disk, as TRL requires for its
    reference model) against the same good RM, until `budget_s` seconds of training have passed."""
    from datasets import Dataset
    from transformers import TrainerCallback

    from rlhf_utils.reward import score_texts

    cfg, p = pipe.cfg, pipe.cfg.ppo
    if p.batch_size % generations:
        raise SystemExit(f"--generations {generations} must divide ppo.batch_size={p.batch_size}")
    reward_model = pipe.load_reward_model("good")
    scores: list[float] = []

    def good_rm(prompts, completions, **_) -> list[float]:
        s = score_texts(reward_model, pipe.reward_tokenizer, prompts, [c.strip() for c in completions], cfg.data)
        scores.append(float(s.mean()))
        return s.tolist()

    class Recorder(TrainerCallback):
        def __init__(self):
            self.times, self.logs, self.t0 = [], [], None

        def on_train_begin(self, args, state, control, **kw):
            self.t0 = time.perf_counter()

        def on_step_end(self, args, state, control, **kw):
            self.times.append(time.perf_counter() - self.t0)
            if self.times[-1] >= budget_s:
                control.should_training_stop = True

        def on_log(self, args, state, control, logs=None, **kw):
            if logs and "kl" in logs:
                self.logs.append(dict(logs))

    common = dict(
        output_dir=tempfile.mkdtemp(prefix=f"bench_{kind}_"), per_device_train_batch_size=p.batch_size,
        gradient_accumulation_steps=1, num_generations=generations, max_completion_length=p.max_new_tokens,
        temperature=p.temperature, top_k=0, top_p=1.0, learning_rate=p.lr, lr_scheduler_type="constant",
        warmup_steps=0, weight_decay=0.01, adam_epsilon=1e-5, max_grad_norm=p.max_grad_norm, beta=p.kl_coef,
        num_iterations=1, epsilon=p.clip_range, max_steps=max_iters, bf16=False, fp16=False, use_cpu=True,
        report_to="none", gradient_checkpointing=False, disable_dropout=True, logging_steps=1, save_strategy="no",
        seed=seed, use_vllm=False, log_completions=False, dataloader_num_workers=0,
        model_init_kwargs={"dtype": "float32"},
    )
    if kind == "rloo":
        from trl import RLOOConfig as Config
        from trl import RLOOTrainer as Trainer
    else:
        from trl import GRPOConfig as Config
        from trl import GRPOTrainer as Trainer
    recorder = Recorder()
    prompts = pipe.ppo_prompts()
    with Timer() as setup:
        trainer = Trainer(model=str(pipe.sft_model_dir), reward_funcs=good_rm, args=Config(**common),
                          train_dataset=Dataset.from_dict({"prompt": prompts}), processing_class=pipe.tokenizer,
                          reward_processing_classes=pipe.reward_tokenizer, callbacks=[recorder])
    trainer.train()
    n = min(len(recorder.times), len(recorder.logs), len(scores))
    curve = []
    for i in range(n):
        log = recorder.logs[i]
        length = log.get("completions/mean_length", float("nan"))
        # TRL logs the token-mean KL; times the mean completion length it is the mean sequence KL
        curve.append({"time_s": recorder.times[i], "reward": scores[i], "kl": log["kl"] * length, "length": length})
    del trainer
    return {"setup_s": setup.seconds, "curve": curve, "completions_per_iteration": p.batch_size,
            "kl_estimator": "k1" if kind == "rloo" else "k3 (GRPO logs the k3 estimate)"}


def iteration_seconds(curve: list[dict]) -> list[float]:
    """Durations of iterations 2.. of a run (the first one warms up; kept only when it is the only one)."""
    times = [c["time_s"] for c in curve]
    return [b - a for a, b in zip(times, times[1:])] or times[:1]


def summarise(name: str, runs: list[dict]) -> dict:
    """Speed pooled over every round's iterations 2..; reward and KL from the first round's curve
    (means over its first / last 20% of iterations)."""
    pooled = [s for r in runs for s in iteration_seconds(r["curve"])]
    sec_per_iter = statistics.mean(pooled) if pooled else float("nan")
    curve = runs[0]["curve"]
    k = max(1, len(curve) // 5)
    return {
        "trainer": name, "iterations": sum(len(r["curve"]) for r in runs), "timed_iterations": len(pooled),
        "sec_per_iteration": sec_per_iter, "completions_per_s": runs[0]["completions_per_iteration"] / sec_per_iter,
        "median_sec_per_iteration": statistics.median(pooled) if pooled else float("nan"),
        "setup_s": statistics.mean(r["setup_s"] for r in runs), "peak_rss_mb": max(r["peak_rss_mb"] for r in runs),
        "rss_start_mb": runs[0].get("rss_start_mb", float("nan")),
        "reward_first": statistics.mean(c["reward"] for c in curve[:k]),
        "reward_last": statistics.mean(c["reward"] for c in curve[-k:]),
        "kl_last": statistics.mean(c["kl"] for c in curve[-k:]),
        "kl_mean": statistics.mean(c["kl"] for c in curve) if curve else float("nan"),
        **{k: statistics.mean(c[k] for r in runs for c in r["curve"][1:]) for k in PHASES
           if all(k in c for r in runs for c in r["curve"][1:]) and len(curve) > 1},
        "time_s": curve[-1]["time_s"] if curve else 0.0,
    }


def plot(results: dict[str, dict], path: Path, title: str) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, 3, figsize=(14, 3.6))
    for name, res in results.items():
        t = [c["time_s"] for c in res["curve"]]
        axes[0].plot(t, [c["reward"] for c in res["curve"]], marker=".", label=name)
        axes[1].plot(t, [c["kl"] for c in res["curve"]], marker=".", label=name)
        axes[2].scatter([c["kl"] for c in res["curve"]], [c["reward"] for c in res["curve"]], s=12, label=name)
    axes[0].set(xlabel="wall-clock training time (s)", ylabel="good-RM score (normalised units)", title="reward")
    axes[1].set(xlabel="wall-clock training time (s)", ylabel="sequence KL to reference (nats)", title="KL")
    axes[2].set(xlabel="sequence KL to reference (nats)", ylabel="good-RM score (normalised units)",
                title="reward at a given KL (each dot an iteration)")
    axes[0].legend(fontsize=8)
    fig.suptitle(title, fontsize=10)
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=80)
    plt.close(fig)
    print(f"plot written to {path}")


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--profile", choices=("tiny", "smol"), default="tiny")
    ap.add_argument("--budget-s", type=float, default=None,
                    help="training wall-clock seconds per trainer and round (default: tiny 8, smol 150)")
    ap.add_argument("--max-iterations", type=int, default=1000, help="stop earlier than the budget after this many")
    ap.add_argument("--generations", type=int, default=4,
                    help="completions per prompt for RLOO/GRPO (PPO: one per prompt; same completions per iteration)")
    ap.add_argument("--trainers", default=",".join(TRAINERS), help=f"comma-separated subset of {','.join(TRAINERS)}")
    ap.add_argument("--rounds", type=int, default=None,
                    help="repeat the trainer sequence, reversed every other round (default: tiny 2, smol 1)")
    ap.add_argument("--threads", type=int, default=0, help="torch threads for every trainer (0: all cores)")
    ap.add_argument("--set", action="append", default=[], metavar="KEY=VALUE",
                    help="rlhf_utils config override (e.g. ppo.batch_size=8); applies to both sides")
    ap.add_argument("--cache", type=Path, default=DEFAULT_CACHE, help="where SFT/RM checkpoints are built once")
    ap.add_argument("--out", type=Path, default=None,
                    help="results JSON (default bench/results/rl_vs_trl_<profile>.json)")
    ap.add_argument("--seed", type=int, default=42)
    args = ap.parse_args(argv)
    budget = args.budget_s if args.budget_s is not None else {"tiny": 8.0, "smol": 150.0}[args.profile]
    out = args.out or default_out("rl_vs_trl", args.profile)
    if args.rounds is None:
        args.rounds = {"tiny": 2, "smol": 1}[args.profile]
    trainers = [t.strip() for t in args.trainers.split(",") if t.strip()]
    bad = [t for t in trainers if t not in TRAINERS]
    if bad:
        ap.error(f"--trainers: unknown {bad}; allowed {TRAINERS}")

    threads = set_threads(args.threads)
    cfg = profile_config(args.profile, args.set)
    with Timer() as build:
        pipe = build_checkpoints(cfg, cache_dir(args.cache, args.profile, args.set))
    set_threads(threads)  # loading libraries may reset it
    p = cfg.ppo
    print(f"checkpoints ready in {build.seconds:.0f} s; {len(trainers)} trainers x {args.rounds} round(s), "
          f"{budget:.0f} s each, {p.batch_size} completions/iteration, {p.max_new_tokens} new tokens, "
          f"{threads} threads", flush=True)

    runs: dict[str, list[dict]] = {t: [] for t in trainers}
    for rnd in range(args.rounds):
        for name in (trainers if rnd % 2 == 0 else trainers[::-1]):
            gc.collect()
            reset_peak_rss()
            rss_start = rss_mb()
            if name == "ppo_1ep":
                res = run_ppo(pipe, 1, p.batch_size, budget, args.max_iterations, args.seed)
            elif name == "ppo_shared":
                res = run_ppo(pipe, 1, p.batch_size, budget, args.max_iterations, args.seed, "shared")
            elif name == "ppo":
                res = run_ppo(pipe, p.epochs, p.minibatch_size, budget, args.max_iterations, args.seed)
            else:
                res = run_trl(pipe, name, args.generations, budget, args.max_iterations, args.seed)
            res["peak_rss_mb"], res["rss_start_mb"] = peak_rss_mb(), rss_start
            res["round"] = rnd
            runs[name].append(res)
            print(f"[{name} round {rnd}] {len(res['curve'])} iterations", flush=True)

    rows = [summarise(name, runs[name]) for name in trainers]
    base = {r["trainer"]: r for r in rows}
    for row in rows:
        for ref in ("rloo", "grpo"):
            if ref in base and row["trainer"].startswith("ppo"):
                row[f"speed_vs_{ref}"] = row["completions_per_s"] / base[ref]["completions_per_s"]
                row[f"median_speed_vs_{ref}"] = base[ref]["median_sec_per_iteration"] / row["median_sec_per_iteration"]
    notes = {"ppo_1ep": f"PPO, 1 epoch, 1 minibatch of {p.batch_size}",
             "ppo_shared": f"PPO, 1 epoch, 1 minibatch of {p.batch_size}, value head on the policy", "ppo":
             f"PPO, {p.epochs} epochs, minibatches of {p.minibatch_size}",
             "rloo": f"TRL RLOOTrainer, {p.batch_size // args.generations} prompts x {args.generations}",
             "grpo": f"TRL GRPOTrainer, {p.batch_size // args.generations} prompts x {args.generations}"}
    for row in rows:
        row["setting"] = notes[row["trainer"]]
    plot({n: runs[n][0] for n in trainers}, out.with_suffix(".png"),
         f"{args.profile}: reward and KL vs training time ({threads} threads, {p.batch_size} completions/iteration)")
    results = {
        "machine": machine_info(), "command": " ".join([sys.executable.split("/")[-1], *sys.argv]),
        "profile": args.profile, "budget_s": budget, "threads": threads, "rounds": args.rounds,
        "settings": {"completions_per_iteration": p.batch_size, "generations_per_prompt_trl": args.generations,
                     "max_new_tokens": p.max_new_tokens, "temperature": p.temperature, "lr": p.lr,
                     "kl_coef": p.kl_coef, "ppo_epochs": p.epochs, "ppo_minibatch": p.minibatch_size,
                     "overrides": args.set},
        "checkpoint_build_s": build.seconds, "summary": rows,
        "runs": runs,
    }
    cols = ["trainer", "setting", "iterations", "timed_iterations", "sec_per_iteration", "completions_per_s",
            "speed_vs_rloo", "median_sec_per_iteration", "median_speed_vs_rloo", "setup_s", "rss_start_mb",
            "peak_rss_mb", "reward_first", "reward_last", "kl_last", "kl_mean", *PHASES]
    print_table([{k: r.get(k, "") for k in cols} for r in rows],
                f"RL stage, {args.profile}: {budget:.0f} s per trainer, {threads} threads")
    write_json(results, out)
    return results


if __name__ == "__main__":
    main()
