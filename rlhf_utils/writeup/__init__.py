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

from pathlib import Path

from rlhf_utils.plots import PAGE_WIDTH
from rlhf_utils.writeup.document import CELL_PADDING, Doc, column_widths, text_width, to_docx, to_markdown
from rlhf_utils.writeup.part1 import ci_cell, eval_tables, header, part1_section
from rlhf_utils.writeup.part2 import (
    appendix_section,
    bonus_section,
    reflections_section,
    task1_section,
    task2_section,
    task3_section,
    task4_section,
)
from rlhf_utils.writeup.questions import ANALYSIS, FILL_IN, HEADER_FIELDS

__all__ = ["ANALYSIS", "CELL_PADDING", "FILL_IN", "HEADER_FIELDS", "PAGE_WIDTH", "Doc", "build", "ci_cell",
           "column_widths", "eval_tables", "text_width", "write"]


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
