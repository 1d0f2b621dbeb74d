"""Command line: `python -m rlhf_utils run --profile tiny --out runs/tiny [--set key=value ...] [--force]`.

Under several GPUs: `accelerate launch -m rlhf_utils run --profile colab --out runs/colab`.
"""

from __future__ import annotations

import argparse
import json
import sys

from rlhf_utils.config import PROFILES, ConfigError, all_keys, load_config


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m rlhf_utils", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="run the pipeline: SFT, reward models, PPO, evaluation")
    run.add_argument("--profile", default="auto", choices=PROFILES,
                     help="auto: colab with a GPU and the hub, else tiny (default: auto)")
    run.add_argument("--out", required=True, help="run folder (checkpoints, metrics.json, figures/, eval/)")
    run.add_argument("--set", dest="overrides", action="append", default=[], metavar="KEY=VALUE",
                     help="override a setting, e.g. --set sft.steps=300 (repeatable)")
    run.add_argument("--stages", default="sft,reward_models,ppo,eval",
                     help="comma-separated stages to run (default: all)")
    run.add_argument("--force", action="store_true", help="redo stages even if already done")
    show = sub.add_parser("config", help="print the full configuration of a profile as JSON")
    show.add_argument("--profile", default="auto", choices=PROFILES)
    show.add_argument("--set", dest="overrides", action="append", default=[], metavar="KEY=VALUE")
    sub.add_parser("keys", help="list every settable key")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        if args.command == "keys":
            print("\n".join(all_keys()))
            return 0
        cfg = load_config(args.profile, args.overrides)
        if args.command == "config":
            print(cfg.to_json())
            return 0
        from rlhf_utils.pipeline import Pipeline
        from rlhf_utils.training import TrainingDiverged

        try:
            metrics = Pipeline(cfg, args.out, force=args.force).run(tuple(s.strip() for s in args.stages.split(",")))
        except TrainingDiverged as err:
            print(f"error: training diverged: {err}", file=sys.stderr)
            return 3
    except (ConfigError, FileNotFoundError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    print(json.dumps(metrics, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
