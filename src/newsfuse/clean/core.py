"""The clean stage: repair, split, drop boilerplate and teasers, collapse repeats."""

from __future__ import annotations

from newsfuse.clean import boilerplate as bp
from newsfuse.clean.duplicates import Repeat, find_repeats
from newsfuse.clean.repair import join_broken_paragraphs, repair_text, split_paragraphs
from newsfuse.clean.text import words
from newsfuse.model import Cleaned, Removal, Repair

# Words shorter than this are ignored when comparing a tail paragraph's vocabulary with the body's.
MIN_CONTENT_WORD = 4
# An author's biography is looked for among this many last paragraphs, and only after at
# least MIN_BODY_BEFORE_BIO paragraphs of the article (a story about a reporter starts
# with the same words).
BIO_TAIL = 3
MIN_BODY_BEFORE_BIO = 3
# A headline-shaped tail needs this many teaser entries in a row to count as a teaser block
# (one short closing line alone is handled as a signature).
MIN_TEASER_RUN = 2


def clean(text: str) -> Cleaned:
    """Clean one article's text; every removal and repair is recorded with its reason."""
    text, repairs = repair_text(text)
    paras = split_paragraphs(text)
    removed: list[Removal] = []
    kept: list[tuple[int, str]] = []  # (input paragraph index, text)

    for idx, para in enumerate(paras):
        verdict = bp.classify_line(para)
        if verdict:
            removed.append(Removal(para, verdict.reason, verdict.detail, idx))
        else:
            kept.append((idx, para))

    kept = _drop_teasers(kept, removed)
    kept = _drop_bios(kept, removed)
    kept = _drop_signature(kept, removed)
    kept, join_repairs = _join(kept)
    repairs.extend(join_repairs)

    texts = [t for _, t in kept]
    repeats = find_repeats(texts)
    gone = {r.index for r in repeats}
    survivors = [i for i in range(len(kept)) if i not in gone]
    position = {old: new for new, old in enumerate(survivors)}
    by_index = {r.index: r for r in repeats}
    for r in repeats:
        idx, para = kept[r.index]
        carriers = _resolve(r.kept, by_index)
        if r.how == "caption":
            detail = f"caption restating {_paragraph_list(carriers, position)}"
            removed.append(Removal(para, "caption", detail, idx))
            continue
        what = {"exact": "copy", "near": "near copy", "contained": "content repeated"}[r.how]
        via = by_index.get(r.kept[0]) if len(r.kept) == 1 else None
        if via is not None:  # a copy of a passage that was itself removed
            what += " of a removed " + ("caption" if via.how == "caption" else "repeat")
        detail = f"{what}; kept in {_paragraph_list(carriers, position)}"
        removed.append(Removal(para, "duplicate", detail, idx))
    removed.sort(key=lambda r: r.paragraph)
    return Cleaned(
        paragraphs=tuple(texts[i] for i in survivors),
        removed=tuple(removed),
        repairs=tuple(repairs),
    )


def _resolve(carriers: tuple[int, ...], by_index: dict[int, Repeat]) -> list[int]:
    """Follow repeats of repeats to the paragraphs that survive."""
    out: set[int] = set()
    todo = list(carriers)
    while todo:
        c = todo.pop()
        if c in by_index:
            todo.extend(by_index[c].kept)
        else:
            out.add(c)
    return sorted(out)


def _paragraph_list(carriers: list[int], position: dict[int, int]) -> str:
    nums = [position[c] + 1 for c in carriers]
    return f"paragraph {nums[0]}" if len(nums) == 1 else "paragraphs " + ", ".join(map(str, nums))


def _join(kept: list[tuple[int, str]]) -> tuple[list[tuple[int, str]], list[Repair]]:
    texts, repairs = join_broken_paragraphs([t for _, t in kept])
    if len(texts) == len(kept):
        return kept, repairs
    # Re-attach input indices: a joined paragraph keeps the index of its first part.
    out: list[tuple[int, str]] = []
    k = 0
    for t in texts:
        out.append((kept[k][0], t))
        consumed = kept[k][1]
        k += 1
        while k < len(kept) and len(consumed) < len(t) and t.startswith(consumed):
            consumed = t[: len(consumed) + 1 + len(kept[k][1])]
            k += 1
    return out, repairs


