"""The REST API under /api/: what each endpoint answers, and how it refuses bad input.

The store behind ``client`` holds the two seed articles (one story about Zelensky in
Bakhmut) and six BASIL articles (two stories of three outlets each).
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient
from tests.schema_check import assert_valid

from newsfuse.ingest import records
from newsfuse.store import Store
from newsfuse.web.app import create_app
from newsfuse.web.config import WebConfig

JSON = {"content-type": "application/json"}
# Two short articles on unrelated made-up events, for ingest.
RECORDS: list[dict[str, Any]] = [
    {
        "title": "Harbour bridge in Eastvale opens after four years of work",
        "source": "Eastvale Courier",
        "date": "2023-05-02",
        "url": "https://courier.example/bridge",
        "text": (
            "The new harbour bridge in Eastvale opened to traffic on Tuesday after four "
            "years of construction and two budget overruns.\n\n"
            "Mayor Hanna Lind cut the ribbon in front of several hundred residents, calling "
            "the crossing the biggest change to the town since the railway arrived.\n\n"
            "Engineers said the bridge will carry about 18,000 vehicles a day and cut the "
            "drive between the two halves of the town from forty minutes to ten."
        ),
    },
    {
        "title": "Library in Northmoor to stay open until midnight during exams",
        "source": "Northmoor Post",
        "published": "2023-06-11",
        "body": (
            "The central library in Northmoor will stay open until midnight for the next "
            "three weeks so that students can revise for their final exams.\n\n"
            "Head librarian Tomas Berg said the trial follows a petition signed by more "
            "than 2,000 pupils and parents who asked for a quiet place to study.\n\n"
            "The council will pay for the extra staff hours from its youth budget and "
            "decide in the autumn whether to make the late opening permanent."
        ),
    },
]
ARTICLE_HTML = b"""<!doctype html>
<html><head><meta charset="utf-8"><title>Ferry service to Skarholm resumes</title>
<meta property="og:site_name" content="Island Herald">
<meta property="article:published_time" content="2023-03-14"></head>
<body><article><h1>Ferry service to Skarholm resumes</h1>
<p>The ferry between the mainland and the island of Skarholm resumed its daily crossings
on Monday after a three-week halt caused by a damaged propeller.</p>
<p>The operator said the repaired vessel passed its safety inspection on Friday and that
the timetable will return to six crossings a day from next week.</p>
<p>Islanders had relied on a small water taxi for deliveries of food and medicine while
the ferry was out of service, the harbour master said.</p>
</article></body></html>"""


# --------------------------------------------------------------------------- helpers


def assert_error(response: httpx.Response, status: int, code: str | None = None) -> dict[str, Any]:
    """The response is the API's one error shape with this status (and code)."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"}
    error: dict[str, Any] = body["error"]
    assert set(error) == {"status", "code", "message", "details"}
    assert error["status"] == status
    assert isinstance(error["message"], str) and error["message"]
    assert isinstance(error["details"], list)
    if code is not None:
        assert error["code"] == code, error
    return error


def store_state(db: Path) -> tuple[int, list[tuple[str, tuple[str, ...]]]]:
    """The store's article count and its stories with their articles."""
    with Store.open(db, must_exist=True) as store:
        stories = [(s.id, tuple(a.id for a in s.articles)) for s in store.stories()]
        return store.count(), stories


@pytest.fixture
def make_client() -> Iterator[Callable[[WebConfig], TestClient]]:
    """Clients over apps with their own configuration (their ingest workers stopped after)."""
    apps = []

    def make(config: WebConfig) -> TestClient:
        app = create_app(config, warm_briefs=False)
        apps.append(app)
        return TestClient(app)

    yield make
    for app in apps:
        app.state.jobs.stop()


