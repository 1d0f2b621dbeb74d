"""The tiny profile end to end, as `make run` does it: Simple_RLHF.ipynb executed headlessly into a run folder.
The notebook's outputs, learning at every stage, the run folder's outputs; then the CLI on the same folder: a re-run
skips every stage, a changed setting redoes its stage. (One tiny Part 1 for all of it: it is the suite's costliest.)"""
import json
import math
import os
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
METRICS = ("good_rm_score", "poor_rm_score", "distinct_1", "distinct_2", "repeated_trigram_rate", "mean_length",
           "empty_rate", "cut_rate", "good_rm_score_length_controlled")
EVAL_KEYS = {f"{m}{end}" for m in METRICS for end in ("", "_ci_low", "_ci_high")}  # every metric with its 95% CI


def run_cli(out: Path, *extra: str) -> subprocess.CompletedProcess:
    cmd = [sys.executable, "-m", "rlhf_utils", "run", "--profile", "tiny", "--out", str(out), *extra]
    return subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, timeout=1200)


@pytest.fixture(scope="module")
def tiny_run(tmp_path_factory):
    """(run folder, metrics.json, the executed notebook, its HTML copy) of Simple_RLHF.ipynb in the tiny profile."""
    from rlhf_utils.notebook import execute_notebook

    out = tmp_path_factory.mktemp("tiny_run") / "run"
    executed, html = execute_notebook(ROOT / "Simple_RLHF.ipynb", out, "tiny", extra_env={"HF_HUB_OFFLINE": "1"})
    return out, json.loads((out / "metrics.json").read_text()), executed, html


