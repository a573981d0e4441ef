"""``newsfuse eval``: score newsfuse on the labeled sets in ../shared/eval, and the gate."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, NoReturn, Protocol, TypeVar

import typer
from rich import box
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from newsfuse.errors import EvalError
from newsfuse.eval import default_eval_root
from newsfuse.eval import extraction as ex
from newsfuse.eval.gate import GateResult, run_gate

# Exit codes shared by every command (see CLI.md).
EXIT_BAD_INPUT = 1


class SplitChoice(StrEnum):
    """Which part of a labeled set to score."""

    dev = "dev"
    test = "test"
    all = "all"


class OutputFormat(StrEnum):
    """Output formats of the eval commands."""

    table = "table"
    json = "json"


FormatOption = Annotated[
    OutputFormat, typer.Option("--format", "-f", help="table (for reading) or json.")
]
WorkersOption = Annotated[
    int, typer.Option("--workers", "-j", min=1, help="Worker processes for extraction.")
]

eval_app = typer.Typer(
    name="eval",
    help=(
        "Score newsfuse on the labeled sets in ../shared/eval with each source's own metric.\n\n"
        "Tune on the dev split only; run --split test once, for the figure you report.\n\n"
        "Examples:\n\n"
        "  newsfuse eval extraction --split dev\n\n"
        "  newsfuse eval extraction --split test --format json\n\n"
        "  newsfuse eval gate            # exit 1 if a dev score fell below gates.json\n\n"
        "  newsfuse eval --gate          # the same"
    ),
    invoke_without_command=True,
    no_args_is_help=False,
    add_completion=False,
    rich_markup_mode=None,
)


def register(app: typer.Typer) -> None:
    """Add the eval command group to ``app``, with the commands of the other eval modules."""
    from newsfuse.cli import (
        eval_align,
        eval_clusters,
        eval_paraphrase,
        eval_quotes,
        eval_speakers,
        eval_times,
    )

    eval_align.register(eval_app)
    eval_times.register(eval_app)
    eval_clusters.register(eval_app)
    eval_quotes.register(eval_app)
    eval_speakers.register(eval_app)
    eval_paraphrase.register(eval_app)
    app.add_typer(eval_app)


@eval_app.callback()
def eval_main(
    ctx: typer.Context,
    gate: Annotated[
        bool, typer.Option("--gate", help="Run the eval gate (same as `newsfuse eval gate`).")
    ] = False,
    data: Annotated[
        Path | None,
        typer.Option(
            "--data",
            help="With --gate: the folder holding the eval sets (default ../shared/eval).",
            file_okay=False,
            show_default=False,
        ),
    ] = None,
    output: FormatOption = OutputFormat.table,
    workers: WorkersOption = ex.DEFAULT_WORKERS,
) -> None:
    """Score newsfuse on a labeled set (see the group's help)."""
    if ctx.invoked_subcommand is not None:
        return
    if gate:
        gate_command(data=data, output=output, workers=workers)
        return
    typer.echo(ctx.get_help())
    raise typer.Exit(2)


@eval_app.command(
    "extraction",
    help=(
        "Main-text extraction on the ScrapingHub article-extraction benchmark.\n\n"
        "Scores, in one run and one table: newsfuse's HTML path (extraction + cleaning), "
        "its extraction alone, trafilatura 2.3.1 with default settings and with "
        "include_comments=False, beside the published figures. Metric: the benchmark's own "
        "4-token-shingle precision/recall averaged per page, F1 from those averages, and "
        "exact-match accuracy; ± is a 1000-resample bootstrap standard deviation.\n\n"
        "Splits: dev = pages whose id starts with 0-7 (88), test = 8-f (93), all = 181.\n\n"
        "Examples:\n\n"
        "  newsfuse eval extraction\n\n"
        "  newsfuse eval extraction --split test --format json\n\n"
        "  newsfuse eval extraction --data ~/data/article-extraction-benchmark"
    ),
)
def extraction_command(
    split: Annotated[
        SplitChoice, typer.Option("--split", "-s", help="dev (tune), test (report) or all.")
    ] = SplitChoice.dev,
    data: Annotated[
        Path | None,
        typer.Option(
            "--data",
            help=f"The benchmark folder (default ../shared/eval/{ex.DATASET}).",
            file_okay=False,
            show_default=False,
        ),
    ] = None,
    output: FormatOption = OutputFormat.table,
    workers: WorkersOption = ex.DEFAULT_WORKERS,
) -> None:
    """Score extraction on the benchmark (see the command's help)."""
    folder = data if data is not None else ex.default_data_dir()
    report = run_scored(
        lambda advance: ex.run(folder, split.value, workers=workers, progress=advance),
        test=split is SplitChoice.test,
        label="extracting",
        unit="pages",
    )
    emit(report, output, _print_extraction)


@eval_app.command(
    "gate",
    help=(
        "Run every gated eval on its dev split; exit 1 if any score is below its minimum "
        "in src/newsfuse/eval/gates.json. Raising a minimum is a deliberate commit.\n\n"
        "Examples:\n\n"
        "  newsfuse eval gate\n\n"
        "  newsfuse eval gate --data ../shared/eval --format json"
    ),
)
def gate_command(
    data: Annotated[
        Path | None,
        typer.Option(
            "--data",
            help="The folder holding the eval sets (default ../shared/eval).",
            file_okay=False,
            show_default=False,
        ),
    ] = None,
    output: FormatOption = OutputFormat.table,
    workers: WorkersOption = ex.DEFAULT_WORKERS,
) -> None:
    """Check every gated dev score against its minimum (see the command's help)."""
    err = _console(stderr=True)
    root = data if data is not None else default_eval_root()
    try:
        result = run_gate(root, workers=workers)
    except EvalError as exc:
        _fail(err, exc)
    if output is OutputFormat.json:
        typer.echo(json.dumps(result.as_dict(), indent=2))
    else:
        _print_gate(_console(stderr=False), result)
    if not result.passed:
        raise typer.Exit(EXIT_BAD_INPUT)


def _print_extraction(out: Console, report: ex.ExtractionReport) -> None:
    table = ScoreTable(
        f"Article extraction - ScrapingHub benchmark, {report.split} split "
        f"({len(report.pages)} pages)",
        ["system"],
        ["F1", "±", "prec.", "recall", "acc."],
    )
    for key, scores in report.scores.items():
        std = f"{scores.f1_std:.3f}" if scores.f1_std is not None else ""
        table.add_row(
            ex.SYSTEMS[key],
            f"{scores.f1:.3f}",
            std,
            f"{scores.precision:.3f}",
            f"{scores.recall:.3f}",
            f"{scores.accuracy:.3f}",
        )
    table.add_section()
    for ref in ex.REFERENCES:
        value = ref.f1(report.split)
        if value is None and ref.all is not None:
            table.add_row(ref.label, f"{ref.all:.3f}", "", "", "", "")
        elif value is not None:
            table.add_row(ref.label, f"{value:.3f}", "", "", "", "")
    table.print(out)
    out.print(
        "no comments = include_comments=False; ± = bootstrap std of F1 over pages. "
        "Published rows are quoted, not recomputed:",
        soft_wrap=True,
    )
    for ref in ex.REFERENCES:
        out.print(f"  {ref.label}: {ref.source}", soft_wrap=True)
    out.print(f"Scored live in {report.seconds:.1f}s from {report.data_dir}.", soft_wrap=True)


def _print_gate(out: Console, result: GateResult) -> None:
    table = ScoreTable("Eval gate (dev split)", ["eval", "metric"], ["minimum", "score", ""])
    for c in result.checks:
        mark = "ok" if c.passed else "BELOW"
        table.add_row(c.eval, c.metric, f"{c.minimum:.3f}", f"{c.value:.4f}", mark)
    table.print(out)
    verdict = "passed" if result.passed else "FAILED"
    out.print(f"Gate {verdict} in {result.seconds:.1f}s.", soft_wrap=True)


# --------------------------------------------------------------------------- tables


# Characters between two columns of an eval table (padding, rule, padding).
COLUMN_GAP = 3
# A label column (system names) is wrapped down to no less than this many characters.
LABEL_MIN_WIDTH = 12


class ScoreTable:
    """An eval table that shows every score whole, at any width and in a pipe.

    Label columns (system, gold set…) wrap; score columns never shrink. When the
    scores do not fit beside the labels in the console's width (80 columns in a pipe,
    or $COLUMNS), the score columns are split over several tables, each repeating the
    labels, instead of rich cutting every number to ``0…``. Every ``newsfuse eval``
    table is made with it.
    """

    def __init__(self, title: str, labels: Sequence[str], scores: Sequence[str]) -> None:
        self.title = title
        self.labels = list(labels)
        self.scores = list(scores)
        self._rows: list[list[str] | None] = []  # None: a section break

    def add_row(self, *cells: str) -> None:
        """One row: the label cells, then the score cells (empty string: no value)."""
        if len(cells) != len(self.labels) + len(self.scores):
            raise ValueError(f"expected {len(self.labels) + len(self.scores)} cells")
        self._rows.append(list(cells))

    def add_section(self) -> None:
        """A rule between groups of rows (live systems, then published figures)."""
        self._rows.append(None)

    def print(self, out: Console) -> None:
        """Print as one table when it fits ``out``'s width, else as several."""
        n = len(self.scores)
        for parts in range(1, max(n, 1) + 1):
            size = -(-n // parts)  # ceil: consecutive groups of score columns
            groups = [list(range(k, min(k + size, n))) for k in range(0, n, size)] or [[]]
            if all(self._min_width(g) <= out.width for g in groups):
                break
        for k, group in enumerate(groups):
            if k:
                out.print()
            out.print(self._table(group, k + 1, len(groups)))

    def _cells(self, column: int) -> list[str]:
        return [row[column] for row in self._rows if row is not None]

    def _label_width(self, column: int) -> int:
        """Narrowest a label column gets: its longest word, at least LABEL_MIN_WIDTH
        characters (or its whole text, when shorter)."""
        cells = [self.labels[column], *self._cells(column)]
        natural = max(len(c) for c in cells)
        word = max((len(w) for c in cells for w in c.split()), default=0)
        return min(natural, max(word, LABEL_MIN_WIDTH))

    def _score_width(self, k: int) -> int:
        column = len(self.labels) + k
        return max(len(c) for c in [self.scores[k], *self._cells(column)])

    def _min_width(self, group: list[int]) -> int:
        widths = [self._label_width(c) for c in range(len(self.labels))]
        widths += [self._score_width(k) for k in group]
        return sum(widths) + COLUMN_GAP * (len(widths) - 1)

    def _table(self, columns: list[int], part: int, parts: int) -> Table:
        title = self.title if parts == 1 else f"{self.title} ({part}/{parts})"
        table = Table(
            title=title, title_justify="left", box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False
        )
        for c, name in enumerate(self.labels):
            table.add_column(name, overflow="fold", min_width=self._label_width(c))
        for k in columns:
            table.add_column(
                self.scores[k], justify="right", no_wrap=True, min_width=self._score_width(k)
            )
        width = len(self.labels)
        for row in self._rows:
            if row is None:
                table.add_section()
            else:
                table.add_row(*row[:width], *(row[width + k] for k in columns))
        return table


class _Report(Protocol):
    def as_dict(self) -> dict[str, Any]: ...


ReportT = TypeVar("ReportT", bound=_Report)
Advance = Callable[[int, int], None]


def run_scored(run: Callable[[Advance], ReportT], *, test: bool, label: str, unit: str) -> ReportT:
    """Run one eval with a progress bar on stderr; a missing data set exits 1 with its path.

    ``run`` gets a callback ``advance(done, total)``. Scoring the test split prints a
    reminder that its figure is for reporting, not tuning.
    """
    err = _console(stderr=True)
    if test:
        err.print("note: test split - report this figure; do not tune on it.", soft_wrap=True)
    progress = _progress(err, label, unit)
    try:
        with progress:
            task = progress.add_task(unit, total=None)

            def advance(done: int, total: int) -> None:
                progress.update(task, completed=done, total=total)

            return run(advance)
    except EvalError as exc:
        _fail(err, exc)


def emit(
    report: ReportT, output: OutputFormat, print_table: Callable[[Console, ReportT], None]
) -> None:
    """The report as JSON, or as the eval's table, on stdout."""
    if output is OutputFormat.json:
        typer.echo(json.dumps(report.as_dict(), indent=2))
    else:
        print_table(_console(stderr=False), report)


def _progress(err: Console, label: str, unit: str) -> Progress:
    return Progress(
        TextColumn(label),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn(unit),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        disable=not err.is_terminal,
    )


def _console(*, stderr: bool) -> Console:
    return Console(stderr=stderr, markup=False, emoji=False, highlight=False)


def _fail(err: Console, exc: EvalError) -> NoReturn:
    err.print(f"error: {exc}", soft_wrap=True)
    raise typer.Exit(EXIT_BAD_INPUT)
