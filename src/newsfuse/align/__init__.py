"""Stage 6, align: across a story's articles, the same quote, the same figure, the same
fact, and what only one source reports."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from newsfuse.align.similarity import Scorer
    from newsfuse.model import Alignment, Article, Findings


def default_scorer() -> Scorer:
    """The matcher the brief uses to decide that two sentences state the same thing
    (``newsfuse.states_same``; the model loads once per process)."""
    from newsfuse.align.similarity import MeaningScorer

    return MeaningScorer()


def align(
    articles: Sequence[Article],
    findings: Findings,
    copies: Mapping[str, str] | None = None,
    *,
    scorer: Scorer | None = None,
) -> Alignment:
    """The cross-source part of a brief — ``quote_groups`` (and ``quotes`` with borrowed
    speakers), ``number_groups``, ``facts``, ``unique``, ``summary``, ``timeline`` and
    ``claims`` — from its articles (in brief order) and their ``findings``. ``copies``
    maps a syndicated copy to its original, which it does not confirm."""
    from newsfuse.align.claims import claims
    from newsfuse.align.facts import mark_conflicts, prepare, shared_facts, unique
    from newsfuse.align.figures import number_groups
    from newsfuse.align.quotes import quote_groups
    from newsfuse.align.summary import summary
    from newsfuse.align.timeline import timeline
    from newsfuse.model import Alignment

    scorer = scorer or default_scorer()
    figures = number_groups(findings.numbers)
    groups, quotes = quote_groups(findings.quotes, scorer)
    story = prepare(articles, findings, scorer, quote_groups=groups, number_groups=figures)
    found = shared_facts(story, copies)
    shared = mark_conflicts(story, found, figures)
    lines = mark_conflicts(story, summary(story, found), figures)
    dated = mark_conflicts(story, timeline(story, findings.times), figures)
    return Alignment(
        quotes=quotes,
        quote_groups=groups,
        number_groups=figures,
        facts=tuple(shared),
        unique=tuple(unique(story, shared)),
        summary=tuple(lines),
        timeline=tuple(dated),
        claims=tuple(claims(story, lines, shared, figures, findings.numbers, copies)),
    )
