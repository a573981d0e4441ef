"""Time expressions, normalised against an anchor date (the article's publication date).

Spans come from the regex rules in :mod:`newsfuse.extract.times_rules` over the
parsed text; spaCy's tags filter them ("May" the modal, a year inside a product
name, "2014 troops") and give the tense of the governing verb, which decides
whether a bare "Monday" or "September" is the last one or the next one. Values
follow TimeML TIMEX3: "2022-12-19", "2022-11", "2023", "2022-W51", "2022-Q3",
"P3Y", "PT5H", "PRESENT_REF", "XXXX-WXX-1" (every Monday)...
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from newsfuse.extract.doctext import doc_text, entity_of
from newsfuse.extract.times_lexicon import (
    MONTHS,
    ORDINALS,
    PART_OF_DAY_CODES,
    SEASONS,
    UNITS,
    WEEKDAYS,
    number_value,
)
from newsfuse.extract.times_rules import Candidate, find_candidates
from newsfuse.model import Span, TimeMention

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

Tense = Literal["past", "present", "future"]
TimexType = Literal["DATE", "TIME", "DURATION", "SET"]

# A month (and day) without a year is in the anchor's year unless it then lies more than
# this many days on the side its verb's tense rules out (past tense, date ahead). Dev value
# F1: 30 d 0.792, 90 d 0.794, 150 d 0.794, 250 d 0.787 (scheduled dates in past-tense
# sentences, "payable Dec. 7", punish small margins).
TENSE_SHIFT_DAYS = 90
# A preposition right before a date that puts it in the past, whatever the verb's tense.
PAST_CUE = re.compile(r"\bsince\s+(?:early\s+|late\s+|mid-?)?$", re.I)
PAST_CUE_CHARS = 16
# Without a tense, a date more than this many days away is taken in the neighbouring year
# (dev value F1: 183 d 0.794, 250 d 0.793).
NEAREST_SHIFT_DAYS = 183
# Entity labels whose names may contain a year or a month ("Windows 2000", "August Wilson").
NAME_LABELS = frozenset(
    {"PERSON", "ORG", "PRODUCT", "WORK_OF_ART", "EVENT", "LAW", "FAC", "GPE", "LOC", "NORP"}
)
# Kinds of time expression that a longer name may contain ("Windows 2000", "August
# Wilson", "Friday Night Lights", "Tucker Carlson Tonight"). Month-days are left out: on
# TempEval dev, dropping those inside names cost 0.0003 value F1.
NAME_KINDS = frozenset({"year", "month", "weekday", "season", "holiday", "decade", "dayrel"})
# Nouns after a year that still make it a date ("the 1988 period", "1990 levels").
TIME_NOUNS = frozenset(
    {"period", "quarter", "level", "levels", "season", "election", "elections", "budget", "census"}
)
# Words before a bare "days"/"years" that make it no time span ("of days", "after years").
PLURAL_BLOCKERS = frozenset({"of", "by", "after", "on", "dog", "early", "school", "golden"})
# Words that make "Monday" future when they govern it ("will", "'ll", "shall", "wo"[n't]);
# "would" too: news uses it for plans and proposals ("a second bill would provide money
# through September"; on TempEval dev it lifts value F1 by 0.0005).
FUTURE_AUX = frozenset({"will", "'ll", "shall", "wo", "ll", "would"})
# Verbs whose infinitive looks ahead: "is expected to vote on Thursday", "plans to".
PLAN_VERBS = frozenset(
    {"expect", "plan", "schedule", "intend", "aim", "hope", "prepare", "poise", "set"}
)
# Verbs whose infinitive happens after them, even when they are past: "asked the leaders
# to return on Friday", "agreed to vote on Thursday".
LOOK_AHEAD_VERBS = frozenset(
    {"ask", "urge", "invite", "agree", "promise", "vow", "pledge", "decide", "order", "want"}
)
# Adjectives and nouns whose infinitive lies ahead: "poised to take control on Thursday",
# "due to vote on Friday", "in line to be elected".
LOOK_AHEAD_HEADS = frozenset(
    {"poised", "poise", "due", "set", "ready", "about", "line", "slated", "scheduled"}
)
# Words just before a weekday that point forward: "as soon as Tuesday", "until Friday".
FUTURE_CUE = re.compile(r"\b(?:as\s+(?:soon|early)\s+as|until|till|by|before)\s+(?:on\s+)?$")
# A bare weekday under a present-tense verb or none is read as past: on dev, 30 such gold
# weekdays lay before the anchor and 12 after; reading present as future cost 0.003 value F1.
DEFAULT_WEEKDAY_TENSE: Tense = "past"


# Stand-in anchor when a text has no date: values derived from it are masked with X.
NO_ANCHOR = dt.date(4, 7, 1)
# Kinds whose value is wholly relative to the anchor ("Monday", "last week", "two days ago").
RELATIVE_KINDS = frozenset(
    {
        "weekday",
        "dayrel",
        "pod_rel",
        "unit_rel",
        "weekend",
        "end_of",
        "ago",
        "clock",
        "clock24",
        "noon",
        "quarter",
        "yearago",
        "this_century",
    }
)


@dataclass
class _Context:
    """What normalisation knows: the anchor, the parse, and the last quarter mentioned."""

    anchor: dt.date
    doc: Doc
    quarter: int | None = None
    tenses: dict[int, Tense | None] = field(default_factory=dict)

    def tense(self, start: int, end: int) -> Tense | None:
        if start not in self.tenses:
            before = doc_text(self.doc)[max(0, start - PAST_CUE_CHARS) : start]
            # "since May": whatever the verb, the date lies in the past
            past = PAST_CUE.search(before) is not None
            self.tenses[start] = "past" if past else _tense(self.doc, start, end)
        return self.tenses[start]


def extract_times(doc: Doc, *, anchor: dt.date | None) -> list[TimeMention]:
    """Every time expression in ``doc`` with its TIMEX3-style value.

    Relative expressions ("Monday", "last month", "three days ago") are resolved
    against ``anchor``; without one they get TimeML's unknown digits ("XXXX-XX-XX")
    where the value depends on it.
    """
    text = doc_text(doc)
    ctx = _Context(anchor or NO_ANCHOR, doc)
    out: list[TimeMention] = []
    for cand in find_candidates(text):
        if not _keep(cand, doc):
            continue
        try:
            result = _normalise(cand, ctx)
        except (OverflowError, ValueError):  # an anchor at the calendar's ends (year 9999)
            result = None
        if result is None:
            continue
        value, kind = result
        if anchor is None:
            value = _unanchored(value, cand)
        span = Span(cand.start, cand.end, text[cand.start : cand.end])
        out.append(TimeMention(span, value, kind, own_event(doc, cand.start, cand.end)))
    return _clock_days(out, doc) if anchor is not None else out


_FULL_DATE = re.compile(r"\d{4}-\d\d-\d\d$")


def _clock_days(mentions: list[TimeMention], doc: Doc) -> list[TimeMention]:
    """Put a bare clock time ("10:35 a.m.") on the day its sentence names ("on Friday, ...")."""
    out = list(mentions)
    for i, m in enumerate(mentions):
        if m.type != "TIME" or not re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d", m.value):
            continue
        if re.search(r"\d\s*(?:[ap]\.?m\.?|[AP]M)\W*\w", m.span.text):
            continue  # the clock names its own day ("9 a.m. Tuesday")
        span = doc.char_span(m.span.start, m.span.end, alignment_mode="expand")
        if span is None:
            continue
        sent = span.sent
        days = [
            o.value
            for o in mentions
            if o is not m
            and _FULL_DATE.match(o.value)
            and sent.start_char <= o.span.start < sent.end_char
        ]
        if days:
            out[i] = TimeMention(m.span, days[0] + m.value[10:], m.type, m.event)
    return out


def _unanchored(value: str, cand: Candidate) -> str:
    """Mask what came from the placeholder anchor: its year always, all of a relative date."""
    if not re.match(r"000[345]", value):
        return value
    if cand.kind == "weekday":
        return f"XXXX-WXX-{WEEKDAYS[cand.match.group('wd').lower()] + 1}"
    date, sep, clock = value.partition("T")
    date = "XXXX" + date[4:] if len(date) >= 4 else "X" * len(date)
    if cand.kind in RELATIVE_KINDS:
        date = re.sub(r"\d", "X", date)
    return date + sep + clock


# --------------------------------------------------------------------------- filters


def _tokens(doc: Doc, start: int, end: int) -> list[Token]:
    span = doc.char_span(start, end, alignment_mode="expand")
    return list(span) if span is not None else []


# Nouns after a month and day that make them the name of an event ("the Sept. 11 attacks").
EVENT_NOUNS = frozenset(
    """
    attack attacks hijacker hijackers victim victims family families commission anniversary
    memorial terror terrorist terrorists riot riots insurrection massacre bombing bombings
    """.split()
)


def _keep(cand: Candidate, doc: Doc) -> bool:
    """Reject matches that the parse shows are not times (modal "may", names, counts)."""
    toks = _tokens(doc, cand.start, cand.end)
    if not toks:
        return False
    # inside a longer name: "Windows 2000", "August Wilson", "Friday Night Lights"
    for tok in toks:
        if tok.ent_type_ in NAME_LABELS:
            ent = entity_of(tok)
            longer = ent is not None and (ent.start < toks[0].i or ent.end > toks[-1].i + 1)
            if longer and cand.kind in NAME_KINDS:
                return False
    # "co-chair of September 11th Advocates": a day that is part of a following name
    last = toks[-1]
    if (
        cand.kind in {"md", "dm"}
        and not _g(cand, "y")
        and last.dep_ == "compound"
        and last.head.i > last.i
        and last.head.tag_ in {"NNP", "NNPS"}
    ):
        return False
    if cand.kind in {"md", "dm"} and not _g(cand, "y"):
        # "the Sept. 11 attacks", "the Jan. 6 riot": a day that names an event, whose year
        # the article's date does not give
        nxt = doc[toks[-1].i + 1] if toks[-1].i + 1 < len(doc) else None
        if nxt is not None and nxt.lemma_.lower() in EVENT_NOUNS:
            return False
        if cand.kind == "dm" and nxt is not None and nxt.like_num:
            return False  # "the 19 Sept. 11 hijackers": the day belongs to the month after
    if cand.kind == "month" and len(toks) == 1:
        tok = toks[0]
        if tok.tag_ == "MD" or tok.pos_ == "VERB" or tok.lower_ in {"mar", "jan", "sep"}:
            return False
    if cand.kind == "year":
        last = toks[-1]
        nxt = doc[last.i + 1] if last.i + 1 < len(doc) else None
        prev = doc[toks[0].i - 1] if toks[0].i > 0 else None
        counted = nxt is not None and nxt.tag_ in {"NNS", "NN"} and nxt.lower_ not in TIME_NOUNS
        # "the 1998 bombing" is a date; "2014 soldiers" is a count
        dated = last.ent_type_ == "DATE" or (
            prev is not None and prev.tag_ in {"DT", "PRP$", "POS"}
        )
        if counted and not dated and not cand.match.group("mod"):
            return False
        if prev is not None and prev.lower_ in {"no.", "number", "#", "flight", "route"}:
            return False
        # "Windows 2000", "Euro 2016", "Vision 2030": a name followed by a number
        if (
            prev is not None
            and prev.tag_ == "NNP"
            and not cand.match.group("mod")
            and prev.lower_.rstrip(".") not in MONTHS
            and prev.text[:1].isupper()
            and prev.idx + len(prev.text) + 1 == last.idx
        ):
            return False
        if last.ent_type_ in {"MONEY", "QUANTITY", "PERCENT", "CARDINAL"} and not cand.match.group(
            "mod"
        ):
            return False
    if cand.kind == "ref":
        word = cand.match.group("w").lower()
        nxt_i = toks[-1].i + 1
        nxt = doc[nxt_i] if nxt_i < len(doc) else None
        if word == "the past" and nxt is not None and nxt.pos_ in {"NOUN", "PROPN", "NUM"}:
            return False
    if cand.kind == "plural" and toks[0].i > 0:
        prev = doc[toks[0].i - 1]
        if prev.lower_ in PLURAL_BLOCKERS or prev.like_num:
            return False
    if cand.kind == "season" and not (cand.match.group("rel") or cand.match.group("y")):
        return False
    if cand.kind == "duration":
        n = cand.match.group("n").lower()
        unit = cand.match.group("u").lower()
        if n in {"a", "an"} and unit in {"second", "quarter"}:
            return False
        # "three-quarters of the vote" is a fraction, not a duration
        if unit.startswith("quarter") and re.match(
            r"\s+of\b|-", doc_text(doc)[cand.end : cand.end + 4]
        ):
            return False
        if unit == "quarters" and "-" in cand.match.group(0):
            return False
    return True


# --------------------------------------------------------------------------- event

# Dependencies that put a phrase inside a description of something else: a relative
# clause ("Lukashenko, who allowed the invasion in February"), a clause or apposition
# modifying a noun.
PASSING_DEPS = frozenset({"relcl", "acl", "appos"})
# Links from a date to a noun it modifies ("the invasion in February", "Wednesday's vote").
NOUN_LINKS = frozenset({"pobj", "npadvmod", "nmod", "compound", "poss"})


def own_event(doc: Doc, start: int, end: int) -> bool:
    """Whether a time expression dates its sentence's own event: on the way from the
    expression up to the sentence's root, no relative clause, no clause or apposition
    describing a noun, and no noun other than the root that the date modifies. "Putin
    spoke one day after his visit, in which he first went there in February": February
    dates the visit, not what the sentence reports."""
    toks = _tokens(doc, start, end)
    if not toks:
        return True
    inside = {t.i for t in toks}
    tok = next((t for t in toks if t.head.i not in inside), toks[0])
    for _ in range(16):
        if tok.dep_ in PASSING_DEPS:
            return False
        parent = tok.head
        if parent == tok:
            return True
        if tok.dep_ == "prep" and parent.pos_ in {"NOUN", "PROPN"} and parent.dep_ != "ROOT":
            return False  # "the invasion in February"
        if (
            tok.dep_ in NOUN_LINKS - {"pobj"}
            and parent.pos_ in {"NOUN", "PROPN"}
            and parent.dep_ != "ROOT"
        ):
            return False  # "before Wednesday's vote"
        tok = parent
    return True


# --------------------------------------------------------------------------- tense


def _tense(doc: Doc, start: int, end: int) -> Tense | None:
    """Tense of the verb that governs the expression (or the nearest verb in its sentence)."""
    toks = _tokens(doc, start, end)
    if not toks:
        return None
    tok = toks[0]
    then = False  # "the commanders then in place on Feb. 24": a past state
    for _ in range(8):
        if tok.pos_ in {"VERB", "AUX"} or tok.head == tok:
            break
        tok = tok.head
        if tok.pos_ not in {"VERB", "AUX"}:
            before = tok.doc[tok.left_edge.i : toks[0].i]
            then = then or any(t.lower_ == "then" and t.dep_ == "advmod" for t in before)
    if then:
        return "past"
    looks_ahead = False  # an infinitive on the way up: "is in line to be elected Thursday"
    participle = tok if tok.tag_ == "VBN" else None
    for _ in range(4):
        # an infinitive or participle takes the tense of the verb it hangs from ("allowed
        # troops to use his country to launch the invasion in February"); so does a
        # reduced participle clause ("…, followed by the House on Thursday")
        infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)
        reduced = (
            tok.tag_ == "VBN"
            and tok.dep_ in {"acl", "advcl"}
            and not any(c.dep_ in {"aux", "auxpass"} for c in tok.children)
        )
        nonfinite = (tok.tag_ in {"VB", "VBG"} and not _aux_children(tok)) or reduced
        if not (nonfinite or infinitive) or tok.dep_ not in {"xcomp", "advcl", "acl", "ccomp"}:
            break
        looks_ahead = looks_ahead or infinitive
        if tok.head.pos_ not in {"VERB", "AUX"} or tok.head == tok:
            if infinitive and tok.head.lemma_.lower() in LOOK_AHEAD_HEADS:
                return "future"  # "poised to assume control on Thursday", "due to vote"
            break
        tok = tok.head
        if tok.lemma_.lower() in PLAN_VERBS or (
            infinitive and tok.lemma_.lower() in LOOK_AHEAD_VERBS
        ):
            return "future"  # "is expected to begin in the Senate on Wednesday"
    if participle is not None and tok is not participle and not looks_ahead:
        # a reduced participle clause borrows only a plan's future ("expected to begin on
        # Wednesday, followed by the House on Thursday"); otherwise it keeps its own reading
        # (on TempEval dev, borrowing any tense cost 0.001 value F1)
        tok = participle
    if tok.pos_ not in {"VERB", "AUX"}:
        verbs = [t for t in tok.sent if t.pos_ in {"VERB", "AUX"}]
        if not verbs:
            return None
        tok = min(verbs, key=lambda t: abs(t.i - toks[0].i))
    auxes = [c for c in tok.children if c.dep_ in {"aux", "auxpass"}]
    words = {a.lower_ for a in auxes}
    if words & FUTURE_AUX or tok.lower_ in FUTURE_AUX:
        return "future"
    if any(a.lower_ == "going" for a in auxes) or (
        tok.lower_ == "going" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to"
    ):
        return "future"
    if tok.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes):
        return "past"
    if tok.tag_ == "VBN" and words & {"has", "have", "had"}:
        return "past"
    if tok.tag_ in {"VBZ", "VBP", "VBG"}:
        # "Ms. Pelosi plans on Thursday to bring up two bills"; "who is in line to be
        # elected speaker on Thursday"
        ahead = tok.tag_ != "VBG" and (looks_ahead or tok.lemma_.lower() in PLAN_VERBS)
        return "future" if ahead else "present"
    return None


def _aux_children(tok: Token) -> list[Token]:
    return [c for c in tok.children if c.dep_ in {"aux", "auxpass"} and c.lower_ != "to"]


# --------------------------------------------------------------------------- dates


def _iso_week(d: dt.date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y:04d}-W{w:02d}"


def _add_months(year: int, month: int, k: int) -> tuple[int, int]:
    idx = year * 12 + month - 1 + k
    return idx // 12, idx % 12 + 1


def _quarter_of(d: dt.date) -> int:
    return (d.month - 1) // 3 + 1


def _safe_date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _pick_year(anchor: dt.date, month: int, day: int | None, tense: Tense | None) -> int:
    """The anchor's year, unless the date then lies far on the side the tense rules out."""
    ref = anchor if day is not None else anchor.replace(day=1)
    same = _safe_date(anchor.year, month, day or 1)
    if same is None:
        return anchor.year
    ahead = (same - ref).days
    if tense == "past" and ahead > TENSE_SHIFT_DAYS:
        return anchor.year - 1
    if tense == "future" and -ahead > TENSE_SHIFT_DAYS:
        return anchor.year + 1
    if tense not in {"past", "future"} and abs(ahead) > NEAREST_SHIFT_DAYS:
        return anchor.year - 1 if ahead > 0 else anchor.year + 1
    return anchor.year


