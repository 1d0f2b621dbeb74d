"""The notebooks show the library's code (one source, no drift), and the code they show is what runs."""
import ast
import json
import shutil
import subprocess
import sys

import nbformat
import pytest
import torch
from conftest import ROOT
from nbclient import NotebookClient

from rlhf_utils import checks, data, generation, ppo, reward, sft

NOTEBOOKS = ("Simple_RLHF.ipynb", "Improved_RLHF.ipynb")


def todo_code_cells(nb) -> dict[int, str]:
    """TODO number -> source of its code cell (the code cell right after the cell headed '(*) TODO n:')."""
    cells, found = nb.cells, {}
    for i, cell in enumerate(cells):
        for n in range(1, 16):
            if cell.cell_type == "markdown" and f"(\\*) TODO {n}:" in cell.source:
                found[n] = cells[i + 1].source
    return found


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_every_todo_cell_holds_its_implementation(name):
    """No TODO code cell whose statements are only imports and calls into rlhf_utils: each defines its pieces,
    and is at most about 60 lines."""
    cells = todo_code_cells(nbformat.read(ROOT / name, as_version=4))
    assert sorted(cells) == list(range(1, 16))
    for n, source in cells.items():
        body = [s for s in ast.parse(source).body if not isinstance(s, (ast.Import, ast.ImportFrom))]
        defs = [s for s in body if isinstance(s, (ast.FunctionDef, ast.ClassDef))]
        assert defs, f"TODO {n} defines nothing"
        assert "use(" in source.splitlines()[-1], f"TODO {n} does not hand its pieces to the pipeline"
        assert len(source.splitlines()) <= 65, f"TODO {n} is {len(source.splitlines())} lines"


def test_check_passes_and_fails_on_a_hand_edited_cell(tmp_path):
    tool = [sys.executable, str(ROOT / "tools" / "make_notebooks.py"), "--check"]
    assert subprocess.run(tool, capture_output=True, text=True).returncode == 0
    for name in NOTEBOOKS:
        shutil.copy(ROOT / name, tmp_path / name)
    nb = nbformat.read(tmp_path / "Simple_RLHF.ipynb", as_version=4)
    cell = next(c for c in nb.cells if c.cell_type == "code" and "def compute_gae" in c.source)
    cell.source = cell.source.replace("gamma * lam", "gamma * lam * 0.5")
    nbformat.write(nb, tmp_path / "Simple_RLHF.ipynb")
    proc = subprocess.run(tool + ["--dir", str(tmp_path)], capture_output=True, text=True)
    assert proc.returncode == 1 and "Simple_RLHF.ipynb: cell" in proc.stdout and "differs" in proc.stdout


def test_outputs_do_not_count_as_drift(tmp_path):
    """A notebook saved after running (outputs, execution counts) still matches its source."""
    for name in NOTEBOOKS:
        shutil.copy(ROOT / name, tmp_path / name)
    nb = nbformat.read(tmp_path / "Simple_RLHF.ipynb", as_version=4)
    nb.cells[3].outputs = [nbformat.v4.new_output("stream", text="hello")]
    nbformat.write(nb, tmp_path / "Simple_RLHF.ipynb")
    tool = [sys.executable, str(ROOT / "tools" / "make_notebooks.py"), "--check", "--dir", str(tmp_path)]
    assert subprocess.run(tool, capture_output=True, text=True).returncode == 0


