"""Time expressions, normalised against an anchor date (stub: filled by the times work)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from newsfuse.model import TimeMention

if TYPE_CHECKING:
    from spacy.tokens import Doc


def extract_times(doc: Doc, *, anchor: dt.date | None) -> list[TimeMention]:
    """Every time expression in ``doc`` with its TIMEX3-style value."""
    return []
