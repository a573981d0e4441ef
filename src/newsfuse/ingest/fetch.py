"""Fetching over http(s), politely and within limits.

:class:`Fetcher` is what every part of newsfuse that downloads goes through (the
``ingest``, ``brief`` and ``watch`` commands and the web app's URL form). For each
request it:

- applies the URL rules of :mod:`newsfuse.ingest.urls` to the URL, to every
  redirect (followed by hand, at most :data:`MAX_REDIRECTS`, loops named), and to
  the address each connection actually reaches;
- asks the origin's robots.txt first (fetched once per origin and kept for
  :data:`ROBOTS_TTL_S`), and waits the longer of its ``Crawl-delay`` and our own
  delay between two requests to one host; at most :data:`MAX_PER_HOST` requests to
  a host run at once;
- sends a User-Agent naming newsfuse, and ``If-None-Match`` / ``If-Modified-Since``
  when the caller kept the last response's validators (a 304 comes back as such);
- stops reading at the size limit (a Content-Length above it is refused unread),
  and gives up on a connection, a read or a whole response that takes too long;
- retries network errors, timeouts, 5xx, 408 and 429 with exponential back-off
  (``Retry-After`` honoured up to a cap).

The HTTP client, the clock and the sleep are parameters, so tests run against
servers on loopback without waiting out real delays.
"""

from __future__ import annotations

import threading
import time
import urllib.robotparser
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.message import Message
from email.utils import parsedate_to_datetime
from typing import Any, Protocol
from urllib.parse import urljoin, urlsplit

import urllib3
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

from newsfuse import __version__
from newsfuse.errors import InputError
from newsfuse.ingest.urls import (
    PrivateRule,
    UrlRefused,
    check_address,
    check_url,
    host_of,
    origin,
    private_allowed,
)

# Who we are, to servers and in robots.txt (the token robots rules are matched against).
ROBOTS_TOKEN = "newsfuse"
USER_AGENT = f"newsfuse/{__version__} (news brief builder; obeys robots.txt)"
# Redirects followed per request, each checked like the first URL: enough for
# http -> https -> canonical host -> article, short enough to stop loops fast.
MAX_REDIRECTS = 5
# Seconds to open a connection; long enough for a slow TLS handshake across the world.
CONNECT_TIMEOUT_S = 10.0
# Seconds without a byte before a read gives up; a live server answers well within it.
READ_TIMEOUT_S = 20.0
# Seconds for a whole response: a server dripping a byte per read timeout is cut here.
TOTAL_TIMEOUT_S = 60.0
# Requests to one host at once: "a few", so a big feed is fetched in parallel without
# looking like an attack to the site.
MAX_PER_HOST = 2
# Seconds between the starts of two requests to one host (robots.txt's Crawl-delay wins
# when longer): polite for news sites, 1,000 articles of one site take ~8 minutes.
DEFAULT_DELAY_S = 0.5
# A Crawl-delay above this is capped: some sites ask for minutes, which would stall a poll.
MAX_CRAWL_DELAY_S = 30.0
# Extra tries after a transient failure (network, timeout, 5xx, 408, 429).
RETRIES = 2
# Seconds before the first retry, doubled for each further one.
BACKOFF_S = 1.0
# A Retry-After above this is capped, so one server cannot stall a whole run.
MAX_RETRY_AFTER_S = 60.0
# Seconds a robots.txt is kept before it is asked for again (the RFC 9309 maximum is 24 h).
ROBOTS_TTL_S = 6 * 3600.0
# Seconds before an unreachable robots.txt is asked for again.
ROBOTS_RETRY_S = 300.0
# Bytes of robots.txt read (RFC 9309 asks crawlers to parse at least 500 KiB).
ROBOTS_MAX_BYTES = 512 * 1024
# Bytes read per chunk while streaming a body.
CHUNK_BYTES = 64 * 1024
# Statuses worth another try: the server may answer next time.
TRANSIENT_STATUSES = frozenset({408, 425, 429, 500, 502, 503, 504})
# Failures retried within one fetch (a robots.txt problem waits for a later run instead).
_RETRIED_NOW = frozenset({"network", "timeout", "http"})