def _weekday(anchor: dt.date, wd: int, direction: Literal["past", "future", "nearest"]) -> dt.date:
    """The weekday ``wd`` on or before (past) / on or after (future) the anchor."""
    back = (anchor.weekday() - wd) % 7
    fwd = (wd - anchor.weekday()) % 7
    if direction == "past":
        return anchor - dt.timedelta(days=back)
    if direction == "future":
        return anchor + dt.timedelta(days=fwd)
    return anchor - dt.timedelta(days=back) if back <= fwd else anchor + dt.timedelta(days=fwd)


def _resolve_weekday(ctx: _Context, cand: Candidate, name: str, rel: str, pre: str) -> dt.date:
    wd = WEEKDAYS[name.lower()]
    a = ctx.anchor
    rel = re.sub(r"\s+", " ", rel.lower())
    if rel in {"last", "past", "this past"}:
        return _weekday(a - dt.timedelta(days=1), wd, "past")
    if rel in {"next", "coming", "this coming"}:
        return _weekday(a + dt.timedelta(days=1), wd, "future")
    if pre.lower() in {"earlier", "late", "early"}:
        return _weekday(a, wd, "past")
    if pre.lower() == "later":
        return _weekday(a, wd, "future")
    if wd == a.weekday():
        return a
    text = doc_text(ctx.doc)
    before = text[max(0, cand.start - 16) : cand.start].lower()
    possessive = text[cand.end : cand.end + 2] in {"'s", "’s"}
    # "until Friday" looks ahead; "moments before Wednesday's vote" is about the vote
    if FUTURE_CUE.search(before) and not possessive:
        return _weekday(a, wd, "future")
    tense = ctx.tense(cand.start, cand.end)
    if tense == "future":
        return _weekday(a, wd, "future")
    if tense is None or tense == "present":
        tense = DEFAULT_WEEKDAY_TENSE
    return _weekday(a, wd, "past" if tense == "past" else "future")


