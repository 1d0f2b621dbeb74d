"""Part 2's figures: one per experiment, from its result rows (setting, model, metric, value, CI), drawn and saved
as `rlhf_utils.plots` draws Part 1's (page width, no text under 8 pt, CIs on every bar, `_details` figures)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from rlhf_utils.plots import MIN_PT, ci_errors, label, model_name, new_figure, save_figure, smooth, styled

PART2_MAIN = ("good_rm_score", "good_rm_score_length_controlled", "gold_rm_score", "mean_length")
PART2_DETAILS = ("poor_rm_score", "distinct_2", "repeated_trigram_rate", "cut_rate")


def _agg(rows: pd.DataFrame) -> pd.DataFrame:
    keys = ["setting", "model", "metric"]
    return rows.groupby(keys, sort=False)[["value", "ci_low", "ci_high"]].mean().reset_index()


def _grid(n: int, panel_height: float = 2.3, cols: int = 2) -> tuple[Figure, list]:
    """n panels on a page-width grid of `cols` columns; unused cells switched off."""
    cols = min(n, cols)
    rows = (n + cols - 1) // cols
    fig, axes = new_figure(panel_height * rows + 0.4, rows, cols)
    for ax in list(axes.flat)[n:]:
        ax.axis("off")
    return fig, list(axes.flat)[:n]


def _setting_bars(ax, agg: pd.DataFrame, metric: str, settings: list[str], models: list[str]) -> None:
    width = 0.8 / len(models)
    for i, model in enumerate(models):
        df = agg[(agg.metric == metric) & (agg.model == model)].set_index("setting").reindex(settings)
        ax.bar(np.arange(len(settings)) + i * width, df.value, width, yerr=ci_errors(df), capsize=2,
               label=model_name(model), color=f"C{i}")
    ax.set_xticks(np.arange(len(settings)) + width * (len(models) - 1) / 2, settings, rotation=35, ha="right")
    ax.set_title(label(metric))
    ax.grid(axis="x", visible=False)


@styled
def plot_settings(name: str, rows: pd.DataFrame, extra: dict, folder: str | Path | None = None) -> Figure:
    """Grouped bars: a panel per metric, a group per setting, a bar per model, CI error bars; the scores and the
    length in the figure, the text metrics in its details figure."""
    agg = _agg(rows)
    settings, models = list(dict.fromkeys(agg.setting)), list(dict.fromkeys(agg.model))
    figures = []
    for metrics, suffix in ((PART2_MAIN, ""), (PART2_DETAILS, "_details")):
        present = [m for m in metrics if m in set(agg.metric)]
        if not present:
            continue
        fig, axes = _grid(len(present), panel_height=2.6)
        for ax, metric in zip(axes, present):
            _setting_bars(ax, agg, metric, settings, models)
        axes[0].legend()
        figures.append(save_figure(fig, folder, name + suffix))
    return figures[0]


def _sweep_panels(axes, agg: pd.DataFrame, metrics: list[str], sweeps: dict, extra: dict) -> None:
    """A row per swept parameter, a column per metric: the metric (CI band) against the parameter's value, the
    baseline's value dotted."""
    base = agg[agg.setting == "baseline"]
    for i, (param, points) in enumerate(sweeps.items()):
        base_value = extra.get("baseline", {}).get(param)
        pts = sorted([*points, (float(base_value), "baseline")] if base_value is not None else points)
        for j, metric in enumerate(metrics):
            ax = axes[i][j]
            for k, model in enumerate(dict.fromkeys(agg.model)):
                df = agg[(agg.metric == metric) & (agg.model == model)].set_index("setting")
                xs = [v for v, _ in pts]
                ys, lo, hi = ([df[c].get(s, np.nan) for _, s in pts] for c in ("value", "ci_low", "ci_high"))
                ax.errorbar(xs, ys, yerr=[np.subtract(ys, lo), np.subtract(hi, ys)], fmt="o-", capsize=2,
                            color=f"C{k}", label=model_name(model))
                b = base[(base.metric == metric) & (base.model == model)]
                if len(b):
                    ax.axhline(float(b.value.iloc[0]), color=f"C{k}", ls=":", lw=1)
            ax.set(xlabel=param.replace("_", " "), ylabel=label(metric).replace(" (normalised)", "")
                   .replace(" (share)", ""))


@styled
def plot_generation_sweep(name: str, rows: pd.DataFrame, extra: dict, folder: str | Path | None = None) -> Figure:
    """Option 1: a row per swept parameter (the baseline a point of each), the good-RM score and the mean length
    against its value; the details figure has distinct-2, repeated trigrams and the cut-off rate."""
    agg = _agg(rows)
    sweeps: dict[str, list[tuple[float, str]]] = {}
    for setting in dict.fromkeys(agg.setting):
        if "=" in setting:
            param, value = setting.split("=", 1)
            sweeps.setdefault(param, []).append((float(value), setting))
    figures = []
    for metrics, suffix in ((("good_rm_score", "mean_length"), ""),
                            (("distinct_2", "repeated_trigram_rate", "cut_rate"), "_details")):
        present = [m for m in metrics if m in set(agg.metric)]
        if not present or not sweeps:
            continue
        fig, axes = new_figure(min(1.75, 8.0 / len(sweeps)) * len(sweeps) + 0.5, len(sweeps), len(present))
        _sweep_panels(axes, agg, present, sweeps, extra)
        axes[0][0].legend(title="dotted: baseline")
        figures.append(save_figure(fig, folder, name + suffix))
    if not figures:  # nothing swept: the settings' bars
        return plot_settings(name, rows, extra, folder)
    return figures[0]


