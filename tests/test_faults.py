"""Runs never reuse stale or broken state: a PPO checkpoint is tied to its settings, a divergence keeps the
last good checkpoint and a re-run with new settings recovers, and one run owns a folder at a time."""
import json
import os
import subprocess
import sys

import pytest
import torch
from conftest import ROOT

from rlhf_utils import ppo as ppo_module
from rlhf_utils.cache import FolderInUse, FolderLock
from rlhf_utils.pipeline import Pipeline
from rlhf_utils.profiles import load_config
from rlhf_utils.training import TrainingDiverged

SMALL = ["sft.steps=5", "reward_good.steps=5", "reward_poor.steps=2", "ppo.iterations=4", "ppo.save_every=1",
         "reward_good.normalize_samples=8", "reward_poor.normalize_samples=8", "ppo.batch_size=8",
         "ppo.minibatch_size=8", "eval.num_prompts=4"]


class Interrupted(Exception):
    pass


def interrupting_train_ppo(after: int):
    """train_ppo that stops (like a killed run) once `after` iterations are logged and checkpointed."""
    def train_ppo(*args, **kwargs):
        def stop(row):
            if row["iteration"] == after + 1:
                raise Interrupted
        return ppo_module.train_ppo(*args, **kwargs, on_iteration=stop)
    return train_ppo


def interrupted_run(folder) -> None:
    """A tiny run killed (as by a disconnect) after 2 of PPO's 4 iterations, with its checkpoint saved."""
    pipe = Pipeline(load_config("tiny", SMALL), folder)
    pipe.sft()
    pipe.reward_models()
    pipe.pieces.use(interrupting_train_ppo(after=2))  # this pipeline's PPO stops; later ones are the library's
    with pytest.raises(Interrupted):
        pipe.ppo()


@pytest.mark.slow
def test_ppo_checkpoint_is_discarded_when_upstream_settings_change(tmp_path, capsys):
    interrupted_run(tmp_path)
    state = json.loads((tmp_path / "ppo" / "poor" / "checkpoint" / "state.json").read_text())
    assert state["iteration"] == 2
    again = Pipeline(load_config("tiny", SMALL + ["sft.lr=1e-3"]), tmp_path)  # upstream change: SFT and RMs redo
    again.sft()
    again.reward_models()
    capsys.readouterr()
    again.ppo()
    out = capsys.readouterr().out
    assert "resume checkpoint" in out and "is discarded" in out
    log = json.loads((tmp_path / "ppo" / "poor" / "log.json").read_text())
    assert [r["iteration"] for r in log] == [1, 2, 3, 4]
    assert log[0]["score"] != state["log"][0]["score"]  # started over from the new SFT policy, not resumed


@pytest.mark.slow
def test_unchanged_rerun_resumes_the_checkpoint(tmp_path):
    interrupted_run(tmp_path)
    partial = json.loads((tmp_path / "ppo" / "poor" / "checkpoint" / "state.json").read_text())["log"]
    Pipeline(load_config("tiny", SMALL), tmp_path).ppo()
    log = json.loads((tmp_path / "ppo" / "poor" / "log.json").read_text())
    assert [r["iteration"] for r in log] == [1, 2, 3, 4] and log[:2] == partial


@pytest.mark.slow
def test_divergence_keeps_finite_checkpoint_and_new_settings_recover(tmp_path):
    pipe = Pipeline(load_config("tiny", SMALL + ["ppo.lr=1e6"]), tmp_path)
    pipe.sft()
    pipe.reward_models()
    with pytest.raises(TrainingDiverged, match="change the setting that diverged.*ppo.lr, now 1e\\+06"):
        pipe.ppo()
    ckpt = tmp_path / "ppo" / "poor" / "checkpoint"
    if (ckpt / "policy.safetensors").is_file():  # whatever was kept is finite
        from safetensors.torch import load_file

        assert all(torch.isfinite(t).all() for t in load_file(ckpt / "policy.safetensors").values())
    summary = Pipeline(load_config("tiny", SMALL), tmp_path).ppo()  # the profile's lr: starts over, succeeds
    assert summary["poor"]["iterations"] == 4 and summary["good"]["iterations"] == 4
    log = json.loads((tmp_path / "ppo" / "good" / "log.json").read_text())
    assert all(all(v == v for v in row.values()) for row in log)  # no NaN


def test_second_run_into_a_locked_folder_is_refused(tmp_path):
    holder = subprocess.Popen([sys.executable, "-c", (
        "import sys, time; sys.path.insert(0, sys.argv[1]); from rlhf_utils.cache import FolderLock\n"
        "with FolderLock(sys.argv[2]):\n    print('locked', flush=True); time.sleep(60)"), str(ROOT), str(tmp_path)],
        stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        with pytest.raises(FolderInUse, match=f"{tmp_path}.* in use by process {holder.pid}"):
            with FolderLock(tmp_path):
                pass
        proc = subprocess.run([sys.executable, "-m", "rlhf_utils", "run", "--profile", "tiny", "--out", str(tmp_path),
                               "--set", "sft.steps=2"], capture_output=True, text=True, cwd=ROOT, timeout=300)
        assert proc.returncode == 2 and "Traceback" not in proc.stderr
        assert proc.stderr.strip() == f"error: run folder {tmp_path} is in use by process {holder.pid}: wait for it " \
                                      "to finish, or use another --out"
    finally:
        holder.kill()
        holder.wait()


def test_stale_lock_of_a_killed_run_is_taken_over(tmp_path, capsys):
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    (tmp_path / ".lock").write_text(json.dumps({"host": os.uname().nodename, "pid": dead.pid}))
    with FolderLock(tmp_path):
        assert json.loads((tmp_path / ".lock").read_text())["pid"] == os.getpid()
    assert f"taking over the lock left by process {dead.pid}" in capsys.readouterr().out
    assert not (tmp_path / ".lock").exists()