# --------------------------------------------------------------------------- normalise


def _normalise(cand: Candidate, ctx: _Context) -> tuple[str, TimexType] | None:
    handler = _HANDLERS.get(cand.kind)
    return handler(cand, ctx) if handler is not None else None


def _g(cand: Candidate, name: str) -> str:
    try:
        return cand.match.group(name) or ""
    except IndexError:
        return ""


def _month_num(text: str) -> int:
    return MONTHS[text.lower().rstrip(".")]


def _day_num(text: str) -> int:
    return int(re.sub(r"\D", "", text))


def _iso_date(cand: Candidate, ctx: _Context) -> tuple[str, TimexType] | None:
    d = _safe_date(int(_g(cand, "y")), int(_g(cand, "m")), int(_g(cand, "d")))
    return (d.isoformat(), "DATE") if d else None


def _slash_date(cand: Candidate, ctx: _Context) -> tuple[str, TimexType] | None:
    y = int(_g(cand, "y"))
    if y < 100:
        y += 1900 if y > 30 else 2000
    d = _safe_date(y, int(_g(cand, "m")), int(_g(cand, "d")))
    return (d.isoformat(), "DATE") if d else None


def _month_day(cand: Candidate, ctx: _Context) -> tuple[str, TimexType] | None:
    month, day = _month_num(_g(cand, "mon")), _day_num(_g(cand, "d"))
    if _g(cand, "y"):
        year = int(_g(cand, "y"))
    elif _g(cand, "wd"):
        # "Monday, Oct. 26": the year in which that date is that weekday, nearest the anchor
        wd = WEEKDAYS[_g(cand, "wd").lower()]
        years = [
            y
            for y in range(ctx.anchor.year - 6, ctx.anchor.year + 7)
            if (d := _safe_date(y, month, day)) is not None and d.weekday() == wd
        ]
        year = min(years, key=lambda y: abs(y - ctx.anchor.year)) if years else ctx.anchor.year
    elif _g(cand, "rel").lower() in {"last", "next"}:
        same = _safe_date(ctx.anchor.year, month, day)
        year = ctx.anchor.year
        if same is not None and _g(cand, "rel").lower() == "last" and same >= ctx.anchor:
            year -= 1
        elif same is not None and _g(cand, "rel").lower() == "next" and same <= ctx.anchor:
            year += 1
    else:
        year = _pick_year(ctx.anchor, month, day, ctx.tense(cand.start, cand.end))
    d = _safe_date(year, month, day)
    return (d.isoformat(), "DATE") if d else None


