"""The benchmark scripts in bench/ keep working: each one's tiny variant with a tiny budget, through its CLI."""
import json
import subprocess
import sys

import pytest
from conftest import DOLLY_SAMPLE, HH_HARMLESS, HH_HELPFUL, ROOT, need

from rlhf_utils.data import load_preference_pairs

TINY_PIPELINE = ["sft.steps=2", "reward_good.steps=2", "reward_poor.steps=2", "reward_good.normalize_samples=4",
                 "reward_poor.normalize_samples=4", "ppo.batch_size=4", "ppo.minibatch_size=2", "ppo.max_new_tokens=4",
                 "eval.num_prompts=2", "eval.generation.max_new_tokens=4"]


def run_script(name: str, *args: str) -> subprocess.CompletedProcess:
    proc = subprocess.run([sys.executable, str(ROOT / "bench" / f"{name}.py"), *args], capture_output=True,
                          text=True, cwd=ROOT, timeout=600)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-4000:]
    return proc


def sets(items: list[str]) -> list[str]:
    return [arg for item in items for arg in ("--set", item)]


@pytest.mark.slow
def test_generation_bench(tmp_path):
    out = tmp_path / "gen.json"
    proc = run_script("generation", "--profile", "tiny", "--prompts", "4", "--max-new-tokens", "4", "--out", str(out))
    res = json.loads(out.read_text())
    greedy = next(r for r in res["batched_vs_single"] if r["decoding"] == "greedy")
    assert greedy["identical_texts"] and greedy["batched_tok_s"] > 0
    assert len(res["decoding_options"]) >= 5 and "| decoding" in proc.stdout


@pytest.mark.slow
def test_train_efficiency_bench(tmp_path):
    out = tmp_path / "eff.json"
    run_script("train_efficiency", "--profile", "tiny", "--steps", "3", "--sft-batch", "2", "--rm-batch", "2",
               "--no-bf16", "--sft-data", "embedded", "--rm-data", "embedded", "--out", str(out))
    rows = json.loads(out.read_text())["rows"]
    assert {(r["stage"], r["trainer"]) for r in rows} == {("sft", "rlhf_utils SFT"), ("sft", "TRL SFTTrainer"),
                                                          ("rm", "rlhf_utils RM"), ("rm", "TRL RewardTrainer")}
    assert all(r["tokens_per_s"] > 0 and 0 <= r["padding_share"] < 1 and r["mfu_vs_fp32_peak"] > 0 for r in rows)
    for stage in ("sft", "rm"):  # ours timed with and without length grouping (tests/test_training.py checks it)
        assert {r["batching"] for r in rows if r["stage"] == stage and r["trainer"].startswith("rlhf_utils")} == {
            "shuffled", "length-grouped (16)"}


@pytest.mark.slow
def test_rl_vs_trl_bench(tmp_path):
    out = tmp_path / "rl.json"
    run_script("rl_vs_trl", "--profile", "tiny", "--budget-s", "1", "--max-iterations", "2", "--generations", "2",
               "--cache", str(tmp_path / "cache"), "--out", str(out), *sets(TINY_PIPELINE))
    res = json.loads(out.read_text())
    assert [r["trainer"] for r in res["summary"]] == ["ppo_1ep", "ppo_shared", "rloo", "ppo", "grpo"]
    assert all(r["completions_per_s"] > 0 and r["iterations"] >= 1 for r in res["summary"])
    assert out.with_suffix(".png").stat().st_size > 5_000


@pytest.mark.slow
def test_quality_bench(tmp_path):
    need(HH_HELPFUL), need(HH_HARMLESS), need(DOLLY_SAMPLE)
    out = tmp_path / "quality.json"
    run_script("quality", "--profile", "tiny", "--train-pairs", "16", "--heldout-pairs", "8", "--eval-pairs", "8",
               "--sft-steps", "2", "--rm-steps", "2", "--ppo-iterations", "1", "--bootstrap", "50",
               "--gold-steps", "2", "--run-dir", str(tmp_path / "run"), "--out", str(out), *sets(TINY_PIPELINE))
    res = json.loads(out.read_text())
    assert [s["stage"] for s in res["stages"]][:4] == ["sft", "reward_models", "ppo", "eval"]
    assert {r["judge"] for r in res["rm_accuracy"]} == {"length-only baseline", "good RM", "poor RM", "gold RM"}
    # the gold RM trains on helpful pairs neither RM saw nor the accuracy rows judge: 40 monitor + the rest
    everything = load_preference_pairs(str(HH_HELPFUL), 10**9, 0, 0)[0]  # 2,343 distinct pairs in the shared file
    assert res["gold"]["train_pairs"] == len(everything) - 16 - 8 - 40
    per_model = {r["model"]: r for r in res["gold"]["per_model"]}
    gains = res["gold"]["ppo_good_vs_sft"]
    for judge in ("proxy", "gold"):  # a paired gain over the same prompts is the difference of the two means
        assert gains[judge]["gain"] == pytest.approx(per_model["ppo_good"][judge] - per_model["sft"][judge])
        assert gains[judge]["ci"][0] <= gains[judge]["gain"] <= gains[judge]["ci"][1]
        assert per_model["sft"][f"{judge}_length_controlled"] == pytest.approx(0.0, abs=1e-9)  # SFT's own line
    assert [t["target"][:12] for t in res["targets"]].count("PPO-good gol") == 2 and len(res["targets"]) == 7
    assert all(r["ci95_low"] <= r["accuracy"] <= r["ci95_high"] for r in res["rm_accuracy"])
    for r in res["rm_accuracy"]:  # split by which answer is longer; "longer wins" is 0 / 1 on the two subsets
        assert r["n_shorter"] + r["n_longer"] <= r["n"]
        if r["judge"] == "length-only baseline":
            assert (r["accuracy_shorter"] == 0.0 or not r["n_shorter"]) and (r["accuracy_longer"] == 1.0
                                                                              or not r["n_longer"])
    assert {r["model"] for r in res["eval_table"]} == {"base", "sft", "ppo_poor", "ppo_good"}


