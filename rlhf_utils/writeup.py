"""The write-up kit: a DOCX (and the same content as Markdown) scaffolded from finished runs.

    python -m rlhf_utils writeup --part1 runs/colab [--part2 runs/colab_part2] --out writeup/HW5_report.docx

The document has the header the course asks for (fill-in fields), then Part 1 (figures, the TODO 15 table with
95% CIs, side-by-side answers, one-line observations computed from metrics.json), Task 1 (the measured evidence
for each question, plus a table of data sizes in production RLHF with sources), Task 2 (a hypotheses table
with evidence pointers, rank and reasoning left blank), Task 3 (per experiment: table, figure, two examples,
the ">20% and CIs disjoint" flags), Task 4 and the reflections as headed prompts. Every number comes from the
run folders; after every block of evidence an empty "Your analysis" paragraph waits for the student's words.

DOCX is written with python-docx (a maintained, pure-Python library: no pandoc or LibreOffice binary on
Colab); the Markdown copy (`FILE.md`, figures referenced relative to it) is for reading and diffing.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from rlhf_utils import report
from rlhf_utils.plots import PAGE_WIDTH, label, model_name
from rlhf_utils.stats import bootstrap_ci, wald_ci

HEADER_FIELDS = ("Name", "Student ID", "Course number", "Assignment", "Collaborators",
                 "GenAI tools used (which, for what)", "References consulted")
ANALYSIS = "Your analysis: "
FILL_IN = "(fill in)"
MODELS = ("base", "sft", "ppo_poor", "ppo_good")
PART1_FIGURES = (("sft_loss", "SFT training and held-out loss"),
                 ("reward_models", "Reward models: training loss and held-out accuracy"),
                 ("ppo", "PPO: reward-model score and KL to the SFT reference per iteration (losses and entropy in "
                         "the appendix)"),
                 ("model_comparison", "Held-out comparison of Base, SFT, PPO-poor and PPO-good: good-RM score, the "
                                      "same with length controlled, mean length; bars: 95% CIs over prompts"))

PRODUCTION_DATA = pd.DataFrame([
    ("InstructGPT (Ouyang et al., 2022)", "12,725 prompts with labeller demonstrations",
     "33,207 prompts, 4-9 answers ranked each", "31,144 prompts",
     "arXiv:2203.02155, Table 6"),
    ("Llama 2-Chat (Touvron et al., 2023)", "27,540 annotated examples",
     "1,418,091 Meta binary comparisons (2,919,326 with open sets)", "same prompts, iterated",
     "arXiv:2307.09288, Sec. 3.1 and Table 6"),
    ("Stanford Alpaca (Taori et al., 2023)", "52,002 generated demonstrations", "none (SFT only)", "none",
     "github.com/tatsu-lab/stanford_alpaca (alpaca_data.json)"),
    ("Dolly 2.0 (Conover et al., 2023)", "15,011 human-written records", "none (SFT only)", "none",
     "huggingface.co/datasets/databricks/databricks-dolly-15k"),
    ("Anthropic HH-RLHF (Bai et al., 2022)", "-", "160,800 train + 8,552 test pairs", "-",
     "arXiv:2204.05862; huggingface.co/datasets/Anthropic/hh-rlhf"),
], columns=["system", "SFT data", "preference data", "RL prompts", "source"])
"""Published data sizes (looked up in the sources named; none is estimated)."""

TASK1_QUESTIONS = (
    ("sizes", "How much SFT data do production RLHF systems use, and how do this run's examples compare?"),
    ("dolly", "Do the Dolly examples suit a model as small as DistilGPT2 (length, context passages, truncation)?"),
    ("format", "Is a prompt ending in a colon a good format for GPT-2, and what kind of text was GPT-2 trained on?"),
    ("curves", "What do the training curves say: did SFT loss fall enough, how did RM accuracy evolve, did PPO "
               "learn (reward up with bounded KL)?"),
)
HYPOTHESES = (
    ("Model too small for instruction following",
     "DistilGPT2 (82M parameters, 6 layers) was pre-trained on web text, never on instructions",
     "fluent-looking but off-topic or generic answers", "base", "GPT-2 medium with LoRA (bonus) vs DistilGPT2"),
    ("Too little SFT", "a few hundred steps over a few thousand examples, far below production data sizes",
     "answers ignore the instruction, stop early or ramble", "sft", "Option 3: 2-5x more SFT steps / data"),
    ("Reward model rewards length, not quality", "in HH-RLHF the chosen answer is usually the longer one",
     "PPO makes answers longer without making them better", "length", "Option 5: RM variants; RM accuracy on "
                                                                      "pairs where the chosen answer is shorter"),
    ("Training data truncated", "long Dolly examples lose their end and EOS at max_length",
     "answers cut mid-sentence, no learned stopping", "truncation", "Option 6: response length, stop at a "
                                                                    "sentence end"),
    ("Sampling too random for a small model", "temperature 0.7 with no top-k/top-p or repetition control",
     "incoherent or repetitive continuations", "sampling", "Option 1: temperature, top-k/p, repetition penalty"),
    ("PPO over-optimises a noisy proxy reward", "the policy exploits RM errors as KL grows",
     "reward goes up while answers get worse", "ppo", "Option 4: KL coefficient sweep; proxy vs gold RM"),
)
"""(cause, why, effect on outputs, evidence key, an experiment that tests it): Task 2's starting rows."""
TASK4 = (
    ("Synthesis", ("What was the primary cause of poor performance, and what is the evidence?",
                   "Which improvement helped most, and why?",
                   "What is the best one could expect from GPT-2-sized models at instruction following?",
                   "How would the strategy change with far more compute (e.g. a 7B model)?")),
    ("Broader implications", ("How would you debug an underperforming model in production, step by step?",
                              "What do a smaller, faster model and a larger, more capable one trade off?",
                              "How do the last-mile problems met here (decoding, prompts) show up when "
                              "deploying LLMs?")),
)
REFLECTIONS = ("What you learned", "How difficult it was", "Difficulties you met",
               "What you would do differently next time", "Anything else")


