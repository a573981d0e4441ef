"""Score time-expression extraction on TempEval-3 Task A (TIMEX3 extents and values).

The metric is TempEval-3's (UzZaman et al. 2013), reimplemented from the data
README's description, not copied from the official scorer:

* **extent** - a predicted timex matches a gold one *strictly* when the spans
  are identical and *relaxed* when they overlap; each gold and each predicted
  timex is matched at most once. Precision, recall and F1 for both.
* **attributes** - on the relaxed matches, the share whose ``value`` (and
  ``type``) equals gold.
* **value F1** = relaxed F1 x value accuracy, the paper's ranking metric.

Splits: ``dev`` = ``TBAQ-cleaned`` (TimeBank + AQUAINT, 256 documents; tune on
it), ``test`` = ``te3-platinum`` (20 documents; report only). The body of a
document is the text inside ``<TEXT>`` with every tag stripped; gold offsets
index that text. The anchor of relative expressions is the document creation
time (DCT).
"""

from __future__ import annotations

import datetime as dt
import html
import re
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from newsfuse.errors import EvalError
from newsfuse.eval import default_eval_root, f1, ratio

Split = Literal["dev", "test"]

# The data set's folder name under ../shared/eval.
DATASET = "tempeval3-timex"
# Sub-folder of each split.
SPLIT_DIRS: dict[str, str] = {"dev": "TBAQ-cleaned", "test": "te3-platinum"}
# Worker processes for spaCy: the target machines have 2 cores.
DEFAULT_WORKERS = 2
# Documents per worker task: big enough to amortise pickling the results.
CHUNK_DOCS = 8
# The gate scores every GATE_STRIDE-th dev document (sorted by path), so that it runs in
# well under a minute on 2 cores; the full dev split is `newsfuse eval times`.
GATE_STRIDE = 2

# Systems scored live: key -> label in the table.
SYSTEMS: dict[str, str] = {
    "newsfuse": "newsfuse",
    "dateparser": "dateparser (DCT base)",
}


@dataclass(frozen=True, slots=True)
class Reference:
    """A published result, quoted (not recomputed): TempEval-3 English platinum test."""

    label: str
    relaxed_f1: float
    strict_f1: float
    value_f1: float
    source: str = "UzZaman et al. 2013, SemEval-2013 Task 1, Table 3 (te3-platinum)"


# Published TempEval-3 figures (only comparable with the test split).
REFERENCES: tuple[Reference, ...] = (
    Reference("HeidelTime-t [pub.]", 0.9030, 0.8134, 0.7761),
    Reference("SUTime [pub.]", 0.9032, 0.7957, 0.6738),
)


# --------------------------------------------------------------------------- data


@dataclass(frozen=True, slots=True)
class Timex:
    """One TIMEX3: [start, end) character offsets into the document body, its type and value."""

    start: int
    end: int
    text: str
    type: str
    value: str


@dataclass(frozen=True, slots=True)
class TimeDocument:
    """A TimeML document: body text, creation date (the anchor) and gold timexes."""

    name: str
    dct: dt.date | None
    text: str
    timexes: tuple[Timex, ...]


_TAG = re.compile(r"<(/?)([A-Za-z0-9_]+)([^>]*?)(/?)>")
_ATTR = re.compile(r'([A-Za-z_]+)="([^"]*)"')
_DCT = re.compile(r"<DCT>\s*<TIMEX3([^>]*)>", re.S)


