"""DPO with TRL's DPOTrainer: it raises the implicit reward margin on its pairs, saves a plain model, and re-uses it."""
import dataclasses

import torch

from rlhf_utils.config import DPOConfig
from rlhf_utils.data import load_preference_pairs, tokenize_example
from rlhf_utils.dpo import implicit_margin, sequence_logprob, train_dpo
from rlhf_utils.models import load_causal_lm


def test_sequence_logprob_matches_token_by_token_sum(tiny_cfg, tiny_model, tokenizer):
    prompt, response = "Explain rain:", "Water falls from clouds."
    ids, n_prompt = tokenize_example(tokenizer, prompt, response, tiny_cfg.data.max_prompt_tokens,
                                     tiny_cfg.data.max_length)
    expected = 0.0
    with torch.no_grad():
        for j in range(n_prompt, len(ids)):  # log p(token j | tokens before it), one prefix at a time
            logits = tiny_model(input_ids=torch.tensor([ids[:j]])).logits[0, -1]
            expected += float(torch.log_softmax(logits, -1)[ids[j]])
    got = sequence_logprob(tiny_model, tokenizer, [prompt], [response], tiny_cfg.data)
    assert got.shape == (1,) and abs(float(got[0]) - expected) < 1e-3
    # batched with a longer row (right padding) it is the same number
    both = sequence_logprob(tiny_model, tokenizer, [prompt, "A much longer prompt about many things:"],
                            [response, "A long answer with quite a few more words in it."], tiny_cfg.data)
    assert abs(float(both[0]) - expected) < 1e-3


def test_dpo_raises_the_implicit_margin_and_saves_a_plain_model(tiny_cfg, tokenizer, tmp_path):
    sft_dir = tmp_path / "sft"
    load_causal_lm("tiny-gpt2", tiny_cfg.model, seed=0).save_pretrained(sft_dir)  # the "SFT" policy
    pairs, _ = load_preference_pairs("embedded", 32, 8, seed=0)
    ref = load_causal_lm(str(sft_dir), tiny_cfg.model)
    before = implicit_margin(ref, ref, tokenizer, pairs, tiny_cfg.data)  # policy = reference: exactly 0
    assert float(before.abs().max()) == 0.0

    data_cfg = dataclasses.replace(tiny_cfg.data, max_length=64)  # TRL projects every position: keep rows short
    cfg = DPOConfig(steps=6, batch_size=4, lr=1e-3, beta=0.1)
    log = train_dpo(sft_dir, tokenizer, pairs, cfg, data_cfg, tmp_path / "dpo", seed=0, model_cfg=tiny_cfg.model)
    assert len(log) == 6 and {"loss", "rewards/margins", "rewards/accuracies"} <= set(log[0])
    assert log[-1]["loss"] < log[0]["loss"] - 0.1  # log(2) = 0.693 at step 1

    policy = load_causal_lm(str(tmp_path / "dpo" / "model"), tiny_cfg.model)
    assert not any("lora" in k for k in policy.state_dict())
    after = implicit_margin(policy, ref, tokenizer, pairs, data_cfg)
    assert float(after.mean()) > 2.0 and float((after > 0).float().mean()) >= 0.8

    again = train_dpo(sft_dir, tokenizer, pairs, cfg, data_cfg, tmp_path / "dpo", model_cfg=tiny_cfg.model)
    assert again == log  # done marker present: re-used, not retrained
