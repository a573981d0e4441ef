"""Repeated paragraphs: exact, near and contained copies; keep the best copy once.

Matching is typography-insensitive (quotes, dashes, case, spacing). A paragraph
whose word trigrams are almost all present in other kept paragraphs (a caption
that repeats two body paragraphs, a pull quote) is a repeat too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from newsfuse.clean.text import ends_sentence, match_key

# Two paragraphs are copies when their match keys are this similar (0-100, Indel ratio).
# 90 joins copies that differ by a trailing period or a few typos; on dev pages distinct
# paragraphs of one article never score above 80.
NEAR_DUPLICATE_RATIO = 90
# A paragraph is contained in the others when this share of its word trigrams occurs there.
CONTAINED_SHARE = 0.9
# Only paragraphs at least this long (words) are removed as repeats. Shorter repeats are
# structure the page means (headings, table headers, recipe steps, "Meal 1", tags): on
# ScrapingHub dev pages removing them cost 0.007 F1, while scraped captions run 20+ words.
MIN_REPEAT_WORDS = 10
# A short paragraph (under MIN_REPEAT_WORDS) repeated in other typography is removed as a
# copy from this many words: a two-word label ("Photo 1") stays whatever its quotes.
MIN_SHORT_COPY_WORDS = 3
# A caption judged by partial overlap must be at least this long, so list items and
# table rows that share a few trigrams with the body stay.
MIN_CAPTION_WORDS = 15
# A caption-shaped paragraph (no end punctuation) that restates this share of body trigrams
# is a photo caption paraphrasing the body: seed 000's captions share ~0.6 with its lead.
CAPTION_CONTAINED_SHARE = 0.5
SHINGLE = 3
# When at least STRUCTURED_REPEATS paragraphs, and more than MAX_REPEAT_SHARE of all, repeat
# others, the text is built from repeated parts on purpose (a meal plan, an interview that
# asks everyone the same questions) and nothing is removed. Seed 000's scraped captions:
# 6 repeats, 8 %; the ScrapingHub dev meal plan: 47 repeats, 23 %.
MAX_REPEAT_SHARE = 0.15
STRUCTURED_REPEATS = 10
# Structured lines repeat on purpose: table rows, list items, questions in an interview.
_STRUCTURED = re.compile(r"^\s*(\||[-–•*·]\s|\d+[.)]\s)")
# Social posts are embedded and quoted in the text around them: not captions.
_SOCIAL = re.compile(r"https?://|pic\.twitter|(^|\s)[@#]\w")


@dataclass(frozen=True, slots=True)
class Repeat:
    index: int  # the paragraph removed
    kept: tuple[int, ...]  # the paragraphs that carry its content
    how: str  # "exact" | "near" | "contained" | "caption"


def find_repeats(paragraphs: list[str]) -> list[Repeat]:
    """Which paragraphs repeat others, and which copy carries the content."""
    keys = [match_key(p) for p in paragraphs]
    removable = [_removable(p) for p in paragraphs]
    removed: dict[int, Repeat] = {}
    # 1. exact and near copies: group, keep the best copy. A paragraph joins the earliest
    # group whose first member it is near; rapidfuzz scans the group leaders in C (a
    # Python loop over all pairs took minutes on a 2 MB article).
    group_of: list[int] = list(range(len(paragraphs)))
    leaders: list[int] = []
    leader_keys: list[str] = []
    for i in range(len(paragraphs)):
        if not removable[i]:
            continue
        matches = process.extract(
            keys[i], leader_keys, scorer=fuzz.ratio, score_cutoff=NEAR_DUPLICATE_RATIO, limit=None
        )
        if matches:
            group_of[i] = leaders[min(m[2] for m in matches)]
        else:
            leaders.append(i)
            leader_keys.append(keys[i])
    groups: dict[int, list[int]] = {}
    for i, g in enumerate(group_of):
        groups.setdefault(g, []).append(i)
    # short copies (a caption, a pull quote) are kept as structure when they repeat as
    # written, but a copy in other typography ('straight' vs ‘curly’ quotes, - vs –) is
    # the same text scraped twice
    short: dict[str, list[int]] = {}
    for i, p in enumerate(paragraphs):
        if not removable[i] and keys[i] and _short_repeatable(p):
            short.setdefault(keys[i], []).append(i)
    for members in short.values():
        if len(members) > 1 and len({paragraphs[k] for k in members}) > 1:
            groups[members[0]] = members
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
    # which paragraphs hold each trigram: overlaps are counted from these lists instead of
    # intersecting every pair of paragraphs (quadratic in the article's length)
    holders: dict[tuple[str, ...], list[int]] = {}
    for j, own in enumerate(shingles):
        for sh in own:
            holders.setdefault(sh, []).append(j)
    order = sorted(range(len(paragraphs)), key=lambda k: -len(keys[k]))
    for i in order:
        if i in removed or not removable[i]:
            continue
        own = shingles[i]
        caption = (
            not ends_sentence(paragraphs[i])
            and len(paragraphs[i].split()) >= MIN_CAPTION_WORDS
            and not _SOCIAL.search(paragraphs[i])
        )
        need = (CAPTION_CONTAINED_SHARE if caption else CONTAINED_SHARE) * len(own)
        shared: dict[int, int] = {}  # paragraph -> how many of i's trigrams it holds
        for sh in own:
            for j in holders[sh]:
                shared[j] = shared.get(j, 0) + 1
        hits = [(n, j) for j, n in shared.items() if j != i and j not in removed]
        covered: set[tuple[str, ...]] = set()
        carriers: list[int] = []
        for _, j in sorted(hits, reverse=True):  # greedy: biggest contributors first
            covered |= own & shingles[j]
            carriers.append(j)
            if len(covered) >= need:
                how = "contained" if len(covered) >= CONTAINED_SHARE * len(own) else "caption"
                removed[i] = Repeat(i, tuple(sorted(carriers)), how)
                break
    if len(removed) >= STRUCTURED_REPEATS and len(removed) > MAX_REPEAT_SHARE * len(paragraphs):
        return []
    return sorted(removed.values(), key=lambda r: r.index)


def _removable(text: str) -> bool:
    """Long enough to be a repeat worth removing, and not structure that repeats on purpose."""
    return (
        len(text.split()) >= MIN_REPEAT_WORDS
        and not _STRUCTURED.match(text)
        and not text.rstrip().endswith("?")
    )


def _short_repeatable(text: str) -> bool:
    """A short paragraph that may go as a typographic copy: a few words of text, not a
    table row, list item or question."""
    return len(text.split()) >= MIN_SHORT_COPY_WORDS and not _STRUCTURED.match(text) and not (
        text.rstrip().endswith("?")
    )


def _quality(text: str) -> tuple[int, int, int]:
    """Prefer the copy that reads as finished prose, in the source's own typography."""
    typographic = sum(text.count(c) for c in "‘’“”–—…")
    return (int(ends_sentence(text)), typographic, len(text))


def _shingles(key: str) -> set[tuple[str, ...]]:
    toks = key.split()
    if len(toks) < SHINGLE:
        return {tuple(toks)} if toks else set()
    return {tuple(toks[i : i + SHINGLE]) for i in range(len(toks) - SHINGLE + 1)}