def parse_tml(source: str, *, name: str = "") -> TimeDocument:
    """Parse one TimeML file: the ``<TEXT>`` body with tags stripped, its TIMEX3s and the DCT."""
    dct: dt.date | None = None
    m = _DCT.search(source)
    if m:
        value = dict(_ATTR.findall(m.group(1))).get("value", "")
        dct = _parse_date(value)
    start = source.find("<TEXT>")
    end = source.find("</TEXT>")
    if start < 0 or end < start:
        raise EvalError(f"{name or 'document'}: no <TEXT> element")
    body = source[start + len("<TEXT>") : end]
    out: list[str] = []
    pos = 0
    length = 0
    open_timex: list[tuple[int, dict[str, str]]] = []
    timexes: list[Timex] = []
    for tag in _TAG.finditer(body):
        chunk = html.unescape(body[pos : tag.start()])
        out.append(chunk)
        length += len(chunk)
        pos = tag.end()
        closing, tag_name, attrs, selfclosing = tag.groups()
        if tag_name != "TIMEX3" or selfclosing:
            continue
        if not closing:
            open_timex.append((length, dict(_ATTR.findall(attrs))))
        elif open_timex:
            t_start, a = open_timex.pop()
            text = "".join(out)[t_start:length]
            timexes.append(Timex(t_start, length, text, a.get("type", ""), a.get("value", "")))
    out.append(html.unescape(body[pos:]))
    return TimeDocument(name, dct, "".join(out), tuple(sorted(timexes, key=lambda t: t.start)))


def _parse_date(value: str) -> dt.date | None:
    m = re.match(r"(\d{4})-?(\d{2})-?(\d{2})", value)
    if not m:
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def default_data_dir() -> Path:
    """``../shared/eval/tempeval3-timex`` beside the project root."""
    return default_eval_root() / DATASET


def split_files(data_dir: Path, split: Split) -> list[Path]:
    """The .tml files of a split, sorted by path; EvalError when the folder is missing."""
    folder = data_dir / SPLIT_DIRS[split]
    files = sorted(folder.rglob("*.tml"))
    if not files:
        raise EvalError(
            f"{folder}: no .tml files (is --data the tempeval3-timex folder with "
            f"{'/'.join(SPLIT_DIRS.values())} in it?)"
        )
    return files


def load_split(data_dir: Path, split: Split, *, stride: int = 1) -> list[TimeDocument]:
    """Every ``stride``-th document of a split (all by default)."""
    docs = []
    for path in split_files(data_dir, split)[::stride]:
        try:
            source = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise EvalError(f"{path}: cannot read ({exc})") from exc
        docs.append(parse_tml(source, name=str(path.relative_to(data_dir))))
    return docs


# --------------------------------------------------------------------------- metric


@dataclass(frozen=True, slots=True)
class TimexScores:
    """TempEval-3 Task A figures over a set of documents."""

    strict_precision: float
    strict_recall: float
    strict_f1: float
    precision: float  # relaxed
    recall: float  # relaxed
    f1: float  # relaxed
    value_accuracy: float  # over relaxed matches
    type_accuracy: float  # over relaxed matches
    gold: int
    predicted: int

    @property
    def value_f1(self) -> float:
        """The ranking metric: relaxed F1 x value accuracy."""
        return self.f1 * self.value_accuracy

    def as_dict(self) -> dict[str, float | int]:
        return {
            "strict_precision": self.strict_precision,
            "strict_recall": self.strict_recall,
            "strict_f1": self.strict_f1,
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
            "value_accuracy": self.value_accuracy,
            "type_accuracy": self.type_accuracy,
            "value_f1": self.value_f1,
            "gold": self.gold,
            "predicted": self.predicted,
        }


@dataclass(frozen=True, slots=True)
class DocCounts:
    """Match counts of one document."""

    gold: int
    predicted: int
    strict: int
    relaxed: int
    value_ok: int
    type_ok: int
    # (gold or None, prediction or None, value correct) for error analysis
    pairs: tuple[tuple[Timex | None, Timex | None, bool], ...] = field(default=(), repr=False)


def _overlap(a: Timex, b: Timex) -> int:
    return min(a.end, b.end) - max(a.start, b.start)


