"""Own idea: a gold reward model. PPO optimises a proxy RM while a gold RM, trained on the other half of
the pairs, watches (reward over-optimisation, Gao et al., 2023)."""

from __future__ import annotations

import dataclasses
import math
from typing import TYPE_CHECKING

import numpy as np
import torch

from rlhf_utils.experiments.outcome import Outcome, accuracy_row, point
from rlhf_utils.reward import ScalarHeadModel, pair_features, pair_rewards, score_texts

if TYPE_CHECKING:
    from rlhf_utils.experiments.core import Part2
    from rlhf_utils.experiments.estimates import Tally


def _proxy_and_gold(x: Part2, out: Outcome, seed: int) -> dict[str, ScalarHeadModel]:
    """The proxy RM (Part 1's good-RM settings) and the gold RM (`gold_steps_factor` x the steps), each on
    its half of the training pairs, with their held-out accuracy rows. Shared by every seed."""
    cfg = x.cfg
    train, heldout = x.pairs()
    halves = {"proxy": (train[0::2], "train[0::2]"), "gold": (train[1::2], "train[1::2]")}
    gold_steps = x.grid["gold_steps_factor"] * cfg.reward_good.steps
    rcfgs = {"proxy": cfg.reward_good, "gold": dataclasses.replace(cfg.reward_good, steps=gold_steps)}
    features = pair_features(heldout, x.reward_tokenizer, cfg.data, x.pieces.tokenize_example)
    models = {}
    for name in ("proxy", "gold"):
        pairs, split = halves[name]
        models[name] = x.train_rm(rcfgs[name], x.dir / "gold_rm" / name, pairs, heldout,
                                  cfg.seed + 11 + (name == "gold"), f"{name} RM", split=split)[0]
        c, r = pair_rewards(models[name], features, x.reward_tokenizer.pad_token_id)
        out.rows.append(accuracy_row(f"{name}_rm", "rm", (c > r).float().numpy(), seed))
    x._rms.pop("gold", None)  # later experiments load the gold RM as saved now
    return models


def _ppo_vs_proxy(x: Part2, models: dict[str, ScalarHeadModel], folder, seed: int) -> list[dict]:
    """PPO against the proxy RM, the gold RM scoring every rollout (`gold_score` in the log)."""
    def watch(prompts: list[str], responses: list[str]) -> torch.Tensor:
        return score_texts(models["gold"], x.reward_tokenizer, prompts, responses, x.cfg.data,
                           tokenize=x.pieces.tokenize_example)

    ppo_cfg = dataclasses.replace(x.cfg.ppo, iterations=x.cfg.ppo.iterations * x.grid["gold_iterations_factor"])
    return x.train_ppo(models["proxy"], ppo_cfg, folder, seed, "PPO vs proxy RM",
                       [x.dir / "gold_rm" / "proxy", x.gold_dir], monitors={"gold": watch})


def gold_rm(x: Part2, seed: int) -> Outcome:
    """Reward over-optimisation (Gao et al., 2023): the training pairs are split in two; a proxy RM learns
    from one half, a gold RM (`gold_steps_factor` x the steps) from the other, so the gold RM never saw
    the proxy's data. PPO optimises the proxy while the gold RM watches every rollout. The gold RM is
    saved, and later experiments report `gold_rm_score` too."""
    out = Outcome()
    models = _proxy_and_gold(x, out, seed)
    folder = x.dir / "gold_rm" / f"ppo_vs_proxy_seed{seed}"
    log = _ppo_vs_proxy(x, models, folder, seed)
    out.extra["log"] = [{k: r[k] for k in ("iteration", "score", "gold_score", "kl")} for r in log]
    k = max(1, len(log) // 5)
    for key, metric in (("score", "train_proxy_reward"), ("gold_score", "train_gold_reward")):
        out.rows.append(point("ppo_vs_proxy", "ppo_proxy", f"{metric}_first", np.mean([r[key] for r in log[:k]])))
        out.rows.append(point("ppo_vs_proxy", "ppo_proxy", f"{metric}_last", np.mean([r[key] for r in log[-k:]])))
    rms = {name: (models[name], x.reward_tokenizer) for name in ("proxy", "gold")}
    for label, model in (("sft", "sft"), ("ppo_proxy", str(folder / "model"))):
        x.evaluate_policy(out, "ppo_vs_proxy", label, model, seed, rms)
    peak = max(log, key=lambda r: r["gold_score"])
    out.notes.append(f"Gold reward peaked at iteration {peak['iteration']} (KL {peak['kl']:.2f} nats) at "
                     f"{peak['gold_score']:+.2f}; at the end proxy {log[-1]['score']:+.2f}, gold "
                     f"{log[-1]['gold_score']:+.2f}. A gold curve falling while the proxy rises is over-optimisation.")
    return out


def gold_rm_cost(t: Tally) -> None:
    """The work `gold_rm` does, loop for loop, counted on `t` (`estimates.Tally`): its estimated cost."""
    cfg, grid = t.cfg, t.grid
    half = math.ceil(t.train_pairs() / 2)
    t.reward_model(cfg.reward_good, half)
    t.reward_model(dataclasses.replace(cfg.reward_good, steps=cfg.reward_good.steps * grid["gold_steps_factor"]),
                   half)
    t.forward(t.reward, 4 * cfg.data.heldout_pairs, t.len.pair)
    t.ppo(dataclasses.replace(cfg.ppo, iterations=cfg.ppo.iterations * grid["gold_iterations_factor"]), monitors=1)
    t.evaluate(rms=2)
    t.evaluate(load=True, rms=2)
    t.part1_models(1)
