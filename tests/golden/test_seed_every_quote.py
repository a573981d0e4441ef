"""Golden checks over the whole seed brief: every quote with its speaker, every time.

The tables were read line by line against the two seed articles; a change that adds,
loses or re-attributes a quote, or moves a date, shows up here as a named difference.
"""

from __future__ import annotations

from typing import Any

import pytest

from newsfuse.briefing import compose
from newsfuse.pipeline import load

# (seed file prefix, paragraph, kind, speaker, a snippet of the quote's text)
QUOTES: list[tuple[str, int, str, str | None, str]] = [
    ("000", 0, "partial", "Volodymyr Zelensky", "courage, resilience and strength"),
    ("000", 1, "partial", "Volodymyr Zelensky", "frontline ‘fortress"),
    ("000", 2, "indirect", "Kremlin", "will meet senior military officials"),
    ("000", 5, "direct", "Volodymyr Zelensky", "you’re protecting all of Ukraine"),
    ("000", 7, "direct", "Volodymyr Zelensky", "this is fortress Bakhmut"),
    ("000", 10, "direct", "Ganna Malyar", "Tomorrow is the winter equinox"),
    ("000", 11, "partial", "Vladimir Putin", "does not control militarily"),
    ("000", 12, "indirect", "Vladimir Putin", "the annexation of four regions"),
    ("000", 14, "partial", "Vladimir Putin", "on their professional holiday"),
    ("000", 15, "partial", "Vladimir Putin", "new regions of Russia"),
    ("000", 15, "partial", "Vladimir Putin", "rely on you, on your protection"),
    ("000", 17, "direct", "Vladimir Putin", "repeatedly faced challenges"),
    ("000", 18, "partial", "Kremlin", "keynote message from Defence Minister"),
    ("000", 20, "partial", "Ukrainian military officials", "‘gradually increasing’ threat"),
    ("000", 21, "direct", "Dmytro Kuleba", "another dance they have performed"),
    ("000", 22, "indirect", "Vladimir Putin", "plans to absorb Belarus"),
    ("000", 23, "indirect", "Ukrainian presidency", "had left five people dead"),
    ("000", 24, "indirect", "IMF", "approved an economic monitoring programme"),
    ("000", 29, "indirect", "Yevgeny Prigozhin", "ready to meet Zelensky in Bakhmut"),
    ("000", 30, "direct", "Prigozhin's spokespeople", "I’m ready to meet you"),
    ("000", 32, "direct", "Vladimir Putin", "often faced challenges"),
    ("000", 33, "indirect", "Vladimir Putin", "the security personnel deployed"),
    ("000", 33, "partial", "Vladimir Putin", "count on being protected by you"),
    ("000", 34, "indirect", "Vladimir Putin", "the challenges faced by security personnel"),
    ("000", 35, "direct", "Vladimir Putin", "Yes, it’s difficult for you"),
    ("000", 35, "partial", "Vladimir Putin", "is ‘extremely difficult"),
    ("000", 36, "direct", "Vladimir Putin", "Your duty is to do all that is needed"),
    ("000", 37, "indirect", "Vladimir Putin", "to reinforce units there"),
    ("000", 38, "partial", "Vladimir Putin", "derail activities by foreign spy agencies"),
    ("000", 40, "partial", "Ben Wallace", "Some 100,000 Russian troops"),
    ("000", 42, "direct", "Ben Wallace", "Not one single operational commander"),
    ("000", 43, "direct", "Ben Wallace", "lost significant numbers of generals"),
    ("000", 45, "indirect", "U.K. Ministry of Defense", "Ukraine has liberated about 54%"),
    ("000", 47, "indirect", "U.K. Ministry of Defense", "Russia now controls about 18%"),
    ("000", 48, "indirect", "Zelensky's office", "at least five civilians have been killed"),
    ("000", 49, "indirect", "Pavlo Kyrylenko", "Russia shelled 19 cities"),
    ("000", 52, "direct", "Denys Kapustin", "we are returning to a routine"),
    ("002", 0, "partial", "Volodymyr Zelensky", "is “breaking” the Russian military"),
    ("002", 5, "indirect", "Volodymyr Zelensky", "the bravery of the soldiers"),
    ("002", 6, "direct", "Volodymyr Zelensky", "Since May, the occupiers"),
    ("002", 8, "indirect", "Ukraine's armed forces", "Russia had lost 99,230 troops"),
    ("002", 9, "indirect", "Vladimir Putin", "the perilous situation faced by his forces"),
    ("002", 10, "direct", "Vladimir Putin", "Luhansk People’s Republics"),
    ("002", 13, "partial", "Igor Girkin", "Russia’s strategy to capture Bakhmut"),
    ("002", 13, "direct", "Igor Girkin", "It’s chewing through the enemy’s defences"),
    ("002", 18, "partial", "Vladimir Putin", "“having a hard time”"),
    ("002", 20, "direct", "Vladimir Putin", "promptly uncover traitors, spies and saboteurs"),
    ("002", 20, "partial", "Vladimir Putin", "emergence of new threats"),
]

