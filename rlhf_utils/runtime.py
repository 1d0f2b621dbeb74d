"""Where the code runs: one-line notices to the user, whether the Hugging Face hub answers, Colab."""

from __future__ import annotations

import functools
import os
import socket
import sys

_NOTICED: set[str] = set()


def notice(message: str, once: bool = True) -> None:
    """One plain line to the user (no logging framework, so it shows in notebooks and CI logs);
    with `once`, a message already shown in this process is not repeated."""
    if once and message in _NOTICED:
        return
    _NOTICED.add(message)
    print(f"[rlhf_utils] {message}", flush=True)


def reset_notices() -> None:
    """Show every notice again (each test starts from a clean slate)."""
    _NOTICED.clear()


@functools.lru_cache(maxsize=1)
def hub_reachable(timeout: float = 3.0) -> bool:
    """True when huggingface.co answers on port 443 and HF_HUB_OFFLINE is not set."""
    if os.environ.get("HF_HUB_OFFLINE", "0").lower() in ("1", "true", "yes"):
        return False
    try:
        socket.create_connection(("huggingface.co", 443), timeout=timeout).close()
        return True
    except OSError:
        os.environ["HF_HUB_OFFLINE"] = "1"  # so transformers and datasets stop retrying
        try:  # already imported modules read the constant, not the environment
            import huggingface_hub.constants

            huggingface_hub.constants.HF_HUB_OFFLINE = True
        except ImportError:
            pass
        return False


def in_colab() -> bool:
    return "google.colab" in sys.modules


def banner(title: str, text: str, width: int = 100) -> None:
    """A framed block that stands out among log lines in a notebook's output."""
    import textwrap

    rule = "=" * width
    body = "\n".join(textwrap.wrap(text, width - 2))
    print(f"{rule}\n{title}\n{body}\n{rule}", flush=True)
