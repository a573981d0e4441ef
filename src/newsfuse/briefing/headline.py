"""One headline per story, the same in the story list, the brief, the web and the API.

The headline is the title of the story's first article (by publication date, then
path) that reports rather than previews: "Senate overrides veto" over an earlier
"Senate set to vote on veto", which the later report supersedes. Without titles, the
first sentence of the lead of the article that would have given it, cut at a clause.
The brief and the story list give the same articles the same order, so they show the
same headline.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from newsfuse.align.timing import preview
from newsfuse.text.sentences import first_sentence

# A headline taken from an article's first sentence is cut at a clause boundary past this length.
MAX_HEADLINE_CHARS = 110


@dataclass(frozen=True, slots=True)
class Candidate:
    """What the headline rule reads of one article: its title, date and lead paragraph."""

    title: str | None
    published: str | None
    lead: str
    path: str = ""


def headline(articles: Sequence[Candidate]) -> str:
    """The story's headline (see the module docstring)."""
    ranked = sorted(
        range(len(articles)),
        key=lambda k: (
            preview(articles[k].title or articles[k].lead),
            articles[k].published is None,
            articles[k].published or "",
            articles[k].path,
        ),
    )
    for k in ranked:
        if articles[k].title:
            return str(articles[k].title)
    for k in ranked:
        if articles[k].lead.strip():
            return lead_headline(articles[k].lead)
    return "(no text)"


def lead_headline(lead: str) -> str:
    """The first sentence of a lead paragraph, cut at a clause past MAX_HEADLINE_CHARS."""
    sentence = first_sentence(lead.strip()).rstrip(".")
    if len(sentence) <= MAX_HEADLINE_CHARS:
        return sentence
    clause = re.split(r",\s", sentence, maxsplit=1)[0]
    if len(clause.split()) >= 4 and len(clause) <= MAX_HEADLINE_CHARS:
        return clause
    return sentence[:MAX_HEADLINE_CHARS].rsplit(" ", 1)[0] + "…"
