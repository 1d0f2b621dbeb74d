"""Stage bookkeeping: finished stages are skipped, redoing one invalidates the stages built on it, and a stage's
cache key is made of the settings it read."""
import json

from rlhf_utils.pipeline import Pipeline
from rlhf_utils.profiles import load_config

READS = {"sft": lambda c: (c.sft.steps, c.data.sft_examples), "rm": lambda c: (c.reward_good.steps, c.model.device),
         "ppo": lambda c: c.ppo.iterations}
"""What each stand-in stage reads of the config (as a real stage reads its own section)."""


def make(tmp_path, force=False, overrides=()):
    return Pipeline(load_config("tiny", list(overrides)), tmp_path, force=force)


def test_skip_redo_and_invalidate(tmp_path, capsys):
    calls = []

    def work(pipe, name, value):
        def run():
            calls.append(name)
            READS[name](pipe.cfg)
            return {"value": value}
        return run

    def stage(pipe, stage_name, name, value):
        return pipe._stage(stage_name, work(pipe, name, value))

    pipe = make(tmp_path)
    assert stage(pipe, "sft", "sft", 1) == {"value": 1}
    assert stage(pipe, "reward_models", "rm", 2) == {"value": 2}
    assert stage(pipe, "ppo", "ppo", 3) == {"value": 3}
    assert calls == ["sft", "rm", "ppo"]
    saved = json.loads((tmp_path / "reward_models" / "done.json").read_text())["reads"]
    assert saved["seed"] == 42 and saved["reward_good.steps"] == pipe.cfg.reward_good.steps
    assert "model.mixed_precision" in saved  # read to build the accelerator, which every stage uses
    assert "model.device" not in saved and "reward_poor.steps" not in saved  # where it runs; what it did not read

    again = make(tmp_path)  # a re-run after a disconnect: nothing is recomputed
    assert stage(again, "sft", "sft", 10) == {"value": 1}
    assert stage(again, "reward_models", "rm", 20) == {"value": 2}
    assert calls == ["sft", "rm", "ppo"]
    assert "already done" in capsys.readouterr().out

    stage(make(tmp_path, force=True), "sft", "sft", 100)  # SFT redone: RM and PPO results are stale
    metrics = json.loads((tmp_path / "metrics.json").read_text())
    assert metrics["sft"] == {"value": 100} and "reward_models" not in metrics and "ppo" not in metrics
    later = make(tmp_path)
    assert stage(later, "reward_models", "rm", 200) == {"value": 200}
    assert calls == ["sft", "rm", "ppo", "sft", "rm"]

    changed = make(tmp_path, overrides=["reward_good.steps=7"])  # a setting of this stage changed
    assert stage(changed, "sft", "sft", 0) == {"value": 100}
    assert stage(changed, "reward_models", "rm", 300) == {"value": 300}
    assert "settings changed since stage 'reward_models'" in capsys.readouterr().out
    device_only = make(tmp_path, overrides=["reward_good.steps=7", "model.device=cpu"])
    assert stage(device_only, "reward_models", "rm", 400) == {"value": 300}

    unread = make(tmp_path, overrides=["reward_good.steps=7", "reward_poor.lr=0.5", "eval.num_prompts=2"])
    assert unread.is_current("sft") and unread.is_current("reward_models")  # settings neither stage read
    assert stage(unread, "reward_models", "rm", 500) == {"value": 300}
    assert calls == ["sft", "rm", "ppo", "sft", "rm", "rm"]
    assert not make(tmp_path, overrides=["data.sft_examples=5"]).is_current("reward_models")  # upstream changed
