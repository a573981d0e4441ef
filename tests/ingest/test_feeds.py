"""Feeds, OPML lists and sitemaps: told by content, parsed into links."""

from __future__ import annotations

import gzip

import pytest

from newsfuse.errors import InputError
from newsfuse.ingest.feeds import parse_feed, parse_opml, parse_sitemap, sniff

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<!-- a comment before the root -->
<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>
<entry><title>First</title><link rel="alternate" href="/news/1"/><id>urn:1</id>
<updated>2024-05-01T10:00:00Z</updated></entry>
<entry><title>No link</title><id>urn:2</id></entry>
</feed>"""

RSS = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>
<item><title>A</title><link>https://news.example/a</link></item>
<item><title>B</title><guid isPermaLink="true">https://news.example/b</guid></item>
</channel></rss>"""

RDF = b"""<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
xmlns="http://purl.org/rss/1.0/"><channel rdf:about="x"><title>T</title></channel>
<item rdf:about="https://news.example/r"><title>R</title><link>https://news.example/r</link></item>
</rdf:RDF>"""

SITEMAP = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
 xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<url><loc>https://news.example/s1</loc><lastmod>2024-04-30</lastmod><news:news>
<news:publication><news:name>Example</news:name></news:publication>
<news:publication_date>2024-05-01T08:00:00Z</news:publication_date>
<news:title>Council votes</news:title></news:news></url>
<url><loc>https://news.example/s2</loc></url></urlset>"""

INDEX = b"""<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>https://news.example/sitemap-1.xml</loc></sitemap></sitemapindex>"""

OPML = b"""<?xml version="1.0"?><opml version="1.0"><head/><body>
<outline text="World"><outline text="A" type="rss" xmlUrl="https://a.example/rss"/>
<outline text="B" type="rss" xmlURL="https://b.example/atom"/></outline></body></opml>"""


def test_kinds_are_told_by_content() -> None:
    assert sniff(ATOM) == "feed"
    assert sniff(RSS) == "feed"
    assert sniff(RDF) == "feed"
    assert sniff(b"\xef\xbb\xbf" + RSS) == "feed"
    assert sniff(SITEMAP) == "sitemap"
    assert sniff(gzip.compress(SITEMAP)) == "sitemap"
    assert sniff(INDEX) == "sitemapindex"
    assert sniff(OPML) == "opml"
    assert sniff(b"WARC/1.0\r\nWARC-Type: warcinfo\r\n") == "warc"
    assert sniff(gzip.compress(b"WARC/1.1\r\n")) == "warc"
    assert sniff(b"<!doctype html><html><body><p>x</p></body></html>") is None
    assert sniff(b'<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml">') is None
    assert sniff(b"date 2022-12-21 Plain text article.") is None


def test_feed_entries_in_order_with_relative_links_resolved() -> None:
    links = parse_feed("https://news.example/feed", ATOM)
    assert [link.url for link in links] == ["https://news.example/news/1", ""]
    assert links[0].title == "First" and links[0].published
    assert [link.url for link in parse_feed("https://news.example/rss", RSS)] == [
        "https://news.example/a",
        "https://news.example/b",
    ]
    assert [link.url for link in parse_feed("u", RDF)] == ["https://news.example/r"]


def test_a_feed_that_gives_nothing_is_named() -> None:
    with pytest.raises(InputError, match="malformed feed"):
        parse_feed("https://news.example/feed", b"<rss><channel><item><title>x<<<")


def test_news_sitemap_and_index() -> None:
    kind, links = parse_sitemap("https://news.example/sitemap.xml", SITEMAP)
    assert kind == "sitemap"
    assert [(x.url, x.title, x.published) for x in links] == [
        ("https://news.example/s1", "Council votes", "2024-05-01T08:00:00Z"),
        ("https://news.example/s2", None, None),
    ]
    assert parse_sitemap("u", gzip.compress(SITEMAP))[1] == links
    kind, links = parse_sitemap("https://news.example/index.xml", INDEX)
    assert kind == "sitemapindex" and links[0].url == "https://news.example/sitemap-1.xml"


def test_malformed_sitemap_and_entities_are_refused() -> None:
    with pytest.raises(InputError, match="malformed XML"):
        parse_sitemap("u", b"<urlset><url><loc>https://x/a</loc></url><url>")
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
        b"<urlset><url><loc>&e;</loc></url></urlset>"
    )
    _kind, links = parse_sitemap("u", bomb)
    assert all("root:" not in link.url for link in links)  # external entities never read


def test_opml_lists_its_feeds() -> None:
    assert [x.url for x in parse_opml("file.opml", OPML)] == [
        "https://a.example/rss",
        "https://b.example/atom",
    ]
    with pytest.raises(InputError, match="names no feed"):
        parse_opml("empty.opml", b"<opml><body><outline text='x'/></body></opml>")
