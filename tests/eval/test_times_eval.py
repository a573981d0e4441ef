"""The TempEval-3 Task A scorer on hand-made gold, the TimeML reader, and newsfuse on dev.

Reads the dev split (TBAQ-cleaned) only; te3-platinum (test) is never touched here.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from newsfuse.cli.app import app
from newsfuse.errors import EvalError
from newsfuse.eval import times as tx
from newsfuse.eval.gate import load_gates
from newsfuse.eval.times import Timex, match_document, parse_tml, score

ROOT = Path(__file__).resolve().parents[2]


def t(start: int, end: int, value: str = "2022-12-19", kind: str = "DATE") -> Timex:
    return Timex(start, end, "x" * (end - start), kind, value)


# --------------------------------------------------------------------------- metric


def test_perfect_prediction_scores_one() -> None:
    gold = [[t(0, 6), t(10, 20, "P3Y", "DURATION")]]
    s = score(gold, gold)
    assert (s.strict_f1, s.f1, s.value_accuracy, s.value_f1) == (1.0, 1.0, 1.0, 1.0)


def test_overlap_counts_for_relaxed_but_not_strict() -> None:
    gold = [[t(10, 19)]]  # "last week"
    pred = [[t(0, 19)]]  # "earlier last week"
    s = score(gold, pred)
    assert s.strict_f1 == 0.0
    assert s.f1 == 1.0
    assert s.value_accuracy == 1.0


def test_value_f1_is_relaxed_f1_times_value_accuracy() -> None:
    gold = [[t(0, 5, "2022-12-19"), t(10, 15, "2022-11"), t(20, 25, "2023"), t(30, 35, "P3Y")]]
    # two right values, one wrong value, one missed, one spurious
    pred = [[t(0, 5, "2022-12-19"), t(10, 15, "2022-11"), t(20, 25, "2024"), t(40, 45)]]
    s = score(gold, pred)
    assert s.precision == pytest.approx(3 / 4)
    assert s.recall == pytest.approx(3 / 4)
    assert s.value_accuracy == pytest.approx(2 / 3)
    assert s.value_f1 == pytest.approx(0.75 * 2 / 3)


def test_one_prediction_matches_one_gold_only() -> None:
    gold = [[t(0, 5), t(6, 10)]]
    pred = [[t(0, 10)]]  # spans both
    m = match_document(gold[0], pred[0])
    assert (m.relaxed, m.strict) == (1, 0)
    s = score(gold, pred)
    assert s.precision == 1.0 and s.recall == 0.5


def test_counts_are_pooled_over_documents() -> None:
    gold = [[t(0, 5)], [t(0, 5), t(6, 9)]]
    pred = [[], [t(0, 5), t(6, 9)]]
    s = score(gold, pred)
    assert (s.gold, s.predicted) == (3, 2)
    assert s.recall == pytest.approx(2 / 3)
    assert s.precision == 1.0


def test_empty_prediction_scores_zero_not_an_error() -> None:
    s = score([[t(0, 5)]], [[]])
    assert (s.f1, s.value_accuracy, s.value_f1) == (0.0, 0.0, 0.0)


def test_document_count_mismatch_is_an_eval_error() -> None:
    with pytest.raises(EvalError, match="1 gold documents but 2"):
        score([[]], [[], []])


# --------------------------------------------------------------------------- reader

TML = """<?xml version="1.0" ?>
<TimeML>
<DOCID>X1</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2022-12-20"
 functionInDocument="CREATION_TIME">20221220</TIMEX3></DCT>
<TEXT>
The <EVENT eid="e1">talks</EVENT> &amp; votes ended
<TIMEX3 tid="t1" type="DATE" value="2022-12-19">Monday</TIMEX3> after
<TIMEX3 tid="t2" type="DURATION" value="P3D">three days</TIMEX3>.
</TEXT>
<TLINK lid="l1" relType="BEFORE" eventInstanceID="ei1" relatedToTime="t1"/>
</TimeML>
"""


def test_reader_strips_tags_and_keeps_offsets() -> None:
    doc = parse_tml(TML, name="x.tml")
    assert doc.dct == dt.date(2022, 12, 20)
    assert "&amp;" not in doc.text and "<" not in doc.text
    assert [(x.text, x.type, x.value) for x in doc.timexes] == [
        ("Monday", "DATE", "2022-12-19"),
        ("three days", "DURATION", "P3D"),
    ]
    for x in doc.timexes:
        assert doc.text[x.start : x.end] == x.text


def test_reader_without_text_is_an_eval_error() -> None:
    with pytest.raises(EvalError, match="no <TEXT>"):
        parse_tml("<TimeML></TimeML>", name="empty.tml")


def test_missing_data_folder_is_reported_with_the_path(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["eval", "times", "--data", str(tmp_path), "--no-baseline"])
    assert result.exit_code == 1
    assert "TBAQ-cleaned" in result.output


# --------------------------------------------------------------------------- dev split


@pytest.fixture(scope="module")
def times_data() -> Path:
    import os

    shared = Path(os.environ.get("NEWSFUSE_SHARED", ROOT.parent / "shared"))
    folder = shared.resolve() / "eval" / tx.DATASET
    if not (folder / tx.SPLIT_DIRS["dev"]).is_dir():
        pytest.skip(f"TempEval-3 data not found under {folder}")
    return folder


@pytest.fixture(scope="module")
def gate_figures(times_data: Path) -> dict[str, float]:
    return tx.gate_scores(times_data.parent, "dev", tx.DEFAULT_WORKERS)


def test_dev_reaches_the_gate_minimums(gate_figures: dict[str, float]) -> None:
    gate = next(g for g in load_gates() if g.eval == "times")
    for metric, minimum in gate.minimums.items():
        assert gate_figures[metric] >= minimum, (metric, gate_figures[metric], minimum)


def test_dev_beats_the_dateparser_baseline_by_far(gate_figures: dict[str, float]) -> None:
    # README: dateparser search_dates gets 0.34 value F1; newsfuse must be far ahead
    assert gate_figures["value_f1"] > 0.34 + 0.3


def test_cli_json_on_a_dev_sample(times_data: Path, tmp_path: Path) -> None:
    sample = tmp_path / tx.SPLIT_DIRS["dev"]
    sample.mkdir()
    for path in sorted((times_data / tx.SPLIT_DIRS["dev"]).rglob("*.tml"))[:3]:
        (sample / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    args = ["eval", "times", "--data", str(tmp_path), "--format", "json", "-j", "1"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    report: dict[str, Any] = json.loads(result.stdout)
    assert report["split"] == "dev" and report["documents"] == 3
    assert set(report["scores"]) == {"newsfuse", "dateparser"}
    assert report["scores"]["newsfuse"]["value_f1"] > report["scores"]["dateparser"]["value_f1"]
    assert {r["system"] for r in report["references"]} >= {"HeidelTime-t [pub.]"}
