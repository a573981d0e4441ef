"""Word tables for numeric claims: number words, magnitudes, units, qualifiers, cues.

Kept apart from :mod:`newsfuse.extract.numbers` so the rules read without the lists.
Every table is keyed by lower-cased token text (or a tuple of them for phrases).
"""

from __future__ import annotations

from newsfuse.text import lexicon
from newsfuse.text.lexicon import PERSON_SUBJECT_PRONOUNS, PLURAL_SUBJECT_PRONOUNS

# Spelled-out units and teens: their value when read as a number.
SMALL_NUMBERS: dict[str, int] = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}

# Spelled-out tens: combine with a following unit ("twenty-three").
TENS: dict[str, int] = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}

# Words that multiply what precedes them ("three million", "1.5 billion", "$40bn").
MAGNITUDES: dict[str, float] = {
    "hundred": 1e2,
    "thousand": 1e3,
    "million": 1e6,
    "mln": 1e6,
    "mn": 1e6,
    "billion": 1e9,
    "bln": 1e9,
    "bn": 1e9,
    "trillion": 1e12,
    "tn": 1e12,
    "trn": 1e12,
}

# Suffixes glued to digits ("40bn", "5m", "3.5k"); "m" is read as million, as the press uses it.
GLUED_MAGNITUDES: dict[str, float] = {
    "k": 1e3,
    "m": 1e6,
    "mn": 1e6,
    "mln": 1e6,
    "bn": 1e9,
    "b": 1e9,
    "tn": 1e12,
    "trn": 1e12,
}

# "dozen" counts 12; "a dozen" → 12, "two dozen" → 24.
DOZEN = 12

# Vague plurals and the range each states, [low, high): the plural of a unit is at least
# two of it and less than the next word a writer would reach for ("hundreds" is 200 to
# 999, "thousands" 2,000 to 9,999, since 10,000 would be "tens of thousands"); "dozens"
# is two dozen up to a hundred. Never a point value: the mention keeps ``low`` as its
# ``value`` and the range as ``low``/``high``.
VAGUE: dict[str, tuple[float, float]] = {
    "dozens": (24, 100),
    "scores": (40, 100),
    "hundreds": (200, 1e3),
    "thousands": (2e3, 1e4),
    "millions": (2e6, 1e7),
    "billions": (2e9, 1e10),
    "trillions": (2e12, 1e13),
    "tens": (20, 100),
}

# What one of each vague plural is worth when it is the second word ("hundreds of
# thousands" is hundreds of 1,000: 200,000 to 999,999).
VAGUE_UNIT: dict[str, float] = {
    "dozens": 12,
    "scores": 20,
    "hundreds": 1e2,
    "thousands": 1e3,
    "millions": 1e6,
    "billions": 1e9,
    "trillions": 1e12,
    "tens": 10,
}

# Vague words that only count when followed by "of" ("scores of people", "tens of thousands").
VAGUE_NEEDS_OF = frozenset({"scores", "tens"})

# Currency symbols, written before the number.
CURRENCY_SYMBOLS: dict[str, str] = {
    "$": "USD",
    "us$": "USD",
    "usd": "USD",
    "£": "GBP",
    "gbp": "GBP",
    "€": "EUR",
    "eur": "EUR",
    "¥": "JPY",
    "₴": "UAH",
    "₽": "RUB",
    "c$": "CAD",
    "a$": "AUD",
}

