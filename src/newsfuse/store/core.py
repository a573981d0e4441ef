"""The store: articles in SQLite with full-text search, written in atomic batches."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from newsfuse.errors import StoreError
from newsfuse.model import Article, Story
from newsfuse.store import db, fetchstate
from newsfuse.store.fetchstate import FetchUpdate
from newsfuse.store.queries import StoreQueries
from newsfuse.store.records import ARTICLE_COLUMNS, article_to_row, row_to_article
from newsfuse.store.search import DEFAULT_LIMIT, SearchResult, search
from newsfuse.store.stories import (
    PendingSave,
    assign,
    list_stories,
    load_clusterer,
    save_changes,
    story_article_ids,
    story_copies,
)

if TYPE_CHECKING:
    from newsfuse.cluster.online import Assignment, StoryClusterer

Clock = Callable[[], datetime]

_INSERT_ARTICLE = (
    f"INSERT INTO articles ({', '.join(ARTICLE_COLUMNS)}, ingested_at) "
    f"VALUES ({', '.join(':' + c for c in ARTICLE_COLUMNS)}, :ingested_at) "
    "ON CONFLICT (id) DO NOTHING"
)
_SELECT_ARTICLE = f"SELECT {', '.join(ARTICLE_COLUMNS)} FROM articles"


@dataclass(frozen=True, slots=True)
class FileStamp:
    """What identifies one version of an input file: its real path, size and mtime."""

    path: str
    size: int
    mtime_ns: int


@dataclass(frozen=True, slots=True)
class IngestedFile:
    """An input file read in full, and the ids of the articles it gave, in order."""

    stamp: FileStamp
    article_ids: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Batch:
    """What :meth:`Store.add_batches` writes for one batch: its articles (clustered
    together, oldest first), the files they complete and the live sources' state."""

    articles: Sequence[Article]
    files: Sequence[IngestedFile] = ()
    fetched: Sequence[FetchUpdate] = ()


@dataclass(frozen=True, slots=True)
class BatchResult:
    """Which articles of a batch were new to the store and which it already held."""

    new: tuple[str, ...]
    present: tuple[str, ...]
    stories: tuple[Assignment, ...] = ()  # where each new article went


def _utc_now() -> datetime:
    return datetime.now(UTC)


