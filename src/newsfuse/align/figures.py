"""Figure groups: figures in different articles that measure the same thing, and whether
they agree.

**What a measure is.** Two figures measure the same thing when they are of compatible
kinds (counts with counts; amounts in one currency or unit; a percentage with a ratio of
the same thing, "33 percent" with "one-in-three"; a tally with a tally, "97-1" with "97 to
1"; a duration with a duration, "60 days" with "two months"), when they count the same
thing (the measure's normalised noun: "42 dead", "57 people were killed" and "the death
toll" all count deaths), and when nothing about them says otherwise: no two different
places ("Russian troops" vs "Ukrainian troops"), no two different dates ("in 2010" vs "in
2012"), no two different subjects of a tally or a share ("the Senate voted" vs "the House
voted"), no words of opposite sense in their clauses ("a chance that we win" vs "a chance
that we lose"), and no two values of one article that disagree (an article that gives two
values for what looks like one measure is giving two measures). Who gives a figure never
splits a measure: two authorities' different tolls are exactly the conflict an editor
wants to see, each side shown with its source.

**When two figures agree** follows PRODUCT.md (stage 6): a figure stands for the interval
its written precision implies, rounded or truncated ("$1.4 billion" is anything from 1.35
to 1.5 billion; "$43 million" from 42.5 to 44 million), widened by its qualifier ("some",
"about": ±10 %; "more than", "at least": upwards; "nearly", "up to": downwards). A coarse
figure agrees with a precise one inside its interval; two figures written at the same
precision that differ conflict ("$3.5 billion" vs "$3.6 billion"). Extended to the other
kinds: a vague quantity is its range ("hundreds": 200 to 999, so "300" agrees and
"dozens" does not); odds are exact between themselves ("1 in 3" and "one-in-three" agree,
"1 in 4" conflicts) and stand for the fractions their denominator rounds ("1 in 3":
1/3.5 to 1/2.5) against a percentage; a tally agrees only with the same two sides ("97-1"
and "97 to 1"; "97-1" and "96-2" conflict); durations are compared in days at the
precision of their unit ("60-day" and "two months" agree).

**API** (the brief's ``numbers`` entries, as :mod:`newsfuse.brief.extracted` writes them):

- :func:`same_measure` ``(a, b) -> bool``: whether two figures measure the same thing;
- :func:`agree` ``(a, b) -> bool``: whether two figures of one measure are consistent;
- :func:`disagree` ``(numbers_a, numbers_b) -> bool``: whether two sentences (or articles)
  give different values for the same measure; :func:`conflicting_pairs` lists them;
- :func:`interval` ``(n) -> Interval``: the values a written figure stands for;
- :func:`render_conflict` ``(numbers, labels) -> str``: both sides of a conflict as a line,
  "42 dead (A1) · at least 57 (A2)";
- :func:`number_groups` ``(numbers) -> list``: the brief's ``number_groups``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from newsfuse.align.sets import DisjointSets
from newsfuse.align.text import fold, places_of
from newsfuse.extract.numbers_lexicon import DAYS_IN, OPPOSITES

# Smallest count compared: "one problem", "a second time" are not figures anyone checks.
MIN_VALUE = 2.0
# Most one figure may be a multiple of another and still measure the same thing; a
# conflict beyond it is more likely two measures than two sources disagreeing (3: the
# seeds' 100,000 vs 99,230 and BASIL dev's tolls and tallies pass, "50 members" vs "18 of
# them" do not).
MAX_RATIO = 3.0
# How far "about", "some", "roughly" … widen a figure's interval, either way.
APPROXIMATE = 0.10
# Qualifiers and the direction they open the interval in.
APPROXIMATE_WORDS = frozenset(
    "about some around roughly approximately almost nearly estimated up to an".split()
)
AT_LEAST_WORDS = ("more than", "over", "at least", "upwards of", "in excess of", "above")
AT_MOST_WORDS = ("less than", "under", "at most", "fewer than", "below", "nearly", "almost")
UP_TO_WORDS = ("up to",)
# Words before a figure read for the country it is about.
PLACE_WINDOW = 5
# Figures written with this many significant digits or more are exact counts.
EXACT_DIGITS = 4
# Shortest shared beginning that makes two counted nouns one ("suspend"/"suspension").
MIN_STEM = 6
# Kinds that can measure the same thing, by class.
KIND_CLASS = {
    "count": "count",
    "money": "money",
    "measure": "measure",
    "percent": "share",
    "ratio": "share",
    "tally": "tally",
    "duration": "duration",
    "age": "age",
}
# Kinds whose subject must be the same one (whose vote, whose share, whose age).
SUBJECT_KINDS = frozenset({"tally", "share", "age"})
# Measures an event has one value of, so that two different values are a conflict between
# sources rather than two measures ("42 dead" and "at least 57 killed"); for any other
# noun, two different values are shown as a conflict only when their clauses share at
# least MIN_SHARED_CONTEXT words beyond the noun (BASIL dev: "$2 trillion in spending cuts"
# one senator wants vs "$1 trillion in spending cuts" due by law are two measures).
EVENT_MEASURES = frozenset(
    {"deaths", "injuries", "missing", "arrests", "evacuations", "damage", "vote", "age"}
)
MIN_SHARED_CONTEXT = 2

_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
_MAGNITUDES = (1e12, 1e9, 1e6, 1e3)

Json = dict[str, Any]


@dataclass(frozen=True, slots=True)
class Interval:
    """The values a written figure stands for: [low, high], in the figure's base unit
    (days for a duration, percent for a ratio)."""

    low: float
    high: float
    step: float  # the written precision ("3.5 billion": 1e8)

    def overlaps(self, other: Interval) -> bool:
        return self.low <= other.high and other.low <= self.high


def interval(number: Mapping[str, Any]) -> Interval:
    """The interval of one brief figure (``value``, ``text``, ``qualifier``, and ``high``,
    ``ratio``, ``unit`` of vague quantities, odds and durations)."""
    value = float(number["value"])
    scale = _days(number)
    if number.get("vague") and number.get("high") is not None:
        return Interval(value * scale, float(number["high"]) * scale, value * scale)
    ratio = number.get("ratio")
    if ratio:
        n, d = float(ratio[0]), float(ratio[1])
        low, high, step = 100 * n / (d + 0.5), 100 * n / (d - 0.5), 100 * n / d
    else:
        step = precision(str(number.get("text") or ""), value)
        low, high = value - step / 2, value + step  # rounded or truncated
    qualifier = str(number.get("qualifier") or "").lower()
    if any(qualifier.startswith(w) for w in AT_LEAST_WORDS):
        low, high = value, math.inf
    elif any(qualifier.startswith(w) for w in UP_TO_WORDS):
        low, high = 0.0, value
    elif any(qualifier.startswith(w) for w in AT_MOST_WORDS):
        low, high = value * (1 - APPROXIMATE), value
    elif qualifier.split()[:1] and qualifier.split()[0] in APPROXIMATE_WORDS:
        low, high = min(low, value * (1 - APPROXIMATE)), max(high, value * (1 + APPROXIMATE))
    return Interval(low * scale, high * scale, step * scale)


def _days(number: Mapping[str, Any]) -> float:
    """A duration's unit in days (1 for every other figure)."""
    if number.get("kind") == "duration":
        return DAYS_IN.get(str(number.get("unit")), 1.0)
    return 1.0


