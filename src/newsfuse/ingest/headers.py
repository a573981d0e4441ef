"""Header lines at the top of a plain-text article.

Accepted keys: ``date``, ``title``, ``source``, ``url`` (case-insensitive,
followed by ``:`` or whitespace), one per line, before the body. ``date`` also
has an inline form in which the first sentence follows on the same line
(``date 2022-12-21 Ukraine's resistance…``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from newsfuse.annotate.dates import parse_date_value

HEADER_KEYS = ("date", "title", "source", "url")
# A header value longer than this is prose, not metadata.
MAX_HEADER_VALUE = 300
# A ``source`` line without a colon names an outlet in at most this many words.
MAX_SOURCE_WORDS = 8

_KEY_RE = re.compile(r"^[ \t\ufeff]*(date|title|source|url)(?:[ \t]*:[ \t]*|[ \t]+)(\S.*)$", re.I)
# A date value at the start of the rest of a line: ISO date/time or "21 December 2022"-like.
_INLINE_DATE_RE = re.compile(
    r"^(\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?)?)"
    r"(?:\s+|$)"
)


_LINES = re.compile(r"[^\n]*\n|[^\n]+$")


@dataclass(frozen=True, slots=True)
class Header:
    """Values declared by header lines, and the body that follows them."""

    values: dict[str, str] = field(default_factory=dict)
    body: str = ""


def parse_header(text: str) -> Header:
    """Split leading header lines off ``text``; never raises.

    A line only counts as a header when its key is known and its value is
    plausible (a parseable date, an http(s) URL, a short title or source), so
    prose that happens to start with "Date night…" stays in the body.
    """
    values: dict[str, str] = {}
    lines = _LINES.findall(text)  # "\n" only: other line separators are body text
    i = 0
    while i < len(lines):
        line = lines[i].rstrip("\r\n")
        if not line.strip():  # blank lines before, inside and after the header block
            i += 1
            continue
        m = _KEY_RE.match(line)
        if not m:
            break
        key, rest = m.group(1).lower(), m.group(2).strip()
        if key in values:
            break
        if key == "date":
            inline = _INLINE_DATE_RE.match(rest)
            if inline:
                iso = parse_date_value(inline.group(1))
                if iso is None:
                    break
                values["date"] = iso
                remainder = rest[inline.end() :].strip()
                if remainder:  # inline form: the body starts on this line
                    lines[i] = remainder + "\n"
                    break
                i += 1
                continue
            iso = parse_date_value(rest) if len(rest) <= 60 else None
            if iso is None:
                break
            values["date"] = iso
        elif key == "url":
            if not re.match(r"^https?://\S+$", rest, re.I):
                break
            values["url"] = rest
        else:  # title, source: whole-line values only
            if len(rest) > MAX_HEADER_VALUE or _looks_like_prose_start(
                key, lines, i, in_block=bool(values)
            ):
                break
            values[key] = rest
        i += 1
    body = "".join(lines[i:]) if values else text
    return Header(values=values, body=body.strip("\n\ufeff"))


def _looks_like_prose_start(key: str, lines: list[str], i: int, *, in_block: bool) -> bool:
    """A ``title``/``source`` line with no colon is prose unless it reads as a value.

    It is a header when a header or a blank line follows it, or when it comes inside a
    header block (after ``date …``) and the text that follows starts a new line of its
    own: ``date 2022-12-21`` / ``source Kyiv Independent`` / ``The president…``. A value
    that ends like a sentence, a ``source`` longer than a name, or a next line that
    continues it in lower case, make it prose ("Source code for the app was leaked.").
    """
    line = lines[i]
    if re.match(r"^[ \t\ufeff]*\w+[ \t]*:", line):
        return False
    value = _KEY_RE.match(line.rstrip("\r\n"))
    rest = value.group(2).strip() if value else ""
    if re.search(r"[.!?…]['\"’”]?$", rest):
        return True
    if key == "source" and len(rest.split()) > MAX_SOURCE_WORDS:
        return True
    nxt = lines[i + 1] if i + 1 < len(lines) else ""
    if not nxt.strip() or _KEY_RE.match(nxt.rstrip("\r\n")):
        return False
    return not in_block or nxt.lstrip()[:1].islower()
