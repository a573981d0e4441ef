"""The lexical aligner newsfuse used before the matcher by meaning: the baseline row of
``newsfuse eval align``, kept so that every run measures the new aligner against it.

Its three decisions, as they stood: two sentences (or two quotes of one named speaker)
of different articles are the same when their content words overlap enough on the
shorter side and each is the other's best match; a sentence with no loose counterpart
that carries a figure, quote or name is unique (six per article); two figures are one
measure when unit and counted noun match, no two countries differ and the values lie
within a factor of three, and they conflict when their written-precision intervals do
not meet. It returns the same fields as :func:`newsfuse.align.align`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence

from newsfuse.align.sets import DisjointSets
from newsfuse.align.text import content_words, fold, informative, out_of_context, places_of
from newsfuse.model import (
    Alignment,
    Article,
    FactLine,
    Figure,
    FigureGroup,
    Findings,
    GroupMeasure,
    Quote,
    QuoteGroup,
    SummaryLine,
    UniqueLine,
)

# Thresholds as they were: facts need 4 shared words and half the shorter sentence; a
# looser 3 words / 30 % keeps a sentence off the unique list; quotes need 3 words / 40 %.
FACT_SHARED, FACT_OVERLAP = 4, 0.5
LOOSE_SHARED, LOOSE_OVERLAP = 3, 0.3
QUOTE_SHARED, QUOTE_OVERLAP = 3, 0.4
MIN_WORDS = 5
UNIQUE_PER_ARTICLE = 6
SUMMARY_MIN, SUMMARY_MAX = 5, 10
# Figures: smallest value compared, largest ratio within a measure, "about" = +-10 %,
# five words before a figure read for its country, 4 significant digits = exact count.
MIN_VALUE, MAX_RATIO, APPROXIMATE, PLACE_WINDOW, EXACT_DIGITS = 2.0, 3.0, 0.10, 5, 4

_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")


def align(
    articles: Sequence[Article],
    findings: Findings,
    copies: Mapping[str, str] | None = None,
) -> Alignment:
    """``quote_groups``, ``number_groups``, ``facts``, ``unique`` and ``summary`` (no
    timeline or claims: the baseline never had them)."""
    from newsfuse.align.sentences import sentences

    copies = copies or {}
    units = [s for a in articles for s in sentences(a)]
    ok = [s for s in units if len(s.words) >= MIN_WORDS and not out_of_context(s.text)]
    best: dict[tuple[int, str], tuple[float, int]] = {}
    covered: set[int] = set()
    for i, a in enumerate(ok):
        for j, b in enumerate(ok):
            if a.article == b.article:
                continue
            shared = len(a.words & b.words)
            score = shared / min(len(a.words), len(b.words))
            if shared >= LOOSE_SHARED and score >= LOOSE_OVERLAP:
                covered.add(i)
            if shared >= FACT_SHARED and score >= FACT_OVERLAP:
                key = (i, b.article)
                if key not in best or score > best[key][0]:
                    best[key] = (score, j)
    sets = DisjointSets(len(ok))
    matched: set[int] = set()
    for (i, _), (_, j) in best.items():
        if best.get((j, ok[i].article), (0.0, -1))[1] == i:
            sets.union(i, j)
            matched.update((i, j))
    order = {a.id: k for k, a in enumerate(articles)}
    facts: list[FactLine] = []
    for idx in sets.groups(matched):
        members = sorted((ok[i] for i in idx), key=lambda s: (order[s.article], s.position))
        sources = {copies.get(s.article, s.article) for s in members}
        if len(sources) < 2:
            continue
        facts.append(
            FactLine(
                text=members[0].text,
                articles=tuple(dict.fromkeys(s.article for s in members)),
                cites=tuple(s.cite() for s in members),
                sources=len(sources),
            )
        )
    facts.sort(key=lambda f: (-len(f.articles), order[f.articles[0]]))
    unique: list[UniqueLine] = []
    for art in articles:
        shown = [
            s
            for k, s in enumerate(ok)
            if s.article == art.id and k not in matched | covered and informative(s.text)
        ]
        unique += [
            UniqueLine(article=s.article, paragraph=s.paragraph, start=s.start, end=s.end,
                       text=s.text)
            for s in shown
        ][:UNIQUE_PER_ARTICLE]  # fmt: skip
    summary = [SummaryLine(text=f.text, articles=f.articles, cites=f.cites)
               for f in facts[:SUMMARY_MAX]]  # fmt: skip
    seen = [content_words(f.text) for f in summary]
    leads = [[s for s in ok if s.article == art.id] for art in articles]
    for k in range(max(map(len, leads), default=0)):  # each article's lead in turn
        for ss in leads:
            if k < len(ss) and len(summary) < SUMMARY_MIN:
                s = ss[k]
                if not any(
                    len(s.words & w) >= FACT_OVERLAP * min(len(s.words), len(w)) for w in seen
                ):
                    seen.append(s.words)
                    summary.append(
                        SummaryLine(text=s.text, articles=(s.article,), cites=(s.cite(),))
                    )
    return Alignment(
        quotes=findings.quotes,
        quote_groups=quote_groups(findings.quotes),
        number_groups=number_groups(findings.numbers),
        facts=tuple(facts),
        unique=tuple(unique),
        summary=tuple(summary),
    )


def quote_groups(quotes: Sequence[Quote]) -> tuple[QuoteGroup, ...]:
    """Quotes of one named speaker in different articles, mutual best overlaps joined
    strongest first, one quote per article in a group."""
    words = [content_words(q.text) for q in quotes]
    best: dict[tuple[int, str], tuple[float, int]] = {}
    for i, a in enumerate(quotes):
        for j, b in enumerate(quotes):
            if a.article == b.article or not _same_speaker(a, b):
                continue
            shared = len(words[i] & words[j])
            if shared < QUOTE_SHARED:
                continue
            score = shared / min(len(words[i]), len(words[j]))
            key = (i, b.article)
            if score >= QUOTE_OVERLAP and (key not in best or score > best[key][0]):
                best[key] = (score, j)
    sets = DisjointSets(len(quotes))
    articles_of = {i: {q.article} for i, q in enumerate(quotes)}
    for _, i, j in sorted(((s, i, j) for (i, _), (s, j) in best.items()), reverse=True):
        if best.get((j, quotes[i].article), (0.0, -1))[1] != i:
            continue
        ri, rj = sets.find(i), sets.find(j)
        if ri != rj and not articles_of[ri] & articles_of[rj]:
            sets.union(ri, rj)
            articles_of[ri] |= articles_of[rj]
    out: list[QuoteGroup] = []
    for idx in sets.groups():
        if len({quotes[i].article for i in idx}) >= 2:
            out.append(
                QuoteGroup(id=f"g{len(out) + 1}", speaker=quotes[idx[0]].speaker,
                           quotes=tuple(quotes[i].id for i in idx),
                           articles=tuple(dict.fromkeys(quotes[i].article for i in idx)))
            )  # fmt: skip
    return tuple(out)


def number_groups(numbers: Sequence[Figure]) -> tuple[FigureGroup, ...]:
    """Figures of one measure (unit, counted noun, country, factor 3) across articles."""
    sets = DisjointSets(len(numbers))
    for i, a in enumerate(numbers):
        for j in range(i + 1, len(numbers)):
            if a.article != numbers[j].article and _same_measure(a, numbers[j]):
                sets.union(i, j)
    out: list[FigureGroup] = []
    for idx in sets.groups():
        items = [numbers[i] for i in idx]
        if len({n.article for n in items}) < 2:
            continue
        conflict = any(not _agree(x, y) for k, x in enumerate(items) for y in items[k + 1 :])
        out.append(
            FigureGroup(
                id=f"ng{len(out) + 1}",
                about=max((n.about or "" for n in items), key=len),
                numbers=tuple(n.id for n in items),
                articles=tuple(dict.fromkeys(n.article for n in items)),
                sources=tuple(dict.fromkeys(n.attributed_to for n in items)),
                conflict=conflict,
                measure=GroupMeasure(unit=items[0].unit, kind=items[0].kind),
                members=(),
            )
        )
    return tuple(out)


def _same_speaker(a: Quote, b: Quote) -> bool:
    if not a.speaker or not b.speaker:
        return False
    if a.speaker_entity and b.speaker_entity:
        return a.speaker_entity == b.speaker_entity
    return a.speaker.lower() == b.speaker.lower()


def _same_measure(a: Figure, b: Figure) -> bool:
    if a.vague or b.vague or a.unit != b.unit:
        return False
    va, vb = a.value, b.value
    if min(va, vb) < MIN_VALUE or max(va, vb) / min(va, vb) > MAX_RATIO:
        return False
    head = _head(a.about)
    if not head or head != _head(b.about):
        return False
    pa, pb = _places_near(a), _places_near(b)
    return not (pa and pb and not pa & pb)


def _agree(a: Figure, b: Figure) -> bool:
    (la, ha, sa), (lb, hb, sb) = _interval(a), _interval(b)
    if math.isclose(sa, sb) and not a.qualifier and not b.qualifier:
        return math.isclose(a.value, b.value)
    return la <= hb and lb <= ha


def _interval(n: Figure) -> tuple[float, float, float]:
    value = n.value
    m = _NUMBER.search(n.text or "")
    if m is None or value == 0:
        step = max(abs(value) * APPROXIMATE, 1.0)
    else:
        digits = m.group().replace(",", "")
        scale = value / float(digits) if float(digits) else 1.0
        if "." in digits:
            step = float(10 ** -len(digits.split(".")[1])) * scale
        else:
            significant = digits.rstrip("0")
            zeros = len(digits) - len(significant)
            if len(significant) == 1 and zeros:
                zeros -= 1
            step = scale if len(significant) >= EXACT_DIGITS else float(10**zeros) * scale
    low, high = value - step / 2, value + step
    q = (n.qualifier or "").lower()
    if q.startswith(("more than", "over", "at least", "upwards of", "in excess of", "above")):
        low, high = value, math.inf
    elif q.startswith(("less than", "under", "at most", "fewer than", "below", "nearly", "almost")):
        low, high = value * (1 - APPROXIMATE), value
    elif q.split()[:1] and q.split()[0] in {"about", "some", "around", "roughly", "approximately"}:
        low, high = min(low, value * (1 - APPROXIMATE)), max(high, value * (1 + APPROXIMATE))
    return low, high, step


def _places_near(n: Figure) -> frozenset[str]:
    about = places_of(n.about or "")
    if about:
        return about
    sentence, text = n.sentence or "", n.text or ""
    at = sentence.find(text) if text else -1
    return places_of(" ".join(sentence[:at].split()[-PLACE_WINDOW:])) if at >= 0 else frozenset()


def _head(about: str | None) -> str | None:
    if not about:
        return None
    phrase = re.sub(
        r"(?i)^\s*(?:the\s+)?(?:\w+\s+)?(?:number|amount|total|share|count)\s+of\s+", "", str(about)
    )
    for word in re.findall(r"[A-Za-z][A-Za-z'’-]*", phrase):
        w = fold(word)
        if w in content_words(word) and not places_of(word):
            return {"soldier": "troop", "casualty": "troop", "personnel": "troop"}.get(w, w)
    return None
