"""Datasets: Dolly-15k for SFT, HH-RLHF preference pairs, PPO prompts and held-out test prompts.

Each loader takes a source: `hub` (the real dataset through `datasets`), `embedded` (the small set
written for this project, in `rlhf_utils/embedded/`), or a local .jsonl / .jsonl.gz file in the original
schema (Dolly: instruction/context/response/category; HH: chosen/rejected transcripts).
A hub dataset that cannot be loaded is a one-line HubError (never a quiet switch to the embedded set); hub rows
the homework cannot use are skipped and counted (`data_report`), a user's file is refused naming the bad line.

Every prompt, whatever its source, goes through `format_prompt`, the homework's colon style
("Explain AI:"), so SFT, reward models, PPO and evaluation all see one format.
"""

from __future__ import annotations

import functools
import gzip
import json
import random
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from rlhf_utils.config import PREFERENCE_SUBSETS
from rlhf_utils.runtime import hub_failure, hub_status

if TYPE_CHECKING:
    from transformers import PreTrainedTokenizerBase

    from rlhf_utils.config import DataConfig

EMBEDDED_DIR = Path(__file__).parent / "embedded"
DOLLY_HUB = "databricks/databricks-dolly-15k"
HH_HUB = "Anthropic/hh-rlhf"


@dataclass(frozen=True)
class SFTExample:
    prompt: str
    """Colon-style prompt, e.g. "Explain how vaccines work:"."""
    response: str
    category: str = ""


@dataclass(frozen=True)
class PreferencePair:
    prompt: str
    chosen: str
    rejected: str


# region (*) TODO 1: colon-style prompts from Dolly rows
def format_prompt(instruction: str, context: str = "") -> str:
    """The homework's prompt format: the instruction without end punctuation, then a colon.

    A context passage (Dolly's `context`, earlier dialogue turns) goes first, on its own lines, so
    the prompt still ends with the colon instruction.
    """
    prompt = instruction.strip().rstrip(" .?!:;") + ":"
    context = context.strip()
    return f"{context}\n\n{prompt}" if context else prompt


def dolly_to_example(row: dict) -> SFTExample:
    """A Dolly-15k row {instruction, context, response, category} as a (colon prompt, response) example."""
    return SFTExample(
        prompt=format_prompt(row["instruction"], row.get("context", "")),
        response=row["response"].strip(),
        category=row.get("category", ""),
    )
# endregion


# region (*) TODO 2: tokenisation with the prompt's labels masked
IGNORE = -100
"""Label of a token the loss skips (PyTorch's cross-entropy ignore_index)."""


def tokenize_example(
    tokenizer: PreTrainedTokenizerBase, prompt: str, response: str, max_prompt_tokens: int, max_length: int
) -> tuple[list[int], int]:
    """Token ids of `prompt + " " + response + EOS` and the prompt's length in tokens.

    The prompt is cut from the left to `max_prompt_tokens`; the whole to `max_length` from the right.
    """
    prompt_ids = tokenizer(prompt).input_ids[-max_prompt_tokens:]
    response_ids = tokenizer(" " + response.strip()).input_ids + [tokenizer.eos_token_id]
    ids = (prompt_ids + response_ids)[:max_length]
    return ids, len(prompt_ids)


def sft_features(examples: list[SFTExample], tokenizer: PreTrainedTokenizerBase,
                 data_cfg: DataConfig) -> list[dict[str, list[int]]]:
    """{"input_ids", "labels"} per example; labels are IGNORE on prompt tokens, so only the response
    (and its EOS) is learnt. Examples whose response was cut away entirely are dropped."""
    features = []
    for ex in examples:
        ids, n_prompt = tokenize_example(tokenizer, ex.prompt, ex.response, data_cfg.max_prompt_tokens,
                                         data_cfg.max_length)
        if len(ids) > n_prompt:
            features.append({"input_ids": ids, "labels": [IGNORE] * n_prompt + ids[n_prompt:]})
    return features
# endregion


class DataError(ValueError):
    """A data file that cannot be used; the message names the file, the line and what was expected."""


