"""Metadata with provenance: publication date, outlet, title.

Declared values (text header, JSON fields, HTML meta) win; the gaps are filled
from the text itself: a dateline ("today on Tuesday, December, 20, 2022"), a
site signature line ("DailyMail"), the URL's host, a headline-shaped first line.
"""

from __future__ import annotations

import re
from urllib.parse import urlparse

from newsfuse.annotate.dates import find_text_date
from newsfuse.clean.boilerplate import outlet_from_signature
from newsfuse.clean.text import ends_sentence, match_key
from newsfuse.model import Article, Cleaned, Provenance, RawDocument, Removal

# A first line reads as a headline when it is at most this many words and has no end period.
MAX_HEADLINE_WORDS = 25


def annotate(raw: RawDocument, cleaned: Cleaned, *, article_id: str) -> Article:
    """Build the Article: cleaned text plus date, outlet and title with where each came from."""
    paragraphs = list(cleaned.paragraphs)
    removed = list(cleaned.removed)

    title, title_from = raw.title, ("header" if raw.format != "html" else "html-meta")
    if title:
        if paragraphs and match_key(paragraphs[0]) == match_key(title):
            removed.insert(0, Removal(paragraphs.pop(0), "title", "repeats the title", 0))
    else:
        title_from = "none"
        if len(paragraphs) >= 2 and _headline_like(paragraphs[0]):
            title, title_from = paragraphs.pop(0), "text"

    published, published_from = raw.date, raw.date_from
    if not published:
        found = find_text_date(paragraphs)
        if found:
            published, published_from = found.iso, "text"

    source, source_from = raw.source, raw.source_from
    if not source:
        source, source_from = _outlet_from_removed(removed)
    if not source and raw.url:
        host = urlparse(raw.url).hostname
        if host:
            source, source_from = host.removeprefix("www."), "url"

    return Article(
        id=article_id,
        path=raw.path,
        format=raw.format,
        paragraphs=tuple(paragraphs),
        removed=tuple(removed),
        repairs=cleaned.repairs,
        title=title,
        title_from=title_from,  # type: ignore[arg-type]
        published=published,
        published_from=published_from,
        source=source,
        source_from=source_from,
        url=raw.url,
        raw_text=raw.body,
    )


def _headline_like(text: str) -> bool:
    n = len(text.split())
    return (
        2 <= n <= MAX_HEADLINE_WORDS
        and not ends_sentence(text.rstrip("?!"))
        and not re.search(r"[.;:]\s*$", text)
    )


def _outlet_from_removed(removed: list[Removal]) -> tuple[str | None, Provenance]:
    for r in removed:
        if r.reason == "signature":
            outlet = outlet_from_signature(r.text)
            if outlet:
                return outlet, "signature"
    return None, "none"
