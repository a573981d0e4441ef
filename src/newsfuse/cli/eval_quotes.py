"""``newsfuse eval quotes`` (stub: filled by the quotes work)."""

from __future__ import annotations

import typer


def register(eval_app: typer.Typer) -> None:
    """Add the ``quotes`` command to the eval group."""
