"""Part 2's results folder: the tidy results table, the summary against Part 1, the blind A/B sheet
for human evaluation and the assembled report.md (numbers and examples only; the analysis is the student's).

    DIR/results.csv        experiment, setting, model, metric, value, n, ci_low, ci_high, seed
    DIR/summary.csv|.md    per experiment, model and metric: baseline vs best setting, change in %
    DIR/ab_sheet.csv       blind sheet to fill in (ab_key.json holds the hidden names)
    DIR/report.md          everything above, per experiment, in order
"""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from rlhf_utils.evaluation import HIGHER_IS_BETTER
from rlhf_utils.stats import bootstrap_ci

COLUMNS = ["experiment", "setting", "model", "metric", "value", "n", "ci_low", "ci_high", "seed"]
BONUS_BAR = 20.0
"""A change above this many percent is flagged (the homework's bonus bar)."""
NEAR_ZERO = 0.05
"""Below this |baseline|, a percentage is meaningless (RM scores are normalised to mean 0 on SFT samples):
change_pct is left empty and only the absolute change is reported."""
TABLE_METRICS = ["good_rm_score", "good_rm_score_length_controlled", "mean_length", "gold_rm_score",
                 "heldout_accuracy", "proxy_rm_score", "poor_rm_score", "distinct_2", "repeated_trigram_rate",
                 "cut_rate", "empty_rate"]
"""Metric columns in this order (the score beside the length first); others follow in the order they came."""


def read_results(folder: str | Path) -> pd.DataFrame:
    path = Path(folder) / "results.csv"
    return pd.read_csv(path) if path.is_file() else pd.DataFrame(columns=COLUMNS)


def write_results(folder: str | Path, experiment: str, rows: pd.DataFrame) -> pd.DataFrame:
    """Append `rows` to results.csv, replacing earlier rows of the same experiment and seeds (a re-run
    overwrites itself instead of duplicating). Written atomically."""
    path = Path(folder) / "results.csv"
    old = read_results(folder)
    if len(old):
        old = old[~((old.experiment == experiment) & old.seed.isin(rows.seed.unique()))]
    new = pd.concat([old, rows[COLUMNS]], ignore_index=True) if len(old) else rows[COLUMNS]
    tmp = path.with_name("results.csv.tmp")
    new.to_csv(tmp, index=False)
    tmp.replace(path)
    return new


def aggregate(rows: pd.DataFrame) -> pd.DataFrame:
    """Mean over seeds per (experiment, setting, model, metric): value, ci_low, ci_high, seed_std (the
    spread between seeds; NaN with one seed) and seeds."""
    keys = ["experiment", "setting", "model", "metric"]
    grouped = rows.groupby(keys, sort=False)
    out = grouped[["value", "ci_low", "ci_high", "n"]].mean()
    out["seed_std"] = grouped["value"].std()
    out["seeds"] = grouped["seed"].nunique()
    return out.reset_index()


def _cell(value: float, low: float, high: float, std: float) -> str:
    text = f"{value:.3f}"
    if np.isfinite(low) and np.isfinite(high) and (low, high) != (value, value):
        text += f" [{low:.3f}, {high:.3f}]"
    if np.isfinite(std):
        text += f" ±{std:.3f}"
    return text


def results_table(rows: pd.DataFrame, wide: bool = True) -> pd.DataFrame:
    """Table of one experiment: a row per (setting, model) and a column per metric (`wide`), or a row per
    metric; cells `value [95% CI]` (and `±seed std` with several seeds), settings in the order they ran."""
    agg = aggregate(rows)
    agg["cell"] = [_cell(v, lo, hi, sd) for v, lo, hi, sd in zip(agg.value, agg.ci_low, agg.ci_high, agg.seed_std)]
    if not wide:
        return agg[["setting", "model", "metric", "cell"]].rename(columns={"cell": "value [95% CI]"})
    metrics = list(dict.fromkeys(agg.metric))
    metrics = [m for m in TABLE_METRICS if m in metrics] + [m for m in metrics if m not in TABLE_METRICS]
    wide = agg.pivot_table(index=["setting", "model"], columns="metric", values="cell", aggfunc="first", sort=False)
    order = list(dict.fromkeys(zip(agg.setting, agg.model)))
    return wide.reindex(order)[metrics].reset_index().fillna("")


