"""Part 2 experiments on a small tiny-profile Part 1 run: each runs, writes its rows, and moves its
metric the way it must."""
import json
import math
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from rlhf_utils import report
from rlhf_utils.config import ConfigError
from rlhf_utils.profiles import load_config

ROOT = Path(__file__).resolve().parents[1]
PART1_OVERRIDES = ["sft.steps=80", "reward_poor.steps=10", "reward_good.steps=60", "ppo.iterations=12",
                   "reward_good.normalize_samples=32", "reward_poor.normalize_samples=32", "dpo.steps=4"]
GRIDS = {"models": ["ppo_good"], "generation": {"temperature": [0.7], "repetition_penalty": [1.3],
                                                "no_repeat_ngram_size": [3]},
         "prompt_models": ["sft"], "sft_steps": [20], "sft_examples": [],
         "ppo": {"kl_coef": [0.0, 0.5], "lr": [], "iterations": []},
         "reward": {"steps_factor": [], "pooling": ["mean"], "margin": [1.0], "content": ["odin", "length_residual"]},
         "max_new_tokens": [10, 40], "best_of_n": [1, 2, 4], "gold_iterations_factor": 1, "gold_steps_factor": 1,
         "steering_alphas": [8.0], "examples": 2}


@pytest.fixture(scope="module")
def x(tmp_path_factory):
    from rlhf_utils.experiments import Part2

    root = tmp_path_factory.mktemp("part2")
    cfg = load_config("tiny", PART1_OVERRIDES)
    return Part2.open("tiny", root / "exp", root / "part1", seeds=1, grids=GRIDS, part1_cfg=cfg, create_part1=True)


def table(x, name: str) -> pd.DataFrame:
    rows = report.read_results(x.dir)
    return report.aggregate(rows[rows.experiment == name])


def value(agg: pd.DataFrame, setting: str, metric: str, model: str | None = None) -> float:
    sel = agg[(agg.setting == setting) & (agg.metric == metric)]
    if model is not None:
        sel = sel[sel.model == model]
    assert len(sel) == 1, (setting, metric, model, sel)
    return float(sel.value.iloc[0])


@pytest.mark.slow
def test_diagnose_counts_by_hand(x):
    x.run("diagnose")
    agg = table(x, "diagnose")
    train, _ = x.pairs()
    tok = x.tokenizer
    wins = [1.0 if len(tok(p.chosen).input_ids) > len(tok(p.rejected).input_ids) else
            0.5 if len(tok(p.chosen).input_ids) == len(tok(p.rejected).input_ids) else 0.0 for p in train]
    assert value(agg, "hh", "longer_wins_accuracy") == pytest.approx(np.mean(wins))
    assert value(agg, "prompt_format", "test_prompts_end_with_colon") == 1.0
    rm = x.part1.metrics["reward_models"]["good"]  # Part 1's held-out numbers against length, as rows and a verdict
    for metric in ("length_baseline_accuracy", "gap_over_length", "heldout_accuracy_shorter"):
        assert value(agg, "training", metric, "rm_good") == pytest.approx(rm[metric])
    assert "good RM against length: 'the longer answer wins' scores" in (x.dir / "diagnose" / "notes.md").read_text()
    assert 0 <= value(agg, "dolly", "share_truncated_at_max_length") <= 1
    notes = (x.dir / "diagnose" / "notes.md").read_text()
    assert "SFT: held-out loss" in notes and "good RM" in notes and "PPO vs good RM" in notes
    assert (x.figures / "diagnose.png").stat().st_size > 10_000


@pytest.mark.slow
def test_gold_rm_watches_ppo_and_later_experiments_report_it(x):
    x.run("gold_rm")
    log = json.loads((x.dir / "gold_rm" / "extra.json").read_text())["log"]
    assert len(log) == x.cfg.ppo.iterations and all(math.isfinite(r["gold_score"]) for r in log)
    agg = table(x, "gold_rm")
    assert {"proxy_rm", "gold_rm"} <= set(agg.setting)
    assert "gold" in x.reward_models()