# Statements that are not anyone's quote: a negated verb, an infinitive under "uses",
# a road that "offers", a scare-quoted name.
NOT_QUOTES = [
    "what portion of the Ukrainian territory",
    "its invasion",
    "special military operation",
]

# (seed file prefix, paragraph, text, value) — the article dates are 2022-12-20 (000)
# and 2022-12-21 (002).
TIMES: list[tuple[str, int, str, str]] = [
    ("000", 0, "nearly 10-month", "P10M"),
    ("000", 1, "today", "2022-12-20"),
    ("000", 1, "Tuesday, December, 20, 2022", "2022-12-20"),
    ("000", 2, "Wednesday", "2022-12-21"),
    ("000", 3, "next year", "2023"),
    ("000", 10, "Tomorrow", "2022-12-21"),
    ("000", 11, "earlier Tuesday", "2022-12-20"),
    ("000", 12, "September", "2022-09"),
    ("000", 13, "last month", "2022-11"),
    ("000", 16, "later Tuesday", "2022-12-20"),
    ("000", 19, "one day", "P1D"),
    ("000", 19, "February", "2022-02"),  # "…to launch their invasion of Ukraine in February"
    ("000", 22, "Monday", "2022-12-19"),
    ("000", 24, "this year", "2022"),
    ("000", 25, "February, 24, 2022", "2022-02-24"),
    ("000", 28, "2014", "2014"),
    ("000", 42, "Feb. 24", "2022-02-24"),  # "commander then in place on Feb. 24"
    ("000", 45, "300 days", "P300D"),
    ("000", 48, "Monday", "2022-12-19"),
    ("002", 6, "May", "2022-05"),  # "Since May, the occupiers…"
    ("002", 8, "yesterday", "2022-12-20"),
    ("002", 8, "February 24", "2022-02-24"),
    ("002", 12, "2014", "2014"),
]


@pytest.fixture(scope="module")
def brief(seed_paths: list[str]) -> dict[str, Any]:
    return compose(load(seed_paths).articles).to_dict()


def _prefix(brief: dict[str, Any]) -> dict[str, str]:
    return {a["id"]: a["path"].rsplit("/", 1)[-1][:3] for a in brief["articles"]}


def test_every_quote_of_both_seeds_with_its_speaker(brief: dict[str, Any]) -> None:
    prefix = _prefix(brief)
    got = [
        (prefix[q["article"]], q["paragraph"], q["kind"], q["speaker"], q["text"])
        for q in brief["quotes"]
    ]
    missing = []
    for seed, para, kind, speaker, snippet in QUOTES:
        found = [g for g in got if g[:2] == (seed, para) and snippet in g[4]]
        if not found or found[0][2:4] != (kind, speaker):
            missing.append((seed, para, kind, speaker, snippet, found[0][2:4] if found else None))
    assert not missing
    assert len(got) == len(QUOTES), [g for g in got if not any(s in g[4] for *_, s in QUOTES)]


@pytest.mark.parametrize("snippet", NOT_QUOTES)
def test_no_quote_where_nobody_is_quoted(brief: dict[str, Any], snippet: str) -> None:
    assert not [q for q in brief["quotes"] if q["text"].startswith(snippet)]


def test_every_date_of_both_seeds(brief: dict[str, Any]) -> None:
    prefix = _prefix(brief)
    got = {(prefix[t["article"]], t["paragraph"], t["text"]): t["value"] for t in brief["times"]}
    wrong = [
        (seed, para, text, value, got.get((seed, para, text)))
        for seed, para, text, value in TIMES
        if got.get((seed, para, text)) != value
    ]
    assert not wrong


def test_figures_follow_the_body_that_an_it_refers_to(brief: dict[str, Any]) -> None:
    """ "…the U.K. Ministry of Defense tweeted, Ukraine has liberated about 54%…" and, two
    paragraphs on, "…about 18% …, it said" are the ministry's figures."""
    by_value = {n["value"]: n for n in brief["numbers"] if n["unit"] == "%"}
    assert by_value[54]["attributed_to"] == "U.K. Ministry of Defense"
    assert by_value[18]["attributed_to"] == "U.K. Ministry of Defense"
