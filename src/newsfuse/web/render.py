"""Jinja2 rendering for the pages: one environment, autoescaping always on.

Article titles, text, outlets and URLs are untrusted: templates print them as text
(escaped) and link a URL only when :func:`newsfuse.web.views.is_http` allows it. No
template marks article content safe; the one piece of markup built in Python, the
timeline chart, escapes every value it writes (``svg.py``).
"""

from __future__ import annotations

import logging
from html import escape
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, PackageLoader

from newsfuse import __version__
from newsfuse.briefing.timewords import time_words
from newsfuse.web import views

log = logging.getLogger("newsfuse.web")

# The site's sections, as the header's navigation lists them: (path, label).
NAV = (
    ("/", "Stories"),
    ("/new", "What's new"),
    ("/quotes", "Quotes"),
    ("/search", "Search"),
    ("/add", "Add articles"),
)
# Titles of the error pages by status.
ERROR_TITLES = {
    400: "Bad request",
    403: "Not allowed",
    404: "Not found",
    405: "Method not allowed",
    413: "Too large",
    422: "Cannot use that input",
    500: "Something went wrong",
    503: "No store yet",
}

_ENV = Environment(
    loader=PackageLoader("newsfuse.web", "templates"),
    autoescape=True,  # every template, whatever its name
    trim_blocks=True,
    lstrip_blocks=True,
)
_ENV.globals.update(
    nav=NAV,
    version=__version__,
    is_http=views.is_http,
    provenance=views.provenance,
    highlights=views.HIGHLIGHTS,
    time_words=time_words,
)


def _section(path: str) -> str:
    """The navigation entry a path belongs to (``/stories/s3`` → ``/``)."""
    for prefix, _ in NAV[1:]:
        if path == prefix or path.startswith(prefix + "/"):
            return prefix
    if path.startswith("/jobs/"):
        return "/add"
    return "/"


def render(name: str, request: Request, **context: Any) -> str:
    """The page ``name`` (a template) rendered with ``context``."""
    template = _ENV.get_template(name)
    return template.render(section=_section(request.url.path), request=request, **context)


def page(name: str, request: Request, status: int = 200, **context: Any) -> HTMLResponse:
    """An HTML response of the page ``name``."""
    return HTMLResponse(render(name, request, **context), status_code=status)


def render_error(request: Request, status: int, message: str) -> str:
    """The HTML page of an error: what went wrong, in words, and where to go from here."""
    try:
        return render(
            "error.html.j2",
            request,
            status=status,
            title=ERROR_TITLES.get(status, "Error"),
            message=message,
        )
    except Exception:  # the error page must not fail in turn: a plain one instead
        log.exception("cannot render the error page for %s", status)
        return (
            f'<!doctype html><html lang="en"><title>{status}</title><h1>{status}</h1>'
            f"<p>{escape(message)}</p></html>"
        )