@pytest.mark.slow
def test_generation_repetition_controls_lower_repeats(x):
    import copy

    from rlhf_utils.experiments import Part2

    cfg = copy.deepcopy(x.cfg)
    cfg.eval.generation.temperature = 0.3  # a cold baseline: the tiny model repeats itself a lot
    cold = Part2(x.part1, cfg, x.dir / "cold", grids=GRIDS)
    cold.run("generation")
    agg = table(cold, "generation")
    base = value(agg, "baseline", "repeated_trigram_rate")
    assert base > 0.2
    assert value(agg, "repetition_penalty=1.3", "repeated_trigram_rate") < 0.5 * base
    assert value(agg, "no_repeat_ngram_size=3", "repeated_trigram_rate") < 0.5 * base
    assert {"best_by_good_rm", "recipe_t0.7_p0.9_rp1.2_nr3", "temperature=0.7"} <= set(agg.setting)
    rows = report.read_results(cold.dir)
    assert list(rows.columns) == report.COLUMNS
    assert (rows.ci_low <= rows.value + 1e-9).all() and (rows.value <= rows.ci_high + 1e-9).all()
    assert (cold.figures / "generation.png").is_file() and (cold.figures / "generation.pdf").is_file()
    x.run("generation")  # the shared folder gets its rows too (report test below)


@pytest.mark.slow
def test_length_caps_and_sentence_stops(x):
    x.run("length")
    agg = table(x, "length")
    assert value(agg, "max_new_tokens=10", "mean_length") < value(agg, "max_new_tokens=40", "mean_length")
    assert value(agg, "trim_to_sentence", "cut_rate") <= value(agg, "baseline", "cut_rate")
    assert value(agg, "stop_at_sentence,max_new_tokens=40", "cut_rate") <= value(agg, "max_new_tokens=40", "cut_rate")
    # every row also reads the good-RM score with Part 1's SFT score-on-length line removed; a mean of residuals
    # is the mean score minus the line at the mean length, the line being least squares over Part 1's SFT answers
    sft = x.part1.responses().query("model == 'sft'")
    lengths = [len(x.tokenizer(str(t)).input_ids) for t in sft["response"]]
    slope, intercept = np.polyfit(lengths, sft["good_rm_score"].to_numpy(dtype=float), 1)
    assert x.length_line() == pytest.approx((intercept, slope))
    for setting in set(agg.setting):
        expected = (value(agg, setting, "good_rm_score") - intercept
                    - slope * value(agg, setting, "mean_length"))
        assert value(agg, setting, "good_rm_score_length_controlled") == pytest.approx(expected, abs=1e-6)


@pytest.mark.slow
def test_best_of_n_never_scores_below_one_sample(x):
    x.run("best_of_n")
    agg = table(x, "best_of_n")
    one, two, four = (value(agg, s, "good_rm_score") for s in ("baseline", "n=2", "n=4"))
    assert one <= two <= four and four > one
    assert "gold_rm_score" in set(agg.metric)  # trained by the gold_rm test above


@pytest.mark.slow
def test_prompt_styles_write_sets_and_score_against_the_instruction(x):
    x.run("prompts")
    agg = table(x, "prompts")
    assert {"baseline", "continuation", "few_shot"} <= set(agg.setting)
    sets = x.dir / "prompts" / "sets"
    assert len((sets / "test_continuation.jsonl").read_text().splitlines()) == len(x.prompts())
    assert (sets / "train_few_shot.jsonl").is_file()
    responses = pd.read_csv(x.dir / "prompts" / "responses.csv", keep_default_na=False)
    cont = responses[responses.setting == "continuation"]
    assert cont.response.str.startswith(("AI is", "Here", "The", "A ", "To ", "My ", "Machine", "Your", "Exercise"))\
        .mean() > 0.9  # the stem is part of the scored answer


@pytest.mark.slow
def test_fewer_sft_steps_give_higher_heldout_loss(x):
    x.run("sft_steps")
    agg = table(x, "sft_steps")
    assert value(agg, "steps=20", "sft_heldout_loss") > value(agg, "baseline", "sft_heldout_loss")
    assert (x.figures / "sft_steps.png").is_file()


@pytest.mark.slow
def test_ppo_kl_coefficient_controls_kl(x):
    x.run("ppo_hparams")
    agg = table(x, "ppo_hparams")
    assert value(agg, "kl_coef=0.0", "train_kl_last") > value(agg, "kl_coef=0.5", "train_kl_last")
    assert value(agg, "baseline", "episodes") == x.cfg.ppo.iterations * x.cfg.ppo.batch_size


