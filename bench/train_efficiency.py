"""Training efficiency of SFT and reward modelling: rlhf_utils' loops against TRL 1.16's SFTTrainer and
RewardTrainer on the same examples, batch size, maximum length, precision and thread count.

Both sides are measured the same way: a forward pre-hook on the trained model records, for every training
forward pass, the time, the non-pad tokens (attention mask) and the padded tokens (batch x width). Rates
are over steps 2..N (step 1 warms up): non-pad tokens / seconds between the forward passes of step 2 and
step N (so they include backward, optimizer, data loading and the trainer's own logging).

Examples are those whose prompt fits `data.max_prompt_tokens` and whose whole text (with EOS) fits
`data.max_length`, so neither side truncates or drops anything and both see identical token sequences.
Model-FLOPs utilisation (MFU) = 6 x parameters x non-pad tokens/s over this CPU's fp32 matmul rate
(parameters: all of them for SFT, whose tied LM head is a matmul; all but the embedding table for RMs),
measured in this script (1024 x 1024 products); bf16 autocast is measured as an option (against the
bf16 rate for its own MFU).

    python bench/train_efficiency.py --profile tiny
    python bench/train_efficiency.py --profile smol --steps 12
"""

from __future__ import annotations

import argparse
import copy
import gc
import sys
import tempfile
import time
from pathlib import Path

from common import (
    DOLLY_SAMPLE,
    HH_HELPFUL,
    count_params,
    default_out,
    fresh_accelerator_state,
    machine_info,
    matmul_gflops,
    peak_rss_mb,
    print_table,
    profile_config,
    reset_peak_rss,
    set_threads,
    write_json,
)


class StepMeter:
    """Times and token counts of a module's training-mode forward passes (one per optimizer step here).

    A step starts at the first outermost call of `module` after an optimizer step (a reward model scores its
    rows in two length groups, `reward.chunked_scores`: two calls, one step). Tokens are
    counted on the calls of `inner` (default `module`), which see the rows as the backbone computes
    them: non-pad tokens from the attention mask, padded tokens from the width actually computed.
    """

    def __init__(self, module, inner=None):
        from torch.optim.optimizer import register_optimizer_step_post_hook

        self.times: list[float] = []
        self.tokens: list[int] = []
        self.padded: list[int] = []
        self.depth, self.new_step = 0, True
        self.inner = inner if inner is not None else module
        self.handles = [module.register_forward_pre_hook(self._enter, with_kwargs=True),
                        module.register_forward_hook(self._leave),
                        register_optimizer_step_post_hook(self._stepped)]
        if self.inner is not module:
            self.handles.append(self.inner.register_forward_pre_hook(self._count, with_kwargs=True))

    def _enter(self, module, args, kwargs) -> None:
        self.depth += 1
        if self.depth == 1 and module.training and self.new_step:
            self.new_step = False
            self.times.append(time.perf_counter())
            self.tokens.append(0)
            self.padded.append(0)
        if self.inner is module and self.depth == 1:
            self._count(module, args, kwargs)

    def _leave(self, module, args, output) -> None:
        self.depth -= 1

    def _stepped(self, optimizer, args, kwargs) -> None:
        self.new_step = True

    def _count(self, module, args, kwargs) -> None:
        if not module.training or not self.times:
            return
        ids = kwargs.get("input_ids", args[0] if args else None)
        mask = kwargs.get("attention_mask", args[1] if len(args) > 1 else None)
        self.padded[-1] += int(ids.numel())
        self.tokens[-1] += int(mask.sum()) if mask is not None else int(ids.numel())

    def summary(self) -> dict:
        for h in self.handles:
            h.remove()
        n = len(self.times)
        if n < 3:
            raise SystemExit(f"only {n} training forward passes were seen: use --steps 3 or more")
        seconds = self.times[-1] - self.times[1]
        tokens, padded = sum(self.tokens[1:-1]), sum(self.padded[1:-1])
        return {"steps_timed": n - 2, "seconds": seconds, "sec_per_step": seconds / (n - 2),
                "tokens_per_s": tokens / seconds, "padded_tokens_per_s": padded / seconds,
                "padding_share": 1 - tokens / padded, "mean_tokens_per_step": tokens / (n - 2)}


def flop_params(model) -> int:
    """Parameters that cost matmul FLOPs in a reward model: all but the input embedding table (a lookup;
    without an LM head it is never multiplied)."""
    inner = model.backbone if hasattr(model, "backbone") else model
    return count_params(model) - inner.get_input_embeddings().weight.numel()


