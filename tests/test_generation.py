import math

import pytest
import torch

from rlhf_utils.generation import generate_responses, response_logprobs, response_mask, rollout, token_logprobs

PROMPTS = ["Explain AI:", "Write a short poem about the ocean and the sky at night:", "Hi:",
           "Describe the water cycle in three steps:", "What is machine learning:"]


def test_batched_greedy_equals_one_at_a_time(tiny_model, tokenizer):
    batched = generate_responses(tiny_model, tokenizer, PROMPTS, max_new_tokens=12, do_sample=False, batch_size=5)
    single = [generate_responses(tiny_model, tokenizer, [p], max_new_tokens=12, do_sample=False)[0] for p in PROMPTS]
    assert batched == single
    assert len(set(batched)) > 1  # not trivially equal


def test_sampling_is_seeded_and_options_apply(tiny_model, tokenizer):
    a = generate_responses(tiny_model, tokenizer, PROMPTS, max_new_tokens=8, seed=1)
    b = generate_responses(tiny_model, tokenizer, PROMPTS, max_new_tokens=8, seed=1)
    assert a == b
    out = generate_responses(tiny_model, tokenizer, PROMPTS, max_new_tokens=8, temperature=0.3, top_k=20, top_p=0.9,
                             repetition_penalty=1.2, no_repeat_ngram_size=2, seed=1)
    assert len(out) == len(PROMPTS) and all(isinstance(t, str) for t in out)


def test_response_mask_stops_after_first_eos():
    eos = 9
    ids = torch.tensor([[1, 2, 9, 9, 9], [1, 2, 3, 4, 5], [9, 9, 9, 9, 9]])
    assert response_mask(ids, eos).tolist() == [[1, 1, 1, 0, 0], [1, 1, 1, 1, 1], [1, 0, 0, 0, 0]]


def test_rollout_logprobs_match_training_pass(tiny_model, tokenizer):
    """The log-probs PPO trains on equal those of the distribution the tokens were sampled from."""
    temperature = 0.7
    torch.manual_seed(0)
    enc = tokenizer(PROMPTS, return_tensors="pt", padding=True)
    out = tiny_model.generate(**enc, do_sample=True, temperature=temperature, top_k=0, top_p=1.0, max_new_tokens=10,
                              pad_token_id=tokenizer.pad_token_id, output_scores=True, return_dict_in_generate=True)
    response = out.sequences[:, enc.input_ids.shape[1]:]
    mask = response_mask(response, tokenizer.eos_token_id)
    gen_logp = torch.stack([torch.log_softmax(s.float(), -1) for s in out.scores], 1)  # scores are logits / T
    gen_logp = gen_logp.gather(-1, response[..., None]).squeeze(-1)
    with torch.no_grad():
        train_logp, entropy = response_logprobs(tiny_model, enc.input_ids, enc.attention_mask, response, mask,
                                                temperature)
    valid = mask.bool()
    assert torch.allclose(train_logp[valid], gen_logp[valid], atol=1e-4)
    assert (entropy[valid] > 0).all()


def test_rollout_shapes(tiny_model, tokenizer):
    roll = rollout(tiny_model, tokenizer, PROMPTS, max_new_tokens=6, temperature=1.0)
    assert roll["query_ids"].shape == roll["query_mask"].shape and roll["query_ids"].shape[0] == len(PROMPTS)
    assert roll["response_ids"].shape[1] <= 6 and roll["response_mask"].shape == roll["response_ids"].shape
    assert roll["query_mask"][:, -1].all()  # left padding: every prompt ends at the last column


def test_rollout_logprobs_are_the_training_pass(tiny_model, tokenizer):
    """PPO's rollout log-probs are computed as the update computes them (`response_logprobs`, through
    `token_logprobs`, the one place the temperature is applied): equal bit for bit, so iteration 0's ratio is 1."""
    torch.manual_seed(0)
    roll = rollout(tiny_model, tokenizer, PROMPTS, max_new_tokens=8, temperature=0.7)
    with torch.no_grad():
        train_logp, _ = response_logprobs(tiny_model, roll["query_ids"], roll["query_mask"], roll["response_ids"],
                                          roll["response_mask"], 0.7)
    valid = roll["response_mask"].bool()
    assert torch.equal(roll["logprobs"][valid], train_logp[valid])
    assert (roll["logprobs"][~valid] == 0).all()


