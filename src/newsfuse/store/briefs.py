"""Stored briefs of stories, and the quotes in them (for ``newsfuse serve``).

A brief is valid for the exact set of articles it was computed from; saving one
replaces the story's earlier brief and its quotes in one transaction.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from newsfuse.store.stories import story_article_ids


def articles_key(article_ids: Iterable[str]) -> str:
    """The key of a set of articles: their ids, sorted, joined by spaces."""
    return " ".join(sorted(article_ids))


def current_brief(conn: sqlite3.Connection, story_id: str) -> dict[str, Any] | None:
    """The stored brief (newsfuse.brief/1 JSON) of a story, if it matches the story's
    articles as they stand; None when missing or stale."""
    row = conn.execute(
        "SELECT articles_key, brief FROM story_briefs WHERE story_id = ?", (story_id,)
    ).fetchone()
    if row is None or row[0] != articles_key(story_article_ids(conn, story_id)):
        return None
    brief: dict[str, Any] = json.loads(row[1])
    return brief


def save_brief(conn: sqlite3.Connection, story_id: str, brief: dict[str, Any], now: str) -> None:
    """Store ``brief`` (JSON) as the story's brief, with its quotes; the caller commits."""
    key = articles_key([a["id"] for a in brief["articles"]])
    conn.execute("DELETE FROM brief_quotes WHERE story_id = ?", (story_id,))
    conn.execute(
        "INSERT INTO story_briefs (story_id, articles_key, brief, computed_at) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (story_id) DO UPDATE SET articles_key = excluded.articles_key, "
        "brief = excluded.brief, computed_at = excluded.computed_at",
        (story_id, key, json.dumps(brief, ensure_ascii=False), now),
    )
    conn.executemany(
        "INSERT INTO brief_quotes (story_id, quote_id, article_id, paragraph, speaker, kind, text) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            (
                story_id,
                q["id"],
                q["article"],
                q["paragraph"],
                q.get("speaker"),
                q["kind"],
                q["text"],
            )
            for q in brief.get("quotes", [])
        ],
    )


def stale_stories(conn: sqlite3.Connection, limit: int | None = None) -> list[str]:
    """Stories without a current brief, biggest first."""
    members: dict[str, list[str]] = {}
    for story_id, article_id in conn.execute(
        "SELECT story_id, article_id FROM story_articles ORDER BY seq"
    ):
        members.setdefault(story_id, []).append(article_id)
    keys = dict(conn.execute("SELECT story_id, articles_key FROM story_briefs").fetchall())
    stale = [s for s, ids in members.items() if keys.get(s) != articles_key(ids)]
    stale.sort(key=lambda s: (-len(members[s]), s))
    return stale[:limit] if limit is not None else stale


@dataclass(frozen=True, slots=True)
class QuoteHit:
    """One quote of a stored brief."""

    story_id: str
    quote_id: str
    article_id: str
    paragraph: int
    speaker: str | None
    kind: str
    text: str
    headline: str | None

    def as_json(self) -> dict[str, Any]:
        return {
            "story": self.story_id,
            "id": self.quote_id,
            "article": self.article_id,
            "paragraph": self.paragraph,
            "speaker": self.speaker,
            "kind": self.kind,
            "text": self.text,
            "headline": self.headline,
        }


def find_quotes(
    conn: sqlite3.Connection,
    *,
    speaker: str | None = None,
    story: str | None = None,
    text: str | None = None,
    limit: int = 100,
    offset: int = 0,
) -> tuple[list[QuoteHit], int]:
    """Quotes of current briefs, filtered by speaker (substring, any case), story and
    words of the quote; (one page of hits, total)."""
    where = ["sb.articles_key = (SELECT group_concat(article_id, ' ') FROM "
             "(SELECT article_id FROM story_articles WHERE story_id = bq.story_id "
             "ORDER BY article_id))"]  # fmt: skip
    args: list[Any] = []
    if speaker:
        where.append("bq.speaker LIKE ? ESCAPE '\\' COLLATE NOCASE")
        args.append(f"%{_like(speaker)}%")
    if story:
        where.append("bq.story_id = ?")
        args.append(story)
    if text:
        where.append("bq.text LIKE ? ESCAPE '\\' COLLATE NOCASE")
        args.append(f"%{_like(text)}%")
    sql = (
        "FROM brief_quotes bq JOIN story_briefs sb ON sb.story_id = bq.story_id "
        f"WHERE {' AND '.join(where)}"
    )
    total = int(conn.execute(f"SELECT count(*) {sql}", args).fetchone()[0])
    rows = conn.execute(
        "SELECT bq.story_id, bq.quote_id, bq.article_id, bq.paragraph, bq.speaker, bq.kind, "
        f"bq.text, json_extract(sb.brief, '$.story.headline') {sql} "
        "ORDER BY bq.speaker IS NULL, bq.speaker COLLATE NOCASE, bq.story_id, "
        "CAST(substr(bq.quote_id, 2) AS INTEGER) LIMIT ? OFFSET ?",
        [*args, limit, offset],
    ).fetchall()
    return [QuoteHit(*r) for r in rows], total


def speakers(conn: sqlite3.Connection) -> list[tuple[str, int]]:
    """Named speakers of the stored briefs' quotes with their number of quotes, most
    first. A speaker the extraction left as a common word ("who", "report") is not a
    name to browse by, and is not listed (its quotes are still found by text)."""
    return [
        (r[0], int(r[1]))
        for r in conn.execute(
            "SELECT speaker, count(*) FROM brief_quotes WHERE speaker IS NOT NULL "
            "GROUP BY speaker ORDER BY count(*) DESC, speaker"
        )
        if r[0][:1].isupper()
    ]


def _like(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
