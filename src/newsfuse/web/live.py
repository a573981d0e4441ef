"""What is new since a reader's last visit, and which stories are developing: the
``/new`` page and its JSON twins ``/api/new`` and ``/api/developing``.

The last visit is kept in a cookie on the reader's browser (no account needed):
``baseline|last_seen``. A visit that comes within :data:`SESSION_GAP` of the last
keeps the same baseline, so reloading the page does not make the news vanish; a
later visit moves the baseline to the last one's time.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse
from pydantic import BaseModel, Field

from newsfuse.store.activity import (
    DEVELOPING_HOURS,
    StoryActivity,
    stamp,
)
from newsfuse.web import render
from newsfuse.web.api import _errors
from newsfuse.web.config import WebConfig, config_of
from newsfuse.web.data import snapshot
from newsfuse.web.errors import ApiError

pages = APIRouter(include_in_schema=False)
api = APIRouter(prefix="/api", tags=["api"])

# The cookie holding a reader's visits.
VISIT_COOKIE = "nf_visit"
# Two requests closer than this are one visit (the baseline stays).
SESSION_GAP = timedelta(minutes=30)
# How far back a first visit (no cookie) is shown.
FIRST_VISIT_WINDOW = timedelta(hours=24)
# How long the browser keeps the cookie.
COOKIE_MAX_AGE_S = 365 * 24 * 3600
# Longest window a request may ask for (hours): a week.
MAX_HOURS = 24 * 7


class Activity(BaseModel):
    """A story's articles stored in a window."""

    story: str
    headline: str
    articles: int = Field(description="articles the story holds in all")
    new_articles: int = Field(description="articles stored in the window")
    syndicated_copies: int = Field(description="of which near-identical copies of another")
    independent_reports: int = Field(description="new articles, a syndicated copy counted once")
    independent_outlets: list[str] = Field(description="outlets of those independent reports")
    latest: str = Field(description="when the newest of them was stored (UTC)")


class NewSince(BaseModel):
    since: str = Field(description="the moment (UTC) the list starts from")
    new_articles: int
    stories: list[Activity]


class Developing(BaseModel):
    hours: float = Field(description="the window looked back over")
    since: str
    stories: list[Activity] = Field(
        description="most independent outlets first, then most independent reports"
    )


def _parse(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None


def _visit(cookie: str | None, now: datetime) -> tuple[datetime | None, datetime]:
    """(baseline, the new cookie's baseline) from the cookie and the time of this visit."""
    baseline_s, _, last_s = (cookie or "").partition("|")
    baseline, last = _parse(baseline_s), _parse(last_s)
    if last is None:
        return None, now
    if now - last < SESSION_GAP and baseline is not None:
        return baseline, baseline
    return last, last


def _new_and_developing(
    config: WebConfig, since: datetime, now: datetime, hours: float
) -> tuple[list[StoryActivity], list[StoryActivity]]:
    with snapshot(config) as store:
        return store.activity_since(stamp(since)), store.developing(now, hours=hours)


@pages.get("/new", response_class=HTMLResponse)
def new_page(request: Request) -> HTMLResponse:
    """Stories that gained articles since the reader's last visit, and developing stories."""
    config = config_of(request)
    now = config.clock()
    baseline, keep = _visit(request.cookies.get(VISIT_COOKIE), now)
    since = baseline or now - FIRST_VISIT_WINDOW
    try:
        fresh, growing = _new_and_developing(config, since, now, DEVELOPING_HOURS)
    except ApiError as exc:
        if exc.code != "no_store":
            raise
        fresh, growing = [], []
    response = render.page(
        "new.html.j2",
        request,
        fresh=fresh,
        growing=growing,
        since=stamp(since),
        first_visit=baseline is None,
        hours=DEVELOPING_HOURS,
        n_new=sum(a.new_articles for a in fresh),
    )
    response.set_cookie(
        VISIT_COOKIE,
        f"{stamp(keep)}|{stamp(now)}",
        max_age=COOKIE_MAX_AGE_S,
        httponly=True,
        samesite="lax",
    )
    return response


@api.get("/new", summary="What is new since a moment", responses=_errors(422, 503))
def api_new(
    request: Request,
    since: Annotated[
        str | None,
        Query(
            description="ISO 8601 time (UTC when no zone is given); default: 24 hours ago",
            json_schema_extra={"format": "date-time"},
        ),
    ] = None,
) -> NewSince:
    """The stories that gained articles stored after ``since``, most new articles first
    (the JSON twin of the page /new, whose ``since`` is the reader's last visit)."""
    config = config_of(request)
    now = config.clock()
    moment = now - FIRST_VISIT_WINDOW
    if since is not None:
        try:
            given = datetime.fromisoformat(since.strip())
        except ValueError as exc:
            raise ApiError(
                422,
                "since must be an ISO 8601 time, e.g. 2024-05-01T08:00:00+00:00",
                details=[{"loc": ["query", "since"], "message": str(exc)}],
            ) from exc
        moment = (given if given.tzinfo else given.replace(tzinfo=UTC)).astimezone(UTC)
    with snapshot(config) as store:
        fresh = store.activity_since(stamp(moment))
    return NewSince.model_validate(
        {
            "since": stamp(moment),
            "new_articles": sum(a.new_articles for a in fresh),
            "stories": [a.as_json() for a in fresh],
        }
    )


@api.get("/developing", summary="Developing stories", responses=_errors(422, 503))
def api_developing(
    request: Request,
    hours: Annotated[
        float, Query(gt=0, le=MAX_HOURS, description="how far back to look")
    ] = DEVELOPING_HOURS,
) -> Developing:
    """Stories that grew the most in the last ``hours``, counting independent outlets
    (a syndicated copy counts once, as its original)."""
    config = config_of(request)
    now = config.clock()
    with snapshot(config) as store:
        growing = store.developing(now, hours=hours)
    return Developing.model_validate(
        {
            "hours": hours,
            "since": stamp(now - timedelta(hours=hours)),
            "stories": [a.as_json() for a in growing],
        }
    )
