"""``newsfuse brief``: one-shot brief of the given articles (no store needed)."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from newsfuse.briefing import compose, render
from newsfuse.cli.common import (
    EXIT_BAD_INPUT,
    EXIT_USAGE,
    err,
    output_file,
    plural,
    report_rejections,
    stdout_is_terminal,
)
from newsfuse.cli.engine_opts import DaskOption, WorkersOption, engine_of
from newsfuse.cli.live_opts import AllowPrivateOption, fetch_options
from newsfuse.errors import StoreError
from newsfuse.ingest import DEFAULT_MAX_BYTES
from newsfuse.model import Article, Extraction
from newsfuse.pipeline import load
from newsfuse.store import Store
from newsfuse.store.extractions import extractions_for


class BriefFormat(StrEnum):
    md = "md"
    html = "html"
    json = "json"


def brief(
    paths: Annotated[
        list[str] | None,
        typer.Argument(
            help="Files, folders (recursive), globs, or - for stdin.", show_default=False
        ),
    ] = None,
    story: Annotated[
        str | None,
        typer.Option(
            "--story", help="Brief a stored story (see `newsfuse stories`) instead of PATHS."
        ),
    ] = None,
    db: Annotated[
        Path | None,
        typer.Option(
            "--db",
            help="Store file for --story (default: $NEWSFUSE_DB, else ./newsfuse.db).",
            show_default=False,
            dir_okay=False,
        ),
    ] = None,
    fmt: Annotated[
        BriefFormat, typer.Option("--format", "-f", help="Output format.")
    ] = BriefFormat.md,
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Write to FILE instead of stdout.")
    ] = None,
    max_size: Annotated[
        int, typer.Option("--max-size", help="Reject inputs larger than this many bytes.")
    ] = DEFAULT_MAX_BYTES,
    allow_private: AllowPrivateOption = False,
    workers: WorkersOption = 1,
    dask: DaskOption = None,
) -> None:
    """Ingest the given articles in memory and render one brief of them.

    \b
    Examples:
      newsfuse brief ../shared/seeds/*.txt
      newsfuse brief articles/ --format html --out brief.html
      cat article.txt | newsfuse brief - --format json
      newsfuse brief --story s3 --db news.db
      newsfuse brief many-articles/ --workers 2

    Bad inputs are named on stderr with their reason; the brief covers the rest
    and the exit code is 1. With --story ID the brief covers one stored story
    (`newsfuse stories` lists them). --out into a folder that does not exist, or
    onto a folder, is a usage error (exit 2), found before any input is read.
    """
    if out is not None:
        output_file(out, example=f"brief.{fmt.value}")
    if story is not None:
        if paths:
            raise typer.BadParameter("give PATHS or --story, not both", param_hint="--story")
        articles, copies, known = _story_articles(story, db)
        rejected = False
    else:
        if not paths:
            raise typer.BadParameter(
                "give the articles to brief, or --story ID", param_hint="PATHS"
            )
        result = load(paths, max_bytes=max_size, fetch=fetch_options(allow_private=allow_private))
        rejected = bool(report_rejections(result.rejections))
        if not result.articles:
            err.print("no readable articles in the given paths")
            raise typer.Exit(EXIT_BAD_INPUT)
        articles, copies, known = list(result.articles), {}, {}
    with engine_of(workers, dask) as engine:
        brief_of = compose(
            articles, story_id=story, copies=copies, engine=engine, extractions=known
        )
    text = render(brief_of, fmt.value)  # type: ignore[arg-type]
    if out is not None:
        try:
            out.write_text(text, encoding="utf-8")
        except OSError as exc:  # e.g. no permission: the option cannot be used as given
            err.print(f"error: cannot write {out}: {exc.strerror or exc}")
            raise typer.Exit(EXIT_USAGE) from exc
        err.print(f"wrote {out} ({plural(len(articles), 'article')})")
    elif fmt is BriefFormat.md and stdout_is_terminal():
        from rich.console import Console
        from rich.markdown import Markdown

        Console().print(Markdown(text))
    else:
        typer.echo(text, nl=False)
    if rejected:
        raise typer.Exit(EXIT_BAD_INPUT)


def _story_articles(
    story: str, db: Path | None
) -> tuple[list[Article], dict[str, str], dict[str, Extraction]]:
    """A stored story's articles, syndicated copies and the extractions the store keeps
    of them (those it did not have are made and kept now); exits 1 naming the problem
    when there are no articles."""
    try:
        with Store.open(db, must_exist=True) as store:
            articles = store.story_articles(story)
            copies = store.story_copies(story)
            known = extractions_for(store, articles) if articles else {}
    except StoreError as exc:
        err.print(f"error: {exc}", soft_wrap=True)
        raise typer.Exit(EXIT_BAD_INPUT) from exc
    if not articles:
        err.print(f"error: no story {story!r} in the store (see `newsfuse stories`)")
        raise typer.Exit(EXIT_BAD_INPUT)
    return articles, copies, known


def register(app: typer.Typer) -> None:
    """Add the brief command to ``app``."""
    app.command("brief")(brief)
