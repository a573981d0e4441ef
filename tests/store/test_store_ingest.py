"""Ingesting inputs into the store: idempotent, batched, resumable."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from newsfuse.errors import StoreError
from newsfuse.model import Article
from newsfuse.store import Store, ingest_paths, input_paths
from newsfuse.store import records as store_records
from synth import synth_text


def write_corpus(folder: Path, count: int, start: int = 0) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    files = []
    for n in range(start, start + count):
        path = folder / f"a{n:05d}.txt"
        path.write_text(synth_text(n), encoding="utf-8")
        files.append(path)
    return files


def fail_at_article(monkeypatch: pytest.MonkeyPatch, n: int) -> None:
    """Make the store's n-th article row of the run fail with a StoreError."""
    real = store_records.article_to_row
    calls = {"n": 0}

    def failing(article: Article) -> dict[str, Any]:
        calls["n"] += 1
        if calls["n"] == n:
            raise StoreError("disk on fire")
        row: dict[str, Any] = real(article)
        return row

    monkeypatch.setattr("newsfuse.store.core.article_to_row", failing)


def test_ingest_twice_adds_nothing_the_second_time(tmp_path: Path) -> None:
    write_corpus(tmp_path / "in", 12)
    with Store.open(tmp_path / "news.db") as store:
        first = ingest_paths(store, [str(tmp_path / "in")], batch_size=5)
        assert (first.new, first.present, first.rejected) == (12, 0, [])
        second = ingest_paths(store, [str(tmp_path / "in")], batch_size=5)
        assert (second.new, second.present, second.rejected) == (0, 12, [])
        assert second.skipped_files == 12
        assert store.count() == 12
        assert [h.title for h in store.search("zq00007").hits] == ["Report 7"]


def test_reingest_without_file_skipping_finds_the_same_articles(tmp_path: Path) -> None:
    write_corpus(tmp_path / "in", 6)
    with Store.open(tmp_path / "news.db") as store:
        ingest_paths(store, [str(tmp_path / "in")])
        again = ingest_paths(store, [str(tmp_path / "in")], skip_known_files=False)
        assert (again.new, again.present, again.skipped_files) == (0, 6, 0)


