"""Figure alignment: which figures measure the same thing, and whether they agree
(PRODUCT.md stage 6's rule, with its own examples)."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsfuse.align.figures import agree, interval, number_groups, precision, same_measure


def fig(text: str, value: float, about: str = "dollars pledged", **extra: Any) -> dict[str, Any]:
    return {"id": text, "article": extra.pop("article", "a"), "text": text, "value": value,
            "unit": extra.pop("unit", "USD"), "about": about, **extra}  # fmt: skip


@pytest.mark.parametrize(
    ("a", "b", "consistent"),
    [
        (fig("$43 million", 43e6), fig("$43,885,310", 43_885_310), True),
        (fig("$1.4 billion", 1.4e9), fig("$1.375 billion", 1.375e9), True),
        (fig("$3.5 billion", 3.5e9), fig("$3.6 billion", 3.6e9), False),
        (fig("$1.4 billion", 1.4e9), fig("$1.6 billion", 1.6e9), False),
        (
            fig("more than $40 billion", 4e10, qualifier="more than"),
            fig("$45 billion", 4.5e10),
            True,
        ),
        (
            fig("more than $40 billion", 4e10, qualifier="more than"),
            fig("$38 billion", 3.8e10),
            False,
        ),
        (fig("some 100,000", 1e5, qualifier="some"), fig("99,230", 99_230), True),
        (fig("nearly 500", 500, qualifier="nearly"), fig("510", 510), False),
    ],
)
def test_precision_and_qualifiers_decide_agreement(
    a: dict[str, Any], b: dict[str, Any], consistent: bool
) -> None:
    assert agree(a, b) is consistent
    assert agree(b, a) is consistent


def test_the_written_precision_of_a_figure() -> None:
    assert precision("99,230", 99_230) == 1  # an exact count
    assert precision("$3.5 billion", 3.5e9) == pytest.approx(1e8)
    assert precision("100,000", 1e5) == 1e4
    assert precision("$43 million", 43e6) == pytest.approx(1e6)


@given(st.integers(min_value=2, max_value=10**9))
def test_a_figure_agrees_with_itself(value: int) -> None:
    f = fig(f"{value:,}", float(value), unit=None)
    assert agree(f, f)
    i = interval(f)
    assert i.low <= value <= i.high


def test_figures_about_different_countries_are_different_measures() -> None:
    russian = fig("Some 100,000", 1e5, "Russian troops dead", unit=None, article="a")
    ukrainian = fig("about 100,000", 1e5, "estimated number of Ukrainian troops", unit=None)
    said = "Ukraine's armed forces claimed Russia had lost 99,230 troops."
    reported = fig("99,230", 99_230, "troops", unit=None, article="b", sentence=said)
    assert same_measure(russian, reported)
    assert not same_measure(ukrainian, reported)


def test_units_and_magnitudes_must_match() -> None:
    assert not same_measure(fig("$5 million", 5e6), fig("5 million", 5e6, unit=None))
    assert not same_measure(fig("$5 million", 5e6), fig("$50 million", 5e7))


def test_groups_span_articles_and_flag_conflicts() -> None:
    numbers = [
        fig("$3.5 billion", 3.5e9, "fund for schools", article="a"),
        fig("$3.6 billion", 3.6e9, "fund for schools", article="b"),
        fig("$3.5 billion", 3.5e9, "fund for schools", article="a"),  # same article: no group
        fig("12 bridges", 12, "bridges", unit=None, article="c"),
    ]
    numbers[2]["id"] = "dup"
    (group,) = number_groups(numbers)
    assert group["conflict"] is True
    assert set(group["numbers"]) >= {"$3.5 billion", "$3.6 billion"}
