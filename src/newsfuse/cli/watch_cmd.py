"""``newsfuse watch``: follow feeds and sitemaps, keeping the store current.

Each poll is one :func:`newsfuse.store.ingest_paths` run over the sources with the
store's memory of earlier runs (conditional requests, URLs already stored, back-off
after failures), recorded in ``watch_polls``. After a poll, the briefs of the
stories that gained articles are computed and kept, so the web app shows them at
once. A poll killed at any point leaves whole batches in the store and the feeds it
was reading unmarked, so the next poll (or the next ``watch``) fetches exactly what
is missing.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Annotated

import typer
from rich.console import Console

from newsfuse.cli.live_opts import (
    AllowPrivateOption,
    DelayOption,
    RetriesOption,
    TimeoutOption,
    fetch_options,
)
from newsfuse.cli.store_cmd import EXIT_BAD_INPUT, DbOption, live_summary
from newsfuse.errors import StoreError
from newsfuse.ingest.fetch import DEFAULT_DELAY_S, READ_TIMEOUT_S, RETRIES, Fetcher
from newsfuse.model import Rejection
from newsfuse.store import IngestReport, Store, ingest_paths
from newsfuse.store.extractions import extractions_for

# Default time between the starts of two polls: news feeds change every few minutes,
# and with conditional requests an unchanged feed costs one small exchange.
DEFAULT_EVERY = "15m"
# Shortest poll interval accepted: below it a watch is a load test of the site.
MIN_EVERY_S = 1.0
# Articles per transaction while watching: small, so that a kill loses little work.
WATCH_BATCH_SIZE = 10
# Briefs computed after one poll (biggest changed stories first); the rest wait for the
# next poll or are computed when first asked for.
MAX_BRIEFS_PER_POLL = 20

_DURATION = re.compile(r"(\d+(?:\.\d+)?)\s*(d|h|m|s|ms)?", re.I)
_UNIT_S = {"d": 86400.0, "h": 3600.0, "m": 60.0, "s": 1.0, "ms": 0.001, None: 1.0}


def parse_duration(text: str) -> float:
    """Seconds in "90", "30s", "15m", "1h30m", "1d"; ValueError otherwise."""
    rest = text.strip().lower()
    if not rest:
        raise ValueError("empty duration")
    total = 0.0
    pos = 0
    while pos < len(rest):
        m = _DURATION.match(rest, pos)
        if m is None or m.end() == pos:
            raise ValueError(f"not a duration: {text!r} (try 30s, 15m, 1h30m)")
        total += float(m.group(1)) * _UNIT_S[m.group(2)]
        pos = m.end()
        while pos < len(rest) and rest[pos] == " ":
            pos += 1
    return total


@dataclass
class Watcher:
    """Polls ``sources`` into the store at ``db``; clock and sleep are injectable."""

    sources: list[str]
    db: str | None
    fetcher: Fetcher
    briefs: bool = True
    batch_size: int = WATCH_BATCH_SIZE
    clock: Callable[[], datetime] = field(default=lambda: datetime.now(UTC))
    on_rejection: Callable[[Rejection], None] | None = None

    def poll(self) -> IngestReport:
        """One poll: fetch what is new, store it, refresh the changed stories' briefs."""
        with Store.open(self.db, clock=self.clock) as store:
            poll_id = self._start(store)
            report = ingest_paths(
                store,
                self.sources,
                batch_size=self.batch_size,
                batches_per_commit=1,  # each batch committed: a kill loses little work
                fetcher=self.fetcher,
                honour_backoff=True,
                on_rejection=self.on_rejection,
            )
            self._finish(store, poll_id, report)
            if self.briefs and report.new_ids:
                refresh_briefs(store, report.new_ids, now=self._now())
        return report

    def interrupted(self) -> str | None:
        """When the last poll started, if it never finished (killed mid-poll)."""
        with Store.open(self.db, clock=self.clock) as store:
            last = store.last_watch_poll()
        return None if last is None or last.finished_at is not None else last.started_at

    def _now(self) -> str:
        return self.clock().isoformat(timespec="seconds")

    def _start(self, store: Store) -> int:
        return store.start_watch_poll(self._now(), self.sources)

    def _finish(self, store: Store, poll_id: int, report: IngestReport) -> None:
        store.finish_watch_poll(
            poll_id,
            self._now(),
            new=report.new,
            present=report.present,
            rejected=len(report.rejected),
            deferred=report.deferred,
        )


def refresh_briefs(store: Store, new_ids: set[str], *, now: str) -> int:
    """Compute and keep the briefs of the stories holding ``new_ids`` (biggest first, at
    most MAX_BRIEFS_PER_POLL); how many were computed."""
    from newsfuse.briefing.compose import compose

    done = 0
    for story_id in store.stories_holding(new_ids)[:MAX_BRIEFS_PER_POLL]:
        if store.current_brief(story_id) is not None:
            continue
        articles = store.story_articles(story_id)
        brief = compose(
            articles,
            story_id=story_id,
            copies=store.story_copies(story_id),
            extractions=extractions_for(store, articles),
        )
        store.keep_brief(story_id, brief.to_dict(), now)
        done += 1
    return done


