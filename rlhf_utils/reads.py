"""Which settings a piece of work reads: what a stage's cache key is made of, so no hand-kept list can miss one.

    reads = Reads(cfg)
    with reads:
        work()                  # every setting read on cfg's sections is noted
    reads.values                # {"sft.lr": 0.0005, "data.sft_source": "embedded", ...}
    reads.now(keys)             # the values those keys have in `cfg` now (to tell whether a result is current)

The config dataclasses derive from `Recorded`. Where a run happens (`model.device`, `model.cache_dir`) is not
noted: it does not change what a run computes; nor is the profile's name (the values it set are noted when read).
"""

from __future__ import annotations

import contextlib
import contextvars
import dataclasses
from collections.abc import Iterable, Iterator
from typing import Any

NOT_SETTINGS = ("model.device", "model.cache_dir", "profile")
_OPEN: contextvars.ContextVar[Reads | None] = contextvars.ContextVar("rlhf_reads", default=None)


class Recorded:
    """Base of the config dataclasses: while a `Reads` is open, each setting read on them is noted."""

    def __getattribute__(self, name: str) -> Any:
        value = object.__getattribute__(self, name)
        reads = _OPEN.get()
        if reads is not None:
            reads.note(self, name, value)
        return value


class Reads:
    """The settings of `cfg` (a config dataclass holding sections) read while this is open, with their values;
    `values` also holds those of `base` (what was read once for everything, e.g. to build the accelerator)."""

    def __init__(self, cfg: Any, base: Reads | None = None):
        self.cfg, self.base, self._values = cfg, base, {}
        self._sections: dict[int, tuple[str, set[str]]] = {}  # id(section) -> (key prefix, names of its settings)
        self._walk(cfg, "")

    def _walk(self, section: Any, prefix: str) -> None:
        names = set()
        for f in dataclasses.fields(section):
            value = object.__getattribute__(section, f.name)
            if dataclasses.is_dataclass(value):
                self._walk(value, f"{prefix}{f.name}.")
            elif f"{prefix}{f.name}" not in NOT_SETTINGS:
                names.add(f.name)
        self._sections[id(section)] = (prefix, names)

    @property
    def values(self) -> dict[str, Any]:
        return {**(self.base.values if self.base else {}), **self._values}

    def note(self, section: Any, name: str, value: Any) -> None:
        prefix, names = self._sections.get(id(section), ("", ()))
        if name in names:
            self._values[prefix + name] = value

    def now(self, keys: Iterable[str]) -> dict[str, Any]:
        """The current values of `keys` in `cfg` (None for a key the config no longer has), noting nothing."""
        out = {}
        with unrecorded():
            for key in keys:
                obj = self.cfg
                for part in key.split("."):
                    obj = getattr(obj, part, None)
                out[key] = obj
        return out

    def __enter__(self) -> Reads:
        self._token = _OPEN.set(self)
        return self

    def __exit__(self, *exc: Any) -> None:
        _OPEN.reset(self._token)


@contextlib.contextmanager
def unrecorded() -> Iterator[None]:
    """Reads inside are not noted (whole-config dumps such as `RunConfig.to_dict`)."""
    token = _OPEN.set(None)
    try:
        yield
    finally:
        _OPEN.reset(token)
