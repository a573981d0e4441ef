"""Constant-cost reads of a parsed document.

spaCy rebuilds ``Doc.text`` from every token, and ``Doc.ents`` from every entity, on
each access, so reading either per candidate makes extraction quadratic in the
article's length. :func:`doc_text` keeps the string in the document's ``user_data``
(the parse puts the text it parsed there: no rebuild at all), :func:`doc_ents` the
entities, the first time either is asked for; :func:`entity_of` finds a token's entity
from the IOB tags around it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsfuse.annotate.nlp import TEXT_KEY

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

_ENTS_KEY = "newsfuse.ents"


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once per document."""
    text = doc.user_data.get(TEXT_KEY)
    if not isinstance(text, str):
        text = str(doc.text)
        doc.user_data[TEXT_KEY] = text
    return text


def doc_ents(doc: Doc) -> tuple[SpacySpan, ...]:
    """``doc.ents``, built once per document (extraction never changes the entities)."""
    ents = doc.user_data.get(_ENTS_KEY)
    if not isinstance(ents, tuple):
        ents = tuple(doc.ents)
        doc.user_data[_ENTS_KEY] = ents
    return ents


def entity_of(token: Token) -> SpacySpan | None:
    """The entity that ``token`` belongs to, found from its IOB tags (no scan of all ents)."""
    if not token.ent_type_:
        return None
    from spacy.tokens import Span as SpacySpan

    doc = token.doc
    start = token.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = token.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return SpacySpan(doc, start, end, label=token.ent_type_)
