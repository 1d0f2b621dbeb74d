"""The whole run, stage by stage: SFT -> reward models (poor, good) -> PPO against each -> evaluation.

`Pipeline(cfg, out_dir).run()` is what `python -m rlhf_utils run` and the notebook execute. Each stage
writes its results under the run folder and a `done.json` holding a fingerprint of the settings it
depended on; a re-run skips a stage whose fingerprint still matches (a Colab disconnect loses at most
the stage in progress, and PPO resumes from its last checkpoint), unless `force=True`.

Run folder:
    config.json  metrics.json  figures/
    sft/model/  sft/log.json           (each stage folder also holds done.json)
    reward_models/{poor,good}/         (backbone/, head.safetensors, log.json)
    reward_models/normalization_samples.jsonl
    ppo/{poor,good}/model/             (+ log.json; checkpoint/ while PPO runs, for resuming)
    eval/responses.csv  eval/metrics.csv  eval/metrics.md  eval/responses.md
"""

from __future__ import annotations

import copy
import hashlib
import json
import shutil
import time
import uuid
from pathlib import Path
from typing import Any

import pandas as pd

from rlhf_utils import plots
from rlhf_utils.config import ConfigError, RewardConfig, RunConfig
from rlhf_utils.data import (
    load_ppo_prompts,
    load_preference_pairs,
    load_sft_examples,
    load_test_prompts,
)
from rlhf_utils.evaluation import evaluate_models, save_tables
from rlhf_utils.generation import generate_responses
from rlhf_utils.models import add_lora, load_backbone, load_causal_lm, load_tokenizer, merge_lora, same_tokenizer
from rlhf_utils.ppo import prompt_batch, train_ppo
from rlhf_utils.reward import ScalarHeadModel, normalize, train_reward_model
from rlhf_utils.runtime import notice
from rlhf_utils.sft import train_sft
from rlhf_utils.training import make_accelerator, seed_everything

STAGES = ("sft", "reward_models", "ppo", "eval")
RM_NAMES = ("poor", "good")
_STAGE_SECTIONS = {
    "sft": ("seed", "model", "data", "sft"),
    "reward_models": ("reward_poor", "reward_good", "ppo.temperature", "ppo.max_new_tokens"),
    "ppo": ("ppo",),
    "eval": ("eval",),
}


def _mean(values: list[float]) -> float:
    return sum(values) / len(values) if values else float("nan")


def _first_last(values: list[float], share: float) -> tuple[float, float]:
    """Means over the first and the last `share` of `values` (at least one value each)."""
    k = max(1, round(len(values) * share))
    return _mean(values[:k]), _mean(values[-k:])


def _write_json(path: Path, data: Any) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(data, indent=2))
    tmp.replace(path)


def _read_json(path: Path) -> Any:
    return json.loads(path.read_text()) if path.is_file() else None


