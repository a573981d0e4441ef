"""Turn per-article extractions into the brief's entities, quotes, numbers and times.

Entities are merged across articles; every quote speaker and figure source is
mapped to a canonical entity where the text names one, and every item carries
its article, paragraph and offsets so the brief can cite it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from newsfuse.annotate.nlp import ParsedArticle
from newsfuse.extract import ArticleExtraction
from newsfuse.extract.entities import Entity, EntityIndex, clean_name
from newsfuse.extract.quotes_speakers import (
    DOCUMENT_NOUNS,
    NO_ONE,
    RELATIVE_PRONOUNS,
    REPORT_NOUNS,
)
from newsfuse.model import NumberMention, QuoteMention, Span, TimeMention

Json = dict[str, Any]


def build_fields(extractions: Sequence[ArticleExtraction]) -> dict[str, list[Json]]:
    """The ``entities``, ``quotes``, ``numbers`` and ``times`` fields of the brief."""
    index = EntityIndex()
    for ex in extractions:
        index.add(ex.parsed.article.id, ex.mentions)
    entities = index.build()
    quotes: list[Json] = []
    numbers: list[Json] = []
    times: list[Json] = []
    for ex in extractions:
        p = ex.parsed
        art = p.article.id
        for q in ex.quotes:
            para, start, _ = p.locate(q.content.start, q.content.end)
            end_para, end = p.locate_end(q.content.end)  # a quote may run into the next one
            who = speaker_of(index, art, q)
            item: Json = {
                "id": f"q{len(quotes) + 1}",
                "article": art,
                "paragraph": para,
                "start": start,
                "end": end,
                "end_paragraph": end_para,
                "text": q.text,  # without an attribution inside it ("…, he said, …")
                "parts": [_part(p, part) for part in q.parts],
                "kind": q.kind,
                "speaker": who[0] if who else None,
                "speaker_entity": who[1].id if who and who[1] else None,
                "cue": q.cue.text if q.cue else None,
                "speaker_mention": _where(p, q.speaker),
                "speaker_as_written": q.speaker.text if q.speaker else None,
            }
            quotes.append(item)
        for n in ex.numbers:
            numbers.append(_number_json(index, ex, n, f"n{len(numbers) + 1}"))
        for t in ex.times:
            para, start, end = p.locate(t.span.start, t.span.end)
            times.append(
                {
                    "article": art,
                    "paragraph": para,
                    "start": start,
                    "end": end,
                    "text": t.span.text,
                    "value": t.value,
                    "type": t.type,
                    "event": t.event,
                    "sentence": _sentence(p, t.span),
                }
            )
    return {
        "entities": [e.to_json() for e in entities],
        "quotes": quotes,
        "numbers": numbers,
        "times": times,
    }


def speaker_of(
    index: EntityIndex, article: str, q: QuoteMention
) -> tuple[str, Entity | None] | None:
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


def _number_json(index: EntityIndex, ex: ArticleExtraction, n: NumberMention, nid: str) -> Json:
    """One figure of the brief: where it is, its value as normalised, and its measure."""
    p = ex.parsed
    art = p.article.id
    para, start, end = p.locate(n.span.start, n.span.end)
    source = _who(index, art, n.attributed_to) if n.attributed_to else None
    subject = _who(index, art, n.subject) if n.subject else None
    place = _who(index, art, n.place) if n.place else None
    anchor = _who(index, art, n.anchor) if n.anchor else None
    item: Json = {
        "id": nid,
        "article": art,
        "paragraph": para,
        "start": start,
        "end": end,
        "value": n.value,
        "unit": n.unit,
        "qualifier": n.qualifier,
        "vague": n.vague,
        "kind": n.kind,
        "high": n.high,
        "sides": list(n.sides) if n.sides else None,
        "ratio": list(n.ratio) if n.ratio else None,
        "alternatives": [{"value": v, "unit": u} for v, u in n.alternatives],
        "text": n.span.text,
        "about": n.about,
        "attributed_to": source[0] if source else None,
        "attributed_to_entity": source[1].id if source and source[1] else None,
        "attributed_to_as_written": n.attributed_to.text if n.attributed_to else None,
        "sentence": _sentence(p, n.span),
        "measure": {
            "noun": n.noun,
            "unit": n.unit,
            "subject": subject[0] if subject else None,
            "place": place[0] if place else None,
            "time": _time_value(ex.times, n.time),
            "time_text": n.time.text if n.time else None,
            "by": source[0] if source else None,
            "anchor": anchor[0] if anchor else None,
            "context": list(n.context),
        },
    }
    from newsfuse.align.figures import interval

    if not n.sides:  # the values the figure as written stands for (None: unbounded)
        i = interval(item)
        item["interval"] = [i.low, None if i.high == float("inf") else i.high]
    return item


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


def _who(index: EntityIndex, article: str, span: Span | None) -> tuple[str, Entity | None] | None:
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


def _role(index: EntityIndex, article: str, span: Span | None) -> tuple[str, Entity | None] | None:
    if span is None:
        return None
    entity = index.role_at(article, span.start, span.end)
    return (entity.name, entity) if entity is not None else None


_PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "you", "him", "her", "them"})


def names_someone(name: str) -> bool:
    """Whether a speaker as written, unresolved, still names someone: "a White House
    spokesman" does; "he", "who", "some" and "the report" do not."""
    words = name.lower().split()
    if not words or (len(words) == 1 and words[0] in _PRONOUNS | RELATIVE_PRONOUNS | NO_ONE):
        return False
    last = words[-1].rstrip(".,")
    if any(ch.isupper() for w in name.split()[:-1] for ch in w[:1]) and len(words) > 1:
        return True  # "the Washington Post report": an outlet's
    single = last[:-1] if last.endswith("s") and not last.endswith("ss") else last
    return not ({last, single} & (DOCUMENT_NOUNS | REPORT_NOUNS))


def _part(p: ParsedArticle, span: Span) -> Json:
    para, start, end = p.locate(span.start, span.end)
    return {"paragraph": para, "start": start, "end": end, "text": span.text}


def _where(p: ParsedArticle, span: Span | None) -> Json | None:
    if span is None:
        return None
    para, start, end = p.locate(span.start, span.end)
    return {"paragraph": para, "start": start, "end": end}


def _sentence(p: ParsedArticle, span: Span) -> str:
    chars = p.doc.char_span(span.start, span.end, alignment_mode="expand")
    if chars is None:
        return ""
    return str(chars.sent.text).strip()
