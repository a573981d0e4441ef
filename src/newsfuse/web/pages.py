"""The HTML pages of ``newsfuse serve``: stories, a story's brief and its sources side by
side, quotes by speaker, search, one article, and adding articles.

Every page is rendered on the server (``templates/``, autoescaped) and works without
JavaScript. Routes are plain functions, so FastAPI runs them in its thread pool: composing
a brief (spaCy, seconds) or fetching a URL never blocks the event loop.
"""

from __future__ import annotations

import threading
from collections import Counter, OrderedDict
from collections.abc import Callable, Sequence
from typing import Annotated, Any
from urllib.parse import urlencode, urlsplit

from fastapi import APIRouter, File, Form, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from newsfuse.briefing.render import (
    _date_line,
    carried_by,
    cite,
    claim_cells,
    differs_note,
    facts_beyond_summary,
    figure_groups,
    figure_value,
    outlets,
    quotes_by_speaker,
    snippet,
    unique_by_article,
)
from newsfuse.model import Brief
from newsfuse.store import StoredBrief
from newsfuse.store.briefs import articles_key
from newsfuse.web import render, views
from newsfuse.web.config import WebConfig, config_of
from newsfuse.web.data import snapshot, story_brief
from newsfuse.web.errors import ApiError
from newsfuse.web.fetch import fetch
from newsfuse.web.jobs import UPLOAD_SUFFIXES, jobs_of, upload_suffix
from newsfuse.web.svg import timeline_svg

router = APIRouter(include_in_schema=False)

# Speakers listed as links on the quotes page (most quoted first).
SHOWN_SPEAKERS = 60
# Highest page number a list accepts (a search reads every hit up to the page asked for).
MAX_PAGE = 10_000
# Longest pasted title that stays a title (the ingest reads longer header values as text).
MAX_TITLE_CHARS = 300

PageNumber = Annotated[int, Query(ge=1, le=MAX_PAGE)]


def _url(path: str, **params: object) -> str:
    """``path`` with the query parameters that have a value."""
    query = urlencode({k: v for k, v in params.items() if v not in (None, "")})
    return f"{path}?{query}" if query else path


# ----------------------------------------------------------------------------- stories


@router.get("/", response_class=HTMLResponse)
def stories_page(request: Request, sort: str = "articles", page: PageNumber = 1) -> Response:
    """Every story, sortable by column, one page at a time."""
    config = config_of(request)
    order = views.story_sort(sort)
    try:
        with snapshot(config) as store:
            stamp = store.stories_version()
            key = ("list", f"{config.db} {stamp}", f"{order} {page} {config.page_size}")
            html = _recall(key)
            if html is not None:
                return HTMLResponse(html)
            stories = store.stories()
            n_articles = store.count()
    except ApiError as exc:
        if exc.code != "no_store":
            raise
        return render.page("stories.html.j2", request, stories=[], missing=True, db=config.db)
    paging = views.paginate(len(stories), page, config.page_size)
    shown = views.sort_stories(stories, order)[paging.start : paging.stop]
    html = render.render(
        "stories.html.j2",
        request,
        stories=shown,
        missing=False,
        n_articles=n_articles,
        sort=order,
        paging=paging,
        sort_url=lambda s: _url("/", sort=s if s != "articles" else None),
        page_url=lambda n: _url("/", sort=order if order != "articles" else None, page=n),
    )
    _keep(key, html)
    return HTMLResponse(html)


def _story_context(config: WebConfig, story_id: str) -> dict[str, Any]:
    brief = story_brief(config, story_id)
    compare = f"/stories/{story_id}/compare"
    return {
        "brief": brief,
        "compare": compare,
        "link": lambda article, paragraph: f"{compare}#{views.anchor(brief, article, paragraph)}",
        "cite": lambda article, paragraph: cite(brief, article, paragraph),
    }


