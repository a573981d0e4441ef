"""Figure alignment: which figures measure the same thing, and whether they agree
(PRODUCT.md stage 6's rule, with its own examples)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsfuse.align.figures import (
    agree,
    disagree,
    interval,
    number_groups,
    precision,
    render_conflict,
    same_measure,
)
from newsfuse.model import Figure, Measure


def fig(text: str, value: float, about: str = "dollars pledged", **extra: Any) -> Figure:
    """A figure with what it counts as written and no measure read from the parse; its
    kind follows its unit (an amount of money, a share, a count)."""
    unit = extra.pop("unit", "USD")
    kind = extra.pop("kind", "count" if unit is None else "percent" if unit == "%" else "money")
    measure = Measure(**extra.pop("measure", {}))
    return Figure(id=extra.pop("id", text), article=extra.pop("article", "a"), paragraph=0,
                  start=0, end=0, text=text, value=value, unit=unit, kind=kind, about=about,
                  measure=measure, **extra)  # fmt: skip


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
    damage = {"noun": "damage", "context": ("damage", "flood")}
    numbers = [
        fig("$3.5 billion", 3.5e9, "damage", article="a", measure=damage),
        fig("$3.6 billion", 3.6e9, "damage", article="b", measure=damage),
        fig("$3.5 billion", 3.5e9, "damage", article="a", measure=damage),  # a's repeat
        fig("12 bridges", 12, "bridges", unit=None, article="c"),
    ]
    numbers[2] = replace(numbers[2], id="repeat")
    (group,) = number_groups(numbers)
    assert group.conflict is True
    assert group.numbers == ("$3.5 billion", "$3.6 billion", "repeat")
    assert group.articles == ("a", "b")
    assert group.measure.noun == "damage"
    low, high = group.members[0].low, group.members[0].high
    assert (low, high) == (pytest.approx(3.45e9), pytest.approx(3.6e9))


# --------------------------------------------------------------------------- kinds


def brief_fig(text: str, value: float, noun: str, **extra: Any) -> Figure:
    """A figure as the brief writes it: kind and measure included."""
    measure: dict[str, Any] = {"noun": noun, "context": tuple(extra.pop("context", [noun]))}
    for key in ("subject", "place", "time", "anchor"):
        if key in extra:
            measure[key] = extra.pop(key)
    for key in ("sides", "ratio"):
        if key in extra:
            extra[key] = tuple(extra[key])
    kind = extra.pop("kind", "count")
    unit = extra.pop("unit", None)
    return Figure(id=extra.pop("id", text), article=extra.pop("article", "a"), paragraph=0,
                  start=0, end=0, text=text, value=value, unit=unit, kind=kind, about=noun,
                  measure=Measure(**measure), **extra)  # fmt: skip


def odds(text: str, n: float, d: float, **extra: Any) -> Figure:
    return brief_fig(text, 100 * n / d, "chance", kind="ratio", unit="%", ratio=[n, d], **extra)


def test_odds_compare_with_each_other_and_with_percentages() -> None:
    words, digits = odds("one-in-three", 1, 3), odds("1 in 3", 1, 3, article="b")
    assert same_measure(words, digits) and agree(words, digits)
    percent = brief_fig("33 percent", 33, "chance", kind="percent", unit="%", article="b")
    assert same_measure(words, percent) and agree(words, percent)
    assert not agree(words, odds("1 in 4", 1, 4, article="b"))  # same precision, other odds
    assert not agree(words, brief_fig("45%", 45, "chance", kind="percent", unit="%"))


def test_a_tally_agrees_only_with_the_same_two_sides() -> None:
    def tally(text: str, sides: list[float], **extra: Any) -> Figure:
        return brief_fig(text, sides[0], "vote", kind="tally", sides=sides, **extra)

    passed = tally("97-1", [97, 1], subject="The Senate")
    assert same_measure(passed, tally("97 to 1", [97, 1], article="b"))
    assert agree(passed, tally("97 to 1", [97, 1], article="b"))
    assert not agree(passed, tally("96-2", [96, 2], article="b"))
    house = tally("348-77", [348, 77], subject="The House", article="b")
    assert not same_measure(passed, house)  # two chambers' votes are two measures


def test_durations_compare_in_days_at_their_written_precision() -> None:
    days = brief_fig("60-day", 60, "suspension", kind="duration", unit="day")
    months = brief_fig("two months", 2, "suspension", kind="duration", unit="month", article="b")
    assert same_measure(days, months) and agree(days, months)
    weeks = brief_fig("three weeks", 3, "suspension", kind="duration", unit="week", article="b")
    assert same_measure(days, weeks) and not agree(days, weeks)


def test_a_vague_quantity_is_a_range_never_a_point() -> None:
    hundreds = brief_fig("hundreds", 200, "protester", vague=True, high=1000)
    assert interval(hundreds).low == 200 and interval(hundreds).high == 1000
    assert agree(hundreds, brief_fig("300", 300, "protester", article="b"))
    assert not agree(hundreds, brief_fig("dozens", 24, "protester", vague=True, high=100))
    assert not agree(hundreds, brief_fig("about 1,500", 1500, "protester", qualifier="about"))


def test_ages_need_the_same_person() -> None:
    def age(text: str, value: float, who: str | None, **extra: Any) -> Figure:
        extra.update({"subject": who} if who else {})
        return brief_fig(text, value, "age", kind="age", unit="year", **extra)

    assert same_measure(age("16", 16, "Malia"), age("16", 16, "Malia Obama", article="b"))
    assert not same_measure(age("13", 13, "Sasha Obama"), age("16", 16, "Malia Obama"))
    assert not same_measure(age("16", 16, None), age("16", 16, "Malia Obama"))


# --------------------------------------------------------------------------- grouping


def test_an_article_with_two_values_is_giving_two_measures() -> None:
    # Both articles give both odds (of winning and of losing): two consistent groups,
    # never one group with a conflict.
    numbers = [
        odds("two-in-three", 2, 3, article="a", id="a2"),
        odds("one-in-three", 1, 3, article="a", id="a1"),
        odds("2 in 3", 2, 3, article="b", id="b2"),
        odds("1 in 3", 1, 3, article="b", id="b1"),
    ]
    groups = number_groups(numbers)
    assert sorted(sorted(g.numbers) for g in groups) == [["a1", "b1"], ["a2", "b2"]]
    assert not any(g.conflict for g in groups)


def test_opposite_senses_are_two_measures() -> None:
    win = odds("2 in 3", 2, 3, context=["chance", "win", "control"])
    lose = odds("1 in 3", 1, 3, article="b", context=["chance", "lose"])
    assert not same_measure(win, lose)


def test_places_and_dates_split_measures() -> None:
    texas = brief_fig("42", 42, "deaths", place="Texas")
    assert not same_measure(texas, brief_fig("57", 57, "deaths", place="Oklahoma", article="b"))
    assert same_measure(texas, brief_fig("57", 57, "deaths", article="b"))  # place unsaid
    march = brief_fig("9%", 9, "rate", kind="percent", unit="%", time="2011-03")
    april = brief_fig("8.8%", 8.8, "rate", kind="percent", unit="%", time="2011-04", article="b")
    assert not same_measure(march, april)
    assert same_measure(march, replace(april, measure=replace(april.measure, time="2011")))


def test_different_values_of_a_generic_noun_need_a_shared_clause_to_conflict() -> None:
    wanted = brief_fig("$2 trillion", 2e12, "cut", kind="money", unit="USD",
                       context=["cut", "spending", "press", "republicans"])  # fmt: skip
    due = brief_fig("$1 trillion", 1e12, "cut", kind="money", unit="USD", article="b",
                    context=["cut", "spending", "kick"])  # fmt: skip
    assert same_measure(wanted, due) and not agree(wanted, due)
    assert number_groups([wanted, due]) == ()  # not shown as a conflict
    assert disagree([wanted], [due])  # but never merged as one fact either


def test_render_conflict_shows_each_side_with_its_article() -> None:
    dead = brief_fig("42", 42, "dead", article="x")
    killed = brief_fig("at least 57", 57, "people killed", article="y", attributed_to="police")
    labels = {"x": "A1", "y": "A2"}
    assert render_conflict([dead, killed], labels) == "42 dead (A1) · at least 57 (A2)"
    assert render_conflict([dead, killed], labels, sources=True) == (
        "42 dead (A1) · at least 57 (A2, police)"
    )


def test_sums_spent_at_one_named_place_are_one_measure() -> None:
    def spent(text: str, value: float, anchor: str, **extra: Any) -> Figure:
        return brief_fig(text, value, extra.pop("noun", "vacation"), kind="money", unit="USD",
                         anchor=anchor, **extra)  # fmt: skip

    nyt = spent("$5,587.75", 5587.75, "the Martha's Vineyard Retreat", article="a")
    hpo = spent("$5,687.75", 5687.75, "Martha's Vineyard Retreat", article="b", noun="include")
    (group,) = number_groups([nyt, hpo])
    assert group.conflict is True  # one stay, two prices: shown, not resolved
    elsewhere = spent("$5,687.75", 5687.75, "Best Buy", article="b", noun="include")
    assert not same_measure(nyt, elsewhere)


def test_the_same_figure_written_alike_is_one_measure_whatever_its_noun() -> None:
    raised = brief_fig("just over $200,000", 2e5, "raise", kind="money", unit="USD",
                       qualifier="more than", context=["raise", "campaign"])  # fmt: skip
    other = brief_fig("just over $200,000", 2e5, "professor", kind="money", unit="USD",
                      qualifier="more than", article="b", context=["topple"])  # fmt: skip
    assert same_measure(raised, other)
    assert not same_measure(raised, replace(other, text="$200,000", qualifier=None))
