"""Speed benchmarks: each figure is a ratio against a baseline measured in the same run.

    python bench/run.py [--write docs/benchmarks.md] [--repeat 3]

Reads inputs from ../shared (dev parts only); writes nothing there. With
--write, the generated section of the given Markdown file (between the
BENCH:BEGIN/END markers) is replaced by this run's table.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import random
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("NEWSFUSE_SHARED", ROOT.parent / "shared")).resolve()
EXTRACTION = SHARED / "eval" / "scrapinghub-article-extraction-benchmark"
BASIL = SHARED / "eval" / "basil-same-event-triplets" / "articles"
BEGIN, END = "<!-- BENCH:BEGIN -->", "<!-- BENCH:END -->"


def best_of(repeat: int, fn: Callable[[], int]) -> tuple[float, int]:
    """Best wall time of ``repeat`` runs (the least disturbed), and the item count."""
    times, n = [], 0
    for _ in range(repeat):
        t0 = time.perf_counter()
        n = fn()
        times.append(time.perf_counter() - t0)
    return min(times), n


def bench_html(repeat: int) -> list[tuple[str, str, float, str]]:
    import trafilatura

    from newsfuse.ingest.html import parse_html
    from newsfuse.pipeline import prepare

    pages = sorted(p for p in (EXTRACTION / "html").glob("*.html.gz") if p.name[0] in "01234567")
    htmls = [gzip.decompress(p.read_bytes()).decode("utf-8", "replace") for p in pages]

    def baseline() -> int:
        for h in htmls:
            trafilatura.extract(h)
        return len(htmls)

    def ours() -> int:
        for i, h in enumerate(htmls):
            prepare(parse_html(f"page{i}.html", h))
        return len(htmls)

    tb, n = best_of(repeat, baseline)
    to, _ = best_of(repeat, ours)
    return [
        (
            "HTML page -> cleaned article (ScrapingHub dev, 88 pages)",
            "trafilatura.extract",
            n / to,
            f"{(n / to) / (n / tb):.2f}× ({n / tb:.1f} pages/s baseline)",
        ),
    ]


def bench_text(repeat: int) -> list[tuple[str, str, float, str]]:
    from newsfuse.ingest import read_inputs
    from newsfuse.pipeline import prepare

    files = sorted(str(p) for p in BASIL.glob("*/*.json"))
    docs, _ = read_inputs(files)

    def baseline() -> int:
        return len(read_inputs(files)[0])

    def ours() -> int:
        for d in read_inputs(files)[0]:
            prepare(d)
        return len(docs)

    tb, n = best_of(repeat, baseline)
    to, _ = best_of(repeat, ours)
    return [
        (
            "JSON article -> cleaned, annotated article (BASIL, 300)",
            "read + decode + parse only",
            n / to,
            f"{to / tb:.2f}× the baseline's time ({n / tb:.0f} articles/s baseline)",
        ),
    ]


def bench_extract(repeat: int) -> list[tuple[str, str, float, str]]:
    from newsfuse.annotate.nlp import load_nlp, parse_articles
    from newsfuse.extract import extract_article
    from newsfuse.pipeline import load

    articles = load(sorted(str(p) for p in BASIL.glob("201[0-4]/*.json"))[:60]).articles
    nlp = load_nlp()
    texts = ["\n\n".join(a.paragraphs) for a in articles]

    def baseline() -> int:
        for _ in nlp.pipe(texts, batch_size=16):
            pass
        return len(texts)

    def ours() -> int:
        for parsed in parse_articles(articles):
            extract_article(parsed)
        return len(texts)

    tb, n = best_of(repeat, baseline)
    to, _ = best_of(repeat, ours)
    words = sum(len(t.split()) for t in texts)
    return [
        (
            "article -> entities, quotes, figures, times (BASIL dev, 60)",
            "spaCy parse only",
            n / to,
            f"{to / tb:.2f}× the baseline's time ({words / tb:.0f} words/s baseline)",
        ),
    ]


def synth_corpus(folder: Path, n: int, seed: int = 7) -> None:
    """``n`` distinct plain-text articles built from BASIL sentences, one file each."""
    rng = random.Random(seed)
    sentences: list[str] = []
    for p in sorted(BASIL.glob("*/*.json"))[:120]:
        for para in json.loads(p.read_text()).get("body-paragraphs", []):
            sentences.extend(s for s in para if isinstance(s, str) and len(s) > 40)
    for i in range(n):
        paras = [" ".join(rng.sample(sentences, 3)) for _ in range(8)]
        header = f"date 2020-01-{1 + i % 28:02d}\n\n"
        (folder / f"a{i:05d}.txt").write_text(header + "\n\n".join(paras))


def bench_store(repeat: int) -> list[tuple[str, str, float, str]]:
    from newsfuse.model import Article
    from newsfuse.pipeline import iter_articles
    from newsfuse.store import Store, ingest_paths

    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        synth_corpus(corpus, 1000)
        runs = iter(range(10_000))

        def baseline() -> int:
            return sum(isinstance(a, Article) for a in iter_articles([str(corpus)]))

        def ours() -> int:
            with Store.open(Path(tmp) / f"b{next(runs)}.db") as store:
                return ingest_paths(store, [str(corpus)]).new

        def resume() -> int:
            db = Path(tmp) / "resume.db"
            with Store.open(db) as store:
                ingest_paths(store, [str(corpus)])
            t0 = time.perf_counter()
            with Store.open(db) as store:
                n = ingest_paths(store, [str(corpus)]).present
            resume_times.append(time.perf_counter() - t0)
            return n

        resume_times: list[float] = []
        tb, n = best_of(repeat, baseline)
        to, _ = best_of(repeat, ours)
        best_of(1, resume)
        tr = min(resume_times)
    return [
        (
            "1,000 text articles -> SQLite store (WAL, FTS5)",
            "same pipeline, no store",
            n / to,
            f"{to / tb:.2f}× the baseline's time ({n / tb:.0f} articles/s baseline)",
        ),
        (
            "re-ingest of the same 1,000 (nothing new)",
            "first ingest of them",
            n / tr,
            f"{tr / to:.3f}× the first ingest's time",
        ),
    ]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--write", type=Path, help="Markdown file whose BENCH section to replace")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    if not EXTRACTION.exists() or not BASIL.exists():
        print(f"benchmark inputs not found under {SHARED}/eval", file=sys.stderr)
        return 1
    rows = (
        bench_html(args.repeat)
        + bench_text(args.repeat)
        + bench_store(args.repeat)
        + bench_extract(args.repeat)
    )
    lines = [
        f"Measured {time.strftime('%Y-%m-%d')} on {platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}; best of {args.repeat} runs, one process.",
        "",
        "| what | baseline (same run) | newsfuse items/s | relative to baseline |",
        "|---|---|---|---|",
        *[f"| {w} | {b} | {rate:.1f} | {rel} |" for w, b, rate, rel in rows],
    ]
    table = "\n".join(lines)
    print(table)
    if args.write:
        empty = f"# Benchmarks\n\n{BEGIN}\n{END}\n"
        text = args.write.read_text() if args.write.exists() else empty
        head, _, rest = text.partition(BEGIN)
        _, _, tail = rest.partition(END)
        args.write.write_text(f"{head}{BEGIN}\n{table}\n{END}{tail}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
