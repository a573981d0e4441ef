"""A store for the web tests: the two seeds (one story) and two BASIL dev events
(three outlets each), ingested once per session into a temporary folder."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from newsfuse.store import Store, ingest_paths
from newsfuse.web.app import create_app
from newsfuse.web.config import WebConfig


@pytest.fixture(scope="session")
def web_source_db(
    seed_paths: list[str], basil_dev_paths: list[str], tmp_path_factory: pytest.TempPathFactory
) -> Path:
    """The seeded store, never written by a test (copy it with ``web_db``)."""
    db = tmp_path_factory.mktemp("web") / "news.db"
    basil = sorted(basil_dev_paths)[:6]  # two triplets: files are named <event>_<n>.json
    with Store.open(db) as store:
        ingest_paths(store, [*seed_paths, *basil])
    return db


@pytest.fixture
def web_db(web_source_db: Path, tmp_path: Path) -> Path:
    """A private copy of the seeded store, for a test that writes."""
    db = tmp_path / "news.db"
    with Store.open(web_source_db) as store:
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    shutil.copy(web_source_db, db)
    return db


@pytest.fixture
def client(web_db: Path) -> Iterator[TestClient]:
    """The app over a private copy of the seeded store (no background brief warming)."""
    app = create_app(WebConfig(db=web_db), warm_briefs=False)
    with TestClient(app) as c:
        yield c
    app.state.jobs.stop()


@pytest.fixture(scope="session")
def seed_story(web_source_db: Path) -> str:
    """The id of the seeds' story."""
    with Store.open(web_source_db) as store:
        for s in store.stories():
            if any("/seeds/" in a.path for a in s.articles):
                return s.id
    raise AssertionError("the seeds formed no story")
