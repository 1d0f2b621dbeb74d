"""Figures for the write-up. Each function returns a matplotlib Figure and, given `folder`, saves it there as PNG
(200 dpi) and PDF. Every figure is drawn for the page: at most 6.5 inches wide (the text width the write-up inserts
it at) with no text under 8 pt, every bar or point that has a CI drawn with it, axes labelled with their units;
figures that need many panels are split into the figure a question asks for and a `<name>_details` figure.
`legibility(fig)` measures that. In a notebook, `display(fig)` shows it inline."""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
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
from matplotlib.container import BarContainer  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.text import Text  # noqa: E402

PAGE_WIDTH = 6.5
"""Inches: the text width of a Letter / A4 page, at which the write-up inserts a figure (narrower ones as they are).
Every figure is drawn at most this wide with no text under `MIN_PT`, so it prints legibly where it is used."""
MIN_PT = 8.0
STYLE = {"font.size": 9, "axes.titlesize": 9, "axes.labelsize": 9, "xtick.labelsize": 8, "ytick.labelsize": 8,
         "legend.fontsize": 8, "legend.title_fontsize": 8, "figure.titlesize": 10, "axes.grid": True,
         "grid.alpha": 0.3, "savefig.dpi": 200}
MODEL_NAMES = {"base": "Base", "sft": "SFT", "ppo_poor": "PPO-poor", "ppo_good": "PPO-good", "ppo_proxy": "PPO-proxy",
               "dpo": "DPO", "rm": "RM", "rm_good": "good RM", "rm_poor": "poor RM", "length_only": "length only"}
"""The four models as the text names them."""
METRIC_LABELS = {
    "good_rm_score": "good-RM score (normalised)", "poor_rm_score": "poor-RM score (normalised)",
    "good_rm_score_length_controlled": "good-RM score, length controlled", "gold_rm_score": "gold-RM score",
    "distinct_1": "distinct-1 (share)", "distinct_2": "distinct-2 (share)",
    "repeated_trigram_rate": "repeated trigrams (share)", "mean_length": "mean length (tokens)",
    "empty_rate": "empty answers (share)", "cut_rate": "cut-off answers (share)",
    "sft_heldout_loss": "held-out SFT loss (nats / token)", "heldout_accuracy": "held-out accuracy",
    "heldout_accuracy_shorter": "held-out accuracy, chosen shorter", "heldout_accuracy_longer":
    "held-out accuracy, chosen longer", "gap_over_length": "gap over longer-wins", "heldout_margin_mean":
    "held-out margin (reward units)", "length_baseline_accuracy": "longer-wins accuracy", "proxy_rm_score":
    "proxy-RM score", "kl_last": "final KL (nats / response)", "train_kl_last": "final KL (nats / response)",
    "heldout_loss_first": "held-out loss, start", "heldout_loss_last": "held-out loss, end",
    "train_loss_first": "train loss, start", "train_loss_last": "train loss, end",
    "reward_first": "RM score, first 20%", "reward_last": "RM score, last 20%"}
"""Axis and column labels, with units."""


def label(metric: str) -> str:
    return METRIC_LABELS.get(metric, metric.replace("_", " "))


def model_name(model: str) -> str:
    return MODEL_NAMES.get(model, model)


def styled(plot: Callable) -> Callable:
    """Draw everything of `plot` (titles, legends, annotations as much as the axes) in `STYLE`."""
    @functools.wraps(plot)
    def drawn(*args, **kwargs):
        with plt.rc_context(STYLE):
            return plot(*args, **kwargs)
    return drawn


def new_figure(height: float, rows: int = 1, cols: int = 1, width: float = PAGE_WIDTH, **kwargs) -> tuple:
    """A page-width figure (`STYLE`'s fonts, constrained layout) and its axes, `width` x `height` inches."""
    with plt.rc_context(STYLE):
        return plt.subplots(rows, cols, figsize=(width, height), layout="constrained", squeeze=False, **kwargs)


def save_figure(fig: Figure, folder: str | Path | None, name: str) -> Figure:
    """Save as folder/name.png (200 dpi) and .pdf at the figure's own size (no tight-box cropping, so its inches
    are those drawn), with its `legibility` in folder/legibility.json; close it."""
    if folder is not None:
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        with plt.rc_context(STYLE):
            fig.savefig(folder / f"{name}.png")
            fig.savefig(folder / f"{name}.pdf")
        record = folder / "legibility.json"
        facts = json.loads(record.read_text()) if record.is_file() else {}
        record.write_text(json.dumps({**facts, name: legibility(fig)}, indent=1, sort_keys=True))
    plt.close(fig)
    return fig


