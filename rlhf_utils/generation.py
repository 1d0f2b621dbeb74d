"""Batched generation with left padding: text in, text out (`generate_responses`), or tokens for PPO
(`sample_tokens`). Prompts are sorted by length before batching so little padding is computed."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from typing import Any

import torch
from transformers import PreTrainedModel, PreTrainedTokenizerBase, StoppingCriteria, StoppingCriteriaList

from rlhf_utils.config import GenerationConfig
from rlhf_utils.models import position_ids_from_mask


def encode_prompts(tokenizer: PreTrainedTokenizerBase, prompts: list[str], max_prompt_tokens: int | None,
                 device: torch.device) -> dict[str, torch.Tensor]:
    tokenizer.padding_side = "left"
    tokenizer.truncation_side = "left"
    enc = tokenizer(prompts, return_tensors="pt", padding=True, truncation=max_prompt_tokens is not None,
                    max_length=max_prompt_tokens)
    return {"input_ids": enc.input_ids.to(device), "attention_mask": enc.attention_mask.to(device)}


def decoding_kwargs(tokenizer: PreTrainedTokenizerBase, max_new_tokens: int, do_sample: bool, temperature: float,
                     top_k: int, top_p: float, repetition_penalty: float, no_repeat_ngram_size: int) -> dict:
    kwargs: dict[str, Any] = dict(
        max_new_tokens=max_new_tokens, do_sample=do_sample, pad_token_id=tokenizer.pad_token_id,
        eos_token_id=tokenizer.eos_token_id, repetition_penalty=repetition_penalty,
        no_repeat_ngram_size=no_repeat_ngram_size,
    )
    if do_sample:
        kwargs.update(temperature=temperature, top_k=top_k, top_p=top_p)
    else:  # override sampling defaults a model's generation_config may carry
        kwargs.update(temperature=None, top_k=None, top_p=None)
    return kwargs


# region Option 1: decoding settings (temperature, top-k, top-p, repetition penalty, no-repeat n-grams)
@torch.no_grad()
def generate_responses(
    model: PreTrainedModel,
    tokenizer: PreTrainedTokenizerBase,
    prompts: list[str],
    max_new_tokens: int = 50,
    temperature: float = 0.7,
    top_k: int = 50,
    top_p: float = 1.0,
    repetition_penalty: float = 1.0,
    no_repeat_ngram_size: int = 0,
    do_sample: bool = True,
    batch_size: int = 16,
    seed: int | None = None,
    max_prompt_tokens: int | None = None,
    stop_at_sentence: bool = False,
    min_words: int = 5,
) -> list[str]:
    """Continuations of `prompts` (the prompt itself removed, special tokens and outer spaces stripped).

    `do_sample=False` is greedy decoding; then a batch gives exactly the texts of one prompt at a time.
    `top_k=0` and `top_p=1.0` disable those filters. `seed` makes sampling repeatable.
    `stop_at_sentence` ends each answer at its first sentence end after `min_words` words.
    """
    if seed is not None:
        torch.manual_seed(seed)
    device = next(model.parameters()).device
    was_training = model.training
    model.eval()
    kwargs = decoding_kwargs(tokenizer, max_new_tokens, do_sample, temperature, top_k, top_p,
                              repetition_penalty, no_repeat_ngram_size)
    order = sorted(range(len(prompts)), key=lambda i: len(prompts[i]))
    out: list[str] = [""] * len(prompts)
    for start in range(0, len(order), batch_size):
        idx = order[start:start + batch_size]
        enc = encode_prompts(tokenizer, [prompts[i] for i in idx], max_prompt_tokens, device)
        stop = None
        if stop_at_sentence:
            stop = StoppingCriteriaList([SentenceEndCriteria(tokenizer, enc["input_ids"].shape[1], min_words)])
        seqs = model.generate(**enc, **kwargs, stopping_criteria=stop)
        texts = tokenizer.batch_decode(seqs[:, enc["input_ids"].shape[1]:], skip_special_tokens=True)
        for i, text in zip(idx, texts):
            out[i] = text.strip()
    model.train(was_training)
    return out
# endregion


def generate_with_config(model: PreTrainedModel, tokenizer: PreTrainedTokenizerBase, prompts: list[str],
                         cfg: GenerationConfig, seed: int | None = None, generate: Callable = generate_responses,
                         **extra: Any) -> list[str]:
    """`generate` (default `generate_responses`) with the settings of a GenerationConfig."""
    return generate(model, tokenizer, prompts, **dataclasses.asdict(cfg), seed=seed, **extra)


# region Option 6: stopping at a natural break
_SENTENCE_END = re.compile(r"[.!?][\"')\]\u201d]?\s*$")


class SentenceEndCriteria(StoppingCriteria):
    """Stops each sequence once its response ends a sentence (. ! ? optionally followed by a closing
    quote or bracket) after at least `min_words` words: answers stop at a natural break instead of
    running into the token cap. Generated text is re-decoded every step: fine for short answers."""

    def __init__(self, tokenizer: PreTrainedTokenizerBase, prompt_length: int, min_words: int = 5):
        self.tokenizer, self.prompt_length, self.min_words = tokenizer, prompt_length, min_words

    def __call__(self, input_ids: torch.Tensor, scores: torch.Tensor, **kwargs: Any) -> torch.Tensor:
        texts = self.tokenizer.batch_decode(input_ids[:, self.prompt_length:], skip_special_tokens=True)
        done = [bool(_SENTENCE_END.search(t)) and len(t.split()) >= self.min_words for t in texts]
        return torch.tensor(done, dtype=torch.bool, device=input_ids.device)


def trim_to_sentence(text: str) -> str:
    """`text` up to its last sentence end; unchanged when it has none (so a short fragment survives)."""
    ends = list(re.finditer(r"[.!?][\"')\]\u201d]?(?=\s|$)", text))
    return text[: ends[-1].end()] if ends else text
# endregion


# region (*) TODO 10: rollouts: sampled responses, their mask and their log-probs
def response_mask(response_ids: torch.Tensor, eos_id: int) -> torch.Tensor:
    """1 on response tokens up to and including the first EOS, 0 after it. [B, R] -> [B, R] long."""
    is_eos = (response_ids == eos_id).long()
    eos_before = is_eos.cumsum(-1) - is_eos
    return (eos_before == 0).long()


def token_logprobs(logits: torch.Tensor, tokens: torch.Tensor, temperature: float,
                   with_entropy: bool = False) -> torch.Tensor | tuple[torch.Tensor, torch.Tensor]:
    """log pi(token) under softmax(logits / temperature), in fp32: logits [B, R, V], tokens [B, R] -> [B, R]; with
    `with_entropy` also the entropy [B, R]. The one place the temperature enters a log-prob."""
    logp = torch.log_softmax(logits.float() / temperature, -1)
    picked = logp.gather(-1, tokens[..., None]).squeeze(-1)
    return (picked, -(logp.exp() * logp).sum(-1)) if with_entropy else picked


def response_logprobs(model: torch.nn.Module, query_ids: torch.Tensor, query_mask: torch.Tensor,
                      response_ids: torch.Tensor, response_mask: torch.Tensor, temperature: float,
                      with_hidden: bool = False) -> tuple[torch.Tensor, ...]:
    """(log-probs [B, R], entropy [B, R]) of the response tokens from one forward pass over prompt + response (only
    the R positions predicting them reach the vocabulary); with `with_hidden` also the last hidden state [B, R, H]
    before each. Rollout, reference and update all call it: the first ratio is exactly 1, under autocast too."""
    ids, mask = torch.cat([query_ids, response_ids], 1), torch.cat([query_mask, response_mask], 1)
    out = model(input_ids=ids, attention_mask=mask, position_ids=position_ids_from_mask(mask),
                logits_to_keep=response_ids.shape[1] + 1, use_cache=False, output_hidden_states=with_hidden)
    logprobs, entropy = token_logprobs(out.logits[:, :-1], response_ids, temperature, with_entropy=True)
    if with_hidden:
        return logprobs, entropy, out.hidden_states[-1][:, query_ids.shape[1] - 1:-1]
    return logprobs, entropy


@torch.no_grad()
def rollout(model: PreTrainedModel, tokenizer: PreTrainedTokenizerBase, prompts: list[str], max_new_tokens: int,
            temperature: float, max_prompt_tokens: int | None = None, with_hidden: bool = False) -> dict:
    """One response per prompt by pure temperature sampling (no top-k/p). Returns query_ids, query_mask [B, P]
    (left-padded), response_ids, response_mask [B, R] (ends at the first EOS), logprobs [B, R] (0 after it; by
    `response_logprobs`, as the update, not from `generate`'s cached passes) and with `with_hidden` hidden [B, R, H]."""
    tokenizer.padding_side, tokenizer.truncation_side = "left", "left"
    enc = tokenizer(prompts, return_tensors="pt", padding=True, truncation=max_prompt_tokens is not None,
                    max_length=max_prompt_tokens).to(next(model.parameters()).device)
    was_training = model.training
    model.eval()  # the same function of the weights as the update's passes (no dropout anywhere in PPO)
    out = model.generate(**enc, do_sample=True, temperature=temperature, top_k=0, top_p=1.0, repetition_penalty=1.0,
                         no_repeat_ngram_size=0, max_new_tokens=max_new_tokens, pad_token_id=tokenizer.pad_token_id,
                         eos_token_id=tokenizer.eos_token_id)
    response = out[:, enc.input_ids.shape[1]:]
    mask = response_mask(response, tokenizer.eos_token_id)
    logprobs, _, *hidden = response_logprobs(model, enc.input_ids, enc.attention_mask, response, mask, temperature,
                                             with_hidden)
    model.train(was_training)
    roll = {"query_ids": enc.input_ids, "query_mask": enc.attention_mask, "response_ids": response,
            "response_mask": mask, "logprobs": torch.where(mask.bool(), logprobs, 0.0)}
    return {**roll, "hidden": hidden[0]} if with_hidden else roll
# endregion
