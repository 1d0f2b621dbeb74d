"""Task 1: diagnosis. Dataset statistics, the prompt-format check and a plain-language summary of the
Part 1 training run."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from rlhf_utils.data import format_prompt, load_sft_examples, tokenize_example
from rlhf_utils.experiments.cost_model import AVAILABLE, sft_key
from rlhf_utils.experiments.outcome import Outcome, accuracy_row, point
from rlhf_utils.stats import bootstrap_ci, wald_ci

if TYPE_CHECKING:
    from rlhf_utils.experiments.core import Part2
    from rlhf_utils.experiments.estimates import Tally


def _verdict(ok: bool, yes: str, no: str) -> str:
    return yes if ok else no


def _dolly_lengths(x: Part2, out: Outcome, examples: list, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Token lengths of the SFT examples' parts; returns (truncated, prompt cut) per example (0/1)."""
    tok, d = x.tokenizer, x.cfg.data
    parts = {"instruction": [], "context": [], "response": [], "total": []}
    for ex in examples:
        context, _, instruction = ex.prompt.rpartition("\n\n")
        parts["instruction"].append(len(tok(instruction).input_ids))
        parts["context"].append(len(tok(context).input_ids) if context else 0)
        parts["response"].append(len(tok(" " + ex.response).input_ids) + 1)
        parts["total"].append(len(tok(ex.prompt).input_ids) + parts["response"][-1])
    lengths = {k: np.array(v, dtype=float) for k, v in parts.items()}
    for key, values in lengths.items():
        out.rows.append(point("dolly", "-", f"{key}_tokens_mean", values.mean(), len(values)))
        out.rows.append(point("dolly", "-", f"{key}_tokens_p90", np.quantile(values, 0.9), len(values)))
    truncated = (lengths["total"] > d.max_length).astype(float)
    prompt_cut = (lengths["instruction"] + lengths["context"] > d.max_prompt_tokens).astype(float)
    out.rows.append(accuracy_row("dolly", "-", truncated, seed, "share_truncated_at_max_length"))
    out.rows.append(accuracy_row("dolly", "-", prompt_cut, seed, "share_prompt_cut_at_max_prompt_tokens"))
    out.rows.append(point("dolly", "-", "share_with_context", float((lengths["context"] > 0).mean()), len(examples)))
    categories = pd.Series([ex.category or "(none)" for ex in examples]).value_counts()
    out.extra["categories"] = categories.to_dict()
    out.extra["lengths"] = {k: v.tolist() for k, v in lengths.items()}
    return truncated, prompt_cut