@pytest.fixture
def page_server() -> Iterator[str]:
    """A local web server with one article at /ferry.html; its base URL."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            if self.path == "/ferry.html":
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(ARTICLE_HTML)))
                self.end_headers()
                self.wfile.write(ARTICLE_HTML)
            else:
                self.send_error(404)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


# --------------------------------------------------------------------------- stories


def test_stories_lists_every_story_with_its_articles(client: TestClient, seed_story: str) -> None:
    body = client.get("/api/stories").json()
    assert body["schema"] == "newsfuse.stories/1"
    assert_valid(body, "stories")  # the published schema, with the page fields
    assert body["total"] == 3 and len(body["stories"]) == 3
    assert (body["page"], body["per_page"]) == (1, 25)
    by_id = {s["id"]: s for s in body["stories"]}
    seeds = by_id[seed_story]
    assert len(seeds["articles"]) == 2
    assert all("/seeds/" in a["path"] for a in seeds["articles"])
    assert seeds["first_published"] == "2022-12-20"
    assert seeds["last_published"] == "2022-12-21"
    for story in body["stories"]:
        for article in story["articles"]:
            assert {"id", "title", "source", "url", "path", "published"} <= set(article)
    sizes = [len(s["articles"]) for s in body["stories"]]
    assert sizes == sorted(sizes, reverse=True)


def test_stories_pages_and_sorts(client: TestClient) -> None:
    first = client.get("/api/stories", params={"per_page": 2}).json()
    second = client.get("/api/stories", params={"per_page": 2, "page": 2}).json()
    assert first["total"] == second["total"] == 3
    assert len(first["stories"]) == 2 and len(second["stories"]) == 1
    ids = [s["id"] for s in first["stories"] + second["stories"]]
    assert len(set(ids)) == 3
    beyond = client.get("/api/stories", params={"page": 9}).json()
    assert beyond["stories"] == [] and beyond["total"] == 3

    newest = client.get("/api/stories", params={"sort": "newest"}).json()["stories"]
    lasts = [s["last_published"] for s in newest]
    assert lasts == sorted(lasts, reverse=True)
    oldest = client.get("/api/stories", params={"sort": "oldest"}).json()["stories"]
    firsts = [s["first_published"] for s in oldest]
    assert firsts == sorted(firsts)
    by_headline = client.get("/api/stories", params={"sort": "headline"}).json()["stories"]
    headlines = [s["headline"].casefold() for s in by_headline]
    assert headlines == sorted(headlines)


def test_one_story(client: TestClient, seed_story: str) -> None:
    story = client.get(f"/api/stories/{seed_story}").json()
    assert story["id"] == seed_story
    assert len(story["articles"]) == 2
    assert "Daily Mail" in story["outlets"]
    assert "Bakhmut" in story["headline"]


def test_brief_and_the_quotes_it_makes_searchable(client: TestClient, seed_story: str) -> None:
    before = client.get("/api/quotes", params={"speaker": "Putin"}).json()
    assert before["total"] == 0 and before["quotes"] == []
    assert before["briefs"] == {"computed": 0, "stories": 3}

    brief = client.get(f"/api/stories/{seed_story}/brief").json()
    assert brief["schema"] == "newsfuse.brief/1"
    assert_valid(brief, "brief")
    assert brief["story"]["id"] == seed_story
    assert len(brief["articles"]) == 2
    assert any(g["speaker"] == "Vladimir Putin" for g in brief["quote_groups"])
    quote_ids = {q["id"] for q in brief["quotes"]}
    assert all(set(g["quotes"]) <= quote_ids for g in brief["quote_groups"])
    for key in ("entities", "numbers", "number_groups", "times", "timeline", "summary", "unique"):
        assert isinstance(brief[key], list)

    putin = client.get("/api/quotes", params={"speaker": "putin"}).json()
    assert putin["briefs"] == {"computed": 1, "stories": 3}
    assert putin["total"] > 0
    assert all("Putin" in q["speaker"] for q in putin["quotes"])
    assert all(q["story"] == seed_story for q in putin["quotes"])
    brief_putin = [q for q in brief["quotes"] if q["speaker"] and "Putin" in q["speaker"]]
    assert putin["total"] == len(brief_putin)

    # Pages of the whole list, and the story and text filters.
    everything = client.get("/api/quotes", params={"per_page": 200}).json()
    assert everything["total"] == len(brief["quotes"]) == len(everything["quotes"])
    page2 = client.get("/api/quotes", params={"per_page": 5, "page": 2}).json()
    assert page2["quotes"] == everything["quotes"][5:10]
    assert page2["total"] == everything["total"]
    other = client.get("/api/quotes", params={"story": "s999999"}).json()
    assert other["total"] == 0
    word = brief_putin[0]["text"].split()[0]
    by_text = client.get("/api/quotes", params={"q": word, "speaker": "Putin"}).json()
    assert by_text["total"] >= 1
    assert all(word.casefold() in q["text"].casefold() for q in by_text["quotes"])


# --------------------------------------------------------------------------- articles


def test_articles_page_through_the_store(client: TestClient, seed_story: str) -> None:
    first = client.get("/api/articles", params={"per_page": 3}).json()
    assert first["total"] == 8 and (first["page"], first["per_page"]) == (1, 3)
    seen = [a["id"] for a in first["articles"]]
    for page in (2, 3):
        body = client.get("/api/articles", params={"per_page": 3, "page": page}).json()
        seen += [a["id"] for a in body["articles"]]
    assert len(seen) == len(set(seen)) == 8
    seeds = [a for a in first["articles"] if "/seeds/" in a["path"]]
    assert len(seeds) == 2 and all(a["story"] == seed_story for a in seeds)
    assert {"id", "title", "source", "published", "path", "url", "story"} == set(seeds[0])


def test_article_shows_what_cleaning_removed_and_why(client: TestClient, seed_story: str) -> None:
    listed = client.get("/api/articles").json()["articles"]
    daily_mail = next(a for a in listed if a["source"] == "Daily Mail")
    article = client.get(f"/api/articles/{daily_mail['id']}").json()
    assert article["id"] == daily_mail["id"]
    assert article["story"] == seed_story
    assert article["published"] == "2022-12-20" and article["published_from"] != "none"
    assert article["source_from"] != "none"
    assert any("Bakhmut" in p for p in article["paragraphs"])
    assert article["removed"], "the Daily Mail seed carries captions and boilerplate"
    for removal in article["removed"]:
        assert removal["text"] and removal["reason"]
    assert {"duplicate", "caption"} & {r["reason"] for r in article["removed"]}
    assert isinstance(article["repairs"], list)


def test_search_finds_both_seeds(client: TestClient) -> None:
    listed = client.get("/api/articles").json()["articles"]
    seed_ids = {a["id"] for a in listed if "/seeds/" in a["path"]}
    body = client.get("/api/search", params={"q": "Bakhmut"}).json()
    assert body["schema"] == "newsfuse.search/1"
    assert {h["id"] for h in body["hits"]} == seed_ids
    assert body["total"] == 2 and body["note"] is None
    for hit in body["hits"]:
        assert any(hit["snippet"][s:e].casefold() == "bakhmut" for s, e in hit["highlights"])
    one = client.get("/api/search", params={"q": "Bakhmut", "limit": 1}).json()
    assert len(one["hits"]) == 1 and one["total"] == 2


def test_search_reads_bad_syntax_as_plain_words(client: TestClient) -> None:
    body = client.get("/api/search", params={"q": 'Bakhmut "fortress'}).json()
    assert "words as written" in body["note"]
    assert body["fts_query"] == '"Bakhmut" "fortress"'
    assert body["total"] >= 1
    nul = client.get("/api/search", params={"q": 'Bakhmut:"\x00'})  # SQLite stops at a NUL
    assert nul.status_code == 200 and nul.json()["note"]


# --------------------------------------------------------------------------- ingest


def test_posting_records_adds_them_once(client: TestClient, web_db: Path) -> None:
    added = client.post("/api/articles", json=RECORDS)
    assert added.status_code == 200, added.text
    body = added.json()
    assert (body["new"], body["present"], body["rejected"]) == (2, 0, 0)
    assert [i["name"] for i in body["items"]] == ["record 1", "record 2"]
    assert [i["status"] for i in body["items"]] == ["new", "new"]
    new_ids = {a for i in body["items"] for a in i["articles"]}
    assert len(new_ids) == 2

    stories = client.get("/api/stories", params={"per_page": 200}).json()
    listed = {a["id"] for s in stories["stories"] for a in s["articles"]}
    assert new_ids <= listed
    assert client.get("/api/articles").json()["total"] == 10
    article = client.get(f"/api/articles/{body['items'][0]['articles'][0]}").json()
    assert article["title"] == RECORDS[0]["title"]
    assert article["source"] == "Eastvale Courier" and article["published"] == "2023-05-02"
    assert article["url"] == RECORDS[0]["url"] and article["story"] is not None

    job = client.get(f"/api/jobs/{body['job']}").json()
    assert job["state"] == "done" and job["total"] == 2 and job["new"] == 2
    assert job["items"] == body["items"]

    again = client.post("/api/articles", json={"records": RECORDS}).json()
    assert (again["new"], again["present"], again["rejected"]) == (0, 2, 0)
    assert [i["status"] for i in again["items"]] == ["present", "present"]
    assert {a for i in again["items"] for a in i["articles"]} == new_ids
    assert store_state(web_db)[0] == 10


# Made-up towns, one per record of the field test, so that each record is its own article.
_TOWNS = ["Ashby", "Brightwell", "Coldharbour", "Dunmere", "Elmstead", "Fenwick", "Glenrow",
          "Hollins", "Ivybridge", "Juniper Bay"]  # fmt: skip


def _field_record(k: int, article_field: str) -> tuple[dict[str, Any], dict[str, str]]:
    """A record with its article in ``article_field`` and its title, URL, source and date
    in the k-th of ingest's names for each; and what the stored article must show."""
    town = _TOWNS[k]
    paragraphs = [
        f"The council of {town} voted on Monday to rebuild the old market hall, which has "
        "stood empty since a storm damaged its roof three winters ago.",
        f"Councillor Maren Holt said the work in {town} would start in the spring and cost "
        "about 1.2 million pounds, most of it from a regional heritage fund.",
        "Traders who lost their stalls when the hall closed said they hoped to move back "
        "before the next summer season.",
    ]
    want = {
        "title": f"{town} to rebuild its market hall",
        "source": f"{town} Gazette",
        "published": f"2023-07-{k + 1:02d}",
        "url": f"https://gazette.example/{k}",
    }
    record: dict[str, Any] = {
        records.TITLE_FIELDS[k % len(records.TITLE_FIELDS)]: want["title"],
        records.SOURCE_FIELDS[k % len(records.SOURCE_FIELDS)]: want["source"],
        records.DATE_FIELDS[k % len(records.DATE_FIELDS)]: want["published"],
        records.URL_FIELDS[k % len(records.URL_FIELDS)]: want["url"],
    }
    if article_field in records.PARAGRAPH_FIELDS:
        record[article_field] = paragraphs
    elif article_field in records.HTML_FIELDS:
        page = "".join(f"<p>{p}</p>" for p in paragraphs)
        record[article_field] = f"<html><body><article>{page}</article></body></html>"
    else:
        record[article_field] = "\n\n".join(paragraphs)
    return record, want


