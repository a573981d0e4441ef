"""Quote groups: the same statement carried by different articles, word for word, cut
differently, or in other words (the matcher's decision, ``newsfuse.states_same``).

Quotes are compared piece by piece: a quotation that runs over several sentences is cut
at its sentence ends (and where the extractor joined its parts around an attribution),
so that one outlet's long quotation can meet two outlets that each quote one of its
sentences. Two pieces of different articles are one statement when their speakers do
not differ and either one is a near-verbatim cut of the other (the shorter, normalised,
lies in the longer with few changes) or the matcher by meaning accepts them
(translations and paraphrases: "quickly track down traitors, spies and saboteurs" /
"promptly uncover traitors, spies and saboteurs"). Matching is one-to-one: links join
groups strongest first, a near-verbatim counterpart ahead of any paraphrase, and a group
never holds two pieces of one article, so a statement is never chained to a different
one through a third article. A quote may stand in two groups when two of its sentences
are carried by other outlets.

Speakers: a quote whose speaker the text leaves unnamed joins only a near-verbatim
counterpart, and then *borrows* that quote's named speaker, with a citation of where the
name comes from. A long near-verbatim quotation that two outlets give to two different
speakers is one statement with a wrong speaker on one side: both quotes lose their
speaker (``speaker_conflict`` names both candidates), since a wrong speaker is worse
than none. A quote no other article carries forms no group (CLI.md).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from rapidfuzz import fuzz

from newsfuse.align.sets import DisjointSets
from newsfuse.align.similarity import Scorer
from newsfuse.align.text import content_words
from newsfuse.model import BorrowedSpeaker, Quote, QuoteGroup
from newsfuse.text.sentences import split_sentences

# Character similarity (rapidfuzz partial ratio, 0-100) of the shorter piece against the
# best-aligned stretch of the longer for a near-verbatim counterpart.
VERBATIM = 88
# Fewest words in the shorter piece for the verbatim test: "the situation" lies in many.
VERBATIM_MIN_WORDS = 4
# Words of a near-verbatim match long enough to override two different named speakers
# (one of them is wrong): eight words of one statement are not two people's.
SPEAKER_CLASH_WORDS = 8
# Fewest content words two pieces share before the matcher scores them.
MIN_SHARED = 2

_NOT_WORD = re.compile(r"[^\w\s]")
_SPACES = re.compile(r"\s+")
# Where the extractor joined a quote's parts around an attribution inside it.
_PART_JOIN = " … "


@dataclass(frozen=True, slots=True)
class Piece:
    """One sentence of one quote."""

    quote: int  # index in the quote list
    article: str
    text: str
    norm: str
    words: frozenset[str]


def normalise(text: str) -> str:
    """Lower case, no punctuation or quote marks, single spaces."""
    return _SPACES.sub(" ", _NOT_WORD.sub(" ", text.lower().replace("’", "'"))).strip()


def verbatim(a: str, b: str) -> float:
    """How nearly the shorter text lies word for word in the longer (0-100)."""
    return _verbatim(normalise(a), normalise(b))


def _verbatim(na: str, nb: str) -> float:
    if min(len(na.split()), len(nb.split())) < VERBATIM_MIN_WORDS:
        return 0.0
    return float(fuzz.partial_ratio(na, nb))


def pieces(quotes: Sequence[Quote]) -> list[Piece]:
    """The sentences of every quote (a one-sentence quote is one piece)."""
    out = []
    for k, q in enumerate(quotes):
        for part in q.text.split(_PART_JOIN):
            for text in split_sentences(part) or [part]:
                norm = normalise(text)
                if norm:
                    out.append(Piece(k, q.article, text, norm, content_words(text)))
    return out


def links(
    quotes: Sequence[Quote], units: Sequence[Piece], scorer: Scorer
) -> list[tuple[float, int, int]]:
    """(strength, i, j) for every pair of pieces of different articles that may be one
    statement: near-verbatim pairs score 1 + similarity/100, so they always come first."""
    out: list[tuple[float, int, int]] = []
    meaning: list[tuple[int, int]] = []
    for i, a in enumerate(units):
        qa = quotes[a.quote]
        for j in range(i + 1, len(units)):
            b = units[j]
            if a.article == b.article:
                continue
            qb = quotes[b.quote]
            v = _verbatim(a.norm, b.norm)
            long_match = min(len(a.norm.split()), len(b.norm.split())) >= SPEAKER_CLASH_WORDS
            if _speakers_differ(qa, qb) and not (v >= VERBATIM and long_match):
                continue
            if v >= VERBATIM:
                out.append((1 + v / 100, i, j))
            elif (
                qa.speaker
                and qb.speaker
                and len(a.words & b.words) >= MIN_SHARED
                and not _speakers_differ(qa, qb)
            ):
                meaning.append((i, j))
    probs = scorer.probabilities([(units[i].text, units[j].text) for i, j in meaning])
    out += [(p, i, j) for (i, j), p in zip(meaning, probs, strict=True) if p >= scorer.threshold]
    return sorted(out, key=lambda t: (-t[0], t[1], t[2]))


def quote_groups(
    quotes: Sequence[Quote], scorer: Scorer
) -> tuple[tuple[QuoteGroup, ...], tuple[Quote, ...]]:
    """(``quote_groups``, the quotes with borrowed or withdrawn speakers)."""
    units = pieces(quotes)
    sets = DisjointSets(len(units))
    articles = {i: {u.article} for i, u in enumerate(units)}
    strength: dict[int, float] = {}
    for s, i, j in links(quotes, units, scorer):
        ri, rj = sets.find(i), sets.find(j)
        if ri == rj or articles[ri] & articles[rj]:
            continue  # one piece per article in a group
        sets.union(ri, rj)
        articles[ri] |= articles[rj]
        strength[i] = max(strength.get(i, 0.0), s)
        strength[j] = max(strength.get(j, 0.0), s)
    out_quotes = list(quotes)
    groups: list[QuoteGroup] = []
    for idx in sets.groups():
        members = list(dict.fromkeys(units[i].quote for i in idx))
        if len({quotes[k].article for k in members}) < 2:
            continue
        gid = f"g{len(groups) + 1}"
        score = {k: max(strength[i] for i in idx if units[i].quote == k) for k in members}
        named = {_who(quotes[k]): k for k in members if quotes[k].speaker}
        speaker = quotes[next(iter(named.values()))] if named else None
        if len(named) > 1:  # one statement, two speakers: one of them is wrong
            candidates = tuple(sorted({str(quotes[k].speaker) for k in named.values()}))
            for k in members:
                out_quotes[k] = replace(out_quotes[k], speaker=None, speaker_entity=None,
                                        speaker_conflict=candidates)  # fmt: skip
            speaker = None
        for k in members:
            out_quotes[k] = replace(out_quotes[k], groups=(*out_quotes[k].groups, gid))
            if speaker is not None and not quotes[k].speaker and score[k] > 1:
                out_quotes[k] = replace(
                    out_quotes[k],
                    speaker=speaker.speaker,
                    speaker_entity=speaker.speaker_entity,
                    speaker_borrowed_from=BorrowedSpeaker(
                        quote=speaker.id, article=speaker.article, paragraph=speaker.paragraph
                    ),
                )
        groups.append(
            QuoteGroup(
                id=gid,
                speaker=speaker.speaker if speaker else None,
                speaker_entity=speaker.speaker_entity if speaker else None,
                quotes=tuple(quotes[k].id for k in members),
                articles=tuple(dict.fromkeys(quotes[k].article for k in members)),
                scores={quotes[k].id: round(min(score[k], 1.0), 3) for k in members},
                verbatim={quotes[k].id: score[k] > 1 for k in members},
            )
        )
    return tuple(groups), tuple(out_quotes)


def _who(q: Quote) -> str | None:
    if not q.speaker:
        return None
    return q.speaker_entity or q.speaker.lower()


def _speakers_differ(a: Quote, b: Quote) -> bool:
    """Two named speakers that are not one entity (or one name)."""
    wa, wb = _who(a), _who(b)
    if wa is None or wb is None:
        return False
    if a.speaker_entity and b.speaker_entity:
        return wa != wb
    return str(a.speaker).lower() != str(b.speaker).lower()
