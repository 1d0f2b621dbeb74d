"""The document model of the write-up (`Doc`, an ordered list of blocks) and its two renderings: Markdown and DOCX
(python-docx), with table column widths measured for the page."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from rlhf_utils.plots import PAGE_WIDTH
from rlhf_utils.writeup.questions import ANALYSIS


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