def _month_year(cand: Candidate, ctx: _Context) -> tuple[str, TimexType] | None:
    return f"{int(_g(cand, 'y')):04d}-{_month_num(_g(cand, 'mon')):02d}", "DATE"


def _month_year_rel(cand: Candidate, ctx: _Context) -> tuple[str, TimexType] | None:
    shift = {"this": 0, "last": -1, "next": 1}[_g(cand, "rel").lower()]
    return f"{ctx.anchor.year + shift:04d}-{_month_num(_g(cand, 'mon')):02d}", "DATE"


def _month_rel(cand: Candidate, ctx: _Context) -> tuple[str, TimexType] | None:
    month = _month_num(_g(cand, "mon"))
    rel = re.sub(r"\s+", " ", _g(cand, "rel").lower())
    a = ctx.anchor
    if rel in {"last", "this past"}:
        year = a.year if month < a.month else a.year - 1
    elif rel in {"next", "coming", "this coming"}:
        year = a.year if month > a.month else a.year + 1
    else:
        year = a.year
    return f"{year:04d}-{month:02d}", "DATE"


def _month(cand: Candidate, ctx: _Context) -> tuple[str, TimexType] | None:
    month = _month_num(_g(cand, "mon"))
    year = _pick_year(ctx.anchor, month, None, ctx.tense(cand.start, cand.end))
    return f"{year:04d}-{month:02d}", "DATE"


