"""``newsfuse eval times``: time expressions on TempEval-3 Task A (TIMEX3 extents and values)."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from newsfuse.cli.eval_cmd import (
    FormatOption,
    OutputFormat,
    ScoreTable,
    WorkersOption,
    emit,
    run_scored,
)
from newsfuse.eval import times as tx


class TimesSplit(StrEnum):
    """TempEval-3 splits: dev = TBAQ-cleaned (tune), test = te3-platinum (report)."""

    dev = "dev"
    test = "test"


HELP = (
    "Time expressions on TempEval-3 Task A (SemEval-2013): TIMEX3 extents and "
    "normalised values, anchored on each document's creation time.\n\n"
    "Metric: strict (identical span) and relaxed (overlap) precision/recall/F1, value "
    "accuracy on relaxed matches, and value F1 = relaxed F1 x value accuracy (the "
    "task's ranking metric). Scores newsfuse and, live, dateparser's search_dates as a "
    "baseline, beside the published HeidelTime and SUTime figures (te3-platinum).\n\n"
    "Splits: dev = TBAQ-cleaned (TimeBank + AQUAINT, 256 documents), test = "
    "te3-platinum (20 documents).\n\n"
    "Examples:\n\n"
    "  newsfuse eval times\n\n"
    "  newsfuse eval times --split test --format json\n\n"
    "  newsfuse eval times --no-baseline --data ~/data/tempeval3-timex"
)


def register(eval_app: typer.Typer) -> None:
    """Add the ``times`` command to the eval group."""
    eval_app.command("times", help=HELP)(times_command)


def times_command(
    split: Annotated[
        TimesSplit, typer.Option("--split", "-s", help="dev (tune) or test (report).")
    ] = TimesSplit.dev,
    data: Annotated[
        Path | None,
        typer.Option(
            "--data",
            help=f"The data folder (default ../shared/eval/{tx.DATASET}).",
            file_okay=False,
            show_default=False,
        ),
    ] = None,
    output: FormatOption = OutputFormat.table,
    workers: WorkersOption = tx.DEFAULT_WORKERS,
    baseline: Annotated[
        bool,
        typer.Option("--baseline/--no-baseline", help="Also score dateparser (about 1 min)."),
    ] = True,
) -> None:
    """Score time expressions on TempEval-3 (see the command's help)."""
    folder = data if data is not None else tx.default_data_dir()
    systems = ("newsfuse", "dateparser") if baseline else ("newsfuse",)
    report = run_scored(
        lambda advance: tx.run(
            folder, split.value, systems=systems, workers=workers, progress=advance
        ),
        test=split is TimesSplit.test,
        label="tagging",
        unit="documents",
    )
    emit(report, output, print_times)


def print_times(out: Console, report: tx.TimesReport) -> None:
    """The scores as one table: live systems, then the published rows."""
    table = ScoreTable(
        f"Time expressions - TempEval-3 Task A, {report.split} split "
        f"({report.documents} documents)",
        ["system"],
        ["value F1", "F1", "P", "R", "strict F1", "val.acc"],
    )
    for key, s in report.scores.items():
        table.add_row(
            tx.SYSTEMS[key],
            f"{s.value_f1:.3f}",
            f"{s.f1:.3f}",
            f"{s.precision:.3f}",
            f"{s.recall:.3f}",
            f"{s.strict_f1:.3f}",
            f"{s.value_accuracy:.3f}",
        )
    table.add_section()
    for ref in tx.REFERENCES:
        table.add_row(
            ref.label,
            f"{ref.value_f1:.3f}",
            f"{ref.relaxed_f1:.3f}",
            "",
            "",
            f"{ref.strict_f1:.3f}",
            "",
        )
    table.print(out)
    out.print(
        "F1, P, R: relaxed extent match (overlap); strict F1: identical span; val.acc: "
        "value accuracy on relaxed matches (type accuracy: --format json); value F1 = "
        "F1 x val.acc. [pub.] rows "
        "are quoted, not recomputed, and were measured on te3-platinum (the test split):",
        soft_wrap=True,
    )
    for ref in tx.REFERENCES:
        out.print(f"  {ref.label}: {ref.source}", soft_wrap=True)
    out.print(f"Scored live in {report.seconds:.1f}s from {report.data_dir}.", soft_wrap=True)
