"""Why is bf16 autocast slow on this CPU? Times forward+backward steps fp32 vs bf16 autocast.

Cases (each in fp32 and under `torch.autocast("cpu", dtype=torch.bfloat16)`, per-step times printed, so
first-call and steady-state times per shape can be compared):

- `cpu`:    what this CPU and torch offer for bf16 (ISA flags, torch's CPU capability, whether oneDNN's bf16
            kernels are usable).
- `matmul`: one matmul of the model's sizes, first call and steady state, GFLOP/s.
- `ops`:    the suspected single ops at the model's sizes: linear (hidden -> MLP width), LM head + log_softmax
            / cross-entropy over the whole vocabulary, embedding backward, fused AdamW step.
- `same`:   the same [batch, length] forward+backward (LM loss on every token) repeated.
- `new`:    a new sequence length every step (what length-grouped batches give).
- `sft`:    the exact SFT step of rlhf_utils (`sft.sft_loss` with labels under `accelerator.autocast()`, then
            `training.optimizer_step`: backward, clipping, fused AdamW) on real Dolly examples.
- `train`:  quality.py's SFT stage shortened: `sft.train_sft` (held-out loss at step 0, then length-grouped
            batches of real Dolly examples) with `--train-steps` steps of `--train-batch` examples and
            `--heldout` held-out examples; the step-0 evaluation and every step timed.
- `--profile-ops`: torch.profiler over one steady-state `sft` step in each precision; the top ops by self time.

    python bench/bf16_probe.py --model tiny
    python bench/bf16_probe.py --model smol --batch 1 --lengths 16,24 --steps 2 --cases cpu,matmul,sft
"""

from __future__ import annotations

import argparse
import contextlib
import sys
import time
from pathlib import Path

from common import DOLLY_SAMPLE, default_out, fresh_accelerator_state, machine_info, set_threads, write_json

PRECISIONS = ("fp32", "bf16")


def cpu_facts() -> dict:
    import torch

    flags: set[str] = set()
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("flags"):
                flags = set(line.split(":", 1)[1].split())
                break
    return {"avx512_flags": sorted(f for f in flags if f.startswith("avx512") or f.startswith("amx")),
            "avx2": "avx2" in flags, "torch_cpu_capability": torch.backends.cpu.get_cpu_capability(),
            "mkldnn_bf16_supported": bool(torch.ops.mkldnn._is_mkldnn_bf16_supported())}


def autocast(precision: str):
    import torch

    return torch.autocast("cpu", dtype=torch.bfloat16) if precision == "bf16" else contextlib.nullcontext()


def timed(fn, reps: int) -> list[float]:
    out = []
    for _ in range(reps):
        t0 = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t0)
    return out