def fitting_sft(cfg, tokenizer, source: str, n: int):
    from rlhf_utils.data import load_sft_examples, tokenize_example

    d = cfg.data
    keep = []
    for ex in load_sft_examples(source, 100_000, cfg.seed):
        ids, n_prompt = tokenize_example(tokenizer, ex.prompt, ex.response, 10**6, 10**6)
        if n_prompt <= d.max_prompt_tokens and len(ids) <= d.max_length:
            keep.append(ex)
    if not keep:
        raise SystemExit("no SFT example fits data.max_length")
    return (keep * (n // len(keep) + 1))[:n] if len(keep) < n else keep[:n]


def fitting_pairs(cfg, tokenizer, source: str, n: int):
    from rlhf_utils.data import load_preference_pairs, tokenize_example

    d = cfg.data
    train, held = load_preference_pairs(source, 100_000, 0, cfg.seed)

    def fits(prompt: str, answer: str) -> bool:
        ids, n_prompt = tokenize_example(tokenizer, prompt, answer, 10**6, 10**6)
        return n_prompt <= d.max_prompt_tokens and len(ids) <= d.max_length

    keep = [p for p in train + held if fits(p.prompt, p.chosen) and fits(p.prompt, p.rejected)]
    if not keep:
        raise SystemExit("no preference pair fits data.max_length")
    return (keep * (n // len(keep) + 1))[:n] if len(keep) < n else keep[:n]


def ours_sft(cfg, tokenizer, examples, precision: str, group: int = 1) -> dict:
    from rlhf_utils.models import load_causal_lm
    from rlhf_utils.sft import train_sft
    from rlhf_utils.training import make_accelerator

    mcfg, dcfg = copy.deepcopy(cfg.model), copy.deepcopy(cfg.data)
    mcfg.mixed_precision, dcfg.length_group = precision, group
    model = load_causal_lm(cfg.model.policy, mcfg, cfg.seed)
    meter = StepMeter(model)
    train_sft(model, tokenizer, examples, examples[:1], cfg.sft, dcfg, make_accelerator(mcfg),
              eval_every=10**9, seed=cfg.seed)
    return {**meter.summary(), "params": count_params(model)}


def trl_sft(cfg, tokenizer, examples, bf16: bool, grouped: bool = False) -> dict:
    from datasets import Dataset
    from trl import SFTConfig, SFTTrainer

    from rlhf_utils.models import load_causal_lm

    model = load_causal_lm(cfg.model.policy, cfg.model, cfg.seed)
    meter = StepMeter(model)
    args = SFTConfig(output_dir=tempfile.mkdtemp(prefix="bench_sft_"), per_device_train_batch_size=cfg.sft.batch_size,
                     max_steps=cfg.sft.steps, learning_rate=cfg.sft.lr, warmup_steps=cfg.sft.warmup_steps,
                     lr_scheduler_type="cosine", max_grad_norm=cfg.sft.max_grad_norm, max_length=cfg.data.max_length,
                     bf16=bf16, fp16=False, use_cpu=True, report_to="none", gradient_checkpointing=False,
                     save_strategy="no", seed=cfg.seed, dataloader_num_workers=0, completion_only_loss=True,
                     train_sampling_strategy="group_by_length" if grouped else "random")
    data = Dataset.from_dict({"prompt": [e.prompt for e in examples],
                              "completion": [" " + e.response.strip() for e in examples]})
    trainer = SFTTrainer(model=model, args=args, train_dataset=data, processing_class=tokenizer)
    trainer.train()
    return {**meter.summary(), "params": count_params(model)}


def ours_rm(cfg, tokenizer, pairs, precision: str, group: int = 1) -> dict:
    from rlhf_utils.models import load_backbone
    from rlhf_utils.reward import ScalarHeadModel, train_reward_model
    from rlhf_utils.training import make_accelerator

    mcfg, dcfg = copy.deepcopy(cfg.model), copy.deepcopy(cfg.data)
    mcfg.mixed_precision, dcfg.length_group = precision, group
    rcfg = copy.deepcopy(cfg.reward_good)
    rcfg.eval_every = rcfg.steps
    model = ScalarHeadModel(load_backbone(cfg.model.reward, mcfg, cfg.seed))
    meter = StepMeter(model, inner=model.backbone)
    train_reward_model(model, tokenizer, pairs, pairs[:2], rcfg, dcfg, make_accelerator(mcfg), cfg.seed)
    return {**meter.summary(), "params": flop_params(model)}


def trl_rm(cfg, tokenizer, pairs, bf16: bool) -> dict:
    from datasets import Dataset
    from transformers import AutoModelForSequenceClassification, GPT2ForSequenceClassification
    from trl import RewardConfig, RewardTrainer

    from rlhf_utils.config import TINY_MODEL
    from rlhf_utils.models import smol_folder, tiny_gpt2_config

    if cfg.model.reward == TINY_MODEL:
        import torch

        torch.manual_seed(cfg.seed)
        conf = tiny_gpt2_config(cfg.model)
        conf.num_labels = 1
        model = GPT2ForSequenceClassification(conf)
    else:
        model = AutoModelForSequenceClassification.from_pretrained(smol_folder(cfg.model), num_labels=1,
                                                                   dtype="float32")
    model.config.pad_token_id = tokenizer.pad_token_id
    meter = StepMeter(model)
    r = cfg.reward_good
    args = RewardConfig(output_dir=tempfile.mkdtemp(prefix="bench_rm_"), per_device_train_batch_size=r.batch_size,
                        max_steps=r.steps, learning_rate=r.lr, max_grad_norm=r.max_grad_norm,
                        max_length=cfg.data.max_length, bf16=bf16, fp16=False, use_cpu=True, report_to="none",
                        gradient_checkpointing=False, save_strategy="no", seed=cfg.seed, dataloader_num_workers=0)
    data = Dataset.from_dict({"chosen": [p.prompt + " " + p.chosen.strip() for p in pairs],
                              "rejected": [p.prompt + " " + p.rejected.strip() for p in pairs]})
    trainer = RewardTrainer(model=model, args=args, train_dataset=data, processing_class=tokenizer)
    trainer.train()
    return {**meter.summary(), "params": flop_params(model)}


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--profile", choices=("tiny", "smol"), default="tiny")
    ap.add_argument("--steps", type=int, default=0, help="optimizer steps per run (default: tiny 30, smol 12)")
    ap.add_argument("--sft-batch", type=int, default=8, help="SFT examples per step (both sides)")
    ap.add_argument("--rm-batch", type=int, default=8, help="reward-model pairs per step (both sides)")
    ap.add_argument("--sft-data", default=str(DOLLY_SAMPLE) if DOLLY_SAMPLE.is_file() else "embedded",
                    help="Dolly-schema .jsonl(.gz) or 'embedded' (default: the shared Dolly sample when present)")
    ap.add_argument("--rm-data", default=str(HH_HELPFUL) if HH_HELPFUL.is_file() else "embedded",
                    help="HH-schema .jsonl(.gz) or 'embedded' (default: shared HH helpful-base test when present)")
    ap.add_argument("--cases", default="sft,rm", help="which of sft,rm to run")
    ap.add_argument("--no-bf16", action="store_true", help="skip the bf16-autocast option")
    ap.add_argument("--trl-bf16", action="store_true", help="also time TRL with bf16=True")
    ap.add_argument("--threads", type=int, default=0, help="torch threads (0: all cores)")
    ap.add_argument("--set", action="append", default=[], metavar="KEY=VALUE", help="rlhf_utils config override")
    ap.add_argument("--out", type=Path, default=None,
                    help="results JSON (default bench/results/train_efficiency_<profile>.json)")
    args = ap.parse_args(argv)
    out = args.out or default_out("train_efficiency", args.profile)
    steps = args.steps or {"tiny": 30, "smol": 12}[args.profile]

    from rlhf_utils.models import cpu_has_fast_bf16, load_tokenizer

    threads = set_threads(args.threads)
    if not (args.no_bf16 or cpu_has_fast_bf16()):  # rlhf_utils refuses bf16 there (10-35x slower steps)
        print("this CPU has no bf16 matmul kernels (no AVX-512): the bf16 rows are skipped", flush=True)
        args.no_bf16 = True
    cfg = profile_config(args.profile, [f"sft.steps={steps}", f"sft.batch_size={args.sft_batch}",
                                        f"reward_good.steps={steps}", f"reward_good.batch_size={args.rm_batch}",
                                        "sft.warmup_steps=1", *args.set])
    print("measuring this CPU's matmul rate ...", flush=True)
    peak = {"float32": matmul_gflops(threads, "float32"), "bfloat16": matmul_gflops(threads, "bfloat16")}
    print(f"fp32 {peak['float32']:.0f} GFLOP/s, bf16 {peak['bfloat16']:.0f} GFLOP/s on {threads} threads", flush=True)
    tokenizer = load_tokenizer(cfg.model.policy, cfg.model)
    cases = [c.strip() for c in args.cases.split(",")]
    runs = []
    g = cfg.data.length_group
    grouped = f"length-grouped ({g})"
    if "sft" in cases:
        examples = fitting_sft(cfg, tokenizer, args.sft_data, steps * args.sft_batch)
        plan = [("rlhf_utils SFT", "fp32", "shuffled", lambda: ours_sft(cfg, tokenizer, examples, "no")),
                ("TRL SFTTrainer", "fp32", "shuffled", lambda: trl_sft(cfg, tokenizer, examples, False)),
                ("rlhf_utils SFT", "fp32", grouped, lambda: ours_sft(cfg, tokenizer, examples, "no", g)),
                ("TRL SFTTrainer", "fp32", "length-grouped (TRL)",
                 lambda: trl_sft(cfg, tokenizer, examples, False, grouped=True))]
        if not args.no_bf16:
            plan.append(("rlhf_utils SFT", "bf16 autocast", grouped,
                         lambda: ours_sft(cfg, tokenizer, examples, "bf16", g)))
        if args.trl_bf16:
            plan.append(("TRL SFTTrainer", "bf16", "shuffled", lambda: trl_sft(cfg, tokenizer, examples, True)))
        runs += [("sft", *p) for p in plan]
    if "rm" in cases:
        pairs = fitting_pairs(cfg, tokenizer, args.rm_data, steps * args.rm_batch)
        # TRL's RewardTrainer has no length grouping (its length sampler needs an input_ids column)
        plan = [("rlhf_utils RM", "fp32", "shuffled", lambda: ours_rm(cfg, tokenizer, pairs, "no")),
                ("TRL RewardTrainer", "fp32", "shuffled", lambda: trl_rm(cfg, tokenizer, pairs, False)),
                ("rlhf_utils RM", "fp32", grouped, lambda: ours_rm(cfg, tokenizer, pairs, "no", g))]
        if not args.no_bf16:
            plan.append(("rlhf_utils RM", "bf16 autocast", grouped, lambda: ours_rm(cfg, tokenizer, pairs, "bf16", g)))
        if args.trl_bf16:
            plan.append(("TRL RewardTrainer", "bf16", "shuffled", lambda: trl_rm(cfg, tokenizer, pairs, True)))
        runs += [("rm", *p) for p in plan]

    rows = []
    for stage, trainer, precision, batching, fn in runs:
        gc.collect()
        reset_peak_rss()
        fresh_accelerator_state()
        print(f"--- {trainer} ({precision}, {batching})", flush=True)
        res = fn()
        set_threads(threads)
        flops = 6 * res["params"] * res["tokens_per_s"] / 1e9
        rate = peak["bfloat16"] if "bf16" in precision else peak["float32"]
        rows.append({"stage": stage, "trainer": trainer, "precision": precision, "batching": batching,
                     "batch": args.sft_batch if stage == "sft" else args.rm_batch, "sec_per_step": res["sec_per_step"],
                     "tokens_per_s": res["tokens_per_s"], "padding_share": res["padding_share"],
                     "tokens_per_step": res["mean_tokens_per_step"], "params_m": res["params"] / 1e6,
                     "model_gflop_s": flops, "mfu_vs_fp32_peak": flops / peak["float32"],
                     "mfu_vs_own_precision_peak": flops / rate, "peak_rss_mb": peak_rss_mb(),
                     "steps_timed": res["steps_timed"]})
    for row in rows:
        ref = next((r for r in rows if r["stage"] == row["stage"] and r["trainer"].startswith("TRL")
                    and r["precision"] == "fp32" and r["batching"] == "shuffled"), None)
        row["tokens_per_s_vs_trl_fp32"] = row["tokens_per_s"] / ref["tokens_per_s"] if ref else float("nan")
    results = {"machine": machine_info(), "command": " ".join(["python", *sys.argv]), "profile": args.profile,
               "threads": threads, "steps": steps, "matmul_gflops": peak, "sft_data": args.sft_data,
               "rm_data": args.rm_data, "max_length": cfg.data.max_length, "rows": rows}
    cols = ["stage", "trainer", "precision", "batching", "batch", "sec_per_step", "tokens_per_s",
            "tokens_per_s_vs_trl_fp32", "padding_share", "model_gflop_s", "mfu_vs_fp32_peak",
            "mfu_vs_own_precision_peak", "peak_rss_mb"]
    print_table([{k: r[k] for k in cols} for r in rows],
                f"SFT / RM training, {args.profile}: fp32 matmul peak {peak['float32']:.0f} GFLOP/s, "
                f"bf16 {peak['bfloat16']:.0f} GFLOP/s, {threads} threads")
    write_json(results, out)
    return results


if __name__ == "__main__":
    main()
