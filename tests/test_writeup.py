"""The write-up kit on a hand-made Part 1 folder: header fields, figures, tables, numbers from metrics.json,
the same content in Markdown, and one-line errors for missing folders. (test_experiments builds one from a
real tiny Part 1 + Part 2 run.)"""
import json

import matplotlib
import pandas as pd
import pytest

from rlhf_utils import writeup

matplotlib.use("Agg")

METRICS = {
    "profile": "tiny",
    "sft": {"loss_first": 4.0, "loss_last": 3.0, "steps": 200, "train_examples": 5000,
            "heldout_loss_first": 4.2, "heldout_loss_last": 3.5},
    "reward_models": {"good": {"heldout_accuracy": 0.64, "heldout_accuracy_start": 0.5, "heldout_pairs": 100,
                               "steps": 300, "train_pairs": 8000, "length_baseline_accuracy": 0.6,
                               "gap_over_length": 0.04, "gap_over_length_ci": [-0.02, 0.1],
                               "heldout_accuracy_shorter": 0.5, "heldout_pairs_shorter": 30}},
    "ppo": {"good": {"reward_first": -0.5, "reward_last": 0.25, "kl_last": 1.5, "kl_max": 2.0, "iterations": 100,
                     "response_length_last": 20.0}},
    "eval": {"sft": {"good_rm_score": 0.0, "poor_rm_score": 0.1, "mean_length": 10.0, "cut_rate": 0.5,
                     "empty_rate": 0.0, "distinct_2": 0.8, "repeated_trigram_rate": 0.1},
             "ppo_good": {"good_rm_score": 0.5, "poor_rm_score": 0.2, "mean_length": 15.0, "cut_rate": 0.25,
                          "empty_rate": 0.0, "distinct_2": 0.7, "repeated_trigram_rate": 0.2}},
    "timings_s": {"total": 600.0},
}


@pytest.fixture()
def part1(tmp_path):
    import matplotlib.pyplot as plt

    folder = tmp_path / "run"
    (folder / "figures").mkdir(parents=True)
    (folder / "eval").mkdir()
    (folder / "metrics.json").write_text(json.dumps(METRICS))
    (folder / "config.json").write_text(json.dumps({"profile": "tiny", "seed": 42, "model": {"policy": "tiny-gpt2"},
                                                    "data": {"sft_examples": 5000, "max_length": 192}}))
    for name in ("sft_loss", "reward_models", "ppo", "model_comparison"):
        fig, ax = plt.subplots(figsize=(2, 1.5))
        ax.plot([0, 1], [1, 0])
        fig.savefig(folder / "figures" / f"{name}.png")
        plt.close(fig)
    prompts = [f"Prompt {i}:" for i in range(6)]
    rows = [{"model": m, "prompt": p, "response": f"{m} answer {i}", "good_rm_score": s + i % 2,
             "poor_rm_score": 0.0} for m, s in (("sft", 0.0), ("ppo_good", 0.5)) for i, p in enumerate(prompts)]
    pd.DataFrame(rows).to_csv(folder / "eval" / "responses.csv", index=False)
    pd.DataFrame(METRICS["eval"]).T.to_csv(folder / "eval" / "metrics.csv")
    return folder


