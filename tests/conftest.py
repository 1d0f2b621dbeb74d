import os
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
if os.environ.get("PYTEST_XDIST_WORKER"):  # `make test` runs two workers on the two cores: one thread each (a tiny
    os.environ.setdefault("OMP_NUM_THREADS", "1")  # model gains ~10% from a second one; subprocesses inherit this)

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
DOLLY_SAMPLE = SHARED / "dolly15k-sample" / "dolly15k_sample.jsonl"
HH_HELPFUL = SHARED / "hh-rlhf" / "helpful-base-test.jsonl.gz"
HH_HARMLESS = SHARED / "hh-rlhf" / "harmless-base-test.jsonl.gz"


def assert_figures_legible(folder: Path) -> dict:
    """Every figure saved in `folder` is at most page-wide (6.5 in), as wide in its PNG as drawn, prints no text under
    8 pt where the write-up inserts it, and draws the CI of every bar that has one (figures/legibility.json, which
    `plots.save_figure` writes). Returns the facts."""
    import json

    from PIL import Image

    from rlhf_utils.plots import MIN_PT, PAGE_WIDTH

    facts = json.loads((folder / "legibility.json").read_text())
    pngs = {p.stem for p in folder.glob("*.png")}
    assert pngs == set(facts), (pngs ^ set(facts))
    for name, f in facts.items():
        assert f["width_in"] <= PAGE_WIDTH and f["min_font_pt"] >= MIN_PT, (name, f)
        assert f["bars_without_error_bars"] == [], (name, f)
        with Image.open(folder / f"{name}.png") as image:
            assert abs(image.size[0] / image.info["dpi"][0] - f["width_in"]) < 0.02, (name, image.size)
    return facts


def need(path: Path) -> Path:
    if not path.is_file():
        pytest.skip(f"{path} is absent (shared data sits beside the checkout)")
    return path


@pytest.fixture(autouse=True)
def fresh_notices():
    """Each test starts with every notice unshown."""
    from rlhf_utils.runtime import reset_notices

    reset_notices()
    yield


@pytest.fixture(scope="session")
def tiny_cfg():
    from rlhf_utils.profiles import load_config

    return load_config("tiny")


@pytest.fixture(scope="session")
def tokenizer(tiny_cfg):
    from rlhf_utils.models import load_tokenizer

    return load_tokenizer("tiny-gpt2", tiny_cfg.model)


@pytest.fixture()
def tiny_model(tiny_cfg):
    from rlhf_utils.models import load_causal_lm

    return load_causal_lm("tiny-gpt2", tiny_cfg.model, seed=0).eval()


# ---------------------------------------------------------------- the hub stand-in (tools/hub_standin.py)

class Hub:
    """The running stand-in, with the environment a subprocess needs to use it as the hub."""

    def __init__(self, server, home: Path):
        self.server, self.home = server, home

    def __getattr__(self, name):
        return getattr(self.server, name)

    def env(self, home: Path | None = None, **extra: str) -> dict[str, str]:
        """The environment of a subprocess that uses the stand-in as its hub (`hub_standin.client_env`); HF_HOME is
        `home`, default one cache shared by the session's hub tests, so each file is downloaded once."""
        import hub_standin

        return {**hub_standin.client_env(self.server.url, home or self.home), **extra}


@pytest.fixture(scope="session")
def hub_server(tmp_path_factory):
    import sys

    sys.path.insert(0, str(ROOT / "tools"))
    import hub_standin

    root = Path(os.environ.get("RLHF_HUB_STANDIN_ROOT", Path.home() / ".cache" / "rlhf_utils" / "hub-standin"))
    with hub_standin.HubStandin(hub_standin.build(root)) as server:
        yield Hub(server, tmp_path_factory.mktemp("hf_home"))


@pytest.fixture()
def hub(hub_server):
    """The hub stand-in for one test: no faults at the start, and the test fails if the project asked the stand-in
    for anything it does not implement (a new kind of hub call must come with a stand-in endpoint and a test)."""
    hub_server.clear_faults()
    seen = len(hub_server.unhandled)
    yield hub_server
    hub_server.clear_faults()
    assert hub_server.unhandled[seen:] == [], f"requests the hub stand-in does not serve: {hub_server.unhandled[seen:]}"
