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
from typing import Any

from newsfuse.align.facts import COVERED, Story

Json = dict[str, Any]

# Claim rows shown: the summary's lines, then other shared facts, up to this many.
MAX_FACT_ROWS = 12


def claims(
    story: Story,
    summary: Sequence[Mapping[str, Any]],
    facts: Sequence[Mapping[str, Any]],
    number_groups: Sequence[Mapping[str, Any]],
    numbers: Sequence[Mapping[str, Any]],
    copies: Mapping[str, str] | None = None,
) -> list[Json]:
    """The rows of the claims × outlets view (see the module docstring)."""
    copies = copies or {}
    ids = [a.id for a in story.articles]
    rows: list[Json] = []
    seen: set[str] = set()
    for line in [*summary, *facts]:
        if line["text"] in seen or len(rows) >= MAX_FACT_ROWS:
            continue
        seen.add(line["text"])
        rows.append(_fact_row(story, line, ids, copies))
    by_id = {n["id"]: n for n in numbers}
    for g in number_groups:
        cells: dict[str, Json] = {a: {"status": "silent"} for a in ids}
        for nid in g["numbers"]:
            n = by_id.get(nid)
            if n is None:
                continue
            cell = cells[n["article"]]
            cell["status"] = "gives"
            cell.setdefault("values", []).append(str(n.get("text")))
            where = {k: n[k] for k in ("article", "paragraph", "start", "end")}
            cell.setdefault("cites", []).append(where)
        _mark_copies(cells, copies)
        rows.append(
            {
                "kind": "figure",
                "text": g.get("about") or "same measure",
                "group": g["id"],
                "conflict": bool(g.get("conflict")),
                "cells": cells,
            }
        )
    return rows


def _fact_row(
    story: Story, line: Mapping[str, Any], ids: list[str], copies: Mapping[str, str]
) -> Json:
    cells: dict[str, Json] = {a: {"status": "silent"} for a in ids}
    for c in line["cites"]:
        cells[c["article"]] = {"status": "states", "cites": [dict(c)]}
    for d in line.get("differs", []):
        if cells[d["article"]]["status"] == "silent":
            where = {k: d[k] for k in ("article", "paragraph", "start", "end")}
            cells[d["article"]] = {"status": "differs", "values": d["figures"], "cites": [where]}
    anchor = story.holder(line["cites"][0])
    if anchor is not None:
        best: dict[str, tuple[float, int]] = {}
        for k, s in enumerate(story.units):
            p = story.score(anchor, k)
            silent = cells[s.article]["status"] == "silent"
            if silent and p >= COVERED and p > best.get(s.article, (0.0, -1))[0]:
                best[s.article] = (p, k)
        for article, (p, k) in best.items():
            cite = {**story.units[k].cite(), "score": round(p, 3)}
            cells[article] = {"status": "related", "cites": [cite]}
    _mark_copies(cells, copies)
    return {"kind": "fact", "text": line["text"], "cells": cells}


def _mark_copies(cells: dict[str, Json], copies: Mapping[str, str]) -> None:
    """A syndicated copy's cell names its original: it confirms nothing on its own."""
    for copy, original in copies.items():
        if copy in cells and cells[copy]["status"] in {"states", "gives"}:
            cells[copy]["copy_of"] = original
