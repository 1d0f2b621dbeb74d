"""Stage bookkeeping: finished stages are skipped, and redoing one invalidates the stages built on it."""
import json

from rlhf_utils.config import load_config
from rlhf_utils.pipeline import Pipeline


def make(tmp_path, force=False, overrides=()):
    return Pipeline(load_config("tiny", list(overrides)), tmp_path, force=force)


def test_skip_redo_and_invalidate(tmp_path, capsys):
    calls = []

    def work(name, value):
        def run():
            calls.append(name)
            return {"value": value}
        return run

    pipe = make(tmp_path)
    assert pipe._stage("sft", work("sft", 1)) == {"value": 1}
    assert pipe._stage("reward_models", work("rm", 2)) == {"value": 2}
    assert pipe._stage("ppo", work("ppo", 3)) == {"value": 3}
    assert calls == ["sft", "rm", "ppo"]

    again = make(tmp_path)  # a re-run after a disconnect: nothing is recomputed
    assert again._stage("sft", work("sft", 10)) == {"value": 1}
    assert again._stage("reward_models", work("rm", 20)) == {"value": 2}
    assert calls == ["sft", "rm", "ppo"]
    assert "already done" in capsys.readouterr().out

    make(tmp_path, force=True)._stage("sft", work("sft", 100))  # SFT redone: RM and PPO results are stale
    metrics = json.loads((tmp_path / "metrics.json").read_text())
    assert metrics["sft"] == {"value": 100} and "reward_models" not in metrics and "ppo" not in metrics
    later = make(tmp_path)
    assert later._stage("reward_models", work("rm", 200)) == {"value": 200}
    assert calls == ["sft", "rm", "ppo", "sft", "rm"]

    changed = make(tmp_path, overrides=["reward_good.steps=7"])  # a setting of this stage changed
    assert changed._stage("sft", work("sft", 0)) == {"value": 100}
    assert changed._stage("reward_models", work("rm", 300)) == {"value": 300}
    assert "settings changed since stage 'reward_models'" in capsys.readouterr().out
    device_only = make(tmp_path, overrides=["reward_good.steps=7", "model.device=cpu"])
    assert device_only._stage("reward_models", work("rm", 400)) == {"value": 300}
