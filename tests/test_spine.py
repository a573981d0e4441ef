"""The spine: the stages listed in one place, each loadable, and a cheap `import newsfuse`."""

from __future__ import annotations

import subprocess
import sys

from newsfuse.pipeline import STAGES


def test_the_stages_are_the_spine_in_order_and_each_loads() -> None:
    assert [s.name for s in STAGES] == [
        "ingest", "clean", "annotate", "extract", "combine", "cluster", "align", "brief",
    ]  # fmt: skip
    assert all(callable(s.load()) for s in STAGES)
    # the per-article stages come first: an engine maps them, the rest look across articles
    assert [s.per_article for s in STAGES] == [True] * 4 + [False] * 4


def test_import_newsfuse_loads_neither_spacy_nor_the_serialiser() -> None:
    code = (
        "import sys, newsfuse; newsfuse.STAGES; newsfuse.Brief; "
        "print(sorted(m for m in ('spacy', 'pydantic', 'onnxruntime') if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True
    )
    assert out.stdout.strip() == "[]"