def _hh_lengths(x: Part2, out: Outcome, train: list, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Chosen vs rejected answer lengths of the preference pairs; returns (length difference, longer wins)."""
    tok = x.tokenizer
    chosen = np.array([len(tok(p.chosen).input_ids) for p in train], dtype=float)
    rejected = np.array([len(tok(p.rejected).input_ids) for p in train], dtype=float)
    longer_wins = np.where(chosen > rejected, 1.0, np.where(chosen == rejected, 0.5, 0.0))
    out.rows.append(point("hh", "-", "chosen_tokens_mean", chosen.mean(), len(train)))
    out.rows.append(point("hh", "-", "rejected_tokens_mean", rejected.mean(), len(train)))
    diff = chosen - rejected
    out.rows.append(point("hh", "-", "chosen_minus_rejected_tokens_mean", diff.mean(), len(train),
                           bootstrap_ci(len(diff), lambda idx: float(diff[idx].mean()), seed=seed)))
    out.rows.append(accuracy_row("hh", "length_only", longer_wins, seed, "longer_wins_accuracy"))
    out.extra["hh_length_diff"] = diff.tolist()
    return diff, longer_wins


def _prompt_format(x: Part2, out: Outcome, examples: list, train: list) -> bool:
    """Share of prompts ending with a colon per prompt set; True when all of them do."""
    sources = {"sft_prompts": [ex.prompt for ex in examples], "ppo_prompts": x.part1.ppo_prompts(),
               "test_prompts": x.prompts(), "hh_prompts": [p.prompt for p in train]}
    for name, prompts in sources.items():
        colon = np.array([p.rstrip().endswith(":") for p in prompts], dtype=float)
        out.rows.append(point("prompt_format", "-", f"{name}_end_with_colon", colon.mean(), len(prompts)))
    return all(r["value"] == 1.0 for r in out.rows if r["setting"] == "prompt_format")


def _sft_training(out: Outcome, s: dict) -> None:
    learned = s["heldout_loss_last"] < s["heldout_loss_first"] - 0.05
    out.rows += [point("training", "sft", "train_loss_first", s["loss_first"]),
                 point("training", "sft", "train_loss_last", s["loss_last"]),
                 point("training", "sft", "heldout_loss_first", s["heldout_loss_first"]),
                 point("training", "sft", "heldout_loss_last", s["heldout_loss_last"])]
    out.notes.append(f"SFT: held-out loss {s['heldout_loss_first']:.2f} -> {s['heldout_loss_last']:.2f} nats/token "
                     f"over {s['steps']} steps: " + _verdict(learned, "it learned.", "it barely learned."))


def _rm_training(out: Outcome, name: str, r: dict) -> None:
    n, acc = r["heldout_pairs"], r["heldout_accuracy"]
    low, high = wald_ci(acc, n)
    out.rows.append(point("training", f"rm_{name}", "heldout_accuracy", acc, n, (low, high)))
    out.notes.append(f"{name} RM: held-out accuracy {r['heldout_accuracy_start']:.2f} -> {acc:.2f} "
                     f"(95% CI {low:.2f}-{high:.2f}, {n} pairs): "
                     + _verdict(low > 0.5, "better than chance.", "not distinguishable from chance."))
    if "gap_over_length" in r:
        _rm_length(out, name, r)


def _ci_or_nan(r: dict, key: str) -> tuple[float, float]:
    ci = r.get(key) or [None, None]
    return tuple(float("nan") if v is None else float(v) for v in ci)


def _rm_length(out: Outcome, name: str, r: dict) -> None:
    """Rows and a verdict on the RM's held-out accuracy read against answer length (metrics.json's keys)."""
    nan = float("nan")
    for metric, n_key in (("heldout_accuracy_shorter", "heldout_pairs_shorter"),
                          ("heldout_accuracy_longer", "heldout_pairs_longer"),
                          ("length_baseline_accuracy", "heldout_pairs"), ("gap_over_length", "heldout_pairs")):
        value = r.get(metric)
        out.rows.append(point("training", f"rm_{name}", metric, nan if value is None else value, r.get(n_key, 0),
                               _ci_or_nan(r, f"{metric}_ci")))
    low, high = _ci_or_nan(r, "gap_over_length_ci")
    shorter = r.get("heldout_accuracy_shorter")
    shorter = "n/a" if shorter is None else f"{shorter:.2f}"
    out.notes.append(f"{name} RM against length: 'the longer answer wins' scores {r['length_baseline_accuracy']:.2f} "
                     f"on the same pairs; the RM's gap over it is {r['gap_over_length']:+.2f} (paired 95% CI "
                     f"{low:+.2f} to {high:+.2f}); on the {r.get('heldout_pairs_shorter', 0)} pairs whose chosen "
                     f"answer is shorter it scores {shorter}: "
                     + _verdict(low > 0, "it learned more than length.", "not shown to beat length alone."))


def _ppo_training(x: Part2, out: Outcome, name: str, r: dict) -> None:
    log = x.part1_log("ppo", name) or []
    noise = float(np.mean([row["score_std"] for row in log])) / max(x.cfg.ppo.batch_size, 1) ** 0.5 if log else 0
    gain = r["reward_last"] - r["reward_first"]
    out.rows += [point("training", f"ppo_{name}", "reward_first", r["reward_first"]),
                 point("training", f"ppo_{name}", "reward_last", r["reward_last"]),
                 point("training", f"ppo_{name}", "kl_last", r["kl_last"])]
    out.notes.append(f"PPO vs {name} RM: reward {r['reward_first']:+.2f} -> {r['reward_last']:+.2f} "
                     f"(per-batch noise ~{noise:.2f}) at KL {r['kl_last']:.2f} nats: "
                     + _verdict(gain > 2 * noise, "the policy learned to please this RM.", "no reliable reward gain."))


def _part1_training(x: Part2, out: Outcome) -> None:
    """Rows and verdicts from Part 1's metrics: SFT loss, RM accuracy, PPO reward gain, answer quality."""
    m = x.part1.metrics
    if m.get("sft"):
        _sft_training(out, m["sft"])
    for name, r in m.get("reward_models", {}).items():
        _rm_training(out, name, r)
    for name, r in m.get("ppo", {}).items():
        _ppo_training(x, out, name, r)
    for model, e in m.get("eval", {}).items():
        out.notes.append(_eval_note(model, e))