# Rendered story and compare pages, by (page, story, its articles): a kept brief of
# the same articles renders the same page, and rendering is most of a page's cost.
_RENDERED: OrderedDict[tuple[str, str, str], str] = OrderedDict()
_RENDERED_MAX = 128
_RENDERED_LOCK = threading.Lock()


def _story_key(
    config: WebConfig, kind: str, story_id: str, article_ids: Sequence[str]
) -> tuple[str, str, str]:
    return (kind, f"{config.db} {story_id}", articles_key(article_ids))


def _rendered(config: WebConfig, kind: str, story_id: str) -> HTMLResponse | None:
    """The page as rendered before, if the story still has the same articles."""
    with snapshot(config) as store:
        key = _story_key(config, kind, story_id, store.story_article_ids(story_id))
    html = _recall(key)
    return None if html is None else HTMLResponse(html)


def _cached(config: WebConfig, kind: str, brief: Brief, make: Callable[[], str]) -> HTMLResponse:
    """Render a story's page with ``make`` and keep it for the story's set of articles."""
    html = make()
    _keep(_story_key(config, kind, brief.story.id, [a.id for a in brief.articles]), html)
    return HTMLResponse(html)


def _recall(key: tuple[str, str, str]) -> str | None:
    with _RENDERED_LOCK:
        html = _RENDERED.get(key)
        if html is not None:
            _RENDERED.move_to_end(key)
        return html


def _keep(key: tuple[str, str, str], html: str) -> None:
    with _RENDERED_LOCK:
        _RENDERED[key] = html
        while len(_RENDERED) > _RENDERED_MAX:
            _RENDERED.popitem(last=False)


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story_page(request: Request, story_id: str) -> Response:
    """A story's brief, every citation linked to the paragraph in the side-by-side view."""
    done = _rendered(config_of(request), "story", story_id)
    if done is not None:
        return done
    context = _story_context(config_of(request), story_id)
    brief = context["brief"]
    return _cached(config_of(request), "story", brief, lambda: _story_html(request, context))


def _story_html(request: Request, context: dict[str, Any]) -> str:
    brief = context["brief"]
    return render.render(
        "story.html.j2",
        request,
        **context,
        chart=timeline_svg(brief),
        outlets=outlets(brief),
        date_line=_date_line,
        snippet=snippet,
        removal_counts=lambda a: Counter(r.reason for r in a.removed).most_common(),
        quotes_by_speaker=quotes_by_speaker(brief),
        carried_by=carried_by(brief),
        facts_beyond_summary=facts_beyond_summary(brief),
        differs_note=lambda line: differs_note(brief, line),
        claim_cells=lambda row: claim_cells(brief, row),
        unique_by_article=unique_by_article(brief),
        figure_groups=figure_groups(brief),
        figure_value=figure_value,
        conflicting=views.conflicting_numbers(brief),
    )


@router.get("/stories/{story_id}/compare", response_class=HTMLResponse)
def compare_page(request: Request, story_id: str) -> Response:
    """The story's articles side by side, paragraphs highlighted by what the brief found."""
    done = _rendered(config_of(request), "compare", story_id)
    if done is not None:
        return done
    context = _story_context(config_of(request), story_id)
    return _cached(
        config_of(request), "compare", context["brief"], lambda: _compare_html(request, context)
    )


def _compare_html(request: Request, context: dict[str, Any]) -> str:
    brief = context["brief"]
    columns = views.compare_columns(brief)
    counts = {h.kind: sum(c.count(h.kind) for c in columns) for h in views.HIGHLIGHTS}
    return render.render(
        "compare.html.j2",
        request,
        **context,
        columns=columns,
        counts=counts,
        summary=views.summary_lines(brief),
        quote_groups=views.quote_group_views(brief),
    )


# ----------------------------------------------------------------------------- quotes, search


