"""Reward models that learn content rather than length: ODIN's loss and heads, length-balanced pairs and the
length-residual line, with hand-computed values."""
import json
import math

import pytest
import torch

from rlhf_utils.data import PreferencePair
from rlhf_utils.reward_length import (
    TwoHeadRewardModel,
    balance_by_length,
    odin_loss,
    pearson,
)


def test_pearson_by_hand():
    x = torch.tensor([1.0, 2.0, 3.0])
    assert float(pearson(x, 2 * x + 1)) == pytest.approx(1.0)
    assert float(pearson(x, -x)) == pytest.approx(-1.0)
    assert float(pearson(x, torch.ones(3))) == 0.0  # constant: no correlation, no NaN


def test_odin_loss_by_hand():
    # pairs: quality (1, 0) vs (0, 1), length head (1, 1) vs (0, 0), answer lengths (10, 20) vs (5, 5)
    # ranking: mean(-log sigmoid(2), -log sigmoid(0)) = (0.126928 + 0.693147) / 2 = 0.410038
    # corr(q=[1,0,0,1], L=[10,20,5,5]) = -5 / sqrt(150) = -0.408248; corr(l=[1,1,0,0], L) = 10 / sqrt(150) = 0.816497
    # ortho |[1, 0] . [0.5, 2]| = 0.5  ->  0.410038 + (0.408248 - 0.816497) + 0.5 = 0.501790
    loss, parts = odin_loss((torch.tensor([1.0, 0.0]), torch.tensor([0.0, 1.0])),
                            (torch.tensor([1.0, 1.0]), torch.tensor([0.0, 0.0])),
                            (torch.tensor([10.0, 20.0]), torch.tensor([5.0, 5.0])),
                            torch.tensor([[1.0, 0.0]]), torch.tensor([[0.5, 2.0]]))
    assert parts["ranking"] == pytest.approx((math.log1p(math.exp(-2)) + math.log(2)) / 2, abs=1e-6)
    assert parts["disentangle"] == pytest.approx((5 - 10) / math.sqrt(150), abs=1e-6)
    assert parts["ortho"] == pytest.approx(0.5)
    assert float(loss) == pytest.approx(0.501790, abs=1e-5)
    weighted, _ = odin_loss((torch.tensor([1.0, 0.0]), torch.tensor([0.0, 1.0])),
                            (torch.tensor([1.0, 1.0]), torch.tensor([0.0, 0.0])),
                            (torch.tensor([10.0, 20.0]), torch.tensor([5.0, 5.0])),
                            torch.tensor([[1.0, 0.0]]), torch.tensor([[0.5, 2.0]]), length_weight=0.0,
                            ortho_weight=2.0)
    assert float(weighted) == pytest.approx(0.410038 + 1.0, abs=1e-5)


def test_balance_by_length_puts_longer_wins_at_chance():
    pairs = [PreferencePair("q", "a" * n, "a" * m) for n, m in ((5, 1), (6, 2), (7, 3), (1, 4), (3, 3))]
    kept = balance_by_length(pairs, len, seed=0)
    assert len(kept) == 3  # one of the three chosen-is-longer pairs, the shorter one and the tie
    wins = [1.0 if len(p.chosen) > len(p.rejected) else 0.5 if len(p.chosen) == len(p.rejected) else 0.0
            for p in kept]
    assert sum(wins) / len(wins) == 0.5
    assert [p for p in pairs if p in kept] == kept  # order kept


