"""Hand labels for the cross-source alignment eval on BASIL dev events.

Each labelled event is one JSON file under ``eval/align_labels/<split>/<triplet>.json``
(``dev`` for work, ``dev-holdout`` scored only at the end of a session). The files hold
ids, paragraph numbers, character offsets and snippets of at most twelve words, never
article text: the articles are read in place from ``../shared/eval``. How to label is
in ``docs/labelling-align.md``.

Paragraph numbers count the article's non-empty ``body-paragraphs`` from 0; a
paragraph's text is its sentences joined by one space (as :mod:`newsfuse.eval.speakers`
reads BASIL), so that every offset maps exactly onto what newsfuse is given.

``python -m newsfuse.eval.align_data show TRIPLET`` prints an event with paragraph and
sentence numbers for labelling; ``python -m newsfuse.eval.align_data fill FILE...``
checks label files and writes each reference's offsets and snippet (``check`` checks
without writing).
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsfuse.errors import EvalError
from newsfuse.eval import default_eval_root
from newsfuse.model import Article

# The data set's folder name under ../shared/eval.
DATASET = "basil-same-event-triplets"
# The label files of each split, by folder.
LABELS = Path(__file__).with_name("align_labels")
SPLITS = ("dev", "dev-holdout")
# Event years of BASIL's dev part (../shared/eval/README.md).
DEV_YEARS = range(2010, 2015)
OUTLETS = ("fox", "nyt", "hpo")
# Longest snippet of article text a label may hold.
MAX_SNIPPET_WORDS = 12

Json = dict[str, Any]


@dataclass(frozen=True, slots=True)
class BasilArticle:
    """One BASIL article as the eval feeds it to newsfuse."""

    uuid: str
    outlet: str
    event: str
    year: int
    title: str | None
    date: str | None
    paragraphs: tuple[str, ...]
    # per paragraph, the (start, end) of each of BASIL's sentences in it
    sentences: tuple[tuple[tuple[int, int], ...], ...]

    def article(self) -> Article:
        """The article newsfuse is given (BASIL's paragraphs as they are, no cleaning)."""
        return Article(
            id=self.uuid,
            path=f"{self.year}/{self.uuid}",
            format="json",
            paragraphs=self.paragraphs,
            title=self.title,
            published=self.date,
            source=_OUTLET_NAMES.get(self.outlet, self.outlet),
        )


_OUTLET_NAMES = {"fox": "Fox News", "nyt": "New York Times", "hpo": "HuffPost"}


def data_dir(start: Path | None = None) -> Path:
    """``../shared/eval/basil-same-event-triplets`` beside the project root."""
    return default_eval_root(start) / DATASET


def dev_events(root: Path) -> list[tuple[int, str]]:
    """(year, triplet id) of every BASIL dev event, in year then id order."""
    found = set()
    for year in DEV_YEARS:
        for path in (root / "articles" / str(year)).glob("*.json"):
            found.add((year, path.stem.rpartition("_")[0]))
    return sorted(found)


def load_event(root: Path, triplet: str) -> list[BasilArticle]:
    """The three articles of one event, in outlet order (fox, nyt, hpo)."""
    paths = sorted((root / "articles").glob(f"*/{triplet}_*.json"))
    if not paths:
        raise EvalError(f"{root}: no BASIL articles for event {triplet}")
    out = []
    for path in paths:
        try:
            record = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise EvalError(f"{path}: cannot read the article ({exc})") from exc
        paragraphs, sentences = [], []
        for para in record.get("body-paragraphs", []):
            if not para:
                continue
            spans, at = [], 0
            for s in para:
                spans.append((at, at + len(s)))
                at += len(s) + 1
            paragraphs.append(" ".join(para))
            sentences.append(tuple(spans))
        out.append(
            BasilArticle(
                uuid=str(record["uuid"]),
                outlet=str(record.get("source", "")).lower(),
                event=triplet,
                year=int(path.parent.name),
                title=record.get("title"),
                date=record.get("date"),
                paragraphs=tuple(paragraphs),
                sentences=tuple(sentences),
            )
        )
    return sorted(out, key=lambda a: OUTLETS.index(a.outlet) if a.outlet in OUTLETS else 9)


def label_files(split: str) -> list[Path]:
    """The label files of a split, by event id."""
    if split not in SPLITS:
        raise EvalError(f"unknown alignment split {split!r} ({' or '.join(SPLITS)})")
    return sorted((LABELS / split).glob("*.json"))


# --------------------------------------------------------------------------- show


def show(articles: Sequence[BasilArticle]) -> str:
    """An event for labelling: each sentence with its outlet, paragraph, sentence number
    and offsets in the paragraph."""
    lines = []
    for a in articles:
        lines.append(f"=== {a.outlet} {a.uuid} {a.date} | {a.title}")
        for p, (para, spans) in enumerate(zip(a.paragraphs, a.sentences, strict=True)):
            for s, (start, end) in enumerate(spans):
                lines.append(f"{a.outlet} p{p} s{s} [{start}-{end}] {para[start:end]}")
        lines.append("")
    return "\n".join(lines)


# --------------------------------------------------------------------------- fill


def fill(label: Json, articles: Sequence[BasilArticle]) -> Json:
    """Check one event's labels against its articles and give every reference its
    offsets and snippet; EvalError names the first reference that does not hold."""
    by_outlet = {a.outlet: a for a in articles}
    where = str(label.get("event", "?"))
    for kind, ref in _references(label):
        a = by_outlet.get(str(ref.get("outlet")))
        if a is None:
            raise EvalError(f"{where}: {kind} reference names no outlet of the event: {ref}")
        p = ref.get("p")
        if not isinstance(p, int) or not 0 <= p < len(a.paragraphs):
            raise EvalError(f"{where}: {kind} reference has no paragraph {p} in {a.outlet}")
        para = a.paragraphs[p]
        if "s" in ref:  # a whole sentence
            spans = a.sentences[p]
            s = ref["s"]
            if not isinstance(s, int) or not 0 <= s < len(spans):
                raise EvalError(f"{where}: {a.outlet} p{p} has no sentence s{s}")
            start, end = spans[s]
        else:  # a span found by its text ("text" .. "last")
            start, end = _find(para, ref, where=f"{where} {a.outlet} p{p} {kind}")
        ref["start"], ref["end"] = start, end
        ref["text"] = snippet(para[start:end]) if "s" in ref else ref["text"]
        if "last" in ref and "s" in ref:
            del ref["last"]
    _check_lists(label, where)
    return label


def _check_lists(label: Json, where: str) -> None:
    """A sentence is never both shared and unique, nor both unique and partial."""

    def keys(refs: list[Json]) -> set[tuple[str, int, int]]:
        return {(r["outlet"], r["p"], r["start"]) for r in refs if "s" in r}

    shared = keys([m for g in label.get("facts", []) for m in g["members"]])
    unique, partial = keys(label.get("unique", [])), keys(label.get("partial", []))
    for name, clash in (("a fact group and unique", shared & unique),
                        ("unique and partial", unique & partial)):  # fmt: skip
        if clash:
            raise EvalError(f"{where}: sentences both in {name}: {sorted(clash)}")


def snippet(text: str) -> str:
    """The first words of a span, at most MAX_SNIPPET_WORDS."""
    return " ".join(text.split()[:MAX_SNIPPET_WORDS])


def _find(para: str, ref: Json, *, where: str) -> tuple[int, int]:
    text = str(ref.get("text") or "")
    if not text or len(text.split()) > MAX_SNIPPET_WORDS:
        raise EvalError(f"{where}: 'text' must be 1-{MAX_SNIPPET_WORDS} words: {text!r}")
    if "start" in ref and "nth" not in ref:  # already filled: keep the occurrence
        start = int(ref["start"])
        if para[start : start + len(text)] != text:
            raise EvalError(f"{where}: {text!r} is not at offset {start}")
    else:
        nth, start = int(ref.get("nth", 0)), -1
        for _ in range(nth + 1):
            start = para.find(text, start + 1)
            if start < 0:
                raise EvalError(f"{where}: {text!r} (occurrence {nth}) is not in the paragraph")
    end = start + len(text)
    last = ref.get("last")
    if last:
        if len(str(last).split()) > MAX_SNIPPET_WORDS:
            raise EvalError(f"{where}: 'last' must be at most {MAX_SNIPPET_WORDS} words")
        # the end of the span: ``last`` ending at or after the end of ``text``
        at = para.find(str(last), max(start, end - len(str(last))))
        if at < 0:
            raise EvalError(f"{where}: {last!r} does not follow {text!r} in the paragraph")
        end = at + len(str(last))
    return start, end


def dumps(label: Json) -> str:
    """A label file's text: one reference a line."""
    text = json.dumps(label, indent=1, ensure_ascii=False)
    flat = re.sub(
        r"\{\n\s+([^{}\[\]]*?)\n\s*\}", lambda m: "{" + re.sub(r"\n\s+", " ", m[1]) + "}", text
    )
    return flat + "\n"


def _references(label: Json) -> Iterator[tuple[str, Json]]:
    for kind in ("figures", "quotes", "facts"):
        for group in label.get(kind, []):
            members = group.get("members", [])
            if len({m.get("outlet") for m in members}) < 2:
                raise EvalError(f"{label.get('event')}: a {kind} group needs two outlets: {group}")
            for m in members:
                yield kind, m
    for kind in ("unique", "partial"):
        for ref in label.get(kind, []):
            yield kind, ref


def main(argv: Sequence[str]) -> int:
    """``show TRIPLET`` or ``fill FILE...`` (see the module docstring)."""
    root = data_dir()
    if len(argv) >= 2 and argv[0] == "show":
        print(show(load_event(root, argv[1])))
        return 0
    if len(argv) >= 2 and argv[0] in {"fill", "check"}:
        status = 0
        for name in argv[1:]:
            path = Path(name)
            label = json.loads(path.read_text(encoding="utf-8"))
            try:
                fill(label, load_event(root, str(label["event"])))
            except EvalError as exc:
                print(f"{path}: {exc}", file=sys.stderr)
                status = 1
                continue
            if argv[0] == "fill":
                path.write_text(dumps(label), "utf-8")
            print(f"{path}: ok")
        return status
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
