"""The REST API under /api/: stories, briefs, articles, quotes, search, and ingest.

Every answer is JSON. Reads use one consistent snapshot of the store
(:func:`newsfuse.web.data.snapshot`); writes go through the app's one ingest
worker (:mod:`newsfuse.web.jobs`) and the request waits for the job to finish,
so that a client sees per-item results (new, already present, rejected with the
reason) in the answer. A request is validated in full before anything is queued:
a bad request changes nothing in the store. Errors have the one shape of
:mod:`newsfuse.web.errors`; the response models below are what ``/openapi.json``
and ``/docs`` describe.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Annotated, Any, Literal, TypeAlias

from fastapi import APIRouter, Query, Request
from fastapi import Path as PathParam
from fastapi.routing import APIRoute
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.formparsers import MultiPartException, MultiPartParser

from newsfuse.briefing.compose import article_json
from newsfuse.errors import InputError
from newsfuse.ingest.records import (
    ARTICLE_FIELDS,
    PARAGRAPH_FIELDS,
    STRING_FIELDS,
    TEXT_FIELDS,
    record_to_document,
)
from newsfuse.model import Brief, BriefArticle, Removal, Story, StoryList
from newsfuse.store.briefs import QuoteHit
from newsfuse.store.queries import ArticleListing
from newsfuse.store.search import SearchHit as StoredHit
from newsfuse.store.search import SearchResult
from newsfuse.web.config import MAX_ITEMS, PAGE_SIZE, config_of
from newsfuse.web.data import snapshot, story_brief
from newsfuse.web.errors import ApiError
from newsfuse.web.fetch import fetch
from newsfuse.web.jobs import Job, jobs_of, upload_suffix
from newsfuse.web.records import response_model
from newsfuse.web.views import StorySort, sort_stories


def _operation_id(route: APIRoute) -> str:
    """OpenAPI operation ids are the endpoint functions' names (``get_story``…)."""
    return route.name


router = APIRouter(prefix="/api", tags=["api"], generate_unique_id_function=_operation_id)

# How every `paragraph` field of the API counts, said the same way in the pages (the
# article page, the compare page) and in the app's description.
PARAGRAPH_NOTE = (
    "0-based index into the article's `paragraphs`; pages and briefs cite it from 1, "
    "as ¶N with N = paragraph + 1"
)

# Longest a POST waits for its ingest job. Generous, since the answer carries every
# item's outcome; past it the client gets 503 with the job id to follow at /api/jobs/.
INGEST_WAIT_S = 300.0
# Largest page size a list accepts: big enough for a script, small enough that one
# page stays a quick answer.
MAX_PER_PAGE = 200
# Highest page number accepted; keeps the SQL offset far from integer overflow.
MAX_PAGE = 1_000_000
# Most search hits one request returns.
MAX_SEARCH_LIMIT = 200
# Longest query or filter string accepted.
MAX_QUERY_CHARS = 500
# Longest URL accepted for ingest.
MAX_URL_CHARS = 2048
# Non-file fields a multipart upload may carry besides its files.
MAX_FORM_FIELDS = 100

# Patterns of "not blank", matching Python's str.strip: Unicode spaces plus the \x1c-\x1f
# separators, on which regex engines disagree. A query must also hold more than NULs.
NOT_BLANK = r"[^\s\x1c-\x1f]"
WORDY = r"[^\s\x00\x1c-\x1f]"
# Ids are short words (story "s12", article "c138d83ae2bbc675", job "j3").
ID_PATTERN = r"^[A-Za-z0-9_-]+$"
ID_MAX = 64


# --------------------------------------------------------------------------- models


class ErrorInfo(BaseModel):
    status: int = Field(description="the HTTP status, repeated")
    code: str = Field(description="a stable code word: not_found, invalid, too_large…")
    message: str = Field(description="what went wrong and, where it helps, what to do")
    details: list[dict[str, Any]] = Field(
        description="for 422s, each invalid field: loc (where) and message; else often empty"
    )


class Error(BaseModel):
    """The one error shape of the API."""

    error: ErrorInfo


