"""``newsfuse eval clusters``: story clustering on BASIL or ECB+, beside the TF-IDF baseline."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from newsfuse.cli.eval_cmd import FormatOption, OutputFormat, ScoreTable, emit, run_scored
from newsfuse.eval import clusters as ce
from newsfuse.eval.cluster_data import ECBPLUS_FILE


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
    "  newsfuse eval clusters --data ecbplus --split test --format json\n\n"
    "  newsfuse eval clusters --data ~/data/basil-same-event-triplets"
)


def register(eval_app: typer.Typer) -> None:
    """Add the ``clusters`` command to the eval group."""
    eval_app.command("clusters", help=HELP)(clusters_command)


def clusters_command(
    data: Annotated[
        str,
        typer.Option(
            "--data",
            "-d",
            help="basil or ecbplus (under ../shared/eval), or the folder of either set.",
            metavar="basil|ecbplus|DIR",
        ),
    ] = ClusterData.basil.value,
    split: Annotated[
        ClusterSplit, typer.Option("--split", "-s", help="dev (tune) or test (report).")
    ] = ClusterSplit.dev,
    root: Annotated[
        Path | None,
        typer.Option(
            "--root",
            help="The data set's folder, with --data basil|ecbplus (default: under "
            "../shared/eval).",
            file_okay=False,
            show_default=False,
        ),
    ] = None,
    output: FormatOption = OutputFormat.table,
) -> None:
    """Score story clustering (see the command's help)."""
    dataset, folder = _data_set(data, root)
    report = run_scored(
        lambda advance: ce.run(dataset.value, split.value, root=folder, progress=advance),  # type: ignore[arg-type]
        test=split is ClusterSplit.test,
        label="clustering",
        unit="systems",
    )
    emit(report, output, print_clusters)


def _data_set(data: str, root: Path | None) -> tuple[ClusterData, Path | None]:
    """Which set ``--data`` names: ``basil``/``ecbplus``, or a folder holding one (as the
    other evals take ``--data DIR``), told apart by what the folder holds."""
    if data.lower() in {d.value for d in ClusterData}:
        return ClusterData(data.lower()), root
    folder = Path(data)
    if not folder.is_dir():
        raise typer.BadParameter(
            f"{data!r} is neither basil, ecbplus nor a folder", param_hint="--data"
        )
    if (folder / "articles").is_dir():
        return ClusterData.basil, folder
    if (folder / ECBPLUS_FILE).is_file():
        return ClusterData.ecbplus, folder
    raise typer.BadParameter(
        f"{folder} holds neither BASIL (articles/) nor ECB+ ({ECBPLUS_FILE})",
        param_hint="--data",
    )


def print_clusters(out: Console, report: ce.ClustersReport) -> None:
    """The report as one table: a row per system and level, then the published rows."""
    table = ScoreTable(
        f"Story clusters - {report.dataset} {report.split} split ({report.documents} articles)",
        ["system", "level"],
        ["B3 P", "B3 R", "B3 F1", "ARI", "NMI", "clusters", "gold", "threshold"],
    )
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
    table.print(out)
    out.print(
        f"newsfuse clustered {report.documents} articles online in "
        f"{report.online_seconds:.2f}s ({report.merges} story merges, {report.syndicated} "
        f"syndicated copies); whole run {report.seconds:.1f}s. Published rows are quoted, "
        "not recomputed.",
        soft_wrap=True,
    )
