"""The story page's timeline chart: an inline SVG drawn on the server, no library, no script.

One date axis; above it a band of the brief's dated timeline events (a dot for a day, a
bar for a month, numbered like the Timeline list below the chart), and one row per
outlet marking when each of its articles was published. Every mark carries a ``<title>``
(the hover text) and the whole chart an ``aria-label`` saying what it shows; every piece
of text is escaped here, since titles and outlets come from the articles.
"""

from __future__ import annotations

import calendar
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from markupsafe import Markup, escape

from newsfuse.model import Brief

# Drawing size in SVG units; CSS scales the chart to its container's width.
WIDTH = 820
# Room at the left for the row labels (outlet names), and at the right for the last label.
LEFT = 160
RIGHT = 48
TOP = 10
# Height of one lane of event marks, and of one lane of an outlet's row.
LANE = 20
# Gap between the event band, the outlet rows and the axis.
GAP = 14
AXIS = 28
# Most lanes the event band stacks before marks may overlap (a story with hundreds of
# dates keeps a chart of sensible height; each mark still has its hover text).
MAX_LANES = 12
# Characters of an outlet name shown as its row label (the full name is its hover text).
LABEL_CHARS = 22
# Approximate width of one character of the 11-unit label font, for laying labels out.
CHAR_W = 6.4
# Most tick labels on the axis.
MAX_TICKS = 9

EVENT_FILL = "#E69F00"  # Okabe-Ito orange: events
ARTICLE_FILL = "#0072B2"  # Okabe-Ito blue: publications
INK = "#1d232b"
MUTED = "#5b6570"
GRID = "#d9dee3"
LABEL: dict[str, object] = {"font_size": 11, "fill": INK}
ROW_LABEL: dict[str, object] = {"font_size": 12, "fill": INK}
OUTLINE: dict[str, object] = {"stroke": INK, "stroke_width": 1}
GRID_LINE: dict[str, object] = {"stroke": GRID, "stroke_width": 1}


@dataclass(frozen=True, slots=True)
class Span:
    """A date or a month as a run of days [first, last]."""

    first: date
    last: date
    exact: bool  # a day rather than a month


def parse_when(value: str | None) -> Span | None:
    """``YYYY-MM-DD`` (a timestamp is cut to its day) or ``YYYY-MM``; None otherwise."""
    if not value:
        return None
    try:
        if len(value) >= 10 and value[4] == "-" and value[7] == "-":
            day = date.fromisoformat(value[:10])
            return Span(day, day, True)
        if len(value) == 7 and value[4] == "-":
            year, month = int(value[:4]), int(value[5:7])
            end = calendar.monthrange(year, month)[1]
            return Span(date(year, month, 1), date(year, month, end), False)
    except ValueError:
        return None
    return None


def _attrs(attrs: Mapping[str, object]) -> str:
    return "".join(f' {k.rstrip("_").replace("_", "-")}="{escape(v)}"' for k, v in attrs.items())


def _el(tag: str, content: Iterable[str] | str = "", /, **attrs: object) -> str:
    body = content if isinstance(content, str) else "".join(content)
    return f"<{tag}{_attrs(attrs)}>{body}</{tag}>"


def _text(value: str) -> str:
    return str(escape(value))


def _short(name: str, limit: int = LABEL_CHARS) -> str:
    return name if len(name) <= limit else name[: limit - 1].rstrip() + "…"


def _fmt(d: date) -> str:
    return f"{d.day} {calendar.month_abbr[d.month]} {d.year}"


@dataclass(frozen=True, slots=True)
class _Scale:
    lo: float  # day ordinals at the plot's left and right edges
    hi: float

    def x(self, day: date | float) -> float:
        value = day.toordinal() if isinstance(day, date) else day
        return LEFT + (value - self.lo) / (self.hi - self.lo) * (WIDTH - LEFT - RIGHT)


def _scale(spans: Sequence[Span]) -> _Scale:
    lo = min(s.first.toordinal() for s in spans)
    hi = max(s.last.toordinal() + 1 for s in spans)  # a day is drawn as [day, day + 1)
    if hi - lo < 3:
        lo, hi = lo - 1, hi + 1
    pad = (hi - lo) * 0.02
    return _Scale(lo - pad, hi + pad)


