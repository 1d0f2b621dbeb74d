"""Improved_RLHF.ipynb executed headlessly (nbclient) in the tiny profile, as "Run all" would (the Simple one runs in
test_pipeline_e2e.py, whose tiny Part 1 it is)."""
import json
from pathlib import Path

import nbformat
import pandas as pd
import pytest
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_improved_notebook_runs_headlessly(tmp_path, monkeypatch):
    """Every experiment switched on, over a small Part 1 run the notebook trains itself, small grids."""
    from rlhf_utils.experiments import EXPERIMENTS

    out = tmp_path / "run"
    monkeypatch.setenv("RLHF_RUN", json.dumps({name: True for name in EXPERIMENTS}))
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
    setup = next(c for c in nb.cells if "format_estimates(" in c.source)
    printed = "".join(o.get("text", "") for o in setup.outputs)
    assert printed.index("ESTIMATES") < printed.index("SFT:")  # estimates print before Part 1 trains here
    assert all(f"\n{name:>12} " in printed for name in EXPERIMENTS)  # a row per switched-on experiment
    import docx

    document = docx.Document(str(part2 / "writeup" / "HW5_report.docx"))
    headings = {p.text for p in document.paragraphs if p.style.name.startswith("Heading")}
    assert {spec.title for name, spec in EXPERIMENTS.items() if name != "diagnose"} <= headings
    assert "Blind A/B human evaluation" not in headings  # the sheet is not rated yet
    nbformat.write(nb, tmp_path / "executed_improved.ipynb")
