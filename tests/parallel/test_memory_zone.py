"""Extraction runs inside spaCy's memory zone (what a long-running worker needs to stay
flat): the records are those made without it, hold nothing of spaCy, and the strings a
batch added to the shared vocabulary leave with the batch."""

from __future__ import annotations

import pickle

import pytest

from newsfuse.annotate import nlp as nlp_module
from newsfuse.annotate.nlp import AttributeTable, load_nlp
from newsfuse.model import Article, RawDocument
from newsfuse.pipeline import extract, load, prepare
from synth import synth_text


def test_records_made_in_the_zone_are_those_made_without_it(basil_dev_paths: list[str]) -> None:
    event = [p for p in basil_dev_paths if "f11c2566" in p]
    articles = list(load(event).articles)
    zoned = extract(articles)
    plain = extract(articles, memory_zone=False)
    again = extract(articles)  # a zone after words were kept for good changes nothing
    assert [x.to_dict() for x in zoned] == [x.to_dict() for x in plain]
    assert [x.to_dict() for x in again] == [x.to_dict() for x in plain]
    assert any(x.quotes for x in zoned) and any(x.numbers for x in zoned)
    # plain records: they pickle (to the writer) without any spaCy object in them
    assert b"spacy" not in pickle.dumps(zoned)


def test_the_attribute_cache_emptied_as_it_fills_gives_the_same_records(
    basil_dev_paths: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # the cache the memory zone does not free (one key per new word) is bounded instead
    event = [p for p in basil_dev_paths if "f11c2566" in p]
    articles = list(load(event).articles)
    table = load_nlp().get_pipe("attribute_ruler")
    assert isinstance(table, AttributeTable)
    full = extract(articles)
    monkeypatch.setattr(nlp_module, "MAX_TABLE_KEYS", 50)
    table.merged.clear()
    small = extract(articles)
    assert len(table.merged) <= 50
    assert [x.to_dict() for x in small] == [x.to_dict() for x in full]


def _article(n: int) -> Article:
    """A plain-text article holding the made-up word ``zq<n>``."""
    raw = RawDocument(path=f"a{n}.txt", format="text", body=synth_text(n, paragraphs=2))
    return prepare(raw)


def test_the_words_a_batch_adds_leave_with_its_zone() -> None:
    strings = load_nlp().vocab.strings
    [x] = extract([_article(918273)])
    assert x.sentences  # it was parsed
    assert "zq918273" not in strings  # gone with the zone: a long run does not grow
    extract([_article(918274)], memory_zone=False)
    assert "zq918274" in strings  # without the zone the vocabulary keeps every new word


def test_attribute_values_first_added_in_a_zone_outlive_it() -> None:
    nlp = load_nlp()
    lemma = "newsfuse-zone-lemma-7731"
    table = AttributeTable(nlp, [{"patterns": [[{"LOWER": "zzq"}]], "attrs": {"LEMMA": lemma}}])
    with nlp.memory_zone():
        [(_, code)] = table._merge([0])  # as the table caches it for every later Doc
    assert nlp.vocab.strings[code] == lemma
