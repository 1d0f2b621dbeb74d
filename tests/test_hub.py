"""The hub path, as a Colab student runs it, against the hub stand-in (tools/hub_standin.py, fixture `hub`):
DistilGPT2 through `from_pretrained`, Dolly-15k and HH-RLHF through `load_dataset`, with transformers, datasets and
huggingface_hub unmodified. Runs go through the CLI in a subprocess, whose libraries read HF_ENDPOINT at import."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SMALL = ["sft.steps=3", "sft.batch_size=4", "sft.heldout_examples=4", "data.heldout_pairs=8",
         *(f"reward_{rm}.{key}" for rm in ("poor", "good")
           for key in ("steps=2", "eval_every=2", "batch_size=4", "normalize_samples=4")),
         "ppo.iterations=2", "ppo.batch_size=4", "ppo.minibatch_size=2", "ppo.epochs=1", "ppo.max_new_tokens=8",
         "eval.num_prompts=3", "eval.generation.max_new_tokens=8", "eval.generation.batch_size=4"]
"""Budgets small enough for DistilGPT2 on 2 CPU cores (the data sizes stay the profile's)."""


def cli(env: dict, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "rlhf_utils", *args], capture_output=True, text=True, cwd=ROOT,
                          env=env, timeout=1200)


def sets(overrides: list[str]) -> list[str]:
    return [a for item in overrides for a in ("--set", item)]


def one_error_line(proc: subprocess.CompletedProcess) -> str:
    """The run's single `error:` line; fails on a traceback or anything else on stderr but progress bars."""
    assert proc.returncode == 2, (proc.returncode, proc.stderr[-3000:])
    assert "Traceback" not in proc.stderr
    lines = [line for line in proc.stderr.splitlines() if line.strip() and "it/s]" not in line and "%|" not in line]
    errors = [line for line in lines if line.startswith("error: ")]
    assert len(errors) == 1, lines[-10:]
    return errors[0]


def requests_since(hub, start: int) -> list[tuple[str, str, int]]:
    return hub.requests[start:]


# ---------------------------------------------------------------- hub_status: which endpoint, and what it said

def test_hub_status_asks_the_endpoint_the_libraries_use(hub, monkeypatch):
    """HF_ENDPOINT's server is asked (not huggingface.co), a 5xx or no answer is "not used", each with its reason,
    and every offline flag is honoured. (The tests run with HF_HUB_OFFLINE=1; monkeypatch restores it.)"""
    import huggingface_hub.constants

    from rlhf_utils import runtime

    def status(endpoint: str, **flags: str) -> runtime.HubStatus:
        for flag in runtime.OFFLINE_FLAGS:  # hub_status turns offline mode on when the hub does not answer
            monkeypatch.delenv(flag, raising=False)
        monkeypatch.setattr(huggingface_hub.constants, "HF_HUB_OFFLINE", False)
        for flag, value in flags.items():
            monkeypatch.setenv(flag, value)
        monkeypatch.setattr(runtime, "hub_endpoint", lambda: endpoint)
        runtime.hub_status.cache_clear()
        return runtime.hub_status()

    ok = status(hub.url)
    assert ok.ok and ok.endpoint == hub.url and ok.describe() == f"the Hugging Face hub at {hub.url} answers"
    assert ("HEAD", "/", 200) in hub.requests
    hub.inject("/", "500", times=1)
    assert status(hub.url).why == "answers HTTP 500"
    down = status("http://127.0.0.1:9")  # nothing listens on port 9
    assert not down.ok and down.why.startswith("no answer (URLError")
    assert "the Hugging Face hub at http://127.0.0.1:9 is not used: no answer" in down.describe()
    assert status(hub.url, TRANSFORMERS_OFFLINE="1").why == "TRANSFORMERS_OFFLINE=1 is set"
    assert status(hub.url, HF_DATASETS_OFFLINE="true").why == "HF_DATASETS_OFFLINE=true is set"
    runtime.hub_status.cache_clear()


# ---------------------------------------------------------------- the hub profiles, end to end

