"""Simple_RLHF.ipynb executed headlessly (nbclient) in the tiny profile, as "Run all" would."""
import json
from pathlib import Path

import nbformat
import pandas as pd
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


@pytest.mark.slow
def test_improved_notebook_runs_headlessly(tmp_path, monkeypatch):
    """Every experiment switched on, over a small Part 1 run the notebook trains itself, small grids."""
    out = tmp_path / "run"
    monkeypatch.setenv("RLHF_PROFILE", "tiny")
    monkeypatch.setenv("RLHF_OUT", str(out))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("RLHF_OVERRIDES", json.dumps(["sft.steps=60", "reward_poor.steps=10", "reward_good.steps=40",
                                                     "ppo.iterations=8", "dpo.steps=8"]))
    monkeypatch.setenv("RLHF_GRIDS", json.dumps({"generation": {"temperature": [0.3], "repetition_penalty": [1.2]},
                                                 "prompt_models": ["sft"], "sft_steps": [20],
                                                 "ppo": {"kl_coef": [0.2], "lr": [], "iterations": []},
                                                 "reward": {"steps_factor": [], "pooling": ["mean"], "margin": []},
                                                 "max_new_tokens": [50], "best_of_n": [1, 3]}))
    nb = nbformat.read(ROOT / "Improved_RLHF.ipynb", as_version=4)
    NotebookClient(nb, timeout=900, kernel_name="python3", resources={"metadata": {"path": str(ROOT)}}).execute()
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", []) if o.output_type == "error"]
    assert not errors, errors[0]
    part2 = tmp_path / "run_part2"
    results = pd.read_csv(part2 / "results.csv")
    assert set(results.experiment) == {"diagnose", "gold_rm", "generation", "prompts", "sft_steps", "ppo_hparams",
                                       "reward_model", "length", "best_of_n", "dpo", "steering"}
    report = (part2 / "report.md").read_text()
    assert report.count("![") >= 11 and "## Summary" in report
    assert (part2 / "ab_sheet.csv").is_file() and (part2 / "ab_key.json").is_file()
    images = [o for c in nb.cells for o in c.get("outputs", []) if "image/png" in o.get("data", {})]
    assert len(images) >= 11  # one figure per experiment shown inline
    nbformat.write(nb, tmp_path / "executed_improved.ipynb")
