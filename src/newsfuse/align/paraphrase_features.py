"""What two sentences share and where they differ, as numbers a classifier can weigh.

:mod:`newsfuse.align.paraphrase` decides whether two sentences of different outlets
state the same thing from these features plus the cosine of their sentence
embeddings. Embeddings see meaning but are blind to what makes two close sentences
say different things, so the features here look at exactly that:

* **numbers** — figures normalised from the raw sentence ("$3.5 billion", "3.5bn",
  "3,500 million"; "4.6 percent" = "4.6%"), compared by the interval their written
  precision implies (:func:`newsfuse.align.figures.agree`: "some 100,000" agrees
  with 99,230, "$3.5 billion" does not with "$3.6 billion");
* **dates** — weekdays, months and years named on both sides that differ;
* **negation** — one side negated ("did not", "never", "no"), the other not;
* **tense and modality** — one side future or planned ("will", "is set to", "plans
  to") or hedged ("may", "could"), the other not ("voted");
* **names** — capitalised names on one side that the other lacks;
* **overlap** — content words both ways, word n-grams, character and word-order
  similarity (Levenshtein, longest common subsequence), lengths, and the longest run
  of words one side has and the other lacks (a clause of extra information).

Every feature is a pure function of the two texts; :func:`analyse` does the
per-sentence work once, so a pair costs only set operations and a few edit
distances. The names in :data:`FEATURES` are the columns the weights in
:mod:`newsfuse.align.paraphrase_weights` were fitted on.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from rapidfuzz import fuzz
from rapidfuzz.distance import Indel, LCSseq, Levenshtein

from newsfuse.align.figures import AT_LEAST_WORDS, AT_MOST_WORDS, MAX_RATIO, agree
from newsfuse.extract.numbers_lexicon import CURRENCY_SYMBOLS, MAGNITUDES, MONTHS, SMALL_NUMBERS
from newsfuse.text import words

# Words of a sentence: letters (with inner apostrophes and hyphens) or a number.
_TOKEN = re.compile(r"[A-Za-z](?:[A-Za-z'’.-]*[A-Za-z])?|\d[\d,.]*\d|\d")
# Function words: the overlap features count content words only. Kept here, not taken
# from spaCy, so that `import newsfuse.align.paraphrase` stays light.
STOP_WORDS = frozenset(
    """
    a about above after again against all also am an and any are as at be because been
    before being below between both but by can could did do does doing down during each
    few for from further had has have having he her here hers herself him himself his how
    i if in into is it its itself just me more most my myself no nor not now of off on
    once only or other our ours ourselves out over own same she should so some such than
    that the their theirs them themselves then there these they this those through to too
    under until up very was we were what when where which while who whom why will with
    would you your yours yourself yourselves 's n't 're 've 'll 'd us
    """.split()
)
# Words that report or frame a statement rather than add to it: an extra "he told
# reporters on Tuesday" does not make two sentences say different things.
ATTRIBUTION_WORDS = frozenset(
    """
    said says say saying told tell tells added adds according reported reports reporting
    stated statement announced spokesman spokeswoman spokesperson reporters news
    conference interview monday tuesday wednesday thursday friday saturday sunday
    yesterday today tonight week weekend last however
    """.split()
)
WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
# Month words to their number ("Sept." -> 9); "may" and "march" only when capitalised.
_MONTH_NUMBER = {
    name: i + 1
    for i, names in enumerate(
        ("january jan", "february feb", "march mar", "april apr", "may", "june jun",
         "july jul", "august aug", "september sep sept", "october oct", "november nov",
         "december dec")
    )
    for name in names.split()
}  # fmt: skip
# Words that negate the clause they stand in.
NEGATIONS = frozenset(
    "not no never nobody nothing none neither nor without cannot n't nowhere unless".split()
)
# "failed to address" negates like "did not address"; "not only" does not negate.
_NEGATING_PHRASE = re.compile(r"\b(?:fail(?:s|ed|ing)?|refus(?:e|es|ed|ing))\s+to\b")
_NOT_NEGATING = re.compile(r"\bnot\s+only\b|\bno\s+doubt\b")
# Future and plans: "will vote", "would vote" (a reported future), "is set to vote",
# "plans to", "is expected to" - against a done deed ("voted").
_FUTURE = re.compile(
    r"\b(?:will|shall|won't|would|wouldn't|(?:is|are|was|were)\s+(?:set|scheduled|expected|"
    r"going|poised|about)\s+to|plans?\s+to|planned\s+to|planning\s+to|intends?\s+to|"
    r"(?:is|are)\s+to)\b|'ll\b",
    re.IGNORECASE,
)
# Hedges: "may", "might", "could" (a possibility, not a fact).
_HEDGE = re.compile(r"\b(?:may|might|could|possibly|perhaps|likely|reportedly)\b")
# A year written alone: a date, not a figure.
_YEAR = re.compile(r"^(?:19|20)\d\d$")
# Qualifiers read before a figure (how precise the writer claims it is).
_QUALIFIERS = tuple(
    sorted(
        {*AT_LEAST_WORDS, *AT_MOST_WORDS, "about", "some", "around", "roughly",
         "approximately", "almost", "nearly", "estimated", "up to"},
        key=len,
        reverse=True,
    )
)  # fmt: skip
# A figure in raw text: currency sign, digits (or a small number word), a glued or
# following magnitude, and a percent sign or word.
_FIGURE = re.compile(
    r"(?P<cur>US\$|A\$|C\$|[$£€¥₴₽])?\s?"
    r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?:\s?(?P<glued>bn|mn|mln|tn|trn|k|m|b)\b|\s+(?P<mag>hundred|thousand|million|mln|"
    r"billion|bln|trillion)\b)?"
    r"(?P<pct>\s?%|\s+percent\b|\s+per\s+cent\b|\s+percentage\s+points?\b)?",
    re.IGNORECASE,
)
_SPELLED = re.compile(
    r"\b(?P<word>" + "|".join(w for w in SMALL_NUMBERS if w != "zero") + r")\s+"
    r"(?P<mag>hundred|thousand|million|billion|trillion)\b",
    re.IGNORECASE,
)
_CLOCK = re.compile(
    r"\s?(?:a\.m\b|p\.m\b|am\b|pm\b|GMT\b|EDT\b|EST\b|BST\b|UTC\b|ET\b)", re.IGNORECASE
)
_GLUED = {"bn": 1e9, "b": 1e9, "mn": 1e6, "mln": 1e6, "m": 1e6, "k": 1e3, "tn": 1e12, "trn": 1e12}
# A run of extra words long enough to be a clause, in tokens: features count runs, the
# classifier weighs them (no threshold here).

# Two unmatched figures of one unit within this factor of each other are read as the same
# measure given differently (40 vs 41 members; $3.5bn vs $3.6bn); further apart they are
# more likely different measures (the figures module uses the same factor).
SAME_MEASURE_RATIO = MAX_RATIO

# Feature names, in the order of the fitted weights.
FEATURES: tuple[str, ...] = (
    "cosine",
    "overlap_min", "overlap_max", "jaccard",
    "ngram1", "ngram2", "ngram3", "ngram4",
    "length_ratio", "length_diff",
    "char_ratio", "token_set_ratio", "token_sort_ratio", "partial_ratio",
    "lcs_min", "lcs_max", "token_levenshtein", "content_levenshtein",
    "content_lcs", "folded_char_ratio", "char_distance",
    "extra_run_max", "extra_run_min", "extra_words_max", "extra_words_min",
    "numbers_only_max", "numbers_only_min", "numbers_shared", "numbers_differ",
    "numbers_conflict", "digits_only_max", "digits_only_min",
    "date_conflict", "negation_differs", "future_differs", "hedge_differs",
    "modality_differs",
    "names_only_max", "names_only_min", "names_conflict",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Figure:
    """A figure read from raw text: value, unit ("%", "USD", None) and how it was written."""

    value: float
    unit: str | None
    text: str
    qualifier: str | None

    def as_mapping(self) -> Mapping[str, object]:
        return {"value": self.value, "text": self.text, "qualifier": self.qualifier}


@dataclass(frozen=True, slots=True)
class Analysis:
    """What the pair features need from one sentence, computed once per text."""

    text: str
    lower: str
    tokens: tuple[str, ...]  # folded, in order
    content: tuple[str, ...]  # folded content words, in order
    content_set: frozenset[str]
    token_set: frozenset[str]
    grams: tuple[frozenset[tuple[str, ...]], ...]  # word 1- to 4-grams
    folded_text: str
    figures: tuple[Figure, ...]
    weekdays: frozenset[str]
    months: frozenset[int]
    years: frozenset[str]
    negated: bool
    future: bool
    hedged: bool
    names: frozenset[str]


# Shortest word whose plural "s" the paraphrase features fold (4, where the aligner's
# fold says 5: "bans" -> "ban"): the fitted weights (paraphrase_weights.py) and the
# paraphrase dev figures were made with it.
PARAPHRASE_PLURAL_FROM = 4


def fold(word: str) -> str:
    """The shared fold with the paraphrase features' plural rule (PARAPHRASE_PLURAL_FROM)."""
    return words.fold(word, plural_from=PARAPHRASE_PLURAL_FROM)