# ---------------------------------------------------------------- document model


@dataclass
class Doc:
    """An ordered list of blocks, rendered by `to_markdown` and `to_docx`."""

    blocks: list[tuple[str, Any]] = field(default_factory=list)

    def heading(self, text: str, level: int = 1) -> None:
        self.blocks.append(("heading", (text, level)))

    def para(self, text: str) -> None:
        self.blocks.append(("para", text))

    def bullets(self, items: list[str]) -> None:
        if items:
            self.blocks.append(("bullets", list(items)))

    def table(self, df: pd.DataFrame, caption: str = "") -> None:
        if len(df):
            self.blocks.append(("table", (df.astype(str).reset_index(drop=True), caption)))

    def figure(self, path: Path, caption: str) -> None:
        if path.is_file():
            self.blocks.append(("figure", (path, caption)))

    def analysis(self) -> None:
        """An empty paragraph for the student's own words."""
        self.blocks.append(("analysis", ANALYSIS))

    def count(self, kind: str) -> int:
        return sum(k == kind for k, _ in self.blocks)


def heading_text(name: Any) -> str:
    """A column header as printed: its first letter capitalised ("cause" -> "Cause"), a symbol ("n") as it is."""
    text = str(name)
    return text[:1].upper() + text[1:] if len(text) > 1 else text


def _md_cell(value: str) -> str:
    return value.replace("\n(", " (").replace("\n±", " ±").replace("\n", " / ").replace("|", "\\|")


