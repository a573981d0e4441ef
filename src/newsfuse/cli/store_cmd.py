"""``newsfuse ingest`` and ``newsfuse search``: the SQLite store."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated, NoReturn

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.text import Text

from newsfuse.cli.common import plural
from newsfuse.cli.engine_opts import DaskOption, WorkersOption, engine_of
from newsfuse.cli.live_opts import (
    AllowPrivateOption,
    DelayOption,
    RetriesOption,
    TimeoutOption,
    fetch_options,
)
from newsfuse.errors import NewsfuseError, StoreError
from newsfuse.ingest.fetch import DEFAULT_DELAY_S, READ_TIMEOUT_S, RETRIES
from newsfuse.model import Rejection, StoryList
from newsfuse.parallel import Engine, EngineError
from newsfuse.store import (
    DEFAULT_BATCH_SIZE,
    IngestReport,
    SearchResult,
    Store,
    ingest_paths,
    input_paths,
)
from newsfuse.store.search import DEFAULT_LIMIT

# Exit codes shared by every command (see CLI.md).
EXIT_BAD_INPUT = 1

DbOption = Annotated[
    Path | None,
    typer.Option(
        "--db",
        help="Store file (default: $NEWSFUSE_DB, else ./newsfuse.db).",
        show_default=False,
        dir_okay=False,
    ),
]


class SearchFormat(StrEnum):
    """Output formats of ``newsfuse search``."""

    table = "table"
    json = "json"


def register(app: typer.Typer) -> None:
    """Add the store commands to ``app``."""
    app.command(
        "ingest",
        help=(
            "Ingest articles into the store: read, clean, annotate and index them for search.\n\n"
            "PATH is a file, a folder (read recursively), a glob, - for stdin, an http(s) URL "
            "of an article, an RSS/Atom feed, an OPML list of feeds or a (news) sitemap (a URL "
            "or a file, told by its content), or a WARC / WARC.GZ crawl. Re-ingesting "
            "adds nothing twice: articles are identified by their text, files already "
            "ingested unchanged are not read again, article URLs already stored are not "
            "fetched again, and a feed or sitemap is asked for with the ETag / Last-Modified "
            "of its last read. Fetching obeys robots.txt, waits --delay between two requests "
            "to a host and refuses private addresses unless --allow-private. Prints how many "
            "articles were new, already present and rejected; each rejected input or URL is "
            "named on stderr with its reason. --workers N reads, cleans and annotates files on "
            "N local processes, --dask ADDRESS on a Dask cluster ('local' starts one); the "
            "store ends up exactly as with one process.\n\n"
            "Exit codes: 0 all inputs read, 1 some input rejected (the rest is stored).\n\n"
            "Examples:\n\n"
            "  newsfuse ingest articles/\n\n"
            "  newsfuse ingest 'feeds/**/*.jsonl' --db news.db\n\n"
            "  newsfuse ingest https://example.com/rss.xml https://example.com/news-sitemap.xml\n\n"
            "  newsfuse ingest crawl.warc.gz\n\n"
            "  newsfuse ingest archive/ --workers 4\n\n"
            "  cat story.txt | newsfuse ingest -"
        ),
    )(ingest_command)
    app.command(
        "search",
        help=(
            "Full-text search over the title and text of stored articles, best match first.\n\n"
            'QUERY uses SQLite FTS5 syntax: words (all must match), "exact phrase", OR, NOT, '
            "prefix* and title:word. A query that is not valid syntax (e.g. an unbalanced "
            "quote) is searched as plain words, with a note on stderr.\n\n"
            "Examples:\n\n"
            "  newsfuse search Bakhmut\n\n"
            "  newsfuse search '\"front line\" AND Zelensk*' --limit 5\n\n"
            "  newsfuse search 'title:Putin' --format json"
        ),
    )(search_command)
    app.command(
        "stories",
        help=(
            "List the stories of the store: the groups of articles about one event that "
            "`newsfuse ingest` forms as articles arrive. A story keeps its id; when two "
            "stories turn out to be one, the younger is merged into the older, and when one "
            "turns out to hold two events, the later part is split off as a new story. Each "
            "merge and split is listed under the story. Biggest first: id, headline, "
            "articles, outlets, date span, how many articles are syndicated copies, and the "
            "family of related stories it belongs to.\n\n"
            "Examples:\n\n"
            "  newsfuse stories\n\n"
            "  newsfuse stories --format json --limit 20\n\n"
            "  newsfuse brief --story s12"
        ),
    )(stories_command)


def ingest_command(
    paths: Annotated[
        list[str],
        typer.Argument(
            help="Files, folders, globs, - (stdin), URLs of articles, feeds, OPML lists or "
            "sitemaps, WARC files.",
            metavar="PATH",
            show_default=False,
        ),
    ],
    db: DbOption = None,
    allow_private: AllowPrivateOption = False,
    delay: DelayOption = DEFAULT_DELAY_S,
    timeout: TimeoutOption = READ_TIMEOUT_S,
    retries: RetriesOption = RETRIES,
    batch_size: Annotated[
        int,
        typer.Option(
            "--batch-size",
            hidden=True,
            min=1,
            help="Articles clustered together per batch (5 batches per transaction).",
        ),
    ] = DEFAULT_BATCH_SIZE,
    workers: WorkersOption = 1,
    dask: DaskOption = None,
    extract: Annotated[
        bool,
        typer.Option(
            "--extract/--no-extract",
            help="Also extract entities, quotes, figures and times of the new articles "
            "(spaCy; on the --workers / --dask workers) and keep them, so that briefs of "
            "stored stories read them instead of parsing again. Without, briefs extract "
            "what they need the first time.",
        ),
    ] = True,
) -> None:
    """Ingest PATHs into the store (see the command's help)."""
    err = _console(stderr=True)
    fetch = fetch_options(
        allow_private=allow_private, delay=delay, timeout=timeout, retries=retries
    )
    try:
        store = Store.open(db)
    except StoreError as exc:
        _fail(err, exc)
    engine = engine_of(workers, dask)
    # One engine for the ingest pass and the extraction after it: one pool or cluster,
    # each worker loading spaCy once; closed before the summary is printed.
    with store, engine:
        targets = input_paths(paths)

        def on_rejection(rejection: Rejection) -> None:
            err.print(f"rejected {rejection.path}: {rejection.reason}", soft_wrap=True)

        progress = Progress(
            TextColumn("ingesting"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("inputs"),
            TimeElapsedColumn(),
            console=err,
            transient=True,
            disable=not err.is_terminal,
        )
        with progress:
            task = progress.add_task("ingest", total=len(targets))
            try:
                report = ingest_paths(
                    store,
                    targets,
                    batch_size=batch_size,
                    on_file=lambda _path: progress.advance(task),
                    on_rejection=on_rejection,
                    fetch=fetch,
                    engine=engine,
                )
                if extract:
                    _extract_new(store, report, engine, progress)
            except (StoreError, EngineError) as exc:
                _fail(err, exc)
    out = _console(stderr=False)
    summary = (
        f"Ingested into {store.path}: {report.new} new, {report.present} already present, "
        f"{len(report.rejected)} rejected."
    )
    if report.new == 0 and report.present > 0:
        summary += " Nothing new: every article read was already in the store."
    out.print(summary, soft_wrap=True)
    if report.skipped_files:
        files = plural(report.skipped_files, "file")
        verb = "was" if report.skipped_files == 1 else "were"
        out.print(
            f"{files} unchanged since an earlier ingest {verb} not read again.", soft_wrap=True
        )
    if report.lists or report.fetched:
        out.print(live_summary(report), soft_wrap=True)
    if report.rejected:
        raise typer.Exit(EXIT_BAD_INPUT)


def search_command(
    query: Annotated[
        list[str],
        typer.Argument(help="Search words (FTS5 syntax).", metavar="QUERY", show_default=False),
    ],
    db: DbOption = None,
    limit: Annotated[
        int, typer.Option("--limit", "-n", min=1, help="Most results to show.")
    ] = DEFAULT_LIMIT,
    output: Annotated[
        SearchFormat, typer.Option("--format", "-f", help="table (for reading) or json.")
    ] = SearchFormat.table,
) -> None:
    """Search stored articles (see the command's help)."""
    err = _console(stderr=True)
    text = " ".join(query)
    if not text.strip():
        raise typer.BadParameter("give at least one word to search for", param_hint="QUERY")
    try:
        with Store.open(db, must_exist=True) as store:
            result = store.search(text, limit=limit)
    except StoreError as exc:
        _fail(err, exc)
    if result.note:
        err.print(f"note: {result.note}", soft_wrap=True)
    if output is SearchFormat.json:
        typer.echo(json.dumps(result.as_json(), ensure_ascii=False, indent=2))
    else:
        _print_table(_console(stderr=False), result)


def stories_command(
    db: DbOption = None,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="Most stories to show.")] = 50,
    output: Annotated[
        SearchFormat, typer.Option("--format", "-f", help="table (for reading) or json.")
    ] = SearchFormat.table,
) -> None:
    """List stories (see the command's help)."""
    err = _console(stderr=True)
    try:
        with Store.open(db, must_exist=True) as store:
            found = store.stories(limit=limit)
    except StoreError as exc:
        _fail(err, exc)
    if output is SearchFormat.json:
        listing = StoryList(stories=tuple(found)).to_dict()
        typer.echo(json.dumps(listing, ensure_ascii=False, indent=2))
        return
    out = _console(stderr=False)
    if not found:
        out.print("No stories yet: run `newsfuse ingest PATH` first.")
        return
    for s in found:
        dates = (s.first_published, s.last_published)
        span = " to ".join(dict.fromkeys(x for x in dates if x)) or "undated"
        copies = f", {s.syndicated} syndicated" if s.syndicated else ""
        head = Text(f"{s.id}  ")
        head.append(s.headline, style="bold")
        out.print(head, soft_wrap=True)
        outlets = ", ".join(s.outlets) or "unknown outlets"
        n = plural(len(s.articles), "article")
        out.print(f"    {n}{copies}; {outlets}; {span}", soft_wrap=True)
        related = f"related to {s.family}" if s.family and s.family != s.id else ""
        changes = "; ".join(x for x in [related, *(h.describe() for h in s.history)] if x)
        if changes:
            out.print(f"    {changes}", soft_wrap=True, style="dim")


