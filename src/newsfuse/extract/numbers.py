"""Numeric claims: a figure's normalised value and unit, its qualifier, what it counts, and
who gives it.

The spaCy parse alone misses or mangles many figures ("$40bn" is one token, "816 000" two,
"twenty-three" three), so figures are found by a token scan over each sentence
(:func:`_parse_quantity`), then filtered for what is not a claim, and only then read
against the dependency parse for what is counted (``about``) and whose figure it is
(``attributed_to``). Decisions, so that later stages can rely on them:

- **Span** covers the qualifier, the number and its unit ("more than $40 billion"); a
  parenthesised restatement ("(380 miles)") is not in the span but in ``alternatives``.
- **Units**: currencies as ISO codes ("$" → USD, "£" → GBP, "€"/"euros" → EUR), "%" for
  percent, "pp" for percentage points, SI-style symbols for measures ("km", "mi", "t",
  "°C"); a plain count has ``unit=None``. A glued "m" is a million after a currency or
  before a plural noun ("€5m", "5m people") and a metre otherwise ("the 100m").
- **Qualifiers** are normalised to: about (around, roughly, approximately), some,
  estimated (an estimated), more than (over, above, in excess of), at least (or more),
  nearly (almost, close to), up to (as many as, at most), less than (fewer than, under),
  exactly.
- **Kinds**: ``count``, ``money``, ``percent`` (and "pp"), ``ratio``, ``tally``,
  ``duration``, ``age``, ``measure`` (any other unit).
- **Vague quantities** ("hundreds", "dozens", "tens of thousands") are ranges, never a
  point: ``value`` is the lower end and ``high`` the upper, [200, 1000) for "hundreds"
  (the plural of a unit is at least two of it and less than the next word a writer would
  use), [24, 100) for "dozens", [20,000, 100,000) for "tens of thousands"; ``vague=True``.
- **Shares and odds** are percentages: "a third of" → 33.3 %, "half of" → 50 %; odds keep
  their two numbers in ``ratio`` ("one-in-three", "1 in 3" → (1, 3), 33.3 %; "two out of
  three" → (2, 3), 66.7 %), so "one-in-three" is never the number 3.
- **Tallies** ("passed 97-1", "by a vote of 348 to 77", "a 5-4 decision", "a 242-190 seat
  advantage", "the 3-1 win") are ONE figure, both sides in ``sides``, read only where a
  vote or result word says so; a bare "10-15" is a range.
- **Ranges** ("between 10 and 15 people", "10-15", "$5-6 billion", "40 to 60 hours",
  "40- to 60-hour") give two mentions, the lower with qualifier "at least" and the upper
  with "up to", sharing unit, ``about`` and measure; never "from 3.5 million to 2 million".
- **Durations** ("60-day suspension", "three weeks", "15 years in prison") have their time
  unit ("day", "week"…) as ``unit``; a point in time ("two years ago") is not one, and
  "over three days" says when, not how many (no qualifier).
- **Ages** ("Alec Baldwin, 66,", "a 46-year-old father", "Byrd was 92 years old", "who is
  46", "aged 16 and 13 respectively") are figures of kind ``age`` with the person they
  are of as ``subject`` (each age of "respectively" to its name), when the parse says.
- **Hyphenated counts** ("a 225-page report", "a seven-term congressman") count the word
  they are hyphenated to; idioms ("two-way", "one-liners") and sizes ("3,000-strong", kept
  as a count of the force) are not.
- **Not figures**: years ("the 2001 attacks", "since 2010", "the 2010 elections"; "2000
  soldiers" still counts soldiers), dates and days of the month ("Sept. 11"), clock
  times, phone numbers, numbers inside names and titles ("World War One", "Boeing 737",
  "Section 8", "No. 10", "5G"; "116th Congress" is an ordinal), numbers in a quoted
  title, ordinals, and "one"/"zero" not counting a noun ("one of the", "at one point").
- **What is measured**: ``about`` is the phrase; ``noun`` the measure it names,
  normalised so that one measure reads alike across outlets ("42 dead", "57 people were
  killed", "the death toll", "57 fatalities" → "deaths"; "the number of troops" →
  "troops"; a sum with no noun, by its verb: "funneled $10,000" → "funnel"); ``subject``
  the named subject of the clause (whose vote, whose share, whose age); ``place`` and
  ``time`` a place or date entity among the adjuncts of the counted noun or of the
  clause's verb ("killed 42 people in Texas on Monday"), never from a clause of their
  own; ``context`` the lemmas of the clause, for telling apart two measures of one noun
  (a chance "that we win" vs "that we lose"). A bare figure answering the one before it
  ("six arrests on Wednesday, compared to 47 the previous night") takes its noun.
- **attributed_to** is the subject of a reporting verb that governs the figure's clause,
  the object of "according to", or the subject of "put … at"; a pronoun subject is resolved
  to a named source of a reporting verb at most :data:`PRONOUN_LOOKBACK` sentences back;
  failing those, the resolved speaker of a quote (passed in) that holds the figure; else
  None — the field is never a guess.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from newsfuse.extract.doctext import doc_text, entity_of
from newsfuse.extract.numbers_lexicon import (
    AGE_MARKS,
    CHANGE_VERBS,
    CLOCK_WORDS,
    CURRENCY_SYMBOLS,
    DASHES,
    DENOMINATORS,
    DOZEN,
    DURATION_UNITS,
    GENERIC_COUNTED,
    GLUED_MAGNITUDES,
    MAGNITUDES,
    MEASURE_AT_VERBS,
    MEASURE_FAMILIES,
    MEASURE_VERBS,
    MONTHS,
    NAME_LABELS,
    NEGATIVE_WORDS,
    NOT_A_COUNT_BEFORE_ONE,
    NOT_A_SPAN_AFTER,
    OF_NOUNS,
    ONE_IDIOM_NOUNS,
    PERSON_PRONOUNS,
    PHONE_VERBS,
    PLURAL_PRONOUNS,
    PREPOSITION_VERBS,
    QUALIFIERS,
    RANGE_WORDS,
    REPORTING_VERBS,
    SCORE_NOUNS,
    SCORE_VERBS,
    SIZE_WORDS,
    SMALL_NUMBERS,
    TALLY_NOUNS,
    TALLY_VERBS,
    TENS,
    THING_PRONOUNS,
    TIME_UNITS,
    TITLE_SMALL_WORDS,
    TRAILING_QUALIFIERS,
    UNITS,
    VAGUE,
    VAGUE_NEEDS_OF,
    VAGUE_UNIT,
    YEAR_BEFORE,
    YEAR_NOUNS,
)
from newsfuse.model import NumberMention, QuoteMention, Span

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

# What separates paragraphs in the parsed text.
PARAGRAPH_BREAK = "\n\n"
# Dependents that make a participle a clause of its own ("turkeys named Mac and Cheese").
ACL_COMPLEMENTS = frozenset({"oprd", "attr", "dobj", "xcomp", "ccomp", "prep", "agent"})
# Largest base read as a ratio ("1 in 5", "9 out of 10"); larger reads are not ratios.
MAX_RATIO_BASE = 1000
# A digit figure: "99230", "99,230", "1.5".
DIGITS_RE = re.compile(r"^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
# A digit figure with a suspended hyphen, one token: "40-" of "40- to 60-hour".
SUSPENDED_RE = re.compile(r"^\d{1,3}(?:,\d{3})*[-–]$")
# A digit figure with a glued magnitude: "40bn", "5m", "3.5k".
GLUED_RE = re.compile(r"^((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)([a-z]+)$", re.IGNORECASE)
# A group of three digits that continues a space-separated figure ("816 000").
THOUSANDS_GROUP_RE = re.compile(r"^\d{3}$")
# Phone numbers: international prefix, or the North-American 3-3-4 shape.
PHONE_RE = re.compile(
    r"\+\d{1,3}[\s.-]?(?:\(?\d{1,4}\)?[\s.-]?){2,5}\d{2,4}"
    r"|\(?\b\d{3}\)?[\s.-]\d{3}[.-]\d{4}\b"
)
# A quoted stretch short enough to be a title ("“12 Angry Men”", "‘World War 3’").
QUOTED_RE = re.compile(
    r"“([^”\n]{1,80})”|\"([^\"\n]{1,80})\"|(?:(?<=^)|(?<=[\s(]))‘([^’\n]{1,80})’(?![A-Za-z])"
)
# A quoted stretch of at most this many words, nearly all capitalised, is read as a title.
TITLE_MAX_WORDS = 8
# Share of capitalised words that makes a short quote a title (0.8: "Ocean's 11" passes,
# a quoted remark such as "up to 5 a day" does not).
TITLE_CAPS_SHARE = 0.8
# The figure of a year: integers in this range written without a comma and without unit
# are years unless they directly count a plural noun ("2000 soldiers").
YEAR_RANGE = (1000, 2100)
# Largest value read as a day of the month when next to a month name.
MAX_DAY = 31
# Largest value read as an age in "Name, 66,".
MAX_AGE = 120
# How many sentences back a pronoun source ("it said") may find its named antecedent;
# two covers "X tweeted … It didn't say … it said" in the seed without reaching far.
PRONOUN_LOOKBACK = 2
# Longest qualifier / unit phrase in tokens.
MAX_PHRASE = 3
# Dependency labels by which a number or its unit modifies the noun it counts.
COUNT_DEPS = frozenset({"nummod", "quantmod", "compound", "amod", "nmod", "appos"})
# Left dependents of a counted noun that belong to its description.
NP_LEFT_DEPS = frozenset({"amod", "compound", "nmod", "poss", "advmod", "npadvmod", "case"})
# Edges by which a clause hangs under the verb that reports it.
REPORTED_DEPS = frozenset({"ccomp", "parataxis", "xcomp", "advcl", "dep"})
# Edges by which a parenthetical reporting verb ("…, the ministry tweeted, …") hangs off
# the clause it reports.
PARENTHETICAL_DEPS = frozenset({"parataxis", "advcl"})
# Dependents of a source's head that are not part of its name.
NOT_IN_SOURCE = frozenset({"relcl", "appos", "acl", "punct", "cc", "conj", "prep"})
# Prepositions through which a verb takes a figure ("rose to 50", "fell from 3.5 million").
MEASURE_PREPS = frozenset({"to", "at", "by", "from"})
# How many verbs up from "at"/"to" the verb that takes the figure may be found.
MAX_VERB_CLIMB = 3
# Punctuation kept inside a described noun phrase ("ex-Soviet", "Kyiv’s").
PHRASE_PUNCT = frozenset({"-", "–", "/", "’s", "'s", "&"})
# Entity labels that make a subject a person (for "he"/"she").
PERSON_LABEL = "PERSON"
# Entity labels of a proper noun that may still be a person's name (the small model calls
# some surnames places or bodies: "Labrador, who is 46", "Cowan, 43,").
NAME_LIKE = frozenset({"", "PERSON", "GPE", "NORP", "ORG"})
# Tokens before a number that make it a label ("No. 10", "#5"); "No" "." may be split.
LABEL_MARKS = frozenset({"no.", "#", "nos.", "number"})
# Smallest count read from "N-noun" ("a two-term congressman"): "one-" forms are idioms
# ("one-liners", "one-on-one", "one-sided") far more often than counts.
MIN_HYPHEN_COUNT = 2
# Words hyphenated to a number that make an idiom, not a count ("two-way", "two-party").
HYPHEN_IDIOMS = frozenset(
    "way party state star point time sided fold liner hander seater wheel wheeler door "
    "piece stroke shot run game match set round goal hitter step".split()
)
# Words between two figures that make the second answer the first ("compared to 47").
ELISION_CUES = frozenset({"compared", "versus", "vs", "vs.", "from", "than", "against"})
# Most words between the two: BASIL dev's "six arrests Wednesday, compared to 47" has
# three; the longer the gap, the likelier the second figure belongs to another clause.
MAX_ELIDED_GAP = 8
# Qualifier words that are a preposition before a duration ("over three days").
SPAN_PREPOSITIONS = frozenset({"over", "under", "above", "below"})
# Single words that start a qualifier phrase ("Some 100,000" must not read as a label).
QUALIFIER_WORDS = frozenset(k[0] for k in QUALIFIERS)


@dataclass(frozen=True, slots=True)
class _Quantity:
    """A figure found by the token scan: tokens [start, end), value, unit."""

    start: int
    end: int
    value: float
    unit: str | None
    vague: bool
    core: tuple[int, ...]  # indices of the number words themselves
    scale: float = 1.0  # a magnitude word after the number ("5 to 6 million" shares it)
    high: float | None = None  # a vague quantity's upper end ("hundreds": 1,000)
    sides: tuple[float, float] | None = None  # a tally ("97-1")
    ratio: tuple[float, float] | None = None  # odds ("one-in-three")
    age_of: Span | None = None  # whose age a figure is ("Alec Baldwin, 66")
    is_age: bool = False
    counted_at: int | None = None  # the word a count is hyphenated to ("a 225-page report")


def extract_numbers(doc: Doc, *, quotes: Sequence[QuoteMention] = ()) -> list[NumberMention]:
    """Numeric claims in ``doc``: value, unit, qualifier, what is measured, who said it.

    Figures that are not claims (years, dates, clock times, phone numbers, numbers in names
    and titles) are left out; see the module docstring for each choice. Mentions come
    in text order with character offsets into ``doc.text``. ``quotes`` are the quotes
    already found in the same doc: a figure inside one, with no source of its own in the
    parse, is attributed to the quote's resolved speaker (a multi-paragraph quote often
    names its speaker paragraphs away).
    """
    text = doc_text(doc)
    phones = [m.span() for m in PHONE_RE.finditer(text)]
    titles = _title_spans(text)
    sources = _reporting_subjects(doc)
    out: list[NumberMention] = []
    for sent_index, sent in enumerate(doc.sents):
        i = sent.start
        while i < sent.end:
            q = _parse_quantity(doc, i, sent.end)
            if q is None:
                i += 1
                continue
            ctx = _Context(doc, text, sent, sent_index, sources, tuple(quotes))
            tally = _parse_tally(doc, q, sent.start, sent.end)
            if tally is not None:  # "passed 97-1", "by a vote of 348 to 77": one figure
                i = tally.end
                if not _not_a_claim(doc, tally, phones, titles):
                    out.append(_mention(ctx, tally, tally.start, tally.end, None, None))
                continue
            alternatives, after = _alternatives(doc, q, sent.end)
            trail_end, trail_qual = _trailing_qualifier(doc, q.end, sent.end)
            if trail_qual is None and q.end < sent.end and doc[q.end].pos_ == "NOUN":
                # "100 people or more": the qualifier follows the counted noun.
                trail_qual = _trailing_qualifier(doc, q.end + 1, sent.end)[1]
            i = max(after, trail_end)
            upper = _range_upper(doc, q, sent.start, sent.end)
            if upper is not None:  # the lower bound vouches for the upper one
                # "between 10 and 15 people", "10-15 homes", "$5-6 billion", "40 to 60
                # hours", "40- to 60-hour": two bounds.
                lower = replace(
                    q,
                    unit=q.unit or upper.unit,
                    value=q.value * (upper.scale if q.scale == 1.0 else 1.0),
                )
                upper = replace(upper, unit=upper.unit or q.unit)
                i = upper.end
                clock = upper.end < sent.end and doc[upper.end].lower_ in CLOCK_WORDS
                if clock or _not_a_claim(doc, lower, phones, titles):
                    continue  # "1 to 2 p.m."
                both = range(q.start, upper.end)
                about = _about(doc, upper, also=both) or _about(doc, lower, also=both)
                start = q.start - 1 if doc[q.start - 1].lower_ == "between" else q.start
                shared = _measure(doc, upper, about)  # both bounds measure one thing
                out.append(_mention(ctx, lower, start, lower.end, "at least", about, shared))
                out.append(_mention(ctx, upper, upper.start, upper.end, "up to", about, shared))
                continue
            age = _parse_age(doc, q, sent.start, sent.end)
            if age is not None:  # "Alec Baldwin, 66", "a 46-year-old father", "aged 16"
                i = max(i, age.end)
                out.append(_mention(ctx, age, q.start, age.end, None, None))
                continue
            counted = _hyphen_count(doc, q)
            if counted is not None:  # "a 225-page report", "a seven-term congressman"
                i = max(i, counted.end)
                if not _not_a_claim(doc, counted, phones, titles):
                    out.append(_mention(ctx, counted, q.start, counted.end, None, None))
                continue
            if _not_a_claim(doc, q, phones, titles):
                continue
            q_start, qualifier = _qualifier(doc, q.start, sent.start)
            if q.unit in DURATION_UNITS.values() and doc[q_start].lower_ in SPAN_PREPOSITIONS:
                q_start, qualifier = q.start, None  # "over three days": when, not how many
            out.append(
                _mention(
                    ctx,
                    q,
                    q_start,
                    trail_end,
                    qualifier or trail_qual,
                    _about(doc, q),
                    alternatives=alternatives,
                )
            )
    return _elided(out, text)


def _elided(mentions: list[NumberMention], text: str) -> list[NumberMention]:
    """A bare figure that answers the one before it in its sentence measures the same
    thing: "six arrests on Wednesday, compared to 47 the previous night", "up from 40"."""
    out: list[NumberMention] = []
    for m in mentions:
        prev = out[-1] if out else None
        if (
            prev is not None
            and m.noun is None
            and m.kind == prev.kind
            and m.unit == prev.unit
            and prev.noun is not None
            and m.kind in {"count", "money", "percent"}
        ):
            between = text[prev.span.end : m.span.start]
            words = between.lower().split()
            if "\n" not in between and len(words) <= MAX_ELIDED_GAP and ELISION_CUES & set(words):
                m = replace(m, noun=prev.noun, about=m.about or prev.about)
        out.append(m)
    return out


@dataclass(frozen=True, slots=True)
class _Context:
    """What every mention of one sentence is built from."""

    doc: Doc
    text: str
    sent: SpacySpan
    sent_index: int
    sources: list[_Source]
    quotes: tuple[QuoteMention, ...]


def _mention(
    ctx: _Context,
    q: _Quantity,
    start: int,
    end: int,
    qualifier: str | None,
    about: _About | None,
    measure: _Measure | None = None,
    alternatives: tuple[tuple[float, str], ...] = (),
) -> NumberMention:
    """The record for figure ``q`` whose mention covers tokens [start, end)."""
    start_char = ctx.doc[start].idx
    last = ctx.doc[end - 1]
    end_char = last.idx + len(last.text)
    if measure is None:
        measure = _measure(ctx.doc, q, about)
    return NumberMention(
        span=Span(start_char, end_char, ctx.text[start_char:end_char]),
        value=q.value,
        unit=q.unit,
        qualifier=qualifier,
        about=about.text if about is not None else measure.about,
        attributed_to=_attribution(ctx.doc, q, ctx.sent, ctx.sent_index, ctx.sources)
        or _quote_speaker(ctx.quotes, start_char, end_char),
        alternatives=alternatives,
        vague=q.vague,
        kind=_kind(q),
        high=q.high,
        sides=q.sides,
        ratio=q.ratio,
        noun=measure.noun,
        subject=measure.subject,
        place=measure.place,
        time=measure.time,
        context=measure.context,
        anchor=measure.anchor,
    )


def _kind(q: _Quantity) -> str:
    """count | money | percent | ratio | tally | duration | age | measure."""
    if q.is_age:
        return "age"
    if q.sides is not None:
        return "tally"
    if q.ratio is not None:
        return "ratio"
    if q.unit is None:
        return "count"
    if q.unit in {"%", "pp"}:
        return "percent"
    if q.unit in DURATION_UNITS.values():
        return "duration"
    if q.unit in CURRENCY_SYMBOLS.values() or q.unit in {"CAD", "AUD"}:
        return "money"
    return "measure"


def _parse_tally(doc: Doc, q: _Quantity, sent_start: int, limit: int) -> _Quantity | None:
    """A vote tally or a score as ONE figure: "97-1", "348 to 77", read only where a vote
    or a result says so ("passed 97-1", "by a vote of 348 to 77", "a 242-190 seat
    advantage", "the 3-1 win"); a bare "10-15" stays a range."""
    if q.unit is not None or q.vague or len(q.core) != 1 or not q.value.is_integer():
        return None
    k = q.end
    if k + 1 >= limit:
        return None
    sep = doc[k]
    dash = sep.text in DASHES and not doc[k - 1].whitespace_ and not sep.whitespace_
    if not (dash or sep.lower_ == "to"):
        return None
    other = _parse_core(doc, k + 1, limit)
    if other is None or other[2] is not None or not other[1].is_integer():
        return None
    end, second, _ = other
    if end < limit and (doc[end].lower_ in MAGNITUDES or _match_phrase(doc, end, limit, UNITS)):
        return None  # "5-6 billion", "10 to 15 percent": a range
    if not _tally_context(doc, q.start, end, sent_start, limit):
        return None
    return _Quantity(q.start, end, q.value, None, False, (*q.core, k + 1), sides=(q.value, second))


def _tally_context(doc: Doc, start: int, end: int, sent_start: int, limit: int) -> bool:
    """A vote or a result around tokens [start, end): a result noun just after ("a 5-4
    decision", "a 242-190 seat advantage"), a vote verb or noun just before ("passed 97-1",
    "voted 68 to 31", "by a vote of 348 to 77"), or one object before ("passed the bill
    97-1"); never after "from" ("from 2003 to 2009")."""
    for k in range(end, min(end + 2, limit)):
        if doc[k].lemma_.lower() in TALLY_NOUNS or doc[k].lower_ in TALLY_NOUNS:
            return True
        if doc[k].pos_ not in {"NOUN", "ADJ", "PROPN"}:
            break
    k = start - 1
    while k >= sent_start and doc[k].pos_ in {"DET", "ADP", "PRON"}:
        if doc[k].lower_ == "from":
            return False
        k -= 1
    if k < sent_start:
        return False
    before = [doc[j] for j in range(max(k - 2, sent_start), k + 1)]
    if before[-1].lemma_.lower() in TALLY_VERBS or before[-1].lower_ in TALLY_NOUNS:
        return True
    return before[-1].pos_ in {"NOUN", "PROPN"} and any(
        t.lemma_.lower() in TALLY_VERBS and t.pos_ in {"VERB", "AUX"} for t in before[:-1]
    )


def _range_upper(doc: Doc, q: _Quantity, sent_start: int, limit: int) -> _Quantity | None:
    """The upper bound of a range starting with ``q``: "between 10 and 15", "10-15", "40
    to 60 hours", "40- to 60-hour" (never "from 3.5 million to 2 million", a change)."""
    k = q.end
    if k + 1 >= limit or q.vague:
        return None
    tok = doc[k]
    before = doc[q.start - 1].lower_ if q.start > sent_start else ""
    between = before == "between"
    glued = tok.text in DASHES and not doc[k - 1].whitespace_
    dash = glued and not tok.whitespace_
    if glued and tok.whitespace_ and k + 2 < limit and doc[k + 1].lower_ in {"to", "and"}:
        k += 1  # "40- to 60-hour": a suspended hyphen
        dash = True
    elif tok.lower_ == "to" and before not in {"from", "by"}:
        dash = True  # "40 to 60 hours", "$800 to $1,000"
    if not (dash or (between and tok.lower_ == "and")):
        return None
    upper = _parse_quantity(doc, k + 1, limit)
    if upper is None or upper.vague:
        return None
    if q.unit is not None and upper.unit is not None and q.unit != upper.unit:
        return None
    lower_value = q.value * (upper.scale if q.scale == 1.0 else 1.0)
    return upper if lower_value < upper.value else None


def _parse_age(doc: Doc, q: _Quantity, sent_start: int, limit: int) -> _Quantity | None:
    """An age, with the person it is of where the parse says: "Alec Baldwin, 66,", "a
    46-year-old father", "Byrd was 92 years old", "who is 46", "aged 16 and 13
    respectively" (each to its name, in order)."""
    if q.unit is not None or q.vague or len(q.core) != 1 or not 0 < q.value <= MAX_AGE:
        return None
    first = doc[q.core[0]]
    k = q.end
    if k < limit and doc[k].text == "-":
        k += 1
    if k < limit and doc[k].lower_ in {"year", "years"}:
        k += 1
        if k < limit and doc[k].text == "-":
            k += 1
        if k < limit and doc[k].lower_ in {"old", "-old"}:
            return replace(q, end=k + 1, unit="year", is_age=True, age_of=_aged(doc[k]))
        return None
    if _after_age_mark(doc, q.start):
        return replace(q, unit="year", is_age=True, age_of=_aged_list(doc, q, sent_start))
    if first.dep_ == "appos" and first.text.isdigit() and _is_name(first.head):
        return replace(q, unit="year", is_age=True, age_of=_person_span(first.head))
    prev = doc[q.start - 1] if q.start > sent_start else None
    if (
        prev is not None
        and prev.lemma_ == "be"
        and q.start - 2 >= sent_start
        and doc[q.start - 2].lower_ == "who"
        and prev.dep_ == "relcl"
        and _is_name(prev.head)
        and (q.end >= limit or doc[q.end].is_punct)
    ):
        return replace(q, unit="year", is_age=True, age_of=_person_span(prev.head))
    return None


def _aged(old: Token) -> Span | None:
    """Whose age "N-year-old" / "N years old" gives: the noun it describes, the person
    that noun names or stands beside ("son, James Mattioli"; "Labrador, a 46-year-old
    father"), or the subject of "was … old"."""
    noun = old.head
    if old.dep_ == "acomp":
        noun = next((c for c in noun.children if c.dep_ == "nsubj"), noun)
    if noun.pos_ not in {"NOUN", "PROPN"}:
        return None
    if _is_name(noun):
        return _person_span(noun)
    for child in noun.children:
        if child.dep_ == "appos" and _is_name(child):
            return _person_span(child)
    if noun.dep_ == "appos" and _is_name(noun.head):
        return _person_span(noun.head)
    return None


def _is_name(tok: Token) -> bool:
    """A person's name, or a proper noun the model failed to call one ("Labrador" as a
    place): what an age can be of."""
    return tok.ent_type_ == PERSON_LABEL or (tok.pos_ == "PROPN" and tok.ent_type_ in NAME_LIKE)


def _aged_list(doc: Doc, q: _Quantity, sent_start: int) -> Span | None:
    """ "Malia and Sasha Obama, aged 16 and 13 respectively": the name in the same place
    among the names before "aged" as the age among the ages (None when they differ in
    number)."""
    k = q.start - 1
    ages: list[int] = [q.core[0]]
    while k >= sent_start and doc[k].lower_ not in AGE_MARKS:
        if doc[k].like_num:
            ages.insert(0, k)
        k -= 1
    after = q.end
    while after < len(doc) and (doc[after].like_num or doc[after].lower_ in {"and", ","}):
        if doc[after].like_num:
            ages.append(after)
        after += 1
    k -= 1
    while k >= sent_start and doc[k].is_punct:
        k -= 1
    names: list[list[int]] = [[]]
    while k >= sent_start and (doc[k].pos_ == "PROPN" or doc[k].lower_ in {"and", ","}):
        if doc[k].pos_ == "PROPN":
            names[0].insert(0, k)
        elif names[0]:
            names.insert(0, [])
        k -= 1
    names = [n for n in names if n]
    position = ages.index(q.core[0]) if q.core[0] in ages else -1
    if not names or len(names) != len(ages) or position < 0:
        return None
    chosen = names[position]
    lo, hi = doc[chosen[0]], doc[chosen[-1]]
    return Span(lo.idx, hi.idx + len(hi.text), str(doc[lo.i : hi.i + 1].text))


def _person_span(tok: Token) -> Span:
    """The whole name a token belongs to."""
    ent = entity_of(tok)
    if ent is not None:
        return Span(ent.start_char, ent.end_char, str(ent.text))
    return _source_span(tok)


def _hyphen_count(doc: Doc, q: _Quantity) -> _Quantity | None:
    """A count hyphenated to the noun it counts: "a 225-page report" (225 pages), "a
    seven-term congressman", "a 12-person task force"; not idioms ("two-way", "one-liners")
    nor sizes ("3,000-strong", kept as they are)."""
    if q.unit is not None or q.vague or q.value < MIN_HYPHEN_COUNT or q.end + 1 >= len(doc):
        return None
    dash, nxt = doc[q.end], doc[q.end + 1]
    if not (dash.text == "-" and not doc[q.end - 1].whitespace_ and not dash.whitespace_):
        return None
    if not nxt.is_alpha or nxt.tag_ != "NN" or nxt.lower_ in HYPHEN_IDIOMS:
        return None
    if q.end + 2 < len(doc) and doc[q.end + 2].text == "-":
        return None  # "a two-year-old", "a 10-point-plan"
    return replace(q, end=q.end + 2, counted_at=nxt.i)


# --------------------------------------------------------------------------- the scan


def _parse_quantity(doc: Doc, i: int, limit: int) -> _Quantity | None:
    """A figure starting at token ``i``: sign, currency, number, magnitude, unit; else None."""
    if doc[i].lower_ in NEGATIVE_WORDS and i + 1 < limit:
        inner = _parse_quantity(doc, i + 1, limit)
        if inner is None or inner.vague:
            return None
        return _Quantity(i, inner.end, -inner.value, inner.unit, False, inner.core)
    fraction = _parse_fraction(doc, i, limit)
    if fraction is not None:
        return fraction
    unit: str | None = None
    start = i
    if doc[i].lower_ in CURRENCY_SYMBOLS and i + 1 < limit:
        unit = CURRENCY_SYMBOLS[doc[i].lower_]
        i += 1
    glued_unit = _glued_unit(doc, i, limit, currency=unit is not None)
    if glued_unit is not None:
        value, glued = glued_unit
        return _Quantity(start, i + 1, value, glued, False, (i,))
    core = _parse_core(doc, i, limit)
    if core is None:
        return None
    end, value, high = core
    vague = high is not None
    ratio = _parse_ratio(doc, end, limit, value)
    if ratio is not None and unit is None and not vague:
        r_end, share, base = ratio
        return _Quantity(
            start, r_end, share, "%", False, tuple(range(i, r_end)), ratio=(value, base)
        )
    if unit is not None and vague:
        return None
    unscaled = value
    end, value = _magnitudes(doc, end, limit, value, currency=unit is not None)
    scale = value / unscaled if unscaled else 1.0
    suffix = _match_phrase(doc, end, limit, UNITS)
    if suffix is None and vague and end + 1 < limit and doc[end].lower_ == "of":
        of_unit = _match_phrase(doc, end + 1, limit, UNITS)
        if of_unit is not None and of_unit[1] in CURRENCY_SYMBOLS.values():
            unit = of_unit[1]
    if suffix is not None and not (unit is not None and suffix[1] == unit):
        if unit is None or suffix[1] in {"%", "pp"}:
            unit = suffix[1]
            end = suffix[0]
    elif suffix is not None:
        end = suffix[0]
    elif unit is None and not vague:
        span = _duration_unit(doc, end, limit)
        if span is not None:  # "60-day", "three weeks", "15 years"
            end, unit = span
    core_tokens = tuple(range(i, core[0]))
    return _Quantity(start, end, value, unit, vague, core_tokens, scale, high=high)


def _duration_unit(doc: Doc, end: int, limit: int) -> tuple[int, str] | None:
    """The time unit of a duration after a number: (end, unit) for "60-day", "three weeks";
    None for an age ("24-year-old", "66 years old") or a point in time ("two years ago")."""
    k = end
    if k < limit and doc[k].text in {"-", "–"} and not doc[k - 1].whitespace_:
        k += 1
    if k >= limit or doc[k].lower_ not in DURATION_UNITS:
        return None
    after = doc[k + 1 : min(k + 3, len(doc))]
    if any(t.lower_ in {"old", "-old"} for t in after):
        return None  # an age
    if len(after) and after[0].lower_ in NOT_A_SPAN_AFTER:
        return None
    return k + 1, DURATION_UNITS[doc[k].lower_]


def _glued_unit(doc: Doc, i: int, limit: int, *, currency: bool) -> tuple[float, str] | None:
    """A unit glued to digits: "600km", "40kg", and "100m" read as metres unless it is money
    or counts something ("€5m", "5m people" are millions)."""
    glued = GLUED_RE.match(doc[i].text)
    if glued is None:
        return None
    suffix = glued.group(2).lower()
    value = float(glued.group(1).replace(",", ""))
    if suffix == "m":
        if currency or _counts_next(doc, i, limit):
            return None
        return value, "m"
    unit = UNITS.get((suffix,))
    if unit is None or suffix in GLUED_MAGNITUDES or currency:
        return None
    return value, unit


def _parse_fraction(doc: Doc, i: int, limit: int) -> _Quantity | None:
    """Shares in words, as a percentage: "a third of", "three-fifths of", "half the"."""
    low = doc[i].lower_
    if low == "half":
        nxt = doc[i + 1].lower_ if i + 1 < limit else ""
        if nxt in {"of", "the"}:
            return _Quantity(i, i + 1, 50.0, "%", False, (i,))
        return None
    numerator = 1 if low in {"a", "one"} else SMALL_NUMBERS.get(low)
    if numerator is None:
        return None
    k = i + 1
    if k < limit and doc[k].text == "-" and not doc[i].whitespace_:
        k += 1
    if k + 1 >= limit or doc[k].lower_ not in DENOMINATORS or doc[k + 1].lower_ != "of":
        return None
    share = 100 * numerator / DENOMINATORS[doc[k].lower_]
    return _Quantity(i, k + 1, share, "%", False, tuple(range(i, k + 1)))


def _parse_ratio(doc: Doc, end: int, limit: int, value: float) -> tuple[int, float, float] | None:
    """Odds and ratios: "1 in 5", "one-in-three", "nine out of 10" as (end, percentage,
    base) when the first is the smaller."""
    if end + 1 >= limit:
        return None
    k = end
    hyphen = doc[k].text == "-" and not doc[k - 1].whitespace_
    if hyphen:
        k += 1  # "one-in-three": the hyphens are tokens of their own
    if doc[k].lower_ == "in":
        k += 1
    elif doc[k].lower_ == "out" and k + 2 < limit and doc[k + 1].lower_ == "of":
        k += 2
    else:
        return None
    if hyphen:
        if k >= limit or doc[k].text != "-":
            return None
        k += 1
    if k >= limit:
        return None
    core = _parse_core(doc, k, limit)
    if core is None or core[2] is not None or not 0 < value < core[1] <= MAX_RATIO_BASE:
        return None
    return core[0], 100 * value / core[1], core[1]


def _parse_core(doc: Doc, i: int, limit: int) -> tuple[int, float, float | None] | None:
    """The number words at ``i``: (end, value, the upper end of a vague quantity), or None
    when there are none."""
    tok = doc[i]
    low = tok.lower_
    if SUSPENDED_RE.match(tok.text) and i + 1 < limit and doc[i + 1].lower_ in {"to", "and"}:
        return i + 1, float(tok.text[:-1].replace(",", "")), None  # "40- to 60-hour"
    if DIGITS_RE.match(tok.text):
        value = float(tok.text.replace(",", ""))
        end = i + 1
        # "816 000": a space-separated thousands group continues the figure.
        while (
            end < limit
            and THOUSANDS_GROUP_RE.match(doc[end].text)
            and doc[end - 1].whitespace_ == " "
            and "," not in doc[end - 1].text
            and "." not in doc[end - 1].text
            and len(doc[end - 1].text) <= 3
        ):
            value = value * 1000 + float(doc[end].text)
            end += 1
        return end, value, None
    glued = GLUED_RE.match(tok.text)
    if glued and glued.group(2).lower() in GLUED_MAGNITUDES:
        value = float(glued.group(1).replace(",", "")) * GLUED_MAGNITUDES[glued.group(2).lower()]
        return i + 1, value, None
    if low in VAGUE:
        return _parse_vague(doc, i, limit)
    if low in {"a", "an"} and i + 1 < limit:
        nxt = doc[i + 1].lower_
        if nxt == "dozen":
            return i + 2, float(DOZEN), None
        if nxt in MAGNITUDES and nxt not in {"bn", "mn", "tn", "mln", "bln", "trn"}:
            return _parse_spelled(doc, i + 1, limit, leading=1)
        return None
    if low == "half" and i + 2 < limit and doc[i + 1].lower_ in {"a", "an"}:
        mag = doc[i + 2].lower_
        if mag in {"million", "billion", "trillion", "thousand", "dozen"}:
            scale = DOZEN if mag == "dozen" else MAGNITUDES[mag]
            return i + 3, 0.5 * scale, None
        if _match_phrase(doc, i + 2, limit, UNITS) is not None:
            return i + 2, 0.5, None  # "half a percentage point", "half a mile"
        return None
    if low in SMALL_NUMBERS or low in TENS:
        return _parse_spelled(doc, i, limit)
    return None


def _parse_vague(doc: Doc, i: int, limit: int) -> tuple[int, float, float | None] | None:
    """ "hundreds", "dozens", "tens of thousands", "hundreds of thousands": (end, low, high)."""
    low = doc[i].lower_
    lo, hi = VAGUE[low]
    has_of = i + 1 < limit and doc[i + 1].lower_ == "of"
    if has_of and i + 2 < limit and doc[i + 2].lower_ in VAGUE:
        unit = VAGUE_UNIT[doc[i + 2].lower_]
        return i + 3, lo * unit, hi * unit
    if low in VAGUE_NEEDS_OF and not has_of:
        return None
    if low in VAGUE_NEEDS_OF and has_of and i + 2 < limit and doc[i + 2].pos_ not in {"NOUN"}:
        return None
    return i + 1, lo, hi


def _parse_spelled(
    doc: Doc, i: int, limit: int, *, leading: int = 0
) -> tuple[int, float, float | None] | None:
    """Spelled-out numbers: "five", "twenty-three", "three million", "a hundred and ten"."""
    total = 0.0
    current = float(leading)
    last: str | None = "unit" if leading else None
    j = i
    while j < limit:
        low = doc[j].lower_
        if low in SMALL_NUMBERS and last in {None, "hundred", "scale", "tens"}:
            if last == "tens" and SMALL_NUMBERS[low] >= 10:
                break
            current += SMALL_NUMBERS[low]
            last = "unit"
        elif low in TENS and last in {None, "hundred", "scale"}:
            current += TENS[low]
            last = "tens"
        elif low == "hundred" and last in {"unit", "tens"} and current < 100:
            current = max(current, 1) * 100
            last = "hundred"
        elif low == "dozen" and last == "unit":
            current *= DOZEN
            last = "scale"
        elif low in {"thousand", "million", "billion", "trillion"} and last in {
            "unit",
            "tens",
            "hundred",
        }:
            total += max(current, 1) * MAGNITUDES[low]
            current = 0
            last = "scale"
        elif (
            low == "-"
            and last == "tens"
            and not doc[j - 1].whitespace_
            and not doc[j].whitespace_
            and j + 1 < limit
            and doc[j + 1].lower_ in SMALL_NUMBERS
        ) or (
            low == "and"
            and last in {"hundred", "scale"}
            and j + 1 < limit
            and (doc[j + 1].lower_ in SMALL_NUMBERS or doc[j + 1].lower_ in TENS)
        ):
            j += 1
            continue
        else:
            break
        j += 1
    if j == i or last is None:
        return None
    return j, total + current, None


def _magnitudes(
    doc: Doc, end: int, limit: int, value: float, *, currency: bool
) -> tuple[int, float]:
    """Apply "million", "bn", "k" (and "m" after a currency) that follow a number."""
    while end < limit:
        low = doc[end].lower_
        glued = not doc[end - 1].whitespace_
        if low in MAGNITUDES and low != "hundred":
            value *= MAGNITUDES[low]
        elif low in {"m", "m.", "k"} and (currency or (glued and _counts_next(doc, end, limit))):
            value *= GLUED_MAGNITUDES[low.rstrip(".")]
        else:
            break
        end += 1
    return end, value


def _counts_next(doc: Doc, k: int, limit: int) -> bool:
    """The token after ``k`` is a plural noun or "of": "5m people", "3k of them"."""
    nxt = doc[k + 1] if k + 1 < limit else None
    return nxt is not None and (nxt.tag_ in {"NNS", "NNPS"} or nxt.lower_ == "of")


def _match_phrase(
    doc: Doc, i: int, limit: int, table: dict[tuple[str, ...], str]
) -> tuple[int, str] | None:
    """Longest phrase of ``table`` starting at token ``i``: (end, value)."""
    for n in range(MAX_PHRASE, 0, -1):
        if i + n > limit:
            continue
        key = tuple(doc[k].lower_ for k in range(i, i + n))
        if key in table:
            return i + n, table[key]
    return None


def _qualifier(doc: Doc, start: int, sent_start: int) -> tuple[int, str | None]:
    """A qualifier ending just before token ``start``: (new start, normalised), or none."""
    for n in range(MAX_PHRASE, 0, -1):
        if start - n < sent_start:
            continue
        key = tuple(doc[k].lower_ for k in range(start - n, start))
        if key in QUALIFIERS:
            before = doc[start - n - 1] if start - n > sent_start else None
            if n == 1 and before is not None and before.lemma_.lower() in PREPOSITION_VERBS:
                continue  # "presided over two briefings": a preposition, not "more than"
            return start - n, QUALIFIERS[key]
    return start, None


def _trailing_qualifier(doc: Doc, end: int, limit: int) -> tuple[int, str | None]:
    """ "100 or more", "50 or so", "100-plus": (new end, normalised), or none."""
    match = _match_phrase(doc, end, limit, TRAILING_QUALIFIERS)
    if match is None:
        return end, None
    new_end, qualifier = match
    # "plus" and "+" qualify only when glued ("100-plus", "100+"); spaced "plus" is "and".
    if doc[end].text in {"-", "+", "plus"} and doc[end - 1].whitespace_:
        return end, None
    if doc[end].text == "plus":
        return end, None
    return new_end, qualifier


def _alternatives(doc: Doc, q: _Quantity, limit: int) -> tuple[tuple[tuple[float, str], ...], int]:
    """A parenthesised restatement after the figure: "600 kilometers (380 miles)"."""
    j = q.end
    if q.unit is None or j + 2 >= limit or doc[j].text != "(":
        return (), q.end
    alt = _parse_quantity(doc, j + 1, limit)
    if alt is None or alt.unit is None or alt.end >= limit or doc[alt.end].text != ")":
        return (), q.end
    return ((alt.value, alt.unit),), alt.end + 1


# --------------------------------------------------------------------------- not claims


def _not_a_claim(
    doc: Doc, q: _Quantity, phones: list[tuple[int, int]], titles: list[tuple[int, int]]
) -> bool:
    """True when the figure is a date, time, age, label, title or pronoun."""
    core = [doc[k] for k in q.core]
    first, last = core[0], core[-1]
    after = q.end
    nxt = doc[after] if after < len(doc) else None
    if q.sides is not None:  # a tally: only a title or a name can hold one that is no claim
        start_char, end_char = first.idx, last.idx + len(last.text)
        return any(s <= start_char and end_char <= e for s, e in titles) or any(
            t.ent_type_ in NAME_LABELS - {"ORG", "GPE", "NORP"} for t in core
        )
    # Durations and ages: "300 days", "10-month", "24-year-old", "two years".
    probe = after
    if probe < len(doc) and doc[probe].text == "-":
        probe += 1
    if q.unit is None and probe < len(doc) and doc[probe].lower_ in TIME_UNITS:
        return True
    year = _is_year(q, first)
    counted = (
        _counts_plural(first, adjacent=year) and not (year and _names_a_year(doc, q, first))
    ) or _has_qualifier(doc, q)
    if q.unit is None and not counted and any(t.ent_type_ in {"DATE", "TIME"} for t in core):
        return True
    if nxt is not None and nxt.lower_ in CLOCK_WORDS:
        return True
    if q.unit is None and not q.vague and not counted and _is_year(q, first):
        return True
    if q.unit is None and q.value <= MAX_DAY and _next_to_month(doc, q):
        return True
    start_char, end_char = first.idx, last.idx + len(last.text)
    if any(s <= start_char and end_char <= e for s, e in phones):
        return True
    if q.unit is None and q.start > 0 and doc[q.start - 1].lemma_.lower() in PHONE_VERBS:
        return True  # "call 911", "text 741741"
    if any(s <= start_char and end_char <= e for s, e in titles):
        return True
    if any(t.ent_type_ in NAME_LABELS for t in core):
        return True
    if _is_label(doc, q, first) or _is_model(doc, q, first) or _is_score(doc, q):
        return True
    if len(core) == 1 and first.lower_ in {"one", "zero"} and _one_is_not_a_count(doc, first):
        return True
    if _glued_to_word(doc, q):
        return True
    if q.unit is None and nxt is not None and nxt.is_alpha and not doc[q.end - 1].whitespace_:
        return True  # "5G", "3D": a letter glued to the number makes a name
    if q.unit is None and _after_age_mark(doc, q.start):
        return True
    return bool(
        q.unit is None
        and first.dep_ == "appos"
        and first.head.ent_type_ == PERSON_LABEL
        and q.value <= MAX_AGE
    )


def _is_year(q: _Quantity, first: Token) -> bool:
    """A bare four-digit figure in the year range."""
    if len(q.core) != 1 or not first.text.isdigit() or len(first.text) != 4:
        return False
    return YEAR_RANGE[0] <= q.value <= YEAR_RANGE[1]


def _names_a_year(doc: Doc, q: _Quantity, first: Token) -> bool:
    """A year-shaped figure before a plural noun that names the year: "the 2010 elections",
    "the 2001 attacks", "since 2010"; "deployed 2000 soldiers" still counts soldiers."""
    if first.head.lower_ in YEAR_NOUNS:
        return True
    return q.start > 0 and doc[q.start - 1].lower_ in YEAR_BEFORE


def _counts_plural(first: Token, *, adjacent: bool = False) -> bool:
    """The number directly counts a plural noun that is not a time unit ("2000 soldiers",
    "100,000 Russian troops"): only adjectives may stand between them, and nothing when
    the number could be a year ("2012 Republican candidates" is about 2012)."""
    head = first.head
    if adjacent and head.i != first.i + 1:
        return False
    return (
        first.dep_ == "nummod"
        and head.i > first.i
        and head.tag_ in {"NNS", "NNPS"}
        and head.lower_ not in TIME_UNITS
        and all(
            t.pos_ == "ADJ" or t.like_num or t.lower_ in RANGE_WORDS
            for t in first.doc[first.i + 1 : head.i]
        )
    )


def _has_qualifier(doc: Doc, q: _Quantity) -> bool:
    start = max(q.start - MAX_PHRASE, 0)
    return _qualifier(doc, q.start, start)[1] is not None


def _next_to_month(doc: Doc, q: _Quantity) -> bool:
    """A small figure beside a month name: "Feb. 24", "24 February", "February, 24, 2022"."""
    k = q.start - 1
    while k >= 0 and doc[k].text in {",", "the"}:
        k -= 1
    if k >= 0 and doc[k].lower_ in MONTHS:
        return True
    k = q.end
    while k < len(doc) and doc[k].lower_ in {",", "of"}:
        k += 1
    return k < len(doc) and doc[k].lower_ in MONTHS


def _is_label(doc: Doc, q: _Quantity, first: Token) -> bool:
    """A number that names rather than counts: "Boeing 737", "World War One", "No. 10"."""
    if q.unit is not None or q.start == 0:
        return False
    prev = doc[q.start - 1]
    before = doc[q.start - 2].lower_ + prev.text if q.start >= 2 else prev.lower_
    if prev.lower_ in LABEL_MARKS or before in LABEL_MARKS:
        return True
    if prev.is_sent_start or not prev.is_alpha or prev.is_lower:
        return False  # "Boeing 737", "iPhone 14": a name with a capital before the number
    if prev.lower_ in MONTHS or prev.lower_ in QUALIFIER_WORDS:
        return False
    if prev.pos_ != "PROPN" and prev.text[:1].isupper():
        return False
    last = doc[q.core[-1]]
    counts_right = last.head.i > last.i and last.head.pos_ in {"NOUN", "PROPN"}
    # "Leopard 2 tanks": the name and the number modify the same noun, so it is a model.
    same_noun = prev.head.i == last.head.i or prev.head.i == last.i
    return not counts_right or same_noun


def _is_model(doc: Doc, q: _Quantity, first: Token) -> bool:
    """ "Its 737 MAX jets": a bare number of three or more digits between a determiner and
    an all-capitals name is a model designation."""
    if q.unit is not None or len(q.core) != 1 or not first.text.isdigit() or len(first.text) < 3:
        return False
    if q.start == 0 or q.end >= len(doc):
        return False
    prev, nxt = doc[q.start - 1], doc[q.end]
    return (
        prev.pos_ in {"DET", "PRON"}
        and nxt.is_alpha
        and nxt.is_upper
        and len(nxt.text) > 1
        and nxt.dep_ == "compound"
    )


def _is_score(doc: Doc, q: _Quantity) -> bool:
    """A score or tally ("the 3-1 win", "passed 52-48"), one side of "N-M" before a result
    noun or after a result verb."""
    k = q.end
    if k + 1 < len(doc) and doc[k].text in DASHES and DIGITS_RE.match(doc[k + 1].text):
        pair_start, pair_end = q.start, k + 2
    elif (
        q.start >= 2 and doc[q.start - 1].text in DASHES and DIGITS_RE.match(doc[q.start - 2].text)
    ):
        pair_start, pair_end = q.start - 2, q.end
    else:
        return False
    after = doc[pair_end].lemma_.lower() if pair_end < len(doc) else ""
    before = doc[pair_start - 1].lemma_.lower() if pair_start > 0 else ""
    return after in SCORE_NOUNS or before in SCORE_VERBS


def _after_age_mark(doc: Doc, start: int) -> bool:
    """ "aged 24", "aged 16 and 13": only numbers and "and"/"," back to "aged"."""
    k = start - 1
    while k >= 0 and (doc[k].like_num or doc[k].lower_ in {"and", ",", "or"}):
        k -= 1
    return k >= 0 and doc[k].lower_ in AGE_MARKS


def _glued_to_word(doc: Doc, q: _Quantity) -> bool:
    """A number hyphenated to a word describes that word rather than stating a figure:
    "one-liners", "two-way", "a 225-page report", "a 12-step programme" (but "a
    3,000-strong force" states a size)."""
    if q.unit is not None or q.end + 1 >= len(doc):
        return False
    dash, nxt = doc[q.end], doc[q.end + 1]
    return (
        dash.text == "-"
        and not doc[q.end - 1].whitespace_
        and not dash.whitespace_
        and nxt.is_alpha
        and nxt.lower_ not in SMALL_NUMBERS
        and nxt.lower_ not in SIZE_WORDS
    )


def _one_is_not_a_count(doc: Doc, tok: Token) -> bool:
    """Whether "one"/"zero" fails to count the noun after it: "one of", "ground zero"."""
    if tok.dep_ != "nummod" or tok.head.i < tok.i or tok.head.lower_ in ONE_IDIOM_NOUNS:
        return True
    prev = doc[tok.i - 1].lower_ if tok.i > 0 else ""
    return prev in NOT_A_COUNT_BEFORE_ONE


def _title_spans(text: str) -> list[tuple[int, int]]:
    """Character ranges of short Title-Case quotations, which name works, not claims."""
    spans: list[tuple[int, int]] = []
    for m in QUOTED_RE.finditer(text):
        inner = next(g for g in m.groups() if g is not None)
        words = re.findall(r"[^\W_][\w'’-]*", inner)
        if not words or len(words) > TITLE_MAX_WORDS:
            continue
        caps = sum(1 for w in words if w[0].isupper() or w[0].isdigit())
        small = sum(1 for w in words if w.lower() in TITLE_SMALL_WORDS)
        if caps >= 1 and (caps + small) / len(words) >= TITLE_CAPS_SHARE:
            spans.append(m.span())
    return spans


# --------------------------------------------------------------------------- about


def _group_root(doc: Doc, q: _Quantity) -> Token:
    """The token of the figure through which the parse attaches it to the sentence."""
    inside = range(q.start, q.end)
    best = doc[q.core[-1]]
    for k in inside:
        tok = doc[k]
        if tok.dep_ != "punct" and (tok.head.i not in inside or tok.head.i == tok.i):
            best = tok
    return best


@dataclass(frozen=True, slots=True)
class _About:
    """What a figure counts: the head of the phrase, and the phrase as the brief shows it."""

    head: Token
    text: str


def _about(doc: Doc, q: _Quantity, *, also: range = range(0)) -> _About | None:
    """What the figure counts or measures, as a short noun phrase from the parse; or None.

    Tokens beyond a paragraph break are left out of the phrase (see :func:`_same_paragraph`),
    as are the tokens ``also`` (the other bound of a range).
    """
    root = _group_root(doc, q)
    sent = root.sent
    crosses = PARAGRAPH_BREAK in sent.text.strip()
    outside = {t.i for t in sent if not _same_paragraph(root, t)} if crosses else set()
    return _about_in(doc, q, set(range(q.start, q.end)) | outside | set(also))


def _about_in(doc: Doc, q: _Quantity, inside: set[int]) -> _About | None:
    root = _group_root(doc, q)
    of_obj = _of_object(root, inside)
    head = root.head
    if root.dep_ == "dobj" and head.lemma_ in CHANGE_VERBS:
        measured = _measured(head, inside)  # "turnout reached a record 66.8 percent"
        if measured is not None:
            return measured
    if q.unit in {"%", "pp"}:
        if of_obj is not None:
            return _phrase(of_obj, inside)
        if root.dep_ == "pobj" and head.lower_ in MEASURE_PREPS:
            return _measured(head.head, inside)
        if _counts_head(root, head, inside):
            return _phrase(head, inside)  # "a 1 in 3 chance", "a 5 percent trim"
        return _copula(root, head, inside) or _of_noun(root, inside)  # "a rate of 9.1 %"
    if _counts_head(root, head, inside) and head.lower_ not in TIME_UNITS:
        return _phrase(head, inside, predicate=q.unit is None)
    if q.unit is not None:
        if root.dep_ == "pobj" and head.lower_ in MEASURE_PREPS:
            return _measured(head.head, inside)
        for child in root.children:
            if child.dep_ == "prep" and child.lower_ in {"in", "of", "for"}:
                obj = _pobj(child)
                if obj is not None and _describable(obj):
                    return _phrase(obj, inside)
        # "$1.1 million is the estimated cost", "damage of $3.6 billion"
        return _copula(root, head, inside) or _of_noun(root, inside)
    if of_obj is not None:
        return _phrase(of_obj, inside)
    copula = _copula(root, head, inside)
    if copula is not None:  # "the toll is 42", "42 is the toll"
        return copula
    if root.dep_ in {"nsubj", "nsubjpass"} and head.pos_ in {"VERB", "ADJ"}:
        return _predicate_text(head)
    said = _predicate_adjective(root, head)
    if said is not None:  # "left 42 dead", "42 were dead"
        return _predicate_text(said)
    if root.dep_ == "pobj":
        prep = head
        verb = prep.head
        if prep.lower_ == "including":
            # "five people dead including three": the three are of the same count.
            if verb.pos_ in {"NOUN", "PROPN"}:
                return _phrase(verb, inside, predicate=False)
            obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
            return _phrase(obj, inside, predicate=False) if obj is not None else None
        if prep.lower_ in MEASURE_PREPS:
            return _measured(verb, inside)
    if q.end + 1 < len(doc) and doc[q.end].text == "-" and doc[q.end + 1].lower_ in SIZE_WORDS:
        sized = doc[q.end + 1].head  # "a 3,000-strong force"
        if sized.pos_ == "NOUN" and sized.i not in inside:
            return _phrase(sized, inside)
    return None


def _copula(root: Token, head: Token, inside: set[int]) -> _About | None:
    """What "is" says a figure is: the subject when the figure is the complement ("the
    amount is nearly $1.1 million"), the complement when the figure is the subject."""
    if head.lemma_ != "be" or root.dep_ not in {"attr", "nsubj"}:
        return None
    wanted = "nsubj" if root.dep_ == "attr" else "attr"
    for child in head.children:
        if child.dep_ == wanted and child.i not in inside and _describable(child):
            return _phrase(child, inside, predicate=False)
    return None


def _predicate_adjective(root: Token, head: Token) -> Token | None:
    """The adjective a clause says of a bare figure: "left 42 dead", "42 were injured"."""
    if root.dep_ == "dobj":
        wanted = {"oprd", "ccomp", "xcomp"}
    elif root.dep_ == "nsubj" and head.lemma_ == "be":
        wanted = {"acomp"}
    else:
        return None
    return next((c for c in head.children if c.dep_ in wanted and c.pos_ == "ADJ"), None)


def _counts_head(root: Token, head: Token, inside: set[int]) -> bool:
    """The figure modifies the noun after it ("50 members", "a 1 in 3 chance")."""
    return (
        root.dep_ in COUNT_DEPS
        and head.i not in inside
        and head.i > root.i
        and head.pos_ in {"NOUN", "PROPN"}
    )


def _of_noun(root: Token, inside: set[int]) -> _About | None:
    """The noun a figure completes through "of": "a loss of $3 billion", "a rate of 9 %"."""
    prep = root.head
    if root.dep_ != "pobj" or prep.lower_ != "of" or prep.head.i in inside:
        return None
    noun = prep.head
    if noun.pos_ != "NOUN" or not _describable(noun):
        return None
    return _phrase(noun, inside | {t.i for t in prep.subtree})


def _measured(verb: Token, inside: set[int]) -> _About | None:
    """What "put … at N" or "rose to N" measures; the parse may hang "at" a verb or two
    below the one that takes it ("put the number of troops killed and wounded at")."""
    for _ in range(MAX_VERB_CLIMB):
        if verb.pos_ not in {"VERB", "AUX"}:
            return None
        if verb.lemma_ in MEASURE_AT_VERBS or verb.lemma_ in CHANGE_VERBS:
            wanted = (
                {"dobj", "nsubjpass"}  # "put the toll at", "damage was estimated at"
                if verb.lemma_ in MEASURE_AT_VERBS
                else {"nsubj", "nsubjpass"}
            )
            for child in verb.children:
                if child.dep_ in wanted and _describable(child):
                    return _phrase(child, inside, predicate=False)
            return None
        if verb.head.i == verb.i:
            return None
        verb = verb.head
    return None


# --------------------------------------------------------------------------- the measure


@dataclass(frozen=True, slots=True)
class _Measure:
    """What a figure measures, beyond ``about``: see :class:`NumberMention`."""

    noun: str | None = None
    subject: Span | None = None
    place: Span | None = None
    time: Span | None = None
    context: tuple[str, ...] = ()
    about: str | None = None  # a phrase for figures that ``_about`` found nothing for
    anchor: Span | None = None


# Units that are money: a sum with no counted noun is named by its verb ("raised $3m").
MONEY_UNITS = frozenset(CURRENCY_SYMBOLS.values())
# How many tokens before a bare percentage its holder may be named: "Mike Huckabee in the
# 2012 GOP primary field at 17 percent" (BASIL dev) has eight; farther, it is a sentence's
# other name.
SHARE_HOLDER_WINDOW = 9
# Entity labels of a share's holder: a person, or a surname the small model calls a place
# ("Palin (12 percent)"); never a body ("the 2012 GOP primary field at 17 percent").
SHARE_HOLDER_LABELS = frozenset({"PERSON", "GPE"})
# Prepositions by which a sum names what it went to, at or on ("$300 at Build-A-Bear").
SPENT_PREPS = frozenset({"at", "on", "to", "for", "from"})
# Entity labels of a proper noun that is no place a sum went to ("from December 2007").
NOT_SPENT_AT = frozenset({"DATE", "TIME", "CARDINAL", "MONEY", "PERCENT", "QUANTITY"})
# Entity labels of what a sum went to.
SPENT_LABELS = frozenset({"ORG", "FAC", "GPE", "PRODUCT", "EVENT", "WORK_OF_ART", "PERSON"})
# Entity labels of a place a measure is of.
PLACE_LABELS = frozenset({"GPE", "LOC"})
# Entity labels of a subject whose figure it is ("The Senate voted", "Romney won 21 %").
SUBJECT_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
# Dependents of a clause's verb that may carry its time or place ("killed 42 on Monday").
CLAUSE_ADJUNCTS = frozenset({"prep", "npadvmod", "advmod", "tmod", "obl", "pobj"})
# Most content words kept as a measure's context (a size limit on the brief's JSON; BASIL
# dev clauses hold at most about 30).
MAX_CONTEXT = 40
# Dependents of the clause's verb whose words belong to a measure's context: its subject,
# object and the phrases saying where, how and by whom ("rescued from rooftops by crews").
CONTEXT_DEPS = frozenset(
    {"nsubj", "nsubjpass", "dobj", "prep", "agent", "prt", "neg", "npadvmod", "acomp", "oprd"}
)
# Stop words that turn a measure around ("voted against", "did not"), kept in its context.
KEPT_STOP_WORDS = frozenset({"no", "not", "against", "for"})


def _measure(doc: Doc, q: _Quantity, about: _About | None) -> _Measure:
    """The counted noun (normalised), whose figure it is, and the place and time of its
    clause; tallies and durations name their measure in their own way."""
    root = _group_root(doc, q)
    inside = set(range(q.start, q.end))
    head = about.head if about is not None else None
    verb = _clause_verb(head if head is not None else root)
    phrase: str | None = None
    if q.is_age:
        return _Measure("age", q.age_of, None, None, (), "age")
    if q.counted_at is not None:  # "a 225-page report": pages
        counted = doc[q.counted_at]
        head, phrase = counted.head, counted.text
        noun: str | None = _noun_key(counted, None)
    elif q.sides is not None:
        noun = _tally_noun(doc, q)
    elif q.unit in DURATION_UNITS.values():
        found = _duration_head(doc, q, verb)
        noun = _noun_key(found, verb) if found is not None else None
        phrase = _join(doc, [found.i]) if found is not None else None
    elif head is not None:
        noun = _noun_key(head, verb)
    elif q.unit in MONEY_UNITS and root.dep_ in {"dobj", "nsubjpass"} and root.head.pos_ == "VERB":
        noun = root.head.lemma_.lower()  # "funneled more than $10,000": what the money did
    else:
        noun = None
    subject = _subject_of(verb, inside) if verb is not None else None
    if q.unit == "%" and head is None:  # a bare share: its holder is named just before it
        subject = _share_holder(doc, q, root.sent.start) or subject  # "Romney (17 percent)"
    anchors = [t for t in (head, verb) if t is not None]
    place = _adjunct_entity(anchors, inside, PLACE_LABELS)
    time = _adjunct_entity(anchors, inside, frozenset({"DATE"}))
    context = _context_words(doc, inside, head, verb)
    spent = _spent_at(root, head, verb) if q.unit in MONEY_UNITS else None
    return _Measure(noun, subject, place, time, context, phrase, spent)


def _share_holder(doc: Doc, q: _Quantity, sent_start: int) -> Span | None:
    """Whose share a bare percentage is, in a list of results: the person named just
    before it ("followed by Romney (17 percent), Huckabee (14 percent)", "Trump and Mike
    Huckabee at 17 percent each"), with no other figure between them."""
    for k in range(q.start - 1, max(q.start - SHARE_HOLDER_WINDOW, sent_start) - 1, -1):
        tok = doc[k]
        if (tok.like_num and tok.ent_type_ != "DATE") or tok.text == "%":
            return None  # another figure ("the 2012 field" is a year, not one)
        if tok.ent_type_ in SHARE_HOLDER_LABELS and tok.pos_ == "PROPN":
            return _person_span(tok)
    return None


def _spent_at(root: Token, head: Token | None, verb: Token | None) -> Span | None:
    """The named thing a sum went to, at, on or from, among the prepositions of the figure,
    of its noun's phrase, then of its verb: "over $10,000 at Best Buy", "a $5,587.75
    vacation at the Martha's Vineyard Holistic Retreat", "bought $10,977.74 worth of
    televisions and DVDs at Best Buy", "spent $313.89 on stuffed animals from Build-A-Bear"
    (never a date: "from December 2007")."""
    preps: list[Token] = list(root.children)
    if head is not None:
        preps += [t for t in head.subtree if t.i != head.i and not _in_clause(t, head)]
    if verb is not None:  # the verb's own phrases first, then the phrases inside them
        preps += list(verb.children)
        preps += [t for c in verb.children for t in c.subtree if not _in_clause(t, verb)]
    for prep in preps:
        if prep.dep_ != "prep" or prep.lower_ not in SPENT_PREPS:
            continue
        obj = _pobj(prep)
        if obj is None or obj.ent_type_ in NOT_SPENT_AT:
            continue
        if obj.pos_ == "PROPN" or obj.ent_type_ in SPENT_LABELS:
            return _person_span(obj)
    return None


def _clause_verb(tok: Token) -> Token | None:
    """The verb of the clause a token belongs to (itself when it is one)."""
    for _ in range(MAX_VERB_CLIMB + 2):
        if tok.pos_ in {"VERB", "AUX"}:
            return tok
        if tok.head.i == tok.i:
            return None
        tok = tok.head
    return None


def _noun_key(head: Token, verb: Token | None) -> str | None:
    """The measure a counted head names: its family ("dead", "killed", "death toll" ->
    "deaths"; "killed or wounded" -> "deaths+injuries"), what generic people are counted
    as ("57 people were killed" -> "deaths"), else its lemma ("members" -> "member")."""
    low, lemma = head.lower_, head.lemma_.lower()
    if (lemma in OF_NOUNS or low in OF_NOUNS) and lemma not in MEASURE_FAMILIES:
        of = next((c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        obj = _pobj(of) if of is not None else None
        if obj is not None and obj.pos_ in {"NOUN", "PROPN"}:
            return _noun_key(obj, verb)  # "the number of troops" counts troops
    if low in GENERIC_COUNTED or lemma in GENERIC_COUNTED:
        for tok in (*head.children, head.head):
            key = _family(tok)
            if key is not None:
                return key  # "people killed", "people were killed", "people dead"
        if verb is not None and verb.lemma_.lower() in MEASURE_VERBS:
            return MEASURE_VERBS[verb.lemma_.lower()]  # "killed 57 people", "57 people died"
        return "people"
    key = _family(head)
    if key is not None:
        return key
    for child in head.children:  # "the death toll": the compound names the family
        if child.dep_ == "compound" and child.lemma_.lower() in MEASURE_FAMILIES:
            return MEASURE_FAMILIES[child.lemma_.lower()]
    return lemma if lemma.isalpha() or "-" in lemma else low


def _family(tok: Token) -> str | None:
    """The measure family of a word and the words conjoined to it ("killed or wounded" ->
    "deaths+injuries"), or None when the word names none."""
    found: set[str] = set()
    todo = [tok]
    while todo:
        t = todo.pop()
        key = MEASURE_FAMILIES.get(t.lower_) or MEASURE_FAMILIES.get(t.lemma_.lower())
        if key is None and t.pos_ in {"VERB", "ADJ"}:
            key = MEASURE_VERBS.get(t.lemma_.lower())
        if key is None:
            if t is tok:
                return None
            found.add(t.lemma_.lower())  # "killed or displaced": not deaths alone
        else:
            found.add(key)
        todo.extend(c for c in t.children if c.dep_ == "conj")
    return "+".join(sorted(found))


def _tally_noun(doc: Doc, q: _Quantity) -> str:
    """What a tally counts: "advantage" for "a 242-190 seat advantage", "vote" otherwise."""
    for k in range(q.end, min(q.end + 2, len(doc))):
        low = doc[k].lemma_.lower()
        if low in TALLY_NOUNS:
            return MEASURE_FAMILIES.get(low, low) if low not in TALLY_RESULT_VOTES else "vote"
    return "vote"


# Tally nouns that are the vote itself ("a 5-4 decision" is the court's vote).
TALLY_RESULT_VOTES = frozenset({"vote", "votes", "tally", "count", "decision", "ruling", "verdict"})


def _duration_head(doc: Doc, q: _Quantity, verb: Token | None) -> Token | None:
    """What a duration is of: "a 60-day suspension" -> suspension, "300 days of war" ->
    war, "15 years in prison" -> prison, else the verb ("suspended for 60 days")."""
    unit = doc[q.end - 1]
    if unit.head.pos_ == "NOUN" and unit.head.i > unit.i and unit.dep_ in COUNT_DEPS | {"npadvmod"}:
        nxt = doc[unit.i + 1]  # "a 40-hour training course": what the course is of
        if nxt.i < unit.head.i and nxt.pos_ == "NOUN" and nxt.dep_ == "compound":
            return nxt
        return unit.head
    for child in unit.children:
        if child.dep_ == "prep" and child.lower_ in {"of", "in", "behind"}:
            obj = _pobj(child)
            if obj is not None and obj.pos_ == "NOUN":
                return obj
    return verb if verb is not None and verb.lemma_ not in {"be", "have"} else None


def _subject_of(verb: Token, inside: set[int]) -> Span | None:
    """The named subject of a figure's clause ("The Senate passed …", "Romney won …")."""
    for child in verb.children:
        named = child.ent_type_ in SUBJECT_LABELS or child.pos_ == "PROPN"
        if child.dep_ in {"nsubj", "nsubjpass"} and child.i not in inside and named:
            return _source_span(child)
    return None


def _adjunct_entity(
    anchors: Sequence[Token], inside: set[int], labels: frozenset[str]
) -> Span | None:
    """An entity of ``labels`` among the adjuncts of the counted noun or of the clause's
    verb ("killed 42 people in Texas on Monday"), not in a clause of its own."""
    for anchor in anchors:
        for child in anchor.children:
            if child.dep_ not in CLAUSE_ADJUNCTS and child.dep_ not in NP_LEFT_DEPS:
                continue
            for tok in child.subtree:
                if tok.i in inside or (tok.i != child.i and tok.pos_ in {"VERB", "AUX"}):
                    break  # not into a clause of its own ("after taking power in 2010")
                if tok.ent_type_ in labels:
                    ent = entity_of(tok)
                    if ent is not None and not inside & set(range(ent.start, ent.end)):
                        return Span(ent.start_char, ent.end_char, str(ent.text))
    return None


def _context_words(
    doc: Doc, inside: set[int], head: Token | None, verb: Token | None
) -> tuple[str, ...]:
    """Lemmas of the measure's own words: the counted noun's phrase and clauses, the
    clause's verb and its subject ("a two-in-three chance that we win control")."""
    keep: set[int] = set()
    if head is not None:
        keep |= {t.i for t in head.subtree}
    if verb is not None:
        keep.add(verb.i)
        for child in verb.children:
            if child.dep_ in CONTEXT_DEPS:
                keep |= {t.i for t in child.subtree if not _in_clause(t, child)}
    words = sorted(
        {
            doc[k].lemma_.lower()
            for k in keep - inside
            if (doc[k].is_alpha and not doc[k].is_stop) or doc[k].lower_ in KEPT_STOP_WORDS
        }
    )
    return tuple(words[:MAX_CONTEXT])


def _in_clause(tok: Token, top: Token) -> bool:
    """Whether ``tok`` lies in a clause of its own below ``top`` (a relative clause…)."""
    while tok.i != top.i:
        if tok.dep_ in {"relcl", "ccomp", "advcl", "acl", "xcomp", "parataxis"} or (
            tok.dep_ == "conj" and tok.pos_ in {"VERB", "AUX"}  # not "DVD players and DVDs"
        ):
            return True
        tok = tok.head
    return False


def _describable(tok: Token) -> bool:
    """A head worth describing: not a pronoun ("It climbed to…"), not a date or a year."""
    if tok.pos_ == "PRON" or tok.ent_type_ in {"DATE", "TIME"}:
        return False
    return not any(t.like_num for t in tok.subtree)


def _pobj(prep: Token) -> Token | None:
    return next((c for c in prep.children if c.dep_ == "pobj"), None)


def _of_object(root: Token, inside: set[int]) -> Token | None:
    """The object of an "of" attached to the figure: "54% of the territory", "two of them"."""
    for child in root.children:
        if child.dep_ == "prep" and child.lower_ == "of" and child.i not in inside:
            obj = _pobj(child)
            if obj is not None and obj.pos_ in {"NOUN", "PROPN"}:
                return obj
    return None


def _phrase(head: Token, exclude: set[int], *, predicate: bool = False, depth: int = 0) -> _About:
    """The noun phrase of ``head``: modifiers, conjoined nouns, an "of" complement, and a
    participle ("troops killed"); with ``predicate``, also what the sentence says of it
    ("troops were dead, injured or have deserted" → "troops dead, injured or deserted")."""
    keep = _np_tokens(head, exclude, depth=depth)
    if predicate:
        keep |= _predicate_tokens(head)
    return _About(head, _join(head.doc, keep))


def _np_tokens(head: Token, exclude: set[int], *, depth: int = 0) -> set[int]:
    keep = {head.i}
    for child in head.lefts:
        if child.dep_ in NP_LEFT_DEPS:
            keep |= {
                t.i
                for t in child.subtree
                if t.i not in exclude and (not t.is_punct or t.text in PHRASE_PUNCT)
            }
    for child in head.rights:
        if child.dep_ == "conj" and child.pos_ in {"NOUN", "PROPN"} and not _quantified(child):
            keep |= {c.i for c in head.children if c.dep_ == "cc" and c.i < child.i}
            keep |= _np_tokens(child, exclude, depth=depth + 1)
        elif child.dep_ == "prep" and child.lower_ == "of" and depth < 1:
            obj = _pobj(child)
            named = obj is not None and obj.pos_ == "PROPN"  # "areas of Ukraine"
            if obj is not None and (named or head.lemma_ in OF_NOUNS or head.lower_ in OF_NOUNS):
                keep |= {child.i} | _np_tokens(obj, exclude, depth=depth + 1)
        elif (
            child.dep_ == "acl"
            and child.tag_ == "VBN"
            and child.i == head.i + 1
            and not any(c.dep_ in ACL_COMPLEMENTS for c in child.children)
        ):
            keep |= _verb_chain(child)
        elif child.dep_ == "amod" and child.pos_ == "ADJ":
            keep.add(child.i)  # a post-nominal adjective: "five people dead"
    return keep - exclude


def _quantified(tok: Token) -> bool:
    """A conjoined noun that is itself a figure ("tanks, or roughly half of its fleet")."""
    return any(t.like_num or t.lower_ in DENOMINATORS or t.lower_ == "half" for t in tok.subtree)


def _predicate_tokens(head: Token) -> set[int]:
    """What a clause predicates of the counted noun: "were dead, injured…", "were killed"."""
    verb = head.head
    if head.dep_ == "nsubj" and verb.lemma_ == "be":
        for child in verb.children:
            if child.dep_ == "acomp":
                return _verb_chain(child)
    if head.dep_ == "nsubjpass" and verb.tag_ == "VBN":
        return _verb_chain(verb)
    if head.dep_ == "dobj":
        for child in verb.children:
            if child.dep_ in {"oprd", "ccomp", "xcomp"} and child.pos_ == "ADJ":
                return {child.i}
    return set()


def _verb_chain(tok: Token) -> set[int]:
    """A word and the words conjoined to it, with their commas and conjunctions."""
    keep = {tok.i}
    for child in tok.children:
        if child.dep_ == "conj" and not any(
            c.dep_ in {"nsubj", "nsubjpass"} for c in child.children
        ):
            keep |= {c.i for c in tok.children if c.dep_ in {"cc", "punct"} and c.i < child.i}
            keep |= _verb_chain(child)
    return {k for k in keep if tok.doc[k].text not in {"‘", "’", "'", '"', "“", "”"}}


def _predicate_text(verb: Token) -> _About:
    return _About(verb, _join(verb.doc, _verb_chain(verb)))


def _join(doc: Doc, keep: Iterable[int]) -> str:
    """Tokens in text order, with a single space wherever words were left out."""
    order = sorted(keep)
    while order and doc[order[0]].dep_ in {"det", "cc"} | {"punct"}:
        order.pop(0)
    while order and doc[order[-1]].is_punct:
        order.pop()
    parts: list[str] = []
    for n, k in enumerate(order):
        tok = doc[k]
        parts.append(tok.text)
        if n + 1 < len(order):
            parts.append(tok.whitespace_ if order[n + 1] == k + 1 else " ")
    return re.sub(r"\s+", " ", "".join(parts)).strip()


# --------------------------------------------------------------------------- attribution


@dataclass(frozen=True, slots=True)
class _Source:
    """The subject of a reporting verb, in text order."""

    token: Token
    sent_index: int
    span: Span


def _reporting_subjects(doc: Doc) -> list[_Source]:
    """Subjects of reporting verbs across the doc, for resolving "it said" to a name."""
    out: list[_Source] = []
    for sent_index, sent in enumerate(doc.sents):
        for tok in sent:
            if tok.lemma_ in REPORTING_VERBS and tok.pos_ == "VERB":
                subj = _subject(tok)
                if subj is not None:
                    out.append(_Source(subj, sent_index, _source_span(subj)))
    return out


def _subject(verb: Token) -> Token | None:
    return next((c for c in verb.children if c.dep_ == "nsubj"), None)


def _attribution(
    doc: Doc, q: _Quantity, sent: SpacySpan, sent_index: int, sources: list[_Source]
) -> Span | None:
    """Who gives the figure: a reporting verb's subject, "according to X", "X put … at"."""
    root = _group_root(doc, q)
    path: set[int] = {root.i}
    tok = root
    via_at = False
    while True:
        acc = _according_to(tok)
        if acc is not None:
            return _source_span(acc)
        head = tok.head
        if head.i == tok.i or not _same_paragraph(tok, head):
            break
        if tok.dep_ == "pobj" and head.lower_ == "at":
            via_at = True
        reported = tok.dep_ in REPORTED_DEPS or (via_at and head.lemma_ in MEASURE_AT_VERBS)
        if head.lemma_ in REPORTING_VERBS or (via_at and head.lemma_ in MEASURE_AT_VERBS):
            subj = _subject(head)
            if reported and subj is not None and subj.i not in path and _can_speak(subj):
                return _resolve(subj, sent_index, sources)
        path.add(head.i)
        tok = head
    # A parenthetical report hanging off the clause: "…, the ministry tweeted, Ukraine has…".
    for child in tok.children:
        if not _same_paragraph(tok, child):
            continue
        if (
            child.dep_ in PARENTHETICAL_DEPS
            and child.lemma_ in REPORTING_VERBS
            and not any(c.dep_ in {"ccomp", "dobj"} for c in child.children)
        ):
            subj = _subject(child)
            if subj is not None and _can_speak(subj):
                return _resolve(subj, sent_index, sources)
        acc = _according_to(child) if child.dep_ in {"prep", "advcl"} else None
        if acc is not None:
            return _source_span(acc)
    return None


def _quote_speaker(quotes: Sequence[QuoteMention], start: int, end: int) -> Span | None:
    """The resolved speaker of the quote that holds [start, end), if any."""
    for quote in quotes:
        if quote.content.start <= start and end <= quote.content.end and quote.resolved:
            return quote.resolved
    return None


def _same_paragraph(a: Token, b: Token) -> bool:
    """No paragraph break between two tokens (the parser may run a sentence across one)."""
    lo, hi = sorted((a.i, b.i))
    return PARAGRAPH_BREAK not in a.doc[lo : hi + 1].text


def _can_speak(subj: Token) -> bool:
    """A subject that states figures itself holds no figure ("the 1.3 percent growth rate
    say…" is a misparse) and is not a bare number."""
    return not any(t.like_num or t.text in {"%", "$"} for t in subj.subtree)


def _according_to(tok: Token) -> Token | None:
    """The X of an "according to X" attached to ``tok`` (or ``tok`` being "according")."""
    candidates = [tok, *tok.children]
    for cand in candidates:
        if cand.lower_ == "according":
            for to in cand.children:
                if to.lower_ == "to":
                    obj = _pobj(to)
                    if obj is not None:
                        return obj
    return None


def _resolve(subj: Token, sent_index: int, sources: list[_Source]) -> Span | None:
    """The subject's span, or for a pronoun the named source it refers back to; else None."""
    low = subj.lower_
    if subj.pos_ != "PRON":
        return _source_span(subj)
    if not (low in PERSON_PRONOUNS or low in THING_PRONOUNS or low in PLURAL_PRONOUNS):
        return None
    current = subj
    for src in reversed(sources):
        if src.token.i >= current.i:
            continue
        if src.sent_index < sent_index - PRONOUN_LOOKBACK:
            break
        if src.token.pos_ == "PRON":
            if src.token.lower_ == low:
                # Same pronoun earlier ("It didn't say … it said"): keep looking further back.
                sent_index = src.sent_index
            continue
        if _agrees(low, src.token):
            return src.span
        return None
    return None


def _agrees(pronoun: str, tok: Token) -> bool:
    """A pronoun can refer to the source ``tok``: he/she a person, it a singular non-person,
    they a plural or an organisation."""
    if pronoun in PERSON_PRONOUNS:
        return _is_person(tok)
    if pronoun in THING_PRONOUNS:
        return not _is_person(tok) and tok.tag_ not in {"NNS", "NNPS"}
    return tok.tag_ in {"NNS", "NNPS"} or tok.ent_type_ in {"ORG", "NORP"}


def _is_person(tok: Token) -> bool:
    return tok.ent_type_ == PERSON_LABEL or any(
        t.ent_type_ == PERSON_LABEL for t in tok.subtree if t.i == tok.i or t.dep_ == "compound"
    )


def _source_span(tok: Token) -> Span:
    """The mention of a source: its head with its modifiers, not its appositions or clauses."""
    keep = {tok.i}
    for child in tok.children:
        if child.dep_ in NOT_IN_SOURCE and not (
            child.dep_ == "prep" and child.lower_ == "of" and tok.pos_ == "PROPN"
        ):
            continue
        if child.i > tok.i and child.dep_ not in {"prep", "compound", "flat"}:
            continue
        keep |= {t.i for t in child.subtree}
    if tok.ent_type_:
        ent = entity_of(tok)
        if ent is not None:
            keep |= set(range(ent.start, ent.end))
    lo, hi = min(keep), max(keep)
    doc = tok.doc
    while lo < hi and doc[lo].is_punct:
        lo += 1
    while hi > lo and doc[hi].is_punct:
        hi -= 1
    start, end = doc[lo].idx, doc[hi].idx + len(doc[hi].text)
    return Span(start, end, doc[lo : hi + 1].text)
