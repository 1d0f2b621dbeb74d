import torch
import torch.nn.functional as F

from rlhf_utils.data import SFTExample, tokenize_example
from rlhf_utils.sft import IGNORE, collate, sft_features, sft_loss, train_sft
from rlhf_utils.training import make_accelerator

EXAMPLES = [
    SFTExample("Explain AI:", "AI is the study of machines that learn from data."),
    SFTExample("Name a primary colour:", "Red is a primary colour."),
    SFTExample("Describe rain:", "Rain is water falling from clouds in drops."),
    SFTExample("What is two plus two:", "Two plus two is four."),
]


def test_prompt_tokens_are_masked(tokenizer, tiny_cfg):
    feats = sft_features(EXAMPLES, tokenizer, tiny_cfg.data)
    for ex, f in zip(EXAMPLES, feats):
        n_prompt = len(tokenizer(ex.prompt).input_ids)
        response = tokenizer(" " + ex.response).input_ids + [tokenizer.eos_token_id]
        assert f["labels"][:n_prompt] == [IGNORE] * n_prompt
        assert f["labels"][n_prompt:] == response == f["input_ids"][n_prompt:]
    batch = collate(feats, tokenizer.pad_token_id)
    lengths = batch["attention_mask"].sum(1)
    for i, n in enumerate(lengths):  # right padding: labels ignored and mask 0 after the end
        assert (batch["labels"][i, n:] == IGNORE).all() and batch["attention_mask"][i, :n].all()


def test_truncation_keeps_prompt_end_and_limits_length(tokenizer):
    ids, n_prompt = tokenize_example(tokenizer, "word " * 50 + "Explain AI:", "It is " * 40, 8, 20)
    assert n_prompt == 8 and len(ids) == 20
    assert tokenizer.decode(ids[:n_prompt]).endswith("Explain AI:")


def test_sft_loss_equals_full_logits_cross_entropy(tiny_model, tokenizer, tiny_cfg):
    batch = collate(sft_features(EXAMPLES, tokenizer, tiny_cfg.data), tokenizer.pad_token_id)
    with torch.no_grad():
        loss, n = sft_loss(tiny_model, batch)
        logits = tiny_model(input_ids=batch["input_ids"], attention_mask=batch["attention_mask"]).logits
    reference = F.cross_entropy(logits[:, :-1].reshape(-1, logits.shape[-1]), batch["labels"][:, 1:].reshape(-1),
                                ignore_index=IGNORE)
    assert torch.allclose(loss, reference, atol=1e-5)
    assert n == int((batch["labels"] != IGNORE).sum())


def test_tiny_sft_learns(tiny_model, tokenizer, tiny_cfg):
    cfg = tiny_cfg.sft
    cfg = type(cfg)(steps=30, batch_size=4, lr=3e-3, warmup_steps=2, heldout_examples=2)
    result = train_sft(tiny_model, tokenizer, EXAMPLES, EXAMPLES[:2], cfg, tiny_cfg.data,
                       make_accelerator(tiny_cfg.model), eval_every=10)
    losses = [r["loss"] for r in result["log"]]
    assert len(losses) == 30 and losses[-1] < 0.5 * losses[0]
    assert result["heldout"][-1]["loss"] < result["heldout"][0]["loss"]
