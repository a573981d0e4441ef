"""``newsfuse quotes``: who said what, over the briefs of the stored stories."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from enum import StrEnum
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.text import Text

from newsfuse.cli.common import EXIT_BAD_INPUT, plural
from newsfuse.cli.store_cmd import DbOption
from newsfuse.errors import StoreError
from newsfuse.store import Store
from newsfuse.store.briefs import QuoteHit
from newsfuse.store.extractions import extractions_for

# Schema name of `newsfuse quotes --format json`.
QUOTES_SCHEMA = "newsfuse.quotes/1"
# Quotes shown when --limit is not given: a screenful or two of the most quoted speakers.
DEFAULT_LIMIT = 100
# Shown for quotes whose speaker the text does not name (the web page's wording).
NO_SPEAKER = "Speaker not stated"

HELP = (
    "Who said what: the quotes of the stored stories' briefs, grouped by speaker.\n\n"
    "A story's brief is computed once and kept in the store (the web app does the same); "
    "briefs missing or out of date - a story gained articles since - are computed first, "
    "with a progress bar, unless --no-compute. --speaker matches any part of the "
    "speaker's name, in any case; --story keeps one story. Each quote cites its story, "
    "article and paragraph as the brief does (A1 ¶3: paragraphs count from 1); in JSON, "
    "paragraph is the 0-based index into the article's paragraphs, as in newsfuse.brief/1.\n\n"
    "Examples:\n\n"
    "  newsfuse quotes --speaker putin\n\n"
    "  newsfuse quotes --story s3 --format json\n\n"
    "  newsfuse quotes --db news.db --no-compute"
)


class QuotesFormat(StrEnum):
    """Output formats of ``newsfuse quotes``."""

    table = "table"
    json = "json"


def register(app: typer.Typer) -> None:
    """Add ``newsfuse quotes`` to ``app``."""
    app.command("quotes", help=HELP)(quotes_command)


def quotes_command(
    speaker: Annotated[
        str | None,
        typer.Option("--speaker", help="Part of the speaker's name (any case).", metavar="NAME"),
    ] = None,
    story: Annotated[
        str | None, typer.Option("--story", help="Only this story (see `newsfuse stories`).")
    ] = None,
    db: DbOption = None,
    output: Annotated[
        QuotesFormat, typer.Option("--format", "-f", help="table (for reading) or json.")
    ] = QuotesFormat.table,
    limit: Annotated[
        int, typer.Option("--limit", "-n", min=1, help="Most quotes to show.")
    ] = DEFAULT_LIMIT,
    compute: Annotated[
        bool,
        typer.Option(
            "--compute/--no-compute",
            help="Compute the briefs that are missing or out of date first (spaCy: a few "
            "seconds a story).",
        ),
    ] = True,
) -> None:
    """List quotes by speaker (see the command's help)."""
    err = Console(stderr=True, markup=False, emoji=False, highlight=False)
    speaker = speaker.strip() if speaker else None
    story = story.strip() if story else None
    try:
        with Store.open(db, must_exist=True) as store:
            if story is not None and not store.story_articles(story):
                err.print(f"error: no story {story!r} in the store (see `newsfuse stories`)")
                raise typer.Exit(EXIT_BAD_INPUT)
            if compute:
                _compute_briefs(store, err, only=story)
            hits, total = store.find_quotes(speaker=speaker, story=story, limit=limit)
            labels = _labels(store, {h.story_id for h in hits})
            missing = len(store.stale_stories())
    except StoreError as exc:
        err.print(f"error: {exc}", soft_wrap=True)
        raise typer.Exit(EXIT_BAD_INPUT) from exc
    if output is QuotesFormat.json:
        listing = {
            "schema": QUOTES_SCHEMA,
            "quotes": [_as_json(h, labels) for h in hits],
            "total": total,
            "stories_without_brief": missing,
        }
        typer.echo(json.dumps(listing, ensure_ascii=False, indent=2))
        return
    out = Console(markup=False, emoji=False, highlight=False)
    _print_quotes(out, hits, total, labels, speaker=speaker)
    if missing and not story:
        out.print(
            f"{plural(missing, 'story', 'stories')} without a current brief not searched "
            "(run without --no-compute to include them).",
            soft_wrap=True,
            style="dim",
        )


def _compute_briefs(store: Store, err: Console, *, only: str | None) -> None:
    """Compose and keep the briefs that are missing or stale (all, or story ``only``)."""
    stale = store.stale_stories()
    if only is not None:
        stale = [s for s in stale if s == only]
    if not stale:
        return
    from newsfuse.briefing import compose

    progress = Progress(
        TextColumn("computing briefs"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("stories"),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        disable=not err.is_terminal,
    )
    with progress:
        task = progress.add_task("briefs", total=len(stale))
        for story_id in stale:
            articles = store.story_articles(story_id)
            if articles:
                brief = compose(
                    articles,
                    story_id=story_id,
                    copies=store.story_copies(story_id),
                    extractions=extractions_for(store, articles),
                )
                now = datetime.now(UTC).isoformat(timespec="seconds")
                store.keep_brief(story_id, brief.to_dict(), now)
            progress.advance(task)


def _labels(store: Store, stories: set[str]) -> dict[str, dict[str, str]]:
    """Story -> article id -> its label in the story's brief (A1, A2…)."""
    out: dict[str, dict[str, str]] = {}
    for story_id in stories:
        brief = store.current_brief(story_id) or {}
        out[story_id] = {a["id"]: a["label"] for a in brief.get("articles", []) if "label" in a}
    return out


def _cite(hit: QuoteHit, labels: dict[str, dict[str, str]]) -> str:
    """``s3 A1 ¶5``: story, the article's label in its brief, paragraph counted from 1."""
    label = labels.get(hit.story_id, {}).get(hit.article_id, hit.article_id)
    return f"{hit.story_id} {label} ¶{hit.paragraph + 1}"


def _as_json(hit: QuoteHit, labels: dict[str, dict[str, str]]) -> dict[str, Any]:
    return {**hit.as_json(), "cite": _cite(hit, labels)}


def _print_quotes(
    out: Console,
    hits: list[QuoteHit],
    total: int,
    labels: dict[str, dict[str, str]],
    *,
    speaker: str | None,
) -> None:
    if not hits:
        who = f" by a speaker matching {speaker!r}" if speaker else ""
        out.print(f"No quotes{who}.", soft_wrap=True)
        return
    shown = f"{len(hits)} of {total:,}" if len(hits) < total else f"{total:,}"
    out.print(f"{shown} {'quote' if total == 1 else 'quotes'}, by speaker:", soft_wrap=True)
    groups: dict[str, list[QuoteHit]] = {}
    for h in hits:
        groups.setdefault(h.speaker or NO_SPEAKER, []).append(h)
    for name, quotes in groups.items():
        head = Text("\n")
        head.append(name, style="bold")
        head.append(f" ({plural(len(quotes), 'quote')})", style="dim")
        out.print(head, soft_wrap=True)
        for h in quotes:
            kind = "" if h.kind == "direct" else f" [{h.kind}]"
            line = Text(f"  “{h.text}”{kind} ")
            line.append(f"— {_cite(h, labels)}", style="dim")
            if h.headline:
                line.append(f" · {h.headline}", style="dim")
            out.print(line)
