"""Held-out evaluation (the notebook's Part 9 / TODO 15): responses of each model, scored and measured.

Per model: mean good-RM and poor-RM score (normalised units), distinct-1 and distinct-2 (unique word
n-grams over all n-grams of all responses), repeated-trigram rate (share of a response's word
trigrams already seen earlier in it, averaged over responses), mean length (policy tokens), empty
rate, and cut rate (non-empty responses not ending in . ! ? or a closing quote/bracket). The pipeline adds
`good_rm_score_length_controlled` (`length_controlled_scores`): the good-RM score minus what SFT's own answers
of the same length score, so that a gain made only by writing longer reads as about 0.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
import pandas as pd
import torch
from transformers import PreTrainedModel, PreTrainedTokenizerBase

from rlhf_utils.config import DataConfig, GenerationConfig
from rlhf_utils.data import tokenize_example
from rlhf_utils.generation import generate_responses, generate_with_config
from rlhf_utils.reward import ScalarHeadModel, score_texts
from rlhf_utils.stats import bootstrap_ci, fit_length_line, length_residuals, mean_ci

METRICS = ("good_rm_score", "poor_rm_score", "distinct_1", "distinct_2", "repeated_trigram_rate",
           "mean_length", "empty_rate", "cut_rate")
_WORD = re.compile(r"\w+|[^\w\s]")
_ENDS = (".", "!", "?", '"', "'", ")", "]", "\u201d")


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def ngrams(tokens: Sequence[str], n: int) -> list[tuple[str, ...]]:
    return [tuple(tokens[i:i + n]) for i in range(len(tokens) - n + 1)]


def distinct_n(texts: Sequence[str], n: int) -> float:
    """Unique n-grams / all n-grams, pooled over `texts` (0 when there are none)."""
    grams = [g for t in texts for g in ngrams(words(t), n)]
    return len(set(grams)) / len(grams) if grams else 0.0


def repeated_ngram_rate(text: str, n: int = 3) -> float:
    """Share of the text's n-grams that already occurred earlier in the same text."""
    grams = ngrams(words(text), n)
    seen: set[tuple[str, ...]] = set()
    repeats = 0
    for g in grams:
        repeats += g in seen
        seen.add(g)
    return repeats / len(grams) if grams else 0.0


def is_cut(text: str) -> bool:
    """A non-empty response that stops mid-sentence."""
    text = text.strip()
    return bool(text) and not text.endswith(_ENDS)


def text_metrics(texts: Sequence[str], tokenizer: PreTrainedTokenizerBase) -> dict[str, float]:
    """The metrics that need no reward model."""
    n = max(len(texts), 1)
    return {
        "distinct_1": distinct_n(texts, 1),
        "distinct_2": distinct_n(texts, 2),
        "repeated_trigram_rate": sum(repeated_ngram_rate(t, 3) for t in texts) / n,
        "mean_length": sum(len(tokenizer(t).input_ids) for t in texts) / n,
        "empty_rate": sum(not t.strip() for t in texts) / n,
        "cut_rate": sum(is_cut(t) for t in texts) / n,
    }


# ---------------------------------------------------------------- per-response values and bootstrap CIs

HIGHER_IS_BETTER = {"good_rm_score": True, "good_rm_score_length_controlled": True, "poor_rm_score": True,
                    "gold_rm_score": True, "distinct_1": True, "distinct_2": True, "repeated_trigram_rate": False,
                    "empty_rate": False, "cut_rate": False}
"""Direction of improvement of each metric; `mean_length` has none (longer is not better by itself)."""
_RATES = {"repeated_trigram_rate", "empty_rate", "cut_rate"}


def token_lengths(texts: Sequence[str], tokenizer: PreTrainedTokenizerBase) -> np.ndarray:
    """Length of each response in `tokenizer`'s tokens (the policy's: `mean_length`), [N] floats."""
    return np.array([len(tokenizer(str(t)).input_ids) for t in texts], dtype=float)


def response_values(texts: Sequence[str], tokenizer: PreTrainedTokenizerBase) -> dict[str, np.ndarray]:
    """Per-response values whose mean is the metric: repeated_trigram_rate, mean_length (tokens),
    empty_rate and cut_rate (0/1 each). Arrays of shape [N]."""
    return {
        "repeated_trigram_rate": np.array([repeated_ngram_rate(t, 3) for t in texts], dtype=float),
        "mean_length": token_lengths(texts, tokenizer),
        "empty_rate": np.array([not t.strip() for t in texts], dtype=float),
        "cut_rate": np.array([is_cut(t) for t in texts], dtype=float),
    }