def analyse(text: str) -> Analysis:
    """The per-sentence part of the features (see the module's docstring)."""
    raw = [m.group() for m in _TOKEN.finditer(text)]
    tokens = tuple(fold(t) for t in raw)
    content = tuple(t for t in tokens if t not in STOP_WORDS)
    lowered = [t.lower().replace("’", "'") for t in raw]
    grams = tuple(
        frozenset(tuple(lowered[i : i + n]) for i in range(len(lowered) - n + 1))
        for n in (1, 2, 3, 4)
    )
    figures, years = _figures(text)
    months = frozenset(
        _MONTH_NUMBER[t.lower().rstrip(".")]
        for t in raw
        if t.lower().rstrip(".") in _MONTH_NUMBER
        and t.lower() in MONTHS | {"sept"}
        and (t[0].isupper() or t.lower() not in {"may", "march"})
    )
    lower = text.lower().replace("’", "'")
    return Analysis(
        text=text,
        lower=lower,
        tokens=tokens,
        content=content,
        content_set=frozenset(content),
        token_set=frozenset(tokens),
        grams=grams,
        folded_text=" ".join(tokens),
        figures=figures,
        weekdays=frozenset(t for t in tokens if t in WEEKDAYS),
        months=months,
        years=years,
        negated=_negated(lower),
        future=_FUTURE.search(text) is not None,
        hedged=_HEDGE.search(lower) is not None,
        names=_names(raw),
    )


