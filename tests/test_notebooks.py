"""Simple_RLHF.ipynb executed headlessly (nbclient) in the tiny profile, as "Run all" would."""
import json
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_simple_notebook_runs_headlessly(tmp_path, monkeypatch):
    out = tmp_path / "run"
    monkeypatch.setenv("RLHF_PROFILE", "tiny")
    monkeypatch.setenv("RLHF_OUT", str(out))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    nb = nbformat.read(ROOT / "Simple_RLHF.ipynb", as_version=4)
    todos = [n for cell in nb.cells if cell.cell_type == "markdown" for n in range(1, 16)
             if f"(\\*) TODO {n}:" in cell.source]
    assert sorted(todos) == list(range(1, 16))
    NotebookClient(nb, timeout=900, kernel_name="python3", resources={"metadata": {"path": str(ROOT)}}).execute()
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", []) if o.output_type == "error"]
    assert not errors
    metrics = json.loads((out / "metrics.json").read_text())
    assert set(metrics["eval"]) == {"base", "sft", "ppo_poor", "ppo_good"}
    images = [o for c in nb.cells for o in c.get("outputs", []) if "image/png" in o.get("data", {})]
    assert len(images) >= 4  # SFT, reward models, PPO and comparison figures shown inline
    nbformat.write(nb, tmp_path / "executed.ipynb")
