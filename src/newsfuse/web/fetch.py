"""The web app's URL ingest: the command line's fetcher, its errors as API errors.

Fetching itself (URL rules on every hop and on the connected address, robots.txt,
size limit, timeouts) is :mod:`newsfuse.ingest.fetch`, the one implementation the
CLI uses too; this module only maps its failures onto the API's error shape.
"""

from __future__ import annotations

from dataclasses import dataclass

from newsfuse.ingest.fetch import Fetcher, FetchError, FetchOptions
from newsfuse.ingest.urls import UrlRefused
from newsfuse.ingest.urls import check_url as _check_url
from newsfuse.web.errors import ApiError

# Seconds a connection or read may stall: a person is waiting for the form's answer.
TIMEOUT_S = 15.0
# Extra tries after a network error or 5xx: one, so the form answers within ~30 s.
RETRIES = 1


@dataclass(frozen=True, slots=True)
class Page:
    url: str  # after redirects
    content: bytes
    suffix: str  # ".html" or ".txt", by content type


def check_url(url: str, *, allow_private: bool) -> None:
    """ApiError 422 unless ``url`` is http(s) to a host that resolves to public addresses
    (any host, with ``allow_private``)."""
    try:
        _check_url(url, allow_private=allow_private)
    except UrlRefused as exc:
        raise ApiError(422, exc.reason, code=exc.code) from exc


def fetch(url: str, *, allow_private: bool, max_bytes: int) -> Page:
    """The page at ``url``; ApiError 422 for a refused URL, 400 when it cannot be fetched,
    413 when it is larger than ``max_bytes``."""
    check_url(url, allow_private=allow_private)
    fetcher = Fetcher(
        FetchOptions(
            allow_private=allow_private,
            max_bytes=max_bytes,
            delay_s=0.0,
            retries=RETRIES,
            timeout_s=TIMEOUT_S,
        )
    )
    fetcher.name_hosts([url])  # the host typed in may be private; redirects may not lead to one
    try:
        response = fetcher.fetch(url.strip())
    except FetchError as exc:
        if exc.code in ("bad_url", "private_address"):
            raise ApiError(422, exc.reason, code=exc.code) from exc
        if exc.code == "too_large":
            raise ApiError(413, f"the page at {url!r} is larger than {max_bytes} bytes") from exc
        raise ApiError(400, f"cannot fetch {url!r}: {exc.reason}", code="fetch_failed") from exc
    kind = response.content_type
    html = "html" in kind or kind == "application/xhtml+xml"
    return Page(response.final_url, response.content, ".html" if html else ".txt")
