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

An engine is a context manager that owns its pool or Dask client: ``with engine:``
starts nothing until the first map call, then every map call inside the block runs on
the same worker processes, and the block's end closes them. So a command that maps
twice (``newsfuse ingest``: read, then extract) starts one pool or cluster, and each
worker loads spaCy once. A map call outside a ``with`` block opens the engine for
itself and closes it when it ends.

Models are never pickled: the function runs in the worker, and whatever it loads
through a module-level cache (``newsfuse.annotate.nlp.load_nlp``) is loaded once per
worker process. A worker that dies mid-partition has its partition run again (Dask
reschedules it; the local pool is rebuilt and the unfinished partitions resubmitted),
and a partition's results are yielded once, after it completed: nothing lost, nothing
twice.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from itertools import islice
from types import TracebackType
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
class EngineStats:
    """What an engine has started so far, and what its workers reported."""

    started: int  # pools or Dask clients started (one per ``with`` block that mapped)
    rebuilt: int  # local pools rebuilt after a worker died
    model_loads: Mapping[int, int]  # worker process id -> spaCy models it has loaded


@dataclass
class _Live:
    """An engine's running pool or Dask client (mutable state behind the frozen options)."""

    depth: int = 0  # open ``with`` blocks and map calls
    pool: ProcessPoolExecutor | None = None
    generation: int = 0  # bumped each time the local pool is replaced
    client: Client | None = None
    cluster: Any = None
    started: int = 0
    rebuilt: int = 0
    model_loads: dict[int, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Engine:
    """Where the per-article stages run: ``workers`` processes, locally or on Dask.

    Use it as ``with engine:`` around every map call of one command, so that they share
    one pool or cluster (started lazily at the first call, closed at the block's end)."""

    workers: int = 1
    dask: str | None = None  # "local", or a scheduler address ("tcp://host:8786")
    partition: int = PARTITION_SIZE
    _live: _Live = field(default_factory=_Live, init=False, repr=False, compare=False)

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

    def __enter__(self) -> Engine:
        self._live.depth += 1
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._live.depth -= 1
        if self._live.depth <= 0:
            self._live.depth = 0
            self.close()

    def close(self) -> None:
        """Shut the pool or Dask client (and a LocalCluster) down; a later map call
        starts a new one."""
        live = self._live
        pool, client, cluster = live.pool, live.client, live.cluster
        live.pool, live.client, live.cluster = None, None, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
        if client is not None:
            client.close()  # type: ignore[no-untyped-call]
        if cluster is not None:
            cluster.close()

    @property
    def stats(self) -> EngineStats:
        live = self._live
        return EngineStats(live.started, live.rebuilt, dict(live.model_loads))

    def _pool(self) -> tuple[ProcessPoolExecutor, int]:
        """The local pool (started on first use) and its generation."""
        live = self._live
        if live.pool is None:
            live.pool = ProcessPoolExecutor(max_workers=self.workers, mp_context=_context())
            live.generation += 1
            live.started += 1
        return live.pool, live.generation

    def _rebuild_pool(self, generation: int) -> None:
        """Replace the pool of ``generation`` after it broke (once, however many map
        calls saw it break)."""
        live = self._live
        if live.pool is not None and live.generation == generation:
            live.pool.shutdown(wait=False, cancel_futures=True)
            live.pool = ProcessPoolExecutor(max_workers=self.workers, mp_context=_context())
            live.generation += 1
            live.rebuilt += 1

    def _client(self) -> Client:
        """The Dask client (and for ``local`` its LocalCluster), started on first use."""
        live = self._live
        if live.client is None:
            live.client, live.cluster = _dask_client(self)
            live.started += 1
        return live.client

    def _note(self, done: _Done[Any]) -> None:
        loads = self._live.model_loads
        loads[done.worker] = max(loads.get(done.worker, 0), done.models)


@dataclass(frozen=True)
class _Done(Generic[R]):
    """A partition's results, with what its worker reports about itself."""

    results: list[R]
    worker: int  # the worker's process id
    models: int  # spaCy pipelines loaded in that process so far


def _models_loaded() -> int:
    """How many times this process has loaded the spaCy pipeline (0 if never imported)."""
    nlp = sys.modules.get("newsfuse.annotate.nlp")
    return int(nlp.load_nlp.cache_info().misses) if nlp is not None else 0


def run_partition(fn: Callable[[T], R], items: Sequence[T]) -> _Done[R]:
    """One task: ``fn`` over a partition's items, in order (runs on a worker)."""
    return _Done([fn(item) for item in items], os.getpid(), _models_loaded())


def map_ordered(fn: Callable[[T], R], items: Iterable[T], engine: Engine = Engine()) -> Iterator[R]:
    """``fn`` over ``items`` on ``engine``; results in input order, streamed.

    ``fn`` must be a module-level function (it is sent to workers by reference) and its
    items and results picklable. Inside ``with engine:`` it runs on the engine's pool or
    cluster; outside, it opens the engine for this call alone."""
    if engine.serial:
        for item in items:
            yield fn(item)
        return
    with engine:
        yield from _map(fn, _partitions(items, max(1, engine.partition)), engine, run_partition)


def run_batch(fn: Callable[[list[T]], Sequence[R]], items: Sequence[T]) -> _Done[R]:
    """One task: ``fn`` over a whole partition at once (runs on a worker)."""
    results = list(fn(list(items)))
    if len(results) != len(items):
        raise EngineError(f"{fn.__name__} gave {len(results)} results for {len(items)} items")
    return _Done(results, os.getpid(), _models_loaded())


def map_batches(
    fn: Callable[[list[T]], Sequence[R]], items: Iterable[T], engine: Engine = Engine()
) -> Iterator[R]:
    """Like :func:`map_ordered` for a function over a list that gives one result per item
    (``newsfuse.pipeline.extract``: spaCy parses a partition as one stream)."""
    if engine.serial:
        yield from fn(list(items))
        return
    with engine:
        yield from _map(fn, _partitions(items, max(1, engine.partition)), engine, run_batch)


def _map(
    fn: Callable[..., Any],
    parts: Iterator[_Part[T]],
    engine: Engine,
    task: Callable[..., _Done[R]],
) -> Iterator[R]:
    if engine.dask is not None:
        return _dask_map(fn, parts, engine, task)
    return _local_map(fn, parts, engine, task)


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
    engine: Engine,
    task: Callable[..., _Done[R]],
) -> Iterator[R]:
    window = engine.workers * IN_FLIGHT_PER_WORKER
    queue: deque[_Part[T]] = deque()  # partitions not yet yielded, in input order
    futures: dict[int, Future[_Done[R]]] = {}
    # After a worker died, the oldest partition runs alone: a death then says which
    # partition caused it (a pool breaks as a whole: every partition in flight is lost).
    solo = False
    try:
        while True:
            while len(queue) < window and (part := next(parts, None)) is not None:
                queue.append(part)
            if not queue:
                return
            head = queue[0]
            pool, generation = engine._pool()
            try:
                for p in list(queue)[: 1 if solo else window]:
                    if p.index not in futures:  # a broken pool refuses here, too
                        futures[p.index] = pool.submit(task, fn, p.items)
                done = futures[head.index].result()
            except BrokenProcessPool:
                # Every unfinished partition is lost with the pool; none was yielded, so
                # running them again yields nothing twice.
                engine._rebuild_pool(generation)
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
            engine._note(done)
            yield from done.results
    finally:
        # A call left early (an error in the caller) leaves the pool to the engine:
        # what has not started is cancelled, what runs finishes unread.
        for future in futures.values():
            future.cancel()


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
    task: Callable[..., _Done[R]],
) -> Iterator[R]:
    client = engine._client()
    workers = max(1, len(client.scheduler_info().get("workers", {})) or engine.workers)
    window = workers * IN_FLIGHT_PER_WORKER
    pending: deque[tuple[_Part[T], Any]] = deque()
    try:
        while True:
            while len(pending) < window and (part := next(parts, None)) is not None:
                # pure=False: the same items in two runs are two tasks; the scheduler
                # reruns a task whose worker died (up to its allowed failures) and
                # ``retries`` covers errors raised inside it.
                future = client.submit(task, fn, part.items, pure=False, retries=MAX_RETRIES)
                pending.append((part, future))
            if not pending:
                return
            part, future = pending.popleft()
            try:
                done = future.result()
            except Exception as e:
                if type(e).__name__ == "KilledWorker":
                    raise EngineError(f"partition {part.index} killed its Dask workers: {e}") from e
                raise
            engine._note(done)
            yield from done.results
    finally:
        if pending:  # a call left early: its queued tasks are of no use to anyone
            client.cancel([f for _, f in pending])  # type: ignore[no-untyped-call]
