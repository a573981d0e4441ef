"""The store's queries for the web app and the CLI: every read and write they make,
as named, typed methods, so that no SQL and no transaction lives outside the store.

:class:`StoreQueries` is a mixin: :class:`newsfuse.store.Store` gains these methods
from it, and they use only its connection (``self.conn``). Reads run in whatever
transaction the caller holds (see :meth:`StoreQueries.reading`); each write runs in
one transaction of its own (:meth:`StoreQueries.transaction`).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from newsfuse.store import activity, briefs, db, stories
from newsfuse.store.activity import StoryActivity
from newsfuse.store.briefs import QuoteHit


@dataclass(frozen=True, slots=True)
class ArticleListing:
    """One line of the article list: where an article came from and its story (the
    REST API's ``ArticleRef``, whose descriptions are the fields' ``metadata``)."""

    id: str
    title: str | None
    source: str | None
    published: str | None
    path: str
    url: str | None
    story: str | None = field(metadata={"description": "the story the article belongs to"})


@dataclass(frozen=True, slots=True)
class StoredBrief:
    """The headline and article labels of a story's stored brief (current or not)."""

    headline: str
    labels: dict[str, str]  # article id -> "A1"


@dataclass(frozen=True, slots=True)
class ArticleOrigin:
    """Where an article came from, as the user named it: a path-like name and the URL
    (None when it was not fetched from one)."""

    article_id: str
    path: str
    url: str | None


@dataclass(frozen=True, slots=True)
class WatchPoll:
    """When a ``newsfuse watch`` poll started and finished (None: it never did)."""

    started_at: str
    finished_at: str | None


