"""Option 5: reward model. Variants of the good RM and their held-out pairwise accuracy."""

from __future__ import annotations

import dataclasses

import numpy as np

from rlhf_utils.config import RewardConfig
from rlhf_utils.experiments.core import Outcome, Part2, _accuracy_row, _point, _slug
from rlhf_utils.reward import pair_features, pair_rewards


def _variants(base: RewardConfig, g: dict) -> list[tuple[str, RewardConfig]]:
    """(setting, config): Part 1's good RM, one change at a time, and all of the changes combined."""
    settings = [("baseline", base)]
    settings += [(f"steps={base.steps * f}", dataclasses.replace(base, steps=base.steps * f))
                 for f in g["steps_factor"]]
    settings += [(f"pooling={p}", dataclasses.replace(base, pooling=p)) for p in g["pooling"] if p != base.pooling]
    settings += [(f"margin={m}", dataclasses.replace(base, margin=m)) for m in g["margin"] if m != base.margin]
    combined = dataclasses.replace(base, steps=base.steps * max(g["steps_factor"] or [1]),
                                   pooling=(g["pooling"] or [base.pooling])[-1], margin=max(g["margin"] or [0.0]))
    settings.append(("combined", combined))
    return settings


def reward_model(x: Part2, seed: int) -> Outcome:
    """Variants of the good RM: more steps, mean / attention pooling, a Bradley-Terry margin, and all
    of these combined (the candidate for an RM that really prefers good answers). Held-out pairwise
    accuracy with a bootstrap CI over pairs, next to the length-only baseline."""
    out = Outcome()
    train, heldout = x.pairs()
    features = pair_features(heldout, x.reward_tokenizer, x.cfg.data)
    curves = {}
    for setting, rcfg in _variants(x.cfg.reward_good, x.grid["reward"]):
        if setting == "baseline":
            model, log = x.reward_models()["good"][0], x.part1_log("reward_models", "good")
        else:
            folder = x.dir / "reward_model" / f"{_slug(setting)}_seed{seed}"
            model, log = x.train_rm(rcfg, folder, train, heldout, seed, f"RM {setting}")
        c, r = pair_rewards(model, features, x.reward_tokenizer.pad_token_id)
        out.rows.append(_accuracy_row(setting, "rm", (c > r).float().numpy(), seed))
        out.rows.append(_point(setting, "rm", "heldout_margin_mean", float((c - r).mean()), len(c)))
        out.rows.append(_point(setting, "rm", "steps", rcfg.steps))
        curves[setting] = log["heldout"]
    lengths = np.array([np.sign(len(a) - len(b)) for a, b in features], dtype=float)
    out.rows.append(_accuracy_row("length_only", "rm", np.where(lengths > 0, 1.0, np.where(lengths == 0, 0.5, 0.0)),
                                  seed))
    out.extra["heldout_curves"] = curves
    return out
