"""``newsfuse eval NAME``: score newsfuse on a labeled set in ../shared/eval (stub)."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Add the eval command to ``app``."""
