"""One command, one pool: `newsfuse ingest --workers N` / `--dask local` reads and then
extracts on the same worker processes, started once, each loading spaCy once."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner
from workfns import squares

from newsfuse.cli import store_cmd
from newsfuse.cli.app import app
from newsfuse.parallel import Engine, map_batches, map_ordered
from synth import synth_text

RUNS = {
    "workers": ["--workers", "2"],
    "dask": ["--dask", "local", "--workers", "2"],
}


@pytest.mark.slow
@pytest.mark.parametrize("run", list(RUNS))
def test_one_ingest_starts_one_pool_and_loads_the_model_once_per_worker(
    run: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if run == "dask":
        pytest.importorskip("distributed")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(24):
        (corpus / f"a{i:02d}.txt").write_text(synth_text(i, paragraphs=3, sentences=2))
    made: list[Engine] = []

    def engine_of(workers: int, dask: str | None) -> Engine:
        made.append(Engine(workers=workers, dask=dask))
        return made[-1]

    monkeypatch.setattr(store_cmd, "engine_of", engine_of)
    db = tmp_path / "news.db"
    result = CliRunner().invoke(app, ["ingest", str(corpus), "--db", str(db), *RUNS[run]])
    assert result.exit_code == 0, result.output
    assert "24 new" in result.output
    [engine] = made
    stats = engine.stats
    # the ingest pass and the extraction pass ran on one pool / one LocalCluster
    assert stats.started == 1 and stats.rebuilt == 0
    # ... of at most 2 worker processes, each of which loaded the spaCy model once
    assert 1 <= len(stats.model_loads) <= 2
    assert set(stats.model_loads.values()) <= {0, 1}
    assert sum(stats.model_loads.values()) >= 1  # extraction ran on the workers
    # and the block's end shut it down
    assert engine._live.pool is None and engine._live.client is None


def test_map_calls_inside_one_with_block_share_their_workers() -> None:
    items = list(range(40))
    with Engine(workers=2, partition=4) as engine:
        first = list(map_ordered(abs, items, engine))
        second = list(map_batches(squares, items, engine))
        pool = engine._live.pool
        assert pool is not None  # still open between the calls
    assert first == items and [n for n, _ in second] == items
    assert engine.stats.started == 1
    assert engine._live.pool is None  # closed with the block
    # outside a block a map call opens the engine for itself and closes it after
    assert list(map_ordered(abs, items, engine)) == items
    assert engine.stats.started == 2 and engine._live.pool is None
