"""The MRPC scorer on a tiny hand-made folder, its reader's errors, and the CLI end to end.

Never reads msr_paraphrase_test.txt; the hand-made pairs are written here, not copied.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsfuse.cli.app import app
from newsfuse.errors import EvalError
from newsfuse.eval import paraphrase as pe
from newsfuse.eval.gate import load_gates

runner = CliRunner()
HEADER = "\ufeffQuality\t#1 ID\t#2 ID\t#1 String\t#2 String\n"
PAIRS = [
    (1, "We need to resolutely suppress activities of foreign intelligence agencies and "
        "promptly uncover traitors, spies and saboteurs.",
     "Derail activities by foreign spy agencies and quickly track down traitors, spies "
     "and saboteurs."),
    (1, "The company said profit rose to $3.5 billion in the quarter.",
     "Profit climbed to $3.5bn in the quarter, the company said."),
    (0, "The company said profit rose to $3.5 billion in the quarter.",
     "The company said profit rose to $3.6 billion in the quarter."),
    (0, "Zelensky travelled to the front line on Tuesday.",
     "The central bank left interest rates unchanged."),
]  # fmt: skip


@pytest.fixture
def mrpc(tmp_path: Path) -> Path:
    rows = "".join(f"{q}\t{i}\t{i + 100}\t{a}\t{b}\n" for i, (q, a, b) in enumerate(PAIRS))
    for name in pe.SPLIT_FILES.values():
        (tmp_path / name).write_text(HEADER + rows, encoding="utf-8")
    return tmp_path


def test_score_counts_accuracy_and_positive_f1() -> None:
    s = pe.score([1, 1, 0, 0], [True, False, True, False])
    assert s.accuracy == 0.5 and s.precision == 0.5 and s.recall == 0.5 and s.f1 == 0.5
    assert pe.score([1, 0], [False, False]).f1 == 0.0


def test_newsfuse_gets_the_hand_made_pairs_right(mrpc: Path) -> None:
    report = pe.run(mrpc, "dev")
    assert report.scores["newsfuse"].accuracy == 1.0
    assert report.scores["majority"].accuracy == 0.5
    # the model alone calls the $3.5bn / $3.6bn near-copy the same; the figure veto does not
    assert report.scores["model"].accuracy == 0.75
    assert set(report.scores) == {"newsfuse", "model", "tfidf", "majority"}


def test_reader_names_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / pe.SPLIT_FILES["dev"]
    bad.write_text(HEADER + "1\t1\t2\tonly four fields\n", encoding="utf-8")
    with pytest.raises(EvalError, match="line 2"):
        pe.load_split(tmp_path, "dev")
    bad.write_text("no header\n", encoding="utf-8")
    with pytest.raises(EvalError, match="header"):
        pe.load_split(tmp_path, "dev")
    with pytest.raises(EvalError, match="not found"):
        pe.load_split(tmp_path / "missing", "test")


def test_cli_prints_the_table_and_json(mrpc: Path) -> None:
    result = runner.invoke(app, ["eval", "paraphrase", "--data", str(mrpc)])
    assert result.exit_code == 0, result.output
    assert "newsfuse states_same" in result.output
    assert "TF-IDF cosine" in result.output
    assert "Wan et al. 2006" in result.output
    result = runner.invoke(app, ["eval", "paraphrase", "--data", str(mrpc), "--format", "json"])
    data = json.loads(result.output)
    assert data["scores"]["newsfuse"]["accuracy"] == 1.0
    assert data["scores"]["newsfuse"]["pairs"] == len(PAIRS)


def test_cli_missing_data_exits_1_with_the_path(tmp_path: Path) -> None:
    result = runner.invoke(app, ["eval", "paraphrase", "--data", str(tmp_path / "nope")])
    assert result.exit_code == 1
    assert "not found" in result.output


def test_gate_entry_is_dev_only() -> None:
    gate = next(g for g in load_gates() if g.eval == "paraphrase")
    assert gate.split == "dev"
    assert 0.7 < gate.minimums["accuracy"] <= 1.0


def test_gate_scores_on_the_dev_subset() -> None:
    from newsfuse.eval import default_eval_root

    root = default_eval_root()
    if not (root / pe.DATASET / pe.SPLIT_FILES["dev"]).is_file():
        pytest.skip("MRPC not found")
    gate = next(g for g in load_gates() if g.eval == "paraphrase")
    scores = pe.gate_scores(root, "dev", 1)
    for metric, minimum in gate.minimums.items():
        assert scores[metric] >= minimum, metric