def test_two_head_model_saves_as_its_quality_head(tmp_path, tiny_cfg):
    from rlhf_utils.models import load_backbone
    from rlhf_utils.reward import load_scalar_model, save_scalar_model

    torch.manual_seed(0)
    model = TwoHeadRewardModel(load_backbone("tiny-gpt2", tiny_cfg.model, seed=0)).eval()
    ids = torch.randint(0, 1000, (3, 7))
    mask = torch.ones_like(ids)
    mask[0, 5:] = 0
    both = model(ids, mask, both=True)
    assert both.shape == (2, 3) and not torch.allclose(both[0], both[1])
    assert torch.allclose(model(ids, mask), both[0])  # the reward is the quality head (mean 0, std 1 here)
    save_scalar_model(model, tmp_path / "rm")
    loaded = load_scalar_model(tmp_path / "rm").eval()
    assert torch.allclose(loaded(ids, mask), model(ids, mask), atol=1e-6)


def test_length_correction_removes_the_length_line_and_survives_saving(tmp_path, tiny_cfg):
    from rlhf_utils.models import load_backbone
    from rlhf_utils.reward import save_scalar_model, score_rows
    from rlhf_utils.reward_length import LengthCorrectedModel, fit_length_correction
    from rlhf_utils.stages.reward import load_reward_model

    torch.manual_seed(0)
    model = LengthCorrectedModel(load_backbone("tiny-gpt2", tiny_cfg.model, seed=0)).eval()
    with torch.no_grad():  # make the raw score depend on length: a bias that grows with position
        model.backbone.wpe.weight.copy_(torch.arange(256.0)[:, None] * 0.05 * model.head.weight.sign())
    rows = [list(torch.randint(0, 1000, (n,)).tolist()) for n in (3, 5, 8, 12, 16, 20, 25, 30)]
    lengths = torch.tensor([len(r) for r in rows], dtype=torch.float32)
    fit = fit_length_correction(model, rows, pad_id=0)
    assert abs(fit["corr_before"]) > 0.5  # the raw scores followed length
    after = score_rows(model, rows, pad_id=0)
    assert abs(float(pearson(after, lengths))) < 1e-4
    assert float(after.mean()) == pytest.approx(0.0, abs=1e-4) and float(after.std()) == pytest.approx(1.0, abs=1e-4)
    save_scalar_model(model, tmp_path / "rm")
    loaded = load_reward_model(tmp_path / "rm")
    assert isinstance(loaded, LengthCorrectedModel)
    assert torch.allclose(score_rows(loaded, rows, pad_id=0), after, atol=1e-5)


def test_odin_learns_content_and_puts_length_in_its_length_head(tiny_cfg, tokenizer):
    """Content decides every label (polite vs 'no no'), lengths vary independently: the quality head ranks
    held-out pairs whose good answer is the shorter one, and length is carried by the length head."""
    from rlhf_utils.config import RewardConfig
    from rlhf_utils.models import load_backbone
    from rlhf_utils.reward import score_texts
    from rlhf_utils.reward_length import train_odin_reward_model
    from rlhf_utils.training import make_accelerator

    good = ["Thank you, this explains it", "Here is a clear and polite reply", "It is a helpful answer"]
    words = lambda text, n: " ".join((text.split() * 4)[:n])  # noqa: E731
    prompts = ["Explain AI:", "Describe rain:", "Name a colour:", "What is tea:"]
    pairs = [PreferencePair(p, words(good[i % 3], 2 + (i * 5 + j) % 9), words("no no no no", 1 + (i + 3 * j) % 9))
             for i, p in enumerate(prompts) for j in range(6)]
    heldout = [PreferencePair(p, words(good[i % 3], 3), words("no no no no", 9)) for i, p in enumerate(prompts)]
    torch.manual_seed(0)
    model = TwoHeadRewardModel(load_backbone("tiny-gpt2", tiny_cfg.model, seed=1))
    cfg = RewardConfig(steps=60, batch_size=8, lr=3e-3, eval_every=30, objective="odin")
    result = train_odin_reward_model(model, tokenizer, pairs, heldout, cfg, tiny_cfg.data,
                                     make_accelerator(tiny_cfg.model))
    assert result["heldout"][-1]["accuracy"] == 1.0  # every good answer here is the shorter one
    assert result["log"][-1]["ranking"] < result["log"][0]["ranking"]
    answers = [words(t, n) for t in good + ["no no no no"] for n in (2, 5, 9)]
    lengths = torch.tensor([len(tokenizer(" " + a).input_ids) for a in answers], dtype=torch.float32)
    quality = score_texts(model, tokenizer, ["Explain AI:"] * len(answers), answers, tiny_cfg.data)
    from rlhf_utils.reward import pair_features
    rows = [c for c, _ in pair_features([PreferencePair("Explain AI:", a, a) for a in answers], tokenizer,
                                        tiny_cfg.data)]
    from rlhf_utils.training import right_pad
    ids, mask = right_pad(rows, tokenizer.pad_token_id)
    with torch.no_grad():
        length_scores = model.eval()(ids, mask, both=True)[1]
    assert float(pearson(length_scores, lengths)) > 0.8
    assert abs(float(pearson(quality, lengths))) < float(pearson(length_scores, lengths))


