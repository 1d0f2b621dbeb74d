import copy

import pytest
import torch

from rlhf_utils.config import PPOConfig, RewardConfig
from rlhf_utils.data import PreferencePair
from rlhf_utils.models import load_backbone
from rlhf_utils.ppo import train_ppo
from rlhf_utils.ppo_models import PPOModels
from rlhf_utils.reward import (
    ScalarHeadModel,
    chunked_scores,
    final_heldout_scores,
    heldout_length_summary,
    load_scalar_model,
    normalize,
    save_scalar_model,
    score_texts,
    train_reward_model,
)
from rlhf_utils.training import TrainingDiverged, make_accelerator, right_pad

PROMPTS = ["Explain AI:", "Describe rain:", "Name a colour:", "What is tea:"]


@pytest.fixture()
def reward_model(tiny_cfg):
    return ScalarHeadModel(load_backbone("tiny-gpt2", tiny_cfg.model, seed=1)).eval()


def test_last_token_score_ignores_padding_side(reward_model, tokenizer):
    rows = [tokenizer("Explain AI: it learns.").input_ids, tokenizer("Hi").input_ids]
    ids, mask = right_pad(rows, tokenizer.pad_token_id)
    left_ids = torch.stack([torch.cat([r[m.bool()].new_full(((~m.bool()).sum(),), 0), r[m.bool()]])
                            for r, m in zip(ids, mask)])
    left_mask = torch.stack([torch.cat([torch.zeros((~m.bool()).sum(), dtype=torch.long), m[m.bool()]]) for m in mask])
    with torch.no_grad():
        right, left = reward_model(ids, mask), reward_model(left_ids, left_mask)
        alone = reward_model(torch.tensor([rows[1]]), torch.ones(1, len(rows[1]), dtype=torch.long))
    assert torch.allclose(right, left, atol=1e-5) and torch.allclose(right[1], alone[0], atol=1e-5)


@pytest.mark.parametrize("pooling", ["last", "mean", "attention"])
def test_reward_model_learns_a_clear_preference_and_round_trips(pooling, tiny_cfg, tokenizer, tmp_path):
    good = ["It is a helpful and complete answer.", "Here is a clear, polite reply.", "Thank you, this explains it."]
    bad = ["no no no no no", "", "stupid stupid stupid"]
    pairs = [PreferencePair(p, good[i % 3], bad[(i + j) % 3]) for i, p in enumerate(PROMPTS) for j in range(3)]
    model = ScalarHeadModel(load_backbone("tiny-gpt2", tiny_cfg.model, seed=1), pooling)
    cfg = RewardConfig(steps=40, batch_size=6, lr=3e-3, eval_every=20, margin=0.5)
    result = train_reward_model(model, tokenizer, pairs, pairs[:6], cfg, tiny_cfg.data,
                                make_accelerator(tiny_cfg.model))
    assert result["heldout"][-1]["accuracy"] == 1.0
    assert result["log"][-1]["loss"] < result["log"][0]["loss"]
    chosen, rejected = result["heldout"][-1]["chosen_scores"], result["heldout"][-1]["rejected_scores"]
    assert len(chosen) == len(rejected) == 6 and all(c > r for c, r in zip(chosen, rejected))
    rescored = final_heldout_scores({"heldout": []}, model, tokenizer, pairs[:6], tiny_cfg.data)  # no kept scores
    assert torch.allclose(torch.tensor(rescored), torch.tensor([chosen, rejected]), atol=1e-5)
    assert final_heldout_scores(result, model, tokenizer, pairs[:6], tiny_cfg.data) == (chosen, rejected)
    assert all(set(entry) == {"step", "accuracy", "loss"} for entry in result["heldout"])  # log.json stays small
    stats = normalize(model, tokenizer, PROMPTS * 2, good[:2] + bad[:2] + good[1:] + bad[1:2], tiny_cfg.data)
    scores = score_texts(model, tokenizer, PROMPTS * 2, good[:2] + bad[:2] + good[1:] + bad[1:2], tiny_cfg.data)
    assert scores.mean().item() == pytest.approx(0.0, abs=1e-4) and scores.std().item() == pytest.approx(1.0, abs=1e-4)
    assert stats["std"] > 0
    save_scalar_model(model, tmp_path / "rm")
    loaded = load_scalar_model(tmp_path / "rm")
    again = score_texts(loaded, tokenizer, PROMPTS * 2, good[:2] + bad[:2] + good[1:] + bad[1:2], tiny_cfg.data)
    assert torch.allclose(scores, again, atol=1e-5)