def test_same_article_under_another_name_is_already_present(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(synth_text(1), encoding="utf-8")
    # Same article with other typography and spacing: same id.
    (tmp_path / "copy.txt").write_text(synth_text(1).replace(".", ".  "), encoding="utf-8")
    with Store.open(tmp_path / "news.db") as store:
        report = ingest_paths(store, [str(tmp_path / "a.txt"), str(tmp_path / "copy.txt")])
        assert (report.new, report.present) == (1, 1)


def test_a_changed_file_is_read_again(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(synth_text(1), encoding="utf-8")
    with Store.open(tmp_path / "news.db") as store:
        assert ingest_paths(store, [str(path)]).new == 1
        path.write_text(synth_text(2), encoding="utf-8")
        os.utime(path, ns=(1, 1))
        report = ingest_paths(store, [str(path)])
        assert (report.new, report.present, report.skipped_files) == (1, 0, 0)
        # The new version is now the one remembered.
        assert ingest_paths(store, [str(path)]).skipped_files == 1


def test_deleting_an_article_makes_its_file_be_read_again(tmp_path: Path) -> None:
    write_corpus(tmp_path / "in", 3)
    with Store.open(tmp_path / "news.db") as store:
        ingest_paths(store, [str(tmp_path / "in")])
        victim = store.search("zq00001").hits[0].id
        store.conn.execute("DELETE FROM articles WHERE id = ?", (victim,))
        report = ingest_paths(store, [str(tmp_path / "in")])
        assert (report.new, report.present, report.skipped_files) == (1, 2, 2)
        assert store.check() == []


def test_jsonl_with_a_broken_line_keeps_good_records_and_is_never_skipped(tmp_path: Path) -> None:
    lines = [json.dumps({"title": f"Record {n}", "text": synth_text(n)}) for n in range(3)]
    lines.insert(1, '{"title": "broken", "text": ')
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with Store.open(tmp_path / "news.db") as store:
        first = ingest_paths(store, [str(path)])
        assert first.new == 3
        assert [r.path for r in first.rejected] == [str(path)]
        assert "line 2" in first.rejected[0].reason
        second = ingest_paths(store, [str(path)])
        # Not remembered as ingested in full: read again, and the bad line reported again.
        assert (second.new, second.present, len(second.rejected)) == (0, 3, 1)
        assert second.skipped_files == 0


def test_the_store_files_themselves_are_not_ingested(tmp_path: Path) -> None:
    write_corpus(tmp_path, 2)
    with Store.open(tmp_path / "news.db") as store:
        ingest_paths(store, [str(tmp_path)])  # creates news.db-wal and -shm next to the inputs
        report = ingest_paths(store, [str(tmp_path)], skip_known_files=False)
        assert report.rejected == []
        assert (report.new, report.present, report.files) == (0, 2, 2)


def test_a_path_named_twice_is_read_once(tmp_path: Path) -> None:
    write_corpus(tmp_path / "in", 2)
    args = [str(tmp_path / "in"), str(tmp_path / "in" / "a00000.txt")]
    with Store.open(tmp_path / "news.db") as store:
        report = ingest_paths(store, input_paths(args))
        assert (report.files, report.new, report.present) == (2, 2, 0)


def test_a_failed_batch_leaves_nothing_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_corpus(tmp_path / "in", 10)
    real = store_records.article_to_row
    fail_at_article(monkeypatch, 7)  # the third article of the second batch
    with Store.open(tmp_path / "news.db") as store:
        with pytest.raises(StoreError, match="disk on fire"):
            ingest_paths(store, [str(tmp_path / "in")], batch_size=4, batches_per_commit=1)
        # The first batch is committed; nothing of the second one is.
        assert store.count() == 4
        assert store.conn.execute("SELECT count(*) FROM ingested_files").fetchone()[0] == 4
        assert store.check() == []
        monkeypatch.setattr("newsfuse.store.core.article_to_row", real)
        resumed = ingest_paths(store, [str(tmp_path / "in")], batch_size=4, batches_per_commit=1)
        assert (resumed.new, resumed.present, resumed.skipped_files) == (6, 4, 4)


def test_a_failed_transaction_of_several_batches_leaves_none_of_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Batches are committed in groups: a failure rolls back its whole group (articles,
    files and stories), never the groups committed before it, and a re-run completes."""
    write_corpus(tmp_path / "in", 10)
    real = store_records.article_to_row
    fail_at_article(monkeypatch, 9)  # in the second group: batches 4 and 5 (articles 7-10)
    with Store.open(tmp_path / "news.db") as store:
        with pytest.raises(StoreError, match="disk on fire"):
            ingest_paths(store, [str(tmp_path / "in")], batch_size=2, batches_per_commit=3)
        assert store.count() == 6  # the first group: three whole batches
        assert store.conn.execute("SELECT count(*) FROM ingested_files").fetchone()[0] == 6
        assert store.conn.execute("SELECT count(*) FROM story_articles").fetchone()[0] == 6
        assert store.check() == []
        monkeypatch.setattr("newsfuse.store.core.article_to_row", real)
        resumed = ingest_paths(store, [str(tmp_path / "in")], batch_size=2, batches_per_commit=3)
        assert (resumed.new, resumed.present, resumed.skipped_files) == (4, 6, 6)
        assert store.conn.execute("SELECT count(*) FROM story_articles").fetchone()[0] == 10


def test_batch_size_must_be_positive(tmp_path: Path) -> None:
    with Store.open(tmp_path / "news.db") as store, pytest.raises(ValueError, match="batch_size"):
        ingest_paths(store, [], batch_size=0)


def test_a_crash_in_a_stage_rejects_that_input_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from newsfuse import pipeline

    files = write_corpus(tmp_path / "in", 3)

    def flaky(paths: list[str], **kwargs: Any) -> Any:
        if paths[0].endswith("a00001.txt"):
            raise KeyError(7)
        return pipeline.iter_articles(paths, **kwargs)

    monkeypatch.setattr("newsfuse.store.ingest.iter_articles", flaky)
    with Store.open(tmp_path / "news.db") as store:
        report = ingest_paths(store, [str(tmp_path / "in")])
        assert report.new == 2
        assert [r.path for r in report.rejected] == [str(files[1])]
        assert "KeyError(7)" in report.rejected[0].reason
