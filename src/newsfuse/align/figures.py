"""Figure groups: figures in different articles that measure the same thing, and whether
they agree.

Two figures measure the same thing when their units match, they count the same
kind of thing (the head noun of what is counted is shared, "troops"), they do
not name different countries ("Russian troops" vs "Ukrainian troops") and their
values are within a factor of each other. Whether they agree follows PRODUCT.md
(stage 6): a figure stands for the interval its written precision implies,
rounded or truncated ("$1.4 billion" is anything from 1.35 to 1.5 billion;
"$43 million" from 42.5 to 44 million), widened by its qualifier ("some",
"about": ±10 %; "more than": upwards; "nearly": downwards). A coarse figure agrees
with a precise one inside its interval; two figures written at the same
precision that differ conflict ("$3.5 billion" vs "$3.6 billion").
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from newsfuse.align.sets import DisjointSets
from newsfuse.align.text import content_words, fold, places_of

# Smallest figure compared: "one problem", "a second time" are not figures anyone checks.
MIN_VALUE = 2.0
# Most one figure may be a multiple of another and still measure the same thing.
MAX_RATIO = 3.0
# How far "about", "some", "roughly" … widen a figure's interval, either way.
APPROXIMATE = 0.10
# Qualifiers and the direction they open the interval in.
APPROXIMATE_WORDS = frozenset(
    "about some around roughly approximately almost nearly estimated up to an".split()
)
AT_LEAST_WORDS = ("more than", "over", "at least", "upwards of", "in excess of", "above")
AT_MOST_WORDS = ("less than", "under", "at most", "fewer than", "below", "nearly", "almost")
# Words before a figure read for the country it is about.
PLACE_WINDOW = 5
# Figures written with this many significant digits or more are exact counts.
EXACT_DIGITS = 4

_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
_SCALES = {"thousand": 1e3, "million": 1e6, "mn": 1e6, "m": 1e6, "billion": 1e9, "bn": 1e9,
           "trillion": 1e12, "k": 1e3}  # fmt: skip

Json = dict[str, Any]


@dataclass(frozen=True, slots=True)
class Interval:
    """The values a written figure stands for: [low, high]."""

    low: float
    high: float
    step: float  # the written precision ("3.5 billion": 1e8)

    def overlaps(self, other: Interval) -> bool:
        return self.low <= other.high and other.low <= self.high


def interval(number: Mapping[str, Any]) -> Interval:
    """The interval of one brief figure (``value``, ``text``, ``qualifier``)."""
    value = float(number["value"])
    step = precision(str(number.get("text") or ""), value)
    low, high = value - step / 2, value + step  # rounded or truncated
    qualifier = str(number.get("qualifier") or "").lower()
    if any(qualifier.startswith(w) for w in AT_LEAST_WORDS):
        low, high = value, math.inf
    elif any(qualifier.startswith(w) for w in AT_MOST_WORDS):
        low, high = value * (1 - APPROXIMATE), value
    elif qualifier.split()[:1] and qualifier.split()[0] in APPROXIMATE_WORDS:
        low, high = min(low, value * (1 - APPROXIMATE)), max(high, value * (1 + APPROXIMATE))
    return Interval(low, high, step)


def precision(text: str, value: float) -> float:
    """The step of a figure as written: "99,230" -> 1 (an exact count), "$3.5 billion" ->
    1e8, "100,000" -> 1e4 (a round number is only as precise as its last non-zero digit,
    or one order below it for a single-digit figure)."""
    m = _NUMBER.search(text)
    if m is None or value == 0:
        return max(abs(value) * APPROXIMATE, 1.0)  # spelled out ("four", "hundreds")
    digits = m.group().replace(",", "")
    written = float(digits)
    scale = value / written if written else 1.0
    if "." in digits:
        return float(10 ** -len(digits.split(".")[1])) * scale
    significant = digits.rstrip("0")
    if len(significant) >= EXACT_DIGITS:
        return scale
    zeros = len(digits) - len(significant)
    if len(significant) == 1 and zeros:
        zeros -= 1  # "100,000": to the nearest 10,000
    return float(10**zeros) * scale


def same_measure(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    """Whether two figures count the same thing (see the module's docstring)."""
    if a.get("vague") or b.get("vague") or a.get("unit") != b.get("unit"):
        return False
    va, vb = float(a["value"]), float(b["value"])
    if min(va, vb) < MIN_VALUE or max(va, vb) / min(va, vb) > MAX_RATIO:
        return False
    head_a, head_b = _head(a.get("about")), _head(b.get("about"))
    if not head_a or head_a != head_b:
        return False
    pa, pb = _places_near(a), _places_near(b)
    return not (pa and pb and not pa & pb)


def agree(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    """Whether two figures of one measure are consistent (PRODUCT.md, stage 6)."""
    ia, ib = interval(a), interval(b)
    if math.isclose(ia.step, ib.step) and not a.get("qualifier") and not b.get("qualifier"):
        return math.isclose(float(a["value"]), float(b["value"]))
    return ia.overlaps(ib)


def number_groups(numbers: Sequence[Mapping[str, Any]]) -> list[Json]:
    """``number_groups`` of the brief: figures of one measure from different articles,
    flagged ``conflict`` when two of them disagree."""
    sets = DisjointSets(len(numbers))

    for i, a in enumerate(numbers):
        for j in range(i + 1, len(numbers)):
            b = numbers[j]
            if a["article"] != b["article"] and same_measure(a, b):
                sets.union(i, j)
    groups: list[Json] = []
    for idx in sets.groups():
        if len({numbers[i]["article"] for i in idx}) < 2:
            continue
        items = [numbers[i] for i in idx]
        conflict = any(not agree(x, y) for k, x in enumerate(items) for y in items[k + 1 :])
        groups.append(
            {
                "id": f"ng{len(groups) + 1}",
                "about": max((n.get("about") or "" for n in items), key=len),
                "numbers": [n["id"] for n in items],
                "sources": list(dict.fromkeys(n.get("attributed_to") for n in items)),
                "conflict": conflict,
            }
        )
    return groups


def _places_near(number: Mapping[str, Any]) -> frozenset[str]:
    """The countries a figure is about: named in what it counts, else in the few words
    before it ("Russia had lost 99,230 troops"; not the whole sentence, which may name
    the country that reports the figure)."""
    about = places_of(str(number.get("about") or ""))
    if about:
        return about
    sentence, text = str(number.get("sentence") or ""), str(number.get("text") or "")
    at = sentence.find(text) if text else -1
    if at < 0:
        return frozenset()
    before = sentence[:at].split()[-PLACE_WINDOW:]
    return places_of(" ".join(before))


def _head(about: object) -> str | None:
    """The counted noun of an ``about`` phrase: its first content word that is not a place
    ("Russian troops dead, injured or deserted" -> "troop"), after a measure word ("the
    estimated number of Ukrainian troops" -> "troop")."""
    if not about:
        return None
    phrase = str(about)
    measure = re.match(
        r"(?i)\s*(?:the\s+)?(?:\w+\s+)?(?:number|amount|total|share|count)\s+of\s+", phrase
    )
    if measure:
        phrase = phrase[measure.end() :]
    for word in re.findall(r"[A-Za-z][A-Za-z'’-]*", phrase):
        w = fold(word)
        if w in content_words(word) and not places_of(word):
            return _COUNTED.get(w, w)
    return None


# Words for the same counted thing.
_COUNTED = {"soldier": "troop", "casualty": "troop", "personnel": "troop"}
