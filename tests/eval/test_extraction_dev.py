"""newsfuse on the extraction benchmark's dev split: at or above the gate, ahead of trafilatura.

Reads dev pages only (ids 0-7); the test split is never touched here.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console
from typer.testing import CliRunner

from newsfuse.cli.app import app
from newsfuse.cli.eval_cmd import _print_extraction
from newsfuse.eval.extraction import ExtractionReport, Scores
from newsfuse.eval.gate import load_gates


@pytest.fixture(scope="module")
def dev_report(extraction_data: Path) -> dict[str, Any]:
    args = ["eval", "extraction", "--split", "dev", "--data", str(extraction_data)]
    result = CliRunner().invoke(app, [*args, "--format", "json"])
    assert result.exit_code == 0, result.output
    report: dict[str, Any] = json.loads(result.stdout)
    return report


def _f1(report: dict[str, Any]) -> dict[str, float]:
    return {s["system"]: s["f1"] for s in report["systems"]}


def test_dev_split_only(dev_report: dict[str, Any]) -> None:
    assert dev_report["split"] == "dev"
    assert dev_report["pages"] == 88


def test_newsfuse_reaches_the_gate_minimums(dev_report: dict[str, Any]) -> None:
    minimums = next(g for g in load_gates() if g.eval == "extraction").minimums
    f1 = _f1(dev_report)
    assert f1["newsfuse"] >= minimums["f1"]
    assert f1["newsfuse-extract"] >= minimums["extract_f1"]


def test_cleaning_helps_never_hurts_on_extracted_pages(dev_report: dict[str, Any]) -> None:
    f1 = _f1(dev_report)
    assert f1["newsfuse"] >= f1["newsfuse-extract"]


def test_newsfuse_is_ahead_of_both_trafilatura_settings(dev_report: dict[str, Any]) -> None:
    f1 = _f1(dev_report)
    assert f1["newsfuse"] > f1["trafilatura-no-comments"] > f1["trafilatura"]
    # the live baselines match the published dev figures
    assert f1["trafilatura"] == pytest.approx(0.954, abs=0.0015)
    assert f1["trafilatura-no-comments"] == pytest.approx(0.961, abs=0.0015)


def test_table_lists_live_and_published_rows() -> None:
    live = Scores(f1=0.5, precision=0.4, recall=0.6, accuracy=0.1, pages=2, f1_std=0.01)
    report = ExtractionReport(
        split="dev", data_dir=Path("data"), scores={"newsfuse": live, "trafilatura": live},
        predictions={}, pages=(), seconds=1.0,
    )  # fmt: skip
    console = Console(record=True, width=120)
    _print_extraction(console, report)
    text = console.export_text()
    assert "newsfuse: extract + clean" in text
    assert "trafilatura 2.3.1 default" in text
    assert "published: trafilatura no comments" in text
    assert "0.961" in text and "0.970" in text  # dev reference rows, best published
    assert "0.951" not in text  # a test-split figure has no place in a dev table
