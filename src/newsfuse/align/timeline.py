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
from collections.abc import Sequence
from dataclasses import dataclass, field

from newsfuse.align.facts import Story, disagree
from newsfuse.align.text import out_of_context
from newsfuse.model import Cite, TimeExpression, TimelineLine

_DAY_OR_MONTH = re.compile(r"\d{4}-\d{2}(?:-\d{2})?")
# Words that put a sentence in the future.
_FUTURE = re.compile(
    r"\b(?:will|would|shall|expected|scheduled|plans?|planned|set to|due to|is to|are to)\b",
    re.IGNORECASE,
)


@dataclass(slots=True)
class _Line:
    """A timeline line while articles join it."""

    date: str
    text: str
    articles: list[str]
    cites: list[Cite]
    also: list[str] = field(default_factory=list)

    def line(self) -> TimelineLine:
        return TimelineLine(date=self.date, text=self.text, articles=tuple(self.articles),
                            cites=tuple(self.cites), also=tuple(self.also))  # fmt: skip


def timeline(story: Story, times: Sequence[TimeExpression]) -> list[TimelineLine]:
    """Dated lines in date order (see the module docstring)."""
    published = {a.id: a.published or "" for a in story.articles}
    entries: list[tuple[str, int, _Line]] = []  # date, sentence, line
    for t in times:
        value = t.value or ""
        if not _DAY_OR_MONTH.fullmatch(value) or t.event is False:
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
            if s.article in line.articles:
                continue
            p = story.score(k, other)
            if p >= story.threshold and not disagree(story, k, other):
                line.articles.append(s.article)
                line.cites.append(s.cite(p))
                break
        else:
            if not any(d == value and o == k for d, o, _ in entries):
                entries.append((value, k, _Line(value, s.text, [s.article], [s.cite()])))
    entries.sort(key=lambda e: e[0])
    # a sentence that names several dates is shown once, at the first, with the others
    out: list[_Line] = []
    first: dict[int, _Line] = {}
    for date, k, line in entries:
        seen = first.get(k)
        if seen is None:
            first[k] = line
            out.append(line)
        elif date != seen.date and date not in seen.also:
            seen.also.append(date)
    return [line.line() for line in out]