def pair_features(a: Analysis, b: Analysis, cosine: float) -> dict[str, float]:
    """Every feature of :data:`FEATURES` for one pair, given their embeddings' cosine."""
    f: dict[str, float] = {"cosine": cosine}
    shared = len(a.content_set & b.content_set)
    overlap_a = shared / max(1, len(a.content_set))
    overlap_b = shared / max(1, len(b.content_set))
    f["overlap_min"], f["overlap_max"] = min(overlap_a, overlap_b), max(overlap_a, overlap_b)
    f["jaccard"] = shared / max(1, len(a.content_set | b.content_set))
    for n, (ga, gb) in enumerate(zip(a.grams, b.grams, strict=True), start=1):
        f[f"ngram{n}"] = 2 * len(ga & gb) / max(1, len(ga) + len(gb))
    la, lb = len(a.tokens), len(b.tokens)
    f["length_ratio"] = min(la, lb) / max(1, la, lb)
    f["length_diff"] = abs(la - lb) / 10
    f["char_ratio"] = fuzz.ratio(a.lower, b.lower) / 100
    f["token_set_ratio"] = fuzz.token_set_ratio(a.text, b.text) / 100
    f["token_sort_ratio"] = fuzz.token_sort_ratio(a.text, b.text) / 100
    f["partial_ratio"] = fuzz.partial_ratio(a.lower, b.lower) / 100
    lcs = LCSseq.similarity(a.tokens, b.tokens)
    f["lcs_min"], f["lcs_max"] = lcs / max(1, la, lb), lcs / max(1, min(la, lb))
    f["token_levenshtein"] = Levenshtein.normalized_similarity(a.tokens, b.tokens)
    f["content_levenshtein"] = Levenshtein.normalized_similarity(a.content, b.content)
    f["content_lcs"] = LCSseq.similarity(a.content, b.content) / max(
        1, len(a.content), len(b.content)
    )
    f["folded_char_ratio"] = Indel.normalized_similarity(a.folded_text, b.folded_text)
    f["char_distance"] = Levenshtein.distance(a.folded_text, b.folded_text) / 50
    run_a, run_b = _extra_run(a.tokens, b.token_set), _extra_run(b.tokens, a.token_set)
    f["extra_run_max"], f["extra_run_min"] = max(run_a, run_b), min(run_a, run_b)
    extra_a, extra_b = _extra_words(a, b), _extra_words(b, a)
    f["extra_words_max"], f["extra_words_min"] = max(extra_a, extra_b), min(extra_a, extra_b)
    a_only = sum(1 for x in a.figures if not any(_same_figure(x, y) for y in b.figures))
    b_only = sum(1 for y in b.figures if not any(_same_figure(x, y) for x in a.figures))
    f["numbers_only_max"], f["numbers_only_min"] = (
        float(max(a_only, b_only)),
        float(min(a_only, b_only)),
    )
    f["numbers_shared"] = float(min(len(a.figures) - a_only, len(b.figures) - b_only))
    f["numbers_differ"] = float(a_only + b_only > 0)
    f["numbers_conflict"] = float(a_only > 0 and b_only > 0)
    digits_a = {t for t in a.token_set if t[0].isdigit()}
    digits_b = {t for t in b.token_set if t[0].isdigit()}
    only_a, only_b = len(digits_a - digits_b), len(digits_b - digits_a)
    f["digits_only_max"], f["digits_only_min"] = (
        float(max(only_a, only_b)),
        float(min(only_a, only_b)),
    )
    f["date_conflict"] = float(date_conflict(a, b))
    f["negation_differs"] = float(a.negated != b.negated)
    f["future_differs"] = float(a.future != b.future)
    f["hedge_differs"] = float(a.hedged != b.hedged)
    f["modality_differs"] = float((a.future or a.hedged) != (b.future or b.hedged))
    names_a, names_b = _missing_names(a, b), _missing_names(b, a)
    share_a, share_b = names_a / max(1, len(a.names)), names_b / max(1, len(b.names))
    f["names_only_max"], f["names_only_min"] = max(share_a, share_b), min(share_a, share_b)
    f["names_conflict"] = float(names_a > 0 and names_b > 0)
    return f