@pytest.mark.slow
def test_reward_model_variants_have_accuracy_with_cis(x):
    x.run("reward_model")
    agg = table(x, "reward_model")
    for setting in ("baseline", "pooling=mean", "margin=1.0", "combined", "odin", "length_residual", "length_only"):
        acc = agg[(agg.setting == setting) & (agg.metric == "heldout_accuracy")].iloc[0]
        assert 0 <= acc.ci_low <= acc.value <= acc.ci_high <= 1
    assert value(agg, "baseline", "heldout_accuracy") >= 0.75  # Part 1's good RM, re-measured here
    rm = x.part1.metrics["reward_models"]["good"]  # the same pairs and lengths as Part 1's RM stage
    assert value(agg, "baseline", "heldout_accuracy") == pytest.approx(rm["heldout_accuracy"], abs=1e-6)
    length_only = value(agg, "length_only", "heldout_accuracy")
    assert length_only == pytest.approx(rm["length_baseline_accuracy"]) and length_only > 0.9  # tiny data: confounded
    for setting in ("baseline", "pooling=mean", "margin=1.0", "combined", "odin", "length_residual"):
        gap = agg[(agg.setting == setting) & (agg.metric == "gap_over_length")].iloc[0]
        assert gap.value == pytest.approx(value(agg, setting, "heldout_accuracy") - length_only)
        assert gap.ci_low <= gap.value <= gap.ci_high
        shorter = agg[(agg.setting == setting) & (agg.metric == "heldout_accuracy_shorter")].iloc[0]
        assert shorter.n == rm["heldout_pairs_shorter"] and 0 <= shorter.value <= 1


@pytest.mark.slow
def test_trained_variants_are_reused_until_their_settings_change(x, capsys):
    from rlhf_utils import cache
    from rlhf_utils.experiments import Part2

    out = x.dir.parent / "cached"
    variant = out / "reward_model" / "combined_seed42"
    grids = {"reward": {"steps_factor": [], "pooling": [], "margin": []}}  # one trained variant: "combined"

    def run(*overrides: str) -> tuple[str, str]:
        p = Part2.open("tiny", out, x.part1.dir, ["reward_good.steps=10", *overrides], grids=grids, run_part1=False)
        p.run("reward_model")
        return cache.record(variant)["id"], capsys.readouterr().out

    def said(text: str, label: str, what: str) -> bool:
        return any(label in line and what in line for line in text.splitlines())

    first, _ = run()
    again, text = run()  # unchanged: the saved outcome is reused
    assert again == first and said(text, "experiment 'reward_model' (seed 42)", "reused")
    same, text = run("eval.generation.top_p=0.8")  # the experiment's settings change, not the variant's
    assert same == first and said(text, "RM combined", "reused")
    assert said(text, "experiment 'reward_model' (seed 42)", "running it again")
    new, text = run("eval.generation.top_p=0.8", "reward_good.lr=1e-4")  # the variant's settings change
    assert new != first and said(text, "RM combined", "running it again")


def test_each_experiment_declares_the_grid_keys_it_reads():
    import inspect
    import re

    from rlhf_utils.experiments import EXPERIMENTS

    for name, spec in EXPERIMENTS.items():
        read = set(re.findall(r'grid\["(\w+)"\]', inspect.getsource(inspect.getmodule(spec.run))))
        assert read <= set(spec.grid), (name, read - set(spec.grid))  # else a saved outcome could be stale


@pytest.mark.slow
def test_steering_changes_the_answers(x):
    x.run("steering")
    responses = pd.read_csv(x.dir / "steering" / "responses.csv", keep_default_na=False)
    base = responses[responses.setting == "baseline"].response.tolist()
    steered = responses[responses.setting == "alpha=8"].response.tolist()
    assert sum(a != b for a, b in zip(base, steered)) >= len(base) // 2


@pytest.mark.slow
def test_dpo_runs_and_is_compared(x):
    x.run("dpo")
    agg = table(x, "dpo")
    assert {"sft", "ppo_good", "dpo"} == set(agg.model)
    assert (x.dir / "dpo" / "seed42" / "model").is_dir()


