"""Text normalisation used for matching only; display text keeps its typography."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from newsfuse.text.sentences import ends_sentence as ends_sentence  # re-exported: it lived here

_TYPO = str.maketrans({
    "‘": "'", "’": "'", "‚": "'", "‛": "'", "′": "'", "`": "'", "´": "'",
    "“": '"', "”": '"', "„": '"', "‟": '"', "″": '"', "«": '"', "»": '"',
    "–": "-", "—": "-", "―": "-", "‐": "-", "‑": "-", "−": "-",
    "\u00a0": " ", "\u2009": " ", "\u202f": " ", "…": "...",
})  # fmt: skip
_NON_WORD = re.compile(r"[^\w]+")
_WS = re.compile(r"\s+")


# Paragraphs are folded several times per article (rules, duplicates, vocabulary): cache them.
FOLD_CACHE_SIZE = 8192


@lru_cache(maxsize=FOLD_CACHE_SIZE)
def fold(text: str) -> str:
    """Typography-insensitive form: straight quotes and dashes, single spaces."""
    return _WS.sub(" ", unicodedata.normalize("NFKC", text).translate(_TYPO)).strip()


@lru_cache(maxsize=FOLD_CACHE_SIZE)
def match_key(text: str) -> str:
    """Lowercased word characters only: the key for exact-duplicate matching."""
    return _WS.sub(" ", _NON_WORD.sub(" ", fold(text).lower())).strip()


def words(text: str) -> list[str]:
    return match_key(text).split()
