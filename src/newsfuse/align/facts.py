"""Facts across a story's articles: sentences several sources state, what only one source
reports, the summary and the timeline. Every item cites the article paragraphs it
comes from, and its text is a sentence of the first of them, as written.

Sentences are compared by their content words (folded plurals and demonyms, no
stop words). Two sentences of different articles state the same fact when the
shared words make up enough of the shorter one and each is the other's best match
in its article; a fact is *corroborated* by the articles its sentences come from,
counting a syndicated copy once. A sentence with no counterpart elsewhere is
*unique* to its article; the ones shown are those that carry a figure, a name or a
quote, in article order.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from newsfuse.align.sets import DisjointSets
from newsfuse.align.text import content_words, out_of_context
from newsfuse.model import Article

# Share of the shorter sentence's content words the other must share to state the same fact.
MIN_OVERLAP = 0.5
# Fewest shared content words for a shared fact.
MIN_SHARED = 4
# A sentence is not unique to its article when another article has one sharing this many
# content words and this share of the shorter (a paraphrase of the same point).
LOOSE_SHARED = 3
LOOSE_OVERLAP = 0.3
# Sentences with fewer content words are not facts (datelines, "He agreed.").
MIN_WORDS = 5
# Summary length: the 5 to 10 sentences.
SUMMARY_MIN, SUMMARY_MAX = 5, 10
# Words that end with a full stop without ending a sentence.
ABBREVIATIONS = frozenset(
    """
    mr mrs ms dr sen sens rep reps gov govs gen lt col capt sgt adm maj cmdr st jr sr prof
    rev hon pres
    jan feb mar apr jun jul aug sep sept oct nov dec no vs etc inc corp co ltd dept
    u.s u.k u.n e.u d.c a.m p.m
    """.split()
)
# Unique sentences shown per article (the JSON lists the same).
UNIQUE_PER_ARTICLE = 6

# A sentence ends at . ! or ? (and any closing quote or bracket after it) before a space
# and a capital, a digit or an opening quote.
_SENTENCE_END = re.compile(r"([.!?][”’\"')\]]*)\s+(?=[“‘\"'(\[]?[A-Z0-9])")
# Words that put a sentence in the future.
_FUTURE = re.compile(
    r"\b(?:will|would|shall|expected|scheduled|plans?|planned|set to|due to|is to|are to)\b",
    re.IGNORECASE,
)
_HAS_FIGURE = re.compile(r"\d|\b(?:hundreds|thousands|millions|billions|dozens)\b")
_HAS_NAME = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-z]+")

Json = dict[str, Any]


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence of one article, where it stands and what it says."""

    article: str
    paragraph: int
    position: int  # order in its article
    text: str
    words: frozenset[str]


def sentences(article: Article) -> list[Sentence]:
    """The sentences of an article's paragraphs (a light splitter: no abbreviation list,
    so "U.S. troops" may split; a split sentence still cites its own paragraph)."""
    out: list[Sentence] = []
    for p, para in enumerate(article.paragraphs):
        for text in split_sentences(para):
            out.append(Sentence(article.id, p, len(out), text, content_words(text)))
    return out


def split_sentences(paragraph: str) -> list[str]:
    """The sentences of one paragraph, as written; no split after a title, a month or an
    initial ("Sen. Chuck Schumer", "the Sept. 11 attacks", "George W. Bush")."""
    parts, start = [], 0
    for m in _SENTENCE_END.finditer(paragraph):
        word = paragraph[: m.start()].rsplit(None, 1)[-1] if paragraph[: m.start()].strip() else ""
        word = word.lstrip("(“‘\"'")
        if m.group(1) == "." and (word.lower() in ABBREVIATIONS or re.fullmatch(r"[A-Z]", word)):
            continue
        end = m.start() + len(m.group(1))
        parts.append(paragraph[start:end].strip())
        start = m.end()
    parts.append(paragraph[start:].strip())
    return [p for p in parts if p]


