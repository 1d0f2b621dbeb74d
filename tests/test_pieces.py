"""The pieces a pipeline runs are the ones it was handed: no global registry, so two runs in one process can run
different implementations, and a name that is not a piece is refused in one line."""
import pytest

from rlhf_utils import data
from rlhf_utils.context import Context
from rlhf_utils.pieces import PLACES, Pieces


def test_use_replaces_only_in_the_pieces_it_was_called_on(tiny_cfg):
    def format_prompt(instruction: str, context: str = "") -> str:
        return "Q: " + data.format_prompt(instruction, context)

    mine = Pieces().use(format_prompt)
    assert mine.format_prompt is format_prompt and mine.where("format_prompt") == f"notebook ({__name__})"
    assert Pieces().format_prompt is data.format_prompt
    assert Pieces().where("format_prompt") == "library (rlhf_utils.data)"
    edited, plain = Context(tiny_cfg, mine).test_prompts(), Context(tiny_cfg).test_prompts()
    assert len(edited) == len(plain) > 0
    assert edited == ["Q: " + p for p in plain]


def test_every_place_is_a_field_and_an_unknown_name_is_refused():
    assert set(PLACES) == set(vars(Pieces()))

    def compute_gea():
        pass

    with pytest.raises(ValueError, match=r"^use\(compute_gea\) is invalid: only these pieces can be replaced: "
                                         r"format_prompt, .*compute_gae"):
        Pieces().use(compute_gea)
