"""What is new since a reader's last visit, and which stories are developing (a
syndicated copy counted once): the page /new and its JSON twins."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from newsfuse.store import Store
from newsfuse.web.app import create_app
from newsfuse.web.config import WebConfig

T0 = datetime(2024, 6, 1, 12, 0, tzinfo=UTC)
OLD = "2024-05-01T00:00:00+00:00"


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        return self.now


def _at(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


@pytest.fixture
def timed(web_db: Path, seed_story: str) -> dict[str, list[str]]:
    """Every article stored long ago, except: the three of one BASIL event in the last
    three hours; the three of the other too, one being marked a syndicated copy; one
    seed article an hour ago. Returns each story's article ids."""
    with Store.open(web_db) as store:
        stories = {s.id: [a.id for a in s.articles] for s in store.stories()}
        conn = store.conn
        conn.execute("UPDATE articles SET ingested_at = ?", (OLD,))
        basil = sorted((s for s in stories if s != seed_story), key=lambda s: s)
        assert len(basil) >= 2 and all(len(stories[s]) == 3 for s in basil[:2])
        for k, sid in enumerate(basil[:2]):
            for h, aid in enumerate(stories[sid], 1):
                moment = T0 - timedelta(hours=h, minutes=10 * k)
                conn.execute("UPDATE articles SET ingested_at = ? WHERE id = ?", (_at(moment), aid))
        first, _, copy = stories[basil[1]]
        conn.execute(
            "UPDATE story_articles SET syndicated_of = ? WHERE article_id = ?", (first, copy)
        )
        conn.execute(
            "UPDATE articles SET ingested_at = ? WHERE id = ?",
            (_at(T0 - timedelta(hours=1)), stories[seed_story][0]),
        )
    return {"three": stories[basil[0]], "copied": stories[basil[1]], "seed": stories[seed_story],
            "ids": [basil[0], basil[1], seed_story]}  # fmt: skip


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def live_client(web_db: Path, clock: Clock) -> Iterator[TestClient]:
    app = create_app(WebConfig(db=web_db, clock=clock), warm_briefs=False)
    with TestClient(app) as c:
        yield c
    app.state.jobs.stop()


def test_developing_counts_independent_outlets_and_a_copy_once(
    live_client: TestClient, timed: dict[str, list[str]]
) -> None:
    three, copied, _seed = timed["ids"]
    body = live_client.get("/api/developing").json()
    assert body["hours"] == 6
    stories = body["stories"]
    assert [s["story"] for s in stories] == [three, copied]  # the seed story grew by one only
    assert stories[0]["independent_reports"] == 3 and stories[0]["syndicated_copies"] == 0
    assert len(stories[0]["independent_outlets"]) == 3
    assert stories[1]["new_articles"] == 3
    assert stories[1]["syndicated_copies"] == 1 and stories[1]["independent_reports"] == 2
    assert len(stories[1]["independent_outlets"]) == 2
    # a shorter window: only what was stored in the last 90 minutes, nothing developing
    assert live_client.get("/api/developing", params={"hours": 1.5}).json()["stories"] == []
    assert live_client.get("/api/developing", params={"hours": 0}).status_code == 422


def test_api_new_since_a_moment(live_client: TestClient, timed: dict[str, list[str]]) -> None:
    three, copied, seed = timed["ids"]
    since = _at(T0 - timedelta(minutes=90))
    body = live_client.get("/api/new", params={"since": since}).json()
    assert body["since"] == since
    assert {s["story"]: s["new_articles"] for s in body["stories"]} == {
        three: 1, copied: 1, seed: 1
    }  # fmt: skip
    assert body["new_articles"] == 3
    bad = live_client.get("/api/new", params={"since": "yesterday"})
    assert bad.status_code == 422 and bad.json()["error"]["code"] == "invalid"
    naive = live_client.get("/api/new", params={"since": since.removesuffix("+00:00")})
    assert naive.json()["since"] == since  # a time without a zone is UTC


def test_the_page_shows_what_is_new_since_the_last_visit(
    live_client: TestClient, clock: Clock, web_db: Path, timed: dict[str, list[str]]
) -> None:
    three, copied, seed = timed["ids"]
    first = live_client.get("/new")
    assert first.status_code == 200
    assert "In the last 24 hours" in first.text
    assert "7 new articles in 3 stories" in first.text
    assert "Developing stories" in first.text and "counted once" in first.text
    growing = first.text.split('id="developing"')[1]
    assert growing.index(f"/stories/{three}") < growing.index(f"/stories/{copied}")
    assert f"/stories/{seed}" not in growing
    assert first.cookies.get("nf_visit")

    # An hour later one more seed article arrives; the reader comes back after two hours.
    with Store.open(web_db) as store:
        store.conn.execute(
            "UPDATE articles SET ingested_at = ? WHERE id = ?",
            (_at(T0 + timedelta(hours=1)), timed["seed"][1]),
        )
    clock.now = T0 + timedelta(hours=2)
    back = live_client.get("/new")
    assert "Since your last visit" in back.text
    assert "1 new article in 1 story" in back.text
    assert f"/stories/{seed}" in back.text.split('id="developing"')[0]

    # A reload a few minutes later is the same visit: the news is still shown.
    clock.now = T0 + timedelta(hours=2, minutes=5)
    assert "1 new article in 1 story" in live_client.get("/new").text

    # The next visit, hours later, starts from the previous one: nothing new since.
    clock.now = T0 + timedelta(hours=5)
    assert "0 new articles in 0 stories" in live_client.get("/new").text
