"""Near-identical copies of one text (syndicated wire copy) are found; other texts are not."""

from __future__ import annotations

from newsfuse.cluster.syndication import MIN_WORDS, SyndicationIndex

WIRE = (
    "The harbour authority in Port Calloway closed the northern shipping lane on Thursday "
    "after a container vessel lost power and drifted onto a sandbank near the lighthouse. "
    "Coastguard crews took the twenty two crew members off the ship by helicopter in strong "
    "winds, and no injuries were reported. Salvage teams expect to refloat the vessel at high "
    "tide on Saturday once fuel has been pumped from its tanks. Ferry services to the islands "
    "will run from the southern pier until the lane reopens, the authority said in a statement."
)
OTHER = (
    "Volunteers at the Redfern community garden harvested a record crop of pumpkins this "
    "autumn, thanks to a new irrigation scheme funded by a local bakery. The garden, which "
    "began ten years ago on a disused car park, now supplies vegetables to two schools and a "
    "food bank. Organisers plan to open a second plot beside the railway station next spring "
    "and are asking residents to donate seeds, tools and a few hours of their weekends."
)


def edited(text: str) -> str:
    """A light edit, as an outlet running the wire copy would make."""
    return text.replace("Thursday", "Thursday morning").replace(" in a statement", "")


def test_a_lightly_edited_copy_is_found() -> None:
    index = SyndicationIndex()
    assert index.add("orig", WIRE) == []
    assert index.add("copy", edited(WIRE))[:1] == ["orig"]
    # Case and punctuation do not matter.
    assert index.add("shouty", WIRE.upper().replace(",", ""))[:1] == ["orig"]


def test_a_copy_with_a_dropped_paragraph_is_still_a_copy() -> None:
    long_wire = WIRE + " " + WIRE.replace("Port Calloway", "the port")
    index = SyndicationIndex()
    index.add("orig", long_wire)
    trimmed = long_wire.rsplit(". ", 1)[0] + "."
    assert index.add("trimmed", trimmed)[:1] == ["orig"]


def test_different_texts_are_not_copies() -> None:
    index = SyndicationIndex()
    assert index.add("harbour", WIRE) == []
    assert index.add("garden", OTHER) == []
    # Same event, rewritten in other words: not a copy either.
    rewrite = (
        "A cargo ship that drifted onto a sandbank off Port Calloway has shut the northern lane. "
        "Its crew of twenty two were lifted to safety by a coastguard helicopter on Thursday. "
        "Ferries are leaving from the southern pier instead, and salvors hope to tow the "
        "stranded vessel free when the tide is high on Saturday after draining its fuel."
    )
    assert index.add("rewrite", rewrite) == []


def test_short_texts_are_ignored_even_when_identical() -> None:
    short = " ".join(WIRE.split()[: MIN_WORDS - 1])
    index = SyndicationIndex()
    assert index.add("a", short) == []
    assert index.add("b", short) == []
    assert "a" not in index.signatures and "b" not in index.signatures
    # A long text is not matched against them either.
    assert index.add("long", WIRE) == []


def test_the_earliest_original_is_returned_among_several_copies() -> None:
    index = SyndicationIndex()
    assert index.add("z-first", WIRE) == []
    assert index.add("a-second", edited(WIRE))[:1] == ["z-first"]
    assert index.add("m-third", WIRE)[:1] == ["z-first"]
    assert index.add("b-fourth", edited(WIRE))[:1] == ["z-first"]


def test_an_id_seen_before_is_not_a_copy_of_itself() -> None:
    index = SyndicationIndex()
    assert index.add("orig", WIRE) == []
    assert index.add("orig", WIRE) == []
    assert index.add("copy", WIRE)[:1] == ["orig"]
