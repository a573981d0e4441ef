"""Expand PATH arguments (files, folders, globs, ``-``, URLs) and read each input.

Reading never raises for a bad input: each one becomes a :class:`Rejection`
naming the path and the reason, and the other inputs are still read. URLs and
files that sniff as a feed, OPML list or sitemap go to the crawler
(:mod:`newsfuse.ingest.live`); WARC/ARC crawls to :mod:`newsfuse.ingest.warc`.
"""

from __future__ import annotations

import codecs
import glob
import gzip
import io
import os
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from newsfuse.errors import InputError
from newsfuse.ingest import records
from newsfuse.ingest.feeds import Kind, sniff
from newsfuse.ingest.headers import parse_header
from newsfuse.ingest.urls import is_url
from newsfuse.ingest.warc import is_warc_name, iter_warc
from newsfuse.model import Format, RawDocument, Rejection

if TYPE_CHECKING:
    from newsfuse.ingest.fetch import FetchOptions

# Inputs above this size are rejected unread: a news article is rarely over 1 MB
# of text, and a 10 MB cap still admits very heavy HTML pages.
DEFAULT_MAX_BYTES = 10 * 1024 * 1024
# Bytes sniffed to tell binary from text (NUL bytes or many control characters).
SNIFF_BYTES = 8192
# Share of control characters (other than tab/newline/CR/FF) above which a file is binary.
MAX_CONTROL_SHARE = 0.05

# What a local file may be besides an article: a list whose links are fetched.
LIST_KINDS = frozenset({"feed", "opml", "sitemap", "sitemapindex"})

HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml"}
JSON_SUFFIXES = {".json", ".jsonl", ".ndjson"}


def iter_inputs(
    paths: Iterable[str],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    stdin: BinaryIO | None = None,
    fetch: FetchOptions | None = None,
) -> Iterator[RawDocument | Rejection]:
    """Yield one RawDocument per article (a JSONL file, a feed or a crawl yields several)
    or a Rejection. URLs are fetched with ``fetch`` (default: public addresses only)."""
    live: list[str] = []
    for path in expand_paths(paths):
        kind = None
        if isinstance(path, str) and path != "-" and not is_url(path):
            kind = live_kind(path)
        if isinstance(path, str) and (is_url(path) or kind in LIST_KINDS):
            live.append(path)
            continue
        if live:
            yield from _crawl(live, max_bytes, fetch)
            live = []
        if isinstance(path, Rejection):
            yield path
            continue
        if kind == "warc":
            yield from iter_warc(path, max_bytes=max_bytes)
            continue
        try:
            if path == "-":
                data = (stdin or sys.stdin.buffer).read(max_bytes + 1)
                if len(data) > max_bytes:
                    raise InputError("-", f"stdin is over the limit of {_size(max_bytes)}")
            else:
                data = _read_file(path, max_bytes)
            yield from documents_from_bytes(path, data)
        except InputError as exc:
            yield Rejection(exc.path, exc.reason)
    if live:
        yield from _crawl(live, max_bytes, fetch)


def _crawl(
    sources: list[str], max_bytes: int, fetch: FetchOptions | None
) -> Iterator[RawDocument | Rejection]:
    """The articles of live sources, fetched with no memory of earlier runs."""
    from dataclasses import replace

    from newsfuse.ingest.fetch import Fetcher, FetchOptions
    from newsfuse.ingest.live import Crawler, Failed, Page

    options = replace(fetch or FetchOptions(), max_bytes=max_bytes)
    for event in Crawler(Fetcher(options)).run(sources):
        if isinstance(event, Page):
            yield event.doc
        elif isinstance(event, Failed):
            yield Rejection(event.url, event.reason)


def live_kind(path: str) -> Kind | None:
    """What a local file is when it is not an article: a WARC/ARC crawl (by name or
    content), a feed, an OPML list or a sitemap (by content); None otherwise."""
    if is_warc_name(path):
        return "warc"
    try:
        with open(path, "rb") as fh:
            head = fh.read(4096)
    except OSError:
        return None
    return sniff(head)


def read_inputs(
    paths: Iterable[str], *, max_bytes: int = DEFAULT_MAX_BYTES
) -> tuple[list[RawDocument], list[Rejection]]:
    """Read everything; return (documents, rejections)."""
    docs: list[RawDocument] = []
    rejected: list[Rejection] = []
    for item in iter_inputs(paths, max_bytes=max_bytes):
        (rejected if isinstance(item, Rejection) else docs).append(item)  # type: ignore[arg-type]
    return docs, rejected


def expand_paths(paths: Iterable[str]) -> Iterator[str | Rejection]:
    """Files as given, folders recursively (sorted, hidden entries skipped), globs expanded."""
    seen: set[str] = set()
    for arg in paths:
        if arg == "-":
            yield "-"
            continue
        if is_url(arg):
            if arg.strip() not in seen:
                seen.add(arg.strip())
                yield arg.strip()
            continue
        if os.path.isdir(arg):
            candidates = _walk(arg)
        elif os.path.exists(arg):
            candidates = [arg]
        elif glob.has_magic(arg):
            matches = sorted(glob.glob(arg, recursive=True))
            if not matches:
                yield Rejection(arg, "no file matches this pattern")
                continue
            candidates = []
            for m in matches:
                candidates.extend(_walk(m) if os.path.isdir(m) else [m])
        else:
            yield Rejection(arg, "no such file or folder")
            continue
        for c in candidates:
            key = os.path.realpath(c)
            if key not in seen:
                seen.add(key)
                yield c


