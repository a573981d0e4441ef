"""Run a per-article function over many items on local processes or a Dask cluster.

The per-article stages (read, clean, annotate, extract) are pure functions of their
input, so an engine may run them anywhere; everything that looks across articles
(clustering, the store) stays in the one calling process. :func:`map_ordered` is that
seam: it cuts the items into partitions, runs each partition on a worker, and yields
the results **in input order** as they become ready, so the caller (the one store
writer) sees exactly the sequence a serial run would have produced.

- ``Engine()`` runs serially in this process (no pickling, no start-up cost).
- ``Engine(workers=N)`` uses N local processes (``concurrent.futures``).
- ``Engine(dask="local", workers=N)`` starts a ``distributed.LocalCluster`` of N
  single-threaded worker processes; ``Engine(dask="tcp://host:8786")`` uses a running
  cluster. Needs ``pip install 'newsfuse[dask]'``.

Models are never pickled: the function runs in the worker, and whatever it loads
through a module-level cache (``newsfuse.annotate.nlp.load_nlp``) is loaded once per
worker process. A worker that dies mid-partition has its partition run again (Dask
reschedules it; the local pool is rebuilt and the unfinished partitions resubmitted),
and a partition's results are yielded once, after it completed: nothing lost, nothing
twice.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from itertools import islice
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from newsfuse.errors import NewsfuseError

if TYPE_CHECKING:
    from distributed import Client

T = TypeVar("T")
R = TypeVar("R")

# Items per partition: big enough that a task's scheduling and pickling (about a
# millisecond locally, more over a network) is small beside a few articles' parse
# (~0.1 s each), small enough that the writer gets results while workers still run.
PARTITION_SIZE = 8
# Partitions in flight per worker: one running, one queued, so a worker never waits on
# the writer; more would only hold finished results in memory out of order.
IN_FLIGHT_PER_WORKER = 2
# Times one partition may be lost with its worker before the run stops with an error
# that names it (the partition itself is then the likely cause: a giant input that
# exhausts a worker's memory would kill every worker it lands on).
MAX_RETRIES = 3


class EngineError(NewsfuseError):
    """The engine could not run a partition (workers kept dying, or Dask is missing)."""


@dataclass(frozen=True)
class Engine:
    """Where the per-article stages run: ``workers`` processes, locally or on Dask."""

    workers: int = 1
    dask: str | None = None  # "local", or a scheduler address ("tcp://host:8786")
    partition: int = PARTITION_SIZE

    @property
    def serial(self) -> bool:
        return self.dask is None and self.workers <= 1

    def describe(self) -> str:
        if self.dask == "local":
            return f"Dask LocalCluster, {self.workers} worker process(es)"
        if self.dask:
            return f"Dask cluster at {self.dask}"
        if self.workers > 1:
            return f"{self.workers} local worker processes"
        return "one process"


def run_partition(fn: Callable[[T], R], items: Sequence[T]) -> list[R]:
    """One task: ``fn`` over a partition's items, in order (runs on a worker)."""
    return [fn(item) for item in items]


def map_ordered(fn: Callable[[T], R], items: Iterable[T], engine: Engine = Engine()) -> Iterator[R]:
    """``fn`` over ``items`` on ``engine``; results in input order, streamed.

    ``fn`` must be a module-level function (it is sent to workers by reference) and its
    items and results picklable."""
    if engine.serial:
        for item in items:
            yield fn(item)
        return
    parts = _partitions(items, max(1, engine.partition))
    if engine.dask is not None:
        yield from _dask_map(fn, parts, engine)
    else:
        yield from _local_map(fn, parts, engine.workers)


def run_batch(fn: Callable[[list[T]], Sequence[R]], items: Sequence[T]) -> list[R]:
    """One task: ``fn`` over a whole partition at once (runs on a worker)."""
    results = list(fn(list(items)))
    if len(results) != len(items):
        raise EngineError(f"{fn.__name__} gave {len(results)} results for {len(items)} items")
    return results


def map_batches(
    fn: Callable[[list[T]], Sequence[R]], items: Iterable[T], engine: Engine = Engine()
) -> Iterator[R]:
    """Like :func:`map_ordered` for a function over a list that gives one result per item
    (``newsfuse.pipeline.extract``: spaCy parses a partition as one stream)."""
    if engine.serial:
        yield from fn(list(items))
        return
    parts = _partitions(items, max(1, engine.partition))
    if engine.dask is not None:
        yield from _dask_map(fn, parts, engine, run_batch)
    else:
        yield from _local_map(fn, parts, engine.workers, run_batch)


