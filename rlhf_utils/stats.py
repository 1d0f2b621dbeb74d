"""Statistics shared by the evaluation, the reward-model stage, Part 2 and the benchmarks (numpy only, so any
module can use them): bootstrap intervals, reward-model accuracy with answer length controlled, and policy
scores with answer length controlled.

Why length: in HH-RLHF the chosen answer is usually the longer one, so "the longer answer wins" alone predicts
many labels (0.65 on real helpful-base pairs, 0.94 on the embedded `tiny` pairs). A reward model can reach that
accuracy by learning length, and PPO can then raise its score by writing longer answers. The two questions to
ask are: does the RM beat "longer wins" (`gap_over_length`, paired CI), and does it still pick the chosen answer
when that one is the shorter (`accuracy_shorter`, where "longer wins" scores 0)?
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

Values = Sequence[float] | np.ndarray
"""One number per item: a list, a numpy array or a CPU torch tensor, shape [N]."""
NAN_CI = (float("nan"), float("nan"))


def bootstrap_ci(n: int, statistic: Callable[[np.ndarray], float], n_boot: int = 1000, seed: int = 0,
                 level: float = 0.95, bounds: tuple[float, float] | None = None) -> tuple[float, float]:
    """Bootstrap interval of `statistic(indices)` over `n` items (prompts) resampled with replacement.

    Percentile interval shifted by the bootstrap bias (mean of resamples minus the full-sample value),
    which matters for pooled statistics such as distinct-n that resampled duplicates push down;
    `bounds` clips it to the statistic's range (e.g. (0, 1) for a rate).
    """
    if n < 2:
        value = statistic(np.arange(n))
        return value, value
    rng = np.random.default_rng(seed)
    stats = np.array([statistic(rng.integers(0, n, n)) for _ in range(n_boot)])
    bias = stats.mean() - statistic(np.arange(n))
    low, high = np.quantile(stats, [(1 - level) / 2, (1 + level) / 2]) - bias
    if bounds is not None:
        low, high = np.clip([low, high], *bounds)
    return float(low), float(high)


def wald_ci(accuracy: float, n: int) -> tuple[float, float]:
    """Normal-approximation 95% interval of a share `accuracy` measured on `n` items (unclipped)."""
    half = 1.96 * (accuracy * (1 - accuracy) / max(n, 1)) ** 0.5
    return accuracy - half, accuracy + half


def _vectors(**named: Values) -> list[np.ndarray]:
    """The given values as float vectors [N] of one common length N >= 1, finite; else a one-line ValueError."""
    out = []
    for name, values in named.items():
        x = np.asarray(values, dtype=float)
        if x.ndim != 1:
            raise ValueError(f"{name} has shape {x.shape}: give one number per item, shape [N]")
        if not np.isfinite(x).all():
            raise ValueError(f"{name} holds NaN or infinite values: give finite numbers")
        out.append(x)
    sizes = {name: len(x) for name, x in zip(named, out)}
    if len(set(sizes.values())) > 1 or not out[0].size:
        raise ValueError(f"lengths {sizes} are invalid: give the same number (>= 1) of values to each")
    return out


def mean_ci(values: np.ndarray, n_boot: int = 1000, seed: int = 0,
            bounds: tuple[float, float] | None = None) -> tuple[float, tuple[float, float]]:
    """Mean of `values` [N] and its 95% bootstrap CI over the items; (NaN, (NaN, NaN)) when N = 0."""
    if len(values) == 0:
        return float("nan"), NAN_CI
    ci = bootstrap_ci(len(values), lambda idx: float(values[idx].mean()), n_boot, seed, bounds=bounds)
    return float(values.mean()), ci


def longer_wins(chosen_lengths: Values, rejected_lengths: Values) -> np.ndarray:
    """The length-only judge per pair: 1 when the chosen answer is longer, 0 when shorter, 0.5 on a tie. [N]"""
    chosen, rejected = _vectors(chosen_lengths=chosen_lengths, rejected_lengths=rejected_lengths)
    return 0.5 + 0.5 * np.sign(chosen - rejected)


def length_aware_accuracy(chosen_scores: Values, rejected_scores: Values, chosen_lengths: Values,
                          rejected_lengths: Values, n_boot: int = 1000, seed: int = 0) -> dict[str, Any]:
    """Pairwise accuracy of a reward model read against answer length, from per-pair scores (any units) and the
    two answers' lengths (tokens), all shape [N]. A pair is right when the chosen score is strictly higher.

    Returns (CIs are 95% bootstrap intervals over pairs, (low, high)):
      accuracy, accuracy_ci, n: over all N pairs;
      accuracy_shorter, accuracy_shorter_ci, n_shorter: over the pairs whose chosen answer is shorter, where
        "the longer answer wins" scores 0 (NaN when there are none);
      accuracy_longer, accuracy_longer_ci, n_longer: over the pairs whose chosen answer is longer;
      n_tied: pairs of equal lengths;
      length_baseline_accuracy, length_baseline_accuracy_ci: "the longer answer wins", ties counting 0.5;
      gap_over_length, gap_over_length_ci: accuracy minus the baseline, with a paired bootstrap CI (the same
        resampled pairs for both, i.e. a bootstrap of the per-pair difference).
    """
    chosen, rejected, len_c, len_r = _vectors(chosen_scores=chosen_scores, rejected_scores=rejected_scores,
                                              chosen_lengths=chosen_lengths, rejected_lengths=rejected_lengths)
    if (len_c < 0).any() or (len_r < 0).any():
        raise ValueError("chosen_lengths / rejected_lengths hold negative values: give token counts >= 0")
    correct = (chosen > rejected).astype(float)
    baseline = longer_wins(len_c, len_r)
    out: dict[str, Any] = {"n": len(correct)}
    out["accuracy"], out["accuracy_ci"] = mean_ci(correct, n_boot, seed, (0.0, 1.0))
    for subset, mask in (("shorter", len_c < len_r), ("longer", len_c > len_r)):
        out[f"n_{subset}"] = int(mask.sum())
        out[f"accuracy_{subset}"], out[f"accuracy_{subset}_ci"] = mean_ci(correct[mask], n_boot, seed, (0.0, 1.0))
    out["n_tied"] = int((len_c == len_r).sum())
    out["length_baseline_accuracy"], out["length_baseline_accuracy_ci"] = mean_ci(baseline, n_boot, seed,
                                                                                  (0.0, 1.0))
    out["gap_over_length"], out["gap_over_length_ci"] = mean_ci(correct - baseline, n_boot, seed, (-1.0, 1.0))
    return out


def fit_length_line(lengths: Values, scores: Values) -> tuple[float, float]:
    """Least-squares line `score = a + b * length` over reference answers (e.g. the SFT policy's), inputs [N]:
    returns (a in score units, b in score units per token). With a single distinct length, b = 0 and a is the
    mean score."""
    lengths, scores = _vectors(lengths=lengths, scores=scores)
    if np.ptp(lengths) == 0:
        return float(scores.mean()), 0.0
    b, a = np.polyfit(lengths, scores, 1)
    return float(a), float(b)


def length_residuals(scores: Values, lengths: Values, line: tuple[float, float]) -> np.ndarray:
    """`score - (a + b * length)` per answer [N] for `line` = (a, b) from `fit_length_line`: the part of a
    score the reference's length trend does not explain (0 for an answer that only differs in length)."""
    scores, lengths = _vectors(scores=scores, lengths=lengths)
    a, b = line
    return scores - (a + b * lengths)
