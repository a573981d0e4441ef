"""The examples of docs/api.md run as doctests: the public API does what its page says."""

from __future__ import annotations

import doctest
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "api.md"
# The page reads the seeds as ../shared/seeds from the repository root.
SEEDS = ROOT.parent / "shared" / "seeds"


def test_api_page_examples_run(monkeypatch: pytest.MonkeyPatch) -> None:
    if not SEEDS.is_dir():
        pytest.skip(f"seed articles not found under {SEEDS}")
    monkeypatch.chdir(ROOT)
    result = doctest.testfile(
        str(DOC),
        module_relative=False,
        optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE,
        raise_on_error=False,
        report=True,
    )
    assert result.attempted >= 20
    assert result.failed == 0, f"{result.failed} example(s) of docs/api.md failed (see output)"
