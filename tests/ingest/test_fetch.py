"""The fetcher against a loopback site: URL rules on every hop, robots.txt, limits,
retries and delays (with an injected clock and sleep: nothing here waits for real)."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from loopback import Site, article_html, rss
from newsfuse.ingest.fetch import Fetcher, FetchError, FetchOptions
from newsfuse.ingest.sources import read_inputs
from newsfuse.ingest.urls import UrlRefused, check_url, is_url
from newsfuse.pipeline import load


class FakeClock:
    """A clock that only moves when slept on: sleeps are recorded, never waited."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


def fetcher(site: Site, clock: FakeClock | None = None, **options: object) -> Fetcher:
    clock = clock or FakeClock()
    opts = FetchOptions(allow_private=True, delay_s=0.0, **options)  # type: ignore[arg-type]
    f = Fetcher(opts, clock=clock, sleep=clock.sleep)
    f.name_hosts([site.url("/")])
    return f


def _public(host: str, port: int) -> list[tuple[object, ...]]:
    return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.215.14", port))]


def _private(host: str, port: int) -> list[tuple[object, ...]]:
    return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("192.168.1.20", port))]


# --------------------------------------------------------------------------- URL rules


def test_url_rules() -> None:
    assert is_url("https://example.com/a") and is_url("ftp://x/y") and not is_url("a/b.txt")
    assert check_url(" https://news.example/a ", allow_private=False, resolve=_public) == (
        "https://news.example/a"
    )
    refused = {
        "file:///etc/passwd": "only http and https",
        "http://": "has no host",
        "http://news.example/a b": "spaces or control characters",
        "http://intranet.example/": "private or local address",
        "http://[::ffff:10.0.0.1]/": "private or local address",
    }
    for url, reason in refused.items():
        with pytest.raises(UrlRefused, match=reason):
            check_url(url, allow_private=False, resolve=_private)
    # --allow-private opens the named hosts only
    check_url("http://intranet.example/", allow_private={"intranet.example"}, resolve=_private)
    with pytest.raises(UrlRefused, match="only the hosts named"):
        check_url("http://other.example/", allow_private={"intranet.example"}, resolve=_private)


def test_loopback_is_refused_without_allow_private_and_on_a_redirect_to_it() -> None:
    with Site() as site:
        site.add("/a.html", article_html(1))
        plain = Fetcher(FetchOptions(delay_s=0.0))
        with pytest.raises(FetchError, match="private or local address") as exc:
            plain.fetch(site.url("/a.html"))
        assert exc.value.code == "private_address"
        assert site.hits["/a.html"] == 0  # refused before any request
        # A named host may be private; a redirect to another private host may not.
        site.add("/go", "", status=302, headers={"Location": "http://10.1.2.3/secret"})
        with pytest.raises(FetchError, match=r"10\.1\.2\.3.*only the hosts named"):
            fetcher(site).fetch(site.url("/go"))


# --------------------------------------------------------------------------- politeness


def test_robots_txt_is_obeyed_and_asked_for_once() -> None:
    with Site() as site:
        site.robots = "User-agent: newsfuse\nDisallow: /private/\n\nUser-agent: *\nAllow: /\n"
        site.add("/private/a.html", article_html(1))
        site.add("/public/b.html", article_html(2))
        f = fetcher(site)
        with pytest.raises(FetchError, match=r"robots\.txt .* disallows newsfuse"):
            f.fetch(site.url("/private/a.html"))
        assert f.fetch(site.url("/public/b.html")).status == 200
        assert site.hits["/private/a.html"] == 0
        assert site.hits["/robots.txt"] == 1


def test_user_agent_names_newsfuse() -> None:
    seen: list[str] = []
    with Site() as site:

        def record(req) -> None:  # type: ignore[no-untyped-def]
            seen.append(req.headers.get("User-Agent", ""))
            req.send_body(200, article_html(3).encode(), "text/html")

        site.handle("/a.html", record)
        fetcher(site).fetch(site.url("/a.html"))
    assert seen and seen[0].startswith("newsfuse/")


