"""Bonus: activation steering of the SFT policy at inference time."""

from __future__ import annotations

import random
from typing import TYPE_CHECKING

from rlhf_utils.experiments.outcome import Outcome
from rlhf_utils.steering import default_layer, steer, steering_vector

if TYPE_CHECKING:
    from rlhf_utils.experiments.core import Part2
    from rlhf_utils.experiments.estimates import Tally


def steering(x: Part2, seed: int) -> Outcome:
    """Inference-time intervention: add alpha x (mean activation on chosen answers - mean activation on
    rejected answers) to the residual stream of one block of the SFT policy while it generates."""
    out, gen = Outcome(), x.cfg.eval.generation
    model = x.model("sft")
    train, _ = x.pairs()
    rng = random.Random(seed)
    sample = rng.sample(train, min(len(train), 64))
    layer = default_layer(model)
    vector = steering_vector(model, x.tokenizer, [f"{p.prompt} {p.chosen}" for p in sample],
                             [f"{p.prompt} {p.rejected}" for p in sample], layer)
    out.extra.update(layer=layer, vector_norm=float(vector.norm()))
    prompts = x.prompts()
    for alpha in [0.0, *x.grid["steering_alphas"]]:
        with steer(model, vector, layer, alpha):
            responses = x.generate("sft", prompts, gen, seed)
        setting = "baseline" if alpha == 0 else f"alpha={alpha:g}"
        x.answer(out, setting, "sft", prompts, responses, seed)
    out.notes.append(f"Steering vector from {len(sample)} preference pairs at block {layer}, norm "
                     f"{float(vector.norm()):.2f}; alpha multiplies it.")
    return out


def steering_cost(t: Tally) -> None:
    """The work `steering` does, loop for loop, counted on `t` (`estimates.Tally`): its estimated cost."""
    t.forward(t.policy, 128, t.len.pair)
    alphas = 1 + len(t.grid["steering_alphas"])
    for _ in range(alphas):
        t.generate(t.cfg.eval.generation)
    t.part1_models(1)
    t.note(f"{alphas} alphas x {t.n_prompts} prompts x {t.cfg.eval.generation.max_new_tokens} tok")
