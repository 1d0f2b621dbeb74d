"""The answers a blind A/B sheet compares: Part 1's evaluation or an experiment's saved answers."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from rlhf_utils.config import ConfigError


def systems_for_ab(out_dir: str | Path, names: list[str],
                   part1_dir: str | Path | None = None) -> dict[str, pd.DataFrame]:
    """Answers to put on a blind A/B sheet: `part1:MODEL` (Part 1's evaluation) or
    `EXPERIMENT:SETTING:MODEL` (an experiment's saved answers, first seed). name -> DataFrame(prompt, response)."""
    out_dir = Path(out_dir)
    part1_dir = Path(part1_dir) if part1_dir else out_dir / "part1"
    systems = {}
    for name in names:
        parts = name.split(":")
        if parts[0] == "part1" and len(parts) == 2:
            path, setting, model = part1_dir / "eval" / "responses.csv", None, parts[1]
        elif len(parts) == 3:
            path, setting, model = out_dir / parts[0] / "responses.csv", parts[1], parts[2]
        else:
            raise ConfigError(f"system {name!r} is malformed: write part1:MODEL or EXPERIMENT:SETTING:MODEL")
        if not path.is_file():
            raise FileNotFoundError(f"system {name!r} needs {path}, which does not exist: run that stage first")
        df = pd.read_csv(path, keep_default_na=False)
        df = df[df.model == model]
        if setting is not None:
            df = df[df.setting == setting]
            df = df[df.seed == df.seed.min()] if len(df) else df
        if df.empty:
            raise ConfigError(f"system {name!r} has no answers in {path}: check the setting and model names")
        systems[name] = df[["prompt", "response"]]
    return systems
