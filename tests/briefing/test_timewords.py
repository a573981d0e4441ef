"""Times as people read them: the brief's pages and Markdown never show a TIMEX3 code."""

from __future__ import annotations

import pytest

from newsfuse.briefing import compose, render
from newsfuse.briefing.timewords import time_words
from newsfuse.pipeline import load


@pytest.mark.parametrize(
    ("value", "kind", "words"),
    [
        ("2022-12-19", "DATE", "19 December 2022"),
        ("2022-11", "DATE", "November 2022"),
        ("2016-W38", "DATE", "the week of 19 September 2016"),
        ("2016-W38-WE", "DATE", "the weekend of 24 September 2016"),
        ("PXM", "DURATION", "for months"),
        ("P3D", "DURATION", "for 3 days"),
        ("PT1H", "DURATION", "for an hour"),
        ("P1W", "SET", "every week"),
        ("XXXX-WXX-1", "SET", "every Monday"),
        ("2022-Q3", "DATE", "the third quarter of 2022"),
        ("2022-SU", "DATE", "summer 2022"),
        ("199", "DATE", "the 1990s"),
        ("PRESENT_REF", "DATE", "now"),
        ("2022-12-19TMO", "TIME", "the morning of 19 December 2022"),
        ("XXXX-12-25", "DATE", "25 December (year not stated)"),
    ],
)
def test_values_in_words(value: str, kind: str, words: str) -> None:
    assert time_words(value, kind) == words


def test_a_value_it_cannot_read_is_shown_as_written() -> None:
    assert time_words("2022-02-30") == "2022-02-30"  # no such day: nothing guessed
    assert time_words("") == ""


def test_markdown_and_html_briefs_show_times_in_words(tmp_path: object) -> None:
    from pathlib import Path

    folder = Path(str(tmp_path))
    (folder / "a.txt").write_text(
        "date 2016-09-23\n\nThe mayor said on Friday that the works had dragged on for "
        "months and would finish within the week.\n\nCrews worked every Monday through the "
        "summer, the city said in a statement.\n",
        encoding="utf-8",
    )
    brief = compose(list(load([str(folder / "a.txt")]).articles))
    values = {t.value for t in brief.times}
    assert "PXM" in values  # the JSON keeps the TIMEX3 value for programs
    for fmt in ("md", "html"):
        text = render(brief, fmt)  # type: ignore[arg-type]
        assert "for months" in text
        assert "PXM" not in text and "W38" not in text


def test_an_event_with_several_dates_shows_them_all_in_words(tmp_path: object) -> None:
    from dataclasses import replace
    from pathlib import Path

    from newsfuse.model import Cite, TimelineLine

    folder = Path(str(tmp_path))
    (folder / "a.txt").write_text(
        "date 2016-10-02\n\nThe works began in September and ended in October, the city "
        "said on Sunday in a statement.\n",
        encoding="utf-8",
    )
    brief = compose(list(load([str(folder / "a.txt")]).articles))
    art = brief.articles[0].id
    cite = Cite(article=art, paragraph=0, start=0, end=9)
    event = TimelineLine(date="2016-09-19", also=("2016-W38", "2016-10"), text="It began.",
                         articles=(art,), cites=(cite,))  # fmt: skip
    brief = replace(brief, timeline=(event,))
    for fmt in ("md", "html"):
        text = render(brief, fmt)  # type: ignore[arg-type]
        assert "19 September 2016" in text
        assert "also the week of 19 September 2016, October 2016" in text
