"""The ``newsfuse`` command: wires the command modules into one typer app."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from newsfuse import __version__
from newsfuse.cli import (
    brief_cmd,
    eval_cmd,
    quotes_cmd,
    schema_cmd,
    serve_cmd,
    store_cmd,
    watch_cmd,
)

app = typer.Typer(
    name="newsfuse",
    help=(
        "Turn many outlets' reports of the same story into one sourced brief.\n\n"
        "Examples:\n\n"
        "  newsfuse brief ../shared/seeds/*.txt            # Markdown brief to the terminal\n\n"
        "  newsfuse brief articles/ --format html --out brief.html\n\n"
        "  newsfuse ingest articles/ && newsfuse search Bakhmut\n\n"
        "  newsfuse quotes --speaker Putin\n\n"
        "  newsfuse eval extraction --split dev"
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"newsfuse {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    """Turn many outlets' reports of the same story into one sourced brief."""


brief_cmd.register(app)
store_cmd.register(app)
quotes_cmd.register(app)
eval_cmd.register(app)
serve_cmd.register(app)
watch_cmd.register(app)
schema_cmd.register(app)


def main() -> None:
    """Console entry point. Exit codes: 0 ok, 1 bad input, 2 usage error."""
    try:
        app()
    except KeyboardInterrupt:
        sys.stderr.write("interrupted\n")
        sys.exit(130)


if __name__ == "__main__":
    main()
