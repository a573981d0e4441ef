"""The HTML pages of ``newsfuse serve``, through the app (no browser, no server).

Most tests read one store prepared once for this module: the seeded store plus one
hostile article (markup and a ``javascript:`` URL in its fields), with the briefs of the
seeds' story and of the hostile story computed by viewing them (spaCy runs once each).
Tests that write use the per-test ``client`` from conftest.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from newsfuse.model import (
    Article,
    Brief,
    BriefArticle,
    BriefStory,
    Cite,
    Figure,
    FigureGroup,
    GroupMeasure,
    Quote,
    QuoteGroup,
    SummaryLine,
    TimelineLine,
    UniqueLine,
)
from newsfuse.store import Store, ingest_paths
from newsfuse.web import views
from newsfuse.web.app import create_app
from newsfuse.web.config import WebConfig
from newsfuse.web.data import story_brief
from newsfuse.web.jobs import Item, Job
from newsfuse.web.svg import timeline_svg

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
JS_URL = "javascript:alert(1)"
HOSTILE = {
    "title": f"Zanzibarville bakers win the spring prize {SCRIPT}",
    "source": "<b>Evil</b> Gazette",
    "url": JS_URL,
    "date": "2023-03-02",
    "text": (
        f"The bakers of Zanzibarville {IMG} won the regional spring bread prize on March 1, "
        "2023, the jury said in a statement on Wednesday.\n\n"
        f"Their rye loaf, entered under the name {SCRIPT}, beat 40 other entries from "
        "across the province, according to the organisers.\n\n"
        "“We baked through the night for three weeks,” said head baker Marta Olsen, who "
        "has run the bakery since 2009."
    ),
}


@dataclass(frozen=True)
class Site:
    """The module's store and a client over it."""

    client: TestClient
    config: WebConfig
    seed_story: str
    hostile_story: str
    hostile_article: str


@pytest.fixture(scope="module")
def site(
    web_source_db: Path, seed_story: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Site]:
    folder = tmp_path_factory.mktemp("pages")
    db = folder / "news.db"
    with Store.open(web_source_db) as store:
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    shutil.copy(web_source_db, db)
    record = folder / "hostile.json"
    record.write_text(json.dumps(HOSTILE), encoding="utf-8")
    with Store.open(db) as store:
        report = ingest_paths(store, [str(record)])
        hostile_article = report.file_articles[str(record)][0]
        hostile_story = store.story_of(hostile_article)
    assert hostile_story is not None and hostile_story != seed_story
    config = WebConfig(db=db)
    app = create_app(config, warm_briefs=False)
    with TestClient(app) as client:
        for story in (seed_story, hostile_story):  # computes and keeps both briefs
            assert client.get(f"/stories/{story}").status_code == 200
        yield Site(client, config, seed_story, hostile_story, hostile_article)
    app.state.jobs.stop()


def _rows(html: str) -> list[str]:
    return re.findall(r"<tr>(.*?)</tr>", html, re.S)


def _jobs(client: TestClient) -> Any:
    return client.app.state.jobs  # type: ignore[attr-defined]


def _section(html: str, section_id: str) -> str:
    match = re.search(rf'<section id="{section_id}"[^>]*>(.*?)</section>', html, re.S)
    assert match, f"no section {section_id}"
    return match.group(1)


# ----------------------------------------------------------------------------- stories list


def test_stories_list_shows_the_seed_story_with_its_two_articles(
    client: TestClient, seed_story: str
) -> None:
    html = client.get("/").text
    row = next(r for r in _rows(html) if f'href="/stories/{seed_story}"' in r)
    cells = re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
    assert re.sub(r"<.*?>", "", cells[2]).strip() == "2"
    assert "Daily Mail" in cells[1]
    assert "2022-12-20 – 2022-12-21" in cells[3]
    assert "3 stories from 8 articles" in html


