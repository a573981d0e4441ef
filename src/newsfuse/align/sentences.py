"""The sentences of a story's articles, as the aligner compares and cites them: each with
its article, paragraph and character offsets in the paragraph, so that every line of a
brief points at the exact sentence it comes from."""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsfuse.align.text import content_words
from newsfuse.model import Article, Cite

# Words that end with a full stop without ending a sentence.
ABBREVIATIONS = frozenset(
    """
    mr mrs ms dr sen sens rep reps gov govs gen lt col capt sgt adm maj cmdr st jr sr prof
    rev hon pres
    jan feb mar apr jun jul aug sep sept oct nov dec no vs etc inc corp co ltd dept
    u.s u.k u.n e.u d.c a.m p.m
    """.split()
)

# A sentence ends at . ! or ? (and any closing quote or bracket after it) before a space
# and a capital, a digit or an opening quote.
_SENTENCE_END = re.compile(r"([.!?][”’\"')\]]*)\s+(?=[“‘\"'(\[]?[A-Z0-9])")


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence of one article, where it stands and what it says."""

    article: str
    paragraph: int
    start: int  # offsets in the paragraph
    end: int
    position: int  # order in its article
    text: str
    words: frozenset[str]

    def cite(self, score: float | None = None) -> Cite:
        """Where the sentence stands, as a brief cites it (with the matcher's ``score`` when
        it is cited as stating another article's line)."""
        return Cite(
            article=self.article,
            paragraph=self.paragraph,
            start=self.start,
            end=self.end,
            score=None if score is None else round(score, 3),
        )


def sentences(article: Article) -> list[Sentence]:
    """The sentences of an article's paragraphs, in order."""
    out: list[Sentence] = []
    for p, para in enumerate(article.paragraphs):
        for start, end in sentence_spans(para):
            text = para[start:end]
            out.append(Sentence(article.id, p, start, end, len(out), text, content_words(text)))
    return out


def split_sentences(paragraph: str) -> list[str]:
    """The sentences of one paragraph, as written."""
    return [paragraph[s:e] for s, e in sentence_spans(paragraph)]


def sentence_spans(paragraph: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of a paragraph; no split after a title, a month or an
    initial ("Sen. Chuck Schumer", "the Sept. 11 attacks", "George W. Bush")."""
    spans, start = [], 0
    for m in _SENTENCE_END.finditer(paragraph):
        before = paragraph[: m.start()]
        word = before.rsplit(None, 1)[-1].lstrip("(“‘\"'") if before.strip() else ""
        if m.group(1) == "." and (word.lower() in ABBREVIATIONS or re.fullmatch(r"[A-Z]", word)):
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
