"""LoRA + gradient checkpointing: only adapters train, the pipeline's SFT and PPO stages learn and save plain models."""
import torch
from safetensors.torch import load_file

from rlhf_utils import ppo as ppo_module
from rlhf_utils import sft as sft_module
from rlhf_utils.models import add_lora, load_backbone, load_causal_lm, merge_lora
from rlhf_utils.pieces import Pieces
from rlhf_utils.pipeline import Pipeline
from rlhf_utils.profiles import load_config
from rlhf_utils.reward import ScalarHeadModel

LORA = ["model.lora_r=4", "model.gradient_checkpointing=true"]


def test_add_lora_trains_adapters_only_and_merge_keeps_the_function(tiny_cfg):
    cfg = load_config("tiny", LORA).model
    model = add_lora(load_causal_lm("tiny-gpt2", cfg, seed=0), cfg)
    trainable = [n for n, p in model.named_parameters() if p.requires_grad]
    assert trainable and all("lora_" in n for n in trainable)
    with torch.no_grad():  # B starts at 0: give the adapters some weight so merging has something to fold in
        for n, p in model.named_parameters():
            if "lora_B" in n:
                p.normal_(std=0.05)
    ids = torch.tensor([[464, 3797, 318, 257, 1332, 13]])
    model.eval()
    with torch.no_grad():
        adapted = model(input_ids=ids).logits
        plain = merge_lora(model)
        merged = plain(input_ids=ids).logits
        base = load_causal_lm("tiny-gpt2", cfg, seed=0).eval()(input_ids=ids).logits
    assert not any("lora" in k or "base_model" in k for k in plain.state_dict())
    assert torch.allclose(adapted, merged, atol=1e-4) and not torch.allclose(merged, base, atol=1e-3)

    value = add_lora(ScalarHeadModel(load_backbone("tiny-gpt2", cfg, seed=1)), cfg)
    names = {n for n, p in value.named_parameters() if p.requires_grad}
    assert {"head.weight", "head.bias"} <= names and all("lora_" in n for n in names - {"head.weight", "head.bias"})
    assert add_lora(base, load_config("tiny").model) is base  # lora_r=0: unchanged


def test_tiny_pipeline_with_lora_and_checkpointing(tmp_path, monkeypatch):
    cfg = load_config("tiny", LORA + [
        "sft.steps=8", "sft.warmup_steps=0", "sft.lr=2e-2", "sft.batch_size=8", "sft.heldout_examples=8",
        "data.max_prompt_tokens=24", "data.max_length=48", "data.sft_examples=64", "data.preference_pairs=64",
        "data.heldout_pairs=8", "reward_poor.steps=4", "reward_good.steps=4", "reward_poor.normalize_samples=8",
        "reward_good.normalize_samples=8", "ppo.iterations=2", "ppo.batch_size=8", "ppo.minibatch_size=4",
        "ppo.max_new_tokens=8"])
    seen = {}

    def spy(name, fn):
        def wrapped(model, *args, **kwargs):
            out = fn(model, *args, **kwargs)  # PPOModels sets requires_grad itself: look after it ran
            policy = getattr(model, "policy", model)  # train_ppo is given the PPOModels run
            seen[name] = [n for n, p in policy.named_parameters() if p.requires_grad]
            return out
        return wrapped

    train_sft, train_ppo = spy("sft", sft_module.train_sft), spy("ppo", ppo_module.train_ppo)
    train_sft.__name__, train_ppo.__name__ = "train_sft", "train_ppo"
    pipe = Pipeline(cfg, tmp_path, Pieces().use(train_sft, train_ppo))  # the stages run these spies
    summary = pipe.sft()
    assert summary["loss_last"] < summary["loss_first"] - 0.1
    assert summary["heldout_loss_last"] < summary["heldout_loss_first"] - 0.1
    pipe.reward_models()
    pipe.ppo()
    for stage in ("sft", "ppo"):
        assert seen[stage] and all("lora_" in n for n in seen[stage]), stage

    base = load_causal_lm("tiny-gpt2", cfg.model, seed=cfg.seed).state_dict()
    sft = load_file(tmp_path / "sft" / "model" / "model.safetensors")
    ppo = load_file(tmp_path / "ppo" / "good" / "model" / "model.safetensors")
    for weights in (sft, ppo):
        assert not any("lora" in k or "base_model" in k for k in weights)
    key = "transformer.h.0.attn.c_attn.weight"  # an adapted layer: merging changed it
    assert not torch.allclose(sft[key], base[key]) and not torch.allclose(ppo[key], sft[key])
    assert torch.equal(sft["transformer.h.0.mlp.c_fc.weight"], base["transformer.h.0.mlp.c_fc.weight"])  # frozen
    load_causal_lm(str(tmp_path / "ppo" / "good" / "model"), cfg.model)