def test_delay_between_requests_to_one_host_and_crawl_delay() -> None:
    with Site() as site:
        site.robots = "User-agent: *\nCrawl-delay: 3\n"
        for n in range(3):
            site.add(f"/{n}.html", article_html(n))
        clock = FakeClock()
        opts = FetchOptions(allow_private=True, delay_s=0.5)
        f = Fetcher(opts, clock=clock, sleep=clock.sleep)
        f.name_hosts([site.url("/")])
        for n in range(3):
            f.fetch(site.url(f"/{n}.html"))
    # robots.txt first (no wait), then the pages: the Crawl-delay (3 s > our 0.5 s) each time
    assert clock.slept == [3.0, 3.0, 3.0]


def test_transient_failures_are_retried_with_back_off() -> None:
    with Site() as site:
        site.add("/down.html", "busy", status=503, content_type="text/plain")
        site.add("/gone.html", "gone", status=404, content_type="text/plain")
        clock = FakeClock()
        f = fetcher(site, clock, retries=2)
        with pytest.raises(FetchError, match=r"HTTP 503 \(after 3 tries\)") as exc:
            f.fetch(site.url("/down.html"))
        assert exc.value.transient
        assert site.hits["/down.html"] == 3
        assert clock.slept == [1.0, 2.0]
        with pytest.raises(FetchError, match="HTTP 404") as gone:
            f.fetch(site.url("/gone.html"))
        assert not gone.value.transient and site.hits["/gone.html"] == 1


def test_retry_after_is_honoured() -> None:
    with Site() as site:
        site.add("/busy", "", status=429, headers={"Retry-After": "7"}, content_type="text/plain")
        clock = FakeClock()
        with pytest.raises(FetchError, match="HTTP 429"):
            fetcher(site, clock, retries=1).fetch(site.url("/busy"))
    assert clock.slept == [7.0]


def test_size_limit_refuses_a_declared_length_unread() -> None:
    with Site() as site:
        site.add("/big.html", b"<p>" + b"x" * 50_000 + b"</p>")
        with pytest.raises(FetchError, match=r"over the 0\.0 MB limit") as exc:
            fetcher(site, max_bytes=10_000).fetch(site.url("/big.html"))
        assert exc.value.code == "too_large"


def test_conditional_request_gets_304() -> None:
    with Site() as site:
        feed = site.add("/feed.xml", rss([("a", "http://x.invalid/a")]), etag='"v1"')
        f = fetcher(site)
        first = f.fetch(feed)
        assert first.status == 200 and first.etag == '"v1"'
        again = f.fetch(feed, etag=first.etag)
        assert again.status == 304 and again.content == b""
        assert site.not_modified["/feed.xml"] == 1


# --------------------------------------------------------------------------- charsets


def test_declared_charset_is_used_and_a_wrong_one_named() -> None:
    latin = "<html><body><p>Café owners in Münster said the market reopens.</p></body></html>"
    with Site() as site:
        ok = site.add(
            "/ok.html", latin.encode("latin-1"), content_type="text/html; charset=iso-8859-1"
        )
        bad = site.add(
            "/bad.html", latin.encode("latin-1"), content_type="text/html; charset=utf-8"
        )
        opts = FetchOptions(allow_private=True, delay_s=0.0)
        docs, rejected = read_inputs_live([ok, bad], opts)
    assert [d.url for d in docs] == [ok]
    assert "Münster" in docs[0].body
    assert [r.path for r in rejected] == [bad]
    assert "declares charset utf-8" in rejected[0].reason


def read_inputs_live(urls: list[str], opts: FetchOptions):  # type: ignore[no-untyped-def]
    from newsfuse.ingest.sources import iter_inputs

    docs, rejected = [], []
    for item in iter_inputs(urls, fetch=opts):
        (docs if hasattr(item, "body") else rejected).append(item)
    return docs, rejected


def test_brief_pipeline_reads_a_url_like_a_file(tmp_path: Path) -> None:
    page = article_html(7)
    (tmp_path / "page.html").write_text(page, encoding="utf-8")
    with Site() as site:
        url = site.add("/page.html", page)
        live = load([url], fetch=FetchOptions(allow_private=True, delay_s=0.0))
    local = load([str(tmp_path / "page.html")])
    assert [a.id for a in live.articles] == [a.id for a in local.articles]
    assert live.articles[0].paragraphs == local.articles[0].paragraphs
    assert live.articles[0].url == url and live.articles[0].path == url
    assert read_inputs(["ftp://x/y"])[1][0].reason.startswith("only http and https")
