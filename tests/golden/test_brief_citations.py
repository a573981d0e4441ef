"""Every summary, timeline, shared-fact and unique line of a brief is a sentence of the
paragraph it cites (after normalising spaces and quote marks): on the seed brief and on
ten BASIL dev events, three outlets each (issue "Stories across outlets")."""

from __future__ import annotations

import json
import re
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest

from newsfuse.brief import compose
from newsfuse.pipeline import load

# BASIL dev events checked (the first ten by year and triplet id).
EVENTS = 10

_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"})


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.translate(_QUOTES)).strip()


def lines_and_cites(brief: dict[str, Any]) -> list[tuple[str, str, str, int]]:
    """(field, text, article, paragraph) of every citing line; the text must lie in the
    first paragraph it cites."""
    out = []
    for field in ("summary", "timeline", "facts"):
        for item in brief[field]:
            first = item["cites"][0]
            out.append((field, item["text"], first["article"], first["paragraph"]))
            assert set(item["articles"]) == {c["article"] for c in item["cites"]}
    for u in brief["unique"]:
        out.append(("unique", u["text"], u["article"], u["paragraph"]))
    return out


def check(brief: dict[str, Any]) -> int:
    paragraphs = {a["id"]: a["paragraphs"] for a in brief["articles"]}
    lines = lines_and_cites(brief)
    for field, text, article, paragraph in lines:
        assert norm(text) in norm(paragraphs[article][paragraph]), (field, text)
    return len(lines)


def test_seed_brief_cites_every_line(seed_paths: list[str]) -> None:
    brief = compose(load(seed_paths).articles).to_json()
    assert 5 <= len(brief["summary"]) <= 10
    assert brief["timeline"] and brief["unique"] and brief["facts"]
    assert check(brief) >= 20


def basil_events(paths: list[str]) -> list[list[str]]:
    by_event: dict[str, list[str]] = defaultdict(list)
    for p in paths:
        by_event[json.loads(Path(p).read_text(encoding="utf-8"))["triplet-uuid"]].append(p)
    return [sorted(v) for _, v in sorted(by_event.items())][:EVENTS]


@pytest.mark.parametrize("k", range(EVENTS))
def test_basil_dev_briefs_cite_every_line(basil_dev_paths: list[str], k: int) -> None:
    event = basil_events(basil_dev_paths)[k]
    brief = compose(load(event).articles).to_json()
    assert len(brief["articles"]) == 3
    assert 5 <= len(brief["summary"]) <= 10
    assert check(brief) >= 5


def test_no_line_of_the_seed_brief_is_shown_twice(seed_paths: list[str]) -> None:
    from newsfuse.brief import render

    text = render(compose(load(seed_paths).articles), "md")
    sections = re.split(r"^## ", text, flags=re.M)
    bullets = [
        line.rsplit(" [", 1)[0]
        for sec in sections
        if sec.startswith(("Summary", "Also stated", "Stated by", "Only in one source"))
        for line in sec.splitlines()
        if line.startswith("- ")
    ]
    assert bullets and len(bullets) == len(set(bullets))