class Store(StoreQueries):
    """A newsfuse store: one SQLite file holding articles and their full-text index.

    Open it with :meth:`Store.open` (or as a context manager); every write
    method commits in one transaction, so a killed process leaves either all
    of a batch or none of it.
    """

    def __init__(self, conn: sqlite3.Connection, path: Path, *, clock: Clock = _utc_now) -> None:
        self.conn = conn
        self.path = path
        self._clock = clock
        self._clusterer: StoryClusterer | None = None  # loaded at the first write
        conn.row_factory = sqlite3.Row

    @classmethod
    def open(
        cls, path: str | Path | None = None, *, must_exist: bool = False, clock: Clock = _utc_now
    ) -> Store:
        """Open the store at ``path`` (default: ``$NEWSFUSE_DB`` or ``./newsfuse.db``).

        A missing file is created with the current schema unless ``must_exist``;
        an older schema is migrated.
        """
        where = Path(path) if path is not None else db.default_db_path()
        if must_exist and not where.exists():
            raise StoreError(f"no store at {where}: run `newsfuse ingest PATH --db {where}` first")
        return cls(db.connect(where), where, clock=clock)

    def close(self) -> None:
        """Close the connection (the WAL is checkpointed when the last one closes)."""
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # -- writing ------------------------------------------------------------

    def add_batch(
        self,
        articles: Sequence[Article],
        files: Sequence[IngestedFile] = (),
        fetched: Sequence[FetchUpdate] = (),
    ) -> BatchResult:
        """Store ``articles``, record ``files`` as fully ingested and apply the live
        sources' ``fetched`` state (URLs ingested, feeds read, failures), in one
        transaction.

        An article whose id is already stored is left as it is and counted as
        present. The articles named by ``files`` and ``fetched`` must be stored
        already or be part of this batch.
        """
        return self.add_batches([Batch(articles, files, fetched)])[0]

    def add_batches(self, batches: Sequence[Batch]) -> list[BatchResult]:
        """Write ``batches`` in one transaction, each as :meth:`add_batch` would.

        Each batch's new articles are clustered together (its own order), exactly as
        in separate calls; the clustering state they changed is saved once, at the
        end, instead of once per batch: a story, family or term touched by several
        batches is written once.
        """
        now = self._clock().isoformat(timespec="seconds")
        results: list[BatchResult] = []
        if self._clusterer is None and any(b.articles for b in batches):
            self._clusterer = load_clusterer(self.conn)  # fetch state alone needs none
        try:
            with db.transaction(self.conn) as conn:
                pending = PendingSave()
                for batch in batches:
                    new: list[str] = []
                    present: list[str] = []
                    added = []
                    for article in batch.articles:
                        row = article_to_row(article)
                        row["ingested_at"] = now
                        cur = conn.execute(_INSERT_ARTICLE, row)
                        (new if cur.rowcount == 1 else present).append(article.id)
                        if cur.rowcount == 1:
                            added.append(article)
                    assigned = (
                        assign(self._clusterer, added) if self._clusterer is not None else []
                    )
                    if self._clusterer is not None:
                        pending.note(self._clusterer, assigned)
                    for f in batch.files:
                        self._record_file(conn, f, now)
                    if batch.fetched:
                        fetchstate.apply(conn, batch.fetched, self._clock())
                    results.append(BatchResult(tuple(new), tuple(present), tuple(assigned)))
                if self._clusterer is not None:
                    save_changes(conn, self._clusterer, pending, now)
                    self._clusterer.retire_quiet()  # saved: quiet stories may leave memory
        except BaseException as exc:
            self._clusterer = None  # the transaction rolled back: reload the stored state
            if isinstance(exc, sqlite3.Error):
                n = sum(len(b.articles) for b in batches)
                msg = f"{self.path}: cannot write {n} articles: {exc}"
                raise StoreError(msg) from exc
            raise
        return results

    def add(self, articles: Iterable[Article]) -> BatchResult:
        """Store ``articles`` in one transaction; see :meth:`add_batch`."""
        return self.add_batch(list(articles))

    def _record_file(self, conn: sqlite3.Connection, f: IngestedFile, now: str) -> None:
        conn.execute("DELETE FROM ingested_files WHERE path = ?", (f.stamp.path,))
        cur = conn.execute(
            "INSERT INTO ingested_files (path, size, mtime_ns, n_articles, ingested_at) "
            "VALUES (?, ?, ?, ?, ?)",
            (f.stamp.path, f.stamp.size, f.stamp.mtime_ns, len(f.article_ids), now),
        )
        conn.executemany(
            "INSERT OR IGNORE INTO file_articles (file_id, article_id) VALUES (?, ?)",
            [(cur.lastrowid, aid) for aid in f.article_ids],
        )

    # -- reading ------------------------------------------------------------

    def fetch_state(self, *, honour_backoff: bool = False) -> fetchstate.StoreState:
        """What live ingest knows from earlier runs (see :mod:`newsfuse.store.fetchstate`)."""
        return fetchstate.StoreState(self.conn, clock=self._clock, honour_backoff=honour_backoff)

    def known_file(self, stamp: FileStamp) -> int | None:
        """How many articles this exact file version gave when it was ingested, or None.

        None means the file must be read: never ingested in full, changed since
        (size or mtime differ), or one of its articles has been deleted.
        """
        row = self.conn.execute(
            "SELECT n_articles FROM ingested_files WHERE path = ? AND size = ? AND mtime_ns = ?",
            (stamp.path, stamp.size, stamp.mtime_ns),
        ).fetchone()
        return None if row is None else int(row[0])

    def get(self, article_id: str) -> Article | None:
        """The stored article with this id, or None."""
        row = self.conn.execute(f"{_SELECT_ARTICLE} WHERE id = ?", (article_id,)).fetchone()
        return None if row is None else row_to_article(row)

    def __contains__(self, article_id: object) -> bool:
        return (
            isinstance(article_id, str)
            and self.conn.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone()
            is not None
        )

    def articles(self) -> Iterator[Article]:
        """Every stored article, in the order they were ingested."""
        for row in self.conn.execute(f"{_SELECT_ARTICLE} ORDER BY rowid"):
            yield row_to_article(row)

    def count(self) -> int:
        """How many articles the store holds."""
        return int(self.conn.execute("SELECT count(*) FROM articles").fetchone()[0])

    def search(self, query: str, *, limit: int = DEFAULT_LIMIT) -> SearchResult:
        """Full-text search over title and text; see :func:`newsfuse.store.search.search`."""
        return search(self.conn, query, limit=limit)

    def stories(self, *, limit: int | None = None, only: str | None = None) -> list[Story]:
        """Stories, biggest first (see :func:`newsfuse.store.stories.list_stories`)."""
        return list_stories(self.conn, limit=limit, only=only)

    def story_articles(self, story_id: str) -> list[Article]:
        """A story's articles in arrival order; empty for an unknown story id."""
        found = [self.get(a) for a in story_article_ids(self.conn, story_id)]
        return [a for a in found if a is not None]

    def story_copies(self, story_id: str) -> dict[str, str]:
        """A story's syndicated copies: article id -> the article it copies."""
        return story_copies(self.conn, story_id)

    def check(self) -> list[str]:
        """Problems found by SQLite's integrity check and FTS5's index check; empty if none."""
        problems = [str(r[0]) for r in self.conn.execute("PRAGMA integrity_check").fetchall()]
        problems = [p for p in problems if p != "ok"]
        try:
            # rank = 1 also compares the index with the articles table it mirrors.
            self.conn.execute(
                "INSERT INTO articles_fts (articles_fts, rank) VALUES ('integrity-check', 1)"
            )
        except sqlite3.DatabaseError as exc:
            problems.append(f"full-text index: {exc}")
        fk = self.conn.execute("PRAGMA foreign_key_check").fetchall()
        problems += [f"foreign key: {tuple(r)}" for r in fk]
        return problems