def test_posted_records_take_every_field_ingest_reads(client: TestClient) -> None:
    """The API reads a record as `newsfuse ingest` reads a .json file: the article in any
    of ingest's text, paragraph or html fields, and each of its names for the title,
    source, date and URL."""
    fields = records.ARTICLE_FIELDS
    assert len(fields) <= len(_TOWNS)
    made = [_field_record(k, f) for k, f in enumerate(fields)]
    response = client.post("/api/articles", json=[r for r, _ in made])
    assert response.status_code == 200, response.text
    items = response.json()["items"]
    assert [i["status"] for i in items] == ["new"] * len(fields)
    for item, (_, want), field in zip(items, made, fields, strict=True):
        article = client.get(f"/api/articles/{item['articles'][0]}").json()
        assert {k: article[k] for k in want} == want, field
        assert len(article["paragraphs"]) == 3, field
        assert "market hall" in article["paragraphs"][0], field
    # a source given as an object is read by its name, as ingest does
    record, _ = _field_record(len(fields), "text")
    record["source"] = {"name": "Wire Service"}
    named = client.post("/api/articles", json=[record]).json()
    assert (
        client.get(f"/api/articles/{named['items'][0]['articles'][0]}").json()["source"]
        == "Wire Service"
    )


def test_uploading_files(client: TestClient) -> None:
    text = "\n\n".join(
        [
            "date: 2023-04-01",
            "Volunteers in the village of Amberley planted 3,000 oak saplings on Saturday "
            "along the banks of the river that flooded twice last winter.",
            "The parish council said the trees should slow the run-off from the hills and "
            "give shade to the footpath within a decade.",
        ]
    )
    files = [
        ("files", ("amberley.txt", text.encode(), "text/plain")),
        ("files", ("ferry.HTM", ARTICLE_HTML, "text/html")),
        ("files", ("empty.txt", b"", "text/plain")),
    ]
    response = client.post("/api/articles", files=files)
    assert response.status_code == 200, response.text
    items = response.json()["items"]
    assert [i["name"] for i in items] == ["amberley.txt", "ferry.HTM", "empty.txt"]
    assert [i["status"] for i in items] == ["new", "new", "rejected"]
    assert items[2]["reason"] and items[2]["articles"] == []
    ferry = client.get(f"/api/articles/{items[1]['articles'][0]}").json()
    assert ferry["format"] == "html"
    assert ferry["title"] == "Ferry service to Skarholm resumes"
    # stored under the name it was uploaded with, not the job's deleted temporary copy
    assert ferry["path"] == "upload:ferry.HTM"


