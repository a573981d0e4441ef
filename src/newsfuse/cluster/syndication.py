"""Syndicated copies: the same wire text run by several outlets, found with MinHash-LSH.

Two articles whose word 5-shingles overlap with an estimated Jaccard similarity of
``COPY_JACCARD`` or more are copies of one text. A copy joins its original's story
and is marked, so that a brief does not count it as an independent confirmation.
datasketch's LSH index answers "which earlier texts are this close?" in time that
does not grow with the number of stored articles. It holds the articles of live
stories only: a story that goes quiet takes its articles' signatures with it
(``StoryClusterer.retire_quiet``), since no article arriving in date order could
join it as a copy.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

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


def _hash(data: bytes) -> int:
    """A shingle's 32-bit hash: CRC-32 is several times faster than datasketch's SHA-1
    default and, unlike Python's ``hash``, the same in every process (signatures are
    stored)."""
    return zlib.crc32(data)


@lru_cache(maxsize=1)
def _permutations() -> tuple[Any, Any]:
    """The hash permutations, drawn once per process (datasketch draws them per MinHash,
    which cost more than hashing the shingles)."""
    return MinHash(num_perm=PERMUTATIONS, scheme=SCHEME).permutations  # type: ignore[no-any-return]


def new_signature(hashvalues: Any = None) -> MinHash:
    """An empty MinHash of the project's settings, or one with stored ``hashvalues``."""
    return MinHash(
        num_perm=PERMUTATIONS,
        hashfunc=_hash,
        hashvalues=hashvalues,
        permutations=_permutations(),
        scheme=SCHEME,
    )


@dataclass
class SyndicationIndex:
    """MinHash signatures of the article texts seen so far."""

    threshold: float = COPY_JACCARD
    lsh: MinHashLSH = field(init=False)
    signatures: dict[str, MinHash] = field(default_factory=dict)
    order: dict[str, int] = field(default_factory=dict)  # article id -> arrival number
    arrivals: int = 0  # the next arrival number (numbers are never reused)

    def __post_init__(self) -> None:
        self.lsh = MinHashLSH(threshold=self.threshold, num_perm=PERMUTATIONS)

    def add(self, article_id: str, text: str) -> list[str]:
        """Index ``text``; return the indexed articles it is a copy of, earliest first."""
        words = [w.lower() for w in _WORD.findall(text)]
        if len(words) < MIN_WORDS or article_id in self.signatures:
            return []
        sig = new_signature()
        shingles = {" ".join(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}
        sig.update_batch([s.encode("utf-8") for s in shingles])
        found = [
            other
            for other in self.lsh.query(sig)
            if self.signatures[other].jaccard(sig) >= self.threshold
        ]
        self.insert(article_id, sig)
        return sorted(found, key=self.order.__getitem__)

    def insert(self, article_id: str, sig: MinHash, arrival: int | None = None) -> None:
        """Index a signature (``arrival``: its number when read back from the store)."""
        self.lsh.insert(article_id, sig)
        self.signatures[article_id] = sig
        self.order[article_id] = self.arrivals if arrival is None else arrival
        self.arrivals = max(self.arrivals, self.order[article_id] + 1)

    def remove(self, article_id: str) -> None:
        """Forget an article (its story went quiet: no new article can be its copy and
        join it); its arrival number is not given to another."""
        if self.signatures.pop(article_id, None) is not None:
            self.lsh.remove(article_id)
            del self.order[article_id]