def test_rollout_logprobs_under_autocast_are_the_training_pass(tiny_model, tokenizer):
    """Under low-precision autocast (bf16 here, fp16 on a T4) `generate`'s cached passes give other log-probs than a
    full forward pass, so log-probs taken from them would start PPO with a ratio != 1 and a KL != 0 to an identical
    reference. The rollout's are the forward pass's, bit for bit, and in fp32."""
    torch.manual_seed(0)
    with torch.no_grad(), torch.autocast("cpu", dtype=torch.bfloat16):
        roll = rollout(tiny_model, tokenizer, PROMPTS, max_new_tokens=8, temperature=0.7)
        again, _ = response_logprobs(tiny_model, roll["query_ids"], roll["query_mask"], roll["response_ids"],
                                     roll["response_mask"], 0.7)
        enc = {"input_ids": roll["query_ids"], "attention_mask": roll["query_mask"]}
        cached = tiny_model.generate(**enc, do_sample=False, max_new_tokens=roll["response_ids"].shape[1],
                                     min_new_tokens=roll["response_ids"].shape[1], pad_token_id=tokenizer.eos_token_id,
                                     output_logits=True, return_dict_in_generate=True)
    valid = roll["response_mask"].bool()
    assert roll["logprobs"].dtype == torch.float32 and torch.equal(roll["logprobs"][valid], again[valid])
    greedy = cached.sequences[:, roll["query_ids"].shape[1]:]
    with torch.no_grad(), torch.autocast("cpu", dtype=torch.bfloat16):
        full, _ = response_logprobs(tiny_model, roll["query_ids"], roll["query_mask"], greedy,
                                    torch.ones_like(greedy), 0.7)
    from_cache = token_logprobs(torch.stack(cached.logits, 1), greedy, 0.7)
    assert not torch.equal(from_cache, full)  # what the rollout no longer does


def test_rollout_hidden_states_match_training_pass(tiny_model, tokenizer):
    """A shared value head reads generate's last-layer states at rollout and the training pass's later:
    they must be the same states (after the final layer norm), position for position."""
    torch.manual_seed(0)
    roll = rollout(tiny_model, tokenizer, PROMPTS, max_new_tokens=8, temperature=0.7, with_hidden=True)
    q, qm, r, rm = roll["query_ids"], roll["query_mask"], roll["response_ids"], roll["response_mask"]
    with torch.no_grad():
        _, _, hidden = response_logprobs(tiny_model, q, qm, r, rm, 0.7, with_hidden=True)
        ids, mask = torch.cat([q, r], 1), torch.cat([qm, rm], 1)
        from rlhf_utils.models import position_ids_from_mask
        normed = tiny_model.transformer(input_ids=ids, attention_mask=mask,
                                        position_ids=position_ids_from_mask(mask)).last_hidden_state
    assert roll["hidden"].shape == (*r.shape, tiny_model.config.hidden_size)
    valid = rm.bool()
    assert torch.allclose(roll["hidden"][valid], hidden[valid], atol=1e-4)
    assert torch.allclose(hidden, normed[:, q.shape[1] - 1:-1], atol=1e-5)


def test_token_logprobs_by_hand():
    """logits (0, ln 3): probabilities 1/4, 3/4 at T = 1; at T = 0.5 the logits double: 1/10, 9/10."""
    logits = torch.tensor([[[0.0, math.log(3.0)]]])
    assert token_logprobs(logits, torch.tensor([[1]]), 1.0).item() == pytest.approx(math.log(0.75))
    logp, entropy = token_logprobs(logits, torch.tensor([[0]]), 0.5, with_entropy=True)
    assert logp.item() == pytest.approx(math.log(0.1))
    assert entropy.item() == pytest.approx(-(0.1 * math.log(0.1) + 0.9 * math.log(0.9)))