def to_markdown(doc: Doc, out: Path) -> str:
    """Markdown text of `doc`; figure paths relative to the folder of `out`."""
    lines: list[str] = []
    for kind, value in doc.blocks:
        if kind == "heading":
            lines += ["#" * value[1] + " " + value[0], ""]
        elif kind == "para":
            lines += [value, ""]
        elif kind == "analysis":
            lines += [f"*{value}*", ""]
        elif kind == "bullets":
            lines += [f"- {item}" for item in value] + [""]
        elif kind == "table":
            df, caption = value
            lines += ([f"*{caption}*", ""] if caption else [])
            lines += ["| " + " | ".join(_md_cell(heading_text(c)) for c in df.columns) + " |",
                      "|" + "---|" * len(df.columns)]
            lines += ["| " + " | ".join(_md_cell(v) for v in row) + " |" for row in df.itertuples(index=False)]
            lines.append("")
        elif kind == "figure":
            rel = os.path.relpath(value[0], out.parent)
            lines += [f"![{value[1]}]({Path(rel).as_posix()})", "", f"*Figure: {value[1]}*", ""]
    return "\n".join(lines)


def to_docx(doc: Doc, out: Path) -> None:
    """Write `doc` as a DOCX file (python-docx): headings, tables in the 'Table Grid' style, figures at their own
    width up to the page's 6.5 in (`figure_width`), 1-inch margins."""
    import docx
    from docx.shared import Inches, Pt

    document = docx.Document()
    document.styles["Normal"].font.size = Pt(10.5)
    for section in document.sections:  # python-docx's template has 1.25-inch side margins
        section.left_margin = section.right_margin = Inches(1)
        section.top_margin = section.bottom_margin = Inches(1)
    for kind, value in doc.blocks:
        if kind == "heading":
            document.add_heading(value[0], level=value[1] - 1 if value[1] > 1 else 0)
        elif kind == "para":
            document.add_paragraph(value)
        elif kind == "analysis":
            document.add_paragraph().add_run(value).italic = True
        elif kind == "bullets":
            for item in value:
                document.add_paragraph(item, style="List Bullet")
        elif kind == "table":
            _docx_table(document, *value)
        elif kind == "page_break":
            document.add_page_break()
        elif kind == "figure":
            document.add_picture(str(value[0]), width=Inches(figure_width(value[0])))
            document.paragraphs[-1].paragraph_format.keep_with_next = True  # the figure stays with its caption
            document.add_paragraph().add_run(f"Figure: {value[1]}").italic = True
    out.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(out))


def _docx_table(document: Any, df: pd.DataFrame, caption: str) -> None:
    from docx.oxml import OxmlElement
    from docx.shared import Inches, Pt

    if caption:
        paragraph = document.add_paragraph()
        paragraph.add_run(caption).italic = True
        paragraph.paragraph_format.keep_with_next = True
    table = document.add_table(rows=1, cols=len(df.columns))
    table.style = "Table Grid"
    for cell, name in zip(table.rows[0].cells, df.columns):
        cell.text = heading_text(name)
        cell.paragraphs[0].runs[0].bold = True
    for row in df.itertuples(index=False):
        for cell, value in zip(table.add_row().cells, row):
            cell.text = str(value).replace("/", "/\u200b")  # a URL or path may wrap after a slash
    size = 9 if len(df.columns) <= 3 else 8
    widths = column_widths(df, font_pt=size)
    if sum(widths) > PAGE_WIDTH + 1e-6:  # its words do not fit at 8 pt: a narrower font rather than broken words
        size = 7
        widths = column_widths(df, font_pt=size)
    table.autofit = False
    for column, width in zip(table.columns, widths):
        column.width = Inches(width)  # the grid LibreOffice reads; Word reads the cells' widths below
    for i, row in enumerate(table.rows):
        properties = row._tr.get_or_add_trPr()  # a row never splits across pages; the header repeats on each
        properties.append(OxmlElement("w:cantSplit"))
        if i == 0:
            properties.append(OxmlElement("w:tblHeader"))
        for cell, width in zip(row.cells, widths):
            cell.width = Inches(width)
            for paragraph in cell.paragraphs:
                for run in paragraph.runs:
                    run.font.size = Pt(size)
    document.add_paragraph()