def test_stories_sort_by_column_and_page_through(web_db: Path) -> None:
    app = create_app(WebConfig(db=web_db, page_size=1), warm_briefs=False)
    with Store.open(web_db) as store:
        stories = store.stories()
    with TestClient(app) as client:

        def shown(sort: str) -> list[str]:
            ids = []
            for page in range(1, len(stories) + 1):
                html = client.get("/", params={"sort": sort, "page": page}).text
                assert f"Page {page} of {len(stories)}" in html
                found = re.findall(r'class="story-link" href="/stories/(s\d+)"', html)
                assert len(found) == 1  # page_size=1
                ids += found
            return ids

        by_id = {s.id: s for s in stories}
        headlines = [by_id[i].headline.casefold() for i in shown("headline")]
        assert headlines == sorted(headlines)
        newest = [by_id[i].last_published or "" for i in shown("newest")]
        assert newest == sorted(newest, reverse=True)
        oldest = [by_id[i].first_published or "" for i in shown("oldest")]
        assert oldest == sorted(oldest)
        sizes = [len(by_id[i].articles) for i in shown("articles")]
        assert sizes == sorted(sizes, reverse=True)

        first = client.get("/?sort=headline").text
        assert 'href="/?sort=headline&amp;page=2">Next' in first
        assert 'rel="prev"' not in first
        last = client.get(f"/?sort=headline&page={len(stories)}").text
        assert 'rel="prev" href="/?sort=headline&amp;page=2"' in last
        assert 'rel="next"' not in last
        # the column headers are the sort links
        assert 'href="/?sort=headline">Headline</a>' in first
        assert 'href="/?sort=oldest">oldest</a>' in first
        # past the last page: the last page, not an error
        assert f"Page {len(stories)} of {len(stories)}" in client.get("/?page=99").text
    app.state.jobs.stop()


def test_no_store_yet_gives_a_friendly_page(tmp_path: Path) -> None:
    db = tmp_path / "absent.db"
    app = create_app(WebConfig(db=db), warm_briefs=False)
    with TestClient(app) as client:
        r = client.get("/")
    app.state.jobs.stop()
    assert r.status_code == 200
    assert "There is no store yet" in r.text
    assert 'href="/add"' in r.text
    assert not db.exists()  # looking does not create one


# ----------------------------------------------------------------------------- story page


def test_story_page_cites_into_the_side_by_side_view(site: Site) -> None:
    html = site.client.get(f"/stories/{site.seed_story}").text
    summary = _section(html, "summary")
    links = re.findall(r'href="(/stories/[^"#]+)#(A\d+-p\d+)">(A\d+ ¶\d+)</a>', summary)
    assert len(links) >= 5
    for path, target, label in links:
        assert path == f"/stories/{site.seed_story}/compare"
        assert target == label.replace(" ¶", "-p")  # "A1 ¶6" → #A1-p6
    for section in ("sources", "timeline", "quotes", "figures", "unique", "entities", "cleaning"):
        assert f'<section id="{section}"' in html
    quotes = _section(html, "quotes")
    assert "Vladimir Putin" in quotes and "also carried by A" in quotes
    cleaning = _section(html, "cleaning")
    assert "teaser" in cleaning and "duplicate" in cleaning


def test_story_page_has_an_accessible_timeline_chart_with_a_row_per_outlet(site: Site) -> None:
    html = site.client.get(f"/stories/{site.seed_story}").text
    svg = re.search(r"<svg.*?</svg>", html, re.S)
    assert svg, "no chart"
    chart = svg.group(0)
    assert 'role="img"' in chart and 'aria-label="Timeline chart.' in chart
    brief = story_brief(site.config, site.seed_story)
    outlets = {a.source or "Unknown outlet" for a in brief.articles}
    rows = re.findall(r'<g class="outlet-row" data-outlet="([^"]*)">', chart)
    assert sorted(rows) == sorted(outlets)  # Daily Mail, and the seed with no outlet
    assert chart.count('class="publication"') == len(brief.articles)
    assert chart.count('class="event"') >= 1
    assert chart.count("<title>") > len(brief.articles)  # hover text on every mark
    assert ">A1</text>" in chart and ">A2</text>" in chart