class Pipeline:
    """One run of the homework's Part 1 in `out_dir`; call the stages in order, or `run()`."""

    def __init__(self, cfg: RunConfig, out_dir: str | Path, force: bool = False):
        self.cfg, self.force = cfg, force
        self.dir = Path(out_dir).expanduser()
        self.dir.mkdir(parents=True, exist_ok=True)
        self.figures = self.dir / "figures"
        self.accelerator = make_accelerator(cfg.model)
        self.tokenizer = load_tokenizer(cfg.model.policy, cfg.model)
        self.reward_tokenizer = load_tokenizer(cfg.model.reward, cfg.model)
        self.metrics: dict[str, Any] = _read_json(self.dir / "metrics.json") or {}
        self.metrics.update(profile=cfg.profile)
        self.metrics.setdefault("timings_s", {})
        if self.accelerator.is_main_process:
            (self.dir / "config.json").write_text(cfg.to_json())

    # ------------------------------------------------------------ bookkeeping

    def fingerprint(self, stage: str) -> str:
        """Hash of every setting `stage` depends on, including those of the stages before it, and of
        the identity of the saved result it builds on (so redoing a stage invalidates the later ones)."""
        flat = self.cfg.to_dict()
        keys = [k for s in STAGES[: STAGES.index(stage) + 1] for k in _STAGE_SECTIONS[s]]
        picked = {}
        for key in keys:
            value: Any = flat
            for part in key.split("."):
                value = value[part]
            picked[key] = value
        for where in ("device", "cache_dir"):  # where a run happens does not change what it computes
            picked["model"].pop(where, None)
        if stage != STAGES[0]:
            previous = _read_json(self.dir / STAGES[STAGES.index(stage) - 1] / "done.json")
            picked["built_on"] = previous and previous.get("id")
        return hashlib.sha256(json.dumps(picked, sort_keys=True).encode()).hexdigest()[:16]

    def _stage(self, stage: str, work) -> dict:
        """Run `work()` unless its saved result is still valid; record summary and seconds in metrics.json."""
        done_path = self.dir / stage / "done.json"
        done = _read_json(done_path)
        if done and not self.force and done["fingerprint"] == self.fingerprint(stage):
            notice(f"stage {stage!r} already done in {self.dir}: skipped (use --force to redo)", once=False)
        else:
            if done and not self.force:
                notice(f"settings changed since stage {stage!r} was saved: running it again", once=False)
            seed_everything(self.cfg.seed)
            t0 = time.perf_counter()
            done = {"fingerprint": self.fingerprint(stage), "summary": work(), "seconds": time.perf_counter() - t0,
                    "id": uuid.uuid4().hex}
            if self.accelerator.is_main_process:
                done_path.parent.mkdir(parents=True, exist_ok=True)
                _write_json(done_path, done)
        self.metrics[stage] = done["summary"]
        timings = self.metrics["timings_s"]
        timings[stage] = done["seconds"]
        stale = False
        for later in STAGES[STAGES.index(stage) + 1:]:  # results built on an older version of this stage
            saved = _read_json(self.dir / later / "done.json")
            stale = stale or saved is None or saved["fingerprint"] != self.fingerprint(later)
            if stale:
                self.metrics.pop(later, None)
                timings.pop(later, None)
        timings["total"] = sum(v for k, v in timings.items() if k != "total")
        if self.accelerator.is_main_process:
            _write_json(self.dir / "metrics.json", self.metrics)
        self.accelerator.wait_for_everyone()
        return done["summary"]

    def _save_log(self, path: Path, data: Any) -> None:
        if self.accelerator.is_main_process:
            path.parent.mkdir(parents=True, exist_ok=True)
            _write_json(path, data)

    # ------------------------------------------------------------ paths and loaders

    @property
    def sft_model_dir(self) -> Path:
        return self.dir / "sft" / "model"

    def reward_dir(self, name: str) -> Path:
        return self.dir / "reward_models" / name

    def ppo_dir(self, name: str) -> Path:
        return self.dir / "ppo" / name

    def load_base(self):
        return load_causal_lm(self.cfg.model.policy, self.cfg.model, self.cfg.seed)

    def load_sft(self):
        return load_causal_lm(str(self.sft_model_dir), self.cfg.model)

    def load_ppo(self, name: str):
        return load_causal_lm(str(self.ppo_dir(name) / "model"), self.cfg.model)

    def load_reward_model(self, name: str) -> ScalarHeadModel:
        return ScalarHeadModel.load(self.reward_dir(name)).to(self.accelerator.device).eval()

    def ppo_prompts(self) -> list[str]:
        d = self.cfg.data
        prompts = load_ppo_prompts(d.ppo_prompts_source, d.sft_source,
                                   d.sft_examples + self.cfg.sft.heldout_examples, self.cfg.seed)
        if not prompts:
            raise ConfigError(f"data.ppo_prompts_source={d.ppo_prompts_source!r} gives no prompts (dolly: every "
                              "example went to SFT): use embedded or a prompt file, or lower data.sft_examples")
        return prompts

    def test_prompts(self) -> list[str]:
        return load_test_prompts(self.cfg.data.test_prompts_source, self.cfg.eval.num_prompts)

    def logs(self, stage: str) -> dict:
        """Saved training logs: sft -> {"log", "heldout"}; reward_models / ppo -> {name: log}."""
        if stage == "sft":
            return _read_json(self.dir / "sft" / "log.json")
        folder = {"reward_models": self.reward_dir, "ppo": self.ppo_dir}[stage]
        return {name: _read_json(folder(name) / "log.json") for name in RM_NAMES
                if (folder(name) / "log.json").is_file()}

    # ------------------------------------------------------------ stages

    def train_sft_policy(self, sft_cfg, n_examples: int, folder: Path) -> dict:
        """SFT of a fresh base model on `n_examples` training examples (the held-out examples are always the
        same ones); saves folder/model and folder/log.json. Returns {"log", "heldout", "train_examples"}."""
        cfg, folder = self.cfg, Path(folder)
        n_held = sft_cfg.heldout_examples
        examples = load_sft_examples(cfg.data.sft_source, cfg.data.sft_examples + n_held, cfg.seed)
        if len(examples) <= n_held:
            raise ConfigError(f"sft.heldout_examples={n_held} is invalid: the SFT source has only "
                              f"{len(examples)} examples; lower it")
        if n_examples > cfg.data.sft_examples:  # more data: extra examples come after the usual ones
            examples += load_sft_examples(cfg.data.sft_source, n_examples + n_held, cfg.seed)[len(examples):]
        train = examples[n_held:n_held + n_examples]
        model = add_lora(self.load_base(), cfg.model).to(self.accelerator.device)
        result = train_sft(model, self.tokenizer, train, examples[:n_held], sft_cfg, cfg.data, self.accelerator,
                           seed=cfg.seed)
        if self.accelerator.is_main_process:
            merge_lora(self.accelerator.unwrap_model(model)).save_pretrained(folder / "model")
            self.tokenizer.save_pretrained(folder / "model")
        result["train_examples"] = len(train)
        self._save_log(folder / "log.json", result)
        self.accelerator.free_memory()  # prepare() keeps a reference to every model: let this one go
        return result

    def sft(self) -> dict:
        """Step 1. Summary: loss_first / loss_last (means over the first / last 10% of steps), steps."""
        def work() -> dict:
            result = self.train_sft_policy(self.cfg.sft, self.cfg.data.sft_examples, self.dir / "sft")
            first, last = _first_last([r["loss"] for r in result["log"]], 0.1)
            return {"loss_first": first, "loss_last": last, "steps": self.cfg.sft.steps,
                    "heldout_loss_first": result["heldout"][0]["loss"],
                    "heldout_loss_last": result["heldout"][-1]["loss"], "train_examples": result["train_examples"]}

        summary = self._stage("sft", work)
        self.plot("sft")
        return summary

    def _reward_backbone(self, rcfg: RewardConfig):
        if rcfg.init == "sft":
            if not same_tokenizer(self.tokenizer, self.reward_tokenizer):
                raise ConfigError("reward_*.init='sft' is invalid here: the reward model's tokenizer differs "
                                  "from the policy's; use init=base")
            return load_backbone(str(self.sft_model_dir), self.cfg.model)
        return load_backbone(self.cfg.model.reward, self.cfg.model, self.cfg.seed + 1)

    def normalization_samples(self) -> tuple[list[str], list[str]]:
        """SFT-policy samples of training prompts (PPO's start distribution at PPO's temperature and
        length), saved to reward_models/normalization_samples.jsonl."""
        path = self.dir / "reward_models" / "normalization_samples.jsonl"
        n = max(self.cfg.reward_poor.normalize_samples, self.cfg.reward_good.normalize_samples)
        prompts = prompt_batch(self.ppo_prompts(), 0, n, self.cfg.seed + 7)
        policy = self.load_sft().to(self.accelerator.device)
        with self.accelerator.autocast():
            responses = generate_responses(policy, self.tokenizer, prompts, self.cfg.ppo.max_new_tokens,
                                           self.cfg.ppo.temperature, top_k=0, seed=self.cfg.seed,
                                           max_prompt_tokens=self.cfg.data.max_prompt_tokens)
        if self.accelerator.is_main_process:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text("".join(json.dumps({"prompt": p, "response": r}) + "\n"
                                    for p, r in zip(prompts, responses)))
        return prompts, responses

    def train_reward(self, rcfg: RewardConfig, folder: Path, train: list, heldout: list,
                     samples: tuple[list[str], list[str]], seed: int, desc: str) -> tuple[ScalarHeadModel, dict]:
        """Train one reward model, normalise it on `samples` (prompts, SFT responses) and save it (with
        log.json) to `folder`. Returns (model, summary). Part 2 trains its variants through this too."""
        seed_everything(seed)  # each RM's start depends on its own seed, not on what ran before
        model = ScalarHeadModel(self._reward_backbone(rcfg), rcfg.pooling).to(self.accelerator.device)
        result = train_reward_model(model, self.reward_tokenizer, train, heldout, rcfg, self.cfg.data,
                                    self.accelerator, self.cfg.seed, desc=desc)
        n = rcfg.normalize_samples
        stats = normalize(model, self.reward_tokenizer, samples[0][:n], samples[1][:n], self.cfg.data)
        if self.accelerator.is_main_process:
            model.save(folder)
        self._save_log(Path(folder) / "log.json", result)
        self.accelerator.free_memory()
        return model, {
            "heldout_accuracy": result["heldout"][-1]["accuracy"],
            "heldout_accuracy_start": result["heldout"][0]["accuracy"],
            "heldout_loss": result["heldout"][-1]["loss"],
            "steps": rcfg.steps, "train_pairs": min(rcfg.pairs or len(train), len(train)),
            "heldout_pairs": len(heldout), "raw_mean": stats["mean"], "raw_std": stats["std"],
        }

    def reward_models(self) -> dict:
        """Step 2. Summary per RM: heldout_accuracy (final), steps, pairs, normalisation."""
        def work() -> dict:
            cfg = self.cfg
            train, heldout = load_preference_pairs(cfg.data.preference_source, cfg.data.preference_pairs,
                                                   cfg.data.heldout_pairs, cfg.seed)
            prompts, responses = self.normalization_samples()
            summary = {}
            for i, name in enumerate(RM_NAMES):
                rcfg: RewardConfig = getattr(cfg, f"reward_{name}")
                summary[name] = self.train_reward(rcfg, self.reward_dir(name), train, heldout, (prompts, responses),
                                                  cfg.seed + i, f"{name} RM")[1]
            return summary

        summary = self._stage("reward_models", work)
        self.plot("reward_models")
        return summary

    def train_ppo_policy(self, reward_model: ScalarHeadModel, ppo_cfg, folder: Path, desc: str,
                         monitors: dict | None = None, seed: int | None = None) -> list[dict]:
        """PPO of a fresh copy of the SFT policy against `reward_model`; saves folder/model and
        folder/log.json, resumes from folder/checkpoint. Returns the log. Part 2's PPO runs use it too."""
        folder = Path(folder)
        policy, ref = add_lora(self.load_sft(), self.cfg.model).to(self.accelerator.device), self.load_sft()
        value_model = None  # ppo.value_model="shared": train_ppo puts a value head on the policy
        if ppo_cfg.value_model == "separate":
            if ppo_cfg.value_init == "reward" and same_tokenizer(self.tokenizer, self.reward_tokenizer):
                value_model = copy.deepcopy(reward_model)
            else:
                if ppo_cfg.value_init == "reward":
                    notice("the reward model's tokenizer differs from the policy's: value model starts "
                           "from the SFT policy instead")
                value_model = ScalarHeadModel(load_backbone(str(self.sft_model_dir), self.cfg.model))
            value_model = add_lora(value_model, self.cfg.model).to(self.accelerator.device)
        log = train_ppo(policy, ref, value_model, reward_model, self.tokenizer, self.reward_tokenizer,
                        self.ppo_prompts(), ppo_cfg, self.cfg.data, self.accelerator,
                        self.cfg.seed if seed is None else seed, checkpoint_dir=folder / "checkpoint", desc=desc,
                        monitors=monitors)
        if self.accelerator.is_main_process:
            merge_lora(self.accelerator.unwrap_model(policy)).save_pretrained(folder / "model")
            self.tokenizer.save_pretrained(folder / "model")
        self._save_log(folder / "log.json", log)
        self.accelerator.free_memory()
        return log

    def ppo(self) -> dict:
        """Step 3, once per RM. Summary per RM: reward_first / reward_last (means over the first / last 20%
        of iterations, normalised RM units), kl_last (nats per response), iterations."""
        def work() -> dict:
            summary = {}
            for name in RM_NAMES:
                log = self.train_ppo_policy(self.load_reward_model(name), self.cfg.ppo, self.ppo_dir(name),
                                            f"PPO vs {name} RM")
                first, last = _first_last([r["score"] for r in log], 0.2)
                summary[name] = {"reward_first": first, "reward_last": last, "kl_last": log[-1]["kl"],
                                 "kl_max": max(r["kl"] for r in log), "iterations": len(log),
                                 "response_length_last": log[-1]["response_length"]}
            return summary

        summary = self._stage("ppo", work)
        if self.accelerator.is_main_process:  # both policies are saved: the resume state (GBs on Drive) can go
            for name in RM_NAMES:
                shutil.rmtree(self.ppo_dir(name) / "checkpoint", ignore_errors=True)
        self.plot("ppo")
        return summary

    def evaluate(self) -> dict:
        """Held-out evaluation of base, SFT and both PPO policies. Summary: {model: {metric: value}}."""
        def work() -> dict:
            loaders = {"base": self.load_base, "sft": self.load_sft,
                       "ppo_poor": lambda: self.load_ppo("poor"), "ppo_good": lambda: self.load_ppo("good")}
            rms = {name: (self.load_reward_model(name), self.reward_tokenizer) for name in ("good", "poor")}
            with self.accelerator.autocast():
                responses, metrics = evaluate_models(loaders, self.tokenizer, self.test_prompts(), rms,
                                                     self.cfg.eval.generation, self.cfg.data, self.cfg.seed,
                                                     str(self.accelerator.device))
            if self.accelerator.is_main_process:
                save_tables(responses, metrics, self.dir / "eval")
            return {model: {k: float(v) for k, v in row.items()} for model, row in metrics.iterrows()}

        summary = self._stage("eval", work)
        self.plot("eval")
        return summary

    # ------------------------------------------------------------ outputs

    def responses(self) -> pd.DataFrame:
        return pd.read_csv(self.dir / "eval" / "responses.csv", keep_default_na=False)

    def eval_metrics(self) -> pd.DataFrame:
        return pd.read_csv(self.dir / "eval" / "metrics.csv", index_col="model")

    def plot(self, stage: str):
        """Draw (and save into figures/) the figure of a finished stage; returns it."""
        if not self.accelerator.is_main_process:
            return None
        if stage == "sft":
            log = self.logs("sft")
            return plots.plot_sft(log["log"], log["heldout"], self.figures)
        if stage == "reward_models":
            return plots.plot_reward_models(self.logs("reward_models"), self.figures)
        if stage == "ppo":
            return plots.plot_ppo(self.logs("ppo"), self.figures)
        return plots.plot_comparison(self.eval_metrics(), self.figures)

    def run(self, stages: tuple[str, ...] = STAGES) -> dict:
        """Run (or skip, when done) the given stages in order; returns metrics.json's content."""
        unknown = [s for s in stages if s not in STAGES]
        if unknown:
            raise ConfigError(f"stages={','.join(unknown)} is invalid: allowed are {', '.join(STAGES)}")
        t0 = time.perf_counter()
        for stage in STAGES:
            if stage in stages:
                {"sft": self.sft, "reward_models": self.reward_models, "ppo": self.ppo, "eval": self.evaluate}[stage]()
        notice(f"done in {time.perf_counter() - t0:.0f} s: metrics in {self.dir / 'metrics.json'}, "
               f"figures in {self.figures}")
        return self.metrics