@pytest.mark.slow
def test_auto_without_a_gpu_runs_the_simple_notebook_through_the_hub(hub, tmp_path):
    """What "Run all" does on a Colab CPU runtime: Simple_RLHF.ipynb with PROFILE "auto" asks the endpoint, picks
    `cpu`, loads DistilGPT2 and the real datasets' layouts and runs Part 1 end to end; each dataset is loaded once
    in the kernel, no line says the hub is down, and the write-up states the pairs' subset and the skipped rows."""
    import nbformat

    from rlhf_utils.notebook import execute_notebook

    start, out = len(hub.requests), tmp_path / "nb"
    env = {**hub.env(), "HF_HUB_OFFLINE": None, "TRANSFORMERS_OFFLINE": None, "HF_DATASETS_OFFLINE": None}
    executed, _ = execute_notebook(ROOT / "Simple_RLHF.ipynb", out, "auto", SMALL, timeout=900, extra_env=env)
    nb = nbformat.read(executed, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert not [o for c in code for o in c.outputs if o.output_type == "error"]
    text = " ".join("".join(o.get("text", "") for c in code for o in c.outputs).split())
    assert "PROFILE 'auto' chose 'cpu'" in text and f"the Hugging Face hub at {hub.url} answers" in text
    assert "unreachable" not in text and "instead of" not in text
    m = json.loads((out / "metrics.json").read_text())
    assert m["profile"] == "cpu" and set(m["eval"]) == {"base", "sft", "ppo_poor", "ppo_good"}
    sft, prefs = m["data"]["sft"], m["data"]["preferences"]
    assert sft == {"source": "hub:databricks/databricks-dolly-15k", "rows": 15011, "skipped": 0}
    assert prefs["source"] == "hub:Anthropic/hh-rlhf/helpful-base"
    assert (prefs["train_rows"], prefs["test_rows"]) == (43835, 2354)
    assert prefs["skipped_no_assistant_turn"] == 3  # the stand-in's planted rows (hub_standin.BAD_HH_ROWS)
    assert m["sft"]["train_examples"] == 5000 and m["reward_models"]["good"]["train_pairs"] == 8000
    asked = requests_since(hub, start)
    assert all(status < 500 for _, _, status in asked)
    for repo in ("databricks/databricks-dolly-15k", "Anthropic/hh-rlhf"):  # one load_dataset per dataset
        assert sum(1 for method, path, _ in asked if method == "HEAD" and path.startswith(
            f"/datasets/{repo}/resolve/main/README.md")) == 1
    assert any(path.endswith("/model.safetensors") for _, path, _ in asked)
    (out / "hub_requests.json").write_text(json.dumps(hub.summary(asked), indent=1))
    paragraph = (out / "writeup" / "HW5_report.md").read_text()
    assert "hub:Anthropic/hh-rlhf/helpful-base" in paragraph and "3 rows without an assistant turn" in paragraph


@pytest.mark.slow
def test_colab_settings_on_a_cpu_load_the_homework_sizes(hub, tmp_path):
    """`colab` (the homework's data sizes) with model.device=cpu: 5,000 Dolly examples and 8,000 HH pairs load and
    a step or two of SFT and of both reward models train on them."""
    out = tmp_path / "colab"
    tiny_budgets = [s for s in SMALL if not s.startswith("data.")] + ["model.device=cpu", "sft.steps=2",
                                                                       "data.heldout_pairs=8"]
    proc = cli(hub.env(), "run", "--profile", "colab", "--out", str(out), "--stages", "sft,reward_models",
               *sets(tiny_budgets))
    assert proc.returncode == 0, proc.stderr[-4000:]
    m = json.loads((out / "metrics.json").read_text())
    cfg = json.loads((out / "config.json").read_text())
    assert m["profile"] == "colab" and cfg["data"]["sft_examples"] == 5000 and cfg["data"]["preference_pairs"] == 8000
    assert m["sft"]["train_examples"] == 5000 and m["sft"]["steps"] == 2
    assert m["reward_models"]["good"]["train_pairs"] == 8000 and m["reward_models"]["poor"]["train_pairs"] == 800
    assert m["runtime"] == {"device": "cpu", "mixed_precision": "no", "processes": 1}


# ---------------------------------------------------------------- faults: one line, never a traceback; a re-run works

FAULTS = [  # (what, path pattern, fault, the repo the error line names)
    ("model weights cut off mid-download", "/model.safetensors", "truncate", "model 'distilgpt2'"),
    ("model config hangs past the client's timeout", "/config.json", "timeout", "model 'distilgpt2'"),
    ("Dolly file answered 500", "databricks-dolly-15k.jsonl", "500", "dataset 'databricks/databricks-dolly-15k'"),
]


@pytest.mark.slow
@pytest.mark.parametrize("what, pattern, fault, names", FAULTS, ids=[f[0] for f in FAULTS])
def test_a_hub_fault_is_one_line_and_a_rerun_succeeds(hub, tmp_path, what, pattern, fault, names):
    """With a fresh hub cache, each fault stops `check` (what a run loads before training) with one line naming the
    repo and the ways forward; the same command succeeds once the hub behaves (downloads resume from the cache)."""
    env = hub.env(home=tmp_path / "hf_home")
    command = ["check", "--profile", "cpu", *sets(["sft.heldout_examples=4", "data.heldout_pairs=8"])]
    hub.inject(pattern, fault)
    line = one_error_line(cli(env, *command))
    assert names in line and "run again to retry" in line and hub.url in line, line
    hub.clear_faults()
    proc = cli(env, *command)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "everything profile 'cpu' needs loads" in proc.stdout


@pytest.mark.slow
def test_a_weights_download_cut_once_resumes_in_the_same_run(hub, tmp_path):
    """One truncated transfer is no failure at all: huggingface_hub resumes it with a Range request."""
    start = len(hub.requests)
    hub.inject("/model.safetensors", "truncate", times=1)
    proc = cli(hub.env(home=tmp_path / "hf_home"), "check", "--profile", "cpu")
    assert proc.returncode == 0, proc.stderr[-3000:]
    gets = [(m, p, s) for m, p, s in requests_since(hub, start) if m == "GET" and p.endswith("/model.safetensors")]
    assert [s for *_, s in gets] == [200, 206]


@pytest.mark.slow
def test_a_misspelled_model_is_one_line_naming_it(hub, tmp_path):
    """With the hub up, a name the hub does not have says so (no "hub unreachable", no fallback)."""
    line = one_error_line(cli(hub.env(), "check", "--profile", "cpu", "--set", "model.policy=gpt2-mediun"))
    assert line.startswith(f"error: model 'gpt2-mediun' is not on the hub at {hub.url} (RepositoryNotFoundError")
    assert "check the name" in line and "unreachable" not in line


def test_gpu_check_on_a_cpu_refuses_in_one_line():
    proc = subprocess.run([sys.executable, "tools/gpu_check.py"], capture_output=True, text=True, cwd=ROOT,
                          timeout=300)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert proc.stderr.strip() == ("error: gpu-check needs a CUDA GPU and torch sees none here "
                                   "(torch.cuda.is_available() is False): run it on a GPU machine or runtime")
