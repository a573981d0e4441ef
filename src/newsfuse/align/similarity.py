"""How the aligner scores whether two sentences state the same thing.

A :class:`Scorer` turns sentence pairs into probabilities. The brief uses the matcher by
meaning (:mod:`newsfuse.align.paraphrase`); :class:`OverlapScorer` is the content-word
overlap it replaced, kept for tests that must not load a model and as the candidate
filter: a pair that shares too few words is never scored at all.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from newsfuse.align.text import content_words


class Scorer(Protocol):
    """Scores sentence pairs: the probability that both state the same thing."""

    def probabilities(self, pairs: Sequence[tuple[str, str]]) -> list[float]: ...


class OverlapScorer:
    """Shared content words over the shorter sentence's (0 below MIN_SHARED words)."""

    # Fewest shared content words for a score above 0.
    MIN_SHARED = 3

    def probabilities(self, pairs: Sequence[tuple[str, str]]) -> list[float]:
        out = []
        for a, b in pairs:
            wa, wb = content_words(a), content_words(b)
            shared = len(wa & wb)
            out.append(shared / min(len(wa), len(wb)) if shared >= self.MIN_SHARED else 0.0)
        return out
