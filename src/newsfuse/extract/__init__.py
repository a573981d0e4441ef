"""extract: entities, quotes with speakers, numeric claims and time expressions.

:func:`extract_article` is a pure function of one parsed article: the brief
stage merges the per-article records (entities across articles, speakers to
canonical names).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from newsfuse.annotate.nlp import ParsedArticle
from newsfuse.extract.entities import EntityMention, find_mentions, find_role_mentions
from newsfuse.extract.numbers import extract_numbers
from newsfuse.extract.quotes import extract_quotes
from newsfuse.extract.times import extract_times
from newsfuse.model import NumberMention, QuoteMention, TimeMention


@dataclass(frozen=True, slots=True)
class ArticleExtraction:
    """Everything extracted from one article; offsets are into its parsed text."""

    parsed: ParsedArticle
    mentions: tuple[EntityMention, ...]
    quotes: tuple[QuoteMention, ...]
    numbers: tuple[NumberMention, ...]
    times: tuple[TimeMention, ...]


def extract_article(parsed: ParsedArticle) -> ArticleExtraction:
    """Run every extractor over one parsed article."""
    published = parsed.article.published
    anchor = dt.date.fromisoformat(published) if published else None
    doc = parsed.doc
    quotes = extract_quotes(doc)
    return ArticleExtraction(
        parsed=parsed,
        mentions=tuple(find_mentions(doc) + find_role_mentions(doc)),
        quotes=tuple(quotes),
        # a figure inside a quote with no source of its own is the speaker's
        numbers=tuple(extract_numbers(doc, quotes=quotes)),
        times=tuple(extract_times(doc, anchor=anchor)),
    )
