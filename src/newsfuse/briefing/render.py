"""Render a Brief as Markdown (terminal-friendly), a standalone HTML page, or JSON."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from typing import Literal

from jinja2 import Environment, PackageLoader, select_autoescape

from newsfuse.briefing.timewords import time_words
from newsfuse.model import (
    Brief,
    BriefArticle,
    ClaimRow,
    FactLine,
    Figure,
    FigureGroup,
    Quote,
    SummaryLine,
    TimelineLine,
    UniqueLine,
)

BriefFormat = Literal["md", "html", "json"]
# Removed passages are quoted in the cleaning report up to this many characters.
REPORT_SNIPPET_CHARS = 90

_PROVENANCE = {
    "header": "from header",
    "html-meta": "from page metadata",
    "text": "from the text",
    "signature": "from signature line",
    "url": "from URL",
    "none": "unknown",
}


def render(brief: Brief, fmt: BriefFormat) -> str:
    """The brief as a string in the requested format."""
    if fmt == "json":
        return json.dumps(brief.to_dict(), ensure_ascii=False, indent=2) + "\n"
    if fmt == "html":
        return _html(brief)
    return _markdown(brief)


def snippet(text: str, limit: int = REPORT_SNIPPET_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def outlets(brief: Brief) -> list[str]:
    return sorted({a.source for a in brief.articles if a.source})


def _date_line(a: BriefArticle) -> str:
    if not a.published:
        return "date unknown"
    return f"{a.published} ({_PROVENANCE.get(a.published_from, a.published_from)})"


def cite(brief: Brief, article_id: str, paragraph: int) -> str:
    """The citation of a paragraph as shown to readers: ``A1 ¶7`` (paragraphs count from 1)."""
    return f"{brief.labels.get(article_id, '?')} ¶{paragraph + 1}"


# An indirect attribution is shown among the quotes only when it reports a statement of at
# least this many words; shorter ones ("supports rape and incest exceptions") stay in the JSON.
MIN_SHOWN_INDIRECT_WORDS = 5


def quotes_by_speaker(brief: Brief) -> list[tuple[str, list[Quote]]]:
    """Quotes grouped by speaker, most quoted first; unattributed ones last."""
    groups: dict[str, list[Quote]] = {}
    for q in brief.quotes:
        if q.kind == "indirect" and len(q.text.split()) < MIN_SHOWN_INDIRECT_WORDS:
            continue
        groups.setdefault(q.speaker or "", []).append(q)
    named = sorted(((k, v) for k, v in groups.items() if k), key=lambda kv: (-len(kv[1]), kv[0]))
    return named + ([("", groups[""])] if "" in groups else [])


def figure_value(n: Figure) -> str:
    """A figure as a reader would write it: "more than 4,500", "$40 billion" → "4e10 USD"."""
    value = n.value
    shown = f"{value:,.0f}" if float(value).is_integer() and abs(value) < 1e15 else f"{value:,.4g}"
    text = f"{shown} {n.unit}" if n.unit else shown
    if n.qualifier:
        text = f"{n.qualifier} {text}"
    return text


def carried_by(brief: Brief) -> dict[str, str]:
    """For each quote in a quote group: "also carried by A2 ¶7, A3 ¶2" (its group's other
    articles, cited), for a quote whose speaker another article names: "speaker named in
    A2 ¶7", and for one that outlets give to different people: "outlets name different
    speakers: …"."""
    by_id = {q.id: q for q in brief.quotes}
    out: dict[str, str] = {}
    for q in brief.quotes:
        source = q.speaker_borrowed_from
        if source:
            out[q.id] = f"speaker named in {cite(brief, source.article, source.paragraph)}"
        elif q.speaker_conflict:
            out[q.id] = "outlets name different speakers: " + " / ".join(q.speaker_conflict)
    for g in brief.quote_groups:
        for qid in g.quotes:
            others = [
                cite(brief, by_id[o].article, by_id[o].paragraph)
                for o in g.quotes
                if o != qid and by_id[o].article != by_id[qid].article
            ]
            if others:
                also = "also carried by " + ", ".join(dict.fromkeys(others))
                out[qid] = f"{out[qid]}; {also}" if qid in out else also
    return out


