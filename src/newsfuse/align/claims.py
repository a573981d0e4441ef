"""Claims × outlets: for each key claim and figure of a story, which articles state it,
which give a different value, which say something close, and which are silent.

A fact row's cells come from the line's own citations (*states*), its ``differs``
(*differs*: the article gives another value for one of its figures), and the story's
sentence scores (*related*: an article has a sentence close to the claim, below the bar
for a citation); every other article is *silent*. A figure row holds each article's
values for one measure and is flagged when they conflict. A syndicated copy is shown as
a copy of its original, never as a second confirmation.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from newsfuse.align.facts import COVERED, Story
from newsfuse.model import (
    CellStatus,
    Cite,
    ClaimCell,
    ClaimRow,
    FactLine,
    Figure,
    FigureGroup,
    SummaryLine,
)

# Claim rows shown: the summary's lines, then other shared facts, up to this many.
MAX_FACT_ROWS = 12


def claims(
    story: Story,
    summary: Sequence[SummaryLine],
    facts: Sequence[FactLine],
    number_groups: Sequence[FigureGroup],
    numbers: Sequence[Figure],
    copies: Mapping[str, str] | None = None,
) -> list[ClaimRow]:
    """The rows of the claims × outlets view (see the module docstring)."""
    copies = copies or {}
    ids = [a.id for a in story.articles]
    rows: list[ClaimRow] = []
    seen: set[str] = set()
    lines: list[SummaryLine | FactLine] = [*summary, *facts]
    for line in lines:
        if line.text in seen or len(rows) >= MAX_FACT_ROWS:
            continue
        seen.add(line.text)
        rows.append(_fact_row(story, line, ids, copies))
    by_id = {n.id: n for n in numbers}
    for g in number_groups:
        values: dict[str, list[str]] = {}
        cites: dict[str, list[Cite]] = {}
        for nid in g.numbers:
            n = by_id.get(nid)
            if n is None:
                continue
            values.setdefault(n.article, []).append(n.text)
            cites.setdefault(n.article, []).append(
                Cite(article=n.article, paragraph=n.paragraph, start=n.start, end=n.end)
            )
        cells = {
            a: ClaimCell(status="gives", values=tuple(values[a]), cites=tuple(cites[a]))
            if a in values
            else ClaimCell(status="silent")
            for a in ids
        }
        rows.append(
            ClaimRow(
                kind="figure",
                text=g.about or "same measure",
                group=g.id,
                conflict=g.conflict,
                cells=_mark_copies(cells, copies),
            )
        )
    return rows


def _fact_row(
    story: Story, line: SummaryLine | FactLine, ids: list[str], copies: Mapping[str, str]
) -> ClaimRow:
    cells: dict[str, ClaimCell] = {a: ClaimCell(status="silent") for a in ids}
    for c in line.cites:
        cells[c.article] = ClaimCell(status="states", cites=(c,))
    for d in line.differs:
        if cells[d.article].status == "silent":
            where = Cite(article=d.article, paragraph=d.paragraph, start=d.start, end=d.end)
            cells[d.article] = ClaimCell(status="differs", values=d.figures, cites=(where,))
    anchor = story.holder(line.cites[0])
    if anchor is not None:
        best: dict[str, tuple[float, int]] = {}
        for k, s in enumerate(story.units):
            p = story.score(anchor, k)
            silent = cells[s.article].status == "silent"
            if silent and p >= COVERED and p > best.get(s.article, (0.0, -1))[0]:
                best[s.article] = (p, k)
        for article, (p, k) in best.items():
            cells[article] = ClaimCell(status="related", cites=(story.units[k].cite(p),))
    return ClaimRow(kind="fact", text=line.text, cells=_mark_copies(cells, copies))


def _mark_copies(cells: dict[str, ClaimCell], copies: Mapping[str, str]) -> dict[str, ClaimCell]:
    """A syndicated copy's cell names its original: it confirms nothing on its own."""
    shown: set[CellStatus] = {"states", "gives"}
    return {
        a: ClaimCell(status=c.status, values=c.values, cites=c.cites, copy_of=copies[a])
        if a in copies and c.status in shown
        else c
        for a, c in cells.items()
    }
