"""Quote marks as noisy signals: pair them into quoted stretches of text.

Marks are read per paragraph (paragraphs are separated by ``"\\n\\n"``). Curly marks say
which way they face; straight marks and ``’`` are read from their neighbours, so that
apostrophes (``it's``, ``voters'``, ``’90s``) never open a quote. A quote left open at
the end of a paragraph continues into the next one when that paragraph opens with a
mark of the same family (the newspaper convention for multi-paragraph quotes);
otherwise it ends with its paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

PARAGRAPH_SEP = "\n\n"
Family = Literal["double", "single"]

# Marks of each family; a quote is closed by a mark of the family that opened it.
DOUBLE = frozenset('"“”«»')
SINGLE = frozenset("'‘’‹›")
# Marks that can only open, or only close, a quote.
OPENERS = frozenset("“‘«‹")
CLOSERS = frozenset("”’»›")
# Two straight apostrophes that some outlets (NYT archives) use as a double quote mark.
DOUBLED_APOSTROPHE = "''"
# Short elisions written with a leading apostrophe: 'em, 'til, 'n', 'cause, ’90s.
ELISION = re.compile(r"(?:em|til|n|cause|bout|tis|twas|\d\d)s?\b", re.IGNORECASE)
# What follows a plural possessive's apostrophe: a space and a lower-case word.
POSSESSIVE_NEXT = re.compile(r" [a-z]")
# Characters after which a mark may open a quote: start, space, bracket, dash, slash.
OPEN_CONTEXT = frozenset(" \t\n\xa0([{—–-/")


@dataclass(frozen=True, slots=True)
class Quoted:
    """A quoted stretch: the text between the marks, possibly over several paragraphs.

    ``parts`` are the [start, end) offsets of the text inside the marks in each
    paragraph; ``start``/``end`` cover all of them. ``closed`` is False when the quote
    ran to a paragraph end without a closing mark.
    """

    open_mark: int  # offset of the opening mark
    close_mark: int  # offset of the closing mark, or the end of the last paragraph
    parts: tuple[tuple[int, int], ...]
    closed: bool
    after: int  # offset just after the closing mark (the paragraph end when unclosed)

    @property
    def start(self) -> int:
        return self.parts[0][0]

    @property
    def end(self) -> int:
        return self.parts[-1][1]


def mark_at(text: str, i: int) -> tuple[Family, int] | None:
    """The quote-mark family at ``i`` and the mark's width (``''`` is one double mark)."""
    ch = text[i]
    if ch == "'" and text.startswith(DOUBLED_APOSTROPHE, i):
        return "double", 2
    if ch in DOUBLE:
        return "double", 1
    if ch in SINGLE:
        return "single", 1
    return None


def can_open(text: str, i: int, width: int = 1) -> bool:
    """Whether the mark at ``i`` may open a quote (not an apostrophe, not trailing a word)."""
    ch = text[i]
    if ch in CLOSERS:
        return False
    before = text[i - 1] if i > 0 else " "
    after = text[i + width] if i + width < len(text) else " "
    if after.isspace():
        return False
    if width == 1 and ch in SINGLE and ELISION.match(text, i + 1) and before in OPEN_CONTEXT:
        return False  # 'em, '90s: an elision
    if ch in OPENERS:
        return not (before.isalnum() and after.isalnum())
    return before in OPEN_CONTEXT or before in "\"“‘'"


def can_close(text: str, i: int, width: int = 1) -> bool:
    """Whether the mark at ``i`` may close a quote (it follows a word or punctuation)."""
    ch = text[i]
    before = text[i - 1] if i > 0 else " "
    after = text[i + width] if i + width < len(text) else " "
    if ch in OPENERS:
        # “It's unusual,“ said Larry Noble: an opening mark typed where a close belongs
        return before in ",.?!" and (after.isspace() or i + width >= len(text))
    if before.isspace():
        # ``outreach,' " he told``: a space set between a nested quote's close and ours,
        # ("coalitions, '' said"): a space typed after the quote's last comma or stop
        ended = i >= 2 and text[i - 2] in "'’,.?!" and before == " "
        return ended and (after.isspace() or after in ",.;:")
    # it's, Russia’s: an apostrophe inside a word
    return not (width == 1 and ch in SINGLE and before.isalnum() and after.isalnum())


