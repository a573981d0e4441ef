"""The web app in a real browser: Debian's Chromium driven by Playwright, against a
real ``newsfuse serve`` on localhost. Each test saves screenshots of the pages it
visits into ``screenshots/`` (git-ignored) for a person to look at."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsfuse.store import Store

CHROMIUM = os.environ.get("NEWSFUSE_CHROMIUM", "/usr/bin/chromium")
# Flags that keep Chromium quiet on a machine without network (and as root).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--disable-dev-shm-usage",
]
SHOTS = Path(__file__).resolve().parents[2] / "screenshots"
# An article written to attack the pages that show it.
HOSTILE = """title Breaking <script>window.__xss = 1; alert(1)</script> news
source <img src=x onerror="window.__xss = 2">Evil Times
date 2024-05-02

Officials in Marrowdale said on Thursday that <script>window.__xss = 3</script> the river \
had burst its banks and flooded the <img src=x onerror="window.__xss = 4"> market square.

Readers were told to <a href="javascript:window.__xss = 5">click here</a> for the \
<b onmouseover="window.__xss = 6">latest</b> flood warnings from the Marrowdale council.
"""

pytestmark = pytest.mark.skipif(
    not Path(CHROMIUM).exists(), reason=f"no Chromium at {CHROMIUM} (make test installs it)"
)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def serve(tmp_path: Path) -> Iterator[object]:
    """Start ``newsfuse serve`` on a store file; returns a function(db) -> base URL."""
    procs: list[subprocess.Popen[bytes]] = []

    def start(db: Path) -> str:
        port = _free_port()
        proc = subprocess.Popen(
            [sys.executable, "-m", "newsfuse.cli.app", "serve", "--db", str(db),
             "--port", str(port)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )  # fmt: skip
        procs.append(proc)
        base = f"http://127.0.0.1:{port}"
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                with urllib.request.urlopen(f"{base}/", timeout=2):
                    return base
            except urllib.error.HTTPError:
                return base  # it answers (an empty store's pages say so)
            except OSError:
                if proc.poll() is not None:
                    err = proc.stderr.read().decode() if proc.stderr else "died"
                    raise AssertionError(err) from None
                time.sleep(0.2)
        raise AssertionError("newsfuse serve did not start in 60 s")

    yield start
    for proc in procs:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: object, request: pytest.FixtureRequest) -> Iterator[object]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    dialogs: list[str] = []
    pg.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    pg.dialogs = dialogs
    yield pg
    context.close()


def shot(page: object, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def copy_store(source: Path, to: Path) -> Path:
    with Store.open(source) as store:
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    shutil.copy(source, to)
    return to


def test_list_story_side_by_side_and_a_quote_lands_on_its_paragraph(
    serve: object, page: object, web_source_db: Path, seed_story: str, tmp_path: Path
) -> None:
    base = serve(copy_store(web_source_db, tmp_path / "news.db"))
    page.goto(f"{base}/")
    shot(page, "01-stories")
    page.click(f"a[href='/stories/{seed_story}']")
    page.wait_for_url(f"**/stories/{seed_story}")
    assert "Zelensky" in page.text_content("h1")
    assert page.locator("svg").count() >= 1  # the timeline chart
    shot(page, "02-story")
    page.click(f"a[href='/stories/{seed_story}/compare']")
    page.wait_for_url(f"**/stories/{seed_story}/compare")
    shot(page, "03-compare")
    # a quote of a quote group, above the columns: clicking it lands on its paragraph
    link = page.locator("a[href*='#A'][data-kind='quote']").first
    target = link.get_attribute("href").split("#", 1)[1]
    link.click()
    page.wait_for_url(f"**#{target}")
    para = page.locator(f"[id='{target}']")
    assert para.is_visible()
    box = para.bounding_box()
    assert box is not None and 0 <= box["y"] < 900  # scrolled into the window
    quote = link.text_content().strip().strip("“”‘’\"'")[:30]
    assert quote[:20] in para.text_content()
    shot(page, "04-compare-quote-target")


def test_search_quotes_by_speaker(
    serve: object, page: object, web_source_db: Path, seed_story: str, tmp_path: Path
) -> None:
    base = serve(copy_store(web_source_db, tmp_path / "news.db"))
    page.goto(f"{base}/stories/{seed_story}")  # computes the brief
    page.goto(f"{base}/quotes")
    page.fill("input[name='speaker']", "Putin")
    page.press("input[name='speaker']", "Enter")
    page.wait_for_url(re.compile(r".*speaker=Putin.*"))
    body = page.text_content("main")
    assert "Vladimir Putin" in body
    assert "traitors, spies and saboteurs" in body
    assert "Zelensky said" not in body  # only Putin's quotes
    shot(page, "05-quotes-putin")
    page.goto(f"{base}/search?q=Bakhmut")
    assert page.locator("mark").count() >= 2
    shot(page, "06-search")


def test_uploading_the_two_seeds_through_the_form_makes_their_story(
    serve: object, page: object, seed_paths: list[str], tmp_path: Path
) -> None:
    base = serve(tmp_path / "empty.db")
    page.goto(f"{base}/add")
    shot(page, "07-add")
    page.set_input_files("input[type='file']", seed_paths)
    page.click("form:has(input[type='file']) [type='submit']")
    page.wait_for_url(re.compile(r".*/jobs/\w+"))
    deadline = time.time() + 120  # the job page refreshes itself until the job is done
    while time.time() < deadline:
        try:
            if "done" in (page.text_content("main") or ""):
                break
        except Exception:  # the page was reloading
            pass
        time.sleep(0.5)
    body = page.text_content("main")
    assert body.count("new") >= 2
    shot(page, "08-job-done")
    page.goto(f"{base}/")
    rows = page.locator("a[href^='/stories/']")
    assert rows.count() == 1
    assert "Zelensky" in rows.first.text_content()
    shot(page, "09-stories-after-upload")


def test_a_hostile_article_runs_no_script_on_any_page(
    serve: object, page: object, tmp_path: Path
) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    db = tmp_path / "hostile.db"
    with Store.open(db) as store:
        from newsfuse.store import ingest_paths

        ingest_paths(store, [str(tmp_path / "in")])
        (story,) = store.stories()
        (article,) = story.articles
    base = serve(db)
    for path in (
        "/",
        f"/stories/{story.id}",
        f"/stories/{story.id}/compare",
        f"/articles/{article.id}",
        "/search?q=Marrowdale",
        "/quotes",
    ):
        page.goto(base + path)
        for link in page.locator("a").all():
            href = link.get_attribute("href") or ""
            assert not href.lower().startswith("javascript:"), path
        page.hover("main")
        for b in page.locator("main b, main img").all():
            b.hover()
        assert page.evaluate("window.__xss === undefined"), path
        assert page.dialogs == [], path
        shot(page, "10-hostile" + path.replace("/", "_").replace("?", "_"))
    # …and the text is shown, as text
    page.goto(f"{base}/articles/{article.id}")
    assert "<script>" in page.text_content("main")