def examples_markdown(responses: pd.DataFrame, n_prompts: int = 3, width: int = 240) -> str:
    """A few prompts with every setting's answer (first seed), for the qualitative part of the report."""
    if responses.empty:
        return ""
    first = responses[responses.seed == responses.seed.min()]
    lines = []
    for prompt in list(dict.fromkeys(first.prompt))[:n_prompts]:
        lines += [f"**Prompt:** {prompt.replace(chr(10), ' / ')}", "",
                  "| setting | model | response |", "|---|---|---|"]
        for _, r in first[first.prompt == prompt].iterrows():
            text = str(r.response).replace("\n", " / ").replace("|", "\\|")
            text = text if len(text) <= width else text[:width] + "..."
            lines.append(f"| {r.setting} | {r.model} | {text} |")
        lines.append("")
    return "\n".join(lines) + "\n"


def summarize(results: pd.DataFrame) -> pd.DataFrame:
    """Per experiment, model and metric with a direction: Part 1's baseline, the best other setting,
    the change (absolute and % of |baseline|, empty when |baseline| < NEAR_ZERO), whether their 95% CIs
    are disjoint, and a flag when the improvement exceeds BONUS_BAR percent."""
    agg = aggregate(results)
    rows = []
    for (experiment, model, metric), group in agg.groupby(["experiment", "model", "metric"], sort=False):
        if metric not in HIGHER_IS_BETTER or "baseline" not in set(group.setting) or len(group) < 2:
            continue
        base = group[group.setting == "baseline"].iloc[0]
        others = group[group.setting != "baseline"]
        higher = HIGHER_IS_BETTER[metric]
        best = others.loc[others.value.idxmax() if higher else others.value.idxmin()]
        change = best.value - base.value
        pct = 100 * change / abs(base.value) if abs(base.value) >= NEAR_ZERO else float("nan")
        improved = change > 0 if higher else change < 0
        disjoint = best.ci_low > base.ci_high or best.ci_high < base.ci_low
        rows.append({"experiment": experiment, "model": model, "metric": metric, "baseline": base.value,
                     "best_setting": best.setting, "best": best.value, "change": change, "change_pct": pct,
                     "cis_disjoint": bool(disjoint),
                     "above_bonus_bar": bool(improved and np.isfinite(pct) and abs(pct) > BONUS_BAR)})
    return pd.DataFrame(rows)


# ---------------------------------------------------------------- blind A/B sheet


def make_ab_sheet(systems: dict[str, pd.DataFrame], folder: str | Path, n_prompts: int = 12,
                  seed: int = 0) -> tuple[Path, Path]:
    """A blind sheet for human evaluation: for `n_prompts` prompts answered by every system, the answers in
    random order under letters A, B, ... (systems hidden). `systems`: name -> DataFrame(prompt, response).

    Writes ab_sheet.csv (columns item, prompt, label, response, rating: fill in 1-5) plus ab_sheet.md,
    and ab_key.json (label -> system per item; do not open before rating). Returns (sheet, key) paths.
    """
    if len(systems) < 2:
        raise ValueError(f"systems={list(systems)} is invalid: an A/B sheet needs at least two systems")
    if n_prompts < 10:
        raise ValueError(f"n_prompts={n_prompts} is invalid: rate at least 10 prompts to tell an effect from noise")
    answers = {name: dict(zip(df.prompt, df.response)) for name, df in systems.items()}
    common = [p for p in next(iter(answers.values())) if all(p in a for a in answers.values())]
    if len(common) < n_prompts:
        raise ValueError(f"n_prompts={n_prompts} is invalid: only {len(common)} prompts are answered by every system")
    rng = random.Random(seed)
    prompts = rng.sample(common, n_prompts)
    rows, key = [], {}
    for item, prompt in enumerate(prompts, 1):
        names = list(systems)
        rng.shuffle(names)
        key[str(item)] = {}
        for label, name in zip("ABCDEFGHIJ", names):
            key[str(item)][label] = name
            rows.append({"item": item, "prompt": prompt, "label": label, "response": answers[name][prompt],
                         "rating": ""})
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    sheet, key_path = folder / "ab_sheet.csv", folder / "ab_key.json"
    pd.DataFrame(rows).to_csv(sheet, index=False)
    key_path.write_text(json.dumps(key, indent=1))
    md = ["Rate each answer 1 (bad) to 5 (good) in the `rating` column of ab_sheet.csv.", ""]
    for item, prompt in enumerate(prompts, 1):
        md += [f"### {item}. {prompt}", ""] + [f"- **{r['label']}**: {r['response']}" for r in rows
                                               if r["item"] == item] + [""]
    (folder / "ab_sheet.md").write_text("\n".join(md))
    return sheet, key_path


