"""``newsfuse eval speakers``: quote speakers on BASIL's quoted bias spans."""

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
from newsfuse.eval import speakers as sk


class SpeakersSplit(StrEnum):
    """BASIL splits by event year: dev = 2010-2014 (tune), test = 2015-2019 (report)."""

    dev = "dev"
    test = "test"


HELP = (
    "Quote speakers on BASIL (same-event triplets from Fox News, NYT and HuffPost): "
    "its quoted bias spans carry the speaker's normalised name (Donald_Trump, "
    "Obama_campaign) or a bucket (other_anti, other_pro, other_neutral).\n\n"
    "Each event's three articles are extracted together, as a brief would be; a gold "
    "span is covered by the newsfuse quote holding > 50% of its characters. Named "
    "speaker right: the gold's last word (surname) is a word of the speaker's name or "
    "aliases (a group label also matches on its capitalised words); persons and groups "
    "(Republican_Lawmakers, NAACP) are reported apart. Bucket right (loose): the quote "
    "has a speaker who is none of the event's named gold speakers. Uncovered spans "
    "and quotes without a speaker count as wrong.\n\n"
    "Splits: dev = events of 2010-2014 (150 articles), test = 2015-2019 (150).\n\n"
    "Examples:\n\n"
    "  newsfuse eval speakers\n\n"
    "  newsfuse eval speakers --split test --format json\n\n"
    "  newsfuse eval speakers --data ~/data/basil-same-event-triplets"
)


def register(eval_app: typer.Typer) -> None:
    """Add the ``speakers`` command to the eval group."""
    eval_app.command("speakers", help=HELP)(speakers_command)


def speakers_command(
    split: Annotated[
        SpeakersSplit, typer.Option("--split", "-s", help="dev (tune) or test (report).")
    ] = SpeakersSplit.dev,
    data: Annotated[
        Path | None,
        typer.Option(
            "--data",
            help=f"The BASIL folder (default ../shared/eval/{sk.DATASET}).",
            file_okay=False,
            show_default=False,
        ),
    ] = None,
    output: FormatOption = OutputFormat.table,
    workers: WorkersOption = sk.DEFAULT_WORKERS,
) -> None:
    """Score quote speakers on BASIL (see the command's help)."""
    folder = data if data is not None else sk.default_data_dir()
    report = run_scored(
        lambda advance: sk.run(folder, split.value, workers=workers, progress=advance),
        test=split is SpeakersSplit.test,
        label="extracting",
        unit="articles",
    )
    emit(report, output, print_speakers)


def print_speakers(out: Console, report: sk.SpeakersReport) -> None:
    """The report as one table: a row per gold group, then all named speakers."""
    table = ScoreTable(
        f"Quote speakers - BASIL {report.split} split ({report.documents} articles, "
        f"{report.events} events)",
        ["gold speaker"],
        ["spans", "coverage", "acc. covered", "accuracy", "no speaker", "precision", "spk cov"],
    )
    rows = {**sk.GROUPS, "named": "all named"}
    for key, label in rows.items():
        c = report.scores[key]
        if key == "named":
            table.add_section()
        table.add_row(
            label,
            str(c.spans),
            f"{c.coverage:.3f}",
            f"{c.accuracy_covered:.3f}",
            f"{c.accuracy:.3f}",
            str(c.no_speaker),
            f"{c.precision:.3f}",
            f"{c.speaker_coverage:.3f}",
        )
    table.print(out)
    out.print(
        "all named = persons + groups. coverage: spans inside a newsfuse quote (> 50% of "
        "their characters); acc. covered: right speakers among covered spans; accuracy: "
        "over all spans (uncovered = wrong); "
        "no speaker: covered spans whose quote has none (counted wrong); precision: right "
        "speakers among covered spans whose quote has one; spk cov: covered spans whose "
        "quote has one. Buckets "
        "(other_*) are right when the speaker is none of the event's named gold "
        "speakers - a loose check.",
        soft_wrap=True,
    )
    out.print(
        f"Scored live in {report.seconds:.1f}s ({report.words:,} words) from {report.data_dir}.",
        soft_wrap=True,
    )
