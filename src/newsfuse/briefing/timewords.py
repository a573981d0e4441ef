"""Normalised times in words, for people: "for months", "the week of 19 September 2016".

The JSON brief keeps TimeML TIMEX3 values ("PXM", "2016-W38", "2022-Q3") for
programs; every page, table and Markdown line a person reads shows them through
:func:`time_words`. A value it does not know is shown as written rather than
guessed at.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

_UNITS = {
    "Y": ("year", "years"),
    "M": ("month", "months"),
    "W": ("week", "weeks"),
    "D": ("day", "days"),
    "WE": ("weekend", "weekends"),
    "DE": ("decade", "decades"),
    "CE": ("century", "centuries"),
}
_TIME_UNITS = {"H": ("hour", "hours"), "M": ("minute", "minutes"), "S": ("second", "seconds")}
_PARTS_OF_DAY = {"MO": "morning", "AF": "afternoon", "EV": "evening", "NI": "night", "DT": "day"}
_SEASONS = {"SP": "spring", "SU": "summer", "FA": "autumn", "WI": "winter"}
_ORDINAL = {1: "first", 2: "second", 3: "third", 4: "fourth"}
_REFS = {"PRESENT_REF": "now", "PAST_REF": "in the past", "FUTURE_REF": "in the future"}
_WEEKDAYS = list(calendar.day_name)  # Monday first, as ISO weekday 1

_DURATION = re.compile(
    r"^P(?:(?P<n>[\d.]+|X)(?P<u>WE|DE|CE|[YMWD]))$|^PT(?P<tn>[\d.]+|X)(?P<tu>[HMS])$"
)
_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})|T(MO|AF|EV|NI|DT))?$")


def time_words(value: str | None, kind: str | None = None) -> str:
    """A TIMEX3 value in words; ``kind`` is its TIMEX3 type (DATE, TIME, DURATION, SET).

    "2022-12-19" -> "19 December 2022"; "2016-W38" -> "the week of 19 September 2016";
    "PXM" -> "for months"; "P3D" with kind SET -> "every 3 days"; "2022-Q3" -> "the
    third quarter of 2022"; "PRESENT_REF" -> "now"; "XXXX-WXX-1" -> "every Monday".
    """
    if not value:
        return ""
    if value in _REFS:
        return _REFS[value]
    if value.startswith("P"):
        return _period(value, every=kind == "SET")
    if value.startswith("XXXX"):
        return _recurring(value)
    return _date(value) or value


def _count(n: str, names: tuple[str, str]) -> str:
    if n == "X":
        return names[1]
    if n in ("1", "1.0"):
        return f"an {names[0]}" if names[0][0] in "aeiou" or names[0] == "hour" else f"a {names[0]}"
    return f"{n.removesuffix('.0')} {names[1]}"


def _period(value: str, *, every: bool) -> str:
    m = _DURATION.match(value)
    if m is None:
        return value
    if m["u"]:
        n, names = m["n"], _UNITS[m["u"]]
    else:
        n, names = m["tn"], _TIME_UNITS[m["tu"]]
    if every:
        return f"every {names[0]}" if n in ("1", "1.0") else f"every {_count(n, names)}"
    return f"for {_count(n, names)}"


def _recurring(value: str) -> str:
    """Values with an unknown year: "XXXX-WXX-1" (every Monday), "XXXX-12" (every
    December), "XXXX-XX-XXTMO" (every morning), "XXXX-12-25" (25 December, year not
    stated)."""
    if m := re.fullmatch(r"XXXX-WXX-([1-7])", value):
        return f"every {_WEEKDAYS[int(m[1]) - 1]}"
    if m := re.fullmatch(r"XXXX-XX-XXT(MO|AF|EV|NI|DT)", value):
        return f"every {_PARTS_OF_DAY[m[1]]}"
    if m := re.fullmatch(r"XXXX-(\d{2})", value):
        month = int(m[1])
        return f"every {calendar.month_name[month]}" if 1 <= month <= 12 else value
    if m := re.fullmatch(r"XXXX-(\d{2})-(\d{2})", value):
        month, day = int(m[1]), int(m[2])
        if 1 <= month <= 12:
            return f"{day} {calendar.month_name[month]} (year not stated)"
    return value


def _date(value: str) -> str | None:
    """A calendar value (day, time of a day, week, month, quarter, half, season, year,
    decade, century) in words; None when the value is none of them."""
    try:
        if m := _DAY.match(value):
            day = dt.date(int(m[1]), int(m[2]), int(m[3]))
            words = _day(day)
            if m[4]:
                return f"{words}, {m[4]}:{m[5]}"
            if m[6]:
                return f"the {_PARTS_OF_DAY[m[6]]} of {words}"
            return words
        if m := re.fullmatch(r"(\d{4})-W(\d{2})(-WE)?", value):
            monday = dt.date.fromisocalendar(int(m[1]), int(m[2]), 1)
            if m[3]:
                return f"the weekend of {_day(monday + dt.timedelta(days=5))}"
            return f"the week of {_day(monday)}"
        if m := re.fullmatch(r"(\d{4})-(\d{2})", value):
            month = int(m[2])
            return f"{calendar.month_name[month]} {m[1]}" if 1 <= month <= 12 else None
        if m := re.fullmatch(r"(\d{4})-Q([1-4])", value):
            return f"the {_ORDINAL[int(m[2])]} quarter of {m[1]}"
        if m := re.fullmatch(r"(\d{4})-H([12])", value):
            return f"the {_ORDINAL[int(m[2])]} half of {m[1]}"
        if m := re.fullmatch(r"(\d{4})-(SP|SU|FA|WI)", value):
            return f"{_SEASONS[m[2]]} {m[1]}"
        if re.fullmatch(r"\d{4}", value):
            return value
        if re.fullmatch(r"\d{3}", value):  # a decade: "199" is the 1990s
            return f"the {value}0s"
        if re.fullmatch(r"\d{2}", value):  # a century: "19" is the 1900s
            return f"the {value}00s"
    except ValueError:  # a day or week that does not exist: shown as written
        return None
    return None


def _day(day: dt.date) -> str:
    return f"{day.day} {calendar.month_name[day.month]} {day.year}"
