"""`newsfuse ingest --workers N` and `--dask` store exactly what one process stores, and a
Dask worker killed mid-ingest loses nothing and stores nothing twice."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newsfuse.store import Store
from synth import synth_text

NEWSFUSE = [sys.executable, "-m", "newsfuse.cli.app"]


def _corpus(folder: Path, n: int) -> Path:
    folder.mkdir()
    for i in range(n):
        # a few long articles, so that the workers have something to do
        (folder / f"a{i:04d}.txt").write_text(synth_text(i, paragraphs=12, sentences=3))
    return folder


def _ingest(db: Path, corpus: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*NEWSFUSE, "ingest", str(corpus), "--db", str(db), "--no-extract", *extra],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def _contents(db: Path) -> tuple[list[tuple[str, str]], list[tuple[str, tuple[str, ...]]]]:
    """(article id, title) of every article, and every story with its members."""
    with Store.open(db, must_exist=True) as store:
        articles = sorted((a.id, a.title or "") for a in store.articles())
        stories = sorted(
            (s.id, tuple(sorted(a.id for a in store.story_articles(s.id)))) for s in store.stories()
        )
    return articles, stories


@pytest.mark.slow
def test_workers_and_dask_store_what_one_process_stores(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "corpus", 120)
    runs = {
        "serial": (),
        "workers": ("--workers", "2"),
        "dask": ("--dask", "local", "--workers", "2"),
    }
    got = {}
    for name, extra in runs.items():
        proc = _ingest(tmp_path / f"{name}.db", corpus, *extra)
        assert proc.returncode == 0, proc.stderr
        assert "120 new" in proc.stdout
        got[name] = _contents(tmp_path / f"{name}.db")
    assert len(got["serial"][0]) == 120
    assert got["workers"] == got["serial"]
    assert got["dask"] == got["serial"]


@pytest.mark.slow
def test_a_dask_worker_killed_mid_ingest_loses_nothing(tmp_path: Path) -> None:
    psutil = pytest.importorskip("psutil")
    pytest.importorskip("distributed")
    n = 1500
    corpus = _corpus(tmp_path / "corpus", n)
    db = tmp_path / "news.db"
    proc = subprocess.Popen(
        [*NEWSFUSE, "ingest", str(corpus), "--db", str(db), "--dask", "local", "--workers", "2",
         "--batch-size", "20", "--no-extract"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )  # fmt: skip
    killed = None
    deadline = time.monotonic() + 300
    try:
        while killed is None and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.2)
            stored = 0
            if db.exists():
                try:
                    with sqlite3.connect(db, timeout=1) as conn:
                        stored = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
                except sqlite3.OperationalError:
                    continue  # the store is being created
            if not 0 < stored < n:
                continue
            # the Dask worker processes (the nannies start them with multiprocessing's
            # spawn; the resource tracker is started otherwise)
            workers = [
                c
                for c in psutil.Process(proc.pid).children(recursive=True)
                if "spawn_main" in " ".join(c.cmdline())
            ]
            if workers:
                killed = (stored, workers[0].pid)
                os.kill(workers[0].pid, signal.SIGKILL)
        out, err = proc.communicate(timeout=600)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert killed is not None, f"no worker was killed mid-run (stdout {out!r}, stderr {err!r})"
    assert proc.returncode == 0, err
    assert f"{n} new" in out
    articles, _ = _contents(db)
    assert len(articles) == n and len({a for a, _ in articles}) == n
    assert {t for _, t in articles} == {f"Report {i}" for i in range(n)}


def _kept(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        return int(conn.execute("SELECT count(*) FROM extractions").fetchone()[0])


@pytest.mark.slow
def test_ingest_keeps_each_new_articles_extraction_unless_told_not_to(
    basil_dev_paths: list[str], tmp_path: Path
) -> None:
    event = [p for p in basil_dev_paths if "f11c2566" in p]
    proc = subprocess.run(
        [*NEWSFUSE, "ingest", *event, "--db", str(tmp_path / "a.db"), "--no-extract"],
        capture_output=True, text=True, timeout=300, check=True,
    )  # fmt: skip
    assert "3 new" in proc.stdout and _kept(tmp_path / "a.db") == 0
    for extra in ((), ("--workers", "2")):
        db = tmp_path / f"b{len(extra)}.db"
        subprocess.run(
            [*NEWSFUSE, "ingest", *event, "--db", str(db), *extra],
            capture_output=True, text=True, timeout=300, check=True,
        )  # fmt: skip
        assert _kept(db) == 3
