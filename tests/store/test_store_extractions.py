"""Extractions kept in the store: made once, read back into the same brief, made again
only when the extraction code changed."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsfuse.briefing import compose, render
from newsfuse.pipeline import load
from newsfuse.store import Store, ingest_paths
from newsfuse.store import extractions as kept


@pytest.fixture
def event(basil_dev_paths: list[str]) -> list[str]:
    paths = [p for p in basil_dev_paths if "f11c2566" in p]
    assert len(paths) == 3
    return paths


def test_a_stored_storys_brief_from_kept_extractions_is_the_fresh_brief(
    event: list[str], tmp_path: Path
) -> None:
    with Store.open(tmp_path / "news.db") as store:
        ingest_paths(store, event)
        assert len(kept.unextracted(store)) == 3
        articles = list(store.articles())
        made = kept.extractions_for(store, articles)
        assert set(made) == {a.id for a in articles}
        assert kept.unextracted(store) == []
        again = kept.stored(store, made)
        assert again == made  # the JSON round trip keeps every field
        from_store = render(compose(articles, story_id="s1", extractions=again), "json")
    fresh = render(compose(list(load(event).articles), story_id="s1"), "json")
    assert from_store == fresh
    assert "Boehner" in fresh


def test_a_changed_extractor_makes_kept_extractions_stale(
    event: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Store.open(tmp_path / "news.db") as store:
        ingest_paths(store, event[:1])
        articles = list(store.articles())
        kept.extractions_for(store, articles)
        assert kept.stored(store, [articles[0].id])
        monkeypatch.setattr(kept, "extractor_version", lambda: "another-rule-set")
        assert kept.stored(store, [articles[0].id]) == {}  # stale: not used
        assert kept.unextracted(store) == [articles[0].id]
        kept.extractions_for(store, articles)  # made again, lazily, and kept
        assert kept.unextracted(store) == []
        (version,) = store.conn.execute("SELECT DISTINCT version FROM extractions").fetchone()
        assert version == "another-rule-set"


def test_the_extractor_version_names_the_code() -> None:
    version = kept.extractor_version()
    assert len(version) == 16 and version == kept.extractor_version()
