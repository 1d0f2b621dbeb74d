"""Writes Simple_RLHF.ipynb and Improved_RLHF.ipynb (outputs empty) from the library and the cells below.

    python tools/make_notebooks.py            write both notebooks
    python tools/make_notebooks.py --check    exit 1 if a committed notebook differs from what this writes
    python tools/make_notebooks.py --check --dir DIR    the same for the notebooks in DIR

Each `(*) TODO n` code cell is the region `# region (*) TODO n: ...` of its rlhf_utils module, copied
verbatim with the imports it needs (tools/regions.py): the code lives once, in the tested library, and the
notebook shows exactly that code. A cell ends with `pieces.use(...)`, so the pipeline runs the notebook's version.
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

sys.path.insert(0, str(Path(__file__).resolve().parent))
from regions import ROOT, cell_source, regions  # noqa: E402

md, code = new_markdown_cell, new_code_cell

FINDER = (ROOT / "rlhf_utils" / "project_finder.py").read_text().split("# notebook-setup-cell\n", 1)[1]
"""The project finder (rlhf_utils/project_finder.py below its marker): the setup cell runs it before the
library can be imported."""


def setup_cell(notebook: str) -> str:
    """Find rlhf_utils (beside the notebook, or the right copy in Drive), chdir there, install what Colab lacks."""
    return ("# Setup: find rlhf_utils beside this notebook (or in Google Drive on Colab), install what Colab lacks.\n"
            "# (the code of rlhf_utils/project_finder.py)\n"
            "import os\nimport subprocess\n" + FINDER + f"""

