"""Title, outlet and date with provenance, filled from the text when the input is silent."""

from __future__ import annotations

from newsfuse.model import RawDocument
from newsfuse.pipeline import prepare

BODY = (
    "The council approved the budget on Monday after a long debate.\n\n"
    "Mayor Jane Doe said the plan would fund two new schools."
)


def test_headline_shaped_first_line_becomes_the_title() -> None:
    a = prepare(RawDocument("x.txt", "text", "Council Passes Budget After Long Debate\n\n" + BODY))
    assert (a.title, a.title_from) == ("Council Passes Budget After Long Debate", "text")
    assert a.paragraphs[0].startswith("The council approved")


def test_first_sentence_is_not_a_title() -> None:
    a = prepare(RawDocument("x.txt", "text", BODY))
    assert (a.title, a.title_from) == (None, "none")


def test_body_line_repeating_declared_title_is_removed_as_title() -> None:
    raw = RawDocument(
        "x.json", "json", "Council passes budget\n\n" + BODY, title="Council Passes Budget"
    )
    a = prepare(raw)
    assert a.paragraphs[0].startswith("The council approved")
    assert (a.removed[0].reason, a.removed[0].detail) == ("title", "repeats the title")


def test_outlet_from_url_when_nothing_else_says() -> None:
    a = prepare(RawDocument("x.json", "json", BODY, url="https://www.example-news.co.uk/a/1"))
    assert (a.source, a.source_from) == ("example-news.co.uk", "url")


def test_declared_values_win_over_text() -> None:
    raw = RawDocument(
        "x.txt",
        "text",
        "Published March 9, 2020.\n\n" + BODY + "\n\nCityNews",
        date="2020-03-10",
        date_from="header",
        source="City News Ltd",
        source_from="header",
    )
    a = prepare(raw)
    assert (a.published, a.published_from) == ("2020-03-10", "header")
    assert (a.source, a.source_from) == ("City News Ltd", "header")


def test_article_id_ignores_typography_and_spacing() -> None:
    a = prepare(RawDocument("a.txt", "text", "He said ‘yes’ – twice."))
    b = prepare(RawDocument("b.txt", "text", "He  said 'yes' - twice.\n"))
    c = prepare(RawDocument("c.txt", "text", "He said 'no' - twice."))
    assert a.id == b.id != c.id and len(a.id) == 16