@dataclass(frozen=True, slots=True)
class ComparedFigures:
    """A figure group with its figures, for the "Figures compared" section."""

    group: FigureGroup
    items: tuple[Figure, ...]

    @property
    def about(self) -> str:
        return self.group.about

    @property
    def conflict(self) -> bool:
        return self.group.conflict


def figure_groups(brief: Brief) -> list[ComparedFigures]:
    """Number groups with their figures resolved, for the "Figures compared" section."""
    by_id = {n.id: n for n in brief.numbers}
    return [
        ComparedFigures(g, tuple(by_id[i] for i in g.numbers if i in by_id))
        for g in brief.number_groups
    ]


def _markdown_groups(brief: Brief) -> list[str]:
    out: list[str] = []
    groups = figure_groups(brief)
    if groups:
        out += ["## Figures compared across sources", ""]
        for g in groups:
            verdict = "**conflict**" if g.conflict else "consistent"
            out.append(f"- {g.about or 'same measure'} — {verdict}:")
            for n in g.items:
                who = n.attributed_to or "source not stated"
                out.append(
                    f"  - {figure_value(n)} (“{n.text}”, {who}) — "
                    f"[{cite(brief, n.article, n.paragraph)}]"
                )
        out.append("")
    return out


def _markdown_extracted(brief: Brief) -> list[str]:
    out: list[str] = []
    people = [e for e in brief.entities if e.type in ("PERSON", "ORG")]
    places = [e for e in brief.entities if e.type in ("GPE", "LOC")]
    if people or places:
        out += [
            "## People and organisations",
            "",
            "| Name | Type | Role | Mentions | Articles |",
            "|---|---|---|---|---|",
        ]
        labels = brief.labels
        for e in people:
            arts = ", ".join(labels.get(a, "?") for a in e.articles)
            role = (e.description or "").replace("|", "\\|")
            out.append(f"| {e.name} | {e.type} | {role} | {e.mentions} | {arts} |")
        out.append("")
        if places:
            out.append("Places: " + ", ".join(f"{e.name} ({e.mentions})" for e in places) + ".")
            out.append("")
    if brief.quotes:
        out += ["## Who said what", ""]
        also = carried_by(brief)
        for speaker, quotes in quotes_by_speaker(brief):
            out.append(f"**{speaker or 'Speaker not stated'}**")
            out.append("")
            for q in quotes:
                cue = f" ({q.cue})" if q.cue else ""
                kind = "" if q.kind == "direct" else f" *{q.kind}*"
                where = cite(brief, q.article, q.paragraph)
                same = f"; {also[q.id]}" if q.id in also else ""
                out.append(f"- “{snippet(q.text, 400)}”{kind}{cue} — [{where}{same}]")
            out.append("")
    out += _markdown_groups(brief)
    if brief.numbers:
        out += [
            "## Figures",
            "",
            "| Figure | What | Given by | As written | Source |",
            "|---|---|---|---|---|",
        ]
        for n in brief.numbers:
            about = (n.about or "").replace("|", "\\|")
            who = (n.attributed_to or "—").replace("|", "\\|")
            written = n.text.replace("|", "\\|")
            out.append(
                f"| {figure_value(n)} | {about} | {who} | “{written}” | "
                f"{cite(brief, n.article, n.paragraph)} |"
            )
        out.append("")
    if brief.times:
        out += ["## Time expressions", "", "| As written | Means | Source |", "|---|---|---|"]
        for t in brief.times:
            out.append(
                f"| {t.text} | {time_words(t.value, t.type)} "
                f"| {cite(brief, t.article, t.paragraph)} |"
            )
        out.append("")
    return out


Line = SummaryLine | FactLine | TimelineLine


def cites(brief: Brief, item: Line) -> str:
    """All the paragraphs an item cites: "A1 ¶6, A2 ¶15"."""
    return ", ".join(cite(brief, c.article, c.paragraph) for c in item.cites)


