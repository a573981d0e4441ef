"""JSON and JSONL article records: ``text`` (or ``body``/``content``), ``title``,
``date``, ``source``, ``url``; an ``html`` field goes through the HTML path."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from newsfuse.annotate.dates import parse_date_value
from newsfuse.errors import InputError
from newsfuse.model import RawDocument

TEXT_FIELDS = ("text", "body", "content", "articleBody", "maintext")
PARAGRAPH_FIELDS = ("paragraphs", "body-paragraphs", "body_paragraphs")
DATE_FIELDS = ("date", "published", "date_publish", "datePublished", "publish_date")
SOURCE_FIELDS = ("source", "outlet", "source_domain", "publisher", "site")
TITLE_FIELDS = ("title", "headline")
URL_FIELDS = ("url", "link")
HTML_FIELDS = ("html",)
# Fields read as one string (an object's "name" or "title" is read too), and the fields
# that can hold the article: a record needs one of these to give an article.
STRING_FIELDS = TITLE_FIELDS + URL_FIELDS + SOURCE_FIELDS + DATE_FIELDS + HTML_FIELDS + TEXT_FIELDS
ARTICLE_FIELDS = TEXT_FIELDS + PARAGRAPH_FIELDS + HTML_FIELDS


def parse_records(path: str, text: str) -> Iterator[RawDocument]:
    """Yield one RawDocument per record.

    A JSONL file with some broken lines yields its good records and then raises
    InputError naming the bad line numbers, so nothing good is lost.
    """
    stripped = text.lstrip()
    if path.lower().removesuffix(".gz").endswith((".jsonl", ".ndjson")) or not stripped.startswith(
        ("[", "{")
    ):
        yield from _parse_lines(path, text)
        return
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        # Possibly JSONL saved as .json: one object per line.
        if stripped.startswith("{") and "\n{" in stripped:
            yield from _parse_lines(path, text)
            return
        raise InputError(
            path, f"invalid JSON ({_json_problem(exc)} at line {exc.lineno}, column {exc.colno})"
        ) from exc
    items = data.get("articles", [data]) if isinstance(data, dict) else data
    if not isinstance(items, list):
        raise InputError(path, 'JSON must be an object, a list of objects or {"articles": [...]}')
    bad: list[str] = []
    for n, item in enumerate(items, 1):
        try:
            yield record_to_document(f"{path}#{n}", item)
        except InputError as exc:
            bad.append(f"record {n}: {exc.reason}")
    if bad:
        raise InputError(path, "; ".join(bad))


def _parse_lines(path: str, text: str) -> Iterator[RawDocument]:
    bad: list[str] = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            bad.append(f"line {n}: invalid JSON ({_json_problem(exc)} at column {exc.colno})")
            continue
        try:
            yield record_to_document(f"{path}#{n}", item)
        except InputError as exc:
            bad.append(f"line {n}: {exc.reason}")
    if bad:
        raise InputError(path, "; ".join(bad))


def record_to_document(path: str, item: Any) -> RawDocument:
    """Map one JSON object to a RawDocument; raise InputError when it holds no article."""
    if not isinstance(item, dict):
        raise InputError(path, f"expected a JSON object, got {type(item).__name__}")
    title = _str_field(item, TITLE_FIELDS)
    url = _str_field(item, URL_FIELDS)
    source = _str_field(item, SOURCE_FIELDS)
    raw_date = _str_field(item, DATE_FIELDS)
    date = parse_date_value(raw_date) if raw_date else None
    html = _str_field(item, HTML_FIELDS)
    body = _str_field(item, TEXT_FIELDS) or _paragraphs_field(item)
    if not body and html:
        from newsfuse.ingest.html import parse_html

        doc = parse_html(path, html, url=url)
        return RawDocument(
            path=path,
            format="html",
            body=doc.body,
            title=title or doc.title,
            date=date or doc.date,
            date_from="header" if date else doc.date_from,
            source=source or doc.source,
            source_from="header" if source else doc.source_from,
            url=url or doc.url,
        )
    if not body or not body.strip():
        raise InputError(
            path, f"record has no article text (expected one of: {', '.join(TEXT_FIELDS)})"
        )
    return RawDocument(
        path=path,
        format="json",
        body=body,
        title=title,
        date=date,
        date_from="header" if date else "none",
        source=source,
        source_from="header" if source else "none",
        url=url,
    )


def _paragraphs_field(item: dict[str, Any]) -> str | None:
    """``paragraphs``/``body-paragraphs``: paragraphs, each a string or a list of sentences."""
    for name in PARAGRAPH_FIELDS:
        value = item.get(name)
        if not isinstance(value, list):
            continue
        paras: list[str] = []
        for p in value:
            if isinstance(p, str):
                paras.append(p.strip())
            elif isinstance(p, list):
                paras.append(" ".join(s.strip() for s in p if isinstance(s, str)))
        text = "\n\n".join(p for p in paras if p)
        if text.strip():
            return text
    return None


def _str_field(item: dict[str, Any], names: tuple[str, ...]) -> str | None:
    for name in names:
        value = item.get(name)
        if isinstance(value, str) and value.strip():
            return value.strip()
        if isinstance(value, dict):  # e.g. {"source": {"name": "Reuters"}}
            inner = value.get("name") or value.get("title")
            if isinstance(inner, str) and inner.strip():
                return inner.strip()
    return None


def _json_problem(exc: json.JSONDecodeError) -> str:
    """The decoder's message without a dangling "at" ("Invalid control character at")."""
    return exc.msg.removesuffix(" at")