def _brief(
    articles: tuple[Article, ...], first: str | None = None, last: str | None = None, **more: Any
) -> Brief:
    """A brief of hand-made articles, labelled A1… in order."""
    return Brief(
        story=BriefStory(id="s9", headline="h", first_published=first, last_published=last),
        articles=tuple(BriefArticle.of(a, f"A{i}") for i, a in enumerate(articles, 1)),
        **more,
    )


def _line(date: str, text: str) -> TimelineLine:
    return TimelineLine(date=date, text=text, articles=(), cites=())


def test_timeline_svg_escapes_and_draws_months_as_bars() -> None:
    a = Article("a1", "x.txt", "text", ("p",), source="<b>Bad & Co</b>", published="2022-12-20")
    brief = _brief(
        (a,),
        "2022-12-20",
        "2022-12-20",
        timeline=(
            _line("2022-02", "In February <i>it</i> began."),
            _line("2022-12-19", "Monday."),
            _line("someday", "not a date"),
        ),
    )
    chart = str(timeline_svg(brief))
    assert "<b>" not in chart and "<i>" not in chart
    assert "&lt;b&gt;Bad &amp; Co&lt;/b&gt;" in chart and "&lt;i&gt;it&lt;/i&gt;" in chart
    assert chart.count("<rect") == 1 and chart.count("<circle") == 1
    assert "2 dated events from February 2022 to 19 Dec 2022" in chart
    undated = _brief((Article("a1", "x", "text", ("p",)),))
    assert timeline_svg(undated) is None


# ----------------------------------------------------------------------------- side by side


def test_compare_view_numbers_every_paragraph_and_highlights_by_kind(site: Site) -> None:
    html = site.client.get(f"/stories/{site.seed_story}/compare").text
    brief = story_brief(site.config, site.seed_story)
    for a in brief.articles:
        label = brief.labels[a.id]
        assert f'<article class="column" id="{label}"' in html
        for i in range(1, len(a.paragraphs) + 1):
            assert f'id="{label}-p{i}"' in html
    legend = re.search(r'<section class="legend".*?</section>', html, re.S)
    assert legend
    for label in ("corroborated", "quote group", "conflicting figure", "unique"):
        assert label in legend.group(0)
    paragraphs = re.findall(r'<div class="para([^"]*)" id="(A\d+-p\d+)">(.*?)</div>', html, re.S)
    kinds = {k for classes, _, _ in paragraphs for k in classes.split()}
    # the seeds share facts, carry two Putin statements in both articles and have lines of
    # their own; their one compared figure agrees, so nothing is flagged as a conflict
    assert {"hl-corroborated", "hl-quote", "hl-unique"} <= kinds
    assert "hl-conflict" not in kinds
    assert not any(g.conflict for g in brief.number_groups)
    # a highlight is never colour alone: each highlighted paragraph names its kind
    for classes, _, body in paragraphs:
        for kind in classes.split():
            marker = next(h for h in views.HIGHLIGHTS if f"hl-{h.kind}" == kind)
            assert f"{marker.marker}</span> {marker.label}" in body


def test_compare_view_links_summary_and_quotes_to_paragraphs_on_the_page(site: Site) -> None:
    html = site.client.get(f"/stories/{site.seed_story}/compare").text
    summary = _section(html, "summary")
    targets = re.findall(r'class="to-source" data-kind="\w+" href="#(A\d+-p\d+)"', summary)
    assert len(targets) >= 5
    groups = _section(html, "quote-groups")
    quote_targets = re.findall(r'class="to-source" data-kind="\w+" href="#(A\d+-p\d+)"', groups)
    assert len(quote_targets) >= 4 and "Vladimir Putin" in groups
    for target in targets + quote_targets:
        assert f'id="{target}"' in html
    # the paragraph a summary line cites holds that line's first words
    first = re.search(
        r'class="to-source" data-kind="\w+" href="#(A\d+-p\d+)">(.*?)</a>', summary, re.S
    )
    assert first
    para = re.search(rf'id="{first.group(1)}">(.*?)</div>', html, re.S)
    assert para and first.group(2)[:40] in para.group(1)