@pytest.mark.slow
def test_reward_stage_with_every_length_option(tmp_path):
    """The pipeline's reward stage with objective=odin, length_balance and length_correction=residual: it trains,
    saves a length-corrected quality-only RM that loads back, and reports the corrected held-out accuracy."""
    from rlhf_utils.pipeline import Pipeline
    from rlhf_utils.profiles import load_config
    from rlhf_utils.reward_length import LengthCorrectedModel

    opts = ["objective=odin", "length_balance=true", "length_correction=residual", "steps=20", "eval_every=10"]
    cfg = load_config("tiny", ["sft.steps=10", "reward_poor.steps=5", *[f"reward_good.{o}" for o in opts]])
    pipe = Pipeline(cfg, tmp_path / "run")
    pipe.run(("sft", "reward_models"))
    good = pipe.metrics["reward_models"]["good"]
    assert "length_slope" in good and "length_slope" not in pipe.metrics["reward_models"]["poor"]
    log = json.loads((pipe.reward_dir("good") / "log.json").read_text())
    assert log["heldout"][-1]["length_corrected"] and good["heldout_accuracy"] == log["heldout"][-1]["accuracy"]
    assert {"ranking", "disentangle", "ortho"} <= set(log["log"][-1])
    assert isinstance(pipe.load_reward_model("good"), LengthCorrectedModel)


def test_odin_pair_loss_gives_answers_that_truncate_alike_their_mean_length(tiny_cfg, tokenizer, monkeypatch):
    """Two answers of 30 and 60 words cut to the same row by max_length: one input, so one length target (45 words'
    tokens on average), where a lookup by row would silently keep whichever came last."""
    import dataclasses

    from rlhf_utils import reward_length
    from rlhf_utils.config import RewardConfig
    from rlhf_utils.models import load_backbone
    from rlhf_utils.reward import answer_lengths, collate_pairs, pair_features

    data = dataclasses.replace(tiny_cfg.data, max_length=20, max_prompt_tokens=8)
    pairs = [PreferencePair("Explain AI:", "word " * 30, "no"), PreferencePair("Explain AI:", "word " * 60, "nay")]
    model = TwoHeadRewardModel(load_backbone("tiny-gpt2", tiny_cfg.model, seed=1))
    features = pair_features(pairs, tokenizer, data)
    assert features[0][0] == features[1][0]  # both chosen answers truncate to one row
    seen = []

    def spy(quality, length_scores, lengths, *args):
        seen.append(torch.cat(lengths).tolist())
        return odin_loss(quality, length_scores, lengths, *args)

    monkeypatch.setattr(reward_length, "odin_loss", spy)
    loss = reward_length.odin_pair_loss(model, pairs, tokenizer, RewardConfig(objective="odin"), data)
    loss(model, collate_pairs(features, tokenizer.pad_token_id))
    chosen, rejected = answer_lengths(pairs, tokenizer)
    assert seen == [[sum(chosen) / 2, sum(chosen) / 2, *rejected]]
    assert chosen[0] != chosen[1]
