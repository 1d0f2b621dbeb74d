"""Direct Preference Optimisation (Rafailov et al., 2023) of the SFT policy with TRL's DPOTrainer: no reward model.

DPO minimises -log sigmoid(beta * [(log pi(y_w|x) - log pi_ref(y_w|x)) - (log pi(y_l|x) - log pi_ref(y_l|x))])
over preference pairs, pi_ref being the frozen SFT policy. TRL owns the loss; this module feeds it pairs
tokenised exactly as the rest of the project does (`prompt + " " + answer + EOS`, prompt cut from the left),
sets TRL up for a CPU or a GPU (see the notes on TRL 1.16's defaults below) and saves a plain model.

`sequence_logprob` measures a policy on pairs with our own code, so DPO's effect can be checked
independently of TRL's logged numbers.
"""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
from collections.abc import Sequence
from pathlib import Path

import torch
from datasets import Dataset
from transformers import PreTrainedModel, PreTrainedTokenizerBase

from rlhf_utils.cache import cached, read_json
from rlhf_utils.config import DataConfig, DPOConfig, ModelConfig, model_settings
from rlhf_utils.data import PreferencePair, tokenize_example
from rlhf_utils.models import load_causal_lm, lora_config, merge_lora, pick_device, pick_mixed_precision
from rlhf_utils.training import right_pad


@torch.no_grad()
def sequence_logprob(model: PreTrainedModel, tokenizer: PreTrainedTokenizerBase, prompts: list[str],
                     responses: list[str], data_cfg: DataConfig, batch_size: int = 16) -> torch.Tensor:
    """log pi(response | prompt) [N] on CPU: the sum over response tokens (EOS included) of their log-probs
    (nats), each text tokenised as `prompt + " " + response + EOS` with the prompt cut from the left."""
    device = next(model.parameters()).device
    was_training = model.training
    model.eval()
    out = []
    for i in range(0, len(prompts), batch_size):
        rows = [tokenize_example(tokenizer, p, r, data_cfg.max_prompt_tokens, data_cfg.max_length)
                for p, r in zip(prompts[i:i + batch_size], responses[i:i + batch_size])]
        ids, mask = right_pad([r for r, _ in rows], tokenizer.pad_token_id)
        ids, mask = ids.to(device), mask.to(device)
        logits = model(input_ids=ids, attention_mask=mask, use_cache=False).logits[:, :-1].float()
        token_logp = torch.log_softmax(logits, -1).gather(-1, ids[:, 1:, None]).squeeze(-1)  # [B, T-1]
        positions = torch.arange(1, ids.shape[1], device=device)
        n_prompt = torch.tensor([n for _, n in rows], device=device)
        is_response = (positions[None] >= n_prompt[:, None]) & mask[:, 1:].bool()
        out.append((token_logp * is_response).sum(-1).cpu())
    model.train(was_training)
    return torch.cat(out) if out else torch.zeros(0)


def implicit_margin(policy: PreTrainedModel, ref: PreTrainedModel, tokenizer: PreTrainedTokenizerBase,
                    pairs: list[PreferencePair], data_cfg: DataConfig) -> torch.Tensor:
    """DPO's implicit reward margin per pair [N] (nats, before the factor beta):
    (log pi(chosen) - log pi(rejected)) - (log pi_ref(chosen) - log pi_ref(rejected))."""
    prompts = [p.prompt for p in pairs]

    def gap(model: PreTrainedModel) -> torch.Tensor:
        return (sequence_logprob(model, tokenizer, prompts, [p.chosen for p in pairs], data_cfg)
                - sequence_logprob(model, tokenizer, prompts, [p.rejected for p in pairs], data_cfg))

    return gap(policy) - gap(ref)


def preference_dataset(pairs: list[PreferencePair], tokenizer: PreTrainedTokenizerBase,
                       data_cfg: DataConfig) -> Dataset:
    """prompt / chosen / rejected text columns that DPOTrainer tokenises into our token ids.

    DPOTrainer tokenises `prompt` and `prompt + chosen` and appends the EOS text when it is missing; with a
    prompt ending on ":" and a completion starting with a space, GPT-2's BPE gives the same ids as
    `tokenize_example`. TRL 1.16 has no prompt length limit, so over-long prompts are cut from the left here.
    """
    eos = tokenizer.eos_token

    def cut(prompt: str) -> str:
        ids = tokenizer(prompt).input_ids
        return prompt if len(ids) <= data_cfg.max_prompt_tokens else tokenizer.decode(ids[-data_cfg.max_prompt_tokens:])

    return Dataset.from_dict({
        "prompt": [cut(p.prompt) for p in pairs],
        "chosen": [" " + p.chosen.strip() + eos for p in pairs],
        "rejected": [" " + p.rejected.strip() + eos for p in pairs],
    })


