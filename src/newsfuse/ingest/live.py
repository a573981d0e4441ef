"""Live sources: article URLs, feeds, OPML lists and sitemaps, turned into articles.

A :class:`Crawler` takes the sources of one run (URLs, or files that sniff as a
feed, OPML list or sitemap) and yields, in a deterministic order, what happened to
each thing it met:

- :class:`Page` — an article page fetched and read (its RawDocument);
- :class:`Known` — an article URL the store already holds: not fetched again;
- :class:`Failed` — a URL that could not be fetched or read, with the reason, and
  whether it may succeed later (network, 5xx) or not (404, robots.txt, no text);
- :class:`Deferred` — a URL still in back-off after earlier failures (``watch``);
- :class:`Listed` — a feed or sitemap read in full (or unchanged: HTTP 304), with
  the validators to send next time. ``complete`` is false when some of its
  articles failed for a reason that may pass: its validators must then not be
  kept, so that the next poll reads it again and retries them.

Fetches run in a small thread pool (the per-host limits of the Fetcher apply);
results are taken in the order the links were listed, and pages are parsed in
the caller's thread, so a run gives the same articles in the same order every time.
What the store already knows comes in through :class:`FetchState`.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Literal, Protocol, TypeVar

from newsfuse.errors import InputError
from newsfuse.ingest.feeds import Kind, Link, parse_feed, parse_opml, parse_sitemap, sniff
from newsfuse.ingest.fetch import Fetcher, FetchError, Response
from newsfuse.ingest.urls import is_url
from newsfuse.model import Format, RawDocument

# Fetches running at once over all hosts (each host still gets at most MAX_PER_HOST):
# enough to hide network latency behind cleaning on two cores, few enough to stay polite.
DEFAULT_WORKERS = 8
# Fetched pages waiting to be read, per worker: keeps the pool busy while bounding memory.
WINDOW_PER_WORKER = 4
# Levels of lists followed below a source: OPML -> feed, sitemap index -> sitemap -> pages.
MAX_DEPTH = 2
# Media types read as article pages (servers send the rest for images, PDFs, video).
PAGE_TYPES = frozenset({"text/html", "application/xhtml+xml", "text/plain", "application/json"})

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Page:
    url: str  # as listed or given
    final_url: str  # after redirects
    via: str | None  # the feed or sitemap that listed it
    doc: RawDocument


@dataclass(frozen=True, slots=True)
class Known:
    url: str
    article_id: str
    via: str | None


@dataclass(frozen=True, slots=True)
class Failed:
    url: str
    via: str | None
    reason: str
    transient: bool
    status: int | None = None
    is_source: bool = False


@dataclass(frozen=True, slots=True)
class Deferred:
    url: str
    via: str | None
    gave_up: bool = False  # failed for good earlier: its list is complete without it


@dataclass(frozen=True, slots=True)
class Listed:
    url: str
    kind: Kind
    etag: str | None
    last_modified: str | None
    links: tuple[str, ...]  # what it lists (kept for OPML lists and sitemap indexes)
    unchanged: bool  # the server answered 304
    complete: bool
    is_file: bool = False


Event = Page | Known | Failed | Deferred | Listed
Verdict = Literal["due", "waiting", "gave_up"]


class FetchState(Protocol):
    """What a crawl knows from earlier runs (the store's tables, or nothing)."""

    def validators(self, url: str) -> tuple[str | None, str | None, tuple[str, ...]]:
        """ETag, Last-Modified and (for OPML lists and sitemap indexes) the links of
        the last complete read of a list; Nones when there is none."""
        ...

    def known_article(self, url: str) -> str | None:
        """The id of the stored article fetched from ``url``, if any."""
        ...

    def verdict(self, url: str) -> Verdict:
        """ "due" to fetch; "waiting" out a back-off after failures; "gave_up" after a
        failure that cannot pass (reported when it happened)."""
        ...


class NoState:
    """A crawl that remembers nothing (``newsfuse brief``)."""

    def validators(self, url: str) -> tuple[str | None, str | None, tuple[str, ...]]:
        return None, None, ()

    def known_article(self, url: str) -> str | None:
        return None

    def verdict(self, url: str) -> Verdict:
        return "due"


@dataclass
class Crawler:
    """Runs live sources into events (see the module docstring)."""

    fetcher: Fetcher
    state: FetchState = field(default_factory=NoState)
    workers: int = DEFAULT_WORKERS
    read_file: Callable[[str], bytes] | None = None  # reads a local list file

    def run(self, sources: Iterable[str]) -> Iterator[Event]:
        """Events for every source, in order; nothing raises for a bad source."""
        self._articles_seen: set[str] = set()
        self._lists_seen: set[str] = set()
        pool = ThreadPoolExecutor(max_workers=max(1, self.workers), thread_name_prefix="fetch")
        self._pool = pool
        sources = list(sources)
        self.fetcher.name_hosts(s for s in sources if is_url(s))
        try:
            urls: list[str] = []
            for source in sources:
                if is_url(source):
                    urls.append(source)
                    continue
                yield from self._top(urls)
                urls = []
                yield from self._local(source)
            yield from self._top(urls)
        finally:
            pool.shutdown(wait=True, cancel_futures=True)

    # ------------------------------------------------------------------ sources

    def _top(self, urls: list[str]) -> Iterator[Event]:
        """Top-level URLs, fetched in parallel: each is an article page or a list."""
        todo: list[tuple[str, tuple[str | None, str | None, tuple[str, ...]]]] = []
        for url in dict.fromkeys(u.strip() for u in urls):
            known = self.state.known_article(url)
            if known is not None:
                self._articles_seen.add(url)
                yield Known(url, known, None)
            elif (verdict := self.state.verdict(url)) != "due":
                yield Deferred(url, None, verdict == "gave_up")
            else:
                todo.append((url, self.state.validators(url)))
        for (url, (etag, modified, links)), outcome in self._ordered(
            todo,
            lambda item: self.fetcher.fetch(item[0], etag=item[1][0], last_modified=item[1][1]),
        ):
            if isinstance(outcome, FetchError):
                yield Failed(url, None, outcome.reason, outcome.transient, outcome.status, True)
            elif outcome.status == 304:
                yield from self._unchanged(url, etag, modified, links, depth=0)
            else:
                kind = sniff(outcome.content)
                if kind is None or kind == "warc":
                    self._articles_seen.add(url)
                    yield from self._page(url, outcome, None, kind)
                else:
                    yield from self._list(url, kind, outcome, depth=0)

    def _source(self, url: str, via: str, depth: int) -> Iterator[Event]:
        """A list named by a list (a feed in an OPML list, a sitemap in an index)."""
        if url in self._lists_seen:
            return
        if (verdict := self.state.verdict(url)) != "due":
            yield Deferred(url, via, verdict == "gave_up")
            return
        etag, modified, links = self.state.validators(url)
        try:
            resp = self.fetcher.fetch(url, etag=etag, last_modified=modified)
        except FetchError as exc:
            yield Failed(url, via, exc.reason, exc.transient, exc.status, True)
            return
        if resp.status == 304:
            yield from self._unchanged(url, etag, modified, links, depth)
            return
        kind = sniff(resp.content)
        if kind is None or kind == "warc":
            yield Failed(url, via, "listed as a feed or sitemap, but it is neither", False,
                         None, True)  # fmt: skip
            return
        yield from self._list(url, kind, resp, depth)

    def _unchanged(
        self, url: str, etag: str | None, modified: str | None, links: tuple[str, ...], depth: int
    ) -> Iterator[Event]:
        """A 304: a feed or sitemap has nothing new; an OPML list or sitemap index still
        has its lists polled, from the links kept at its last read."""
        self._lists_seen.add(url)
        complete = True
        if links:
            for child in links:
                for event in self._source(child, url, depth + 1):
                    complete &= _completes(event)
                    yield event
        kind: Kind = "opml" if links else "feed"
        yield Listed(url, kind, etag, modified, links, True, complete)

    def _list(self, url: str, kind: Kind, resp: Response, depth: int) -> Iterator[Event]:
        self._lists_seen.add(url)
        try:
            kind, links = self._parse(url, kind, resp.content, resp.headers.get("content-type"))
        except InputError as exc:
            yield Failed(url, None, exc.reason, False, None, True)
            return
        complete = True
        kept: tuple[str, ...] = ()
        if kind in ("opml", "sitemapindex"):
            kept = tuple(link.url for link in links)
            if depth >= MAX_DEPTH:
                yield Failed(url, None, f"lists nested deeper than {MAX_DEPTH} levels", False,
                             None, True)  # fmt: skip
                return
            for link in links:
                for event in self._source(link.url, url, depth + 1):
                    complete &= _completes(event)
                    yield event
        else:
            for event in self._articles(links, url):
                complete &= _completes(event)
                yield event
        yield Listed(url, kind, resp.etag, resp.last_modified, kept, False, complete)

    def _local(self, path: str) -> Iterator[Event]:
        """A feed, OPML list or sitemap saved as a file: its links are fetched."""
        try:
            data = self.read_file(path) if self.read_file else _read(path)
        except InputError as exc:
            yield Failed(path, None, exc.reason, False, None, True)
            return
        kind = sniff(data)
        if kind is None or kind == "warc":
            yield Failed(path, None, "not a feed, OPML list or sitemap", False, None, True)
            return
        try:
            kind, links = self._parse(path, kind, data, None)
        except InputError as exc:
            yield Failed(path, None, exc.reason, False, None, True)
            return
        self._lists_seen.add(path)
        self.fetcher.name_hosts(link.url for link in links)  # the user vouches for the file
        complete = True
        if kind in ("opml", "sitemapindex"):
            for link in links:
                for event in self._source(link.url, path, 1):
                    complete &= _completes(event)
                    yield event
        else:
            for event in self._articles(links, path):
                complete &= _completes(event)
                yield event
        yield Listed(path, kind, None, None, (), False, complete, is_file=True)

    @staticmethod
    def _parse(
        url: str, kind: Kind, data: bytes, content_type: str | None
    ) -> tuple[Kind, list[Link]]:
        if kind == "feed":
            return kind, parse_feed(url, data, content_type=content_type)
        if kind == "opml":
            return kind, parse_opml(url, data)
        return parse_sitemap(url, data)

    # ------------------------------------------------------------------ articles

    def _articles(self, links: list[Link], via: str) -> Iterator[Event]:
        todo: list[str] = []
        for n, link in enumerate(links, 1):
            if not link.url:
                yield Failed(f"{via} entry {n}", via, "the feed entry has no http(s) link", False)
                continue
            if link.url in self._articles_seen:
                continue  # listed twice, or by two lists of this run
            self._articles_seen.add(link.url)
            known = self.state.known_article(link.url)
            if known is not None:
                yield Known(link.url, known, via)
            elif (verdict := self.state.verdict(link.url)) != "due":
                yield Deferred(link.url, via, verdict == "gave_up")
            else:
                todo.append(link.url)
        for url, outcome in self._ordered(todo, self.fetcher.fetch):
            if isinstance(outcome, FetchError):
                yield Failed(url, via, outcome.reason, outcome.transient, outcome.status)
            elif outcome.status == 304:  # only sent with validators, which pages never get
                continue
            else:
                yield from self._page(url, outcome, via, sniff(outcome.content))

    def _page(
        self, url: str, resp: Response, via: str | None, kind: Kind | None
    ) -> Iterator[Event]:
        from newsfuse.ingest.sources import documents_from_bytes

        media = resp.content_type
        if kind == "warc":
            yield Failed(url, via, "a WARC crawl served over http: download it and pass the file",
                         False)  # fmt: skip
            return
        if media and media not in PAGE_TYPES:
            yield Failed(url, via, f"not an article page (Content-Type {media})", False)
            return
        fmt: Format = "text" if media == "text/plain" else "json" if "json" in media else "html"
        try:
            docs = list(
                documents_from_bytes(
                    url, resp.content, fmt=fmt, charset=resp.charset, url=resp.final_url
                )
            )
        except InputError as exc:
            yield Failed(url, via, exc.reason, False)
            return
        except Exception as exc:  # a bug in a reader must not stop the run: name the page
            yield Failed(url, via, f"newsfuse failed on this page ({exc!r}); please report it",
                         False)  # fmt: skip
            return
        for doc in docs:
            yield Page(url, resp.final_url, via, doc)

    def _ordered(
        self, items: list[T], fetch: Callable[[T], Response]
    ) -> Iterator[tuple[T, Response | FetchError]]:
        """Fetch ``items`` in the pool, yielding results in the items' order."""
        window = max(1, self.workers) * WINDOW_PER_WORKER
        pending: deque[tuple[T, Future[Response]]] = deque()

        def result(item: T, fut: Future[Response]) -> tuple[T, Response | FetchError]:
            try:
                return item, fut.result()
            except FetchError as exc:
                return item, exc

        for item in items:
            pending.append((item, self._pool.submit(fetch, item)))
            if len(pending) >= window:
                yield result(*pending.popleft())
        while pending:
            yield result(*pending.popleft())


def _completes(event: Event) -> bool:
    """Whether an event leaves its list read in full for good (no retry needed)."""
    if isinstance(event, Failed):
        return not event.transient
    if isinstance(event, Listed):
        return event.complete
    if isinstance(event, Deferred):
        return event.gave_up
    return True


def _read(path: str) -> bytes:
    from newsfuse.ingest.sources import DEFAULT_MAX_BYTES

    try:
        size = os.path.getsize(path)
        if size > DEFAULT_MAX_BYTES:
            raise InputError(path, f"file is over the {DEFAULT_MAX_BYTES} bytes limit")
        with open(path, "rb") as fh:
            return fh.read()
    except OSError as exc:
        raise InputError(path, f"cannot read: {exc.strerror or exc}") from exc