def _weekday_h(cand: Candidate, ctx: _Context) -> tuple[str, TimexType] | None:
    d = _resolve_weekday(ctx, cand, _g(cand, "wd"), _g(cand, "rel"), _g(cand, "pre"))
    # "Friday night": TimeBank mostly gives the day alone
    return d.isoformat(), "DATE"


def _day_word(ctx: _Context, cand: Candidate, word: str) -> dt.date:
    word = word.lower()
    if word in WEEKDAYS:
        return _resolve_weekday(ctx, cand, word, "", "")
    shift = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1}[word]
    return ctx.anchor + dt.timedelta(days=shift)


def _clock(cand: Candidate, ctx: _Context) -> tuple[str, TimexType] | None:
    hour = int(_g(cand, "h"))
    minute = int(_g(cand, "mi") or 0)
    pm = _g(cand, "ap").lower().startswith("p")
    if pm and hour < 12:
        hour += 12
    elif not pm and hour == 12:
        hour = 0
    day = _day_word(ctx, cand, _g(cand, "day")) if _g(cand, "day") else ctx.anchor
    if _g(cand, "mon"):
        month, mday = _month_num(_g(cand, "mon")), _day_num(_g(cand, "d"))
        year = _pick_year(ctx.anchor, month, mday, ctx.tense(cand.start, cand.end))
        day = _safe_date(year, month, mday) or day
    return f"{day.isoformat()}T{hour:02d}:{minute:02d}", "TIME"


def _clock24(cand: Candidate, ctx: _Context) -> tuple[str, TimexType] | None:
    return f"{ctx.anchor.isoformat()}T{int(_g(cand, 'h')):02d}:{_g(cand, 'mi')}", "TIME"


def _noon(cand: Candidate, ctx: _Context) -> tuple[str, TimexType] | None:
    day = _day_word(ctx, cand, _g(cand, "day")) if _g(cand, "day") else ctx.anchor
    clock = "24:00" if _g(cand, "w").lower() == "midnight" else "12:00"
    return f"{day.isoformat()}T{clock}", "TIME"


def _dayrel(cand: Candidate, ctx: _Context) -> tuple[str, TimexType] | None:
    word = _g(cand, "w").lower()
    day = _day_word(ctx, cand, word)
    pod = _g(cand, "pod").lower()
    if pod:
        return f"{day.isoformat()}T{PART_OF_DAY_CODES[pod]}", "TIME"
    return day.isoformat(), "DATE"


def _pod_rel(cand: Candidate, ctx: _Context) -> tuple[str, TimexType] | None:
    pod = _g(cand, "pod").lower()
    day = ctx.anchor - dt.timedelta(days=1 if _g(cand, "rel").lower() == "last" else 0)
    return f"{day.isoformat()}T{PART_OF_DAY_CODES[pod]}", "TIME"


_REL_SHIFT: dict[str, int] = {
    "this": 0, "current": 0, "same": 0,
    "last": -1, "past": -1, "previous": -1, "prior": -1, "latest": -1, "preceding": -1,
    "next": 1, "coming": 1, "following": 1,
}  # fmt: skip