PROJECT_DIR = find_project(PROJECT_DIR, notebook={notebook!r})
os.chdir(PROJECT_DIR)
sys.path.insert(0, str(PROJECT_DIR))
if "google.colab" in sys.modules:  # Colab's own torch, pandas and matplotlib are kept
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "-r", "requirements-core.txt"], check=True)""")


CONFIG = '''# ==== Configuration: the only cell to edit ====
PROFILE = "auto"        # "colab", "cpu", "tiny", "smol" or "auto": colab with a GPU and the hub, cpu with the
                        # hub only, tiny offline (announced in a banner)
OVERRIDES = []          # any setting, e.g. ["sft.steps=300", "ppo.kl_coef=0.1"]; list: python -m rlhf_utils keys
RUN_NAME = None         # folder name of this run (default: the profile's name)
SAVE_TO_DRIVE = True    # on Colab: write runs to Google Drive so a disconnect loses nothing finished
DRIVE_RUNS_DIR = None   # on Colab: where in Drive (default: <project>/runs, or MyDrive/rlhf_runs)
PROJECT_DIR = None      # where rlhf_utils/ is (default: beside this notebook, else the copy in Drive whose
                        # notebook was saved last; the setup cell says which it took)
FORCE = False           # True: redo stages that are already done in the run folder
WRITEUP_HEADER = {"Name": "", "Student ID": "", "Course number": ""}  # pre-fills the write-up's header
print(f"profile {PROFILE!r}, run folder name {RUN_NAME or '(the profile)'}, overrides {OVERRIDES}")'''

TODO_TEXT = {
    1: "Each Dolly row (instruction, optional context passage, response) becomes a prompt ending in a colon, "
       "like the test prompts (`Explain AI:`); a context passage goes before it on its own lines.",
    2: "The training text is `prompt + \" \" + response + EOS`. Labels are `-100` on prompt tokens so the loss "
       "counts only the response; prompts are cut from the left, the whole from the right.",
    3: "GPT-2 has no pad token: EOS doubles as pad (every batch carries an attention mask built from lengths, "
       "so no code confuses the two), and generation pads on the left so each prompt ends right before its "
       "first new token. `tiny-gpt2` and `smollm2-135m` are the offline models of the CPU profiles.",
    4: "Next-token cross-entropy on response tokens only, AdamW with warm-up and cosine decay, gradient "
       "clipping; logits are computed only where there are labels. `heldout_loss` measures the same loss on "
       "examples never trained on.",
    5: "Each HH-RLHF row holds two transcripts sharing the dialogue: the last Human turn becomes the colon "
       "prompt, earlier turns its context, and the two final Assistant turns are the chosen and rejected answers.",
    6: "The transformer backbone with a linear head giving one scalar, read at the last real token (the EOS "
       "appended to every answer). Read per token, the same class is PPO's value model.",
    7: "$-\\log\\sigma(r_\\text{chosen} - r_\\text{rejected} - m)$, averaged over pairs. A pair scored (2, 1) "
       "costs $\\log(1+e^{-1}) = 0.3133$; a tie costs $\\log 2 = 0.6931$; a margin $m$ (Option 5) asks the "
       "chosen answer to win by at least $m$.",
    8: "One loop for both reward models; what makes one poor is set in the config (table below): the poor RM "
       "trains only its head on a tenth of the pairs with a quarter of their labels swapped, for few steps; the "
       "good RM trains the whole network on all pairs. Held-out accuracy is measured on pairs neither saw.",
    9: "Each RM is shifted and scaled so its scores on SFT-policy samples have mean 0 and std 1: both RMs, and "
       "the rewards PPO sees, are then on one scale. Check: a toy RM scoring token counts 4, 5, 6, 8 gets mean "
       "5.75 and std 1.7078.",
    10: "The policy samples one response per prompt by pure temperature sampling, so the log-probs of logits / T "
        "(`token_logprobs`, the one place the temperature enters) are exactly the sampling distribution. Prompts "
        "are left-padded; the response mask ends at the first EOS.",
    11: "Every response token gets $-\\beta(\\log\\pi(a_t|s_t) - \\log\\pi_\\text{ref}(a_t|s_t))$ and the last one "
        "also the normalised RM score; $\\beta$ is `ppo.kl_coef`. Check: log-probs (-1, -2) against (-1.5, -1.8), "
        "$\\beta = 0.1$, score 2: rewards (-0.05, 0.02 + 2).",
    12: "$\\delta_t = r_t + \\gamma V_{t+1} - V_t$, $A_t = \\delta_t + \\gamma\\lambda A_{t+1}$, with $V = 0$ after "
        "the last token; then whitened over valid tokens. With $\\gamma=0.9$, $\\lambda=0.5$, rewards (0, 0, 1) "
        "and values (0.5, 0.2, 0.4): $\\delta = (-0.32, 0.16, 0.6)$ and $A = (-0.1265, 0.43, 0.6)$.",
    13: "The clipped surrogate $\\max(-A\\rho, -A\\,\\text{clip}(\\rho, 1-\\epsilon, 1+\\epsilon))$ and a clipped "
        "value loss, over `epochs` passes of shuffled minibatches. Ratios (1.5, 0.5) with advantages (1, 1) and "
        "$\\epsilon = 0.2$ give $(-1.2 - 0.5)/2 = -0.85$.",
    14: "Each iteration: sample (TODO 10), score with the RM, per-token rewards (11), advantages (12), update "
        "(13), log a row of named metrics (RM score, KL to the SFT reference in nats per response, losses, clip "
        "fraction, entropy, response length), adapt $\\beta$ if asked, checkpoint every `ppo.save_every` "
        "iterations so a re-run resumes.",
    15: "Base, SFT, PPO-poor and PPO-good answer the held-out test prompts (sampling at temperature 0.7); both "
        "RMs score every answer, and the texts are measured: distinct-1/2, repeated trigrams, length, empty and "
        "cut-off rates.",
}

CHECKS = {
    2: "checks.sft_features(sft_features, tokenize_example)",
    4: "checks.sft_loss(sft_loss)",
    6: "checks.reward_model(last_token_index, ScalarHeadModel)",
    7: "checks.bradley_terry(bradley_terry_loss)",
    9: "checks.normalize(normalize)",
    10: "checks.rollout(response_mask, token_logprobs, rollout)",
    11: "checks.kl_rewards(per_token_rewards)",
    12: "checks.gae(compute_gae, masked_whiten)",
    13: "checks.ppo_losses(policy_loss, value_loss, ppo_update)",
}
"""The check cell after each algorithmic TODO: worked examples run on the cell's own functions."""