CELL_PADDING = 0.16
"""Inches a table cell takes beside its text (both margins and the border)."""


def column_widths(df: pd.DataFrame, total: float = PAGE_WIDTH, font_pt: float = 8) -> list[float]:
    """Column widths in inches: each column at least as wide as its longest unbreakable word at `font_pt` (a CI
    is one: its spaces do not break), the rest of `total` shared in proportion to the square root of each column's
    longest line (words break at spaces and after slashes). More than `total` in all when the words alone do not
    fit (the caller then lowers the font)."""
    def texts(col) -> list[str]:
        return [heading_text(col)] + [str(v) for v in df[col]]

    need = np.array([max(text_width(w, font_pt) for t in texts(c) for w in re.split(r"[ \n]|(?<=/)", t))
                     + CELL_PADDING for c in df.columns])
    if need.sum() >= total:
        return list(need)
    share = np.sqrt([max(max(len(line) for line in t.split("\n")) for t in texts(c)) for c in df.columns])
    return list(need + (total - need.sum()) * share / share.sum())


def text_width(text: str, font_pt: float) -> float:
    """Inches `text` takes at `font_pt` in a proportional serif or sans font, a little generously (bold headers):
    0.75 em per capital or wide sign, 0.6 em per other character."""
    em = font_pt / 72
    return sum(0.75 if c.isupper() or c in "%@#&mwMW" else 0.6 for c in text) * em


def figure_width(path: Path) -> float:
    """Inches a figure is inserted at: its own width (pixels / dpi) up to the page width, so its fonts print at the
    size they were drawn at and a wider figure shrinks to the page."""
    from PIL import Image

    with Image.open(path) as image:
        dpi = image.info.get("dpi", (100, 100))[0] or 100
        return min(PAGE_WIDTH, image.size[0] / float(dpi))


# ---------------------------------------------------------------- reading the run folders


def _read_json(path: Path) -> dict:
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
    m, cfg = _read_json(part1 / "metrics.json"), _read_json(part1 / "config.json")
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


def _diag_rows(part2: Path | None) -> pd.DataFrame:
    results = report.read_results(part2) if part2 else pd.DataFrame(columns=report.COLUMNS)
    return results[results.experiment == "diagnose"] if len(results) else results


def _diag_value(rows: pd.DataFrame, setting: str, metric: str) -> str:
    hit = rows[(rows.setting == setting) & (rows.metric == metric)]
    if hit.empty:
        return ""
    r = hit.iloc[0]
    ci = f" [95% CI {r.ci_low:.2f}, {r.ci_high:.2f}]" if pd.notna(r.ci_low) and r.ci_low != r.ci_high else ""
    return f"{r.value:.2f}{ci} (n = {int(r.n)})" if pd.notna(r.n) and r.n else f"{r.value:.2f}{ci}"


def task1_evidence(rows: pd.DataFrame, m: dict, cfg: dict) -> dict[str, list[str]]:
    """Per Task 1 question, the measured facts that bear on it (empty where the diagnosis did not run)."""
    v = lambda s, k: _diag_value(rows, s, k)  # noqa: E731
    data = cfg.get("data", {})
    used = used_sizes(cfg, m)
    ev: dict[str, list[str]] = {"sizes": [f"This run: {used['sft']} SFT examples and {used['pairs']} training "
                                          "preference pairs (table below for production systems)."]}
    ev["dolly"] = [f"{label}: {v('dolly', key)}" for label, key in (
        ("Mean response length (tokens)", "response_tokens_mean"), ("90th percentile of the whole example (tokens)",
                                                                     "total_tokens_p90"),
        ("Share with a context passage", "share_with_context"),
        (f"Share longer than max_length={data.get('max_length', '?')} (end and EOS cut)",
         "share_truncated_at_max_length")) if v("dolly", key)]
    ev["format"] = [f"Share of {key.removesuffix('_end_with_colon').replace('_', ' ')} ending with a colon: "
                    f"{v('prompt_format', key)}" for key in ("sft_prompts_end_with_colon", "ppo_prompts_end_with_colon",
                                                             "test_prompts_end_with_colon", "hh_prompts_end_with_colon")
                    if v("prompt_format", key)]
    ev["format"].append("GPT-2 was pre-trained on WebText, about 8 million web pages linked from Reddit, with no "
                        "instruction format (Radford et al., 2019, 'Language Models are Unsupervised Multitask "
                        "Learners', Sec. 2.1).")
    ev["curves"] = sft_observations(m) + rm_observations(m) + ppo_observations(m)
    longer = v("length_only", "longer_wins_accuracy") or v("hh", "longer_wins_accuracy")
    if longer:
        ev["curves"].append(f"On the training pairs, 'the longer answer wins' alone predicts the label with "
                            f"accuracy {longer}; compare each RM's accuracy with it.")
    return ev


