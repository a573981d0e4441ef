"""The web app's reads and its one writer: consistent snapshots of the store, briefs
computed once and kept, and a lock that serialises every write.

Each request reads in its own connection inside one read transaction, so a page
sees the store as of one moment: an ingest committing meanwhile (stories and
articles move together, in one transaction) is either wholly visible or not at
all. Writes (ingest jobs, saving a computed brief) take :data:`WRITE_LOCK`.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from newsfuse.briefing.compose import Brief, compose
from newsfuse.model import Article
from newsfuse.store import Store
from newsfuse.store.briefs import current_brief, save_brief
from newsfuse.web.config import WebConfig
from newsfuse.web.errors import ApiError

# One writer at a time: ingest jobs and brief saves.
WRITE_LOCK = threading.Lock()
# spaCy's pipeline is not shared between threads: one brief is composed at a time.
COMPOSE_LOCK = threading.Lock()


# Each server thread keeps its own read connection per store file (opening one checks
# the schema, which would otherwise be most of a small request's cost).
_READERS = threading.local()


@contextmanager
def snapshot(config: WebConfig) -> Iterator[Store]:
    """A store connection reading one consistent state of the store."""
    if not config.db.exists():
        raise ApiError(503, f"no store at {config.db}: ingest articles first", code="no_store")
    readers: dict[Path, Store] = _READERS.__dict__.setdefault("stores", {})
    store = readers.get(config.db)
    if store is None:
        store = readers[config.db] = Store.open(config.db, must_exist=True)
    try:
        store.conn.execute("BEGIN")  # deferred: the first read fixes the snapshot
        yield store
    except ApiError:
        if store.conn.in_transaction:  # an answer like 404: the connection is fine
            store.conn.execute("COMMIT")
        raise
    except BaseException:
        readers.pop(config.db, None)  # a connection in an unknown state is not reused
        if store.conn.in_transaction:
            store.conn.execute("ROLLBACK")
        store.close()
        raise
    else:
        if store.conn.in_transaction:
            store.conn.execute("COMMIT")


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def story_brief(config: WebConfig, story_id: str) -> Brief:
    """The brief of a stored story: the kept one when it is current, else computed now
    (and kept). ApiError 404 for an unknown story."""
    with snapshot(config) as store:
        articles = store.story_articles(story_id)
        if not articles:
            raise ApiError(404, f"no story {story_id!r}")
        stored = current_brief(store.conn, story_id)
        copies = store.story_copies(story_id)
    if stored is not None:
        return brief_from_json(stored, articles)
    return compute_brief(config, story_id, articles, copies)


def compute_brief(
    config: WebConfig,
    story_id: str,
    articles: list[Article],
    copies: dict[str, str],
    *,
    wait: bool = False,
) -> Brief:
    """Compose a story's brief and keep it (replacing a stale one). Without ``wait``,
    a request does not queue behind a running ingest to save it: the brief is served
    and kept the next time (the worker computes missing briefs between jobs)."""
    with COMPOSE_LOCK:
        brief = compose(articles, story_id=story_id, copies=copies)
    if not WRITE_LOCK.acquire(blocking=wait):
        return brief
    try:
        store = Store.open(config.db, must_exist=True)
        try:
            store.conn.execute("BEGIN IMMEDIATE")
            save_brief(store.conn, story_id, brief.to_json(), now())
            store.conn.execute("COMMIT")
        finally:
            if store.conn.in_transaction:
                store.conn.execute("ROLLBACK")
            store.close()
    finally:
        WRITE_LOCK.release()
    return brief


def brief_from_json(data: dict[str, Any], articles: list[Article]) -> Brief:
    """A Brief object again, from its JSON and the stored articles it names."""
    by_id = {a.id: a for a in articles}
    ordered = tuple(by_id[a["id"]] for a in data["articles"] if a["id"] in by_id)
    story = data["story"]
    return Brief(
        story_id=story["id"],
        headline=story["headline"],
        first_published=story.get("first_published"),
        last_published=story.get("last_published"),
        articles=ordered,
        labels={a["id"]: a["label"] for a in data["articles"]},
        entities=data.get("entities", []),
        quotes=data.get("quotes", []),
        quote_groups=data.get("quote_groups", []),
        numbers=data.get("numbers", []),
        number_groups=data.get("number_groups", []),
        times=data.get("times", []),
        timeline=data.get("timeline", []),
        summary=data.get("summary", []),
        facts=data.get("facts", []),
        unique=data.get("unique", []),
        claims=data.get("claims", []),
    )
