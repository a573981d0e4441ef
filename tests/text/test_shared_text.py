"""The shared text helpers (newsfuse.text): one fold, one sentence rule, one set of word
tables, with the differences each caller depends on kept as named settings."""

from __future__ import annotations

from newsfuse.align import paraphrase_features
from newsfuse.align.text import content_words, fold
from newsfuse.briefing.extracted import names_someone
from newsfuse.briefing.headline import lead_headline
from newsfuse.cluster.features import words as cluster_words
from newsfuse.eval.speakers import name_tokens
from newsfuse.extract import entities, numbers_lexicon, quotes_speakers
from newsfuse.text.lexicon import (
    BODY_PRONOUNS,
    ENTITY_ROLE_NOUNS,
    PERSONAL_PRONOUNS,
    ROLE_NOUNS_BASE,
    SPEAKER_ROLE_NOUNS,
)
from newsfuse.text.sentences import (
    SENTENCE_END_IN_LINE,
    ends_sentence,
    first_sentence,
    sentence_spans,
    split_sentences,
)


def test_the_aligners_fold_maps_demonyms_possessives_and_plurals() -> None:
    assert fold("Russian") == fold("Russia’s") == "russia"
    assert fold("cities") == "city"
    assert fold("protesters") == "protester"
    assert fold("bans") == "bans"  # 4 letters: kept (plurals fold from 5)
    assert (
        fold("press") == "press" and fold("campus") == "campus" and fold("analysis") == "analysis"
    )
    assert content_words("Russian troops entered two cities") == {
        "russia",
        "troop",
        "entered",
        "city",
    }


def test_paraphrase_features_fold_plurals_from_four_letters() -> None:
    # the fitted weights were made with this rule: "bans" and "ban" are one word there
    assert paraphrase_features.fold("bans") == "ban"
    assert paraphrase_features.fold("Russian") == "russia"
    assert paraphrase_features.fold("news") == "new"
    assert fold("news") == "news"


def test_cluster_terms_keep_demonyms_and_ies_words_apart() -> None:
    # the story ids were made with this term space: "Russian" is not "russia" there
    assert cluster_words("Russian protesters in cities") == ["russian", "protester", "citie"]


def test_the_speakers_scorer_folds_dots_and_plurals_of_four_letters() -> None:
    assert name_tokens(["U.S. Democrats", "Mr. Trump's aides"]) == {
        "us", "democrat", "trump", "aide",
    }  # fmt: skip
    assert name_tokens(["campus"]) == {"campu"}  # only "-ss" keeps its s for the scorer


def test_sentence_spans_skip_titles_months_and_initials() -> None:
    text = "Sen. Chuck Schumer spoke on Sept. 11 with George W. Bush. “He left.” Then (AP) 5 more."
    assert split_sentences(text) == [
        "Sen. Chuck Schumer spoke on Sept. 11 with George W. Bush.",
        "“He left.”",
        "Then (AP) 5 more.",
    ]
    assert all(
        text[s:e] == part
        for (s, e), part in zip(sentence_spans(text), split_sentences(text), strict=True)
    )


def test_the_fallback_headline_is_the_leads_first_sentence() -> None:
    lead = "  Fighting resumed near Kherson on Tuesday. Officials said 12 people died.  "
    assert first_sentence(lead.strip()) == "Fighting resumed near Kherson on Tuesday."
    assert lead_headline(lead) == "Fighting resumed near Kherson on Tuesday"
    # a closing quote stays with its sentence, and a title or an initial ends none
    assert first_sentence("He said “no.” Then he left.") == "He said “no.”"
    lead = "Sen. Chuck Schumer said on Tuesday the vote would wait. Others disagreed."
    assert lead_headline(lead) == "Sen. Chuck Schumer said on Tuesday the vote would wait"
    assert lead_headline("George W. Bush spoke. Then he left.") == "George W. Bush spoke"
    assert first_sentence("") == ""


def test_ends_sentence_settings_of_the_cleaner_and_the_html_reader() -> None:
    html = {"stops": ".!?", "closers": "'\"’”)]", "quote_ends": False}
    assert ends_sentence("He left (for good).") and ends_sentence("He left (for good).", **html)
    assert ends_sentence("Items: ") and not ends_sentence("Items:", **html)
    assert ends_sentence("Read more »") and not ends_sentence("Read more »", **html)
    assert ends_sentence("the “Special Operation”") and not ends_sentence(
        "the “Special Operation”", **html
    )
    assert not ends_sentence("Home | World") and not ends_sentence("", **html)


def test_sentence_ends_inside_a_quotes_line() -> None:
    gap = " said Mr. Smith, the U.S. envoy. He added "
    assert len(SENTENCE_END_IN_LINE.findall(gap)) == 1
    assert len(SENTENCE_END_IN_LINE.findall("told CNN. Later ")) == 1


def test_role_nouns_are_one_base_and_two_named_extensions() -> None:
    assert entities.ROLE_NOUNS is ENTITY_ROLE_NOUNS
    assert quotes_speakers.ROLE_NOUNS is SPEAKER_ROLE_NOUNS
    assert ROLE_NOUNS_BASE <= ENTITY_ROLE_NOUNS & SPEAKER_ROLE_NOUNS
    assert "king" in ENTITY_ROLE_NOUNS and "king" not in SPEAKER_ROLE_NOUNS
    assert "aide" in SPEAKER_ROLE_NOUNS and "aide" not in ENTITY_ROLE_NOUNS


def test_pronoun_tables_come_from_one_lexicon() -> None:
    assert set(quotes_speakers.PERSON_PRONOUNS) == {"he", "him", "she", "her"}
    assert quotes_speakers.BODY_PRONOUNS is BODY_PRONOUNS == {"it", "they", "them"}
    numbers = numbers_lexicon
    read = numbers.PERSON_PRONOUNS | numbers.THING_PRONOUNS | numbers.PLURAL_PRONOUNS
    assert read == {"he", "she", "it", "they"}
    assert BODY_PRONOUNS | {"he", "him", "she", "her", "i", "we", "you"} <= PERSONAL_PRONOUNS
    # a speaker written as a pronoun or a relative names no one; a description does
    assert not names_someone("They") and not names_someone("who")
    assert names_someone("a White House spokesman")
