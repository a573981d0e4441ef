"""Where the extraction benchmark lies (read in place, never copied)."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsfuse.eval.extraction import DATASET

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def extraction_data() -> Path:
    """The benchmark folder under ../shared/eval (or $NEWSFUSE_SHARED/eval)."""
    import os

    shared = Path(os.environ.get("NEWSFUSE_SHARED", ROOT.parent / "shared"))
    folder = shared.resolve() / "eval" / DATASET
    if not (folder / "ground-truth.json").is_file():
        pytest.skip(f"extraction benchmark not found under {folder}")
    return folder
