"""Options that choose where the per-article stages run (``ingest``, ``brief``)."""

from __future__ import annotations

from typing import Annotated

import typer

from newsfuse.parallel import Engine

WorkersOption = Annotated[
    int,
    typer.Option(
        "--workers",
        "-w",
        min=1,
        help="Run the per-article stages on N local processes: reading, cleaning, "
        "annotation, the spaCy parse and extraction (the model loaded once in each "
        "process for the whole command). The result is the same as with 1. With --dask "
        "local: the LocalCluster's worker count.",
    ),
]
DaskOption = Annotated[
    str | None,
    typer.Option(
        "--dask",
        metavar="ADDRESS",
        help="Run the per-article stages on a Dask cluster: a scheduler address "
        "(tcp://host:8786), or 'local' to start a LocalCluster of --workers processes. "
        "Needs pip install 'newsfuse[dask]'.",
        show_default=False,
    ),
]


def engine_of(workers: int, dask: str | None) -> Engine:
    """The engine the options name (one process when neither is given). A command uses
    it as ``with engine:`` around all its work, so that its passes share one pool or
    cluster and each worker loads spaCy once."""
    return Engine(workers=workers, dask=dask)
