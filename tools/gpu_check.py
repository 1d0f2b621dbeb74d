"""`make gpu-check`: the `colab` profile's Part 1 at the homework's budgets on this CUDA GPU, with no internet.

    python tools/gpu_check.py [--out runs/gpu-check] [--set KEY=VALUE ...]

The hub stand-in (tools/hub_standin.py) serves DistilGPT2 (random weights: the compute and memory of real ones),
Dolly-15k and HH-RLHF; `python -m rlhf_utils run --profile colab` trains against it exactly as on Colab. Then
OUT/gpu_check.json is written and the command exits 0 only when every stage ran and nothing below went wrong.
Without CUDA it prints one line saying so and exits 2.

gpu_check.json:
    ok                  true when `problems` is empty
    problems            one line each: a stage that failed (its error line), non-finite losses, skipped fp16 steps,
                        negative KL
    device              the GPU's name, e.g. "Tesla T4"; compute_capability e.g. "7.5"
    precision           the mixed precision accelerate used: "fp16" (T4: fp16 autocast, fp32 weights, a loss
                        scaler), "bf16" (compute capability >= 8) or "no"
    torch               torch.__version__
    exit_code           of the run command (0 ran; 2 a one-line error; 3 diverged)
    stage_seconds       {sft, reward_models, ppo, eval, total}: wall-clock seconds (metrics.json timings_s)
    peak_gpu_memory_gib {stage: GiB}: torch.cuda.max_memory_allocated during each stage
    throughput          {sft_tokens_per_s: trained (non-pad) tokens / SFT seconds, reward_pairs_per_s: pairs
                        trained by both RMs / RM seconds, ppo_tokens_per_s: sampled response tokens / PPO seconds}
    nan_inf_losses      {sft, reward_poor, reward_good, ppo_poor, ppo_good}: logged losses that are not finite
    skipped_fp16_steps  same keys: optimizer steps the fp16 loss scaler skipped (an inf gradient)
    negative_kl         {ppo_poor, ppo_good}: iterations whose logged KL (k3, never negative in exact arithmetic) is
                        below 0, plus 1 when the first iteration's KL (k1 or k3) is not 0 within 1e-3 nats (the
                        policy equals its reference then: a KL there means rollout and update disagree, e.g. in
                        precision). A negative k1 later is sampling noise of that estimator and is not counted
    hub_requests        what the run asked of the stand-in (method, endpoint, status class -> count)
"""

from __future__ import annotations

import argparse
import json
import math
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TOOLS = Path(__file__).resolve().parent
STAGES = ("sft", "reward_models", "ppo", "eval")
RUNS = {"sft": ("sft",), "reward_poor": ("reward_models", "poor"), "reward_good": ("reward_models", "good"),
        "ppo_poor": ("ppo", "poor"), "ppo_good": ("ppo", "good")}
LOSS_KEYS = ("loss", "policy_loss", "value_loss")


def _log(run: Path, *parts: str) -> list[dict]:
    path = run.joinpath(*parts, "log.json")
    if not path.is_file():
        return []
    data = json.loads(path.read_text())
    return data["log"] if isinstance(data, dict) else data


def _first_kl_off(log: list[dict]) -> bool:
    """Iteration 1 samples from a policy equal to its reference: its KL must be 0 (k1 and k3). Not 0 means rollout
    and update compute log-probs differently (e.g. in another precision); a negative k1 later is sampling noise."""
    return bool(log) and (abs(log[0]["kl_k1"]) > 1e-3 or abs(log[0]["kl"]) > 1e-3)


