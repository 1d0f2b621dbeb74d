import math

import pytest

from rlhf_utils.evaluation import distinct_n, is_cut, repeated_ngram_rate, text_metrics


def test_distinct_by_hand():
    texts = ["the cat sat", "the cat ran"]
    assert distinct_n(texts, 1) == pytest.approx(4 / 6)  # the, cat, sat, ran of 6 words
    assert distinct_n(texts, 2) == pytest.approx(3 / 4)  # (the cat) twice, (cat sat), (cat ran)
    assert distinct_n([""], 2) == 0.0


def test_repeated_trigram_rate_by_hand():
    assert repeated_ngram_rate("a b c a b c") == pytest.approx(1 / 4)  # abc, bca, cab, abc: one repeat
    assert repeated_ngram_rate("one two three four") == 0.0
    assert repeated_ngram_rate("go go go go go") == pytest.approx(2 / 3)


def test_cut_detection():
    assert is_cut("It is a field of") and not is_cut("It is a field.") and not is_cut('He said "yes."')
    assert not is_cut("")  # empty is counted separately


def test_text_metrics(tokenizer):
    m = text_metrics(["Hello world.", "", "Hello there"], tokenizer)
    assert m["empty_rate"] == pytest.approx(1 / 3) and m["cut_rate"] == pytest.approx(1 / 3)
    assert m["mean_length"] == pytest.approx((3 + 0 + 2) / 3)


# ---------------------------------------------------------------- length-aware RM accuracy, length-controlled scores

def test_length_aware_accuracy_by_hand():
    from rlhf_utils.stats import length_aware_accuracy

    # pair:        0: longer, right   1: shorter, wrong   2: tie, wrong   3: shorter, right   4: longer, tie score
    s = length_aware_accuracy([2, 1, 0, 3, 1], [1, 2, 1, 0, 1], [10, 5, 8, 3, 4], [5, 9, 8, 7, 2])
    assert (s["n"], s["n_shorter"], s["n_longer"], s["n_tied"]) == (5, 2, 2, 1)
    assert s["accuracy"] == pytest.approx(2 / 5)  # a tied score counts as wrong
    assert s["accuracy_shorter"] == pytest.approx(1 / 2) and s["accuracy_longer"] == pytest.approx(1 / 2)
    assert s["length_baseline_accuracy"] == pytest.approx((1 + 0 + 0.5 + 0 + 1) / 5)  # ties count one half
    assert s["gap_over_length"] == pytest.approx(2 / 5 - 2.5 / 5)
    for key in ("accuracy", "accuracy_shorter", "accuracy_longer", "length_baseline_accuracy", "gap_over_length"):
        low, high = s[f"{key}_ci"]
        assert low <= s[key] <= high, key
    assert 0 <= s["accuracy_ci"][0] and s["accuracy_ci"][1] <= 1


def test_gap_over_length_ci_is_paired():
    """An RM that scores by length is right exactly where "longer wins" is: its gap is 0 on every resample of
    pairs, so the paired CI is [0, 0] (resampling the two independently would give a wide interval)."""
    from rlhf_utils.stats import length_aware_accuracy

    chosen, rejected = [9, 3, 12, 5, 7, 2, 8, 4], [4, 6, 10, 9, 1, 5, 3, 6]
    s = length_aware_accuracy(chosen, rejected, chosen, rejected)
    assert s["accuracy"] == s["length_baseline_accuracy"] == pytest.approx(4 / 8)
    assert s["gap_over_length"] == 0.0 and s["gap_over_length_ci"] == (0.0, 0.0)
    assert s["accuracy_shorter"] == 0.0 and s["accuracy_longer"] == 1.0


def test_length_aware_accuracy_empty_subset_is_nan():
    from rlhf_utils.stats import length_aware_accuracy

    s = length_aware_accuracy([1.0, 2.0, 0.5], [0.0, 1.0, 0.0], [3, 4, 5], [6, 8, 9])  # chosen always shorter
    assert s["accuracy"] == s["accuracy_shorter"] == 1.0 and s["n_shorter"] == 3
    assert s["length_baseline_accuracy"] == 0.0 and s["gap_over_length"] == 1.0 and s["gap_over_length_ci"] == (1, 1)
    assert s["n_longer"] == 0 and math.isnan(s["accuracy_longer"]) and all(map(math.isnan, s["accuracy_longer_ci"]))


@pytest.mark.parametrize("args, message", [
    (([1, 2], [0, 1], [3, 4], [5]), "same number"),
    (([], [], [], []), "same number"),
    (([1, float("nan")], [0, 1], [3, 4], [5, 6]), "chosen_scores holds NaN"),
    (([1, 2], [0, 1], [3, -4], [5, 6]), "negative"),
    (([[1, 2]], [[0, 1]], [[3, 4]], [[5, 6]]), "shape"),
])
def test_length_aware_accuracy_bad_input_is_one_line(args, message):
    from rlhf_utils.stats import length_aware_accuracy

    with pytest.raises(ValueError, match=message) as err:
        length_aware_accuracy(*args)
    assert "\n" not in str(err.value)


def test_length_line_and_residuals_by_hand():
    from rlhf_utils.stats import fit_length_line, length_residuals

    line = fit_length_line([1, 2, 3], [1, 3, 5])  # score = -1 + 2 * length exactly
    assert line == pytest.approx((-1.0, 2.0))
    assert length_residuals([1, 3, 5, 9, 20], [1, 2, 3, 5, 10], line) == pytest.approx([0, 0, 0, 0, 1])
    assert fit_length_line([4, 4], [1.0, 2.0]) == (1.5, 0.0)  # one length: no slope, the mean score
    with pytest.raises(ValueError, match="same number"):
        fit_length_line([1, 2], [1.0])


def test_length_controlled_scores_by_hand(tokenizer):
    import pandas as pd

    from rlhf_utils.evaluation import length_controlled_scores

    texts = {n: " ".join(["a"] * n) for n in range(1, 6)}
    assert [len(tokenizer(t).input_ids) for t in texts.values()] == [1, 2, 3, 4, 5]
    responses = pd.DataFrame({
        "model": ["sft", "sft", "sft", "ppo", "ppo", "base"],
        "response": [texts[1], texts[2], texts[3], texts[4], texts[5], texts[2]],
        "good_rm_score": [1.0, 3.0, 5.0, 7.0, 10.0, 1.0],  # SFT's line: -1 + 2 * length
    })
    out = length_controlled_scores(responses, tokenizer, n_boot=200)
    col = "good_rm_score_length_controlled"
    assert list(out.index) == ["sft", "ppo", "base"]
    assert out.loc["sft", col] == pytest.approx(0.0, abs=1e-9)  # the reference scores 0 by construction
    assert out.loc["ppo", col] == pytest.approx((0 + 1) / 2)  # 7 is only length; 10 is 1 above the line
    assert out.loc["base", col] == pytest.approx(1 - 3)
    assert out.loc["ppo", f"{col}_ci_low"] <= 0.5 <= out.loc["ppo", f"{col}_ci_high"]
    with pytest.raises(ValueError, match="reference='dpo' is not among"):
        length_controlled_scores(responses, tokenizer, reference="dpo")
    with pytest.raises(ValueError, match="lack the columns"):
        length_controlled_scores(responses.drop(columns="good_rm_score"), tokenizer)
