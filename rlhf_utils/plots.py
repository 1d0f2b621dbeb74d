"""Figures for the write-up (Part 1's here, Part 2's in `experiments/figures.py`). Each function returns a matplotlib
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


def smooth(values: list[float], window: int) -> list[float]:
    return pd.Series(values).rolling(window, min_periods=1).mean().tolist()


def ci_errors(df: pd.DataFrame) -> list:
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
    ax.plot(steps, smooth(loss, max(1, len(loss) // 20)), color="C0", label="train (smoothed)")
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
        ax_loss.plot(steps, smooth(loss, max(1, len(loss) // 20)), color=f"C{i}", label=f"{name} RM, train")
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
            ax.plot(it, smooth(values, max(1, len(values) // 10)), color=f"C{i}", label=f"vs {name} RM")
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
    ax.bar([model_name(m) for m in metrics.index], metrics[col], yerr=None if ci is None else ci_errors(ci), capsize=3,
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
