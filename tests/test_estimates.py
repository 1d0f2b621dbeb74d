"""Estimated time and Drive space of Part 2 experiments: hand-computed pieces, scaling, every experiment, the table."""
import dataclasses
from types import SimpleNamespace

import pytest

from rlhf_utils.experiments import EXPERIMENTS, GRIDS, Part2, estimate, estimate_table, format_estimates
from rlhf_utils.experiments import estimates as est
from rlhf_utils.profiles import load_config

FREE = est.Device("free", flops_s=1e9, bandwidth=float("inf"), weight_bytes=0.0, step_s=0.0, batch_s=0.0,
                  decode_s=0.0, layer_s=0.0)
"""A device whose only cost is FLOPs at 1 GFLOP/s."""
SMALL = est.ModelSize(params=1e6, embedding=2e5, layers=2)


@pytest.fixture(scope="module")
def tiny():
    return load_config("tiny")


@pytest.fixture(scope="module")
def colab():
    return load_config("colab")  # builds offline: only running it needs the hub and a GPU


def tally(cfg, grid=None, n_prompts=24) -> est.Tally:
    t = est.Tally(cfg, grid or GRIDS["tiny"], n_prompts)
    t.policy = t.reward = SMALL
    t.len = est.Lengths(sft=(100.0, 40.0), pair=80.0, ppo_prompt=10.0, test_prompt=8.0)
    return t


def test_tiny_gpt2_size_is_counted_like_the_model(tiny):
    from rlhf_utils.models import load_causal_lm

    model = load_causal_lm("tiny-gpt2", tiny.model)
    counted = sum(p.numel() for p in {id(p): p for p in model.parameters()}.values())
    size, note = est.model_size("tiny-gpt2", tiny.model)
    assert size.params == counted and size.embedding == 50257 * tiny.model.tiny_hidden and note == ""
    assert est.model_size("distilgpt2", tiny.model)[0].params == 81_912_576  # docs/memory.md
    assert "unknown" in est.model_size("some/hub-model", tiny.model)[1]


def test_one_sft_variant_by_hand(tiny):
    """k steps x batch x tokens x 6 x parameters (padding and the LM head on response tokens), held-out losses at
    steps 0 and k, one model loaded and one saved."""
    t, k = tally(tiny), 30
    s = tiny.sft
    t.sft(k, 100)
    rows = k * s.batch_size
    trained = 6 * (SMALL.body * rows * 100 / (1 - est.SFT_PADDING) + SMALL.embedding * rows * 40)
    heldout = 2 * 2 * s.heldout_examples * (SMALL.body * 100 + SMALL.embedding * 40)  # k < 50: 2 held-out passes
    assert t.work.flops == pytest.approx(trained + heldout)
    assert t.work.steps == k
    assert t.work.kept == 4 * SMALL.params + est.TOKENIZER_BYTES
    host = (t.work.texts * est.HOST["tokenize_s"] + est.HOST["load_s"] + 4 * SMALL.params / est.HOST["read_bytes_s"]
            + t.work.written / est.HOST["write_bytes_s"] + est.HOST["fixed_s"])
    assert est.seconds(t.work, FREE) == pytest.approx((trained + heldout) / 1e9 + host)


def test_decoding_is_latency_bound_until_compute_takes_longer():
    dev = est.Device("d", flops_s=1e9, bandwidth=1e9, weight_bytes=4.0, step_s=0, batch_s=0, decode_s=0.01,
                     layer_s=0.001)
    floor = 0.01 + 2 * 0.001 + 4e6 / 1e9
    assert est._decode_step(1, SMALL, dev) == pytest.approx(floor)
    assert est._decode_step(1000, SMALL, dev) == pytest.approx(2 * 1e6 * 1000 / 1e9)


def test_ppo_counts_each_iteration(tiny):
    one, two = tally(tiny), tally(tiny)
    one.ppo(tiny.ppo)
    two.ppo(dataclasses.replace(tiny.ppo, iterations=2 * tiny.ppo.iterations))
    assert two.work.flops == pytest.approx(2 * one.work.flops)
    assert sum(n for n, _, _ in two.work.decode) == 2 * sum(n for n, _, _ in one.work.decode)
    assert two.work.kept == one.work.kept  # one policy kept either way; checkpoints are deleted