def match_document(gold: Sequence[Timex], pred: Sequence[Timex]) -> DocCounts:
    """Match one document's predictions with gold, one-to-one, largest overlap first."""
    strict = len({(g.start, g.end) for g in gold} & {(p.start, p.end) for p in pred})
    candidates = sorted(
        ((_overlap(g, p), gi, pi) for gi, g in enumerate(gold) for pi, p in enumerate(pred)),
        reverse=True,
    )
    used_g: dict[int, int] = {}
    used_p: set[int] = set()
    for ov, gi, pi in candidates:
        if ov <= 0:
            break
        if gi in used_g or pi in used_p:
            continue
        used_g[gi] = pi
        used_p.add(pi)
    value_ok = sum(1 for gi, pi in used_g.items() if gold[gi].value == pred[pi].value)
    type_ok = sum(1 for gi, pi in used_g.items() if gold[gi].type == pred[pi].type)
    pairs: list[tuple[Timex | None, Timex | None, bool]] = []
    for gi, g in enumerate(gold):
        p = pred[used_g[gi]] if gi in used_g else None
        pairs.append((g, p, p is not None and p.value == g.value))
    pairs.extend((None, p, False) for pi, p in enumerate(pred) if pi not in used_p)
    return DocCounts(len(gold), len(pred), strict, len(used_g), value_ok, type_ok, tuple(pairs))


def _prf(hits: int, predicted: int, gold: int) -> tuple[float, float, float]:
    p, r = ratio(hits, predicted), ratio(hits, gold)
    return p, r, f1(p, r)


def aggregate(counts: Iterable[DocCounts]) -> TimexScores:
    """Micro-averaged TempEval-3 figures over documents."""
    cs = list(counts)
    gold = sum(c.gold for c in cs)
    pred = sum(c.predicted for c in cs)
    strict = sum(c.strict for c in cs)
    relaxed = sum(c.relaxed for c in cs)
    sp, sr, sf = _prf(strict, pred, gold)
    rp, rr, rf = _prf(relaxed, pred, gold)
    value_acc = sum(c.value_ok for c in cs) / relaxed if relaxed else 0.0
    type_acc = sum(c.type_ok for c in cs) / relaxed if relaxed else 0.0
    return TimexScores(sp, sr, sf, rp, rr, rf, value_acc, type_acc, gold, pred)


def score(gold: Sequence[Sequence[Timex]], pred: Sequence[Sequence[Timex]]) -> TimexScores:
    """Score predictions against gold, document by document (same order)."""
    if len(gold) != len(pred):
        raise EvalError(f"{len(gold)} gold documents but {len(pred)} predicted")
    return aggregate(match_document(g, p) for g, p in zip(gold, pred, strict=True))


# --------------------------------------------------------------------------- systems


def predict_newsfuse(docs: Sequence[TimeDocument]) -> list[list[Timex]]:
    """newsfuse's extractor over each document, anchored on its DCT."""
    from newsfuse.annotate.nlp import PIPE_BATCH, load_nlp
    from newsfuse.extract.times import extract_times

    nlp = load_nlp()
    out: list[list[Timex]] = []
    # the extractor reads tags, parse and entities, never lemmas: skipping them saves ~25%
    parsed_docs = nlp.pipe((d.text for d in docs), batch_size=PIPE_BATCH, disable=["lemmatizer"])
    for d, parsed in zip(docs, parsed_docs, strict=True):
        out.append(
            [
                Timex(m.span.start, m.span.end, m.span.text, m.type, m.value)
                for m in extract_times(parsed, anchor=d.dct)
            ]
        )
    return out


def predict_dateparser(docs: Sequence[TimeDocument]) -> list[list[Timex]]:
    """dateparser's ``search_dates`` with the DCT as relative base: a day, month or year value."""
    from dateparser.search import search_dates

    out: list[list[Timex]] = []
    for d in docs:
        base = dt.datetime.combine(d.dct or dt.date.today(), dt.time())
        settings = {"RELATIVE_BASE": base, "RETURN_TIME_AS_PERIOD": True}
        try:
            found = search_dates(d.text, languages=["en"], settings=settings) or []  # type: ignore[arg-type]
        except Exception:
            found = []
        timexes: list[Timex] = []
        cursor = 0
        for text, when in found:
            at = d.text.find(text, cursor)
            if at < 0:
                at = d.text.find(text)
                if at < 0:
                    continue
            else:
                cursor = at + len(text)
            timexes.append(Timex(at, at + len(text), text, "DATE", when.date().isoformat()))
        out.append(timexes)
    return out