def measure(texts: Sequence[str], tokenizer: PreTrainedTokenizerBase,
            scores: dict[str, Sequence[float]] | None = None, n_boot: int = 1000,
            seed: int = 0, length_line: tuple[float, float] | None = None) -> list[dict[str, float]]:
    """Every metric of `texts` (one response per prompt) with a 95% bootstrap CI over prompts.

    `scores`: per-response reward-model scores, e.g. {"good_rm_score": [...]}. `length_line`: a reference's
    (a, b) of `fit_length_line`; with it and a good-RM score, also `good_rm_score_length_controlled` (the
    score minus the line at each response's length). Returns rows {metric, value, n, ci_low, ci_high}.
    """
    per_response = {k: np.asarray(v, dtype=float) for k, v in (scores or {}).items()}
    values = response_values(texts, tokenizer)
    if length_line is not None and "good_rm_score" in per_response:
        per_response["good_rm_score_length_controlled"] = length_residuals(per_response["good_rm_score"],
                                                                           values["mean_length"], length_line)
    per_response.update(values)
    n = len(texts)
    rows = []
    for metric, values in per_response.items():
        bounds = (0.0, 1.0) if metric in _RATES else None
        low, high = bootstrap_ci(n, lambda idx, v=values: float(v[idx].mean()), n_boot, seed, bounds=bounds)
        rows.append({"metric": metric, "value": float(values.mean()), "n": n, "ci_low": low, "ci_high": high})
    for k in (1, 2):
        value = distinct_n(texts, k)
        low, high = bootstrap_ci(n, lambda idx, k=k: distinct_n([texts[i] for i in idx], k), n_boot, seed,
                                 bounds=(0.0, 1.0))
        rows.append({"metric": f"distinct_{k}", "value": value, "n": n, "ci_low": low, "ci_high": high})
    return rows


RewardModels = dict[str, tuple[ScalarHeadModel, PreTrainedTokenizerBase]]
"""{"good": (model, tokenizer), "poor": (model, tokenizer)}"""


def score_responses(reward_models: RewardModels, prompts: list[str], responses: list[str],
                    data_cfg: DataConfig, tokenize: Callable = tokenize_example) -> dict[str, list[float]]:
    """{"good_rm_score": [...], "poor_rm_score": [...]} per response, normalised units; the texts made into RM input
    by `tokenize` (as the RMs' training pairs were)."""
    return {f"{name}_rm_score": score_texts(rm, tok, prompts, responses, data_cfg, tokenize=tokenize).tolist()
            for name, (rm, tok) in reward_models.items()}


def length_controlled_scores(responses: pd.DataFrame, tokenizer: PreTrainedTokenizerBase,
                             score: str = "good_rm_score", reference: str = "sft", n_boot: int = 1000,
                             seed: int = 0) -> pd.DataFrame:
    """Per model, the mean of `score` residualised on response length (policy tokens, as `mean_length`) by the
    least-squares line `score = a + b * length` fitted on the `reference` model's responses, with a 95%
    bootstrap CI over prompts (the line held fixed). The reference itself scores exactly 0; a model whose
    gain over it is only length scores about 0 (beyond the reference's length range the line is extrapolated).

    `responses`: one row per model x prompt with columns `model`, `response` and `score` (as `evaluate_models`
    returns). Returns one row per model (index `model`): `<score>_length_controlled`, `..._ci_low`, `..._ci_high`.
    """
    missing = {"model", "response", score} - set(responses.columns)
    if missing:
        raise ValueError(f"responses lack the columns {sorted(missing)}: give evaluate_models' responses table")
    models = list(dict.fromkeys(responses["model"]))
    if reference not in models:
        raise ValueError(f"reference={reference!r} is not among the models ({', '.join(map(str, models))})")
    lengths = token_lengths(responses["response"], tokenizer)
    scores = responses[score].to_numpy(dtype=float)
    ref = (responses["model"] == reference).to_numpy()
    residuals = length_residuals(scores, lengths, fit_length_line(lengths[ref], scores[ref]))
    name, rows = f"{score}_length_controlled", []
    for model in models:
        value, (low, high) = mean_ci(residuals[(responses["model"] == model).to_numpy()], n_boot, seed)
        rows.append({"model": model, name: value, f"{name}_ci_low": low, f"{name}_ci_high": high})
    return pd.DataFrame(rows).set_index("model")


