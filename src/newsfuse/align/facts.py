"""Facts across a story's articles: the sentences several sources state, and what only
one source reports. Every line cites the sentences it comes from by article, paragraph
and offsets; a citation of another article's sentence carries the score with which the
matcher accepted it as stating the same thing.

A fact line is an *anchor* sentence with, from each other article, the one sentence
that states the same claim: the matcher accepts the pair (its score reaches the
scorer's threshold, ``newsfuse.states_same`` for the brief) and each is the other's best
match in its article. Lines are stars, never chains: every cited sentence
was compared with the line's own, so a citation cannot be carried in by a third
sentence. Two sentences that would match but give different values for the same
measure are not cited as agreeing: the line records the other value under ``differs``.
A sentence is *unique* to its article when no sentence of another article comes close
(:data:`COVERED`), it carries no quote another outlet carries and no figure another
outlet gives for the same measure.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Protocol, TypeVar

from newsfuse.align import figures
from newsfuse.align.figures import agree
from newsfuse.align.sentences import Sentence, sentences
from newsfuse.align.similarity import Scorer
from newsfuse.align.text import informative, out_of_context
from newsfuse.align.timing import later_first, preview
from newsfuse.model import (
    Article,
    Difference,
    FactLine,
    Figure,
    FigureGroup,
    Findings,
    QuoteGroup,
    SummaryLine,
    TimelineLine,
    UniqueLine,
)

Line = TypeVar("Line", FactLine, SummaryLine, TimelineLine)

# A sentence with a counterpart scoring this much elsewhere is not unique to its source
# (nor "silent" in the claims view): far below the decision, since listing a sentence as
# one source's alone is itself a claim. Dev unique precision / recall: 0.05 -> 0.85 /
# 0.30, 0.1 -> 0.83 / 0.42, 0.15 -> 0.81 / 0.46, 0.3 -> 0.59 / 0.71.
COVERED = 0.1
# A sentence sharing this many content words, and this share of the shorter sentence's,
# with one of another article is not unique to its own (the lexical aligner's rule).
LOOSE_SHARED, LOOSE_OVERLAP = 3, 0.3
# Fewest content words two sentences share before they are scored at all.
MIN_SHARED = 2
# Sentences with fewer content words are not facts (datelines, "He agreed.").
MIN_WORDS = 5

_DIGITS = re.compile(r"\d[\d,.]*")
_QUOTE_FIRST = re.compile(r"\s*[“\"‘']")


class Located(Protocol):
    """Anything that stands at a place of an article: a quote, a figure, a cited sentence."""

    @property
    def article(self) -> str: ...
    @property
    def paragraph(self) -> int: ...
    @property
    def start(self) -> int: ...


@dataclass(slots=True)
class Story:
    """What the fact aligner knows of a story: its sentences and their scored pairs."""

    articles: Sequence[Article]
    units: list[Sentence]
    numbers: dict[int, list[Figure]]  # sentence -> figures in it
    quoted: set[int]  # sentences holding a quote another article carries
    grouped_numbers: set[int]  # sentences with a figure grouped across articles
    scores: dict[tuple[int, int], float] = field(default_factory=dict)  # i < j
    where: dict[tuple[str, int], list[int]] = field(default_factory=dict)
    threshold: float = 0.5  # the scorer's: a pair scoring this much states the same thing

    def score(self, i: int, j: int) -> float:
        return self.scores.get((min(i, j), max(i, j)), 0.0)

    def holder(self, item: Located) -> int | None:
        """The sentence holding an extracted item (its article, paragraph and start)."""
        for k in self.where.get((item.article, item.paragraph), []):
            if self.units[k].start <= item.start < self.units[k].end:
                return k
        return None


def prepare(
    articles: Sequence[Article],
    findings: Findings,
    scorer: Scorer,
    *,
    quote_groups: Sequence[QuoteGroup] = (),
    number_groups: Sequence[FigureGroup] = (),
) -> Story:
    """Split the articles into sentences and score every pair of sentences of different
    articles that share enough words."""
    units = [s for a in articles for s in sentences(a)]
    story = Story(articles, units, {}, set(), set(), threshold=scorer.threshold)
    for k, s in enumerate(units):
        story.where.setdefault((s.article, s.paragraph), []).append(k)
    holder = story.holder

    numbers: dict[int, list[Figure]] = {}
    by_number: dict[str, int] = {}
    for n in findings.numbers:
        at = holder(n)
        if at is not None:
            numbers.setdefault(at, []).append(n)
            by_number[n.id] = at
    grouped_numbers = {by_number[i] for g in number_groups for i in g.numbers if i in by_number}
    quotes = {q.id: q for q in findings.quotes}
    quoted = set()
    for g in quote_groups:
        for qid in g.quotes:
            q = quotes.get(qid)
            at = holder(q) if q else None
            if at is not None:
                quoted.add(at)
    story.numbers, story.quoted, story.grouped_numbers = numbers, quoted, grouped_numbers
    pairs = [
        (i, j)
        for i, a in enumerate(units)
        for j in range(i + 1, len(units))
        if units[j].article != a.article
        and _comparable(a)
        and _comparable(units[j])
        and len(a.words & units[j].words) >= MIN_SHARED
    ]
    # two tellings that differ only in a figure are compared apart from their figures, so
    # that the pair is found and shown as a conflict rather than missed
    texts = [
        (masked(units[i].text), masked(units[j].text))
        if disagree(story, i, j)
        else (units[i].text, units[j].text)
        for i, j in pairs
    ]
    story.scores = dict(zip(pairs, scorer.probabilities(texts), strict=True))
    return story


def shared_facts(story: Story, copies: Mapping[str, str] | None = None) -> list[FactLine]:
    """Lines several sources state, most sources first; ``copies`` maps a syndicated copy
    to its original, which it does not confirm."""
    copies = copies or {}
    units = story.units
    best: dict[tuple[int, str], tuple[float, int]] = {}
    differs: dict[int, list[int]] = {}
    for (i, j), p in story.scores.items():
        if p < story.threshold:
            continue
        if disagree(story, i, j):
            differs.setdefault(i, []).append(j)
            differs.setdefault(j, []).append(i)
            continue
        for a, b in ((i, j), (j, i)):
            key = (a, units[b].article)
            if key not in best or p > best[key][0]:
                best[key] = (p, b)
    stars: list[tuple[int, list[tuple[int, float]]]] = []
    for i in range(len(units)):
        support = [
            (j, p)
            for (a, _), (p, j) in best.items()
            if a == i and best.get((j, units[i].article), (0.0, -1))[1] == i
        ]
        if support and standalone(units[i]):
            stars.append((i, sorted(support, key=lambda t: units[t[0]].position)))
    order = {a.id: k for k, a in enumerate(story.articles)}
    newest = {a.id: later_first(a.published) for a in story.articles}
    # a line is anchored, among stars citing as many articles, on a sentence that reads
    # best alone: a report rather than a preview, the writer's words rather than a
    # quotation, the nearer the lead the better, from the most recent article
    stars.sort(key=lambda s: (-len(s[1]), preview(units[s[0]].text),
                              _QUOTE_FIRST.match(units[s[0]].text) is not None,
                              units[s[0]].paragraph, newest[units[s[0]].article],
                              order[units[s[0]].article], units[s[0]].position))  # fmt: skip
    covered: set[frozenset[int]] = set()
    lines: list[FactLine] = []
    for i, support in stars:
        pairs = {frozenset((i, j)) for j, _ in support}
        if pairs <= covered:
            continue  # every citation already shown by an earlier line
        # a line puts all its sentences side by side: none of their pairs is new again
        ids = [i, *(j for j, _ in support)]
        covered |= {frozenset((a, b)) for a in ids for b in ids if a != b}
        members = [units[i], *(units[j] for j, _ in support)]
        sources = {copies.get(s.article, s.article) for s in members}
        if len(sources) < 2:
            continue  # a wire copy repeating its original is one source
        lines.append(
            FactLine(
                text=units[i].text,
                articles=tuple(dict.fromkeys(s.article for s in members)),
                cites=(units[i].cite(), *(units[j].cite(p) for j, p in support)),
                sources=len(sources),
                differs=tuple(_differ(story, i, j) for j in differs.get(i, [])),
            )
        )
    lines.sort(key=lambda f: (-f.sources, order[f.articles[0]]))
    return lines


def unique(story: Story, shared: Sequence[FactLine]) -> list[UniqueLine]:
    """Sentences only one source states, in article order: no close counterpart
    elsewhere, no quote or figure another article carries."""
    cited = {(c.article, c.paragraph, c.start) for f in shared for c in f.cites}
    near: set[int] = set()
    for (i, j), p in story.scores.items():
        if p >= COVERED or _loosely_same(story.units[i], story.units[j]):
            near.update((i, j))
    out = []
    for k, s in enumerate(story.units):
        if (
            (s.article, s.paragraph, s.start) in cited
            or k in near
            or k in story.quoted
            or k in story.grouped_numbers
            or not standalone(s)
            or not informative(s.text)
        ):
            continue
        out.append(UniqueLine(article=s.article, paragraph=s.paragraph, start=s.start,
                              end=s.end, text=s.text))  # fmt: skip
    return out


def _loosely_same(a: Sentence, b: Sentence) -> bool:
    """Many shared content words: the same point in other words, often enough that a
    sentence sharing them is not shown as one source's alone."""
    shared = len(a.words & b.words)
    return shared >= LOOSE_SHARED and shared >= LOOSE_OVERLAP * min(len(a.words), len(b.words))