def _article(aid: str, n: int) -> Article:
    return Article(aid, f"{aid}.txt", "text", tuple(f"{aid} paragraph {i}" for i in range(n)))


def _cite(article: str, paragraph: int) -> Cite:
    return Cite(article=article, paragraph=paragraph, start=0, end=1)


def _quote(qid: str, article: str, paragraph: int, last: int | None = None) -> Quote:
    return Quote(id=qid, article=article, paragraph=paragraph, start=0, end=1,
                 end_paragraph=paragraph if last is None else last, text="x", parts=(),
                 kind="direct", speaker="S")  # fmt: skip


def _figure(fid: str, article: str, paragraph: int) -> Figure:
    return Figure(id=fid, article=article, paragraph=paragraph, start=0, end=1, value=1,
                  text="1")  # fmt: skip


def _group(gid: str, numbers: tuple[str, ...], conflict: bool) -> FigureGroup:
    return FigureGroup(id=gid, about="", numbers=numbers, articles=(), sources=(),
                       conflict=conflict, measure=GroupMeasure(kind="count"),
                       members=())  # fmt: skip


def test_highlights_follow_the_brief() -> None:
    a, b = _article("a", 4), _article("b", 3)
    brief = _brief(
        (a, b),
        summary=(
            SummaryLine(text="both", articles=("a", "b"), cites=(_cite("a", 0), _cite("b", 0))),
            SummaryLine(text="lead of one", articles=("b",), cites=(_cite("b", 2),)),
        ),
        quotes=(_quote("q1", "a", 1, last=2), _quote("q2", "b", 1)),
        quote_groups=(QuoteGroup(id="g1", speaker="S", quotes=("q1", "q2")),),
        numbers=(_figure("n1", "a", 3), _figure("n2", "b", 2), _figure("n3", "a", 0)),
        number_groups=(_group("ng1", ("n1", "n2"), True), _group("ng2", ("n3",), False)),
        unique=(UniqueLine(article="a", paragraph=3, start=0, end=9, text="only here"),),
    )
    columns = views.compare_columns(brief)
    got = {p.id: {h.kind for h in p.highlights} for c in columns for p in c.paragraphs}
    assert got == {
        "A1-p1": {"corroborated"},
        "A1-p2": {"quote"},
        "A1-p3": {"quote"},  # the quote runs on into the next paragraph
        "A1-p4": {"conflict", "unique"},
        "A2-p1": {"corroborated"},
        "A2-p2": {"quote"},
        "A2-p3": {"conflict"},  # a summary line from one article corroborates nothing
    }
    assert views.summary_lines(brief)[0].cites == (
        ("A1 ¶1", "A1-p1"),
        ("A2 ¶1", "A2-p1"),
    )


# ----------------------------------------------------------------------------- quotes, search


def test_quotes_page_finds_putin_once_the_brief_is_computed(site: Site) -> None:
    html = site.client.get("/quotes", params={"speaker": "putin"}).text
    assert "Vladimir Putin" in html
    assert re.search(r"Briefs are computed for\s*<strong>2 of 4 stories</strong>", html)
    assert f'href="/stories/{site.seed_story}">' in html
    links = re.findall(rf'href="/stories/{site.seed_story}/compare#(A\d+-p\d+)"', html)
    assert links
    compare = site.client.get(f"/stories/{site.seed_story}/compare").text
    assert all(f'id="{target}"' in compare for target in links)
    speakers = re.search(r'<aside class="speakers".*?</aside>', html, re.S)
    assert speakers and 'href="/quotes?speaker=Vladimir+Putin"' in speakers.group(0)
    words = site.client.get("/quotes", params={"speaker": "putin", "q": "saboteurs"}).text
    assert "saboteurs" in words and "quotes by speakers matching" in words