def differs_note(brief: Brief, line: Line) -> str:
    """Where another article gives a different value for a line's figure: "figures
    differ: 42 (A1 ¶1) · at least 57 (A2 ¶1)" (empty when none does)."""
    parts: list[str] = []
    own = line.cites[0] if line.cites else None
    for d in line.differs:
        if own is not None and d.against:
            mine = f"{' / '.join(d.against)} ({cite(brief, own.article, own.paragraph)})"
            if mine not in parts:
                parts.append(mine)
        parts.append(f"{' / '.join(d.figures)} ({cite(brief, d.article, d.paragraph)})")
    return "figures differ: " + " · ".join(parts) if parts else ""


# How each cell of the claims × outlets view reads.
CELL_MARKS = {"states": "✓", "differs": "≠", "related": "≈", "silent": "—"}


def claim_cells(brief: Brief, row: ClaimRow) -> list[str]:
    """One claims × outlets row as text cells, in article order: "✓ ¶3" states it, "≠ 57
    ¶1" gives another value, "≈ ¶5" says something close, "—" is silent; a figure row
    shows each article's values."""
    out = []
    labels = brief.labels
    for a in brief.articles:
        cell = row.cells.get(a.id)
        if cell is None:
            out.append(CELL_MARKS["silent"])
            continue
        where = ", ".join(f"¶{c.paragraph + 1}" for c in cell.cites or ())
        values = " / ".join(cell.values or ())
        if cell.status == "gives":
            text = f"{values} {where}"
        elif cell.status == "differs":
            text = f"≠ {values} {where}"
        else:
            text = f"{CELL_MARKS[cell.status]} {where}".strip()
        if cell.copy_of:
            text += f" (copy of {labels.get(cell.copy_of, '?')})"
        out.append(text)
    return out


def _markdown_claims(brief: Brief) -> list[str]:
    if not brief.claims:
        return []
    heads = [f"{brief.labels[a.id]} {a.source or 'unknown'}" for a in brief.articles]
    out = [
        "## Claims × outlets",
        "",
        "✓ states it · ≠ gives a different value · ≈ says something close · — silent",
        "",
        "| Claim | " + " | ".join(heads) + " |",
        "|---|" + "---|" * len(heads),
    ]
    for row in brief.claims:
        flag = " **⚠ conflict**" if row.conflict else ""
        text = snippet(row.text, 120).replace("|", "\\|")
        cells = [c.replace("|", "\\|") for c in claim_cells(brief, row)]
        out.append(f"| {text}{flag} | " + " | ".join(cells) + " |")
    out.append("")
    return out


def facts_beyond_summary(brief: Brief) -> list[FactLine]:
    """The shared facts the summary does not already show (a reader sees no line twice)."""
    shown = {s.text for s in brief.summary}
    return [f for f in brief.facts if f.text not in shown]


def unique_by_article(brief: Brief) -> list[tuple[BriefArticle, list[UniqueLine]]]:
    """What each source alone reports, in article order (a line the summary already
    shows, citing its one source, is not shown twice)."""
    shown = {s.text for s in brief.summary}
    return [
        (a, items)
        for a in brief.articles
        if (items := [u for u in brief.unique if u.article == a.id and u.text not in shown])
    ]


