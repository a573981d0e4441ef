"""Score main-text extraction on the ScrapingHub article-extraction benchmark.

The metric is the benchmark's own (its ``evaluate.py``, reimplemented from the
description in the data's README): texts are tokenized with ``\\w+``, each text
becomes a multiset of 4-token shingles, and per page

    TP = sum min(true, pred), FP = sum max(0, pred - true), FN = sum max(0, true - pred)

normalised by their sum so that every page weighs the same. Precision and
recall are averaged over pages (precision over pages with TP+FP > 0, recall over
pages with TP+FN > 0) and F1 is computed from those two averages, not averaged
itself. Accuracy is the share of pages whose whole token sequence equals the
ground truth.

Splits are fixed by the page id (a SHA-256 hex digest): ``dev`` holds the pages
whose id starts with 0-7 (88 pages), ``test`` those starting with 8-f (93 pages).
Tune on dev only.
"""

from __future__ import annotations

import gzip
import json
import random
import re
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from newsfuse.errors import EvalError, InputError
from newsfuse.eval import default_eval_root, f1

Split = Literal["dev", "test", "all"]

# The benchmark's folder name under ../shared/eval.
DATASET = "scrapinghub-article-extraction-benchmark"
# Shingle length of the benchmark's metric.
SHINGLE_SIZE = 4
# Bootstrap resamples for the ± column, as many as the benchmark's own report uses.
BOOTSTRAP_SAMPLES = 1000
# First hex digit of the page id of dev pages; every other digit is test.
DEV_PREFIXES = frozenset("01234567")
# Worker processes for extraction: the target machines have 2 cores.
DEFAULT_WORKERS = 2

_TOKEN = re.compile(r"\w+")


# --------------------------------------------------------------------------- metric


def tokenize(text: str) -> list[str]:
    """The benchmark's tokens: maximal runs of Unicode word characters, case kept."""
    return _TOKEN.findall(text)


def shingles(text: str, size: int = SHINGLE_SIZE) -> Counter[tuple[str, ...]]:
    """Multiset of ``size``-token shingles; a shorter non-empty text is one shingle."""
    tokens = tokenize(text)
    if not tokens:
        return Counter()
    n = min(size, len(tokens))
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


@dataclass(frozen=True, slots=True)
class PageCounts:
    """Shingle match counts of one page, normalised to sum to 1 (all 0 if both are empty)."""

    tp: float
    fp: float
    fn: float
    exact: bool

    @property
    def precision(self) -> float | None:
        """tp/(tp+fp), or None when the prediction has no shingle (the page is not averaged)."""
        if self.tp + self.fp == 0:
            return None if self.fn > 0 else 1.0
        return self.tp / (self.tp + self.fp)

    @property
    def recall(self) -> float | None:
        """tp/(tp+fn), or None when the ground truth has no shingle."""
        if self.tp + self.fn == 0:
            return None if self.fp > 0 else 1.0
        return self.tp / (self.tp + self.fn)


def page_counts(truth: str, pred: str) -> PageCounts:
    """Compare one predicted text with its ground truth."""
    t, p = shingles(truth), shingles(pred)
    tp = sum((t & p).values())
    fp = sum((p - t).values())
    fn = sum((t - p).values())
    total = tp + fp + fn
    exact = tokenize(truth) == tokenize(pred)
    if total == 0:
        return PageCounts(0.0, 0.0, 0.0, exact)
    return PageCounts(tp / total, fp / total, fn / total, exact)


@dataclass(frozen=True, slots=True)
class Scores:
    """Benchmark figures over a set of pages."""

    f1: float
    precision: float
    recall: float
    accuracy: float
    pages: int
    f1_std: float | None = None  # bootstrap standard deviation of F1 over pages

    def as_dict(self) -> dict[str, float | int | None]:
        return {
            "f1": self.f1,
            "precision": self.precision,
            "recall": self.recall,
            "accuracy": self.accuracy,
            "pages": self.pages,
            "f1_std": self.f1_std,
        }


def _mean(values: Iterable[float | None]) -> float:
    kept = [v for v in values if v is not None]
    return sum(kept) / len(kept) if kept else 0.0


def aggregate(counts: Sequence[PageCounts]) -> tuple[float, float, float, float]:
    """(F1, precision, recall, accuracy) of a set of pages, the benchmark's way."""
    p = _mean(c.precision for c in counts)
    r = _mean(c.recall for c in counts)
    acc = sum(c.exact for c in counts) / len(counts) if counts else 0.0
    return f1(p, r), p, r, acc