def score_ab_sheet(sheet: str | Path, key: str | Path, seed: int = 0) -> pd.DataFrame:
    """Read a filled-in sheet back: per system, mean rating with a 95% bootstrap CI over items, the
    number of rated items and the share of items where it got the (possibly shared) top rating."""
    df = pd.read_csv(sheet)
    mapping = json.loads(Path(key).read_text())
    df["rating"] = pd.to_numeric(df["rating"], errors="coerce")
    bad = df[df.rating.notna() & ~df.rating.between(1, 5)]
    if len(bad):
        raise ValueError(f"rating={bad.rating.iloc[0]!r} in item {bad.item.iloc[0]} is invalid: use 1 to 5")
    df["system"] = [mapping[str(i)][label] for i, label in zip(df["item"], df["label"])]
    rated = df.dropna(subset=["rating"])
    if rated.empty:
        raise ValueError(f"{sheet} has no ratings yet: fill the rating column with 1 to 5")
    top = rated.groupby("item").rating.transform("max")
    rated = rated.assign(top=(rated.rating == top).astype(float))
    rows = []
    for system, g in rated.groupby("system"):
        values = g.rating.to_numpy(dtype=float)
        low, high = bootstrap_ci(len(values), lambda idx, v=values: float(v[idx].mean()), seed=seed)
        rows.append({"system": system, "mean_rating": values.mean(), "ci_low": low, "ci_high": high,
                     "items": len(values), "top_rated_share": g.top.mean()})
    return pd.DataFrame(rows).sort_values("mean_rating", ascending=False).reset_index(drop=True)


# ---------------------------------------------------------------- report.md


def build_report(folder: str | Path, experiments: dict[str, Any], part1_dir: str | Path | None = None) -> Path:
    """Assemble DIR/report.md from what the experiments saved: per experiment (in `experiments` order)
    its notes, results table, figures and examples; then the summary and, if rated, the A/B result."""
    folder = Path(folder)
    results = read_results(folder)
    lines = ["# Part 2 results", "",
             "Numbers and examples only; the analysis is yours. Cells read `value [95% bootstrap CI over prompts]`"
             " (± the spread between seeds when several ran). The setting `baseline` is Part 1's.", ""]
    part1 = Path(part1_dir) if part1_dir else folder / "part1"
    if (part1 / "eval" / "metrics.md").is_file():
        lines += ["## Part 1 baseline", "", (part1 / "eval" / "metrics.md").read_text(), ""]
    for name, spec in experiments.items():
        sub = folder / name
        if not (sub / "table.md").is_file():
            continue
        lines += [f"## {spec.title}", "", (spec.run.__doc__ or "").strip().replace("\n    ", " "), ""]
        if (sub / "notes.md").is_file():
            lines += [(sub / "notes.md").read_text(), ""]
        lines += [(sub / "table.md").read_text(), ""]
        for png in sorted((folder / "figures").glob(f"{name}*.png")):
            lines += [f"![{name}](figures/{png.name})", ""]
        if (sub / "examples.md").is_file() and (sub / "examples.md").read_text().strip():
            lines += ["Examples:", "", (sub / "examples.md").read_text(), ""]
    if len(results):
        summary = summarize(results)
        if len(summary):
            summary.to_csv(folder / "summary.csv", index=False)
            table = summary.to_markdown(index=False, floatfmt=".3f")
            (folder / "summary.md").write_text(table + "\n")
            lines += ["## Summary: best setting per metric vs Part 1", "",
                      f"`above_bonus_bar`: improved by more than {BONUS_BAR:.0f}%. `cis_disjoint`: the two 95% "
                      "intervals do not overlap (an effect, not noise). No percentage is given for a baseline within "
                      f"{NEAR_ZERO} of 0 (RM scores are normalised to mean 0 on SFT samples): read `change` there.",
                      "",
                      table, ""]
    if (folder / "ab_result.md").is_file():
        lines += ["## Blind A/B human evaluation", "", (folder / "ab_result.md").read_text(), ""]
    path = folder / "report.md"
    path.write_text("\n".join(lines))
    return path
