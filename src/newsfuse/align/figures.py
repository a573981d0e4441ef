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

**API** (over :class:`~newsfuse.model.Figure` records, the brief's ``numbers``; :func:`agree`
also takes a mapping with ``value``, ``text`` and ``qualifier``, as the matcher's features
read figures from raw sentences):

- :func:`same_measure` ``(a, b) -> bool``: whether two figures measure the same thing;
- :func:`agree` ``(a, b) -> bool``: whether two figures of one measure are consistent;
- :func:`disagree` ``(numbers_a, numbers_b) -> bool``: whether two sentences (or articles)
  give different values for the same measure; :func:`conflicting_pairs` lists them;
- :func:`interval` ``(n) -> Interval``: the values a written figure stands for;
- :func:`render_conflict` ``(numbers, labels) -> str``: both sides of a conflict as a line,
  "42 dead (A1) · at least 57 (A2)";
- :func:`number_groups` ``(numbers) -> list``: the brief's ``number_groups``
  (:class:`~newsfuse.model.FigureGroup`).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from spacy.lang.en.stop_words import STOP_WORDS

from newsfuse.align.sets import DisjointSets
from newsfuse.align.text import fold, places_of
from newsfuse.extract.numbers_lexicon import DAYS_IN, OPPOSITES
from newsfuse.model import Figure, FigureGroup, GroupMeasure, GroupMember

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
# Shortest shared beginning that makes two counted nouns one ("suspend"/"suspension",
# "investigate"/"investigation"); five would join "state" and "statement".
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
    {"deaths", "injuries", "missing", "arrests", "evacuations", "damage", "age"}
)
MIN_SHARED_CONTEXT = 2
# ... and at least this share of all their words (BASIL dev: a "13-month extension" of
# jobless benefits and a "two-year extension" of tax cuts share "tax" in long clauses).
MIN_CONTEXT_SHARE = 0.2
# Fewest significant digits that make a figure written alike in two articles one measure
# whatever its noun (2: "42", "$750,000", "11 million"; not "100", "two").
MIN_SAME_DIGITS = 2
# Smallest count matched by value alone (below it, "two sons" and "two senators" meet).
MIN_SAME_COUNT = 10

_EVENT = frozenset(fold(w) for w in EVENT_MEASURES)  # as figures' nouns are compared
_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
_MAGNITUDES = (1e12, 1e9, 1e6, 1e3)


@dataclass(frozen=True, slots=True)
class Interval:
    """The values a written figure stands for: [low, high], in the figure's base unit
    (days for a duration, percent for a ratio)."""

    low: float
    high: float
    step: float  # the written precision ("3.5 billion": 1e8)

    def overlaps(self, other: Interval) -> bool:
        return self.low <= other.high and other.low <= self.high


def interval(number: Figure) -> Interval:
    """The interval of one brief figure (``value``, ``text``, ``qualifier``, and ``high``,
    ``ratio``, ``unit`` of vague quantities, odds and durations)."""
    value = float(number.value)
    scale = _days(number)
    if number.vague and number.high is not None:
        return Interval(value * scale, float(number.high) * scale, value * scale)
    ratio = number.ratio
    if ratio:
        n, d = float(ratio[0]), float(ratio[1])
        low, high, step = 100 * n / (d + 0.5), 100 * n / (d - 0.5), 100 * n / d
    else:
        step = precision(number.text or "", value)
        low, high = value - step / 2, value + step  # rounded or truncated
    qualifier = (number.qualifier or "").lower()
    if any(qualifier.startswith(w) for w in AT_LEAST_WORDS):
        low, high = value, math.inf
    elif any(qualifier.startswith(w) for w in UP_TO_WORDS):
        low, high = 0.0, value
    elif any(qualifier.startswith(w) for w in AT_MOST_WORDS):
        low, high = value * (1 - APPROXIMATE), value
    elif qualifier.split()[:1] and qualifier.split()[0] in APPROXIMATE_WORDS:
        low, high = min(low, value * (1 - APPROXIMATE)), max(high, value * (1 + APPROXIMATE))
    return Interval(low * scale, high * scale, step * scale)


def _days(number: Figure) -> float:
    """A duration's unit in days (1 for every other figure)."""
    if number.kind == "duration":
        return DAYS_IN.get(str(number.unit), 1.0)
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


# --------------------------------------------------------------------------- a figure, read once