@dataclass
class _Part(Generic[T]):
    index: int
    items: list[T]
    tries: int = 0


def _partitions(items: Iterable[T], size: int) -> Iterator[_Part[T]]:
    it = iter(items)
    index = 0
    while chunk := list(islice(it, size)):
        yield _Part(index, chunk)
        index += 1


def _context() -> multiprocessing.context.BaseContext:
    """A clean worker start: "forkserver" where the platform has it (a fork of a process
    that runs fetch threads or onnxruntime could inherit a held lock), else "spawn"."""
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


def _local_map(
    fn: Callable[..., Any],
    parts: Iterator[_Part[T]],
    workers: int,
    task: Callable[..., list[R]] = run_partition,
) -> Iterator[R]:
    window = workers * IN_FLIGHT_PER_WORKER
    queue: deque[_Part[T]] = deque()  # partitions not yet yielded, in input order
    futures: dict[int, Future[list[R]]] = {}
    # After a worker died, the oldest partition runs alone: a death then says which
    # partition caused it (a pool breaks as a whole: every partition in flight is lost).
    solo = False
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=_context())
    try:
        while True:
            while len(queue) < window and (part := next(parts, None)) is not None:
                queue.append(part)
            if not queue:
                return
            head = queue[0]
            try:
                for p in list(queue)[: 1 if solo else window]:
                    if p.index not in futures:  # a broken pool refuses here, too
                        futures[p.index] = pool.submit(task, fn, p.items)
                results = futures[head.index].result()
            except BrokenProcessPool:
                # Every unfinished partition is lost with the pool; none was yielded, so
                # running them again yields nothing twice.
                pool.shutdown(wait=False, cancel_futures=True)
                pool = ProcessPoolExecutor(max_workers=workers, mp_context=_context())
                futures.clear()
                if solo:
                    head.tries += 1
                    if head.tries > MAX_RETRIES:
                        raise EngineError(_lost(head)) from None
                solo = True
                continue
            queue.popleft()
            del futures[head.index]
            solo = False
            yield from results
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _lost(part: _Part[Any]) -> str:
    first = part.items[0] if part.items else None
    return (
        f"partition {part.index} (first item {first!r:.120}) lost its worker "
        f"{part.tries} times; stopping"
    )


def _dask_client(engine: Engine) -> tuple[Client, Any]:
    try:
        from distributed import Client, LocalCluster
    except ImportError as e:  # pragma: no cover - depends on the install
        raise EngineError("--dask needs dask.distributed: pip install 'newsfuse[dask]'") from e
    if engine.dask == "local":
        cluster = LocalCluster(  # type: ignore[no-untyped-call]
            n_workers=max(1, engine.workers),
            threads_per_worker=1,  # spaCy and onnxruntime are not shared across threads
            processes=True,
            dashboard_address=None,
        )
        return Client(cluster), cluster  # type: ignore[no-untyped-call]
    return Client(engine.dask), None  # type: ignore[no-untyped-call]


def _dask_map(
    fn: Callable[..., Any],
    parts: Iterator[_Part[T]],
    engine: Engine,
    task: Callable[..., list[R]] = run_partition,
) -> Iterator[R]:
    client, cluster = _dask_client(engine)
    try:
        workers = max(1, len(client.scheduler_info().get("workers", {})) or engine.workers)
        window = workers * IN_FLIGHT_PER_WORKER
        pending: list[tuple[_Part[T], Any]] = []
        while True:
            while len(pending) < window and (part := next(parts, None)) is not None:
                # pure=False: the same items in two runs are two tasks; the scheduler
                # reruns a task whose worker died (up to its allowed failures) and
                # ``retries`` covers errors raised inside it.
                future = client.submit(task, fn, part.items, pure=False, retries=MAX_RETRIES)
                pending.append((part, future))
            if not pending:
                return
            part, future = pending.pop(0)
            try:
                results = future.result()
            except Exception as e:
                if type(e).__name__ == "KilledWorker":
                    raise EngineError(f"partition {part.index} killed its Dask workers: {e}") from e
                raise
            yield from results
    finally:
        client.close()  # type: ignore[no-untyped-call]
        if cluster is not None:
            cluster.close()
