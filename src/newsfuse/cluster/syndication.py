"""Syndicated copies: the same wire text run by several outlets, found with MinHash-LSH.

Two articles whose word 5-shingles overlap with an estimated Jaccard similarity of
``COPY_JACCARD`` or more are copies of one text. A copy joins its original's story
and is marked, so that a brief does not count it as an independent confirmation.
datasketch's LSH index answers "which earlier texts are this close?" in time that
does not grow with the number of stored articles.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from datasketch import MinHash, MinHashLSH

# Estimated Jaccard similarity of word 5-shingles from which two texts are one text
# (light edits, a changed headline or a dropped paragraph keep a copy above it).
COPY_JACCARD = 0.7
# Hash functions per signature: enough for a stable estimate near the threshold.
PERMUTATIONS = 64
# datasketch's permutation scheme, fixed so that stored signatures stay comparable.
SCHEME = "affine32"
# Words per shingle.
SHINGLE = 5
# Texts shorter than this many words are not checked (too little to call a copy).
MIN_WORDS = 40

_WORD = re.compile(r"\w+")


@dataclass
class SyndicationIndex:
    """MinHash signatures of the article texts seen so far."""

    threshold: float = COPY_JACCARD
    lsh: MinHashLSH = field(init=False)
    signatures: dict[str, MinHash] = field(default_factory=dict)
    order: dict[str, int] = field(default_factory=dict)  # article id -> arrival number

    def __post_init__(self) -> None:
        self.lsh = MinHashLSH(threshold=self.threshold, num_perm=PERMUTATIONS)

    def add(self, article_id: str, text: str) -> str | None:
        """Index ``text``; return the earliest indexed article it is a copy of, or None."""
        words = [w.lower() for w in _WORD.findall(text)]
        if len(words) < MIN_WORDS or article_id in self.signatures:
            return None
        sig = MinHash(num_perm=PERMUTATIONS, scheme=SCHEME)
        shingles = {" ".join(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}
        sig.update_batch([s.encode("utf-8") for s in shingles])
        found = [
            other
            for other in self.lsh.query(sig)
            if self.signatures[other].jaccard(sig) >= self.threshold
        ]
        self.lsh.insert(article_id, sig)
        self.signatures[article_id] = sig
        self.order[article_id] = len(self.order)
        return min(found, key=self.order.__getitem__) if found else None