def watch_command(
    sources: Annotated[
        list[str],
        typer.Argument(
            help="URLs (or files) of feeds, OPML lists, sitemaps or pages.",
            metavar="SOURCE",
            show_default=False,
        ),
    ],
    every: Annotated[
        str, typer.Option("--every", help="Time between two polls: 90s, 15m, 1h30m…")
    ] = DEFAULT_EVERY,
    once: Annotated[
        bool, typer.Option("--once", help="Poll once and exit (for cron); exit 1 if a URL failed.")
    ] = False,
    db: DbOption = None,
    allow_private: AllowPrivateOption = False,
    delay: DelayOption = DEFAULT_DELAY_S,
    timeout: TimeoutOption = READ_TIMEOUT_S,
    retries: RetriesOption = RETRIES,
    briefs: Annotated[
        bool,
        typer.Option(
            "--briefs/--no-briefs", help="Compute the briefs of changed stories after each poll."
        ),
    ] = True,
    batch_size: Annotated[
        int,
        typer.Option(
            "--batch-size", hidden=True, min=1, help="Articles committed per transaction."
        ),
    ] = WATCH_BATCH_SIZE,
) -> None:
    """Follow SOURCEs (see the command's help)."""
    err = Console(stderr=True, markup=False, emoji=False, highlight=False)
    out = Console(stderr=False, markup=False, emoji=False, highlight=False)
    try:
        interval = parse_duration(every)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--every") from exc
    if interval < MIN_EVERY_S:
        raise typer.BadParameter(f"poll at most once a second (got {every})", param_hint="--every")

    def on_rejection(rejection: Rejection) -> None:
        err.print(f"rejected {rejection.path}: {rejection.reason}", soft_wrap=True)

    watcher = Watcher(
        sources=list(sources),
        db=str(db) if db is not None else None,
        fetcher=Fetcher(
            fetch_options(
                allow_private=allow_private, delay=delay, timeout=timeout, retries=retries
            )
        ),
        briefs=briefs,
        batch_size=batch_size,
        on_rejection=on_rejection,
    )
    try:
        if (started := watcher.interrupted()) is not None:
            err.print(f"resuming: the poll started at {started} was interrupted", soft_wrap=True)
        polls = 0
        while True:
            t0 = time.monotonic()
            polls += 1
            try:
                report = watcher.poll()
            except StoreError as exc:  # e.g. locked for longer than the busy timeout
                err.print(f"error: poll {polls}: {exc}", soft_wrap=True)
                if once:
                    raise typer.Exit(EXIT_BAD_INPUT) from exc
            else:
                stamp = datetime.now(UTC).astimezone().strftime("%Y-%m-%d %H:%M:%S")
                out.print(
                    f"{stamp} poll {polls}: {report.new} new, {report.present} already "
                    f"present, {len(report.rejected)} rejected. {live_summary(report)}",
                    soft_wrap=True,
                )
                if once:
                    raise typer.Exit(EXIT_BAD_INPUT if report.rejected else 0)
            time.sleep(max(0.0, interval - (time.monotonic() - t0)))
    except StoreError as exc:
        err.print(f"error: {exc}", soft_wrap=True)
        raise typer.Exit(EXIT_BAD_INPUT) from exc


def register(app: typer.Typer) -> None:
    """Add ``newsfuse watch`` to ``app``."""
    app.command(
        "watch",
        help=(
            "Follow feeds, OPML lists, sitemaps and pages: poll them every --every, ingest "
            "what is new into the store, and update stories and their briefs as articles "
            "arrive.\n\n"
            "Polls are cheap when nothing changed: each feed is asked for with the ETag / "
            "Last-Modified of its last read (HTTP 304: nothing downloaded) and article URLs "
            "already stored are never fetched again. A URL that fails for a reason that may "
            "pass (network, timeout, 5xx) is retried at once with back-off, then at later "
            "polls after a growing wait; one that cannot pass (404, robots.txt, no article "
            "text) is reported once. Killed at any point (even kill -9), watch resumes with "
            "nothing lost and nothing stored twice.\n\n"
            "Exit codes (--once): 0 every URL read, 1 some URL rejected (the rest is stored).\n\n"
            "Examples:\n\n"
            "  newsfuse watch https://example.com/rss.xml --every 10m\n\n"
            "  newsfuse watch feeds.opml --db news.db\n\n"
            "  newsfuse watch https://example.com/news-sitemap.xml --once   # from cron"
        ),
    )(watch_command)
