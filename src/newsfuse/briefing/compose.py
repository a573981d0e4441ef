"""Compose the ``newsfuse.brief/1`` record of a set of articles (one story)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

from newsfuse.briefing.headline import Candidate, headline
from newsfuse.model import Article

SCHEMA = "newsfuse.brief/1"


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
    claims: list[dict[str, Any]] = field(default_factory=list)  # claims × outlets

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
            "claims": self.claims,
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
    from newsfuse.align import align

    ordered = order(articles)
    fields = extract_fields(ordered) if extract and ordered else {}
    fields.update(align(ordered, fields, copies))
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
        claims=fields.get("claims", []),
    )


def order(articles: list[Article] | tuple[Article, ...]) -> list[Article]:
    """Articles in brief order: by publication date, undated last, then by path."""
    return sorted(articles, key=lambda a: (a.published is None, a.published or "", a.path))


def extract_fields(ordered: list[Article]) -> dict[str, list[dict[str, Any]]]:
    """Entities, quotes, figures and times of the articles, parsed with spaCy."""
    from newsfuse.annotate.nlp import parse_articles
    from newsfuse.briefing.extracted import build_fields
    from newsfuse.extract import extract_article

    return build_fields([extract_article(p) for p in parse_articles(ordered)])


def headline_of(articles: list[Article]) -> str:
    """The story's headline (:mod:`newsfuse.briefing.headline`)."""
    return headline(
        [
            Candidate(a.title, a.published, a.paragraphs[0] if a.paragraphs else "", a.path)
            for a in articles
        ]
    )


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
