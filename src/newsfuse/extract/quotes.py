"""Quotes with cue and speaker mention (stub: filled by the quotes work)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsfuse.model import QuoteMention

if TYPE_CHECKING:
    from spacy.tokens import Doc


def extract_quotes(doc: Doc) -> list[QuoteMention]:
    """Direct, partial and indirect quotes in ``doc`` with their speaker mentions."""
    return []