def _shift_unit(anchor: dt.date, unit: str, k: int) -> str | None:
    """The calendar unit containing the anchor, moved by ``k`` units, as a TIMEX3 value."""
    if unit == "day":
        return (anchor + dt.timedelta(days=k)).isoformat()
    if unit == "week":
        return _iso_week(anchor + dt.timedelta(weeks=k))
    if unit == "weekend":
        return _iso_week(anchor + dt.timedelta(weeks=k)) + "-WE"
    if unit == "month":
        y, m = _add_months(anchor.year, anchor.month, k)
        return f"{y:04d}-{m:02d}"
    if unit == "quarter":
        idx = anchor.year * 4 + _quarter_of(anchor) - 1 + k
        return f"{idx // 4:04d}-Q{idx % 4 + 1}"
    if unit == "year":
        return f"{anchor.year + k:04d}"
    if unit == "decade":
        return f"{anchor.year // 10 + k:03d}"
    if unit == "century":
        return f"{anchor.year // 100 + k:02d}"
    return None


def _unit_rel(cand: Candidate, ctx: _Context) -> tuple[str, TimexType] | None:
    unit = _g(cand, "u").lower()
    rel = _g(cand, "rel").lower()
    if unit == "quarter":
        return _quarter(cand, ctx)
    k = _REL_SHIFT[rel]
    if (
        unit in {"decade", "century"}
        and rel in {"past", "last", "next", "coming"}
        and _g(cand, "the")
    ):
        # "the past decade" is the ten years up to now, not the 1990s
        return _duration_value(1, unit), "DURATION"
    if unit == "century" and rel == "this":
        return f"{ctx.anchor.year // 100:02d}", "DATE"
    value = _shift_unit(ctx.anchor, unit, k)
    return (value, "DATE") if value else None


def _end_of(cand: Candidate, ctx: _Context) -> tuple[str, TimexType] | None:
    # TIMEX3 keeps "the end of" as a modifier: the value is the unit itself
    rel = _g(cand, "rel").lower() or "this"
    value = _shift_unit(ctx.anchor, _g(cand, "u").lower(), _REL_SHIFT[rel])
    return (value, "DATE") if value else None


def _weekend(cand: Candidate, ctx: _Context) -> tuple[str, TimexType] | None:
    tense = ctx.tense(cand.start, cand.end)
    k = 0 if tense == "future" or ctx.anchor.weekday() >= 5 else -1
    return _iso_week(ctx.anchor + dt.timedelta(weeks=k)) + "-WE", "DATE"


_SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}


def _season(cand: Candidate, ctx: _Context) -> tuple[str, TimexType] | None:
    code = SEASONS[_g(cand, "s").lower()]
    if _g(cand, "y"):
        return f"{_g(cand, 'y')}-{code}", "DATE"
    rel = _g(cand, "rel").lower()
    a = ctx.anchor
    started = _SEASON_START[code] <= a.month
    if rel in {"last", "past"}:
        year = (
            a.year
            if started and code != "WI" and _SEASON_START[code] + 3 <= a.month
            else a.year - 1
        )
    elif rel == "next":
        year = a.year if not started else a.year + 1
    else:
        year = a.year
    return f"{year:04d}-{code}", "DATE"


def _unit_key(text: str) -> str:
    u = text.lower()
    if u == "centuries":
        return "century"
    return u[:-1] if u.endswith("s") and u[:-1] in UNITS else u


# Half of a unit in the next smaller one (time units share the "T" part).
_HALVES = {"year": "6M", "month": "15D", "hour": "30M", "minute": "30S", "day": "T12H"}


def _duration_value(n: int | float | None, unit: str) -> str:
    letter, timed = UNITS[unit]
    if unit == "decade":
        letter, n = "Y", (None if n is None else n * 10)
    elif unit == "century":
        letter, n = "Y", (None if n is None else n * 100)
    elif unit == "fortnight":
        n = None if n is None else n * 2
    elif unit == "weekend":
        letter = "WE"
    if n is not None and not float(n).is_integer() and n * 2 == int(n * 2) and unit in _HALVES:
        # "5 1/2 hours" -> PT5H30M: TIMEX3 writes a half as the next smaller unit
        whole = f"{int(n)}{letter}" if int(n) else ""
        return f"P{'T' if timed else ''}{whole}{_HALVES[unit]}"
    amount = "X" if n is None else (str(int(n)) if float(n).is_integer() else str(n))
    return f"P{'T' if timed else ''}{amount}{letter}"


def _ago(cand: Candidate, ctx: _Context) -> tuple[str, TimexType] | None:
    unit = _unit_key(_g(cand, "u"))
    n = number_value(_g(cand, "n"))
    direction = _g(cand, "dir").lower()
    sign = -1 if direction in {"ago", "earlier"} else 1
    if n is None:
        return ("PAST_REF" if sign < 0 else "FUTURE_REF"), "DATE"
    a = ctx.anchor
    if unit == "year" and n == 1 and ctx.quarter is not None and direction != "later":
        return f"{a.year - 1:04d}-Q{ctx.quarter}", "DATE"
    if not float(n).is_integer():
        return _duration_value(n, unit), "DURATION"
    k = int(n) * sign
    if unit in {"second", "minute", "hour"}:
        return a.isoformat(), "DATE"
    if unit == "day":
        return (a + dt.timedelta(days=k)).isoformat(), "DATE"
    if unit in {"week", "fortnight"}:
        return _iso_week(a + dt.timedelta(weeks=k * (2 if unit == "fortnight" else 1))), "DATE"
    value = _shift_unit(a, unit, k)
    return (value, "DATE") if value else None


def _duration(cand: Candidate, ctx: _Context) -> tuple[str, TimexType] | None:
    unit = _unit_key(_g(cand, "u"))
    if unit not in UNITS:
        return None
    n = number_value(_g(cand, "n"))
    before = doc_text(ctx.doc)[max(0, cand.start - 12) : cand.start].lower()
    if _g(cand, "n").lower() in {"a", "an"} and re.search(
        r"\b(?:times|twice|once|per)\s*$", before
    ):
        return _duration_value(1, unit), "SET"
    return _duration_value(n, unit), "DURATION"


