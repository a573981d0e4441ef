"""Time expressions normalised against a publication date (hand-written sentences)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from newsfuse.model import TimeMention

# Tuesday: the seed articles' day, so that "Monday" is yesterday and "Tuesday" today.
ANCHOR = dt.date(2022, 12, 20)

Extract = Callable[[str], list[TimeMention]]


@pytest.fixture(scope="module")
def extract() -> Extract:
    """Parse once per module (the model takes seconds to load), then extract."""
    from newsfuse.annotate.nlp import load_nlp
    from newsfuse.extract.times import extract_times

    nlp = load_nlp()

    def run(text: str, anchor: dt.date | None = ANCHOR) -> list[TimeMention]:
        return extract_times(nlp(text), anchor=anchor)

    return run


def values(mentions: list[TimeMention]) -> dict[str, str]:
    return {m.span.text: m.value for m in mentions}


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("The minister toured the harbour on Monday with two generals.", "Monday", "2022-12-19"),
        ("Tomorrow the council will vote on the budget.", "Tomorrow", "2022-12-21"),
        ("Grain prices climbed sharply last month, traders said.", "last month", "2022-11"),
        ("The steel plant will reopen next year.", "next year", "2023"),
        ("Exports have fallen steadily since May.", "May", "2022-05"),
        ("In September, the army retook the river crossing.", "September", "2022-09"),
        ("The blockade began on Feb. 24 and has not eased.", "Feb. 24", "2022-02-24"),
        (
            "The ceasefire was signed on February, 24, 2022 in Minsk.",
            "February, 24, 2022",
            "2022-02-24",
        ),
        (
            "The mayor said earlier Tuesday that the bridge was closed.",
            "earlier Tuesday",
            "2022-12-20",
        ),
        ("Yesterday the ferry did not sail.", "Yesterday", "2022-12-19"),
        ("The envoy will fly to Warsaw on Friday.", "Friday", "2022-12-23"),
        ("Turnout was low this week.", "this week", "2022-W51"),
        ("The mine closed three days ago.", "three days ago", "2022-12-17"),
        ("Profits doubled in the third quarter.", "the third quarter", "2022-Q3"),
        ("Rents rose in the 1990s.", "the 1990s", "199"),
        ("The talks will resume at 2:30 p.m. on Wednesday.", "2:30 p.m.", "2022-12-21T14:30"),
        ("The sirens sounded at 6 a.m.", "6 a.m.", "2022-12-20T06:00"),
        ("The bank raised rates in 2014.", "2014", "2014"),
        ("The port is now closed.", "now", "PRESENT_REF"),
        ("Such sieges happened in the past.", "the past", "PAST_REF"),
        ("Officials currently expect a deal.", "currently", "PRESENT_REF"),
    ],
)
def test_expression_is_normalised_against_the_publication_date(
    extract: Extract, text: str, span: str, value: str
) -> None:
    found = values(extract(text))
    assert found.get(span) == value, found


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("The war has lasted three years.", "three years", "P3Y"),
        ("The town endured a 10-month siege.", "10-month", "P10M"),
        ("The strike lasted five hours.", "five hours", "PT5H"),
        ("Repairs will take several weeks.", "several weeks", "PXW"),
    ],
)
def test_durations_get_iso_periods(extract: Extract, text: str, span: str, value: str) -> None:
    mentions = {m.span.text: m for m in extract(text)}
    assert mentions[span].value == value
    assert mentions[span].type == "DURATION"


def test_every_day_is_a_set(extract: Extract) -> None:
    (m,) = extract("Trains leave the capital every day.")
    assert (m.span.text, m.value, m.type) == ("every day", "P1D", "SET")


def test_span_offsets_point_into_the_text(extract: Extract) -> None:
    text = "Prices rose last month and will fall next year, he said on Monday."
    for m in extract(text):
        assert text[m.span.start : m.span.end] == m.span.text


@pytest.mark.parametrize(
    "text",
    [
        "The ministry counted 99,230 troops and 1,500 tanks.",
        "Officials may decide later whom to send.",
        "The general, 54, commands 2014 soldiers in the region.",
        "He is 45 years old and lives in Kharkiv.",
        "Three-quarters of the vote went to the opposition.",
    ],
)
def test_no_spans_on_plain_numbers_ages_or_modal_may(extract: Extract, text: str) -> None:
    assert extract(text) == []


def test_a_year_inside_a_product_name_is_not_a_date(extract: Extract) -> None:
    found = values(extract("The office still runs Windows 2000 on every machine."))
    assert "2000" not in found


def test_without_an_anchor_relative_values_are_masked(extract: Extract) -> None:
    found = values(extract("He left on Monday, three days after the vote in May 2020.", None))
    assert found["Monday"] == "XXXX-WXX-1"
    assert found["May 2020"] == "2020-05"


def test_anchor_at_the_end_of_the_calendar_does_not_crash(extract: Extract) -> None:
    found = values(extract("Sales rose last week and will fall next year.", dt.date(9999, 12, 31)))
    assert found["last week"] == "9999-W51"


def test_empty_text_has_no_times(extract: Extract) -> None:
    assert extract("") == []


def test_since_a_month_is_in_the_past_whatever_the_verb(extract: Extract) -> None:
    # present perfect in an article of 2022-12-20: the last May, not the next one
    found = values(
        extract("Since May, the rebels have been trying to take the town.", dt.date(2022, 12, 20))
    )
    assert found == {"May": "2022-05"}


def test_a_day_that_names_an_event_is_not_dated_by_the_article() -> None:
    from datetime import date

    from newsfuse.annotate.nlp import load_nlp
    from newsfuse.extract.times import extract_times

    doc = load_nlp()(
        "The bill lets families of those killed in the Sept. 11 attacks sue. Fifteen of the "
        "19 Sept. 11 hijackers were Saudi. The Senate votes on Sept. 28."
    )
    found = {t.span.text: t.value for t in extract_times(doc, anchor=date(2016, 9, 26))}
    assert found == {"Sept. 28": "2016-09-28"}


def test_a_month_under_would_is_ahead_of_the_article() -> None:
    from datetime import date

    from newsfuse.annotate.nlp import load_nlp
    from newsfuse.extract.times import extract_times

    doc = load_nlp()(
        "A second bill would provide money for the shuttered agencies through September."
    )
    found = {t.span.text: t.value for t in extract_times(doc, anchor=date(2019, 1, 3))}
    assert found == {"September": "2019-09"}


def test_a_weekday_under_expected_to_is_ahead() -> None:
    from datetime import date

    from newsfuse.annotate.nlp import load_nlp
    from newsfuse.extract.times import extract_times

    doc = load_nlp()("The override vote is expected to begin in the Senate on Wednesday.")
    found = {t.span.text: t.value for t in extract_times(doc, anchor=date(2016, 9, 27))}
    assert found == {"Wednesday": "2016-09-28"}


# Wednesday 2 January 2019: "Thursday" ahead is the 3rd, behind is 27 December.
WEDNESDAY = dt.date(2019, 1, 2)


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        # a reduced participle clause after a plan shares its future
        (
            "The override is expected to begin in the Senate today, followed by the House on "
            "Thursday.",
            "Thursday",
            "2019-01-03",
        ),
        ("Democrats, poised to take control of the House on Thursday, refuse.", "Thursday",
         "2019-01-03"),
        ("Ms. Pelosi, who is in line to be elected speaker on Thursday, spoke.", "Thursday",
         "2019-01-03"),
        ("Ms. Pelosi plans on Thursday to bring up two bills.", "Thursday", "2019-01-03"),
        # asking someone to do something: the doing comes after, even in a past sentence
        ("The president asked the leaders to return to the White House on Friday.", "Friday",
         "2019-01-04"),
        # …while a plain past stays past
        ("The leaders met at the White House on Friday.", "Friday", "2018-12-28"),
        ("Troops, led by a colonel, crossed the river on Friday.", "Friday", "2018-12-28"),
    ],
)  # fmt: skip
def test_a_weekday_after_a_plan_or_request_lies_ahead(
    extract: Extract, text: str, span: str, value: str
) -> None:
    assert values(extract(text, WEDNESDAY))[span] == value


def test_days_inside_names_are_not_dates(extract: Extract) -> None:
    found = values(
        extract(
            "Kristen Breitweiser, co-chair of September 11th Advocates, spoke on Fox News' "
            "“Tucker Carlson Tonight” on Thursday night.",
            dt.date(2016, 9, 30),
        )
    )
    assert found == {"Thursday night": "2016-09-29"}


def test_an_infinitive_under_a_past_gerund_stays_past(extract: Extract) -> None:
    text = "The House ensured the bill will become law after voting to override Wednesday."
    assert values(extract(text, dt.date(2016, 9, 29))) == {"Wednesday": "2016-09-28"}


def test_before_a_weekdays_event_follows_the_verb(extract: Extract) -> None:
    text = "Schumer, speaking moments before Wednesday's vote, pushed back hard."
    assert values(extract(text, dt.date(2016, 9, 29))) == {"Wednesday": "2016-09-28"}
    assert values(extract("The talks will go on until Friday.", dt.date(2016, 9, 29))) == {
        "Friday": "2016-09-30"
    }


@pytest.mark.parametrize(
    ("text", "phrase", "own"),
    [
        ("The Senate voted on Monday to override the veto.", "Monday", True),
        ("On Tuesday, the governor signed the bill.", "Tuesday", True),
        (
            "Putin met Lukashenko, who allowed the invasion of Ukraine in February.",
            "February",
            False,
        ),
        ("Russia's invasion in February has lost momentum.", "February", False),
        ("Schumer spoke moments before Wednesday's vote.", "Wednesday", False),
    ],
)
def test_a_time_dates_its_sentence_only_when_it_belongs_to_the_sentence_event(
    extract: Extract, text: str, phrase: str, own: bool
) -> None:
    (found,) = [m for m in extract(text, dt.date(2022, 12, 20)) if m.span.text == phrase]
    assert found.event is own