def _errors(*statuses: int) -> dict[int | str, dict[str, Any]]:
    words = {
        400: "The URL could not be fetched",
        404: "No such item",
        413: "The request or the page it names is too large, or holds too many items",
        415: "The request body is neither JSON nor multipart/form-data",
        422: "The request is not valid, or every item in it was rejected (code "
        "all_rejected); details name each problem",
        500: "The ingest failed",
        503: "No store yet, or the ingest did not finish in time",
    }
    return {s: {"model": Error, "description": words[s]} for s in statuses}


if TYPE_CHECKING:  # models made at import (newsfuse.web.records): mypy knows them as BaseModel
    ArticleRef: TypeAlias = BaseModel
    RemovalDetail: TypeAlias = BaseModel
    ArticleOut: TypeAlias = BaseModel
    QuoteOut: TypeAlias = BaseModel
    SearchHit: TypeAlias = BaseModel
    SearchResults: TypeAlias = BaseModel
else:
    ArticleRef = response_model(ArticleListing, name="ArticleRef")
    RemovalDetail = response_model(
        Removal,
        name="RemovalDetail",
        describe={
            "detail": "e.g. which paragraph carries the same content",
            "paragraph": "0-based index among the paragraphs of the input, before cleaning "
            "(-1: unknown); `detail` names kept paragraphs from 1, as the pages do (¶N)",
        },
    )
    ArticleOut = response_model(
        BriefArticle,
        name="ArticleOut",
        doc="A stored article as cleaning left it, with what was removed or repaired and\n"
        "where each of its title, date and outlet came from.",
        drop={"label"},
        add={"story": (str | None, Field())},
        after="id",
        retype={"removed": tuple[RemovalDetail, ...]},
    )
    QuoteOut = response_model(
        QuoteHit,
        rename={"story_id": "story", "quote_id": "id", "article_id": "article"},
        describe={"paragraph": PARAGRAPH_NOTE},
        name="QuoteOut",
    )
    SearchHit = response_model(
        StoredHit,
        describe={
            "highlights": "[start, end] of each match in snippet",
            "score": "bm25; lower is a better match",
        },
        retype={"highlights": list[list[int]]},
    )
    SearchResults = response_model(
        SearchResult,
        name="SearchResults",
        add={"schema_": (Literal["newsfuse.search/1"], Field(alias="schema"))},
        describe={
            "fts_query": "the full-text expression actually run",
            "note": "set when the query was read as plain words",
        },
        retype={"note": str | None, "hits": list[SearchHit]},
    )


class ArticleList(BaseModel):
    articles: list[ArticleRef]
    page: int
    per_page: int
    total: int = Field(description="articles in the store")


class BriefCounts(BaseModel):
    computed: int = Field(description="stories whose current brief is computed")
    stories: int = Field(description="stories in the store")


class QuoteList(BaseModel):
    quotes: list[QuoteOut]
    total: int = Field(description="matching quotes in the computed briefs")
    page: int
    per_page: int
    briefs: BriefCounts = Field(
        description="quotes come from computed briefs only: how many stories have one"
    )


class IngestItem(BaseModel):
    name: str = Field(description='the file name, the URL or "record N"')
    status: Literal["new", "present", "rejected"] | None
    articles: list[str]
    reason: str | None


class IngestResult(BaseModel):
    job: str
    new: int
    present: int
    rejected: int
    items: list[IngestItem]


class JobOut(BaseModel):
    id: str
    state: Literal["queued", "running", "done", "failed"]
    total: int
    done: int
    new: int
    present: int
    rejected: int
    error: str | None
    items: list[IngestItem]


class UrlRequest(BaseModel):
    url: str = Field(min_length=1, max_length=MAX_URL_CHARS, description="an http(s) URL")


# --------------------------------------------------------------------------- parameters

