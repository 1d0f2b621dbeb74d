"""Inference-time activation steering: add a fixed direction to the residual stream, no training.

The direction is a contrastive mean difference ("activation addition", Turner et al., 2023; "contrastive
activation addition", Rimsky et al., 2024): the mean hidden state after block `layer` over the tokens of
`positive` texts minus the same mean over `negative` texts. `steer` adds `alpha` times it to that block's
output at every position of every forward pass, generation included, and removes the hook on exit:

    v = steering_vector(model, tok, chosen_answers, rejected_answers, layer=default_layer(model))
    with steer(model, v, layer, alpha=4.0):
        responses = generate_responses(model, tok, prompts, ...)
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import torch
from transformers import PreTrainedTokenizerBase

from rlhf_utils.models import transformer_blocks
from rlhf_utils.training import right_pad


def default_layer(model: torch.nn.Module) -> int:
    """About two thirds of the depth (0-based block index): late enough for the block outputs to carry
    abstract features, early enough for later blocks to turn the added direction into text."""
    return max(0, min(len(transformer_blocks(model)) - 1, (2 * len(transformer_blocks(model))) // 3))


def _hidden(output: torch.Tensor | tuple) -> torch.Tensor:
    return output[0] if isinstance(output, tuple) else output


@torch.no_grad()
def mean_activation(model: torch.nn.Module, tokenizer: PreTrainedTokenizerBase, texts: list[str], layer: int,
                    batch_size: int = 16) -> torch.Tensor:
    """Mean over all real (non-pad) tokens of `texts` of block `layer`'s output hidden state: [hidden], fp32."""
    captured: list[torch.Tensor] = []
    handle = transformer_blocks(model)[layer].register_forward_hook(lambda m, i, o: captured.append(_hidden(o)))
    device = next(model.parameters()).device
    total, count = None, 0
    was_training = model.training
    model.eval()
    try:
        for i in range(0, len(texts), batch_size):
            ids, mask = right_pad([tokenizer(t).input_ids or [tokenizer.eos_token_id] for t in texts[i:i + batch_size]],
                                  tokenizer.pad_token_id)
            captured.clear()
            model(input_ids=ids.to(device), attention_mask=mask.to(device), use_cache=False)
            hidden, m = captured[0].float(), mask.to(device)[..., None].float()
            batch_sum = (hidden * m).sum((0, 1))
            total = batch_sum if total is None else total + batch_sum
            count += int(mask.sum())
    finally:
        handle.remove()
        model.train(was_training)
    return total / max(count, 1)


def steering_vector(model: torch.nn.Module, tokenizer: PreTrainedTokenizerBase, positive: list[str],
                    negative: list[str], layer: int, batch_size: int = 16) -> torch.Tensor:
    """Mean block-`layer` output over the tokens of `positive` minus that over `negative`: [hidden], fp32."""
    return (mean_activation(model, tokenizer, positive, layer, batch_size)
            - mean_activation(model, tokenizer, negative, layer, batch_size))


@contextlib.contextmanager
def steer(model: torch.nn.Module, vector: torch.Tensor, layer: int, alpha: float) -> Iterator[None]:
    """Within the block, every forward pass adds `alpha * vector` ([hidden]) to the output of block `layer`
    at every position (prompt and generated tokens alike). The hook is removed on exit, even on error."""
    def hook(module: torch.nn.Module, inputs: tuple, output: torch.Tensor | tuple) -> torch.Tensor | tuple:
        hidden = _hidden(output)
        shifted = hidden + (alpha * vector).to(hidden.device, hidden.dtype)
        return (shifted, *output[1:]) if isinstance(output, tuple) else shifted

    handle = transformer_blocks(model)[layer].register_forward_hook(hook)
    try:
        yield
    finally:
        handle.remove()
