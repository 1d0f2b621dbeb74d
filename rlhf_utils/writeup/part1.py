"""Part 1 of the write-up: the set-up, each stage's figure and one-line observations read from metrics.json, TODO
15's tables with 95% CIs, and side-by-side answers."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from rlhf_utils import report
from rlhf_utils.plots import label, model_name
from rlhf_utils.stats import bootstrap_ci, wald_ci
from rlhf_utils.writeup.document import Doc, heading_text
from rlhf_utils.writeup.questions import FILL_IN, HEADER_FIELDS, PART1_FIGURES


def read_json(path: Path) -> dict:
    return json.loads(path.read_text()) if path.is_file() else {}


def _pct(first: float, last: float) -> str:
    return f" ({100 * (last - first) / abs(first):+.0f}%)" if abs(first) > 1e-9 else ""


def _wald(acc: float, n: int) -> tuple[float, float]:
    low, high = wald_ci(acc, n)
    return max(low, 0.0), min(high, 1.0)


def _fmt(value: Any, spec: str = ".3f") -> str:
    return format(value, spec) if isinstance(value, int | float) and np.isfinite(value) else "-"


def sft_observations(m: dict) -> list[str]:
    """One-line facts about the SFT stage of metrics.json."""
    s = m.get("sft") or {}
    if not s:
        return []
    return [f"SFT training loss fell from {s['loss_first']:.2f} to {s['loss_last']:.2f} nats/token"
            f"{_pct(s['loss_first'], s['loss_last'])} over {s['steps']} steps on {s['train_examples']} examples "
            "(means of the first and last 10% of steps).",
            f"Held-out loss (examples never trained on): {s['heldout_loss_first']:.2f} -> "
            f"{s['heldout_loss_last']:.2f}{_pct(s['heldout_loss_first'], s['heldout_loss_last'])}."]


def rm_observations(m: dict) -> list[str]:
    """Per reward model: held-out accuracy (95% CI, n), its start, and the length-only baseline when measured."""
    lines = []
    for name, r in (m.get("reward_models") or {}).items():
        n, acc = r["heldout_pairs"], r["heldout_accuracy"]
        low, high = _wald(acc, n)
        line = (f"{name} RM: held-out accuracy {r['heldout_accuracy_start']:.3f} -> {acc:.3f} "
                f"(95% CI [{low:.3f}, {high:.3f}], n = {n} pairs) after {r['steps']} steps on {r['train_pairs']} pairs")
        if "length_baseline_accuracy" in r:
            line += f"; 'the longer answer wins' scores {r['length_baseline_accuracy']:.3f} on the same pairs"
        if "gap_over_length_ci" in r:
            low, high = r["gap_over_length_ci"]
            line += f" (gap {r['gap_over_length']:+.3f}, paired 95% CI [{low:+.3f}, {high:+.3f}])"
        if "heldout_accuracy_shorter" in r:
            line += (f", and the RM scores {_fmt(r['heldout_accuracy_shorter'])} on the "
                     f"{r.get('heldout_pairs_shorter', '?')} pairs whose chosen answer is the shorter")
        lines.append(line + ".")
    return lines


def ppo_observations(m: dict) -> list[str]:
    """Per PPO run: RM score first -> last (normalised units), KL in nats, response length."""
    return [f"PPO against the {name} RM: score {r['reward_first']:+.2f} -> {r['reward_last']:+.2f} (normalised RM "
            f"units, first/last 20% of {r['iterations']} iterations), final KL to SFT {r['kl_last']:.2f} nats "
            f"(max {r['kl_max']:.2f}), final response length {r['response_length_last']:.1f} tokens."
            for name, r in (m.get("ppo") or {}).items()]


NBSP = "\u00a0"
SPECS = {"mean_length": ".1f", "good_rm_score": "+.2f", "good_rm_score_length_controlled": "+.2f",
         "poor_rm_score": "+.2f", "gold_rm_score": "+.2f", "proxy_rm_score": "+.2f", "sft_heldout_loss": ".3f"}
"""Number formats per metric (RM scores in normalised units to 2 decimals, lengths in tokens to 1); else .3f."""


def ci_cell(value: float, low: float = np.nan, high: float = np.nan, spec: str = ".3f", std: float = np.nan) -> str:
    """`value`, and under it "(low to high)" held together by non-breaking spaces, so no table breaks a CI across
    lines; "± std" between seeds when given."""
    if not np.isfinite(value):
        return "-"
    text = format(value, spec)
    if np.isfinite(low) and np.isfinite(high) and (low, high) != (value, value):
        text += "\n(" + f"{low:{spec}} to {high:{spec}}".replace(" ", NBSP) + ")"
    if np.isfinite(std):
        text += f"\n±{NBSP}{std:.3f}"
    return text


def column_label(metric: str, ci: bool = True) -> str:
    """A table header: the metric's label with units (plots.label), capitalised, "(95% CI)" when it has one."""
    return heading_text(label(metric)) + (" (95% CI)" if ci else "")


