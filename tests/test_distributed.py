"""The PPO loop under `accelerate launch` with 2 CPU processes (DDP over gloo): ranks see different
rollouts but end with identical weights, so gradients were averaged across processes."""
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_two_process_ppo_iteration_syncs_gradients():
    launcher = Path(sys.executable).with_name("accelerate")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "OMP_NUM_THREADS": "1"}
    cmd = [str(launcher), "launch", "--multi_gpu", "--num_processes", "2", "--num_machines", "1",
           "--mixed_precision", "no", "--dynamo_backend", "no", str(ROOT / "tests" / "ddp_ppo_smoke.py")]
    out = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=600)
    rows = [dict(re.findall(r"(\w+)=(\S+)", line)) for line in out.stdout.splitlines() if line.startswith("RESULT")]
    assert len(rows) == 2, out.stdout + out.stderr[-3000:]
    assert {r["rank"] for r in rows} == {"0", "1"} and all(r["world"] == "2" for r in rows)
    assert all(r["type"] == "MULTI_CPU" for r in rows)
    assert rows[0]["end"] == rows[1]["end"] and rows[0]["end"] != rows[0]["start"]  # synced and updated