class StoreQueries:
    """Queries over the store's connection (mixed into :class:`newsfuse.store.Store`)."""

    conn: sqlite3.Connection

    # -- transactions --------------------------------------------------------

    @contextmanager
    def reading(self) -> Iterator[None]:
        """Read one consistent state of the store for the whole block: a deferred read
        transaction, its snapshot fixed by the first read, ended when the block ends."""
        self.conn.execute("BEGIN")
        try:
            yield
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise
        if self.conn.in_transaction:
            self.conn.execute("COMMIT")

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Run the block's writes in one transaction: all of them are kept, or none."""
        with db.transaction(self.conn):
            yield

    # -- articles --------------------------------------------------------------

    def article_listing(self, *, limit: int, offset: int = 0) -> list[ArticleListing]:
        """Stored articles in arrival order, each with its story (None if it has none)."""
        rows = self.conn.execute(
            "SELECT a.id, a.title, a.source, a.published, a.path, a.url, sa.story_id "
            "FROM articles a LEFT JOIN story_articles sa ON sa.article_id = a.id "
            "ORDER BY a.rowid LIMIT ? OFFSET ?",
            (limit, offset),
        ).fetchall()
        return [ArticleListing(*row) for row in rows]

    def set_origins(self, origins: Sequence[ArticleOrigin]) -> None:
        """Record where articles came from (an upload's name, a URL) in place of the
        file they were read from; a URL already stored is kept. One transaction."""
        with self.transaction():
            self.conn.executemany(
                "UPDATE articles SET path = ?, url = COALESCE(url, ?) WHERE id = ?",
                [(o.path, o.url, o.article_id) for o in origins],
            )

    # -- stories ---------------------------------------------------------------

    def story_of(self, article_id: str) -> str | None:
        """The story an article belongs to, if any."""
        row = self.conn.execute(
            "SELECT story_id FROM story_articles WHERE article_id = ?", (article_id,)
        ).fetchone()
        return None if row is None else str(row[0])

    def story_count(self) -> int:
        """How many stories the store holds."""
        return int(
            self.conn.execute("SELECT count(DISTINCT story_id) FROM story_articles").fetchone()[0]
        )

    def story_size(self, story_id: str) -> int:
        """How many articles a story holds (0 for an unknown story)."""
        return int(
            self.conn.execute(
                "SELECT count(*) FROM story_articles WHERE story_id = ?", (story_id,)
            ).fetchone()[0]
        )

    def story_article_ids(self, story_id: str) -> list[str]:
        """The ids of a story's articles in arrival order (empty for an unknown story)."""
        return stories.story_article_ids(self.conn, story_id)

    def stories_holding(self, article_ids: Iterable[str]) -> list[str]:
        """The stories holding any of ``article_ids``: biggest first, then by id."""
        ids = sorted(set(article_ids))
        if not ids:
            return []
        marks = ",".join("?" * len(ids))
        rows = self.conn.execute(
            f"SELECT story_id, count(*) FROM story_articles WHERE story_id IN "
            f"(SELECT story_id FROM story_articles WHERE article_id IN ({marks})) "
            "GROUP BY story_id ORDER BY count(*) DESC, story_id",
            ids,
        ).fetchall()
        return [str(r[0]) for r in rows]

    def stories_version(self) -> tuple[int, int, int]:
        """A stamp that changes whenever the story list can (see
        :func:`newsfuse.store.stories.stories_version`)."""
        return stories.stories_version(self.conn)

    def activity_since(self, since: str) -> list[StoryActivity]:
        """What arrived in each story since the stamp ``since`` (see
        :func:`newsfuse.store.activity.activity_since`)."""
        return activity.activity_since(self.conn, since)

    def developing(self, now: datetime, *, hours: float) -> list[StoryActivity]:
        """The stories that grew the most in the last ``hours`` (see
        :func:`newsfuse.store.activity.developing`)."""
        return activity.developing(self.conn, now, hours=hours)

    # -- briefs and their quotes -----------------------------------------------

    def current_brief(self, story_id: str) -> dict[str, Any] | None:
        """A story's kept brief (newsfuse.brief/1 JSON) if it matches the story's
        articles as they stand; None when missing or stale."""
        return briefs.current_brief(self.conn, story_id)

    def keep_brief(self, story_id: str, brief: dict[str, Any], now: str) -> None:
        """Keep ``brief`` (JSON) as the story's brief, with its quotes, replacing the
        one kept before; one transaction."""
        with self.transaction():
            briefs.save_brief(self.conn, story_id, brief, now)

    def stale_stories(self, limit: int | None = None) -> list[str]:
        """Stories without a current brief, biggest first."""
        return briefs.stale_stories(self.conn, limit)

    def brief_coverage(self) -> tuple[int, int]:
        """(stories with a current brief, all stories)."""
        total = self.story_count()
        return total - len(self.stale_stories()), total

    def stored_briefs(self, story_ids: Iterable[str]) -> dict[str, StoredBrief]:
        """story id -> its kept brief's headline and labels, for the stories that have
        one (current or stale)."""
        out: dict[str, StoredBrief] = {}
        for story_id in dict.fromkeys(story_ids):
            row = self.conn.execute(
                "SELECT brief FROM story_briefs WHERE story_id = ?", (story_id,)
            ).fetchone()
            if row is None:
                continue
            data = json.loads(row[0])
            out[story_id] = StoredBrief(
                str(data.get("story", {}).get("headline") or ""),
                {str(a["id"]): str(a["label"]) for a in data.get("articles", [])},
            )
        return out

    def find_quotes(
        self,
        *,
        speaker: str | None = None,
        story: str | None = None,
        text: str | None = None,
        limit: int = 100,
        offset: int = 0,
    ) -> tuple[list[QuoteHit], int]:
        """Quotes of current briefs by speaker, story and words; (one page, total)
        (see :func:`newsfuse.store.briefs.find_quotes`)."""
        return briefs.find_quotes(
            self.conn, speaker=speaker, story=story, text=text, limit=limit, offset=offset
        )

    def speakers(self) -> list[tuple[str, int]]:
        """Named speakers of the kept briefs' quotes with their number of quotes."""
        return briefs.speakers(self.conn)

    # -- newsfuse watch --------------------------------------------------------

    def start_watch_poll(self, started_at: str, sources: Sequence[str]) -> int:
        """Record that a watch poll of ``sources`` started; its id."""
        with self.transaction():
            cur = self.conn.execute(
                "INSERT INTO watch_polls (started_at, sources) VALUES (?, ?)",
                (started_at, json.dumps(list(sources))),
            )
        return int(cur.lastrowid or 0)

    def finish_watch_poll(
        self,
        poll_id: int,
        finished_at: str,
        *,
        new: int,
        present: int,
        rejected: int,
        deferred: int,
    ) -> None:
        """Record that a watch poll finished, and what it stored."""
        with self.transaction():
            self.conn.execute(
                "UPDATE watch_polls SET finished_at = ?, new = ?, present = ?, rejected = ?, "
                "deferred = ? WHERE id = ?",
                (finished_at, new, present, rejected, deferred, poll_id),
            )

    def last_watch_poll(self) -> WatchPoll | None:
        """The latest watch poll, or None if there has been none."""
        row = self.conn.execute(
            "SELECT started_at, finished_at FROM watch_polls ORDER BY id DESC LIMIT 1"
        ).fetchone()
        return None if row is None else WatchPoll(str(row[0]), row[1])
