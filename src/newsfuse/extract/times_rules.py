"""Span rules for time expressions: one regex per kind, longest match wins.

Extents follow TimeML (TIMEX3): determiners and modifiers that are part of the
expression are kept ("the past two months", "earlier this year", "late
yesterday"); the preposition before it is not ("since May" -> "May").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsfuse.extract.times_lexicon import (
    AMPM,
    APPROX,
    DAYNUM,
    MONTH,
    NUMBER,
    ORDINAL_Q,
    PART_OF_DAY,
    SEASON,
    TIMEZONE,
    UNIT,
    UNIT_ONE,
    WEEKDAY,
    YEAR,
    compile_pattern,
)

_MOD = (
    r"(?i:early|late|mid|the\s+middle\s+of|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of"
    r"|end|middle|beginning)"
)
_PRE = r"(?i:earlier|later|late|early)"
_DAYWORD = r"(?i:yesterday|today|tomorrow|tonight)"
_HOLIDAY = (
    r"(?:Christmas(?:\s+(?:Eve|Day))?|New\s+Year's(?:\s+(?:Eve|Day))?|Thanksgiving(?:\s+Day)?"
    r"|Easter(?:\s+Sunday)?|Independence\s+Day|Fourth\s+of\s+July|Labor\s+Day|Memorial\s+Day"
    r"|Election\s+Day|Halloween|Valentine's\s+Day|Veterans\s+Day)"
)

# (kind, pattern) in priority order: on equal length the earlier rule wins.
_RULES: tuple[tuple[str, str], ...] = (
    ("iso_date", r"(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?!\d)"),
    (
        "slash_date",
        r"(?P<m>1[0-2]|0?[1-9])/(?P<d>[12]\d|3[01]|0?[1-9])/(?P<y>\d{4}|\d{2})(?![\d/])",
    ),
    (
        "md",
        rf"(?:(?P<rel>(?i:last|next|this))\s+)?(?:(?P<wd>{WEEKDAY}),?\s+)?(?P<mon>{MONTH})\s*,?\s*(?P<d>{DAYNUM})(?![\d,]\d)\b"
        rf"(?:\s*,?\s*(?P<y>{YEAR})\b)?",
    ),
    (
        "dm",
        rf"(?:(?P<wd>{WEEKDAY}),?\s+)?(?:the\s+)?(?P<d>{DAYNUM})\s+(?:of\s+)?(?P<mon>{MONTH})"
        rf"(?:\s*,?\s*(?P<y>{YEAR})\b)?",
    ),
    ("my", rf"(?:(?P<mod>{_MOD})[\s-]+)?(?P<mon>{MONTH})\s*,?\s+(?:of\s+)?(?P<y>{YEAR})\b"),
    ("month_year_rel", rf"(?P<mon>{MONTH})\s+(?P<rel>(?i:this|last|next))\s+year\b"),
    (
        "month_rel",
        rf"(?:(?P<mod>{_MOD})[\s-]+)?(?P<rel>(?i:last|next|this\s+past|this\s+coming|this|coming))"
        rf"\s+(?P<mon>{MONTH})",
    ),
    ("month", rf"(?:(?P<mod>{_MOD})[\s-]+)?(?P<mon>{MONTH})"),
    (
        "weekday",
        rf"(?:(?P<pre>{_PRE})\s+)?(?:(?P<rel>(?i:last|next|this\s+past|this\s+coming|this|coming"
        rf"|past))\s+)?(?P<wd>{WEEKDAY})(?:\s+(?P<pod>{PART_OF_DAY}))?\b",
    ),
    (
        "clock",
        rf"(?P<h>1[0-2]|0?[1-9])(?:[:.](?P<mi>[0-5]\d))?\s*(?P<ap>{AMPM})"
        rf"(?:\s+(?P<tz>{TIMEZONE})\b)?(?:,?\s+(?:(?P<day>{WEEKDAY}|{_DAYWORD})"
        rf"|(?P<mon>{MONTH})\s*(?P<d>{DAYNUM})\b))?",
    ),
    ("clock24", rf"(?P<h>[01]?\d|2[0-3]):(?P<mi>[0-5]\d)\s+(?P<tz>{TIMEZONE})\b"),
    ("noon", rf"(?P<w>(?i:noon|midnight|midday))(?:,?\s+(?P<day>{WEEKDAY}|{_DAYWORD}))?\b"),
    ("dayrel", rf"(?:(?P<pre>{_PRE})\s+)?(?P<w>{_DAYWORD})(?:\s+(?P<pod>{PART_OF_DAY}))?\b"),
    ("pod_rel", rf"(?P<rel>(?i:this|last))\s+(?P<pod>{PART_OF_DAY})\b"),
    (
        "unit_rel",
        rf"(?:(?P<pre>{_PRE})\s+)?(?P<the>(?i:the)\s+)?(?P<rel>(?i:this|last|next|past|previous"
        rf"|coming|current|following|same|latest|prior|preceding))\s+(?P<u>{UNIT_ONE})\b",
    ),
    ("weekend", r"(?P<w>(?i:the\s+weekend))\b"),
    (
        "end_of",
        r"(?i:the\s+(?:end|beginning|start|middle)\s+of\s+(?:the\s+)?(?P<rel>this|last|next|current"
        r"|previous)?\s*(?P<u>year|month|week|quarter|decade))\b",
    ),
    (
        "the_unit",
        r"(?i:the)\s+(?:(?P<full>(?i:full|fiscal|calendar|entire|whole))\s+)?(?P<u>(?i:year|week))"
        r"\b(?![-'])",
    ),
    (
        "season",
        rf"(?:(?P<pre>{_PRE})\s+)?(?:(?P<rel>(?i:this|last|next|past|the))\s+)?(?P<s>{SEASON})"
        rf"(?:\s+(?:of\s+)?(?P<y>{YEAR}))?\b",
    ),
    (
        "ago",
        rf"(?:(?P<approx>{APPROX})\s+)?(?P<n>{NUMBER})[\s-]+(?P<u>{UNIT})\s+"
        r"(?P<dir>(?i:ago|earlier|later|from\s+now|hence))\b",
    ),
    (
        "duration",
        rf"(?:(?P<the>(?i:the))\s+)?(?:(?P<rel>(?i:past|last|next|first|coming|previous|following"
        rf"|final|latest|recent|initial|remaining|full))\s+)?(?:(?P<approx>{APPROX})\s+)?"
        rf"(?P<n>{NUMBER})(?:\s+(?i:more|additional|straight|consecutive|full))?[\s-]+"
        rf"(?P<u>{UNIT})\b(?!-old|\s+old\b|-\w)",
    ),
    (
        "plural_vague",
        r"(?P<rel>(?i:recent|coming|past|next))\s+(?P<u>(?i:years|months|weeks|days|decades))\b",
    ),
    (
        "plural",
        r"(?:(?i:the)\s+)?(?P<u>(?i:days|weeks|months|years|decades))\b(?!\s+old\b|-)",
    ),
    (
        "for_plural",
        r"(?<=\b[Ff]or\s)(?P<u>(?i:years|months|weeks|decades|centuries|hours|days|minutes))\b",
    ),
    (
        "quarter",
        rf"(?P<the>(?i:the)\s+)?(?:(?P<yr>(?i:this|last|next))\s+year's\s+)?(?:(?P<rel>(?i:this"
        rf"|last|next|latest|current|previous|past|year-ago|year-earlier|same|recent"
        rf"|just-ended|comparable))\s+)?(?:(?P<fy>(?i:fiscal|calendar))\s+)?(?:(?P<y1>{YEAR})\s+)?"
        rf"(?:(?P<ord>{ORDINAL_Q})[\s-])?(?P<q>(?i:quarter|period))\b(?:\s+of\s+(?P<y2>{YEAR}))?"
        r"(?!\s+(?:of|point|mile|century|hour)\b|-(?:mile|point|inch))",
    ),
    (
        "half",
        rf"(?:(?i:the)\s+)?(?P<ord>(?i:first|second|last|latter))[\s-]half(?:\s+of\s+(?P<y>{YEAR}))?\b",
    ),
    ("yearago", r"(?:(?i:the)\s+)?(?P<w>(?i:year-ago|year-earlier))(?:\s+(?i:period))?\b"),
    (
        "decade",
        r"(?:(?P<the>(?i:the))\s+)?(?:(?P<mod>(?i:early|mid|late))[\s-]+)?"
        r"(?:(?P<c>1[5-9]|20)(?P<d>\d)0'?s|'(?P<d2>\d)0s)\b",
    ),
    (
        "century",
        r"(?:(?i:the)\s+)?(?P<n>\d{1,2}(?:st|nd|rd|th)|(?i:first|second|third|fourth|fifth|sixth"
        r"|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth"
        r"|seventeenth|eighteenth|nineteenth|twentieth|twenty-first))[\s-]+(?i:century)\b",
    ),
    ("this_century", r"(?P<rel>(?i:this|last|next))\s+(?i:century)\b"),
    (
        "year",
        rf"(?:(?i:the)\s+(?={YEAR}\s+(?i:period)))?(?:(?P<mod>(?i:fiscal|calendar|early|late|mid|the\s+end\s+of|the\s+beginning\s+of"
        r"|the\s+middle\s+of|the\s+start\s+of|end|year-end|the\s+summer\s+of|the\s+spring\s+of"
        rf"|the\s+fall\s+of|the\s+winter\s+of))[\s-]+)?(?P<y>{YEAR})\b(?!\s*(?:%|percent)|[,.:]\d)"
        r"(?P<period>\s+(?i:period|fiscal\s+year))?",
    ),
    (
        "ref",
        r"(?P<w>(?i:right\s+now|now|currently|current|nowadays|presently|at\s+present|recently"
        r"|lately|the\s+(?:near\s+|distant\s+)?future|the\s+past|these\s+days|the\s+present"
        r"|the\s+(?:near|short|long)\s+term))\b",
    ),
    (
        "set",
        rf"(?P<w>(?i:every|each))\s+(?:(?i:other)\s+)?(?P<u>{UNIT_ONE}|{WEEKDAY}|{MONTH}"
        rf"|{PART_OF_DAY})\b",
    ),
    ("set_adv", r"(?P<w>(?i:daily|weekly|monthly|yearly|hourly|nightly))\b"),
    ("holiday", rf"(?P<w>{_HOLIDAY})\b"),
)

RULES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, compile_pattern(pattern)) for kind, pattern in _RULES
)
_PRIORITY = {kind: i for i, (kind, _) in enumerate(_RULES)}


@dataclass(frozen=True, slots=True)
class Candidate:
    """A rule's match: kind, [start, end) in the text, and the regex match for its parts."""

    kind: str
    start: int
    end: int
    match: re.Match[str]