def task1_section(doc: Doc, part1: Path, part2: Path | None, m: dict) -> None:
    cfg = _read_json(part1 / "config.json")
    rows = _diag_rows(part2)
    doc.heading("Task 1: diagnosis", 2)
    if rows.empty:
        doc.para("The diagnosis experiment has not run: switch on `diagnose` in Improved_RLHF.ipynb for the data "
                 "statistics below each question.")
    evidence = task1_evidence(rows, m, cfg)
    for key, question in TASK1_QUESTIONS:
        doc.heading(question, 4)
        doc.bullets(evidence[key])
        if key == "sizes":
            doc.table(PRODUCTION_DATA, "Data used by published instruction-tuning and RLHF systems (from the "
                                       "sources named in the last column).")
        doc.analysis()
    notes = part2 / "diagnose" / "notes.md" if part2 else None
    if notes and notes.is_file():
        doc.heading("The diagnosis' verdicts", 4)
        doc.bullets([line[2:] for line in notes.read_text().splitlines() if line.startswith("- ")])
        doc.figure(part2 / "figures" / "diagnose.png", "Diagnosis: data lengths and the length bias of HH-RLHF")


def hypothesis_evidence(key: str, m: dict, rows: pd.DataFrame) -> str:
    """The measured pointer for one hypothesis (Task 2's evidence column); '-' when nothing was measured."""
    e, s, rms = m.get("eval") or {}, m.get("sft") or {}, m.get("reward_models") or {}
    good = rms.get("good", {})
    found = {
        "base": "; ".join(f"{model_name(k)} good-RM {e[k]['good_rm_score']:+.2f}" for k in MODELS
                          if k in e and "good_rm_score" in e[k]),
        "sft": (f"held-out SFT loss {s['heldout_loss_first']:.2f} -> {s['heldout_loss_last']:.2f} in {s['steps']} "
                "steps" if s else ""),
        "length": "; ".join(x for x in (
            f"longer wins {_diag_value(rows, 'length_only', 'longer_wins_accuracy')}"
            if _diag_value(rows, "length_only", "longer_wins_accuracy") else "",
            f"good RM {good['heldout_accuracy']:.2f}" if good else "",
            f"length SFT {e['sft']['mean_length']:.1f} vs PPO-good {e['ppo_good']['mean_length']:.1f} tokens"
            if "sft" in e and "ppo_good" in e else "") if x),
        "truncation": (f"truncated at max_length: {_diag_value(rows, 'dolly', 'share_truncated_at_max_length')}"
                       if _diag_value(rows, "dolly", "share_truncated_at_max_length") else "")
        + (f"; SFT answers cut off: {e['sft']['cut_rate']:.0%}" if "sft" in e else ""),
        "sampling": "; ".join(f"{model_name(k)} distinct-2 {e[k]['distinct_2']:.2f}, repeated trigrams "
                              f"{e[k]['repeated_trigram_rate']:.0%}" for k in ("sft", "ppo_good") if k in e),
        "ppo": "; ".join(f"vs {k} RM: score {r['reward_first']:+.2f} -> {r['reward_last']:+.2f} at KL "
                         f"{r['kl_last']:.2f}" for k, r in (m.get("ppo") or {}).items()),
    }
    return found.get(key, "").strip("; ") or "-"


