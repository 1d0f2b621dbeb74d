import pytest

from rlhf_utils.__main__ import main
from rlhf_utils.config import ConfigError, DataConfig, GenerationConfig, ModelConfig, PPOConfig, SFTConfig
from rlhf_utils.profiles import all_keys, config_from_dict, load_config


def test_profiles_load_and_differ():
    tiny, colab, smol = load_config("tiny"), load_config("colab"), load_config("smol")
    assert tiny.model.policy == "tiny-gpt2" and colab.model.policy == "distilgpt2"
    assert smol.model.policy == "smollm2-135m"
    assert colab.data.sft_examples == 5000 and colab.data.preference_pairs == 8000 and colab.sft.steps == 200
    assert colab.eval.generation.temperature == 0.7


def test_overrides_are_typed():
    cfg = load_config("tiny", ["sft.steps=7", "ppo.kl_coef=0.5", "ppo.adaptive_kl=true", "eval.generation.top_p=0.9"])
    assert cfg.sft.steps == 7 and cfg.ppo.kl_coef == 0.5 and cfg.ppo.adaptive_kl is True
    assert cfg.eval.generation.top_p == 0.9
    assert config_from_dict(cfg.to_dict()) == cfg


@pytest.mark.parametrize(
    ("profile", "overrides", "message"),
    [
        ("huge", [], "profile='huge' is unknown: allowed are auto, colab, cpu, tiny, smol, medium"),
        ("tiny", ["sft.stepz=3"], "key 'sft.stepz' is unknown"),
        ("tiny", ["nope.steps=3"], "key 'nope.steps' is unknown"),
        ("tiny", ["sft.steps=-5"], "sft.steps=-5 is invalid: must be an integer >= 1"),
        ("tiny", ["sft.steps=1.5"], "sft.steps='1.5' is invalid: expected an integer"),
        ("tiny", ["eval.generation.temperature=0"], "eval.generation.temperature=0.0 is invalid: must be > 0"),
        ("tiny", ["ppo.temperature=-1"], "ppo.temperature=-1.0 is invalid: must be > 0"),
        ("tiny", ["ppo.minibatch_size=5"], "ppo.minibatch_size=5 is invalid: must divide ppo.batch_size=16"),
        ("tiny", ["reward_good.pooling=max"],
         "reward_good.pooling='max' is invalid: allowed are last, mean, attention"),
        ("tiny", ["reward_poor.label_noise=0.9"], "reward_poor.label_noise=0.9 is invalid: must be in [0, 0.5]"),
        ("tiny", ["reward_good.train_layers=-1"],
         "reward_good.train_layers=-1 is invalid: must be an integer >= 0 (0 trains all)"),
        ("tiny", ["ppo.adaptive_kl=maybe"], "ppo.adaptive_kl='maybe' is invalid: expected true or false"),
        ("tiny", ["sft.steps"], "override 'sft.steps' is malformed"),
        ("tiny", ["eval.num_prompts=0"],
         "eval.num_prompts=0 is invalid: must be an integer >= 1, or -1 for every held-out prompt"),
        ("colab", ["data.preference_subset=helpful"], None),
        ("colab", ["data.preference_subset=red-team-attempts"], "data.preference_subset='red-team-attempts' is "
         "invalid: allowed are helpful-base, harmless-base, helpful-online, helpful-rejection-sampled, helpful, all"),
    ],
)
def test_bad_values_give_one_clear_line(profile, overrides, message):
    if message is None:  # a good value, for contrast
        load_config(profile, overrides)
        return
    with pytest.raises(ConfigError) as err:
        load_config(profile, overrides)
    text = str(err.value)
    assert text.startswith(message) and "\n" not in text


def test_cli_reports_bad_value_without_traceback(capsys, tmp_path):
    assert main(["run", "--profile", "tiny", "--out", str(tmp_path), "--set", "sft.steps=0"]) == 2
    err = capsys.readouterr().err
    assert err.strip() == "error: sft.steps=0 is invalid: must be an integer >= 1"
    assert main(["run", "--profile", "tiny", "--out", str(tmp_path), "--set", "eval.num_prompts=0"]) == 2
    assert capsys.readouterr().err.startswith("error: eval.num_prompts=0 is invalid")
    assert not (tmp_path / "sft").exists()  # refused before any training


def test_saved_runs_with_the_old_all_prompts_value_still_load():
    saved = load_config("tiny").to_dict()
    saved["eval"]["num_prompts"] = 0  # "all" before -1 meant it
    assert config_from_dict(saved).eval.num_prompts == -1