# Units written after the number, by phrase (lower-cased tokens); longest phrase wins.
UNITS: dict[tuple[str, ...], str] = {
    ("%",): "%",
    ("percent",): "%",
    ("per", "cent"): "%",
    ("pc",): "%",
    ("percentage", "points"): "pp",
    ("percentage", "point"): "pp",
    ("dollars",): "USD",
    ("dollar",): "USD",
    ("us", "dollars"): "USD",
    ("euros",): "EUR",
    ("euro",): "EUR",
    ("pounds", "sterling"): "GBP",
    ("pounds",): "GBP",
    ("sterling",): "GBP",
    ("roubles",): "RUB",
    ("rubles",): "RUB",
    ("hryvnias",): "UAH",
    ("hryvnia",): "UAH",
    ("yen",): "JPY",
    ("kilometers",): "km",
    ("kilometres",): "km",
    ("kilometer",): "km",
    ("kilometre",): "km",
    ("km",): "km",
    ("miles",): "mi",
    ("mile",): "mi",
    ("mi",): "mi",
    ("meters",): "m",
    ("metres",): "m",
    ("meter",): "m",
    ("metre",): "m",
    ("m",): "m",  # after a number only when not read as million ("100m", "3 m deep")
    ("feet",): "ft",
    ("foot",): "ft",
    ("ft",): "ft",
    ("square", "kilometers"): "km2",
    ("square", "kilometres"): "km2",
    ("sq", "km"): "km2",
    ("km2",): "km2",
    ("square", "miles"): "mi2",
    ("cubic", "kilometers"): "km3",
    ("cubic", "kilometres"): "km3",
    ("cubic", "meters"): "m3",
    ("cubic", "metres"): "m3",
    ("cubic", "feet"): "ft3",
    ("percentage", "pt"): "pp",
    ("sq", "miles"): "mi2",
    ("hectares",): "ha",
    ("acres",): "acre",
    ("kilograms",): "kg",
    ("kilogrammes",): "kg",
    ("kg",): "kg",
    ("tonnes",): "t",
    ("tons",): "t",
    ("metric", "tons"): "t",
    ("t",): "t",
    ("litres",): "l",
    ("liters",): "l",
    ("barrels",): "bbl",
    ("mph",): "mph",
    ("km/h",): "km/h",
    ("kph",): "km/h",
    ("degrees", "celsius"): "°C",
    ("°c",): "°C",
    ("degrees", "fahrenheit"): "°F",
    ("°f",): "°F",
    ("megawatts",): "MW",
    ("mw",): "MW",
    ("gigawatts",): "GW",
    ("gw",): "GW",
}

# Units that make a mention a time span or an age ("300 days", "10-month", "24-year-old"):
# those are durations for the times extractor, not figures (see numbers.py).
TIME_UNITS = frozenset(
    "second seconds minute minutes hour hours day days week weeks month months year years "
    "decade decades century centuries fortnight fortnights night nights".split()
)

# Month names and abbreviations: a small number beside one is a day of the month.
MONTHS = frozenset(
    "january february march april may june july august september october november december "
    "jan jan. feb feb. mar mar. apr apr. jun jun. jul jul. aug aug. sep sep. sept sept. "
    "oct oct. nov nov. dec dec.".split()
)

# Tokens after a number that make it a clock time.
CLOCK_WORDS = frozenset(
    "am pm a.m. p.m. a.m p.m o'clock gmt bst cet cest et est edt pst utc hrs".split()
)

# Qualifiers before a number, by phrase; the value is the normalised qualifier.
QUALIFIERS: dict[tuple[str, ...], str] = {
    ("about",): "about",
    ("around",): "about",
    ("approximately",): "about",
    ("roughly",): "about",
    ("circa",): "about",
    ("c.",): "about",
    ("approx.",): "about",
    ("some",): "some",
    ("an", "estimated"): "estimated",
    ("estimated",): "estimated",
    ("more", "than"): "more than",
    ("over",): "more than",
    ("above",): "more than",
    ("greater", "than"): "more than",
    ("in", "excess", "of"): "more than",
    ("upwards", "of"): "more than",
    ("just", "over"): "more than",
    ("well", "over"): "more than",
    ("at", "least"): "at least",
    ("no", "fewer", "than"): "at least",
    ("no", "less", "than"): "at least",
    ("a", "minimum", "of"): "at least",
    ("nearly",): "nearly",
    ("almost",): "nearly",
    ("close", "to"): "nearly",
    ("just", "under"): "nearly",
    ("just", "shy", "of"): "nearly",
    ("up", "to"): "up to",
    ("as", "many", "as"): "up to",
    ("as", "much", "as"): "up to",
    ("at", "most"): "up to",
    ("no", "more", "than"): "up to",
    ("a", "maximum", "of"): "up to",
    ("fewer", "than"): "less than",
    ("less", "than"): "less than",
    ("under",): "less than",
    ("below",): "less than",
    ("exactly",): "exactly",
    ("precisely",): "exactly",
}

# Qualifiers after a number ("100 or more", "50 or so").
TRAILING_QUALIFIERS: dict[tuple[str, ...], str] = {
    ("or", "more"): "at least",
    ("or", "so"): "about",
    ("-", "plus"): "more than",
    ("plus",): "more than",
    ("+",): "more than",
}

# Verbs whose subject gives the figure stated in their complement clause.
REPORTING_VERBS = frozenset(
    "say tell claim report announce state tweet post add note confirm write warn insist allege "
    "reveal estimate assert declare acknowledge admit believe calculate suggest indicate argue "
    "explain stress".split()
)

