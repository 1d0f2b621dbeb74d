"""Activation steering: the hook changes the forward pass only while active, and moves the model along the vector."""
import torch

from rlhf_utils.steering import default_layer, steer, steering_vector, transformer_blocks

PROMPT = "Tell me about the weather today:"


def logits(model, tokenizer, text=PROMPT):
    with torch.no_grad():
        return model(input_ids=torch.tensor([tokenizer(text).input_ids])).logits[0, -1]


def word_vector(model, tokenizer, layer):
    cats = [" cat" * n for n in range(3, 9)]
    dogs = [" dog" * n for n in range(3, 9)]
    return steering_vector(model, tokenizer, cats, dogs, layer, batch_size=4)


def test_blocks_layer_and_shape(tiny_model, tokenizer, tiny_cfg):
    assert len(transformer_blocks(tiny_model)) == tiny_cfg.model.tiny_layers == 2
    assert default_layer(tiny_model) == 1
    v = word_vector(tiny_model, tokenizer, 1)
    assert v.shape == (tiny_cfg.model.tiny_hidden,) and v.norm() > 0


def test_hook_changes_logits_only_while_active(tiny_model, tokenizer):
    v = word_vector(tiny_model, tokenizer, 0)
    before = logits(tiny_model, tokenizer)
    with steer(tiny_model, v, 0, alpha=0.0):
        assert torch.equal(logits(tiny_model, tokenizer), before)
    with steer(tiny_model, v, 0, alpha=2.0):
        assert (logits(tiny_model, tokenizer) - before).abs().max() > 1e-2
    assert torch.equal(logits(tiny_model, tokenizer), before)  # hook removed
    try:
        with steer(tiny_model, v, 0, alpha=2.0):
            raise RuntimeError("boom")
    except RuntimeError:
        pass
    assert torch.equal(logits(tiny_model, tokenizer), before)  # removed on error too


def test_steering_moves_next_token_towards_the_positive_word(tiny_model, tokenizer):
    cat, dog = tokenizer(" cat").input_ids[0], tokenizer(" dog").input_ids[0]
    for layer in (0, 1):
        v = word_vector(tiny_model, tokenizer, layer)
        base = torch.log_softmax(logits(tiny_model, tokenizer), -1)
        with steer(tiny_model, v, layer, alpha=4.0):
            pos = torch.log_softmax(logits(tiny_model, tokenizer), -1)
        with steer(tiny_model, v, layer, alpha=-4.0):
            neg = torch.log_softmax(logits(tiny_model, tokenizer), -1)
        # + alpha favours " cat" over " dog", - alpha the reverse
        assert pos[cat] - pos[dog] > base[cat] - base[dog] + 0.5 > neg[cat] - neg[dog] + 1.0, layer


def test_steering_applies_at_every_generated_token(tiny_model, tokenizer):
    """With the KV cache each step after the first runs only the new token through the blocks: the " cat" vs
    " dog" logit gap must still be raised at every step, not just on the prompt."""
    cat, dog = tokenizer(" cat").input_ids[0], tokenizer(" dog").input_ids[0]
    v = word_vector(tiny_model, tokenizer, 1)
    enc = tokenizer([PROMPT], return_tensors="pt")

    def gaps() -> torch.Tensor:
        out = tiny_model.generate(**enc, max_new_tokens=6, do_sample=False, output_scores=True,
                                  return_dict_in_generate=True, pad_token_id=tokenizer.eos_token_id)
        return torch.stack([s[0, cat] - s[0, dog] for s in out.scores])

    plain = gaps()
    with steer(tiny_model, v, 1, alpha=4.0):
        steered = gaps()
    assert len(steered) == 6 and bool((steered > plain + 0.5).all())
