"""Text helpers every stage shares, one copy each: where an offset of an article's parsed
text stands among its paragraphs (here), the word fold (`words`), sentence rules for text
with no parse (`sentences`) and the pronoun and role-noun tables (`lexicon`)."""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass

# How an article's paragraphs are joined into the one text that is parsed and extracted.
PARAGRAPH_SEP = "\n\n"


def paragraph_starts(paragraphs: Sequence[str]) -> tuple[int, ...]:
    """Where each paragraph begins in the paragraphs joined by PARAGRAPH_SEP."""
    starts, pos = [], 0
    for p in paragraphs:
        starts.append(pos)
        pos += len(p) + len(PARAGRAPH_SEP)
    return tuple(starts)


@dataclass(frozen=True, slots=True)
class ParagraphMap:
    """Maps character offsets of an article's parsed text to (paragraph, offset)."""

    paragraphs: tuple[str, ...]
    starts: tuple[int, ...]

    @classmethod
    def of(cls, paragraphs: Sequence[str]) -> ParagraphMap:
        return cls(tuple(paragraphs), paragraph_starts(paragraphs))

    @property
    def text(self) -> str:
        return PARAGRAPH_SEP.join(self.paragraphs)

    def locate(self, start: int, end: int) -> tuple[int, int, int]:
        """(paragraph index, start, end) of a character span, offsets within that paragraph."""
        p = bisect.bisect_right(self.starts, start) - 1
        base = self.starts[p]
        para_end = base + len(self.paragraphs[p])
        return p, start - base, min(end, para_end) - base

    def locate_end(self, end: int) -> tuple[int, int]:
        """(paragraph index, offset) of the end of a span that may run past its first paragraph."""
        p = bisect.bisect_right(self.starts, max(end - 1, 0)) - 1
        return p, end - self.starts[p]
