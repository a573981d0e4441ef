"""A brief whose articles are parsed and extracted on other processes is the brief a
single process makes, line for line."""

from __future__ import annotations

import subprocess
import sys

import pytest

from newsfuse.briefing import compose, render
from newsfuse.parallel import Engine
from newsfuse.pipeline import load

NEWSFUSE = [sys.executable, "-m", "newsfuse.cli.app"]


def test_brief_on_two_workers_is_the_serial_brief(basil_dev_paths: list[str]) -> None:
    # the three outlets of one dev event, each article in its own partition
    event = [p for p in basil_dev_paths if "f11c2566" in p]
    assert len(event) == 3
    articles = list(load(event).articles)
    serial = render(compose(articles), "json")
    spread = render(compose(articles, engine=Engine(workers=2, partition=1)), "json")
    assert spread == serial
    assert '"quotes": [' in serial and "Boehner" in serial  # extraction really ran


@pytest.mark.slow
def test_cli_brief_with_workers_prints_the_same_json(seed_paths: list[str]) -> None:
    def brief(*extra: str) -> str:
        proc = subprocess.run(
            [*NEWSFUSE, "brief", *seed_paths, "--format", "json", *extra],
            capture_output=True,
            text=True,
            timeout=300,
            check=True,
        )
        return proc.stdout

    assert brief("--workers", "2") == brief()