PREDICTORS: dict[str, Callable[[Sequence[TimeDocument]], list[list[Timex]]]] = {
    "newsfuse": predict_newsfuse,
    "dateparser": predict_dateparser,
}


def _predict_chunk(system: str, docs: Sequence[TimeDocument]) -> list[list[Timex]]:
    return PREDICTORS[system](docs)


def predict(
    system: str,
    docs: Sequence[TimeDocument],
    *,
    workers: int = DEFAULT_WORKERS,
    progress: Callable[[int, int], None] | None = None,
) -> list[list[Timex]]:
    """One system's predictions for every document, in order, over ``workers`` processes."""
    chunks = [list(docs[i : i + CHUNK_DOCS]) for i in range(0, len(docs), CHUNK_DOCS)]
    out: list[list[Timex]] = []
    if workers <= 1 or len(chunks) <= 1:
        for chunk in chunks:
            out.extend(_predict_chunk(system, chunk))
            if progress:
                progress(len(out), len(docs))
        return out
    with ProcessPoolExecutor(max_workers=workers) as pool:
        for result in pool.map(_predict_chunk, [system] * len(chunks), chunks):
            out.extend(result)
            if progress:
                progress(len(out), len(docs))
    return out


@dataclass(frozen=True, slots=True)
class TimesReport:
    """Scores of every system on one split, and the per-document matches of newsfuse."""

    split: str
    data_dir: Path
    documents: int
    scores: dict[str, TimexScores]
    seconds: float
    counts: tuple[DocCounts, ...] = field(default=(), repr=False)

    def as_dict(self) -> dict[str, object]:
        return {
            "dataset": DATASET,
            "split": self.split,
            "data_dir": str(self.data_dir),
            "documents": self.documents,
            "scores": {k: v.as_dict() for k, v in self.scores.items()},
            "references": [
                {
                    "system": r.label,
                    "relaxed_f1": r.relaxed_f1,
                    "strict_f1": r.strict_f1,
                    "value_f1": r.value_f1,
                    "source": r.source,
                }
                for r in REFERENCES
            ],
            "seconds": round(self.seconds, 2),
        }


def run(
    data_dir: Path,
    split: Split,
    *,
    systems: Sequence[str] = ("newsfuse", "dateparser"),
    workers: int = DEFAULT_WORKERS,
    stride: int = 1,
    progress: Callable[[int, int], None] | None = None,
) -> TimesReport:
    """Score ``systems`` on a split (every ``stride``-th document)."""
    started = time.perf_counter()
    docs = load_split(data_dir, split, stride=stride)
    gold = [list(d.timexes) for d in docs]
    scores: dict[str, TimexScores] = {}
    kept: tuple[DocCounts, ...] = ()
    for system in systems:
        if system not in PREDICTORS:
            raise EvalError(f"unknown system {system!r} (known: {', '.join(PREDICTORS)})")
        pred = predict(system, docs, workers=workers, progress=progress)
        counts = tuple(match_document(g, p) for g, p in zip(gold, pred, strict=True))
        scores[system] = aggregate(counts)
        if system == "newsfuse":
            kept = counts
    return TimesReport(split, data_dir, len(docs), scores, time.perf_counter() - started, kept)


def gate_scores(eval_root: Path, split: Literal["dev"], workers: int) -> dict[str, float]:
    """newsfuse's figures on a fixed half of dev (every GATE_STRIDE-th document), for the gate."""
    report = run(
        eval_root / DATASET, split, systems=("newsfuse",), workers=workers, stride=GATE_STRIDE
    )
    s = report.scores["newsfuse"]
    return {
        "value_f1": s.value_f1,
        "f1": s.f1,
        "strict_f1": s.strict_f1,
        "value_accuracy": s.value_accuracy,
        "precision": s.precision,
        "recall": s.recall,
    }
