import os
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
DOLLY_SAMPLE = SHARED / "dolly15k-sample" / "dolly15k_sample.jsonl"
HH_HELPFUL = SHARED / "hh-rlhf" / "helpful-base-test.jsonl.gz"
HH_HARMLESS = SHARED / "hh-rlhf" / "harmless-base-test.jsonl.gz"


def need(path: Path) -> Path:
    if not path.is_file():
        pytest.skip(f"{path} is absent (shared data sits beside the checkout)")
    return path


@pytest.fixture(autouse=True)
def fresh_notices():
    """Each test starts with every notice unshown and the library's own pieces (no `steps.use` left over)."""
    from rlhf_utils import steps
    from rlhf_utils.runtime import reset_notices

    reset_notices()
    steps.reset()
    yield
    steps.reset()


@pytest.fixture(scope="session")
def tiny_cfg():
    from rlhf_utils.config import load_config

    return load_config("tiny")


@pytest.fixture(scope="session")
def tokenizer(tiny_cfg):
    from rlhf_utils.models import load_tokenizer

    return load_tokenizer("tiny-gpt2", tiny_cfg.model)


@pytest.fixture()
def tiny_model(tiny_cfg):
    from rlhf_utils.models import load_causal_lm

    return load_causal_lm("tiny-gpt2", tiny_cfg.model, seed=0).eval()
