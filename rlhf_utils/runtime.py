"""Where the code runs: one-line notices to the user, whether the Hugging Face hub answers, Colab."""

from __future__ import annotations

import functools
import os
import sys
import urllib.error
import urllib.request
from dataclasses import dataclass

_NOTICED: set[str] = set()
OFFLINE_FLAGS = ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE", "HF_DATASETS_OFFLINE")


def notice(message: str, once: bool = True) -> None:
    """One plain line to the user (no logging framework, so it shows in notebooks and CI logs);
    with `once`, a message already shown in this process is not repeated."""
    if once and message in _NOTICED:
        return
    _NOTICED.add(message)
    print(f"[rlhf_utils] {message}", flush=True)


def reset_notices() -> None:
    """Show every notice again, and ask the hub again (each test starts from a clean slate)."""
    _NOTICED.clear()
    hub_status.cache_clear()


@dataclass(frozen=True)
class HubStatus:
    ok: bool
    endpoint: str
    """What transformers, datasets and huggingface_hub will use: HF_ENDPOINT, default https://huggingface.co."""
    why: str
    """E.g. "answered", "HF_HUB_OFFLINE=1 is set", "no answer (URLError: timed out)"."""

    def describe(self) -> str:
        return f"the Hugging Face hub at {self.endpoint} {'answers' if self.ok else 'is not used: ' + self.why}"


def hub_endpoint() -> str:
    """The endpoint the hub libraries use (read by huggingface_hub from HF_ENDPOINT when it is imported)."""
    try:
        from huggingface_hub import constants

        return constants.ENDPOINT
    except ImportError:
        return os.environ.get("HF_ENDPOINT", "https://huggingface.co").rstrip("/")


def _offline_flag() -> str | None:
    for flag in OFFLINE_FLAGS:
        if os.environ.get(flag, "").strip().lower() in ("1", "true", "yes", "on"):
            return f"{flag}={os.environ[flag]} is set"
    try:
        from huggingface_hub import constants

        return "huggingface_hub is in offline mode" if constants.HF_HUB_OFFLINE else None
    except ImportError:
        return None


@functools.lru_cache(maxsize=1)
def hub_status(timeout: float = 3.0) -> HubStatus:
    """Whether the hub endpoint the libraries will use answers an HTTP request (any status below 500), unless an
    offline flag (HF_HUB_OFFLINE, TRANSFORMERS_OFFLINE, HF_DATASETS_OFFLINE) is set. Asked once per process.
    When it does not answer, offline mode is switched on so transformers and datasets stop retrying."""
    endpoint = hub_endpoint()
    flag = _offline_flag()
    if flag:
        return HubStatus(False, endpoint, flag)
    try:
        with urllib.request.urlopen(urllib.request.Request(endpoint + "/", method="HEAD"), timeout=timeout):
            return HubStatus(True, endpoint, "answered")
    except urllib.error.HTTPError as err:
        if err.code < 500:
            return HubStatus(True, endpoint, f"answered (HTTP {err.code})")
        why = f"answers HTTP {err.code}"
    except (OSError, ValueError) as err:  # URLError, timeouts, refused connections, a malformed HF_ENDPOINT
        why = f"no answer ({type(err).__name__}: {getattr(err, 'reason', err)})"
    os.environ["HF_HUB_OFFLINE"] = "1"
    try:  # already imported modules read the constant, not the environment
        import huggingface_hub.constants

        huggingface_hub.constants.HF_HUB_OFFLINE = True
    except ImportError:
        pass
    return HubStatus(False, endpoint, why)


def hub_reachable() -> bool:
    return hub_status().ok


class HubError(RuntimeError):
    """A model, tokenizer or dataset that could not be had from the hub; the message is one line naming the repo,
    the error and the ways forward."""


def _root_cause(err: BaseException) -> BaseException:
    seen = [err]
    while (nxt := seen[-1].__cause__ or seen[-1].__context__) is not None and nxt not in seen and len(seen) < 20:
        seen.append(nxt)
    named = [e for e in seen if type(e).__name__ in ("RepositoryNotFoundError", "GatedRepoError",
                                                     "RevisionNotFoundError", "EntryNotFoundError")]
    return named[0] if named else seen[-1]


def hub_failure(what: str, repo: str, err: BaseException) -> HubError:
    """The one-line HubError for `what` (`model`, `tokenizer`, `dataset`) `repo` failing to load with `err`."""
    cause = _root_cause(err)
    detail = " ".join(str(cause).split())
    detail = f"{type(cause).__name__}: {detail[:160]}{'...' if len(detail) > 160 else ''}"
    status = hub_status()
    if not status.ok:
        return HubError(f"{what} {repo!r} is not in the local cache and {status.describe()} ({detail}): connect to "
                        "the internet (or set HF_ENDPOINT to a mirror), or choose an offline profile ('tiny', "
                        "'smol') or local files")
    if type(cause).__name__ in ("RepositoryNotFoundError", "GatedRepoError"):
        example = "e.g. distilgpt2, gpt2, gpt2-medium" if what != "dataset" else "e.g. Anthropic/hh-rlhf"
        return HubError(f"{what} {repo!r} is not on the hub at {status.endpoint} ({detail}): check the name "
                        f"({example}) or give a local folder or file")
    return HubError(f"{what} {repo!r} could not be downloaded from {status.endpoint} ({detail}): run again to "
                    "retry (finished downloads are kept), check the connection or HF_ENDPOINT, or choose an "
                    "offline profile ('tiny', 'smol') or local files")


def in_colab() -> bool:
    return "google.colab" in sys.modules


def banner(title: str, text: str, width: int = 100) -> None:
    """A framed block that stands out among log lines in a notebook's output."""
    import textwrap

    rule = "=" * width
    body = "\n".join(textwrap.wrap(text, width - 2))
    print(f"{rule}\n{title}\n{body}\n{rule}", flush=True)