def task2_section(doc: Doc, m: dict, part2: Path | None) -> None:
    rows = _diag_rows(part2)
    doc.heading("Task 2: hypotheses", 2)
    doc.para("Candidate causes with this run's measured evidence and an experiment that would test each. Rank "
             "them, add your own, and say what result would confirm or refute each.")
    table = pd.DataFrame([{"cause": cause, "why it may matter": why, "effect on outputs": effect,
                           "evidence (this run)": hypothesis_evidence(key, m, rows), "rank": "",
                           "test that would confirm / refute": test}
                          for cause, why, effect, key, test in HYPOTHESES])
    doc.table(table)
    doc.analysis()


def experiment_examples(folder: Path, n: int = 2) -> list[tuple[str, pd.DataFrame]]:
    """Two prompts of an experiment, each with every setting's answer (first seed)."""
    path = folder / "responses.csv"
    if not path.is_file():
        return []
    responses = pd.read_csv(path).fillna("")
    if responses.empty:
        return []
    first = responses[responses.seed == responses.seed.min()]
    out = []
    for prompt in list(dict.fromkeys(first.prompt))[:n]:
        rows = first[first.prompt == prompt]
        out.append((prompt, pd.DataFrame({"Setting": [str(v).replace("_", " ") for v in rows.setting],
                                          "Model": [model_name(m) for m in rows.model], "Response": rows.response})))
    return out


def task3_section(doc: Doc, part2: Path, titles: dict[str, str]) -> None:
    """Per experiment that ran: its table with n and 95% CIs, figure, two examples and summary flags."""
    results = report.read_results(part2)
    doc.heading("Task 3: improvement experiments", 2)
    ran = [name for name in titles if name != "diagnose" and (results.experiment == name).any()]
    if not ran:
        doc.para("No improvement experiment has finished yet: run three options in Improved_RLHF.ipynb.")
        return
    summary = report.summarize(results)
    doc.para("Cells read the value and under it its 95% bootstrap CI over prompts (and ± the spread between seeds when "
             f"several ran); `baseline` is Part 1's setting. Flags: improved by more than {report.BONUS_BAR:.0f}% and "
             "95% CIs disjoint.")
    for name in ran:
        rows = results[results.experiment == name]
        doc.heading(titles[name], 3)
        n = rows.n.dropna()
        doc.para(f"n = {int(n.max()) if len(n) else '?'} per cell (prompts, or pairs for RM accuracy), "
                 f"seeds: {', '.join(str(s) for s in sorted(rows.seed.unique()))}.")
        for table in experiment_tables(rows):
            doc.table(table)
        doc.figure(part2 / "figures" / f"{name}.png", titles[name])
        flags = summary[summary.experiment == name] if len(summary) else summary
        doc.bullets([f"{model_name(r.model)}, {label(r.metric)}: baseline {r.baseline:.3f} -> {r.best:.3f} with "
                     f"{r.best_setting} "
                     f"({r.change:+.3f}{f', {r.change_pct:+.0f}%' if pd.notna(r.change_pct) else ''}); "
                     f"CIs disjoint: {'yes' if r.cis_disjoint else 'no'}; above {report.BONUS_BAR:.0f}%: "
                     f"{'yes' if r.above_bonus_bar else 'no'}" for r in flags.itertuples()])
        for prompt, table in experiment_examples(part2 / name):
            doc.table(table, f"Example prompt: {prompt}")
        doc.analysis()


def task4_section(doc: Doc) -> None:
    doc.heading("Task 4: reflection and recommendations", 2)
    for title, questions in TASK4:
        doc.heading(title, 3)
        for question in questions:
            doc.heading(question, 4)
            doc.analysis()


