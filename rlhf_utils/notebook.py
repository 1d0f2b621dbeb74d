"""What the notebooks need besides the pipeline: where runs are saved, settings read from the
environment so a notebook can be executed headlessly (RLHF_PROFILE, RLHF_OUT, RLHF_OVERRIDES), and
`execute_notebook`, which does that (`make run`, `python -m rlhf_utils notebook`)."""

from __future__ import annotations

import contextlib
import json
import os
import time
from pathlib import Path

from rlhf_utils.config import RunConfig
from rlhf_utils.profiles import load_config
from rlhf_utils.runtime import hub_reachable, in_colab


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


# ---------------------------------------------------------------- headless execution (make run)

ROOT = Path(__file__).resolve().parents[1]
"""The project root: the working directory of a headlessly executed notebook."""


class NotebookExecutionError(RuntimeError):
    """A notebook did not run to the end; the executed notebook and its HTML copy were still written."""


@contextlib.contextmanager
def _environ(values: dict[str, str | None]):
    """Set environment variables (inherited by the kernel started inside; None unsets one) and restore them
    afterwards."""
    saved = {key: os.environ.get(key) for key in values}
    for key, value in values.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value
    try:
        yield
    finally:
        for key, old in saved.items():
            if old is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = old


def _one_line(text: object, width: int = 200) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= width else text[:width] + "..."


def _progress_client(nb, timeout: int):
    """An nbclient client printing one line per code cell as it starts (a run takes minutes)."""
    from nbclient import NotebookClient

    code = [i for i, cell in enumerate(nb.cells) if cell.cell_type == "code" and cell.source.strip()]
    state = {"cell": "before any cell", "t0": time.perf_counter()}

    def on_cell_execute(cell, cell_index):
        state["cell"] = f"cell {code.index(cell_index) + 1}/{len(code)} (index {cell_index} in the notebook)"
        first = next((line for line in cell.source.splitlines() if line.strip()), "")
        print(f"[notebook] cell {code.index(cell_index) + 1}/{len(code)}, {time.perf_counter() - state['t0']:.0f} s"
              f" in: {_one_line(first, 70)}", flush=True)

    client = NotebookClient(nb, timeout=timeout, kernel_name="python3", on_cell_execute=on_cell_execute,
                            resources={"metadata": {"path": str(ROOT)}},
                            extra_arguments=["--IPKernelApp.log_level=ERROR"])  # no warning about local TCP
    return client, state


def _write_outputs(nb, notebook: Path, out_dir: Path) -> tuple[Path, Path]:
    import nbformat
    from nbconvert import HTMLExporter

    out_dir.mkdir(parents=True, exist_ok=True)
    ipynb, html = out_dir / f"{notebook.stem}.ipynb", out_dir / f"{notebook.stem}.html"
    nbformat.write(nb, ipynb)
    html.write_text(HTMLExporter().from_notebook_node(nb)[0], encoding="utf-8")
    return ipynb, html


def execute_notebook(notebook: Path, out_dir: Path, profile: str, overrides: list[str] = (), timeout: int = 1800,
                     extra_env: dict | None = None) -> tuple[Path, Path]:
    """Run `notebook` headlessly (nbclient, project root as working directory) with RLHF_PROFILE=profile,
    RLHF_OUT=out_dir and RLHF_OVERRIDES=overrides (plus `extra_env`, where None unsets a variable; HF_HUB_OFFLINE=1
    when the hub does not answer); `timeout` is per cell, in seconds. Writes out_dir/<name>.ipynb with every output and
    out_dir/<name>.html, and returns their paths. Raises NotebookExecutionError (one line, naming the cell)
    when a cell fails, after writing both files."""
    import nbformat

    notebook, out_dir = Path(notebook), Path(out_dir).expanduser().resolve()  # the kernel runs in ROOT
    if (out_dir / notebook.name) == notebook.resolve():
        raise ValueError(f"out_dir={str(out_dir)!r} is invalid: the executed copy would overwrite {notebook}")
    nb = nbformat.read(notebook, as_version=4)
    env = {"RLHF_PROFILE": profile, "RLHF_OUT": str(out_dir), "RLHF_OVERRIDES": json.dumps(list(overrides))}
    if not hub_reachable():
        env["HF_HUB_OFFLINE"] = "1"
    env.update(extra_env or {})
    client, state = _progress_client(nb, timeout)
    failure = None
    with _environ(env):
        try:
            client.execute()
        except Exception as err:  # a cell raised, timed out or killed the kernel: keep what ran
            failure = err
    paths = _write_outputs(nb, notebook, out_dir)
    if failure is not None:
        what = f"{failure.ename}: {failure.evalue}" if hasattr(failure, "ename") else \
            f"{type(failure).__name__}: {failure}"
        raise NotebookExecutionError(f"{notebook.name} failed at {state['cell']}: {_one_line(what)} "
                                     f"(outputs so far in {paths[0]})") from failure
    print(f"[notebook] {notebook.name} ran in {time.perf_counter() - state['t0']:.0f} s", flush=True)
    return paths
