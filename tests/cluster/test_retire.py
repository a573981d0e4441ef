"""Quiet stories leave the clusterer's memory, and the stories stay those it makes
keeping everything."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from test_online import CHESS, DRONES, FLOOD, VOLCANO, WIRE

import newsfuse.cluster.online as online
from newsfuse.cluster.features import features
from newsfuse.cluster.online import StoryClusterer

START = date(2023, 3, 5)


def day(n: int) -> str:
    return (START + timedelta(days=n)).isoformat()


# Four events a month or more apart, each told over a few days, then a reprise of the
# first event's words a year on (a new story: a story spans days, not years).
STREAM = [
    *((aid, t, x, day(k)) for k, (aid, t, x) in enumerate(FLOOD)),
    *((aid, t, x, day(40 + k)) for k, (aid, t, x) in enumerate(DRONES)),
    *((aid, t, x, day(90 + k)) for k, (aid, t, x) in enumerate(CHESS)),
    *((aid, t, x, day(150 + k)) for k, (aid, t, x) in enumerate(VOLCANO)),
    *((f"{aid}-again", t, x, day(400)) for aid, t, x in FLOOD[:2]),
]


def run(clusterer: StoryClusterer) -> list[str]:
    for aid, title, text, when in STREAM:
        clusterer.add(aid, features(title, text, when), text)
    return clusterer.labels([a[0] for a in STREAM])


@pytest.fixture
def sweep_every_article(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(online, "PRUNE_EVERY", 1)


@pytest.mark.usefixtures("sweep_every_article")
def test_quiet_stories_leave_memory_and_the_stories_are_unchanged() -> None:
    keeping = StoryClusterer(auto_retire=False)
    retiring = StoryClusterer()
    assert run(retiring) == run(keeping)
    assert [e for e in retiring.events] == [e for e in keeping.events]
    # only the reprise is live; everything of the older events has left memory
    (live,) = retiring.stories
    assert retiring.stories[live].members == ["flood-1-again", "flood-2-again"]
    assert len(keeping.stories) > 1
    assert {s for posting in retiring.postings.values() for s in posting} == {live}
    assert set(retiring.family_centroids) == {retiring.family(live)}
    # in memory the result stays readable: every article keeps its story
    assert retiring.labels(["flood-1", "chess-2"]) == keeping.labels(["flood-1", "chess-2"])


@pytest.mark.usefixtures("sweep_every_article")
def test_a_retired_story_takes_its_articles_signatures_with_it() -> None:
    clusterer = StoryClusterer(keep_assignments=False)
    clusterer.add("wire-1", features("Drone recall", WIRE, day(0)), WIRE)
    assert clusterer.syndication is not None
    assert set(clusterer.syndication.signatures) == {"wire-1"}
    clusterer.add("chess-1", features(*CHESS[0][1:], day(60)), CHESS[0][2])
    assert set(clusterer.syndication.signatures) == set()  # chess-1 is too short to index
    assert "wire-1" not in clusterer.story_of  # the store keeps the assignment, not memory


def test_a_reprint_of_a_reprint_joins_the_live_reprint_as_its_copy() -> None:
    # the wire text a year on starts a new story; a second outlet's copy the next day
    # is a copy of that reprint, not of the year-old original (out of its window)
    for clusterer in (StoryClusterer(auto_retire=False), StoryClusterer()):
        first = clusterer.add("wire-1", features("Drone recall", WIRE, day(0)), WIRE)
        reprint = clusterer.add("wire-2", features("Drone recall", WIRE, day(365)), WIRE)
        again = clusterer.add("wire-3", features("Drones recalled", WIRE, day(366)), WIRE)
        assert reprint.new_story and reprint.story_id != first.story_id
        assert (again.story_id, again.syndicated_of) == (reprint.story_id, "wire-2")


def test_one_misdated_article_far_in_the_future_retires_nothing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(online, "PRUNE_EVERY", 1)
    clusterer = StoryClusterer()
    for aid, title, text in FLOOD[:2]:
        clusterer.add(aid, features(title, text, day(0)), text)
    typo = (date.today() + timedelta(days=3650)).isoformat()
    clusterer.add("drone-1", features(*DRONES[0][1:], typo), DRONES[0][2])
    _, title, text = FLOOD[2]
    third = clusterer.add("flood-3", features(title, text, day(2)), text)
    assert third.story_id == clusterer.labels(["flood-1"])[0]
