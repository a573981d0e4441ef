"""Publication dates: parse declared values, find a dateline in the prose."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

_MONTH = (
    r"(?P<month>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_WEEKDAY = (
    r"(?:(?P<weekday>Mon|Tues?|Wed(?:nes)?|Thu(?:rs?)?|Fri|Sat(?:ur)?|Sun)(?:day)?\.?,?\s+"
    r"(?:the\s+)?)?"
)
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d{2})"
_SEP = r"[,.]?\s+"
# "Tuesday, December, 20, 2022", "Dec. 20, 2022", "December 20 2022"
_MDY = re.compile(rf"\b{_WEEKDAY}{_MONTH}{_SEP}{_DAY}{_SEP}{_YEAR}\b", re.I)
# "Tuesday 20 December 2022", "20th Dec 2022"
_DMY = re.compile(rf"\b{_WEEKDAY}{_DAY}(?:\s+of)?\s+{_MONTH}{_SEP}{_YEAR}\b", re.I)
_ISO = re.compile(r"\b(?P<year>(?:19|20)\d{2})-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b")

# Words just before a date that mark it as the time of writing, or as a past event.
_PUBLISHED_CUES = re.compile(
    r"\b(today|published|posted|updated|filed|dated|this)\b[^.]{0,30}$", re.I
)
_PAST_CUES = re.compile(
    r"\b(since|began|begun|started|starting|from|until|before|after|in|born|ago|between)\b\W*$",
    re.I,
)
# Only the first paragraphs hold a dateline; later dates are events in the story.
LEAD_PARAGRAPHS = 3


def parse_date_value(value: str) -> str | None:
    """A declared date (header, record field) -> ISO ``YYYY-MM-DD``, or None."""
    value = value.strip()
    m = re.match(r"^(\d{4})-(\d{2})-(\d{2})", value)
    if m:
        return _iso(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    for rx in (_MDY, _DMY):
        m = rx.fullmatch(value.rstrip("."))
        if m:
            return _from_match(m)
    if not re.search(r"\b\d{4}\b", value):  # a declared date names its year; no "yesterday"
        return None
    import dateparser

    parsed = dateparser.parse(
        value,
        languages=["en"],
        settings={"STRICT_PARSING": True, "REQUIRE_PARTS": ["day", "month", "year"]},
    )
    return parsed.date().isoformat() if parsed else None


@dataclass(frozen=True, slots=True)
class DateMention:
    iso: str
    paragraph: int
    start: int
    end: int
    score: int


def find_text_date(paragraphs: list[str] | tuple[str, ...]) -> DateMention | None:
    """The publication date stated in the prose, or None when the text does not say.

    Full dates (day, month, year) only. A date counts as the time of writing
    when it stands in the lead paragraphs, or after a cue such as "today" or
    "published"; a date after "since"/"began" is a past event and never counts.
    """
    best: DateMention | None = None
    for p_idx, para in enumerate(paragraphs):
        for rx in (_MDY, _DMY, _ISO):
            for m in rx.finditer(para):
                iso = _from_match(m)
                if iso is None:
                    continue
                before = para[max(0, m.start() - 60) : m.start()]
                score = 0
                if p_idx < LEAD_PARAGRAPHS:
                    score += 2
                if _PUBLISHED_CUES.search(before):
                    score += 3
                if _PAST_CUES.search(before):
                    score -= 4
                weekday = m.groupdict().get("weekday")
                if weekday:
                    actual = WEEKDAYS[dt.date.fromisoformat(iso).weekday()]
                    if not actual.startswith(weekday.lower()[:3]):
                        continue  # the text contradicts itself: not a date to rely on
                    score += 1
                if score <= 0:
                    continue
                cand = DateMention(iso, p_idx, m.start(), m.end(), score)
                if best is None or (cand.score, cand.iso) > (best.score, best.iso):
                    best = cand
    return best


def _from_match(m: re.Match[str]) -> str | None:
    month_raw = m.group("month")
    month = int(month_raw) if month_raw.isdigit() else MONTHS.get(month_raw.lower()[:3])
    if month is None:
        return None
    return _iso(int(m.group("year")), month, int(m.group("day")))


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None