def test_checks_pass_on_the_library_and_fail_on_wrong_code():
    """Each check accepts the library's pieces and rejects a plausible mistake."""
    checks.sft_features(data.sft_features, data.tokenize_example)
    checks.sft_loss(sft.sft_loss)
    checks.reward_model(reward.last_token_index, reward.ScalarHeadModel)
    checks.bradley_terry(reward.bradley_terry_loss)
    checks.normalize(reward.normalize)
    checks.rollout(generation.response_mask, generation.token_logprobs, generation.rollout)
    checks.kl_rewards(ppo.per_token_rewards)
    checks.gae(ppo.compute_gae, ppo.masked_whiten)
    checks.ppo_losses(ppo.policy_loss, ppo.value_loss, ppo.ppo_update)
    mistakes = [
        lambda: checks.bradley_terry(lambda c, r, m=None: -torch.nn.functional.logsigmoid(r - c).mean()),
        lambda: checks.gae(lambda r, v, m, gamma, lam: ppo.compute_gae(r, v, m, gamma, 1.0), ppo.masked_whiten),
        lambda: checks.reward_model(lambda mask: mask.sum(-1) - 1, reward.ScalarHeadModel),  # wrong for left padding
        lambda: checks.kl_rewards(lambda lp, ref, s, m, beta: ppo.per_token_rewards(ref, lp, s, m, beta)),
        lambda: checks.rollout(lambda ids, eos: torch.ones_like(ids), generation.token_logprobs, generation.rollout),
        lambda: checks.ppo_losses(lambda lp, old, a, m, c: ppo.policy_loss(lp, old, a, m, 10.0), ppo.value_loss,
                                  ppo.ppo_update),
    ]
    for mistake in mistakes:
        with pytest.raises(AssertionError):
            mistake()


def _execute(nb, out, env_overrides, monkeypatch):
    monkeypatch.setenv("RLHF_PROFILE", "tiny")
    monkeypatch.setenv("RLHF_OUT", str(out))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("RLHF_OVERRIDES", json.dumps(env_overrides))
    client = NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(ROOT)}},
                            allow_errors=True)
    client.execute()
    return [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", []) if o.output_type == "error"]


@pytest.mark.slow
def test_an_edited_cell_is_what_runs(tmp_path, monkeypatch):
    """Two edits in Simple_RLHF.ipynb, executed headlessly up to the PPO stage with tiny budgets:
    a wrong Bradley-Terry loss makes its own check cell fail, and a GAE that returns zero advantages (its
    check cell removed) reaches the PPO stage through train_ppo's cell: PPO's logged policy loss is then 0."""
    nb = nbformat.read(ROOT / "Simple_RLHF.ipynb", as_version=4)
    stop = next(i for i, c in enumerate(nb.cells) if c.cell_type == "code" and "pipe.ppo()" in c.source)
    nb.cells = nb.cells[: stop + 1]
    bt = next(c for c in nb.cells if c.cell_type == "code" and "def bradley_terry_loss" in c.source)
    bt.source = bt.source.replace("return -F.logsigmoid(diff).mean()", "return -F.logsigmoid(-diff).mean()")
    gae_cell = next(i for i, c in enumerate(nb.cells) if c.cell_type == "code" and "def compute_gae" in c.source)
    nb.cells[gae_cell].source = nb.cells[gae_cell].source.replace(
        "    return advantages, (advantages + values) * mask",
        "    return torch.zeros_like(advantages), (advantages + values) * mask")
    assert nb.cells[gae_cell + 1].source.startswith("checks.gae")
    del nb.cells[gae_cell + 1]
    errors = _execute(nb, tmp_path / "run", ["sft.steps=6", "reward_poor.steps=3", "reward_good.steps=6",
                                             "ppo.iterations=2", "ppo.save_every=1"], monkeypatch)
    names = [e.ename for e in errors]
    assert names == ["AssertionError"], names  # only the Bradley-Terry check cell
    assert "costs log(1 + e^-1)" in errors[0].evalue
    log = json.loads((tmp_path / "run" / "ppo" / "good" / "log.json").read_text())
    assert len(log) == 2 and all(row["policy_loss"] == 0.0 for row in log)
    assert all(row["value_loss"] > 0 for row in log)  # the rest of PPO ran as usual


def test_part2_runs_three_options_by_default():
    """Task 3 asks for three of options 1-7: the config cell switches on three (plus the diagnosis), the rest off."""
    from rlhf_utils.experiments import EXPERIMENTS

    nb = nbformat.read(ROOT / "Improved_RLHF.ipynb", as_version=4)
    config = next(c.source for c in nb.cells if c.source.startswith("# ==== Configuration"))
    scope: dict = {}
    exec(config, scope)
    on = {name for name, value in scope["RUN"].items() if value}
    assert set(scope["RUN"]) == set(EXPERIMENTS)
    assert on == {"diagnose", "generation", "reward_model", "best_of_n"}
    assert sum(EXPERIMENTS[name].title.startswith("Option") for name in on) == 3