@pytest.mark.slow
def test_report_ab_sheet_and_rerun(x):
    from rlhf_utils.experiments import EXPERIMENTS, systems_for_ab

    text = (x.dir / "report.md").read_text()
    for name in ("generation", "length", "best_of_n"):
        assert EXPERIMENTS[name].title in text and f"figures/{name}.png" in text
    assert "## Summary" in text and "## Part 1 baseline" in text
    n_rows = len(report.read_results(x.dir))
    x.run("length")  # a re-run replaces its rows instead of duplicating them
    assert len(report.read_results(x.dir)) == n_rows

    from rlhf_utils.__main__ import main

    common = ["--out", str(x.dir), "--part1", str(x.part1.dir)]
    assert main(["ab-sheet", *common, "--systems", "part1:sft", "part1:ppo_good", "--prompts", "10"]) == 0
    assert main(["ab-score", *common]) == 2  # nothing rated yet: a one-line error, not a crash
    assert main(["ab-sheet", *common, "--systems", "part1:sft", "part1:ppo_good", "--prompts", "5"]) == 2
    systems = systems_for_ab(x.dir, ["part1:sft", "part1:ppo_good", "length:trim_to_sentence:ppo_good"],
                             x.part1.dir)
    sheet, key = report.make_ab_sheet(systems, x.dir, n_prompts=10, seed=1)
    df = pd.read_csv(sheet)
    assert len(df) == 30 and df["item"].nunique() == 10 and "system" not in df.columns
    mapping = json.loads(key.read_text())
    df["rating"] = [5 if mapping[str(i)][lab] == "part1:ppo_good" else 2 for i, lab in zip(df["item"], df["label"])]
    df.to_csv(sheet, index=False)
    scores = report.score_ab_sheet(sheet, key).set_index("system")
    assert scores.loc["part1:ppo_good", "mean_rating"] == 5 and scores.loc["part1:sft", "mean_rating"] == 2
    assert scores.loc["part1:ppo_good", "top_rated_share"] == 1 and scores.loc["part1:sft", "top_rated_share"] == 0
    assert main(["ab-score", *common]) == 0
    assert "## Blind A/B human evaluation" in (x.dir / "report.md").read_text()