@dataclass(frozen=True, slots=True)
class _Fig:
    """What the comparisons read of one brief figure, derived once."""

    n: Figure
    kind: str
    cls: str | None  # KIND_CLASS of the kind
    unit: str | None  # "%" for odds
    value: float  # in days for a duration
    vague: bool
    high: float | None  # a vague quantity's upper end, in the value's unit
    sides: tuple[float, ...] | None
    ratio: float | None
    qualifier: str
    span: Interval
    open: bool  # an open end or a wide range ("more than 100", "up to 57", "hundreds")
    noun: str | None  # folded
    context: frozenset[str]  # folded
    lemmas: frozenset[str]  # as the extractor wrote them, for words of opposite sense
    places: frozenset[str]
    time: str | None
    subject: frozenset[str] | None
    significant: int
    anchor: frozenset[str] | None  # what a sum went to or at ("Best Buy")
    written: str  # the figure as written, lower-cased


def _fig(n: Figure) -> _Fig:
    kind = n.kind
    measure = n.measure
    days = _days(n)
    sides, ratio, high = n.sides, n.ratio, n.high
    span = interval(n)
    noun = _noun(n)
    subject = measure.subject
    lemmas = frozenset(measure.context)
    return _Fig(
        n=n,
        kind=kind,
        cls=KIND_CLASS.get(kind),
        unit="%" if kind == "ratio" else n.unit,
        value=float(n.value) * days,
        vague=n.vague,
        high=float(high) * days if n.vague and high else None,
        sides=tuple(sorted(float(x) for x in sides)) if sides else None,
        ratio=float(ratio[0]) / float(ratio[1]) if ratio else None,
        qualifier=(n.qualifier or "").lower(),
        span=span,
        open=n.vague or math.isinf(span.high) or span.low <= 0,
        noun=fold(noun) if noun else None,
        context=frozenset(fold(w) for w in lemmas),
        lemmas=lemmas,
        places=_places(n),
        time=measure.time or None,
        subject=_words(subject) if subject else None,
        significant=_significant(n),
        anchor=_words(measure.anchor) if measure.anchor else None,
        written=(n.text or "").lower(),
    )


def _as_figure(n: Figure | Mapping[str, Any]) -> Figure:
    """A figure record; a mapping (``value``, ``text``, ``qualifier`` and optionally
    ``unit``, ``kind``) is read as a count, amount or share of nothing in particular."""
    if isinstance(n, Figure):
        return n
    unit = n.get("unit")
    kind = n.get("kind") or (
        "count" if unit is None else "percent" if unit in {"%", "pp"} else "money"
    )
    return Figure(id=str(n.get("id") or ""), article=str(n.get("article") or ""), paragraph=0,
                  start=0, end=0, value=float(n["value"]), text=str(n.get("text") or ""),
                  qualifier=n.get("qualifier"), unit=unit, kind=str(kind))  # fmt: skip


# --------------------------------------------------------------------------- agreement


def agree(a: Figure | Mapping[str, Any], b: Figure | Mapping[str, Any]) -> bool:
    """Whether two figures of one measure are consistent (PRODUCT.md, stage 6, extended to
    tallies, odds, durations and vague quantities as the module docstring says)."""
    return _agree(_fig(_as_figure(a)), _fig(_as_figure(b)))


def _agree(a: _Fig, b: _Fig) -> bool:
    if a.sides or b.sides:
        return a.sides == b.sides
    qualified = a.qualifier or b.qualifier or a.vague or b.vague
    if a.ratio is not None and b.ratio is not None and not qualified:
        return math.isclose(a.ratio, b.ratio)
    same_written = a.ratio is None and b.ratio is None and math.isclose(a.span.step, b.span.step)
    if same_written and not qualified:
        return math.isclose(a.value, b.value)
    return a.span.overlaps(b.span)


# --------------------------------------------------------------------------- measures


def same_measure(a: Figure, b: Figure) -> bool:
    """Whether two figures measure the same thing (see the module's docstring): compatible
    kinds and units, one counted noun (or one distinctive figure, :func:`same_figure`), and
    no place, date, subject or sense that differs."""
    return _same_measure(_fig(a), _fig(b))


def _same_measure(a: _Fig, b: _Fig) -> bool:
    if not _compatible(a, b):
        return False
    named = a.noun and b.noun and _same_noun(a.noun, b.noun)
    if not named and not _same_anchor(a, b):
        return _same_figure(a, b)
    if a.kind == b.kind and a.kind in {"count", "money", "measure", "duration"}:
        lo_a, hi_a = a.value, a.high or a.value
        lo_b, hi_b = b.value, b.high or b.value
        if a.kind == "count" and min(lo_a, lo_b) < MIN_VALUE:
            return False
        if min(lo_a, lo_b) <= 0 or max(lo_a / hi_b, lo_b / hi_a) > MAX_RATIO:
            return False
    return True


