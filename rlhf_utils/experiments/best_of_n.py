"""Option 7: best-of-n. n samples per prompt, the good RM picks one."""

from __future__ import annotations

from typing import TYPE_CHECKING

import torch

from rlhf_utils.experiments.outcome import Outcome, point
from rlhf_utils.reward import score_texts

if TYPE_CHECKING:
    from rlhf_utils.experiments.core import Part2


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