def test_a_post_whose_every_item_is_rejected_answers_422(client: TestClient) -> None:
    files = [
        ("files", ("empty.txt", b"", "text/plain")),
        ("files", ("prompt.txt", b"Share this article\n\nLeave a comment", "text/plain")),
    ]
    error = assert_error(client.post("/api/articles", files=files), 422, "all_rejected")
    assert "nothing was ingested" in error["message"]
    assert [d["item"] for d in error["details"]] == ["empty.txt", "prompt.txt"]
    assert "empty" in error["details"][0]["message"]
    assert "only boilerplate" in error["details"][1]["message"]
    # the same records beside one good one: 200, each item with its status
    files.append(("files", ("ferry.html", ARTICLE_HTML, "text/html")))
    response = client.post("/api/articles", files=files)
    assert response.status_code == 200, response.text
    assert [i["status"] for i in response.json()["items"]][:2] == ["rejected", "rejected"]


def test_url_ingest_from_a_local_server(
    make_client: Callable[[WebConfig], TestClient], web_db: Path, page_server: str
) -> None:
    client = make_client(WebConfig(db=web_db, allow_private=True))
    url = f"{page_server}/ferry.html"
    response = client.post("/api/urls", json={"url": url})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["new"] == 1 and body["items"][0]["name"] == url
    article = client.get(f"/api/articles/{body['items'][0]['articles'][0]}").json()
    assert article["title"] == "Ferry service to Skarholm resumes"
    assert any("Skarholm" in p for p in article["paragraphs"])
    assert (article["path"], article["url"]) == (url, url)  # joins back to its input
    assert client.post("/api/urls", json={"url": url}).json()["present"] == 1

    before = store_state(web_db)
    missing = client.post("/api/urls", json={"url": f"{page_server}/gone.html"})
    assert_error(missing, 400, "fetch_failed")
    assert store_state(web_db) == before


