"""Part 1's run in a few lines: metrics.json as a plain-text table (a row per finished stage: its headline numbers
and seconds), then where the outputs are. The notebook's outputs cell and `python -m rlhf_utils run` print it."""

from __future__ import annotations

from pathlib import Path
from typing import Any


def _num(d: Any, *keys: str, fmt: str = ".2f") -> str:
    """`d[keys[0]][keys[1]]...` formatted, or `?` when missing or not a number."""
    for key in keys:
        d = d.get(key) if isinstance(d, dict) else None
    return format(d, fmt) if isinstance(d, int | float) else "?"


def _ci(d: Any, *keys: str) -> str:
    """`[low, high]` of the CI list at `keys`, or `?`."""
    for key in keys:
        d = d.get(key) if isinstance(d, dict) else None
    ok = isinstance(d, list | tuple) and len(d) == 2 and all(isinstance(v, int | float) for v in d)
    return f"[{d[0]:+.2f}, {d[1]:+.2f}]" if ok else "?"


def _rm_headline(m: dict) -> str:
    """Held-out accuracy per RM; with the length-aware numbers: on chosen-is-shorter pairs, "longer wins" and each
    RM's gap over it (paired 95% CI)."""
    text = "held-out accuracy " + ", ".join(f"{rm} {_num(m, rm, 'heldout_accuracy')}" for rm in m)
    if not any(isinstance(r, dict) and "length_baseline_accuracy" in r for r in m.values()):
        return text  # a run from before the length-aware numbers
    first = next(iter(m))
    text += (f" | chosen shorter ({_num(m, first, 'heldout_pairs_shorter', fmt='.0f')} pairs): "
             + ", ".join(f"{rm} {_num(m, rm, 'heldout_accuracy_shorter')}" for rm in m))
    return text + (f" | longer wins {_num(m, first, 'length_baseline_accuracy')}, gap over it "
                   + ", ".join(f"{rm} {_num(m, rm, 'gap_over_length', fmt='+.2f')} {_ci(m, rm, 'gap_over_length_ci')}"
                               for rm in m))


def _eval_headline(m: dict) -> str:
    """Good-RM score / length per model; with it, the length-controlled good-RM score (0 for SFT by construction)."""
    text = "good-RM score / length " + ", ".join(
        f"{model} {_num(m, model, 'good_rm_score')}/{_num(m, model, 'mean_length', fmt='.0f')}" for model in m)
    key = "good_rm_score_length_controlled"
    if any(isinstance(r, dict) and key in r for r in m.values()):
        text += " | length-controlled " + ", ".join(f"{model} {_num(m, model, key, fmt='+z.2f')}" for model in m)
    return text


def run_summary(metrics: dict, out_dir: str | Path) -> str:
    """Part 1's metrics.json as a short plain-text table (a row per finished stage: headline numbers and
    seconds), then where the outputs are. Missing stages are left out, missing numbers shown as `?`."""
    headlines = {
        "sft": lambda m: f"loss {_num(m, 'loss_first')} -> {_num(m, 'loss_last')}, "
                         f"held-out loss {_num(m, 'heldout_loss_last')}",
        "reward_models": _rm_headline,
        "ppo": lambda m: "; ".join(f"{rm}: reward {_num(m, rm, 'reward_first')} -> {_num(m, rm, 'reward_last')}, "
                                   f"KL {_num(m, rm, 'kl_last')}" for rm in m),
        "eval": _eval_headline,
    }
    timings = metrics.get("timings_s") or {}
    rows = [(stage, headline(metrics[stage]), _num(timings, stage, fmt=".0f"))
            for stage, headline in headlines.items() if isinstance(metrics.get(stage), dict)]
    rows = [("stage", "headline", "seconds")] + rows + ([("total", "", _num(timings, "total", fmt=".0f"))]
                                                        if "total" in timings else [])
    w0, w1 = (max(len(row[i]) for row in rows) for i in (0, 1))
    lines = [f"Part 1 run, profile {metrics.get('profile', '?')}"]
    lines += [f"{stage:<{w0}}  {headline:<{w1}}  {seconds:>7}" for stage, headline, seconds in rows]
    out = Path(out_dir)
    paths = [out / "metrics.json"] + [p for p in (out / "figures", out / "eval" / "metrics.md",
                                                  out / "eval" / "responses.md") if p.exists()]
    return "\n".join(lines + ["outputs:"] + [f"  {p}{'/' if p.is_dir() else ''}" for p in paths])