def _walk(folder: str) -> list[str]:
    out: list[str] = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        out.extend(os.path.join(root, f) for f in sorted(files) if not f.startswith("."))
    return out


def _read_file(path: str, max_bytes: int) -> bytes:
    try:
        size = os.path.getsize(path)
        if size > max_bytes:
            raise InputError(path, f"file is {_size(size)}, over the limit of {_size(max_bytes)}")
        with open(path, "rb") as fh:
            data = fh.read()
    except OSError as exc:
        raise InputError(path, f"cannot read: {exc.strerror or exc}") from exc
    if path.lower().endswith(".gz"):
        try:
            with gzip.GzipFile(fileobj=io.BytesIO(data)) as gz:
                data = gz.read(max_bytes + 1)
        except (OSError, EOFError) as exc:
            raise InputError(path, f"not a valid gzip file ({exc})") from exc
        if len(data) > max_bytes:
            raise InputError(
                path, f"decompressed size is over the limit of {_size(max_bytes)}"
            )
    return data


def documents_from_bytes(
    path: str,
    data: bytes,
    *,
    fmt: Format | None = None,
    charset: str | None = None,
    url: str | None = None,
) -> Iterator[RawDocument]:
    """Decode and parse one input's bytes; raise InputError when it cannot be read.

    ``fmt`` and ``charset`` are what a server or a crawl record declared (the
    format is sniffed from the name and content otherwise); ``url`` is the page's
    address, kept with the article."""
    if not data.strip():
        raise InputError(path, "empty file" if url is None else "empty page")
    if _is_binary(data):
        raise InputError(path, "binary file, not text, HTML or JSON")
    fmt = fmt or detect_format(path, data)
    text = decode(path, data, fmt, charset=charset)
    if not text.strip():
        raise InputError(path, "empty file" if url is None else "empty page")
    if fmt == "json":
        yield from records.parse_records(path, text)
    elif fmt == "html":
        from newsfuse.ingest.html import parse_html

        yield parse_html(path, text, url=url)
    else:
        doc = parse_text(path, text)
        yield doc if doc.url or url is None else _with_url(doc, url)


def _with_url(doc: RawDocument, url: str) -> RawDocument:
    from dataclasses import replace

    return replace(doc, url=url)


def parse_text(path: str, text: str) -> RawDocument:
    """A plain-text article with optional header lines."""
    header = parse_header(text)
    if not header.body.strip():
        raise InputError(path, "no article text after the header lines")
    v = header.values
    return RawDocument(
        path=path,
        format="text",
        body=header.body,
        title=v.get("title"),
        date=v.get("date"),
        date_from="header" if "date" in v else "none",
        source=v.get("source"),
        source_from="header" if "source" in v else "none",
        url=v.get("url"),
    )


def detect_format(path: str, data: bytes) -> Format:
    name = path.lower().removesuffix(".gz")
    suffix = Path(name).suffix
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in JSON_SUFFIXES:
        return "json"
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<body" in head[:512]:
        return "html"
    return "text"


def decode(path: str, data: bytes, fmt: Format, *, charset: str | None = None) -> str:
    """UTF-8 (with or without BOM), UTF-16 with a BOM, or an HTML page's declared charset.

    ``charset`` is what the server declared (HTTP Content-Type): it is used as
    declared, and bytes that are not valid in it are an error, never guessed at."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(path, f"invalid UTF-16 at byte {exc.start}") from exc
    if charset:
        try:
            codec = codecs.lookup(charset).name
        except LookupError:
            codec = None  # an unknown name: read the bytes as if none was declared
        if codec is not None:
            body = data[3:] if codec == "utf-8" and data.startswith(b"\xef\xbb\xbf") else data
            try:
                return body.decode(codec)
            except UnicodeDecodeError as exc:
                raise InputError(
                    path,
                    f"the server declares charset {charset}, but the body is not valid "
                    f"{charset} (byte 0x{body[exc.start]:02x} at offset {exc.start})",
                ) from exc
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if fmt == "html":
            declared = _declared_charset(data)
            if declared:
                try:
                    return data.decode(declared)
                except (LookupError, UnicodeDecodeError):
                    pass
        raise InputError(
            path,
            f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
            "re-save the file as UTF-8",
        ) from exc


def _declared_charset(data: bytes) -> str | None:
    m = re.search(rb"""<meta[^>]+charset=["']?([A-Za-z0-9_\-]+)""", data[:4096], re.I)
    return m.group(1).decode("ascii") if m else None


def _is_binary(data: bytes) -> bool:
    head = data[:SNIFF_BYTES]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 text: NULs are expected
        return False
    if b"\x00" in head:
        return True
    control = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    return control > MAX_CONTROL_SHARE * len(head)


def _size(n: int) -> str:
    """A size as people read it: "1 byte", "900 bytes", "12.5 KB", "10 MB"."""
    if n < 1024:
        return f"{n} byte{'s' * (n != 1)}"
    value, unit = (n / 1024, "KB") if n < 1024 * 1024 else (n / (1024 * 1024), "MB")
    return f"{value:.1f}".removesuffix(".0") + f" {unit}"