Clock = Callable[[], float]
Sleep = Callable[[float], None]


class FetchError(InputError):
    """A URL that could not be fetched: ``path`` is the URL, ``reason`` says why.

    ``transient`` failures (network, timeout, 5xx, 429) may succeed later;
    ``code`` is one of bad_url, private_address, robots, http, too_large,
    timeout, network, redirect."""

    def __init__(
        self,
        url: str,
        reason: str,
        *,
        code: str,
        transient: bool = False,
        status: int | None = None,
        retry_after: float | None = None,
    ) -> None:
        super().__init__(url, reason)
        self.code = code
        self.transient = transient
        self.status = status
        self.retry_after = retry_after


@dataclass(frozen=True, slots=True)
class Response:
    """One HTTP response, its body read (up to the limit)."""

    url: str  # the URL asked for
    final_url: str  # after redirects
    status: int
    headers: Mapping[str, str]  # lower-cased names
    content: bytes = b""

    @property
    def etag(self) -> str | None:
        return self.headers.get("etag")

    @property
    def last_modified(self) -> str | None:
        return self.headers.get("last-modified")

    @property
    def content_type(self) -> str:
        """The media type, lower-cased, without parameters ("" when none was sent)."""
        return self.headers.get("content-type", "").split(";", 1)[0].strip().lower()

    @property
    def charset(self) -> str | None:
        """The charset the Content-Type header declares, if any."""
        msg = Message()
        msg["content-type"] = self.headers.get("content-type", "")
        value = msg.get_param("charset")
        return value.strip().lower() if isinstance(value, str) and value.strip() else None


class HttpClient(Protocol):
    """One GET, no redirects followed, the body read up to ``max_bytes``.

    Raises FetchError for network failures, timeouts and an over-size body; any
    status comes back as a Response."""

    def get(
        self, url: str, *, headers: Mapping[str, str], max_bytes: int, deadline: float
    ) -> Response: ...


# --------------------------------------------------------------------------- the client


def _checked_connection(
    base: type[HTTPConnection], allow_private: PrivateRule
) -> type[HTTPConnection]:
    """A connection class that refuses a peer address the URL rules refuse: the check
    applies to where the socket really went, whatever DNS said a moment earlier."""

    class Checked(base):  # type: ignore[valid-type,misc]
        def _new_conn(self) -> Any:
            sock = super()._new_conn()
            if not private_allowed(self.host, allow_private):
                try:
                    check_address(self.host, self.host, sock.getpeername()[0], allow_private)
                except UrlRefused:
                    sock.close()
                    raise
            return sock

    return Checked


