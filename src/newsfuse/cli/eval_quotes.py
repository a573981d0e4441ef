"""``newsfuse eval quotes``: quotes and speakers on PolNeAR, beside textacy."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from newsfuse.cli.common import plural
from newsfuse.cli.eval_cmd import (
    FormatOption,
    OutputFormat,
    ScoreTable,
    WorkersOption,
    emit,
    run_scored,
)
from newsfuse.eval import quotes as qe


class QuotesSplit(StrEnum):
    """Which part of PolNeAR to score."""

    dev = "dev"
    test = "test"


HELP = (
    "Quotes and speakers on PolNeAR (political news attribution relations).\n\n"
    "Scores, in one run and one table: newsfuse on all attributions (gold = Content "
    "spans) and on the direct-quote subset (gold Content starting or ending with a quote "
    "mark), and textacy 0.13's direct_quotations on that subset over whole articles and "
    "per paragraph (raising on an odd number of quote marks: counted). Match: a "
    "prediction covers > 30% of a gold quote's characters, greedy one-to-one; exact = "
    "same start and end after trimming quote marks and punctuation. Speaker (the issue's "
    "rule): the predicted mention (as written, or the name it was resolved to) overlaps "
    "the gold Source, or resolves to the same newsfuse entity as the Source mention; "
    "'spk P' takes that rule over the quotes given a speaker (not null), 'spk cov' is the "
    "share of matched quotes given one; "
    "'overlap' and 'written' columns give the plain-overlap figures. "
    "'trimmed' rows score against gold spans cut to their quoted parts (granularity).\n\n"
    "Examples:\n\n"
    "  newsfuse eval quotes\n\n"
    "  newsfuse eval quotes --split test --format json\n\n"
    "  newsfuse eval quotes --data ~/data/polnear"
)


def register(eval_app: typer.Typer) -> None:
    """Add the ``quotes`` command to the eval group."""
    eval_app.command("quotes", help=HELP)(quotes_command)


def quotes_command(
    split: Annotated[
        QuotesSplit, typer.Option("--split", "-s", help="dev (tune) or test (report).")
    ] = QuotesSplit.dev,
    data: Annotated[
        Path | None,
        typer.Option(
            "--data",
            help=f"The PolNeAR folder (default ../shared/eval/{qe.DATASET}).",
            file_okay=False,
            show_default=False,
        ),
    ] = None,
    output: FormatOption = OutputFormat.table,
    workers: WorkersOption = qe.DEFAULT_WORKERS,
) -> None:
    """Score quote extraction on PolNeAR (see the command's help)."""
    folder = data if data is not None else qe.default_data_dir()
    report = run_scored(
        lambda advance: qe.run(folder, split.value, workers=workers, progress=advance),
        test=split is QuotesSplit.test,
        label="parsing",
        unit="articles",
    )
    emit(report, output, print_quotes)


def print_quotes(out: Console, report: qe.QuotesReport) -> None:
    """The report as one table: a row per system and gold set, then the published rows."""
    table = ScoreTable(
        f"Quotes - PolNeAR {report.split} split ({report.documents} articles)",
        ["system", "gold set"],
        [
            "P",
            "R",
            "F1",
            "exact",
            "speaker",
            "spk P",
            "spk cov",
            "overlap",
            "written",
            "pred",
            "gold",
        ],
    )
    for key, sets in report.scores.items():
        for gold_set, s in sets.items():
            table.add_row(
                qe.SYSTEMS[key],
                qe.GOLD_SETS[gold_set],
                f"{s.precision:.3f}",
                f"{s.recall:.3f}",
                f"{s.f1:.3f}",
                f"{s.exact_f1:.3f}",
                f"{s.speaker_resolved:.3f}",
                f"{s.speaker_precision:.3f}",
                f"{s.speaker_coverage:.3f}",
                f"{s.speaker_overlap:.3f}",
                f"{s.speaker_written:.3f}",
                str(s.pred),
                str(s.gold),
            )
    refs = [r for r in qe.REFERENCES if r.split in (report.split, "own")]
    if refs:
        table.add_section()
        for r in refs:
            gold_set = "direct" if r.split != "own" else "own data"
            table.add_row(
                r.label, gold_set, "", "", f"{r.values['f1']:.3f}", "",
                f"{r.values['speaker']:.3f}", "", "", "", "", "", "",
            )  # fmt: skip
    table.print(out)
    for key, n in report.failures.items():
        unit = "paragraph" if key.endswith("para") else "article"
        out.print(f"{qe.SYSTEMS[key]}: raised on {plural(n, unit)} (scored as no quotes).")
    out.print(
        "Gold sets: all = every attribution's Content; direct = Content starting or ending "
        "with a quote mark; trimmed = direct, cut to the quoted parts. exact = exact-match "
        "F1; speaker = the mention as written or its resolved name overlaps the gold "
        "Source, or resolves to the entity of the gold Source mention (the issue's rule), "
        "over matched quotes (a null speaker is wrong); spk P = the same rule over the "
        "quotes given a speaker (the brief shows one); spk cov = the share given one; "
        "overlap = spans only; written = the mention as written only. textacy = textacy 0.13 "
        "direct_quotations over whole articles or per paragraph (its direct quotes only). "
        "Published rows are quoted, not recomputed:",
        soft_wrap=True,
    )
    for r in refs:
        out.print(f"  {r.label}: {r.source}", soft_wrap=True)
    out.print(
        f"Scored live in {report.seconds:.1f}s ({report.words:,} words) from {report.data_dir}.",
        soft_wrap=True,
    )