def eval_tables(part1: Path, seed: int = 0) -> list[tuple[pd.DataFrame, str]]:
    """TODO 15's tables: per model (Base, SFT, PPO-poor, PPO-good) the good-RM score, the same with length
    controlled and the mean length, each with its 95% bootstrap CI over prompts (from metrics.csv; a run without
    them gets the RM scores' CIs bootstrapped from responses.csv), and n; then the other metrics."""
    metrics_path, responses_path = part1 / "eval" / "metrics.csv", part1 / "eval" / "responses.csv"
    if not metrics_path.is_file():
        return []
    metrics = pd.read_csv(metrics_path, index_col=0)
    responses = pd.read_csv(responses_path) if responses_path.is_file() else pd.DataFrame()

    def cell(model: str, col: str) -> str:
        row = metrics.loc[model]
        value = float(row[col]) if col in row else np.nan
        low, high = (float(row.get(f"{col}_ci_{end}", np.nan)) for end in ("low", "high"))
        mine = responses[responses.model == model] if len(responses) else responses
        if not np.isfinite(low) and col in mine.columns and len(mine):  # an older run folder
            v = mine[col].to_numpy(dtype=float)
            value, (low, high) = float(v.mean()), bootstrap_ci(len(v), lambda idx: float(v[idx].mean()), seed=seed)
        return ci_cell(value, low, high, SPECS.get(col, ".3f"))

    n = {m: int((responses.model == m).sum()) if len(responses) else "-" for m in metrics.index}
    main = ["good_rm_score", "good_rm_score_length_controlled", "mean_length", "empty_rate"]
    rest = ["poor_rm_score", "distinct_2", "repeated_trigram_rate", "cut_rate"]
    main_rows = [{"Model": model_name(m), "n": n[m], **{column_label(c): cell(m, c) for c in main if c in metrics}}
                 for m in metrics.index]
    rest_rows = [{"Model": model_name(m), **{column_label(c): cell(m, c) for c in rest if c in metrics}}
                 for m in metrics.index]
    return [(pd.DataFrame(main_rows), "Per model: mean good-RM score (normalised to mean 0, std 1 on SFT samples), "
             "the same with response length controlled (minus SFT's score-on-length line), the mean length in tokens "
             "and the share of empty answers, each with its 95% bootstrap CI over the n held-out prompts."),
            (pd.DataFrame(rest_rows), "Per model: the poor RM's score and the text metrics (shares of the n answers), "
             "with 95% CIs.")]


DESCRIPTORS = ("n", "sft_steps", "steps", "episodes", "sft_train_examples")
"""Result rows that describe a setting (best-of-n's n, training steps, examples) rather than measure it: the setting's
name already says them, so the tables leave them out."""