def legibility(fig: Figure, width: float = PAGE_WIDTH) -> dict:
    """What can be checked without eyes: the figure's size (inches), the smallest text on it in points once the
    write-up inserts it (at `width`, or its own width when narrower), and the bar groups drawn without error bars
    (`gid="counts"` marks bars of plain counts, which have no CI)."""
    fig.canvas.draw()
    w, h = fig.get_size_inches()
    scale = min(1.0, width / w)
    sizes = [t.get_fontsize() for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip()]
    bare = [ax.get_title() or ax.get_ylabel() for ax in fig.axes for c in ax.containers
            if isinstance(c, BarContainer) and c.errorbar is None and c.patches and c.patches[0].get_gid() != "counts"]
    return {"width_in": float(w), "height_in": float(h), "min_font_pt": min(sizes) * scale if sizes else None,
            "bars_without_error_bars": bare}


def _smooth(values: list[float], window: int) -> list[float]:
    return pd.Series(values).rolling(window, min_periods=1).mean().tolist()


def _errors(df: pd.DataFrame) -> list:
    low = (df.value - df.ci_low).clip(lower=0).fillna(0)
    high = (df.ci_high - df.value).clip(lower=0).fillna(0)
    return [low.to_numpy(), high.to_numpy()]


# ---------------------------------------------------------------- Part 1

