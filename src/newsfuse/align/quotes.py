"""Quote groups: the same statement carried by different articles, in different words.

Outlets quote one speech in different translations and cuts ("quickly track down
traitors, spies and saboteurs" / "promptly uncover traitors, spies and
saboteurs"), so exact text matching finds little. Two quotes of one speaker in
different articles are the same statement when their content words (folded
plurals, no stop words) overlap enough, measured on the shorter quote so that a
partial quote matches the full one it was cut from. Groups are the connected
pieces of that relation; a quote no other article carries forms no group (CLI.md).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from newsfuse.align.sets import DisjointSets
from newsfuse.align.text import content_words

# Share of the shorter quote's content words the other must hold to be the same
# statement (tuned on the seeds' two cross-source pairs, checked on BASIL dev briefs).
MIN_OVERLAP = 0.4
# Fewest shared content words: two short quotes sharing "Ukraine" are not one statement.
MIN_SHARED = 3

Json = dict[str, Any]


def quote_groups(quotes: Sequence[Mapping[str, Any]]) -> list[Json]:
    """``quote_groups`` of the brief: same speaker, different articles, overlapping words.

    Each quote is linked to its best match in each other article, and only when that
    quote's best match in return is this one; links join groups strongest first, and
    never two groups that already hold a quote of the same article, so a group never
    grows by chaining a statement to a different one through a third article.
    """
    words = [content_words(q["text"]) for q in quotes]
    best: dict[tuple[int, str], tuple[float, int]] = {}  # (quote, other article) -> match
    for i, a in enumerate(quotes):
        for j, b in enumerate(quotes):
            if a["article"] == b["article"] or not _same_speaker(a, b):
                continue
            score = overlap(words[i], words[j])
            if score is None:
                continue
            key = (i, b["article"])
            if key not in best or score > best[key][0]:
                best[key] = (score, j)
    sets = DisjointSets(len(quotes))

    articles_of: dict[int, set[str]] = {i: {q["article"]} for i, q in enumerate(quotes)}
    mutual = sorted(
        ((score, i, j) for (i, _), (score, j) in best.items() if i < j),
        key=lambda t: (-t[0], t[1], t[2]),
    )
    for _, i, j in mutual:
        if best.get((j, quotes[i]["article"]), (0.0, -1))[1] != i:
            continue  # not each other's best
        ri, rj = sets.find(i), sets.find(j)
        if ri == rj or articles_of[ri] & articles_of[rj]:
            continue  # one quote per article in a group: no chaining through a third
        sets.union(ri, rj)
        articles_of[ri] |= articles_of[rj]
    groups: list[Json] = []
    for idx in sets.groups():
        articles = list(dict.fromkeys(quotes[i]["article"] for i in idx))
        if len(articles) < 2:
            continue
        groups.append(
            {
                "id": f"g{len(groups) + 1}",
                "speaker": quotes[idx[0]]["speaker"],
                "speaker_entity": quotes[idx[0]].get("speaker_entity"),
                "quotes": [quotes[i]["id"] for i in idx],
                "articles": articles,
            }
        )
    return groups


def overlap(a: frozenset[str], b: frozenset[str]) -> float | None:
    """How much two quotes' content words say the same thing (shared words over the
    shorter quote's), or None when they are not the same statement."""
    shared = len(a & b)
    if shared < MIN_SHARED:
        return None
    score = shared / min(len(a), len(b))
    return score if score >= MIN_OVERLAP else None


def same_statement(a: frozenset[str], b: frozenset[str]) -> bool:
    """Whether two quotes' content words say the same thing (overlap on the shorter)."""
    return overlap(a, b) is not None


def _same_speaker(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    """Named speakers only: by entity when both have one, else by canonical name."""
    if not a.get("speaker") or not b.get("speaker"):
        return False  # "speaker not stated" is never grouped with anyone
    if a.get("speaker_entity") and b.get("speaker_entity"):
        return bool(a["speaker_entity"] == b["speaker_entity"])
    return bool(str(a["speaker"]).lower() == str(b["speaker"]).lower())
