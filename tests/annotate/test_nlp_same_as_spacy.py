"""The sped-up pipeline (OpenBLAS gemm, attribute table, cache-first lemmatizer) gives
exactly the annotations of spaCy's own components on the same text."""

from __future__ import annotations

import pytest

from newsfuse.annotate.nlp import MODEL, load_nlp, parse_text

TEXT = (
    "WASHINGTON — “There's no way we gon na let that happen,” Sen. Mary Smith said on "
    "Friday, adding that 3,200 troops ain't enough.\n\n"
    "He isn't sure. I do it; you did it; it has done it. They'll have 40% more by 2025, "
    "which y'all got ta see. Let's go, c'mon. Nothin' left but the $5 billion plan."
)


def _rows(doc: object) -> list[tuple[object, ...]]:
    return [
        (t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i, t.ent_type_)
        for t in doc  # type: ignore[attr-defined]
    ]


@pytest.fixture(scope="module")
def stock() -> object:
    import spacy

    load_nlp()  # registers newsfuse's own components
    nlp = spacy.load(MODEL)
    nlp.add_pipe("newsfuse_paragraphs", before="parser")
    nlp.add_pipe("newsfuse_places", after="ner")
    return nlp


def test_same_tags_lemmas_parse_and_entities_as_spacy(stock: object) -> None:
    ours = parse_text(TEXT)
    theirs = stock(TEXT)  # type: ignore[operator]
    assert _rows(ours) == _rows(theirs)
    assert ours.user_data["newsfuse.text"] == TEXT == theirs.text


def test_attribute_table_stands_in_for_the_ruler() -> None:
    nlp = load_nlp()
    assert "attribute_ruler" in nlp.pipe_names
    assert type(nlp.get_pipe("attribute_ruler")).__name__ == "AttributeTable"