def standalone(s: Sentence) -> bool:
    """A sentence a brief can show on its own: long enough, and not a piece of a quote
    or an attribution that needs its neighbours."""
    return len(s.words) >= MIN_WORDS and not out_of_context(s.text)


def _comparable(s: Sentence) -> bool:
    return len(s.words) >= MIN_WORDS


def disagree(story: Story, i: int, j: int) -> bool:
    """Whether two sentences give different values for the same measure."""
    return figures.disagree(story.numbers.get(i, []), story.numbers.get(j, []))


def _differ(story: Story, i: int, j: int) -> Difference:
    """Where another article gives a different value: its sentence, its figures, and the
    line's own figures they differ from."""
    pairs = figures.conflicting_pairs(story.numbers.get(i, []), story.numbers.get(j, []))
    return _difference(
        story.units[j],
        tuple(dict.fromkeys(n.text for _, n in pairs)),
        tuple(dict.fromkeys(m.text for m, _ in pairs)),
    )


def _difference(s: Sentence, figures: tuple[str, ...], against: tuple[str, ...]) -> Difference:
    return Difference(article=s.article, paragraph=s.paragraph, start=s.start, end=s.end,
                      figures=figures, against=against)  # fmt: skip


def mark_conflicts(
    story: Story, lines: Sequence[Line], number_groups: Sequence[FigureGroup]
) -> list[Line]:
    """Each line with the other values of its figures' conflicting groups: the articles
    that give them go under ``differs`` and are never cited as agreeing (a summary line
    from one article's lead included)."""
    by_id = {n.id: n for ns in story.numbers.values() for n in ns}
    conflicts = [[by_id[i] for i in g.numbers if i in by_id] for g in number_groups]
    conflicts = [g for g in conflicts if len({n.article for n in g}) >= 2]
    out: list[Line] = []
    for line in lines:
        own = story.holder(line.cites[0])
        if own is None:
            out.append(line)
            continue
        mine = story.numbers.get(own, [])
        cites, differs = list(line.cites), list(line.differs)
        for group in conflicts:
            ours = [m for m in mine if any(m is n for n in group)]
            for m in ours:
                for n in group:
                    if n.article == line.cites[0].article or agree(m, n):
                        continue
                    k = story.holder(n)
                    if k is None:
                        continue
                    cites = [c for c in cites if c.article != n.article]
                    entry = _difference(story.units[k], (n.text,), (m.text,))
                    if not any(d.start == entry.start and d.article == entry.article
                               for d in differs):  # fmt: skip
                        differs.append(entry)
        articles = tuple(dict.fromkeys(c.article for c in cites))
        out.append(replace(line, cites=tuple(cites), differs=tuple(differs), articles=articles))
    return out


def masked(text: str) -> str:
    """A sentence with its digits masked, to compare two tellings apart from their figures."""
    return _DIGITS.sub("#", text)