def differences(a: Analysis, b: Analysis) -> tuple[str, ...]:
    """The checks on which two sentences differ, in words a brief can show: figures,
    dates, negation, tense or modality, names."""
    out: list[str] = []
    a_only = [x.text for x in a.figures if not any(_same_figure(x, y) for y in b.figures)]
    b_only = [y.text for y in b.figures if not any(_same_figure(x, y) for x in a.figures)]
    if a_only and b_only:
        out.append(f"figures differ: {', '.join(a_only)} vs {', '.join(b_only)}")
    if date_conflict(a, b):
        out.append("dates differ")
    if a.negated != b.negated:
        out.append("one side is negated")
    if a.future != b.future:
        out.append("one side is future or planned")
    if a.hedged != b.hedged:
        out.append("one side is hedged")
    missing_a = sorted(n for n in a.names if n not in b.token_set)
    missing_b = sorted(n for n in b.names if n not in a.token_set)
    if missing_a and missing_b:
        out.append(f"names differ: {', '.join(missing_a)} vs {', '.join(missing_b)}")
    return tuple(out)


def conflicts(a: Analysis, b: Analysis) -> tuple[str, ...]:
    """What makes two otherwise close sentences state different things: a figure of one
    measure that differs ("$3.5 billion" vs "$3.6 billion"), different dates, or one side
    negated. Any one of them means the two do not state the same thing, however close
    their words are: a brief shows such a pair as a conflict, never as one fact.

    Planned vs done ("is set to vote" vs "voted") is a feature and a difference, not a
    veto: on MRPC train the detector flagged 136 pairs the model called the same, of
    which only 20 % were labelled different, and vetoing cost 2 points of accuracy."""
    out: list[str] = []
    clashing = [
        (x.text, y.text)
        for x in a.figures
        for y in b.figures
        if _same_unit(x, y)
        and not any(_same_figure(x, z) for z in b.figures)
        and not any(_same_figure(z, y) for z in a.figures)
        and max(x.value, y.value) <= SAME_MEASURE_RATIO * min(x.value, y.value)
    ]
    if clashing:
        out.append(f"figures differ: {clashing[0][0]} vs {clashing[0][1]}")
    if date_conflict(a, b):
        out.append("dates differ")
    if a.negated != b.negated and near_copies(a, b):
        out.append("one side is negated")
    return tuple(out)


