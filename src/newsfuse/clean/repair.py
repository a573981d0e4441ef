"""Repair: mojibake, stray whitespace, paragraphs and words split across a break."""

from __future__ import annotations

import re
import unicodedata

import ftfy
from ftfy.badness import is_bad

from newsfuse.clean.text import ends_sentence, fold
from newsfuse.model import Repair

# ftfy fixes encoding damage but, by default, also straightens curly quotes and
# rewrites other typography; the display text keeps the source's typography.
_FTFY_CONFIG = ftfy.TextFixerConfig(
    uncurl_quotes=False,
    fix_latin_ligatures=False,
    fix_character_width=False,
    normalization="NFC",
    explain=False,
)
# Characters other than ASCII, no-break space and the General Punctuation block.
_BEYOND_TYPOGRAPHY = re.compile("[^\x00-\x7f\u00a0\u2000-\u206f]")
_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_INLINE_WS = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
# A paragraph ending in a word fragment right after a sentence end: "…momentum. T".
_TAIL_FRAGMENT = re.compile(r"(?:^|[.!?]['\"’”]?\s+)([A-Z][a-z]{0,2})$")
_HEAD_LOWER = re.compile(r"^([a-z]+)")
# Short words that stand on their own at a sentence start: a break after them is
# between words ("A" / "new law…"), not inside one ("T" / "he…").
STANDALONE_WORDS = frozenset(
    (
        "A I An As At Be By Do Go He If In Is It Me My No Of On Or So To Up Us We "
        "All And Any Are But Can Did For Few Had Has Her His How Its Let May Not Now "
        "Off One Our Out She The Too Two Was Who Why Yet You"
    ).split()
)


def repair_text(text: str) -> tuple[str, list[Repair]]:
    """Fix mojibake and invisible characters over the whole text."""
    repairs: list[Repair] = []
    fixed = ftfy.fix_text(text, _FTFY_CONFIG) if _may_need_ftfy(text) else text
    if fixed != text:
        for before, after in _changed_lines(text, fixed):
            repairs.append(Repair("mojibake", before, after))
    fixed = _ZERO_WIDTH.sub("", fixed).replace("\r\n", "\n").replace("\r", "\n")
    return fixed, repairs


def _may_need_ftfy(text: str) -> bool:
    """Skip ftfy (the stage's slowest step) on text with no mojibake, entities or escapes."""
    if "&" in text or "\x1b" in text:
        return True
    if text.isascii():
        return False
    if not _BEYOND_TYPOGRAPHY.search(text):
        # only ASCII plus typographic punctuation and spaces (curly quotes, dashes, …):
        # mojibake always holds a letter or sign decoded from a lead byte, so none here
        return False
    return is_bad(text) or not unicodedata.is_normalized("NFC", text)


def split_paragraphs(text: str) -> list[str]:
    """Paragraphs from blank-line-separated blocks.

    Inside a block, a line break is a paragraph break when the line ends a
    sentence or the next line starts like a new one; otherwise it is a hard wrap
    and the lines are joined with a space.
    """
    out: list[str] = []
    for block in re.split(r"\n[ \t\u00a0]*\n", text):
        lines = [_INLINE_WS.sub(" ", ln).strip() for ln in block.split("\n")]
        lines = [ln for ln in lines if ln]
        current = ""
        for ln in lines:
            if current and not ends_sentence(current) and ln[:1].islower():
                current = f"{current} {ln}"
            else:
                if current:
                    out.append(current)
                current = ln
        if current:
            out.append(current)
    return out


def join_broken_paragraphs(paragraphs: list[str]) -> tuple[list[str], list[Repair]]:
    """Rejoin a sentence or a word split across a paragraph break.

    "…momentum. T" + "he illegally annexed…" -> "…momentum. The illegally annexed…";
    a paragraph that stops mid-sentence followed by one that starts in lower case
    is joined with a space.
    """
    out: list[str] = []
    repairs: list[Repair] = []
    for para in paragraphs:
        head = _HEAD_LOWER.match(para)
        if out and head:
            prev = out[-1]
            frag = _TAIL_FRAGMENT.search(prev)
            if frag and frag.group(1) not in STANDALONE_WORDS:
                joined = prev + para  # the fragment and the next word are one word
                repairs.append(
                    Repair(
                        "split-word",
                        f"{frag.group(1)} | {head.group(1)}",
                        frag.group(1) + head.group(1),
                    )
                )
                out[-1] = joined
                continue
            if not ends_sentence(prev) and not _looks_like_heading(prev):
                out[-1] = f"{prev} {para}"
                repairs.append(
                    Repair(
                        "joined-paragraph",
                        _tail(prev) + " | " + _head(para),
                        _tail(prev) + " " + _head(para),
                    )
                )
                continue
        out.append(para)
    return out, repairs


def _looks_like_heading(text: str) -> bool:
    return len(text.split()) <= 8 and text[:1].isupper() and text.istitle()


def _tail(text: str, n: int = 30) -> str:
    return ("…" + text[-n:]) if len(text) > n else text


def _head(text: str, n: int = 30) -> str:
    return (text[:n] + "…") if len(text) > n else text


def _changed_lines(before: str, after: str) -> list[tuple[str, str]]:
    b_lines, a_lines = before.splitlines(), after.splitlines()
    if len(b_lines) != len(a_lines):
        return [(_head(fold(before), 80), _head(fold(after), 80))]
    return [(b, a) for b, a in zip(b_lines, a_lines, strict=True) if b != a][:20]
