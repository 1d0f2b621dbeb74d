"""Writes Simple_RLHF.ipynb and Improved_RLHF.ipynb from the cells below (outputs empty).
Run: python tools/make_notebooks.py

The notebooks are the product; this script only keeps their cells reviewable as Python.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

ROOT = Path(__file__).resolve().parents[1]

SETUP = r'''# Setup: find rlhf_utils beside this notebook (mounting Google Drive on Colab), install what Colab lacks.
import os
import subprocess
import sys
from pathlib import Path


def find_project(explicit=None):
    candidates = [Path(explicit)] if explicit else [Path.cwd(), Path.cwd().parent]
    if "google.colab" in sys.modules and not explicit:
        from google.colab import drive
        if not Path("/content/drive/MyDrive").is_dir():
            drive.mount("/content/drive")
        for pattern in ("MyDrive/*/rlhf_utils", "MyDrive/*/*/rlhf_utils", "MyDrive/*/*/*/rlhf_utils"):
            candidates += [p.parent for p in sorted(Path("/content/drive").glob(pattern))]
    for c in candidates:
        if (c / "rlhf_utils" / "__init__.py").is_file():
            return c.resolve()
    raise FileNotFoundError("rlhf_utils/ not found beside this notebook: put the project folder in your Drive "
                            "and open the notebook from it, or set PROJECT_DIR in the config cell")


PROJECT_DIR = find_project(PROJECT_DIR)
os.chdir(PROJECT_DIR)
sys.path.insert(0, str(PROJECT_DIR))
if "google.colab" in sys.modules:  # Colab's own torch, pandas and matplotlib are kept
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "-r", "requirements-core.txt"], check=True)
print("project:", PROJECT_DIR)'''

CONFIG = '''# ==== Configuration: the only cell to edit ====
PROFILE = "auto"        # "auto" (colab with a GPU and the hub, else tiny), "colab", "tiny" or "smol"
OVERRIDES = []          # any setting, e.g. ["sft.steps=300", "ppo.kl_coef=0.1"]; list: python -m rlhf_utils keys
RUN_NAME = None         # folder name of this run (default: the profile's name)
SAVE_TO_DRIVE = True    # on Colab: write runs to Google Drive so a disconnect loses nothing finished
DRIVE_RUNS_DIR = None   # on Colab: where in Drive (default: <project>/runs, or MyDrive/rlhf_runs)
PROJECT_DIR = None      # where rlhf_utils/ is (default: found beside this notebook)
FORCE = False           # True: redo stages that are already done in the run folder'''

IMPORTS = '''import pandas as pd
import torch
from IPython.display import display

from rlhf_utils import data, evaluation, generation, models, ppo, reward, sft
from rlhf_utils.notebook import notebook_config, run_folder
from rlhf_utils.pipeline import Pipeline

cfg = notebook_config(PROFILE, OVERRIDES)
OUT_DIR = run_folder(PROJECT_DIR, RUN_NAME or cfg.profile, SAVE_TO_DRIVE, DRIVE_RUNS_DIR)
pipe = Pipeline(cfg, OUT_DIR, force=FORCE)
print(f"profile {cfg.profile}: policy {cfg.model.policy}, reward backbone {cfg.model.reward}, "
      f"device {pipe.accelerator.device}, mixed precision {pipe.accelerator.mixed_precision}")
print("run folder:", OUT_DIR)'''


def simple_cells() -> list:
    md, code = new_markdown_cell, new_code_cell
    return [
        md("# HW5 Part 1: RLHF with GPT-2, step by step\n\n"
           "The three steps of RLHF (Ouyang et al., 2022) on a small model: **(1)** supervised fine-tuning "
           "(SFT) on Databricks Dolly-15k, **(2)** two reward models trained on Anthropic HH-RLHF preference "
           "pairs with the Bradley-Terry loss, a *poor* and a *good* one, **(3)** PPO of the SFT policy "
           "against each, then a held-out evaluation of Base, SFT, PPO-poor and PPO-good.\n\n"
           "All logic lives in `rlhf_utils/`; each cell calls it. The 15 places of the start-up notebook are "
           "marked **(\\*) TODO n**. *Run all* works on Colab (profile `colab`, ~30 min on a T4) and on a CPU "
           "without internet (profile `tiny`, ~3 min). Every stage saves to the run folder; re-running skips "
           "what is done, and PPO resumes from its last checkpoint after a disconnect."),
        code(CONFIG),
        code(SETUP),
        code(IMPORTS),
        md("## 1. Data\n\n**(\\*) TODO 1: format Dolly-15k examples as colon-style prompts.** Each instruction "
           "(with its context passage, if any, before it) becomes a prompt ending in a colon, like the test "
           "prompts (`Explain AI:`); the response follows after a space and ends with EOS."),
        code('''print(data.format_prompt("Explain artificial intelligence."), "|", data.format_prompt("What is a cat?"))
sft_examples = data.load_sft_examples(cfg.data.sft_source, cfg.data.sft_examples, cfg.seed)
print(len(sft_examples), "SFT examples")
pd.DataFrame([vars(e) for e in sft_examples[:5]])'''),
        md("**(\\*) TODO 2: tokenize with the prompt masked.** Labels are `-100` on prompt tokens, so the "
           "SFT loss only counts the response. GPT-2 has no pad token: EOS doubles as pad, and masks are "
           "built from lengths, never by comparing ids with the pad id."),
        code('''features = sft.sft_features(sft_examples[:1], pipe.tokenizer, cfg.data)[0]
pd.DataFrame({"token": [pipe.tokenizer.decode([t]) for t in features["input_ids"]],
              "label": features["labels"]}).T'''),
        md("## 2. Base model\n\n**(\\*) TODO 3: load the tokenizer and the base model; left padding for "
           "generation.** Here is what the base model says to a few held-out prompts before any training."),
        code('''test_prompts = pipe.test_prompts()
base = pipe.load_base().to(pipe.accelerator.device)
print(f"{sum(p.numel() for p in base.parameters()) / 1e6:.1f} M parameters")
gen = cfg.eval.generation
for p, r in zip(test_prompts[:3], generation.generate_responses(
        base, pipe.tokenizer, test_prompts[:3], max_new_tokens=gen.max_new_tokens, temperature=gen.temperature,
        top_k=gen.top_k, seed=cfg.seed)):
    print(f"{p} {r}\\n")
del base'''),
        md("## 3. Step 1: supervised fine-tuning\n\n**(\\*) TODO 4: the SFT loop.** Next-token "
           "cross-entropy on response tokens, AdamW with warm-up and cosine decay, gradient clipping; logits "
           "are computed only where there are labels. The curve shows training loss per step and held-out loss."),
        code('''sft_summary = pipe.sft()
print(sft_summary)
display(pipe.plot("sft"))'''),
        md("## 4. Step 2: reward models\n\n**(\\*) TODO 5: preference pairs.** Each HH-RLHF row holds two "
           "transcripts sharing the dialogue; the last Human turn becomes the colon prompt, earlier turns its "
           "context, and the final Assistant turns are the chosen and rejected answers."),
        code('''d = cfg.data
train_pairs, heldout_pairs = data.load_preference_pairs(d.preference_source, d.preference_pairs, d.heldout_pairs,
                                                       cfg.seed)
print(len(train_pairs), "training pairs,", len(heldout_pairs), "held-out pairs")
pd.DataFrame([vars(p) for p in train_pairs[:4]])'''),
        md("**(\\*) TODO 6: the reward model** is the transformer backbone with a linear head giving one "
           "scalar, read at the last real token (the EOS appended to every answer)."),
        code('''untrained = reward.ScalarHeadModel(models.load_backbone(cfg.model.reward, cfg.model)).eval()
print("head:", untrained.head, f"| {sum(p.numel() for p in untrained.parameters()) / 1e6:.1f} M parameters")
answers = ["AI is the study of computer systems that learn from data.", "no no no no no"]
print("untrained scores (arbitrary until trained):",
      reward.score_texts(untrained, pipe.reward_tokenizer, ["Explain AI:"] * 2, answers, cfg.data).tolist())
del untrained'''),
        md("**(\\*) TODO 7: the Bradley-Terry loss** $-\\log\\sigma(r_\\text{chosen} - r_\\text{rejected} - m)$, "
           "averaged over pairs. By hand: a pair scored (2, 1) costs $\\log(1+e^{-1}) = 0.3133$; a tie costs "
           "$\\log 2 = 0.6931$."),
        code('''pair = reward.bradley_terry_loss(torch.tensor([2.0]), torch.tensor([1.0])).item()
tie = reward.bradley_terry_loss(torch.tensor([0.0]), torch.tensor([0.0])).item()
print(pair, tie)
assert abs(pair - 0.3133) < 1e-4 and abs(tie - 0.6931) < 1e-4'''),
        md("**(\\*) TODO 8: train the poor and the good reward model.** What makes one poor is set in the "
           "config: the poor RM trains only its head on a tenth of the pairs, a quarter of them with swapped "
           "labels, for few steps; the good RM trains the whole network on all pairs. Held-out accuracy is "
           "measured on pairs neither saw.\n\n"
           "**(\\*) TODO 9: normalise each RM** so its scores on SFT-policy samples have mean 0 and std 1; "
           "every score below is in those units, so the two RMs and their PPO runs compare directly."),
        code('''rm_summary = pipe.reward_models()
display(pd.DataFrame(rm_summary).T)
display(pipe.plot("reward_models"))'''),
        md("## 5. Step 3: PPO\n\n**(\\*) TODO 10: rollouts.** The policy samples a response per prompt at the "
           "sampling temperature (pure temperature sampling, so the log-probs of logits / T are exactly the "
           "sampling distribution). Prompts are left-padded; the response mask ends at the first EOS."),
        code('''sft_policy = pipe.load_sft().to(pipe.accelerator.device)
roll = generation.sample_tokens(sft_policy, pipe.tokenizer, test_prompts[:2], cfg.ppo.max_new_tokens,
                                cfg.ppo.temperature)
for q, r, m in zip(roll["query_ids"], roll["response_ids"], roll["response_mask"]):
    print(repr(pipe.tokenizer.decode(q, skip_special_tokens=True)), "->",
          repr(pipe.tokenizer.decode(r[m.bool()], skip_special_tokens=True)))
del sft_policy'''),
        md("**(\\*) TODO 11: per-token rewards with a KL penalty.** Every response token gets "
           "$-\\beta(\\log\\pi(a_t|s_t) - \\log\\pi_\\text{ref}(a_t|s_t))$; the last one also gets the "
           "normalised RM score. $\\beta$ is `ppo.kl_coef`, fixed or adapted towards `ppo.target_kl`.\n\n"
           "**(\\*) TODO 12: advantages by GAE** over response tokens: $\\delta_t = r_t + \\gamma V_{t+1} - V_t$, "
           "$A_t = \\delta_t + \\gamma\\lambda A_{t+1}$, with $V = 0$ after the last token; then whitened over "
           "valid tokens. A three-token example, by hand: with $\\gamma=0.9$, $\\lambda=0.5$, rewards (0, 0, 1) "
           "and values (0.5, 0.2, 0.4), $A = (-0.1265, 0.43, 0.6)$: $\\delta = (-0.32, 0.16, 0.6)$."),
        code('''adv, ret = ppo.compute_gae(torch.tensor([[0.0, 0.0, 1.0]]), torch.tensor([[0.5, 0.2, 0.4]]),
                           torch.ones(1, 3), gamma=0.9, lam=0.5)
print("advantages", adv.tolist(), "returns", ret.tolist())
assert torch.allclose(adv, torch.tensor([[-0.1265, 0.43, 0.6]]), atol=1e-4)  # the numbers worked out above'''),
        md("**(\\*) TODO 13: the PPO update.** Several epochs over minibatches of the rollout; the policy loss "
           "is the clipped surrogate $\\max(-A\\rho, -A\\,\\text{clip}(\\rho, 1-\\epsilon, 1+\\epsilon))$ and the "
           "value loss is clipped too. With ratios (1.5, 0.5) and advantages (1, 1), clipping at 0.2 gives "
           "$(-1.2 - 0.5)/2 = -0.85$."),
        code('''loss, clip_frac = ppo.policy_loss(torch.log(torch.tensor([[1.5, 0.5]])), torch.zeros(1, 2),
                                 torch.ones(1, 2), torch.ones(1, 2), clip_range=0.2)
print("policy loss", loss.item(), "clip fraction", clip_frac.item())
assert abs(loss.item() + 0.85) < 1e-6'''),
        md("**(\\*) TODO 14: train one policy against each reward model.** Each iteration logs the mean RM "
           "score, the KL to the SFT reference (nats per response), the policy and value losses, clip "
           "fraction, entropy and response length."),
        code('''ppo_summary = pipe.ppo()
display(pd.DataFrame(ppo_summary).T)
display(pipe.plot("ppo"))'''),
        md("## 6. Held-out evaluation\n\n**(\\*) TODO 15: compare Base, SFT, PPO-poor and PPO-good on the "
           "held-out test prompts** (sampling at temperature 0.7): both RMs' scores (normalised), distinct-1/2, "
           "repeated-trigram rate, length, empty and cut-off rates. Tables are saved as CSV and Markdown in "
           "`eval/`, figures as PNG and PDF in `figures/`."),
        code('''eval_summary = pipe.evaluate()
display(pipe.eval_metrics().round(3))
display(pipe.plot("eval"))'''),
        code('''pd.set_option("display.max_colwidth", 80)
display(evaluation.side_by_side(pipe.responses()).head(8))'''),
        md("## 7. Outputs\n\n`metrics.json` gathers every number above; the figures and tables are ready "
           "for the write-up. Part 2 (`Improved_RLHF.ipynb`) reuses these checkpoints."),
        code('''import json

print(json.dumps(pipe.metrics, indent=1)[:3000])
files = sorted(str(p.relative_to(OUT_DIR)) for p in OUT_DIR.glob("*/*.*") if p.suffix in (".png", ".csv", ".md"))
print("\\nfiles:", files)'''),
    ]


IMPROVED_CONFIG = '''# ==== Configuration: the only cell to edit ====
PROFILE = "auto"        # "auto" (colab with a GPU and the hub, else tiny), "colab", "tiny", "smol" or "medium"
PART1_RUN = None        # run folder name of Part 1 (default: the profile's name, as Simple_RLHF.ipynb saves it);
                        # its checkpoints are reused, and trained here first if they are missing
PART1_OVERRIDES = []    # settings of Part 1 if it must be trained here (as OVERRIDES in Simple_RLHF.ipynb)
RUN_NAME = None         # folder of the experiments (default: "<part 1 folder>_part2", beside it)
SEEDS = 1               # repeat every experiment over this many seeds to tell effects from noise
RUN = {                 # True: run it (Part 2 asks for 3 of options 1-7; each can be switched off)
    "diagnose": True,      # Task 1: data statistics and Part 1 training verdicts
    "gold_rm": True,       # own idea: proxy vs held-out gold RM during PPO (over-optimisation)
    "generation": True,    # Option 1: temperature, top-k, top-p, repetition penalty, no-repeat n-gram
    "prompts": True,       # Option 2: instruction vs continuation vs few-shot prompts
    "sft_steps": True,     # Option 3: more SFT steps and data
    "ppo_hparams": True,   # Option 4: KL coefficient, learning rate, episodes
    "reward_model": True,  # Option 5: RM steps, pooling head, margin
    "length": True,        # Option 6: max new tokens, greedy vs sampling, stop at sentence end
    "best_of_n": True,     # Option 7: n samples, the RM keeps the best
    "dpo": True,           # own idea: DPO on the same pairs (TRL DPOTrainer), no RM
    "steering": True,      # bonus: activation steering at inference time
}
GRIDS = {}              # replace a grid, e.g. {"best_of_n": [1, 2, 4, 8]}; defaults: rlhf_utils.experiments.GRIDS
OVERRIDES = []          # experiment settings, e.g. ["eval.generation.max_new_tokens=60"]
AB_SYSTEMS = ["part1:sft", "part1:ppo_good", "generation:best_by_good_rm:ppo_good"]  # on the blind A/B sheet
SAVE_TO_DRIVE = True    # on Colab: write runs to Google Drive so a disconnect loses nothing finished
DRIVE_RUNS_DIR = None   # on Colab: where in Drive (default: <project>/runs, or MyDrive/rlhf_runs)
PROJECT_DIR = None      # where rlhf_utils/ is (default: found beside this notebook)'''

IMPROVED_IMPORTS = '''import json
import os

import pandas as pd
from IPython.display import Markdown, display

from rlhf_utils import report
from rlhf_utils.experiments import Part2, systems_for_ab
from rlhf_utils.notebook import notebook_config, run_folder

part1_cfg = notebook_config(PROFILE, PART1_OVERRIDES)
PART1_DIR = run_folder(PROJECT_DIR, PART1_RUN or part1_cfg.profile, SAVE_TO_DRIVE, DRIVE_RUNS_DIR)
OUT_DIR = PART1_DIR.parent / (RUN_NAME or f"{PART1_DIR.name}_part2")
GRIDS = {**GRIDS, **json.loads(os.environ.get("RLHF_GRIDS", "{}"))}  # headless tests shrink the grids
x = Part2.open(part1_cfg.profile, OUT_DIR, PART1_DIR, OVERRIDES, SEEDS, GRIDS, part1_cfg=part1_cfg)
print(f"Part 1 run: {PART1_DIR} ({x.cfg.profile}: policy {x.cfg.model.policy})\\nexperiments: {OUT_DIR}")


def experiment(name):
    if RUN.get(name):
        x.run(name)
        x.show(name)
    else:
        print(f"{name}: switched off in the config cell")'''


def improved_cells() -> list:
    md, code = new_markdown_cell, new_code_cell
    return [
        md("# HW5 Part 2: why are the answers poor, and what makes them better?\n\n"
           "Reuses the checkpoints of Part 1 (`Simple_RLHF.ipynb`; trained here first if missing). Every "
           "experiment can be switched on or off in the config cell and writes, into the experiments folder: "
           "tidy rows in `results.csv` (`experiment, setting, model, metric, value, n, ci_low, ci_high, seed`, "
           "with 95% bootstrap CIs over prompts), a table (CSV and Markdown), a figure (PNG and PDF), "
           "qualitative examples, and an assembled `report.md`. The setting `baseline` is always Part 1's. "
           "The same experiments run from a terminal: `python -m rlhf_utils experiment NAME --out DIR`."),
        code(IMPROVED_CONFIG),
        code(SETUP),
        code(IMPROVED_IMPORTS),
        md("## Task 1: diagnosis\n\nDataset statistics (Dolly token lengths and truncation, categories; HH "
           "chosen-vs-rejected lengths and how much 'the longer answer wins' alone predicts), the prompt-format "
           "check, and a plain-language verdict on each Part 1 training curve. Use them to form hypotheses "
           "about the poor answers (cut off, repetitive, empty, incoherent) before choosing experiments."),
        code('experiment("diagnose")'),
        md("## Own idea: a gold reward model\n\nThe training pairs are split in two: a *proxy* RM learns from "
           "one half, a *gold* RM from the other (it never sees the proxy's data). PPO optimises the proxy "
           "while the gold RM scores every rollout: if the gold curve falls while the proxy rises, the policy "
           "is exploiting the proxy (reward over-optimisation, Gao et al. 2023). Run first so that the later "
           "experiments also report `gold_rm_score`."),
        code('experiment("gold_rm")'),
        md("## Option 1: generation parameters\n\nOne parameter at a time around Part 1's decoding "
           "(temperature, top-k, top-p, repetition penalty, no-repeat n-gram size), then the best value of "
           "each by good-RM score combined, and a common recipe. Same prompts and seed for every setting."),
        code('experiment("generation")'),
        md("## Option 2: prompt engineering\n\nInstruction style (`Explain AI:`) vs continuation style "
           "(`AI is`) vs few-shot (worked examples before the question), on the same models. Answers are "
           "scored as answers to the original instruction. The transformed training and test prompt sets are "
           "saved in `prompts/sets/` to retrain with (`data.ppo_prompts_source=...`)."),
        code('experiment("prompts")'),
        code('''from rlhf_utils.data import continuation_prompt

for p in x.prompts()[:6]:
    print(f"{p!r:55} -> {continuation_prompt(p)!r}")'''),
        md("## Option 3: more SFT\n\nSFT for more steps and on more data; held-out SFT loss and the "
           "downstream metrics against steps show where returns diminish."),
        code('experiment("sft_steps")'),
        md("## Option 4: PPO hyper-parameters\n\nPPO against the good RM with one change at a time: KL "
           "coefficient, learning rate, number of iterations (episodes = iterations x batch). The left panel "
           "is the reward-KL frontier; in the right one a reward that turns down as KL grows is "
           "over-optimisation."),
        code('experiment("ppo_hparams")'),
        md("## Option 5: reward model\n\nMore training steps, mean or attention pooling instead of the "
           "last token, a Bradley-Terry margin, and all combined: the candidate for an RM that really prefers "
           "good answers. Held-out pairwise accuracy with 95% CIs, next to the 'longer answer wins' baseline."),
        code('experiment("reward_model")'),
        md("## Option 6: response length\n\nToken caps, greedy vs sampling, stopping at the first "
           "natural sentence end, and trimming a capped answer to its last full sentence: watch the cut-off "
           "rate."),
        code('experiment("length")'),
        md("## Option 7: best-of-n\n\n`n` samples per prompt; the good RM keeps the best. The selector's own "
           "score can only rise with `n`; the poor (and gold) RM scores show how much of it is real."),
        code('experiment("best_of_n")'),
        md("## Own idea: DPO\n\nDirect Preference Optimisation (TRL's `DPOTrainer`) of the SFT policy on "
           "the same preference pairs, no reward model and no sampling during training, compared with SFT and "
           "PPO-good."),
        code('experiment("dpo")'),
        md("## Bonus: activation steering\n\nAt inference time only: add `alpha` times the difference "
           "between the SFT policy's mean activations on chosen and on rejected answers to one block's output."),
        code('experiment("steering")'),
        md("## Bonus: GPT-2 medium with LoRA\n\nSet `PROFILE = \"medium\"` (and run `Simple_RLHF.ipynb` "
           "with it first, or let this notebook train Part 1): GPT-2 medium (355 M) with LoRA adapters "
           "(`model.lora_r=16`) on the policy and value model and gradient checkpointing; the memory "
           "arithmetic for a 16 GB T4 is in `docs/memory.md`. Few-shot prompting is in Option 2, an RM that "
           "really prefers good answers is Option 5's `combined`."),
        md("## Measuring improvement\n\nBest setting per metric against Part 1, in percent, flagged above "
           "20% (the bonus bar) and when the two 95% intervals do not overlap. With `SEEDS > 1`, `results.csv` "
           "holds one row per seed and the tables show the spread between seeds."),
        code('''results = report.read_results(OUT_DIR)
summary = report.summarize(results)
display(summary[summary.above_bonus_bar].round(3) if len(summary) else summary)'''),
        md("### Blind A/B sheet for human evaluation\n\n12 held-out prompts, each answered by every system in "
           "`AB_SYSTEMS`, in random order under hidden labels. Rate each answer 1-5 in `ab_sheet.csv` (or read "
           "`ab_sheet.md`), then run the next cell again (or `python -m rlhf_utils ab-score --out DIR`)."),
        code('''sheet, key = OUT_DIR / "ab_sheet.csv", OUT_DIR / "ab_key.json"
if not sheet.is_file():
    available = [s for s in AB_SYSTEMS if s.startswith("part1:") or (OUT_DIR / s.split(":")[0]).is_dir()]
    sheet, key = report.make_ab_sheet(systems_for_ab(OUT_DIR, available, PART1_DIR), OUT_DIR)
    print("fill in the rating column of", sheet)
elif pd.read_csv(sheet)["rating"].notna().any():
    ab = report.score_ab_sheet(sheet, key)
    (OUT_DIR / "ab_result.md").write_text(ab.to_markdown(index=False, floatfmt=".2f") + "\\n")
    display(ab)
else:
    print("not rated yet:", sheet)'''),
        md("## The report\n\n`report.md` places every experiment's notes, table, figure and examples in order, "
           "then the summary: the numbers for your write-up (the analysis is yours)."),
        code('''from rlhf_utils.experiments import EXPERIMENTS

path = report.build_report(OUT_DIR, EXPERIMENTS, PART1_DIR)
print(path)
display(Markdown(path.read_text()[:4000]))'''),
    ]


def write(path: Path, cells: list) -> None:
    for i, cell in enumerate(cells):  # stable ids: regenerating a notebook changes only what changed
        cell["id"] = f"{path.stem.split('_')[0].lower()}-{i:02d}"
    nb = new_notebook(cells=cells, metadata={
        "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
        "language_info": {"name": "python"},
        "accelerator": "GPU",
        "colab": {"provenance": [], "gpuType": "T4"},
    })
    nbformat.validate(nb)
    path.write_text(nbformat.writes(nb) + "\n", encoding="utf-8")


if __name__ == "__main__":
    write(ROOT / "Simple_RLHF.ipynb", simple_cells())
    write(ROOT / "Improved_RLHF.ipynb", improved_cells())
    print("wrote Simple_RLHF.ipynb and Improved_RLHF.ipynb")