@router.get("/quotes", response_class=HTMLResponse)
def quotes_page(
    request: Request, speaker: str = "", q: str = "", story: str = "", page: PageNumber = 1
) -> Response:
    """Quotes of the computed briefs by speaker, filtered by speaker, words and story."""
    config = config_of(request)
    size = config.page_size
    speaker, q, story = speaker.strip(), q.strip(), story.strip()
    with snapshot(config) as store:
        filters: dict[str, Any] = {
            "speaker": speaker or None,
            "text": q or None,
            "story": story or None,
        }
        hits, total = store.find_quotes(**filters, limit=size, offset=(page - 1) * size)
        paging = views.paginate(total, page, size)
        if paging.page != page:  # past the last page: show the last one
            hits, total = store.find_quotes(**filters, limit=size, offset=paging.start)
        briefs = store.stored_briefs([h.story_id for h in hits] + ([story] if story else []))
        everyone = store.speakers()
        computed, n_stories = store.brief_coverage()

    def source_link(hit: Any) -> str | None:
        label = briefs.get(hit.story_id, StoredBrief("", {})).labels.get(hit.article_id)
        if label is None:
            return None
        return f"/stories/{hit.story_id}/compare#{label}-p{hit.paragraph + 1}"

    def source_label(hit: Any) -> str:
        label = briefs.get(hit.story_id, StoredBrief("", {})).labels.get(hit.article_id)
        return f"{label or '?'} ¶{hit.paragraph + 1}"

    return render.page(
        "quotes.html.j2",
        request,
        speaker=speaker,
        q=q,
        story=story,
        story_headline=briefs[story].headline if story in briefs else None,
        groups=views.group_by_speaker(hits),
        total=total,
        paging=paging,
        page_url=lambda n: _url("/quotes", speaker=speaker, q=q, story=story, page=n),
        speaker_url=lambda name: _url("/quotes", speaker=name, story=story),
        source_link=source_link,
        source_label=source_label,
        speakers=everyone[:SHOWN_SPEAKERS],
        n_speakers=len(everyone),
        computed=computed,
        n_stories=n_stories,
    )


@router.get("/search", response_class=HTMLResponse)
def search_page(request: Request, q: str = "", page: PageNumber = 1) -> Response:
    """Full-text search over every stored article's title and text."""
    config = config_of(request)
    q = q.strip()
    if not q:
        return render.page("search.html.j2", request, q="", result=None)
    size = config.page_size
    with snapshot(config) as store:
        result = store.search(q, limit=page * size)
        paging = views.paginate(result.total, page, size)
        if paging.page != page:
            result = store.search(q, limit=paging.stop)
    return render.page(
        "search.html.j2",
        request,
        q=q,
        result=result,
        hits=result.hits[paging.start : paging.stop],
        paging=paging,
        page_url=lambda n: _url("/search", q=q, page=n),
        parts=views.snippet_parts,
    )


# ----------------------------------------------------------------------------- one article


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_page(request: Request, article_id: str) -> Response:
    """One stored article: metadata and where it came from, its text, what cleaning did."""
    with snapshot(config_of(request)) as store:
        article = store.get(article_id)
        if article is None:
            raise ApiError(404, f"no article {article_id!r}")
        story_id = store.story_of(article_id)
        size = store.story_size(story_id) if story_id else 0
        stored = store.stored_briefs([story_id] if story_id else [])
    brief = stored.get(story_id or "")
    return render.page(
        "article.html.j2",
        request,
        article=article,
        story_id=story_id,
        story_size=size,
        story_headline=brief.headline if brief else None,
        label=brief.labels.get(article_id) if brief else None,
        removal_counts=Counter(r.reason for r in article.removed).most_common(),
    )


# ----------------------------------------------------------------------------- adding articles


def _add_form(
    request: Request, status: int = 200, error: str | None = None, **values: str
) -> HTMLResponse:
    config = config_of(request)
    return render.page(
        "add.html.j2",
        request,
        status,
        error=error,
        values=values,
        max_items=config.max_items,
        max_mb=config.max_upload_bytes / 1024 / 1024,
        suffixes=UPLOAD_SUFFIXES,
        max_title=MAX_TITLE_CHARS,
    )


