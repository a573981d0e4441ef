"""When a sentence's event happens relative to its report: a preview announces what is
to come; among reports, the later ones supersede the earlier. No NLP model needed, so
the store's story list can use it too."""

from __future__ import annotations

import re

# A sentence that announces an event instead of reporting one.
_PREVIEW = re.compile(
    r"\b(?:(?:is|are|was|were)\s+(?:set|expected|scheduled|poised|due|slated|likely|going)\s+to"
    r"|will|plans?\s+to|planned\s+to|intends?\s+to|prepares?\s+to|would|is\s+to|are\s+to)\b",
    re.IGNORECASE,
)
_QUOTED = re.compile(r"[“\"][^”\"]*[”\"]")


def preview(text: str) -> bool:
    """Whether a sentence announces what is to come rather than reports what happened
    (quoted words aside: a quoted "we will" previews nothing)."""
    return bool(_PREVIEW.search(_QUOTED.sub(" ", text)))


def later_first(day: str | None) -> tuple[int, ...]:
    """A sort key putting later ISO dates first, undated last."""
    return tuple(-ord(ch) for ch in day) if day else (1,)
