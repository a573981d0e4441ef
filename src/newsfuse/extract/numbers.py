"""Numeric claims (stub: filled by the numbers work)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsfuse.model import NumberMention

if TYPE_CHECKING:
    from spacy.tokens import Doc


def extract_numbers(doc: Doc) -> list[NumberMention]:
    """Numeric claims in ``doc``: value, unit, qualifier, what is counted, who said it."""
    return []