STAGE_CELLS = {
    1: '''examples = load_sft_examples(cfg.data.sft_source, cfg.data.sft_examples, cfg.seed)  # rows -> dolly_to_example
print(len(examples), "SFT examples")
pd.DataFrame([vars(e) for e in examples[:5]])''',
    3: '''tokenizer = load_tokenizer(cfg.model.policy, cfg.model)
print(f"pad token {tokenizer.pad_token!r} (= EOS), padding side {tokenizer.padding_side!r}")
feature = sft_features(examples[:1], tokenizer, cfg.data)[0]
display(pd.DataFrame({"token": [tokenizer.decode([t]) for t in feature["input_ids"]], "label": feature["labels"]}).T)
base = load_causal_lm(cfg.model.policy, cfg.model, cfg.seed).to(pipe.device)
print(f"base model: {sum(p.numel() for p in base.parameters()) / 1e6:.1f} M parameters; before any training:")
test_prompts = pipe.test_prompts()
gen = cfg.eval.generation
answers = generate_responses(base, tokenizer, test_prompts[:3], gen.max_new_tokens, gen.temperature, seed=cfg.seed)
for p, r in zip(test_prompts[:3], answers):
    print(f"  {p} {r}")
del base''',
    4: '''sft_summary = pipe.sft()  # Step 1, with this notebook's train_sft
print("train_sft:", pieces.where("train_sft"))
display(pd.Series(sft_summary).to_frame("SFT").T)
display(pipe.plot("sft"))''',
    5: '''d = cfg.data
train_pairs, heldout_pairs = load_preference_pairs(d.preference_source, d.preference_pairs, d.heldout_pairs, cfg.seed,
                                                   d.preference_subset)
print(len(train_pairs), "training pairs,", len(heldout_pairs), "held-out pairs")
pd.DataFrame([vars(p) for p in train_pairs[:4]])''',
    8: '''pd.DataFrame({"poor": vars(cfg.reward_poor), "good": vars(cfg.reward_good)})''',
    9: '''rm_summary = pipe.reward_models()  # Step 2: train_reward_model, then normalize, for each RM
print("train_reward_model:", pieces.where("train_reward_model"), "| normalize:", pieces.where("normalize"))
display(pd.DataFrame(rm_summary).T)
display(pipe.plot("reward_models"))''',
    10: '''sft_policy = pipe.load_sft().to(pipe.device)
roll = rollout(sft_policy, pipe.tokenizer, test_prompts[:2], cfg.ppo.max_new_tokens, cfg.ppo.temperature)
for q, r, m, lp in zip(roll["query_ids"], roll["response_ids"], roll["response_mask"], roll["logprobs"]):
    print(repr(pipe.tokenizer.decode(q, skip_special_tokens=True)), "->",
          repr(pipe.tokenizer.decode(r[m.bool()], skip_special_tokens=True)), f"(log-prob {lp.sum():.1f})")
del sft_policy''',
    14: '''ppo_summary = pipe.ppo()  # Step 3, against each RM, with this notebook's train_ppo
print("train_ppo:", pieces.where("train_ppo"), "| compute_gae: the one train_ppo's cell sees")
display(pd.DataFrame(ppo_summary).T)
display(pipe.plot("ppo"))''',
    15: '''eval_summary = pipe.evaluate()  # with this notebook's evaluate_models
print("evaluate_models:", pieces.where("evaluate_models"))
display(evaluation.with_cis(pipe.eval_metrics()))  # every metric with its 95% CI over prompts
display(pipe.plot("eval"))
pd.set_option("display.max_colwidth", 80)
display(evaluation.side_by_side(pipe.responses()).head(8))''',
}
"""Cells after a TODO's code (and check) that show its data or run its stage of the pipeline."""