# Verbs that state a figure through "at" ("X put the toll at 100", "estimated the cost at").
MEASURE_AT_VERBS = frozenset("put place estimate peg set".split())

# Verbs that move or hold a figure given through "to"/"at"/"by" ("the toll rose to 50").
CHANGE_VERBS = frozenset(
    "rise climb jump fall drop decline increase decrease reach hit stand total grow surge soar "
    "plunge sink exceed top".split()
)

# Nouns that only make sense with their "of" phrase ("number of troops", "54% of territory").
OF_NOUNS = frozenset(
    "number amount portion share proportion percentage total toll tally majority part %".split()
)

# Pronoun subjects of a reporting verb, resolved to an earlier named source.
PERSON_PRONOUNS = frozenset(PERSON_SUBJECT_PRONOUNS)  # he, she
THING_PRONOUNS = lexicon.THING_PRONOUNS  # it
PLURAL_PRONOUNS = PLURAL_SUBJECT_PRONOUNS  # they

# Words before "one" that make it a pronoun or a negation, not a count.
NOT_A_COUNT_BEFORE_ONE = frozenset(
    "no not the this that which every any each single another some no-one".split()
)

# Entity labels inside which a number is part of a name or title, not a figure.
NAME_LABELS = frozenset(
    {"PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "FAC", "ORG", "PERSON", "GPE", "LOC", "NORP"}
)

# Verbs after which "over"/"under"/"about" is their preposition, not a qualifier.
PREPOSITION_VERBS = frozenset(
    "preside take fight argue clash hand row quarrel rule watch look trip tower hover fret "
    "worry talk speak think care know learn ask bring come go".split()
)
# Words inside a range between a number and the noun it counts ("10 and 15 people").
RANGE_WORDS = frozenset({"and", "to", "-", "–", "or"})
# Verbs before a bare number that make it a phone number or short code ("call 911").
PHONE_VERBS = frozenset({"call", "dial", "text", "phone", "ring", "sms"})
# Dashes that join the two sides of a score or a range.
DASHES = frozenset({"-", "–", "—"})
# Nouns after "N-M" that make it a score or a vote tally.
SCORE_NOUNS = frozenset("win victory defeat loss draw lead vote score scoreline margin".split())
# Verbs before "N-M" that make it a score or a vote tally.
SCORE_VERBS = frozenset("win lose beat defeat pass draw lead vote".split())
# Words hyphenated after a number that make it a size, which is kept ("3,000-strong").
SIZE_WORDS = frozenset({"strong"})
# Nouns that make "one" part of an idiom ("at one point", "one way or another").
ONE_IDIOM_NOUNS = frozenset({"point", "time", "way", "hand", "side", "thing", "stage"})
# Words before a number that make it an age ("aged 24").
AGE_MARKS = frozenset({"aged", "age"})
# Words that make the figure after them negative ("minus 15 degrees").
NEGATIVE_WORDS = frozenset({"minus", "negative"})
# Denominators of shares written in words ("a third of", "three-fifths of"); a share is
# read only before "of" (or "half the"), and given as a percentage.
DENOMINATORS: dict[str, int] = {
    "third": 3,
    "thirds": 3,
    "quarter": 4,
    "quarters": 4,
    "fourth": 4,
    "fourths": 4,
    "fifth": 5,
    "fifths": 5,
    "sixth": 6,
    "sixths": 6,
    "eighth": 8,
    "eighths": 8,
    "tenth": 10,
    "tenths": 10,
}
# Words a title may leave lower-case without ceasing to be Title Case.
TITLE_SMALL_WORDS = frozenset("a an the of and or in on at to for with from by".split())

# Time units as a duration's unit, by the word written ("60-day", "three weeks").
DURATION_UNITS: dict[str, str] = {
    "second": "second",
    "seconds": "second",
    "minute": "minute",
    "minutes": "minute",
    "hour": "hour",
    "hours": "hour",
    "day": "day",
    "days": "day",
    "night": "night",
    "nights": "night",
    "week": "week",
    "weeks": "week",
    "fortnight": "fortnight",
    "fortnights": "fortnight",
    "month": "month",
    "months": "month",
    "year": "year",
    "years": "year",
    "decade": "decade",
    "decades": "decade",
    "century": "century",
    "centuries": "century",
}
# A duration's unit in days, so that "60 days" and "two months" can be compared.
DAYS_IN: dict[str, float] = {
    "second": 1 / 86400,
    "minute": 1 / 1440,
    "hour": 1 / 24,
    "day": 1,
    "night": 1,
    "week": 7,
    "fortnight": 14,
    "month": 30.44,
    "year": 365.25,
    "decade": 3652.5,
    "century": 36525,
}
# Words after "N years" that make it a point in time, not a span ("two years ago").
NOT_A_SPAN_AFTER = frozenset({"ago", "earlier", "later", "before", "after", "hence", "since"})

# Nouns after "N-M" (or "N to M") that make it a vote tally or a score: ONE figure.
TALLY_NOUNS = frozenset(
    "vote votes tally count decision ruling verdict majority advantage edge margin split win "
    "victory defeat loss lead score scoreline result".split()
)
# Verbs before "N-M" / "N to M" that make it a tally ("passed 97-1", "voted 68 to 31").
TALLY_VERBS = frozenset(
    "pass vote approve reject confirm defeat win lose beat clear adopt uphold rule strike "
    "back override sustain kill block advance elect draw lead".split()
)
# Words before a tally that introduce it ("by a vote of 348 to 77", "a margin of 5-4").
TALLY_INTRO = frozenset({"of", "by"})

# Plural nouns that a year names rather than counts ("the 2010 elections", "the 2001
# attacks"); a four-digit figure before one of them is a year.
YEAR_NOUNS = frozenset(
    "election elections midterm midterms primary primaries caucus caucuses race races "
    "campaign campaigns attack attacks bombing bombings shooting shootings riot riots "
    "protest protests game games olympics season seasons cycle cycles tax taxes cut cuts "
    "rule rules law laws guidelines numbers figures results levels rates".split()
)
# Words just before a four-digit figure that make it a year ("the 2010 …", "since 2010").
YEAR_BEFORE = frozenset(
    "the this that its their his her our your since in until till by before after from "
    "through during of".split()
)

# Counted nouns that say only that people are counted: what they are counted *as* (killed,
# injured, arrested…) is the measure ("57 people were killed" measures deaths).
GENERIC_COUNTED = frozenset({"people", "person", "persons", "individual", "individuals"})

# Words that name the same measure, by the measure they name: "42 dead", "57 people were
# killed", "the death toll rose to 57" and "57 fatalities" all count deaths.
MEASURE_FAMILIES: dict[str, str] = {
    **dict.fromkeys(
        "dead die died dies killed kill kills death deaths fatality fatalities toll life lives "
        "body bodies perished perish drowned drown".split(),
        "deaths",
    ),
    **dict.fromkeys("injured injure injury injuries wounded wound hurt".split(), "injuries"),
    **dict.fromkeys("missing unaccounted".split(), "missing"),
    **dict.fromkeys("arrested arrest arrests detained detain detention".split(), "arrests"),
    **dict.fromkeys(
        "evacuated evacuate evacuation evacuations evacuee evacuees".split(), "evacuations"
    ),
    **dict.fromkeys("damage damages".split(), "damage"),
    **dict.fromkeys("vote votes tally".split(), "vote"),
    **dict.fromkeys("soldier soldiers troop troops personnel".split(), "troops"),
}
# Verbs whose object is counted as the measure they name ("the flood killed 42").
MEASURE_VERBS: dict[str, str] = {
    **dict.fromkeys("kill claim".split(), "deaths"),
    **dict.fromkeys("injure wound hurt".split(), "injuries"),
    **dict.fromkeys("arrest detain".split(), "arrests"),
    **dict.fromkeys("evacuate".split(), "evacuations"),
    **dict.fromkeys("die perish drown".split(), "deaths"),
}

# Words of opposite sense: two figures whose descriptions hold a pair of these measure
# opposite things ("a two-in-three chance that we win" vs "one-in-three that we lose").
OPPOSITES: tuple[frozenset[str], ...] = (
    frozenset({"win", "lose"}),
    frozenset({"hold", "lose"}),
    frozenset({"keep", "lose"}),
    frozenset({"gain", "lose"}),
    frozenset({"rise", "fall"}),
    frozenset({"increase", "decrease"}),
    frozenset({"support", "oppose"}),
    frozenset({"favor", "oppose"}),
    frozenset({"approve", "disapprove"}),
    frozenset({"for", "against"}),
    frozenset({"yes", "no"}),
    frozenset({"pass", "fail"}),
    frozenset({"democrat", "republican"}),
    frozenset({"democratic", "republican"}),
    frozenset({"male", "female"}),
    frozenset({"men", "women"}),
)
