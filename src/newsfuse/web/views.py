"""What the pages show, shaped from the store and the brief: sorted and paged story lists,
the side-by-side columns with their highlights, search snippets split around matches,
quotes grouped by speaker, and the few store look-ups the pages need.

Nothing here builds HTML: the templates do, with autoescaping, so article text can only
ever reach a page as text.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal
from urllib.parse import urlsplit

from newsfuse.briefing.render import _PROVENANCE, cite
from newsfuse.model import Brief, FactLine, Story, SummaryLine, UniqueLine
from newsfuse.store.briefs import QuoteHit
from newsfuse.store.search import SearchHit

# ----------------------------------------------------------------------------- small helpers


def is_http(url: str | None) -> bool:
    """Whether ``url`` may be a link: only http(s), so a ``javascript:`` URL stays text."""
    if not url:
        return False
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return False
    return parts.scheme.lower() in {"http", "https"} and bool(parts.netloc)


def provenance(source: str) -> str:
    """Where a metadata value came from, in words ("from page metadata")."""
    return _PROVENANCE.get(source, source)


def anchor(brief: Brief, article_id: str, paragraph: int) -> str:
    """The element id of a paragraph in the side-by-side view: ``A1-p3`` (1-based, like the
    brief's citation "A1 ¶3")."""
    return f"{brief.labels.get(article_id, 'A0')}-p{paragraph + 1}"


@dataclass(frozen=True, slots=True)
class Paging:
    """One page of a longer list: which page, how many, and the slice it covers."""

    page: int
    pages: int
    total: int
    size: int

    @property
    def start(self) -> int:
        return (self.page - 1) * self.size

    @property
    def stop(self) -> int:
        return self.start + self.size

    @property
    def has_prev(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages


def paginate(total: int, page: int, size: int) -> Paging:
    """The page ``page`` (clamped into range) of ``total`` items, ``size`` per page."""
    size = max(1, size)
    pages = max(1, math.ceil(total / size))
    return Paging(min(max(1, page), pages), pages, total, size)


# ----------------------------------------------------------------------------- stories list

StorySort = Literal["articles", "newest", "oldest", "headline"]
STORY_SORTS: tuple[StorySort, ...] = ("articles", "newest", "oldest", "headline")


def story_sort(value: str | None) -> StorySort:
    """The sort asked for, or the default (most articles first) for anything else."""
    for s in STORY_SORTS:
        if value == s:
            return s
    return "articles"


def sort_stories(stories: Sequence[Story], sort: StorySort) -> list[Story]:
    """Stories in the order a column header asks for; undated stories last by date."""
    out = list(stories)
    if sort == "headline":
        out.sort(key=lambda s: (s.headline.casefold(), s.id))
    elif sort == "newest":
        out.sort(key=lambda s: s.last_published or "", reverse=True)
        out.sort(key=lambda s: s.last_published is None)  # stable: undated go last
    elif sort == "oldest":
        out.sort(key=lambda s: (s.first_published is None, s.first_published or ""))
    # "articles": the store's own order (most articles first, then newest)
    return out


# ----------------------------------------------------------------------------- side by side

HighlightKind = Literal["corroborated", "quote", "conflict", "unique"]


@dataclass(frozen=True, slots=True)
class Highlight:
    """A kind of highlighted paragraph, as the legend explains it."""

    kind: HighlightKind
    marker: str  # shown beside the paragraph, so the kind never rests on colour alone
    label: str
    meaning: str


HIGHLIGHTS: tuple[Highlight, ...] = (
    Highlight(
        "corroborated",
        "✔",
        "corroborated",
        "states a fact that two or more sources report (cited by a shared fact or a summary line)",
    ),
    Highlight("quote", "❝", "quote group", "holds a quote that other sources carry too"),
    Highlight(
        "conflict", "⚠", "conflicting figure", "holds a figure that other sources give differently"
    ),
    Highlight("unique", "★", "unique", "reports something no other source does"),
)


@dataclass(frozen=True, slots=True)
class Paragraph:
    """One paragraph of a column, with its element id and what it is highlighted for."""

    id: str
    number: int  # 1-based
    text: str
    highlights: tuple[Highlight, ...]


@dataclass(frozen=True, slots=True)
class Column:
    """One article of the side-by-side view."""

    label: str
    article_id: str
    source: str | None
    title: str | None
    published: str | None
    url: str | None
    paragraphs: tuple[Paragraph, ...]

    def count(self, kind: str) -> int:
        return sum(1 for p in self.paragraphs if any(h.kind == kind for h in p.highlights))


def _cited(item: FactLine | SummaryLine | UniqueLine) -> list[tuple[str, int]]:
    if isinstance(item, UniqueLine):
        return [(item.article, item.paragraph)]
    return [(c.article, c.paragraph) for c in item.cites]


def paragraph_highlights(brief: Brief) -> dict[tuple[str, int], set[HighlightKind]]:
    """(article id, 0-based paragraph) → the kinds of highlight that paragraph earns."""
    marks: dict[tuple[str, int], set[HighlightKind]] = {}

    def mark(where: Iterable[tuple[str, int]], kind: HighlightKind) -> None:
        for key in where:
            marks.setdefault(key, set()).add(kind)

    lines: list[FactLine | SummaryLine] = [*brief.facts, *brief.summary]
    for item in lines:
        cited = _cited(item)
        if len({a for a, _ in cited}) >= 2:
            mark(cited, "corroborated")
    quotes = {q.id: q for q in brief.quotes}
    for group in brief.quote_groups:
        for qid in group.quotes:
            q = quotes.get(qid)
            if q is None:
                continue
            first, last = q.paragraph, q.end_paragraph
            mark(((q.article, p) for p in range(first, max(first, last) + 1)), "quote")
    numbers = {n.id: n for n in brief.numbers}
    for ng in brief.number_groups:
        if ng.conflict:
            found = (numbers[i] for i in ng.numbers if i in numbers)
            mark(((n.article, n.paragraph) for n in found), "conflict")
    for u in brief.unique:
        mark(_cited(u), "unique")
    return marks


def compare_columns(brief: Brief) -> list[Column]:
    """The brief's articles as columns of highlighted paragraphs, in label order."""
    marks = paragraph_highlights(brief)
    columns = []
    for a in brief.articles:
        label = a.label
        paragraphs = tuple(
            Paragraph(
                f"{label}-p{i}",
                i,
                text,
                tuple(h for h in HIGHLIGHTS if h.kind in marks.get((a.id, i - 1), ())),
            )
            for i, text in enumerate(a.paragraphs, 1)
        )
        columns.append(Column(label, a.id, a.source, a.title, a.published, a.url, paragraphs))
    return columns


@dataclass(frozen=True, slots=True)
class Cited:
    """A brief line linked to its sources: the text, and (label "A1 ¶3", anchor "A1-p3")."""

    text: str
    cites: tuple[tuple[str, str], ...]
    extra: str = ""

    @property
    def first(self) -> str:
        return self.cites[0][1] if self.cites else ""


def cited(brief: Brief, text: str, where: Iterable[tuple[str, int]], extra: str = "") -> Cited:
    return Cited(
        text,
        tuple((cite(brief, a, p), anchor(brief, a, p)) for a, p in where if a in brief.labels),
        extra,
    )


def summary_lines(brief: Brief) -> list[Cited]:
    """The summary sentences, each with the paragraphs it cites."""
    return [cited(brief, s.text, _cited(s)) for s in brief.summary]


@dataclass(frozen=True, slots=True)
class QuoteGroupView:
    speaker: str
    quotes: tuple[Cited, ...]


def quote_group_views(brief: Brief) -> list[QuoteGroupView]:
    """The quote groups: one statement carried by several sources, each copy linked."""
    quotes = {q.id: q for q in brief.quotes}
    out = []
    for g in brief.quote_groups:
        members = [quotes[i] for i in g.quotes if i in quotes]
        out.append(
            QuoteGroupView(
                g.speaker or "Speaker not stated",
                tuple(cited(brief, q.text, [(q.article, q.paragraph)], q.kind) for q in members),
            )
        )
    return out


# ----------------------------------------------------------------------------- story page


def conflicting_numbers(brief: Brief) -> set[str]:
    """Ids of the figures that belong to a conflicting group."""
    return {i for g in brief.number_groups if g.conflict for i in g.numbers}


# ----------------------------------------------------------------------------- search


def snippet_parts(hit: SearchHit) -> list[tuple[str, bool]]:
    """The snippet as (text, is a match) pieces, for the template to wrap in <mark>."""
    out: list[tuple[str, bool]] = []
    pos = 0
    for start, end in hit.highlights:
        if start > pos:
            out.append((hit.snippet[pos:start], False))
        out.append((hit.snippet[start:end], True))
        pos = end
    if pos < len(hit.snippet):
        out.append((hit.snippet[pos:], False))
    return out


# ----------------------------------------------------------------------------- quotes


def group_by_speaker(hits: Sequence[QuoteHit]) -> list[tuple[str, list[QuoteHit]]]:
    """Consecutive hits of one speaker together (the store orders them by speaker)."""
    out: list[tuple[str, list[QuoteHit]]] = []
    for h in hits:
        name = h.speaker or "Speaker not stated"
        if out and out[-1][0] == name:
            out[-1][1].append(h)
        else:
            out.append((name, [h]))
    return out


@dataclass(slots=True)
class StoryLink:
    """A story a job's articles went to, and which of them."""

    id: str
    headline: str
    size: int
    articles: list[str] = field(default_factory=list)


def stories_holding(stories: Sequence[Story], article_ids: Iterable[str]) -> list[StoryLink]:
    """The stories that hold any of ``article_ids``, in the order the ids come."""
    where = {a.id: s for s in stories for a in s.articles}
    out: dict[str, StoryLink] = {}
    for aid in article_ids:
        s = where.get(aid)
        if s is None:
            continue
        link = out.setdefault(s.id, StoryLink(s.id, s.headline, len(s.articles)))
        if aid not in link.articles:
            link.articles.append(aid)
    return list(out.values())
