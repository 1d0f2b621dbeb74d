"""Option 3: more SFT. More (or fewer) steps and more data; held-out SFT loss and downstream metrics."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from rlhf_utils.experiments.outcome import Outcome, point, slug

if TYPE_CHECKING:
    from rlhf_utils.experiments.core import Part2
    from rlhf_utils.experiments.estimates import Tally


def sft_steps(x: Part2, seed: int) -> Outcome:
    """SFT for more (or fewer) steps and on more data; held-out SFT loss and downstream metrics."""
    out, cfg = Outcome(), x.cfg
    settings = [("baseline", cfg.sft.steps, cfg.data.sft_examples)]
    settings += [(f"steps={s}", s, cfg.data.sft_examples) for s in x.grid["sft_steps"] if s != cfg.sft.steps]
    top = max([cfg.sft.steps, *x.grid["sft_steps"]])
    settings += [(f"examples={n},steps={top}", top, n) for n in x.grid["sft_examples"]]
    curves = {}
    for setting, steps, n_examples in settings:
        if setting == "baseline":
            log, model = x.part1_log("sft"), "sft"
        else:
            folder = x.dir / "sft_steps" / f"{slug(setting)}_seed{seed}"
            sft_cfg = dataclasses.replace(cfg.sft, steps=steps)
            log, model = x.train_sft(sft_cfg, n_examples, folder, seed, f"SFT {setting}"), str(folder / "model")
        curves[setting] = log["heldout"]
        out.rows.append(point(setting, "sft", "sft_steps", steps))
        out.rows.append(point(setting, "sft", "sft_train_examples", log.get("train_examples", n_examples)))
        out.rows.append(point(setting, "sft", "sft_heldout_loss", log["heldout"][-1]["loss"]))
        x.evaluate_policy(out, setting, "sft", model, seed)
    out.extra["heldout_curves"] = curves
    return out


def sft_steps_cost(t: Tally) -> None:
    """The work `sft_steps` does, loop for loop, counted on `t` (`estimates.Tally`): its estimated cost."""
    cfg, grid = t.cfg, t.grid
    top = max([cfg.sft.steps, *grid["sft_steps"]])
    variants = [(s, cfg.data.sft_examples) for s in grid["sft_steps"] if s != cfg.sft.steps]
    variants += [(top, n) for n in grid["sft_examples"]]
    for steps, n in variants:
        t.sft(steps, n)
        t.evaluate(load=True)
    t.evaluate()
    t.part1_models(1)
