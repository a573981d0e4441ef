"""WARC crawls: a WARC.GZ written here from ScrapingHub dev pages (read from ../shared
at run time) gives the same articles as the pages themselves."""

from __future__ import annotations

import gzip
import io
import json
import os
from pathlib import Path

import pytest

from newsfuse.pipeline import load

ROOT = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("NEWSFUSE_SHARED", ROOT.parent / "shared")).resolve()
PAGES = SHARED / "eval" / "scrapinghub-article-extraction-benchmark"
# Dev pages put in the crawl: enough for variety, few enough to keep the test quick.
N_PAGES = 16


def _dev_pages() -> list[Path]:
    pages = sorted(p for p in (PAGES / "html").glob("*.html.gz") if p.name[0] in "01234567")
    if not pages:
        pytest.skip(f"ScrapingHub pages not found under {PAGES}")
    return pages[:N_PAGES]


def _write_warc(path: Path, pages: list[Path], urls: dict[str, str]) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for page in pages:
            url = urls[page.name.removesuffix(".html.gz")]
            body = gzip.decompress(page.read_bytes())
            headers = StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
            )
            writer.write_record(
                writer.create_warc_record(
                    url, "response", payload=io.BytesIO(body), http_headers=headers
                )
            )
            # what a crawl also holds: the request, and a stylesheet
            writer.write_record(
                writer.create_warc_record(
                    url, "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n")
                )
            )
        css = StatusAndHeaders("200 OK", [("Content-Type", "text/css")], protocol="HTTP/1.1")
        writer.write_record(
            writer.create_warc_record(
                "https://x.example/s.css", "response", payload=io.BytesIO(b"p{}"), http_headers=css
            )
        )


def test_warc_gives_the_same_articles_as_the_pages(tmp_path: Path) -> None:
    pages = _dev_pages()
    truth = json.loads((PAGES / "ground-truth.json").read_text(encoding="utf-8"))
    urls = {k: v["url"] for k, v in truth.items()}
    crawl = tmp_path / "crawl.warc.gz"
    _write_warc(crawl, pages, urls)

    from_files = load([str(p) for p in pages])
    from_warc = load([str(crawl)])

    assert from_warc.rejections == ()
    assert len(from_warc.articles) == len(from_files.articles) > 0
    for a, b in zip(from_files.articles, from_warc.articles, strict=True):
        assert (a.id, a.paragraphs, a.published) == (b.id, b.paragraphs, b.published)
        # the crawl knows each page's URL, so its host can tell a site name at the end of
        # the title ("… - Entermedia") that a bare file cannot: the rest is the same title
        assert a.title == b.title or (
            a.title
            and b.title
            and a.title.startswith(b.title)
            and a.title[len(b.title) :].lstrip().startswith(("-", "|", "–", "—", ":"))
        )
        assert b.path == str(crawl)
    assert {a.url for a in from_warc.articles} <= set(urls.values())


def test_a_cut_warc_keeps_what_came_before_and_names_the_problem(tmp_path: Path) -> None:
    pages = _dev_pages()[:3]
    truth = json.loads((PAGES / "ground-truth.json").read_text(encoding="utf-8"))
    crawl = tmp_path / "crawl.warc.gz"
    _write_warc(crawl, pages, {k: v["url"] for k, v in truth.items()})
    data = crawl.read_bytes()
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(data[: int(len(data) * 0.6)])
    result = load([str(cut)])
    assert 1 <= len(result.articles) < 3
    assert [r.path for r in result.rejections] == [str(cut)]
