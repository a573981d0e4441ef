"""What an article is about, cheaply: weighted terms and names, and its day.

Clustering runs at ingest on every article, so its features come from a regular
expression over the text, not from the parser: lower-cased content words
(stop words out, a plural ``s`` folded) and capitalised name runs ("Rahm
Emanuel", "Black Lives Matter"), which weigh more because they say *which*
story it is, where content words say what *kind* of story. The title counts
several times over, as an editor's summary of the article.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from spacy.lang.en.stop_words import STOP_WORDS

from newsfuse.text.words import fold

# Words and numbers; apostrophes and hyphens inside a word stay ("Sanders's", "al-Awlaki").
_WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]*[A-Za-z]|[A-Za-z]|\d[\d,.]*\d|\d")
# A run of capitalised words, possibly joined by "of"/"for"/"and" ("Department of Justice").
_NAME = re.compile(
    r"(?<![\w’'])([A-Z][a-zA-Z’'\-]+(?:\s+(?:(?:of|for|and|the|de|al)\s+)?[A-Z][a-zA-Z’'\-]+){0,4})"
)
# Characters after which a capitalised word opens a sentence (looked back past spaces
# and quote marks).
_SENTENCE_ENDS = frozenset(".!?:;\n")
_SKIP_BACK = " \t\"“”‘’'(—–-"
# Extra stop words for news prose: frequent, but say nothing about which story it is.
NEWS_STOP_WORDS = frozenset(
    """
    said says say told tell according added asked just like also year years day days week
    weeks month months time times people new mr mrs ms dr percent monday tuesday wednesday
    thursday friday saturday sunday january february march april may june july august
    september october november december today yesterday tomorrow
    """.split()
)
# Capitalised words that open sentences or headlines without naming anything.
NAME_STOP_WORDS = frozenset(
    """
    The A An In On At For But And Or If When While After Before As It He She They We I You
    This That These Those There Here What Who Why How Where His Her Their Our Its Mr Mrs Ms
    Dr Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April
    May June July August September October November December
    """.split()
)
# How many times the title counts: an editor's one-line summary of the article.
TITLE_WEIGHT = 3
# How much more a name counts than a content word.
NAME_WEIGHT = 2.0
# Shortest content word kept (shorter ones are mostly function words and initials).
MIN_WORD = 3
# Shortest number kept, in digits.
MIN_NUMBER = 2


@dataclass(frozen=True, slots=True)
class Features:
    """Raw term counts (names prefixed ``n:``) and the day an article was published."""

    counts: dict[str, float]
    day: int | None  # proleptic ordinal of the publication date, None when unknown


def _fold(word: str) -> str:
    """The shared fold without demonyms or "-ies" ("protesters" -> "protester"): the story
    ids and the BASIL and ECB+ cluster figures were made with this term space."""
    return fold(word, ies=False, demonyms=False)


def words(text: str) -> list[str]:
    """The content words of ``text``, folded."""
    out = []
    for m in _WORD.finditer(text):
        w = _fold(m.group())
        if w[0].isdigit():
            if len(w) < MIN_NUMBER:
                continue  # "23 pirates", "2011" say which event; "3" says little
        elif len(w) < MIN_WORD or w in STOP_WORDS or w in NEWS_STOP_WORDS:
            continue
        out.append(w)
    return out


def names(text: str) -> list[str]:
    """Keys of the capitalised name runs in ``text`` ("rahm_emanuel")."""
    out = []
    for m in _NAME.finditer(text):
        parts = m.group(1).split()
        while parts and (parts[0] in NAME_STOP_WORDS or _is_filler(parts[0])):
            parts = parts[1:]  # "Yesterday Rahm Emanuel": the opener is not part of the name
        if not parts:
            continue
        sentence_start = _opens_sentence(text, m.start())
        if len(parts) == 1 and (sentence_start or len(parts[0]) < MIN_WORD):
            continue  # "Protesters marched …": a capital that only opens a sentence
        out.append("n:" + "_".join(_fold(p) for p in parts))
        if len(parts) > 1:
            out.append("n:" + _fold(parts[-1]))  # the surname alone links "Mr. Emanuel"
    return out


def _is_filler(word: str) -> bool:
    """A capitalised common word ("Yesterday", "Then", "Police") rather than a name part."""
    w = word.lower()
    return w in STOP_WORDS or w in NEWS_STOP_WORDS


def _opens_sentence(text: str, pos: int) -> bool:
    k = pos - 1
    while k >= 0 and text[k] in _SKIP_BACK and pos - k < 8:
        k -= 1
    return k < 0 or text[k] in _SENTENCE_ENDS


def features(title: str, text: str, published: str | None) -> Features:
    """The features of one article (``published`` an ISO date or None)."""
    counts: dict[str, float] = defaultdict(float)
    for source, weight in ((title, TITLE_WEIGHT), (text, 1)):
        for w in words(source):
            counts[w] += weight
        for n in names(source):
            counts[n] += weight * NAME_WEIGHT
    return Features(dict(counts), day_of(published))


def day_of(published: str | None) -> int | None:
    """The ordinal day of an ISO date (or of its date part), None when absent or invalid."""
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10]).toordinal()
    except ValueError:
        return None
