"""Figures for the write-up. Each function returns a matplotlib Figure and, given `folder`, saves it
there as PNG (150 dpi) and PDF. In a notebook, `display(fig)` shows it inline."""

from __future__ import annotations

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


def plot_reward_models(results: dict[str, dict], folder: str | Path | None = None) -> Figure:
    """Bradley-Terry loss and held-out pairwise accuracy of each reward model ({"poor": ..., "good": ...})."""
    fig, (ax_loss, ax_acc) = plt.subplots(1, 2, figsize=(10, 3.5))
    for i, (name, res) in enumerate(results.items()):
        steps, loss = [r["step"] for r in res["log"]], [r["loss"] for r in res["log"]]
        ax_loss.plot(steps, _smooth(loss, max(1, len(loss) // 20)), color=f"C{i}", label=f"{name} (train)")
        held = res["heldout"]
        ax_loss.plot([r["step"] for r in held], [r["loss"] for r in held], "o--", color=f"C{i}",
                     label=f"{name} (held-out)")
        ax_acc.plot([r["step"] for r in held], [r["accuracy"] for r in held], "o-", color=f"C{i}", label=name)
    ax_acc.axhline(0.5, color="grey", ls=":", label="chance")
    ax_loss.set(xlabel="step", ylabel="Bradley-Terry loss", title="Reward-model loss")
    ax_acc.set(xlabel="step", ylabel="held-out pairwise accuracy", title="Reward-model accuracy", ylim=(0, 1))
    for ax in (ax_loss, ax_acc):
        ax.legend()
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
    """One bar chart per evaluation metric, one bar per model."""
    cols = list(metrics.columns)
    fig, axes = plt.subplots(2, (len(cols) + 1) // 2, figsize=(4 * ((len(cols) + 1) // 2), 6.5))
    for ax, col in zip(axes.flat, cols):
        ax.bar(metrics.index, metrics[col], color=[f"C{i}" for i in range(len(metrics))])
        ax.set_title(col)
        ax.tick_params(axis="x", rotation=30)
        ax.grid(alpha=0.3, axis="y")
    for ax in list(axes.flat)[len(cols):]:
        ax.axis("off")
    fig.tight_layout()
    return save_figure(fig, folder, "model_comparison")