def _ticks(scale: _Scale) -> list[tuple[date, str]]:
    first = date.fromordinal(math.ceil(scale.lo))
    last = date.fromordinal(math.floor(scale.hi))
    span = (last - first).days
    out: list[tuple[date, str]] = []
    if span <= 70:
        step = max(1, math.ceil((span + 1) / MAX_TICKS))
        if step > 1:
            step = 7 * math.ceil(step / 7) if step > 4 else step
        d = first
        while d <= last:
            out.append((d, f"{d.day} {calendar.month_abbr[d.month]}"))
            d += timedelta(days=step)
        return out
    months = (last.year - first.year) * 12 + last.month - first.month + 1
    if months <= 12 * MAX_TICKS:
        step = max(1, math.ceil(months / MAX_TICKS))
        index = first.year * 12 + first.month - 1 + (0 if first.day == 1 else 1)
        previous_year = None
        while True:
            year, month = divmod(index, 12)
            d = date(year, month + 1, 1)
            if d > last:
                return out
            name = calendar.month_abbr[d.month]
            out.append((d, f"{name} {year}" if year != previous_year else name))
            previous_year = year
            index += step
    step = max(1, math.ceil((last.year - first.year + 1) / MAX_TICKS))
    year = first.year + (0 if (first.month, first.day) == (1, 1) else 1)
    while year <= last.year:
        out.append((date(year, 1, 1), str(year)))
        year += step
    return out


def _lanes(extents: Sequence[tuple[float, float]], max_lanes: int = MAX_LANES) -> list[int]:
    """A lane for each (left, right) extent, in order, so that marks in a lane never touch."""
    ends: list[float] = []
    out = []
    for left, right in extents:
        for i, end in enumerate(ends):
            if end + 3 <= left:
                ends[i] = right
                out.append(i)
                break
        else:
            if len(ends) < max_lanes:
                ends.append(right)
                out.append(len(ends) - 1)
            else:  # full: the lane free soonest
                i = min(range(len(ends)), key=ends.__getitem__)
                ends[i] = max(ends[i], right)
                out.append(i)
    return out


@dataclass(frozen=True, slots=True)
class _Event:
    number: int
    span: Span
    text: str


@dataclass(frozen=True, slots=True)
class _Publication:
    label: str
    title: str
    span: Span | None


def timeline_svg(brief: Brief) -> Markup | None:
    """The chart of ``brief``'s dated events and publications; None when nothing is dated."""
    events = [
        _Event(i, span, t.text)
        for i, t in enumerate(brief.timeline, 1)
        if (span := parse_when(t.date)) is not None
    ]
    rows: dict[str, list[_Publication]] = {}
    for a in brief.articles:
        pub = _Publication(a.label, a.title or "", parse_when(a.published))
        rows.setdefault(a.source or "Unknown outlet", []).append(pub)
    spans = [e.span for e in events] + [p.span for ps in rows.values() for p in ps if p.span]
    if not spans:
        return None
    scale = _scale(spans)
    parts: list[str] = []
    y: float = TOP
    if events:
        band, height = _event_band(events, scale, y)
        parts.append(band)
        y += height + GAP
    outlet_rows = []
    for outlet, pubs in sorted(rows.items(), key=_first_published):
        row, height = _outlet_row(outlet, pubs, scale, y)
        outlet_rows.append(row)
        y += height + 4
    parts.append(_el("g", outlet_rows, class_="outlets"))
    axis_y = y + GAP / 2
    summary = _summary(events, rows)
    svg = _el(
        "svg",
        [_el("title", _text(summary)), _axis(scale, axis_y), *parts],
        xmlns="http://www.w3.org/2000/svg",
        viewBox=f"0 0 {WIDTH} {axis_y + AXIS:.0f}",
        width=WIDTH,
        height=f"{axis_y + AXIS:.0f}",
        role="img",
        aria_label=summary,
        class_="timeline-chart",
        font_family="system-ui, sans-serif",
    )
    return Markup(svg)  # every text and attribute value in it went through escape()


def _first_published(row: tuple[str, list[_Publication]]) -> tuple[bool, date]:
    days = [p.span.first for p in row[1] if p.span]
    return (not days, min(days) if days else date.min)


def _outlet_row(
    outlet: str, pubs: Sequence[_Publication], scale: _Scale, top: float
) -> tuple[str, float]:
    """One outlet's row: its name, a guide line, a diamond per article on its publication
    day (stacked when they would overlap); the markup and its height."""
    dated = sorted(
        ((p.span.first, p) for p in pubs if p.span is not None), key=lambda dp: (dp[0], dp[1].label)
    )
    extents = [(scale.x(d) - 6, scale.x(d) + 9 + CHAR_W * len(p.label)) for d, p in dated]
    lanes = _lanes(extents)
    middle = top + LANE / 2
    items = [
        _el(
            "text",
            [_el("title", _text(outlet)), _text(_short(outlet))],
            x=8,
            y=f"{top + 14:.1f}",
            class_="row-label",
            **ROW_LABEL,
        ),
        _el("line", x1=LEFT, x2=WIDTH - RIGHT, y1=f"{middle:.1f}", y2=f"{middle:.1f}", **GRID_LINE),
    ]
    for (day, p), lane in zip(dated, lanes, strict=True):
        cx, cy = scale.x(day), middle + lane * LANE
        hover = f"{p.label} · {outlet} · published {_fmt(day)}" + (
            f" · {p.title}" if p.title else ""
        )
        diamond = (
            f"M{cx:.1f},{cy - 6:.1f} L{cx + 6:.1f},{cy:.1f} "
            f"L{cx:.1f},{cy + 6:.1f} L{cx - 6:.1f},{cy:.1f} Z"
        )
        mark = [
            _el("title", _text(hover)),
            _el("path", d=diamond, fill=ARTICLE_FILL, **OUTLINE),
            _el("text", _text(p.label), x=f"{cx + 9:.1f}", y=f"{cy + 4:.1f}", **LABEL),
        ]
        items.append(_el("g", mark, class_="publication"))
    undated = [p.label for p in pubs if not p.span]
    if undated:
        note = _text(f"undated: {', '.join(undated)}")
        items.append(_el("text", note, x=LEFT + 4, y=f"{top + 14:.1f}", **{**LABEL, "fill": MUTED}))
    height = (max(lanes, default=0) + 1) * LANE
    return _el("g", items, class_="outlet-row", data_outlet=outlet), height