def test_keys_listing():
    keys = all_keys()
    assert "ppo.kl_coef" in keys and "eval.generation.no_repeat_ngram_size" in keys and "reward_good.margin" in keys


def test_notebook_settings_from_environment(monkeypatch, tmp_path):
    from rlhf_utils.notebook import notebook_config, run_folder

    monkeypatch.delenv("RLHF_OUT", raising=False)
    assert run_folder(tmp_path, "tiny", save_to_drive=True, drive_runs_dir=None) == tmp_path / "runs" / "tiny"
    monkeypatch.setenv("RLHF_OUT", str(tmp_path / "elsewhere"))
    assert run_folder(tmp_path, "tiny", True, None) == tmp_path / "elsewhere"
    monkeypatch.setenv("RLHF_PROFILE", "tiny")
    monkeypatch.setenv("RLHF_OVERRIDES", '["sft.steps=3"]')
    cfg = notebook_config("colab", ["ppo.iterations=2"])
    assert cfg.profile == "tiny" and cfg.sft.steps == 3 and cfg.ppo.iterations == 2


@pytest.mark.parametrize("gpu, hub, expected", [(True, True, "colab"), (False, True, "cpu"), (True, False, "tiny"),
                                                (False, False, "tiny")])
def test_auto_profile_for_each_runtime(gpu, hub, expected):
    from rlhf_utils.profiles import choose_profile

    profile, why = choose_profile(gpu, hub)
    assert profile == expected
    assert ("NOT results" in why) == (expected == "tiny")
    policies = {"colab": "distilgpt2", "cpu": "distilgpt2", "tiny": "tiny-gpt2"}
    assert load_config(profile).model.policy == policies[profile]


def test_auto_offline_prints_a_banner(capsys):
    assert load_config("auto").profile == "tiny"  # tests run offline (HF_HUB_OFFLINE=1)
    out = capsys.readouterr().out
    assert out.startswith("=" * 100) and "PROFILE 'auto' chose 'tiny'" in out and "NOT results" in out
    said = " ".join(out.split())
    assert "the Hugging Face hub at https://huggingface.co is not used: HF_HUB_OFFLINE=1 is set" in said


@pytest.mark.parametrize("profile", ["colab", "medium", "cpu"])
def test_hub_profiles_offline_fail_loudly(profile):
    from rlhf_utils.profiles import check_runtime

    with pytest.raises(ConfigError, match=f"profile='{profile}' .*(CUDA GPU|hub)"):
        check_runtime(load_config(profile))


@pytest.mark.parametrize(("build", "message"), [
    (lambda: PPOConfig(clip_range=5), "ppo.clip_range=5 is invalid: must be in (0, 1): the ratio is kept in"),
    (lambda: PPOConfig(value_model="both"), "ppo.value_model='both' is invalid: allowed are separate, shared"),
    (lambda: GenerationConfig(top_p=0), "generation.top_p=0 is invalid: must be in (0, 1]"),
    (lambda: SFTConfig(steps=0), "sft.steps=0 is invalid: must be an integer >= 1"),
    (lambda: ModelConfig(device="tpu"), "model.device='tpu' is invalid: allowed are auto, cpu, cuda"),
    (lambda: DataConfig(preference_subset="red-team"), "data.preference_subset='red-team' is invalid: allowed are "
     "helpful-base, harmless-base, helpful-online, helpful-rejection-sampled, helpful, all"),
])
def test_a_section_checks_its_fields_when_built(build, message):
    """Each field's rule sits beside its declaration (TRL-style `__post_init__`): a section built with a bad value
    is refused at once, in the same one line as a bad override."""
    with pytest.raises(ConfigError) as err:
        build()
    assert str(err.value).startswith(message)


def test_rules_across_fields_wait_for_the_whole_config():
    """A section alone may hold values only a whole run rules out (tests tokenise with max_length below the prompt
    cut); `validate` of the run refuses them, naming both keys."""
    from rlhf_utils.config import RunConfig, validate

    data = DataConfig(max_prompt_tokens=64, max_length=6)
    with pytest.raises(ConfigError, match=r"^data.max_length=6 is invalid: must exceed data.max_prompt_tokens=64$"):
        validate(RunConfig(data=data))
    with pytest.raises(ConfigError, match=r"^ppo.minibatch_size=3 is invalid: must divide ppo.batch_size=16$"):
        validate(RunConfig(ppo=PPOConfig(minibatch_size=3)))