@pytest.mark.slow
def test_cli_runs_an_experiment_and_rejects_unknown_names(x):
    cmd = [sys.executable, "-m", "rlhf_utils", "experiment", "best_of_n", "--out", str(x.dir), "--part1",
           str(x.part1.dir), "--grid", "best_of_n=[1,3]", "--grid", 'models=["sft"]', "--seeds", "2"]
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    rows = report.read_results(x.dir)
    bon = rows[rows.experiment == "best_of_n"]
    assert set(bon.seed) == {42, 43} and set(bon.setting) == {"baseline", "n=3"}
    assert "±" in (x.dir / "best_of_n" / "table.md").read_text()  # the spread between seeds is shown
    bad = subprocess.run([*cmd[:4], "nonsense", *cmd[5:9]], capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert bad.returncode == 2 and "experiment 'nonsense' is unknown" in bad.stderr
    assert len(bad.stderr.strip().splitlines()) == 1


@pytest.mark.slow
def test_writeup_from_the_tiny_part1_and_part2(x, tmp_path):
    """The write-up of this module's Part 1 + Part 2 runs: every experiment that ran has its heading, table and
    figure; the rated A/B sheet and the diagnosis' numbers are in; every number of Part 1 is metrics.json's."""
    import docx

    from rlhf_utils.__main__ import main
    from rlhf_utils.experiments import EXPERIMENTS

    out = tmp_path / "w" / "report.docx"
    assert main(["writeup", "--part1", str(x.part1.dir), "--part2", str(x.dir), "--out", str(out),
                 "--name", "Ada", "--student-id", "123", "--course", "CS 5"]) == 0
    document = docx.Document(str(out))
    header = {row.cells[0].text: row.cells[1].text for row in document.tables[0].rows[1:]}
    assert (header["Name"], header["Student ID"], header["Course number"], header["Assignment"]) == \
        ("Ada", "123", "CS 5", "HW#5")
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    ran = set(report.read_results(x.dir).experiment) - {"diagnose"}
    assert {EXPERIMENTS[name].title for name in ran} <= set(headings)
    assert "Blind A/B human evaluation" in headings and "Task 1: diagnosis" in headings
    figures = len(list(x.part1.figures.glob("*.png"))) + len([n for n in ran if (x.figures / f"{n}.png").is_file()])
    figures += len([n for n in ran if (x.figures / f"{n}_details.png").is_file()])  # in the appendix
    assert len(document.inline_shapes) == figures + 1  # + the diagnosis figure
    text = "\n".join(p.text for p in document.paragraphs)
    m = x.part1.metrics
    assert f"SFT training loss fell from {m['sft']['loss_first']:.2f} to {m['sft']['loss_last']:.2f}" in text
    assert f"held-out accuracy {m['reward_models']['good']['heldout_accuracy_start']:.3f} -> " \
           f"{m['reward_models']['good']['heldout_accuracy']:.3f}" in text
    longer = report.aggregate(report.read_results(x.dir).query("metric == 'longer_wins_accuracy'")).value.iloc[0]
    assert f"accuracy {longer:.2f}" in text  # Task 1's length-bias evidence
    assert "CIs disjoint:" in text  # Task 3's flags
    md = out.with_suffix(".md").read_text()
    assert md.count("![") == figures + 1 and "| Test that would confirm / refute |" in md


@pytest.mark.slow
def test_every_part2_figure_reads_at_page_width(x):
    """Every experiment's figures (and details), as Task 3 inserts them: at most page-wide, no text under 8 pt,
    every bar with its CI; each experiment that ran has its main figure."""
    from conftest import assert_figures_legible

    facts = assert_figures_legible(x.figures)
    assert set(report.read_results(x.dir).experiment) <= set(facts)


# ---------------------------------------------------------------- pure functions, by hand


def test_summary_by_hand():
    rows = pd.DataFrame([
        ["e", "baseline", "m", "distinct_2", 0.50, 24, 0.45, 0.55, 0],
        ["e", "a", "m", "distinct_2", 0.65, 24, 0.60, 0.70, 0],
        ["e", "b", "m", "distinct_2", 0.55, 24, 0.50, 0.60, 0],
        ["e", "baseline", "m", "cut_rate", 0.80, 24, 0.60, 0.95, 0],
        ["e", "a", "m", "cut_rate", 0.70, 24, 0.50, 0.85, 0],
        ["e", "baseline", "m", "mean_length", 30, 24, 28, 32, 0],
        ["e", "a", "m", "mean_length", 50, 24, 48, 52, 0],
    ], columns=report.COLUMNS)
    s = report.summarize(rows).set_index("metric")
    assert "mean_length" not in s.index  # no direction: longer is not better by itself
    assert s.loc["distinct_2", "best_setting"] == "a"
    assert s.loc["distinct_2", "change_pct"] == pytest.approx(30.0)
    assert s.loc["distinct_2", "above_bonus_bar"] and s.loc["distinct_2", "cis_disjoint"]
    assert s.loc["cut_rate", "change_pct"] == pytest.approx(-12.5)
    assert not s.loc["cut_rate", "above_bonus_bar"] and not s.loc["cut_rate", "cis_disjoint"]


def test_bootstrap_ci_by_hand():
    from rlhf_utils.evaluation import bootstrap_ci

    const = np.full(30, 0.7)
    assert bootstrap_ci(30, lambda i: float(const[i].mean())) == pytest.approx((0.7, 0.7))
    coin = np.array([0, 1] * 200, dtype=float)  # mean 0.5, standard error 0.025
    low, high = bootstrap_ci(len(coin), lambda i: float(coin[i].mean()), n_boot=2000)
    assert low == pytest.approx(0.5 - 1.96 * 0.025, abs=0.01) and high == pytest.approx(0.5 + 1.96 * 0.025, abs=0.01)


def test_continuation_and_few_shot_prompts():
    from rlhf_utils.data import SFTExample
    from rlhf_utils.experiments.prompts import continuation_prompt, cut_at_next_example, few_shot_prompt, pick_shots

    assert continuation_prompt("Explain artificial intelligence:") == "Artificial intelligence is"
    assert continuation_prompt("What is the speed of light:") == "The speed of light is"
    assert continuation_prompt("How do I bake bread:") == "To bake bread, you should"
    assert continuation_prompt("Context line.\n\nWhat is rain:") == "Context line.\n\nRain is"
    assert continuation_prompt("Tell me a joke:") == "Tell me a joke. Answer:"
    shots = pick_shots([SFTExample("Say hi:", "Hello there, nice to meet you today my friend.", "a"),
                        SFTExample("Long:", "word " * 100, "b"),
                        SFTExample("Count to three:", "One, two, three, and that is all of it.", "c")], 2)
    assert [s.prompt for s in shots] == ["Say hi:", "Count to three:"]
    text = few_shot_prompt("Explain AI:", shots)
    assert text.startswith("Say hi: Hello there") and text.endswith(".\n\nExplain AI:")
    assert cut_at_next_example("AI is smart.\nName a color:\nRed.") == "AI is smart."
    assert cut_at_next_example("AI is smart.\n\nSay hi:") == "AI is smart."


def test_unknown_grid_and_bad_seeds_are_one_line_errors(tmp_path):
    from rlhf_utils.experiments import Part2

    with pytest.raises(ConfigError, match="grid 'nope' is unknown"):
        Part2(None, load_config("tiny"), tmp_path, grids={"nope": 1})  # type: ignore[arg-type]
    with pytest.raises(ConfigError, match="seeds=0 is invalid"):
        Part2(None, load_config("tiny"), tmp_path, seeds=0)  # type: ignore[arg-type]