DOLLY_FIELDS = {"instruction": "", "response": ""}
"""Fields a Dolly-schema row must hold as text (and a substring each must contain, "" for none)."""
HH_FIELDS = {"chosen": "\n\nAssistant:", "rejected": "\n\nAssistant:"}


def read_jsonl(path: str | Path, fields: dict[str, str] | None = None, kind: str = "data") -> list[dict]:
    """Rows of a .jsonl or .jsonl.gz file, each checked to be a JSON object holding `fields` as text (each
    containing its substring). Raises DataError naming the file and line, FileNotFoundError when missing."""
    path = Path(path).expanduser()
    if not path.is_file():
        raise FileNotFoundError(f"data file {str(path)!r} does not exist: give a .jsonl or .jsonl.gz path")
    opener = gzip.open if path.suffix == ".gz" else open
    rows = []
    try:
        with opener(path, "rt", encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                if line.strip():
                    rows.append(_checked_row(line, fields or {}, f"{path}:{n}", kind))
    except UnicodeDecodeError as err:
        raise DataError(f"{path}: not UTF-8 text (byte {err.start}): a {kind} file must be JSON lines") from None
    except (OSError, EOFError) as err:  # gzip.BadGzipFile is an OSError
        raise DataError(f"{path}: cannot be read ({type(err).__name__}: {err}): expected JSON lines"
                        + (", gzip-compressed" if path.suffix == ".gz" else "")) from None
    if not rows:
        raise DataError(f"{path}: no rows: a {kind} file holds one JSON object per line")
    return rows


def _checked_row(line: str, fields: dict[str, str], where: str, kind: str) -> dict:
    try:
        row = json.loads(line)
    except json.JSONDecodeError as err:
        raise DataError(f"{where}: not valid JSON ({err.msg}): a {kind} file holds one JSON object a line") from None
    if not isinstance(row, dict):
        raise DataError(f"{where}: a JSON {type(row).__name__}, expected an object with "
                        f"{', '.join(fields) or 'fields'}")
    for key, needed in fields.items():
        if not isinstance(row.get(key), str) or needed not in row[key]:
            what = f"text containing {needed!r}" if needed else "text"
            raise DataError(f"{where}: field {key!r} is {'missing' if key not in row else repr(row[key])[:40]}: a "
                            f"{kind} row needs {', '.join(fields)} as {what}")
    return row


@functools.cache
def hub_splits(name: str, data_dir: str | None = None) -> dict[str, list[dict]]:
    """Every split of the hub dataset `name` (only its folder `data_dir`, when given) as rows, loaded once per
    process with `datasets.load_dataset` (from its cache when offline). A failure is a one-line HubError."""
    hub_status()  # switches on offline mode when the hub does not answer, so a cached copy is used at once
    from datasets import load_dataset

    try:
        loaded = load_dataset(name, data_dir=data_dir)
    except Exception as err:  # network, HTTP and cache errors come in many types; the way forward is the same
        raise hub_failure("dataset", f"{name}/{data_dir}" if data_dir else name, err) from None
    return {split: ds.to_list() for split, ds in loaded.items()}


# ---------------------------------------------------------------- SFT (Dolly schema)

def _has_text(row: dict, *keys: str) -> bool:
    return all(isinstance(row.get(k), str) and row[k].strip() for k in keys)


def sft_rows(source: str) -> tuple[list[dict], dict]:
    """The usable Dolly-schema rows of a source (`hub`, `embedded` or a file), and a report: source, rows, and
    `skipped` (rows without an instruction or a response)."""
    if source == "hub":
        rows, where = hub_splits(DOLLY_HUB)["train"], f"hub:{DOLLY_HUB}"
    else:
        path = EMBEDDED_DIR / "sft.jsonl" if source == "embedded" else source
        rows, where = read_jsonl(path, DOLLY_FIELDS, "Dolly (SFT)"), str(source)
    usable = [r for r in rows if _has_text(r, "instruction", "response")]
    return usable, {"source": where, "rows": len(rows), "skipped": len(rows) - len(usable)}


def _shuffled_dolly(source: str, seed: int, to_example: Callable[[dict], SFTExample]) -> list[SFTExample]:
    rows = sft_rows(source)[0]  # a new list: the hub's cached rows are not shuffled in place
    random.Random(seed).shuffle(rows)
    return [to_example(r) for r in rows]


def load_sft_examples(source: str, n: int, seed: int = 0,
                      to_example: Callable[[dict], SFTExample] = dolly_to_example) -> list[SFTExample]:
    """Up to `n` shuffled SFT examples (all of them if fewer exist), rows with empty responses dropped; each row
    converted by `to_example`."""
    return _shuffled_dolly(source, seed, to_example)[:n]


# ---------------------------------------------------------------- preference pairs (HH schema)

# region (*) TODO 5: HH-RLHF transcripts as (prompt, chosen, rejected)
def split_transcript(transcript: str) -> tuple[str, str]:
    """Split an HH transcript into (colon-style prompt, final assistant answer).

    The last Human turn becomes the instruction; earlier turns become the context.
    """
    head, sep, answer = transcript.rpartition("\n\nAssistant:")
    if not sep:
        raise ValueError(f"not an HH transcript (no '\\n\\nAssistant:' turn): {transcript[:60]!r}")
    earlier, _, question = head.rpartition("\n\nHuman:")
    context = earlier.replace("\n\nHuman:", "\nHuman:").replace("\n\nAssistant:", "\nAssistant:").strip()
    return format_prompt(question, context), answer.strip()


def hh_to_pair(row: dict) -> PreferencePair | None:
    """A pair from an HH row, or None when the two answers are identical or the prompt is empty."""
    prompt, chosen = split_transcript(row["chosen"])
    prompt_r, rejected = split_transcript(row["rejected"])
    if chosen == rejected or prompt != prompt_r or prompt == ":":
        return None
    return PreferencePair(prompt, chosen, rejected)
# endregion


def pairs_from(rows: list[dict], to_pair: Callable[[dict], PreferencePair | None] = hh_to_pair
               ) -> tuple[list[PreferencePair], dict[str, int]]:
    """The pairs of HH rows, and how many rows were skipped: `skipped_no_assistant_turn` (a transcript without an
    assistant answer, possible in scraped hub data; a user's file is refused earlier, naming the line) and
    `skipped_identical_or_empty` (both answers the same, or no prompt)."""
    pairs, broken = [], 0
    for row in rows:
        try:
            pair = to_pair(row)
        except (ValueError, KeyError, TypeError, AttributeError):
            broken += 1
            continue
        if pair is not None:
            pairs.append(pair)
    return pairs, {"skipped_no_assistant_turn": broken,
                   "skipped_identical_or_empty": len(rows) - broken - len(pairs)}


def preference_rows(source: str, subset: str = "helpful-base") -> tuple[dict[str, list[dict]], str]:
    """HH-schema rows of a source: {"train": ..., "test": ...} from the hub (the folders `subset` names, see
    `DataConfig.preference_subset`), {"all": ...} from `embedded` or a file; and where they came from."""
    if source == "hub":
        folders = PREFERENCE_SUBSETS[subset]
        splits = [hub_splits(HH_HUB, folder) for folder in folders]
        return ({split: [row for s in splits for row in s[split]] for split in ("train", "test")},
                f"hub:{HH_HUB} ({subset}: {', '.join(folders)})" if len(folders) > 1 else f"hub:{HH_HUB}/{subset}")
    path = EMBEDDED_DIR / "preferences.jsonl" if source == "embedded" else source
    return {"all": read_jsonl(path, HH_FIELDS, "HH-RLHF (preference)")}, str(source)


def load_preference_pairs(
    source: str, n_train: int, n_heldout: int, seed: int = 0, subset: str = "helpful-base",
    to_pair: Callable[[dict], PreferencePair | None] = hh_to_pair,
) -> tuple[list[PreferencePair], list[PreferencePair]]:
    """(train, held-out) pairs (rows converted by `to_pair`), shuffled with `seed`. Hub: the train and test splits
    of `subset`; files and embedded: one shuffled split (held-out first)."""
    rows, _ = preference_rows(source, subset)
    if source == "hub":
        train, test = pairs_from(rows["train"], to_pair)[0], pairs_from(rows["test"], to_pair)[0]
        random.Random(seed).shuffle(train)
        random.Random(seed + 1).shuffle(test)
        return train[:n_train], test[:n_heldout]
    pairs = pairs_from(rows["all"], to_pair)[0]
    random.Random(seed).shuffle(pairs)
    n_heldout = min(n_heldout, len(pairs) // 5) if len(pairs) < n_train + n_heldout else n_heldout
    return pairs[n_heldout:n_heldout + n_train], pairs[:n_heldout]


def data_report(d: DataConfig, to_pair: Callable[[dict], PreferencePair | None] = hh_to_pair) -> dict:
    """Where a run's SFT and preference data came from and how many rows of each were skipped as unusable
    (metrics.json's `data`, the write-up's data paragraph)."""
    report = {"sft": sft_rows(d.sft_source)[1]}
    rows, where = preference_rows(d.preference_source, d.preference_subset)
    prefs: dict = {"source": where}
    for split, split_rows in rows.items():
        prefs[f"{split}_rows"] = len(split_rows)
        for key, n in pairs_from(split_rows, to_pair)[1].items():
            prefs[key] = prefs.get(key, 0) + n
    report["preferences"] = prefs
    return report


# ---------------------------------------------------------------- prompts

def read_prompt_file(path: str | Path, to_prompt: Callable[[str], str] = format_prompt) -> list[str]:
    """Prompts of a file. `.txt`: one instruction a line, blank lines skipped, each put in colon style (`to_prompt`).
    `.jsonl`: one {"prompt": ...} a line, taken exactly as written (newlines, no colon added): the format
    Part 2 saves its transformed prompt sets in, so they are reused as they were made."""
    path = Path(path).expanduser()
    if not path.is_file():
        raise FileNotFoundError(f"prompt file {str(path)!r} does not exist: give a text file, one prompt a line")
    if path.suffix == ".jsonl":
        return [row["prompt"] for row in read_jsonl(path, {"prompt": ""}, "prompt")]
    try:
        lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]
    except UnicodeDecodeError as err:
        raise DataError(f"{path}: not UTF-8 text (byte {err.start}): a prompt file has one prompt a line") from None
    if not any(lines):
        raise DataError(f"{path}: no prompts (only blank lines): a prompt file has one prompt a line")
    return [to_prompt(line) for line in lines if line]


def write_prompt_file(path: str | Path, prompts: list[str]) -> Path:
    """Save prompts as JSON lines ({"prompt": ...}), which `read_prompt_file` gives back exactly."""
    path = Path(path)
    path.write_text("".join(json.dumps({"prompt": p}, ensure_ascii=False) + "\n" for p in prompts), encoding="utf-8")
    return path


def load_ppo_prompts(
    source: str, sft_source: str = "embedded", sft_examples: int = 0, seed: int = 0, n: int = 0,
    to_example: Callable[[dict], SFTExample] = dolly_to_example, to_prompt: Callable[[str], str] = format_prompt,
) -> list[str]:
    """PPO training prompts: `embedded`, a file, or `dolly`: the Dolly prompts that
    `load_sft_examples(sft_source, sft_examples, seed, to_example)` did not take."""
    if source == "embedded":
        prompts = read_prompt_file(EMBEDDED_DIR / "ppo_prompts.txt", to_prompt)
    elif source == "dolly":
        prompts = [ex.prompt for ex in _shuffled_dolly(sft_source, seed, to_example)[sft_examples:]]
    else:
        prompts = read_prompt_file(source, to_prompt)
    return prompts[:n] if n else prompts


def load_test_prompts(source: str = "embedded", n: int = -1, to_prompt: Callable[[str], str] = format_prompt
                      ) -> list[str]:
    """The first `n` held-out evaluation prompts (never used in training); all of them for n = -1."""
    path = EMBEDDED_DIR / "test_prompts.txt" if source == "embedded" else source
    prompts = read_prompt_file(path, to_prompt)
    return prompts[:n] if n > 0 else prompts
