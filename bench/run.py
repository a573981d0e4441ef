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
import math
import os
import platform
import random
import subprocess
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


def _extract_child(side: str) -> int:
    """One side of the extraction benchmark, in its own process: prints time, count, max RSS."""
    import resource

    from newsfuse.annotate.nlp import PIPE_BATCH, load_nlp, parse_articles
    from newsfuse.extract import extract_article
    from newsfuse.pipeline import load

    articles = load(sorted(str(p) for p in BASIL.glob("*/*.json"))).articles
    nlp = load_nlp()
    texts = ["\n\n".join(a.paragraphs) for a in articles]
    t0 = time.perf_counter()
    if side == "spacy":
        for _ in nlp.pipe(texts, batch_size=PIPE_BATCH):
            pass
    else:
        for parsed in parse_articles(articles):
            extract_article(parsed)
    seconds = time.perf_counter() - t0
    rss_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    words = sum(len(t.split()) for t in texts)
    print(json.dumps({"n": len(texts), "words": words, "seconds": seconds, "rss_kb": rss_kb}))
    return 0


def _run_child(side: str) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, __file__, "--child", side], check=True, capture_output=True, text=True
    )
    result: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def bench_extract(repeat: int) -> list[tuple[str, str, float, str]]:
    """All 300 BASIL articles, each side (spaCy alone, spaCy + our extraction) in a fresh
    process so that its peak RSS is its own; best of ``repeat`` runs of each."""
    base = min((_run_child("spacy") for _ in range(repeat)), key=lambda r: r["seconds"])
    ours = min((_run_child("ours") for _ in range(repeat)), key=lambda r: r["seconds"])
    n = ours["n"]
    return [
        (
            f"article -> entities, quotes, figures, times (BASIL, all {n:.0f})",
            "spaCy parse only (same nlp, same texts)",
            n / ours["seconds"],
            f"{ours['seconds'] / base['seconds']:.2f}× the baseline's time "
            f"({n / base['seconds']:.1f} articles/s, {base['words'] / base['seconds']:.0f} "
            f"words/s baseline); peak RSS {ours['rss_kb'] / 1024:.0f} MiB vs "
            f"{base['rss_kb'] / 1024:.0f} MiB",
        ),
    ]


# Adversarial inputs for the scaling benchmark: each kind at sizes growing up to the
# issue's level (2 MB of prose, 10,000 quotation marks, 200 KB without a sentence).
# A kind stops growing once one run exceeds SCALING_BUDGET_S (the rest is "not run").
SCALING_BUDGET_S = 300.0


def _basil_sentences(files: int | None = None) -> list[str]:
    """The body sentences of over 40 characters of the first ``files`` BASIL articles (all)."""
    out: list[str] = []
    for p in sorted(BASIL.glob("*/*.json"))[:files]:
        for para in json.loads(p.read_text()).get("body-paragraphs", []):
            out.extend(s for s in para if isinstance(s, str) and len(s) > 40)
    return out


