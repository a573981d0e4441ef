"""Clustering features: which words and names say what an article is about, and its day."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from newsfuse.cluster.features import day_of, features, names, words


def test_stop_words_and_news_filler_are_dropped() -> None:
    got = words("The officials said on Tuesday that the people of the town were just angry.")
    assert got == ["official", "town", "angry"]


def test_plural_s_is_folded_but_not_in_words_that_only_end_in_s() -> None:
    got = words("Protesters blocked bridges; the virus crisis hit campus buses and glass.")
    assert "protester" in got and "bridge" in got and "buse" in got
    # -ss, -us, -is endings are not plurals
    assert {"virus", "crisis", "campus", "glass"} <= set(got)
    # a possessive folds to the plain word
    assert words("Marrowdale's mayor") == ["marrowdale", "mayor"]


def test_numbers_of_two_digits_or_more_are_kept_single_digits_dropped() -> None:
    got = words("3 boats carried 23 pirates in 2011, and 1,500 tonnes of cargo.")
    assert "23" in got and "2011" in got and "1,500" in got
    assert "3" not in got


def test_multi_word_names_are_keyed_and_their_surname_added() -> None:
    got = names("Officials met Elin Vasquez in town. Later, the Department of Justice replied.")
    assert "n:elin_vasquez" in got and "n:vasquez" in got
    assert "n:department_of_justice" in got


def test_a_capital_that_only_opens_a_sentence_is_not_a_name() -> None:
    text = "Protesters marched. Flooding spread! “Residents fled,” she said. Later, Oakridge wept."
    # Oakridge is the only capitalised word that does not open a sentence
    assert names(text) == ["n:oakridge"]
    assert names("Flooding spread.\nResidents fled.") == []


def test_leading_function_words_are_stripped_from_names() -> None:
    assert names("We watched as The Kessington Open began.") == ["n:kessington_open", "n:open"]


def test_the_title_counts_more_than_the_body() -> None:
    f = features("Marrowdale flood", "A flood reached Tesselbury.", "2023-03-04")
    assert f.counts["marrowdale"] > f.counts["tesselbury"]
    assert f.counts["flood"] > f.counts["tesselbury"]
    # the same word in the body only counts once per occurrence
    assert features("", "Marrowdale flood.", None).counts["marrowdale"] == 1


def test_names_weigh_more_than_content_words() -> None:
    f = features("", "Officials thanked Elin Vasquez and the volunteers.", None)
    assert f.counts["n:elin_vasquez"] > f.counts["volunteer"]


def test_day_of_valid_dates_and_datetimes() -> None:
    assert day_of("2023-03-04") == date(2023, 3, 4).toordinal()
    assert day_of("2023-03-04T22:15:00+02:00") == date(2023, 3, 4).toordinal()
    assert features("t", "x", "2020-01-05").day == date(2020, 1, 5).toordinal()


def test_day_of_invalid_or_missing_dates_is_none() -> None:
    for bad in (None, "", "yesterday", "2023-02-30", "2023-13-01", "03/04/2023"):
        assert day_of(bad) is None, bad


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80), st.text(max_size=400), st.none() | st.text(max_size=30))
def test_features_never_raise_and_weights_are_positive(
    title: str, text: str, published: str | None
) -> None:
    f = features(title, text, published)
    assert all(w > 0 for w in f.counts.values())
    assert all(isinstance(k, str) and k and k != "n:" for k in f.counts)
    assert f.day is None or f.day >= 1


def test_a_capitalised_opener_is_not_part_of_the_name_after_it() -> None:
    keys = names("The row grew. Yesterday Rahm Emanuel resigned, and Then Oakridge voted.")
    assert "n:rahm_emanuel" in keys
    assert not any(k.startswith(("n:yesterday", "n:then")) for k in keys)
