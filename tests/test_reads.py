"""`Reads` notes exactly the settings read while it is open: nested sections by their dotted key, nothing for
where a run happens or for whole-config dumps."""
import dataclasses

from rlhf_utils.profiles import load_config
from rlhf_utils.reads import Reads, unrecorded


def test_reads_notes_what_was_read_and_nothing_else():
    cfg = load_config("tiny", ["ppo.kl_coef=0.3"])
    reads = Reads(cfg)
    _ = cfg.sft.lr  # read before it opened: not noted
    with reads:
        assert cfg.ppo.kl_coef == 0.3
        _ = cfg.eval.generation.temperature
        _ = cfg.model.device, cfg.model.cache_dir, cfg.profile  # where it runs and the profile's name
        cfg.settings(), cfg.to_json()  # whole-config dumps
        with unrecorded():
            _ = cfg.reward_good.steps
    _ = cfg.data.max_length  # after it closed
    assert reads.values == {"ppo.kl_coef": 0.3, "eval.generation.temperature": cfg.eval.generation.temperature}


def test_asdict_reads_every_field_and_now_gives_current_values():
    cfg = load_config("tiny")
    base = Reads(cfg)
    with base:
        _ = cfg.seed
    reads = Reads(cfg, base)
    with reads:
        dataclasses.asdict(cfg.eval.generation)  # a section handed on whole is read whole
    assert set(reads.values) == {"seed"} | {f"eval.generation.{f.name}" for f in
                                          dataclasses.fields(cfg.eval.generation)}
    cfg.eval.generation.top_p = 0.5
    assert reads.now(["eval.generation.top_p", "seed", "ppo.no_such_key"]) == {
        "eval.generation.top_p": 0.5, "seed": cfg.seed, "ppo.no_such_key": None}
