"""Repeated paragraphs: exact, near and contained copies; keep the best copy once.

Matching is typography-insensitive (quotes, dashes, case, spacing). A paragraph
whose word trigrams are almost all present in other kept paragraphs (a caption
that repeats two body paragraphs, a pull quote) is a repeat too.
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz

from newsfuse.clean.text import ends_sentence, match_key

# Two paragraphs are copies when their match keys are this similar (0-100, Indel ratio).
# 90 joins copies that differ by a trailing period or a few typos; on dev pages distinct
# paragraphs of one article never score above 80.
NEAR_DUPLICATE_RATIO = 90
# A paragraph is contained in the others when this share of its word trigrams occurs there.
CONTAINED_SHARE = 0.9
# Containment is only judged for paragraphs at least this long (words): shorter ones
# share trigrams by chance.
MIN_CONTAINED_WORDS = 8
# A caption-shaped paragraph (no end punctuation) that restates this share of body trigrams
# is a photo caption paraphrasing the body: seed 000's captions share ~0.6 with its lead.
CAPTION_CONTAINED_SHARE = 0.5
SHINGLE = 3


@dataclass(frozen=True, slots=True)
class Repeat:
    index: int  # the paragraph removed
    kept: tuple[int, ...]  # the paragraphs that carry its content
    how: str  # "exact" | "near" | "contained" | "caption"


def find_repeats(paragraphs: list[str]) -> list[Repeat]:
    """Which paragraphs repeat others, and which copy carries the content."""
    keys = [match_key(p) for p in paragraphs]
    removed: dict[int, Repeat] = {}
    # 1. exact and near copies: group, keep the best copy.
    group_of: list[int] = list(range(len(paragraphs)))
    for i in range(len(paragraphs)):
        if not keys[i]:
            continue
        for j in range(i):
            if group_of[j] != j or not keys[j]:
                continue
            if _near(keys[i], keys[j]):
                group_of[i] = j
                break
    groups: dict[int, list[int]] = {}
    for i, g in enumerate(group_of):
        groups.setdefault(g, []).append(i)
    for members in groups.values():
        if len(members) < 2:
            continue
        best = max(members, key=lambda k: _quality(paragraphs[k]))
        for k in members:
            if k != best:
                how = "exact" if keys[k] == keys[best] else "near"
                removed[k] = Repeat(k, (best,), how)
    # 2. containment, longest first, against what is still kept: a caption that repeats
    # two body paragraphs goes (the body keeps its finer structure), while a pull quote
    # inside a longer paragraph goes because the longer one is not covered by it.
    shingles = [_shingles(k) for k in keys]
    order = sorted(range(len(paragraphs)), key=lambda k: -len(keys[k]))
    for i in order:
        if i in removed or len(keys[i].split()) < MIN_CONTAINED_WORDS:
            continue
        own = shingles[i]
        caption = not ends_sentence(paragraphs[i])
        need = (CAPTION_CONTAINED_SHARE if caption else CONTAINED_SHARE) * len(own)
        hits = [
            (len(own & other), j)
            for j, other in enumerate(shingles)
            if j != i and j not in removed and own & other
        ]
        covered: set[tuple[str, ...]] = set()
        carriers: list[int] = []
        for _, j in sorted(hits, reverse=True):  # greedy: biggest contributors first
            covered |= own & shingles[j]
            carriers.append(j)
            if len(covered) >= need:
                how = "contained" if len(covered) >= CONTAINED_SHARE * len(own) else "caption"
                removed[i] = Repeat(i, tuple(sorted(carriers)), how)
                break
    return sorted(removed.values(), key=lambda r: r.index)


def _near(a: str, b: str) -> bool:
    if a == b:
        return True
    la, lb = len(a), len(b)
    if min(la, lb) < 0.8 * max(la, lb):
        return False
    return fuzz.ratio(a, b, score_cutoff=NEAR_DUPLICATE_RATIO) > 0


def _quality(text: str) -> tuple[int, int, int]:
    """Prefer the copy that reads as finished prose, in the source's own typography."""
    typographic = sum(text.count(c) for c in "‘’“”–—…")
    return (int(ends_sentence(text)), typographic, len(text))


def _shingles(key: str) -> set[tuple[str, ...]]:
    toks = key.split()
    if len(toks) < SHINGLE:
        return {tuple(toks)} if toks else set()
    return {tuple(toks[i : i + SHINGLE]) for i in range(len(toks) - SHINGLE + 1)}
