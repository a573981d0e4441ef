"""Shared fixtures: where ../shared lives, and the seed articles (read, never copied)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("NEWSFUSE_SHARED", ROOT.parent / "shared")).resolve()
SEEDS = SHARED / "seeds"
EVAL = SHARED / "eval"


@pytest.fixture(scope="session")
def seed_paths() -> list[str]:
    paths = sorted(str(p) for p in SEEDS.glob("*.txt"))
    if len(paths) < 2:
        pytest.skip(f"seed articles not found under {SEEDS}")
    return paths


@pytest.fixture(scope="session")
def basil_dev_paths() -> list[str]:
    """BASIL articles of the dev split (events dated 2010–2014)."""
    base = EVAL / "basil-same-event-triplets" / "articles"
    paths = sorted(str(p) for y in range(2010, 2015) for p in (base / str(y)).glob("*.json"))
    if not paths:
        pytest.skip(f"BASIL not found under {base}")
    return paths
