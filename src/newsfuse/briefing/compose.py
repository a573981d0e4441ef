"""Compose the ``newsfuse.brief/1`` record of a set of articles (one story)."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from newsfuse.briefing.headline import Candidate, headline
from newsfuse.model import (
    BRIEF_SCHEMA,
    Alignment,
    Article,
    Brief,
    BriefArticle,
    BriefStory,
    Extraction,
    Findings,
)

if TYPE_CHECKING:
    from newsfuse.parallel import Engine

SCHEMA = BRIEF_SCHEMA

__all__ = ["SCHEMA", "Brief", "compose", "extract_findings", "headline_of", "make", "order"]


def compose(
    articles: Sequence[Article],
    *,
    extract: bool = True,
    story_id: str | None = None,
    copies: Mapping[str, str] | None = None,
    engine: Engine | None = None,
    extractions: Mapping[str, Extraction] | None = None,
) -> Brief:
    """Order the articles by publication date (undated last) and build their brief.

    With ``extract`` (the default) the articles are parsed with spaCy and the brief
    carries entities, quotes with speakers, figures and time expressions, and what the
    align stage finds across them; without, those fields stay empty (cleaning and
    metadata only). ``story_id`` is the store's id when the brief is of a stored story;
    ``copies`` maps a syndicated copy to the article it copies, so that it is not counted
    as a second source of a fact. ``engine`` runs the parse and extraction of the
    articles on other processes or a Dask cluster (same brief as serially);
    ``extractions`` are the articles' extractions already made (by article id, e.g. kept
    in the store): only the others are parsed."""
    from newsfuse.align import align

    ordered = order(articles)
    findings = extract_findings(ordered, engine, extractions) if extract and ordered else Findings()
    return make(ordered, findings, align(ordered, findings, copies), story_id=story_id)


def make(
    ordered: Sequence[Article],
    findings: Findings,
    alignment: Alignment,
    *,
    story_id: str | None = None,
) -> Brief:
    """The brief record (stage 7) of articles in brief order, their findings and their
    alignment: labels A1…, the story's id (from the article ids unless a stored story's),
    headline and date span."""
    dates = sorted(a.published for a in ordered if a.published)
    if story_id is None:  # articles given on the command line: an id from their ids
        ids = sorted(a.id for a in ordered)
        story_id = hashlib.sha256(" ".join(ids).encode()).hexdigest()[:12]
    return Brief(
        story=BriefStory(
            id=story_id,
            headline=headline_of(ordered),
            first_published=dates[0] if dates else None,
            last_published=dates[-1] if dates else None,
        ),
        articles=tuple(BriefArticle.of(a, f"A{i}") for i, a in enumerate(ordered, 1)),
        entities=findings.entities,
        quotes=alignment.quotes,
        quote_groups=alignment.quote_groups,
        numbers=findings.numbers,
        number_groups=alignment.number_groups,
        times=findings.times,
        timeline=alignment.timeline,
        summary=alignment.summary,
        facts=alignment.facts,
        unique=alignment.unique,
        claims=alignment.claims,
    )


def order(articles: Sequence[Article]) -> list[Article]:
    """Articles in brief order: by publication date, undated last, then by path."""
    return sorted(articles, key=lambda a: (a.published is None, a.published or "", a.path))


def extract_findings(
    ordered: Sequence[Article],
    engine: Engine | None = None,
    known: Mapping[str, Extraction] | None = None,
) -> Findings:
    """Entities, quotes, figures and times of the articles (spaCy parses those not in
    ``known``, on ``engine``'s workers when one is given)."""
    from newsfuse.briefing.extracted import combine
    from newsfuse.parallel import map_batches
    from newsfuse.pipeline import extract

    known = known or {}
    todo = [a for a in ordered if a.id not in known]
    if not todo:
        made: Sequence[Extraction] = ()
    elif engine is None or engine.serial:
        made = extract(todo)
    else:
        made = tuple(map_batches(extract, todo, engine))
    by_id = {**known, **{x.article: x for x in made}}
    return combine(ordered, [by_id[a.id] for a in ordered])


def headline_of(articles: Sequence[Article]) -> str:
    """The story's headline (:mod:`newsfuse.briefing.headline`)."""
    return headline(
        [
            Candidate(a.title, a.published, a.paragraphs[0] if a.paragraphs else "", a.path)
            for a in articles
        ]
    )


def article_json(a: Article, **extra: object) -> dict[str, object]:
    """An article as the API's ``/api/articles/{id}`` shows it; ``extra`` fields ("story")
    follow its id."""
    data = BriefArticle.of(a, "").to_dict()
    del data["label"]
    return {"id": a.id, **extra, **{k: v for k, v in data.items() if k != "id"}}
