"""Ingest jobs: the web app's one writer thread.

Uploaded files, pasted text, fetched pages and JSON records are written to a
private temporary folder and ingested there by :func:`newsfuse.store.ingest_paths`,
the path ``newsfuse ingest`` takes, one job at a time under the write lock.
A job reports progress as it goes and, at the end, a status for every item:
``new`` (stored now), ``present`` (the store already held it) or ``rejected``
(with the reason). Between jobs the worker computes the briefs of stories that
lack a current one, so that story pages and the quote search find them ready.
"""

from __future__ import annotations

import itertools
import queue
import re
import shutil
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from starlette.requests import Request

from newsfuse.store import ArticleOrigin, Store, ingest_paths
from newsfuse.web.config import WebConfig
from newsfuse.web.data import WRITE_LOCK, compute_brief

ItemState = Literal["new", "present", "rejected"]
JobState = Literal["queued", "running", "done", "failed"]
# Jobs kept for their status pages (the oldest finished ones are forgotten).
KEPT_JOBS = 200
# Suffixes an uploaded file keeps (they choose the reader); anything else is read as text.
UPLOAD_SUFFIXES = (".txt", ".html", ".htm", ".json", ".jsonl")
# Characters kept in a stored file name (the rest become "_").
_SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


def upload_suffix(name: str) -> str:
    """The suffix an uploaded file is stored with: its own when newsfuse reads that kind
    of file, else ".txt"."""
    suffix = Path(name).suffix.lower()
    return suffix if suffix in UPLOAD_SUFFIXES else ".txt"


def jobs_of(request: Request) -> Jobs:
    """The app's ingest jobs (``create_app`` puts them in its state)."""
    jobs: Jobs = request.app.state.jobs
    return jobs


@dataclass(slots=True)
class Item:
    """One input of a job: an uploaded file, a pasted text, a URL or a JSON record."""

    name: str  # as the user gave it (file name, "pasted text", the URL, "record 3")
    path: str = ""  # where the job wrote it
    status: ItemState | None = None
    articles: list[str] = field(default_factory=list)
    reason: str | None = None

    def as_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "status": self.status,
            "articles": self.articles,
            "reason": self.reason,
        }


@dataclass(slots=True)
class Job:
    """An ingest of some items, queued or running or finished."""

    id: str
    items: list[Item]
    state: JobState = "queued"
    done: int = 0  # items read so far
    new: int = 0
    present: int = 0
    rejected: int = 0
    error: str | None = None
    created: float = field(default_factory=time.time)
    finished: float | None = None
    folder: Path | None = None
    event: threading.Event = field(default_factory=threading.Event)

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "state": self.state,
            "total": len(self.items),
            "done": self.done,
            "new": self.new,
            "present": self.present,
            "rejected": self.rejected,
            "error": self.error,
            "items": [i.as_json() for i in self.items],
        }