def precision(text: str, value: float) -> float:
    """The step of a figure as written: "99,230" -> 1 (an exact count), "$3.5 billion" ->
    1e8, "100,000" -> 1e4 (a round number is only as precise as its last non-zero digit,
    or one order below it for a single-digit figure); spelled out, as its digits would be
    written ("three million" as "3 million": 1e6; "forty-two" as "42": 1)."""
    m = _NUMBER.search(text)
    if value == 0:
        return 1.0
    if m is None:
        magnitude = next((s for s in _MAGNITUDES if abs(value) >= s and value % s == 0), 1.0)
        digits = f"{abs(value) / magnitude:.10g}"
        scale = magnitude
    else:
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


# --------------------------------------------------------------------------- agreement


def agree(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    """Whether two figures of one measure are consistent (PRODUCT.md, stage 6, extended to
    tallies, odds, durations and vague quantities as the module docstring says)."""
    sides_a, sides_b = a.get("sides"), b.get("sides")
    if sides_a or sides_b:
        if not sides_a or not sides_b:
            return False
        return sorted(map(float, sides_a)) == sorted(map(float, sides_b))
    qualified = a.get("qualifier") or b.get("qualifier") or a.get("vague") or b.get("vague")
    ratio_a, ratio_b = a.get("ratio"), b.get("ratio")
    if ratio_a and ratio_b and not qualified:
        return math.isclose(
            float(ratio_a[0]) / float(ratio_a[1]), float(ratio_b[0]) / float(ratio_b[1])
        )
    ia, ib = interval(a), interval(b)
    same_written = not ratio_a and not ratio_b and math.isclose(ia.step, ib.step)
    if same_written and not qualified:
        return math.isclose(float(a["value"]) * _days(a), float(b["value"]) * _days(b))
    return ia.overlaps(ib)


# --------------------------------------------------------------------------- measures


def same_measure(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    """Whether two figures measure the same thing (see the module's docstring): compatible
    kinds and units, one counted noun, and no place, date, subject or sense that differs."""
    if not compatible(a, b):
        return False
    noun_a, noun_b = _noun(a), _noun(b)
    if not noun_a or not noun_b or not _same_noun(noun_a, noun_b):
        return False
    if _kind(a) in {"count", "money", "measure", "duration"} and _kind(b) == _kind(a):
        (lo_a, hi_a), (lo_b, hi_b) = _span(a), _span(b)
        if _kind(a) == "count" and min(lo_a, lo_b) < MIN_VALUE:
            return False
        if min(lo_a, lo_b) <= 0 or max(lo_a / hi_b, lo_b / hi_a) > MAX_RATIO:
            return False
    return True


def _span(n: Mapping[str, Any]) -> tuple[float, float]:
    """A figure's value, or a vague quantity's range ("hundreds": 200 to 1,000), in days
    for a duration: what the magnitude guard compares."""
    low = abs(float(n["value"])) * _days(n)
    high = n.get("high")
    return low, (float(high) * _days(n) if n.get("vague") and high else low)


def compatible(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    """Whether nothing says two figures measure different things: kind and unit, place,
    date, subject and sense (the counted noun is left to :func:`same_measure`)."""
    kind_a, kind_b = _kind(a), _kind(b)
    if KIND_CLASS.get(kind_a) != KIND_CLASS.get(kind_b):
        return False
    if kind_a not in {"duration", "tally"} and kind_b not in {"duration", "tally"}:
        unit_a = "%" if kind_a == "ratio" else a.get("unit")
        unit_b = "%" if kind_b == "ratio" else b.get("unit")
        if unit_a != unit_b:
            return False
    pa, pb = _places(a), _places(b)
    if pa and pb and not pa & pb:
        return False
    ta, tb = _measure(a).get("time"), _measure(b).get("time")
    if ta and tb and not (str(ta).startswith(str(tb)) or str(tb).startswith(str(ta))):
        return False
    if KIND_CLASS.get(kind_a) in SUBJECT_KINDS:
        sa, sb = _measure(a).get("subject"), _measure(b).get("subject")
        if kind_a == "age" and not (sa and sb):
            return False  # an age of nobody named measures nothing comparable
        if sa and sb and not _same_subject(str(sa), str(sb)):
            return False  # "the Senate voted" vs "the House voted"; Malia's vs Sasha's age
    return not _opposed(a, b)


def _same_subject(a: str, b: str) -> bool:
    """One subject named twice: the words of one are all words of the other ("Malia" and
    "Malia Obama"; not "Sasha Obama" and "Malia Obama")."""
    wa, wb = _words(a), _words(b)
    return bool(wa and wb) and (wa <= wb or wb <= wa)


def conflict_shown(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    """Whether two figures of one measure that disagree may be shown as a conflict: the
    measure is one an event has a single value of (a toll, a vote, an age), or their
    clauses share enough words beyond the counted noun to be the same statement."""
    if _noun(a) in EVENT_MEASURES or KIND_CLASS.get(_kind(a)) in SUBJECT_KINDS:
        return True
    noun = {fold(_noun(a) or ""), fold(_noun(b) or "")}
    ca = {fold(w) for w in _measure(a).get("context") or ()} - noun
    cb = {fold(w) for w in _measure(b).get("context") or ()} - noun
    return len(ca & cb) >= MIN_SHARED_CONTEXT


def _kind(n: Mapping[str, Any]) -> str:
    kind = n.get("kind")
    if kind:
        return str(kind)
    unit = n.get("unit")
    return "count" if unit is None else "percent" if unit in {"%", "pp"} else "money"


def _measure(n: Mapping[str, Any]) -> Mapping[str, Any]:
    measure = n.get("measure")
    return measure if isinstance(measure, Mapping) else {}


def _noun(n: Mapping[str, Any]) -> str | None:
    """The counted noun: the extractor's, else the head of ``about`` (older briefs)."""
    noun = _measure(n).get("noun")
    if noun:
        return str(noun)
    return _head(n.get("about"))


def _same_noun(a: str, b: str) -> bool:
    """One counted noun: equal once folded, or beginning alike over at least
    :data:`MIN_STEM` letters ("suspend" / "suspension")."""
    fa, fb = fold(a), fold(b)
    return fa == fb or (min(len(fa), len(fb)) >= MIN_STEM and fa[:MIN_STEM] == fb[:MIN_STEM])


def _words(text: str) -> frozenset[str]:
    return frozenset(fold(w) for w in re.findall(r"[A-Za-z][A-Za-z'’.-]*", text)) - {"the"}


def _opposed(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    """Words of opposite sense in the two figures' clauses, each on one side only."""
    ca = frozenset(_measure(a).get("context") or ())
    cb = frozenset(_measure(b).get("context") or ())
    for pair in OPPOSITES:
        x, y = sorted(pair)
        if (x in ca and x not in cb and y in cb and y not in ca) or (
            y in ca and y not in cb and x in cb and x not in ca
        ):
            return True
    return False


def _places(number: Mapping[str, Any]) -> frozenset[str]:
    """The places a figure is about: the extractor's place, the countries named in what it
    counts, else in the few words before it ("Russia had lost 99,230 troops"; not the
    whole sentence, which may name the country that reports the figure)."""
    found = set(places_of(str(number.get("about") or "")))
    place = _measure(number).get("place")
    if place:
        found |= places_of(str(place)) or {fold(str(place))}
    if found:
        return frozenset(found)
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
    from newsfuse.align.text import content_words

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


# Words for the same counted thing, for briefs written before the extractor's ``noun``.
_COUNTED = {"soldier": "troop", "casualty": "troop", "personnel": "troop"}


# --------------------------------------------------------------------------- sentences


def conflicting_pairs(
    numbers_a: Iterable[Mapping[str, Any]], numbers_b: Iterable[Mapping[str, Any]]
) -> list[tuple[Mapping[str, Any], Mapping[str, Any]]]:
    """Pairs (a, b) of one measure whose values disagree, a from the first figures, b
    from the second (e.g. the figures two sentences carry)."""
    bs = list(numbers_b)
    return [(a, b) for a in numbers_a for b in bs if same_measure(a, b) and not agree(a, b)]


def disagree(
    numbers_a: Iterable[Mapping[str, Any]], numbers_b: Iterable[Mapping[str, Any]]
) -> bool:
    """Whether two sets of figures (two sentences', two articles') give different values
    for the same measure: a line that cites both must not present them as one fact.

    Deliberately wider than the conflicts :func:`number_groups` flags (which also need
    :func:`conflict_shown`): refusing to merge two sentences costs a citation, showing a
    conflict that is not one misleads the reader."""
    return bool(conflicting_pairs(numbers_a, numbers_b))


def render_conflict(
    numbers: Sequence[Mapping[str, Any]],
    labels: Mapping[str, str],
    *,
    sources: bool = False,
) -> str:
    """Both (or all) sides of a conflict as one line: "42 dead (A1) · at least 57 (A2)".

    Each figure is shown as written, with its measure word when the written span lacks it
    ("42" of "left 42 dead" -> "42 dead"), followed by its article's label (``labels``:
    article id -> "A1"), and with ``sources`` the source that gives it. Figures written
    the same way in the same article are shown once."""
    parts: list[str] = []
    for n in numbers:
        text = str(n.get("text") or "")
        about = str(n.get("about") or "")
        if about and len(about.split()) == 1 and about.lower() not in text.lower():
            text = f"{text} {about}"
        where = labels.get(str(n.get("article")), "?")
        if sources and n.get("attributed_to"):
            where = f"{where}, {n['attributed_to']}"
        part = f"{text} ({where})"
        if part not in parts:
            parts.append(part)
    return " · ".join(parts)


# --------------------------------------------------------------------------- groups


def number_groups(numbers: Sequence[Mapping[str, Any]]) -> list[Json]:
    """``number_groups`` of the brief: figures of one measure from different articles
    (with each article's repeats of it), flagged ``conflict`` when two of them disagree.

    Candidate links are pairs of different articles of one measure; agreeing pairs are
    joined first, then disagreeing ones, closest descriptions first. Two groups join only
    when every pair across them is compatible (:func:`compatible`) and no article would
    hold two values that disagree, nor two articles two values that disagree without
    :func:`conflict_shown`, so a group never chains two measures together.
    """
    pairs: list[tuple[tuple[int, float], int, int]] = []
    for i, a in enumerate(numbers):
        for j in range(i + 1, len(numbers)):
            b = numbers[j]
            if a["article"] != b["article"] and same_measure(a, b):
                consistent = agree(a, b)
                if consistent or conflict_shown(a, b):
                    pairs.append(((0 if consistent else 1, -_likeness(a, b)), i, j))
    pairs.sort()
    sets = DisjointSets(len(numbers))
    members: dict[int, list[int]] = {i: [i] for i in range(len(numbers))}
    for _, i, j in pairs:
        ri, rj = sets.find(i), sets.find(j)
        if ri == rj or not _can_join(numbers, members[ri], members[rj]):
            continue
        sets.union(ri, rj)
        members[ri] = members[ri] + members.pop(rj)
    groups: list[Json] = []
    for idx in sets.groups():
        if len({numbers[i]["article"] for i in idx}) < 2:
            continue
        groups.append(_group_json(f"ng{len(groups) + 1}", [numbers[i] for i in idx]))
    return groups


def _can_join(numbers: Sequence[Mapping[str, Any]], left: list[int], right: list[int]) -> bool:
    for i in left:
        a = numbers[i]
        for j in right:
            b = numbers[j]
            if a["article"] == b["article"]:
                if not agree(a, b):
                    return False  # one article, two values: two measures
            elif not compatible(a, b) or not (agree(a, b) or conflict_shown(a, b)):
                return False
    return True


def _likeness(a: Mapping[str, Any], b: Mapping[str, Any]) -> float:
    """How alike two figures' descriptions are (shared context words, same qualifier)."""
    ca = set(_measure(a).get("context") or ())
    cb = set(_measure(b).get("context") or ())
    shared = len(ca & cb) / max(len(ca | cb), 1)
    return shared + (0.5 if a.get("qualifier") == b.get("qualifier") else 0.0)


def _group_json(gid: str, items: list[Mapping[str, Any]]) -> Json:
    conflict = any(
        not agree(x, y)
        for k, x in enumerate(items)
        for y in items[k + 1 :]
        if x["article"] != y["article"]
    )
    measure = dict(_measure(items[0]))
    measure.pop("context", None)
    return {
        "id": gid,
        "about": max((str(n.get("about") or "") for n in items), key=len),
        "numbers": [n["id"] for n in items],
        "articles": list(dict.fromkeys(n["article"] for n in items)),
        "sources": list(dict.fromkeys(n.get("attributed_to") for n in items)),
        "conflict": conflict,
        "measure": {**measure, "kind": _kind(items[0])},
        "members": [_member(n) for n in items],
    }


def _member(n: Mapping[str, Any]) -> Json:
    i = interval(n) if not n.get("sides") else None
    return {
        "id": n["id"],
        "article": n["article"],
        "text": n.get("text"),
        "low": None if i is None else i.low,
        "high": None if i is None or math.isinf(i.high) else i.high,
        "sides": n.get("sides"),
    }
