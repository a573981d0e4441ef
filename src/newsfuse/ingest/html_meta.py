"""A page's headline, outlet name, description, URL and date, read from its markup.

Pages name themselves several times and not always the same way: a social-media
title (``og:title``) written for sharing, a ``<title>`` carrying the site's name
and sections ("… | World | News | Express"), the headline the reader sees in an
``<h1>``, a site name that may be a tagline ("Autoracing | F1 | Indy") or a
handle ("nytimes"). The rules below are general (none names an outlet):

* **headline**: the ``<h1>`` that shares words with the page's meta titles (the
  displayed headline, in the page's own typography); an ``<h1>`` that is the
  site's name or shares nothing with them (a logo, a section, another story) is
  not. Failing that, the first meta title with the site's name, and the section
  labels beside it, cut off.
* **outlet**: the site name the page declares (``og:site_name``,
  ``application-name``) when it reads as a name and agrees with the page's other
  evidence (its host, its ``<title>``), the first part of it when it is a tagline;
  else the name the ``<title>`` ends with; else the publisher named in JSON-LD;
  else none (the caller falls back to the host).

Dates come from htmldate with trafilatura's settings, as before. This replaces
``trafilatura.extract_metadata``, which also reads authors, categories, tags and
licences (a deep copy of the page among them) that newsfuse never uses: about a
fifth of the HTML path's time.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlparse

# lxml elements are untyped (no stubs).
Element = Any

# An <h1> is the displayed headline when it shares at least this many content words with
# a meta title (or all of its own, when it has fewer). On the ScrapingHub dev pages the
# right <h1> shares 4 or more; a logo or a widget's heading shares 0 or 1.
H1_MIN_SHARED_WORDS = 2
# Content words (for that comparison) have at least this many letters: "the", "for",
# "you" are shared by unrelated headlines (at 3, a widget's <h1> on one dev page matched).
MIN_CONTENT_WORD = 4
# A title segment of at most this many words next to the site's name is a section label
# ("World", "News", "Opinion", "Afghanistan News"); a longer one is part of the headline.
SECTION_MAX_WORDS = 3
# A site name longer than this many words is a tagline, not a name.
MAX_SITENAME_WORDS = 6
# Two site names are one when one holds the other ("Riverside" in "Riverside Gazette"),
# if the shorter is at least this long: "US" is not "Reuters".
MIN_NAME_MATCH = 3
# At most this many <h1> elements are looked at (pages with hundreds are listings).
MAX_H1 = 20

# " | ", " - ", " – ", " — ", " : ", " · ", " » ", " :: " between a headline and the site.
_SEPARATOR = re.compile(r"\s+(?:[|–—·»«~/]|-{1,2}|::?)\s+")
_WORD = re.compile(r"\w+")
_HOSTLIKE = re.compile(r"^(?:https?://)?(?:www\.)?([\w-]+\.)+[a-z]{2,}/?$", re.I)


@dataclass(frozen=True, slots=True)
class PageMeta:
    """What a page says about itself."""

    title: str | None
    description: str | None
    sitename: str | None
    url: str | None
    date: str | None


def read_meta(tree: Element, *, url: str | None = None) -> PageMeta:
    """The headline, outlet, description, canonical URL and date of a parsed page."""
    from htmldate import find_date
    from trafilatura.metadata import extract_url
    from trafilatura.settings import set_date_params

    metas = _meta_tags(tree)
    ld = _json_ld(tree)
    title_tag = _squash(tree.findtext(".//title") or "")
    page_url = _http(metas.get("og:url")) or extract_url(tree, url) or url
    host = (urlparse(page_url).hostname or "").removeprefix("www.") if page_url else ""
    declared = [
        metas.get("og:site_name"),
        metas.get("application-name"),
        metas.get("article:publisher"),
        ld.get("publisher"),
    ]
    site_keys = {k for k in (_key(s) for s in declared if s and not _http(s)) if k}
    if host:
        site_keys |= {_key(host), _key(host.split(".")[0])}
    meta_titles = [
        t
        for t in dict.fromkeys(
            _squash(x or "")
            for x in (metas.get("og:title"), metas.get("twitter:title"), ld.get("headline"))
        )
        if t
    ]
    headline = _headline(tree, [*meta_titles, title_tag] if title_tag else meta_titles, site_keys)
    if headline is None:
        first = meta_titles[0] if meta_titles else title_tag
        headline = _strip_site(first, site_keys) if first else None
    title_site = _title_site(title_tag, [headline, *meta_titles])
    date_params = {**set_date_params(False), "url": page_url}
    return PageMeta(
        title=headline or None,
        description=metas.get("og:description") or metas.get("description") or None,
        sitename=_sitename(declared[:2], title_site, ld.get("publisher"), host),
        url=page_url or None,
        date=find_date(tree, **date_params) or None,
    )


# --------------------------------------------------------------------------- reading


def _meta_tags(tree: Element) -> dict[str, str]:
    """First non-empty content of each meta property/name/itemprop, keys lower-cased."""
    out: dict[str, str] = {}
    for el in tree.iterfind(".//meta[@content]"):
        key = (el.get("property") or el.get("name") or el.get("itemprop") or "").lower()
        content = _squash(el.get("content") or "")
        if key and content and key not in out:
            out[key] = content
    return out


def _json_ld(tree: Element) -> dict[str, str]:
    """The headline and the publisher's name from the page's JSON-LD, if any."""
    out: dict[str, str] = {}
    for script in tree.iterfind(".//script[@type='application/ld+json']"):
        try:
            data = json.loads(script.text or "")
        except (ValueError, RecursionError):
            continue
        todo: list[Any] = [data]
        seen = 0
        while todo and seen < 200:  # bounded: some pages embed whole catalogues
            item = todo.pop(0)
            seen += 1
            if isinstance(item, list):
                todo.extend(item)
            elif isinstance(item, dict):
                headline = item.get("headline")
                if isinstance(headline, str) and headline.strip():
                    out.setdefault("headline", _squash(headline))
                publisher = item.get("publisher")
                if isinstance(publisher, list) and publisher:
                    publisher = publisher[0]
                if isinstance(publisher, dict) and isinstance(publisher.get("name"), str):
                    out.setdefault("publisher", _squash(publisher["name"]))
                if "@graph" in item:
                    todo.append(item["@graph"])
    return out


# --------------------------------------------------------------------------- headline


def _headline(tree: Element, titles: list[str], site_keys: set[str]) -> str | None:
    """The <h1> that is the displayed headline, or None."""
    h1s = []
    for k, el in enumerate(tree.iter("h1")):
        if k >= MAX_H1:
            break
        text = _squash(el.text_content())
        if text and _key(text) not in site_keys:
            h1s.append(text)
    if not titles:
        return h1s[0] if len(h1s) == 1 else None
    vocab = {w for t in titles for w in _content_words(t)}
    best, best_shared = None, 0
    for text in h1s:
        own = _content_words(text)
        shared = len(own & vocab)
        if shared >= min(H1_MIN_SHARED_WORDS, len(own)) and shared > best_shared:
            best, best_shared = text, shared
    return best


def _strip_site(title: str, site_keys: set[str]) -> str:
    """A meta title without the site's name (and the section labels beside it) at
    either end: "Headline | World | News | Site" -> "Headline"."""
    parts = _SEPARATOR.split(title)
    if len(parts) < 2:
        return title
    if _key(parts[-1]) in site_keys or _matches_site(parts[-1], site_keys):
        parts = parts[:-1]
        while len(parts) > 1 and len(_WORD.findall(parts[-1])) <= SECTION_MAX_WORDS:
            parts = parts[:-1]
    elif _matches_site(parts[0], site_keys):
        parts = parts[1:]
    # rejoin what is left with the separators the title used
    if not parts:
        return title
    start = title.index(parts[0])
    end = title.rindex(parts[-1]) + len(parts[-1])
    return title[start:end].strip()


def _title_site(title_tag: str, headlines: list[str | None]) -> str | None:
    """The site name a <title> adds to a headline: "Headline - The Daily Planet"."""
    if not title_tag:
        return None
    tag_key = _key(title_tag)
    for h in headlines:
        k = _key(h or "")
        if not k or k == tag_key:
            continue
        if tag_key.startswith(k):
            parts = _SEPARATOR.split(title_tag)
            return parts[-1].strip() if len(parts) > 1 else None
        if tag_key.endswith(k):
            parts = _SEPARATOR.split(title_tag)
            return parts[0].strip() if len(parts) > 1 else None
    return None


# --------------------------------------------------------------------------- outlet


def _sitename(
    declared: list[str | None], title_site: str | None, publisher: str | None, host: str
) -> str | None:
    """The outlet's display name (see the module docstring); None leaves it to the host."""
    label = _key(host.split(".")[0])
    evidence = {k for k in (_key(title_site or ""), _key(host), label) if k}
    for name in declared:
        name = _name_part(name)
        if not name or not _display_like(name):
            continue
        agrees = _matches_site(name, evidence) or bool(label and _key(name).startswith(label))
        if agrees or not evidence:
            return name
    if title_site and _display_like(title_site):
        return title_site
    for name in (*declared, publisher, title_site):
        name = _name_part(name)
        if name and _display_like(name):
            return name
    return None