def test_mean_tokens_caps_prompt_and_length(monkeypatch):
    monkeypatch.setitem(est.DECILES, "x", ((10,) * 10, (20,) * 10))
    assert est.mean_tokens("x", 64, 100) == (30, 20)
    assert est.mean_tokens("x", 64, 25) == (25, 15)
    assert est.mean_tokens("x", 5, 25) == (25, 20)


@pytest.mark.parametrize(("name", "change"), [
    ("generation", {"models": ["sft", "ppo_good"]}),  # from one model
    ("best_of_n", {"best_of_n": [1, 2, 4, 8]}),  # from [1, 2, 4]
    ("sft_steps", {"sft_steps": [800]}),  # from [400]
    ("steering", {"steering_alphas": [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0]}),  # 8 generations from 4
])
def test_doubling_the_work_roughly_doubles_the_estimate(colab, name, change):
    grid = {**GRIDS["full"], "models": ["sft"], "best_of_n": [1, 2, 4], "sft_steps": [400], "sft_examples": [],
            "steering_alphas": [1.0, 2.0, 3.0]}
    base = estimate(name, colab, grid, 24)
    more = estimate(name, colab, {**grid, **change}, 24)
    assert 1.5 < more.cpu_minutes / base.cpu_minutes < 2.1
    assert more.t4_minutes > base.t4_minutes
    assert more.drive_mb >= base.drive_mb


@pytest.mark.parametrize("profile", ["tiny", "colab"])
def test_every_experiment_has_an_estimate(profile):
    cfg = load_config(profile)
    df = estimate_table("all", cfg, GRIDS["tiny" if profile == "tiny" else "full"], 24)
    assert set(est.COUNTERS) == set(EXPERIMENTS) == set(df.experiment) - {"total"}
    assert (df[["t4_minutes", "cpu_minutes", "drive_mb"]] > 0).all().all()
    assert df.iloc[-1].cpu_minutes == pytest.approx(df.iloc[:-1].cpu_minutes.sum())
    assert (df.t4_minutes <= df.cpu_minutes).all() and df.iloc[-1].t4_minutes < df.iloc[-1].cpu_minutes


def test_colab_trained_variants_keep_their_checkpoints_on_drive(colab):
    from rlhf_utils.experiments.grids import reward_variants

    rm = estimate("reward_model", colab, GRIDS["full"], 24)
    variants = len(reward_variants(colab.reward_good, GRIDS["full"]["reward"])) - 1  # 5: all but the baseline
    assert rm.drive_mb == pytest.approx(variants * 4 * 81_912_576 / 1e6, rel=0.01)


def test_formatted_table_says_estimate_and_totals(tiny):
    df = estimate_table(["generation", "reward_model", "best_of_n"], tiny, GRIDS["tiny"], 24)
    text = format_estimates(df)
    assert "estimate" in text.lower() and text.startswith("ESTIMATES")
    assert any(line.strip().startswith("total") for line in text.splitlines())
    assert text.splitlines()[-1].startswith("Basis:")


def test_unknown_experiment_is_one_line_naming_it(tiny):
    with pytest.raises(ValueError, match=r"'nope' is unknown: allowed are diagnose, .*steering") as err:
        estimate("nope", tiny, GRIDS["tiny"], 24)
    assert "\n" not in str(err.value)


def test_part2_estimates_uses_its_settings_and_prompts(tiny):
    x = SimpleNamespace(cfg=tiny, grid=GRIDS["tiny"], prompts=lambda: ["a:"] * 10)
    df = Part2.estimates(x, ["generation"])
    assert list(df.experiment) == ["generation", "total"]
    assert df.cpu_minutes[0] == pytest.approx(estimate("generation", tiny, GRIDS["tiny"], 10).cpu_minutes)
