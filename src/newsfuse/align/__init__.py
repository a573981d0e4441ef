"""Stage 6, align: across a story's articles, the same quote, the same figure, the same
fact, and what only one source reports."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from newsfuse.align.similarity import Scorer
    from newsfuse.model import Article

Json = dict[str, Any]


def default_scorer() -> Scorer:
    """The matcher the brief uses to decide that two sentences state the same thing."""
    from newsfuse.align.similarity import OverlapScorer

    return OverlapScorer()


def align(
    articles: Sequence[Article],
    fields: Mapping[str, Any],
    copies: Mapping[str, str] | None = None,
    *,
    scorer: Scorer | None = None,
) -> dict[str, list[Json]]:
    """The cross-source fields of a brief — ``quote_groups`` (and ``quotes`` with borrowed
    speakers), ``number_groups``, ``facts``, ``unique``, ``summary`` and ``timeline`` —
    from its articles (in brief order) and their extracted ``quotes``, ``numbers`` and
    ``times``. ``copies`` maps a syndicated copy to its original, which it does not
    confirm."""
    from newsfuse.align.claims import claims
    from newsfuse.align.facts import mark_conflicts, prepare, shared_facts, unique
    from newsfuse.align.figures import number_groups
    from newsfuse.align.quotes import quote_groups
    from newsfuse.align.summary import summary
    from newsfuse.align.timeline import timeline

    scorer = scorer or default_scorer()
    figures = number_groups(fields.get("numbers", []))
    groups, quotes = quote_groups(fields.get("quotes", []), scorer)
    story = prepare(articles, fields, scorer, quote_groups=groups, number_groups=figures)
    shared = shared_facts(story, copies)
    lines = summary(story, shared)
    dated = timeline(story, fields.get("times", []))
    mark_conflicts(story, [*shared, *lines, *dated], figures)
    numbers = fields.get("numbers", [])
    return {
        "quotes": quotes,
        "quote_groups": groups,
        "number_groups": figures,
        "facts": shared,
        "unique": unique(story, shared),
        "summary": lines,
        "timeline": dated,
        "claims": claims(story, lines, shared, figures, numbers, copies),
    }
