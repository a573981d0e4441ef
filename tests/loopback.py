"""A web site on loopback for the live-source tests: pages, feeds, sitemaps and faults.

Binds 127.0.0.1 on a free port and serves from threads inside the test; counts
every request and every body sent per path, answers conditional requests (ETag and
Last-Modified) with 304, and serves robots.txt (allowing everything unless told
otherwise). Nothing here leaves the machine.
"""

from __future__ import annotations

import html
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from synth import synth_text

Handler = Callable[["_Request"], None]

# Seconds a "slow" route waits before answering (the client's timeout in tests is far lower).
SLOW_S = 10.0


@dataclass
class Route:
    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    etag: str | None = None
    last_modified: str | None = None
    handler: Handler | None = None  # custom behaviour instead of the fields above


class Site:
    """The loopback site; use as a context manager (``with Site() as site``)."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.hits: Counter[str] = Counter()  # requests per path
        self.bodies: Counter[str] = Counter()  # 200 responses with a body, per path
        self.not_modified: Counter[str] = Counter()  # 304 answers per path
        self.lock = threading.Lock()
        self.closing = threading.Event()
        self.robots = "User-agent: *\nAllow: /\n"
        site = self

        class Req(_Request):
            owner = site

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Req)
        self._server.daemon_threads = True
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    def __enter__(self) -> Site:
        self._thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.closing.set()
        self._server.shutdown()
        self._server.server_close()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def add(self, path: str, body: bytes | str = b"", **kw: Any) -> str:
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.routes[path] = Route(data, **kw)
        return self.url(path)

    def handle(self, path: str, handler: Handler) -> str:
        self.routes[path] = Route(handler=handler)
        return self.url(path)

    def body_count(self, prefix: str) -> int:
        with self.lock:
            return sum(n for p, n in self.bodies.items() if p.startswith(prefix))


class _Request(BaseHTTPRequestHandler):
    owner: Site
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:  # quiet
        pass

    def do_GET(self) -> None:
        site = self.owner
        path = self.path.split("?", 1)[0]
        with site.lock:
            site.hits[path] += 1
        if path == "/robots.txt" and path not in site.routes:
            self.send_body(200, site.robots.encode(), "text/plain")
            return
        route = site.routes.get(path)
        if route is None:
            self.send_body(404, b"not found", "text/plain")
            return
        if route.handler is not None:
            route.handler(self)
            return
        # RFC 9110: If-None-Match, when sent, decides; If-Modified-Since only without it.
        if_none = self.headers.get("If-None-Match")
        if route.status == 200 and (
            (route.etag and if_none == route.etag)
            or (
                if_none is None
                and route.last_modified
                and self.headers.get("If-Modified-Since") == route.last_modified
            )
        ):
            with site.lock:
                site.not_modified[path] += 1
            self.send_response(304)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        extra = dict(route.headers)
        if route.etag:
            extra["ETag"] = route.etag
        if route.last_modified:
            extra["Last-Modified"] = route.last_modified
        self.send_body(route.status, route.body, route.content_type, extra)

    def send_body(
        self,
        status: int,
        body: bytes,
        content_type: str,
        headers: dict[str, str] | None = None,
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        try:
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            return
        if status == 200:
            with self.owner.lock:
                self.owner.bodies[self.path.split("?", 1)[0]] += 1


# --------------------------------------------------------------------------- content


def article_html(n: int, *, title: str | None = None) -> str:
    """A news page whose text is synth article ``n`` (its marker ``zq<n>`` is unique)."""
    text = synth_text(n, paragraphs=5, sentences=3, words=(8, 14))
    body = text.strip().split("\n\n")[1:]  # without synth's header lines
    paras = "".join(f"<p>{html.escape(p)}</p>\n" for p in body)
    head = html.escape(title or f"Report number {n}")
    return (
        "<!doctype html><html><head><meta charset='utf-8'>"
        f"<title>{head}</title></head><body><header><nav>Home | World</nav></header>"
        f"<article><h1>{head}</h1>\n{paras}</article><footer>Contact us</footer></body></html>"
    )


def rss(items: list[tuple[str, str]], *, title: str = "Loopback News") -> str:
    """An RSS 2.0 feed of (title, link) items."""
    entries = "".join(
        f"<item><title>{html.escape(t)}</title><link>{html.escape(u)}</link>"
        f"<guid>{html.escape(u)}</guid></item>"
        for t, u in items
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel>'
        f"<title>{html.escape(title)}</title><link>http://example.invalid/</link>"
        f"<description>test</description>{entries}</channel></rss>"
    )


def sitemap(urls: list[str]) -> str:
    """A news sitemap of ``urls``."""
    body = "".join(
        f"<url><loc>{html.escape(u)}</loc><news:news><news:title>Item {k}</news:title>"
        "<news:publication_date>2024-05-01</news:publication_date></news:news></url>"
        for k, u in enumerate(urls)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">'
        f"{body}</urlset>"
    )


@contextmanager
def serving() -> Iterator[Site]:
    with Site() as site:
        yield site