def ppo_setup(tiny_cfg, tiny_model, reward_model):
    ref = copy.deepcopy(tiny_model)
    value = copy.deepcopy(reward_model)
    return tiny_model, ref, value, reward_model


def test_ppo_iteration_logs_named_finite_metrics(tiny_cfg, tiny_model, reward_model, tokenizer, tmp_path):
    cfg = PPOConfig(iterations=2, batch_size=4, minibatch_size=2, epochs=2, max_new_tokens=6, lr=1e-4,
                    save_every=1, missing_eos_penalty=1.0)
    policy, ref, value, rm = ppo_setup(tiny_cfg, tiny_model, reward_model)
    before = [p.clone() for p in policy.parameters()]
    run = PPOModels(policy, ref, value, rm, cfg, make_accelerator(tiny_cfg.model), checkpoint_dir=tmp_path / "ckpt")
    log = train_ppo(run, tokenizer, tokenizer, PROMPTS, cfg, tiny_cfg.data)
    assert len(log) == 2
    for key in ("score", "kl", "policy_loss", "value_loss", "clip_frac", "entropy", "response_length", "kl_coef"):
        assert all(torch.isfinite(torch.tensor(r[key])) for r in log), key
    starts = [0.0] + [r["time_s"] for r in log[:-1]]
    for r, start in zip(log, starts):  # the phases' times add up to (at most) the iteration's time
        assert 0 < r["generate_s"] + r["score_s"] + r["update_s"] <= r["time_s"] - start
    assert log[0]["kl"] == pytest.approx(0.0, abs=1e-5)  # policy == reference before the first update
    assert any(not torch.equal(a, b) for a, b in zip(before, policy.parameters()))
    assert (tmp_path / "ckpt" / "state.json").is_file()


def test_ppo_resumes_from_checkpoint(tiny_cfg, tiny_model, reward_model, tokenizer, tmp_path):
    cfg = PPOConfig(iterations=2, batch_size=4, minibatch_size=4, epochs=1, max_new_tokens=5, save_every=1)
    acc = make_accelerator(tiny_cfg.model)
    policy, ref, value, rm = ppo_setup(tiny_cfg, tiny_model, reward_model)
    first = train_ppo(PPOModels(policy, ref, value, rm, cfg, acc, checkpoint_dir=tmp_path), tokenizer, tokenizer,
                      PROMPTS, cfg, tiny_cfg.data)
    cfg.iterations = 3
    fresh_policy = copy.deepcopy(ref)
    log = train_ppo(PPOModels(fresh_policy, ref, copy.deepcopy(rm), rm, cfg, acc, checkpoint_dir=tmp_path), tokenizer,
                    tokenizer, PROMPTS, cfg, tiny_cfg.data)
    assert [r["iteration"] for r in log] == [1, 2, 3] and log[:2] == first


def test_ppo_stops_on_nan_and_keeps_last_good_weights(tiny_cfg, tiny_model, reward_model, tokenizer):
    cfg = PPOConfig(iterations=1, batch_size=4, minibatch_size=4, epochs=1, max_new_tokens=4)
    policy, ref, value, rm = ppo_setup(tiny_cfg, tiny_model, reward_model)
    with torch.no_grad():
        rm.head.bias.fill_(float("nan"))
    before = [p.clone() for p in policy.parameters()]
    with pytest.raises(TrainingDiverged, match="reward-model score became nan"):
        train_ppo(PPOModels(policy, ref, value, rm, cfg, make_accelerator(tiny_cfg.model)), tokenizer, tokenizer,
                  PROMPTS, cfg, tiny_cfg.data)
    assert all(torch.equal(a, b) for a, b in zip(before, policy.parameters()))


