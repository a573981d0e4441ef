"""Quote alignment: the same statement carried by different articles, in other words."""

from __future__ import annotations

from typing import Any

from newsfuse.align.quotes import quote_groups


def q(qid: str, article: str, text: str, speaker: str | None = "Ana Brix") -> dict[str, Any]:
    return {"id": qid, "article": article, "text": text, "speaker": speaker,
            "speaker_entity": None}  # fmt: skip


def test_a_statement_in_two_translations_is_one_group() -> None:
    quotes = [
        q("q1", "a", "We must quickly find the smugglers, forgers and thieves in the ports."),
        q("q2", "b", "We need to promptly uncover smugglers, forgers and thieves at the ports."),
        q("q3", "b", "The harvest will be late this year because of the rain."),
    ]
    (group,) = quote_groups(quotes)
    assert group["quotes"] == ["q1", "q2"]
    assert group["articles"] == ["a", "b"]
    assert group["speaker"] == "Ana Brix"


def test_different_speakers_unknown_speakers_and_one_article_form_no_group() -> None:
    same = "The new bridge will open to traffic in early spring next year."
    assert quote_groups([q("q1", "a", same), q("q2", "b", same, speaker="Tom Veld")]) == []
    assert quote_groups([q("q1", "a", same, None), q("q2", "b", same, None)]) == []
    assert quote_groups([q("q1", "a", same), q("q2", "a", same)]) == []


def test_a_quote_joins_only_its_best_match_in_another_article() -> None:
    quotes = [
        q("q1", "a", "The bridge will open in spring and the tolls will stay low for drivers."),
        q("q2", "b", "The bridge will open in spring, she said."),
        q("q3", "b", "Tolls will stay low for drivers on the bridge."),
    ]
    groups = quote_groups(quotes)
    assert all(len(set(g["articles"])) == len(g["quotes"]) for g in groups)


def test_a_group_holds_one_quote_per_article_even_through_a_third_article() -> None:
    quotes = [
        q("a1", "a", "The new bridge will open in spring and tolls will stay low for drivers."),
        q("b1", "b", "The new bridge will open in spring, weather permitting, for drivers."),
        q("b2", "b", "Tolls will stay low for drivers who cross the new bridge."),
        q("c1", "c", "Tolls will stay low for drivers crossing the new bridge in spring."),
    ]
    groups = quote_groups(quotes)
    assert groups
    for g in groups:
        articles = [next(x["article"] for x in quotes if x["id"] == i) for i in g["quotes"]]
        assert len(articles) == len(set(articles))
