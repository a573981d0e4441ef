"""``newsfuse brief``: one-shot brief of the given articles (no store needed)."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from newsfuse.brief import compose, render
from newsfuse.cli.common import EXIT_BAD_INPUT, err, report_rejections, stdout_is_terminal
from newsfuse.ingest import DEFAULT_MAX_BYTES
from newsfuse.pipeline import load


class BriefFormat(StrEnum):
    md = "md"
    html = "html"
    json = "json"


def brief(
    paths: Annotated[
        list[str],
        typer.Argument(
            help="Files, folders (recursive), globs, or - for stdin.", show_default=False
        ),
    ],
    fmt: Annotated[
        BriefFormat, typer.Option("--format", "-f", help="Output format.")
    ] = BriefFormat.md,
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Write to FILE instead of stdout.")
    ] = None,
    max_size: Annotated[
        int, typer.Option("--max-size", help="Reject inputs larger than this many bytes.")
    ] = DEFAULT_MAX_BYTES,
) -> None:
    """Ingest the given articles in memory and render one brief of them.

    \b
    Examples:
      newsfuse brief ../shared/seeds/*.txt
      newsfuse brief articles/ --format html --out brief.html
      cat article.txt | newsfuse brief - --format json

    Bad inputs are named on stderr with their reason; the brief covers the rest
    and the exit code is 1.
    """
    result = load(paths, max_bytes=max_size)
    rejected = report_rejections(result.rejections)
    if not result.articles:
        err.print("no readable articles in the given paths")
        raise typer.Exit(EXIT_BAD_INPUT)
    text = render(compose(result.articles), fmt.value)  # type: ignore[arg-type]
    if out is not None:
        out.write_text(text, encoding="utf-8")
        err.print(f"wrote {out} ({len(result.articles)} articles)")
    elif fmt is BriefFormat.md and stdout_is_terminal():
        from rich.console import Console
        from rich.markdown import Markdown

        Console().print(Markdown(text))
    else:
        typer.echo(text, nl=False)
    if rejected:
        raise typer.Exit(EXIT_BAD_INPUT)


def register(app: typer.Typer) -> None:
    """Add the brief command to ``app``."""
    app.command("brief")(brief)
