"""Fetching a page for URL ingest, refusing what a local server must not reach.

Only http and https; every address the host name resolves to (and every redirect's)
must be public: loopback, private, link-local, multicast, reserved and unspecified
addresses are refused unless the server runs with ``--allow-private``. The body
is read up to a size limit.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import urllib.error
import urllib.request
from dataclasses import dataclass
from urllib.parse import urlsplit

from newsfuse.web.errors import ApiError

# Redirects followed, each checked like the first URL.
MAX_REDIRECTS = 5
TIMEOUT_S = 15


@dataclass(frozen=True, slots=True)
class Page:
    url: str  # after redirects
    content: bytes
    suffix: str  # ".html" or ".txt", by content type


def check_url(url: str, *, allow_private: bool) -> None:
    """ApiError 422 unless ``url`` is http(s) to a host that resolves to public addresses."""
    if any(ord(c) <= 0x20 or ord(c) == 0x7F for c in url.strip()):
        raise ApiError(422, "the URL holds spaces or control characters: percent-encode them",
                       code="bad_url")  # fmt: skip
    parts = urlsplit(url.strip())
    if parts.scheme not in {"http", "https"}:
        raise ApiError(422, f"only http and https URLs can be ingested (got {parts.scheme!r})",
                       code="bad_url")  # fmt: skip
    host = parts.hostname
    if not host:
        raise ApiError(422, f"the URL {url!r} has no host", code="bad_url")
    try:
        infos = socket.getaddrinfo(host, parts.port or (443 if parts.scheme == "https" else 80))
    except (OSError, UnicodeError) as exc:
        raise ApiError(422, f"cannot resolve {host!r} ({exc})", code="bad_url") from exc
    if allow_private:
        return
    for info in infos:
        address = ipaddress.ip_address(info[4][0])
        if not address.is_global or address.is_multicast:
            raise ApiError(
                422,
                f"{host} resolves to {address}, a private or local address; the server "
                "refuses those unless started with --allow-private",
                code="private_address",
            )


class _CheckedRedirects(urllib.request.HTTPRedirectHandler):
    def __init__(self, allow_private: bool) -> None:
        self.allow_private = allow_private

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[no-untyped-def]
        check_url(newurl, allow_private=self.allow_private)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def fetch(url: str, *, allow_private: bool, max_bytes: int) -> Page:
    """The page at ``url``; ApiError 422 for a refused URL, 400 when it cannot be fetched,
    413 when it is larger than ``max_bytes``."""
    check_url(url, allow_private=allow_private)
    opener = urllib.request.build_opener(_CheckedRedirects(allow_private))
    opener.addheaders = [("User-Agent", "newsfuse (local article ingest)")]
    try:
        with opener.open(url.strip(), timeout=TIMEOUT_S) as response:
            content = response.read(max_bytes + 1)
            kind = response.headers.get_content_type()
            final = response.geturl()
    except ApiError:
        raise
    except (urllib.error.URLError, http.client.HTTPException, OSError, ValueError) as exc:
        raise ApiError(400, f"cannot fetch {url!r}: {exc}", code="fetch_failed") from exc
    if len(content) > max_bytes:
        raise ApiError(413, f"the page at {url!r} is larger than {max_bytes} bytes")
    return Page(
        final, content, ".html" if "html" in kind or kind == "application/xhtml+xml" else ".txt"
    )
