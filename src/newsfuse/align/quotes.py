"""Quote groups: the same statement carried by different articles, word for word, cut
differently, or in other words.

Two quotes of different articles are one statement when their speakers do not differ
and either one is a near-verbatim cut of the other (the shorter, normalised, lies in the
longer with few changes) or the matcher by meaning accepts them (translations and
paraphrases: "quickly track down traitors, spies and saboteurs" / "promptly uncover
traitors, spies and saboteurs"). Matching is one-to-one: links join groups strongest
first, a near-verbatim counterpart ahead of any paraphrase, and a group never holds two
quotes of one article, so a statement is never chained to a different one through a
third article. A quote whose speaker the text leaves unnamed joins only a near-verbatim
counterpart, and then *borrows* that quote's named speaker, with a citation of where
the name comes from. A quote no other article carries forms no group (CLI.md).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from rapidfuzz import fuzz

from newsfuse.align.sets import DisjointSets
from newsfuse.align.similarity import Scorer
from newsfuse.align.text import content_words

Json = dict[str, Any]

# Character similarity (rapidfuzz partial ratio, 0-100) of the shorter quote against the
# best-aligned stretch of the longer for a near-verbatim counterpart.
VERBATIM = 88
# Fewest words in the shorter quote for the verbatim test: "the situation" lies in many.
VERBATIM_MIN_WORDS = 4
# Matcher score two quotes of one speaker need to be one statement in other words.
SAME_QUOTE = 0.5
# Fewest content words two quotes share before the matcher scores them.
MIN_SHARED = 2

_NOT_WORD = re.compile(r"[^\w\s]")
_SPACES = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Lower case, no punctuation or quote marks, single spaces."""
    return _SPACES.sub(" ", _NOT_WORD.sub(" ", text.lower().replace("’", "'"))).strip()


def verbatim(a: str, b: str) -> float:
    """How nearly the shorter quote lies word for word in the longer (0-100)."""
    na, nb = normalise(a), normalise(b)
    if min(len(na.split()), len(nb.split())) < VERBATIM_MIN_WORDS:
        return 0.0
    return float(fuzz.partial_ratio(na, nb))


def links(quotes: Sequence[Mapping[str, Any]], scorer: Scorer) -> list[tuple[float, int, int]]:
    """(strength, i, j) for every pair of quotes of different articles that may be one
    statement: near-verbatim pairs score 1 + similarity/100, so they always come first."""
    words = [content_words(q["text"]) for q in quotes]
    out: list[tuple[float, int, int]] = []
    meaning: list[tuple[int, int]] = []
    for i, a in enumerate(quotes):
        for j in range(i + 1, len(quotes)):
            b = quotes[j]
            if a["article"] == b["article"] or _speakers_differ(a, b):
                continue
            v = verbatim(a["text"], b["text"])
            if v >= VERBATIM:
                out.append((1 + v / 100, i, j))
            elif a.get("speaker") and b.get("speaker") and len(words[i] & words[j]) >= MIN_SHARED:
                meaning.append((i, j))
    probs = scorer.probabilities([(quotes[i]["text"], quotes[j]["text"]) for i, j in meaning])
    out += [(p, i, j) for (i, j), p in zip(meaning, probs, strict=True) if p >= SAME_QUOTE]
    return sorted(out, key=lambda t: (-t[0], t[1], t[2]))


def quote_groups(
    quotes: Sequence[Mapping[str, Any]], scorer: Scorer
) -> tuple[list[Json], list[Json]]:
    """(``quote_groups``, the quotes with borrowed speakers filled in)."""
    found = links(quotes, scorer)
    sets = DisjointSets(len(quotes))
    articles = {i: {q["article"]} for i, q in enumerate(quotes)}
    speakers = {i: {_who(q)} - {None} for i, q in enumerate(quotes)}
    strength: dict[int, float] = {}
    for s, i, j in found:
        ri, rj = sets.find(i), sets.find(j)
        if ri == rj or articles[ri] & articles[rj] or len(speakers[ri] | speakers[rj]) > 1:
            continue  # one quote per article, one speaker per group
        sets.union(ri, rj)
        articles[ri] |= articles[rj]
        speakers[ri] |= speakers[rj]
        strength[i] = max(strength.get(i, 0.0), s)
        strength[j] = max(strength.get(j, 0.0), s)
    out_quotes = [dict(q) for q in quotes]
    groups: list[Json] = []
    for idx in sets.groups():
        if len(idx) < 2:
            continue
        named = [i for i in idx if quotes[i].get("speaker")]
        gid = f"g{len(groups) + 1}"
        for i in idx:
            out_quotes[i]["group"] = gid
            if not quotes[i].get("speaker") and named:
                source = quotes[named[0]]
                out_quotes[i]["speaker"] = source["speaker"]
                out_quotes[i]["speaker_entity"] = source.get("speaker_entity")
                out_quotes[i]["speaker_borrowed_from"] = {
                    "quote": source["id"],
                    "article": source["article"],
                    "paragraph": source["paragraph"],
                }
        first = quotes[named[0]] if named else quotes[idx[0]]
        groups.append(
            {
                "id": gid,
                "speaker": first.get("speaker"),
                "speaker_entity": first.get("speaker_entity"),
                "quotes": [quotes[i]["id"] for i in idx],
                "articles": list(dict.fromkeys(quotes[i]["article"] for i in idx)),
                "scores": {quotes[i]["id"]: round(min(strength[i], 1.0), 3) for i in idx},
                "verbatim": {quotes[i]["id"]: strength[i] > 1 for i in idx},
            }
        )
    return groups, out_quotes


def _who(q: Mapping[str, Any]) -> str | None:
    if not q.get("speaker"):
        return None
    return str(q.get("speaker_entity") or str(q["speaker"]).lower())


def _speakers_differ(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    """Two named speakers that are not one entity (or one name)."""
    wa, wb = _who(a), _who(b)
    if wa is None or wb is None:
        return False
    if a.get("speaker_entity") and b.get("speaker_entity"):
        return wa != wb
    return str(a["speaker"]).lower() != str(b["speaker"]).lower()
