"""Figures for the write-up. Each function returns a matplotlib Figure and, given `folder`, saves it
there as PNG (150 dpi) and PDF. In a notebook, `display(fig)` shows it inline."""

from __future__ import annotations

from pathlib import Path

import matplotlib
import numpy as np


def _in_ipython() -> bool:
    try:
        from IPython import get_ipython
    except ImportError:
        return False
    return get_ipython() is not None


if not _in_ipython():  # CLI and CI: never try to open a window
    matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402


def save_figure(fig: Figure, folder: str | Path | None, name: str) -> Figure:
    if folder is not None:
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        fig.savefig(folder / f"{name}.png", dpi=150, bbox_inches="tight")
        fig.savefig(folder / f"{name}.pdf", bbox_inches="tight")
    plt.close(fig)
    return fig


def _smooth(values: list[float], window: int) -> list[float]:
    return pd.Series(values).rolling(window, min_periods=1).mean().tolist()


def plot_sft(log: list[dict], heldout: list[dict], folder: str | Path | None = None) -> Figure:
    """Training loss per step (raw and smoothed) and held-out loss, nats per response token."""
    fig, ax = plt.subplots(figsize=(6, 3.5))
    steps, loss = [r["step"] for r in log], [r["loss"] for r in log]
    ax.plot(steps, loss, alpha=0.3, color="C0", label="train (per step)")
    ax.plot(steps, _smooth(loss, max(1, len(loss) // 20)), color="C0", label="train (smoothed)")
    ax.plot([r["step"] for r in heldout], [r["loss"] for r in heldout], "o-", color="C1", label="held-out")
    ax.set(xlabel="step", ylabel="loss (nats / response token)", title="SFT")
    ax.legend()
    ax.grid(alpha=0.3)
    return save_figure(fig, folder, "sft_loss")


def _length_marks(ax, steps: dict[str, int], summaries: dict[str, dict]) -> None:
    """On a held-out accuracy axis: "the longer answer wins" as a dashed line, and each RM's accuracy on the pairs
    whose chosen answer is shorter (where that baseline scores 0) as a triangle with its CI at its last step."""
    baseline = next((s["length_baseline_accuracy"] for s in summaries.values()
                     if isinstance(s.get("length_baseline_accuracy"), float | int)), None)
    if baseline is not None:
        ax.axhline(baseline, color="k", ls="--", label=f"longer answer wins ({baseline:.2f})")
    for i, (name, s) in enumerate(summaries.items()):
        value, ci = s.get("heldout_accuracy_shorter"), s.get("heldout_accuracy_shorter_ci") or [None, None]
        if name in steps and isinstance(value, float | int):
            err = [[value - ci[0]], [ci[1] - value]] if None not in ci else None
            ax.errorbar([steps[name]], [value], yerr=err, fmt="v", ms=8, capsize=3, color=f"C{i}",
                        label=f"{name}, chosen shorter ({s.get('heldout_pairs_shorter', '?')} pairs)")


def plot_reward_models(results: dict[str, dict], folder: str | Path | None = None,
                       summaries: dict[str, dict] | None = None) -> Figure:
    """Bradley-Terry loss and held-out pairwise accuracy of each reward model ({"poor": log, "good": log}); with
    the stage's `summaries` ({"poor": ..., "good": ...}, metrics.json), also the length-only baseline and each
    RM's accuracy on the pairs whose chosen answer is shorter."""
    fig, (ax_loss, ax_acc) = plt.subplots(1, 2, figsize=(10, 3.5))
    for i, (name, res) in enumerate(results.items()):
        steps, loss = [r["step"] for r in res["log"]], [r["loss"] for r in res["log"]]
        ax_loss.plot(steps, _smooth(loss, max(1, len(loss) // 20)), color=f"C{i}", label=f"{name} (train)")
        held = res["heldout"]
        ax_loss.plot([r["step"] for r in held], [r["loss"] for r in held], "o--", color=f"C{i}",
                     label=f"{name} (held-out)")
        ax_acc.plot([r["step"] for r in held], [r["accuracy"] for r in held], "o-", color=f"C{i}", label=name)
    ax_acc.axhline(0.5, color="grey", ls=":", label="chance")
    _length_marks(ax_acc, {name: res["heldout"][-1]["step"] for name, res in results.items() if res["heldout"]},
                  summaries or {})
    ax_loss.set(xlabel="step", ylabel="Bradley-Terry loss", title="Reward-model loss")
    ax_acc.set(xlabel="step", ylabel="held-out pairwise accuracy", title="Reward-model accuracy", ylim=(0, 1))
    ax_loss.legend()
    ax_acc.legend(fontsize=7)
    for ax in (ax_loss, ax_acc):
        ax.grid(alpha=0.3)
    return save_figure(fig, folder, "reward_models")


PPO_PANELS = (("score", "RM score (normalised)"), ("kl", "KL to reference (nats / response)"),
              ("policy_loss", "policy loss"), ("value_loss", "value loss"), ("clip_frac", "clip fraction"),
              ("entropy", "entropy (nats / token)"), ("response_length", "response length (tokens)"),
              ("kl_coef", "KL coefficient beta"))


def plot_ppo(logs: dict[str, list[dict]], folder: str | Path | None = None) -> Figure:
    """Every logged PPO metric per iteration, one line per run ({"poor": log, "good": log})."""
    fig, axes = plt.subplots(2, 4, figsize=(16, 6.5))
    for ax, (key, title) in zip(axes.flat, PPO_PANELS):
        for i, (name, log) in enumerate(logs.items()):
            it, values = [r["iteration"] for r in log], [r[key] for r in log]
            ax.plot(it, values, alpha=0.25, color=f"C{i}")
            ax.plot(it, _smooth(values, max(1, len(values) // 10)), color=f"C{i}", label=f"PPO vs {name} RM")
        ax.set(title=title, xlabel="iteration")
        ax.grid(alpha=0.3)
    axes.flat[0].legend()
    fig.tight_layout()
    return save_figure(fig, folder, "ppo")


def plot_comparison(metrics: pd.DataFrame, folder: str | Path | None = None) -> Figure:
    """One bar chart per evaluation metric, one bar per model; a metric with `<metric>_ci_low` / `_ci_high`
    columns (e.g. the length-controlled good-RM score) gets them as error bars."""
    cols = [c for c in metrics.columns if not c.endswith(("_ci_low", "_ci_high"))]
    fig, axes = plt.subplots(2, (len(cols) + 1) // 2, figsize=(4 * ((len(cols) + 1) // 2), 6.5))
    for ax, col in zip(axes.flat, cols):
        err = None
        if {f"{col}_ci_low", f"{col}_ci_high"} <= set(metrics.columns):
            err = _errors(pd.DataFrame({"value": metrics[col], "ci_low": metrics[f"{col}_ci_low"],
                                        "ci_high": metrics[f"{col}_ci_high"]}))
        ax.bar(metrics.index, metrics[col], yerr=err, capsize=3, color=[f"C{i}" for i in range(len(metrics))])
        ax.set_title(col, fontsize=9 if len(col) > 24 else None)
        ax.tick_params(axis="x", rotation=30)
        ax.grid(alpha=0.3, axis="y")
    for ax in list(axes.flat)[len(cols):]:
        ax.axis("off")
    fig.tight_layout()
    return save_figure(fig, folder, "model_comparison")


# ---------------------------------------------------------------- Part 2 experiments
# Each takes (experiment name, its tidy result rows, the experiment's extra data, folder) and saves
# figures/<experiment>.png/.pdf. Error bars are 95% bootstrap CIs averaged over seeds.

PART2_METRICS = ("good_rm_score", "good_rm_score_length_controlled", "poor_rm_score", "gold_rm_score",
                 "distinct_2", "repeated_trigram_rate", "cut_rate", "mean_length")


def _agg(rows: pd.DataFrame) -> pd.DataFrame:
    keys = ["setting", "model", "metric"]
    return rows.groupby(keys, sort=False)[["value", "ci_low", "ci_high"]].mean().reset_index()


def _errors(df: pd.DataFrame) -> list:
    low = (df.value - df.ci_low).clip(lower=0).fillna(0)
    high = (df.ci_high - df.value).clip(lower=0).fillna(0)
    return [low.to_numpy(), high.to_numpy()]


def _metric_grid(n: int, width: float = 4.0, height: float = 3.2) -> tuple[Figure, list]:
    cols = min(n, 4)
    rows = (n + cols - 1) // cols
    fig, axes = plt.subplots(rows, cols, figsize=(width * cols, height * rows), squeeze=False)
    for ax in list(axes.flat)[n:]:
        ax.axis("off")
    return fig, list(axes.flat)[:n]


def plot_settings(name: str, rows: pd.DataFrame, extra: dict, folder: str | Path | None = None) -> Figure:
    """Grouped bars: one panel per metric, one group per setting, one bar per model, CI error bars."""
    agg = _agg(rows)
    metrics = [m for m in PART2_METRICS if m in set(agg.metric)]
    settings, models = list(dict.fromkeys(agg.setting)), list(dict.fromkeys(agg.model))
    fig, axes = _metric_grid(len(metrics), width=max(4.0, 0.55 * len(settings) * len(models) + 1.5))
    width = 0.8 / len(models)
    for ax, metric in zip(axes, metrics):
        for i, model in enumerate(models):
            df = agg[(agg.metric == metric) & (agg.model == model)].set_index("setting").reindex(settings)
            ax.bar(np.arange(len(settings)) + i * width, df.value, width, yerr=_errors(df), capsize=2,
                   label=model, color=f"C{i}")
        ax.set_xticks(np.arange(len(settings)) + width * (len(models) - 1) / 2, settings, rotation=35, ha="right",
                      fontsize=8)
        ax.set_title(metric)
        ax.grid(alpha=0.3, axis="y")
    axes[0].legend(fontsize=8)
    fig.tight_layout()
    return save_figure(fig, folder, name)


def plot_generation_sweep(name: str, rows: pd.DataFrame, extra: dict, folder: str | Path | None = None) -> Figure:
    """Option 1: a column per swept parameter (baseline included at its value), a row per metric."""
    agg = _agg(rows)
    sweeps: dict[str, list[tuple[float, str]]] = {}
    for setting in dict.fromkeys(agg.setting):
        if "=" in setting:
            param, value = setting.split("=", 1)
            sweeps.setdefault(param, []).append((float(value), setting))
    metrics = [m for m in ("good_rm_score", "distinct_2", "repeated_trigram_rate", "cut_rate") if m in set(agg.metric)]
    fig, axes = plt.subplots(len(metrics), len(sweeps), figsize=(3.3 * len(sweeps), 2.6 * len(metrics)),
                             squeeze=False)
    base = agg[agg.setting == "baseline"]
    for j, (param, points) in enumerate(sweeps.items()):
        base_value = extra.get("baseline", {}).get(param)
        if base_value is not None:  # the baseline is a point of every sweep
            points = [*points, (float(base_value), "baseline")]
        for i, metric in enumerate(metrics):
            ax = axes[i][j]
            for k, model in enumerate(dict.fromkeys(agg.model)):
                df = agg[(agg.metric == metric) & (agg.model == model)].set_index("setting")
                pts = sorted(points)
                xs, ys = [v for v, _ in pts], [df.value.get(s, np.nan) for _, s in pts]
                lo = [df.ci_low.get(s, np.nan) for _, s in pts]
                hi = [df.ci_high.get(s, np.nan) for _, s in pts]
                ax.plot(xs, ys, "o-", color=f"C{k}", label=model)
                ax.fill_between(xs, lo, hi, color=f"C{k}", alpha=0.15)
                b = base[(base.metric == metric) & (base.model == model)]
                if len(b):
                    ax.axhline(float(b.value.iloc[0]), color=f"C{k}", ls=":", lw=1)
            if base_value is not None:
                ax.axvline(base_value, color="grey", ls="--", lw=0.8)
            ax.grid(alpha=0.3)
            if i == 0:
                ax.set_title(param)
            if i == len(metrics) - 1:
                ax.set_xlabel(param)
            if j == 0:
                ax.set_ylabel(metric)
    axes[0][0].legend(fontsize=7, title="dotted: baseline", title_fontsize=7)
    fig.tight_layout()
    return save_figure(fig, folder, name)


def plot_sft_steps(name: str, rows: pd.DataFrame, extra: dict, folder: str | Path | None = None) -> Figure:
    """Option 3: held-out SFT loss and downstream metrics against SFT steps (diminishing returns)."""
    agg = _agg(rows)
    steps = agg[agg.metric == "sft_steps"].set_index("setting").value
    order = steps.sort_values().index
    metrics = [m for m in ("sft_heldout_loss", "good_rm_score", "distinct_2", "cut_rate") if m in set(agg.metric)]
    fig, axes = _metric_grid(len(metrics) + 1)
    for ax, metric in zip(axes, metrics):
        df = agg[agg.metric == metric].set_index("setting").reindex(order)
        ax.errorbar(steps[order], df.value, yerr=_errors(df), fmt="o-", capsize=3)
        for s in order:
            ax.annotate(s, (steps[s], df.value[s]), fontsize=7, xytext=(3, 3), textcoords="offset points")
        ax.set(xscale="log", xlabel="SFT steps", title=metric)
        ax.grid(alpha=0.3)
    for setting, curve in extra.get("heldout_curves", {}).items():
        axes[-1].plot([r["step"] for r in curve], [r["loss"] for r in curve], "o-", label=setting)
    axes[-1].set(xlabel="step", title="held-out loss during SFT")
    axes[-1].legend(fontsize=7)
    axes[-1].grid(alpha=0.3)
    fig.tight_layout()
    return save_figure(fig, folder, name)


def plot_ppo_frontier(name: str, rows: pd.DataFrame, extra: dict, folder: str | Path | None = None) -> Figure:
    """Option 4: held-out good-RM score against final KL per run (the frontier), and every run's training
    reward against its KL over iterations (a reward that turns down at high KL is over-optimisation)."""
    agg = _agg(rows)
    fig, (ax_f, ax_t) = plt.subplots(1, 2, figsize=(11, 4))
    kl = agg[agg.metric == "train_kl_last"].set_index("setting").value
    for metric, marker in (("good_rm_score", "o"), ("gold_rm_score", "s")):
        df = agg[agg.metric == metric].set_index("setting")
        if df.empty:
            continue
        ax_f.errorbar(kl[df.index], df.value, yerr=_errors(df), fmt=marker, capsize=3, label=f"held-out {metric}")
        for s in df.index:
            ax_f.annotate(s, (kl[s], df.value[s]), fontsize=7, xytext=(3, 3), textcoords="offset points")
    ax_f.set(xlabel="KL to SFT at the end of training (nats / response)", ylabel="score (normalised)",
             title="Reward-KL frontier")
    ax_f.legend(fontsize=8)
    for i, (setting, log) in enumerate(extra.get("logs", {}).items()):
        w = max(3, len(log) // 6)
        ax_t.plot(_smooth([r["kl"] for r in log], w), _smooth([r["score"] for r in log], w), "-", color=f"C{i}",
                  label=setting)
        ax_t.plot(_smooth([r["kl"] for r in log], w)[-1:], _smooth([r["score"] for r in log], w)[-1:], "o",
                  color=f"C{i}")
    ax_t.set(xlabel="KL (nats / response, smoothed)", ylabel="training reward (smoothed)",
             title="Training trajectories (dot: end)")
    ax_t.legend(fontsize=7)
    for ax in (ax_f, ax_t):
        ax.grid(alpha=0.3)
    fig.tight_layout()
    return save_figure(fig, folder, name)


def plot_reward_variants(name: str, rows: pd.DataFrame, extra: dict, folder: str | Path | None = None) -> Figure:
    """Option 5: held-out accuracy per RM variant (CI bars, length-only baseline as a line, accuracy on the pairs
    whose chosen answer is shorter as triangles) and curves."""
    agg = _agg(rows)
    acc = agg[agg.metric == "heldout_accuracy"].set_index("setting")
    length = acc.value.pop("length_only") if "length_only" in acc.index else None
    acc = acc.drop(index="length_only", errors="ignore")
    fig, (ax_b, ax_c) = plt.subplots(1, 2, figsize=(11, 4))
    ax_b.bar(acc.index, acc.value, yerr=_errors(acc), capsize=3, color=[f"C{i}" for i in range(len(acc))])
    ax_b.axhline(0.5, color="grey", ls=":", label="chance")
    if length is not None:
        ax_b.axhline(length, color="k", ls="--", label="longer answer wins")
    shorter = agg[agg.metric == "heldout_accuracy_shorter"].set_index("setting").reindex(acc.index)
    if shorter.value.notna().any():
        ax_b.errorbar(acc.index, shorter.value, yerr=_errors(shorter), fmt="v", color="k", capsize=3,
                      label="on pairs whose chosen answer is shorter")
    ax_b.set(ylim=(0, 1), ylabel="held-out pairwise accuracy", title="Reward-model variants")
    ax_b.tick_params(axis="x", rotation=30)
    ax_b.legend(fontsize=8)
    for i, (setting, curve) in enumerate(extra.get("heldout_curves", {}).items()):
        ax_c.plot([r["step"] for r in curve], [r["accuracy"] for r in curve], "o-", color=f"C{i}", label=setting)
    ax_c.set(xlabel="step", ylabel="held-out accuracy", title="During training", ylim=(0, 1))
    ax_c.legend(fontsize=7)
    for ax in (ax_b, ax_c):
        ax.grid(alpha=0.3, axis="y")
    fig.tight_layout()
    return save_figure(fig, folder, name)


def plot_best_of_n(name: str, rows: pd.DataFrame, extra: dict, folder: str | Path | None = None) -> Figure:
    """Option 7: scores of the selected answers against n (the selector is the good RM)."""
    agg = _agg(rows)
    ns = agg[agg.metric == "n"].set_index(["setting", "model"]).value
    metrics = [m for m in ("good_rm_score", "poor_rm_score", "gold_rm_score", "distinct_2", "mean_length")
               if m in set(agg.metric)]
    fig, axes = _metric_grid(len(metrics))
    for ax, metric in zip(axes, metrics):
        for i, model in enumerate(dict.fromkeys(agg.model)):
            df = agg[(agg.metric == metric) & (agg.model == model)].copy()
            df["n"] = [ns[(s, model)] for s in df.setting]
            df = df.sort_values("n")
            ax.errorbar(df.n, df.value, yerr=_errors(df), fmt="o-", capsize=3, color=f"C{i}", label=model)
        ax.set(xlabel="n (samples per prompt)", title=metric + (" (selector)" if metric == "good_rm_score" else ""))
        ax.grid(alpha=0.3)
    axes[0].legend(fontsize=8)
    fig.tight_layout()
    return save_figure(fig, folder, name)


def plot_gold(name: str, rows: pd.DataFrame, extra: dict, folder: str | Path | None = None) -> Figure:
    """Proxy and gold reward during PPO against the proxy, per iteration and against sqrt(KL)."""
    log = extra.get("log", [])
    fig, (ax_i, ax_k) = plt.subplots(1, 2, figsize=(11, 4))
    it = [r["iteration"] for r in log]
    sqrt_kl = [max(r["kl"], 0) ** 0.5 for r in log]
    for key, label, color in (("score", "proxy RM (optimised)", "C0"), ("gold_score", "gold RM (held out)", "C3")):
        values = _smooth([r[key] for r in log], 3)
        ax_i.plot(it, values, color=color, label=label)
        ax_k.plot(sqrt_kl, values, "o-", ms=3, color=color, label=label)
    ax_i.set(xlabel="PPO iteration", ylabel="reward (normalised, smoothed)", title="Proxy vs gold reward")
    ax_k.set(xlabel="sqrt(KL to SFT) (sqrt nats)", ylabel="reward", title="Reward vs distance from SFT")
    for ax in (ax_i, ax_k):
        ax.legend(fontsize=8)
        ax.grid(alpha=0.3)
    fig.tight_layout()
    return save_figure(fig, folder, name)


def plot_diagnosis(name: str, rows: pd.DataFrame, extra: dict, folder: str | Path | None = None) -> Figure:
    """Task 1: Dolly token lengths (instruction, context, response, total vs max_length), HH chosen minus
    rejected length, and Dolly categories."""
    lengths = extra.get("lengths", {})
    fig, axes = plt.subplots(1, 3, figsize=(15, 3.8))
    for key in ("instruction", "context", "response", "total"):
        values = [v for v in lengths.get(key, []) if v > 0]
        if values:
            axes[0].hist(values, bins=40, alpha=0.5, label=key, log=True)
    max_len = rows[rows.metric == "share_truncated_at_max_length"]
    axes[0].set(xlabel="tokens", ylabel="examples (log)", title="Dolly token lengths")
    axes[0].legend(fontsize=8)
    if len(max_len):
        axes[0].set_title(f"Dolly token lengths ({max_len.value.iloc[0]:.0%} over max_length)")
    axes[1].hist(extra.get("hh_length_diff", []), bins=40, color="C4")
    axes[1].axvline(0, color="k", lw=0.8)
    axes[1].set(xlabel="chosen - rejected (tokens)", ylabel="pairs", title="HH: length difference")
    cats = extra.get("categories", {})
    axes[2].barh(list(cats), list(cats.values()), color="C2")
    axes[2].set(xlabel="examples", title="Dolly categories")
    for ax in axes:
        ax.grid(alpha=0.3)
    fig.tight_layout()
    return save_figure(fig, folder, name)
