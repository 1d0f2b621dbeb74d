"""Command line.

    python -m rlhf_utils notebook [--notebook Simple_RLHF.ipynb] --profile tiny --out runs/tiny [--set key=value ...]
    python -m rlhf_utils run --profile tiny --out runs/tiny [--set key=value ...] [--force]     (Part 1)
    python -m rlhf_utils check --profile colab [--set key=value ...]    (load what a run needs, train nothing)
    python -m rlhf_utils experiment NAME --profile tiny --out runs/part2 [--part1 runs/tiny] [--seeds K]
    python -m rlhf_utils ab-sheet --out runs/part2 [--systems part1:sft part1:ppo_good generation:baseline:ppo_good]
    python -m rlhf_utils ab-score --out runs/part2
    python -m rlhf_utils writeup --part1 runs/tiny [--part2 runs/tiny_part2] --out writeup/HW5_report.docx

`notebook` executes the notebook headlessly (what `make run` does) and writes the executed notebook and
an HTML copy into the run folder; `run` runs the same pipeline as a script. Under several GPUs:
`accelerate launch -m rlhf_utils run --profile colab --out runs/colab`.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from rlhf_utils.cache import FolderInUse
from rlhf_utils.config import PROFILES, ConfigError
from rlhf_utils.notebook import NotebookExecutionError
from rlhf_utils.profiles import all_keys, load_config
from rlhf_utils.runtime import HubError
from rlhf_utils.training import TrainingDiverged


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
    nb = sub.add_parser("notebook", help="execute a notebook headlessly into the run folder (+ .ipynb and .html)")
    nb.add_argument("--notebook", default="Simple_RLHF.ipynb",
                    help="notebook to execute, relative to the project root unless found here (default: %(default)s)")
    nb.add_argument("--profile", default="auto", choices=PROFILES,
                    help="auto: colab with a GPU and the hub, else tiny (default: auto)")
    nb.add_argument("--out", required=True, help="run folder (executed notebook, HTML, metrics.json, figures/, eval/)")
    nb.add_argument("--set", dest="overrides", action="append", default=[], metavar="KEY=VALUE",
                    help="override a setting, e.g. --set sft.steps=300 (repeatable)")
    nb.add_argument("--timeout", type=int, default=1800, help="seconds allowed per cell (default: %(default)s)")
    check = sub.add_parser("check", help="load every data source, tokenizer and model a run needs, then stop")
    check.add_argument("--profile", default="auto", choices=PROFILES)
    check.add_argument("--set", dest="overrides", action="append", default=[], metavar="KEY=VALUE")
    show = sub.add_parser("config", help="print the full configuration of a profile as JSON")
    show.add_argument("--profile", default="auto", choices=PROFILES)
    show.add_argument("--set", dest="overrides", action="append", default=[], metavar="KEY=VALUE")
    sub.add_parser("keys", help="list every settable key")
    exp = sub.add_parser("experiment", help="run a Part 2 experiment over a Part 1 run (all: every experiment)")
    exp.add_argument("name", help="all, diagnose, generation, prompts, sft_steps, ppo_hparams, reward_model, "
                                  "length, best_of_n, gold_rm, dpo, steering")
    exp.add_argument("--profile", default="auto", choices=PROFILES, help="used only when Part 1 must be trained")
    exp.add_argument("--out", required=True, help="experiments folder (results.csv, report.md, figures/)")
    exp.add_argument("--part1", default=None, help="Part 1 run folder to reuse (default: OUT/part1, trained if absent)")
    exp.add_argument("--train-part1", action="store_true",
                     help="train Part 1 in --part1 when that folder holds no run yet (else that is an error)")
    exp.add_argument("--force", action="store_true", help="redo experiments and their trained variants")
    exp.add_argument("--seeds", type=int, default=1, help="repeat over this many seeds (default 1)")
    exp.add_argument("--set", dest="overrides", action="append", default=[], metavar="KEY=VALUE",
                     help="change an experiment setting, e.g. eval.generation.max_new_tokens=60")
    exp.add_argument("--grid", action="append", default=[], metavar="NAME=JSON",
                     help='replace a grid, e.g. --grid best_of_n=[1,2,8] (see rlhf_utils.experiments.GRIDS)')
    ab = sub.add_parser("ab-sheet", help="write a blind A/B sheet (ab_sheet.csv) for human rating")
    ab.add_argument("--out", required=True, help="experiments folder")
    ab.add_argument("--part1", default=None, help="Part 1 run folder (default: OUT/part1)")
    ab.add_argument("--systems", nargs="+", default=["part1:sft", "part1:ppo_good"],
                    help="part1:MODEL or EXPERIMENT:SETTING:MODEL, e.g. generation:best_by_good_rm:ppo_good")
    ab.add_argument("--prompts", type=int, default=12, help="held-out prompts on the sheet (at least 10)")
    ab.add_argument("--seed", type=int, default=0)
    score = sub.add_parser("ab-score", help="read a rated ab_sheet.csv back: mean rating per hidden system")
    score.add_argument("--out", required=True, help="experiments folder holding ab_sheet.csv and ab_key.json")
    score.add_argument("--part1", default=None, help="Part 1 run folder (default: OUT/part1), for the report")
    wr = sub.add_parser("writeup", help="the write-up scaffold: DOCX + Markdown from the run folders")
    wr.add_argument("--part1", required=True, help="Part 1 run folder (metrics.json, figures/, eval/)")
    wr.add_argument("--part2", default=None, help="Part 2 experiments folder (results.csv, figures/), if run")
    wr.add_argument("--out", required=True, help="the .docx to write (the .md copy goes beside it)")
    for flag in ("name", "student-id", "course"):
        wr.add_argument(f"--{flag}", default="", help=f"pre-fill the header's {flag.replace('-', ' ')}")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        if args.command == "keys":
            print("\n".join(all_keys()))
            return 0
        if args.command == "writeup":
            return _writeup(args)
        try:
            if args.command in ("experiment", "ab-sheet", "ab-score"):
                return _part2(args)
            cfg = load_config(args.profile, args.overrides)  # also checks a notebook's settings before it starts
            if args.command == "notebook":
                return _notebook(args, cfg.profile)
            if args.command == "config":
                print(cfg.to_json())
                return 0
            if args.command == "check":
                return _check(cfg)
            from rlhf_utils.pipeline import Pipeline

            metrics = Pipeline(cfg, args.out, force=args.force).run(tuple(s.strip() for s in args.stages.split(",")))
        except TrainingDiverged as err:
            print(f"error: training diverged: {err}", file=sys.stderr)
            return 3
    except (ConfigError, FileNotFoundError, ValueError, NotebookExecutionError, FolderInUse, HubError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted; re-run the same command to resume", file=sys.stderr)
        return 130
    from rlhf_utils.summary import run_summary

    print(run_summary(metrics, Path(args.out)))
    return 0


def _check(cfg) -> int:
    """What a run loads before it trains, loaded (downloaded once into the hub cache), and a line on each."""
    from rlhf_utils.context import Context
    from rlhf_utils.models import load_backbone

    ctx = Context(cfg)
    ctx.check_inputs()
    policy, backbone = ctx.load_base(), load_backbone(cfg.model.reward, cfg.model)
    print(f"policy {cfg.model.policy}: {sum(p.numel() for p in policy.parameters()) / 1e6:.1f} M parameters, "
          f"vocabulary {len(ctx.tokenizer)}; reward backbone {cfg.model.reward}: "
          f"{sum(p.numel() for p in backbone.parameters()) / 1e6:.1f} M parameters")
    for kind, report in ctx.data_summary.items():
        print(f"{kind} data: " + ", ".join(f"{k} {v}" for k, v in report.items()))
    print(f"everything profile {cfg.profile!r} needs loads; device {ctx.device}, mixed precision "
          f"{ctx.accelerator.mixed_precision}")
    return 0


def _writeup(args: argparse.Namespace) -> int:
    from rlhf_utils.writeup import write

    fields = {"Name": args.name, "Student ID": args.student_id, "Course number": args.course}
    docx_path, md_path = write(args.part1, args.out, args.part2, fields)
    print(f"write-up scaffold: {docx_path}\n  (same content: {md_path}); fill in the header and every "
          "'Your analysis' paragraph")
    return 0


def _notebook(args: argparse.Namespace, profile: str) -> int:
    """Execute the notebook, then the run's summary table and where the executed notebook is."""
    from rlhf_utils.notebook import ROOT, execute_notebook
    from rlhf_utils.summary import run_summary

    notebook = Path(args.notebook)
    if not notebook.is_file() and not notebook.is_absolute():
        notebook = ROOT / notebook
    if not notebook.is_file():
        raise FileNotFoundError(f"--notebook {args.notebook} is absent (here and in {ROOT})")
    out = Path(args.out).expanduser().resolve()
    ipynb, html = execute_notebook(notebook, out, profile, args.overrides, args.timeout)
    metrics_path = out / "metrics.json"
    print(run_summary(json.loads(metrics_path.read_text()) if metrics_path.is_file() else {}, out))
    print(f"  {ipynb}\n  {html}")
    return 0


