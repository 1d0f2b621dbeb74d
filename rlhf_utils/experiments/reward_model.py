"""Option 5: reward model. Variants of the good RM and their held-out pairwise accuracy."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rlhf_utils.experiments.grids import reward_variants
from rlhf_utils.experiments.outcome import Outcome, point, slug
from rlhf_utils.reward import answer_lengths, pair_features, pair_rewards
from rlhf_utils.stats import length_aware_accuracy

if TYPE_CHECKING:
    from rlhf_utils.experiments.core import Part2
    from rlhf_utils.experiments.estimates import Tally


def _length_rows(setting: str, stats: dict) -> list[dict]:
    """Rows of one RM's `length_aware_accuracy`: accuracy over all pairs, on the pairs whose chosen answer is
    shorter / longer, and the gap over "the longer answer wins" (paired CI)."""
    return [point(setting, "rm", metric, stats[key], stats[n], stats[f"{key}_ci"])
            for metric, key, n in (("heldout_accuracy", "accuracy", "n"),
                                   ("heldout_accuracy_shorter", "accuracy_shorter", "n_shorter"),
                                   ("heldout_accuracy_longer", "accuracy_longer", "n_longer"),
                                   ("gap_over_length", "gap_over_length", "n"))]


def reward_model(x: Part2, seed: int) -> Outcome:
    """Variants of the good RM: more steps, mean / attention pooling, a Bradley-Terry margin, and all
    of these combined (the candidate for an RM that really prefers good answers). Held-out pairwise
    accuracy with a bootstrap CI over pairs, next to the length-only baseline ("the longer answer wins"):
    also on the pairs whose chosen answer is shorter (where that baseline scores 0) and as the gap over it
    (paired bootstrap CI)."""
    out = Outcome()
    train, heldout = x.pairs()
    features = pair_features(heldout, x.reward_tokenizer, x.cfg.data, x.pieces.tokenize_example)
    lengths = answer_lengths(heldout, x.reward_tokenizer)
    curves, stats = {}, {}
    for setting, rcfg in reward_variants(x.cfg.reward_good, x.grid["reward"]):
        if setting == "baseline":
            model, log = x.reward_models()["good"][0], x.part1_log("reward_models", "good")
        else:
            folder = x.dir / "reward_model" / f"{slug(setting)}_seed{seed}"
            model, log = x.train_rm(rcfg, folder, train, heldout, seed, f"RM {setting}")
        c, r = pair_rewards(model, features, x.reward_tokenizer.pad_token_id)
        stats = length_aware_accuracy(c.numpy(), r.numpy(), *lengths, seed=seed)
        out.rows += _length_rows(setting, stats)
        out.rows.append(point(setting, "rm", "heldout_margin_mean", float((c - r).mean()), len(c)))
        out.rows.append(point(setting, "rm", "steps", rcfg.steps))
        curves[setting] = log["heldout"]
    out.rows.append(point("length_only", "rm", "heldout_accuracy", stats["length_baseline_accuracy"], stats["n"],
                          stats["length_baseline_accuracy_ci"]))
    out.extra["heldout_curves"] = curves
    return out


def reward_model_cost(t: Tally) -> None:
    """The work `reward_model` does, loop for loop, counted on `t` (`estimates.Tally`): its estimated cost."""
    heldout = t.cfg.data.heldout_pairs
    for setting, rcfg in reward_variants(t.cfg.reward_good, t.grid["reward"]):
        if setting != "baseline":
            t.reward_model(rcfg, t.train_pairs())
        t.forward(t.reward, 2 * heldout, t.len.pair)
    t.work.texts += 2 * heldout
    t.part1_models(0)