class Urllib3Client:
    """:class:`HttpClient` over urllib3 (already a dependency of trafilatura): pooled
    connections, TLS verified against certifi's roots, gzip decoded with the size
    limit applied to the decoded bytes."""

    def __init__(
        self,
        *,
        allow_private: PrivateRule,
        connect_timeout_s: float = CONNECT_TIMEOUT_S,
        read_timeout_s: float = READ_TIMEOUT_S,
        clock: Clock = time.monotonic,
        pool_size: int = 8,
    ) -> None:
        self._timeout = urllib3.Timeout(connect=connect_timeout_s, read=read_timeout_s)
        self._clock = clock
        self._pool = urllib3.PoolManager(num_pools=64, maxsize=pool_size, block=False)
        http_cls = _checked_connection(HTTPConnection, allow_private)
        https_cls = _checked_connection(HTTPSConnection, allow_private)
        self._pool.pool_classes_by_scheme = {
            "http": type("CheckedHTTPPool", (HTTPConnectionPool,), {"ConnectionCls": http_cls}),
            "https": type("CheckedHTTPSPool", (HTTPSConnectionPool,), {"ConnectionCls": https_cls}),
        }

    def get(
        self, url: str, *, headers: Mapping[str, str], max_bytes: int, deadline: float
    ) -> Response:
        try:
            resp = self._pool.request(
                "GET",
                url,
                headers=dict(headers),
                redirect=False,
                retries=False,
                preload_content=False,
                decode_content=True,
                timeout=self._timeout,
            )
        except UrlRefused:
            raise
        except urllib3.exceptions.TimeoutError as exc:
            raise FetchError(url, f"timed out ({_cause(exc)})", code="timeout",
                             transient=True) from exc  # fmt: skip
        except (urllib3.exceptions.HTTPError, OSError, ValueError) as exc:
            if isinstance(exc.__context__, UrlRefused):
                raise exc.__context__ from None
            raise FetchError(url, f"network error: {_cause(exc)}", code="network",
                             transient=True) from exc  # fmt: skip
        try:
            head = {k.lower(): v for k, v in resp.headers.items()}
            length = head.get("content-length", "")
            if resp.status == 200 and length.isdigit() and int(length) > max_bytes:
                raise FetchError(
                    url,
                    f"the response is {_mb(int(length))}, over the {_mb(max_bytes)} limit "
                    "(not downloaded)",
                    code="too_large",
                )
            chunks: list[bytes] = []
            size = 0
            if 300 <= resp.status < 400 or resp.status == 304:
                return Response(url, url, resp.status, head)
            for chunk in resp.stream(CHUNK_BYTES):
                chunks.append(chunk)
                size += len(chunk)
                if size > max_bytes:
                    raise FetchError(
                        url, f"the response is over the {_mb(max_bytes)} limit (stopped reading)",
                        code="too_large",
                    )  # fmt: skip
                if self._clock() > deadline:
                    raise FetchError(
                        url, f"the response took longer than {TOTAL_TIMEOUT_S:.0f} s",
                        code="timeout", transient=True,
                    )  # fmt: skip
            return Response(url, url, resp.status, head, b"".join(chunks))
        except urllib3.exceptions.TimeoutError as exc:
            raise FetchError(url, f"timed out while reading ({_cause(exc)})", code="timeout",
                             transient=True) from exc  # fmt: skip
        except (urllib3.exceptions.HTTPError, OSError) as exc:
            raise FetchError(url, f"network error while reading: {_cause(exc)}",
                             code="network", transient=True) from exc  # fmt: skip
        finally:
            resp.close()  # never drains: an over-size body stops here
            resp.release_conn()


def _cause(exc: BaseException) -> str:
    inner = exc
    while inner.__cause__ is not None or getattr(inner, "reason", None) is not None:
        nxt = inner.__cause__ or getattr(inner, "reason", None)
        if not isinstance(nxt, BaseException) or nxt is inner:
            break
        inner = nxt
    text = str(inner) or type(inner).__name__
    return text.split(": ", 1)[-1] if text.startswith("<") else text


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MB"


# --------------------------------------------------------------------------- politeness


class HostGate:
    """At most ``per_host`` requests to one host at once, and ``delay_s`` (or the host's
    crawl delay) between the starts of two of them. Thread-safe."""

    def __init__(self, *, per_host: int, delay_s: float, clock: Clock, sleep: Sleep) -> None:
        self._per_host = max(1, per_host)
        self._delay = max(0.0, delay_s)
        self._clock = clock
        self._sleep = sleep
        self._lock = threading.Lock()
        self._slots: dict[str, threading.BoundedSemaphore] = {}
        self._next: dict[str, float] = {}
        self._delays: dict[str, float] = {}

    def set_delay(self, host: str, delay_s: float) -> None:
        """The host's own delay (robots.txt's Crawl-delay), from the request just made on."""
        with self._lock:
            old = self._delays.get(host, self._delay)
            new = self._delays[host] = max(self._delay, min(delay_s, MAX_CRAWL_DELAY_S))
            if host in self._next:
                self._next[host] += new - old

    @contextmanager
    def slot(self, host: str) -> Iterator[None]:
        with self._lock:
            sem = self._slots.setdefault(host, threading.BoundedSemaphore(self._per_host))
        sem.acquire()
        try:
            with self._lock:
                now = self._clock()
                start = max(now, self._next.get(host, now))
                self._next[host] = start + self._delays.get(host, self._delay)
            if start > now:
                self._sleep(start - now)
            yield
        finally:
            sem.release()


