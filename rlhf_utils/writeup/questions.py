"""What the write-up asks and the facts it quotes: the header's fields, the questions of each task, Task 2's
starting hypotheses and the published data sizes of production RLHF systems."""

from __future__ import annotations

import pandas as pd

HEADER_FIELDS = ("Name", "Student ID", "Course number", "Assignment", "Collaborators",
                 "GenAI tools used (which, for what)", "References consulted")
ANALYSIS = "Your analysis: "
FILL_IN = "(fill in)"
MODELS = ("base", "sft", "ppo_poor", "ppo_good")
PART1_FIGURES = (("sft_loss", "SFT training and held-out loss"),
                 ("reward_models", "Reward models: training loss and held-out accuracy"),
                 ("ppo", "PPO: reward-model score and KL to the SFT reference per iteration (losses and entropy in "
                         "the appendix)"),
                 ("model_comparison", "Held-out comparison of Base, SFT, PPO-poor and PPO-good: good-RM score, the "
                                      "same with length controlled, mean length; bars: 95% CIs over prompts"))

PRODUCTION_DATA = pd.DataFrame([
    ("InstructGPT (Ouyang et al., 2022)", "12,725 prompts with labeller demonstrations",
     "33,207 prompts, 4-9 answers ranked each", "31,144 prompts",
     "arXiv:2203.02155, Table 6"),
    ("Llama 2-Chat (Touvron et al., 2023)", "27,540 annotated examples",
     "1,418,091 Meta binary comparisons (2,919,326 with open sets)", "same prompts, iterated",
     "arXiv:2307.09288, Sec. 3.1 and Table 6"),
    ("Stanford Alpaca (Taori et al., 2023)", "52,002 generated demonstrations", "none (SFT only)", "none",
     "github.com/tatsu-lab/stanford_alpaca (alpaca_data.json)"),
    ("Dolly 2.0 (Conover et al., 2023)", "15,011 human-written records", "none (SFT only)", "none",
     "huggingface.co/datasets/databricks/databricks-dolly-15k"),
    ("Anthropic HH-RLHF (Bai et al., 2022)", "-", "160,800 train + 8,552 test pairs", "-",
     "arXiv:2204.05862; huggingface.co/datasets/Anthropic/hh-rlhf"),
], columns=["system", "SFT data", "preference data", "RL prompts", "source"])
"""Published data sizes (looked up in the sources named; none is estimated)."""

TASK1_QUESTIONS = (
    ("sizes", "How much SFT data do production RLHF systems use, and how do this run's examples compare?"),
    ("dolly", "Do the Dolly examples suit a model as small as DistilGPT2 (length, context passages, truncation)?"),
    ("format", "Is a prompt ending in a colon a good format for GPT-2, and what kind of text was GPT-2 trained on?"),
    ("curves", "What do the training curves say: did SFT loss fall enough, how did RM accuracy evolve, did PPO "
               "learn (reward up with bounded KL)?"),
)
HYPOTHESES = (
    ("Model too small for instruction following",
     "DistilGPT2 (82M parameters, 6 layers) was pre-trained on web text, never on instructions",
     "fluent-looking but off-topic or generic answers", "base", "GPT-2 medium with LoRA (bonus) vs DistilGPT2"),
    ("Too little SFT", "a few hundred steps over a few thousand examples, far below production data sizes",
     "answers ignore the instruction, stop early or ramble", "sft", "Option 3: 2-5x more SFT steps / data"),
    ("Reward model rewards length, not quality", "in HH-RLHF the chosen answer is usually the longer one",
     "PPO makes answers longer without making them better", "length", "Option 5: RM variants; RM accuracy on "
                                                                      "pairs where the chosen answer is shorter"),
    ("Training data truncated", "long Dolly examples lose their end and EOS at max_length",
     "answers cut mid-sentence, no learned stopping", "truncation", "Option 6: response length, stop at a "
                                                                    "sentence end"),
    ("Sampling too random for a small model", "temperature 0.7 with no top-k/top-p or repetition control",
     "incoherent or repetitive continuations", "sampling", "Option 1: temperature, top-k/p, repetition penalty"),
    ("PPO over-optimises a noisy proxy reward", "the policy exploits RM errors as KL grows",
     "reward goes up while answers get worse", "ppo", "Option 4: KL coefficient sweep; proxy vs gold RM"),
)
"""(cause, why, effect on outputs, evidence key, an experiment that tests it): Task 2's starting rows."""
TASK4 = (
    ("Synthesis", ("What was the primary cause of poor performance, and what is the evidence?",
                   "Which improvement helped most, and why?",
                   "What is the best one could expect from GPT-2-sized models at instruction following?",
                   "How would the strategy change with far more compute (e.g. a 7B model)?")),
    ("Broader implications", ("How would you debug an underperforming model in production, step by step?",
                              "What do a smaller, faster model and a larger, more capable one trade off?",
                              "How do the last-mile problems met here (decoding, prompts) show up when "
                              "deploying LLMs?")),
)
REFLECTIONS = ("What you learned", "How difficult it was", "Difficulties you met",
               "What you would do differently next time", "Anything else")