def _name_part(name: str | None) -> str | None:
    """The name in a site name that is a tagline: "Site | Slogan" -> "Site"; None for a
    URL or a long slogan."""
    if not name or _http(name):
        return None
    name = _SEPARATOR.split(name)[0].strip()
    name = re.split(r":\s", name)[0].strip()
    return name if 0 < len(name.split()) <= MAX_SITENAME_WORDS else None


def _display_like(name: str) -> bool:
    """A name written for readers: "The Hill", "WSJ", "Space.com" (a host with its
    capitals is a brand), not a handle or a bare host ("nytimes", "cleveland.com")."""
    if any(c.isupper() for c in name) or not name.isascii():
        return True
    return " " in name and not _HOSTLIKE.match(name)


def _matches_site(text: str, keys: set[str]) -> bool:
    k = _key(text)
    return bool(k) and any(
        k == s or (min(len(k), len(s)) >= MIN_NAME_MATCH and (k in s or s in k)) for s in keys
    )


# --------------------------------------------------------------------------- helpers


def _key(text: str) -> str:
    """Letters and digits only, lower-cased: "The Hill" and "TheHill" are one name."""
    return "".join(ch for ch in text.lower() if ch.isalnum())


def _content_words(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.lower()) if len(w) >= MIN_CONTENT_WORD}


def _squash(text: str) -> str:
    return " ".join(text.split())


def _http(value: str | None) -> str | None:
    return value if value and re.match(r"https?://", value, re.I) else None