def same_figure(a: Figure, b: Figure) -> bool:
    """The same distinctive figure in two articles, described in other words: one value
    and qualifier, written with at least :data:`MIN_SAME_DIGITS` significant digits or
    with a qualifier ("42 members" / "42 Senate Republicans", "$750,000 in campaign money"
    / "$750,000 in campaign funds", "nearly 90 professors" / "nearly 90 faculty members"),
    when nothing says otherwise: compatible, and clauses that share a word when both have
    words."""
    return _same_figure(_fig(a), _fig(b))


def _same_figure(a: _Fig, b: _Fig) -> bool:
    if a.kind != b.kind or a.unit != b.unit or not _compatible(a, b):
        return False
    if a.vague or b.vague or a.sides or b.sides:
        return False
    if not math.isclose(a.value, b.value) or a.qualifier != b.qualifier:
        return False
    if a.noun in _EVENT and b.noun in _EVENT and a.noun != b.noun:
        return False  # 12 dead and 12 injured
    if a.kind == "count" and a.value < MIN_VALUE:
        return False
    if _shared_clause(a, b):
        return True  # "five past and present Missouri Republican senators" / "five senior
        # Missouri Republicans"; "six months at Parris Island" in both
    if a.kind == "count" and a.value < MIN_SAME_COUNT:
        return False
    if a.significant < MIN_SAME_DIGITS and not a.qualifier:
        return False
    if a.written == b.written:
        return True  # "just over $200,000" in both
    return not (a.context and b.context) or bool(a.context & b.context)


def _same_anchor(a: _Fig, b: _Fig) -> bool:
    """Two sums that went to, at or on one named thing ("over $10,000 at Best Buy" and
    "$10,977.74 worth of televisions … at Best Buy")."""
    if a.anchor is None or b.anchor is None or a.kind != "money" or b.kind != "money":
        return False
    return bool(a.anchor and b.anchor) and (a.anchor <= b.anchor or b.anchor <= a.anchor)


def compatible(a: Figure, b: Figure) -> bool:
    """Whether nothing says two figures measure different things: kind and unit, place,
    date, subject and sense (the counted noun is left to :func:`same_measure`)."""
    return _compatible(_fig(a), _fig(b))


def _compatible(a: _Fig, b: _Fig) -> bool:
    if a.cls != b.cls:
        return False
    if {a.kind, b.kind}.isdisjoint({"duration", "tally"}) and a.unit != b.unit:
        return False
    if a.places and b.places and not a.places & b.places:
        return False
    if a.time and b.time and not (a.time.startswith(b.time) or b.time.startswith(a.time)):
        return False
    if a.cls in SUBJECT_KINDS:
        if a.kind == "age" and not (a.subject and b.subject):
            return False  # an age of nobody named measures nothing comparable
        if a.subject is not None and b.subject is not None and not _same_subject(a, b):
            return False  # "the Senate voted" vs "the House voted"; Malia's vs Sasha's age
    return not _opposed(a, b)


def _same_subject(a: _Fig, b: _Fig) -> bool:
    """One subject named twice: the words of one are all words of the other ("Malia" and
    "Malia Obama"; not "Sasha Obama" and "Malia Obama")."""
    wa, wb = a.subject or frozenset(), b.subject or frozenset()
    return bool(wa and wb) and (wa <= wb or wb <= wa)


def conflict_shown(a: Figure, b: Figure) -> bool:
    """Whether two figures of one measure that disagree may be shown as a conflict: the
    measure is one an event has a single value of (a toll, the damage), a tally, share or
    age of one subject, or their clauses share enough words beyond the counted noun to be
    the same statement."""
    return _conflict_shown(_fig(a), _fig(b))


def _conflict_shown(a: _Fig, b: _Fig) -> bool:
    if a.noun in _EVENT or a.cls in SUBJECT_KINDS:
        return True
    return _same_anchor(a, b) or _shared_clause(a, b)


def _shared_clause(a: _Fig, b: _Fig) -> bool:
    """The two figures' clauses share at least MIN_SHARED_CONTEXT words beyond the counted
    noun, and at least MIN_CONTEXT_SHARE of all their words."""
    beyond = {a.noun or "", b.noun or ""} | STOP_WORDS
    ca, cb = a.context - beyond, b.context - beyond
    shared = len(ca & cb)
    return shared >= MIN_SHARED_CONTEXT and shared / len(ca | cb) >= MIN_CONTEXT_SHARE


