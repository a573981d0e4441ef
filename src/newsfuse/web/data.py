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

from newsfuse.briefing.compose import compose
from newsfuse.errors import SchemaError
from newsfuse.model import Article, Brief
from newsfuse.store import Store
from newsfuse.store.extractions import stored as stored_extractions
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
        with store.reading():  # the first read fixes the snapshot
            yield store
    except ApiError:  # an answer like 404: the connection is fine
        raise
    except BaseException:
        readers.pop(config.db, None)  # a connection in an unknown state is not reused
        store.close()
        raise


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def story_brief(config: WebConfig, story_id: str) -> Brief:
    """The brief of a stored story: the kept one when it is current, else computed now
    (and kept). ApiError 404 for an unknown story."""
    with snapshot(config) as store:
        articles = store.story_articles(story_id)
        if not articles:
            raise ApiError(404, f"no story {story_id!r}")
        stored = store.current_brief(story_id)
        copies = store.story_copies(story_id)
    if stored is not None:
        try:
            return Brief.from_dict(stored)
        except SchemaError:
            pass  # kept by an older newsfuse in another shape: computed again
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
    with Store.open(config.db, must_exist=True) as store:
        known = stored_extractions(store, [a.id for a in articles])  # made at ingest
    with COMPOSE_LOCK:
        brief = compose(articles, story_id=story_id, copies=copies, extractions=known)
    if not WRITE_LOCK.acquire(blocking=wait):
        return brief
    try:
        with Store.open(config.db, must_exist=True) as store:
            store.keep_brief(story_id, brief.to_dict(), now())
    finally:
        WRITE_LOCK.release()
    return brief
