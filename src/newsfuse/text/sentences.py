"""Sentence rules for text that has no parse, one copy each.

The extract stage has spaCy's parse and takes sentence bounds from ``doc.sents``
(`annotate.nlp.paragraph_sentences`, kept in ``Extraction.sentences``). These regular
expressions serve the places that have no parse, or that must read the text as written:

- ``sentence_spans``: the aligner cites sentences of an article's paragraphs
  (`align/sentences.py`) and the fallback headline takes a lead's first sentence
  (`briefing/headline.py`); the aligner's units feed its fitted weights and labelled
  figures, so they are not spaCy's (which differ around quote marks and initials).
- ``ends_sentence``: whether a line, a paragraph or a header value ends like prose
  (`clean/`, and `ingest/html.py` on raw HTML blocks, which have no parse yet).
- ``SENTENCE_END_IN_LINE``: the quote extractor's count of sentence ends inside the short
  stretch between a quote and its cue: the parser splits inside quote marks there.
- ``NAME_INSIDE_SENTENCE``: a capitalised word that does not open a sentence.
"""

from __future__ import annotations

import re

# Full stops, question and exclamation marks: what ends a sentence.
STOPS = ".!?"
# Words that end with a full stop without ending a sentence (lower case).
ABBREVIATIONS = frozenset(
    """
    mr mrs ms dr sen sens rep reps gov govs gen lt col capt sgt adm maj cmdr st jr sr prof
    rev hon pres
    jan feb mar apr jun jul aug sep sept oct nov dec no vs etc inc corp co ltd dept
    u.s u.k u.n e.u d.c a.m p.m
    """.split()
)

# A sentence ends at . ! or ? (and any closing quote or bracket after it) before a space
# and a capital, a digit or an opening quote: the aligner's sentences (its cited units,
# hence every brief line's cite and the align/paraphrase dev figures, depend on it).
SENTENCE_END = re.compile(r"([.!?][”’\"')\]]*)\s+(?=[“‘\"'(\[]?[A-Z0-9])")

# Titles after which a full stop does not end a sentence inside a quote's line (a subset of
# ABBREVIATIONS, as written); a single capital (an initial, "U.S.") does not either.
LINE_ABBREVIATIONS = ("Mr", "Ms", "Dr", "Jr", "St", "Mrs", "Sen", "Rep", "Gov")
# The end of a sentence inside a line: punctuation, optional close mark, whitespace;
# acronyms ("CNN.") end one. The quote extractor's grouping of quotes split by their cue
# and its cue search (the quotes and speakers eval figures) depend on it: with spaCy's
# sentence start instead, PolNeAR dev direct speaker_written fell 0.945 -> 0.940 and the
# speakers dev persons accuracy 0.829 -> 0.817 (the parser opens sentences at quote marks).
SENTENCE_END_IN_LINE = re.compile(
    "".join(rf"(?<!\b{a})" for a in LINE_ABBREVIATIONS) + r"(?<!\b[A-Z])[.!?][\"”’']?\s+"
)

# A capitalised word that is not the first of its sentence or text: a name (the aligner's
# facts and lexical matcher count them).
NAME_INSIDE_SENTENCE = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-z]+")


def sentence_spans(paragraph: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of a paragraph, spaces trimmed, empty pieces dropped.

    A sentence ends at SENTENCE_END (its group 1, the stop and closing marks, kept in
    the sentence), but not after a full stop that ends one of ABBREVIATIONS or an
    initial ("Sen. Chuck Schumer", "the Sept. 11 attacks", "George W. Bush")."""
    spans, start = [], 0
    for m in SENTENCE_END.finditer(paragraph):
        if m.group(1) == ".":
            before = paragraph[: m.start()]
            word = before.rsplit(None, 1)[-1].lstrip("(“‘\"'") if before.strip() else ""
            if word.lower() in ABBREVIATIONS or re.fullmatch(r"[A-Z]", word):
                continue
        spans.append((start, m.start() + len(m.group(1))))
        start = m.end()
    spans.append((start, len(paragraph)))
    out = []
    for s, e in spans:  # trim spaces, drop empty pieces
        text = paragraph[s:e]
        lead = len(text) - len(text.lstrip())
        s, e = s + lead, s + len(text.rstrip())
        if e > s:
            out.append((s, e))
    return out


def split_sentences(paragraph: str) -> list[str]:
    """The sentences of one paragraph, as written (the aligner's rule)."""
    return [paragraph[s:e] for s, e in sentence_spans(paragraph)]


def first_sentence(text: str) -> str:
    """The first sentence of a lead (the fallback headline), by the aligner's rule: a
    title or an initial does not end it ("Sen. Chuck Schumer said …"), and a closing
    quote after the stop stays with it."""
    spans = sentence_spans(text)
    return text[spans[0][0] : spans[0][1]] if spans else text


# Closing quotes and brackets that may follow a sentence's stop.
CLOSERS = "\"'”’»)]"
# What ends a paragraph that reads as prose: stops, an ellipsis, a colon or a semicolon.
PROSE_END = ".!?…:;"
# Closing quote marks that end a paragraph however it reads (a quote closes it).
CLOSING_QUOTES = '"”’»'


def ends_sentence(
    text: str,
    *,
    stops: str = PROSE_END,
    closers: str = CLOSERS,
    quote_ends: bool = True,
) -> bool:
    """Whether ``text`` ends like a sentence: one of ``stops`` followed by any of
    ``closers``; with ``quote_ends``, a closing quote mark alone ends it too. Trailing
    spaces are ignored.

    Defaults: the cleaner's rule for a paragraph (`clean/`)."""
    t = text.rstrip()
    if not t:
        return False
    if quote_ends and t[-1] in CLOSING_QUOTES:
        return True
    body = t.rstrip(closers)
    return body[-1:] != "" and body[-1] in stops
