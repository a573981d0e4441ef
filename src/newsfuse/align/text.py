"""Word sets for comparing statements across articles."""

from __future__ import annotations

import re

from spacy.lang.en.stop_words import STOP_WORDS

from newsfuse.extract.quotes_speakers import DEMONYMS

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*[A-Za-z]|\d[\d,.]*\d|\d")
# Shortest word compared (shorter ones are function words and initials).
MIN_WORD = 3


def fold(word: str) -> str:
    """Lower-case, drop a possessive, fold a plural and a demonym ("Russian" -> "russia")."""
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    if w in DEMONYMS:
        return DEMONYMS[w]
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"  # "cities" -> "city"
    if len(w) > 4 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    return w


def content_words(text: str) -> frozenset[str]:
    """The folded content words of ``text`` (stop words and short words out)."""
    out = set()
    for m in _WORD.finditer(text):
        w = fold(m.group())
        if (len(w) >= MIN_WORD or w[0].isdigit()) and w not in STOP_WORDS:
            out.add(w)
    return frozenset(out)


def places_of(text: str) -> frozenset[str]:
    """The countries and nationalities a text names, folded ("Russian" and "Russia's" ->
    "russia"): two figures about different countries' troops measure different things."""
    found = set()
    for m in _WORD.finditer(text):
        w = m.group().lower().replace("’", "'").removesuffix("'s")
        if w in DEMONYMS:
            found.add(DEMONYMS[w])
        elif w in _COUNTRIES:
            found.add(w)
    return frozenset(found)


_COUNTRIES = frozenset(set(DEMONYMS.values()) - {"us", "uk", "europe"})
