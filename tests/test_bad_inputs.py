"""A catalogue of bad inputs and damaged state: each gives one line naming what is wrong (exit 2, or 130 for
Ctrl-C), never a traceback, and none lets training start. Fast: no case trains more than a few steps."""
import gzip
import json

import pytest
from conftest import DOLLY_SAMPLE, need

from rlhf_utils import pipeline as pipeline_module
from rlhf_utils.__main__ import main

TINY = ["--profile", "tiny"]
FAST = ["--set", "sft.steps=2", "--set", "reward_poor.steps=1", "--set", "reward_good.steps=2",
        "--set", "ppo.iterations=1", "--set", "reward_good.normalize_samples=4",
        "--set", "reward_poor.normalize_samples=4", "--set", "eval.num_prompts=2", "--set", "ppo.batch_size=4",
        "--set", "ppo.minibatch_size=4"]


def run(capsys, *args: str) -> tuple[int, str]:
    code = main(["run", *TINY, *args])
    err = capsys.readouterr().err.strip()
    return code, err


def write_lines(path, lines: list[str], gz: bool = False):
    text = "".join(line + "\n" for line in lines)
    if gz:
        with gzip.open(path, "wt", encoding="utf-8") as f:
            f.write(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


HH_ROW = json.dumps({"chosen": "\n\nHuman: Hi?\n\nAssistant: Hello there.",
                     "rejected": "\n\nHuman: Hi?\n\nAssistant: Go."})


@pytest.mark.parametrize("name, lines, key, expected", [
    ("dolly_as_pairs.jsonl", [json.dumps({"instruction": "Say hi", "response": "Hi."})], "preference_source",
     ":1: field 'chosen' is missing"),
    ("null.jsonl", [json.dumps({"instruction": "Say hi", "response": None})], "sft_source",
     ":1: field 'response' is None"),
    ("array.jsonl", [json.dumps([{"instruction": "a", "response": "b"}])], "sft_source", ":1: a JSON list"),
    ("no_rejected.jsonl", [HH_ROW, json.dumps({"chosen": "\n\nHuman: x\n\nAssistant: y"})], "preference_source",
     ":2: field 'rejected' is missing"),
    ("bad.jsonl", [HH_ROW, "{not json"], "preference_source", ":2: not valid JSON"),
    ("empty.jsonl", [], "sft_source", ": no rows"),
    ("one_pair.jsonl", [HH_ROW], "preference_source", "gives 1 training and 0 held-out pairs"),
])
def test_data_file_mistakes_name_file_and_line(tmp_path, capsys, name, lines, key, expected):
    path = write_lines(tmp_path / name, lines)
    code, err = run(capsys, "--out", str(tmp_path / "run"), "--set", f"data.{key}={path}")
    assert code == 2 and err.startswith("error: ") and "\n" not in err
    assert str(path) in err and expected in err, err
    assert not (tmp_path / "run" / "sft").exists()  # refused before any training


def test_fake_gzip_and_non_utf8(tmp_path, capsys):
    fake = tmp_path / "fake.jsonl.gz"
    fake.write_text(HH_ROW)
    code, err = run(capsys, "--out", str(tmp_path / "run"), "--set", f"data.preference_source={fake}")
    assert code == 2 and str(fake) in err and "gzip" in err
    latin = tmp_path / "latin.jsonl"
    latin.write_bytes(b'{"instruction": "caf\xe9", "response": "ok"}\n')
    code, err = run(capsys, "--out", str(tmp_path / "run"), "--set", f"data.sft_source={latin}")
    assert code == 2 and str(latin) in err and "not UTF-8" in err


def test_blank_prompt_file(tmp_path, capsys):
    blank = write_lines(tmp_path / "prompts.txt", ["", "   ", ""])
    code, err = run(capsys, "--out", str(tmp_path / "run"), "--set", f"data.test_prompts_source={blank}")
    assert code == 2 and str(blank) in err and "no prompts" in err


@pytest.mark.parametrize("override, expected", [
    ("ppo.clip_range=5", "ppo.clip_range=5.0 is invalid: must be in (0, 1)"),
    ("ppo.lr=inf", "ppo.lr='inf' is invalid: expected a finite number"),
    ("ppo.kl_coef=inf", "ppo.kl_coef='inf' is invalid"),
    ("sft.steps=1.5e0", "sft.steps='1.5e0' is invalid: expected an integer"),
    ("model.tiny_context=16", "model.tiny_context=16 is invalid: must be >= 112"),
    ("sft.steps=-5", "sft.steps=-5 is invalid: must be an integer >= 1"),
])
def test_bad_settings(tmp_path, capsys, override, expected):
    code, err = run(capsys, "--out", str(tmp_path / "run"), "--set", override)
    assert code == 2 and err.startswith("error: ") and expected in err, err
    assert not (tmp_path / "run").exists()


def test_out_is_a_file(tmp_path, capsys):
    target = tmp_path / "file.txt"
    target.write_text("x")
    code, err = run(capsys, "--out", str(target))
    assert code == 2 and err == f"error: --out {target} is a file: give a folder for the run"


def test_ctrl_c_is_one_line(tmp_path, capsys, monkeypatch):
    def interrupted(self, stages):
        raise KeyboardInterrupt
    monkeypatch.setattr(pipeline_module.Pipeline, "run", interrupted)
    code, err = run(capsys, "--out", str(tmp_path / "run"))
    assert code == 130 and err == "interrupted; re-run the same command to resume"


@pytest.fixture(scope="module")
def small_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("small")
    assert main(["run", *TINY, "--out", str(out), *FAST]) == 0
    return out


@pytest.mark.parametrize("damaged", ["sft/done.json", "metrics.json"])
def test_emptied_state_file_names_it_and_force_recovers(small_run, tmp_path, capsys, damaged):
    import shutil

    out = tmp_path / "run"
    shutil.copytree(small_run, out)
    (out / damaged).write_text("")
    code, err = run(capsys, "--out", str(out), *FAST)
    assert code == 2 and str(out / damaged) in err and "--force" in err, err
    assert run(capsys, "--out", str(out), *FAST, "--force", "--stages", "sft")[0] == 0


def test_truncated_weights_name_the_folder(small_run, tmp_path, capsys):
    import shutil

    out = tmp_path / "run"
    shutil.copytree(small_run, out)
    weights = out / "sft" / "model" / "model.safetensors"
    weights.write_bytes(weights.read_bytes()[:100])
    code, err = run(capsys, "--out", str(out), *FAST, "--set", "reward_good.lr=1e-4")  # RMs redo: load SFT
    assert code == 2 and str(out / "sft" / "model") in err and "--force" in err, err


def test_stages_refuses_a_stale_upstream(small_run, tmp_path, capsys):
    import shutil

    out = tmp_path / "run"
    shutil.copytree(small_run, out)
    code, err = run(capsys, "--out", str(out), *FAST, "--set", "ppo.kl_coef=0.2", "--stages", "eval")
    assert code == 2 and "builds on stage 'ppo', which is not done with these settings" in err, err


def test_metrics_json_never_holds_a_bare_nan(small_run):
    text = (small_run / "metrics.json").read_text()
    assert "NaN" not in text and "Infinity" not in text
    json.loads(text)


def test_real_dolly_file_as_preference_source_is_refused(tmp_path, capsys):
    dolly = need(DOLLY_SAMPLE)
    code, err = run(capsys, "--out", str(tmp_path / "run"), "--set", f"data.preference_source={dolly}")
    assert code == 2 and f"{dolly}:1: field 'chosen' is missing" in err


def test_mistyped_part1_folder_is_an_error_not_a_new_training(tmp_path, capsys):
    typo = tmp_path / "runs" / "tinyy"
    code = main(["experiment", "diagnose", "--profile", "tiny", "--out", str(tmp_path / "part2"), "--part1", str(typo)])
    err = capsys.readouterr().err.strip()
    assert code == 2 and err.startswith(f"error: --part1 {typo} holds no Part 1 run") and "--train-part1" in err
    assert not typo.exists()
