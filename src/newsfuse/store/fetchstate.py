"""What live ingest remembers in the store (migration 0005): the validators of each
feed and sitemap, the article URLs already ingested, and the failures with their
back-off. Updates are applied inside the transaction that stores the articles they
concern (:meth:`newsfuse.store.Store.add_batch`).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from newsfuse.ingest.live import Verdict

# Seconds before the first retry of a URL that failed for a reason that may pass,
# doubled for each further failure: a site down for minutes is retried soon, one down
# for a day is not hammered.
RETRY_BASE_S = 300
# The longest wait between two retries (seconds).
RETRY_MAX_S = 6 * 3600
# Failures in a row after which a URL is given up (about a day of retries at the
# schedule above), so a dead link does not keep its feed from being marked as read.
MAX_FAILURES = 8


@dataclass(frozen=True, slots=True)
class FetchedUrl:
    """An article URL ingested (or found to hold an article the store has)."""

    url: str
    article_id: str
    via: str | None


@dataclass(frozen=True, slots=True)
class ListRead:
    """A feed, OPML list or sitemap read (or answered 304)."""

    url: str
    kind: str
    etag: str | None
    last_modified: str | None
    links: tuple[str, ...]
    unchanged: bool
    complete: bool


@dataclass(frozen=True, slots=True)
class UrlFailure:
    """A URL that could not be fetched or read."""

    url: str
    kind: str  # "page" or the list's kind ("feed"…) when known
    reason: str
    transient: bool


FetchUpdate = FetchedUrl | ListRead | UrlFailure


def apply(conn: sqlite3.Connection, updates: Iterable[FetchUpdate], now: datetime) -> None:
    """Write ``updates`` in order; the caller holds the transaction."""
    stamp = now.isoformat(timespec="seconds")
    for u in updates:
        if isinstance(u, FetchedUrl):
            conn.execute(
                "INSERT INTO fetched_urls (url, article_id, via, fetched_at) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (url) DO UPDATE SET article_id = excluded.article_id",
                (u.url, u.article_id, u.via, stamp),
            )
            conn.execute("DELETE FROM fetch_state WHERE url = ? AND kind = 'page'", (u.url,))
        elif isinstance(u, ListRead):
            _list_read(conn, u, stamp)
        else:
            _failure(conn, u, now)


def _list_read(conn: sqlite3.Connection, u: ListRead, stamp: str) -> None:
    if u.unchanged:
        conn.execute(
            "UPDATE fetch_state SET checked_at = ?, failures = 0, error = NULL, retry_at = NULL "
            "WHERE url = ?",
            (stamp, u.url),
        )
        if not u.complete:  # a child list failed: read this one in full next time
            conn.execute(
                "UPDATE fetch_state SET etag = NULL, last_modified = NULL WHERE url = ?", (u.url,)
            )
        return
    keep = u.complete  # validators only once every article it names is settled
    conn.execute(
        "INSERT INTO fetch_state (url, kind, etag, last_modified, links, failures, error, "
        "retry_at, gave_up, checked_at, changed_at) VALUES (?, ?, ?, ?, ?, 0, NULL, NULL, 0, ?, ?) "
        "ON CONFLICT (url) DO UPDATE SET kind = excluded.kind, etag = excluded.etag, "
        "last_modified = excluded.last_modified, links = excluded.links, failures = 0, "
        "error = NULL, retry_at = NULL, gave_up = 0, checked_at = excluded.checked_at, "
        "changed_at = excluded.changed_at",
        (
            u.url,
            u.kind,
            u.etag if keep else None,
            u.last_modified if keep else None,
            json.dumps(list(u.links)) if u.links else None,
            stamp,
            stamp,
        ),
    )


def _failure(conn: sqlite3.Connection, u: UrlFailure, now: datetime) -> None:
    row = conn.execute("SELECT failures FROM fetch_state WHERE url = ?", (u.url,)).fetchone()
    failures = (int(row[0]) if row else 0) + 1
    # A page is given up; a feed or sitemap the user follows is only ever retried later.
    gave_up = u.kind == "page" and (not u.transient or failures >= MAX_FAILURES)
    wait = min(RETRY_BASE_S * 2 ** (failures - 1), RETRY_MAX_S)
    retry_at = None if gave_up else (now + timedelta(seconds=wait)).isoformat(timespec="seconds")
    conn.execute(
        "INSERT INTO fetch_state (url, kind, failures, error, retry_at, gave_up, checked_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (url) DO UPDATE SET failures = excluded.failures, error = excluded.error, "
        "retry_at = excluded.retry_at, gave_up = excluded.gave_up, "
        "checked_at = excluded.checked_at, etag = NULL, last_modified = NULL",
        (
            u.url,
            u.kind,
            failures,
            u.reason,
            retry_at,
            int(gave_up),
            now.isoformat(timespec="seconds"),
        ),
    )


class StoreState:
    """:class:`newsfuse.ingest.live.FetchState` read from the store.

    With ``honour_backoff`` (``watch``), URLs waiting out a back-off are deferred and
    given-up ones skipped; without (``ingest``, an explicit request), everything not
    stored is tried again."""

    def __init__(
        self, conn: sqlite3.Connection, *, clock: Callable[[], datetime], honour_backoff: bool
    ) -> None:
        self.conn = conn
        self.clock = clock
        self.honour_backoff = honour_backoff

    def validators(self, url: str) -> tuple[str | None, str | None, tuple[str, ...]]:
        row = self.conn.execute(
            "SELECT etag, last_modified, links FROM fetch_state WHERE url = ? AND gave_up = 0",
            (url,),
        ).fetchone()
        if row is None or (row[0] is None and row[1] is None):
            return None, None, ()
        links = tuple(json.loads(row[2])) if row[2] else ()
        return row[0], row[1], links

    def known_article(self, url: str) -> str | None:
        row = self.conn.execute(
            "SELECT article_id FROM fetched_urls WHERE url = ?", (url,)
        ).fetchone()
        return None if row is None else str(row[0])

    def verdict(self, url: str) -> Verdict:
        if not self.honour_backoff:
            return "due"
        row = self.conn.execute(
            "SELECT gave_up, retry_at FROM fetch_state WHERE url = ? AND failures > 0", (url,)
        ).fetchone()
        if row is None:
            return "due"
        if row[0]:
            return "gave_up"
        if row[1] and row[1] > self.clock().isoformat(timespec="seconds"):
            return "waiting"
        return "due"