def test_quotes_page_says_when_no_brief_is_computed_yet(client: TestClient) -> None:
    html = client.get("/quotes", params={"speaker": "Putin"}).text
    assert "<strong>0 of 3 stories</strong>" in html
    assert "0 quotes" in html


def test_search_finds_bakhmut_with_the_matches_marked(site: Site) -> None:
    html = site.client.get("/search", params={"q": "Bakhmut"}).text
    hits = re.findall(r'<li class="hit">(.*?)</li>', html, re.S)
    assert len(hits) == 2
    for hit in hits:
        assert re.search(r'href="/articles/[0-9a-f]{16}"', hit)
        assert "<mark>Bakhmut</mark>" in hit
    note = site.client.get("/search", params={"q": '"Bakhmut'}).text  # unbalanced quote
    assert 'class="note"' in note and "searched for the words as written" in note
    assert "<mark>Bakhmut</mark>" in note


# ----------------------------------------------------------------------------- one article


def test_article_page_shows_provenance_text_and_what_cleaning_removed(site: Site) -> None:
    brief = story_brief(site.config, site.seed_story)
    article = max(brief.articles, key=lambda a: len(a.removed))
    assert article.removed
    html = site.client.get(f"/articles/{article.id}").text
    assert f'href="/stories/{site.seed_story}"' in html
    assert f'href="/stories/{site.seed_story}/compare#{brief.labels[article.id]}"' in html
    for i in range(1, len(article.paragraphs) + 1):
        assert f'<li id="p{i}">' in html
    assert "(from signature line)" in html and "(from the text)" in html
    removed = _section(html, "cleaning")
    rows = _rows(removed)
    assert len(rows) == len(article.removed) + 1  # + the header row
    for r in article.removed:
        assert f'<span class="tag">{r.reason}</span>' in removed
    assert "teaser" in removed and "comment-form" in removed
    # paragraph numbers are said the same way here as in the API description
    assert "numbered from 1" in html and "¶1 is paragraph 0" in html


# ----------------------------------------------------------------------------- untrusted text


def test_markup_in_articles_is_shown_as_text_on_every_page(site: Site) -> None:
    pages = {
        "story": f"/stories/{site.hostile_story}",
        "compare": f"/stories/{site.hostile_story}/compare",
        "article": f"/articles/{site.hostile_article}",
        "search": "/search?q=Zanzibarville",
        "stories": "/",
    }
    for name, path in pages.items():
        r = site.client.get(path)
        assert r.status_code == 200, name
        html = r.text
        assert SCRIPT not in html, name
        assert "<img src=x" not in html, name
        assert "<b>Evil</b>" not in html, name
        assert 'href="javascript:' not in html.replace(" ", ""), name
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html, name
    article = site.client.get(pages["article"]).text
    assert "&lt;img src=x onerror=alert(1)&gt;" in article
    assert "&lt;b&gt;Evil&lt;/b&gt; Gazette" in article
    assert JS_URL in article and "not linked" in article  # shown, never a link


def test_pages_need_no_inline_script_or_style(site: Site) -> None:
    for path in (
        "/",
        f"/stories/{site.seed_story}",
        f"/stories/{site.seed_story}/compare",
        "/quotes",
        "/search?q=Bakhmut",
        f"/articles/{site.hostile_article}",
        "/add",
        "/stories/nope",
    ):
        r = site.client.get(path)
        assert "default-src 'self'" in r.headers["content-security-policy"]
        assert "<script" not in r.text and "<style" not in r.text and " style=" not in r.text
        assert '<html lang="en">' in r.text and 'href="/static/style.css' in r.text
    assert site.client.get("/static/style.css").status_code == 200


def test_unknown_ids_get_a_404_page(site: Site) -> None:
    for path in ("/stories/s999", "/stories/s999/compare", "/articles/ffff", "/jobs/j999"):
        r = site.client.get(path)
        assert r.status_code == 404, path
        assert r.headers["content-type"].startswith("text/html")
        assert "<h1>Not found</h1>" in r.text and 'href="/"' in r.text


