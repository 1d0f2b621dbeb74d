"""What a setting is: a dataclass field with its default and the values it allows (`setting`), in a `Section` that
checks them when it is built (`__post_init__`, as TRL's configs do) and on demand with the rules across its fields
(`check`). A bad value is a `ConfigError` of one line naming the key and what is allowed."""

from __future__ import annotations

import dataclasses
import typing
from dataclasses import field
from typing import Any, ClassVar, Literal

from rlhf_utils.reads import Recorded, unrecorded


class ConfigError(ValueError):
    """A bad configuration value; the message is one line naming the key and what is allowed."""


def setting(default: Any, allowed: str, note: str = "") -> Any:
    """A field with its default and the values it allows: ">= 1", "> 0", an interval "[0, 1)", or "text"
    (not blank; `note` is then the whole message). `note` is added to the message, e.g. " (0 disables)"."""
    return field(default=default, metadata={"allowed": allowed, "note": note})


def _allows(allowed: str, value: Any) -> bool:
    if allowed == "text":
        return bool(str(value).strip())
    if allowed[0] in "[(":
        low, high = (float(x) for x in allowed[1:-1].split(","))
        return (low <= value if allowed[0] == "[" else low < value) and \
            (value <= high if allowed[-1] == "]" else value < high)
    op, bound = allowed.split()
    return value >= float(bound) if op == ">=" else value > float(bound)


def require(ok: bool, key: str, value: Any, allowed: str) -> None:
    if not ok:
        raise ConfigError(f"{key}={value!r} is invalid: {allowed}")


class Section(Recorded):
    """Base of the config dataclasses: each field's own rule is checked when the section is built; `check`
    also runs the rules across fields (`cross_check`) of it and of its sub-sections."""

    KEY: ClassVar[str] = ""
    """The section's key in `RunConfig`, for messages (`reward_poor` and `reward_good` share "reward")."""

    def __post_init__(self) -> None:
        self.check(f"{self.KEY}." if self.KEY else "", nested=False)

    def check(self, key: str = "", nested: bool = True) -> None:
        """Raise ConfigError (one line: key, value, what is allowed) on the first bad value; `key` is the section's
        dotted prefix, e.g. "reward_good."."""
        with unrecorded():
            hints = typing.get_type_hints(type(self))
            for f in dataclasses.fields(self):
                value, hint = getattr(self, f.name), hints[f.name]
                if dataclasses.is_dataclass(value):
                    if nested:
                        value.check(f"{key}{f.name}.")
                    continue
                choices = typing.get_args(hint) if typing.get_origin(hint) is Literal else ()
                require(not choices or value in choices, key + f.name, value, f"allowed are {', '.join(choices)}")
                allowed, note = f.metadata.get("allowed"), f.metadata.get("note", "")
                if allowed:
                    require(_allows(allowed, value), key + f.name, value, _describe(allowed, hint, note))
            if nested:
                self.cross_check(key)

    def cross_check(self, key: str) -> None:
        """Rules across this section's fields (none by default)."""


def _describe(allowed: str, hint: Any, note: str) -> str:
    if allowed == "text":
        return note
    if allowed[0] in "[(":
        return f"must be in {allowed}{note}"
    return f"must be {'an integer ' if hint is int else ''}{allowed}{note}"