def _drop_teasers(kept: list[tuple[int, str]], removed: list[Removal]) -> list[tuple[int, str]]:
    """Remove blocks of links to other stories: a "Read more / Most popular / Related"
    heading with the headlines under it, wherever it stands (a sidebar scraped into the
    middle of the text), and a trailing run of headlines without a heading.

    A headed block ends at the first paragraph that reads as prose, which stays: the
    body after a scraped sidebar is the article's own.
    """
    n = len(kept)
    out: list[tuple[int, str]] = []
    pos = 0
    while pos < n:
        idx, t = kept[pos]
        if pos > 0 and bp.is_teaser_heading(t):
            end = pos + 1
            while end < n and bp.is_block_item(kept[end][1]):
                end += 1
            items = end - pos - 1
            if items >= MIN_TEASER_RUN or (items >= 1 and end == n):
                for i, item in kept[pos:end]:
                    removed.append(Removal(item, "teaser", "related-stories block", i))
                pos = end
                continue
            if pos >= n * bp.TEASER_MIN_POSITION and (end == n or items == 0):
                removed.append(Removal(t, "teaser", "related-stories heading", idx))
                pos += 1
                continue
        out.append((idx, t))
        pos += 1
    return _drop_trailing_links(out, removed)


def _drop_trailing_links(
    kept: list[tuple[int, str]], removed: list[Removal]
) -> list[tuple[int, str]]:
    """A run of headline-shaped paragraphs at the very end, at least half of them plainly
    links to other stories (cut off by "…", carrying a section or an age, written in
    title case, or about other things than the body). The run starts at such a plain
    link: a closing line that only looks like a headline stays."""
    n = len(kept)
    strong: list[bool] = []  # from the end
    for pos in range(n - 1, 0, -1):
        text = kept[pos][1]
        if bp.is_social_post(text) or not (
            bp.looks_like_teaser(text) or bp.looks_like_link(text) or bp.looks_like_headline(text)
        ):
            break
        strong.append(_is_teaser(text, _vocabulary(t for _, t in kept[:pos])))
    while strong and not strong[-1]:
        strong.pop()
    run = len(strong)
    if run >= MIN_TEASER_RUN and n - run >= 1 and sum(strong) * 2 >= run:
        for idx, t in kept[n - run :]:
            removed.append(Removal(t, "teaser", "trailing links to other stories", idx))
        return kept[: n - run]
    return kept


def _drop_bios(kept: list[tuple[int, str]], removed: list[Removal]) -> list[tuple[int, str]]:
    """Remove an author's biography among the last paragraphs ("Jane Doe is a reporter…")."""
    if len(kept) <= MIN_BODY_BEFORE_BIO:
        return kept
    out = list(kept)
    for pos in range(len(kept) - 1, max(len(kept) - BIO_TAIL, MIN_BODY_BEFORE_BIO) - 1, -1):
        idx, t = kept[pos]
        if bp.looks_like_bio(t):
            removed.append(Removal(t, "author-bio", "about the author", idx))
            out.remove((idx, t))
    return out


def _drop_signature(kept: list[tuple[int, str]], removed: list[Removal]) -> list[tuple[int, str]]:
    """Remove a short unpunctuated closing line (outlet name, byline, tags)."""
    if len(kept) >= 2 and bp.looks_like_signature(kept[-1][1]):
        idx, t = kept[-1]
        outlet = bp.outlet_from_signature(t)
        detail = f"site signature: {outlet}" if outlet else "closing line"
        removed.append(Removal(t, "signature", detail, idx))
        return kept[:-1]
    return kept


def _is_teaser(text: str, body_vocab: set[str]) -> bool:
    if bp.looks_like_link(text) or bp.looks_like_headline(text):
        return True
    if not bp.looks_like_teaser(text):
        return False
    vocab = _vocabulary([text])
    if not vocab:
        return True
    return len(vocab & body_vocab) / len(vocab) <= bp.TEASER_MAX_OVERLAP


def _vocabulary(texts: object) -> set[str]:
    out: set[str] = set()
    for t in texts:  # type: ignore[attr-defined]
        out.update(w for w in words(t) if len(w) >= MIN_CONTENT_WORD)
    return out