SECTIONS = {1: "## 1. Data", 3: "## 2. Tokenizer and base model", 4: "## 3. Step 1: supervised fine-tuning",
            5: "## 4. Step 2: reward models", 10: "## 5. Step 3: PPO", 15: "## 6. Held-out evaluation"}


def todo_cells(region_map: dict, with_stages: bool) -> list:
    """Markdown heading, code, check and (with `with_stages`) demo/stage cell of each of the 15 TODOs."""
    cells, earlier = [], set()
    for n in range(1, 16):
        region = region_map[f"TODO {n}"]
        heading = f"**(\\*) TODO {n}: {region.title}.** {TODO_TEXT[n]}"
        if with_stages and n in SECTIONS:
            heading = f"{SECTIONS[n]}\n\n{heading}"
        cells += [md(heading), code(cell_source(region, earlier))]
        earlier |= set(region.defines)
        if n in CHECKS:
            cells.append(code(CHECKS[n]))
        if with_stages and n in STAGE_CELLS:
            cells.append(code(STAGE_CELLS[n]))
    return cells

IMPORTS = '''import pandas as pd
from IPython.display import display

from rlhf_utils import checks, evaluation
from rlhf_utils.data import load_preference_pairs, load_sft_examples
from rlhf_utils.generation import generate_responses
from rlhf_utils.notebook import notebook_config, run_folder
from rlhf_utils.pieces import Pieces
from rlhf_utils.pipeline import Pipeline
from rlhf_utils.summary import run_summary

cfg = notebook_config(PROFILE, OVERRIDES)
OUT_DIR = run_folder(PROJECT_DIR, RUN_NAME or cfg.profile, SAVE_TO_DRIVE, DRIVE_RUNS_DIR)
pieces = Pieces()  # the library's functions; each TODO cell below hands in its own with pieces.use(...)
pipe = Pipeline(cfg, OUT_DIR, pieces, force=FORCE)
print(f"profile {cfg.profile}: policy {cfg.model.policy}, reward backbone {cfg.model.reward}, "
      f"device {pipe.device}, mixed precision {pipe.accelerator.mixed_precision}")
print("run folder:", OUT_DIR)'''

INTRO = (
    "# HW5 Part 1: RLHF with GPT-2, step by step\n\n"
    "The three steps of RLHF (Ouyang et al., 2022) on a small model: **(1)** supervised fine-tuning (SFT) on "
    "Databricks Dolly-15k, **(2)** two reward models trained on Anthropic HH-RLHF preference pairs with the "
    "Bradley-Terry loss, a *poor* and a *good* one, **(3)** PPO of the SFT policy against each, then a held-out "
    "evaluation of Base, SFT, PPO-poor and PPO-good.\n\n"
    "**How to read it.** Each of the 15 places of the start-up notebook, marked **(\\*) TODO n**, is a code cell "
    "holding the implementation of that step, followed by a check on worked numbers run on that very cell's "
    "functions. A TODO cell ends with `pieces.use(...)`: from then on the pipeline runs *this notebook's* version "
    "wherever it would run the library's, so an edited cell is what trains. The same code is the tested library "
    "`rlhf_utils/` (`tools/make_notebooks.py` copies it here); the library also holds the plumbing around it: "
    "data loading, checkpoints, caching, figures.\n\n"
    "*Run all* works on Colab (profile `colab`, DistilGPT2, about 30 min on a T4) and on a CPU without internet "
    "(profile `tiny`, a few minutes). Every stage saves to the run folder; re-running skips what is done, and PPO "
    "resumes from its last checkpoint after a disconnect."
)