def summary(times: list[float]) -> dict:
    rest = times[1:] or times
    return {"first_s": times[0], "steady_s": sorted(rest)[len(rest) // 2], "all_s": times}


def load(model_name: str):
    from rlhf_utils.models import load_causal_lm, load_tokenizer
    from rlhf_utils.profiles import load_config

    cfg = load_config(model_name, [])
    tok = load_tokenizer(cfg.model.policy, cfg.model)
    return cfg, tok, load_causal_lm(cfg.model.policy, cfg.model, cfg.seed)


def sizes(model) -> dict:
    c = model.config
    hidden = getattr(c, "hidden_size", None) or c.n_embd
    inner = getattr(c, "intermediate_size", None) or getattr(c, "n_inner", None) or 4 * hidden
    return {"hidden": hidden, "inner": inner, "vocab": c.vocab_size}


def case_matmul(model, rows: int, reps: int) -> list[dict]:
    import torch

    s = sizes(model)
    out = []
    for precision in PRECISIONS:
        dt = torch.bfloat16 if precision == "bf16" else torch.float32
        a, b = torch.randn(rows, s["hidden"]).to(dt), torch.randn(s["hidden"], s["inner"]).to(dt)
        t = summary(timed(lambda: a @ b, reps))
        flop = 2 * rows * s["hidden"] * s["inner"]
        out.append({"case": f"matmul {rows}x{s['hidden']} @ {s['hidden']}x{s['inner']}", "precision": precision,
                    **t, "gflop_s": flop / t["steady_s"] / 1e9})
    return out


def case_ops(model, rows: int, reps: int) -> list[dict]:
    import torch
    import torch.nn.functional as F

    s = sizes(model)
    out = []
    for precision in PRECISIONS:
        torch.manual_seed(0)
        lin = torch.nn.Linear(s["hidden"], s["inner"])
        head = torch.nn.Linear(s["hidden"], s["vocab"], bias=False)
        emb = torch.nn.Embedding(s["vocab"], s["hidden"])
        x = torch.randn(rows, s["hidden"], requires_grad=True)
        ids = torch.randint(0, s["vocab"], (rows,))

        def linear_fb():
            with autocast(precision):
                y = lin(x)
            y.float().sum().backward()

        def head_ce(as_float: bool):
            def run():
                with autocast(precision):
                    logits = head(x)
                    loss = F.cross_entropy(logits.float() if as_float else logits, ids)
                loss.backward()
            return run

        def head_only():
            with torch.no_grad(), autocast(precision):
                head(x)

        def embedding_fb():
            with autocast(precision):
                y = emb(ids)
            y.float().sum().backward()

        opt = torch.optim.AdamW(list(lin.parameters()) + list(head.parameters()), lr=1e-4, fused=True)
        for p in opt.param_groups[0]["params"]:
            p.grad = torch.zeros_like(p)

        def adamw():
            opt.step()

        for name, fn in (("linear fwd+bwd", linear_fb), ("LM head fwd (no grad)", head_only),
                         ("LM head + cross-entropy (logits.float())", head_ce(True)),
                         ("LM head + cross-entropy (bf16 logits)", head_ce(False)),
                         ("embedding fwd+bwd", embedding_fb), ("fused AdamW step (fp32 weights)", adamw)):
            if precision == "fp32" and "bf16 logits" in name:
                continue
            out.append({"case": f"op: {name}, {rows} rows", "precision": precision, **summary(timed(fn, reps))})
    return out


def lm_step(model, ids, precision: str) -> None:
    with autocast(precision):
        loss = model(input_ids=ids, labels=ids, use_cache=False).loss
    loss.backward()
    model.zero_grad(set_to_none=True)


def case_shapes(model, batch: int, lengths: list[int], steps: int, vocab: int) -> list[dict]:
    import torch

    out = []
    for precision in PRECISIONS:
        g = torch.Generator().manual_seed(0)
        same = torch.randint(0, vocab, (batch, lengths[0]), generator=g)
        t = timed(lambda: lm_step(model, same, precision), steps)
        out.append({"case": f"same shape [{batch}, {lengths[0]}] x{steps}", "precision": precision, **summary(t)})
        per = []
        for n in lengths[1:]:
            ids = torch.randint(0, vocab, (batch, n), generator=g)
            per += timed(lambda: lm_step(model, ids, precision), 1)
        if per:
            out.append({"case": f"new length every step {lengths[1:]}", "precision": precision,
                        "first_s": per[0], "steady_s": sorted(per)[len(per) // 2], "all_s": per})
    return out


def sft_batches(cfg, tok, batch: int, lengths: list[int], source: str) -> list[dict]:
    """Real Dolly SFT batches cut to the given padded widths (one batch per width)."""
    from rlhf_utils.data import load_sft_examples, sft_features
    from rlhf_utils.sft import collate

    feats = sft_features(load_sft_examples(source, 400, cfg.seed), tok, cfg.data)
    out = []
    for n in lengths:
        rows = [f for f in feats if len(f["input_ids"]) >= n][:batch]
        rows = [{k: v[:n] for k, v in f.items()} for f in rows]
        if len(rows) < batch:
            raise SystemExit(f"fewer than {batch} examples of {n} tokens or more in {source}")
        out.append(collate(rows, tok.pad_token_id))
    return out


def case_sft(cfg, tok, batch: int, lengths: list[int], steps: int, source: str, profile: bool) -> tuple[list, dict]:
    import torch
    from accelerate import Accelerator

    from rlhf_utils.models import load_causal_lm
    from rlhf_utils.sft import sft_loss
    from rlhf_utils.training import optimizer_and_schedule, optimizer_step

    batches = sft_batches(cfg, tok, batch, lengths, source)
    out, prof = [], {}
    for precision in PRECISIONS:
        fresh_accelerator_state()
        # built directly (not make_accelerator), so bf16 is timed even where rlhf_utils would refuse it
        acc = Accelerator(cpu=True, mixed_precision="bf16" if precision == "bf16" else "no")
        model = load_causal_lm(cfg.model.policy, cfg.model, cfg.seed)
        opt, _ = optimizer_and_schedule(model.parameters(), 1e-5, 100, 0)
        model, opt = acc.prepare(model, opt)
        model.train()
        step = [0]

        def run(b):
            step[0] += 1
            with acc.autocast():
                loss, _ = sft_loss(model, b)
            optimizer_step(acc, loss, model.parameters(), opt, 1.0, step[0])

        t = timed(lambda: run(batches[0]), steps)
        out.append({"case": f"rlhf_utils SFT step, same width [{batch}, {lengths[0]}] x{steps}",
                    "precision": precision, **summary(t)})
        per = []
        for b in batches[1:]:
            per += timed(lambda: run(b), 1)
        if per:
            out.append({"case": f"rlhf_utils SFT step, new width every step {lengths[1:]}", "precision": precision,
                        "first_s": per[0], "steady_s": sorted(per)[len(per) // 2], "all_s": per})
        if profile:
            from torch.profiler import ProfilerActivity
            from torch.profiler import profile as torch_profile

            with torch_profile(activities=[ProfilerActivity.CPU]) as p:
                run(batches[0])
            ev = sorted(p.key_averages(), key=lambda e: -e.self_cpu_time_total)
            total = sum(e.self_cpu_time_total for e in ev) or 1
            prof[precision] = [{"op": e.key, "calls": e.count, "self_s": e.self_cpu_time_total / 1e6,
                                "share": e.self_cpu_time_total / total} for e in ev[:8]]
            print(f"\ntop ops by self CPU time, one SFT step [{batch}, {lengths[0]}], {precision}:")
            for r in prof[precision]:
                print(f"  {r['op']:<40} {r['calls']:>5} calls {r['self_s']:8.3f} s {100 * r['share']:5.1f}%")
        torch.manual_seed(0)
    return out, prof


def case_train(cfg, tok, steps: int, batch: int, n_heldout: int, source: str) -> list[dict]:
    import copy

    from accelerate import Accelerator
    from torch.optim.optimizer import register_optimizer_step_post_hook

    from rlhf_utils.data import load_sft_examples
    from rlhf_utils.models import load_causal_lm
    from rlhf_utils.sft import train_sft

    examples = load_sft_examples(source, n_heldout + steps * batch, cfg.seed)
    sft_cfg = copy.deepcopy(cfg.sft)
    sft_cfg.steps, sft_cfg.batch_size, sft_cfg.warmup_steps = steps, batch, 1
    out = []
    for precision in PRECISIONS:
        fresh_accelerator_state()
        acc = Accelerator(cpu=True, mixed_precision="bf16" if precision == "bf16" else "no")
        model = load_causal_lm(cfg.model.policy, cfg.model, cfg.seed)
        marks: list[float] = []
        first_train = []
        pre = model.register_forward_pre_hook(
            lambda m, *a: first_train.append(time.perf_counter()) if m.training and not first_train else None)
        post = register_optimizer_step_post_hook(lambda *a: marks.append(time.perf_counter()))
        t0 = time.perf_counter()
        train_sft(model, tok, examples[n_heldout:], examples[:n_heldout], sft_cfg, cfg.data, acc,
                  eval_every=10**9, seed=cfg.seed)
        end = time.perf_counter()
        pre.remove()
        post.remove()
        # step 0 held-out loss runs before the first training forward; the final one after the last step
        per = [b - a for a, b in zip([first_train[0], *marks[:-1]], marks)]
        out.append({"case": f"train_sft: held-out loss at step 0 ({n_heldout} examples)", "precision": precision,
                    "first_s": first_train[0] - t0, "steady_s": first_train[0] - t0, "all_s": [first_train[0] - t0]})
        out.append({"case": f"train_sft: training steps (batch {batch}, length-grouped)", "precision": precision,
                    **summary(per)})
        out.append({"case": "train_sft: whole call (incl. final held-out loss)", "precision": precision,
                    "first_s": end - t0, "steady_s": end - t0, "all_s": [end - t0]})
    return out


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", choices=("tiny", "smol"), default="tiny", help="offline profile whose policy is timed")
    ap.add_argument("--batch", type=int, default=4)
    ap.add_argument("--lengths", default="48,56,64,72,80", help="first: the repeated width; the rest: one step each")
    ap.add_argument("--steps", type=int, default=4, help="repeats of the same shape (first one = first call)")
    ap.add_argument("--rows", type=int, default=128, help="rows (tokens) of the single-op cases")
    ap.add_argument("--cases", default="cpu,matmul,ops,same,new,sft")
    ap.add_argument("--train-steps", type=int, default=3, help="`train` case: SFT steps")
    ap.add_argument("--train-batch", type=int, default=8, help="`train` case: examples per step")
    ap.add_argument("--heldout", type=int, default=24, help="`train` case: held-out examples (smol profile: 24)")
    ap.add_argument("--profile-ops", action="store_true", help="torch.profiler over one SFT step per precision")
    ap.add_argument("--sft-data", default=str(DOLLY_SAMPLE) if DOLLY_SAMPLE.is_file() else "embedded")
    ap.add_argument("--threads", type=int, default=0)
    ap.add_argument("--out", type=Path, default=None)
    args = ap.parse_args(argv)
    threads = set_threads(args.threads)
    lengths = [int(x) for x in args.lengths.split(",")]
    cases = {c.strip() for c in args.cases.split(",")}
    res = {"machine": machine_info(), "command": " ".join(["python", *sys.argv]), "model": args.model,
           "threads": threads, "cpu": cpu_facts(), "rows": []}
    print(f"cpu: {res['cpu']}", flush=True)
    cfg, tok, model = load(args.model)
    model.train()
    runs = []
    if "matmul" in cases:
        runs.append(lambda: case_matmul(model, args.rows, args.steps))
    if "ops" in cases:
        runs.append(lambda: case_ops(model, args.rows, args.steps))
    if "same" in cases or "new" in cases:
        runs.append(lambda: case_shapes(model, args.batch, lengths if "new" in cases else lengths[:1], args.steps,
                                        model.config.vocab_size))
    for run in runs:
        for row in run():
            res["rows"].append(row)
            print(f"{row['case']:<62} {row['precision']:<5} first {row['first_s']:8.3f} s  steady "
                  f"{row['steady_s']:8.3f} s" + (f"  {row['gflop_s']:.1f} GFLOP/s" if "gflop_s" in row else ""),
                  flush=True)
    model = runs = None  # freed before the SFT cases load their own
    rows = []
    if "sft" in cases:
        more, res["profile"] = case_sft(cfg, tok, args.batch, lengths, args.steps, args.sft_data, args.profile_ops)
        rows += more
    if "train" in cases:
        rows += case_train(cfg, tok, args.train_steps, args.train_batch, args.heldout, args.sft_data)
    for row in rows:
        res["rows"].append(row)
        print(f"{row['case']:<62} {row['precision']:<5} first {row['first_s']:8.3f} s  steady "
              f"{row['steady_s']:8.3f} s  all {[round(t, 2) for t in row['all_s']]}", flush=True)
    write_json(res, args.out or default_out("bf16_probe", args.model))
    return res


if __name__ == "__main__":
    main()