def test_url_ingest_refuses_the_local_server_by_default(
    client: TestClient, web_db: Path, page_server: str
) -> None:
    before = store_state(web_db)
    response = client.post("/api/urls", json={"url": f"{page_server}/ferry.html"})
    assert_error(response, 422, "private_address")
    assert store_state(web_db) == before


# --------------------------------------------------------------------------- bad requests

BAD_REQUESTS = [
    # Ingest: not JSON, wrong types, nothing to add.
    ("post", "/api/articles", {"content": b'[{"text": "a"', "headers": JSON}, 422, "invalid"),
    ("post", "/api/articles", {"content": b'["\xc3("]', "headers": JSON}, 422, "invalid"),
    (
        "post",
        "/api/articles",
        {"content": b"[" * 50_000 + b"]" * 50_000, "headers": JSON},
        422,
        "invalid",
    ),
    ("post", "/api/articles", {"json": []}, 422, "invalid"),
    ("post", "/api/articles", {"json": {"records": []}}, 422, "invalid"),
    ("post", "/api/articles", {"json": {"records": "text"}}, 422, "invalid"),
    ("post", "/api/articles", {"json": {"text": "one record, not a list"}}, 422, "invalid"),
    ("post", "/api/articles", {"json": "text"}, 422, "invalid"),
    ("post", "/api/articles", {"json": [RECORDS[0], 7]}, 422, "invalid"),
    ("post", "/api/articles", {"json": [RECORDS[0], {"title": "no text"}]}, 422, "invalid"),
    ("post", "/api/articles", {"json": [{"text": 12}]}, 422, "invalid"),
    ("post", "/api/articles", {"json": [{"text": "   "}]}, 422, "invalid"),
    ("post", "/api/articles", {"json": [{**RECORDS[0], "title": ["x"]}]}, 422, "invalid"),
    ("post", "/api/articles", {"json": [{**RECORDS[0], "date": 2023}]}, 422, "invalid"),
    (
        "post",
        "/api/articles",
        {"data": {"text": "a field"}, "files": {"other": ("a.txt", b"x")}},
        422,
        "invalid",
    ),
    (
        "post",
        "/api/articles",
        {"data": {"files": "not a file"}, "files": {"x": ("a", b"y")}},
        422,
        "invalid",
    ),
    (
        "post",
        "/api/articles",
        {"content": b"Some text", "headers": {"content-type": "text/plain"}},
        415,
        "unsupported_media_type",
    ),
    (
        "post",
        "/api/articles",
        {
            "content": b"--x\r\nbroken",
            "headers": {"content-type": "multipart/form-data; boundary=x"},
        },
        422,
        "invalid",
    ),
    # URL ingest: no URL, wrong type, refused schemes and addresses.
    ("post", "/api/urls", {"json": {}}, 422, "invalid"),
    ("post", "/api/urls", {"json": {"url": 5}}, 422, "invalid"),
    ("post", "/api/urls", {"content": b"{url", "headers": JSON}, 422, "invalid"),
    ("post", "/api/urls", {"json": {"url": "file:///etc/passwd"}}, 422, "bad_url"),
    ("post", "/api/urls", {"json": {"url": "ftp://example.com/a.txt"}}, 422, "bad_url"),
    ("post", "/api/urls", {"json": {"url": "http://127.0.0.1/"}}, 422, "private_address"),
    ("post", "/api/urls", {"json": {"url": "http://10.0.0.1/news"}}, 422, "private_address"),
    ("post", "/api/urls", {"json": {"url": "http://[::1]/"}}, 422, None),
    ("post", "/api/urls", {"json": {"url": "http://"}}, 422, "bad_url"),
    ("post", "/api/urls", {"json": {"url": "http://example.com/a b"}}, 422, "bad_url"),
    # Unknown ids.
    ("get", "/api/stories/s999999", {}, 404, "not_found"),
    ("get", "/api/stories/s999999/brief", {}, 404, "not_found"),
    ("get", "/api/articles/0000000000000000", {}, 404, "not_found"),
    ("get", "/api/jobs/j999999", {}, 404, "not_found"),
    ("get", "/api/nothing-here", {}, 404, "not_found"),
    ("get", "/api/stories/bad%20id", {}, 422, "invalid"),
    ("delete", "/api/stories", {}, 405, "method_not_allowed"),
    # Parameters out of range.
    ("get", "/api/stories?per_page=0", {}, 422, "invalid"),
    ("get", "/api/stories?per_page=201", {}, 422, "invalid"),
    ("get", "/api/stories?page=0", {}, 422, "invalid"),
    ("get", "/api/stories?page=two", {}, 422, "invalid"),
    ("get", "/api/stories?sort=random", {}, 422, "invalid"),
    ("get", "/api/articles?per_page=1000", {}, 422, "invalid"),
    ("get", "/api/articles?page=-1", {}, 422, "invalid"),
    ("get", "/api/quotes?per_page=0", {}, 422, "invalid"),
    ("get", "/api/search", {}, 422, "invalid"),
    ("get", "/api/search?q=", {}, 422, "invalid"),
    ("get", "/api/search?q=%20%20", {}, 422, "invalid"),
    ("get", f"/api/search?q={'a' * 501}", {}, 422, "invalid"),
    ("get", "/api/search?q=Bakhmut&limit=0", {}, 422, "invalid"),
]