def experiment_tables(rows: pd.DataFrame, per_table: int = 4) -> list[pd.DataFrame]:
    """Task 3's tables of one experiment: a row per (setting, model), a column per metric with its 95% CI (and ±
    the spread between seeds), the good-RM score and length first, at most `per_table` metrics a table, the tables
    as even as possible."""
    agg = report.aggregate(rows[~rows.metric.isin(DESCRIPTORS)])
    metrics = list(dict.fromkeys(agg.metric))
    metrics = [m for m in report.TABLE_METRICS if m in metrics] + [m for m in metrics if m not in report.TABLE_METRICS]
    keys = list(dict.fromkeys(zip(agg.setting, agg.model)))
    cells = {(r.setting, r.model, r.metric): ci_cell(r.value, r.ci_low, r.ci_high, SPECS.get(r.metric, ".3f"),
                                                     r.seed_std) for r in agg.itertuples()}
    size = -(-len(metrics) // -(-len(metrics) // per_table))  # as even as possible: 9 metrics -> 3 tables of 3
    tables = []
    for i in range(0, len(metrics), size):
        chunk = metrics[i:i + size]
        tables.append(pd.DataFrame([{"Setting": str(setting).replace("_", " "), "Model": model_name(model),
                                     **{column_label(m): cells.get((setting, model, m), "") for m in chunk}}
                                    for setting, model in keys]))
    return tables


def eval_observations(m: dict) -> list[str]:
    """Each policy's good-RM score beside its response length, and PPO-good against SFT."""
    e = m.get("eval") or {}
    lines = [f"{model_name(model)}: good-RM score {r.get('good_rm_score', float('nan')):+.2f}, poor-RM score "
             f"{r.get('poor_rm_score', float('nan')):+.2f}, mean length {r['mean_length']:.1f} tokens, "
             f"{r['cut_rate']:.0%} cut off, {r['empty_rate']:.0%} empty." for model, r in e.items()]
    if "sft" in e and "ppo_good" in e and "good_rm_score" in e["sft"]:
        gain = e["ppo_good"]["good_rm_score"] - e["sft"]["good_rm_score"]
        lines.append(f"PPO-good vs SFT: good-RM score {gain:+.2f} while mean length goes "
                     f"{e['sft']['mean_length']:.1f} -> {e['ppo_good']['mean_length']:.1f} tokens.")
    controlled = "good_rm_score_length_controlled"
    if "ppo_good" in e and controlled in e["ppo_good"]:
        g = e["ppo_good"]
        lines.append(f"PPO-good's good-RM score with length controlled (minus what SFT's answers of the same length "
                     f"score): {g[controlled]:+.2f} [{_fmt(g.get(controlled + '_ci_low'), '+.2f')}, "
                     f"{_fmt(g.get(controlled + '_ci_high'), '+.2f')}]; about 0 would mean a gain made by length.")
    return lines


def side_by_side_tables(part1: Path, n: int = 5) -> list[tuple[str, pd.DataFrame]]:
    """The first `n` held-out prompts, each with every model's answer (prompt, table of Model / Response)."""
    path = part1 / "eval" / "responses.csv"
    if not path.is_file():
        return []
    responses = pd.read_csv(path).fillna("")
    out = []
    for prompt in list(dict.fromkeys(responses.prompt))[:n]:
        rows = responses[responses.prompt == prompt]
        out.append((prompt, pd.DataFrame({"Model": [model_name(m) for m in rows.model],
                                          "Response": rows.response.str.strip()})))
    return out


# ---------------------------------------------------------------- sections


def header(doc: Doc, fields: dict[str, str]) -> None:
    """Title and the fill-in fields the course requires at the top of the document."""
    doc.heading("HW#5: Reinforcement Learning from Human Feedback with GPT-2", 1)
    values = {"Assignment": "HW#5", **{k: v for k, v in fields.items() if v}}
    doc.table(pd.DataFrame({"field": HEADER_FIELDS, "value": [values.get(f, FILL_IN) for f in HEADER_FIELDS]}))


def used_sizes(cfg: dict, m: dict) -> dict[str, str]:
    """SFT examples, training and held-out pairs the run really used (metrics.json), with the configured number
    when the data held fewer (e.g. "481 (of 5000 asked)")."""
    data, rms = cfg.get("data", {}), list((m.get("reward_models") or {}).values())

    def show(used: Any, asked: Any) -> str:
        return f"{used} (of {asked} asked)" if used not in (None, asked) and asked is not None else str(used or asked)

    return {"sft": show((m.get("sft") or {}).get("train_examples"), data.get("sft_examples")),
            "pairs": show(max((r["train_pairs"] for r in rms), default=None), data.get("preference_pairs")),
            "heldout": show(max((r["heldout_pairs"] for r in rms), default=None), data.get("heldout_pairs"))}


HH_SKIPS = {"skipped_no_assistant_turn": "without an assistant turn",
            "skipped_identical_or_empty": "with identical answers or no prompt"}


def skipped_rows(report: dict, reasons: dict[str, str]) -> str:
    """" (3 rows without an assistant turn skipped, of 46,189)" from a data report's counts; "" when none was."""
    counts = [f"{report[key]:,} rows {why}" for key, why in reasons.items() if report.get(key)]
    total = report.get("rows", report.get("train_rows", 0) + report.get("test_rows", 0) + report.get("all_rows", 0))
    return f" ({' and '.join(counts)} skipped, of {total:,})" if counts else ""


def setup_paragraph(cfg: dict, m: dict) -> str:
    """What was trained, on what, for how long (from the run's config.json and metrics.json)."""
    model, data, sft, ppo = (cfg.get(k, {}) for k in ("model", "data", "sft", "ppo"))
    gen = cfg.get("eval", {}).get("generation", {})
    report = m.get("data") or {}
    sft_data, prefs = report.get("sft", {}), report.get("preferences", {})
    parts = [f"Profile `{cfg.get('profile', m.get('profile', '?'))}`: policy `{model.get('policy', '?')}`, reward "
             f"backbone `{model.get('reward', '?')}`, seed {cfg.get('seed', '?')}.",
             f"SFT: {used_sizes(cfg, m)['sft']} examples from `{sft_data.get('source', data.get('sft_source', '?'))}`"
             f"{skipped_rows(sft_data, {'skipped': 'without an instruction or a response'})}, "
             f"{sft.get('steps', '?')} steps of batch {sft.get('batch_size', '?')}.",
             f"Reward models: {used_sizes(cfg, m)['pairs']} preference pairs from "
             f"`{prefs.get('source', data.get('preference_source', '?'))}`"
             f"{skipped_rows(prefs, HH_SKIPS)}, "
             f"sampled with the seed, {used_sizes(cfg, m)['heldout']} held out.",
             f"PPO: {ppo.get('iterations', '?')} iterations of {ppo.get('batch_size', '?')} prompts, KL coefficient "
             f"{ppo.get('kl_coef', '?')}, at most {ppo.get('max_new_tokens', '?')} new tokens.",
             f"Evaluation: held-out test prompts sampled at temperature {gen.get('temperature', '?')}."]
    timings = m.get("timings_s") or {}
    if "total" in timings:
        parts.append(f"The whole run took {timings['total'] / 60:.1f} min.")
    return " ".join(parts)


def part1_section(doc: Doc, part1: Path) -> dict:
    """Part 1: set-up, the four figures with their observations, TODO 15's table and side-by-side answers."""
    m, cfg = read_json(part1 / "metrics.json"), read_json(part1 / "config.json")
    doc.heading("Part 1: the RLHF pipeline", 1)
    doc.para(setup_paragraph(cfg, m))
    figures = dict(PART1_FIGURES)
    for title, key, lines in (("Step 1: supervised fine-tuning", "sft_loss", sft_observations(m)),
                              ("Step 2: reward models", "reward_models", rm_observations(m)),
                              ("Step 3: PPO", "ppo", ppo_observations(m))):
        doc.heading(title, 2)
        doc.figure(part1 / "figures" / f"{key}.png", figures[key])
        doc.bullets(lines)
        doc.analysis()
    doc.heading("Held-out evaluation (TODO 15)", 2)
    doc.figure(part1 / "figures" / "model_comparison.png", figures["model_comparison"])
    for table, caption in eval_tables(part1):
        doc.table(table, caption)
    doc.bullets(eval_observations(m))
    doc.analysis()
    doc.heading("Side-by-side answers to held-out prompts", 3)
    for prompt, table in side_by_side_tables(part1):
        doc.table(table, f"Prompt: {prompt}")
    doc.analysis()
    return m