Page = Annotated[int, Query(ge=1, le=MAX_PAGE, description="page number, from 1")]
PerPage = Annotated[int, Query(ge=1, le=MAX_PER_PAGE, description="items per page")]
StoryId = Annotated[
    str, PathParam(pattern=ID_PATTERN, max_length=ID_MAX, examples=["s1"], description="story id")
]
ArticleId = Annotated[
    str,
    PathParam(
        pattern=ID_PATTERN,
        max_length=ID_MAX,
        examples=["c138d83ae2bbc675"],
        description="article id",
    ),
]
JobId = Annotated[
    str, PathParam(pattern=ID_PATTERN, max_length=ID_MAX, examples=["j1"], description="job id")
]


# --------------------------------------------------------------------------- stories


@router.get(
    "/stories",
    summary="List stories",
    responses=_errors(422, 503),
)
def list_stories(
    request: Request,
    sort: Annotated[StorySort, Query(description="order of the list")] = "articles",
    page: Page = 1,
    per_page: PerPage = PAGE_SIZE,
) -> StoryList:
    """Stories with their articles (``newsfuse.stories/1``), one page at a time."""
    with snapshot(config_of(request)) as store:
        stories = sort_stories(store.stories(), sort)
    start = (page - 1) * per_page
    return StoryList(
        stories=tuple(stories[start : start + per_page]),
        page=page,
        per_page=per_page,
        total=len(stories),
    )


@router.get("/stories/{story_id}", summary="One story", responses=_errors(404, 422, 503))
def get_story(request: Request, story_id: StoryId) -> Story:
    """One story: headline, dates, outlets, its articles and its merges and splits."""
    with snapshot(config_of(request)) as store:
        found = next(iter(store.stories(only=story_id)), None)
    if found is None:
        raise ApiError(404, f"no story {story_id!r}")
    return found


@router.get(
    "/stories/{story_id}/brief",
    summary="A story's brief",
    responses=_errors(404, 422, 503),
)
def get_brief(request: Request, story_id: StoryId) -> Brief:
    """The story's sourced brief (``newsfuse.brief/1``): entities, quotes grouped by
    statement, figures and their conflicts, timeline, summary. The first request for a
    story computes it (a few seconds); later ones get the kept copy."""
    brief = story_brief(config_of(request), story_id)
    return brief


# --------------------------------------------------------------------------- articles


@router.get("/articles", summary="List articles", responses=_errors(422, 503))
def list_articles(request: Request, page: Page = 1, per_page: PerPage = PAGE_SIZE) -> ArticleList:
    """Stored articles in the order they arrived, each with its story."""
    with snapshot(config_of(request)) as store:
        total = store.count()
        listing = store.article_listing(limit=per_page, offset=(page - 1) * per_page)
    return ArticleList.model_validate(
        {
            "articles": listing,
            "page": page,
            "per_page": per_page,
            "total": total,
        }
    )


@router.get("/articles/{article_id}", summary="One article", responses=_errors(404, 422, 503))
def get_article(request: Request, article_id: ArticleId) -> ArticleOut:
    """The cleaned article with its removals (and their reasons), repairs, provenance
    and story."""
    with snapshot(config_of(request)) as store:
        article = store.get(article_id)
        story_id = store.story_of(article_id)
    if article is None:
        raise ApiError(404, f"no article {article_id!r}")
    return ArticleOut.model_validate(article_json(article, story=story_id))


# --------------------------------------------------------------------------- quotes, search


@router.get("/quotes", summary="Who said what", responses=_errors(422, 503))
def list_quotes(
    request: Request,
    speaker: Annotated[
        str | None, Query(max_length=MAX_QUERY_CHARS, description="part of the speaker's name")
    ] = None,
    story: Annotated[str | None, Query(max_length=ID_MAX, description="a story id")] = None,
    q: Annotated[
        str | None, Query(max_length=MAX_QUERY_CHARS, description="words of the quote")
    ] = None,
    page: Page = 1,
    per_page: PerPage = PAGE_SIZE,
) -> QuoteList:
    """Quotes across stories, by speaker (any part of the name, any case), story and
    text. Only stories whose brief has been computed contribute: ``briefs`` says how
    many of the store's stories that is (opening a story's brief computes it)."""
    with snapshot(config_of(request)) as store:
        hits, total = store.find_quotes(
            speaker=speaker or None,
            story=story or None,
            text=q or None,
            limit=per_page,
            offset=(page - 1) * per_page,
        )
        computed, n_stories = store.brief_coverage()
    return QuoteList.model_validate(
        {
            "quotes": hits,
            "total": total,
            "page": page,
            "per_page": per_page,
            "briefs": {"computed": computed, "stories": n_stories},
        }
    )


