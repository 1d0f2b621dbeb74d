"""Option 4: PPO hyper-parameters. One changed at a time against the good RM; reward and KL per run."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

import numpy as np

from rlhf_utils.experiments.outcome import Outcome, point, slug

if TYPE_CHECKING:
    from rlhf_utils.experiments.core import Part2
    from rlhf_utils.experiments.estimates import Tally


def ppo_hparams(x: Part2, seed: int) -> Outcome:
    """PPO against the good RM with one hyper-parameter changed at a time: KL coefficient, learning rate,
    number of iterations (episodes = iterations x batch size). Reward and KL per run: the frontier."""
    out, cfg = Outcome(), x.cfg
    settings = [("baseline", cfg.ppo)]
    for param, values in x.grid["ppo"].items():
        settings += [(f"{param}={v}", dataclasses.replace(cfg.ppo, **{param: v})) for v in values
                     if v != getattr(cfg.ppo, param)]
    rm = x.reward_models()["good"][0]
    logs = {}
    for setting, ppo_cfg in settings:
        if setting == "baseline":
            log, model = x.part1_log("ppo", "good"), "ppo_good"
        else:
            folder = x.dir / "ppo_hparams" / f"{slug(setting)}_seed{seed}"
            log = x.train_ppo(rm, ppo_cfg, folder, seed, f"PPO {setting}", [x.part1.dir / "reward_models"])
            model = str(folder / "model")
        logs[setting] = [{k: r[k] for k in ("iteration", "score", "kl")} for r in log]
        k = max(1, len(log) // 5)
        out.rows.append(point(setting, "ppo_good", "train_reward_last", np.mean([r["score"] for r in log[-k:]])))
        out.rows.append(point(setting, "ppo_good", "train_kl_last", np.mean([r["kl"] for r in log[-k:]])))
        out.rows.append(point(setting, "ppo_good", "episodes", len(log) * ppo_cfg.batch_size))
        x.evaluate_policy(out, setting, "ppo_good", model, seed)
    out.extra["logs"] = logs
    return out


def ppo_hparams_cost(t: Tally) -> None:
    """The work `ppo_hparams` does, loop for loop, counted on `t` (`estimates.Tally`): its estimated cost."""
    base = t.cfg.ppo
    variants = [dataclasses.replace(base, **{p: v}) for p, values in t.grid["ppo"].items() for v in values
                if v != getattr(base, p)]
    for ppo_cfg in variants:
        t.ppo(ppo_cfg)
        t.evaluate(load=True)
    t.evaluate()
    t.part1_models(1)
