"""Stories in the store: formed at ingest, saved with the articles, restored on reopening."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from newsfuse.errors import StoreError
from newsfuse.store import Store, ingest_paths

# Two invented events; the flood told by two outlets (and a third later), the drones by one.
FLOOD_1 = """title Tessel river floods Marrowdale
source Valley Gazette
date 2023-03-05

The Tessel river burst its banks in Marrowdale overnight, forcing some 400 residents from \
their homes.

Mayor Elin Vasquez opened the Marrowdale sports hall as a shelter and asked people to stay \
away from the old market square, where water stood a metre deep by dawn.

Engineers blamed three days of heavy rain on the hills above the valley.
"""
FLOOD_2 = """title Hundreds evacuated as Marrowdale floods
source Northern Courier
date 2023-03-06

Around 400 people were evacuated from Marrowdale after the Tessel overflowed late on Sunday.

Elin Vasquez, the town's mayor, said the sports hall would stay open as an emergency shelter \
for as long as it was needed.

Shops around the market square were flooded and the valley road was closed to traffic.
"""
FLOOD_3 = """title Marrowdale counts the cost of the Tessel flood
source Marrowdale Echo
date 2023-03-09

Residents of Marrowdale returned to mud-filled homes as the Tessel river fell back.

Mayor Vasquez said 400 households had been evacuated and that the sports hall shelter would \
close on Friday.

Traders in the market square began pumping flood water out of their cellars.
"""
DRONES = """title Quillon Robotics recalls delivery drones
source Tech Wire
date 2023-03-06

Quillon Robotics is recalling 12,000 delivery drones after a series of battery fires.

Chief executive Darius Penhallow said the lithium cells could overheat in flight, and \
regulators grounded the Quillon fleet while engineers inspect every battery pack.