def _plural_vague(cand: Candidate, ctx: _Context) -> tuple[str, TimexType] | None:
    rel = _g(cand, "rel").lower()
    if rel in {"recent", "past"}:
        return "PAST_REF", "DATE"
    return _duration_value(None, _unit_key(_g(cand, "u"))), "DURATION"


def _the_unit(cand: Candidate, ctx: _Context) -> tuple[str, TimexType] | None:
    unit = _g(cand, "u").lower()
    full = _g(cand, "full").lower()
    if unit == "week":
        return _iso_week(ctx.anchor), "DATE"
    if full in {"full", "calendar"}:
        return f"{ctx.anchor.year:04d}", "DATE"
    return "P1Y", "DURATION"


def _for_plural(cand: Candidate, ctx: _Context) -> tuple[str, TimexType] | None:
    return _duration_value(None, _unit_key(_g(cand, "u"))), "DURATION"


def _context_quarter(ctx: _Context) -> int:
    if ctx.quarter is not None:
        return ctx.quarter
    # the quarter a news report talks about is the last one completed (reported ~1 month on)
    return _quarter_of(ctx.anchor - dt.timedelta(days=45))


def _quarter(cand: Candidate, ctx: _Context) -> tuple[str, TimexType] | None:
    ord_text = _g(cand, "ord").lower()
    rel = _g(cand, "rel").lower()
    a = ctx.anchor
    year_text = _g(cand, "y1") or _g(cand, "y2")
    yr = _g(cand, "yr").lower()
    if _g(cand, "q").lower() == "period" and (ord_text or rel not in PERIOD_RELS):
        if not year_text or ord_text:
            return None
        # "the 1988 period": the year's part under discussion (a quarter in earnings news)
        if ctx.quarter is not None:
            return f"{year_text}-Q{ctx.quarter}", "DATE"
        return year_text, "DATE"
    if ord_text:
        q = ORDINALS[ord_text]
        ctx.quarter = q
        if year_text:
            year = int(year_text)
        elif yr:
            year = a.year + {"this": 0, "last": -1, "next": 1}[yr]
        elif rel in {"year-ago", "year-earlier", "last", "previous"}:
            year = a.year - 1
        else:
            start = dt.date(a.year, 3 * q - 2, 1)
            tense = ctx.tense(cand.start, cand.end)
            year = a.year - 1 if start > a and tense != "future" else a.year
        return f"{year:04d}-Q{q}", "DATE"
    if not (_g(cand, "the") or rel or yr or year_text):
        return None
    if rel in {"this", "current"}:
        return f"{a.year:04d}-Q{_quarter_of(a)}", "DATE"
    if rel == "next":
        return _shift_unit(a, "quarter", 1) or "", "DATE"
    if rel in {"last", "previous", "past"} and ctx.quarter is None:
        return _shift_unit(a, "quarter", -1) or "", "DATE"
    q = _context_quarter(ctx)
    year = a.year if q <= _quarter_of(a) else a.year - 1
    if year_text:
        year = int(year_text)
    elif yr:
        year = a.year + {"this": 0, "last": -1, "next": 1}[yr]
    if rel in {"year-ago", "year-earlier"}:
        year -= 1
    return f"{year:04d}-Q{q}", "DATE"


# "the latest period", "the year-ago period": in earnings news, the quarter being reported.
PERIOD_RELS = frozenset({"latest", "year-ago", "year-earlier", "comparable", "same"})


def _half(cand: Candidate, ctx: _Context) -> tuple[str, TimexType] | None:
    h = 1 if _g(cand, "ord").lower() == "first" else 2  # second, last, latter
    year = int(_g(cand, "y")) if _g(cand, "y") else ctx.anchor.year
    return f"{year:04d}-H{h}", "DATE"


def _yearago(cand: Candidate, ctx: _Context) -> tuple[str, TimexType] | None:
    year = ctx.anchor.year - 1
    if ctx.quarter is not None:
        return f"{year:04d}-Q{ctx.quarter}", "DATE"
    return f"{year:04d}", "DATE"


def _decade(cand: Candidate, ctx: _Context) -> tuple[str, TimexType] | None:
    if _g(cand, "c"):
        return f"{_g(cand, 'c')}{_g(cand, 'd')}", "DATE"
    d = int(_g(cand, "d2"))
    century = 19 if d * 10 + 1900 <= ctx.anchor.year or ctx.anchor.year < 1000 else 20
    if ctx.anchor.year >= 2000 and d * 10 + 2000 <= ctx.anchor.year:
        century = 20 if d < 2 else 19
    return f"{century}{d}", "DATE"


def _century(cand: Candidate, ctx: _Context) -> tuple[str, TimexType] | None:
    word = _g(cand, "n").lower()
    n = int(re.sub(r"\D", "", word)) if word[0].isdigit() else ORDINALS.get(word)
    if n is None:
        return None
    return f"{n - 1:02d}", "DATE"


def _this_century(cand: Candidate, ctx: _Context) -> tuple[str, TimexType] | None:
    k = {"this": 0, "last": -1, "next": 1}[_g(cand, "rel").lower()]
    return f"{ctx.anchor.year // 100 + k:02d}", "DATE"


def _year(cand: Candidate, ctx: _Context) -> tuple[str, TimexType] | None:
    y = _g(cand, "y")
    mod = _g(cand, "mod").lower()
    for name, code in SEASONS.items():
        if name in mod:
            return f"{y}-{code}", "DATE"
    return y, "DATE"


