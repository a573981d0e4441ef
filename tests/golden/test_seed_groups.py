"""Golden checks of the seeds' cross-source groups: the two translations of each of
Putin's statements form one quote group with the right speaker (the full translation
with the full translation, not with a loose paraphrase elsewhere in the article), and
the UK's and Ukraine's troop-loss figures form one consistent group."""

from __future__ import annotations

from typing import Any

import pytest

from newsfuse.briefing import compose
from newsfuse.pipeline import load


@pytest.fixture(scope="module")
def brief(seed_paths: list[str]) -> dict[str, Any]:
    return compose(load(seed_paths).articles).to_dict()


def _texts(brief: dict[str, Any], ids: list[str], field: str) -> list[str]:
    by_id = {x["id"]: x for x in brief[field]}
    return [by_id[i]["text"] for i in ids]


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("quickly track down traitors, spies and saboteurs", "promptly uncover traitors, spies"),
        (
            "Donetsk and Lugansk People’s Republics, in the Kherson and Zaporizhzhia regions",
            "Donetsk and Luhansk People’s Republics, in the Kherson and Zaporizhzhia regions",
        ),
    ],
)
def test_one_statement_in_two_translations_is_one_group(
    brief: dict[str, Any], one: str, other: str
) -> None:
    groups = [
        g
        for g in brief["quote_groups"]
        if any(one in t for t in _texts(brief, g["quotes"], "quotes"))
    ]
    assert len(groups) == 1
    (group,) = groups
    texts = _texts(brief, group["quotes"], "quotes")
    assert any(other in t for t in texts)
    assert group["speaker"] == "Vladimir Putin"
    assert len(group["articles"]) == 2
    assert not any("in the regions is ‘extremely difficult" in t for t in texts)


def test_only_cross_source_statements_are_grouped(brief: dict[str, Any]) -> None:
    assert len(brief["quote_groups"]) == 2  # no group of one article's repeated quote


def test_troop_losses_from_two_authorities_are_one_consistent_group(
    brief: dict[str, Any],
) -> None:
    (group,) = brief["number_groups"]
    assert sorted(_texts(brief, group["numbers"], "numbers")) == ["99,230", "Some 100,000"]
    assert group["sources"] == ["Ben Wallace", "Ukraine's armed forces"]
    assert group["conflict"] is False  # 99,230 is within "some 100,000"
