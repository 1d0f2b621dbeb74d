"""One way to cache a stage: a folder whose `done.json` says what it was computed from.

    record = cached(folder, settings, work, built_on=[upstream_folder], force=False)

runs `work()` (which writes its results into `folder` and returns a JSON-able summary) unless
`folder/done.json` holds the same fingerprint: a hash of `settings` and of the ids of the upstream
results (`built_on` folders' done.json). With `reads=Reads(cfg)` instead of `settings`, the settings are
those `work()` read (Part 1's stages): done.json lists them with their values, and the result is current
while each keeps its value, so a setting a stage starts reading is in its key without anyone listing it.
Redoing an upstream stage gives it a new id, so everything built on it is redone too. `done.json` is written
atomically, after `work()` returned: a crash or a Colab disconnect leaves no record, and the next run redoes it.
Part 1's stages, Part 2's trained variants and experiments, and DPO all cache through this one helper.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import socket
import time
import uuid
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from rlhf_utils.reads import Reads
from rlhf_utils.runtime import notice

DONE = "done.json"


def write_json(path: str | Path, data: Any) -> None:
    """Write JSON atomically (a temporary file renamed over the target). Non-finite floats become null."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    clean = _finite(data)
    if isinstance(data, dict) and clean != data and "null_values" not in clean:
        clean["null_values"] = "null marks a value that could not be computed (NaN or infinite)"
    tmp.write_text(json.dumps(clean, indent=2, allow_nan=False))
    tmp.replace(path)


def _finite(data: Any) -> Any:
    """`data` with every NaN or infinite float replaced by None (JSON's null)."""
    if isinstance(data, float) and not math.isfinite(data):
        return None
    if isinstance(data, dict):
        return {k: _finite(v) for k, v in data.items()}
    if isinstance(data, (list, tuple)):
        return [_finite(v) for v in data]
    return data


def read_json(path: str | Path) -> Any:
    """The JSON in `path`, or None when there is no such file. An empty, truncated or non-JSON file is a
    ValueError naming it."""
    path = Path(path)
    if not path.is_file():
        return None
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as err:
        raise ValueError(f"{path} is unreadable ({type(err).__name__}: empty or truncated?): re-run with --force "
                         "to redo what it records") from None


def record(folder: str | Path) -> dict | None:
    """The saved done.json of a cached folder, or None."""
    return read_json(Path(folder) / DONE)


def fingerprint(settings: Any, built_on: Sequence[str | Path] = ()) -> str:
    """16 hex digits identifying `settings` (JSON-able) and the current results of the `built_on` folders."""
    upstream = [(record(f) or {}).get("id") for f in built_on]
    blob = json.dumps({"settings": settings, "built_on": upstream}, sort_keys=True, default=str)
    return hashlib.sha256(blob.encode()).hexdigest()[:16]


def is_current(folder: str | Path, settings: Any, built_on: Sequence[str | Path] = (),
               reads: Reads | None = None) -> bool:
    """True when `folder` holds results of exactly these settings (with `reads`: the settings it read, at their
    values in `reads.cfg`), built on the current upstream results."""
    saved = record(folder)
    return bool(saved) and saved.get("fingerprint") == fingerprint(_settings_now(saved, settings, reads), built_on)


def _settings_now(saved: dict | None, settings: Any, reads: Reads | None) -> Any:
    """What to compare a saved record with: `settings`, or with `reads` the current values of the settings the
    saved result read (None for a record that lists none: it cannot be current)."""
    if reads is None:
        return settings
    return reads.now(saved["reads"]) if saved and "reads" in saved else None


def cached(folder: str | Path, settings: Any, work: Callable[[], Any], built_on: Sequence[str | Path] = (),
           force: bool = False, label: str | None = None, write: bool = True, reads: Reads | None = None) -> dict:
    """The record {"fingerprint", "settings", "summary", "seconds", "id"} of `folder` (and "reads" with `reads`):
    the saved one when it is current (and not `force`), else a new one from running `work()`. `write=False`
    (non-main DDP processes) runs the work but leaves done.json to the main process."""
    folder, label = Path(folder), label or Path(folder).name
    try:
        saved = record(folder)
    except ValueError:
        if not force:
            raise
        saved = None
    settings = _settings_now(saved, settings, reads)
    key = fingerprint(settings, built_on)
    if saved and not force and saved.get("fingerprint") == key:
        notice(f"{label} already done in {folder}: reused (force to redo)", once=False)
        return saved
    settings_key = fingerprint(settings)
    if saved and force:
        notice(f"{label}: redone (forced)", once=False)
    elif saved and reads is not None and "reads" not in saved:
        notice(f"{label} was saved by an older version (without the settings it read): running it again", once=False)
    elif saved and saved.get("settings") != settings_key:
        notice(f"settings changed since {label} was saved: running it again", once=False)
    elif saved:
        notice(f"{label} was built on older upstream results: running it again", once=False)
    t0 = time.perf_counter()
    if reads is None:
        summary = work()
    else:
        with reads:
            summary = work()
        key, settings_key = fingerprint(reads.values, built_on), fingerprint(reads.values)
    new = {"fingerprint": key, "settings": settings_key, "summary": summary, "seconds": time.perf_counter() - t0,
           "id": uuid.uuid4().hex, **({"reads": dict(sorted(reads.values.items()))} if reads is not None else {})}
    if write:
        write_json(folder / DONE, new)
    return new


class FolderInUse(RuntimeError):
    """Another live process holds the run folder's lock."""


class FolderLock:
    """One run per folder: `folder/.lock` holds the owner's host and pid while it works there.

    Re-entrant within a process. A lock whose process is gone (killed run, restarted kernel) or that was
    left by another machine (a Colab runtime that disconnected) is taken over with a notice; a lock held by
    a live process on this machine raises FolderInUse naming the folder and the pid.
    """

    def __init__(self, folder: str | Path):
        self.path, self.depth = Path(folder) / ".lock", 0

    def __enter__(self) -> FolderLock:
        if self.depth == 0:
            self._acquire()
        self.depth += 1
        return self

    def __exit__(self, *exc) -> None:
        self.depth -= 1
        if self.depth == 0:
            self.path.unlink(missing_ok=True)

    def _acquire(self) -> None:
        mine = {"host": socket.gethostname(), "pid": os.getpid()}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        while True:
            try:
                fd = os.open(self.path, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
            except FileExistsError:
                try:
                    owner = json.loads(self.path.read_text() or "{}")
                except (OSError, json.JSONDecodeError):
                    owner = {}
                here = owner.get("host") == mine["host"]
                if here and owner.get("pid") != mine["pid"] and _alive(owner.get("pid")):
                    raise FolderInUse(f"run folder {self.path.parent} is in use by process {owner['pid']}: wait for "
                                      "it to finish, or use another --out") from None
                if owner.get("pid") != mine["pid"] or not here:
                    notice(f"run folder {self.path.parent}: taking over the lock left by process {owner.get('pid')} "
                           f"on {owner.get('host')} (no longer running here)", once=False)
                self.path.unlink(missing_ok=True)
                continue
            with os.fdopen(fd, "w") as f:
                json.dump(mine, f)
            return


def _alive(pid: Any) -> bool:
    if not isinstance(pid, int) or pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
