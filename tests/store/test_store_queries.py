"""The store's queries for the web and the CLI (store/queries.py): what each one gives
on a small store with two stories, and that its writes are all or nothing."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.store.test_store_briefs import brief_of
from tests.store.test_store_stories import DRONES, FLOOD_1, FLOOD_2, write

from newsfuse.store import ArticleOrigin, Store, WatchPoll, ingest_paths


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    write(tmp_path / "a", {"f1.txt": FLOOD_1, "f2.txt": FLOOD_2, "d.txt": DRONES})
    with Store.open(tmp_path / "news.db") as opened:
        ingest_paths(opened, [str(tmp_path / "a")])
        yield opened


def test_stories_of_articles_and_their_sizes(store: Store) -> None:
    flood, drones = sorted(store.stories(), key=lambda s: -len(s.articles))
    assert store.story_count() == 2
    assert [store.story_size(flood.id), store.story_size(drones.id)] == [2, 1]
    assert store.story_size("no-such-story") == 0
    assert all(store.story_of(a.id) == flood.id for a in flood.articles)
    assert store.story_of("no-such-article") is None
    # biggest first, each once, whichever of its articles is asked for
    every = [a.id for s in (drones, flood) for a in s.articles]
    assert store.stories_holding(every) == [flood.id, drones.id]
    assert store.stories_holding([drones.articles[0].id]) == [drones.id]
    assert store.stories_holding([]) == []
    listing = store.article_listing(limit=10)
    assert [a.id for a in listing] == [a.id for a in store.articles()]
    assert {a.id: a.story for a in listing} == {a.id: store.story_of(a.id) for a in listing}
    assert [a.id for a in store.article_listing(limit=2, offset=1)] == [a.id for a in listing[1:3]]


def test_kept_briefs_count_until_their_story_changes(store: Store) -> None:
    flood, _drones = sorted(store.stories(), key=lambda s: -len(s.articles))
    ids = [a.id for a in flood.articles]
    assert store.brief_coverage() == (0, 2)
    assert store.stored_briefs([flood.id]) == {}
    store.keep_brief(flood.id, brief_of(flood.id, ids, []), "2024-01-01T00:00:00+00:00")
    assert store.brief_coverage() == (1, 2)
    assert store.current_brief(flood.id) is not None
    kept = store.stored_briefs([flood.id, flood.id, "no-such-story"])
    assert list(kept) == [flood.id]
    assert kept[flood.id].headline == f"headline of {flood.id}"
    assert kept[flood.id].labels == {ids[0]: "A1", ids[1]: "A2"}


def test_origins_are_set_together_and_a_stored_url_is_kept(store: Store) -> None:
    first, second, third = (a.id for a in store.articles())
    store.set_origins(
        [
            ArticleOrigin(first, "upload:flood.txt", None),
            ArticleOrigin(second, "https://news.example/a", "https://news.example/a"),
        ]
    )
    assert store.get(first).path == "upload:flood.txt"  # type: ignore[union-attr]
    assert store.get(second).url == "https://news.example/a"  # type: ignore[union-attr]
    store.set_origins([ArticleOrigin(second, "upload:again.txt", "https://other.example/b")])
    assert store.get(second).url == "https://news.example/a"  # type: ignore[union-attr]
    # an article id the store does not hold changes nothing
    before = store.get(third)
    store.set_origins([ArticleOrigin("no-such-article", "upload:x.txt", None)])
    assert store.get(third) == before


def test_a_read_sees_one_state_of_the_store(store: Store, tmp_path: Path) -> None:
    with Store.open(tmp_path / "news.db") as writer:
        with store.reading():
            before = store.count()
            write(tmp_path / "b", {"d2.txt": DRONES.replace("drones", "drone swarms")})
            ingest_paths(writer, [str(tmp_path / "b")])
            assert store.count() == before  # the snapshot does not move
        assert store.count() == before + 1


def test_watch_polls_are_recorded_start_and_finish(store: Store) -> None:
    assert store.last_watch_poll() is None
    poll = store.start_watch_poll("2024-01-01T00:00:00+00:00", ["https://feed.example/rss"])
    assert store.last_watch_poll() == WatchPoll("2024-01-01T00:00:00+00:00", None)
    store.finish_watch_poll(
        poll, "2024-01-01T00:01:00+00:00", new=3, present=1, rejected=0, deferred=2
    )
    assert store.last_watch_poll() == WatchPoll(
        "2024-01-01T00:00:00+00:00", "2024-01-01T00:01:00+00:00"
    )
