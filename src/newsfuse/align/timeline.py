"""The timeline of a story: each dated event with the sentence that dates it, in date
order, one line for an event several articles date alike.

A time expression dates its sentence only when it belongs to the sentence's own event
(extraction marks it ``event: false`` when it sits in a relative clause, a clause
about another event or a noun's modifier: "one day after his first visit", "the
invasion in February"). A date after its article's publication stays only when the
sentence speaks of the future: otherwise it is a misread weekday.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from newsfuse.align.facts import SAME_FACT, Story, disagree
from newsfuse.align.text import out_of_context

Json = dict[str, Any]

_DAY_OR_MONTH = re.compile(r"\d{4}-\d{2}(?:-\d{2})?")
# Words that put a sentence in the future.
_FUTURE = re.compile(
    r"\b(?:will|would|shall|expected|scheduled|plans?|planned|set to|due to|is to|are to)\b",
    re.IGNORECASE,
)


def timeline(story: Story, times: Sequence[Mapping[str, Any]]) -> list[Json]:
    """Dated lines in date order (see the module docstring)."""
    published = {a.id: a.published or "" for a in story.articles}
    entries: list[tuple[str, int, Json]] = []  # date, sentence, line
    for t in times:
        value = str(t.get("value") or "")
        if not _DAY_OR_MONTH.fullmatch(value) or t.get("event") is False:
            continue
        k = story.holder(t)
        if k is None:
            continue
        s = story.units[k]
        day = published.get(s.article, "")
        if out_of_context(s.text) or (day and value[:10] > day[:10] and not _FUTURE.search(s.text)):
            continue
        for date, other, line in entries:
            if date != value or other == k:
                continue
            if s.article in line["articles"]:
                continue
            p = story.score(k, other)
            if p >= SAME_FACT and not disagree(story, k, other):
                line["articles"].append(s.article)
                line["cites"].append({**s.cite(), "score": round(p, 3)})
                break
        else:
            if not any(d == value and o == k for d, o, _ in entries):
                line = {"date": value, "text": s.text, "articles": [s.article], "cites": [s.cite()]}
                entries.append((value, k, line))
    entries.sort(key=lambda e: e[0])
    # a sentence that names several dates is shown once, at the first, with the others
    out: list[Json] = []
    first: dict[int, Json] = {}
    for date, k, line in entries:
        seen = first.get(k)
        if seen is None:
            first[k] = line
            out.append(line)
        elif date != seen["date"] and date not in seen.setdefault("also", []):
            seen["also"].append(date)
    return out