@styled
def plot_sft_steps(name: str, rows: pd.DataFrame, extra: dict, folder: str | Path | None = None) -> Figure:
    """Option 3: held-out SFT loss and downstream metrics against SFT steps (diminishing returns), and the held-out
    loss during each SFT run."""
    agg = _agg(rows)
    steps = agg[agg.metric == "sft_steps"].set_index("setting").value
    order = steps.sort_values().index
    metrics = [m for m in ("sft_heldout_loss", "good_rm_score", "mean_length", "distinct_2", "cut_rate")
               if m in set(agg.metric)]
    fig, axes = _grid(len(metrics) + 1)
    for ax, metric in zip(axes, metrics):
        df = agg[agg.metric == metric].set_index("setting").reindex(order)
        ax.errorbar(steps[order], df.value, yerr=ci_errors(df), fmt="o-", capsize=3)
        for s in order:
            ax.annotate(s, (steps[s], df.value[s]), fontsize=MIN_PT, xytext=(3, 3), textcoords="offset points")
        ax.set(xscale="log", xlabel="SFT steps", title=label(metric))
    for setting, curve in extra.get("heldout_curves", {}).items():
        axes[-1].plot([r["step"] for r in curve], [r["loss"] for r in curve], "o-", label=setting)
    axes[-1].set(xlabel="SFT step", ylabel="nats / token", title="held-out loss during SFT")
    axes[-1].legend()
    return save_figure(fig, folder, name)


