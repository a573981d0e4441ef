"""``newsfuse schema``: print the JSON Schema of a JSON output (``newsfuse.brief/1``,
``newsfuse.stories/1``), generated from the records that write it."""

from __future__ import annotations

import json
from enum import StrEnum
from typing import Annotated

import typer


class Document(StrEnum):
    brief = "brief"
    stories = "stories"


def schema(
    document: Annotated[
        Document, typer.Argument(help="brief (newsfuse.brief/1) or stories (newsfuse.stories/1)")
    ],
) -> None:
    """Print a document's JSON Schema (see the command's help)."""
    from newsfuse.schema import json_schema

    typer.echo(json.dumps(json_schema(document.value), ensure_ascii=False, indent=2))


def register(app: typer.Typer) -> None:
    """Add ``newsfuse schema`` to ``app``."""
    app.command(
        "schema",
        help=(
            "Print the JSON Schema (draft 2020-12) of a JSON output: 'brief' for "
            "`newsfuse brief --format json` and the API's /api/stories/{id}/brief "
            "(newsfuse.brief/1), 'stories' for `newsfuse stories --json` and /api/stories "
            "(newsfuse.stories/1). Every field newsfuse writes is declared; more may come "
            "(additionalProperties stays open).\n\n"
            "Examples:\n\n"
            "  newsfuse schema brief > brief.schema.json\n\n"
            "  newsfuse schema stories"
        ),
    )(schema)
