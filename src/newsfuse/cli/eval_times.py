"""``newsfuse eval times`` (stub: filled by the times work)."""

from __future__ import annotations

import typer


def register(eval_app: typer.Typer) -> None:
    """Add the ``times`` command to the eval group."""