_HYPHEN_ADJ = re.compile(
    r"(?i:the)\s+(?=[\w.]+-(?:\w+-)?(?:quarter|year|month|week|day|hour|minute)\b)"
)


def _trim(m: re.Match[str]) -> tuple[int, int]:
    start, end = m.start(), m.end()
    text = m.string
    while end > start and text[end - 1] in " ,\t\n":
        end -= 1
    # "the 14-day period", "the third-quarter results": the article belongs to the noun
    adj = _HYPHEN_ADJ.match(text, start, end)
    if adj:
        start = adj.end()
    return start, end


def find_candidates(text: str) -> list[Candidate]:
    """Non-overlapping matches of every rule, longest first, then by rule priority."""
    found: list[Candidate] = []
    for kind, pattern in RULES:
        for m in pattern.finditer(text):
            start, end = _trim(m)
            if end > start:
                found.append(Candidate(kind, start, end, m))
    found.sort(key=lambda c: (-(c.end - c.start), _PRIORITY[c.kind], c.start))
    taken: list[tuple[int, int]] = []
    kept: list[Candidate] = []
    for c in found:
        if any(c.start < e and s < c.end for s, e in taken):
            continue
        taken.append((c.start, c.end))
        kept.append(c)
    return sorted(kept, key=lambda c: c.start)