Customers will receive replacement drones free of charge.
"""


def write(folder: Path, texts: dict[str, str]) -> list[str]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, text in texts.items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        paths.append(str(path))
    return paths


def story_rows(store: Store) -> tuple[int, int]:
    stories = store.conn.execute("SELECT count(*) FROM stories").fetchone()[0]
    members = store.conn.execute("SELECT count(*) FROM story_articles").fetchone()[0]
    return int(stories), int(members)


def test_ingested_articles_form_stories_with_counts_and_outlets(tmp_path: Path) -> None:
    write(tmp_path / "in", {"f1.txt": FLOOD_1, "f2.txt": FLOOD_2, "d1.txt": DRONES})
    with Store.open(tmp_path / "news.db") as store:
        assert ingest_paths(store, [str(tmp_path / "in")]).new == 3
        stories = store.stories()
        assert [(len(s.articles), s.outlets) for s in stories] == [
            (2, ("Northern Courier", "Valley Gazette")),
            (1, ("Tech Wire",)),
        ]
        flood, drones = stories
        assert flood.headline == "Tessel river floods Marrowdale"  # the earliest article's title
        assert (flood.first_published, flood.last_published) == ("2023-03-05", "2023-03-06")
        assert flood.syndicated == 0
        assert [a.title for a in store.story_articles(flood.id)] == [
            "Tessel river floods Marrowdale",
            "Hundreds evacuated as Marrowdale floods",
        ]
        assert [a.source for a in store.story_articles(drones.id)] == ["Tech Wire"]
        assert store.story_articles("s999") == []
        assert store.stories(limit=1) == [flood]
        assert store.check() == []


def test_reopened_store_puts_a_new_article_in_its_existing_story(tmp_path: Path) -> None:
    write(tmp_path / "in", {"f1.txt": FLOOD_1, "f2.txt": FLOOD_2, "d1.txt": DRONES})
    db = tmp_path / "news.db"
    with Store.open(db) as store:
        ingest_paths(store, [str(tmp_path / "in")])
        flood_id = store.stories()[0].id
    (later,) = write(tmp_path / "later", {"f3.txt": FLOOD_3})
    with Store.open(db) as store:
        result = ingest_paths(store, [later])
        assert result.new == 1
        stories = store.stories()
        assert [(s.id, len(s.articles)) for s in stories] == [(flood_id, 3), (stories[1].id, 1)]
        assert stories[0].outlets == ("Marrowdale Echo", "Northern Courier", "Valley Gazette")
        assert story_rows(store) == (2, 4)
        assert store.check() == []


def test_reingesting_the_same_files_changes_no_story(tmp_path: Path) -> None:
    write(tmp_path / "in", {"f1.txt": FLOOD_1, "f2.txt": FLOOD_2, "d1.txt": DRONES})
    db = tmp_path / "news.db"
    with Store.open(db) as store:
        ingest_paths(store, [str(tmp_path / "in")])
        before = store.stories()
    with Store.open(db) as store:
        again = ingest_paths(store, [str(tmp_path / "in")], skip_known_files=False)
        assert (again.new, again.present) == (0, 3)
        assert store.stories() == before
        assert story_rows(store) == (2, 3)


def test_a_batch_that_fails_mid_write_leaves_no_story_rows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from newsfuse.store import core

    write(tmp_path / "first", {"f1.txt": FLOOD_1})
    write(tmp_path / "second", {"f2.txt": FLOOD_2, "d1.txt": DRONES})
    real = core.save_changes

    def write_then_fail(*args: Any, **kwargs: Any) -> Any:
        real(*args, **kwargs)  # the stories of the batch are written in its transaction...
        raise StoreError("disk on fire")  # ...and then the batch fails before committing

    with Store.open(tmp_path / "news.db") as store:
        ingest_paths(store, [str(tmp_path / "first")])
        assert story_rows(store) == (1, 1)
        monkeypatch.setattr(core, "save_changes", write_then_fail)
        with pytest.raises(StoreError, match="disk on fire"):
            ingest_paths(store, [str(tmp_path / "second")])
        assert store.count() == 1
        assert story_rows(store) == (1, 1)
        assert store.conn.execute("SELECT count(*) FROM story_events").fetchone()[0] == 1
        assert [len(s.articles) for s in store.stories()] == [1]
        assert store.check() == []

        monkeypatch.setattr(core, "save_changes", real)
        resumed = ingest_paths(store, [str(tmp_path / "second")])
        assert (resumed.new, resumed.present) == (2, 0)
        assert [(len(s.articles), s.outlets) for s in store.stories()] == [
            (2, ("Northern Courier", "Valley Gazette")),
            (1, ("Tech Wire",)),
        ]
        assert story_rows(store) == (2, 3)
        assert store.check() == []


def test_a_failed_batch_does_not_leave_ghost_articles_in_the_clusterer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After a rollback, a later article is compared with what the store holds only."""
    from newsfuse.store import core

    write(tmp_path / "first", {"f1.txt": FLOOD_1})
    write(tmp_path / "third", {"f3.txt": FLOOD_3})
    real = core.save_changes

    def write_then_fail(*args: Any, **kwargs: Any) -> Any:
        real(*args, **kwargs)
        raise StoreError("disk on fire")

    with Store.open(tmp_path / "news.db") as store:
        monkeypatch.setattr(core, "save_changes", write_then_fail)
        with pytest.raises(StoreError):
            ingest_paths(store, [str(tmp_path / "first")])
        monkeypatch.setattr(core, "save_changes", real)
        ingest_paths(store, [str(tmp_path / "third")])
        ingest_paths(store, [str(tmp_path / "first")])
        stories = store.stories()
        assert [len(s.articles) for s in stories] == [2]
        # Story ids start afresh: the rolled-back story never existed.
        assert stories[0].id == "s1"
        assert story_rows(store) == (1, 2)
        assert store.check() == []