def facts(
    articles: Sequence[Article], copies: Mapping[str, str] | None = None
) -> tuple[list[Json], list[Json]]:
    """(shared facts, unique sentences) of a story. ``copies`` maps an article id to the
    article it is a syndicated copy of: a copy does not count as a second source."""
    copies = copies or {}
    by_article = [sentences(a) for a in articles]
    flat = [s for ss in by_article for s in ss if _standalone(s)]
    index = {(s.article, s.position): k for k, s in enumerate(flat)}
    best: dict[tuple[int, str], tuple[float, int]] = {}
    covered: set[int] = set()  # said, at least loosely, by another article too
    for i, a in enumerate(flat):
        for j, b in enumerate(flat):
            if a.article == b.article:
                continue
            shared = len(a.words & b.words)
            score = shared / min(len(a.words), len(b.words))
            if shared >= LOOSE_SHARED and score >= LOOSE_OVERLAP:
                covered.add(i)
            if shared < MIN_SHARED or score < MIN_OVERLAP:
                continue
            key = (i, b.article)
            if key not in best or score > best[key][0]:
                best[key] = (score, j)
    sets = DisjointSets(len(flat))

    matched: set[int] = set()
    for (i, _), (_, j) in best.items():
        if best.get((j, flat[i].article), (0.0, -1))[1] == i:
            sets.union(i, j)
            matched.update((i, j))
    order = {a.id: k for k, a in enumerate(articles)}
    shared_facts: list[Json] = []
    for idx in sets.groups(matched):
        members = sorted((flat[i] for i in idx), key=lambda s: (order[s.article], s.position))
        sources = {copies.get(s.article, s.article) for s in members}
        if len(sources) < 2:
            continue  # a wire copy repeating its original is one source
        shared_facts.append(
            {
                "text": members[0].text,
                "articles": list(dict.fromkeys(s.article for s in members)),
                "cites": [{"article": s.article, "paragraph": s.paragraph} for s in members],
                "sources": len(sources),
            }
        )
    shared_facts.sort(
        key=lambda f: (-f["sources"], order[f["cites"][0]["article"]], f["cites"][0]["paragraph"])
    )
    unique = []
    for ss in by_article:
        shown = [
            s
            for s in ss
            if _standalone(s)
            and index.get((s.article, s.position)) not in matched | covered
            and _informative(s.text)
        ][:UNIQUE_PER_ARTICLE]
        unique += [{"article": s.article, "paragraph": s.paragraph, "text": s.text} for s in shown]
    return shared_facts, unique


def summary(articles: Sequence[Article], shared_facts: Sequence[Json]) -> list[Json]:
    """5-10 sentences: what most sources agree on first, then each article's lead in turn
    until there are enough; each with the articles and paragraphs it cites."""
    out: list[Json] = []
    seen: set[frozenset[str]] = set()
    for f in shared_facts[:SUMMARY_MAX]:
        words = content_words(f["text"])
        if words in seen:
            continue
        seen.add(words)
        out.append({"text": f["text"], "articles": f["articles"], "cites": f["cites"]})
    leads = [[s for s in sentences(a) if _standalone(s)] for a in articles]
    k = 0
    while len(out) < SUMMARY_MIN and any(k < len(ss) for ss in leads):
        for ss in leads:
            if k < len(ss) and len(out) < SUMMARY_MIN:
                s = ss[k]
                if any(_same(s.words, x) for x in seen):
                    continue
                seen.add(s.words)
                out.append(
                    {
                        "text": s.text,
                        "articles": [s.article],
                        "cites": [{"article": s.article, "paragraph": s.paragraph}],
                    }
                )
        k += 1
    return out[:SUMMARY_MAX]


def timeline(
    times: Sequence[Mapping[str, Any]], published: Mapping[str, str | None] | None = None
) -> list[Json]:
    """Dated events in date order: each normalised day or month with the sentence that
    dates it, merged across articles when they date the same sentence-sized fact.

    A date after its article's publication is kept only when the sentence speaks of
    the future ("will", "is expected to"): otherwise it is a misread weekday, and a
    timeline of what happened must not show it."""
    published = published or {}
    entries: list[Json] = []
    for t in times:
        value = str(t.get("value") or "")
        if not re.fullmatch(r"\d{4}-\d{2}(?:-\d{2})?", value) or not t.get("sentence"):
            continue
        if out_of_context(str(t["sentence"])):
            continue
        day = published.get(str(t["article"])) or ""
        if day and value[:10] > day[:10] and not _FUTURE.search(str(t["sentence"])):
            continue
        words = content_words(str(t["sentence"]))
        for e in entries:
            if e["date"] == value and _same(words, e["_words"]):
                if t["article"] not in e["articles"]:
                    e["articles"].append(t["article"])
                    e["cites"].append({"article": t["article"], "paragraph": t["paragraph"]})
                break
        else:
            entries.append(
                {
                    "date": value,
                    "text": str(t["sentence"]),
                    "articles": [t["article"]],
                    "cites": [{"article": t["article"], "paragraph": t["paragraph"]}],
                    "_words": words,
                }
            )
    entries.sort(key=lambda e: e["date"])
    # a sentence that names several dates is shown once, at the first, with the others
    out: list[Json] = []
    first: dict[str, Json] = {}
    for e in entries:
        del e["_words"]
        seen = first.get(e["text"])
        if seen is None:
            first[e["text"]] = e
            out.append(e)
        elif e["date"] != seen["date"] and e["date"] not in seen.setdefault("also", []):
            seen["also"].append(e["date"])
    return out


def _standalone(s: Sentence) -> bool:
    """A sentence a brief can show on its own: long enough, and not a piece of a quote
    or an attribution that needs its neighbours."""
    return len(s.words) >= MIN_WORDS and not out_of_context(s.text)


def _same(a: frozenset[str], b: frozenset[str]) -> bool:
    shared = len(a & b)
    return bool(a and b) and shared >= MIN_OVERLAP * min(len(a), len(b))


def _informative(text: str) -> bool:
    """A sentence that carries a figure, a quote or a name beyond its first word."""
    return bool(_HAS_FIGURE.search(text) or "“" in text or '"' in text or _HAS_NAME.search(text))