@styled
def plot_ppo_frontier(name: str, rows: pd.DataFrame, extra: dict, folder: str | Path | None = None) -> Figure:
    """Option 4: held-out good-RM score against final KL per run (the frontier), and every run's training
    reward against its KL over iterations (a reward that turns down at high KL is over-optimisation)."""
    agg = _agg(rows)
    fig, axes = new_figure(5.6, 2, 1)
    ax_f, ax_t = axes[0, 0], axes[1, 0]
    kl = agg[agg.metric == "train_kl_last"].set_index("setting").value
    for metric, marker in (("good_rm_score", "o"), ("gold_rm_score", "s")):
        df = agg[agg.metric == metric].set_index("setting")
        if df.empty:
            continue
        ax_f.errorbar(kl[df.index], df.value, yerr=ci_errors(df), fmt=marker, capsize=3,
                      label=f"held-out {label(metric)}")
        for s in df.index:
            ax_f.annotate(s, (kl[s], df.value[s]), fontsize=MIN_PT, xytext=(3, 3), textcoords="offset points")
    ax_f.set(xlabel="KL to SFT at the end of training (nats / response)", ylabel="score (normalised)",
             title="Reward-KL frontier")
    ax_f.legend()
    for i, (setting, log) in enumerate(extra.get("logs", {}).items()):
        w = max(3, len(log) // 6)
        kls, scores = smooth([r["kl"] for r in log], w), smooth([r["score"] for r in log], w)
        ax_t.plot(kls, scores, "-", color=f"C{i}", label=setting)
        ax_t.plot(kls[-1:], scores[-1:], "o", color=f"C{i}")
    ax_t.set(xlabel="KL to SFT (nats / response, smoothed)", ylabel="training RM score (smoothed)",
             title="Training trajectories (dot: end)")
    ax_t.legend(ncol=2)
    return save_figure(fig, folder, name)


@styled
def plot_reward_variants(name: str, rows: pd.DataFrame, extra: dict, folder: str | Path | None = None) -> Figure:
    """Option 5: held-out accuracy per RM variant (CI bars, length-only baseline as a line, accuracy on the pairs
    whose chosen answer is shorter as triangles with CIs) and the accuracy during training."""
    agg = _agg(rows)
    acc = agg[agg.metric == "heldout_accuracy"].set_index("setting")
    length = acc.value.pop("length_only") if "length_only" in acc.index else None
    acc = acc.drop(index="length_only", errors="ignore")
    fig, axes = new_figure(6.4, 2, 1)
    ax_b, ax_c = axes[0, 0], axes[1, 0]
    ax_b.bar(acc.index, acc.value, yerr=ci_errors(acc), capsize=3, color=[f"C{i}" for i in range(len(acc))])
    ax_b.axhline(0.5, color="grey", ls=":", label="chance")
    if length is not None:
        ax_b.axhline(length, color="k", ls="--", label="longer answer wins")
    shorter = agg[agg.metric == "heldout_accuracy_shorter"].set_index("setting").reindex(acc.index)
    if shorter.value.notna().any():
        ax_b.errorbar(acc.index, shorter.value, yerr=ci_errors(shorter), fmt="v", color="k", capsize=3,
                      label="where the chosen answer is shorter")
    ax_b.set(ylim=(0, 1), ylabel="held-out pairwise accuracy", title="Reward-model variants")
    ax_b.tick_params(axis="x", rotation=30)
    ax_b.grid(axis="x", visible=False)
    ax_b.legend(loc="lower right")
    for i, (setting, curve) in enumerate(extra.get("heldout_curves", {}).items()):
        ax_c.plot([r["step"] for r in curve], [r["accuracy"] for r in curve], "o-", color=f"C{i}", label=setting)
    ax_c.set(xlabel="RM step", ylabel="held-out accuracy", title="During training", ylim=(0, 1))
    ax_c.legend(ncol=3)
    return save_figure(fig, folder, name)


@styled
def plot_best_of_n(name: str, rows: pd.DataFrame, extra: dict, folder: str | Path | None = None) -> Figure:
    """Option 7: scores of the selected answers against n (the selector is the good RM), beside their length."""
    agg = _agg(rows)
    ns = agg[agg.metric == "n"].set_index(["setting", "model"]).value
    metrics = [m for m in ("good_rm_score", "poor_rm_score", "gold_rm_score", "mean_length", "distinct_2")
               if m in set(agg.metric)]
    fig, axes = _grid(len(metrics))
    for ax, metric in zip(axes, metrics):
        for i, model in enumerate(dict.fromkeys(agg.model)):
            df = agg[(agg.metric == metric) & (agg.model == model)].copy()
            df["n"] = [ns[(s, model)] for s in df.setting]
            df = df.sort_values("n")
            ax.errorbar(df.n, df.value, yerr=ci_errors(df), fmt="o-", capsize=3, color=f"C{i}", label=model_name(model))
        ax.set(xlabel="n (samples per prompt)", title=label(metric) + (" (selector)" if metric == "good_rm_score"
                                                                       else ""))
    axes[0].legend()
    return save_figure(fig, folder, name)


@styled
def plot_gold(name: str, rows: pd.DataFrame, extra: dict, folder: str | Path | None = None) -> Figure:
    """Proxy and gold reward during PPO against the proxy, per iteration and against sqrt(KL)."""
    log = extra.get("log", [])
    fig, axes = new_figure(3.0, 1, 2)
    ax_i, ax_k = axes[0]
    it = [r["iteration"] for r in log]
    sqrt_kl = [max(r["kl"], 0) ** 0.5 for r in log]
    for key, text, color in (("score", "proxy RM (optimised)", "C0"), ("gold_score", "gold RM (held out)", "C3")):
        values = smooth([r[key] for r in log], 3)
        ax_i.plot(it, values, color=color, label=text)
        ax_k.plot(sqrt_kl, values, "o-", ms=3, color=color, label=text)
    ax_i.set(xlabel="PPO iteration", ylabel="RM score (normalised, smoothed)", title="Proxy vs gold reward")
    ax_k.set(xlabel="sqrt(KL to SFT) (sqrt nats)", ylabel="RM score", title="Reward vs distance from SFT")
    ax_i.legend()
    return save_figure(fig, folder, name)


@styled
def plot_diagnosis(name: str, rows: pd.DataFrame, extra: dict, folder: str | Path | None = None) -> Figure:
    """Task 1: Dolly token lengths (instruction, context, response, total vs max_length), HH chosen minus
    rejected length, and Dolly categories (counts: no CIs)."""
    lengths = extra.get("lengths", {})
    fig, axes = new_figure(5.4, 2, 2)
    ax_len, ax_hh, ax_cat, ax_off = axes.flat
    ax_off.axis("off")
    for key in ("instruction", "context", "response", "total"):
        values = [v for v in lengths.get(key, []) if v > 0]
        if values:
            ax_len.hist(values, bins=40, alpha=0.5, label=key, log=True, gid="counts")
    max_len = rows[rows.metric == "share_truncated_at_max_length"]
    title = f"Dolly lengths ({max_len.value.iloc[0]:.0%} over max_length)" if len(max_len) else "Dolly lengths"
    ax_len.set(xlabel="tokens", ylabel="examples (log scale)", title=title)
    ax_len.legend()
    ax_hh.hist(extra.get("hh_length_diff", []), bins=40, color="C4", gid="counts")
    ax_hh.axvline(0, color="k", lw=0.8)
    ax_hh.set(xlabel="chosen - rejected (tokens)", ylabel="pairs", title="HH: length difference")
    cats = extra.get("categories", {})
    ax_cat.barh(list(cats), list(cats.values()), color="C2", gid="counts")
    ax_cat.set(xlabel="examples", title="Dolly categories")
    return save_figure(fig, folder, name)
