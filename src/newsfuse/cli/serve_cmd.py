"""``newsfuse serve``: the local web app and REST API over a store."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from newsfuse.cli.store_cmd import DbOption


def serve(
    db: DbOption = None,
    host: Annotated[
        str,
        typer.Option(help="Address to listen on. The default serves this machine only."),
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8765,
    allow_private: Annotated[
        bool,
        typer.Option(
            "--allow-private",
            help="Let URL ingest fetch loopback and private-network addresses (refused by "
            "default, so that a page cannot make the server reach inside your network).",
        ),
    ] = False,
) -> None:
    """Serve the store (see the command's help)."""
    import uvicorn

    from newsfuse.store import default_db_path
    from newsfuse.web.app import create_app
    from newsfuse.web.config import WebConfig

    path = Path(db) if db is not None else default_db_path()
    app = create_app(WebConfig(db=path.resolve(), allow_private=allow_private))
    typer.echo(f"newsfuse serving {path} on http://{host}:{port}/ (API docs at /docs)")
    uvicorn.run(app, host=host, port=port, log_level="warning")


def register(app: typer.Typer) -> None:
    """Add ``newsfuse serve`` to ``app``."""
    app.command(
        "serve",
        help=(
            "Serve a local web app and REST API over the store: browse stories, read a "
            "story's brief, compare its sources side by side, find who said what, search, "
            "and add articles (upload, paste or URL). The API lives under /api/ and its "
            "OpenAPI description at /docs. Binds 127.0.0.1 unless --host says otherwise.\n\n"
            "Examples:\n\n"
            "  newsfuse serve\n\n"
            "  newsfuse serve --db news.db --port 9000"
        ),
    )(serve)
