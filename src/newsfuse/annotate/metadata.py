"""Placeholder metadata (replaced by the full annotator)."""

from __future__ import annotations

from newsfuse.model import Article, Cleaned, RawDocument


def annotate(raw: RawDocument, cleaned: Cleaned, *, article_id: str) -> Article:
    return Article(
        id=article_id, path=raw.path, format=raw.format, paragraphs=cleaned.paragraphs,
        removed=cleaned.removed, repairs=cleaned.repairs, title=raw.title,
        title_from="header" if raw.title else "none", published=raw.date,
        published_from=raw.date_from, source=raw.source, source_from=raw.source_from,
        url=raw.url, raw_text=raw.body,
    )