def linkable(a: Figure, b: Figure) -> bool:
    """Whether two compatible figures of two articles may stand in one group: the same
    value; values that agree and are both bounded ("99,230" and "some 100,000"); or, for
    a conflict or an agreement that only an open end or a range allows ("up to 57 months"
    and "a maximum of three years"), the evidence of :func:`conflict_shown`."""
    return _linkable(_fig(a), _fig(b))


def _linkable(a: _Fig, b: _Fig) -> bool:
    if math.isclose(a.value, b.value) and not (a.vague or b.vague):
        return _agree(a, b)
    if _agree(a, b) and not a.open and not b.open:
        return True
    return _conflict_shown(a, b)


def _significant(n: Figure) -> int:
    """Significant digits of a figure as written ("$750,000": 2; "100": 1; "forty-two": 2)."""
    m = _NUMBER.search(n.text or "")
    digits = m.group().replace(",", "") if m else f"{abs(float(n.value)):.10g}"
    whole = digits.split(".")[0].lstrip("0")
    return len(whole.rstrip("0")) + (len(digits.split(".")[1]) if "." in digits else 0)


def _noun(n: Figure) -> str | None:
    """The counted noun: the extractor's, else the head of what the figure counts."""
    if n.measure.noun:
        return n.measure.noun
    return _head(n.about)


def _same_noun(fa: str, fb: str) -> bool:
    """One counted noun (both folded): equal, or beginning alike over at least
    :data:`MIN_STEM` letters ("suspend" / "suspension")."""
    return fa == fb or (min(len(fa), len(fb)) >= MIN_STEM and fa[:MIN_STEM] == fb[:MIN_STEM])


def _stem(noun: str) -> str:
    """The key under which :func:`_same_noun` can only match nouns of the same key."""
    return noun[:MIN_STEM] if len(noun) >= MIN_STEM else noun


def _words(text: str) -> frozenset[str]:
    return frozenset(fold(w) for w in re.findall(r"[A-Za-z][A-Za-z'’.-]*", text)) - {"the"}


def _opposed(a: _Fig, b: _Fig) -> bool:
    """Words of opposite sense in the two figures' clauses, each on one side only."""
    ca, cb = a.lemmas, b.lemmas
    for pair in OPPOSITES:
        x, y = sorted(pair)
        if (x in ca and x not in cb and y in cb and y not in ca) or (
            y in ca and y not in cb and x in cb and x not in ca
        ):
            return True
    return False


def _places(number: Figure) -> frozenset[str]:
    """The places a figure is about: the extractor's place, the countries named in what it
    counts, else in the few words before it ("Russia had lost 99,230 troops"; not the
    whole sentence, which may name the country that reports the figure)."""
    found = set(places_of(number.about or ""))
    place = number.measure.place
    if place:
        found |= places_of(place) or {fold(place)}
    if found:
        return frozenset(found)
    sentence, text = number.sentence or "", number.text or ""
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
    numbers_a: Iterable[Figure], numbers_b: Iterable[Figure]
) -> list[tuple[Figure, Figure]]:
    """Pairs (a, b) of one measure whose values disagree, a from the first figures, b
    from the second (e.g. the figures two sentences carry)."""
    bs = [_fig(b) for b in numbers_b]
    out = []
    for a in map(_fig, numbers_a):
        out += [(a.n, b.n) for b in bs if _same_measure(a, b) and not _agree(a, b)]
    return out


def disagree(numbers_a: Iterable[Figure], numbers_b: Iterable[Figure]) -> bool:
    """Whether two sets of figures (two sentences', two articles') give different values
    for the same measure: a line that cites both must not present them as one fact.

    Deliberately wider than the conflicts :func:`number_groups` flags (which also need
    :func:`conflict_shown`): refusing to merge two sentences costs a citation, showing a
    conflict that is not one misleads the reader."""
    return bool(conflicting_pairs(numbers_a, numbers_b))