def bonus_section(doc: Doc, part1: Path, part2: Path | None) -> None:
    """A/B human evaluation and the GPT-2 medium run, when present."""
    ab = part2 / "ab_result.md" if part2 else None
    medium = [p for p in part1.parent.glob("medium*/metrics.json")] if part1.parent.is_dir() else []
    if not (ab and ab.is_file()) and not medium:
        return
    doc.heading("Bonus evidence", 1)
    if ab and ab.is_file():
        doc.heading("Blind A/B human evaluation", 2)
        doc.table(report.score_ab_sheet(part2 / "ab_sheet.csv", part2 / "ab_key.json").round(2),
                  "Mean rating (1-5) per hidden system with a 95% bootstrap CI over rated items")
        doc.analysis()
    for path in medium:
        doc.heading(f"GPT-2 medium with LoRA ({path.parent.name})", 2)
        m = _read_json(path)
        doc.bullets(sft_observations(m) + rm_observations(m) + ppo_observations(m) + eval_observations(m))
        doc.analysis()


def appendix_section(doc: Doc, part1: Path, part2: Path | None, titles: dict[str, str]) -> None:
    """The secondary figures (`<name>_details`): PPO's losses and entropy, the other evaluation metrics, each
    experiment's text metrics; referred to from the text, kept out of its way."""
    found = [(part1 / "figures" / "ppo_details.png", "PPO: losses, clip fraction, entropy, length, KL coefficient"),
             (part1 / "figures" / "model_comparison_details.png", "Held-out comparison: the other metrics")]
    found += [(part2 / "figures" / f"{name}_details.png", f"{title}: the other metrics") for name, title in
              titles.items()] if part2 is not None else []
    found = [(path, caption) for path, caption in found if path.is_file()]
    if found:
        doc.blocks.append(("page_break", None))  # the appendix starts on a page of its own
        doc.heading("Appendix: more figures", 1)
        for path, caption in found:
            doc.figure(path, caption)


def reflections_section(doc: Doc) -> None:
    doc.heading("Reflections", 1)
    for title in REFLECTIONS:
        doc.heading(title, 3)
        doc.analysis()


# ---------------------------------------------------------------- the command


def build(part1: str | Path, part2: str | Path | None = None, fields: dict[str, str] | None = None) -> Doc:
    """The whole write-up of a Part 1 run folder (and a Part 2 experiments folder) as a `Doc`."""
    from rlhf_utils.experiments import EXPERIMENTS

    part1 = Path(part1)
    if not (part1 / "metrics.json").is_file():
        raise FileNotFoundError(f"--part1 {part1} holds no metrics.json: run Simple_RLHF.ipynb (or "
                                "python -m rlhf_utils run) into it first")
    part2 = Path(part2) if part2 else None
    if part2 is not None and not (part2 / "results.csv").is_file():
        raise FileNotFoundError(f"--part2 {part2} holds no results.csv: run an experiment into it first")
    doc = Doc()
    header(doc, fields or {})
    m = part1_section(doc, part1)
    doc.heading("Part 2", 1)
    task1_section(doc, part1, part2, m)
    task2_section(doc, m, part2)
    if part2 is not None:
        task3_section(doc, part2, {name: spec.title for name, spec in EXPERIMENTS.items()})
    task4_section(doc)
    bonus_section(doc, part1, part2)
    reflections_section(doc)
    appendix_section(doc, part1, part2, {name: spec.title for name, spec in EXPERIMENTS.items()})
    return doc


def write(part1: str | Path, out: str | Path, part2: str | Path | None = None,
          fields: dict[str, str] | None = None) -> tuple[Path, Path]:
    """Write OUT (.docx) and the same content as OUT with .md; returns both paths."""
    out = Path(out)
    if out.suffix.lower() != ".docx":
        raise ValueError(f"--out {out} is invalid: give a file name ending in .docx (a .md copy is written beside)")
    doc = build(part1, part2, fields)
    to_docx(doc, out)
    md = out.with_suffix(".md")
    md.write_text(to_markdown(doc, md))
    return out, md
