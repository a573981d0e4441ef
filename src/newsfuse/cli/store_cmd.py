"""``newsfuse ingest`` and ``newsfuse search``: the SQLite store (stub until the store lands)."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Add the store commands to ``app``."""
