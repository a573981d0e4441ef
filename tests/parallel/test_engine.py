"""The engine runs per-article work on other processes and gives results back in input
order, once each, even when a worker dies mid-partition."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from workfns import always_die, die_once, short_by_one, square_slowly, squares

from newsfuse.parallel import Engine, EngineError, map_batches, map_ordered

ITEMS = list(range(60))
SERIAL = [square_slowly(n) for n in ITEMS]


def test_local_workers_give_the_serial_sequence() -> None:
    got = list(map_ordered(square_slowly, ITEMS, Engine(workers=2, partition=4)))
    assert got == SERIAL


def test_results_stream_before_the_input_is_exhausted() -> None:
    seen: list[int] = []

    def items() -> Iterator[int]:
        for n in ITEMS:
            seen.append(n)
            yield n

    it = map_ordered(square_slowly, items(), Engine(workers=2, partition=4))
    assert next(it) == (0, 0)
    # only the first window of partitions was read from the input, not all 60 items
    assert len(seen) <= 2 * 2 * 4 + 4
    assert list(it) == SERIAL[1:]


def test_a_worker_that_dies_has_its_partition_rerun(tmp_path: Path) -> None:
    marker = str(tmp_path / "died")
    items = [(n, marker if n == 25 else "") for n in ITEMS]
    got = list(map_ordered(die_once, items, Engine(workers=2, partition=4)))
    assert Path(marker).exists()  # a worker really died
    assert got == ITEMS  # nothing lost, nothing twice, in order


def test_a_partition_that_always_kills_its_worker_is_named() -> None:
    with pytest.raises(EngineError, match=r"partition 3 .* lost its worker"):
        list(map_ordered(always_die, ITEMS, Engine(workers=2, partition=4)))


def test_serial_engine_runs_in_process() -> None:
    assert Engine().serial and Engine().describe() == "one process"
    assert list(map_ordered(square_slowly, ITEMS)) == SERIAL


@pytest.mark.slow
def test_dask_local_cluster_survives_a_killed_worker(tmp_path: Path) -> None:
    pytest.importorskip("distributed")
    marker = str(tmp_path / "died")
    items = [(n, marker if n == 25 else "") for n in ITEMS]
    got = list(map_ordered(die_once, items, Engine(workers=2, dask="local", partition=4)))
    assert Path(marker).exists()
    assert got == ITEMS


def test_a_function_over_partitions_gives_one_result_per_item_in_order() -> None:
    for engine in (Engine(), Engine(workers=2, partition=7)):
        assert list(map_batches(squares, ITEMS, engine)) == SERIAL


def test_a_partition_function_that_drops_a_result_is_an_error() -> None:
    with pytest.raises(EngineError, match="gave 6 results for 7 items"):
        list(map_batches(short_by_one, ITEMS, Engine(workers=2, partition=7)))