def _possessive(text: str, i: int, width: int, end: int) -> bool:
    """Whether a closing candidate is rather a plural possessive (the voters' choice).

    It is when it follows an "s", a lower-case word follows, and a later mark in the
    paragraph can close the quote before any mark opens a new one.
    """
    if width != 1 or text[i] not in SINGLE or text[i - 1] not in "sS":
        return False
    if not POSSESSIVE_NEXT.match(text, i + 1):
        return False
    for j in range(i + 1, end):
        if text[j] in SINGLE:
            if can_open(text, j):
                return False
            if can_close(text, j) and not POSSESSIVE_NEXT.match(text, j + 1):
                return True
    return False


def _reopens(text: str, start: int, end: int, family: Family) -> int | None:
    """Offset after the mark that reopens a carried-over quote at a paragraph start."""
    first = _first_char(text, start, end)
    mark = mark_at(text, first) if first is not None else None
    if first is None or mark is None or mark[0] != family or not can_open(text, first, mark[1]):
        return None
    return first + mark[1]


def find_quoted(text: str) -> list[Quoted]:
    """Every quoted stretch in ``text``, in order; nested marks stay inside their quote."""
    out: list[Quoted] = []
    paragraphs = _paragraphs(text)
    open_family: Family | None = None
    open_at = -1
    parts: list[tuple[int, int]] = []
    seg_start = -1
    depth = 0  # curly quotes of the open quote's family opened inside it
    for pi, (p_start, p_end) in enumerate(paragraphs):
        i = p_start
        if open_family is not None:
            # a quote carried over from the previous paragraph reopens here
            reopen = _reopens(text, p_start, p_end, open_family)
            assert reopen is not None
            seg_start = i = reopen
        while i < p_end:
            mark = mark_at(text, i)
            if mark is None:
                i += 1
                continue
            fam, width = mark
            if open_family is None:
                if can_open(text, i, width):
                    open_family, open_at, seg_start, parts, depth = fam, i, i + width, [], 0
            elif (
                fam == open_family
                and text[i] in OPENERS
                and text[open_at] in OPENERS
                and can_open(text, i, width)
            ):
                line = text.rfind("\n", seg_start, i)
                if line >= 0 and not text[line:i].strip():
                    # a new line opening a quote: the open one was never closed
                    end = _rstrip(text, seg_start, line)
                    out.append(Quoted(open_at, end, (*parts, (seg_start, end)), False, end))
                    open_at, seg_start, parts, depth = i, i + width, [], 0
                else:
                    depth += 1  # “… what he calls “hell” than …”: a quote inside
            elif fam == open_family and depth and text[i] in CLOSERS:
                depth -= 1
            elif (
                fam == open_family
                and can_close(text, i, width)
                and not _possessive(text, i, width, p_end)
            ):
                parts.append((seg_start, i))
                out.append(Quoted(open_at, i, tuple(parts), True, i + width))
                open_family, parts = None, []
            i += width
        if open_family is not None:
            parts.append((seg_start, _rstrip(text, seg_start, p_end)))
            nxt = paragraphs[pi + 1] if pi + 1 < len(paragraphs) else None
            if nxt is None or _reopens(text, nxt[0], nxt[1], open_family) is None:
                out.append(Quoted(open_at, p_end, tuple(parts), False, p_end))
                open_family, parts = None, []
    return [q for q in out if q.end > q.start]


def _paragraphs(text: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for para in text.split(PARAGRAPH_SEP):
        spans.append((pos, pos + len(para)))
        pos += len(para) + len(PARAGRAPH_SEP)
    return spans


def _first_char(text: str, start: int, end: int) -> int | None:
    for i in range(start, end):
        if not text[i].isspace():
            return i
    return None


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end
