"""Live sources as a user runs them: `newsfuse ingest` and `newsfuse watch` against a
site served on loopback inside the test (feeds, pages, a sitemap, and faults)."""

from __future__ import annotations

import os
import re
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from loopback import SLOW_S, Site, article_html, rss, sitemap
from newsfuse.store import Store

SUMMARY = re.compile(r"(\d+) new, (\d+) already present, (\d+) rejected")
# The over-size fault: ten times the default 10 MB limit.
HUGE_BYTES = 100 * 1024 * 1024
# The client's timeout in these tests (seconds): far below how long the slow page waits.
TIMEOUT_S = "0.5"
# Give up waiting for a watch to reach a state after this long (seconds).
DEADLINE_S = 90.0
POLL_S = 0.02
# Fast options: no delay between requests on loopback, no retries (tested with an
# injected sleep in tests/ingest), a short timeout.
FAST = ["--allow-private", "--delay", "0", "--retries", "0", "--timeout", TIMEOUT_S]


def newsfuse(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "NEWSFUSE_DB"}
    return subprocess.run(
        [sys.executable, "-m", "newsfuse.cli.app", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )


def counts(stdout: str) -> tuple[int, int, int]:
    m = SUMMARY.search(stdout)
    assert m, f"no summary line in: {stdout!r}"
    return int(m[1]), int(m[2]), int(m[3])


def rejections(stderr: str) -> dict[str, str]:
    return dict(re.findall(r"^rejected (\S+): (.+)$", stderr, flags=re.MULTILINE))


def stored_markers(db: Path) -> list[str]:
    with Store.open(db) as store:
        return [re.search(r"zq\d{5}", a.text)[0] for a in store.articles()]  # type: ignore[index]


# --------------------------------------------------------------------------- faults


def _slow(req) -> None:  # type: ignore[no-untyped-def]
    req.owner.closing.wait(SLOW_S)  # answers long after the client's timeout
    req.send_body(200, b"<html><body><p>late</p></body></html>", "text/html")


def _huge(req) -> None:  # type: ignore[no-untyped-def]
    """100 MB of HTML with no Content-Length: the client must stop reading at its limit."""
    req.send_response(200)
    req.send_header("Content-Type", "text/html; charset=utf-8")
    req.send_header("Connection", "close")
    req.end_headers()
    chunk = b"<p>" + b"filler words " * 80_000 + b"</p>\n"
    sent = 0
    try:
        req.wfile.write(b"<html><body>")
        while sent < HUGE_BYTES and not req.owner.closing.is_set():
            req.wfile.write(chunk)
            sent += len(chunk)
    except OSError:
        pass
    req.owner.huge_sent = sent
    req.close_connection = True


def test_faults_are_named_and_every_other_article_is_stored(tmp_path: Path) -> None:
    with Site() as site:
        site.huge_sent = 0  # type: ignore[attr-defined]
        good = [site.add(f"/news/{n}.html", article_html(n)) for n in range(6)]
        faults = {
            "timeout": site.handle("/slow.html", _slow),
            "5xx": site.add("/down.html", "busy", status=503, content_type="text/plain"),
            "404": site.url("/missing.html"),
            "loop": site.add("/loop1", "", status=302, headers={"Location": "/loop2"}),
            "private": site.add(
                "/to-private",
                "",
                status=302,
                headers={"Location": "http://169.254.169.254/latest/meta-data/"},
            ),
            "huge": site.handle("/huge.html", _huge),
            "charset": site.add(
                "/latin1.html",
                (
                    "<html><head><title>Café owners in Münster</title></head><body><p>"
                    + "Café owners in Münster said the square would reopen next week. " * 5
                    + "</p></body></html>"
                ).encode("latin-1"),
                content_type="text/html; charset=utf-8",
            ),
        }
        site.add("/loop2", "", status=302, headers={"Location": "/loop1"})
        listed = [*good[:3], *faults.values(), *good[3:]]
        feed = site.add(
            "/feed.xml", rss([(f"item {k}", u) for k, u in enumerate(listed)]),
            content_type="application/rss+xml",
        )  # fmt: skip
        broken = site.add(
            "/broken-sitemap.xml",
            '<?xml version="1.0"?><urlset><url><loc>http://x.invalid/a</loc></url><url><lo',
            content_type="application/xml",
        )

        run = newsfuse("ingest", feed, broken, "--db", "news.db", *FAST, cwd=tmp_path)

        assert run.returncode == 1, run.stderr
        assert "Traceback" not in run.stderr
        assert counts(run.stdout) == (6, 0, 8)
        reasons = rejections(run.stderr)
        assert set(reasons) == {*faults.values(), broken}, run.stderr
        assert "timed out" in reasons[faults["timeout"]]
        assert "HTTP 503" in reasons[faults["5xx"]]
        assert "HTTP 404" in reasons[faults["404"]]
        assert "redirect loop" in reasons[faults["loop"]]
        assert "/loop1 -> " in reasons[faults["loop"]]
        assert "169.254.169.254" in reasons[faults["private"]]
        assert "private or local address" in reasons[faults["private"]]
        assert "over the 10.0 MB limit" in reasons[faults["huge"]]
        assert "declares charset utf-8" in reasons[faults["charset"]]
        assert "malformed XML" in reasons[broken]
        # the client stopped reading near the limit: far less than the 100 MB offered
        site.closing.set()
        time.sleep(0.2)
        assert site.huge_sent < 40 * 1024 * 1024  # type: ignore[attr-defined]
    assert sorted(stored_markers(tmp_path / "news.db")) == [f"zq{n:05d}" for n in range(6)]


# --------------------------------------------------------------------------- re-polls


def test_a_second_ingest_of_a_feed_downloads_no_article_again(tmp_path: Path) -> None:
    with Site() as site:
        pages = [site.add(f"/a/{n}.html", article_html(n)) for n in range(8)]
        feed = site.add(
            "/feed.xml",
            rss([(f"Report {n}", u) for n, u in enumerate(pages)]),
            content_type="application/rss+xml",
            etag='"feed-v1"',
            last_modified="Wed, 01 May 2024 10:00:00 GMT",
        )
        first = newsfuse("ingest", feed, "--db", "news.db", *FAST, cwd=tmp_path)
        assert first.returncode == 0, first.stderr
        assert counts(first.stdout) == (8, 0, 0)
        assert site.body_count("/a/") == 8

        second = newsfuse("ingest", feed, "--db", "news.db", *FAST, cwd=tmp_path)
        assert second.returncode == 0, second.stderr
        assert site.body_count("/a/") == 8  # no article body downloaded again
        assert site.not_modified["/feed.xml"] == 1  # the feed itself: 304, no body
        assert "1 unchanged: HTTP 304" in second.stdout

        # The feed gains two items (new ETag): only those two are downloaded.
        pages += [site.add(f"/a/{n}.html", article_html(n)) for n in (8, 9)]
        site.routes["/feed.xml"].body = rss([(f"R {n}", u) for n, u in enumerate(pages)]).encode()
        site.routes["/feed.xml"].etag = '"feed-v2"'
        third = newsfuse("ingest", feed, "--db", "news.db", *FAST, cwd=tmp_path)
        assert counts(third.stdout) == (2, 8, 0)
        assert site.body_count("/a/") == 10
        assert all(site.bodies[f"/a/{n}.html"] == 1 for n in range(10))
    assert sorted(stored_markers(tmp_path / "news.db")) == [f"zq{n:05d}" for n in range(10)]


def test_sitemap_and_opml_sources(tmp_path: Path) -> None:
    with Site() as site:
        pages = [site.add(f"/s/{n}.html", article_html(20 + n)) for n in range(3)]
        site_map = site.add("/news-sitemap.xml", sitemap(pages), content_type="application/xml")
        feed_pages = [site.add(f"/f/{n}.html", article_html(30 + n)) for n in range(2)]
        feed = site.add("/rss", rss([("x", u) for u in feed_pages]), content_type="text/xml")
        opml = tmp_path / "feeds.opml"
        opml.write_text(
            f'<?xml version="1.0"?><opml version="2.0"><body><outline text="News">'
            f'<outline type="rss" text="Loopback" xmlUrl="{feed}"/></outline></body></opml>',
            encoding="utf-8",
        )
        run = newsfuse("ingest", site_map, str(opml), "--db", "news.db", *FAST, cwd=tmp_path)
        assert run.returncode == 0, run.stderr
        assert counts(run.stdout) == (5, 0, 0)
    with Store.open(tmp_path / "news.db") as store:
        urls = {a.url for a in store.articles()}
    assert urls == {*pages, *feed_pages}


# --------------------------------------------------------------------------- watch

# The feed that grows: this many items at first, two more at each request of it.
FEED_TOTAL = 14
FEED_START = 8
FEED_STEP = 2
# The watch is killed while it waits for this item's page (its earlier ones committed).
GATE_ITEM = 6


def _committed(db: Path) -> int:
    try:
        conn = sqlite3.connect(db, timeout=5)
        try:
            return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.OperationalError:
        return 0


def _wait(condition, what: str, proc: subprocess.Popen[bytes] | None = None) -> None:  # type: ignore[no-untyped-def]
    started = time.monotonic()
    while not condition():
        if proc is not None:
            assert proc.poll() is None, f"watch ended early ({proc.returncode}) before {what}"
        assert time.monotonic() - started < DEADLINE_S, f"timed out waiting for {what}"
        time.sleep(POLL_S)


@pytest.mark.slow
def test_watch_killed_mid_poll_resumes_with_every_article_once(tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    gate = threading.Event()
    env = {k: v for k, v in os.environ.items() if k != "NEWSFUSE_DB"}
    with Site() as site:
        urls = [site.url(f"/w/{n}.html") for n in range(FEED_TOTAL)]
        for n in range(FEED_TOTAL):
            if n != GATE_ITEM:
                site.add(f"/w/{n}.html", article_html(100 + n))
        gated_page = article_html(100 + GATE_ITEM).encode()

        def gated(req) -> None:  # type: ignore[no-untyped-def]
            gate.wait(DEADLINE_S)
            req.send_body(200, gated_page, "text/html; charset=utf-8")

        site.handle(f"/w/{GATE_ITEM}.html", gated)

        def growing_feed(req) -> None:  # type: ignore[no-untyped-def]
            with site.lock:
                served = site.hits["/feed.xml"]
            visible = min(FEED_TOTAL, FEED_START + FEED_STEP * (served - 1))
            etag = f'"items-{visible}"'
            if req.headers.get("If-None-Match") == etag:
                with site.lock:
                    site.not_modified["/feed.xml"] += 1
                req.send_response(304)
                req.send_header("Content-Length", "0")
                req.end_headers()
                return
            body = rss([(f"Item {n}", urls[n]) for n in range(visible)]).encode()
            req.send_body(200, body, "application/rss+xml", {"ETag": etag})

        feed = site.handle("/feed.xml", growing_feed)
        cmd = [sys.executable, "-m", "newsfuse.cli.app", "watch", feed, "--every", "1s",
               "--db", str(db), "--no-briefs", "--batch-size", "2", *FAST]  # fmt: skip

        first = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        try:
            _wait(lambda: site.hits[f"/w/{GATE_ITEM}.html"] > 0, "the gated page", first)
            _wait(lambda: _committed(db) >= 4, "four committed articles", first)
            first.send_signal(signal.SIGKILL)
            first.wait(timeout=10)
        finally:
            if first.poll() is None:
                first.kill()
                first.wait()
        assert first.returncode == -signal.SIGKILL
        with Store.open(db) as store:
            assert store.check() == []
            before = {r[0] for r in store.conn.execute("SELECT url FROM fetched_urls")}
            assert (
                store.conn.execute(
                    "SELECT count(*) FROM fetch_state WHERE etag IS NOT NULL"
                ).fetchone()[0]
                == 0
            )  # the feed was not marked as read mid-poll
        assert 4 <= len(before) < FEED_TOTAL

        gate.set()
        second = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        try:
            _wait(lambda: _committed(db) >= FEED_TOTAL, "every article", second)
            # one more poll with nothing new: the feed answers 304
            _wait(lambda: site.not_modified["/feed.xml"] >= 1, "an unchanged poll", second)
        finally:
            second.send_signal(signal.SIGTERM)
            _out, err = second.communicate(timeout=30)
        assert b"resuming" in err, err
        assert b"Traceback" not in err

        # No article committed before the kill was downloaded again.
        assert all(site.bodies[u.split(str(site.port), 1)[1]] == 1 for u in before)
    markers = stored_markers(db)
    assert sorted(markers) == [f"zq{100 + n:05d}" for n in range(FEED_TOTAL)]
    with Store.open(db) as store:
        assert store.check() == []
        assert store.conn.execute("SELECT count(*) FROM fetched_urls").fetchone()[0] == FEED_TOTAL
        polls = store.conn.execute(
            "SELECT count(*), count(finished_at) FROM watch_polls"
        ).fetchone()
        # the killed poll stays unfinished; so may the poll SIGTERM stopped at the end
        assert polls[0] >= 3 and polls[0] - polls[1] in (1, 2)


def test_watch_once_backs_off_a_failing_feed_and_refuses_a_bad_interval(tmp_path: Path) -> None:
    from newsfuse.cli.watch_cmd import parse_duration

    assert [parse_duration(x) for x in ("90", "30s", "15m", "1h30m", "1d")] == [
        90.0, 30.0, 900.0, 5400.0, 86400.0,
    ]  # fmt: skip
    bad = newsfuse("watch", "http://127.0.0.1:9/feed", "--every", "soon", cwd=tmp_path)
    assert bad.returncode == 2 and "not a duration" in bad.stderr
    with Site() as site:
        site.add("/feed.xml", "down", status=503, content_type="text/plain")
        args = ["watch", site.url("/feed.xml"), "--once", "--db", "news.db", *FAST]
        first = newsfuse(*args, cwd=tmp_path)
        assert first.returncode == 1
        assert "HTTP 503" in rejections(first.stderr)[site.url("/feed.xml")]
        assert site.hits["/feed.xml"] == 1
        # The next poll, within the back-off, leaves the feed alone and says so.
        second = newsfuse(*args, cwd=tmp_path)
        assert second.returncode == 0, second.stderr
        assert site.hits["/feed.xml"] == 1
        assert "1 URL(s) left for later" in second.stdout
    with Store.open(tmp_path / "news.db") as store:
        row = store.conn.execute(
            "SELECT failures, error, retry_at IS NOT NULL, gave_up FROM fetch_state"
        ).fetchone()
    assert tuple(row) == (1, "HTTP 503", 1, 0)