# Share of the shorter sentence's content words the longer must hold for a negation on
# one side only to veto the pair: in near-copies the "not" is the difference ("did not
# arrest" / "arrested"); in longer, looser tellings it usually negates something else
# (on the labelled BASIL dev events the unconditional veto refused 265 of 1,003 pairs
# that state one claim; MRPC's pairs are mostly near-copies either way).
NEAR_COPY = 0.6


def near_copies(a: Analysis, b: Analysis) -> bool:
    """Whether two sentences share most of the shorter one's content words."""
    shorter = min(len(a.content_set), len(b.content_set))
    return shorter > 0 and len(a.content_set & b.content_set) >= NEAR_COPY * shorter


def date_conflict(a: Analysis, b: Analysis) -> bool:
    """Both name a weekday, a month or a year, and they name different ones."""
    return any(
        x and y and not x & y
        for x, y in ((a.weekdays, b.weekdays), (a.months, b.months), (a.years, b.years))
    )


def figures_of(text: str) -> tuple[Figure, ...]:
    """The figures of a raw sentence (years are dates and left out)."""
    return _figures(text)[0]


def _figures(text: str) -> tuple[tuple[Figure, ...], frozenset[str]]:
    found: list[Figure] = []
    years: set[str] = set()
    for m in _FIGURE.finditer(text):
        digits = m.group("num")
        before = text[: m.start()]
        after = text[m.end() : m.end() + 3]
        if before.endswith((":", "/", "[")) or after.startswith((":", "/")) or _glued(text, m):
            continue  # clock times, dates as 6/10, scores "3-1", parts of codes
        if _CLOCK.match(text, m.end()):
            continue  # "6 p.m.", "0335 GMT"
        plain = not (m.group("cur") or m.group("pct") or m.group("glued") or m.group("mag"))
        if _YEAR.match(digits) and plain:
            years.add(digits)
            continue
        if _after_month(before):
            continue  # "June 10": a day of the month
        value = float(digits.replace(",", ""))
        glued = (m.group("glued") or "").lower()
        if glued == "m" and not m.group("cur"):
            continue  # "3 m deep", "100m sprint": not read as million without a currency
        value *= _GLUED.get(glued, 1.0) * MAGNITUDES.get((m.group("mag") or "").lower(), 1.0)
        unit = _unit(m)
        found.append(Figure(value, unit, m.group().strip(), _qualifier(before)))
    for m in _SPELLED.finditer(text):
        value = SMALL_NUMBERS[m.group("word").lower()] * MAGNITUDES[m.group("mag").lower()]
        found.append(Figure(float(value), None, m.group(), _qualifier(text[: m.start()])))
    return tuple(found), frozenset(years)