_REFS: dict[str, str] = {
    "right now": "PRESENT_REF", "now": "PRESENT_REF", "currently": "PRESENT_REF",
    "current": "PRESENT_REF", "nowadays": "PRESENT_REF", "presently": "PRESENT_REF",
    "at present": "PRESENT_REF", "these days": "PRESENT_REF", "the present": "PRESENT_REF",
    "recently": "PAST_REF", "recent": "PAST_REF", "lately": "PAST_REF", "formerly": "PAST_REF",
    "previously": "PAST_REF", "the past": "PAST_REF",
    "the future": "FUTURE_REF", "the near future": "FUTURE_REF",
    "the distant future": "FUTURE_REF", "the near term": "FUTURE_REF",
    "the short term": "FUTURE_REF", "the long term": "FUTURE_REF",
}  # fmt: skip


def _ref(cand: Candidate, ctx: _Context) -> tuple[str, TimexType] | None:
    word = re.sub(r"\s+", " ", _g(cand, "w").lower())
    return _REFS[word], "DATE"


_SET_UNITS: dict[str, str] = {
    "day": "P1D", "week": "P1W", "weekend": "P1WE", "month": "P1M", "quarter": "P3M",
    "year": "P1Y", "decade": "P10Y", "century": "P100Y",
    "morning": "XXXX-XX-XXTMO", "afternoon": "XXXX-XX-XXTAF", "evening": "XXXX-XX-XXTEV",
    "night": "XXXX-XX-XXTNI", "overnight": "XXXX-XX-XXTNI",
}  # fmt: skip


def _set(cand: Candidate, ctx: _Context) -> tuple[str, TimexType] | None:
    u = _g(cand, "u").lower().rstrip(".")
    if u in _SET_UNITS:
        return _SET_UNITS[u], "SET"
    if u in WEEKDAYS:
        return f"XXXX-WXX-{WEEKDAYS[u] + 1}", "SET"
    if u in MONTHS:
        return f"XXXX-{MONTHS[u]:02d}", "SET"
    return None


_SET_ADVERBS: dict[str, str] = {
    "daily": "P1D", "nightly": "P1D", "weekly": "P1W", "monthly": "P1M", "quarterly": "P3M",
    "annually": "P1Y", "yearly": "P1Y", "hourly": "PT1H",
}  # fmt: skip


def _set_adv(cand: Candidate, ctx: _Context) -> tuple[str, TimexType] | None:
    return _SET_ADVERBS[_g(cand, "w").lower()], "SET"


def _nth_weekday(year: int, month: int, wd: int, n: int) -> dt.date:
    """The n-th weekday ``wd`` of a month (n = -1: the last one)."""
    if n > 0:
        first = dt.date(year, month, 1)
        return first + dt.timedelta(days=(wd - first.weekday()) % 7 + 7 * (n - 1))
    y, m = _add_months(year, month, 1)
    last = dt.date(y, m, 1) - dt.timedelta(days=1)
    return last - dt.timedelta(days=(last.weekday() - wd) % 7)


def _easter(year: int) -> dt.date:
    # anonymous Gregorian algorithm (Meeus/Jones/Butcher)
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    m = (32 + 2 * e + 2 * i - h - k) % 7
    n = (a + 11 * h + 22 * m) // 451
    month, day = divmod(h + m - 7 * n + 114, 31)
    return dt.date(year, month, day + 1)


def _holiday_date(name: str, year: int) -> dt.date | None:
    n = re.sub(r"\s+", " ", name.lower())
    fixed = {
        "christmas": (12, 25), "christmas day": (12, 25), "christmas eve": (12, 24),
        "new year's": (1, 1), "new year's day": (1, 1), "new year's eve": (12, 31),
        "independence day": (7, 4), "fourth of july": (7, 4), "halloween": (10, 31),
        "valentine's day": (2, 14), "veterans day": (11, 11),
    }  # fmt: skip
    if n in fixed:
        return dt.date(year, *fixed[n])
    if n.startswith("thanksgiving"):
        return _nth_weekday(year, 11, 3, 4)
    if n.startswith("easter"):
        return _easter(year)
    if n == "labor day":
        return _nth_weekday(year, 9, 0, 1)
    if n == "memorial day":
        return _nth_weekday(year, 5, 0, -1)
    if n == "election day":
        return _nth_weekday(year, 11, 0, 1) + dt.timedelta(days=1)
    return None


def _holiday(cand: Candidate, ctx: _Context) -> tuple[str, TimexType] | None:
    name = _g(cand, "w")
    tense = ctx.tense(cand.start, cand.end)
    a = ctx.anchor
    options = [d for y in (a.year - 1, a.year, a.year + 1) if (d := _holiday_date(name, y))]
    if not options:
        return None
    if tense == "past":
        pool = [d for d in options if d <= a] or options
        best = max(pool)
    elif tense == "future":
        pool = [d for d in options if d >= a] or options
        best = min(pool)
    else:
        best = min(options, key=lambda d: abs((d - a).days))
    return best.isoformat(), "DATE"


_HANDLERS = {
    "iso_date": _iso_date,
    "slash_date": _slash_date,
    "md": _month_day,
    "dm": _month_day,
    "my": _month_year,
    "month_year_rel": _month_year_rel,
    "month_rel": _month_rel,
    "month": _month,
    "weekday": _weekday_h,
    "clock": _clock,
    "clock24": _clock24,
    "noon": _noon,
    "dayrel": _dayrel,
    "pod_rel": _pod_rel,
    "unit_rel": _unit_rel,
    "weekend": _weekend,
    "end_of": _end_of,
    "season": _season,
    "ago": _ago,
    "duration": _duration,
    "plural_vague": _plural_vague,
    "for_plural": _for_plural,
    "plural": _for_plural,
    "the_unit": _the_unit,
    "quarter": _quarter,
    "half": _half,
    "yearago": _yearago,
    "decade": _decade,
    "century": _century,
    "this_century": _this_century,
    "year": _year,
    "ref": _ref,
    "set": _set,
    "set_adv": _set_adv,
    "holiday": _holiday,
}