def _part2(args: argparse.Namespace) -> int:
    from rlhf_utils import report
    from rlhf_utils.experiments import EXPERIMENTS, Part2, systems_for_ab

    if args.command == "experiment":
        if args.name != "all" and args.name not in EXPERIMENTS:  # before any training
            raise ConfigError(f"experiment {args.name!r} is unknown: allowed are all, {', '.join(EXPERIMENTS)}")
        grids = {}
        for item in args.grid:
            key, _, value = item.partition("=")
            try:
                grids[key.strip()] = json.loads(value)
            except json.JSONDecodeError:
                raise ConfigError(f"grid {item!r} is malformed: write NAME=JSON, e.g. best_of_n=[1,2,4]") from None
        x = Part2.open(args.profile, args.out, args.part1, args.overrides, args.seeds, grids, force=args.force,
                       create_part1=args.train_part1)
        table = x.run(args.name)
        print(table.to_string(max_rows=60))
        print(f"results: {x.dir / 'results.csv'}  report: {x.dir / 'report.md'}")
        return 0
    if args.command == "ab-sheet":
        sheet, key = report.make_ab_sheet(systems_for_ab(args.out, args.systems, args.part1), args.out,
                                          args.prompts, args.seed)
        print(f"rate {sheet} (or read ab_sheet.md), then: python -m rlhf_utils ab-score --out {args.out}")
        return 0
    result = report.score_ab_sheet(Path(args.out) / "ab_sheet.csv", Path(args.out) / "ab_key.json")
    (Path(args.out) / "ab_result.md").write_text(result.to_markdown(index=False, floatfmt=".2f") + "\n")
    report.build_report(args.out, EXPERIMENTS, args.part1)
    print(result.to_string(index=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
