"""How the aligner scores whether two sentences state the same thing.

A :class:`Scorer` turns sentence pairs into probabilities, and its ``threshold`` is the
decision: a pair scoring at least that much states the same thing. The brief uses
:class:`MeaningScorer`, whose decision is exactly ``newsfuse.states_same`` (the matcher
by meaning of :mod:`newsfuse.align.paraphrase`, a differing figure, date or negation
scoring 0); :class:`OverlapScorer` is the content-word overlap it replaced, kept for
tests that must not load a model.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol

from newsfuse.align.text import content_words

if TYPE_CHECKING:
    from newsfuse.align.paraphrase import Matcher


class Scorer(Protocol):
    """Scores sentence pairs: the probability that both state the same thing."""

    @property
    def threshold(self) -> float: ...

    def probabilities(self, pairs: Sequence[tuple[str, str]]) -> list[float]: ...


class MeaningScorer:
    """The matcher by meaning as the aligner sees it: its probability, or 0 for a pair
    it vetoes (a figure of one measure, a date or a negation that differ), so that a
    score at or above :attr:`threshold` is exactly ``states_same``."""

    def __init__(self, matcher: Matcher | None = None) -> None:
        from newsfuse.align.paraphrase import default_matcher

        self.matcher = matcher if matcher is not None else default_matcher()

    @property
    def threshold(self) -> float:
        return self.matcher.threshold

    def probabilities(self, pairs: Sequence[tuple[str, str]]) -> list[float]:
        probs = self.matcher.probabilities(pairs)
        return [
            0.0 if self.matcher.conflicts(a, b) else p
            for p, (a, b) in zip(probs, pairs, strict=True)
        ]


class OverlapScorer:
    """Shared content words over the shorter sentence's (0 below MIN_SHARED words)."""

    # Fewest shared content words for a score above 0.
    MIN_SHARED = 3
    # Half the shorter sentence's words: the lexical aligner's rule.
    threshold = 0.5

    def probabilities(self, pairs: Sequence[tuple[str, str]]) -> list[float]:
        out = []
        for a, b in pairs:
            wa, wb = content_words(a), content_words(b)
            shared = len(wa & wb)
            out.append(shared / min(len(wa), len(wb)) if shared >= self.MIN_SHARED else 0.0)
        return out
