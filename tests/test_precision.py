"""What a T4 does differently, shown on a CPU: fp16 loss scaling skips a step with inf gradients (counted, never
applied, never a divergence), and PPO's first update sees a ratio of exactly 1 and a KL of exactly 0 under autocast
(log-probs in fp32, computed the same way at rollout and update)."""
import copy
import json

import pytest
import torch
from accelerate import Accelerator

from rlhf_utils.config import PPOConfig
from rlhf_utils.models import load_backbone
from rlhf_utils.ppo import train_ppo
from rlhf_utils.ppo_models import PPOModels
from rlhf_utils.reward import ScalarHeadModel

PROMPTS = ["Explain AI:", "Describe rain:", "Name a colour:", "What is tea:"]


def fp16_scaled_accelerator() -> Accelerator:
    """A CPU accelerator wired as accelerate wires fp16 on a GPU (a torch GradScaler on `backward`, the unscale before
    clipping, `scaler.step` and `update` in the prepared optimizer): accelerate itself refuses fp16 on a CPU."""
    acc = Accelerator(cpu=True)
    acc.scaler = torch.amp.GradScaler("cpu", init_scale=2.0**16)
    return acc


@pytest.fixture()
def models(tiny_cfg, tiny_model):
    rm = ScalarHeadModel(load_backbone("tiny-gpt2", tiny_cfg.model, seed=1)).eval()
    return tiny_model, copy.deepcopy(tiny_model), copy.deepcopy(rm), rm


def test_an_overflowing_fp16_step_is_skipped_and_counted_not_a_divergence(tiny_cfg, models, tokenizer, tmp_path):
    """Iteration 1's only optimizer step gets an inf gradient: the scaler skips it (weights unchanged, scale 2^16 ->
    2^15), the log counts it and keeps every value finite, iteration 2 trains, and the checkpoint resumes."""
    policy, ref, value, rm = models
    acc = fp16_scaled_accelerator()
    cfg = PPOConfig(iterations=2, batch_size=4, minibatch_size=4, epochs=1, max_new_tokens=5, lr=1e-3, save_every=1)
    calls = {"n": 0}

    def overflow_once(grad: torch.Tensor) -> torch.Tensor:
        calls["n"] += 1
        return grad * float("inf") if calls["n"] == 1 else grad

    policy.transformer.wte.weight.register_hook(overflow_once)
    start = [p.detach().clone() for p in policy.parameters()]
    snapshots = []
    run = PPOModels(policy, ref, value, rm, cfg, acc, checkpoint_dir=tmp_path / "ckpt")
    log = train_ppo(run, tokenizer, tokenizer, PROMPTS, cfg, tiny_cfg.data,
                    on_iteration=lambda row: snapshots.append([p.detach().clone() for p in policy.parameters()]))
    assert [r["skipped_steps"] for r in log] == [1, 0]
    assert log[0]["grad_norm"] == 0.0 and log[1]["grad_norm"] > 0  # the mean over steps applied (none in the first)
    assert all(torch.equal(a, b) for a, b in zip(start, snapshots[0]))  # the skipped step was never applied
    assert any(not torch.equal(a, b) for a, b in zip(start, snapshots[1]))
    assert acc.scaler.get_scale() == 2.0**15
    saved = json.loads((tmp_path / "ckpt" / "state.json").read_text())
    assert saved["log"] == log and "NaN" not in (tmp_path / "ckpt" / "state.json").read_text()


def test_sft_and_reward_loops_log_a_skipped_step(tiny_cfg, tokenizer):
    """The same in SFT's loop (TODO 4): the step is logged as skipped, the loss stays finite and training goes on."""
    from rlhf_utils.data import SFTExample
    from rlhf_utils.models import load_causal_lm
    from rlhf_utils.sft import train_sft

    model = load_causal_lm("tiny-gpt2", tiny_cfg.model, seed=0)
    calls = {"n": 0}

    def overflow_once(grad: torch.Tensor) -> torch.Tensor:
        calls["n"] += 1
        return grad * float("inf") if calls["n"] == 1 else grad

    model.transformer.wte.weight.register_hook(overflow_once)
    examples = [SFTExample(f"Say {w}:", f"{w} {w}.") for w in ("hi", "yes", "no", "tea", "sun", "rain")]
    cfg = copy.deepcopy(tiny_cfg.sft)
    cfg.steps, cfg.batch_size = 3, 2
    result = train_sft(model, tokenizer, examples, examples[:2], cfg, tiny_cfg.data, fp16_scaled_accelerator())
    assert [r["skipped"] for r in result["log"]] == [True, False, False]


def test_first_ppo_update_has_ratio_one_and_kl_zero_under_autocast(tiny_cfg, models, tokenizer):
    """Under bf16 autocast (the CPU's; fp16 on a T4) rollout, reference and update all compute log-probs with one
    function in fp32: with a single minibatch of a single epoch, iteration 1's policy ratio is exactly 1 (no clipping,
    approx KL 0) and the KL to the identical reference is exactly 0."""
    policy, ref, value, rm = models
    cfg = PPOConfig(iterations=1, batch_size=4, minibatch_size=4, epochs=1, max_new_tokens=5)
    with torch.autocast("cpu", dtype=torch.bfloat16):  # what accelerator.autocast() is with mixed precision on
        log = train_ppo(PPOModels(policy, ref, value, rm, cfg, Accelerator(cpu=True)), tokenizer, tokenizer,
                        PROMPTS, cfg, tiny_cfg.data)
    row = log[0]
    assert row["kl"] == 0.0 and row["kl_k1"] == 0.0
    assert row["approx_kl"] == 0.0 and row["clip_frac"] == 0.0
    assert row["skipped_steps"] == 0 and row["grad_norm"] > 0
