"""One error shape for every API error, and plain pages for the browser.

Every error under ``/api/`` is JSON::

    {"error": {"status": 404, "code": "not_found", "message": "no story s9",
               "details": []}}

``details`` lists what was wrong with a request's fields (``loc``, ``message``)
for 422s; it is empty otherwise.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

log = logging.getLogger("newsfuse.web")

# The code word for each status the server sends.
CODES = {
    400: "bad_request",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    413: "too_large",
    415: "unsupported_media_type",
    422: "invalid",
    500: "internal",
    503: "unavailable",
}


class ApiError(Exception):
    """An error the API reports in its one JSON shape."""

    def __init__(
        self,
        status: int,
        message: str,
        *,
        code: str | None = None,
        details: list[dict[str, Any]] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.code = code or CODES.get(status, "error")
        self.details = details or []


def error_body(
    status: int, message: str, code: str | None = None, details: list[dict[str, Any]] | None = None
) -> dict[str, Any]:
    """The JSON of one error."""
    return {
        "error": {
            "status": status,
            "code": code or CODES.get(status, "error"),
            "message": message,
            "details": details or [],
        }
    }


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/api"


def _respond(request: Request, status: int, message: str, code: str | None = None,
             details: list[dict[str, Any]] | None = None) -> Response:  # fmt: skip
    if _wants_json(request):
        return JSONResponse(error_body(status, message, code, details), status_code=status)
    from newsfuse.web.render import render_error

    return HTMLResponse(render_error(request, status, message), status_code=status)


def _allowed(request: Request) -> list[str]:
    """Every method some route takes at this path (Starlette names only the first
    route's when two routes share a path, as GET and POST /api/articles do)."""
    from starlette.routing import Match, Route

    methods: set[str] = set()
    for route in request.app.routes:
        if isinstance(route, Route) and route.methods:
            match, _ = route.matches({**request.scope, "method": next(iter(route.methods))})
            if match is Match.FULL:
                methods |= route.methods
    return sorted(methods)


def install(app: FastAPI) -> None:
    """Route every error through the one shape."""

    @app.exception_handler(ApiError)
    async def api_error(request: Request, exc: ApiError) -> Response:
        return _respond(request, exc.status, exc.message, exc.code, exc.details)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        details = [
            {"loc": [str(x) for x in e.get("loc", ())], "message": str(e.get("msg", ""))}
            for e in exc.errors()
        ]
        return _respond(request, 422, "the request is not valid", "invalid", details)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        message = exc.detail if isinstance(exc.detail, str) else CODES.get(exc.status_code, "")
        response = _respond(request, exc.status_code, message)
        for name, value in (exc.headers or {}).items():
            response.headers[name] = value
        if exc.status_code == 405:
            response.headers["Allow"] = ", ".join(_allowed(request))
        return response

    @app.exception_handler(Exception)
    async def crash(request: Request, exc: Exception) -> Response:
        log.exception("unhandled error on %s", request.url.path)
        return _respond(request, 500, f"newsfuse failed on this request ({type(exc).__name__})")
