"""Briefs kept in the store for the web app: valid only for the articles they were
computed from, found by speaker, and reported per ingested file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.store.test_store_stories import DRONES, FLOOD_1, FLOOD_2, FLOOD_3, write

from newsfuse.store import Store, ingest_paths
from newsfuse.store.briefs import (
    current_brief,
    find_quotes,
    save_brief,
    speakers,
    stale_stories,
)


def brief_of(story: str, article_ids: list[str], quotes: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "schema": "newsfuse.brief/1",
        "story": {"id": story, "headline": f"headline of {story}"},
        "articles": [{"id": a, "label": f"A{k}"} for k, a in enumerate(article_ids, 1)],
        "quotes": quotes,
    }


def test_a_kept_brief_is_current_until_its_story_changes(tmp_path: Path) -> None:
    write(tmp_path / "a", {"f1.txt": FLOOD_1, "f2.txt": FLOOD_2, "d.txt": DRONES})
    write(tmp_path / "b", {"f3.txt": FLOOD_3})
    with Store.open(tmp_path / "news.db") as store:
        ingest_paths(store, [str(tmp_path / "a")])
        flood = next(s for s in store.stories() if len(s.articles) == 2)
        ids = [a.id for a in flood.articles]
        assert stale_stories(store.conn)[0] == flood.id  # biggest first
        quotes = [
            {"id": "q1", "article": ids[0], "paragraph": 1, "speaker": "Elin Vasquez",
             "kind": "direct", "text": "stay away from the square"},
            {"id": "q2", "article": ids[1], "paragraph": 2, "speaker": None,
             "kind": "direct", "text": "100% _sure_"},
            {"id": "q3", "article": ids[1], "paragraph": 2, "speaker": "who",
             "kind": "direct", "text": "the water rose"},
        ]  # fmt: skip
        save_brief(store.conn, flood.id, brief_of(flood.id, ids[::-1], quotes), "now")
        assert current_brief(store.conn, flood.id) is not None  # order of ids does not matter
        assert flood.id not in stale_stories(store.conn)
        hits, total = find_quotes(store.conn, speaker="vasquez")
        assert total == 1 and hits[0].text == "stay away from the square"
        assert hits[0].headline == f"headline of {flood.id}"
        # LIKE wildcards in the search are plain characters
        assert find_quotes(store.conn, text="100%")[1] == 1
        assert find_quotes(store.conn, text="_sure_")[1] == 1
        assert find_quotes(store.conn, text="0%_")[1] == 0
        assert speakers(store.conn) == [("Elin Vasquez", 1)]
        # a third report joins the story: the kept brief is stale, its quotes hidden
        ingest_paths(store, [str(tmp_path / "b")])
        assert current_brief(store.conn, flood.id) is None
        assert flood.id in stale_stories(store.conn)
        assert find_quotes(store.conn, speaker="vasquez") == ([], 0)


def test_ingest_reports_the_articles_of_each_file_and_which_are_new(tmp_path: Path) -> None:
    paths = write(tmp_path / "in", {"f1.txt": FLOOD_1, "d.txt": DRONES})
    with Store.open(tmp_path / "news.db") as store:
        first = ingest_paths(store, paths)
        assert set(first.file_articles) == set(paths)
        assert all(len(ids) == 1 for ids in first.file_articles.values())
        assert first.new_ids == {ids[0] for ids in first.file_articles.values()}
        again = ingest_paths(store, paths, skip_known_files=False)
        assert again.new_ids == set()
        assert again.file_articles == first.file_articles
