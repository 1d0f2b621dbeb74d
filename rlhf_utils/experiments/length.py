"""Option 6: response length. Token caps, greedy vs sampling, stopping or trimming at a sentence end."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from rlhf_utils.experiments.outcome import Outcome

if TYPE_CHECKING:
    from rlhf_utils.experiments.core import Part2
    from rlhf_utils.experiments.estimates import Tally


def length(x: Part2, seed: int) -> Outcome:
    """Token cap, greedy vs sampling, stopping at the first natural sentence end, and trimming a capped
    answer back to its last full sentence."""
    out, base = Outcome(), x.cfg.eval.generation
    settings = [("baseline", base, {})]
    for n in x.grid["max_new_tokens"]:
        if n != base.max_new_tokens:
            settings.append((f"max_new_tokens={n}", dataclasses.replace(base, max_new_tokens=n), {}))
    longest = max([base.max_new_tokens, *x.grid["max_new_tokens"]])
    for n in sorted({base.max_new_tokens, longest}):
        settings.append((f"greedy,max_new_tokens={n}", dataclasses.replace(base, max_new_tokens=n, do_sample=False),
                         {}))
    settings.append((f"stop_at_sentence,max_new_tokens={longest}",
                     dataclasses.replace(base, max_new_tokens=longest), {"stop_at_sentence": True}))
    x.sweep(out, settings, x.grid["models"], seed)
    trim = x.pieces.trim_to_sentence
    x.sweep(out, [("trim_to_sentence", base, {})], x.grid["models"], seed, post=trim)
    return out


def length_cost(t: Tally) -> None:
    """The work `length` does, loop for loop, counted on `t` (`estimates.Tally`): its estimated cost."""
    base, models = t.cfg.eval.generation, t.grid["models"]
    longest = max([base.max_new_tokens, *t.grid["max_new_tokens"]])
    caps = [n for n in t.grid["max_new_tokens"] if n != base.max_new_tokens]
    caps += sorted({base.max_new_tokens, longest}) + [longest, base.max_new_tokens]  # greedy, stop, trim
    for _ in models:
        t.generate(base)
        for n in caps:
            t.generate(dataclasses.replace(base, max_new_tokens=n))
    t.part1_models(len(models))
    t.note(f"{1 + len(caps)} settings x {len(models)} models x {t.n_prompts} prompts x {min(caps)}-{longest} tok")
