"""The plain-text header parser: line and inline forms, and prose it must not eat."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from newsfuse.ingest.headers import parse_header


def test_line_headers_any_case_with_or_without_colon() -> None:
    h = parse_header(
        "Title: Storm hits coast\nDATE 2023-01-05\nsource: Example Times\n"
        "url https://example.com/a\n\nThe storm arrived at night."
    )
    assert h.values == {
        "title": "Storm hits coast",
        "date": "2023-01-05",
        "source": "Example Times",
        "url": "https://example.com/a",
    }
    assert h.body == "The storm arrived at night."


def test_inline_date_followed_by_first_sentence() -> None:
    h = parse_header(" date 2022-12-21 Ukraine’s resistance is “breaking” the army.\n\nMore.")
    assert h.values == {"date": "2022-12-21"}
    assert h.body == "Ukraine’s resistance is “breaking” the army.\n\nMore."


def test_written_out_date_value() -> None:
    assert parse_header("date: December 21, 2022\n\nBody.").values == {"date": "2022-12-21"}


def test_prose_that_starts_like_a_header_stays_body() -> None:
    for text in (
        "Date night is back in fashion, say restaurant owners.",
        "Title IX protections were expanded on Monday\nby the department.",
        "Source code for the app was leaked.\nIt spread fast.",
        "url shorteners are everywhere.",
        "date 2022-13-45 is not a date",
    ):
        h = parse_header(text)
        assert h.values == {} and h.body == text.strip("\n")


def test_header_block_followed_by_the_text_without_a_blank_line() -> None:
    h = parse_header(
        "date 2022-12-21\nsource Kyiv Independent\nThe president visited the city on "
        "Tuesday.\n\nMore."
    )
    assert h.values == {"date": "2022-12-21", "source": "Kyiv Independent"}
    assert h.body == "The president visited the city on Tuesday.\n\nMore."
    h = parse_header("date 2022-12-21\ntitle Mayor opens the bridge\nThe mayor cut the ribbon.")
    assert h.values == {"date": "2022-12-21", "title": "Mayor opens the bridge"}
    assert h.body == "The mayor cut the ribbon."


def test_prose_after_a_date_header_stays_body() -> None:
    for rest in (
        "Source close to the talks said the deal was near.\nMore.",
        "source of the leak was never found\nby the police.",
        "Source code for the app was leaked by a former employee of the company\nIt spread.",
    ):
        h = parse_header("date 2022-12-21\n" + rest)
        assert h.values == {"date": "2022-12-21"} and h.body == rest


def test_duplicate_key_ends_the_header() -> None:
    h = parse_header("date 2022-01-01\ndate 2022-02-02\nBody.")
    assert h.values == {"date": "2022-01-01"} and h.body.startswith("date 2022-02-02")


iso_dates = st.dates().filter(lambda d: d.year >= 1000).map(lambda d: d.isoformat())
safe_value = (
    st.text(st.characters(categories=("L", "N"), include_characters=" -'"), min_size=1, max_size=60)
    .map(str.strip)
    .filter(bool)
)
body_text = st.text(min_size=1, max_size=300).filter(lambda t: t.strip() and t.strip()[0].isupper())


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=500))
def test_never_crashes(text: str) -> None:
    h = parse_header(text)
    assert set(h.values) <= {"date", "title", "source", "url"}


@settings(max_examples=200, deadline=None)
@given(
    date=st.none() | iso_dates,
    title=st.none() | safe_value,
    source=st.none() | safe_value,
    body=body_text,
)
def test_round_trip(date: str | None, title: str | None, source: str | None, body: str) -> None:
    lines = []
    if date:
        lines.append(f"date: {date}")
    if title:
        lines.append(f"title: {title}")
    if source:
        lines.append(f"source: {source}")
    h = parse_header("\n".join(lines) + "\n\n" + body)
    expected = {k: v for k, v in (("date", date), ("title", title), ("source", source)) if v}
    assert h.values == expected
    assert h.body == body.strip("\n\ufeff") if expected else h.body.strip() == body.strip()