# ----------------------------------------------------------------------------- adding articles

PASTED = (
    "The harbour town of Quellmouth opened its new lighthouse museum on Saturday, the "
    "mayor said, after four years of restoration work on the 1887 tower.\n\n"
    "About 2,000 visitors came on the first day, according to the organisers."
)


def _browser_form(fields: list[tuple[str, str | None, bytes]]) -> tuple[bytes, dict[str, str]]:
    """A multipart body as a browser sends it: a file input left empty is still a part,
    with ``filename=""`` (httpx leaves the filename out, which is not what browsers do)."""
    boundary = "----newsfuse-test-boundary"
    body = b""
    for name, filename, content in fields:
        head = f'Content-Disposition: form-data; name="{name}"'
        if filename is not None:
            head += f'; filename="{filename}"\r\nContent-Type: application/octet-stream'
        body += f"--{boundary}\r\n{head}\r\n\r\n".encode() + content + b"\r\n"
    body += f"--{boundary}--\r\n".encode()
    return body, {"Content-Type": f"multipart/form-data; boundary={boundary}"}


def test_pasting_a_text_runs_a_job_that_reports_new_articles(client: TestClient) -> None:
    listed_before = client.get("/").text  # rendered pages are kept: they must not go stale
    assert "Glassblowers of Ostrava" not in listed_before
    record = {"title": "Glassblowers of Ostrava", "text": "Glassblowers in Ostrava " * 20}
    body, headers = _browser_form(
        [
            ("files", "", b""),  # the file input, left empty
            ("files", "records.JSONL", json.dumps(record).encode()),
            ("title", None, b"Lighthouse museum opens"),
            ("text", None, PASTED.encode()),
            ("url", None, b""),
        ]
    )
    r = client.post("/add", content=body, headers=headers, follow_redirects=False)
    assert r.status_code == 303
    job_id = r.headers["location"].removeprefix("/jobs/")
    job = _jobs(client).get(job_id)
    assert job is not None and [i.name for i in job.items] == ["records.JSONL", "pasted text"]
    assert job.event.wait(60)
    html = client.get(f"/jobs/{job_id}").text
    assert 'http-equiv="refresh"' not in html  # finished: no more refreshing
    assert re.search(r">done</span>\s*2 new, 0 already stored, 0 rejected.", html)
    assert html.count('<span class="status status-new">new</span>') == 2
    stories = re.findall(r'<a href="/stories/(s\d+)">', html)
    assert len(stories) == 2
    pasted_story = client.get(f"/stories/{stories[-1]}").text
    assert "Lighthouse museum opens" in pasted_story  # the title field became its title
    listed = client.get("/").text
    assert "Glassblowers of Ostrava" in listed and "Lighthouse museum opens" in listed

    again = client.post("/add", data={"text": PASTED, "title": "Lighthouse museum opens"})
    assert again.status_code == 200 and again.url.path.startswith("/jobs/")
    job = _jobs(client).get(again.url.path.removeprefix("/jobs/"))
    assert job is not None and job.event.wait(60)
    assert '<span class="status status-present">present</span>' in client.get(again.url.path).text


def test_job_page_refreshes_itself_while_the_job_runs(web_db: Path) -> None:
    running = Job("j7", [Item("a.txt")], state="running", done=0)

    class OneJob:
        def get(self, job_id: str) -> Job | None:
            return running if job_id == "j7" else None

        def stop(self) -> None:
            pass

    app = create_app(WebConfig(db=web_db), jobs=OneJob())  # type: ignore[arg-type]
    with TestClient(app) as client:
        html = client.get("/jobs/j7").text
    assert '<meta http-equiv="refresh" content="1">' in html
    assert re.search(r">running</span>\s*reading and storing: 0 of 1 item read", html)
    assert '<progress max="1" value="0">' in html


