"""WARC and ARC crawls (plain or gzip): each successful HTML or text response (or
resource record) becomes one article, read exactly like the page saved as a file,
with the record's target URI as its URL and the charset its HTTP headers declare.

warcio (Webrecorder's reader and writer, pure Python) streams the file record by
record, so a crawl of any size is read in constant memory; each record's body
still obeys the per-input size limit. Records that are not article pages
(requests, metadata, revisits, images, scripts, redirects, errors) are counted
and named in one note, never read as articles.
"""

from __future__ import annotations

import gzip
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from email.message import Message

from newsfuse.errors import InputError
from newsfuse.model import Format, RawDocument, Rejection

WARC_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")
# Media types read as articles; anything else in a crawl is skipped.
ARTICLE_TYPES = frozenset({"text/html", "application/xhtml+xml", "text/plain"})


@dataclass(slots=True)
class WarcSkips:
    """Records of a crawl that were not articles, by why."""

    counts: Counter[str] = field(default_factory=Counter)

    def describe(self) -> str:
        return ", ".join(f"{n} {why}" for why, n in sorted(self.counts.items()))


def is_warc_name(path: str) -> bool:
    """Whether a file name says WARC or ARC (content sniffing catches the rest)."""
    return path.lower().endswith(WARC_SUFFIXES)


def iter_warc(
    path: str, *, max_bytes: int, skips: WarcSkips | None = None
) -> Iterator[RawDocument | Rejection]:
    """The articles of the crawl at ``path``; a record that cannot be read is a
    Rejection naming the file and the record's URI, and reading goes on."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    from newsfuse.ingest.sources import documents_from_bytes

    skips = skips if skips is not None else WarcSkips()
    try:
        fh = open(path, "rb")  # noqa: SIM115 - closed below, streamed record by record
    except OSError as exc:
        yield Rejection(path, f"cannot read: {exc.strerror or exc}")
        return
    with fh:
        try:
            for record in ArchiveIterator(fh, arc2warc=True):
                kind = record.rec_type
                uri = record.rec_headers.get_header("WARC-Target-URI") or ""
                where = f"{path} record {uri or '(no URI)'}"
                if kind not in ("response", "resource"):
                    skips.counts[f"{kind} record(s)"] += 1
                    continue
                content_type = ""
                if kind == "response" and record.http_headers is not None:
                    status = record.http_headers.get_statuscode() or ""
                    if status != "200":
                        skips.counts[f"HTTP {status or '?'} response(s)"] += 1
                        continue
                    content_type = record.http_headers.get_header("Content-Type") or ""
                elif kind == "resource":
                    content_type = record.rec_headers.get_header("Content-Type") or ""
                elif kind == "response":
                    skips.counts["response(s) without HTTP headers"] += 1
                    continue
                media, charset = _media(content_type)
                if media and media not in ARTICLE_TYPES:
                    skips.counts[f"{media} record(s)"] += 1
                    continue
                body = record.content_stream().read(max_bytes + 1)
                if len(body) > max_bytes:
                    yield Rejection(where, f"the page is over the {max_bytes} bytes limit")
                    continue
                if getattr(record.raw_stream, "limit", 0) > 0:  # bytes promised, never came
                    yield Rejection(
                        path, f"the crawl is cut short inside the record of {uri or '(no URI)'}"
                    )
                    return
                fmt: Format = "text" if media == "text/plain" else "html"
                try:
                    for doc in documents_from_bytes(
                        where, body, fmt=fmt, charset=charset, url=uri or None
                    ):
                        yield _as_of(doc, path)
                except InputError as exc:
                    yield Rejection(where, exc.reason)
        except (ArchiveLoadFailed, OSError, EOFError, ValueError, gzip.BadGzipFile) as exc:
            yield Rejection(path, f"not a readable WARC/ARC file, or cut short ({exc})")


def _as_of(doc: RawDocument, path: str) -> RawDocument:
    """The document as coming from the crawl file (its URL stays the record's)."""
    from dataclasses import replace

    return replace(doc, path=path)


def _media(content_type: str) -> tuple[str, str | None]:
    msg = Message()
    msg["content-type"] = content_type
    media = msg.get_content_type() if content_type else ""
    charset = msg.get_param("charset")
    return media.lower(), (charset.strip().lower() if isinstance(charset, str) else None)