@pytest.mark.slow
def test_simple_notebook_runs_headlessly(tiny_run):
    """What `make run` does: the run folder holds the executed notebook (an output in every code cell, no error)
    and its HTML copy beside metrics.json; the stage cells ran the notebook's own pieces and the checks printed
    what they verified; the write-up was written with the four figures."""
    out, m, executed, html = tiny_run
    assert executed == out / "Simple_RLHF.ipynb" and html.is_file() and html.stat().st_size > 100_000
    nb = nbformat.read(executed, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert all(c.get("outputs") for c in code), [c.source.splitlines()[0] for c in code if not c.get("outputs")]
    assert not [o for c in code for o in c.outputs if o.output_type == "error"]
    images = [o for c in code for o in c.outputs if "image/png" in o.get("data", {})]
    assert len(images) >= 4  # SFT, reward models, PPO and comparison figures shown inline
    text = "".join(o.get("text", "") for c in code for o in c.outputs)
    assert "train_sft: notebook (__main__)" in text and "train_ppo: notebook (__main__)" in text
    assert text.count("  ✓ ") >= 30  # the checks printed what they verified
    assert (out / "writeup" / "HW5_report.docx").stat().st_size > 50_000  # the four figures are embedded
    assert "\n# Part 1: the RLHF pipeline\n" in (out / "writeup" / "HW5_report.md").read_text()


@pytest.mark.slow
def test_tiny_run_learns_at_every_stage(tiny_run):
    out, m, *_ = tiny_run
    assert m["profile"] == "tiny"
    assert m["sft"]["loss_last"] <= 0.7 * m["sft"]["loss_first"]
    good, poor = m["reward_models"]["good"], m["reward_models"]["poor"]
    assert good["heldout_accuracy"] >= 0.80 and good["heldout_accuracy"] >= poor["heldout_accuracy"]
    g = m["ppo"]["good"]
    assert g["reward_last"] - g["reward_first"] >= 0.5
    for name in ("poor", "good"):
        log = json.loads((out / "ppo" / name / "log.json").read_text())
        assert len(log) == m["ppo"][name]["iterations"]
        assert all(math.isfinite(r["kl"]) and r["kl"] >= -0.01 for r in log)
    assert m["eval"]["ppo_good"]["good_rm_score"] > m["eval"]["sft"]["good_rm_score"]


@pytest.mark.slow
def test_tiny_run_writes_every_output(tiny_run):
    out, m, *_ = tiny_run
    assert set(m["eval"]) == {"base", "sft", "ppo_poor", "ppo_good"}
    assert all(set(v) == EVAL_KEYS for v in m["eval"].values())
    assert all(e[f"{k}_ci_low"] <= e[k] <= e[f"{k}_ci_high"] for e in m["eval"].values() for k in METRICS)
    assert {"sft", "reward_models", "ppo", "eval", "total"} <= set(m["timings_s"])
    for name in ("sft_loss", "reward_models", "ppo", "model_comparison"):
        assert (out / "figures" / f"{name}.png").stat().st_size > 10_000
        assert (out / "figures" / f"{name}.pdf").is_file()
    for name in ("responses.csv", "responses.md", "metrics.csv", "metrics.md"):
        assert (out / "eval" / name).is_file()
    assert (out / "eval" / "metrics.md").read_text().count("\n") == 6  # header, rule, 4 models
    for key in ("loss_first", "loss_last", "steps"):
        assert key in m["sft"]
    for key in ("reward_first", "reward_last", "kl_last", "iterations"):
        assert key in m["ppo"]["poor"] and key in m["ppo"]["good"]
    for name in ("poor", "good"):  # models kept, resume state cleaned up once PPO is done
        assert (out / "ppo" / name / "model" / "config.json").is_file()
        assert not (out / "ppo" / name / "checkpoint").exists()


@pytest.mark.slow
def test_figures_and_tables_read_at_page_width(tiny_run):
    """The run's figures (main and details) print legibly at the width the write-up inserts them; the DOCX inserts
    each at that width, names the models as the text does and keeps every CI of its tables on one line."""
    import docx
    from conftest import assert_figures_legible

    out, *_ = tiny_run
    facts = assert_figures_legible(out / "figures")
    assert {"sft_loss", "reward_models", "ppo", "ppo_details", "model_comparison", "model_comparison_details"} \
        <= set(facts)
    document = docx.Document(str(out / "writeup" / "HW5_report.docx"))
    widths = sorted(round(shape.width.inches, 2) for shape in document.inline_shapes)
    assert widths == sorted(round(f["width_in"], 2) for f in facts.values())
    evaluation = next(t for t in document.tables if t.rows[0].cells[0].text == "Model")
    assert [c.text for c in evaluation.rows[0].cells] == [
        "Model", "n", "Good-RM score (normalised) (95% CI)", "Good-RM score, length controlled (95% CI)",
        "Mean length (tokens) (95% CI)", "Empty answers (share) (95% CI)"]
    assert [r.cells[0].text for r in evaluation.rows[1:]] == ["Base", "SFT", "PPO-poor", "PPO-good"]
    cell = evaluation.rows[2].cells[2].text  # SFT's good-RM score: the value, then its CI unbroken
    value, ci = cell.split("\n")
    assert ci.startswith("(") and " " not in ci and "\u00a0to\u00a0" in ci
    assert all(cell.paragraphs[0].runs[0].font.size.pt >= 8 for t in document.tables for r in t.rows
               for cell in r.cells if cell.paragraphs[0].runs)  # no table needed a font under 8 pt
    assert float(value) == pytest.approx(tiny_run[1]["eval"]["sft"]["good_rm_score"], abs=0.005)


@pytest.mark.slow
def test_gpu_check_report_of_a_finished_run(tiny_run):
    """gpu_check.json's fields (tools/gpu_check.py) computed from a run folder: this tiny CPU run has every stage,
    finite losses, no skipped fp16 step and no negative KL, so it would pass; a failed run would not."""
    sys.path.insert(0, str(ROOT / "tools"))
    import gpu_check

    out, m, *_ = tiny_run
    report = gpu_check.report(out, 0)
    assert report["ok"] and report["problems"] == [] and report["precision"] == "no"
    assert set(report["stage_seconds"]) == {"sft", "reward_models", "ppo", "eval", "total"}
    assert report["nan_inf_losses"] == dict.fromkeys(gpu_check.RUNS, 0)
    assert report["skipped_fp16_steps"] == dict.fromkeys(gpu_check.RUNS, 0)
    assert report["negative_kl"] == {"ppo_poor": 0, "ppo_good": 0}
    tokens = sum(r["tokens"] for r in json.loads((out / "sft" / "log.json").read_text())["log"])
    assert report["throughput"]["sft_tokens_per_s"] == pytest.approx(tokens / m["timings_s"]["sft"], rel=0.01)
    first = json.loads((out / "ppo" / "good" / "log.json").read_text())[0]
    assert first["kl"] == 0.0 and first["kl_k1"] == 0.0  # what negative_kl's first-iteration test relies on
    failed = gpu_check.report(out, 3, "error: training diverged: ...")
    assert not failed["ok"] and failed["problems"] == ["the run exited with 3: error: training diverged: ..."]


@pytest.mark.slow
def test_tiny_run_reports_length_aware_numbers(tiny_run):
    """The embedded pairs' length confound is in metrics.json: "longer wins" (recomputed here from the held-out
    pairs) scores above 0.9, each RM's gap over it and its accuracy on chosen-is-shorter pairs are reported, and the
    length-controlled good-RM score is 0 for SFT (its own line) with a CI for every model."""
    from rlhf_utils.data import load_preference_pairs
    from rlhf_utils.models import load_tokenizer
    from rlhf_utils.profiles import load_config

    out, m, *_ = tiny_run
    cfg = load_config("tiny")
    _, heldout = load_preference_pairs(cfg.data.preference_source, cfg.data.preference_pairs, cfg.data.heldout_pairs,
                                       cfg.seed)
    tok = load_tokenizer(cfg.model.reward, cfg.model)
    diff = [len(tok(p.chosen).input_ids) - len(tok(p.rejected).input_ids) for p in heldout]
    wins = sum(1.0 if d > 0 else 0.5 if d == 0 else 0.0 for d in diff) / len(diff)
    assert wins > 0.9
    for name in ("poor", "good"):
        r = m["reward_models"][name]
        assert r["length_baseline_accuracy"] == pytest.approx(wins)
        assert (r["heldout_pairs_shorter"], r["heldout_pairs_longer"], r["heldout_pairs_tied"]) == (
            sum(d < 0 for d in diff), sum(d > 0 for d in diff), sum(d == 0 for d in diff))
        assert r["gap_over_length"] == pytest.approx(r["heldout_accuracy"] - wins, abs=1e-6)  # float32 accuracy
        low, high = r["gap_over_length_ci"]
        assert low <= r["gap_over_length"] <= high
        assert 0 <= r["heldout_accuracy_shorter"] <= 1 and 0 <= r["heldout_accuracy_longer"] <= 1
        log = json.loads((out / "reward_models" / name / "log.json").read_text())
        assert set(log["heldout"][-1]) == {"step", "accuracy", "loss"}  # per-pair scores are not logged
    key = "good_rm_score_length_controlled"
    assert m["eval"]["sft"][key] == pytest.approx(0.0, abs=1e-6)
    assert all(e[f"{key}_ci_low"] <= e[key] <= e[f"{key}_ci_high"] for e in m["eval"].values())


@pytest.mark.slow
def test_rerun_skips_finished_stages_and_redoes_changed_ones(tiny_run):
    out, m, *_ = tiny_run
    proc = run_cli(out)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert proc.stdout.count("already done") == 4
    assert json.loads((out / "metrics.json").read_text())["eval"] == m["eval"]
    proc = run_cli(out, "--set", "eval.generation.max_new_tokens=5", "--stages", "eval")
    assert proc.returncode == 0 and "settings changed since stage 'eval'" in proc.stdout
    assert json.loads((out / "metrics.json").read_text())["eval"]["sft"]["mean_length"] <= 5


def test_colab_profile_offline_fails_loudly(tmp_path):
    """An explicit hub profile without the hub (and without a GPU) is one clear error, not a silent toy run."""
    cmd = [sys.executable, "-m", "rlhf_utils", "run", "--profile", "colab", "--out", str(tmp_path)]
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, timeout=600,
                          env={**os.environ, "HF_HUB_OFFLINE": "1"})
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    err = proc.stderr.strip()
    assert err.startswith("error: profile='colab' needs a CUDA GPU") and "'tiny'" in err and "\n" not in err
    assert not (tmp_path / "sft").exists()