def _trl_args(cfg: DPOConfig, data_cfg: DataConfig, model_cfg: ModelConfig, out_dir: Path, seed: int):
    from trl import DPOConfig as TRLDPOConfig

    precision = pick_mixed_precision(model_cfg)
    # TRL defaults to bf16 and activation checkpointing on: both are set explicitly
    return TRLDPOConfig(
        output_dir=str(out_dir), use_cpu=pick_device(model_cfg).type == "cpu", bf16=precision == "bf16",
        fp16=precision == "fp16", report_to="none", save_strategy="no", logging_steps=1,
        activation_checkpointing=model_cfg.gradient_checkpointing, max_steps=cfg.steps,
        per_device_train_batch_size=cfg.batch_size, learning_rate=cfg.lr, beta=cfg.beta,
        max_length=data_cfg.max_length, disable_dropout=True, seed=seed, data_seed=seed,
        lr_scheduler_type="linear", warmup_steps=0, dataloader_num_workers=0,
    )


def train_dpo(sft_model_dir: str | Path, tokenizer: PreTrainedTokenizerBase, train: list[PreferencePair],
              cfg: DPOConfig, data_cfg: DataConfig, out_dir: str | Path, seed: int = 0,
              model_cfg: ModelConfig | None = None, built_on: Sequence[str | Path] = (),
              force: bool = False) -> list[dict[str, float]]:
    """DPO of a copy of the SFT policy in `sft_model_dir` on `train` (the first `cfg.pairs`, 0 = all).

    Saves the model and tokenizer to `out_dir/model` and the log to `out_dir/log.json`; cached with
    `cache.cached`: when `out_dir/done.json` holds the same settings (the DPO, data and model configs, the
    seed, the number of pairs) built on the same `built_on` results (the stage folder of the SFT policy,
    e.g. a Part 1 run's `sft/`), nothing is trained (unless `force`) and the saved log is returned.
    With `model_cfg.lora_r > 0` only LoRA adapters train, the reference is the base with the adapters
    disabled, and the saved model has the adapters merged.
    Returns TRL's per-step log: [{step, loss, rewards/chosen, rewards/rejected, rewards/margins,
    rewards/accuracies, logps/chosen, logps/rejected, learning_rate, grad_norm, ...}] (rewards in beta * nats).
    """
    out_dir = Path(out_dir)
    model_cfg = model_cfg or ModelConfig()
    pairs = train[: cfg.pairs] if cfg.pairs else train
    settings = {"dpo": dataclasses.asdict(cfg), "data": dataclasses.asdict(data_cfg), "seed": seed,
                "model": model_settings(model_cfg), "pairs": len(pairs)}
    trained = {}

    def work() -> dict:
        trained["log"] = _train(sft_model_dir, tokenizer, pairs, cfg, data_cfg, out_dir, seed, model_cfg)
        return {"steps": cfg.steps, "pairs": len(pairs)}

    main = int(os.environ.get("RANK", "0")) == 0  # torchrun / accelerate launch: rank 0 writes done.json
    cached(out_dir, settings, work, built_on, force=force, label="DPO", write=main)
    return trained["log"] if "log" in trained else read_json(out_dir / "log.json")


def _train(sft_model_dir: str | Path, tokenizer: PreTrainedTokenizerBase, pairs: list[PreferencePair],
           cfg: DPOConfig, data_cfg: DataConfig, out_dir: Path, seed: int, model_cfg: ModelConfig) -> list[dict]:
    """train_dpo's work: DPOTrainer on `pairs`; saves out_dir/model and out_dir/log.json, returns the log."""
    from trl import DPOTrainer

    final, log_path = out_dir / "model", out_dir / "log.json"
    os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")  # trainers report their use at setup otherwise
    policy = load_causal_lm(str(sft_model_dir), model_cfg)
    # without LoRA the reference is passed in: TRL would otherwise re-load it from config._name_or_path
    ref = None if model_cfg.lora_r else load_causal_lm(str(sft_model_dir), model_cfg)
    trainer = DPOTrainer(
        model=policy, ref_model=ref, args=_trl_args(cfg, data_cfg, model_cfg, out_dir / "trainer", seed),
        train_dataset=preference_dataset(pairs, tokenizer, data_cfg), processing_class=tokenizer,
        peft_config=lora_config(policy, model_cfg) if model_cfg.lora_r else None,
    )
    trainer.train()
    log = [{k: float(v) for k, v in row.items()} for row in trainer.state.log_history if "loss" in row]
    model = merge_lora(trainer.accelerator.unwrap_model(trainer.model)).eval()
    if trainer.accelerator.is_main_process:
        tmp = out_dir / "model.tmp"
        shutil.rmtree(tmp, ignore_errors=True)
        model.save_pretrained(tmp)
        tokenizer.save_pretrained(tmp)
        shutil.rmtree(final, ignore_errors=True)
        tmp.rename(final)
        log_path.write_text(json.dumps(log, indent=2))
        shutil.rmtree(out_dir / "trainer", ignore_errors=True)
    trainer.accelerator.wait_for_everyone()
    return log
