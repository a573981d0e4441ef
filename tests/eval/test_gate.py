"""The eval gate's file, its verdicts, and the CLI around it (fast: scorers are stubbed)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsfuse.cli.app import app
from newsfuse.errors import EvalError
from newsfuse.eval import gate
from newsfuse.eval.gate import Gate, load_gates, run_gate

runner = CliRunner()


def test_checked_in_minimums_are_dev_only_and_known() -> None:
    gates = load_gates()
    assert {g.eval for g in gates} >= {"extraction"}
    extraction = next(g for g in gates if g.eval == "extraction")
    assert extraction.split == "dev"
    assert 0.96 < extraction.minimums["f1"] <= 1.0
    assert 0.96 < extraction.minimums["extract_f1"] <= 1.0


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"nonsense": {"split": "dev", "f1": 0.5}}', "no scorer for eval 'nonsense'"),
        ('{"extraction": {"split": "test", "f1": 0.5}}', "dev split only"),
        ('{"extraction": {"split": "dev", "f1": "high"}}', "numeric minimums"),
        ('{"extraction": {"split": "dev"}}', "numeric minimums"),
        ("[1, 2]", "object keyed by eval name"),
        ("{not json", "cannot read"),
    ],
)
def test_malformed_gate_file_names_file_and_problem(
    tmp_path: Path, content: str, message: str
) -> None:
    path = tmp_path / "gates.json"
    path.write_text(content)
    with pytest.raises(EvalError, match=message) as info:
        load_gates(path)
    assert str(path) in str(info.value)


@pytest.fixture
def stub_scorer(monkeypatch: pytest.MonkeyPatch) -> dict[str, float]:
    """Replace the extraction scorer by one that returns these scores at once."""
    scores = {"f1": 0.95, "extract_f1": 0.99}
    monkeypatch.setitem(gate.SCORERS, "extraction", lambda root, split, workers: dict(scores))
    monkeypatch.setattr(
        gate, "load_gates", lambda path=gate.GATES_FILE: [
            Gate("extraction", "dev", {"f1": 0.9, "extract_f1": 0.98})
        ],
    )  # fmt: skip
    return scores


def test_gate_passes_at_or_above_every_minimum(stub_scorer: dict[str, float]) -> None:
    result = run_gate(Path("unused"))
    assert result.passed
    assert [(c.metric, c.passed) for c in result.checks] == [("f1", True), ("extract_f1", True)]


def test_gate_fails_when_one_score_drops(stub_scorer: dict[str, float]) -> None:
    stub_scorer["extract_f1"] = 0.97
    result = run_gate(Path("unused"))
    assert not result.passed
    assert [c.metric for c in result.checks if not c.passed] == ["extract_f1"]


def test_gate_rejects_a_metric_the_scorer_does_not_report(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(gate.SCORERS, "extraction", lambda root, split, workers: {"f1": 1.0})
    with pytest.raises(EvalError, match="no metric 'recall'"):
        run_gate(Path("unused"), gates=[Gate("extraction", "dev", {"recall": 0.5})])


def test_cli_gate_exit_codes(stub_scorer: dict[str, float]) -> None:
    ok = runner.invoke(app, ["eval", "gate", "--format", "json"])
    assert ok.exit_code == 0, ok.output
    assert json.loads(ok.stdout)["passed"] is True

    stub_scorer["f1"] = 0.5
    failed = runner.invoke(app, ["eval", "--gate"])
    assert failed.exit_code == 1
    assert "BELOW" in failed.stdout


def test_cli_reports_missing_data_with_its_path(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere"
    result = runner.invoke(app, ["eval", "extraction", "--data", str(missing)])
    assert result.exit_code == 1
    assert str(missing) in result.stderr
    assert "--data" in result.stderr


def test_cli_eval_without_a_command_is_a_usage_error() -> None:
    result = runner.invoke(app, ["eval"])
    assert result.exit_code == 2
    assert "extraction" in result.output
