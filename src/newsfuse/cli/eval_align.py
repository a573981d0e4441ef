"""``newsfuse eval align``: the cross-source layer on hand-labelled BASIL dev events."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from newsfuse.cli.eval_cmd import FormatOption, OutputFormat, ScoreTable, emit, run_scored
from newsfuse.eval import align as al


class AlignSplit(StrEnum):
    """Labelled events: dev (tune) or dev-holdout (scored at the end of a session)."""

    dev = "dev"
    dev_holdout = "dev-holdout"


HELP = (
    "What a brief says across outlets, against hand labels of BASIL dev events "
    "(docs/labelling-align.md): figure groups (same measure in two or more outlets), "
    "their conflict flags, quote groups (one statement carried by several outlets), "
    "shared facts (summary and fact lines citing two or more outlets) and unique facts "
    "(lines listed as only in one source).\n\n"
    "Scores newsfuse's aligner and the lexical aligner it replaced, in one run on one "
    "extraction. P = right / listed, R = labelled items found; conflict flags: share right "
    "over the figure groups found.\n\n"
    "Splits: dev (tune and debug on it), dev-holdout (labelled before tuning; score it "
    "only at the end of a session).\n\n"
    "Examples:\n\n"
    "  newsfuse eval align\n\n"
    "  newsfuse eval align --split dev-holdout --format json"
)


def register(eval_app: typer.Typer) -> None:
    """Add the ``align`` command to the eval group."""
    eval_app.command("align", help=HELP)(align_command)


def align_command(
    split: Annotated[
        AlignSplit, typer.Option("--split", "-s", help="dev or dev-holdout.")
    ] = AlignSplit.dev,
    data: Annotated[
        Path | None,
        typer.Option(
            "--data",
            help=f"The BASIL folder (default ../shared/eval/{al.DATASET}).",
            file_okay=False,
            show_default=False,
        ),
    ] = None,
    output: FormatOption = OutputFormat.table,
) -> None:
    """Score the cross-source layer (see the command's help)."""
    report = run_scored(
        lambda advance: al.run(split.value, root=data, progress=advance),
        test=split is AlignSplit.dev_holdout,
        label="aligning",
        unit="events",
    )
    emit(report, output, print_align)


def print_align(out: Console, report: al.AlignReport) -> None:
    """One row per kind and system: precision and recall with their counts."""
    table = ScoreTable(
        f"Cross-source alignment - BASIL {report.split} ({report.events} events)",
        ["kind", "system"],
        ["P", "right", "R", "found"],
    )
    last = None
    for kind, system, c in al.rows(report):
        if last is not None and kind != last:
            table.add_section()
        conflicts = kind == al.KINDS["conflicts"]
        table.add_row(
            kind if kind != last else "",
            system,
            f"{c.precision:.3f}",
            f"{c.right}/{c.predicted}",
            "" if conflicts else f"{c.recall:.3f}",
            "" if conflicts else f"{c.found}/{c.gold}",
        )
        last = kind
    table.print(out)
    out.print(
        "right: right / listed (brief groups or lines); found: labelled groups or sentences "
        "found / labelled.",
        soft_wrap=True,
    )
    out.print(f"Scored live in {report.seconds:.1f}s.", soft_wrap=True)