@pytest.mark.parametrize(("method", "path", "kwargs", "status", "code"), BAD_REQUESTS)
def test_bad_requests_get_one_error_shape_and_change_nothing(
    client: TestClient,
    web_db: Path,
    method: str,
    path: str,
    kwargs: dict[str, Any],
    status: int,
    code: str | None,
) -> None:
    before = store_state(web_db)
    error = assert_error(client.request(method.upper(), path, **kwargs), status, code)
    if status == 422 and code == "invalid":
        assert error["details"], "a 422 names what was wrong"
        assert all("loc" in d and "message" in d for d in error["details"])
    assert store_state(web_db) == before


def test_record_errors_name_each_bad_record(client: TestClient) -> None:
    records = [RECORDS[0], "text", {"title": "x"}, {"text": "fine", "url": 3}]
    error = assert_error(client.post("/api/articles", json={"records": records}), 422, "invalid")
    locs = [d["loc"] for d in error["details"]]
    assert locs == [
        ["body", "records", "1"],
        ["body", "records", "2"],
        ["body", "records", "3", "url"],
    ]


def test_too_many_items(make_client: Callable[[WebConfig], TestClient], web_db: Path) -> None:
    client = make_client(WebConfig(db=web_db, max_items=2))
    before = store_state(web_db)
    three = [*RECORDS, {"text": "A third article that is one too many for this server."}]
    assert_error(client.post("/api/articles", json=three), 413, "too_many_items")
    assert_error(client.post("/api/articles", json={"records": three}), 413, "too_many_items")
    files = [
        ("files", (f"{k}.txt", r.get("text", r.get("body", "")).encode()))
        for k, r in enumerate(three)
    ]
    assert_error(client.post("/api/articles", files=files), 413, "too_many_items")
    assert store_state(web_db) == before
    assert client.post("/api/articles", json=RECORDS).json()["new"] == 2  # two is fine


