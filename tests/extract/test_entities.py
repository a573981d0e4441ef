"""Entities on hand-written text: canonical names, titles, roles, places."""

from __future__ import annotations

from typing import Any

import pytest

from newsfuse.annotate.nlp import load_nlp
from newsfuse.extract.entities import EntityIndex, clean_name, find_mentions, find_role_mentions


@pytest.fixture(scope="module")
def nlp() -> Any:
    return load_nlp()


def _index(nlp: Any, *texts: str) -> EntityIndex:
    index = EntityIndex()
    for i, text in enumerate(texts):
        doc = nlp(text)
        index.add(f"a{i}", find_mentions(doc) + find_role_mentions(doc))
    index.build()
    return index


def test_surname_and_titled_forms_join_the_full_name(nlp: Any) -> None:
    index = _index(
        nlp,
        "Prime Minister Jane Holloway met farmers on Monday. "
        "Ms Holloway said the talks went well. Later Holloway left for Leeds.",
    )
    (jane,) = [e for e in index.entities if e.type == "PERSON"]
    assert jane.name == "Jane Holloway" and jane.mentions == 3
    assert "Ms Holloway" in jane.aliases and jane.descriptions == ["Prime Minister"]


def test_same_person_across_articles(nlp: Any) -> None:
    index = _index(
        nlp,
        "Senator Mark Rivera voted against the bill.",
        "Rivera told reporters he would run again.",
    )
    (mark,) = [e for e in index.entities if e.name == "Mark Rivera"]
    assert mark.articles == ["a0", "a1"]


def test_two_people_sharing_a_surname_are_not_merged(nlp: Any) -> None:
    index = _index(nlp, "Anna Berg and Tomas Berg founded the company. Berg declined to comment.")
    people = sorted(e.name for e in index.entities if e.type == "PERSON")
    assert "Anna Berg" in people and "Tomas Berg" in people


def test_role_phrase_resolves_only_to_a_compatible_person(nlp: Any) -> None:
    text = (
        "French President Claire Dubois met German Chancellor Otto Weber in Paris. "
        "The French president said the meeting was useful."
    )
    doc = nlp(text)
    index = EntityIndex()
    roles = find_role_mentions(doc)
    index.add("a", find_mentions(doc) + roles)
    index.build()
    (role,) = [m for m in roles if m.role and "president" in m.role.lower()]
    resolved = index.entity_at("a", role.span.start, role.span.end)
    assert resolved is not None and resolved.name == "Claire Dubois"


def test_unknown_role_stays_unresolved(nlp: Any) -> None:
    doc = nlp("Officials met in Kyiv. The former banker said nothing.")
    index = EntityIndex()
    index.add("a", find_mentions(doc) + find_role_mentions(doc))
    index.build()
    assert all(e.type != "PERSON" for e in index.entities)


def test_ukrainian_places_are_places(nlp: Any) -> None:
    doc = nlp("Troops left Kherson and moved towards Bakhmut, while Kyiv waited.")
    labels = {m.name: m.label for m in find_mentions(doc)}
    assert labels == {"Kherson": "GPE", "Bakhmut": "GPE", "Kyiv": "GPE"}


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("the Wagner Group’s", "Wagner Group"),
        ("Bakhmut-", "Bakhmut"),
        ("U.S.", "U.S."),
        ("Putin's", "Putin"),
        ("Reuters.", "Reuters"),
    ],
)
def test_clean_name(raw: str, clean: str) -> None:
    assert clean_name(raw) == clean


def test_bare_surname_looks_up_the_one_person(nlp: Any) -> None:
    index = _index(nlp, "Rep. Todd Akin spoke on Monday. Senator Claire Jones replied.")
    akin = index.by_name("Akin")
    assert akin is not None and akin.name == "Todd Akin"
    assert index.by_name("Smith") is None


def test_spellings_of_one_name_across_outlets_are_one_entity(nlp: Any) -> None:
    index = _index(
        nlp,
        "Shelling hit Kiev and the Lugansk region overnight, President Zelenskiy said.",
        "Kyiv said the Luhansk front held, and Volodymyr Zelensky thanked the troops.",
    )
    kyiv = [e for e in index.entities if e.name in ("Kiev", "Kyiv")]
    assert len(kyiv) == 1 and kyiv[0].articles == ["a0", "a1"]
    assert len([e for e in index.entities if e.name in ("Lugansk", "Luhansk")]) == 1
    zelensky = [e for e in index.entities if "Zelens" in e.name]
    assert len(zelensky) == 1 and zelensky[0].name == "Volodymyr Zelensky"
    assert "Zelenskiy" in zelensky[0].aliases or "President Zelenskiy" in zelensky[0].aliases
