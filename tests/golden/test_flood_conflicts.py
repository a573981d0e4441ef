"""Golden checks of figure conflicts on two hand-written reports of one flood
(tests/golden/flood.py): the death tolls and the damage estimates each form their own
group, flagged as a conflict, with exactly the right members; the rescue counts agree."""

from __future__ import annotations

from typing import Any

import pytest
from tests.golden.flood import DAMAGE, DEATHS, RESCUED, write_reports
from tests.schema_check import assert_valid

from newsfuse.align.figures import disagree, render_conflict
from newsfuse.briefing import compose
from newsfuse.model import Figure
from newsfuse.pipeline import load


@pytest.fixture(scope="module")
def brief(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    paths = write_reports(tmp_path_factory.mktemp("flood"))
    brief = compose(load([str(p) for p in paths]).articles).to_dict()
    assert_valid(brief, "brief")
    return brief


def _group_of(brief: dict[str, Any], text: str) -> dict[str, Any]:
    by_id = {n["id"]: n for n in brief["numbers"]}
    found = [
        g for g in brief["number_groups"] if any(by_id[i]["text"] == text for i in g["numbers"])
    ]
    assert len(found) == 1, f"{text!r} is in {len(found)} groups"
    return found[0]


def _texts(brief: dict[str, Any], group: dict[str, Any]) -> list[str]:
    by_id = {n["id"]: n for n in brief["numbers"]}
    return sorted(by_id[i]["text"] for i in group["numbers"])


@pytest.mark.parametrize("pair", [DEATHS, DAMAGE], ids=["death toll", "damage"])
def test_each_disagreement_is_its_own_conflicting_group(
    brief: dict[str, Any], pair: tuple[str, str]
) -> None:
    group = _group_of(brief, pair[0])
    assert _texts(brief, group) == sorted(pair)  # both sides, nothing else
    assert group["conflict"] is True
    assert len(group["articles"]) == 2


def test_the_two_conflicts_are_different_measures(brief: dict[str, Any]) -> None:
    deaths, damage = _group_of(brief, DEATHS[0]), _group_of(brief, DAMAGE[0])
    assert deaths["id"] != damage["id"]
    assert deaths["measure"]["noun"] == "deaths"
    assert damage["measure"]["noun"] == "damage" and damage["measure"]["unit"] == "USD"
    assert [g["conflict"] for g in brief["number_groups"]].count(True) == 2


def test_rescue_counts_agree(brief: dict[str, Any]) -> None:
    group = _group_of(brief, RESCUED[0])
    assert _texts(brief, group) == sorted(RESCUED)
    assert group["conflict"] is False  # 130 is "more than 100"


def test_both_sides_of_a_conflict_render_with_their_articles(brief: dict[str, Any]) -> None:
    group = _group_of(brief, DEATHS[0])
    by_id = {n["id"]: Figure.from_dict(n) for n in brief["numbers"]}
    labels = {a["id"]: a["label"] for a in brief["articles"]}
    line = render_conflict([by_id[i] for i in group["numbers"]], labels)
    assert line == "42 dead (A1) · At least 57 (A2)"


def test_sentences_with_different_tolls_disagree(brief: dict[str, Any]) -> None:
    by_text = {n["text"]: Figure.from_dict(n) for n in brief["numbers"]}
    assert disagree([by_text[DEATHS[0]]], [by_text[DEATHS[1]]])
    assert not disagree([by_text[DEATHS[0]]], [by_text[DAMAGE[1]]])  # two measures
    assert not disagree([by_text[RESCUED[0]]], [by_text[RESCUED[1]]])  # consistent


def test_the_governors_quote_in_two_wordings_is_one_group_with_her_name(
    brief: dict[str, Any],
) -> None:
    from tests.golden.flood import QUOTE, SPEAKER

    by_id = {q["id"]: q for q in brief["quotes"]}
    (group,) = [
        g for g in brief["quote_groups"] if any(QUOTE[0] in by_id[i]["text"] for i in g["quotes"])
    ]
    texts = [by_id[i]["text"] for i in group["quotes"]]
    assert any(QUOTE[1] in t for t in texts) and len(group["articles"]) == 2
    assert group["speaker"] == SPEAKER


def test_no_line_cites_both_sides_of_a_conflict(brief: dict[str, Any]) -> None:
    """A summary, fact, timeline or claims line never cites as agreeing an article whose
    figure for the same measure differs: it shows the other value under 'differs'."""
    numbers = brief["numbers"]

    def figures_at(cite: dict[str, Any]) -> list[Figure]:
        return [
            Figure.from_dict(n)
            for n in numbers
            if n["article"] == cite["article"]
            and n["paragraph"] == cite["paragraph"]
            and cite["start"] <= n["start"] < cite["end"]
        ]

    lines = [*brief["summary"], *brief["facts"], *brief["timeline"]]
    lines += [
        {"cites": [c for cell in row["cells"].values() if cell["status"] == "states"
                   for c in cell["cites"]]}
        for row in brief["claims"] if row["kind"] == "fact"
    ]  # fmt: skip
    for line in lines:
        for k, a in enumerate(line["cites"]):
            for b in line["cites"][k + 1 :]:
                assert not disagree(figures_at(a), figures_at(b)), line.get("text")
    toll = next(s for s in brief["summary"] if DEATHS[1] in s["text"] or DEATHS[0] in s["text"])
    (other,) = toll["differs"]
    assert {other["figures"][0], other["against"][0]} == set(DEATHS)
    assert len({c["article"] for c in toll["cites"]}) == 1
