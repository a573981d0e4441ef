"""The text of a parsed document, read once.

spaCy rebuilds ``Doc.text`` from every token on each access, so reading it per
candidate makes extraction quadratic in the article's length. :func:`doc_text` keeps
the string in the document's ``user_data`` the first time it is asked for.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc

_KEY = "newsfuse.text"


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once per document."""
    text = doc.user_data.get(_KEY)
    if not isinstance(text, str):
        text = str(doc.text)
        doc.user_data[_KEY] = text
    return text