@styled
def plot_sft(log: list[dict], heldout: list[dict], folder: str | Path | None = None) -> Figure:
    """Training loss per step (raw and smoothed) and held-out loss, nats per response token."""
    fig, axes = new_figure(3.0)
    ax = axes[0, 0]
    steps, loss = [r["step"] for r in log], [r["loss"] for r in log]
    ax.plot(steps, loss, alpha=0.3, color="C0", label="train (per step)")
    ax.plot(steps, _smooth(loss, max(1, len(loss) // 20)), color="C0", label="train (smoothed)")
    ax.plot([r["step"] for r in heldout], [r["loss"] for r in heldout], "o-", color="C1", label="held-out")
    ax.set(xlabel="SFT step", ylabel="loss (nats / response token)", title="Supervised fine-tuning")
    ax.legend()
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
            ax.errorbar([steps[name]], [value], yerr=err, fmt="v", ms=7, capsize=3, color=f"C{i}",
                        label=f"{name} RM where the chosen answer is shorter ({s.get('heldout_pairs_shorter', '?')})")


@styled
def plot_reward_models(results: dict[str, dict], folder: str | Path | None = None,
                       summaries: dict[str, dict] | None = None) -> Figure:
    """Bradley-Terry loss and held-out pairwise accuracy of each reward model ({"poor": log, "good": log}); with
    the stage's `summaries` ({"poor": ..., "good": ...}, metrics.json), also the length-only baseline and each
    RM's accuracy on the pairs whose chosen answer is shorter. Legends sit under the panels."""
    fig, axes = new_figure(4.2, 1, 2)
    ax_loss, ax_acc = axes[0]
    for i, (name, res) in enumerate(results.items()):
        steps, loss = [r["step"] for r in res["log"]], [r["loss"] for r in res["log"]]
        ax_loss.plot(steps, _smooth(loss, max(1, len(loss) // 20)), color=f"C{i}", label=f"{name} RM, train")
        held = res["heldout"]
        ax_loss.plot([r["step"] for r in held], [r["loss"] for r in held], "o--", color=f"C{i}",
                     label=f"{name} RM, held-out")
        ax_acc.plot([r["step"] for r in held], [r["accuracy"] for r in held], "o-", color=f"C{i}", label=f"{name} RM")
    ax_acc.axhline(0.5, color="grey", ls=":", label="chance")
    _length_marks(ax_acc, {name: res["heldout"][-1]["step"] for name, res in results.items() if res["heldout"]},
                  summaries or {})
    ax_loss.set(xlabel="RM step", ylabel="Bradley-Terry loss (nats / pair)", title="Loss")
    ax_acc.set(xlabel="RM step", ylabel="held-out pairwise accuracy", title="Accuracy", ylim=(0, 1))
    for ax in (ax_loss, ax_acc):
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.22), ncol=1, frameon=False)
    return save_figure(fig, folder, "reward_models")


PPO_MAIN = (("score", "RM score (normalised)"), ("kl", "KL to SFT (nats / response)"))
PPO_DETAILS = (("policy_loss", "policy loss"), ("value_loss", "value loss"), ("clip_frac", "clip fraction"),
               ("entropy", "entropy (nats / token)"), ("response_length", "response length (tokens)"),
               ("kl_coef", "KL coefficient beta"))


def _ppo_panels(logs: dict[str, list[dict]], panels: tuple, axes) -> None:
    for ax, (key, title) in zip(axes, panels):
        for i, (name, log) in enumerate(logs.items()):
            it, values = [r["iteration"] for r in log], [r[key] for r in log]
            ax.plot(it, values, alpha=0.25, color=f"C{i}")
            ax.plot(it, _smooth(values, max(1, len(values) // 10)), color=f"C{i}", label=f"vs {name} RM")
        ax.set(ylabel=title, xlabel="PPO iteration")


@styled
def plot_ppo(logs: dict[str, list[dict]], folder: str | Path | None = None) -> Figure:
    """The PPO figure: reward-model score and KL to the SFT reference per iteration, one line per run
    ({"poor": log, "good": log}; thin: per iteration, thick: smoothed). Saves `ppo_details` too: losses, clip
    fraction, entropy, response length and the KL coefficient."""
    fig, axes = new_figure(2.8, 1, 2)
    _ppo_panels(logs, PPO_MAIN, axes[0])
    axes[0, 0].legend()
    details, daxes = new_figure(6.0, 3, 2)
    _ppo_panels(logs, PPO_DETAILS, daxes.flat)
    daxes[0, 0].legend()
    save_figure(details, folder, "ppo_details")
    return save_figure(fig, folder, "ppo")


COMPARISON_MAIN = ("good_rm_score", "good_rm_score_length_controlled", "mean_length")
COMPARISON_DETAILS = ("poor_rm_score", "distinct_1", "distinct_2", "repeated_trigram_rate", "empty_rate", "cut_rate")


def _model_bars(ax, metrics: pd.DataFrame, col: str) -> None:
    """One bar per model with its 95% CI (columns `<col>_ci_low` / `_ci_high`) as an error bar."""
    ci = (pd.DataFrame({"value": metrics[col], "ci_low": metrics[f"{col}_ci_low"],
                        "ci_high": metrics[f"{col}_ci_high"]}) if f"{col}_ci_low" in metrics else None)
    ax.bar([model_name(m) for m in metrics.index], metrics[col], yerr=None if ci is None else _errors(ci), capsize=3,
           color=[f"C{i}" for i in range(len(metrics))])
    ax.axhline(0, color="k", lw=0.6)
    ax.set_title(label(col))
    ax.tick_params(axis="x", rotation=30)
    ax.grid(axis="x", visible=False)


@styled
def plot_comparison(metrics: pd.DataFrame, folder: str | Path | None = None) -> Figure:
    """TODO 15's figure: the good-RM score, the same with length controlled and the mean length of each model,
    each bar with its 95% CI over prompts. Saves `model_comparison_details` too: the other metrics, same way."""
    main = [c for c in COMPARISON_MAIN if c in metrics]
    fig, axes = new_figure(2.9, 1, len(main))
    for ax, col in zip(axes[0], main):
        _model_bars(ax, metrics, col)
    rest = [c for c in COMPARISON_DETAILS if c in metrics]
    details, daxes = new_figure(4.8, 2, 3)
    for ax, col in zip(daxes.flat, rest):
        _model_bars(ax, metrics, col)
    for ax in list(daxes.flat)[len(rest):]:
        ax.axis("off")
    save_figure(details, folder, "model_comparison_details")
    return save_figure(fig, folder, "model_comparison")


# ---------------------------------------------------------------- Part 2 experiments
# Each takes (experiment name, its tidy result rows, the experiment's extra data, folder) and saves
# figures/<experiment>.png/.pdf (what the option asks about: the good-RM score beside response length) and, where
# there is more, figures/<experiment>_details.png/.pdf. Error bars are 95% bootstrap CIs averaged over seeds.

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
        ax.bar(np.arange(len(settings)) + i * width, df.value, width, yerr=_errors(df), capsize=2,
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
        ax.errorbar(steps[order], df.value, yerr=_errors(df), fmt="o-", capsize=3)
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
        ax_f.errorbar(kl[df.index], df.value, yerr=_errors(df), fmt=marker, capsize=3,
                      label=f"held-out {label(metric)}")
        for s in df.index:
            ax_f.annotate(s, (kl[s], df.value[s]), fontsize=MIN_PT, xytext=(3, 3), textcoords="offset points")
    ax_f.set(xlabel="KL to SFT at the end of training (nats / response)", ylabel="score (normalised)",
             title="Reward-KL frontier")
    ax_f.legend()
    for i, (setting, log) in enumerate(extra.get("logs", {}).items()):
        w = max(3, len(log) // 6)
        kls, scores = _smooth([r["kl"] for r in log], w), _smooth([r["score"] for r in log], w)
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
    ax_b.bar(acc.index, acc.value, yerr=_errors(acc), capsize=3, color=[f"C{i}" for i in range(len(acc))])
    ax_b.axhline(0.5, color="grey", ls=":", label="chance")
    if length is not None:
        ax_b.axhline(length, color="k", ls="--", label="longer answer wins")
    shorter = agg[agg.metric == "heldout_accuracy_shorter"].set_index("setting").reindex(acc.index)
    if shorter.value.notna().any():
        ax_b.errorbar(acc.index, shorter.value, yerr=_errors(shorter), fmt="v", color="k", capsize=3,
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
            ax.errorbar(df.n, df.value, yerr=_errors(df), fmt="o-", capsize=3, color=f"C{i}", label=model_name(model))
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
        values = _smooth([r[key] for r in log], 3)
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
