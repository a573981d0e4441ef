"""The benchmark's metric on tiny hand-written texts, checked against values worked out by hand."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsfuse.errors import EvalError
from newsfuse.eval import default_eval_root
from newsfuse.eval.extraction import (
    default_data_dir,
    load_pages,
    page_counts,
    score,
    shingles,
    split_of,
    tokenize,
)

SIX = "one two three four five six"


def test_tokens_are_unicode_word_runs_with_case_kept() -> None:
    assert tokenize("Hello, world! It's 2022-12-20.") == [
        "Hello", "world", "It", "s", "2022", "12", "20",
    ]  # fmt: skip
    assert tokenize("Привет, мир") == ["Привет", "мир"]


def test_shingles_are_a_multiset_of_four_token_windows() -> None:
    # 8 tokens -> 5 windows; "a b c d" occurs twice
    got = shingles("a b c d a b c d")
    assert got[("a", "b", "c", "d")] == 2
    assert sum(got.values()) == 5
    assert shingles("") == {}


def test_short_text_is_one_shorter_shingle() -> None:
    assert shingles("hello world") == {("hello", "world"): 1}


def test_perfect_match() -> None:
    s = score([(SIX, SIX)])
    assert (s.f1, s.precision, s.recall, s.accuracy) == (1.0, 1.0, 1.0, 1.0)


def test_partial_overlap() -> None:
    # truth windows: 1234 2345 3456; prediction: 1234 2345 345seven
    # tp=2 fp=1 fn=1 -> normalised (0.5, 0.25, 0.25) -> P = R = 2/3
    c = page_counts(SIX, "one two three four five seven")
    assert (c.tp, c.fp, c.fn) == (0.5, 0.25, 0.25)
    s = score([(SIX, "one two three four five seven")])
    assert s.precision == pytest.approx(2 / 3)
    assert s.recall == pytest.approx(2 / 3)
    assert s.f1 == pytest.approx(2 / 3)
    assert s.accuracy == 0.0


def test_repeated_shingles_count_once_each() -> None:
    # truth has abcd twice plus 3 other windows; prediction abcd once:
    # tp=1 fp=0 fn=4 -> P = 1, R = 1/5
    s = score([("a b c d a b c d", "a b c d")])
    assert s.precision == 1.0
    assert s.recall == pytest.approx(0.2)


def test_empty_prediction_counts_for_recall_only() -> None:
    # page 1 perfect; page 2 empty: left out of the precision average, recall 0
    s = score([(SIX, SIX), (SIX, "")])
    assert s.precision == 1.0
    assert s.recall == 0.5
    assert s.f1 == pytest.approx(2 * 1.0 * 0.5 / 1.5)
    assert s.accuracy == 0.5


def test_all_predictions_empty_scores_zero() -> None:
    s = score([(SIX, "")])
    assert (s.f1, s.precision, s.recall) == (0.0, 0.0, 0.0)


def test_f1_comes_from_averaged_precision_and_recall() -> None:
    # page 1: P=1, R=0.2 (F1 1/3); page 2: P=R=1. Averages P=1, R=0.6 -> F1 0.75,
    # not the mean of the per-page F1 values (2/3).
    s = score([("a b c d a b c d", "a b c d"), (SIX, SIX)])
    assert s.precision == 1.0
    assert s.recall == pytest.approx(0.6)
    assert s.f1 == pytest.approx(0.75)


def test_fewer_than_four_tokens() -> None:
    assert score([("hello world", "hello world")]).f1 == 1.0
    # one 2-token shingle each, different: tp=0 fp=1 fn=1
    different = score([("hello world", "hello there")])
    assert (different.precision, different.recall) == (0.0, 0.0)
    # a 3-token truth is one 3-token shingle: no 4-token window of the prediction matches it
    longer = page_counts("a b c", "a b c d e")
    assert (longer.tp, longer.fp, longer.fn) == (0.0, 2 / 3, 1 / 3)


def test_accuracy_compares_token_sequences() -> None:
    assert score([("Hello, world: it works.", "Hello world\n\nit works")]).accuracy == 1.0
    assert score([("Hello world it works", "hello world it works")]).accuracy == 0.0
    assert score([(SIX, SIX), (SIX, "one two")]).accuracy == 0.5


def test_bootstrap_spread_is_zero_when_every_page_is_the_same() -> None:
    s = score([(SIX, SIX)] * 5, bootstrap=50)
    assert s.f1_std == 0.0


def test_splits_by_first_hex_digit() -> None:
    assert [split_of(c + "abc") for c in "07"] == ["dev", "dev"]
    assert [split_of(c + "abc") for c in "89af"] == ["test"] * 4


def test_missing_data_names_the_path(tmp_path: Path) -> None:
    with pytest.raises(EvalError, match=str(tmp_path)):
        load_pages(tmp_path, "dev")


def test_default_data_lies_beside_the_project_root(tmp_path: Path) -> None:
    project = tmp_path / "main"
    (project / "src" / "pkg").mkdir(parents=True)
    (project / "pyproject.toml").write_text("[project]\n")
    start = project / "src" / "pkg"
    assert default_eval_root(start) == tmp_path / "shared" / "eval"
    assert default_data_dir(start).parent == tmp_path / "shared" / "eval"
