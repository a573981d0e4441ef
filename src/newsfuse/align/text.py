"""Word sets for comparing statements across articles."""

from __future__ import annotations

import re

from spacy.lang.en.stop_words import STOP_WORDS

from newsfuse.text.sentences import NAME_INSIDE_SENTENCE
from newsfuse.text.words import DEMONYMS, bare
from newsfuse.text.words import fold as fold  # the aligner's fold: the defaults (align dev figures)

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*[A-Za-z]|\d[\d,.]*\d|\d")
# Shortest word compared (shorter ones are function words and initials).
MIN_WORD = 3


def content_words(text: str) -> frozenset[str]:
    """The folded content words of ``text`` (stop words and short words out)."""
    out = set()
    for m in _WORD.finditer(text):
        w = fold(m.group())
        if (len(w) >= MIN_WORD or w[0].isdigit()) and w not in STOP_WORDS:
            out.add(w)
    return frozenset(out)


def places_of(text: str) -> frozenset[str]:
    """The countries and nationalities a text names, folded ("Russian" and "Russia's" ->
    "russia"): two figures about different countries' troops measure different things."""
    found = set()
    for m in _WORD.finditer(text):
        w = bare(m.group())
        if w in DEMONYMS:
            found.add(DEMONYMS[w])
        elif w in _COUNTRIES:
            found.add(w)
    return frozenset(found)


# A number or a number word: a sentence that carries a figure.
_HAS_FIGURE = re.compile(r"\d|\b(?:hundreds|thousands|millions|billions|dozens)\b")


def informative(text: str) -> bool:
    """A sentence that carries a figure, a quote or a name beyond its first word (the
    fact and unique-content matchers list only such sentences)."""
    return bool(
        _HAS_FIGURE.search(text) or "“" in text or '"' in text or NAME_INSIDE_SENTENCE.search(text)
    )


_COUNTRIES = frozenset(set(DEMONYMS.values()) - {"us", "uk", "europe"})


# An attribution on its own: a short subject, a reporting verb and at most a few words
# of where or when ("Obama wrote in a letter delivered Tuesday.", "Schumer said Wednesday.").
_BARE_ATTRIBUTION = re.compile(
    r"(?:[A-Z][\w.'’-]*\s+){1,4}(?:said|says|wrote|writes|added|adds|told\s+\w+|tweeted)"
    r"(?:\s+(?:in|on|at|during|after|before|later|earlier|to|via|from|Monday|Tuesday|"
    r"Wednesday|Thursday|Friday|Saturday|Sunday)\b(?:\s+[\w'’-]+){0,5})?[.!]"
)


# A single closing quote mark: after a stop, or after a word and before a stop or the end
# ("…the same challenge,’ he said", "…I’m sure of that’.").
# A plural possessive ("the soldiers’ families") is the one apostrophe before a space.
_SINGLE_CLOSE = re.compile(r"(?<=[.,!?;:])’|(?<=\w)(?<!s)’(?=[\s.,!?;:]|$)|(?<=s)’(?=[.,!?;:]|$)")


def out_of_context(text: str) -> bool:
    """Whether a sentence only makes sense beside its neighbours, so that a brief must not
    show it alone: the rest of a quote opened in an earlier sentence ("They are following
    an incorrect reading.”"), a sentence that is all quote with no speaker in it, or an
    attribution whose quote is in the sentence before ("Obama wrote in a letter.")."""
    t = text.strip()
    opens, closes = t.count("“"), t.count("”")
    if closes > opens:
        return True
    # single curly quotes (British style): a ’ after a stop closes a quote, where
    # "Russia’s" is an apostrophe
    if len(_SINGLE_CLOSE.findall(t)) > t.count("‘"):
        return True
    if t.startswith("‘"):
        single = _SINGLE_CLOSE.search(t)
        if single is None or not t[single.end() :].strip(" .,!?;:'’”\""):
            return True
    straight = t.count('"')
    if straight % 2 == 1 and t.endswith('"') and not t.startswith('"'):
        return True
    first = t.find('"')
    if straight % 2 == 1 and first > 0 and not t[first - 1].isspace() and t[first - 1] not in "([":
        return True  # the quote closes here: it opened in an earlier sentence ('…do," he said.')
    if t[:1] in {"“", '"'}:
        close = "”" if t[0] == "“" else '"'
        end = t.find(close, 1)
        if end == -1 or not t[end + 1 :].strip(" .,!?;:'’”\""):
            return True  # all of it is the quote (or the quote runs on to the next one)
    return bool(_BARE_ATTRIBUTION.fullmatch(t))
