"""Module-level functions the engines send to their workers (by reference)."""

from __future__ import annotations

import os
import time
from pathlib import Path


def square_slowly(n: int) -> tuple[int, int]:
    """Later items finish first (so completion order differs from input order)."""
    time.sleep(0.002 * ((n * 7) % 5))
    return n, n * n


def die_once(item: tuple[int, str]) -> int:
    """Kill this worker process the first time the marked item runs (as SIGKILL or an
    out-of-memory kill would), then behave."""
    n, marker = item
    if marker and not Path(marker).exists():
        Path(marker).write_text("died")
        os._exit(9)
    time.sleep(0.01)
    return n


def always_die(n: int) -> int:
    if n == 13:
        os._exit(9)
    return n


def squares(batch: list[int]) -> list[tuple[int, int]]:
    """A function over a whole partition (as spaCy parses a stream)."""
    return [square_slowly(n) for n in batch]


def short_by_one(batch: list[int]) -> list[int]:
    return batch[:-1]
