"""Word lists and regex building blocks for time expressions (English news)."""

from __future__ import annotations

import re

MONTHS: dict[str, int] = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6,
    "july": 7, "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip

WEEKDAYS: dict[str, int] = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3,
    "friday": 4, "saturday": 5, "sunday": 6,
}  # fmt: skip

NUMBER_WORDS: dict[str, int] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "hundred": 100, "dozen": 12, "couple": 2, "half": 0,
}  # fmt: skip

ORDINALS: dict[str, int] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
    "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11,
    "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15,
    "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
    "twentieth": 20, "twenty-first": 21,
    "1st": 1, "2nd": 2, "3rd": 3, "4th": 4,
}  # fmt: skip

# Vague amounts: the TIMEX3 value keeps the unit and puts X for the number ("PXY").
VAGUE_AMOUNTS = frozenset({"few", "a few", "several", "many", "some", "a number of", "dozens"})

# Unit word -> (TIMEX3 duration letter, whether it takes the "T" time prefix).
UNITS: dict[str, tuple[str, bool]] = {
    "second": ("S", True), "minute": ("M", True), "hour": ("H", True),
    "day": ("D", False), "week": ("W", False), "weekend": ("WE", False),
    "fortnight": ("W", False), "month": ("M", False), "quarter": ("Q", False),
    "year": ("Y", False), "decade": ("DE", False), "century": ("CE", False),
    "centurie": ("CE", False),
}  # fmt: skip

SEASONS: dict[str, str] = {
    "spring": "SP",
    "summer": "SU",
    "fall": "FA",
    "autumn": "FA",
    "winter": "WI",
}
PART_OF_DAY_CODES: dict[str, str] = {
    "morning": "MO",
    "afternoon": "AF",
    "evening": "EV",
    "night": "NI",
    "overnight": "NI",
}

_MONTH_FULL = (
    "January|February|March|April|May|June|July|August|September|October|November|December"
)
_MONTH_ABBR = r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec"
MONTH = rf"(?:(?:{_MONTH_FULL})\b|(?:{_MONTH_ABBR})(?:\.|\b))"
WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
DAYNUM = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
YEAR = r"(?:1[5-9]\d\d|20\d\d)"
_NUMW = (
    "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
    "fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|"
    "seventy|eighty|ninety|hundred"
)
NUMBER = (
    r"(?:(?:\d{1,3}(?:,\d{3})+|\d{1,3}(?:\.\d+)?)(?:\s+1/2)?"
    rf"|(?i:(?:{_NUMW})(?:[\s-](?:{_NUMW}))*(?:\s+and\s+a\s+half)?)"
    r"|(?i:a\s+few|a\s+couple\s+of|a\s+dozen|a\s+number\s+of|several|few|many|dozens\s+of"
    r"|a|an|couple\s+of))"
)
UNIT = (
    r"(?i:seconds?|minutes?|hours?|days?|weeks?|weekends?|fortnights?|months?|quarters?|years?"
    r"|decades?|century|centuries)"
)
UNIT_ONE = r"(?i:day|week|weekend|month|quarter|year|decade|century)"
PART_OF_DAY = r"(?i:morning|afternoon|evening|night|overnight)"
SEASON = r"(?i:spring|summer|fall|autumn|winter)"
# Quantifiers that TimeBank keeps inside a TIMEX3 ("more than four hours"); hedges such as
# "about", "only", "just" stay outside ("about five hours" -> "five hours").
APPROX = (
    r"(?i:almost|nearly|more\s+than|over|at\s+least|up\s+to|less\s+than|fewer\s+than|under"
    r"|no\s+more\s+than|at\s+most|another|the\s+next|the\s+past|the\s+last|the\s+first)"
)
TIMEZONE = r"(?:EST|EDT|CST|CDT|MST|MDT|PST|PDT|GMT|UTC|BST|CET|ET|PT)"
AMPM = r"(?i:a\.m\.?|p\.m\.?|am\b|pm\b)"
ORDINAL_Q = r"(?i:first|second|third|fourth|1st|2nd|3rd|4th)"


def compile_pattern(pattern: str) -> re.Pattern[str]:
    """Compile with word boundaries enforced on the left."""
    return re.compile(rf"(?<![\w$.-]){pattern}")


def number_value(text: str) -> int | float | None:
    """An amount as a number; None when it is vague ("several", "a few")."""
    t = re.sub(r"\s+", " ", text.strip().lower())
    if t in VAGUE_AMOUNTS or t in {"dozens of", "a number of"}:
        return None
    if t in {"a couple of", "couple of"}:
        return 2
    if t == "a dozen":
        return 12
    m = re.fullmatch(r"(\d+(?:\.\d+)?)(?: 1/2)?", t.replace(",", ""))
    if m:
        n = float(m.group(1)) + (0.5 if t.endswith("1/2") else 0)
        return int(n) if n.is_integer() else n
    half = t.endswith(" and a half")
    t = t.removesuffix(" and a half")
    total = 0
    for word in re.split(r"[\s-]+", t):
        if word not in NUMBER_WORDS:
            return None
        v = NUMBER_WORDS[word]
        total = total * v if v == 100 and total else total + v
    return total + 0.5 if half else total