def bootstrap_f1_std(
    counts: Sequence[PageCounts], *, samples: int = BOOTSTRAP_SAMPLES, seed: int = 0
) -> float:
    """Standard deviation of F1 over ``samples`` resamples of the pages (with replacement)."""
    if not counts:
        return 0.0
    rng = random.Random(seed)
    precisions = [c.precision for c in counts]
    recalls = [c.recall for c in counts]
    n = len(counts)
    values = []
    for _ in range(samples):
        picks = [rng.randrange(n) for _ in range(n)]
        values.append(f1(_mean(precisions[i] for i in picks), _mean(recalls[i] for i in picks)))
    mean = sum(values) / len(values)
    return float((sum((v - mean) ** 2 for v in values) / len(values)) ** 0.5)


def score(pairs: Sequence[tuple[str, str]], *, bootstrap: int = 0, seed: int = 0) -> Scores:
    """Score (truth, prediction) text pairs; ``bootstrap`` > 0 adds the F1 ± column."""
    counts = [page_counts(t, p) for t, p in pairs]
    f1, p, r, acc = aggregate(counts)
    std = bootstrap_f1_std(counts, samples=bootstrap, seed=seed) if bootstrap else None
    return Scores(f1=f1, precision=p, recall=r, accuracy=acc, pages=len(counts), f1_std=std)


# --------------------------------------------------------------------------- data


@dataclass(frozen=True, slots=True)
class Page:
    """One benchmark page: its id, the gzip file, the labeled text and original URL."""

    id: str
    path: Path
    truth: str
    url: str | None


def split_of(page_id: str) -> Literal["dev", "test"]:
    """Which split a page belongs to, from the first hex digit of its id."""
    return "dev" if page_id[:1].lower() in DEV_PREFIXES else "test"


def default_data_dir(start: Path | None = None) -> Path:
    """``../shared/eval/scrapinghub-article-extraction-benchmark`` beside the project root."""
    return default_eval_root(start) / DATASET


