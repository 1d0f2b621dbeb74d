"""Helpers the benchmark scripts share: offline environment, machine description, peak memory,
cached SFT / reward-model checkpoints, the CPU's measured matmul rate, and result files.

Imported by the scripts in this folder (`python bench/<name>.py`); not part of `rlhf_utils`.
"""

from __future__ import annotations

import json
import os
import platform
import re
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

for _key, _value in (("HF_HUB_OFFLINE", "1"), ("HF_HUB_DISABLE_TELEMETRY", "1"), ("TOKENIZERS_PARALLELISM", "false"),
                     ("TQDM_DISABLE", "1"), ("HF_DATASETS_DISABLE_PROGRESS_BARS", "1")):
    os.environ.setdefault(_key, _value)

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
RESULTS = ROOT / "bench" / "results"
SHARED = ROOT.parent / "shared" / "data"
HH_HELPFUL = SHARED / "hh-rlhf" / "helpful-base-test.jsonl.gz"
HH_HARMLESS = SHARED / "hh-rlhf" / "harmless-base-test.jsonl.gz"
DOLLY_SAMPLE = SHARED / "dolly15k-sample" / "dolly15k_sample.jsonl"
DEFAULT_CACHE = Path(os.environ.get("RLHF_BENCH_CACHE", "/tmp/rlhf_bench_cache"))


def set_threads(threads: int) -> int:
    """Use `threads` intra-op threads (0 = all cores); returns the number in use."""
    import torch

    torch.set_num_threads(threads or os.cpu_count() or 1)
    return torch.get_num_threads()


def fresh_accelerator_state() -> None:
    """Forget accelerate's process-wide state, so the next Accelerator (ours or a TRL trainer's) may use
    another mixed precision in the same process."""
    from accelerate.state import AcceleratorState

    AcceleratorState._reset_state(True)


def machine_info() -> dict[str, Any]:
    """Date, CPU model and count, and the versions that decide speed."""
    import torch
    import transformers
    import trl

    cpu = platform.processor()
    try:
        out = subprocess.run(["lscpu"], capture_output=True, text=True, timeout=10).stdout
        cpu = re.search(r"Model name:\s+(.*)", out).group(1).strip()
    except Exception:  # lscpu missing: keep platform's answer
        pass
    return {"date": time.strftime("%Y-%m-%d %H:%M:%S %Z"), "cpu": cpu, "nproc": os.cpu_count(),
            "torch_threads": torch.get_num_threads(), "load_average_1_5_15min": os.getloadavg(),
            "python": platform.python_version(),
            "torch": torch.__version__, "transformers": transformers.__version__, "trl": trl.__version__}


# ---------------------------------------------------------------- memory

def _status_kb(field: str) -> int:
    return int(re.search(rf"{field}:\s+(\d+)", Path("/proc/self/status").read_text()).group(1))


def reset_peak_rss() -> None:
    """Reset the kernel's peak-RSS mark of this process (Linux `clear_refs`), so the next read covers
    only what follows."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        pass


def peak_rss_mb() -> float:
    """Peak resident memory of this process since start or the last `reset_peak_rss`, in MB (10^6 bytes)."""
    try:
        return _status_kb("VmHWM") * 1024 / 1e6
    except (OSError, AttributeError):
        import resource

        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 / 1e6


def rss_mb() -> float:
    """Current resident memory in MB."""
    return _status_kb("VmRSS") * 1024 / 1e6


# ---------------------------------------------------------------- compute

def matmul_gflops(threads: int, dtype: str = "float32", n: int = 1024, seconds: float = 2.0) -> float:
    """This CPU's measured dense matmul rate on `threads` threads, GFLOP/s (2 n^3 per n x n product,
    best of repeated timed bursts after a warm-up)."""
    import torch

    set_threads(threads)
    dt = getattr(torch, dtype)
    a, b = torch.randn(n, n).to(dt), torch.randn(n, n).to(dt)
    for _ in range(3):
        a @ b
    best, end = 0.0, time.perf_counter() + seconds
    while time.perf_counter() < end:
        t0 = time.perf_counter()
        for _ in range(4):
            a @ b
        best = max(best, 4 * 2 * n**3 / (time.perf_counter() - t0) / 1e9)
    return best


def count_params(model) -> int:
    """Parameters of a model, tied weights counted once."""
    return sum(p.numel() for p in {id(p): p for p in model.parameters()}.values())


# ---------------------------------------------------------------- checkpoints

def profile_config(profile: str, overrides: list[str] | None = None):
    from rlhf_utils.profiles import load_config

    return load_config(profile, overrides or [])


def build_checkpoints(cfg, cache: Path, stages: tuple[str, ...] = ("sft", "reward_models")):
    """SFT policy and reward models of `cfg`, trained once into `cache` by `rlhf_utils.pipeline.Pipeline`
    and reused by every later call with the same settings (its done.json fingerprints)."""
    from rlhf_utils.pipeline import Pipeline

    pipe = Pipeline(cfg, cache)
    pipe.run(stages)
    return pipe


def cache_dir(cache: Path, profile: str, overrides: list[str]) -> Path:
    """A cache folder per profile and override set."""
    import hashlib

    tag = hashlib.sha256(json.dumps(sorted(overrides)).encode()).hexdigest()[:8]
    return cache / f"{profile}-{tag}"


# ---------------------------------------------------------------- output

def write_json(data: dict[str, Any], path: Path) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2, default=float) + "\n")
    print(f"results written to {path}")
    return path


def default_out(name: str, profile: str) -> Path:
    return RESULTS / f"{name}_{profile}.json"


def print_table(rows: list[dict[str, Any]], title: str = "", floatfmt: str = ".3g") -> str:
    """Print rows as a markdown table (the final table each script ends with); returns it."""
    import pandas as pd

    text = pd.DataFrame(rows).to_markdown(index=False, floatfmt=floatfmt)
    print(f"\n{title}\n\n{text}\n" if title else f"\n{text}\n", flush=True)
    return text


class Timer:
    """`with Timer() as t: ...` then `t.seconds`."""

    def __enter__(self) -> Timer:
        self.t0 = time.perf_counter()
        return self

    def __exit__(self, *exc) -> None:
        self.seconds = time.perf_counter() - self.t0
