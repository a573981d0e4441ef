"""The BASIL quote-speaker scorer on tiny hand-made inputs, and newsfuse on dev events.

Only dev events (2010-2014) are read here; the test split is never touched.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console
from typer.testing import CliRunner

from newsfuse.cli.app import app
from newsfuse.cli.eval_speakers import print_speakers
from newsfuse.errors import EvalError
from newsfuse.eval import speakers as sk
from newsfuse.eval.gate import SCORERS, load_gates

ROOT = Path(__file__).resolve().parents[2]


def span(start: int, end: int, speaker: str) -> sk.GoldSpan:
    return sk.GoldSpan(start, end, "x" * (end - start), speaker, "")


# --------------------------------------------------------------------------- names


@pytest.mark.parametrize(
    ("gold", "predicted"),
    [
        ("Donald_Trump", ["Donald Trump"]),
        ("Donald_Trump", ["Trump"]),
        ("Donald_Trump", ["President Trump"]),
        ("Donald_Trump", ["Donald J. Trump", "Mr. Trump"]),
        ("Bibi_Netanyahu", ["Benjamin Netanyahu"]),
        ("Obama_campaign", ["Obama"]),  # a group label matches on its capitalised words
        ("Republican_Lawmakers", ["Republicans"]),  # plural and case ignored
        ("internet_companies", ["technology companies"]),
    ],
)
def test_names_match_on_surname_or_group_words(gold: str, predicted: list[str]) -> None:
    assert sk.names_match(gold, predicted)


@pytest.mark.parametrize(
    ("gold", "predicted"),
    [
        ("Donald_Trump", ["Barack Obama"]),
        ("Donald_Trump", ["Donald Rumsfeld"]),  # a first name alone is not the person
        ("Rick_Perry", ["Texas governor"]),
        ("Michael_Steele", []),
    ],
)
def test_names_do_not_match_another_person(gold: str, predicted: list[str]) -> None:
    assert not sk.names_match(gold, predicted)


def test_group_labels_are_told_from_persons() -> None:
    groups = ["NAACP", "Democrats", "Obama_campaign", "senate_Democrats", "Republican_Lawmakers",
              "Tea_Party", "internet_companies", "State_Department_officials"]  # fmt: skip
    persons = ["Donald_Trump", "Elizabeth_Lauten", "Bibi_Netanyahu", "Bernie_Sanders"]
    assert all(sk.is_group(g) for g in groups)
    assert not any(sk.is_group(p) for p in persons)
    assert [span(0, 1, s).group for s in ("Rick_Perry", "Tea_Party", "other_pro")] == [
        "persons", "groups", "buckets",
    ]  # fmt: skip


# --------------------------------------------------------------------------- mapping


def _record() -> tuple[dict[str, Any], dict[str, Any]]:
    record = {
        "uuid": "a1",
        "triplet-uuid": "t1",
        "title": "Trump speaks",
        "date": "2011-04-01",
        "source": "FOX",
        "body-paragraphs": [
            ["Trump spoke on Monday.", '"It is a disgrace," he said.'],
            [],  # an empty paragraph is dropped and shifts nothing
            ['Obama replied: "That is silly."'],
        ],
    }
    anns = [
        {"id": "p1", "start": 1, "end": 14, "txt": "It is a disgr", "quote": "yes",
         "speaker": "Donald_Trump"},
        {"id": "p2", "start": 15, "end": 28, "txt": '"That is sill', "quote": "yes",
         "speaker": "Barack_Obama"},
        {"id": "p0", "start": 0, "end": 5, "txt": "Trump", "quote": "no", "speaker": ""},
        {"id": "title", "start": 0, "end": 5, "txt": "Trump", "quote": "yes",
         "speaker": "other_anti"},
    ]  # fmt: skip
    return record, {"phrase-level-annotations": anns}


def test_spans_map_from_sentence_offsets_onto_the_joined_paragraphs() -> None:
    record, anns = _record()
    doc = sk.build_document(record, anns, 2011)
    assert doc.paragraphs == (
        'Trump spoke on Monday. "It is a disgrace," he said.',
        'Obama replied: "That is silly."',
    )
    assert [(doc.text[g.start : g.end], g.speaker) for g in doc.gold] == [
        ("It is a disgr", "Donald_Trump"),
        ('"That is sill', "Barack_Obama"),
    ]  # quote=no and title spans are left out
    assert doc.source == "fox" and doc.event == "t1"
    article = doc.article()
    assert article.paragraphs == doc.paragraphs and article.published == "2011-04-01"


def test_a_span_whose_text_is_not_at_its_offsets_is_an_error() -> None:
    record, anns = _record()
    anns["phrase-level-annotations"][0]["start"] = 2
    with pytest.raises(EvalError, match="does not hold"):
        sk.build_document(record, anns, 2011)
    anns["phrase-level-annotations"][0]["id"] = "p9"
    with pytest.raises(EvalError, match="names no sentence"):
        sk.build_document(record, anns, 2011)


# --------------------------------------------------------------------------- metric


def test_a_quote_covers_a_span_when_it_holds_more_than_half_of_it() -> None:
    g = span(10, 20, "Donald_Trump")
    assert sk.covering_quote(g, [sk.PredQuote(14, 40)]) is not None  # 6/10
    assert sk.covering_quote(g, [sk.PredQuote(15, 40)]) is None  # 5/10, not more than half
    inner, outer = sk.PredQuote(10, 20), sk.PredQuote(0, 50)
    assert sk.covering_quote(g, [outer, inner]) == inner  # equal coverage: the tighter one


def test_right_wrong_uncovered_and_speakerless_spans() -> None:
    gold = [
        span(0, 10, "Donald_Trump"),  # right: "Trump"
        span(20, 30, "Donald_Trump"),  # wrong speaker
        span(40, 50, "Donald_Trump"),  # no quote over it
        span(60, 70, "Donald_Trump"),  # quote without a speaker
    ]
    quotes = [
        sk.PredQuote(0, 12, "Donald J. Trump", ("Trump",)),
        sk.PredQuote(18, 32, "Barack Obama"),
        sk.PredQuote(44, 46, "Donald Trump"),  # covers 2/10 only
        sk.PredQuote(60, 70, None),
    ]
    results = sk.score_document(gold, quotes, "a1")
    assert [r.correct for r in results] == [True, False, False, False]
    c = sk.tally(results)["persons"]
    assert (c.spans, c.covered, c.correct, c.no_speaker) == (4, 3, 1, 1)
    assert c.coverage == 0.75 and c.accuracy == 0.25 and c.accuracy_covered == pytest.approx(1 / 3)
    assert sk.tally(results)["named"].spans == 4 and sk.tally(results)["buckets"].spans == 0


def test_a_bucket_span_is_right_only_for_a_speaker_outside_the_named_ones() -> None:
    gold = [span(0, 10, "Donald_Trump"), span(20, 30, "other_anti"), span(40, 50, "other_pro")]
    quotes = [
        sk.PredQuote(0, 10, "Donald Trump"),
        sk.PredQuote(20, 30, "Trump"),  # a named gold speaker: not an "other"
        sk.PredQuote(40, 50, "John McCain"),
    ]
    assert [r.correct for r in sk.score_document(gold, quotes)] == [True, False, True]
    # with the event's names passed in, McCain (named elsewhere in the event) is wrong too
    event = sk.score_document(gold, quotes, named={"Donald_Trump", "John_McCain"})
    assert [r.correct for r in event] == [True, False, False]
    c = sk.tally(event)["buckets"]
    assert (c.spans, c.covered, c.correct) == (2, 2, 0)


def test_table_shows_every_group_and_the_named_total() -> None:
    results = sk.score_document(
        [span(0, 10, "Donald_Trump"), span(20, 30, "NAACP"), span(40, 50, "other_anti")],
        [sk.PredQuote(0, 10, "Trump"), sk.PredQuote(40, 50, "Ben Jealous")],
    )
    report = sk.SpeakersReport(
        split="dev", data_dir=Path("data"), documents=1, events=1,
        scores=sk.tally(results), results=tuple(results), seconds=1.0,
    )  # fmt: skip
    console = Console(record=True, width=140)
    print_speakers(console, report)
    text = console.export_text()
    for label in ("named persons", "named groups", "other_* buckets", "all named"):
        assert label in text
    assert report.as_dict()["scores"]["named"]["accuracy"] == 0.5  # type: ignore[index]


def test_the_gate_knows_the_speakers_eval() -> None:
    assert "speakers" in SCORERS
    minimums = next(g for g in load_gates() if g.eval == "speakers").minimums
    assert {"persons_accuracy", "buckets_accuracy"} <= set(minimums)


# --------------------------------------------------------------------------- dev events


@pytest.fixture(scope="module")
def basil() -> Path:
    shared = Path(os.environ.get("NEWSFUSE_SHARED", ROOT.parent / "shared")).resolve()
    folder = shared / "eval" / sk.DATASET
    if not (folder / "articles" / "2010").is_dir():
        pytest.skip(f"BASIL not found under {folder}")
    return folder


# The Michael Steele event of 2010: "…," Mr. Steele said (a named person), and seven
# spans with bucket speakers (Kristol, Woodhouse, McCain…).
STEELE_EVENT = "2b95d2cf-e979-4f9c-ae27-9a5370934f23"


@pytest.fixture(scope="module")
def steele_copy(basil: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A BASIL folder holding the three articles of one dev event."""
    root = tmp_path_factory.mktemp("basil")
    for sub, suffix in (("articles", ""), ("annotations", "_ann")):
        (root / sub / "2010").mkdir(parents=True)
        for n in (1, 2, 3):
            name = f"{STEELE_EVENT}_{n}{suffix}.json"
            shutil.copy(basil / sub / "2010" / name, root / sub / "2010" / name)
    return root


@pytest.mark.slow
def test_cli_scores_a_dev_event(steele_copy: Path) -> None:
    args = ["eval", "speakers", "--split", "dev", "--data", str(steele_copy), "--format", "json"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert (report["eval"], report["documents"], report["events"]) == ("speakers", 3, 1)
    persons, buckets = report["scores"]["persons"], report["scores"]["buckets"]
    assert (persons["spans"], report["scores"]["groups"]["spans"], buckets["spans"]) == (1, 0, 7)
    assert persons["accuracy"] == 1.0  # "Mr. Steele said" -> Michael Steele
    assert buckets["coverage"] >= 0.5 and buckets["correct"] <= buckets["covered"]


def test_cli_test_split_of_a_dev_only_copy_exits_1(steele_copy: Path) -> None:
    args = ["eval", "speakers", "--split", "test", "--data", str(steele_copy)]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 1
    assert "no articles for split 'test'" in result.output


@pytest.mark.slow
def test_dev_reaches_the_gate_minimums(basil: Path) -> None:
    minimums = next(g for g in load_gates() if g.eval == "speakers").minimums
    scores = sk.gate_scores(basil.parent, "dev", 2)
    for metric, minimum in minimums.items():
        assert scores[metric] >= minimum, metric
