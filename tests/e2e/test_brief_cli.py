"""The README's brief examples, run as a user would."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

NEWSFUSE = [sys.executable, "-m", "newsfuse.cli.app"]


def test_brief_html_to_file(seed_paths: list[str], tmp_path: Path) -> None:
    out = tmp_path / "brief.html"
    proc = subprocess.run(
        [*NEWSFUSE, "brief", *seed_paths, "--format", "html", "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == "" and "wrote" in proc.stderr
    assert out.read_text(encoding="utf-8").startswith("<!doctype html>")


def test_brief_of_stdin_as_json(seed_paths: list[str]) -> None:
    text = Path(seed_paths[1]).read_text(encoding="utf-8")
    proc = subprocess.run(
        [*NEWSFUSE, "brief", "-", "--format", "json"],
        input=text,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    (article,) = data["articles"]
    assert (article["path"], article["published"]) == ("-", "2022-12-21")


def test_brief_with_a_bad_input_still_briefs_the_rest(
    seed_paths: list[str], tmp_path: Path
) -> None:
    bad = tmp_path / "blob.bin"
    bad.write_bytes(b"\x00\x01\x02" * 100)
    proc = subprocess.run(
        [*NEWSFUSE, "brief", seed_paths[0], str(bad)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 1
    assert f"{bad}: binary file" in proc.stderr
    assert proc.stdout.startswith("# ")


def test_brief_usage_error_exits_2() -> None:
    proc = subprocess.run(
        [*NEWSFUSE, "brief", "--format", "pdf", "x.txt"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 2