def _axis(scale: _Scale, y: float) -> str:
    """The date axis at ``y``, with grid lines up through the bands above it."""
    items = []
    for d, label in _ticks(scale):
        x = f"{scale.x(d):.1f}"
        items.append(_el("line", x1=x, x2=x, y1=TOP, y2=f"{y + 4:.1f}", **GRID_LINE))
        items.append(
            _el("text", _text(label), x=x, y=f"{y + 18:.1f}", text_anchor="middle",
                **{**LABEL, "fill": MUTED})
        )  # fmt: skip
    items.append(
        _el("line", x1=LEFT, x2=WIDTH - RIGHT, y1=f"{y:.1f}", y2=f"{y:.1f}", stroke=MUTED,
            stroke_width=1)
    )  # fmt: skip
    return _el("g", items, class_="axis")


def _numbers(numbers: Sequence[int]) -> str:
    """1, 2, 3, 5 → "1–3, 5"."""
    runs: list[list[int]] = []
    for n in sorted(numbers):
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    return ", ".join(f"{r[0]}–{r[-1]}" if len(r) > 2 else ", ".join(map(str, r)) for r in runs)


def _when(span: Span) -> str:
    if span.exact:
        return _fmt(span.first)
    return f"{calendar.month_name[span.first.month]} {span.first.year}"


def _event_band(events: Sequence[_Event], scale: _Scale, top: float) -> tuple[str, float]:
    """The events' marks, one per date (events of one date share it), stacked in lanes so
    that no two marks or labels overlap; the markup and its height."""
    by_date: dict[Span, list[_Event]] = {}
    for e in sorted(events, key=lambda e: (e.span.first, not e.span.exact, e.number)):
        by_date.setdefault(e.span, []).append(e)
    placed = []
    for span, group in by_date.items():
        x0 = scale.x(span.first)
        right = x0 + 5 if span.exact else max(scale.x(span.last.toordinal() + 1), x0 + 6)
        placed.append((span, group, x0, right, _numbers([e.number for e in group])))
    lanes = _lanes([(x0 - 5, right + 3 + CHAR_W * len(n)) for _, _, x0, right, n in placed])
    marks = [_el("text", "Events", x=8, y=f"{top + 14:.1f}", class_="row-label", **ROW_LABEL)]
    for (span, group, x0, right, numbers), lane in zip(placed, lanes, strict=True):
        cy = top + lane * LANE + LANE / 2
        hover = _el(
            "title", _text("\n".join(f"{e.number}. {_when(span)}: {e.text}" for e in group))
        )
        if span.exact:
            shape = _el("circle", hover, cx=f"{x0:.1f}", cy=f"{cy:.1f}", r=5, fill=EVENT_FILL,
                        **OUTLINE)  # fmt: skip
        else:
            shape = _el("rect", hover, x=f"{x0:.1f}", y=f"{cy - 4:.1f}", width=f"{right - x0:.1f}",
                        height=8, rx=2, fill=EVENT_FILL, **OUTLINE)  # fmt: skip
        label = _el("text", numbers, x=f"{right + 3:.1f}", y=f"{cy + 4:.1f}", **LABEL)
        marks.append(_el("g", [shape, label], class_="event"))
    return _el("g", marks, class_="events"), (max(lanes) + 1) * LANE


def _summary(events: Sequence[_Event], rows: Mapping[str, Sequence[_Publication]]) -> str:
    """What the chart shows, in words: its accessible name."""
    parts = []
    if events:
        spans = sorted((e.span for e in events), key=lambda s: (s.first, s.last))
        parts.append(
            f"{len(events)} dated event{'s' * (len(events) != 1)} from {_when(spans[0])} "
            f"to {_when(spans[-1])}"
        )
    for outlet, pubs in rows.items():
        dated = [f"{p.label} on {_fmt(p.span.first)}" for p in pubs if p.span]
        undated = [f"{p.label} undated" for p in pubs if not p.span]
        parts.append(f"{outlet}: {', '.join(dated + undated)}")
    return "Timeline chart. " + "; ".join(parts) + "."
