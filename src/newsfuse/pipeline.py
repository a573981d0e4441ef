"""Run the per-article stages in order: ingest -> clean -> annotate.

Everything here is a pure function of (input, settings): an engine can map
:func:`prepare` over partitions. Only cluster/align (later) look across articles.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from newsfuse.annotate.metadata import annotate
from newsfuse.clean import clean
from newsfuse.ingest import DEFAULT_MAX_BYTES, iter_inputs
from newsfuse.model import Article, LoadResult, RawDocument, Rejection

if TYPE_CHECKING:
    from newsfuse.ingest.fetch import FetchOptions

# Hex digits kept from the SHA-256 of the normalised text: 64 bits, collision-free in practice
# for any corpus one machine holds, and short enough to type.
ID_HEX_DIGITS = 16

_QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "‛": "'", "“": '"', "”": '"', "„": '"',
                         "–": "-", "—": "-", "―": "-", "‐": "-", "\u00a0": " "})  # fmt: skip


def article_id(text: str) -> str:
    """Stable id from the article's normalised text (typography, case and spacing ignored)."""
    norm = unicodedata.normalize("NFKC", text).translate(_QUOTES).lower()
    norm = re.sub(r"\s+", " ", norm).strip()
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()[:ID_HEX_DIGITS]


def prepare(raw: RawDocument) -> Article:
    """Clean and annotate one raw document."""
    cleaned = clean(raw.body)
    return annotate(raw, cleaned, article_id=article_id(raw.body))


def iter_articles(
    paths: Iterable[str], *, max_bytes: int = DEFAULT_MAX_BYTES, fetch: FetchOptions | None = None
) -> Iterator[Article | Rejection]:
    """Read, clean and annotate every input (URLs fetched with ``fetch``); bad inputs
    come out as Rejections."""
    for item in iter_inputs(paths, max_bytes=max_bytes, fetch=fetch):
        if isinstance(item, Rejection):
            yield item
            continue
        article = prepare(item)
        if not article.paragraphs:
            yield Rejection(item.path, "nothing left after cleaning (only boilerplate)")
            continue
        yield article


def load(
    paths: Iterable[str], *, max_bytes: int = DEFAULT_MAX_BYTES, fetch: FetchOptions | None = None
) -> LoadResult:
    """All articles from ``paths``, de-duplicated by id, in input order."""
    articles: dict[str, Article] = {}
    rejections: list[Rejection] = []
    for item in iter_articles(paths, max_bytes=max_bytes, fetch=fetch):
        if isinstance(item, Rejection):
            rejections.append(item)
        else:
            articles.setdefault(item.id, item)
    return LoadResult(tuple(articles.values()), tuple(rejections))