@router.get("/search", summary="Full-text search", responses=_errors(422, 503))
def search(
    request: Request,
    q: Annotated[
        str,
        Query(
            min_length=1,
            max_length=MAX_QUERY_CHARS,
            pattern=WORDY,
            description='FTS5 syntax (`Bakhmut AND Zelensky`, `"front line"`, `Zelensk*`); '
            "a query that is not valid syntax is searched as plain words, and `note` says so",
        ),
    ],
    limit: Annotated[int, Query(ge=1, le=MAX_SEARCH_LIMIT, description="most hits")] = PAGE_SIZE,
) -> SearchResults:
    """Articles matching ``q`` in title or text, best first, each with a snippet."""
    # SQLite reads a NUL as the end of the query string: it can only separate words.
    query = q.replace("\x00", " ")
    if not query.strip():  # WORDY already refuses these; kept in case the two drift apart
        message = "the search query is empty: give at least one word"
        raise ApiError(422, message, details=[{"loc": ["query", "q"], "message": message}])
    with snapshot(config_of(request)) as store:
        result = store.search(query, limit=limit)
    return SearchResults.model_validate(result.as_json())


# --------------------------------------------------------------------------- ingest

# A record is read by ingest's own JSON reader (newsfuse.ingest.records), so it takes
# the fields that reader takes; the schema lists them.
_NAMED: dict[str, Any] = {
    "type": "object",
    "properties": {"name": {"type": "string"}, "title": {"type": "string"}},
    "description": "read as its name (or title)",
}
_PARAGRAPHS: dict[str, Any] = {
    "type": "array",
    "items": {"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]},
    "description": "the paragraphs, each a string or a list of sentences",
}
_RECORD_SCHEMA: dict[str, Any] = {
    "type": "object",
    "description": "one article, as in a .json file for `newsfuse ingest`: the text in one "
    f"of {', '.join(TEXT_FIELDS)}, or paragraphs in one of {', '.join(PARAGRAPH_FIELDS)}, "
    "or a page in html",
    "properties": {
        **{f: {"anyOf": [{"type": "string"}, {"type": "null"}, _NAMED]} for f in STRING_FIELDS},
        **{f: {"anyOf": [_PARAGRAPHS, {"type": "null"}]} for f in PARAGRAPH_FIELDS},
    },
    "anyOf": [{"required": [f]} for f in ARTICLE_FIELDS],
}
# The item limit is the server's (WebConfig.max_items), so it is told, not declared as
# maxItems: past it the answer is 413 too_many_items, not a validation error.
_LIMIT_NOTE = f"at most the server's item limit ({MAX_ITEMS} by default; more: 413)"
_RECORDS_SCHEMA: dict[str, Any] = {
    "type": "array",
    "minItems": 1,
    "items": _RECORD_SCHEMA,
    "description": f"the records, {_LIMIT_NOTE}",
}
_INGEST_BODY: dict[str, Any] = {
    "required": True,
    "content": {
        "application/json": {
            "schema": {
                "oneOf": [
                    _RECORDS_SCHEMA,
                    {
                        "type": "object",
                        "properties": {"records": _RECORDS_SCHEMA},
                        "required": ["records"],
                    },
                ]
            }
        },
        "multipart/form-data": {
            "schema": {
                "type": "object",
                "properties": {
                    "files": {
                        "type": "array",
                        "minItems": 1,
                        "items": {"type": "string", "format": "binary"},
                        "description": "article files: .txt, .html, .htm, .json, .jsonl "
                        f"(any other name is read as text), {_LIMIT_NOTE}",
                    }
                },
                "required": ["files"],
            }
        },
    },
}


@router.post(
    "/articles",
    summary="Add articles",
    responses=_errors(413, 415, 422, 500, 503),
    openapi_extra={"requestBody": _INGEST_BODY},
)
async def add_articles(request: Request) -> IngestResult:
    """Ingest JSON records (a list, or ``{"records": [...]}``) or uploaded files
    (multipart ``files``) and wait for the job: each item comes back ``new``,
    ``present`` (already stored) or ``rejected`` with the reason. Stories are updated
    in the same transaction. A request that is not valid (422), too large or with
    more items than the server takes (413) changes nothing; one whose every item is
    rejected stores nothing and answers 422 ``all_rejected``, each item's reason in
    ``details``."""
    config = config_of(request)
    kind = request.headers.get("content-type", "").split(";", 1)[0].strip().lower()
    if kind == "application/json" or kind.endswith("+json"):
        inputs = _records(await request.body(), config.max_items)
    elif kind == "multipart/form-data":
        inputs = await _uploads(request, config.max_items)
    else:
        raise ApiError(
            415,
            f"send application/json records or multipart/form-data files, not {kind or 'nothing'}",
        )
    return await _ingest(request, inputs)


@router.post(
    "/urls",
    summary="Add the article at a URL",
    responses=_errors(400, 413, 422, 500, 503),
)
async def add_url(request: Request, body: UrlRequest) -> IngestResult:
    """Fetch an http(s) page and ingest it like an upload. Addresses on this machine
    or a private network are refused (422) unless the server runs with
    ``--allow-private``; a page that cannot be fetched is a 400, and one that holds
    no article a 422 ``all_rejected``."""
    config = config_of(request)
    url = body.url.strip()
    page = await run_in_threadpool(
        fetch, url, allow_private=config.allow_private, max_bytes=config.max_url_bytes
    )
    return await _ingest(request, [(url, page.suffix, page.content)])


@router.get("/jobs/{job_id}", summary="An ingest job", responses=_errors(404, 422))
def get_job(request: Request, job_id: JobId) -> JobOut:
    """An ingest job's progress and, once done, each item's status."""
    job = jobs_of(request).get(job_id)
    if job is None:
        raise ApiError(404, f"no job {job_id!r} (finished jobs are forgotten after a while)")
    return JobOut.model_validate(job.as_json())


def _invalid(message: str, details: list[dict[str, Any]]) -> ApiError:
    return ApiError(422, message, details=details)


def _too_many(count: int, limit: int) -> ApiError:
    return ApiError(
        413,
        f"the request holds {count} items; the server takes at most {limit} per request",
        code="too_many_items",
    )


def _records(body: bytes, max_items: int) -> list[tuple[str, str, bytes]]:
    """JSON records, each as its own ``.json`` file; ApiError 422/413 when invalid."""
    try:
        data = json.loads(body)
    except (ValueError, RecursionError) as exc:  # bad JSON or text, too deep, too long a number
        raise _invalid(
            "the body is not valid JSON", [{"loc": ["body"], "message": str(exc)}]
        ) from exc
    where = ["body"]
    if isinstance(data, dict) and "records" in data:
        data, where = data["records"], ["body", "records"]
    if not isinstance(data, list):
        raise _invalid(
            'expected a list of records or {"records": [...]}',
            [{"loc": where, "message": f"expected a list, got {_kind(data)}"}],
        )
    if not data:
        raise _invalid("no records to ingest", [{"loc": where, "message": "the list is empty"}])
    if len(data) > max_items:
        raise _too_many(len(data), max_items)
    details: list[dict[str, Any]] = []
    for k, record in enumerate(data):
        loc = [*where, str(k)]
        if not isinstance(record, dict):
            details.append({"loc": loc, "message": f"expected an object, got {_kind(record)}"})
            continue
        problems = [
            {"loc": [*loc, f], "message": f"expected {want}, got {_kind(record[f])}"}
            for f, want in _FIELD_TYPES.items()
            if f in record and not _has_type(record[f], f in PARAGRAPH_FIELDS)
        ]
        if not problems:  # the reader's own verdict: does the record hold an article?
            try:
                record_to_document(f"record {k + 1}", record)
            except InputError as exc:
                problems.append({"loc": loc, "message": exc.reason})
        details += problems
    if details:
        raise _invalid(f"{len(details)} problem(s) in the records; nothing was ingested", details)
    return [
        (f"record {k}", ".json", json.dumps(record).encode()) for k, record in enumerate(data, 1)
    ]


_FIELD_TYPES = {
    **{f: "a string, an object with a name, or null" for f in STRING_FIELDS},
    **{f: "a list of paragraphs or null" for f in PARAGRAPH_FIELDS},
}


def _has_type(value: object, paragraphs: bool) -> bool:
    """Whether a field holds what ingest's JSON reader reads from it."""
    if value is None:
        return True
    if paragraphs:
        return isinstance(value, list)
    return isinstance(value, str | dict)


def _kind(value: object) -> str:
    names = {dict: "an object", list: "a list", str: "a string", bool: "a boolean"}
    if value is None:
        return "null"
    if isinstance(value, int | float) and not isinstance(value, bool):
        return "a number"
    if isinstance(value, str) and not value.strip():
        return "empty text"
    return names.get(type(value), type(value).__name__)


async def _uploads(request: Request, max_items: int) -> list[tuple[str, str, bytes]]:
    """The files of a multipart upload; ApiError 422/413 when invalid."""
    parser = MultiPartParser(
        request.headers, request.stream(), max_files=max_items, max_fields=MAX_FORM_FIELDS
    )
    try:
        form = await parser.parse()
    except MultiPartException as exc:
        if exc.message.startswith("Too many files"):
            raise ApiError(
                413,
                f"the upload holds more than {max_items} files, the most the server takes",
                code="too_many_items",
            ) from exc
        raise _invalid(
            "the multipart body cannot be read", [{"loc": ["body"], "message": exc.message}]
        ) from exc
    try:
        inputs: list[tuple[str, str, bytes]] = []
        details: list[dict[str, Any]] = []
        for k, (key, value) in enumerate(form.multi_items()):
            if key != "files":
                continue
            if not isinstance(value, UploadFile):
                details.append(
                    {"loc": ["body", "files", str(k)], "message": "expected a file, got a field"}
                )
                continue
            name = value.filename or f"file {len(inputs) + 1}"
            inputs.append((name, upload_suffix(name), await value.read()))
        if details:
            raise _invalid("the upload is not valid; nothing was ingested", details)
        if not inputs:
            raise _invalid(
                "no files to ingest",
                [{"loc": ["body", "files"], "message": "send one or more files as 'files'"}],
            )
        return inputs
    finally:
        await form.close()


async def _ingest(request: Request, inputs: list[tuple[str, str, bytes]]) -> IngestResult:
    """Queue the items and wait for the job; the per-item outcome."""
    jobs = jobs_of(request)
    job: Job = await run_in_threadpool(jobs.submit, inputs)
    finished = await run_in_threadpool(job.event.wait, INGEST_WAIT_S)
    if not finished:
        raise ApiError(
            503,
            f"the ingest is still running after {INGEST_WAIT_S:.0f} s; "
            f"follow it at /api/jobs/{job.id}",
            code="ingest_timeout",
            details=[{"job": job.id}],
        )
    if job.state == "failed":
        raise ApiError(
            500,
            f"the ingest failed: {job.error}",
            code="ingest_failed",
            details=[{"job": job.id}],
        )
    data = job.as_json()
    if data["items"] and all(i["status"] == "rejected" for i in data["items"]):
        # nothing could be read: the request failed, whatever the reasons per item
        raise ApiError(
            422,
            f"nothing was ingested: every item was rejected ({len(data['items'])})",
            code="all_rejected",
            details=[
                {"loc": ["items", str(k)], "item": i["name"], "message": i["reason"] or ""}
                for k, i in enumerate(data["items"])
            ],
        )
    return IngestResult.model_validate(
        {
            "job": job.id,
            "new": data["new"],
            "present": data["present"],
            "rejected": data["rejected"],
            "items": data["items"],
        }
    )
