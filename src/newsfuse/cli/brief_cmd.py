"""``newsfuse brief``: one-shot brief of the given articles (stub)."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Add the brief command to ``app``."""
