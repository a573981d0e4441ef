"""Map :class:`~newsfuse.model.Article` to a row of ``articles`` and back.

List-valued fields are stored as JSON: ``paragraphs`` as an array of strings,
``removed`` as objects ``{text, reason, detail, paragraph}`` and ``repairs``
as objects ``{kind, before, after}``. Loading a row gives back an Article
equal to the one stored.
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any, cast

from newsfuse.errors import StoreError
from newsfuse.model import Article, Format, Provenance, Removal, Repair

# Columns of ``articles`` written from an Article, in insert order (ingested_at is added).
ARTICLE_COLUMNS = (
    "id", "path", "url", "format", "source", "source_from", "title", "title_from",
    "published", "published_from", "paragraphs", "removed", "repairs", "body", "raw_text",
)  # fmt: skip


def article_to_row(article: Article) -> dict[str, Any]:
    """The column values that store ``article`` (without ``ingested_at``)."""
    return {
        "id": article.id,
        "path": article.path,
        "url": article.url,
        "format": article.format,
        "source": article.source,
        "source_from": article.source_from,
        "title": article.title,
        "title_from": article.title_from,
        "published": article.published,
        "published_from": article.published_from,
        "paragraphs": _dumps(list(article.paragraphs)),
        "removed": _dumps(
            [
                {"text": r.text, "reason": r.reason, "detail": r.detail, "paragraph": r.paragraph}
                for r in article.removed
            ]
        ),
        "repairs": _dumps(
            [{"kind": r.kind, "before": r.before, "after": r.after} for r in article.repairs]
        ),
        "body": article.text,
        "raw_text": article.raw_text,
    }


def row_to_article(row: sqlite3.Row) -> Article:
    """Rebuild the Article stored in ``row`` (a row of ``articles`` read with sqlite3.Row)."""
    try:
        paragraphs = json.loads(row["paragraphs"])
        removed = json.loads(row["removed"])
        repairs = json.loads(row["repairs"])
        return Article(
            id=row["id"],
            path=row["path"],
            format=cast(Format, row["format"]),
            paragraphs=tuple(str(p) for p in paragraphs),
            removed=tuple(
                Removal(
                    text=r["text"],
                    reason=r["reason"],
                    detail=r.get("detail", ""),
                    paragraph=int(r.get("paragraph", -1)),
                )
                for r in removed
            ),
            repairs=tuple(
                Repair(kind=r["kind"], before=r["before"], after=r["after"]) for r in repairs
            ),
            title=row["title"],
            title_from=cast(Provenance, row["title_from"]),
            published=row["published"],
            published_from=cast(Provenance, row["published_from"]),
            source=row["source"],
            source_from=cast(Provenance, row["source_from"]),
            url=row["url"],
            raw_text=row["raw_text"],
        )
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise StoreError(f"article {row['id']} is stored in an unreadable form: {exc}") from exc


def _dumps(value: object) -> str:
    # ensure_ascii=False keeps the stored JSON readable (and smaller) for non-English text.
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