def test_a_merge_is_saved_with_its_event_and_moves_the_articles(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A strict threshold keeps two flood reports apart; a later report close to both
    merges them, in the store too, and the merge is recorded."""
    import functools

    from newsfuse.cluster import online as cluster_online
    from newsfuse.cluster.online import StoryClusterer

    strict = functools.partial(StoryClusterer, threshold=0.65)
    monkeypatch.setattr(cluster_online, "StoryClusterer", strict)
    body_1, body_2 = (t.split("\n\n", 1)[1] for t in (FLOOD_1, FLOOD_2))
    bridge = f"title Marrowdale flood\ndate 2023-03-07\n\n{body_2}\n{body_2}\n{body_1}"
    write(tmp_path / "a", {"f1.txt": FLOOD_1, "f2.txt": FLOOD_2})
    (bridge_path,) = write(tmp_path / "b", {"bridge.txt": bridge})
    db = tmp_path / "news.db"
    with Store.open(db) as store:
        ingest_paths(store, [str(tmp_path / "a")])
        assert sorted(s.id for s in store.stories()) == ["s1", "s2"]
    with Store.open(db) as store:
        ingest_paths(store, [bridge_path])
        assert [(s.id, len(s.articles)) for s in store.stories()] == [("s1", 3)]
        (story,) = store.stories()
        assert [(h.kind, h.story) for h in story.history] == [("absorbed", "s2")]
        assert story.history[0].describe() == "absorbed s2"
        assert store.story_articles("s2") == []
        events = store.conn.execute(
            "SELECT kind, story_id, into_story FROM story_events ORDER BY seq"
        ).fetchall()
        assert [tuple(e) for e in events] == [
            ("created", "s1", None),
            ("created", "s2", None),
            ("merged", "s2", "s1"),
        ]
        assert [tuple(r) for r in store.conn.execute("SELECT id, n_articles FROM stories")] == [
            ("s1", 3)
        ]
        assert store.check() == []


def test_story_families_survive_reopening_the_store(tmp_path: Path) -> None:
    from newsfuse.store.stories import load_clusterer

    write(tmp_path / "in", {"f1.txt": FLOOD_1, "d1.txt": DRONES})
    with Store.open(tmp_path / "fam.db") as store:
        ingest_paths(store, [str(tmp_path / "in")])
        by_file = {Path(s.articles[0].path).name: s.id for s in store.stories()}
        flood, drones = by_file["f1.txt"], by_file["d1.txt"]
        # each story is the root of its own family, with its article's vector as centroid
        roots = store.conn.execute(
            "SELECT story_id, family, centroid IS NOT NULL FROM story_families ORDER BY story_id"
        ).fetchall()
        assert sorted(tuple(r) for r in roots) == sorted([(flood, flood, 1), (drones, drones, 1)])
        # record the drones story as related to the flood story, as the clusterer would
        store.conn.execute(
            "UPDATE story_families SET family = ? WHERE story_id = ?", (flood, drones)
        )
    with Store.open(tmp_path / "fam.db") as store:
        clusterer = load_clusterer(store.conn)
    assert clusterer.family(drones) == flood
    assert clusterer.family(flood) == flood
    assert "marrowdale" in clusterer.family_centroids[flood]


def test_a_split_is_saved_with_its_event_and_survives_reopening(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Strike reports that joined a volcano story under a loose threshold are split off
    when the story reaches six articles; the store moves them and records the split, and
    a reopened store sends the next strike report to the strike story."""
    import functools

    from tests.cluster.test_online import STRIKE, VOLCANO

    from newsfuse.cluster import online as cluster_online
    from newsfuse.cluster.online import StoryClusterer

    loose = functools.partial(StoryClusterer, threshold=0.0001)
    monkeypatch.setattr(cluster_online, "StoryClusterer", loose)

    def files(items: list[tuple[str, str, str]], day: str) -> dict[str, str]:
        return {
            f"{aid}.txt": f"title {title}\ndate {day}\n\n{text}\n" for aid, title, text in items
        }

    write(tmp_path / "a", files(VOLCANO, "2024-05-02"))
    write(tmp_path / "b", files(STRIKE, "2024-05-03"))
    more = [
        (
            "strike-4",
            "Pellin strike ends",
            "Pellin dockers ended their strike after the "
            "port authority raised its pay offer to the union.",
        )
    ]
    write(tmp_path / "c", files(more, "2024-05-04"))
    db = tmp_path / "news.db"
    with Store.open(db) as store:
        ingest_paths(store, [str(tmp_path / "a")])
        ingest_paths(store, [str(tmp_path / "b")])
        stories = {s.id: sorted(Path(a.path).stem for a in s.articles) for s in store.stories()}
        assert stories == {
            "s1": ["volcano-1", "volcano-2", "volcano-3"],
            "s2": ["strike-1", "strike-2", "strike-3"],
        }
        events = store.conn.execute(
            "SELECT kind, story_id, parent_story FROM story_events ORDER BY seq"
        ).fetchall()
        assert [tuple(e) for e in events] == [("created", "s1", None), ("split", "s2", "s1")]
        assert [tuple(r) for r in store.conn.execute(
            "SELECT id, n_articles, family FROM stories ORDER BY id")] == [
            ("s1", 3, "s1"), ("s2", 3, "s1")]  # fmt: skip
        assert store.check() == []
        # `newsfuse stories` shows the split under both stories, and their family
        listed = {st.id: st.to_dict() for st in store.stories()}
        assert [(h["kind"], h["story"], h["article"]) for h in listed["s1"]["history"]] == [
            ("split_off", "s2", store.conn.execute(
                "SELECT article_id FROM story_events WHERE kind = 'split'").fetchone()[0])
        ]  # fmt: skip
        assert [(h["kind"], h["story"]) for h in listed["s2"]["history"]] == [("split_from", "s1")]
        assert (listed["s1"]["family"], listed["s2"]["family"]) == ("s1", "s1")
    with Store.open(db) as store:
        ingest_paths(store, [str(tmp_path / "c")])
        by_story = {s.id: len(s.articles) for s in store.stories()}
        assert by_story == {"s1": 3, "s2": 4}


def test_a_store_made_before_splits_keeps_its_stories_families_and_events(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A store at schema 0002 (no splits, no family centroids) opens under 0003 with its
    stories, events and family links intact, and goes on clustering."""
    from newsfuse.store import db as store_db

    old = [m for m in store_db.migrations() if m.version <= 2]
    monkeypatch.setattr(store_db, "migrations", lambda: old)
    db = tmp_path / "old.db"
    with Store.open(db) as store:
        # what a 0002 newsfuse wrote: stories formed, no vector columns to fill
        store.conn.executemany(
            "INSERT INTO stories VALUES (?, ?, 738584, 738584, 1, 's1', 'then', 'then')",
            [("s1", '{"tessel": 1.0}'), ("s2", '{"quillon": 1.0}')],
        )
        store.conn.execute(
            "INSERT INTO story_events (kind, story_id, article_id, into_story, at) "
            "VALUES ('created', 's1', 'x', NULL, 'then')"
        )
    monkeypatch.undo()
    with Store.open(db) as store:
        events = store.conn.execute(
            "SELECT kind, story_id, parent_story FROM story_events"
        ).fetchall()
        assert [tuple(e) for e in events] == [("created", "s1", None)]
        families = store.conn.execute(
            "SELECT story_id, family, centroid FROM story_families ORDER BY story_id"
        ).fetchall()
        assert [tuple(f) for f in families] == [("s1", "s1", None), ("s2", "s1", None)]
        from newsfuse.store.stories import load_clusterer

        clusterer = load_clusterer(store.conn)
        assert clusterer.family("s2") == "s1"


def test_one_story_is_listed_alone_and_an_unknown_one_not_at_all(tmp_path: Path) -> None:
    write(tmp_path / "in", {"f1.txt": FLOOD_1, "f2.txt": FLOOD_2, "d1.txt": DRONES})
    with Store.open(tmp_path / "one.db") as store:
        ingest_paths(store, [str(tmp_path / "in")])
        every = {s.id: s for s in store.stories()}
        for story_id, story in every.items():
            assert store.stories(only=story_id) == [story]
        assert store.stories(only="s999") == []


def _state(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    """Everything the clusterer saved, timestamps left out."""
    queries = {
        "stories": "SELECT id, centroid, first_day, last_day, n_articles, family FROM stories "
        "ORDER BY id",
        "members": "SELECT article_id, story_id, seq, similarity, syndicated_of, signature, "
        "vector, day FROM story_articles ORDER BY seq",
        "events": "SELECT kind, story_id, article_id, into_story, parent_story FROM story_events "
        "ORDER BY seq",
        "families": "SELECT story_id, family, centroid FROM story_families ORDER BY story_id",
        "df": "SELECT term, df FROM term_df ORDER BY term",
        "meta": "SELECT key, value FROM cluster_meta ORDER BY key",
    }
    return {k: [tuple(r) for r in store.conn.execute(q)] for k, q in queries.items()}


def test_a_store_written_in_two_runs_holds_what_one_run_writes(tmp_path: Path) -> None:
    """Reopening restores the clusterer exactly: the second run's batch is clustered as
    an uninterrupted run clusters it, and every saved row is the same."""
    first = write(tmp_path / "a", {"f1.txt": FLOOD_1, "d1.txt": DRONES})
    second = write(tmp_path / "b", {"f2.txt": FLOOD_2, "f3.txt": FLOOD_3})
    with Store.open(tmp_path / "one.db") as store:
        ingest_paths(store, first + second, batch_size=2)
        one_run = _state(store)
    with Store.open(tmp_path / "two.db") as store:
        ingest_paths(store, first, batch_size=2)
    with Store.open(tmp_path / "two.db") as store:
        ingest_paths(store, second, batch_size=2)
        two_runs = _state(store)
    assert [(s[0], s[4]) for s in one_run["stories"]] == [("s1", 3), ("s2", 1)]
    assert two_runs == one_run


def test_saving_once_per_transaction_writes_what_saving_every_batch_writes(
    tmp_path: Path,
) -> None:
    """Batches committed together save the clustering state once, at the end; every
    stored row is the one a save after each batch leaves."""
    paths = write(
        tmp_path / "in",
        {"f1.txt": FLOOD_1, "d1.txt": DRONES, "f2.txt": FLOOD_2, "f3.txt": FLOOD_3},
    )
    states = []
    for per_commit in (1, 4):
        with Store.open(tmp_path / f"per{per_commit}.db") as store:
            ingest_paths(store, paths, batch_size=1, batches_per_commit=per_commit)
            states.append(_state(store))
    assert [(s[0], s[4]) for s in states[0]["stories"]] == [("s1", 3), ("s2", 1)]
    assert states[1] == states[0]


def _dated(text: str, when: str) -> str:
    head, rest = text.split("date ", 1)
    return f"{head}date {when}{rest[len('2023-03-05') :]}"


def test_a_story_quiet_for_weeks_leaves_memory_and_is_read_back_for_a_late_article(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The flood goes quiet and leaves the clusterer's memory once the drones, two months
    on, arrive; a flood report that turns up late (dated with the flood) still joins the
    flood's story, in the same run and after reopening, and the store holds what it
    holds when no story is retired."""
    import newsfuse.cluster.online as online

    monkeypatch.setattr(online, "PRUNE_EVERY", 1)
    drones = _dated(DRONES, "2023-05-06")
    flood = write(tmp_path / "a", {"f1.txt": FLOOD_1, "f2.txt": FLOOD_2})
    (drone,) = write(tmp_path / "b", {"d1.txt": drones})
    (late,) = write(tmp_path / "c", {"f3.txt": FLOOD_3})
    with monkeypatch.context() as m:
        m.setattr(online.StoryClusterer, "retire_quiet", lambda self: 0)  # nothing retires
        with Store.open(tmp_path / "kept.db") as store:
            ingest_paths(store, [*flood, drone, late], batch_size=1)
            kept = _state(store)
    for reopen in (False, True):
        db = tmp_path / f"late-{reopen}.db"
        store = Store.open(db)
        try:
            ingest_paths(store, [*flood, drone], batch_size=1)
            clusterer = store._clusterer
            assert clusterer is not None and list(clusterer.stories) == ["s2"]  # flood left
            assert "s1" not in clusterer.family_centroids
            if reopen:
                store.close()
                store = Store.open(db)
            ingest_paths(store, [late], batch_size=1)
            late_state = _state(store)
        finally:
            store.close()
        members = {r[0]: r[1] for r in late_state["members"]}
        flood_ids = {r[0] for r in kept["members"] if r[1] == "s1"}
        assert len(flood_ids) == 3 and {members[a] for a in flood_ids} == {"s1"}
        assert [(s[0], s[4]) for s in late_state["stories"]] == [("s1", 3), ("s2", 1)]
        assert late_state == kept
