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
