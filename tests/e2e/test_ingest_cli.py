"""`newsfuse ingest` and `newsfuse search` as a user runs them: a real process, real files."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from synth import synth_text

SEEDS = Path(__file__).resolve().parents[2] / ".." / "shared" / "seeds"
# The 50 MB input: five times the default 10 MB input limit.
BIG_FILE_BYTES = 50 * 1024 * 1024
SUMMARY = re.compile(r"(\d+) new, (\d+) already present, (\d+) rejected")


def newsfuse(
    *args: str, cwd: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if k != "NEWSFUSE_DB"}
    return subprocess.run(
        [sys.executable, "-m", "newsfuse.cli.app", *args],
        cwd=cwd,
        env={**base, **(env or {})},
        capture_output=True,
        text=True,
        timeout=120,
    )


def counts(stdout: str) -> tuple[int, int, int]:
    m = SUMMARY.search(stdout)
    assert m, f"no summary line in: {stdout!r}"
    return int(m[1]), int(m[2]), int(m[3])


@pytest.fixture
def bad_folder(tmp_path: Path) -> Path:
    """Good articles mixed with every kind of bad input."""
    folder = tmp_path / "inbox"
    (folder / "sub").mkdir(parents=True)
    for n in range(3):
        (folder / f"good{n}.txt").write_text(synth_text(n), encoding="utf-8")
    (folder / "sub" / "good3.txt").write_text(synth_text(3), encoding="utf-8")
    (folder / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(range(256)) * 8)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "latin1.txt").write_bytes("Caf\u00e9 owners in M\u00fcnchen said.".encode("latin-1"))
    with open(folder / "huge.txt", "wb") as fh:  # sparse: instant, takes no disk
        fh.truncate(BIG_FILE_BYTES)
    records = [json.dumps({"title": f"Feed {n}", "text": synth_text(10 + n)}) for n in range(3)]
    records.insert(2, '{"title": "cut off mid-record", "text": "Some')
    (folder / "feed.jsonl").write_text("\n".join(records) + "\n", encoding="utf-8")
    return folder


def test_bad_inputs_are_named_and_good_ones_stored(tmp_path: Path, bad_folder: Path) -> None:
    run = newsfuse("ingest", "inbox", "--db", "news.db", cwd=tmp_path)
    assert run.returncode == 1, run.stderr
    assert "Traceback" not in run.stderr
    # 4 text articles + 3 good JSONL records; 5 inputs rejected.
    assert counts(run.stdout) == (7, 0, 5)
    reasons = dict(re.findall(r"^rejected (\S+): (.+)$", run.stderr, flags=re.MULTILINE))
    assert set(reasons) == {
        "inbox/photo.jpg",
        "inbox/empty.txt",
        "inbox/latin1.txt",
        "inbox/huge.txt",
        "inbox/feed.jsonl",
    }
    assert "binary" in reasons["inbox/photo.jpg"]
    assert "empty" in reasons["inbox/empty.txt"]
    assert "UTF-8" in reasons["inbox/latin1.txt"]
    assert "50 MB" in reasons["inbox/huge.txt"] and "limit" in reasons["inbox/huge.txt"]
    assert "line 3" in reasons["inbox/feed.jsonl"] and "invalid JSON" in reasons["inbox/feed.jsonl"]

    found = newsfuse("search", "zq00012", "--db", "news.db", "--format", "json", cwd=tmp_path)
    assert found.returncode == 0, found.stderr
    hits = json.loads(found.stdout)["hits"]
    assert [h["title"] for h in hits] == ["Feed 2"]
    assert hits[0]["path"] == "inbox/feed.jsonl#4"


def test_ingest_is_idempotent(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(5):
        (folder / f"a{n}.txt").write_text(synth_text(n), encoding="utf-8")
    first = newsfuse("ingest", "in", cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    assert counts(first.stdout) == (5, 0, 0)
    assert (tmp_path / "newsfuse.db").exists()  # the default store

    second = newsfuse("ingest", "in", cwd=tmp_path)
    assert second.returncode == 0, second.stderr
    assert counts(second.stdout) == (0, 5, 0)
    assert "Nothing new" in second.stdout

    # Ingesting "." must not read the store's own files as articles.
    third = newsfuse("ingest", ".", cwd=tmp_path)
    assert third.returncode == 0, third.stderr
    assert counts(third.stdout) == (0, 5, 0)


def test_newsfuse_db_environment_variable_picks_the_store(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(synth_text(1), encoding="utf-8")
    env = {"NEWSFUSE_DB": str(tmp_path / "from-env.db")}
    run = newsfuse("ingest", "a.txt", cwd=tmp_path, env=env)
    assert run.returncode == 0, run.stderr
    assert (tmp_path / "from-env.db").exists() and not (tmp_path / "newsfuse.db").exists()
    found = newsfuse("search", "zq00001", cwd=tmp_path, env=env)
    assert "Report 1" in found.stdout


def test_stdin_is_ingested(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "newsfuse.cli.app", "ingest", "-", "--db", "news.db"],
        cwd=tmp_path,
        input=synth_text(4),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    assert counts(proc.stdout) == (1, 0, 0)


def test_search_table_marks_matches(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(synth_text(1), encoding="utf-8")
    newsfuse("ingest", "a.txt", cwd=tmp_path)
    run = newsfuse("search", "zq00001", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert "Report 1 (Synthetic Daily)" in run.stdout
    assert "**zq00001**" in run.stdout
    none = newsfuse("search", "nonexistentword", cwd=tmp_path)
    assert none.returncode == 0 and "No article matches" in none.stdout


def test_search_json_contract(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(synth_text(2), encoding="utf-8")
    newsfuse("ingest", "a.txt", cwd=tmp_path)
    doc = json.loads(newsfuse("search", "zq00002", "--format", "json", cwd=tmp_path).stdout)
    assert doc["schema"] == "newsfuse.search/1" and doc["total"] == 1
    hit = doc["hits"][0]
    assert {"id", "title", "source", "published", "path", "snippet", "highlights"} <= set(hit)
    start, end = hit["highlights"][0]
    assert hit["snippet"][start:end] == "zq00002"


def test_search_bad_syntax_and_usage_errors(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(synth_text(3), encoding="utf-8")
    newsfuse("ingest", "a.txt", cwd=tmp_path)
    quote = newsfuse("search", '"zq00003', cwd=tmp_path)
    assert quote.returncode == 0 and "Traceback" not in quote.stderr
    assert "**zq00003**" in quote.stdout
    assert "not valid search syntax" in quote.stderr
    empty = newsfuse("search", " ", cwd=tmp_path)
    assert empty.returncode == 2 and "Traceback" not in empty.stderr
    zero = newsfuse("search", "x", "--limit", "0", cwd=tmp_path)
    assert zero.returncode == 2


def test_store_errors_are_messages_not_tracebacks(tmp_path: Path) -> None:
    missing = newsfuse("search", "anything", "--db", "absent.db", cwd=tmp_path)
    assert missing.returncode == 1
    assert "no store at absent.db" in missing.stderr and "Traceback" not in missing.stderr
    assert not (tmp_path / "absent.db").exists()
    (tmp_path / "notes.db").write_text("not a database\n" * 100)
    (tmp_path / "a.txt").write_text(synth_text(1), encoding="utf-8")
    bad = newsfuse("ingest", "a.txt", "--db", "notes.db", cwd=tmp_path)
    assert bad.returncode == 1
    assert "notes.db" in bad.stderr and "Traceback" not in bad.stderr


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds not available")
def test_seeds_ingest_and_search(tmp_path: Path) -> None:
    run = newsfuse("ingest", str(SEEDS), "--db", "news.db", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert counts(run.stdout) == (2, 0, 0)
    doc = json.loads(
        newsfuse("search", "Bakhmut", "--db", "news.db", "--format", "json", cwd=tmp_path).stdout
    )
    assert doc["total"] == 2
    for hit in doc["hits"]:
        assert any(hit["snippet"][s:e].lower() == "bakhmut" for s, e in hit["highlights"])
