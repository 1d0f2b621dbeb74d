"""What the notebooks need besides the pipeline: where runs are saved, and settings read from the
environment so tests can execute a notebook headlessly (RLHF_PROFILE, RLHF_OUT, RLHF_OVERRIDES)."""

from __future__ import annotations

import json
import os
from pathlib import Path

from rlhf_utils.config import RunConfig, load_config
from rlhf_utils.runtime import in_colab


def run_folder(project_dir: str | Path, run_name: str, save_to_drive: bool, drive_runs_dir: str | None) -> Path:
    """Where a run is written.

    `RLHF_OUT` wins (headless tests). On Colab with `save_to_drive`, runs go to `drive_runs_dir`, or to
    `<project>/runs` when the project itself lives in Drive, else to MyDrive/rlhf_runs: a disconnect
    then loses nothing that finished. Elsewhere: `<project>/runs/<run_name>`.
    """
    if os.environ.get("RLHF_OUT"):
        return Path(os.environ["RLHF_OUT"])
    project_dir = Path(project_dir)
    if in_colab() and save_to_drive:
        drive = Path("/content/drive")
        if not (drive / "MyDrive").is_dir():
            from google.colab import drive as gdrive  # type: ignore[import-not-found]

            gdrive.mount(str(drive))
        if drive_runs_dir:
            return Path(drive_runs_dir) / run_name
        if str(project_dir.resolve()).startswith(str(drive)):
            return project_dir / "runs" / run_name
        return drive / "MyDrive" / "rlhf_runs" / run_name
    return project_dir / "runs" / run_name


def notebook_config(profile: str, overrides: list[str]) -> RunConfig:
    """`load_config`, with RLHF_PROFILE and RLHF_OVERRIDES (a JSON list) from the environment taking
    precedence, so a test can run the notebook in the tiny profile with a small budget."""
    profile = os.environ.get("RLHF_PROFILE", profile)
    overrides = list(overrides) + json.loads(os.environ.get("RLHF_OVERRIDES", "[]"))
    return load_config(profile, overrides)
