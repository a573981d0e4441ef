"""Helpers shared by the command modules: console output and rejection reports."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path

import typer
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


def plural(n: int, word: str, many: str | None = None) -> str:
    """``1 article``, ``2 articles``, ``3 stories`` (with ``many`` for irregular plurals)."""
    return f"{n:,} {word if n == 1 else (many or word + 's')}"


def output_file(out: Path, *, example: str = "brief.md", option: str = "--out") -> Path:
    """Check, before any work, that ``out`` can be written as a file: a folder, or a file
    in a folder that does not exist, is a usage error (exit 2) that says what to do."""
    if out.is_dir():
        raise typer.BadParameter(
            f"{out} is a folder; give a file name, e.g. {out / example}", param_hint=option
        )
    parent = out.parent
    if not parent.exists():
        raise typer.BadParameter(
            f"folder {parent} does not exist; create it first (mkdir -p {parent})",
            param_hint=option,
        )
    if not parent.is_dir():
        raise typer.BadParameter(f"{parent} is a file, not a folder", param_hint=option)
    return out
