"""``newsfuse eval paraphrase``: states_same on MRPC, beside TF-IDF cosine."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from newsfuse.cli.eval_cmd import FormatOption, OutputFormat, emit, run_scored
from newsfuse.eval import paraphrase as pe


class ParaphraseSplit(StrEnum):
    """Which part of MRPC to score."""

    dev = "dev"
    test = "test"


HELP = (
    "Whether two sentences state the same thing, on MRPC (Microsoft Research Paraphrase "
    "Corpus: sentence pairs from different outlets' reports of one story).\n\n"
    "Scores, in one run and one table: newsfuse.states_same (sentence embeddings + "
    "figures, dates, negation, tense, names and overlap, weighed by a logistic "
    "regression fitted on train), TF-IDF cosine with its threshold tuned on train, and "
    "the majority class, beside the published figures. Metric: accuracy and F1 of the "
    "paraphrase class.\n\n"
    "Splits: dev = msr_paraphrase_train.txt (4,076 pairs; newsfuse was fitted on it, so "
    "its dev figure is in-sample: the 10-fold cross-validated one is printed under the "
    "table), test = msr_paraphrase_test.txt (1,725 pairs; report only).\n\n"
    "Examples:\n\n"
    "  newsfuse eval paraphrase\n\n"
    "  newsfuse eval paraphrase --split test --format json\n\n"
    "  newsfuse eval paraphrase --data ~/data/mrpc"
)


def register(eval_app: typer.Typer) -> None:
    """Add the ``paraphrase`` command to the eval group."""
    eval_app.command("paraphrase", help=HELP)(paraphrase_command)


def paraphrase_command(
    split: Annotated[
        ParaphraseSplit, typer.Option("--split", "-s", help="dev (tune) or test (report).")
    ] = ParaphraseSplit.dev,
    data: Annotated[
        Path | None,
        typer.Option(
            "--data",
            help=f"The MRPC folder (default ../shared/eval/{pe.DATASET}).",
            file_okay=False,
            show_default=False,
        ),
    ] = None,
    output: FormatOption = OutputFormat.table,
) -> None:
    """Score states_same on MRPC (see the command's help)."""
    folder = data if data is not None else pe.default_data_dir()
    report = run_scored(
        lambda advance: pe.run(folder, split.value, progress=advance),
        test=split is ParaphraseSplit.test,
        label="embedding",
        unit="sentences",
    )
    emit(report, output, print_paraphrase)


def print_paraphrase(out: Console, report: pe.ParaphraseReport) -> None:
    """The report as one table: a row per system, then the published rows."""
    from newsfuse.align import paraphrase_weights as w

    pairs = next(iter(report.scores.values())).pairs if report.scores else 0
    table = Table(
        title=f"Paraphrase - MRPC {report.split} split ({pairs} pairs)", title_justify="left"
    )
    table.add_column("system", no_wrap=True)
    for name in ("acc.", "F1", "prec.", "recall", "thr."):
        table.add_column(name, justify="right", no_wrap=True)
    for key, s in report.scores.items():
        threshold = f"{s.threshold:.2f}" if s.threshold is not None else ""
        table.add_row(
            pe.SYSTEMS[key], f"{s.accuracy:.3f}", f"{s.f1:.3f}", f"{s.precision:.3f}",
            f"{s.recall:.3f}", threshold,
        )  # fmt: skip
    table.add_section()
    if report.split == "dev":
        table.add_row(
            "newsfuse, 10-fold CV", f"{w.CV_ACCURACY:.3f}", f"{w.CV_F1:.3f}",
            "", "", f"{w.THRESHOLD:.2f}",
        )  # fmt: skip
    for r in pe.REFERENCES:
        table.add_row(r.label, f"{r.accuracy:.3f}", f"{r.f1:.3f}", "", "", "")
    out.print(table)
    notes = [
        "F1, precision and recall of the paraphrase class. TF-IDF: vectoriser fitted on "
        "the train sentences, threshold with the best train accuracy.",
    ]
    if report.split == "dev":
        notes.append(
            "newsfuse was fitted on all of dev: its dev row is in-sample (optimistic); the "
            "cross-validated row is what `python -m newsfuse.eval.paraphrase_fit` measured."
        )
    notes.append(f"Published rows ({pe.REFERENCE_SOURCE}) are MRPC test figures, quoted.")
    for n in notes:
        out.print(n, soft_wrap=True)
    rate = f", {report.sentences_per_second:.0f} sentences/s" if report.sentences_per_second else ""
    out.print(f"Scored live in {report.seconds:.1f}s{rate} from {report.data_dir}.", soft_wrap=True)
