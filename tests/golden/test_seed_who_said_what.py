"""Golden checks of the seed brief's quotes and figures, as an editor would read them."""

from __future__ import annotations

from typing import Any

import pytest

from newsfuse.briefing import compose
from newsfuse.pipeline import load


@pytest.fixture(scope="module")
def brief(seed_paths: list[str]) -> dict[str, Any]:
    return compose(load(seed_paths).articles).to_dict()


def _quote(brief: dict[str, Any], snippet: str) -> dict[str, Any]:
    found = [q for q in brief["quotes"] if snippet in q["text"]]
    assert found, snippet
    return found[0]


@pytest.mark.parametrize(
    ("snippet", "speaker"),
    [
        ("this is fortress Bakhmut", "Volodymyr Zelensky"),  # "…,' he said, handing out honours"
        ("Your duty is to do all that is needed", "Vladimir Putin"),  # "The former KGB operative"
        ("Tomorrow is the winter equinox", "Ganna Malyar"),
        ("we are ready for any scenario", "Dmytro Kuleba"),
        ("Not one single operational commander", "Ben Wallace"),
        ("If you haven’t left Bakhmut yet", "Prigozhin's spokespeople"),  # a statement … reading:
        ("promptly uncover traitors, spies and saboteurs", "Vladimir Putin"),
        ("Russia had lost 99,230 troops", "Ukraine's armed forces"),
        ("Since May, the occupiers have been trying", "Volodymyr Zelensky"),
        ("is extremely difficult", "Vladimir Putin"),  # "the Russian president told"
    ],
)
def test_speakers_resolved_to_canonical_names(
    brief: dict[str, Any], snippet: str, speaker: str
) -> None:
    assert _quote(brief, snippet)["speaker"] == speaker


def test_quote_offsets_point_into_the_cited_paragraph(brief: dict[str, Any]) -> None:
    paragraphs = {a["id"]: a["paragraphs"] for a in brief["articles"]}
    multi = 0
    for q in brief["quotes"]:
        paras = paragraphs[q["article"]]
        for part in q["parts"]:  # a quote split by its attribution: each part points home
            assert paras[part["paragraph"]][part["start"] : part["end"]] == part["text"]
            assert part["text"].strip().rstrip(",;:—–") in q["text"]
        if q["parts"]:
            continue
        if q["end_paragraph"] == q["paragraph"]:
            assert paras[q["paragraph"]][q["start"] : q["end"]] == q["text"]
        else:  # a quote continued in the next paragraph
            multi += 1
            assert q["text"].startswith(paras[q["paragraph"]][q["start"] :])
            assert q["text"].endswith(paras[q["end_paragraph"]][: q["end"]])
        if q["speaker_mention"]:
            m = q["speaker_mention"]
            assert paragraphs[q["article"]][m["paragraph"]][m["start"] : m["end"]]
    assert multi >= 1  # "Here in Donbas, …" / "They will do everything …" in seed 000


def test_speaker_entities_exist(brief: dict[str, Any]) -> None:
    ids = {e["id"]: e["name"] for e in brief["entities"]}
    for q in brief["quotes"]:
        if q["speaker_entity"]:
            assert ids[q["speaker_entity"]] == q["speaker"]


def _number(brief: dict[str, Any], value: float) -> dict[str, Any]:
    found = [n for n in brief["numbers"] if n["value"] == value]
    assert found, value
    return found[0]


def test_figures_and_who_gave_them(brief: dict[str, Any]) -> None:
    wallace = _number(brief, 100000)
    assert (wallace["qualifier"], wallace["attributed_to"]) == ("some", "Ben Wallace")
    assert "Russian troops" in wallace["about"]
    ukraine = _number(brief, 99230)
    assert ukraine["attributed_to"] == "Ukraine's armed forces" and ukraine["about"] == "troops"
    money = _number(brief, 4.0e10)
    assert (money["unit"], money["qualifier"]) == ("USD", "more than")
    distance = _number(brief, 600)
    assert distance["unit"] == "km" and distance["alternatives"] == [{"value": 380, "unit": "mi"}]
    assert not [n for n in brief["numbers"] if n["value"] in (2014, 2022)]


def test_figure_offsets_point_into_the_cited_paragraph(brief: dict[str, Any]) -> None:
    paragraphs = {a["id"]: a["paragraphs"] for a in brief["articles"]}
    for n in brief["numbers"]:
        assert paragraphs[n["article"]][n["paragraph"]][n["start"] : n["end"]] == n["text"]
