"""rlhf_utils: the three steps of RLHF (SFT, reward models, PPO) and their evaluation, small enough to read.

Modules, in pipeline order: config -> data -> models -> {sft, reward, ppo} -> generation -> evaluation
-> plots, wired by `pipeline`; `training` holds what the training loops share, `stats` the bootstrap and
length-aware statistics.
"""

__version__ = "0.1.0"
