"""Options shared by the commands that fetch (``ingest``, ``brief``, ``watch``)."""

from __future__ import annotations

from typing import Annotated

import typer

from newsfuse.ingest import DEFAULT_MAX_BYTES
from newsfuse.ingest.fetch import DEFAULT_DELAY_S, READ_TIMEOUT_S, RETRIES, FetchOptions

AllowPrivateOption = Annotated[
    bool,
    typer.Option(
        "--allow-private",
        help="Let the URLs given here (and the links of feed files given here) reach "
        "loopback, private and link-local addresses; refused by default. A redirect or a "
        "link in a fetched page can still never lead to another private host.",
    ),
]
DelayOption = Annotated[
    float,
    typer.Option(
        "--delay",
        min=0.0,
        help="Seconds between two requests to one host (robots.txt's Crawl-delay wins "
        "when longer).",
    ),
]
TimeoutOption = Annotated[
    float,
    typer.Option(
        "--timeout",
        min=0.01,
        help="Seconds a connection or a read may stall before the request fails (it is "
        "retried twice, with back-off).",
    ),
]

RetriesOption = Annotated[
    int,
    typer.Option(
        "--retries",
        min=0,
        max=10,
        help="Extra tries after a network error, a timeout or a 5xx answer (waiting 1 s, "
        "2 s, 4 s… between them).",
    ),
]


def fetch_options(
    *,
    allow_private: bool,
    delay: float = DEFAULT_DELAY_S,
    timeout: float = READ_TIMEOUT_S,
    retries: int = RETRIES,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> FetchOptions:
    """The fetch settings the command-line options ask for."""
    return FetchOptions(
        allow_private=allow_private,
        delay_s=delay,
        timeout_s=timeout,
        retries=retries,
        max_bytes=max_bytes,
    )
