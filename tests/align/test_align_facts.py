"""Facts across articles: shared sentences, what one source alone says, summary, timeline."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsfuse.align.facts import facts, split_sentences, summary, timeline
from newsfuse.align.text import out_of_context
from newsfuse.model import Article


def art(aid: str, *paragraphs: str) -> Article:
    return Article(id=aid, path=f"{aid}.txt", format="text", paragraphs=paragraphs)


FLOOD_A = art(
    "a",
    "The Tessel river burst its banks in Marrowdale on Sunday, flooding 300 homes.",
    "Mayor Ines Varga said the town had never seen water this high.",
)
FLOOD_B = art(
    "b",
    "Some 300 homes were flooded in Marrowdale on Sunday after the Tessel river burst its banks.",
    "Rescue crews from Lindham pulled 14 people from rooftops overnight.",
)


def test_a_fact_two_articles_state_is_shared_and_the_rest_is_unique() -> None:
    shared, unique = facts([FLOOD_A, FLOOD_B])
    (fact,) = shared
    assert fact["articles"] == ["a", "b"] and fact["sources"] == 2
    assert fact["cites"] == [{"article": "a", "paragraph": 0}, {"article": "b", "paragraph": 0}]
    assert {(u["article"], u["paragraph"]) for u in unique} == {("a", 1), ("b", 1)}


def test_a_syndicated_copy_is_not_a_second_source() -> None:
    copy = art("c", *FLOOD_A.paragraphs)
    shared, _ = facts([FLOOD_A, copy], copies={"c": "a"})
    assert shared == []


def test_the_summary_leads_with_shared_facts_then_fills_from_the_leads() -> None:
    shared, _ = facts([FLOOD_A, FLOOD_B])
    lines = summary([FLOOD_A, FLOOD_B], shared)
    assert lines[0]["articles"] == ["a", "b"]
    assert len(lines) == 3  # every distinct sentence there is, fewer than five
    assert [line["text"] for line in lines].count(lines[0]["text"]) == 1


def test_the_timeline_is_in_date_order_and_merges_one_dated_fact_across_articles() -> None:
    times = [
        {"article": "b", "paragraph": 0, "value": "2023-03-05",
         "sentence": "Some 300 homes were flooded in Marrowdale on Sunday."},
        {"article": "a", "paragraph": 0, "value": "2023-03-05",
         "sentence": "The river flooded 300 homes in Marrowdale on Sunday."},
        {"article": "a", "paragraph": 1, "value": "2022-11", "sentence": "It rained in November."},
        {"article": "a", "paragraph": 1, "value": "PRESENT_REF", "sentence": "Now it is dry."},
    ]  # fmt: skip
    entries = timeline(times)
    assert [e["date"] for e in entries] == ["2022-11", "2023-03-05"]
    assert entries[1]["articles"] == ["b", "a"]


def test_sentences_split_at_stops_before_capitals_and_quotes() -> None:
    text = "The river rose. “We left at night,” she said. Then 14 people were rescued! Why?"
    assert split_sentences(text) == [
        "The river rose.",
        "“We left at night,” she said.",
        "Then 14 people were rescued!",
        "Why?",
    ]


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=300))
def test_splitting_keeps_every_word_in_order(text: str) -> None:
    assert " ".join(split_sentences(text)).split() == text.split()


def test_titles_months_and_initials_do_not_end_sentences() -> None:
    text = (
        "Sen. Chuck Schumer led it. Sens. Tim Kaine and Bernie Sanders did not. "
        "The Sept. 11 bill passed. George W. Bush agreed."
    )
    assert split_sentences(text) == [
        "Sen. Chuck Schumer led it.",
        "Sens. Tim Kaine and Bernie Sanders did not.",
        "The Sept. 11 bill passed.",
        "George W. Bush agreed.",
    ]


def test_a_date_after_the_article_stays_off_the_timeline_unless_it_is_ahead() -> None:
    times = [
        {"article": "a", "paragraph": 0, "value": "2016-10-05",
         "sentence": "Schumer spoke moments before Wednesday's vote."},
        {"article": "a", "paragraph": 1, "value": "2016-10-05",
         "sentence": "The House will vote on Wednesday."},
    ]  # fmt: skip
    entries = timeline(times, {"a": "2016-09-29"})
    assert [e["text"] for e in entries] == ["The House will vote on Wednesday."]


def test_a_sentence_dated_twice_is_shown_once_at_its_first_date() -> None:
    sentence = "The Senate votes on Wednesday, followed by the House on Thursday."
    times = [
        {"article": "a", "paragraph": 1, "value": "2016-09-29", "sentence": sentence},
        {"article": "a", "paragraph": 1, "value": "2016-09-28", "sentence": sentence},
        {"article": "a", "paragraph": 2, "value": "2016-09-27", "sentence": "It began Tuesday."},
    ]
    entries = timeline(times)
    assert [(e["date"], e.get("also")) for e in entries] == [
        ("2016-09-27", None),
        ("2016-09-28", ["2016-09-29"]),
    ]


# Pieces a reader cannot follow alone: the end of a quote begun earlier, a quote with no
# speaker in it, and an attribution whose quote is in the sentence before.
FRAGMENTS = [
    "They are following an incorrect reading of the Foreign Sovereign Immunities Act.”",
    "“All of us have come together and agreed this is the right thing to do.”",
    "Obama wrote in a letter delivered Tuesday.",
]


def test_pieces_of_quotes_and_bare_attributions_never_stand_alone_in_a_brief() -> None:
    lead = "The Senate voted 97 to 1 on Wednesday to override the veto of the Sept. 11 bill."
    a = art("a", lead, " ".join(FRAGMENTS))
    b = art("b", lead, " ".join(FRAGMENTS))
    shared, unique = facts([a, b])
    shown = [f["text"] for f in shared] + [u["text"] for u in unique]
    shown += [s["text"] for s in summary([a, b], shared)]
    assert lead in shown
    assert not any(f in shown for f in FRAGMENTS)
    dated = [{"article": "a", "paragraph": 1, "value": "2016-09-27", "sentence": FRAGMENTS[2]}]
    assert timeline(dated) == []


def test_a_quote_with_its_speaker_is_still_shown() -> None:
    said = "“This is close to a miraculous occurrence,” Senator Cornyn said on Tuesday."
    a = art("a", said)
    _, unique = facts([a, art("b", "Nothing else happened in the town of Marrowdale today.")])
    assert [u["text"] for u in unique][:1] == [said]


@pytest.mark.parametrize(
    ("text", "alone"),
    [
        ("Today, Russia is once again facing the same challenge,\u2019 he said.", False),
        (
            "\u2018They will do everything they\u2019ve done here, I\u2019m sure of that\u2019.",
            False,
        ),
        ("Zelensky said: \u2018Here in Donbas, you\u2019re protecting all of Ukraine.", True),
        ("\u2018Not one commander is in charge now,\u2019 Wallace told lawmakers.", True),
        ("Putin said the situation was \u2018extremely difficult\u2019.", True),
        ("The soldiers\u2019 families waited at Russia\u2019s border.", True),
        ("Obama said the bill would hurt American troops abroad.", True),
    ],
)
def test_british_single_quotes_are_read_as_quotes_not_apostrophes(text: str, alone: bool) -> None:
    assert out_of_context(text) is not alone


@given(st.text(alphabet="ab ,.\u2018\u2019\u201c\u201d\"'", max_size=40))
def test_out_of_context_reads_any_punctuation(text: str) -> None:
    assert isinstance(out_of_context(text), bool)
