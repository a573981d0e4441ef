"""Lists of articles: RSS and Atom feeds, OPML lists of feeds, sitemaps (news
sitemaps and sitemap indexes). What a document is, is told by its content, not by
its name or its Content-Type (servers label feeds text/xml, text/html or
application/octet-stream alike).

Feeds are read by feedparser, the long-standing parser that copes with the
malformed feeds found in the wild (and only ever given bytes here: given a
string that looks like a URL, feedparser would fetch it itself, around our URL
rules). OPML and sitemaps are read with lxml, entities and the network off.
trafilatura's feed and sitemap helpers were not used: they download by
themselves, outside the URL rules, robots.txt and per-host limits of
:mod:`newsfuse.ingest.fetch`.
"""

from __future__ import annotations

import gzip
import io
import re
import zlib
from dataclasses import dataclass
from typing import Literal
from urllib.parse import urljoin

from lxml import etree

from newsfuse.errors import InputError

Kind = Literal["feed", "opml", "sitemap", "sitemapindex", "warc"]

# Bytes looked at to tell what a document is.
SNIFF_BYTES = 4096
# Links taken from one feed, OPML list or sitemap: the sitemap protocol's own maximum.
MAX_LINKS = 50_000
# Bytes a gzip-compressed sitemap may grow to when decompressed (the protocol's 50 MB).
MAX_SITEMAP_BYTES = 50 * 1024 * 1024

_GZIP_MAGIC = b"\x1f\x8b"
_SKIP = re.compile(rb"\s*(?:<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>]*>)", re.S | re.I)
_ROOT = re.compile(rb"<([A-Za-z_][\w.\-]*:)?([A-Za-z_][\w.\-]*)")
_ROOTS: dict[bytes, Kind] = {
    b"rss": "feed",
    b"feed": "feed",
    b"rdf": "feed",
    b"opml": "opml",
    b"urlset": "sitemap",
    b"sitemapindex": "sitemapindex",
}


@dataclass(frozen=True, slots=True)
class Link:
    """An article (or a feed, in an OPML list; a sitemap, in an index) a list names."""

    url: str
    title: str | None = None
    published: str | None = None  # as the list gives it (ISO 8601 or RFC 822)


def sniff(data: bytes) -> Kind | None:
    """What ``data`` is, from its first bytes: a feed, an OPML list, a sitemap or
    sitemap index, a WARC or ARC crawl, or None (an article page or file)."""
    head = data[:SNIFF_BYTES]
    if head.startswith(_GZIP_MAGIC):
        try:
            head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, SNIFF_BYTES)
        except zlib.error:
            return None
    if head.startswith(b"WARC/"):
        return "warc"
    if re.match(rb"filedesc://", head):
        return "warc"  # an ARC file: warcio reads it too
    text = _as_ascii(head)
    while (m := _SKIP.match(text)) and m.end() > 0:
        text = text[m.end() :]
    root = _ROOT.match(text.lstrip())
    if root is None:
        return None
    return _ROOTS.get(root.group(2).lower())


def _as_ascii(head: bytes) -> bytes:
    """The first bytes with a BOM dropped and UTF-16 narrowed, for matching tags."""
    if head.startswith(b"\xef\xbb\xbf"):
        return head[3:]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return head.decode("utf-16", "ignore").encode("ascii", "ignore")
        except UnicodeError:
            return head
    return head


def gunzip(url: str, data: bytes, max_bytes: int = MAX_SITEMAP_BYTES) -> bytes:
    """``data`` decompressed when it is gzip (a ``sitemap.xml.gz``), as it is otherwise."""
    if not data.startswith(_GZIP_MAGIC):
        return data
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as gz:
            out = gz.read(max_bytes + 1)
    except (OSError, EOFError) as exc:
        raise InputError(url, f"not a valid gzip file ({exc})") from exc
    if len(out) > max_bytes:
        raise InputError(url, f"decompressed size is over {max_bytes // (1024 * 1024)} MB")
    return out


def parse_feed(url: str, data: bytes, *, content_type: str | None = None) -> list[Link]:
    """The entries of an RSS or Atom feed, in feed order, relative links resolved (an
    entry without a link keeps its place with url "").

    A feed feedparser can read only loosely still gives its entries; one that gives
    none and is malformed raises InputError with the parser's complaint."""
    import feedparser

    headers = {"content-location": url}
    if content_type:
        headers["content-type"] = content_type
    parsed = feedparser.parse(io.BytesIO(data), response_headers=headers)
    entries = parsed.get("entries", [])
    if parsed.get("bozo") and not any(e.get("link") or e.get("id") for e in entries):
        problem = parsed.get("bozo_exception")
        raise InputError(url, f"malformed feed, no entry could be read ({problem})")
    if not parsed.get("version") and not entries:
        raise InputError(url, "not an RSS or Atom feed that feedparser can read")
    links: list[Link] = []
    for entry in entries[:MAX_LINKS]:
        link = entry.get("link") or ""
        guid = entry.get("id") or ""
        if not link and guid.startswith(("http://", "https://")):
            link = guid  # RSS <guid isPermaLink="true">
        link = urljoin(url, link.strip()) if link else ""
        links.append(
            Link(
                link if link.startswith(("http://", "https://")) else "",  # "": no web link
                (entry.get("title") or None),
                entry.get("published") or entry.get("updated") or None,
            )
        )
    return links


def _parse_xml(url: str, data: bytes) -> etree._Element:
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise InputError(url, f"malformed XML ({exc})") from exc


def _local(tag: object) -> str:
    return etree.QName(tag).localname.lower() if isinstance(tag, str) else ""


def parse_opml(url: str, data: bytes) -> list[Link]:
    """The feeds an OPML list names (``outline`` elements with an ``xmlUrl``)."""
    root = _parse_xml(url, data)
    links: list[Link] = []
    for el in root.iter():
        if _local(el.tag) != "outline":
            continue
        attrs = {k.lower(): v for k, v in el.attrib.items()}
        feed = (attrs.get("xmlurl") or "").strip()
        if feed:
            links.append(Link(urljoin(url, feed), attrs.get("title") or attrs.get("text")))
    if not links:
        raise InputError(url, "the OPML list names no feed (no outline with an xmlUrl)")
    return links[:MAX_LINKS]


def parse_sitemap(url: str, data: bytes) -> tuple[Kind, list[Link]]:
    """The pages of a sitemap (``urlset``, with a news sitemap's title and publication
    date when given) or the sitemaps of a sitemap index, in document order."""
    root = _parse_xml(url, gunzip(url, data))
    kind: Kind = "sitemapindex" if _local(root.tag) == "sitemapindex" else "sitemap"
    item_tag = "sitemap" if kind == "sitemapindex" else "url"
    links: list[Link] = []
    for el in root:
        if _local(el.tag) != item_tag:
            continue
        loc = title = published = None
        for child in el.iter():
            name = _local(child.tag)
            text = (child.text or "").strip() or None
            if name == "loc" and loc is None:
                loc = text
            elif name == "title" and title is None:
                title = text
            elif name in ("publication_date", "lastmod") and (
                published is None or name == "publication_date"
            ):
                published = text
        if loc:
            links.append(Link(urljoin(url, loc), title, published))
    return kind, links[:MAX_LINKS]
