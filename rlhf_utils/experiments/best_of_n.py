"""Option 7: best-of-n. n samples per prompt, the good RM picks one."""

from __future__ import annotations

from typing import TYPE_CHECKING

import torch

from rlhf_utils.experiments.outcome import Outcome, point
from rlhf_utils.reward import score_texts

if TYPE_CHECKING:
    from rlhf_utils.experiments.core import Part2
    from rlhf_utils.experiments.estimates import Tally


def best_of_n(x: Part2, seed: int) -> Outcome:
    """n samples per prompt, the good RM picks one. Candidate k is always sampled with the same seed,
    so best-of-n contains best-of-(n-1) and the selected score can only grow with n. The poor (and gold)
    RM scores of the selected answers show whether the gain is real or the selector's own taste."""
    out, gen = Outcome(), x.cfg.eval.generation
    prompts = x.prompts()
    ns = sorted(x.grid["best_of_n"])
    rm, rm_tok = x.reward_models()["good"]
    for model in x.grid["models"]:
        candidates = [x.generate(model, prompts, gen, seed * 1000 + k) for k in range(max(ns))]
        scores = torch.stack([score_texts(rm, rm_tok, prompts, c, x.cfg.data, tokenize=x.pieces.tokenize_example)
                              for c in candidates])  # [K, P]
        for n in ns:
            chosen, _ = x.pieces.best_of_n_select(candidates[:n], scores[:n])
            setting = "baseline" if n == 1 else f"n={n}"
            x.answer(out, setting, model, prompts, chosen, seed)
            out.rows.append(point(setting, model, "n", n))
    return out


def best_of_n_cost(t: Tally) -> None:
    """The work `best_of_n` does, loop for loop, counted on `t` (`estimates.Tally`): its estimated cost."""
    gen, models, ns = t.cfg.eval.generation, t.grid["models"], t.grid["best_of_n"]
    k, q = max(ns), t.len.test_prompt
    for _ in models:
        for _ in range(k):
            t.generate(gen, score=False)
        t.score(k * t.n_prompts, q + gen.max_new_tokens, rms=1)
        for _ in ns:
            t.score(t.n_prompts, q + gen.max_new_tokens)
            t.answers(t.n_prompts, q, gen.max_new_tokens)
    t.part1_models(len(models))
    t.note(f"{k} samples x {len(models)} models x {t.n_prompts} prompts x {gen.max_new_tokens} tok")
