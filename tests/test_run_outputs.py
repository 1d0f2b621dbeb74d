"""What `make run` and `python -m rlhf_utils run` leave behind: the summary table, and a notebook executed
headlessly into the run folder (.ipynb with outputs + .html), also when a cell fails."""
import os
import sys
import types

import nbformat
import pytest

from rlhf_utils import __main__ as cli
from rlhf_utils.notebook import ROOT, NotebookExecutionError, execute_notebook
from rlhf_utils.summary import run_summary

METRICS = {
    "profile": "tiny",
    "timings_s": {"sft": 12.3, "reward_models": 30.4, "ppo": 90.2, "eval": 25.0, "total": 157.9},
    "sft": {"loss_first": 3.214, "loss_last": 2.1, "heldout_loss_last": 2.305, "steps": 100},
    "reward_models": {
        "poor": {"heldout_accuracy": 0.55, "heldout_accuracy_shorter": 0.5, "heldout_pairs_shorter": 4,
                 "length_baseline_accuracy": 0.94375, "gap_over_length": -0.39375,
                 "gap_over_length_ci": [-0.51, -0.28]},
        "good": {"heldout_accuracy": 0.725, "heldout_accuracy_shorter": 0.25, "heldout_pairs_shorter": 4,
                 "length_baseline_accuracy": 0.94375, "gap_over_length": -0.21875,
                 "gap_over_length_ci": [-0.31, -0.12]}},
    "ppo": {"poor": {"reward_first": -0.1, "reward_last": 0.4, "kl_last": 0.05},
            "good": {"reward_first": 0.0, "reward_last": 0.61, "kl_last": 0.081}},
    "eval": {"base": {"good_rm_score": -0.21, "mean_length": 40.2}, "sft": {"good_rm_score": 0.0, "mean_length": 38},
             "ppo_poor": {"good_rm_score": 0.31, "mean_length": 35},
             "ppo_good": {"good_rm_score": 0.62, "mean_length": 29.6, "good_rm_score_length_controlled": 0.04}},
}


def _row(text: str, stage: str) -> str:
    return next(line for line in text.splitlines() if line.split()[:1] == [stage])


def test_run_summary_rows_and_paths(tmp_path):
    (tmp_path / "figures").mkdir()
    (tmp_path / "eval").mkdir()
    (tmp_path / "eval" / "metrics.md").write_text("x")
    (tmp_path / "eval" / "responses.md").write_text("x")
    text = run_summary(METRICS, tmp_path)
    assert "profile tiny" in text.splitlines()[0]
    assert _row(text, "stage").split() == ["stage", "headline", "seconds"]
    sft = _row(text, "sft")
    assert "loss 3.21 -> 2.10" in sft and "held-out loss 2.31" in sft and sft.endswith(" 12")
    rm = _row(text, "reward_models")
    assert "poor 0.55" in rm and "good 0.72" in rm and rm.endswith(" 30")
    assert "chosen shorter (4 pairs): poor 0.50, good 0.25" in rm
    assert "longer wins 0.94, gap over it poor -0.39 [-0.51, -0.28], good -0.22 [-0.31, -0.12]" in rm
    ppo = _row(text, "ppo")
    assert "poor: reward -0.10 -> 0.40, KL 0.05" in ppo and "good: reward 0.00 -> 0.61, KL 0.08" in ppo
    assert ppo.endswith(" 90")
    ev = _row(text, "eval")
    assert all(s in ev for s in ("base -0.21/40", "sft 0.00/38", "ppo_poor 0.31/35", "ppo_good 0.62/30"))
    assert "length-controlled base ?, sft ?, ppo_poor ?, ppo_good +0.04" in ev
    assert _row(text, "total").endswith(" 158")
    for path in ("metrics.json", "figures/", "eval/metrics.md", "eval/responses.md"):
        assert str(tmp_path / path) in text
    assert "{" not in text  # a table, not a JSON dump


