"""``newsfuse eval clusters``: story clustering on BASIL or ECB+, beside the TF-IDF baseline."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from newsfuse.cli.eval_cmd import FormatOption, OutputFormat, emit, run_scored
from newsfuse.eval import clusters as ce


class ClusterData(StrEnum):
    """Which labeled set to cluster."""

    basil = "basil"
    ecbplus = "ecbplus"


class ClusterSplit(StrEnum):
    """Which part of it."""

    dev = "dev"
    test = "test"


HELP = (
    "Story clustering on BASIL (100 events x 3 outlets) or ECB+ (43 topics x 2 events).\n\n"
    "newsfuse runs its online path, the one `newsfuse ingest` uses: articles arrive one "
    "at a time in publication order (ECB+: topic, event, document order; it has no "
    "dates) and each joins a story or starts one. Beside it, in the same run and table, "
    "the baseline: TF-IDF + average-linkage agglomerative clustering, offline, with the "
    "distance threshold that is best on the dev split of the same set and level. "
    "Scores: B-cubed P/R/F1, adjusted Rand index, NMI; against events (BASIL triplets, "
    "ECB+ subtopics) and, for ECB+, topics (newsfuse: its families of related stories).\n\n"
    "Examples:\n\n"
    "  newsfuse eval clusters --data basil\n\n"
    "  newsfuse eval clusters --data ecbplus --split test --format json"
)


def register(eval_app: typer.Typer) -> None:
    """Add the ``clusters`` command to the eval group."""
    eval_app.command("clusters", help=HELP)(clusters_command)


def clusters_command(
    data: Annotated[
        ClusterData, typer.Option("--data", "-d", help="basil or ecbplus.")
    ] = ClusterData.basil,
    split: Annotated[
        ClusterSplit, typer.Option("--split", "-s", help="dev (tune) or test (report).")
    ] = ClusterSplit.dev,
    root: Annotated[
        Path | None,
        typer.Option(
            "--root",
            help="The data set's folder (default: under ../shared/eval).",
            file_okay=False,
            show_default=False,
        ),
    ] = None,
    output: FormatOption = OutputFormat.table,
) -> None:
    """Score story clustering (see the command's help)."""
    report = run_scored(
        lambda advance: ce.run(data.value, split.value, root=root, progress=advance),  # type: ignore[arg-type]
        test=split is ClusterSplit.test,
        label="clustering",
        unit="systems",
    )
    emit(report, output, print_clusters)


def print_clusters(out: Console, report: ce.ClustersReport) -> None:
    """The report as one table: a row per system and level, then the published rows."""
    table = Table(
        title=f"Story clusters - {report.dataset} {report.split} split "
        f"({report.documents} articles)",
        title_justify="left",
    )
    for name in ("system", "level"):
        table.add_column(name, no_wrap=True)
    for name in ("B3 P", "B3 R", "B3 F1", "ARI", "NMI", "clusters", "gold", "threshold"):
        table.add_column(name, justify="right", no_wrap=True)
    names = dict(ce.LEVELS[report.dataset])
    for row in report.rows:
        s = row.scores
        table.add_row(
            row.system,
            names[row.level],
            f"{s.b3_precision:.3f}",
            f"{s.b3_recall:.3f}",
            f"{s.b3_f1:.3f}",
            f"{s.ari:.3f}",
            f"{s.nmi:.3f}",
            str(s.clusters),
            str(s.gold_clusters),
            "" if row.threshold is None else f"{row.threshold:.2f}",
        )
    refs = [r for r in ce.REFERENCES if r.dataset == report.dataset]
    if refs:
        table.add_section()
        for r in refs:
            table.add_row(r.label, names[r.level], "", "", f"{r.b3_f1:.3f}", "", "", "", "", "")
    out.print(table)
    out.print(
        f"newsfuse clustered {report.documents} articles online in "
        f"{report.online_seconds:.2f}s ({report.merges} story merges, {report.syndicated} "
        f"syndicated copies); whole run {report.seconds:.1f}s. Published rows are quoted, "
        "not recomputed.",
        soft_wrap=True,
    )
