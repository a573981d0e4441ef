"""Merge per-article extractions into a story's findings: its entities, quotes, figures
and times.

Entities are merged across articles; every quote speaker and figure source is
mapped to a canonical entity where the text names one, and every item carries
its article, paragraph and offsets so the brief can cite it. Reads only the
spaCy-free :class:`~newsfuse.model.Extraction` records and the articles' text.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import replace

from newsfuse.extract.entities import Entity as EntityCluster
from newsfuse.extract.entities import EntityIndex, clean_name
from newsfuse.extract.quotes_speakers import DOCUMENT_NOUNS, NO_ONE, REPORT_NOUNS
from newsfuse.model import (
    Article,
    BorrowedSpeaker,
    Entity,
    Extraction,
    Figure,
    FigureAlternative,
    Findings,
    Location,
    Measure,
    NumberMention,
    Passage,
    Quote,
    QuoteMention,
    Span,
    TimeExpression,
    TimeMention,
)
from newsfuse.text import ParagraphMap
from newsfuse.text.lexicon import PERSONAL_PRONOUNS, RELATIVE_PRONOUNS

__all__ = ["BorrowedSpeaker", "combine", "names_someone", "speaker_of"]


def combine(articles: Sequence[Article], extractions: Sequence[Extraction]) -> Findings:
    """The story's ``entities``, ``quotes``, ``numbers`` and ``times`` from each article's
    extraction (``articles`` and ``extractions`` in the same order)."""
    index = EntityIndex()
    for ex in extractions:
        index.add(ex.article, ex.mentions)
    entities = index.build()
    quotes: list[Quote] = []
    numbers: list[Figure] = []
    times: list[TimeExpression] = []
    for article, ex in zip(articles, extractions, strict=True):
        where = _Text(article, ex)
        art = ex.article
        for q in ex.quotes:
            para, start, _ = where.map.locate(q.content.start, q.content.end)
            end_para, end = where.map.locate_end(q.content.end)  # it may run into the next one
            who = speaker_of(index, art, q)
            quotes.append(
                Quote(
                    id=f"q{len(quotes) + 1}",
                    article=art,
                    paragraph=para,
                    start=start,
                    end=end,
                    end_paragraph=end_para,
                    text=q.text,  # without an attribution inside it ("…, he said, …")
                    parts=tuple(_part(where, part) for part in q.parts),
                    kind=q.kind,
                    speaker=who[0] if who else None,
                    speaker_entity=who[1].id if who and who[1] else None,
                    cue=q.cue.text if q.cue else None,
                    speaker_mention=_where(where, q.speaker),
                    speaker_as_written=q.speaker.text if q.speaker else None,
                )
            )
        for n in ex.numbers:
            numbers.append(_figure(index, where, n, f"n{len(numbers) + 1}"))
        for t in ex.times:
            para, start, end = where.map.locate(t.span.start, t.span.end)
            times.append(
                TimeExpression(
                    article=art,
                    paragraph=para,
                    start=start,
                    end=end,
                    text=t.span.text,
                    value=t.value,
                    type=t.type,
                    event=t.event,
                    sentence=where.sentence(t.span),
                )
            )
    return Findings(
        entities=tuple(_entity(e) for e in entities),
        quotes=tuple(quotes),
        numbers=tuple(numbers),
        times=tuple(times),
    )


class _Text:
    """One article's text as its extraction saw it: paragraphs and spaCy's sentences."""

    def __init__(self, article: Article, ex: Extraction) -> None:
        self.map = ParagraphMap.of(article.paragraphs)
        self.text = self.map.text
        self.ex = ex
        self._starts = [s for s, _ in ex.sentences]
        self._ends = [e for _, e in ex.sentences]

    def sentence(self, span: Span) -> str:
        """The text of the sentences a span lies in (spaCy's ``Span.sent`` of it)."""
        first = bisect.bisect_right(self._starts, span.start) - 1
        last = bisect.bisect_left(self._ends, span.end)
        if first < 0 or last >= len(self._ends) or span.start >= len(self.text):
            return ""
        return self.text[self._starts[first] : self._ends[last]].strip()


def _entity(e: EntityCluster) -> Entity:
    return Entity(
        id=e.id,
        name=e.name,
        type=e.type,
        aliases=tuple(e.aliases),
        description=e.descriptions[0] if e.descriptions else None,
        descriptions=tuple(e.descriptions),
        articles=tuple(e.articles),
        mentions=e.mentions,
    )


def speaker_of(
    index: EntityIndex, article: str, q: QuoteMention
) -> tuple[str, EntityCluster | None] | None:
    """(the name the brief gives a quote's speaker, its entity), or None: the speaker's
    canonical name when the text names one, the body or description as written
    otherwise ("Ukraine’s armed forces", "a White House spokesman"), and None when the
    text does not say who spoke (an unresolved "he" or "who")."""
    if q.resolved is not None and q.speaker is not None and _inside(q.resolved, q.speaker):
        return _who(index, article, q.speaker)  # "Ukraine’s armed forces", not "Ukraine"
    if q.resolved is not None:
        return _who(index, article, q.resolved)
    # a role phrase ("the Russian president") the entity index resolved, else the
    # speaker as the text names it ("Ukrainian military officials")
    return _role(index, article, q.speaker) or _who(index, article, q.speaker)


def _figure(index: EntityIndex, where: _Text, n: NumberMention, nid: str) -> Figure:
    """One figure of the brief: where it is, its value as normalised, and its measure."""
    from newsfuse.align.figures import interval

    art = where.ex.article
    para, start, end = where.map.locate(n.span.start, n.span.end)
    source = _who(index, art, n.attributed_to) if n.attributed_to else None
    subject = _who(index, art, n.subject) if n.subject else None
    place = _who(index, art, n.place) if n.place else None
    anchor = _who(index, art, n.anchor) if n.anchor else None
    figure = Figure(
        id=nid,
        article=art,
        paragraph=para,
        start=start,
        end=end,
        value=n.value,
        unit=n.unit,
        qualifier=n.qualifier,
        vague=n.vague,
        kind=n.kind,
        high=n.high,
        sides=n.sides,
        ratio=n.ratio,
        alternatives=tuple(FigureAlternative(v, u) for v, u in n.alternatives),
        text=n.span.text,
        about=n.about,
        attributed_to=source[0] if source else None,
        attributed_to_entity=source[1].id if source and source[1] else None,
        attributed_to_as_written=n.attributed_to.text if n.attributed_to else None,
        sentence=where.sentence(n.span),
        measure=Measure(
            noun=n.noun,
            unit=n.unit,
            subject=subject[0] if subject else None,
            place=place[0] if place else None,
            time=_time_value(where.ex.times, n.time),
            time_text=n.time.text if n.time else None,
            by=source[0] if source else None,
            anchor=anchor[0] if anchor else None,
            context=n.context,
        ),
    )
    if n.sides:
        return figure  # a tally's sides are its values: no interval
    i = interval(figure)  # the values the figure as written stands for (None: unbounded)
    return replace(figure, interval=(i.low, None if i.high == float("inf") else i.high))


def _time_value(times: Sequence[TimeMention], span: Span | None) -> str | None:
    """The normalised date of a figure's time expression (a date, not a span of time)."""
    if span is None:
        return None
    for t in times:
        if t.type == "DATE" and t.span.start < span.end and span.start < t.span.end:
            return t.value if _CALENDAR.match(t.value) else None  # not "PAST_REF", "2022-W51"
    return None


_CALENDAR = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")


# A mention stands for the whole speaker span when it covers at least this share of it:
# "Putin" in "Putin" yes; "Ukraine" in "Ukraine’s armed forces" no (that body speaks).
MIN_NAME_SHARE = 0.6


def _who(
    index: EntityIndex, article: str, span: Span | None
) -> tuple[str, EntityCluster | None] | None:
    """(canonical name, entity) of a speaker or source mention; the text itself for bodies.

    "U.K. Defense Secretary Ben Wallace" is Ben Wallace (the name ends the span);
    "Zelensky’s office" and "Ukraine’s armed forces" are bodies named by their own text.
    """
    if span is None:
        return None
    inside = index.mentions_in(article, span.start, span.end)
    for start, end, entity in inside:
        ends_span = span.text[end - span.start :].strip(" ,.") == ""
        if (entity.type == "PERSON" and ends_span) or (end - start) >= MIN_NAME_SHARE * len(
            span.text.strip()
        ):
            return entity.name, entity
    if not inside:
        around = index.entity_at(article, span.start, span.end)
        if around is not None:
            return around.name, around  # the span lies inside a longer mention
    name = clean_name(span.text)
    if not name or not names_someone(name):
        return None  # an unresolved "he", "who" or "the report" says nothing about who spoke
    named = index.by_name(name)  # "Akin" where the parser tagged no entity
    if named is not None:
        return named.name, named
    if index.shared_surname(name):
        return None  # a bare "Cheney" its article leaves ambiguous: nobody in particular
    return name, None


def _inside(inner: Span, outer: Span) -> bool:
    return outer.start <= inner.start and inner.end <= outer.end


def _role(
    index: EntityIndex, article: str, span: Span | None
) -> tuple[str, EntityCluster | None] | None:
    if span is None:
        return None
    entity = index.role_at(article, span.start, span.end)
    return (entity.name, entity) if entity is not None else None


def names_someone(name: str) -> bool:
    """Whether a speaker as written, unresolved, still names someone: "a White House
    spokesman" does; "he", "who", "some" and "the report" do not."""
    words = name.lower().split()
    if not words or (
        len(words) == 1 and words[0] in PERSONAL_PRONOUNS | RELATIVE_PRONOUNS | NO_ONE
    ):
        return False
    last = words[-1].rstrip(".,")
    if any(ch.isupper() for w in name.split()[:-1] for ch in w[:1]) and len(words) > 1:
        return True  # "the Washington Post report": an outlet's
    single = last[:-1] if last.endswith("s") and not last.endswith("ss") else last
    return not ({last, single} & (DOCUMENT_NOUNS | REPORT_NOUNS))


def _part(where: _Text, span: Span) -> Passage:
    para, start, end = where.map.locate(span.start, span.end)
    return Passage(para, start, end, span.text)


def _where(where: _Text, span: Span | None) -> Location | None:
    if span is None:
        return None
    para, start, end = where.map.locate(span.start, span.end)
    return Location(para, start, end)