def report(run: Path, exit_code: int, error: str = "") -> dict:
    """gpu_check.json's content (the module docstring) from a finished or failed run folder."""
    m = json.loads((run / "metrics.json").read_text()) if (run / "metrics.json").is_file() else {}
    logs = {name: _log(run, *parts) for name, parts in RUNS.items()}
    timings = m.get("timings_s", {})
    nonfinite = {name: sum(1 for row in log for k in LOSS_KEYS if k in row and not math.isfinite(row[k]))
                 for name, log in logs.items()}
    skipped = {name: int(sum(row.get("skipped", 0) + row.get("skipped_steps", 0) for row in log))
               for name, log in logs.items()}
    negative = {name: sum(1 for row in logs[name] if row["kl"] < -1e-6) + int(_first_kl_off(logs[name]))
                for name in ("ppo_poor", "ppo_good")}
    sft_tokens = sum(row.get("tokens", 0) for row in logs["sft"])
    cfg = json.loads((run / "config.json").read_text()) if (run / "config.json").is_file() else {}
    pairs = sum(m.get("reward_models", {}).get(n, {}).get("steps", 0) * cfg.get(f"reward_{n}", {}).get("batch_size", 0)
                for n in ("poor", "good"))
    ppo_tokens = sum(row["response_length"] for n in ("ppo_poor", "ppo_good") for row in logs[n])
    batch = cfg.get("ppo", {}).get("batch_size", 0)

    def rate(amount: float, stage: str) -> float | None:
        return round(amount / timings[stage], 1) if timings.get(stage) else None

    problems = [] if exit_code == 0 else [f"the run exited with {exit_code}: {error or 'see its output'}"]
    problems += [f"stage {s} did not finish" for s in STAGES if s not in timings and exit_code == 0]
    problems += [f"{n}: {k} non-finite losses" for n, k in nonfinite.items() if k]
    problems += [f"{n}: {k} optimizer steps skipped by the fp16 loss scaler" for n, k in skipped.items() if k]
    problems += [f"{n}: {k} iterations with a negative KL" for n, k in negative.items() if k]
    return {"ok": not problems, "problems": problems, "exit_code": exit_code,
            "precision": m.get("runtime", {}).get("mixed_precision"),
            "stage_seconds": {k: round(v, 1) for k, v in timings.items()},
            "peak_gpu_memory_gib": m.get("peak_gpu_memory_gib", {}),
            "throughput": {"sft_tokens_per_s": rate(sft_tokens, "sft"),
                           "reward_pairs_per_s": rate(pairs, "reward_models"),
                           "ppo_tokens_per_s": rate(ppo_tokens * batch, "ppo")},
            "nan_inf_losses": nonfinite, "skipped_fp16_steps": skipped, "negative_kl": negative}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", default=str(ROOT / "runs" / "gpu-check"), help="run folder (default: %(default)s)")
    parser.add_argument("--set", dest="overrides", action="append", default=[], metavar="KEY=VALUE")
    parser.add_argument("--root", default=str(Path.home() / ".cache" / "rlhf_utils" / "hub-standin"),
                        help="where the stand-in's repositories are built (default: %(default)s)")
    args = parser.parse_args(argv)
    import torch

    if not torch.cuda.is_available():
        print("error: gpu-check needs a CUDA GPU and torch sees none here (torch.cuda.is_available() is False): "
              "run it on a GPU machine or runtime", file=sys.stderr)
        return 2
    sys.path.insert(0, str(TOOLS))
    import hub_standin

    out = Path(args.out).expanduser().resolve()
    home = out.parent / f"{out.name}-hf-home"
    with hub_standin.HubStandin(hub_standin.build(Path(args.root))) as hub:
        env = hub_standin.client_env(hub.url, home)
        cmd = [sys.executable, "-m", "rlhf_utils", "run", "--profile", "colab", "--out", str(out), "--force"]
        cmd += [a for item in args.overrides for a in ("--set", item)]
        t0 = time.perf_counter()
        proc = subprocess.run(cmd, cwd=ROOT, env=env, stderr=subprocess.PIPE, text=True)
        sys.stderr.write(proc.stderr)
        errors = [line for line in proc.stderr.splitlines() if line.startswith("error:")]
        result = report(out, proc.returncode, errors[-1] if errors else "")
        result.update(device=torch.cuda.get_device_name(0),
                      compute_capability=".".join(map(str, torch.cuda.get_device_capability(0))),
                      torch=torch.__version__, wall_seconds=round(time.perf_counter() - t0, 1),
                      hub_requests=hub.summary())
    out.mkdir(parents=True, exist_ok=True)
    (out / "gpu_check.json").write_text(json.dumps(result, indent=2))
    print(json.dumps({k: result[k] for k in ("ok", "problems", "precision", "stage_seconds", "peak_gpu_memory_gib")},
                     indent=2))
    print(f"report: {out / 'gpu_check.json'}")
    return 0 if result["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