def metric_cis(responses: pd.DataFrame, tokenizer: PreTrainedTokenizerBase, n_boot: int = 1000,
               seed: int = 0) -> pd.DataFrame:
    """The 95% bootstrap CI over prompts of every metric of each model (`measure`), from `evaluate_models`'
    responses table: one row per model (index `model`), columns `<metric>_ci_low` and `<metric>_ci_high`."""
    scores = [c for c in responses.columns if c.endswith("_rm_score")]
    rows = []
    for model, mine in responses.groupby("model", sort=False):
        measured = measure(list(mine["response"]), tokenizer, {c: mine[c] for c in scores}, n_boot, seed)
        rows.append({"model": model, **{f"{r['metric']}_ci_{end}": r[f"ci_{end}"] for r in measured
                                        for end in ("low", "high")}})
    return pd.DataFrame(rows).set_index("model")


# region (*) TODO 15: the held-out evaluation of Base, SFT, PPO-poor and PPO-good
def evaluate_models(model_loaders: dict[str, Callable[[], PreTrainedModel]], tokenizer: PreTrainedTokenizerBase,
                    prompts: list[str], reward_models: RewardModels, gen_cfg: GenerationConfig, data_cfg: DataConfig,
                    seed: int = 0, device: str = "cpu") -> tuple[pd.DataFrame, pd.DataFrame]:
    """Answer the held-out `prompts` with each model (loaded one at a time to spare memory, sampled as `gen_cfg`
    says: temperature 0.7 by default), score every answer with both reward models and measure the texts.

    Returns (responses: one row per model x prompt, metrics: one row per model, columns METRICS).
    """
    rows, metric_rows = [], []
    for name, load in model_loaders.items():
        model = load().to(device)
        responses = generate_with_config(model, tokenizer, prompts, gen_cfg, seed, generate_responses,
                                         max_prompt_tokens=data_cfg.max_prompt_tokens)
        del model
        scores = score_responses(reward_models, prompts, responses, data_cfg, tokenize_example)
        for i, (p, r) in enumerate(zip(prompts, responses)):
            rows.append({"model": name, "prompt": p, "response": r, **{k: v[i] for k, v in scores.items()}})
        metric_rows.append({"model": name, **{k: sum(v) / len(v) for k, v in scores.items()},
                            **text_metrics(responses, tokenizer)})
    metrics = pd.DataFrame(metric_rows).set_index("model")
    return pd.DataFrame(rows), metrics[[c for c in METRICS if c in metrics.columns]]
# endregion


# region Option 7: best-of-n: the reward model keeps the best of n sampled answers
def best_of_n_select(candidates: list[list[str]], scores: torch.Tensor) -> tuple[list[str], torch.Tensor]:
    """candidates[k][i] is the k-th sampled answer to prompt i and scores [K, P] their reward-model scores.
    Returns the highest-scoring answer to each prompt and its score [P]."""
    best = scores.argmax(0)
    return [candidates[int(k)][i] for i, k in enumerate(best)], scores.max(0).values
# endregion


def side_by_side(responses: pd.DataFrame) -> pd.DataFrame:
    """One row per prompt, one column per model: the table to read answers in."""
    return responses.pivot(index="prompt", columns="model", values="response")[responses["model"].unique()]


def with_cis(metrics: pd.DataFrame) -> pd.DataFrame:
    """The metrics table with each value and its 95% CI in one cell, "0.412 (0.301 to 0.520)"; a metric without
    `_ci_low` / `_ci_high` columns keeps its plain value."""
    out = pd.DataFrame(index=metrics.index)
    for col in (c for c in metrics.columns if not c.endswith(("_ci_low", "_ci_high"))):
        cis = [f"{col}_ci_low", f"{col}_ci_high"]
        out[col] = [f"{v:.3f} ({lo:.3f} to {hi:.3f})" if set(cis) <= set(metrics.columns) else f"{v:.3f}"
                    for v, lo, hi in zip(metrics[col], *(metrics.get(c, metrics[col]) for c in cis))]
    return out


def save_tables(responses: pd.DataFrame, metrics: pd.DataFrame, folder: str | Path) -> None:
    """responses.csv, metrics.csv, metrics.md and responses.md (side by side) into `folder`."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    responses.to_csv(folder / "responses.csv", index=False)
    metrics.to_csv(folder / "metrics.csv")
    (folder / "metrics.md").write_text(with_cis(metrics).to_markdown() + "\n")
    table = side_by_side(responses).reset_index()
    table = table.apply(lambda col: col.str.replace("\n", " ").str.replace("|", "\\|"))
    (folder / "responses.md").write_text(table.to_markdown(index=False) + "\n")