def test_memory_estimate(tmp_path):
    out = tmp_path / "mem.json"
    run_script("memory", "--out", str(out))
    rows = json.loads(out.read_text())["rows"]
    medium = [r for r in rows if r["model"] == "gpt2-medium"]
    full, lora_ckpt = medium[0], medium[-1]
    assert not full["lora"] and lora_ckpt["lora"] and lora_ckpt["grad_ckpt"]
    assert lora_ckpt["peak_gb"] < full["peak_gb"] and abs(full["params_m"] - 354.8) < 0.5


@pytest.mark.slow
def test_rm_length_bench(tmp_path):
    need(HH_HELPFUL), need(DOLLY_SAMPLE)
    out = tmp_path / "rm_length.json"
    run_script("rm_length", "--profile", "tiny", "--variants", "bt", "odin", "residual", "--train-pairs", "32",
               "--heldout-pairs", "60", "--rm-steps", "2", "--rm-batch", "4", "--sft-steps", "2",
               "--run-dir", str(tmp_path / "run"), "--out", str(out), *sets(TINY_PIPELINE))
    rows = {r["variant"]: r for r in json.loads(out.read_text())["variants"]}
    assert set(rows) == {"bt", "odin", "residual"}
    for r in rows.values():
        assert r["n"] == 60 and r["n_shorter"] + r["n_longer"] + r["n_tied"] == 60
        low, high = r["gap_over_length_ci"]
        assert low <= r["gap_over_length"] <= high
        assert r["gap_over_length"] == pytest.approx(r["accuracy"] - r["length_baseline_accuracy"])
    # the same held-out pairs for every variant: the length baseline does not depend on the RM
    assert len({r["length_baseline_accuracy"] for r in rows.values()}) == 1


def test_rm_probe_bench(tmp_path):
    need(HH_HELPFUL)
    out = tmp_path / "rm_probe.json"
    args = ["--profile", "tiny", "--train-pairs", "80", "--heldout-pairs", "40", "--run-dir", str(tmp_path / "run"),
            "--out", str(out)]
    run_script("rm_probe", *args)
    res = json.loads(out.read_text())
    assert [r["train_pairs"] for r in res["rows"]] == [10, 20, 40, 80]
    for r in res["rows"]:
        assert r["acc_ci"][0] <= r["accuracy"] <= r["acc_ci"][1]
        assert r["gap"] == pytest.approx(r["accuracy"] - r["length_baseline"])
    assert len({r["length_baseline"] for r in res["rows"]}) == 1  # the same held-out pairs at every size
    assert (tmp_path / "run" / "train_80.pt").is_file()  # states cached: a re-run does no forward pass
    run_script("rm_probe", *args)
    def results(rows: list[dict]) -> list[dict]:  # all but the fitting time
        return [{k: v for k, v in r.items() if k != "fit_s"} for r in rows]
    assert results(json.loads(out.read_text())["rows"]) == results(res["rows"])


def test_rm_probe_fit_learns_a_planted_direction():
    import torch

    sys.path.insert(0, str(ROOT / "bench"))
    from rm_probe import fit_probe

    g = torch.Generator().manual_seed(0)
    rejected = torch.randn(400, 16, generator=g)
    chosen = torch.randn(400, 16, generator=g)
    chosen[:, 3] += 1.5  # the preferred answer is higher along feature 3 only
    score = fit_probe(chosen[:300], rejected[:300], l2=1e-3)
    accuracy = float((score(chosen[300:]) > score(rejected[300:])).float().mean())
    assert accuracy > 0.8  # a coin is right half the time; feature 3 alone separates ~86% of pairs
    weights = score(torch.eye(16)) - score(torch.zeros(1, 16))
    assert int(weights.abs().argmax()) == 3
