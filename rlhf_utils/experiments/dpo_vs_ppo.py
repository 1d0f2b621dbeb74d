"""Own idea: DPO of the SFT policy on the same preference pairs, no reward model, next to SFT and PPO."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rlhf_utils.dpo import train_dpo
from rlhf_utils.experiments.outcome import Outcome

if TYPE_CHECKING:
    from rlhf_utils.experiments.core import Part2
    from rlhf_utils.experiments.estimates import Tally


def dpo(x: Part2, seed: int) -> Outcome:
    """DPO (TRL's DPOTrainer) of the SFT policy on the same preference pairs, no reward model: compared with
    SFT and PPO-good under Part 1's decoding. The DPO model is reused while its settings and Part 1's SFT
    stage are unchanged."""
    out = Outcome()
    train, _ = x.pairs()
    folder = x.dir / "dpo" / f"seed{seed}"
    out.extra["log"] = train_dpo(x.part1.sft_model_dir, x.tokenizer, train, x.cfg.dpo, x.cfg.data, folder, seed,
                                 x.cfg.model, built_on=[x.part1.dir / "sft"], force=x.force)
    for label, model in (("sft", "sft"), ("ppo_good", "ppo_good"), ("dpo", str(folder / "model"))):
        x.evaluate_policy(out, "baseline", label, model, seed)
    return out


def dpo_cost(t: Tally) -> None:
    """The work `dpo` does, loop for loop, counted on `t` (`estimates.Tally`): its estimated cost."""
    t.dpo()
    for load in (False, False, True):
        t.evaluate(load)
    t.part1_models(2)
