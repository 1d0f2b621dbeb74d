"""One tiny PPO iteration; run by test_distributed.py under `accelerate launch` with 2 CPU processes (gloo)."""
import copy

from rlhf_utils.config import PPOConfig
from rlhf_utils.models import load_backbone, load_causal_lm, load_tokenizer
from rlhf_utils.ppo import train_ppo
from rlhf_utils.ppo_models import PPOModels
from rlhf_utils.profiles import load_config
from rlhf_utils.reward import ScalarHeadModel
from rlhf_utils.training import make_accelerator

cfg = load_config("tiny")
acc = make_accelerator(cfg.model)
tok = load_tokenizer("tiny-gpt2", cfg.model)
policy = load_causal_lm("tiny-gpt2", cfg.model, 0)
ref = copy.deepcopy(policy)
rm = ScalarHeadModel(load_backbone("tiny-gpt2", cfg.model, 1)).eval()
value = copy.deepcopy(rm)
start = sum(p.double().sum().item() for p in policy.parameters())
ppo_cfg = PPOConfig(iterations=1, batch_size=4, minibatch_size=2, epochs=1, max_new_tokens=5, lr=1e-3)
log = train_ppo(PPOModels(policy, ref, value, rm, ppo_cfg, acc), tok, tok,
                ["Explain AI:", "Describe rain:", "Name a colour:", "Hi:"], ppo_cfg, cfg.data)
end = sum(p.double().sum().item() for p in policy.parameters())
print(f"RESULT rank={acc.process_index} world={acc.num_processes} type={acc.distributed_type.value} "
      f"start={start:.10f} end={end:.10f} score={log[0]['score']:.6f}", flush=True)