def test_shared_value_head_learns_the_return(tiny_cfg, tiny_model, reward_model, tokenizer):
    """value_model="shared": with every response scored 1 and no KL penalty, the return of every token is
    1 (gamma = lambda = 1), so the head, starting at V = 0, must move towards 1 while the policy trains too."""
    cfg = PPOConfig(iterations=6, batch_size=4, minibatch_size=2, epochs=2, max_new_tokens=5, lr=1e-4,
                    value_lr=3e-2, kl_coef=0.0, lam=1.0, value_model="shared")
    policy, ref, _, rm = ppo_setup(tiny_cfg, tiny_model, reward_model)
    with torch.no_grad():
        rm.head.weight.zero_()
        rm.head.bias.fill_(1.0)
    before = [p.clone() for p in policy.parameters()]
    log = train_ppo(PPOModels(policy, ref, None, rm, cfg, make_accelerator(tiny_cfg.model)), tokenizer, tokenizer,
                    PROMPTS, cfg, tiny_cfg.data)
    assert [r["score"] for r in log] == pytest.approx([1.0] * 6)
    assert log[0]["value_mean"] == 0.0 and log[0]["return_mean"] == pytest.approx(1.0)
    assert log[-1]["value_mean"] > 0.5 and log[-1]["value_loss"] < 0.5 * log[0]["value_loss"]
    assert any(not torch.equal(a, b) for a, b in zip(before, policy.parameters()))


def test_value_model_must_match_the_setting(tiny_cfg, tiny_model, reward_model, tokenizer):
    policy, ref, value, rm = ppo_setup(tiny_cfg, tiny_model, reward_model)
    acc = make_accelerator(tiny_cfg.model)
    with pytest.raises(ValueError, match="needs value_model=None"):
        PPOModels(policy, ref, value, rm, PPOConfig(iterations=1, batch_size=4, minibatch_size=4, value_model="shared"),
                  acc)
    with pytest.raises(ValueError, match="needs value_model=a ScalarHeadModel"):
        PPOModels(policy, ref, None, rm, PPOConfig(iterations=1, batch_size=4, minibatch_size=4), acc)


@pytest.mark.parametrize("pooling", ["last", "mean", "attention"])
def test_length_chunked_scores_and_gradients_equal_one_pass(pooling, tiny_cfg, tokenizer):
    """Reward training runs rows of similar length together, each group cut to its real columns: the
    scores and the gradients must be those of one padded pass."""
    model = ScalarHeadModel(load_backbone("tiny-gpt2", tiny_cfg.model, seed=1), pooling).eval()  # no dropout
    texts = ["Explain AI: it learns from data and gets better.", "Hi", "Describe rain: water falls.", "Ok then",
             "Name a colour: blue, like the sky on a clear summer day."]
    ids, mask = right_pad([tokenizer(t).input_ids for t in texts], tokenizer.pad_token_id)
    one = model(ids, mask)
    grads_one = torch.autograd.grad(one.square().sum(), list(model.parameters()), allow_unused=True)
    chunked = chunked_scores(model, ids, mask, chunks=2)
    grads_chunked = torch.autograd.grad(chunked.square().sum(), list(model.parameters()), allow_unused=True)
    assert torch.allclose(one, chunked, atol=1e-5)
    for a, b in zip(grads_one, grads_chunked):
        assert (a is None and b is None) or torch.allclose(a, b, atol=1e-5)
    left_ids = torch.stack([torch.cat([r[~m.bool()], r[m.bool()]]) for r, m in zip(ids, mask)])
    left_mask = torch.stack([torch.cat([m[~m.bool()], m[m.bool()]]) for m in mask])
    assert torch.allclose(chunked_scores(model, left_ids, left_mask, chunks=3), one, atol=1e-5)


def test_heldout_length_summary_by_hand(tokenizer):
    pairs = [PreferencePair("Q:", "a a a", "a"), PreferencePair("Q:", "a", "a a"), PreferencePair("Q:", "a a", "a a")]
    s = heldout_length_summary([1.0, 0.0, 2.0], [0.0, 1.0, 1.0], pairs, tokenizer)
    # chosen longer and right; chosen shorter and wrong; a tie in length, right
    assert (s["heldout_pairs_shorter"], s["heldout_pairs_longer"], s["heldout_pairs_tied"]) == (1, 1, 1)
    assert s["heldout_accuracy_shorter"] == 0.0 and s["heldout_accuracy_longer"] == 1.0
    assert s["length_baseline_accuracy"] == pytest.approx((1 + 0 + 0.5) / 3)
    assert s["gap_over_length"] == pytest.approx(2 / 3 - 1.5 / 3)
    assert all(isinstance(s[k], list) and len(s[k]) == 2 for k in s if k.endswith("_ci"))
