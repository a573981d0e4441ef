"""Renderers: untrusted article text is escaped; JSON keeps every contract field."""

from __future__ import annotations

import json

from newsfuse.briefing import compose, render
from newsfuse.model import RawDocument
from newsfuse.pipeline import prepare

EVIL = (
    "<script>alert(1)</script> The <img src=x onerror=alert(2)> council met.\n\n"
    'See <a href="javascript:alert(3)">this</a> for more on the vote.'
)


def _brief():
    a = prepare(
        RawDocument(
            "evil.txt",
            "text",
            EVIL,
            title="<b>Title</b>",
            url="javascript:alert(4)",
            source='Ev"il',
        )
    )
    return compose([a])


def test_html_escapes_article_text_title_and_url() -> None:
    html = render(_brief(), "html")
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert 'href="javascript:' not in html
    assert "&lt;b&gt;Title&lt;/b&gt;" in html


def test_json_round_trips_text_exactly() -> None:
    data = json.loads(render(_brief(), "json"))
    assert data["articles"][0]["paragraphs"][0].startswith("<script>alert(1)</script>")
    assert data["articles"][0]["url"] == "javascript:alert(4)"


def test_markdown_undated_single_article() -> None:
    md = render(_brief(), "md")
    assert md.startswith("# <b>Title</b>\n")
    assert "*1 article · 1 outlet · undated · story " in md
    assert "date unknown" in md


def test_articles_are_ordered_by_date_with_undated_last() -> None:
    docs = [
        RawDocument(
            f"{n}.txt",
            "text",
            f"Story text number {n}.",
            date=d,
            date_from="header" if d else "none",
        )
        for n, d in (("u", None), ("b", "2021-05-02"), ("a", "2021-05-01"))
    ]
    brief = compose([prepare(d) for d in docs])
    assert [a.path for a in brief.articles] == ["a.txt", "b.txt", "u.txt"]
    assert (brief.story.first_published, brief.story.last_published) == (
        "2021-05-01",
        "2021-05-02",
    )
    assert list(brief.labels.values()) == ["A1", "A2", "A3"]


def test_short_indirect_attributions_stay_out_of_who_said_what() -> None:
    from dataclasses import replace

    from newsfuse.model import Quote

    brief = _brief()
    art = brief.articles[0].id
    quote = Quote(id="q1", article=art, paragraph=0, start=0, end=5, end_paragraph=0,
                  text="the plan", parts=(), kind="indirect", speaker="Jane Doe",
                  cue="supports")  # fmt: skip
    long = replace(quote, id="q2", cue="said", text="the plan would cut taxes for most families")
    md = render(replace(brief, quotes=(quote, long)), "md")
    assert "the plan would cut taxes for most families" in md
    assert "“the plan” *indirect*" not in md
    data = json.loads(render(replace(brief, quotes=(quote, long)), "json"))
    assert [q["id"] for q in data["quotes"]] == ["q1", "q2"]  # JSON keeps every attribution