def test_docx_has_header_fields_figures_tables_and_measured_numbers(part1, tmp_path):
    import docx

    out, md = writeup.write(part1, tmp_path / "out" / "report.docx", fields={"Name": "Ada Lovelace"})
    document = docx.Document(str(out))
    header = {row.cells[0].text: row.cells[1].text for row in document.tables[0].rows[1:]}
    assert set(writeup.HEADER_FIELDS) <= set(header)
    assert header["Name"] == "Ada Lovelace" and header["Assignment"] == "HW#5"
    assert header["Student ID"] == writeup.FILL_IN
    headings = [p.text for p in document.paragraphs if p.style.name.startswith(("Heading", "Title"))]
    for title in ("Part 1: the RLHF pipeline", "Task 1: diagnosis", "Task 2: hypotheses",
                  "Task 4: reflection and recommendations", "Reflections"):
        assert title in headings
    assert "Task 3: improvement experiments" not in headings  # no Part 2 folder given
    assert len(document.inline_shapes) == 4  # the four Part 1 figures
    text = "\n".join(p.text for p in document.paragraphs)
    # numbers computed from metrics.json: -25% = (3.0 - 4.0) / 4.0; accuracy CI 0.64 +- 1.96 * sqrt(.64 * .36 / 100)
    assert "SFT training loss fell from 4.00 to 3.00 nats/token (-25%)" in text
    assert "held-out accuracy 0.500 -> 0.640 (95% CI [0.546, 0.734], n = 100 pairs)" in text
    assert "'the longer answer wins' scores 0.600 on the same pairs (gap +0.040, paired 95% CI [-0.020, +0.100])" \
        in text
    assert "the RM scores 0.500 on the 30 pairs whose chosen answer is the shorter" in text
    assert "PPO-good vs SFT: good-RM score +0.50 while mean length goes 10.0 -> 15.0 tokens." in text
    assert text.count(writeup.ANALYSIS.strip()) >= 10
    tables = [[c.text for c in t.rows[0].cells] for t in document.tables]
    assert ["Model", "n", "Good-RM score (normalised) (95% CI)", "Mean length (tokens) (95% CI)",
            "Empty answers (share) (95% CI)"] in tables
    assert ["Model", "Poor-RM score (normalised) (95% CI)", "Distinct-2 (share) (95% CI)",
            "Repeated trigrams (share) (95% CI)", "Cut-off answers (share) (95% CI)"] in tables
    assert sum(t == ["Model", "Response"] for t in tables) == 5  # five side-by-side prompts
    hypotheses = next(t for t in document.tables if t.rows[0].cells[0].text == "Cause")
    assert len(hypotheses.rows) - 1 >= 5
    sizes = next(t for t in document.tables if t.rows[0].cells[0].text == "System")
    assert all(row.cells[-1].text for row in sizes.rows[1:])  # every production number has a source
    md_text = md.read_text()
    assert "| Name | Ada Lovelace |" in md_text
    assert "![SFT training and held-out loss](../run/figures/sft_loss.png)" in md_text


def test_eval_table_cis_by_hand(part1):
    table = writeup.eval_tables(part1)[0][0].set_index("Model")
    # sft scores 0,1,0,1,0,1: mean 0.5; the bootstrap interval lies within [0, 1] and brackets the mean
    cell = table.loc["SFT", "Good-RM score (normalised) (95% CI)"]
    value, ci = cell.split("\n")
    low, high = (float(v) for v in ci.strip("()").split("\u00a0to\u00a0"))
    assert float(value) == 0.5 and 0 <= low < 0.5 < high <= 1
    assert table.loc["SFT", "n"] == 6


def test_table_columns_hold_their_longest_word():
    """No header is broken mid-word and no CI across lines: each column is at least as wide as its longest
    unbreakable word (a CI is one), and the widths fill the page when they can."""
    df = pd.DataFrame({"Model": ["PPO-good"], "Good-RM score (normalised) (95% CI)": [writeup.ci_cell(0.68, 0.47, 0.89,
                                                                                                          "+.2f")]})
    assert df.iloc[0, 1] == "+0.68\n(+0.47\u00a0to\u00a0+0.89)"
    widths = writeup.column_widths(df, font_pt=8)
    assert sum(widths) == pytest.approx(writeup.PAGE_WIDTH)
    assert widths[1] >= writeup.text_width("(+0.47\u00a0to\u00a0+0.89)", 8) + writeup.CELL_PADDING
    assert widths[0] >= writeup.text_width("PPO-good", 8) + writeup.CELL_PADDING
    wide = pd.DataFrame({f"column{i}": ["(+0.123\u00a0to\u00a0+0.456)"] for i in range(8)})
    assert sum(writeup.column_widths(wide, font_pt=8)) > writeup.PAGE_WIDTH  # the caller then lowers the font


def test_missing_folders_are_one_line_errors(part1, tmp_path):
    from rlhf_utils.__main__ import main

    with pytest.raises(FileNotFoundError, match="holds no metrics.json"):
        writeup.write(tmp_path / "nothing", tmp_path / "r.docx")
    with pytest.raises(FileNotFoundError, match="holds no results.csv"):
        writeup.write(part1, tmp_path / "r.docx", part2=tmp_path)
    with pytest.raises(ValueError, match="ending in .docx"):
        writeup.write(part1, tmp_path / "r.pdf")
    assert main(["writeup", "--part1", str(tmp_path / "nothing"), "--out", str(tmp_path / "r.docx")]) == 2
