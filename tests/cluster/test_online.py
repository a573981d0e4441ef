"""The online story clusterer on short invented articles: three events, told differently."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsfuse.cluster.features import Features, features
from newsfuse.cluster.online import Event, StoryClusterer, two_groups

# Three invented events; each told by two or three outlets in their own words.
FLOOD = [
    (
        "flood-1",
        "Tessel river floods Marrowdale",
        "The Tessel river burst its banks in Marrowdale overnight, forcing some 400 residents "
        "from their homes. Mayor Elin Vasquez opened the Marrowdale sports hall as a shelter. "
        "Water stood a metre deep in the old market square by dawn. Engineers blamed three days "
        "of rain on the hills above the valley.",
    ),
    (
        "flood-2",
        "Hundreds evacuated as Marrowdale floods",
        "Around 400 people were evacuated from Marrowdale after the Tessel overflowed late on "
        "Sunday. Elin Vasquez, the town's mayor, said the sports hall would stay open as an "
        "emergency shelter. Shops around the market square were flooded and the valley road was "
        "closed. Heavy rain on the hills had swollen the river for days.",
    ),
    (
        "flood-3",
        "Marrowdale counts the cost of Tessel flood",
        "Residents of Marrowdale returned to mud-filled homes as the Tessel river fell back. "
        "Mayor Vasquez said 400 households had been evacuated and the sports hall shelter would "
        "close on Friday. Traders in the market square began pumping water from their cellars.",
    ),
]
DRONES = [
    (
        "drone-1",
        "Quillon Robotics recalls delivery drones",
        "Quillon Robotics is recalling 12,000 delivery drones after a series of battery fires. "
        "Chief executive Darius Penhallow said the lithium cells could overheat in flight. "
        "Regulators grounded the Quillon fleet while engineers inspect every battery pack. "
        "Customers will receive replacement drones free of charge.",
    ),
    (
        "drone-2",
        "Battery fires ground Quillon drone fleet",
        "Darius Penhallow, head of Quillon Robotics, apologised for battery fires that forced the "
        "recall of 12,000 drones. Aviation regulators ordered the Quillon fleet grounded until "
        "every lithium battery pack has been inspected. Replacement drones will be shipped to "
        "customers within weeks.",
    ),
]
CHESS = [
    (
        "chess-1",
        "Farrowby wins the Kessington Open",
        "Grandmaster Ottoline Farrowby won the Kessington Open chess tournament, beating "
        "Bartholomew Quist in a tense final round. Farrowby sacrificed a rook on move 31 and "
        "forced checkmate nine moves later. The title brings prize money of 80,000 euros.",
    ),
    (
        "chess-2",
        "Rook sacrifice seals Kessington title for Farrowby",
        "Ottoline Farrowby took the Kessington Open after a daring rook sacrifice against "
        "Bartholomew Quist in the last round. The grandmaster collects 80,000 euros and climbs "
        "into the world's top ten. Quist resigned after a long checkmate attack.",
    ),
]
# A long wire text (syndication needs at least 40 words), run by several outlets.
WIRE = (
    "Quillon Robotics said on Monday it would recall 12,000 delivery drones after a string of "
    "battery fires in three cities. Chief executive Darius Penhallow told reporters that a "
    "faulty batch of lithium cells could overheat during long flights in warm weather. The "
    "aviation regulator has grounded the entire Quillon fleet until engineers have inspected "
    "every battery pack, a process the company expects to take at least six weeks. Quillon "
    "will ship replacement drones to customers free of charge and has set aside 40 million "
    "euros to cover the cost. Shares in the company fell sharply in early trading before "
    "recovering some of their losses by the close. Analysts said the recall was the largest "
    "in the short history of commercial drone delivery and could slow plans to expand the "
    "service to smaller towns later this year."
)
DAY = "2023-03-05"


def feats(title: str, text: str, published: str | None = DAY) -> Features:
    return features(title, text, published)


def add_all(clusterer: StoryClusterer, articles: list[tuple[str, str, str]]) -> dict[str, str]:
    """Add articles in order; the story id each got when it arrived."""
    return {
        aid: clusterer.add(aid, feats(title, text), text).story_id for aid, title, text in articles
    }


def interleaved() -> list[tuple[str, str, str]]:
    return [
        FLOOD[0], DRONES[0], CHESS[0], FLOOD[1], CHESS[1], DRONES[1], FLOOD[2],
    ]  # fmt: skip


def test_articles_of_one_event_share_a_story_and_events_are_apart() -> None:
    clusterer = StoryClusterer()
    add_all(clusterer, interleaved())
    groups = [[aid for aid, _, _ in event] for event in (FLOOD, DRONES, CHESS)]
    stories = [set(clusterer.labels(ids)) for ids in groups]
    assert all(len(s) == 1 for s in stories), stories
    assert len(set.union(*stories)) == 3
    assert len(clusterer.stories) == 3


def test_story_ids_never_change_as_articles_arrive() -> None:
    clusterer = StoryClusterer()
    first_id = clusterer.add("flood-1", feats(*FLOOD[0][1:]), FLOOD[0][2]).story_id
    arrived = add_all(clusterer, interleaved()[1:])
    # The first article's story keeps its id, and every article is still where it went.
    assert clusterer.labels(["flood-1"]) == [first_id]
    assert arrived["flood-2"] == arrived["flood-3"] == first_id
    for aid, story_id in arrived.items():
        assert clusterer.labels([aid]) == [story_id]
    assert not [e for e in clusterer.events if e.kind == "merged"]


def test_the_first_article_starts_a_story_and_a_later_one_joins_it() -> None:
    clusterer = StoryClusterer()
    first = clusterer.add("flood-1", feats(*FLOOD[0][1:]), FLOOD[0][2])
    second = clusterer.add("flood-2", feats(*FLOOD[1][1:]), FLOOD[1][2])
    assert first.new_story and first.similarity == 1.0
    assert not second.new_story and second.story_id == first.story_id
    assert clusterer.threshold <= second.similarity < 1.0
    assert [e.kind for e in clusterer.events] == ["created"]


def test_same_words_two_years_later_start_a_new_story() -> None:
    _, title, text = FLOOD[2]
    for days, joins in ((3, True), (730, False)):
        clusterer = StoryClusterer()
        add_all(clusterer, FLOOD[:2])
        when = (date.fromisoformat(DAY) + timedelta(days=days)).isoformat()
        result = clusterer.add("flood-3", feats(title, text, when), text)
        assert result.new_story is not joins, days
        assert (result.story_id == clusterer.labels(["flood-1"])[0]) is joins, days


def test_a_copy_two_years_later_starts_a_new_story() -> None:
    clusterer = StoryClusterer()
    clusterer.add("wire-1", feats("Drone recall", WIRE), WIRE)
    later = (date.fromisoformat(DAY) + timedelta(days=730)).isoformat()
    result = clusterer.add("wire-reprint", feats("Drone recall", WIRE, later), WIRE)
    assert result.new_story


def test_re_adding_an_article_keeps_its_story() -> None:
    clusterer = StoryClusterer()
    stories = add_all(clusterer, interleaved())
    seen = clusterer.seen
    # The same id again, even with other content: it stays where it is, nothing is counted.
    again = clusterer.add("flood-2", feats(*DRONES[0][1:]), DRONES[0][2])
    assert again.story_id == stories["flood-2"] and not again.new_story
    assert clusterer.seen == seen
    assert clusterer.stories[stories["flood-2"]].members.count("flood-2") == 1


def test_a_syndicated_copy_is_marked_and_joins_its_original() -> None:
    clusterer = StoryClusterer()
    add_all(clusterer, interleaved())
    wire = clusterer.add("wire-1", feats("Quillon recalls 12,000 drones", WIRE), WIRE)
    assert wire.syndicated_of is None
    assert wire.story_id == clusterer.labels(["drone-1"])[0]  # joined on its own merits
    # Another outlet runs the wire text under its own headline, lightly edited.
    copy = WIRE.replace("sharply", "steeply").replace("later this year", "next year")
    result = clusterer.add("wire-2", feats("Drone maker grounds fleet", copy), copy)
    assert result.syndicated_of == "wire-1"
    assert result.story_id == wire.story_id and not result.new_story
    assert clusterer.copies == {"wire-2": "wire-1"}


def test_a_copy_joins_its_original_even_when_the_words_alone_would_not() -> None:
    # A strict threshold: no two different reports would ever be put together, but a copy is.
    clusterer = StoryClusterer(threshold=0.999)
    clusterer.add("wire-1", feats("Quillon recalls 12,000 drones", WIRE), WIRE)
    copy = WIRE.replace("Monday", "Tuesday")
    result = clusterer.add("wire-2", feats("", copy), copy)
    assert (result.syndicated_of, result.new_story) == ("wire-1", False)
    assert clusterer.labels(["wire-1", "wire-2"]) == [result.story_id] * 2


def test_an_independent_report_is_not_marked_syndicated() -> None:
    clusterer = StoryClusterer()
    clusterer.add("wire-1", feats("Quillon recalls 12,000 drones", WIRE), WIRE)
    results = [clusterer.add(aid, feats(t, x), x) for aid, t, x in DRONES]
    assert [r.syndicated_of for r in results] == [None, None]
    assert clusterer.copies == {}


# A third report that retells both earlier ones: leaning to the older or to the younger.
BRIDGES = {
    "older": FLOOD[0][2] + " " + FLOOD[0][2] + " " + FLOOD[1][2],
    "younger": FLOOD[1][2] + " " + FLOOD[1][2] + " " + FLOOD[0][2],
}


@pytest.mark.parametrize("lean", sorted(BRIDGES))
def test_a_bridging_article_merges_two_close_stories_and_the_merge_is_recorded(
    lean: str,
) -> None:
    # A strict join threshold keeps the two reports of one event apart at first; a third
    # report close to both then merges the younger story into the older one.
    clusterer = StoryClusterer(threshold=0.65, syndication=None)
    a = clusterer.add("flood-1", feats(*FLOOD[0][1:]), FLOOD[0][2])
    b = clusterer.add("flood-2", feats(*FLOOD[1][1:]), FLOOD[1][2])
    assert b.new_story and b.story_id != a.story_id
    text = BRIDGES[lean]
    c = clusterer.add("flood-both", feats("Marrowdale flood", text), text)
    assert not c.new_story and c.story_id == a.story_id
    merged = [e for e in clusterer.events if e.kind == "merged"]
    assert merged == [Event("merged", b.story_id, "flood-both", into=a.story_id)]
    # The older story's id survives; every article now belongs to it.
    assert clusterer.labels(["flood-1", "flood-2", "flood-both"]) == [a.story_id] * 3
    assert set(clusterer.stories) == {a.story_id}
    assert sorted(clusterer.stories[a.story_id].members) == ["flood-1", "flood-2", "flood-both"]
    assert clusterer.family(b.story_id) == clusterer.family(a.story_id)


def test_without_a_bridge_two_stories_stay_apart_and_nothing_is_merged() -> None:
    clusterer = StoryClusterer(threshold=0.65, syndication=None)
    add_all(clusterer, FLOOD[:2])
    add_all(clusterer, DRONES)
    assert len(set(clusterer.labels(["flood-1", "flood-2"]))) == 2
    assert [e.kind for e in clusterer.events].count("merged") == 0


def test_a_stricter_threshold_keeps_reports_apart() -> None:
    clusterer = StoryClusterer(threshold=0.99)
    add_all(clusterer, CHESS)
    assert len(set(clusterer.labels(["chess-1", "chess-2"]))) == 2


@given(
    st.lists(
        st.lists(st.sampled_from("alpha beta gamma delta omega sigma kappa theta".split()),
                 min_size=3, max_size=8),
        min_size=2, max_size=40,
    )
)  # fmt: skip
@settings(max_examples=60, deadline=None)
def test_merges_keep_every_article_in_exactly_one_live_story(docs: list[list[str]]) -> None:
    # loose thresholds make stories merge often, several per article at times
    clusterer = StoryClusterer(threshold=0.2, merge_threshold=0.1, syndication=None)
    for k, words in enumerate(docs):
        text = " ".join(words)
        clusterer.add(f"a{k}", features("", text, "2024-01-01"), text)
    members = [m for s in clusterer.stories.values() for m in s.members]
    assert sorted(members) == sorted(f"a{k}" for k in range(len(docs)))
    assert all(clusterer.story_of[m] == s.id for s in clusterer.stories.values() for m in s.members)


def test_an_article_close_to_three_stories_merges_them_all_into_the_oldest() -> None:
    # found by the property test above: the fourth text is close to all three stories,
    # and the second merge used to reach for a story the first had removed
    texts = [
        "sigma gamma gamma",
        "beta kappa omega",
        "alpha alpha delta",
        "delta theta kappa gamma alpha delta",
    ]
    clusterer = StoryClusterer(threshold=0.2, merge_threshold=0.1, syndication=None)
    for k, text in enumerate(texts):
        clusterer.add(f"a{k}", features("", text, "2024-01-01"), text)
    members = sorted(m for s in clusterer.stories.values() for m in s.members)
    assert members == ["a0", "a1", "a2", "a3"]
    kinds = [e.kind for e in clusterer.events]
    assert kinds.count("created") - kinds.count("merged") == len(clusterer.stories)


# Two events in one town, told by three outlets each: a volcano and a dock strike. A very
# loose join threshold lets the strike reports join the volcano story at first.
VOLCANO = [
    (
        "volcano-1",
        "Mount Korath erupts",
        "Mount Korath erupted before dawn, sending an ash column eight kilometres high over "
        "Pellin. Officials closed the Pellin airport and told villagers on the northern slope "
        "to leave. Lava reached the forest road by noon.",
    ),
    (
        "volcano-2",
        "Ash from Korath grounds flights",
        "Flights out of Pellin were cancelled after Mount Korath threw ash eight kilometres "
        "into the sky. Villagers on the northern slope were evacuated as lava crossed the "
        "forest road, officials said.",
    ),
    (
        "volcano-3",
        "Korath eruption forces evacuation",
        "Thousands left villages on the northern slope of Mount Korath as the volcano erupted. "
        "Ash closed Pellin airport and officials warned that lava could cut the forest road "
        "again.",
    ),
]
STRIKE = [
    (
        "strike-1",
        "Pellin dockers strike over pay",
        "Dockers at Pellin harbour walked out over pay, leaving hundreds of containers stranded "
        "on the quays. Union leader Maren Olsk said the strike would last until the port "
        "authority raised its offer. Officials called the stoppage unlawful.",
    ),
    (
        "strike-2",
        "Containers pile up as Pellin strike begins",
        "Hundreds of containers sat on the Pellin quays as dockers began a strike over pay. "
        "Maren Olsk of the dockers union demanded a better offer from the port authority; "
        "officials said talks would resume.",
    ),
    (
        "strike-3",
        "Port authority and union meet as Pellin strike goes on",
        "The Pellin port authority met union leader Maren Olsk as the dockers strike left "
        "containers stranded on the quays for a second day. Officials hope the pay offer can "
        "be improved.",
    ),
]


def test_a_story_found_to_hold_two_events_is_split_and_the_split_is_recorded() -> None:
    clusterer = StoryClusterer(threshold=0.0001, syndication=None)
    first = clusterer.add_all(
        (aid, features(title, text, "2024-05-02"), text) for aid, title, text in VOLCANO
    )
    early = clusterer.add_all(
        (aid, features(title, text, "2024-05-03"), text) for aid, title, text in STRIKE[:2]
    )
    volcano = first[0].story_id
    # the first strike reports join the volcano story: one town, one loose threshold
    assert [a.story_id for a in early] == [volcano, volcano]
    last = clusterer.add("strike-3", features(*STRIKE[2][1:], "2024-05-03"), STRIKE[2][2])
    # with six articles the story falls into two tight groups far apart: the later group
    # leaves as a new story, the volcano keeps its id, and the split is an event
    assert last.story_id != volcano
    assert clusterer.labels(a for a, _, _ in VOLCANO) == [volcano] * 3
    assert clusterer.labels(a for a, _, _ in STRIKE) == [last.story_id] * 3
    assert clusterer.events[-1] == Event("split", last.story_id, "strike-3", parent=volcano)
    assert clusterer.moved == {a: last.story_id for a, _, _ in STRIKE}
    # the two share a family (one town's news), and each story's centroid is its own
    assert clusterer.family(last.story_id) == clusterer.family(volcano)
    strike_terms = set(clusterer.stories[last.story_id].centroid)
    assert "docker" in strike_terms and "lava" not in strike_terms
    # a later strike report joins the strike story, not the volcano
    more = "Pellin dockers ended their strike after the port authority raised its pay offer."
    assert (
        clusterer.add("strike-4", features("Pellin strike ends", more, "2024-05-04"), more).story_id
        == last.story_id
    )


def test_six_reports_of_one_event_are_not_split() -> None:
    clusterer = StoryClusterer(syndication=None)
    for k in range(2):
        clusterer.add_all(
            (f"{aid}-{k}", features(title, text, "2024-05-02"), text)
            for aid, title, text in VOLCANO
        )
    assert len(clusterer.stories) == 1
    assert [e.kind for e in clusterer.events] == ["created"]


def test_two_groups_needs_two_tight_groups_far_apart() -> None:
    a = {"lava": 0.8, "ash": 0.6}
    b = {"docker": 0.6, "quay": 0.8}
    mixed = {"lava": 0.6, "docker": 0.8}
    assert two_groups([a, a, a, b, b, b]) == ([0, 1, 2], [3, 4, 5])
    assert two_groups([a, a, a, b, b]) is None  # a group of two is not an event yet
    assert two_groups([a, mixed, b, a, mixed, b]) is None  # no clean cut


# Another eruption, of another volcano in another country: a new story of the same kind.
ERUPTION_ELSEWHERE = [
    (
        "sarn-1",
        "Tobrel residents flee as Mount Sarn erupts",
        "Residents of Tobrel fled their homes on Tuesday when Mount Sarn, silent for forty "
        "years, began to erupt. Geologist Ines Marlow said the volcano's crater had swollen "
        "for weeks. Tobrel schools were shut and the army sent trucks.",
    ),
    (
        "sarn-2",
        "Sarn eruption: army trucks carry Tobrel families to safety",
        "Army trucks carried families out of Tobrel as Mount Sarn erupted for a second day. "
        "Ines Marlow, who monitors the volcano, warned that the crater could collapse. The "
        "schools of Tobrel stay shut.",
    ),
]


def test_another_event_of_the_same_kind_is_a_new_story_in_the_same_family() -> None:
    clusterer = StoryClusterer(syndication=None)
    korath = clusterer.add_all(
        (aid, features(title, text, "2024-05-02"), text) for aid, title, text in VOLCANO
    )
    sarn = clusterer.add_all(
        (aid, features(title, text, "2024-05-04"), text) for aid, title, text in ERUPTION_ELSEWHERE
    )
    drones = clusterer.add_all(
        (aid, features(title, text, "2024-05-04"), text) for aid, title, text in DRONES
    )
    # three stories: the two eruptions are one family, the drone recall a family of its own
    assert len({a.story_id for a in korath + sarn + drones}) == 3
    assert clusterer.family(sarn[0].story_id) == clusterer.family(korath[0].story_id)
    assert clusterer.family(drones[0].story_id) == drones[0].story_id
    # each family's centroid holds its articles' terms, the eruptions' both volcanoes
    eruptions = clusterer.family_centroids[clusterer.family(korath[0].story_id)]
    assert {"n:korath", "n:sarn", "lava"} <= set(eruptions)
    assert "drone" not in eruptions


def test_stories_no_dated_article_can_join_drop_their_member_vectors() -> None:
    # the vectors kept for splitting cost memory: a story that ended more than two date
    # windows before the newest article can neither grow nor split, so it lets them go
    clusterer = StoryClusterer(syndication=None)
    old = clusterer.add_all(
        (aid, features(title, text, "2024-01-02"), text) for aid, title, text in VOLCANO
    )
    new = clusterer.add_all(
        (aid, features(title, text, "2024-05-04"), text) for aid, title, text in DRONES
    )
    clusterer._prune()
    assert clusterer.stories[old[0].story_id].vectors is None
    assert set(clusterer.stories[new[0].story_id].vectors or {}) == {"drone-1", "drone-2"}