@dataclass(slots=True)
class _Robots:
    parser: urllib.robotparser.RobotFileParser | None  # None: everything allowed
    fetched_at: float
    problem: FetchError | None = None  # robots.txt unreachable: nothing is fetched


@dataclass(slots=True)
class FetchOptions:
    """What a Fetcher may do; the command-line options map onto these."""

    allow_private: bool = False  # private addresses, for the hosts the user named only
    max_bytes: int = 10 * 1024 * 1024
    delay_s: float = DEFAULT_DELAY_S
    per_host: int = MAX_PER_HOST
    retries: int = RETRIES
    timeout_s: float = READ_TIMEOUT_S
    respect_robots: bool = True
    user_agent: str = USER_AGENT


@dataclass
class Fetcher:
    """Polite GETs (see the module docstring). One per run; thread-safe."""

    options: FetchOptions = field(default_factory=FetchOptions)
    client: HttpClient | None = None
    clock: Clock = time.monotonic
    sleep: Sleep = time.sleep
    requests: int = 0  # requests sent, robots.txt included
    # Hosts the user named (URLs given, links of list files given): only these may be
    # private, and only with allow_private. Filled by the caller before fetching.
    named_hosts: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        if self.client is None:
            self.client = Urllib3Client(
                allow_private=self.private_rule,
                connect_timeout_s=min(CONNECT_TIMEOUT_S, self.options.timeout_s),
                read_timeout_s=self.options.timeout_s,
                clock=self.clock,
            )
        self._gate = HostGate(
            per_host=self.options.per_host,
            delay_s=self.options.delay_s,
            clock=self.clock,
            sleep=self.sleep,
        )
        self._robots: dict[str, _Robots] = {}
        self._robots_lock = threading.Lock()
        self._count_lock = threading.Lock()

    @property
    def private_rule(self) -> PrivateRule:
        """Which hosts may resolve to private addresses (a live view of named_hosts)."""
        return self.named_hosts if self.options.allow_private else False

    def name_hosts(self, urls: Iterable[str]) -> None:
        """Record the hosts of URLs the user gave (see ``named_hosts``)."""
        self.named_hosts.update(h for h in map(host_of, urls) if h)

    def fetch(
        self,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        max_bytes: int | None = None,
    ) -> Response:
        """GET ``url`` following checked redirects; a 200 or a 304 (only when validators
        were given) comes back, anything else raises FetchError with its reason."""
        limit = self.options.max_bytes if max_bytes is None else max_bytes
        headers = {"User-Agent": self.options.user_agent, "Accept-Encoding": "gzip, deflate"}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        attempt = 0
        while True:
            try:
                resp = self._follow(url, headers, limit)
            except FetchError as exc:
                again = exc.transient and exc.code in _RETRIED_NOW
                if not again or attempt >= self.options.retries:
                    if attempt:
                        exc.reason += f" (after {attempt + 1} tries)"
                        exc.args = (f"{exc.path}: {exc.reason}",)
                    raise
                wait = BACKOFF_S * 2**attempt
                if exc.retry_after is not None:
                    wait = max(wait, min(exc.retry_after, MAX_RETRY_AFTER_S))
                self.sleep(wait)
                attempt += 1
                continue
            return resp

    def _follow(self, url: str, headers: Mapping[str, str], max_bytes: int) -> Response:
        chain = [url]
        current = url
        while True:
            current = self._checked(current)
            resp = self._get(current, headers, max_bytes)
            if resp.status in (301, 302, 303, 307, 308):
                target = resp.headers.get("location")
                if not target:
                    raise FetchError(url, f"HTTP {resp.status} redirect without a Location",
                                     code="redirect")  # fmt: skip
                nxt = urljoin(current, target.strip())
                if nxt in chain:
                    loop = " -> ".join([*chain[chain.index(nxt) :], nxt])
                    raise FetchError(url, f"redirect loop: {loop}", code="redirect")
                chain.append(nxt)
                if len(chain) > MAX_REDIRECTS + 1:
                    raise FetchError(url, f"more than {MAX_REDIRECTS} redirects",
                                     code="redirect")  # fmt: skip
                current = nxt
                continue
            if resp.status == 304 and (
                "If-None-Match" in headers or "If-Modified-Since" in headers
            ):
                return Response(url, current, 304, resp.headers)
            if resp.status != 200:
                raise FetchError(
                    url,
                    f"HTTP {resp.status}"
                    + (f" at {current} (redirected)" if current != url else ""),
                    code="http",
                    transient=resp.status in TRANSIENT_STATUSES,
                    status=resp.status,
                    retry_after=_retry_after(resp.headers.get("retry-after")),
                )
            return Response(url, current, 200, resp.headers, resp.content)

    def _checked(self, url: str) -> str:
        try:
            url = check_url(url, allow_private=self.private_rule)
        except UrlRefused as exc:
            raise FetchError(exc.path, exc.reason, code=exc.code) from exc
        if self.options.respect_robots:
            self._check_robots(url)
        return url

    def _get(self, url: str, headers: Mapping[str, str], max_bytes: int) -> Response:
        assert self.client is not None
        with self._gate.slot(origin(url)):
            with self._count_lock:
                self.requests += 1
            deadline = self.clock() + TOTAL_TIMEOUT_S
            try:
                return self.client.get(url, headers=headers, max_bytes=max_bytes,
                                       deadline=deadline)  # fmt: skip
            except UrlRefused as exc:
                raise FetchError(exc.path, exc.reason, code=exc.code) from exc

    # ------------------------------------------------------------------ robots.txt

    def _check_robots(self, url: str) -> None:
        key = origin(url)
        with self._robots_lock:
            robots = self._robots.get(key)
            ttl = ROBOTS_TTL_S if robots is None or robots.problem is None else ROBOTS_RETRY_S
            if robots is None or self.clock() - robots.fetched_at > ttl:
                robots = self._robots[key] = self._read_robots(url)
        if robots.problem is not None:
            raise FetchError(url, robots.problem.reason, code="robots", transient=True)
        if robots.parser is not None and not robots.parser.can_fetch(ROBOTS_TOKEN, url):
            raise FetchError(url, f"robots.txt of {urlsplit(url).netloc} disallows newsfuse here",
                             code="robots")  # fmt: skip

    def _read_robots(self, url: str) -> _Robots:
        """robots.txt as RFC 9309 reads it: 4xx -> no rules; unreachable or 5xx -> fetch
        nothing from the site for now; the Crawl-delay sets the host's delay."""
        parts = urlsplit(url)
        robots_url = f"{parts.scheme}://{parts.netloc}/robots.txt"
        now = self.clock()
        headers = {"User-Agent": self.options.user_agent}
        try:
            resp = self._follow_robots(robots_url, headers)
        except FetchError as exc:
            if exc.status is not None and 400 <= exc.status < 500:
                return _Robots(None, now)
            problem = FetchError(
                url, f"robots.txt of {parts.netloc} could not be read ({exc.reason}); "
                "nothing is fetched from the site until it can", code="robots", transient=True,
            )  # fmt: skip
            return _Robots(None, now, problem)
        parser = urllib.robotparser.RobotFileParser(robots_url)
        parser.parse(resp.content.decode("utf-8", "replace").splitlines())
        delay = parser.crawl_delay(ROBOTS_TOKEN)
        if delay is not None:
            self._gate.set_delay(origin(url), float(delay))
        return _Robots(parser, now)

    def _follow_robots(self, robots_url: str, headers: Mapping[str, str]) -> Response:
        current = robots_url
        for _ in range(MAX_REDIRECTS + 1):
            try:
                current = check_url(current, allow_private=self.private_rule)
            except UrlRefused as exc:
                raise FetchError(exc.path, exc.reason, code=exc.code) from exc
            resp = self._get(current, headers, ROBOTS_MAX_BYTES)
            location = resp.headers.get("location")
            if resp.status in (301, 302, 303, 307, 308) and location:
                current = urljoin(current, location)
                continue
            if resp.status != 200:
                raise FetchError(robots_url, f"HTTP {resp.status}", code="http",
                                 status=resp.status)  # fmt: skip
            return resp
        raise FetchError(robots_url, "too many redirects", code="redirect")


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())
