import json
import re

import pytest
from conftest import DOLLY_SAMPLE, HH_HARMLESS, HH_HELPFUL, need

from rlhf_utils import data
from rlhf_utils.data import (
    EMBEDDED_DIR,
    format_prompt,
    hh_to_pair,
    load_ppo_prompts,
    load_preference_pairs,
    load_sft_examples,
    load_test_prompts,
    split_transcript,
)


def norm(text: str) -> str:
    return re.sub(r"[^a-z0-9 ]", "", text.lower()).strip()


def test_colon_prompt_format():
    assert format_prompt("Explain AI") == "Explain AI:"
    assert format_prompt("  What is a cat? ") == "What is a cat:"
    assert format_prompt("Summarize this.", "Cats purr.") == "Cats purr.\n\nSummarize this:"


def test_hh_transcript_split_single_and_multi_turn():
    assert split_transcript("\n\nHuman: Why is the sky blue?\n\nAssistant: Rayleigh scattering.") == (
        "Why is the sky blue:", "Rayleigh scattering.")
    prompt, answer = split_transcript("\n\nHuman: Hi\n\nAssistant: Hello!\n\nHuman: Name a fruit\n\nAssistant: Apple.")
    assert prompt == "Human: Hi\nAssistant: Hello!\n\nName a fruit:" and answer == "Apple."
    same = "\n\nHuman: a\n\nAssistant: same"
    assert hh_to_pair({"chosen": same, "rejected": same}) is None
    with pytest.raises(ValueError, match="not an HH transcript"):
        split_transcript("no turns here")


def test_embedded_data_is_complete_and_disjoint():
    sft = data.read_jsonl(EMBEDDED_DIR / "sft.jsonl")
    prefs = data.read_jsonl(EMBEDDED_DIR / "preferences.jsonl")
    assert 300 <= len(sft) and all(set(r) == {"instruction", "context", "response", "category"} for r in sft)
    assert len({r["category"] for r in sft}) == 8
    assert 300 <= len(prefs) and all(set(r) == {"chosen", "rejected"} and r["chosen"] != r["rejected"] for r in prefs)
    ppo, test = load_ppo_prompts("embedded"), load_test_prompts("embedded")
    assert len(set(ppo)) >= 500 and len(test) >= 20 and all(p.endswith(":") for p in ppo + test)
    seen = {norm(p) for p in ppo} | {norm(r["instruction"]) for r in sft}
    seen |= {norm(split_transcript(r["chosen"])[0].split("\n\n")[-1]) for r in prefs}
    assert not seen & {norm(p) for p in test}


def test_offline_hub_source_is_one_clear_error(capsys):
    """No quiet switch to the embedded set: a hub dataset that cannot be had is one line naming it and why."""
    from rlhf_utils.runtime import HubError

    for load, repo in ((lambda: load_sft_examples("hub", 5), "databricks/databricks-dolly-15k"),
                       (lambda: load_preference_pairs("hub", 10, 5), "Anthropic/hh-rlhf/helpful-base")):
        with pytest.raises(HubError, match=f"^dataset '{repo}' is not in the local cache and the Hugging Face hub at "
                                           "https://huggingface.co is not used: HF_HUB_OFFLINE=1 is set"):
            load()
    assert "embedded" not in capsys.readouterr().out


def test_unusable_rows_are_skipped_and_counted():
    """Hub rows the homework cannot use (no assistant turn, identical answers) are counted, not fatal."""
    from rlhf_utils.data import pairs_from

    good = {"chosen": "\n\nHuman: Hi?\n\nAssistant: Hello there.", "rejected": "\n\nHuman: Hi?\n\nAssistant: Go."}
    same = {"chosen": good["chosen"], "rejected": good["chosen"]}
    broken = {"chosen": "\n\nHuman: Are you there?", "rejected": "\n\nHuman: Are you there?"}
    pairs, counts = pairs_from([good, broken, same, good, broken])
    assert len(pairs) == 2 and pairs[0].chosen == "Hello there."
    assert counts == {"skipped_no_assistant_turn": 2, "skipped_identical_or_empty": 1}


def test_missing_file_is_one_clear_error():
    with pytest.raises(FileNotFoundError, match="data file '/nope.jsonl' does not exist"):
        load_sft_examples("/nope.jsonl", 3)


def test_real_dolly_sample_loads():
    examples = load_sft_examples(str(need(DOLLY_SAMPLE)), 1000)
    assert len(examples) > 300 and all(e.prompt.endswith(":") and e.response for e in examples)
    assert len({e.category for e in examples}) == 8


def test_real_hh_files_load_and_split():
    train, held = load_preference_pairs(str(need(HH_HELPFUL)), 2000, 200)
    assert len(train) == 2000 and len(held) == 200
    assert not {(p.prompt, p.chosen) for p in train} & {(p.prompt, p.chosen) for p in held}
    rows = data.read_jsonl(need(HH_HARMLESS))
    pairs = [p for p in map(hh_to_pair, rows) if p]
    assert len(pairs) > 0.9 * len(rows) and all(p.prompt.endswith(":") for p in pairs)
    assert json.dumps(rows[0])  # rows are plain JSON objects


def test_saved_prompt_sets_round_trip_and_feed_ppo_exactly(tmp_path):
    """Part 2's prompt sets (JSON lines) come back exactly: newlines kept, no colon added to a continuation."""
    from rlhf_utils.context import Context
    from rlhf_utils.data import write_prompt_file
    from rlhf_utils.profiles import load_config

    prompts = ["Context line one.\nLine two.\n\nExplain AI:", "Artificial intelligence is", "Here is how rain forms:"]
    path = write_prompt_file(tmp_path / "train_continuation.jsonl", prompts)
    assert data.read_prompt_file(path) == prompts
    ctx = Context(load_config("tiny", [f"data.ppo_prompts_source={path}", f"data.test_prompts_source={path}"]))
    assert ctx.ppo_prompts() == prompts and ctx.test_prompts() == prompts
