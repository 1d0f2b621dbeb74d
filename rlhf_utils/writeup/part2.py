"""Part 2 of the write-up: Task 1's evidence per question, Task 2's hypotheses, Task 3 per experiment, Task 4,
the bonus, the reflections and the appendix."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from rlhf_utils import report
from rlhf_utils.plots import label, model_name
from rlhf_utils.writeup.document import Doc
from rlhf_utils.writeup.part1 import (
    eval_observations,
    experiment_tables,
    ppo_observations,
    read_json,
    rm_observations,
    sft_observations,
    used_sizes,
)
from rlhf_utils.writeup.questions import HYPOTHESES, MODELS, PRODUCTION_DATA, REFLECTIONS, TASK1_QUESTIONS, TASK4


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
    cfg = read_json(part1 / "config.json")
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
        m = read_json(path)
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
