"""Placeholder: split paragraphs only (replaced by the full cleaner)."""

from __future__ import annotations

from newsfuse.model import Cleaned


def clean(text: str) -> Cleaned:
    paras = tuple(p.strip() for p in text.split("\n\n") if p.strip())
    return Cleaned(paragraphs=paras)
