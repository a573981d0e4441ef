"""Quote alignment: the same statement carried by different articles, word for word or in
other words; one-to-one; a speaker borrowed only from a near-verbatim counterpart."""

from __future__ import annotations

from typing import Any

from newsfuse.align.quotes import quote_groups as align_quotes
from newsfuse.align.similarity import OverlapScorer
from newsfuse.model import Quote


def q(qid: str, article: str, text: str, speaker: str | None = "Ana Brix") -> Quote:
    return Quote(id=qid, article=article, paragraph=0, start=0, end=len(text), end_paragraph=0,
                 text=text, parts=(), kind="direct", speaker=speaker)  # fmt: skip


def quote_groups(
    quotes: list[Quote], scorer: OverlapScorer
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The quote groups and the quotes, as the brief's JSON shows them."""
    found, out = align_quotes(quotes, scorer)
    return [g.to_dict() for g in found], [x.to_dict() for x in out]


def groups(quotes: list[Quote]) -> list[dict[str, Any]]:
    return quote_groups(quotes, OverlapScorer())[0]


def test_a_statement_in_two_translations_is_one_group() -> None:
    quotes = [
        q("q1", "a", "We must quickly find the smugglers, forgers and thieves in the ports."),
        q("q2", "b", "We need to promptly uncover smugglers, forgers and thieves at the ports."),
        q("q3", "b", "The harvest will be late this year because of the rain."),
    ]
    (group,) = groups(quotes)
    assert group["quotes"] == ["q1", "q2"]
    assert group["articles"] == ["a", "b"]
    assert group["speaker"] == "Ana Brix"
    assert 0.5 <= group["scores"]["q2"] <= 1 and not group["verbatim"]["q2"]


def test_different_speakers_of_a_short_quote_and_one_article_form_no_group() -> None:
    short = "The bridge opens in spring."
    assert groups([q("q1", "a", short), q("q2", "b", short, speaker="Tom Veld")]) == []
    same = "The new bridge will open to traffic in early spring next year."
    assert groups([q("q1", "a", same), q("q2", "a", same)]) == []


def test_one_long_statement_given_to_two_speakers_loses_both() -> None:
    same = "The new bridge will open to traffic in early spring next year."
    (group,), out = quote_groups(
        [q("q1", "a", same), q("q2", "b", same, speaker="Tom Veld")], OverlapScorer()
    )
    assert group["speaker"] is None
    assert [x["speaker"] for x in out] == [None, None]
    assert out[0]["speaker_conflict"] == ["Ana Brix", "Tom Veld"]


def test_a_long_quotation_meets_two_outlets_that_each_carry_one_of_its_sentences() -> None:
    quotes = [
        q("a1", "a", "The bridge will open in early spring next year. "
                     "Tolls will stay low for every driver who crosses it daily."),
        q("b1", "b", "The bridge will open in early spring next year,"),
        q("c1", "c", "Tolls will stay low for every driver who crosses it daily."),
    ]  # fmt: skip
    found = groups(quotes)
    assert sorted(g["quotes"] for g in found) == [["a1", "b1"], ["a1", "c1"]]


def test_a_near_verbatim_counterpart_wins_over_a_paraphrase() -> None:
    quotes = [
        q("a1", "a", "The new bridge will open to traffic in early spring next year."),
        q("b1", "b", "Traffic will cross the new bridge when it opens next spring."),
        q("b2", "b", "the new bridge will open to traffic in early spring"),
    ]
    (group,) = groups(quotes)
    assert group["quotes"] == ["a1", "b2"] and group["verbatim"]["b2"]


def test_an_unnamed_quote_borrows_the_speaker_of_its_verbatim_counterpart() -> None:
    quotes = [
        q("a1", "a", "We will rebuild every home the river took from us.", speaker=None),
        q("b1", "b", "We will rebuild every home the river took from us,", speaker="Ines Varga"),
    ]
    (group,), out = quote_groups(quotes, OverlapScorer())
    assert group["speaker"] == "Ines Varga" and out[0]["groups"] == ["g1"]
    assert out[0]["speaker"] == "Ines Varga"
    assert out[0]["speaker_borrowed_from"] == {"quote": "b1", "article": "b", "paragraph": 0}
    assert "speaker_borrowed_from" not in out[1]


def test_an_unnamed_quote_does_not_join_a_mere_paraphrase() -> None:
    quotes = [
        q("a1", "a", "We must quickly find the smugglers, forgers and thieves.", speaker=None),
        q("b1", "b", "We need to promptly uncover smugglers, forgers and thieves."),
    ]
    assert groups(quotes) == []


def test_a_group_holds_one_quote_per_article_even_through_a_third_article() -> None:
    quotes = [
        q("a1", "a", "The new bridge will open in spring and tolls will stay low for drivers."),
        q("b1", "b", "The new bridge will open in spring, weather permitting, for drivers."),
        q("b2", "b", "Tolls will stay low for drivers who cross the new bridge."),
        q("c1", "c", "Tolls will stay low for drivers crossing the new bridge in spring."),
    ]
    found = groups(quotes)
    assert found
    for g in found:
        articles = [next(x.article for x in quotes if x.id == i) for i in g["quotes"]]
        assert len(articles) == len(set(articles))