def simple_cells() -> list:
    return [
        md(INTRO), code(CONFIG), code(setup_cell("Simple_RLHF.ipynb")), code(IMPORTS),
        *todo_cells(regions(), with_stages=True),
        md("## 7. Outputs\n\n`metrics.json` gathers every number above; the figures (PNG and PDF) and tables "
           "(CSV and Markdown) are ready for the write-up. Part 2 (`Improved_RLHF.ipynb`) reuses these checkpoints."),
        code('''print(run_summary(pipe.metrics, OUT_DIR))'''),
        md("## 8. The write-up\n\nA DOCX scaffold of the report (and the same as Markdown) in the run folder: the "
           "header the course asks for, this run's figures, tables and measured observations, each followed by an "
           "empty *Your analysis* paragraph, and the Part 2 sections as headed prompts. Run "
           "`Improved_RLHF.ipynb` to fill Tasks 1-3 with its experiments."),
        code('''from rlhf_utils import writeup

docx_path, md_path = writeup.write(OUT_DIR, OUT_DIR / "writeup" / "HW5_report.docx", fields=WRITEUP_HEADER)
print("write-up scaffold:", docx_path, "| Markdown:", md_path)'''),
    ]


IMPROVED_CONFIG = '''# ==== Configuration: the only cell to edit ====
PROFILE = "auto"        # "colab", "cpu", "tiny", "smol", "medium" or "auto": colab with a GPU and the hub, cpu
                        # with the hub only, tiny offline (announced in a banner)
PART1_RUN = None        # run folder name of Part 1 (default: the profile's name, as Simple_RLHF.ipynb saves it);
                        # its checkpoints are reused, and trained here first if they are missing
PART1_OVERRIDES = []    # settings of Part 1 if it must be trained here (as OVERRIDES in Simple_RLHF.ipynb)
RUN_NAME = None         # folder of the experiments (default: "<part 1 folder>_part2", beside it)
SEEDS = 1               # repeat every experiment over this many seeds to tell effects from noise
RUN = {                 # True: run it. Task 3 asks for three of options 1-7: three are on; switch others on
    "diagnose": True,      # Task 1: data statistics and Part 1 training verdicts (a minute)
    "generation": True,    # Option 1: temperature, top-k, top-p, repetition penalty, no-repeat n-gram
    "reward_model": True,  # Option 5: RM steps, pooling head, margin
    "best_of_n": True,     # Option 7: n samples, the RM keeps the best
    "prompts": False,      # Option 2: instruction vs continuation vs few-shot prompts
    "sft_steps": False,    # Option 3: more SFT steps and data
    "ppo_hparams": False,  # Option 4: KL coefficient, learning rate, episodes
    "length": False,       # Option 6: max new tokens, greedy vs sampling, stop at sentence end
    "gold_rm": False,      # own idea: proxy vs held-out gold RM during PPO (over-optimisation)
    "dpo": False,          # own idea: DPO on the same pairs (TRL DPOTrainer), no RM
    "steering": False,     # bonus: activation steering at inference time
}
GRIDS = {}              # replace a grid, e.g. {"best_of_n": [1, 2, 4, 8]}; defaults: rlhf_utils.experiments.GRIDS
OVERRIDES = []          # experiment settings, e.g. ["eval.generation.max_new_tokens=60"]
WRITEUP_HEADER = {"Name": "", "Student ID": "", "Course number": ""}  # pre-fills the write-up's header
AB_SYSTEMS = ["part1:sft", "part1:ppo_good", "generation:best_by_good_rm:ppo_good"]  # on the blind A/B sheet
SAVE_TO_DRIVE = True    # on Colab: write runs to Google Drive so a disconnect loses nothing finished
DRIVE_RUNS_DIR = None   # on Colab: where in Drive (default: <project>/runs, or MyDrive/rlhf_runs)
PROJECT_DIR = None      # where rlhf_utils/ is (default: beside this notebook, else the copy in Drive whose
                        # notebook was saved last; the setup cell says which it took)
print(f"profile {PROFILE!r}; experiments switched on: {', '.join(k for k, on in RUN.items() if on)}")'''

