"""Helpers shared by the command modules: console output and rejection reports."""

from __future__ import annotations

import sys
from collections.abc import Iterable

from rich.console import Console

from newsfuse.model import Rejection

err = Console(stderr=True, highlight=False, soft_wrap=True)

EXIT_OK = 0
EXIT_BAD_INPUT = 1
EXIT_USAGE = 2


def report_rejections(rejections: Iterable[Rejection]) -> int:
    """Print each rejected input with its reason on stderr; return how many there were."""
    n = 0
    for r in rejections:
        err.print(f"[bold red]rejected[/] {r.path}: {r.reason}", markup=True, highlight=False)
        n += 1
    return n


def stdout_is_terminal() -> bool:
    return sys.stdout.isatty()
