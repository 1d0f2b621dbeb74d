"""The `cpu` profile's Part 1 through the hub stand-in: what `auto` runs on a runtime without a GPU (Colab's CPU).

    python bench/cpu_profile.py [--profile auto] [--out /tmp/rlhf_bench_cache/cpu-profile] [--set KEY=VALUE ...]
                                [--json bench/results/cpu_profile.json]

The stand-in (tools/hub_standin.py) serves DistilGPT2 with random weights (the compute of real ones) and the
datasets' real layouts; `python -m rlhf_utils run` then trains every stage at the profile's own budgets (or the
overrides given), from an empty run folder and hub cache. Reported per stage: seconds and its work (SFT tokens,
RM pairs, PPO iterations split into sampling / scoring / update, evaluation answers), then the whole wall time,
start-up and downloads included.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
from common import DEFAULT_CACHE, ROOT, machine_info, print_table, write_json

sys.path.insert(0, str(ROOT / "tools"))
import hub_standin  # noqa: E402


def stage_rows(run: Path) -> list[dict]:
    """One row per stage: seconds, the work done, and its rate."""
    m = json.loads((run / "metrics.json").read_text())
    cfg = json.loads((run / "config.json").read_text())
    t = m["timings_s"]
    sft_log = json.loads((run / "sft" / "log.json").read_text())["log"]
    ppo = {n: json.loads((run / "ppo" / n / "log.json").read_text()) for n in ("poor", "good")}
    rm = m["reward_models"]
    pairs = sum(rm[n]["steps"] * cfg[f"reward_{n}"]["batch_size"] for n in ("poor", "good"))
    tokens = sum(r["tokens"] for r in sft_log)
    rows = [{"stage": "sft", "seconds": t["sft"], "work": f"{len(sft_log)} steps, {tokens:,} trained tokens",
             "rate": f"{tokens / t['sft']:.0f} tokens/s"},
            {"stage": "reward_models", "seconds": t["reward_models"],
             "work": f"poor {rm['poor']['steps']} + good {rm['good']['steps']} steps, {pairs:,} pairs",
             "rate": f"{pairs / t['reward_models']:.2f} pairs/s"}]
    for name, log in ppo.items():
        split = {k: sum(r[k] for r in log) for k in ("generate_s", "score_s", "update_s")}
        rows.append({"stage": f"ppo ({name} RM)", "seconds": log[-1]["time_s"],
                     "work": f"{len(log)} iterations x {cfg['ppo']['batch_size']} prompts",
                     "rate": f"{log[-1]['time_s'] / len(log):.1f} s/iteration (sample {split['generate_s']:.0f} s, "
                             f"score+ref+values {split['score_s']:.0f} s, update {split['update_s']:.0f} s)"})
    answers = pd.read_csv(run / "eval" / "responses.csv", keep_default_na=False)
    rows.append({"stage": "eval", "seconds": t["eval"], "work": f"{len(answers)} answers (4 models x prompts), "
                 f"at most {cfg['eval']['generation']['max_new_tokens']} new tokens", "rate": ""})
    rows.append({"stage": "total (stages)", "seconds": t["total"], "work": "", "rate": f"{t['total'] / 60:.1f} min"})
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--profile", default="auto", help="auto picks cpu here (no GPU, the stand-in answers)")
    parser.add_argument("--out", default=str(DEFAULT_CACHE / "cpu-profile"))
    parser.add_argument("--set", dest="overrides", action="append", default=[], metavar="KEY=VALUE")
    parser.add_argument("--json", default=str(ROOT / "bench" / "results" / "cpu_profile.json"))
    parser.add_argument("--keep", action="store_true", help="reuse the run folder and hub cache (default: fresh)")
    args = parser.parse_args()
    out, home = Path(args.out), Path(args.out + "-hf-home")
    if not args.keep:
        shutil.rmtree(out, ignore_errors=True)
        shutil.rmtree(home, ignore_errors=True)
    with hub_standin.HubStandin(hub_standin.build(Path.home() / ".cache" / "rlhf_utils" / "hub-standin")) as hub:
        cmd = [sys.executable, "-m", "rlhf_utils", "run", "--profile", args.profile, "--out", str(out)]
        cmd += [a for item in args.overrides for a in ("--set", item)]
        t0 = time.perf_counter()
        proc = subprocess.run(cmd, cwd=ROOT, env=hub_standin.client_env(hub.url, home), capture_output=True, text=True)
        wall = time.perf_counter() - t0
        requests = hub.summary()
    if proc.returncode != 0:
        sys.exit(f"the run failed ({proc.returncode}): {proc.stderr[-2000:]}")
    rows = stage_rows(out)
    rows.append({"stage": "wall (process, downloads, data, stages)", "seconds": wall, "work": "",
                 "rate": f"{wall / 60:.1f} min"})
    print_table(rows, f"profile {args.profile} ({json.loads((out / 'metrics.json').read_text())['profile']}) "
                      f"through the hub stand-in", floatfmt=".0f")
    write_json({"machine": machine_info(), "command": cmd[1:], "rows": rows, "hub_requests": requests,
                "metrics": json.loads((out / "metrics.json").read_text())}, Path(args.json))


if __name__ == "__main__":
    main()
