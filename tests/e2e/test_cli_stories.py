"""`newsfuse stories`, `newsfuse brief --story` and `newsfuse eval clusters` as a user runs
them: a real process on the seed articles and on BASIL (both read in place)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from tests.schema_check import assert_valid

# BASIL dev B³ F1 newsfuse must keep (measured 0.986 when clustering was added).
MIN_BASIL_DEV_F1 = 0.95


def newsfuse(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "NEWSFUSE_DB"}
    return subprocess.run(
        [sys.executable, "-m", "newsfuse.cli.app", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture(scope="module")
def seeded(
    seed_paths: list[str], tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, list[dict[str, Any]]]:
    """A store holding the two seed articles, and `newsfuse stories --format json` of it."""
    seeds = Path(seed_paths[0]).parent
    work = tmp_path_factory.mktemp("stories")
    db = work / "news.db"
    proc = newsfuse("ingest", str(seeds), "--db", str(db), cwd=work)
    assert proc.returncode == 0, proc.stderr
    assert "2 new, 0 already present, 0 rejected" in proc.stdout
    proc = newsfuse("stories", "--db", str(db), "--format", "json", cwd=work)
    assert proc.returncode == 0, proc.stderr
    listing = json.loads(proc.stdout)
    assert listing["schema"] == "newsfuse.stories/1"  # CLI.md's story list
    assert_valid(listing, "stories")  # the schema `newsfuse schema stories` publishes
    return db, listing["stories"]


def test_the_two_seed_articles_are_one_story(seeded: tuple[Path, list[dict[str, Any]]]) -> None:
    _, stories = seeded
    (story,) = stories
    assert len(story["articles"]) == 2
    assert {a["path"].rsplit("/", 1)[-1][:3] for a in story["articles"]} == {"000", "002"}
    assert all(not a["syndicated_of"] for a in story["articles"])  # two reports, not a copy
    assert story["syndicated"] == 0
    assert (story["first_published"], story["last_published"]) == ("2022-12-20", "2022-12-21")
    assert "Zelensky" in story["headline"]
    # a story of its own family, never merged or split
    assert (story["family"], story["history"]) == (story["id"], [])


def test_brief_of_a_stored_story_as_json(
    seeded: tuple[Path, list[dict[str, Any]]], tmp_path: Path
) -> None:
    db, stories = seeded
    story_id = stories[0]["id"]
    proc = newsfuse("brief", "--story", story_id, "--db", str(db), "--format", "json", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    brief = json.loads(proc.stdout)
    assert brief["schema"] == "newsfuse.brief/1"
    assert_valid(brief, "brief")
    assert brief["story"]["id"] == story_id
    assert len(brief["articles"]) == 2
    assert {a["published"] for a in brief["articles"]} == {"2022-12-20", "2022-12-21"}
    assert len({a["id"] for a in brief["articles"]}) == 2


def test_brief_of_an_unknown_story_exits_1_naming_it(
    seeded: tuple[Path, list[dict[str, Any]]], tmp_path: Path
) -> None:
    db, _ = seeded
    proc = newsfuse("brief", "--story", "nope", "--db", str(db), cwd=tmp_path)
    assert proc.returncode == 1
    assert "nope" in proc.stderr and proc.stdout == ""


def test_brief_with_neither_paths_nor_story_is_a_usage_error(tmp_path: Path) -> None:
    proc = newsfuse("brief", "--db", str(tmp_path / "news.db"), cwd=tmp_path)
    assert proc.returncode == 2
    assert "--story" in proc.stderr


def test_eval_clusters_on_basil_dev(basil_dev_paths: list[str], tmp_path: Path) -> None:
    root = Path(basil_dev_paths[0]).parents[2]  # basil-same-event-triplets/articles/YYYY/x
    proc = newsfuse(
        "eval", "clusters", "--data", "basil", "--split", "dev", "--format", "json",
        "--root", str(root), cwd=tmp_path,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)
    assert (report["dataset"], report["split"]) == ("basil", "dev")
    rows = {row["system"]: row for row in report["rows"]}
    assert {"newsfuse", "tfidf-agglomerative"} <= set(rows)
    ours = rows["newsfuse"]
    assert ours["b3_f1"] >= MIN_BASIL_DEV_F1
    assert ours["items"] == report["documents"] == len(basil_dev_paths)


def test_quotes_by_speaker_over_the_stored_briefs(
    seeded: tuple[Path, list[dict[str, Any]]], tmp_path: Path
) -> None:
    db, stories = seeded
    story_id = stories[0]["id"]
    proc = newsfuse("quotes", "--speaker", "putin", "--db", str(db), "-f", "json", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    listing = json.loads(proc.stdout)
    assert listing["schema"] == "newsfuse.quotes/1"
    assert listing["total"] == len(listing["quotes"]) > 0
    assert {q["speaker"] for q in listing["quotes"]} == {"Vladimir Putin"}
    assert listing["stories_without_brief"] == 0  # the missing brief was computed first
    for q in listing["quotes"]:
        # the JSON index counts from 0, the citation as a reader sees it from 1
        label, para = q["cite"].split()[1:]
        assert q["story"] == story_id and label in {"A1", "A2"}
        assert para == f"¶{q['paragraph'] + 1}"
    # the same, read as a table: speaker heading, quote, citation
    proc = newsfuse("quotes", "--speaker", "PUTIN", "--db", str(db), cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "Vladimir Putin (" in proc.stdout and f"— {story_id} A" in proc.stdout


def test_quotes_of_an_unknown_story_exit_1(
    seeded: tuple[Path, list[dict[str, Any]]], tmp_path: Path
) -> None:
    db, _ = seeded
    proc = newsfuse("quotes", "--story", "nope", "--db", str(db), cwd=tmp_path)
    assert proc.returncode == 1
    assert "nope" in proc.stderr and proc.stdout == ""
