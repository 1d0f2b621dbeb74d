"""Option 1: generation parameters, one at a time around Part 1's decoding, then two combinations."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

import pandas as pd

from rlhf_utils.experiments.outcome import Outcome

if TYPE_CHECKING:
    from rlhf_utils.experiments.core import Part2
    from rlhf_utils.experiments.estimates import Tally


def generation(x: Part2, seed: int) -> Outcome:
    """One-at-a-time sweeps around Part 1's decoding, then two combinations: the best value of each
    parameter by good-RM score (seed 0 of the sweep) and a common recipe."""
    out, base = Outcome(), x.cfg.eval.generation
    settings = [("baseline", base, {})]
    for param, values in x.grid["generation"].items():
        for v in values:
            if v != getattr(base, param):
                settings.append((f"{param}={v}", dataclasses.replace(base, **{param: v}), {}))
    x.sweep(out, settings, x.grid["models"], seed)
    df = pd.DataFrame(out.rows)
    good = df[df.metric == "good_rm_score"].groupby("setting")["value"].mean()
    best = {}
    for param in x.grid["generation"]:
        candidates = {s: v for s, v in good.items() if s.startswith(f"{param}=")} | {"baseline": good["baseline"]}
        pick = max(candidates, key=candidates.get)
        best[param] = getattr(base, param) if pick == "baseline" else type(getattr(base, param))(pick.split("=")[1])
    recipe = dict(temperature=0.7, top_k=50, top_p=0.9, repetition_penalty=1.2, no_repeat_ngram_size=3)
    combos = [("best_by_good_rm", dataclasses.replace(base, **best), {}),
              ("recipe_t0.7_p0.9_rp1.2_nr3", dataclasses.replace(base, **recipe), {})]
    x.sweep(out, combos, x.grid["models"], seed)
    out.extra.update(best_by_good_rm=best, baseline=dataclasses.asdict(base))
    out.notes.append("best_by_good_rm = " + ", ".join(f"{k}={v}" for k, v in best.items()))
    return out


def generation_cost(t: Tally) -> None:
    """The work `generation` does, loop for loop, counted on `t` (`estimates.Tally`): its estimated cost."""
    base, models = t.cfg.eval.generation, t.grid["models"]
    changed = sum(v != getattr(base, p) for p, values in t.grid["generation"].items() for v in values)
    settings = 1 + changed + 2  # baseline, one change at a time, best_by_good_rm and the recipe
    for _ in range(settings * len(models)):
        t.generate(base)
    t.part1_models(len(models))
    t.note(f"{settings} settings x {len(models)} models x {t.n_prompts} prompts x {base.max_new_tokens} tok")