def test_run_summary_missing_stages_and_keys(tmp_path):
    text = run_summary({"sft": {"loss_first": 1.0}, "timings_s": {"sft": 5}}, tmp_path)
    assert "loss 1.00 -> ?" in _row(text, "sft")
    older = run_summary({"reward_models": {"good": {"heldout_accuracy": 0.7}}, "eval": {"sft": {"mean_length": 9}}},
                        tmp_path)  # a run from before the length-aware numbers: no empty length columns
    assert _row(older, "reward_models").split("  ")[1].strip() == "held-out accuracy good 0.70"
    assert "length-controlled" not in older and "longer wins" not in older
    assert not any(line.split()[:1] in (["ppo"], ["eval"], ["total"]) for line in text.splitlines())
    assert str(tmp_path / "metrics.json") in text and "figures" not in text
    assert "stage" in run_summary({}, tmp_path)


def test_run_prints_summary_not_json(tmp_path, monkeypatch, capsys):
    class FakePipeline:
        def __init__(self, cfg, out, force=False):
            pass

        def run(self, stages):
            return METRICS

    fake = types.ModuleType("rlhf_utils.pipeline")  # no training, and no import of the real pipeline
    fake.Pipeline = FakePipeline
    monkeypatch.setitem(sys.modules, "rlhf_utils.pipeline", fake)
    assert cli.main(["run", "--profile", "tiny", "--out", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "loss 3.21 -> 2.10" in out and '"timings_s"' not in out


def _notebook(path, *sources):
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# throw-away")]
                                  + [nbformat.v4.new_code_cell(s) for s in sources])
    nbformat.write(nb, path)
    return path


def test_execute_notebook_writes_ipynb_and_html(tmp_path, monkeypatch):
    monkeypatch.setenv("RLHF_PROFILE", "before")
    nb_path = _notebook(tmp_path / "probe.ipynb",
                        "import json, os\nprint(os.environ['RLHF_PROFILE'], os.environ['RLHF_OUT'], os.getcwd())\n"
                        "print(json.loads(os.environ['RLHF_OVERRIDES']), os.environ['EXTRA'])",
                        "import matplotlib.pyplot as plt\nplt.plot([1, 2, 3])\nplt.show()")
    out = tmp_path / "run"
    ipynb, html = execute_notebook(nb_path, out, "tiny", ["sft.steps=3"], timeout=120, extra_env={"EXTRA": "x"})
    assert (ipynb, html) == (out / "probe.ipynb", out / "probe.html")
    cells = nbformat.read(ipynb, as_version=4).cells
    printed = "".join(o.get("text", "") for o in cells[1].outputs)
    assert printed.split()[:3] == ["tiny", str(out), str(ROOT)] and "['sft.steps=3'] x" in printed
    assert any("image/png" in o.get("data", {}) for o in cells[2].outputs)
    assert "data:image/png;base64" in html.read_text()
    assert os.environ["RLHF_PROFILE"] == "before"  # the parent's environment is restored


def test_execute_notebook_failing_cell_still_writes_outputs(tmp_path):
    nb_path = _notebook(tmp_path / "broken.ipynb", "x = 1", "print('before')\nraise ValueError('boom here')",
                        "print('never')")
    with pytest.raises(NotebookExecutionError) as err:
        execute_notebook(tmp_path / "broken.ipynb", tmp_path / "run", "tiny", timeout=120)
    message = str(err.value)
    assert "\n" not in message and "cell 2/3" in message and "index 2" in message
    assert "ValueError: boom here" in message
    cells = nbformat.read(tmp_path / "run" / "broken.ipynb", as_version=4).cells
    assert [o.output_type for o in cells[2].outputs] == ["stream", "error"] and not cells[3].outputs
    assert "boom here" in (tmp_path / "run" / "broken.html").read_text()
    assert nb_path.is_file()
    with pytest.raises(ValueError, match="overwrite"):
        execute_notebook(nb_path, tmp_path, "tiny")


def test_cli_notebook_failure_is_one_error_line(tmp_path, capsys):
    _notebook(tmp_path / "bad.ipynb", "1 / 0")
    code = cli.main(["notebook", "--notebook", str(tmp_path / "bad.ipynb"), "--profile", "tiny",
                     "--out", str(tmp_path / "run"), "--timeout", "120"])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 2 and len(err) == 1 and err[0].startswith("error: ") and "ZeroDivisionError" in err[0]
    assert (tmp_path / "run" / "bad.html").is_file()