def test_oversized_upload(make_client: Callable[[WebConfig], TestClient], web_db: Path) -> None:
    client = make_client(WebConfig(db=web_db, max_upload_bytes=1000))
    before = store_state(web_db)
    big = [{"text": "word " * 400}]
    assert_error(client.post("/api/articles", json=big), 413, "too_large")
    files = [("files", ("big.txt", b"word " * 400))]
    assert_error(client.post("/api/articles", files=files), 413, "too_large")

    def chunks() -> Iterator[bytes]:  # no Content-Length: the limit applies as it is read
        yield b'[{"text": "'
        for _ in range(50):
            yield b"word " * 20
        yield b'"}]'

    assert_error(client.post("/api/articles", content=chunks(), headers=JSON), 413, "too_large")
    assert store_state(web_db) == before


READS = [
    "/api/stories",
    "/api/stories/s1",
    "/api/stories/s1/brief",
    "/api/articles",
    "/api/articles/0000000000000000",
    "/api/quotes",
    "/api/search?q=Bakhmut",
]


@pytest.mark.parametrize("path", READS)
def test_reads_without_a_store_are_503(
    make_client: Callable[[WebConfig], TestClient], tmp_path: Path, path: str
) -> None:
    db = tmp_path / "none.db"
    client = make_client(WebConfig(db=db))
    error = assert_error(client.get(path), 503, "no_store")
    assert str(db) in error["message"]
    assert not db.exists(), "a read never creates the store"


def test_openapi_describes_the_api(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    paths = spec["paths"]
    expected = {
        "/api/stories": {"get"},
        "/api/stories/{story_id}": {"get"},
        "/api/stories/{story_id}/brief": {"get"},
        "/api/articles": {"get", "post"},
        "/api/articles/{article_id}": {"get"},
        "/api/quotes": {"get"},
        "/api/search": {"get"},
        "/api/urls": {"post"},
        "/api/jobs/{job_id}": {"get"},
    }
    for path, methods in expected.items():
        assert set(paths[path]) == methods, path
    error_ref = "#/components/schemas/Error"
    not_found = paths["/api/stories/{story_id}"]["get"]["responses"]["404"]
    assert not_found["content"]["application/json"]["schema"]["$ref"] == error_ref
    # every paragraph field says how it counts, as the pages do (¶1 is paragraph 0)
    assert "¶1 is paragraph 0" in spec["info"]["description"]
    quote = spec["components"]["schemas"]["QuoteOut"]["properties"]["paragraph"]
    assert "0-based" in quote["description"] and "paragraph + 1" in quote["description"]
    invalid = paths["/api/stories"]["get"]["responses"]["422"]
    assert invalid["content"]["application/json"]["schema"]["$ref"] == error_ref
    ingest = paths["/api/articles"]["post"]
    assert set(ingest["requestBody"]["content"]) == {"application/json", "multipart/form-data"}
    assert {"413", "415", "422"} <= set(ingest["responses"])
    brief = spec["components"]["schemas"]["Brief"]
    assert {"schema", "story", "articles", "quotes", "quote_groups"} <= set(brief["required"])
    docs = client.get("/docs")
    assert docs.status_code == 200 and "text/html" in docs.headers["content-type"]
    assert json.dumps(spec)  # serialisable as it stands
