"""Text normalisation used for matching only; display text keeps its typography."""

from __future__ import annotations

import re
import unicodedata

_TYPO = str.maketrans({
    "‘": "'", "’": "'", "‚": "'", "‛": "'", "′": "'", "`": "'", "´": "'",
    "“": '"', "”": '"', "„": '"', "‟": '"', "″": '"', "«": '"', "»": '"',
    "–": "-", "—": "-", "―": "-", "‐": "-", "‑": "-", "−": "-",
    "\u00a0": " ", "\u2009": " ", "\u202f": " ", "…": "...",
})  # fmt: skip
_NON_WORD = re.compile(r"[^\w]+")
_WS = re.compile(r"\s+")


def fold(text: str) -> str:
    """Typography-insensitive form: straight quotes and dashes, single spaces."""
    return _WS.sub(" ", unicodedata.normalize("NFKC", text).translate(_TYPO)).strip()


def match_key(text: str) -> str:
    """Lowercased word characters only: the key for exact-duplicate matching."""
    return _WS.sub(" ", _NON_WORD.sub(" ", fold(text).lower())).strip()


def words(text: str) -> list[str]:
    return match_key(text).split()


TERMINAL_PUNCT = re.compile(r"""[.!?…:;]["'”’»)\]]*\s*$|["”’»]\s*$""")


def ends_sentence(text: str) -> bool:
    """True when the paragraph ends like prose (terminal punctuation or a closing quote)."""
    return bool(TERMINAL_PUNCT.search(text.rstrip()))
