"""The FastAPI application: pages, the REST API, limits and security headers."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from fastapi_offline import FastAPIOffline
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from newsfuse.web import errors
from newsfuse.web.config import WebConfig
from newsfuse.web.errors import error_body
from newsfuse.web.jobs import Jobs

STATIC = Path(__file__).parent / "static"
# Pages may load scripts, styles and images from this server only: nothing inline, no
# CDN, so that a script hidden in an article's text can never run.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
# The API docs page (Swagger UI) starts itself with an inline script.
DOCS_PATHS = ("/docs", "/redoc", "/static-offline-docs")


def create_app(config: WebConfig, *, jobs: Jobs | None = None, warm_briefs: bool = True) -> FastAPI:
    """The app serving ``config.db``. ``jobs`` lets a test share or stub the writer."""
    from newsfuse import __version__
    from newsfuse.web import api, live, pages

    app = FastAPIOffline(
        title="newsfuse",
        version=__version__,
        description=(
            "Stories across outlets, their sourced briefs, quotes by speaker and full-text "
            "search over a newsfuse store. Every error is JSON of one shape: "
            '`{"error": {"status", "code", "message", "details"}}`. Every `paragraph` '
            f"field is a {api.PARAGRAPH_NOTE} (the pages' ¶1 is paragraph 0)."
        ),
    )
    app.state.config = config
    app.state.jobs = jobs or Jobs(config, warm_briefs=warm_briefs)
    errors.install(app)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.include_router(api.router)
    app.include_router(live.api)
    app.include_router(pages.router)
    app.include_router(live.pages)
    app.add_middleware(SecurityHeaders)
    app.add_middleware(BodyLimit, max_bytes=config.max_upload_bytes)
    return app


class SecurityHeaders:
    """Content-Security-Policy and friends on every response but the API docs page."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        docs = str(scope.get("path", "")).startswith(DOCS_PATHS)

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers.append((b"x-content-type-options", b"nosniff"))
                headers.append((b"referrer-policy", b"no-referrer"))
                if not docs:
                    headers.append((b"content-security-policy", CSP.encode()))
                    headers.append((b"x-frame-options", b"DENY"))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, with_headers)


class BodyLimit:
    """Refuse request bodies over ``max_bytes`` with 413, by Content-Length or as read."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = dict(scope.get("headers", [])).get(b"content-length")
        if length is not None and length.isdigit() and int(length) > self.max_bytes:
            await _too_large(scope, send, self.max_bytes)
            return
        seen = 0
        refused = False

        async def counted() -> Message:
            nonlocal seen, refused
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    refused = True
                    raise _BodyTooLarge
            return message

        try:
            await self.app(scope, counted, send)
        except _BodyTooLarge:
            await _too_large(scope, send, self.max_bytes)


class _BodyTooLarge(Exception):
    pass


async def _too_large(scope: Scope, send: Send, limit: int) -> None:
    import json

    message = f"the request body is larger than the server's limit of {limit} bytes"
    if str(scope.get("path", "")).startswith("/api"):
        body: Any = json.dumps(error_body(413, message)).encode()
        kind = b"application/json"
    else:  # the upload form: a page, not JSON
        from html import escape

        body = (
            '<!doctype html><html lang="en"><title>Too large</title><h1>Too large</h1>'
            f'<p>{escape(message)}.</p><p><a href="/add">Back to the form</a></p></html>'
        ).encode()
        kind = b"text/html; charset=utf-8"
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [(b"content-type", kind), (b"connection", b"close")],
        }
    )
    await send({"type": "http.response.body", "body": body})