def _eval_note(model: str, e: dict) -> str:
    """One line on a Part 1 model's answers: cut-offs, repeats, diversity, length and, when measured, its good-RM
    score with length controlled."""
    ctrl = e.get("good_rm_score_length_controlled")
    score = (f", good-RM score {e['good_rm_score']:+.2f} ({ctrl:+z.2f} with length controlled by SFT's score-length "
             "line)" if isinstance(ctrl, float | int) else "")
    return (f"{model}: {e['cut_rate']:.0%} of answers cut off mid-sentence, {e['empty_rate']:.0%} empty, "
            f"{e['repeated_trigram_rate']:.0%} of trigrams repeated, distinct-2 {e['distinct_2']:.2f}, "
            f"{e['mean_length']:.0f} tokens on average{score}.")


def diagnose(x: Part2, seed: int) -> Outcome:
    """Dataset statistics, prompt-format check and a plain-language summary of the Part 1 training run."""
    out = Outcome()
    cfg, tok, d = x.cfg, x.tokenizer, x.cfg.data
    examples = load_sft_examples(d.sft_source, d.sft_examples + cfg.sft.heldout_examples, cfg.seed,
                                 x.pieces.dolly_to_example)
    truncated, prompt_cut = _dolly_lengths(x, out, examples, seed)
    train, _ = x.pairs()
    diff, longer_wins = _hh_lengths(x, out, train, seed)
    format_ok = _prompt_format(x, out, examples, train)
    example = tokenize_example(tok, format_prompt("Explain AI"), "AI is ...", d.max_prompt_tokens, d.max_length)[0]
    out.notes.append(f"Training text = prompt + ' ' + response + EOS, e.g. {tok.decode(example)!r}; "
                     + _verdict(format_ok, "every SFT, PPO, test and HH prompt ends with a colon: formats match.",
                                "some prompts do not end with a colon: train and test formats differ."))
    out.notes.append(f"Dolly: {truncated.mean():.0%} of examples are longer than max_length={d.max_length} "
                     f"tokens and lose the end of their response (and its EOS); {prompt_cut.mean():.0%} have "
                     f"prompts cut to max_prompt_tokens={d.max_prompt_tokens}.")
    out.notes.append(f"HH: chosen answers are {diff.mean():+.1f} tokens longer on average; 'longer wins' alone "
                     f"predicts {longer_wins.mean():.0%} of the labels (chance is 50%).")
    _part1_training(x, out)
    return out


def diagnose_cost(t: Tally) -> None:
    """The work `diagnose` does, loop for loop, counted on `t` (`estimates.Tally`): its estimated cost."""
    d = t.cfg.data
    examples = min(d.sft_examples + t.cfg.sft.heldout_examples, AVAILABLE[sft_key(t.cfg)])
    t.work.texts += 4 * examples + 2 * t.train_pairs()
    t.note(f"tokenizes {examples} SFT examples and {t.train_pairs()} pairs; no model")
