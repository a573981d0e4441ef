"""Compose the ``newsfuse.brief/1`` record of a set of articles (one story)."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from typing import Any

from newsfuse.model import Article

SCHEMA = "newsfuse.brief/1"
# A headline taken from an article's first sentence is cut at a clause boundary past this length.
MAX_HEADLINE_CHARS = 110


@dataclass(frozen=True, slots=True)
class Brief:
    """A story's brief. Fields filled by later stages (quotes, figures…) start empty."""

    story_id: str
    headline: str
    first_published: str | None
    last_published: str | None
    articles: tuple[Article, ...]
    labels: dict[str, str] = field(default_factory=dict)  # article id -> "A1", "A2"…
    entities: list[dict[str, Any]] = field(default_factory=list)
    quotes: list[dict[str, Any]] = field(default_factory=list)
    quote_groups: list[dict[str, Any]] = field(default_factory=list)
    numbers: list[dict[str, Any]] = field(default_factory=list)
    number_groups: list[dict[str, Any]] = field(default_factory=list)
    times: list[dict[str, Any]] = field(default_factory=list)
    timeline: list[dict[str, Any]] = field(default_factory=list)
    summary: list[dict[str, Any]] = field(default_factory=list)
    facts: list[dict[str, Any]] = field(default_factory=list)  # stated by several sources
    unique: list[dict[str, Any]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """The JSON contract (see docs: CLI.md, schema newsfuse.brief/1)."""
        return {
            "schema": SCHEMA,
            "story": {
                "id": self.story_id,
                "headline": self.headline,
                "first_published": self.first_published,
                "last_published": self.last_published,
            },
            "articles": [article_json(a, label=self.labels[a.id]) for a in self.articles],
            "entities": self.entities,
            "quotes": self.quotes,
            "quote_groups": self.quote_groups,
            "numbers": self.numbers,
            "number_groups": self.number_groups,
            "times": self.times,
            "timeline": self.timeline,
            "summary": self.summary,
            "facts": self.facts,
            "unique": self.unique,
        }


def compose(
    articles: list[Article] | tuple[Article, ...],
    *,
    extract: bool = True,
    story_id: str | None = None,
    copies: dict[str, str] | None = None,
) -> Brief:
    """Order the articles by publication date (undated last) and build the brief.

    With ``extract`` (the default) the articles are parsed with spaCy and the
    brief carries entities, quotes with speakers, figures and time expressions;
    without, those fields stay empty (cleaning and metadata only). ``story_id`` is the
    store's id when the brief is of a stored story; ``copies`` maps a syndicated copy to
    the article it copies, so that it is not counted as a second source of a fact.
    """
    from newsfuse.align.facts import facts, summary, timeline

    ordered = sorted(articles, key=lambda a: (a.published is None, a.published or "", a.path))
    fields: dict[str, list[dict[str, Any]]] = {}
    if extract and ordered:
        from newsfuse.annotate.nlp import parse_articles
        from newsfuse.brief.extracted import build_fields
        from newsfuse.extract import extract_article

        fields = build_fields([extract_article(p) for p in parse_articles(ordered)])
        from newsfuse.align.figures import number_groups
        from newsfuse.align.quotes import quote_groups

        fields["quote_groups"] = quote_groups(fields["quotes"])
        fields["number_groups"] = number_groups(fields["numbers"])
        fields["timeline"] = timeline(fields["times"], {a.id: a.published for a in ordered})
    shared, unique = facts(ordered, copies)
    fields["facts"], fields["unique"] = shared, unique
    fields["summary"] = summary(ordered, shared)
    dates = sorted(a.published for a in ordered if a.published)
    ids = sorted(a.id for a in ordered)
    if story_id is None:  # articles given on the command line: an id from their ids
        story_id = hashlib.sha256(" ".join(ids).encode()).hexdigest()[:12]
    return Brief(
        story_id=story_id,
        headline=headline_of(ordered),
        first_published=dates[0] if dates else None,
        last_published=dates[-1] if dates else None,
        articles=tuple(ordered),
        labels={a.id: f"A{i}" for i, a in enumerate(ordered, 1)},
        entities=fields.get("entities", []),
        quotes=fields.get("quotes", []),
        quote_groups=fields.get("quote_groups", []),
        numbers=fields.get("numbers", []),
        number_groups=fields.get("number_groups", []),
        times=fields.get("times", []),
        timeline=fields.get("timeline", []),
        summary=fields.get("summary", []),
        facts=fields.get("facts", []),
        unique=fields.get("unique", []),
    )


def headline_of(articles: list[Article]) -> str:
    """The first article's title, else the first sentence of its lead, cut at a clause."""
    for a in articles:
        if a.title:
            return a.title
    for a in articles:
        if a.paragraphs:
            return _lead_headline(a.paragraphs[0])
    return "(no text)"


def _lead_headline(lead: str) -> str:
    sentence = re.split(r"(?<=[.!?])\s+(?=[A-Z“‘\"'])", lead, maxsplit=1)[0].rstrip(".")
    if len(sentence) <= MAX_HEADLINE_CHARS:
        return sentence
    clause = re.split(r",\s", sentence, maxsplit=1)[0]
    if len(clause.split()) >= 4 and len(clause) <= MAX_HEADLINE_CHARS:
        return clause
    return sentence[:MAX_HEADLINE_CHARS].rsplit(" ", 1)[0] + "…"


def article_json(a: Article, **extra: Any) -> dict[str, Any]:
    """An article as the JSON contracts show it (the brief's ``articles``, the API's
    ``/api/articles/{id}``); ``extra`` fields ("label", "story") follow its id."""
    return {
        "id": a.id,
        **extra,
        "path": a.path,
        "url": a.url,
        "format": a.format,
        "source": a.source,
        "source_from": a.source_from,
        "title": a.title,
        "title_from": a.title_from,
        "published": a.published,
        "published_from": a.published_from,
        "paragraphs": list(a.paragraphs),
        "removed": [
            {"text": r.text, "reason": r.reason, "detail": r.detail, "paragraph": r.paragraph}
            for r in a.removed
        ],
        "repairs": [{"kind": r.kind, "before": r.before, "after": r.after} for r in a.repairs],
    }