class Jobs:
    """The queue of ingest jobs and the thread that runs them."""

    def __init__(self, config: WebConfig, *, warm_briefs: bool = True) -> None:
        self.config = config
        self.warm_briefs = warm_briefs
        self._queue: queue.Queue[Job | None] = queue.Queue()
        self._jobs: dict[str, Job] = {}
        self._ids = itertools.count(1)
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._run, name="newsfuse-ingest", daemon=True)
        self._thread.start()

    # ------------------------------------------------------------------ submitting

    def submit(self, inputs: list[tuple[str, str, bytes]]) -> Job:
        """Queue ``(name, suffix, content)`` items (suffix ".txt", ".html", ".json"…)."""
        folder = Path(tempfile.mkdtemp(prefix="newsfuse-upload-"))
        items = []
        for k, (name, suffix, content) in enumerate(inputs, 1):
            stem = _SAFE_NAME.sub("_", Path(name).stem)[:60] or "item"
            path = folder / f"{k:05d}-{stem}{suffix}"
            path.write_bytes(content)
            items.append(Item(name, str(path)))
        with self._lock:
            job = Job(f"j{next(self._ids)}", items, folder=folder)
            self._jobs[job.id] = job
            finished = [j for j in self._jobs.values() if j.finished is not None]
            for old in sorted(finished, key=lambda j: j.created)[
                : max(0, len(self._jobs) - KEPT_JOBS)
            ]:
                del self._jobs[old.id]
        self._queue.put(job)
        return job

    def get(self, job_id: str) -> Job | None:
        with self._lock:
            return self._jobs.get(job_id)

    def stop(self) -> None:
        self._queue.put(None)

    # ------------------------------------------------------------------ the worker

    def _run(self) -> None:
        while True:
            try:
                job = self._queue.get(timeout=1.0)
            except queue.Empty:
                if self.warm_briefs:
                    self._warm_one()
                continue
            if job is None:
                return
            self._ingest(job)

    def _ingest(self, job: Job) -> None:
        job.state = "running"
        by_path = {i.path: i for i in job.items}
        try:
            with WRITE_LOCK:
                new_ids, file_articles, rejected = self._run_ingest(job)
                reasons: dict[str, list[str]] = {}
                for path, reason in rejected:
                    reasons.setdefault(path, []).append(reason)
                for item in job.items:
                    ids = file_articles.get(item.path, [])
                    item.articles = list(dict.fromkeys(ids))
                    if ids and any(a in new_ids for a in ids):
                        item.status = "new"
                    elif ids:
                        item.status = "present"
                    else:
                        item.status = "rejected"
                        item.reason = "; ".join(reasons.get(item.path, [])) or "no article found"
                    if item.status != "rejected" and item.path in reasons:
                        item.reason = "; ".join(reasons[item.path])  # a record of several failed
                with Store.open(self.config.db) as store:
                    _name_inputs(store, job.items, new_ids)
            job.new = sum(1 for i in job.items if i.status == "new")
            job.present = sum(1 for i in job.items if i.status == "present")
            job.rejected = sum(1 for i in job.items if i.status == "rejected")
            job.state = "done"
        except Exception as exc:  # the job fails, the server stays up
            job.state = "failed"
            job.error = f"{type(exc).__name__}: {exc}"
        finally:
            job.finished = time.time()
            if job.folder is not None:
                shutil.rmtree(job.folder, ignore_errors=True)
            for item in job.items:
                if item.path in by_path:
                    item.path = ""
            job.event.set()

    def _run_ingest(self, job: Job) -> tuple[set[str], dict[str, list[str]], list[tuple[str, str]]]:
        """Ingest the job's files, counting them as they are read. (Run in this thread:
        a child process freed the interpreter lock but not a core, and readers were
        served no faster under load; see docs/benchmarks.md.)"""
        with Store.open(self.config.db) as store:

            def progressed(path: str) -> None:
                job.done += 1

            report = ingest_paths(
                store, [i.path for i in job.items], skip_known_files=False, on_file=progressed
            )
        return (
            report.new_ids,
            report.file_articles,
            [(r.path, r.reason) for r in report.rejected],
        )

    def _warm_one(self) -> None:
        """Compute one missing brief, biggest story first (between jobs only)."""
        if not self.config.db.exists():
            return
        try:
            with Store.open(self.config.db, must_exist=True) as store:
                stale = store.stale_stories(limit=1)
                if not stale:
                    return
                story_id = stale[0]
                articles = store.story_articles(story_id)
                copies = store.story_copies(story_id)
            if articles:
                compute_brief(self.config, story_id, articles, copies, wait=True)
        except Exception:  # a brief that fails is computed again on request, with its error
            time.sleep(5)


def _name_inputs(store: Store, items: list[Item], new_ids: set[str]) -> None:
    """Record where the new articles came from: the uploaded file's name or the URL,
    not the temporary copy the job read (which is deleted), so that a story's articles
    can be joined back to their inputs."""
    origins: list[ArticleOrigin] = []
    for item in items:
        url = item.name if item.name.startswith(("http://", "https://")) else None
        where = url or f"upload:{item.name}"
        origins += [ArticleOrigin(a, where, url) for a in item.articles if a in new_ids]
    store.set_origins(origins)
