"""The URL rules of every fetch, the command line's and the web app's alike.

Only http and https; every address the host name resolves to must be public:
loopback, private, link-local, multicast, reserved and unspecified addresses are
refused unless ``allow_private`` (``--allow-private``), which opens only the hosts
the user named (the URLs given, the links of the lists given as files): a
redirect or a link found in a fetched page, feed or sitemap cannot lead to
another private host. The rules are checked on
the URL given, on every redirect, and on the address each connection actually
reaches (:mod:`newsfuse.ingest.fetch`), so a name that resolves differently the
second time cannot slip through.
"""

from __future__ import annotations

import ipaddress
import re
import socket
from collections.abc import Callable, Collection
from typing import Any
from urllib.parse import urlsplit

from newsfuse.errors import InputError

# What a URL argument looks like: a scheme, then "://". Anything else is a path.
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*://")
SCHEMES = ("http", "https")

Resolver = Callable[..., list[Any]]


class UrlRefused(InputError):
    """A URL newsfuse will not fetch; ``code`` says why (``bad_url`` or ``private_address``)."""

    def __init__(self, url: str, reason: str, *, code: str = "bad_url") -> None:
        super().__init__(url, reason)
        self.code = code


def is_url(arg: str) -> bool:
    """Whether a PATH argument is a URL (any scheme: a non-http one is refused, not
    looked for as a file)."""
    return bool(_SCHEME.match(arg.strip()))


# Which hosts may resolve to private addresses: none (False), any (True), or those named.
PrivateRule = bool | Collection[str]


def check_url(
    url: str, *, allow_private: PrivateRule, resolve: Resolver = socket.getaddrinfo
) -> str:
    """The URL, stripped, when it is http(s) to a host resolving to public addresses
    (or a private one ``allow_private`` opens); :class:`UrlRefused` naming the problem
    otherwise."""
    if any(ord(c) <= 0x20 or ord(c) == 0x7F for c in url.strip()):
        raise UrlRefused(url, "the URL holds spaces or control characters: percent-encode them")
    url = url.strip()
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise UrlRefused(url, f"not a valid URL ({exc})") from exc
    if parts.scheme.lower() not in SCHEMES:
        raise UrlRefused(url, f"only http and https URLs can be ingested (got {parts.scheme!r})")
    host = parts.hostname
    if not host:
        raise UrlRefused(url, "the URL has no host")
    try:
        infos = resolve(host, port or (443 if parts.scheme.lower() == "https" else 80))
    except (OSError, UnicodeError) as exc:
        raise UrlRefused(url, f"cannot resolve {host!r} ({exc})") from exc
    if not private_allowed(host, allow_private):
        for info in infos:
            check_address(url, host, str(info[4][0]), allow_private)
    return url


def private_allowed(host: str, rule: PrivateRule) -> bool:
    """Whether ``rule`` lets ``host`` resolve to a private address."""
    if isinstance(rule, bool):
        return rule
    return host.lower() in rule


def check_address(url: str, host: str, address: str, rule: PrivateRule = False) -> None:
    """UrlRefused unless ``address`` (that ``host`` resolved or connected to) is public."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])  # drop an IPv6 zone id
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    if not ip.is_global or ip.is_multicast:
        hint = (
            "--allow-private opens only the hosts named on the command line, not one "
            "reached by a redirect or a link"
            if rule and not isinstance(rule, bool)
            else "newsfuse refuses those unless run with --allow-private"
        )
        raise UrlRefused(
            url,
            f"{host} resolves to {ip}, a private or local address; {hint}",
            code="private_address",
        )


def origin(url: str) -> str:
    """``scheme://host:port`` of a URL: what robots.txt and the per-host limits apply to."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    port = parts.port or (443 if scheme == "https" else 80)
    return f"{scheme}://{(parts.hostname or '').lower()}:{port}"


def host_of(url: str) -> str:
    """The host name of a URL, lower-cased ("" when it has none)."""
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""