IMPROVED_IMPORTS = '''import json
import os

import pandas as pd
from IPython.display import Markdown, display

from rlhf_utils import report
from rlhf_utils.experiments import RUN_ORDER, Part2, systems_for_ab
from rlhf_utils.experiments.estimates import format_estimates
from rlhf_utils.notebook import notebook_config, run_folder

part1_cfg = notebook_config(PROFILE, PART1_OVERRIDES)
PART1_DIR = run_folder(PROJECT_DIR, PART1_RUN or part1_cfg.profile, SAVE_TO_DRIVE, DRIVE_RUNS_DIR)
OUT_DIR = PART1_DIR.parent / (RUN_NAME or f"{PART1_DIR.name}_part2")
GRIDS = {**GRIDS, **json.loads(os.environ.get("RLHF_GRIDS", "{}"))}  # headless tests shrink the grids
RUN = {**RUN, **json.loads(os.environ.get("RLHF_RUN", "{}"))}  # ... and switch every experiment on
x = Part2.open(part1_cfg.profile, OUT_DIR, PART1_DIR, OVERRIDES, SEEDS, GRIDS, part1_cfg=part1_cfg,
               run_part1=False, create_part1=True, pieces=pieces)
print(f"Part 1 run: {PART1_DIR} ({x.cfg.profile}: policy {x.cfg.model.policy})\\nexperiments: {OUT_DIR}")
print(format_estimates(x.estimates([name for name in RUN_ORDER if RUN.get(name)])))  # before anything runs
x.part1.run()  # Part 1 is trained here (with the cells above) if its folder holds no run


def experiment(name):
    if RUN.get(name):
        x.run(name)
        x.show(name)
    else:
        print(f"{name}: switched off in the config cell")'''



PART1_IMPORTS = '''from rlhf_utils import checks
from rlhf_utils.pieces import Pieces

pieces = Pieces()  # the library's functions; each cell below hands in its own with pieces.use(...)'''


def option_cell(region_map: dict, key: str) -> list:
    """The code an option changes, as the library has it (the experiment runs it through `pieces.use`)."""
    region = region_map[key]
    return [code(cell_source(region, _todo_names(region_map)))]


def _todo_names(region_map: dict) -> set[str]:
    return {name for key, r in region_map.items() if key.startswith("TODO") for name in r.defines}


