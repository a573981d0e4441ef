"""Ingest inputs into the store in atomic batches, resumably.

Articles are clustered in batches of ``batch_size`` and written in transactions
of ``batches_per_commit`` batches; a file is recorded as ingested (real path,
size, mtime) in the same transaction as its last article. A run killed at any
point therefore leaves whole batches only, and
the next run skips the files already recorded without reading or cleaning
them, re-reads the rest, and reports what it finds stored as already present.

Live sources (URLs, feeds, OPML lists, sitemaps) go through the crawler
(:mod:`newsfuse.ingest.live`) with the store's memory of earlier runs: an article
URL already ingested is not fetched again, a feed is asked for with its
validators, and what was fetched is recorded in the transaction that stores its
article. A feed's validators are written after (never before) all its articles,
so a killed run reads the feed again and fetches only what it had not stored.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import Literal

from newsfuse.ingest import DEFAULT_MAX_BYTES
from newsfuse.ingest.fetch import Fetcher, FetchOptions
from newsfuse.ingest.live import Crawler, Deferred, Failed, Known, Listed, Page
from newsfuse.ingest.sources import LIST_KINDS, expand_paths, live_kind
from newsfuse.ingest.urls import is_url
from newsfuse.model import Article, Rejection
from newsfuse.parallel import Engine, map_ordered
from newsfuse.pipeline import iter_articles, prepare
from newsfuse.store.core import Batch, FileStamp, IngestedFile, Store
from newsfuse.store.fetchstate import FetchedUrl, FetchUpdate, ListRead, UrlFailure

# State updates (URLs seen, failures) held before a commit when no article comes with them.
MAX_PENDING_UPDATES = 500
# Articles per batch: clustered together (each batch's new articles oldest first), so
# it decides the stories; 100 is what the stories were tuned and tested with.
DEFAULT_BATCH_SIZE = 100
# Batches per transaction. The clustering state a transaction changed is written once
# at its commit, and consecutive batches touch many of the same stories, families and
# terms: 5 writes that state about half as often as 1 (bench store, 1,000 articles:
# save 0.3 -> 0.15 s CPU) while a killed run loses at most 5 batches' work.
BATCHES_PER_COMMIT = 5

# The store's database file and SQLite's companions, never read as inputs.
_SQLITE_SUFFIXES = ("", "-wal", "-shm", "-journal")

# What ingest_paths reports as it goes: called once per input path when done.
ProgressCallback = Callable[[str], None]
RejectionCallback = Callable[[Rejection], None]


@dataclass(slots=True)
class IngestReport:
    """Counts of one ingest run.

    ``new`` articles were added; ``present`` were already stored (or repeated
    within this run); ``rejected`` names each input that could not be read,
    with its reason; ``skipped_files`` were recognised as already ingested and
    not read again.
    """

    new: int = 0
    present: int = 0
    rejected: list[Rejection] = field(default_factory=list)
    files: int = 0
    skipped_files: int = 0
    deferred: int = 0  # live URLs left for later: waiting out a back-off after failures
    lists: int = 0  # feeds, OPML lists and sitemaps read
    unchanged_lists: int = 0  # of which the server said "not modified" (HTTP 304)
    fetched: int = 0  # article pages downloaded
    new_ids: set[str] = field(default_factory=set)  # the articles this run added
    file_articles: dict[str, list[str]] = field(default_factory=dict)  # path -> its articles

    @property
    def articles(self) -> int:
        """Articles seen in this run, new or already present."""
        return self.new + self.present


def input_paths(paths: Iterable[str]) -> list[str | Rejection]:
    """Expand PATH arguments into the files to read (folders, globs, ``-``) or Rejections."""
    return list(expand_paths(paths))


def ingest_paths(
    store: Store,
    paths: Iterable[str | Rejection],
    *,
    batch_size: int = DEFAULT_BATCH_SIZE,
    batches_per_commit: int = BATCHES_PER_COMMIT,
    max_bytes: int = DEFAULT_MAX_BYTES,
    skip_known_files: bool = True,
    on_file: ProgressCallback | None = None,
    on_rejection: RejectionCallback | None = None,
    fetch: FetchOptions | None = None,
    fetcher: Fetcher | None = None,
    honour_backoff: bool = False,
    engine: Engine | None = None,
) -> IngestReport:
    """Read, clean and store every input in ``paths``; bad inputs are reported, not raised.

    ``paths`` are raw PATH arguments or the output of :func:`input_paths`.
    With ``skip_known_files``, a file recorded as fully ingested with the same
    size and mtime is not read again; its articles count as present. URLs and
    list files are fetched by ``fetcher`` (default: one made from ``fetch``, public
    addresses only); ``honour_backoff`` (``watch``) leaves URLs that failed
    recently for later. ``engine`` reads, cleans and annotates the files on local
    worker processes or a Dask cluster; the store, the clustering and the order of
    everything stay those of a serial run.
    """
    if batch_size < 1 or batches_per_commit < 1:
        raise ValueError(
            f"batch_size and batches_per_commit must be at least 1 "
            f"(got {batch_size}, {batches_per_commit})"
        )
    report = IngestReport()
    own_files = _store_files(store)
    pending: list[Article] = []
    pending_files: list[IngestedFile] = []
    pending_fetched: list[FetchUpdate] = []

    staged: list[Batch] = []  # whole batches waiting for the transaction's commit

    def flush(*, commit: bool = False) -> None:
        """End the pending batch; commit the staged ones once there are
        ``batches_per_commit`` of them, or now with ``commit``."""
        if pending or pending_files or pending_fetched:
            staged.append(Batch(list(pending), list(pending_files), list(pending_fetched)))
            pending.clear()
            pending_files.clear()
            pending_fetched.clear()
        if staged and (commit or len(staged) >= batches_per_commit):
            for result in store.add_batches(staged):
                report.new_ids.update(result.new)
                report.new += len(result.new)
                report.present += len(result.present)
            staged.clear()

    def reject(rejection: Rejection) -> None:
        report.rejected.append(rejection)
        if on_rejection is not None:
            on_rejection(rejection)

    live: list[str] = []

    def run_live() -> None:
        if not live:
            return
        crawler = Crawler(
            fetcher or Fetcher(replace(fetch or FetchOptions(), max_bytes=max_bytes)),
            store.fetch_state(honour_backoff=honour_backoff),
        )
        for event in crawler.run(live):
            if isinstance(event, Page):
                report.fetched += 1
                article = _prepare(event)
                if isinstance(article, Rejection):
                    reject(article)
                    pending_fetched.append(UrlFailure(event.url, "page", article.reason, False))
                    continue
                if len(pending) >= batch_size:
                    flush()
                pending.append(article)
                report.file_articles.setdefault(event.url, []).append(article.id)
                for url in dict.fromkeys((event.url, event.final_url)):
                    pending_fetched.append(FetchedUrl(url, article.id, event.via))
            elif isinstance(event, Known):
                report.present += 1
                report.file_articles.setdefault(event.url, []).append(event.article_id)
            elif isinstance(event, Failed):
                reject(Rejection(event.url, event.reason))
                kind = "list" if event.is_source else "page"
                pending_fetched.append(UrlFailure(event.url, kind, event.reason, event.transient))
            elif isinstance(event, Deferred):
                report.deferred += 0 if event.gave_up else 1
            elif isinstance(event, Listed):
                report.lists += 1
                report.unchanged_lists += int(event.unchanged)
                if not event.is_file:
                    pending_fetched.append(
                        ListRead(event.url, event.kind, event.etag, event.last_modified,
                                 event.links, event.unchanged, event.complete)
                    )  # fmt: skip
            if len(pending) >= batch_size or len(pending_fetched) >= MAX_PENDING_UPDATES:
                flush()
        if on_file is not None:
            for source in live:
                on_file(source)
        live.clear()

    real: dict[str, str] = {}  # path -> its real path, resolved once (_expand fills it)

    def units() -> Iterator[_Unit]:
        """The inputs in order, each marked with what to do with it; the store is asked
        here, in this process, which files it already holds."""
        for item in _expand(paths, real):
            stamp = known = None
            if isinstance(item, str) and not is_url(item):
                stamp = _stamp(item, real.get(item))
                known = store.known_file(stamp) if stamp is not None and skip_known_files else None
            # A file known unchanged is skipped unread; only the others are sniffed for lists.
            if isinstance(item, str) and (is_url(item) or (known is None and _is_list_file(item))):
                yield _Unit(item, "live")
            elif isinstance(item, str) and (real.get(item) or os.path.realpath(item)) in own_files:
                yield _Unit(item, "own")  # the store's own database files, e.g. "."
            elif isinstance(item, Rejection):
                yield _Unit(item, "rejected")
            elif known is not None:
                yield _Unit(item, "known", stamp, known)
            else:
                yield _Unit(item, "read", stamp, max_bytes=max_bytes)

    # Files are read, cleaned and annotated by ``read_unit`` - on the engine's workers
    # when one is given - and come back here in input order, the one writer.
    engine = engine or Engine()
    read = read_unit_lazily if engine.serial else read_unit
    for unit in map_ordered(read, units(), engine):
        item = unit.item
        if unit.kind == "live":
            assert isinstance(item, str)
            live.append(item)  # fetched together, in parallel, after the files before it
            report.files += 1
            continue
        run_live()
        if unit.kind == "own":
            pass
        elif isinstance(item, Rejection):
            report.files += 1
            reject(item)
        else:
            report.files += 1
            if unit.known is not None:
                report.present += unit.known
                report.skipped_files += 1
            else:
                ids: list[str] = []
                clean_read = True
                for result in unit.results:
                    if isinstance(result, Rejection):
                        clean_read = False
                        reject(result)
                        continue
                    if len(pending) >= batch_size:
                        flush()  # a full batch and the file has more: end the batch here
                    ids.append(result.id)
                    pending.append(result)
                report.file_articles[item] = ids
                if unit.stamp is not None and clean_read and ids:
                    # Committed with the file's last article, so a resumed run skips it.
                    pending_files.append(IngestedFile(unit.stamp, tuple(ids)))
                if len(pending) >= batch_size:
                    flush()
        if on_file is not None:
            on_file(item.path if isinstance(item, Rejection) else item)
    run_live()
    flush(commit=True)
    return report


UnitKind = Literal["live", "own", "rejected", "known", "read"]


@dataclass(slots=True)
class _Unit:
    """One input in the order given: a file to read (``results`` filled by
    :func:`read_unit`), a live source for the crawler, a rejection, or a known file."""

    item: str | Rejection
    kind: UnitKind
    stamp: FileStamp | None = None
    known: int | None = None  # articles of a file the store holds unchanged
    max_bytes: int = DEFAULT_MAX_BYTES
    results: Iterable[Article | Rejection] = ()


def read_unit(unit: _Unit) -> _Unit:
    """Read, clean and annotate a file to read, all of it (a worker process runs this:
    it touches no store, and its results travel back as one list); other units pass
    through unchanged."""
    if unit.kind == "read":
        unit.results = list(_read(unit))
    return unit


def read_unit_lazily(unit: _Unit) -> _Unit:
    """:func:`read_unit` in this process, the file's articles read as the writer takes
    them (a crawl of many thousand articles is never all in memory)."""
    if unit.kind == "read":
        unit.results = _read(unit)
    return unit


def _read(unit: _Unit) -> Iterator[Article | Rejection]:
    assert isinstance(unit.item, str)
    try:
        yield from iter_articles([unit.item], max_bytes=unit.max_bytes)
    except Exception as exc:
        # A bug in a stage must not stop a long ingest: name the input and go on.
        yield Rejection(unit.item, f"newsfuse failed on this input ({exc!r}); please report it")


def _prepare(page: Page) -> Article | Rejection:
    """A fetched page cleaned and annotated, or why it gives no article."""
    try:
        article = prepare(page.doc)
    except Exception as exc:  # a bug in a stage must not stop a long ingest
        return Rejection(page.url, f"newsfuse failed on this page ({exc!r}); please report it")
    if not article.paragraphs:
        return Rejection(page.url, "nothing left after cleaning (only boilerplate)")
    return article


def _is_list_file(path: str) -> bool:
    return path != "-" and live_kind(path) in LIST_KINDS


def _expand(paths: Iterable[str | Rejection], real: dict[str, str]) -> Iterable[str | Rejection]:
    """Expand arguments lazily, reading each real file once even if named twice; each
    file's real path is put in ``real``."""
    seen: set[str] = set()
    for p in paths:
        if isinstance(p, Rejection):
            yield p
            continue
        for q in expand_paths([p]):
            if isinstance(q, str) and q != "-":
                key = os.path.realpath(q)
                if key in seen:
                    continue
                seen.add(key)
                real[q] = key
            yield q


def _store_files(store: Store) -> set[str]:
    base = os.path.realpath(store.path)
    return {base + suffix for suffix in _SQLITE_SUFFIXES}


def _stamp(path: str, real: str | None = None) -> FileStamp | None:
    """The file's identity for skipping (``real``: its real path, when known), or None
    for stdin and unreadable paths."""
    if path == "-":
        return None
    try:
        st = os.stat(path)
    except OSError:
        return None
    return FileStamp(real or os.path.realpath(path), st.st_size, st.st_mtime_ns)
