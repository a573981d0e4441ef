"""Golden entity checks on the seeds: one canonical entity per person and place."""

from __future__ import annotations

from typing import Any

import pytest

from newsfuse.annotate.nlp import parse_articles
from newsfuse.extract.entities import EntityIndex, find_mentions, find_role_mentions
from newsfuse.pipeline import load


@pytest.fixture(scope="module")
def seed_entities(seed_paths: list[str]) -> tuple[EntityIndex, list[Any]]:
    index = EntityIndex()
    parsed = list(parse_articles(load(seed_paths).articles))
    roles = []
    for p in parsed:
        found = find_role_mentions(p.doc)
        roles += [(p.article.id, m) for m in found]
        index.add(p.article.id, find_mentions(p.doc) + found)
    index.build()
    return index, roles


def _entity(index: EntityIndex, name: str) -> Any:
    matches = [e for e in index.entities if e.name == name]
    assert len(matches) == 1, [e.name for e in index.entities]
    return matches[0]


def test_zelensky_is_one_entity_named_by_his_fullest_form(seed_entities: Any) -> None:
    index, _ = seed_entities
    z = _entity(index, "Volodymyr Zelensky")
    assert z.type == "PERSON" and len(z.articles) == 2
    assert {"Zelensky", "Mr Zelensky", "President Zelensky"} <= set(z.aliases)
    assert "President" in z.descriptions
    assert not [e for e in index.entities if e.name == "Zelensky"]


def test_putin_and_his_role_phrases(seed_entities: Any) -> None:
    index, roles = seed_entities
    putin = _entity(index, "Vladimir Putin")
    assert "Putin" in putin.aliases and "Russian leader" in putin.descriptions
    resolved = {m.role.lower(): index.entity_at(a, m.span.start, m.span.end) for a, m in roles}
    assert resolved["the russian president"] is putin
    assert resolved["the russian leader"] is putin
    assert resolved["the ukrainian president"] is _entity(index, "Volodymyr Zelensky")


def test_titles_are_kept_as_descriptions(seed_entities: Any) -> None:
    index, _ = seed_entities
    assert _entity(index, "Ben Wallace").descriptions == ["U.K. Defense Secretary"]
    assert _entity(index, "Ganna Malyar").descriptions == ["deputy Defence Minister"]
    assert _entity(index, "Dmytro Kuleba").descriptions == ["Foreign Minister"]


def test_places_the_small_model_gets_wrong_are_places(seed_entities: Any) -> None:
    index, _ = seed_entities
    for place in ("Bakhmut", "Kyiv", "Kherson", "Zaporizhzhia", "Donbas"):
        assert _entity(index, place).type == "GPE"
    names = {e.name for e in index.entities}
    assert "Capturing Bakhmut" not in names and "Ukrainian" not in names


def test_a_square_the_small_model_reads_as_a_person_is_a_place(seed_entities: Any) -> None:
    index, _ = seed_entities
    square = _entity(index, "Maidan Nezalezhnosti")  # Kyiv's Independence Square
    assert square.type == "LOC"
    assert "Maidan Nezalezhnosti" not in {e.name for e in index.entities if e.type == "PERSON"}
