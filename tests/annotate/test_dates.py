"""Publication dates from declared values and from the prose."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsfuse.annotate.dates import find_text_date, parse_date_value


@pytest.mark.parametrize(
    ("value", "iso"),
    [
        ("2022-12-21", "2022-12-21"),
        ("2022-12-21T08:30:00Z", "2022-12-21"),
        ("December 21, 2022", "2022-12-21"),
        ("Dec. 21, 2022", "2022-12-21"),
        ("21 December 2022", "2022-12-21"),
        ("Wednesday, 21st Dec 2022", "2022-12-21"),
        ("Sept. 3, 2021", "2021-09-03"),
        ("2022-02-30", None),
        ("yesterday", None),
        ("soon", None),
    ],
)
def test_parse_date_value(value: str, iso: str | None) -> None:
    assert parse_date_value(value) == iso


def test_dateline_with_today_and_weekday() -> None:
    paras = ["Lead paragraph.", "He spoke during a visit today on Tuesday, December, 20, 2022."]
    found = find_text_date(paras)
    assert found is not None and (found.iso, found.paragraph) == ("2022-12-20", 1)


def test_past_event_dates_are_not_publication_dates() -> None:
    assert find_text_date(["The invasion, which began February, 24, 2022 has stalled."]) is None
    assert find_text_date(["Prices have risen since March 3, 2021 and keep rising."]) is None


def test_inconsistent_weekday_loses() -> None:
    # 2022-12-20 was a Tuesday, not a Friday
    assert find_text_date(["Published Friday, December 20, 2022 at noon."]) is None


def test_published_cue_beats_lead_position() -> None:
    paras = ["Officials met on March 1, 2020.", "x", "y", "z", "Posted: March 9, 2020"]
    found = find_text_date(paras)
    assert found is not None and found.iso == "2020-03-09"


@given(st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2099, 12, 31)))
def test_any_written_date_in_a_dateline_round_trips(d: dt.date) -> None:
    text = f"Published {d.strftime('%A, %B %d, %Y')} by staff."
    found = find_text_date([text])
    assert found is not None and found.iso == d.isoformat()