def load_pages(data_dir: Path, split: Split) -> list[Page]:
    """The pages of one split, sorted by id; EvalError names the path when data is missing."""
    truth_path = data_dir / "ground-truth.json"
    html_dir = data_dir / "html"
    if not truth_path.is_file() or not html_dir.is_dir():
        raise EvalError(
            f"{data_dir}: extraction benchmark not found (expected ground-truth.json and html/); "
            "pass --data DIR to point at a copy of scrapinghub-article-extraction-benchmark"
        )
    try:
        labels = json.loads(truth_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise EvalError(f"{truth_path}: cannot read ground truth ({exc})") from exc
    if not isinstance(labels, dict):
        raise EvalError(f"{truth_path}: expected an object keyed by page id")
    pages = []
    for page_id in sorted(labels):
        if split != "all" and split_of(page_id) != split:
            continue
        item = labels[page_id]
        path = html_dir / f"{page_id}.html.gz"
        if not path.is_file():
            raise EvalError(f"{path}: page listed in ground-truth.json is missing")
        pages.append(Page(page_id, path, str(item.get("articleBody") or ""), item.get("url")))
    if not pages:
        raise EvalError(f"{truth_path}: no pages in split {split!r}")
    return pages


def read_html(path: Path) -> str:
    """A benchmark page's HTML (gzip-compressed UTF-8)."""
    with gzip.open(path, "rb") as fh:
        return fh.read().decode("utf-8", errors="replace")


# --------------------------------------------------------------------------- systems

# The systems scored live, in table order: key -> label.
SYSTEMS: dict[str, str] = {
    "newsfuse": "newsfuse: extract + clean",
    "newsfuse-extract": "newsfuse: extract only",
    "trafilatura": "trafilatura 2.3.1 default",
    "trafilatura-no-comments": "trafilatura 2.3.1 no comments",
}


@dataclass(frozen=True, slots=True)
class Reference:
    """A published figure shown beside the live rows (not recomputed)."""

    label: str
    dev: float | None
    test: float | None
    all: float | None
    source: str

    def f1(self, split: Split) -> float | None:
        return {"dev": self.dev, "test": self.test, "all": self.all}[split]


REFERENCES: tuple[Reference, ...] = (
    Reference("published: trafilatura default", 0.954, 0.951, None,
              "PRIOR-ART.md: trafilatura 2.3.1 measured on this data"),
    Reference("published: trafilatura no comments", 0.961, 0.959, None,
              "PRIOR-ART.md: trafilatura 2.3.1, include_comments=False"),
    Reference("published best (181 pages)", None, None, 0.970,
              "benchmark README: rs_trafilatura 9261e08 and AutoExtract (2019)"),
)  # fmt: skip


def _trafilatura(html: str, *, include_comments: bool) -> str:
    import trafilatura

    return trafilatura.extract(html, include_comments=include_comments) or ""


def _newsfuse(path: str, html: str) -> tuple[str, str]:
    """(pipeline text, extraction-only text) of one page; empty when extraction gives up."""
    from newsfuse.ingest.html import parse_html
    from newsfuse.pipeline import prepare

    try:
        raw = parse_html(path, html)
    except InputError:
        return "", ""
    return "\n\n".join(prepare(raw).paragraphs), raw.body


def predict_page(page: Page, systems: Sequence[str]) -> dict[str, str]:
    """Every requested system's text for one page (runs in a worker process)."""
    html = read_html(page.path)
    out: dict[str, str] = {}
    if "newsfuse" in systems or "newsfuse-extract" in systems:
        out["newsfuse"], out["newsfuse-extract"] = _newsfuse(str(page.path), html)
    if "trafilatura" in systems:
        out["trafilatura"] = _trafilatura(html, include_comments=True)
    if "trafilatura-no-comments" in systems:
        out["trafilatura-no-comments"] = _trafilatura(html, include_comments=False)
    return {k: v for k, v in out.items() if k in systems}


def _predict_star(args: tuple[Page, tuple[str, ...]]) -> dict[str, str]:
    return predict_page(*args)


@dataclass(frozen=True, slots=True)
class ExtractionReport:
    """Live scores per system on one split, plus the published reference figures."""

    split: Split
    data_dir: Path
    scores: dict[str, Scores]
    predictions: dict[str, dict[str, str]]  # system -> page id -> text
    pages: tuple[Page, ...]
    seconds: float

    def as_dict(self) -> dict[str, object]:
        return {
            "eval": "extraction",
            "split": self.split,
            "data": str(self.data_dir),
            "pages": len(self.pages),
            "seconds": round(self.seconds, 2),
            "systems": [
                {"system": key, "label": SYSTEMS[key], **self.scores[key].as_dict()}
                for key in self.scores
            ],
            "references": [
                {
                    "system": r.label,
                    "split": self.split if r.f1(self.split) is not None else "all",
                    "f1": r.f1(self.split) if r.f1(self.split) is not None else r.all,
                    "source": r.source,
                }
                for r in REFERENCES
                if r.f1(self.split) is not None or r.all is not None
            ],
        }


def run(
    data_dir: Path,
    split: Split = "dev",
    *,
    systems: Sequence[str] = tuple(SYSTEMS),
    workers: int = DEFAULT_WORKERS,
    bootstrap: int = BOOTSTRAP_SAMPLES,
    progress: Callable[[int, int], None] | None = None,
) -> ExtractionReport:
    """Extract every page of ``split`` with each system and score it.

    ``workers`` > 1 spreads pages over processes; ``progress(done, total)`` is
    called after each page.
    """
    unknown = [s for s in systems if s not in SYSTEMS]
    if unknown:
        raise EvalError(f"unknown extraction system(s): {', '.join(unknown)}")
    started = time.perf_counter()
    pages = load_pages(data_dir, split)
    wanted = tuple(systems)
    jobs = [(page, wanted) for page in pages]
    results: list[dict[str, str]] = []
    if workers > 1:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            for out in pool.map(_predict_star, jobs, chunksize=4):
                results.append(out)
                if progress:
                    progress(len(results), len(pages))
    else:
        for job in jobs:
            results.append(_predict_star(job))
            if progress:
                progress(len(results), len(pages))
    predictions = {s: {p.id: r[s] for p, r in zip(pages, results, strict=True)} for s in wanted}
    scores = {
        s: score([(p.truth, predictions[s][p.id]) for p in pages], bootstrap=bootstrap)
        for s in wanted
    }
    return ExtractionReport(
        split=split,
        data_dir=data_dir,
        scores=scores,
        predictions=predictions,
        pages=tuple(pages),
        seconds=time.perf_counter() - started,
    )