def render_conflict(
    numbers: Sequence[Figure],
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
        text = n.text or ""
        about = n.about or ""
        if about and len(about.split()) == 1 and about.lower() not in text.lower():
            text = f"{text} {about}"
        where = labels.get(n.article, "?")
        if sources and n.attributed_to:
            where = f"{where}, {n.attributed_to}"
        part = f"{text} ({where})"
        if part not in parts:
            parts.append(part)
    return " · ".join(parts)


# --------------------------------------------------------------------------- groups


def number_groups(numbers: Sequence[Figure]) -> tuple[FigureGroup, ...]:
    """``number_groups`` of the brief: figures of one measure from different articles
    (with each article's repeats of it), flagged ``conflict`` when two of them disagree.

    Candidate links are pairs of different articles of one measure; agreeing pairs are
    joined first, then disagreeing ones, closest descriptions first. Two groups join only
    when every pair across them is compatible (:func:`compatible`) and no article would
    hold two values that disagree, nor two articles two figures that are not
    :func:`linkable`, so a group never chains two measures together. Only figures that
    share a counted noun's stem, a written value or a word of what a sum went to are
    compared, so the cost grows with the story's repeats of one measure, not with the
    square of its figures.
    """
    figs = [_fig(n) for n in numbers]
    buckets: dict[tuple[Any, ...], list[int]] = {}
    for i, f in enumerate(figs):
        if f.noun:
            buckets.setdefault(("noun", f.cls, _stem(f.noun)), []).append(i)
        buckets.setdefault(("value", f.kind, f.unit, round(f.value, 6), f.qualifier), []).append(i)
        for word in f.anchor or ():
            buckets.setdefault(("anchor", word), []).append(i)
    candidates: set[tuple[int, int]] = set()
    for members in buckets.values():
        for k, i in enumerate(members):
            candidates.update(
                (i, j) for j in members[k + 1 :] if figs[i].n.article != figs[j].n.article
            )
    pairs: list[tuple[tuple[int, float], int, int]] = []
    for i, j in sorted(candidates):
        a, b = figs[i], figs[j]
        if _same_measure(a, b) and _linkable(a, b):
            pairs.append(((0 if _agree(a, b) else 1, -_likeness(a, b)), i, j))
    pairs.sort()
    sets = DisjointSets(len(figs))
    members_of: dict[int, list[int]] = {i: [i] for i in range(len(figs))}
    refused: set[tuple[int, int]] = set()  # groups only grow: a refusal stands
    for _, i, j in pairs:
        ri, rj = sets.find(i), sets.find(j)
        if ri == rj or (ri, rj) in refused:
            continue
        if not _can_join(figs, members_of[ri], members_of[rj]):
            refused.update({(ri, rj), (rj, ri)})
            continue
        sets.union(ri, rj)
        members_of[ri] = members_of[ri] + members_of.pop(rj)
    groups: list[FigureGroup] = []
    for idx in sets.groups():
        if len({figs[i].n.article for i in idx}) < 2:
            continue
        groups.append(_group(f"ng{len(groups) + 1}", [figs[i] for i in idx]))
    return tuple(groups)


def _can_join(figs: Sequence[_Fig], left: list[int], right: list[int]) -> bool:
    for i in left:
        a = figs[i]
        for j in right:
            b = figs[j]
            if a.n.article == b.n.article:
                if not _agree(a, b):
                    return False  # one article, two values: two measures
            elif not _compatible(a, b) or not _linkable(a, b):
                return False
    return True


def _likeness(a: _Fig, b: _Fig) -> float:
    """How alike two figures' descriptions are (shared context words, same qualifier)."""
    shared = len(a.context & b.context) / max(len(a.context | b.context), 1)
    return shared + (0.5 if a.qualifier == b.qualifier else 0.0)


def _group(gid: str, figs: list[_Fig]) -> FigureGroup:
    conflict = any(
        not _agree(x, y)
        for k, x in enumerate(figs)
        for y in figs[k + 1 :]
        if x.n.article != y.n.article
    )
    items = [f.n for f in figs]
    m = items[0].measure
    measure = GroupMeasure(noun=m.noun, unit=m.unit, subject=m.subject, place=m.place,
                           time=m.time, time_text=m.time_text, by=m.by, anchor=m.anchor,
                           kind=figs[0].kind)  # fmt: skip
    return FigureGroup(
        id=gid,
        about=max((n.about or "" for n in items), key=len),
        numbers=tuple(n.id for n in items),
        articles=tuple(dict.fromkeys(n.article for n in items)),
        sources=tuple(dict.fromkeys(n.attributed_to for n in items)),
        conflict=conflict,
        measure=measure,
        members=tuple(_member(f) for f in figs),
    )


def _member(f: _Fig) -> GroupMember:
    """A group member with the interval its value stands for (None: unbounded)."""
    bounded = f.sides is None
    return GroupMember(
        id=f.n.id,
        article=f.n.article,
        text=f.n.text,
        low=f.span.low if bounded else None,
        high=f.span.high if bounded and not math.isinf(f.span.high) else None,
        sides=f.n.sides,
    )