def _print_table(out: Console, result: SearchResult) -> None:
    if not result.hits:
        out.print(f"No article matches {result.query!r}.", soft_wrap=True)
        return
    out.print(
        f"{len(result.hits)} of {result.total} matching articles for {result.query!r}:",
        soft_wrap=True,
    )
    # Without colour (a pipe, a file, NO_COLOR) matches are marked **like this**.
    plain = out.color_system is None
    for n, hit in enumerate(result.hits, 1):
        meta = ", ".join(x for x in (hit.source, hit.published) if x)
        head = Text(f"\n{n}. ")
        head.append(hit.title or "(untitled)", style="bold")
        if meta:
            head.append(f" ({meta})")
        head.append(f"  id {hit.id}  {hit.path}", style="dim")
        out.print(head, soft_wrap=True)
        line = Text("   ")
        pos = 0
        for start, end in hit.highlights:
            line.append(hit.snippet[pos:start])
            match = hit.snippet[start:end]
            line.append(f"**{match}**" if plain else match, style="bold reverse")
            pos = end
        line.append(hit.snippet[pos:])
        out.print(line, soft_wrap=True)


def live_summary(report: IngestReport) -> str:
    """What the live sources of a run gave: lists read, pages downloaded."""
    unchanged = f" ({report.unchanged_lists} unchanged: HTTP 304)" if report.unchanged_lists else ""
    deferred = (
        f"; {report.deferred} URL(s) left for later (failing, in back-off)"
        if report.deferred
        else ""
    )
    return (
        f"Fetched {report.fetched} article page(s); read {report.lists} feed(s) or "
        f"sitemap(s){unchanged}{deferred}."
    )


def _console(*, stderr: bool) -> Console:
    return Console(stderr=stderr, markup=False, emoji=False, highlight=False)


def _extract_new(store: Store, report: IngestReport, engine: Engine, progress: Progress) -> None:
    """Extract the stored articles that have no current extraction yet (this run's new
    ones, and any an earlier run left), keeping each batch as it completes."""
    from newsfuse.store.extractions import extract_missing, unextracted

    todo = unextracted(store)
    if not todo:
        return
    task = progress.add_task("extract", total=len(todo))
    articles = (store.get(i) for i in todo)
    found = [a for a in articles if a is not None]
    for batch in extract_missing(store, found, engine):
        progress.advance(task, len(batch))


def _fail(err: Console, exc: NewsfuseError) -> NoReturn:
    err.print(f"error: {exc}", soft_wrap=True)
    raise typer.Exit(EXIT_BAD_INPUT)
