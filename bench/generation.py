"""Generation speed: `rlhf_utils.generation.generate_responses` batched vs one prompt at a time on the
held-out test prompts, and the cost of each Part 2 decoding option.

The policy is the profile's base model (speed does not depend on fine-tuning). Throughput is in
generated tokens per second: the tokens of the returned responses (re-tokenized) over wall-clock seconds.
The batched-vs-single comparison decodes greedily, so both modes produce the same texts and the same
token count; it is repeated under the profile's sampling settings too. The decoding options are timed
batched, each against the profile's evaluation decoding (`eval.generation`).

    python bench/generation.py --profile tiny
    python bench/generation.py --profile smol
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
from pathlib import Path

from common import (
    Timer,
    default_out,
    machine_info,
    peak_rss_mb,
    print_table,
    profile_config,
    reset_peak_rss,
    set_threads,
    write_json,
)

# Part 2's decoding options (rlhf_utils.experiments GRIDS["full"]["generation"] and its recipe), one at a time
OPTIONS: dict[str, dict] = {
    "eval decoding (baseline)": {},
    "greedy": {"do_sample": False},
    "temperature=0.3": {"temperature": 0.3},
    "top_k=20": {"top_k": 20},
    "top_k=0 (off)": {"top_k": 0},
    "top_p=0.9": {"top_p": 0.9},
    "repetition_penalty=1.2": {"repetition_penalty": 1.2},
    "no_repeat_ngram_size=3": {"no_repeat_ngram_size": 3},
    "recipe t0.7 p0.9 rp1.2 nr3": {"temperature": 0.7, "top_k": 50, "top_p": 0.9, "repetition_penalty": 1.2,
                                   "no_repeat_ngram_size": 3},
}


def timed_generation(model, tokenizer, prompts: list[str], gen, max_prompt_tokens: int, seed: int,
                     repeats: int) -> dict:
    """Best-of-`repeats` wall time of one `generate_with_config` call over all prompts, and its tokens."""
    from rlhf_utils.generation import generate_with_config

    best, texts = float("inf"), []
    for _ in range(repeats):
        with Timer() as t:
            texts = generate_with_config(model, tokenizer, prompts, gen, seed=seed, max_prompt_tokens=max_prompt_tokens)
        best = min(best, t.seconds)
    tokens = sum(len(tokenizer(x).input_ids) for x in texts)
    return {"seconds": best, "tokens": tokens, "tokens_per_s": tokens / best, "texts": texts}


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--profile", choices=("tiny", "smol"), default="tiny")
    ap.add_argument("--prompts", type=int, default=0, help="held-out prompts to use (0: all)")
    ap.add_argument("--max-new-tokens", type=int, default=0, help="0: the profile's eval.generation.max_new_tokens")
    ap.add_argument("--batch-size", type=int, default=0, help="0: the profile's eval.generation.batch_size")
    ap.add_argument("--repeats", type=int, default=1, help="time each case this many times, keep the best")
    ap.add_argument("--no-options", action="store_true", help="skip the decoding-option costs")
    ap.add_argument("--threads", type=int, default=0, help="torch threads (0: all cores)")
    ap.add_argument("--set", action="append", default=[], metavar="KEY=VALUE", help="rlhf_utils config override")
    ap.add_argument("--out", type=Path, default=None,
                    help="results JSON (default bench/results/generation_<profile>.json)")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    out = args.out or default_out("generation", args.profile)

    import torch

    from rlhf_utils.data import load_test_prompts
    from rlhf_utils.models import load_causal_lm, load_tokenizer

    threads = set_threads(args.threads)
    cfg = profile_config(args.profile, args.set)
    gen = cfg.eval.generation
    if args.max_new_tokens:
        gen.max_new_tokens = args.max_new_tokens
    if args.batch_size:
        gen.batch_size = args.batch_size
    prompts = load_test_prompts(cfg.data.test_prompts_source, args.prompts or cfg.eval.num_prompts)
    tokenizer = load_tokenizer(cfg.model.policy, cfg.model)
    reset_peak_rss()
    model = load_causal_lm(cfg.model.policy, cfg.model, cfg.seed).eval()
    set_threads(threads)
    mp = cfg.data.max_prompt_tokens
    print(f"{len(prompts)} held-out prompts, {gen.max_new_tokens} new tokens max, batch {gen.batch_size}, "
          f"{threads} threads", flush=True)

    rows, raw = [], {}
    with torch.inference_mode():
        timed_generation(model, tokenizer, prompts[:2], dataclasses.replace(gen, max_new_tokens=4), mp, 0, 1)  # warm-up
        for mode, base in (("greedy", dataclasses.replace(gen, do_sample=False)), ("sampled", gen)):
            single = timed_generation(model, tokenizer, prompts, dataclasses.replace(base, batch_size=1), mp,
                                      args.seed, args.repeats)
            batched = timed_generation(model, tokenizer, prompts, base, mp, args.seed, args.repeats)
            same = single["texts"] == batched["texts"] if mode == "greedy" else None
            raw[mode] = {"single": {k: v for k, v in single.items() if k != "texts"},
                         "batched": {k: v for k, v in batched.items() if k != "texts"}, "identical_texts": same}
            rows.append({"decoding": mode, "one_at_a_time_tok_s": single["tokens_per_s"],
                         "batched_tok_s": batched["tokens_per_s"], "tokens_single": single["tokens"],
                         "tokens_batched": batched["tokens"], "speedup": single["seconds"] / batched["seconds"]
                         * batched["tokens"] / max(single["tokens"], 1), "identical_texts": same})
        options = []
        if not args.no_options:
            for name, change in OPTIONS.items():
                res = timed_generation(model, tokenizer, prompts, dataclasses.replace(gen, **change), mp, args.seed,
                                       args.repeats)
                options.append({"option": name, "seconds": res["seconds"], "tokens": res["tokens"],
                                "tokens_per_s": res["tokens_per_s"]})
            base_s = options[0]["seconds"]
            base_tps = options[0]["tokens_per_s"]
            for o in options:
                o["time_vs_baseline"] = o["seconds"] / base_s
                o["tok_s_vs_baseline"] = o["tokens_per_s"] / base_tps
    results = {"machine": machine_info(), "command": " ".join(["python", *sys.argv]), "profile": args.profile,
               "threads": threads, "prompts": len(prompts), "generation": dataclasses.asdict(gen),
               "batched_vs_single": rows, "details": raw, "decoding_options": options, "peak_rss_mb": peak_rss_mb()}
    print_table(rows, f"generate_responses on {args.profile}: batched (batch {gen.batch_size}) vs one prompt at a time")
    if options:
        print_table(options, "Cost of the Part 2 decoding options (batched), vs the evaluation decoding")
    write_json(results, out)
    return results


if __name__ == "__main__":
    main()