@pytest.mark.parametrize(
    ("form", "status", "message"),
    [
        ({}, 422, "Choose files to upload, paste an article"),
        ({"title": "Only a title"}, 422, "Paste the article&#39;s text under its title."),
        ({"url": "file:///etc/passwd"}, 422, "only http and https URLs can be ingested"),
        ({"url": "http://127.0.0.1:9/x", "text": "kept"}, 422, "a private or local address"),
    ],
)
def test_refused_submissions_show_the_form_again_with_the_reason(
    client: TestClient, form: dict[str, Any], status: int, message: str
) -> None:
    r = client.post("/add", data=form, follow_redirects=False)
    assert r.status_code == status
    assert message in r.text
    assert '<form class="add-form"' in r.text and 'role="alert"' in r.text
    if "text" in form:  # what the user typed is still there
        assert f">{form['text']}</textarea>" in r.text
    assert _jobs(client).get("j1") is None


def test_too_many_files_is_413_and_a_post_from_another_site_is_refused(web_db: Path) -> None:
    app = create_app(WebConfig(db=web_db, max_items=2), warm_briefs=False)
    with TestClient(app) as client:
        files = [("files", (f"{i}.txt", b"text", "text/plain")) for i in range(3)]
        r = client.post("/add", files=files)
        assert r.status_code == 413 and "at most 2" in r.text
        foreign = client.post(
            "/add", data={"text": PASTED}, headers={"Sec-Fetch-Site": "cross-site"}
        )
        assert foreign.status_code == 403
        other = client.post("/add", data={"text": PASTED}, headers={"Origin": "http://evil.test"})
        assert other.status_code == 403
        assert app.state.jobs.get("j1") is None
    app.state.jobs.stop()


def test_a_story_page_shown_before_a_new_article_joins_shows_it_after(
    client: TestClient, seed_paths: list[str], seed_story: str
) -> None:
    # Rendered story pages are kept by the story's set of articles: a syndicated copy of
    # a seed joining the story must show up on the next view, not the kept page.
    assert "2 articles" in client.get(f"/stories/{seed_story}").text
    copy = Path(seed_paths[1]).read_text(encoding="utf-8") + "\n\nThis copy was syndicated.\n"
    r = client.post("/api/articles", files=[("files", ("copy.txt", copy.encode(), "text/plain"))])
    assert r.status_code == 200 and r.json()["new"] == 1
    html = client.get(f"/stories/{seed_story}").text
    assert "3 articles" in html
    assert 'id="A3-p1"' in client.get(f"/stories/{seed_story}/compare").text


def test_an_upload_that_stores_nothing_answers_422(client: TestClient) -> None:
    r = client.post("/add", data={"text": "Leave a comment\n\nShare this article"})
    assert r.url.path.startswith("/jobs/")
    job = _jobs(client).get(r.url.path.removeprefix("/jobs/"))
    assert job is not None and job.event.wait(60)
    page = client.get(r.url.path)
    assert page.status_code == 422
    assert "Nothing was stored" in page.text and "only boilerplate" in page.text


def test_story_timeline_shows_every_date_of_an_event_in_words(site: Site) -> None:
    from dataclasses import replace

    from starlette.requests import Request

    from newsfuse.web import pages

    context = pages._story_context(site.config, site.seed_story)
    brief = context["brief"]
    first = brief.articles[0].id
    event = TimelineLine(date="2016-09-19", also=("2016-W38", "2016-10"), text="It began.",
                         articles=(first,), cites=(_cite(first, 0),))  # fmt: skip
    context["brief"] = replace(brief, timeline=(event,))
    request = Request({"type": "http", "path": f"/stories/{site.seed_story}", "headers": []})
    html = pages._story_html(request, context)
    timeline = _section(html, "timeline")
    assert "19 September 2016" in timeline
    assert "(also the week of 19 September 2016, October 2016)" in timeline
    assert "W38" not in timeline.replace('datetime="2016-W38"', "")