def adversarial(kind: str, size: int, sentences: list[str], seed: int = 5) -> str:
    """An article of ``kind`` at ``size`` (characters, or quote marks for "quotes")."""
    rng = random.Random(seed)
    vocab = sorted({w for s in sentences[:2000] for w in s.split() if w.isalpha() and w.islower()})
    paras: list[str] = []
    total = 0
    if kind == "prose":  # BASIL sentences, every sixth word swapped so that nothing repeats
        while total < size:
            ss = []
            for sent in rng.sample(sentences, rng.randint(2, 4)):
                ws = sent.split()
                for _ in range(max(1, len(ws) // 6)):
                    ws[rng.randrange(len(ws))] = rng.choice(vocab)
                ss.append(" ".join(ws))
            paras.append(" ".join(ss))
            total += len(paras[-1]) + 2
        return "\n\n".join(paras)
    if kind == "quotes":  # 8 marks a unit in every style, 4 units a paragraph
        units = []
        for _ in range(size // 8):
            a, b, c, d, e = (rng.choice(vocab) for _ in range(5))
            units.append(f"“{a.capitalize()} {b},” she said. ‘{c}’ and \"{d}\" or '{e}' {a}.")
        return "\n\n".join(" ".join(units[i : i + 4]) for i in range(0, len(units), 4))
    if kind == "unbalanced":  # openers never closed, stray closers, carried-over paragraphs
        marks = ["“", "”", '"', "‘", "’", "'"]
        while total < size:
            ws = [rng.choice(vocab) for _ in range(rng.randint(20, 60))]
            for _ in range(rng.randint(1, 4)):
                k = rng.randrange(len(ws))
                ws[k] = rng.choice(marks) + ws[k] if rng.random() < 0.6 else ws[k] + marks[1]
            lead = "“" if rng.random() < 0.5 else ""
            paras.append(lead + " ".join(ws).capitalize() + rng.choice([".", "", ","]))
            total += len(paras[-1]) + 2
        return "\n\n".join(paras)
    if kind == "nosentence":  # one run of words: no punctuation, no line break
        words: list[str] = []
        while total < size:
            words.append(rng.choice(vocab))
            total += len(words[-1]) + 1
        return " ".join(words)
    raise ValueError(kind)


# (kind, top size, steps below it, size factor per step, what the size counts)
SCALING_KINDS = (
    ("prose", 2_000_000, 3, 4, "characters of prose, paragraphs"),
    ("quotes", 10_000, 3, 2, "quotation marks, mixed styles"),
    ("unbalanced", 200_000, 4, 2, "characters, unclosed and stray quote marks"),
    ("nosentence", 200_000, 4, 2, "characters, one run of words without punctuation"),
)


def _fit_exponent(points: list[tuple[int, float]]) -> float | None:
    """Least-squares slope of log(time) on log(size): 1 is linear, 2 quadratic."""
    if len(points) < 2:
        return None
    xs = [math.log(s) for s, _ in points]
    ys = [math.log(t) for _, t in points]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum(
        (x - mx) ** 2 for x in xs
    )


def bench_scaling() -> list[str]:
    """Time of the CLI's brief path (read file -> prepare -> parse + extract -> JSON brief)
    per adversarial input size, and the fitted growth exponent."""
    from newsfuse.annotate.nlp import load_nlp
    from newsfuse.brief import compose, render
    from newsfuse.pipeline import load

    load_nlp()
    sentences = _basil_sentences()
    lines = [
        "| adversarial input | sizes run -> seconds (CLI brief path) | growth exponent |",
        "|---|---|---|",
    ]
    with tempfile.TemporaryDirectory() as tmp:
        for kind, top, steps, factor, what in SCALING_KINDS:
            points: list[tuple[int, float]] = []
            cells: list[str] = []
            for step in range(steps, -1, -1):
                size = top // factor**step
                if points and points[-1][1] > SCALING_BUDGET_S:
                    cells.append(f"{size:,}: not run")
                    continue
                path = Path(tmp) / f"{kind}{size}.txt"
                path.write_text(adversarial(kind, size, sentences), encoding="utf-8")
                t0 = time.perf_counter()
                result = load([str(path)])
                if result.articles:
                    render(compose(result.articles), "json")
                seconds = time.perf_counter() - t0
                points.append((size, seconds))
                cells.append(f"{size:,}: {seconds:.2f}")
                print(f"scaling {kind} {size}: {seconds:.2f}s", file=sys.stderr)
            slope = _fit_exponent(points)
            lines.append(
                f"| {kind}: up to {top:,} {what} | {'; '.join(cells)} | "
                f"{'n/a' if slope is None else f'{slope:.2f}'} |"
            )
    return lines


def synth_corpus(folder: Path, n: int, seed: int = 7) -> None:
    """``n`` distinct plain-text articles built from BASIL sentences, one file each."""
    rng = random.Random(seed)
    sentences = _basil_sentences(120)
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
    ap.add_argument("--child", choices=["spacy", "ours"], help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        return _extract_child(args.child)
    if not EXTRACTION.exists() or not BASIL.exists():
        print(f"benchmark inputs not found under {SHARED}/eval", file=sys.stderr)
        return 1
    rows = (
        bench_html(args.repeat)
        + bench_text(args.repeat)
        + bench_store(args.repeat)
        + bench_extract(1)
    )
    scaling = bench_scaling()
    lines = [
        f"Measured {time.strftime('%Y-%m-%d')} on {platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}; best of {args.repeat} runs, one process.",
        "",
        "| what | baseline (same run) | newsfuse items/s | relative to baseline |",
        "|---|---|---|---|",
        *[f"| {w} | {b} | {rate:.1f} | {rel} |" for w, b, rate, rel in rows],
        "",
        "The extraction row runs once per side, each side in a fresh process (peak RSS from",
        "`getrusage(RUSAGE_SELF).ru_maxrss`, model and the loaded articles included).",
        "Adversarial inputs: sizes growing 2x (4x for prose) up to the issue's level; a kind",
        f"stops once a run takes over {SCALING_BUDGET_S:.0f} s; exponent = least-squares slope",
        "of log time on log size over the sizes run (1 linear, 2 quadratic).",
        "",
        *scaling,
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