@router.get("/add", response_class=HTMLResponse)
def add_page(request: Request) -> Response:
    """The form: upload files, paste a text, or give a URL."""
    return _add_form(request)


def _check_origin(request: Request) -> None:
    """Refuse a form posted from another site (a page elsewhere cannot add articles here).

    Browsers say where a request comes from in ``Sec-Fetch-Site``, and in ``Origin``
    (which is "null" for this site's own forms, since its pages send no referrer)."""
    site = request.headers.get("sec-fetch-site")
    origin = request.headers.get("origin")
    foreign_origin = origin not in (None, "null") and urlsplit(
        origin
    ).netloc != request.headers.get("host")
    if site not in (None, "same-origin", "none") or foreign_origin:
        raise ApiError(403, "articles can only be added from this server's own pages")


@router.post("/add", response_class=HTMLResponse)
def add_submit(
    request: Request,
    files: Annotated[list[UploadFile] | None, File()] = None,
    text: Annotated[str, Form()] = "",
    title: Annotated[str, Form()] = "",
    url: Annotated[str, Form()] = "",
) -> Response:
    """Queue one ingest job of everything given, then show its progress page."""
    _check_origin(request)
    config = config_of(request)
    uploads = [f for f in files or [] if f.filename or f.size]
    title = " ".join(title.split())
    url = url.strip()
    keep = {"text": text, "title": title, "url": url}
    count = len(uploads) + bool(text.strip()) + bool(url)
    if count == 0:
        message = "Choose files to upload, paste an article's text, or give a URL."
        if title:
            message = "Paste the article's text under its title."
        return _add_form(request, 422, message, **keep)
    if count > config.max_items:
        raise ApiError(
            413,
            f"{count} items given; the server takes at most {config.max_items} per request",
        )
    if title and not text.strip():
        return _add_form(request, 422, "Paste the article's text under its title.", **keep)
    if len(title) > MAX_TITLE_CHARS:
        return _add_form(
            request, 422, f"The title is longer than {MAX_TITLE_CHARS} characters.", **keep
        )
    inputs: list[tuple[str, str, bytes]] = []
    for f in uploads:
        name = f.filename or "upload"
        inputs.append((name, upload_suffix(name), f.file.read()))
    if text.strip():
        header = f"title: {title}\n\n" if title else ""
        inputs.append(("pasted text", ".txt", (header + text).encode()))
    if url:
        try:
            fetched = fetch(url, allow_private=config.allow_private, max_bytes=config.max_url_bytes)
        except ApiError as exc:
            return _add_form(request, exc.status, exc.message, **keep)
        inputs.append((url, fetched.suffix, fetched.content))
    job = jobs_of(request).submit(inputs)
    return RedirectResponse(f"/jobs/{job.id}", status_code=303)


@router.get("/jobs/{job_id}", response_class=HTMLResponse)
def job_page(request: Request, job_id: str) -> Response:
    """An ingest job's progress; once finished, each item's outcome and its stories."""
    job = jobs_of(request).get(job_id)
    if job is None:
        raise ApiError(404, f"no job {job_id!r} (jobs are forgotten when the server restarts)")
    finished = job.state in ("done", "failed")
    stories: list[views.StoryLink] = []
    ids = [a for item in job.items if item.status != "rejected" for a in item.articles]
    if job.state == "done" and ids:
        with snapshot(config_of(request)) as store:
            stories = views.stories_holding(store.stories(), ids)
    # a finished upload that stored nothing answers as the API does: 422
    status = 422 if job.state == "done" and all(i.status == "rejected" for i in job.items) else 200
    return render.page(
        "job.html.j2",
        request,
        status,
        job=job,
        finished=finished,
        stories=stories,
    )