def _markdown_story(brief: Brief) -> list[str]:
    out: list[str] = []
    if brief.summary:
        out += ["## Summary", ""]
        for s in brief.summary:
            note = differs_note(brief, s)
            out.append(f"- {s.text} [{cites(brief, s)}]" + (f" — {note}" if note else ""))
        out.append("")
    if brief.timeline:
        out += ["## Timeline", ""]
        for t in brief.timeline:
            also = f" (also {', '.join(map(time_words, t.also))})" if t.also else ""
            out.append(
                f"- **{time_words(t.date)}**{also} — {snippet(t.text, 300)} [{cites(brief, t)}]"
            )
        out.append("")
    more = facts_beyond_summary(brief)
    if more:
        out += ["## Also stated by several sources", ""]
        for f in more:
            note = differs_note(brief, f)
            line = f"- {snippet(f.text, 300)} [{cites(brief, f)}]"
            out.append(line + (f" — {note}" if note else ""))
        out.append("")
    out += _markdown_claims(brief)
    if brief.unique:
        out += ["## Only in one source", ""]
        for a, items in unique_by_article(brief):
            out.append(f"**{a.label} {a.source or 'Unknown outlet'}**")
            out.append("")
            for u in items:
                out.append(f"- {snippet(u.text, 300)} [{cite(brief, u.article, u.paragraph)}]")
            out.append("")
    return out


def _markdown(brief: Brief) -> str:
    story = brief.story
    out: list[str] = [f"# {story.headline}", ""]
    span = story.first_published or "undated"
    if story.last_published and story.last_published != story.first_published:
        span += f" – {story.last_published}"
    n_out = len(outlets(brief))
    out += [
        f"*{len(brief.articles)} article{'s' * (len(brief.articles) != 1)} · "
        f"{n_out} outlet{'s' * (n_out != 1)} · {span} · story {story.id}*",
        "",
        "## Sources",
        "",
        "| | Outlet | Title | Published | Kept ¶ | Removed |",
        "|---|---|---|---|---|---|",
    ]
    for a in brief.articles:
        title = (a.title or "—").replace("|", "\\|")
        out.append(
            f"| {a.label} | {a.source or 'unknown'} | {title} | {_date_line(a)} "
            f"| {len(a.paragraphs)} | {len(a.removed)} |"
        )
    out.append("")
    out += _markdown_story(brief)
    out += _markdown_extracted(brief)
    out += ["## Articles", ""]
    for a in brief.articles:
        label = a.label
        out.append(f"### [{label}] {a.source or 'Unknown outlet'} — {a.title or _date_line(a)}")
        out.append("")
        out.append(f"`{a.path}` · id `{a.id}` · {_date_line(a)}")
        out.append("")
        for i, para in enumerate(a.paragraphs, 1):
            out.append(f"**¶{i}** {para}")
            out.append("")
    out += ["## Cleaning report", ""]
    for a in brief.articles:
        label = a.label
        counts = Counter(r.reason for r in a.removed)
        summary = ", ".join(f"{n} {reason}" for reason, n in counts.most_common()) or "nothing"
        out.append(f"**[{label}]** removed {summary}.")
        out.append("")
        for r in a.removed:
            detail = f" ({r.detail})" if r.detail else ""
            out.append(f"- *{r.reason}*{detail}: “{snippet(r.text)}”")
        for rep in a.repairs:
            out.append(
                f"- *repaired {rep.kind}*: “{snippet(rep.before, 60)}” → “{snippet(rep.after, 60)}”"
            )
        if a.removed or a.repairs:
            out.append("")
    return "\n".join(out).rstrip() + "\n"


_ENV = Environment(
    loader=PackageLoader("newsfuse.briefing", "templates"),
    autoescape=select_autoescape(["html", "j2"]),
    trim_blocks=True,
    lstrip_blocks=True,
)


def _html(brief: Brief) -> str:
    template = _ENV.get_template("brief.html.j2")
    return template.render(
        brief=brief,
        outlets=outlets(brief),
        date_line=_date_line,
        snippet=snippet,
        counts=lambda a: Counter(r.reason for r in a.removed).most_common(),
        cite=lambda art, para: cite(brief, art, para),
        quotes_by_speaker=quotes_by_speaker(brief),
        carried_by=carried_by(brief),
        cites=lambda item: cites(brief, item),
        unique_by_article=unique_by_article(brief),
        facts_beyond_summary=facts_beyond_summary(brief),
        differs_note=lambda line: differs_note(brief, line),
        claim_cells=lambda row: claim_cells(brief, row),
        figure_groups=figure_groups(brief),
        figure_value=figure_value,
        time_words=time_words,
    )