def improved_cells() -> list:
    rm = regions()
    return [
        md("# HW5 Part 2: why are the answers poor, and what makes them better?\n\n"
           "Reuses the checkpoints of Part 1 (`Simple_RLHF.ipynb`; trained here first if missing). Every "
           "experiment can be switched on or off in the config cell and writes, into the experiments folder: "
           "tidy rows in `results.csv` (`experiment, setting, model, metric, value, n, ci_low, ci_high, seed`, "
           "with 95% bootstrap CIs over prompts), a table (CSV and Markdown), a figure (PNG and PDF), "
           "qualitative examples, and an assembled `report.md`. The setting `baseline` is always Part 1's. "
           "The same experiments run from a terminal: `python -m rlhf_utils experiment NAME --out DIR`."),
        code(IMPROVED_CONFIG),
        code(setup_cell("Improved_RLHF.ipynb")),
        code(PART1_IMPORTS),
        md("## Part 1's code\n\nThe 15 TODO cells of `Simple_RLHF.ipynb`, from the same source, with their checks: "
           "change a piece here and the Part 1 run this notebook trains (when it has none yet) and every "
           "experiment below use your version."),
        *todo_cells(rm, with_stages=False),
        md("## Part 2 set-up\n\nOpens the Part 1 run (trained here first if it is missing) and the experiments "
           "folder."),
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
        *option_cell(rm, "Option 1"),
        code('experiment("generation")'),
        md("## Option 2: prompt engineering\n\nInstruction style (`Explain AI:`) vs continuation style "
           "(`AI is`) vs few-shot (worked examples before the question), on the same models. Answers are "
           "scored as answers to the original instruction. The transformed training and test prompt sets are "
           "saved in `prompts/sets/` to retrain with (`data.ppo_prompts_source=...`)."),
        code('experiment("prompts")'),
        code('''from rlhf_utils.experiments.prompts import continuation_prompt

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
           "last token, a Bradley-Terry margin, and all combined; then RMs meant to learn content rather than "
           "length (`rlhf_utils/reward_length.py`): ODIN (a quality and a length head, only the quality head kept "
           "as the reward), length-balanced training pairs, a length-residual correction fitted on SFT samples, "
           "and the RM initialised from the SFT policy. Held-out pairwise accuracy with 95% CIs, next to the "
           "'longer answer wins' baseline, on the pairs whose chosen answer is the shorter one, and the paired CI "
           "of each RM's gap over that baseline: the bonus' RM that *actually* prefers good answers beats it."),
        *option_cell(rm, "Option 5"),
        md("The margin variant uses `bradley_terry_loss`'s `margin` (TODO 7 above)."),
        code('experiment("reward_model")'),
        md("## Option 6: response length\n\nToken caps, greedy vs sampling, stopping at the first "
           "natural sentence end, and trimming a capped answer to its last full sentence: watch the cut-off "
           "rate."),
        *option_cell(rm, "Option 6"),
        code('experiment("length")'),
        md("## Option 7: best-of-n\n\n`n` samples per prompt; the good RM keeps the best. The selector's own "
           "score can only rise with `n`; the poor (and gold) RM scores show how much of it is real."),
        *option_cell(rm, "Option 7"),
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
        md("## The write-up\n\nThe report scaffold (DOCX and Markdown) with Part 1 and every experiment that ran: "
           "header fields, figures, tables with n and 95% CIs, Task 1 evidence, the Task 2 hypotheses table and "
           "the Task 4 and reflection prompts. The numbers come from the run folders; the analysis is yours."),
        code('''from rlhf_utils import writeup

docx_path, md_path = writeup.write(PART1_DIR, OUT_DIR / "writeup" / "HW5_report.docx", part2=OUT_DIR,
                                   fields=WRITEUP_HEADER)
print("write-up scaffold:", docx_path, "| Markdown:", md_path)'''),
    ]


NOTEBOOKS = {"Simple_RLHF.ipynb": simple_cells, "Improved_RLHF.ipynb": improved_cells}


def build(name: str) -> nbformat.NotebookNode:
    cells = NOTEBOOKS[name]()
    for i, cell in enumerate(cells):  # stable ids: regenerating a notebook changes only what changed
        cell["id"] = f"{name.split('_')[0].lower()}-{i:02d}"
    nb = new_notebook(cells=cells, metadata={
        "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
        "language_info": {"name": "python"},
        "accelerator": "GPU",
        "colab": {"provenance": [], "gpuType": "T4"},
    })
    nbformat.validate(nb)
    return nb


def differences(name: str, folder: Path = ROOT) -> list[str]:
    """Cells of `folder/name` whose type or source differ from what would be generated (outputs are ignored,
    so a notebook saved after running on Colab still passes)."""
    want = build(name).cells
    have = nbformat.read(folder / name, as_version=4).cells
    out = [f"{name}: {len(have)} cells, {len(want)} expected"] if len(have) != len(want) else []
    for i, (h, w) in enumerate(zip(have, want)):
        if (h.cell_type, h.source) != (w.cell_type, w.source):
            first = w.source.splitlines()[0] if w.source else ""
            out.append(f"{name}: cell {i} ({w.cell_type}, {first[:60]!r}) differs from the library")
    return out


def main(argv: list[str]) -> int:
    folder = Path(argv[argv.index("--dir") + 1]) if "--dir" in argv else ROOT  # --dir: notebooks elsewhere (tests)
    if "--check" in argv:
        problems = [p for name in NOTEBOOKS for p in differences(name, folder)]
        print("\n".join(problems) if problems else "notebooks match the library")
        if problems:
            print("regenerate them: python tools/make_notebooks.py")
        return 1 if problems else 0
    for name in NOTEBOOKS:
        (folder / name).write_text(nbformat.writes(build(name)) + "\n", encoding="utf-8")
    print("wrote", " and ".join(NOTEBOOKS))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
