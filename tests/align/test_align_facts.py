"""Facts across articles: shared sentences, what one source alone says, summary, timeline."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsfuse.align import align
from newsfuse.align.similarity import OverlapScorer
from newsfuse.align.text import out_of_context
from newsfuse.model import Article, Findings, TimeExpression
from newsfuse.text.sentences import split_sentences


def art(aid: str, *paragraphs: str, published: str | None = None) -> Article:
    return Article(id=aid, path=f"{aid}.txt", format="text", paragraphs=paragraphs,
                   published=published)  # fmt: skip


def run(*articles: Article, copies: dict[str, str] | None = None, times: Any = ()) -> Any:
    """The aligner on hand-made articles, with the word-overlap scorer (no model), as the
    brief's JSON shows it."""
    found = Findings(times=tuple(times))
    return align(articles, found, copies, scorer=OverlapScorer()).to_dict()


def when(
    article: Article, paragraph: int, value: str, phrase: str, *, event: bool = True
) -> TimeExpression:
    """A time expression found in an article's paragraph."""
    start = article.paragraphs[paragraph].index(phrase)
    return TimeExpression(article=article.id, paragraph=paragraph, start=start,
                          end=start + len(phrase), text=phrase, value=value,
                          event=event)  # fmt: skip


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
    out = run(FLOOD_A, FLOOD_B)
    (fact,) = out["facts"]
    assert fact["articles"] == ["a", "b"] and fact["sources"] == 2
    own, other = fact["cites"]
    assert (own["article"], own["paragraph"], own["start"]) == ("a", 0, 0)
    assert own["end"] == len(FLOOD_A.paragraphs[0]) and "score" not in own
    assert (other["article"], other["paragraph"]) == ("b", 0) and other["score"] >= 0.5
    assert {(u["article"], u["paragraph"]) for u in out["unique"]} == {("a", 1), ("b", 1)}


def test_a_syndicated_copy_is_not_a_second_source() -> None:
    copy = art("c", *FLOOD_A.paragraphs)
    assert run(FLOOD_A, copy, copies={"c": "a"})["facts"] == []


def test_the_summary_leads_with_shared_facts_then_fills_from_the_leads() -> None:
    lines = run(FLOOD_A, FLOOD_B)["summary"]
    assert lines[0]["articles"] == ["a", "b"]
    assert len(lines) == 3  # every distinct sentence there is, fewer than five
    assert [line["text"] for line in lines].count(lines[0]["text"]) == 1


def test_a_preview_gives_way_to_the_report_of_what_happened() -> None:
    before = art("a", "The Senate is set to vote on Wednesday on the Tessel flood relief bill.",
                 published="2023-03-07")  # fmt: skip
    after = art("b", "The Senate passed the Tessel flood relief bill by 80 votes to 12.",
                published="2023-03-08")  # fmt: skip
    lines = run(before, after)["summary"]
    assert lines[0]["text"] == after.paragraphs[0]


def test_the_timeline_is_in_date_order_and_merges_one_dated_fact_across_articles() -> None:
    a = art("a", "The river flooded 300 homes in Marrowdale on Sunday.", "It rained in November.")
    b = art("b", "Some 300 homes were flooded in Marrowdale on Sunday.")
    times = [when(b, 0, "2023-03-05", "Sunday"), when(a, 0, "2023-03-05", "Sunday"),
             when(a, 1, "2022-11", "November")]  # fmt: skip
    entries = run(a, b, times=times)["timeline"]
    assert [e["date"] for e in entries] == ["2022-11", "2023-03-05"]
    assert entries[1]["articles"] == ["b", "a"]
    assert "score" in entries[1]["cites"][1]


def test_a_date_of_another_event_in_the_sentence_does_not_date_it() -> None:
    a = art("a", "Putin spoke one day after his visit to Minsk, where he first went in February.")
    passing = when(a, 0, "2022-02", "February", event=False)
    assert run(a, times=[passing])["timeline"] == []


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
    a = art("a", "Schumer spoke moments before Wednesday's vote.",
            "The House will vote on Wednesday.", published="2016-09-29")  # fmt: skip
    times = [when(a, 0, "2016-10-05", "Wednesday"), when(a, 1, "2016-10-05", "Wednesday")]
    entries = run(a, times=times)["timeline"]
    assert [e["text"] for e in entries] == ["The House will vote on Wednesday."]


def test_a_sentence_dated_twice_is_shown_once_at_its_first_date() -> None:
    a = art("a", "The Senate votes on Wednesday, followed by the House on Thursday.",
            "The debate began Tuesday.")  # fmt: skip
    times = [when(a, 0, "2016-09-29", "Thursday"), when(a, 0, "2016-09-28", "Wednesday"),
             when(a, 1, "2016-09-27", "Tuesday")]  # fmt: skip
    entries = run(a, times=times)["timeline"]
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
    out = run(a, b, times=[when(a, 1, "2016-09-27", "Tuesday")])
    shown = [line["text"] for k in ("facts", "unique", "summary") for line in out[k]]
    assert lead in shown
    assert not any(f in shown for f in FRAGMENTS)
    assert out["timeline"] == []


def test_a_quote_with_its_speaker_is_still_shown() -> None:
    said = "“This is close to a miraculous occurrence,” Senator Cornyn said on Tuesday."
    a = art("a", said)
    out = run(a, art("b", "Nothing else happened in the town of Marrowdale today."))
    assert [u["text"] for u in out["unique"]][:1] == [said]


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


def test_the_claims_view_says_which_outlets_state_a_claim_and_which_are_silent() -> None:
    rows = run(FLOOD_A, FLOOD_B)["claims"]
    shared = next(r for r in rows if r["text"] == FLOOD_A.paragraphs[0])
    assert {a: c["status"] for a, c in shared["cells"].items()} == {"a": "states", "b": "states"}
    alone = next(r for r in rows if r["text"] == FLOOD_B.paragraphs[1])
    assert alone["cells"]["a"]["status"] == "silent"
    assert alone["cells"]["b"]["cites"][0]["paragraph"] == 1