def _glued(text: str, m: re.Match[str]) -> bool:
    """A number glued to letters or a hyphen on either side ("G8", "3-1", "COVID-19")."""
    start, end = m.start("num"), m.end()
    left = text[start - 1] if start > 0 else " "
    right = text[end] if end < len(text) else " "
    return left.isalpha() or left == "-" or right.isalpha() or (right == "-" and not m.group("pct"))


def _after_month(before: str) -> bool:
    words = before.rstrip().rsplit(None, 1)
    last = words[-1].lower().rstrip(".,") if words else ""
    if last in {"may", "march"}:
        return words[-1][0].isupper()  # "May 5", not "may 5 more"
    return last in _MONTH_NUMBER


def _unit(m: re.Match[str]) -> str | None:
    if m.group("pct"):
        return "pp" if "point" in m.group("pct").lower() else "%"
    cur = m.group("cur")
    if cur:
        return CURRENCY_SYMBOLS.get(cur.lower(), cur)
    return None


def _qualifier(before: str) -> str | None:
    tail = before.lower().rstrip(" $£€")[-20:]
    for q in _QUALIFIERS:
        if tail.endswith(" " + q) or tail == q:
            return q
    return None


def _same_unit(x: Figure, y: Figure) -> bool:
    return x.unit == y.unit


def _same_figure(x: Figure, y: Figure) -> bool:
    """Two figures that can be the same quantity: units compatible, intervals meet."""
    if x.unit is not None and y.unit is not None and x.unit != y.unit:
        return False
    return agree(x.as_mapping(), y.as_mapping())


def _negated(lower: str) -> bool:
    lower = _NOT_NEGATING.sub(" ", lower)
    if _NEGATING_PHRASE.search(lower):
        return True
    for m in re.finditer(r"[a-z']+", lower):
        w = m.group()
        if w in NEGATIONS or w.endswith("n't"):
            return True
    return False


def _names(raw: list[str]) -> frozenset[str]:
    """Capitalised words (names, places, bodies), folded; acronyms too. The first word
    counts unless it is a function word ("Smith said…", not "The…"): a common noun that
    opens a sentence ("Police") is still found in the other sentence in lower case."""
    out = set()
    for t in raw:
        if not t[0].isupper():
            continue
        w = fold(t)
        if w in STOP_WORDS or w in WEEKDAYS or w in _MONTH_NUMBER or w == "i":
            continue
        out.add(w)
    return frozenset(out)


def _missing_names(a: Analysis, b: Analysis) -> int:
    # a name counts as present when the other side has the word at all ("the Senate",
    # "senate"), so case alone never makes two sentences differ
    return sum(1 for n in a.names if n not in b.token_set)


def _extra_run(tokens: tuple[str, ...], other: frozenset[str]) -> float:
    """The longest run of content words absent from the other sentence (stop words inside
    a run neither break nor lengthen it)."""
    best = current = 0
    for t in tokens:
        if t in other:
            current = 0
        elif t not in STOP_WORDS:
            current += 1
            best = max(best, current)
    return float(best)


def _extra_words(a: Analysis, b: Analysis) -> float:
    """Content words of ``a`` absent from ``b``, leaving out attribution words and numbers
    (those have their own features)."""
    return float(
        sum(
            1
            for w in a.content_set - b.content_set
            if w not in ATTRIBUTION_WORDS and not w[0].isdigit()
        )
    )
