"""The sentences of a story's articles, as the aligner compares and cites them: each with
its article, paragraph and character offsets in the paragraph, so that every line of a
brief points at the exact sentence it comes from. The split is the shared regular
expression rule (`newsfuse.text.sentences.sentence_spans`): the aligner works on the
paragraphs as written, and its units feed the fitted weights and the align figures."""

from __future__ import annotations

from dataclasses import dataclass

from newsfuse.align.text import content_words
from newsfuse.model import Article, Cite
from newsfuse.text.sentences import sentence_spans


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
