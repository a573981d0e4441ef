"""Speed benchmarks: each figure is a ratio against a baseline measured in the same run.

    python bench/run.py [--write docs/benchmarks.md] [--repeat 3]
        [--only clusters|live|main|scaleout|html|store|extract]

Reads inputs from ../shared (dev parts only); writes nothing there. With
--write, the generated section of the given Markdown file (between the
BENCH:BEGIN/END markers) is replaced by this run's table, and the clustering
scale table (``--only clusters`` runs just that part) goes between the
BENCH-CLUSTERS:BEGIN/END markers, appended at the end of the file when absent.
"""

from __future__ import annotations

import argparse
import gzip
import json
import math
import os
import platform
import random
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from newsfuse.eval.cluster_data import ClusterDoc

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("NEWSFUSE_SHARED", ROOT.parent / "shared")).resolve()
EXTRACTION = SHARED / "eval" / "scrapinghub-article-extraction-benchmark"
BASIL = SHARED / "eval" / "basil-same-event-triplets" / "articles"
BEGIN, END = "<!-- BENCH:BEGIN -->", "<!-- BENCH:END -->"
CLUSTERS_BEGIN, CLUSTERS_END = "<!-- BENCH-CLUSTERS:BEGIN -->", "<!-- BENCH-CLUSTERS:END -->"
LIVE_BEGIN, LIVE_END = "<!-- BENCH-LIVE:BEGIN -->", "<!-- BENCH-LIVE:END -->"
SCALEOUT_BEGIN, SCALEOUT_END = "<!-- BENCH-SCALEOUT:BEGIN -->", "<!-- BENCH-SCALEOUT:END -->"
# Articles of the scale-out run: BASIL's 300 and the first 700 ECB+ documents.
SCALEOUT_ARTICLES = int(os.environ.get("NEWSFUSE_BENCH_SCALEOUT", "1000"))
# Pages in the live-ingest benchmark (served from loopback, listed by one feed).
LIVE_PAGES = 1000


def best_of(repeat: int, fn: Callable[[], int]) -> tuple[float, int]:
    """Best wall time of ``repeat`` runs (the least disturbed), and the item count."""
    times, n = [], 0
    for _ in range(repeat):
        t0 = time.perf_counter()
        n = fn()
        times.append(time.perf_counter() - t0)
    return min(times), n


def bench_html(repeat: int) -> list[tuple[str, str, float, str]]:
    """The HTML path (extraction, cleaning, annotation) against plain trafilatura.extract,
    as a ratio of times. Both are single-threaded and CPU-bound: each side's CPU time
    (process time) is measured, the two sides alternating, best of ``repeat`` - wall time
    on a shared machine measures the neighbours as much as the code."""
    import trafilatura

    from newsfuse.ingest.html import parse_html
    from newsfuse.pipeline import prepare

    pages = sorted(p for p in (EXTRACTION / "html").glob("*.html.gz") if p.name[0] in "01234567")
    htmls = [gzip.decompress(p.read_bytes()).decode("utf-8", "replace") for p in pages]

    def baseline() -> None:
        for h in htmls:
            trafilatura.extract(h)

    def ours() -> None:
        for i, h in enumerate(htmls):
            prepare(parse_html(f"page{i}.html", h))

    tb, to = math.inf, math.inf
    for _ in range(repeat):
        t0 = time.process_time()
        baseline()
        tb = min(tb, time.process_time() - t0)
        t0 = time.process_time()
        ours()
        to = min(to, time.process_time() - t0)
    n = len(htmls)
    return [
        (
            f"HTML page -> cleaned article (ScrapingHub dev, {n} pages; CPU time)",
            "trafilatura.extract",
            n / to,
            f"{to / tb:.2f}× the baseline's time ({n / tb:.1f} pages/s baseline)",
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


# The code the extraction speed-up (issue 13, item 5) started from: its parse + extraction is
# timed beside today's in every run, from a `git archive` of its src/ (see _baseline_src).
EXTRACT_BASELINE = "f96784e"


def _extract_child(side: str) -> int:
    """One side of the extraction benchmark, in its own process: CPU seconds, count, max RSS.

    "spacy" is a bare full parse (the stock model, spaCy's own settings, no extraction);
    "today" and "ours" parse and extract with whichever newsfuse is on the path.
    """
    import resource

    from newsfuse.pipeline import load

    articles = load(sorted(str(p) for p in BASIL.glob("*/*.json"))).articles
    texts = ["\n\n".join(a.paragraphs) for a in articles]
    if side == "spacy":
        import spacy

        from newsfuse.annotate.nlp import MODEL, PIPE_BATCH

        nlp = spacy.load(MODEL)
        list(nlp.pipe(texts[:2]))
        t0 = time.process_time()
        for _ in nlp.pipe(texts, batch_size=PIPE_BATCH):
            pass
    else:
        from newsfuse.annotate.nlp import load_nlp, parse_articles
        from newsfuse.extract import extract_article

        load_nlp()
        for parsed in parse_articles(articles[:2]):
            extract_article(parsed)
        t0 = time.process_time()
        for parsed in parse_articles(articles):
            extract_article(parsed)
    seconds = time.process_time() - t0
    rss_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    words = sum(len(t.split()) for t in texts)
    print(json.dumps({"n": len(texts), "words": words, "seconds": seconds, "rss_kb": rss_kb}))
    return 0


def _run_child(side: str) -> dict[str, float]:
    env = dict(os.environ)
    if side == "today":
        env["PYTHONPATH"] = str(_baseline_src(EXTRACT_BASELINE))
    out = subprocess.run(
        [sys.executable, __file__, "--child", side],
        check=True,
        capture_output=True,
        text=True,
        env=env,
    )
    result: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def bench_extract(repeat: int) -> list[tuple[str, str, float, str]]:
    """All 300 BASIL articles, parse + extraction, today's code beside EXTRACT_BASELINE's
    and beside a bare full spaCy parse, each run in a fresh process (its peak RSS its own),
    timed in CPU seconds (one core: the machine is shared), sides alternating, best of
    ``repeat``."""
    runs: dict[str, list[dict[str, float]]] = {"spacy": [], "today": [], "ours": []}
    for _ in range(repeat):
        for side, found in runs.items():
            found.append(_run_child(side))
    bare, today, ours = (min(r, key=lambda x: x["seconds"]) for r in runs.values())
    n = ours["n"]
    return [
        (
            f"article -> entities, quotes, figures, times (BASIL, all {n:.0f}), per core",
            f"the same parse + extraction at {EXTRACT_BASELINE} (before the speed-up)",
            n / ours["seconds"],
            f"{today['seconds'] / ours['seconds']:.2f}× the baseline's articles/s "
            f"({n / today['seconds']:.1f} articles/s, {ours['seconds']:.1f} vs "
            f"{today['seconds']:.1f} CPU s); {bare['seconds'] / ours['seconds']:.2f}× a bare "
            f"full spaCy parse's rate ({n / bare['seconds']:.1f} articles/s); peak RSS "
            f"{ours['rss_kb'] / 1024:.0f} MiB vs {today['rss_kb'] / 1024:.0f} MiB",
        ),
    ]


# The commit before the cross-source layer was rebuilt (matcher by meaning, claims view):
# its `newsfuse brief` is timed beside today's, as a whole process each (start-up, model
# loads and all), from a `git archive` of its src/ run with today's environment.
BRIEF_BASELINE = "08c50d2"
# A three-article BASIL dev event (Boehner's one-in-three chance, 2012).
BRIEF_EVENT = "2012/f11c2566-848a-4e29-b8c5-4de0a81114e4"
_BRIEF = "import sys; sys.argv[0] = 'newsfuse'; from newsfuse.cli.app import main; main()"


def _baseline_src(commit: str = BRIEF_BASELINE) -> Path:
    """src/ of ``commit``, exported once into bench/out/."""
    folder = ROOT / "bench" / "out" / f"baseline-{commit}"
    if not (folder / "src" / "newsfuse").is_dir():
        folder.mkdir(parents=True, exist_ok=True)
        archive = subprocess.run(
            ["git", "-C", str(ROOT), "archive", commit, "src"],
            check=True,
            capture_output=True,
        ).stdout
        subprocess.run(["tar", "-x", "-C", str(folder)], input=archive, check=True)
    return folder / "src"


def _time_brief(paths: list[str], pythonpath: Path | None) -> float:
    env = dict(os.environ)
    if pythonpath is not None:
        env["PYTHONPATH"] = str(pythonpath)
    t0 = time.perf_counter()
    subprocess.run(
        [sys.executable, "-c", _BRIEF, "brief", *paths, "--format", "json"],
        check=True,
        capture_output=True,
        env=env,
        cwd=ROOT,
    )
    return time.perf_counter() - t0


def bench_brief(repeat: int) -> list[tuple[str, str, float, str]]:
    """`newsfuse brief` of the seeds and of a three-article dev event, each a whole
    process, today's code beside BRIEF_BASELINE's (best of ``repeat``, alternating)."""
    baseline = _baseline_src()
    inputs = {
        "seeds (2 articles)": sorted(str(p) for p in (SHARED / "seeds").glob("*.txt")),
        "BASIL dev event (3 articles)": sorted(str(p) for p in BASIL.glob(f"{BRIEF_EVENT}_*.json")),
    }
    rows = []
    for name, paths in inputs.items():
        ours, base = [], []
        for _ in range(repeat):
            base.append(_time_brief(paths, baseline))
            ours.append(_time_brief(paths, None))
        to, tb = min(ours), min(base)
        rows.append(
            (
                f"`newsfuse brief` of the {name}, whole process",
                f"the same command at {BRIEF_BASELINE} (before this rebuild)",
                1 / to,
                f"{to / tb:.2f}× the baseline's time ({to:.2f} s vs {tb:.2f} s)",
            )
        )
    return rows


def bench_brief_warm() -> list[tuple[str, str, float, str]]:
    """A second brief in the same process: the models are loaded once per process."""
    from newsfuse.briefing import compose
    from newsfuse.pipeline import load

    articles = load(sorted(str(p) for p in BASIL.glob(f"{BRIEF_EVENT}_*.json"))).articles
    t0 = time.perf_counter()
    compose(articles)
    first = time.perf_counter() - t0
    t0 = time.perf_counter()
    compose(articles)
    second = time.perf_counter() - t0
    return [
        (
            "brief of the dev event again, in the same process",
            "the first brief of the process (models loaded)",
            1 / second,
            f"{second / first:.2f}× the first's time ({second:.2f} s vs {first:.2f} s)",
        )
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
    from newsfuse.briefing import compose, render
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


def alternating(repeat: int, sides: dict[str, Callable[[], int]]) -> dict[str, tuple[float, float]]:
    """Each side's best wall time and best CPU time (this process) over ``repeat`` rounds,
    the sides run in turn within each round so that a load spike on the shared machine
    falls on all of them alike."""
    best: dict[str, tuple[float, float]] = {}
    for _ in range(repeat):
        for name, fn in sides.items():
            c0, t0 = time.process_time(), time.perf_counter()
            fn()
            wall, cpu = time.perf_counter() - t0, time.process_time() - c0
            old = best.get(name, (wall, cpu))
            best[name] = (min(old[0], wall), min(old[1], cpu))
    return best


def bench_store(repeat: int) -> list[tuple[str, str, float, str]]:
    from newsfuse.cluster.online import StoryClusterer
    from newsfuse.model import Article
    from newsfuse.pipeline import iter_articles
    from newsfuse.store import Store, ingest_paths
    from newsfuse.store.ingest import DEFAULT_BATCH_SIZE
    from newsfuse.store.stories import assign

    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        synth_corpus(corpus, 1000)
        runs = iter(range(10_000))

        def baseline() -> int:
            return sum(isinstance(a, Article) for a in iter_articles([str(corpus)]))

        def clustered() -> int:
            # the same pipeline and the same clustering (same batches, same order) in
            # memory: what the store adds on top of it is SQLite and the saved state
            clusterer, batch, n = StoryClusterer(), [], 0
            for a in iter_articles([str(corpus)]):
                if isinstance(a, Article):
                    batch.append(a)
                    if len(batch) == DEFAULT_BATCH_SIZE:
                        n += len(assign(clusterer, batch))
                        batch = []
            return n + len(assign(clusterer, batch))

        def ours() -> int:
            with Store.open(Path(tmp) / f"b{next(runs)}.db") as store:
                return ingest_paths(store, [str(corpus)]).new

        splits: list[tuple[float, float, float]] = []

        def ours_split() -> int:
            """The store's ingest with the CPU time of its pipeline (read, clean, annotate)
            and of its clustering counted as it runs: the split is measured in the same
            seconds for all three parts, so a load swing between runs cannot skew it."""
            import newsfuse.store.core as store_core
            import newsfuse.store.ingest as store_ingest

            spent = {"pipeline": 0.0, "clustering": 0.0}
            real_iter, real_assign = store_ingest.iter_articles, store_core.assign

            def timed_iter(*args: Any, **kwargs: Any) -> Any:
                items = real_iter(*args, **kwargs)
                while True:
                    c0 = time.process_time()
                    item = next(items, None)
                    spent["pipeline"] += time.process_time() - c0
                    if item is None:
                        return
                    yield item

            def timed_assign(*args: Any, **kwargs: Any) -> Any:
                c0 = time.process_time()
                try:
                    return real_assign(*args, **kwargs)
                finally:
                    spent["clustering"] += time.process_time() - c0

            store_ingest.iter_articles = timed_iter  # type: ignore[assignment]
            store_core.assign = timed_assign  # type: ignore[assignment]
            try:
                c0 = time.process_time()
                n = ours()
                total = time.process_time() - c0
            finally:
                store_ingest.iter_articles, store_core.assign = real_iter, real_assign
            splits.append((total, spent["pipeline"], spent["clustering"]))
            return n

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
        n = ours()  # warm-up: imports, the spaCy stop words, page cache
        best = alternating(repeat, {"base": baseline, "clustered": clustered, "ours": ours})
        for _ in range(repeat):
            ours_split()
        best_of(1, resume)
        tr = min(resume_times)
    (tb, cb), (tk, ck), (to, co) = best["base"], best["clustered"], best["ours"]
    for name, (wall, cpu) in best.items():
        print(f"store bench {name}: best wall {wall:.2f}s, best CPU {cpu:.2f}s", file=sys.stderr)
    # within single runs: total / (pipeline + clustering), the median run
    within = sorted(total / (pipe + clus) for total, pipe, clus in splits)[len(splits) // 2]
    store_s = sorted(total - pipe - clus for total, pipe, clus in splits)[len(splits) // 2]
    print(f"store bench within runs (total, pipeline, clustering): {splits}", file=sys.stderr)
    return [
        (
            "1,000 text articles -> SQLite store (WAL, FTS5), clustering included",
            "same pipeline, no store, no clustering",
            n / to,
            f"{co / cb:.2f}× the baseline's CPU time ({to / tb:.2f}× by wall clock; "
            f"{n / tb:.0f} articles/s baseline)",
        ),
        (
            "the same ingest: the store's own overhead",
            "same pipeline with clustering in memory, no store",
            n / to,
            f"{co / ck:.2f}× the baseline's CPU time ({to / tk:.2f}× by wall clock; "
            f"{n / tk:.0f} articles/s baseline); within single runs {within:.2f}× "
            f"(the store's part {store_s:.2f} s CPU)",
        ),
        (
            "re-ingest of the same 1,000 (nothing new)",
            "first ingest of them",
            n / tr,
            f"{tr / to:.3f}× the first ingest's time",
        ),
    ]


# --------------------------------------------------------------------------- live sources


def _live_site(folder: Path) -> tuple[subprocess.Popen[bytes], str]:
    """Python's own static file server over ``folder``, in another process (as a real site
    would be: its work does not compete with ours for the interpreter); it answers
    If-Modified-Since with 304. (process, base URL)"""
    import socket
    import urllib.request

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    proc = subprocess.Popen(
        [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1",
         "--directory", str(folder)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            urllib.request.urlopen(f"{base}/feed.xml", timeout=1).close()
            break
        except OSError:
            time.sleep(0.05)
    return proc, base


def bench_live(repeat: int) -> list[tuple[str, str, float, str]]:
    """1,000 pages listed by a loopback feed -> the store, against the same pages as files."""
    import html

    from newsfuse.ingest.fetch import FetchOptions
    from newsfuse.store import Store, ingest_paths

    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        synth_corpus(corpus, LIVE_PAGES)
        files = Path(tmp) / "pages"
        (files / "news").mkdir(parents=True)
        names = []
        for f in sorted(corpus.glob("*.txt")):
            paras = f.read_text().split("\n\n")[1:]
            body = "".join(f"<p>{html.escape(p)}</p>" for p in paras)
            page = (
                f"<!doctype html><html><head><meta charset='utf-8'><title>{f.stem}</title>"
                f"</head><body><article><h1>{f.stem}</h1>{body}</article></body></html>"
            )
            (files / "news" / f"{f.stem}.html").write_text(page, encoding="utf-8")
            names.append(f"/news/{f.stem}.html")
        (files / "feed.xml").write_text("<rss/>")  # replaced once the port is known
        server, base = _live_site(files)
        items = "".join(f"<item><title>{p}</title><link>{base}{p}</link></item>" for p in names)
        (files / "feed.xml").write_text(
            f'<?xml version="1.0"?><rss version="2.0"><channel><title>bench</title>{items}'
            "</channel></rss>",
            encoding="utf-8",
        )
        old = time.time() - 3600  # Last-Modified an hour ago: a re-poll's date matches it
        os.utime(files / "feed.xml", (old, old))
        fetch = FetchOptions(allow_private=True, delay_s=0.0)
        runs = iter(range(10_000))
        repoll: list[float] = []

        def baseline() -> int:
            with Store.open(Path(tmp) / f"f{next(runs)}.db") as store:
                return ingest_paths(store, [str(files / "news")]).new

        def ours() -> int:
            db = Path(tmp) / f"l{next(runs)}.db"
            with Store.open(db) as store:
                n = ingest_paths(store, [f"{base}/feed.xml"], fetch=fetch).new
            t0 = time.perf_counter()
            with Store.open(db) as store:
                ingest_paths(store, [f"{base}/feed.xml"], fetch=fetch)
            repoll.append(time.perf_counter() - t0)
            return n

        try:
            tb, n = best_of(repeat, baseline)
            to, n_live = best_of(repeat, ours)
        finally:
            server.terminate()
            server.wait()
    assert n_live == n == LIVE_PAGES, (n_live, n)
    return [
        (
            "1,000 HTML pages from a loopback RSS feed -> store (8 fetch threads, no delay)",
            "the same pages as local files -> store",
            n / to,
            f"{to / tb:.2f}× the baseline's time ({n / tb:.1f} articles/s baseline)",
        ),
        (
            "re-poll of that feed (HTTP 304: nothing downloaded)",
            "first ingest of it",
            1 / min(repoll),
            f"{min(repoll) * 1000:.0f} ms per poll",
        ),
    ]


# --------------------------------------------------------------------------- clustering scale

# Corpus sizes of the clustering benchmark, and sizes the offline baseline is tried at.
CLUSTER_SIZES = (1_000, 10_000, 100_000)
CLUSTER_BASELINE_SIZES = (1_000, 5_000, 10_000)
# The baseline's distance threshold (the dev-tuned one, as in ``newsfuse eval clusters``).
BASELINE_THRESHOLD = 0.79
# A baseline size is skipped when its dense TF-IDF matrix and pairwise distances would
# need more than this, or when its time, extrapolated quadratically, exceeds the budget.
BASELINE_MEMORY_LIMIT = 4 * 1024**3
BASELINE_BUDGET_S = 600.0
# Days between two generated copies of one source document: over the clusterer's date
# window, so that each generation of copies is a separate story, as in a news stream.
GENERATION_DAYS = 30
# Perturbation of a copy: share of sentences dropped, share of words swapped with the next.
DROP_SENTENCE = 0.1
SWAP_WORD = 0.05
# ECB+ has no dates: topic t gets a synthetic base date, ECB_TOPIC_DAYS * t after this.
ECB_EPOCH = date(2012, 1, 1)
ECB_TOPIC_DAYS = 40

_SENTENCE_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[\"“‘(]?[A-Z0-9])")


def _cluster_sources() -> list[ClusterDoc]:
    """All BASIL (300) and ECB+ (982) documents, ECB+ given a synthetic date per topic."""
    from newsfuse.eval.cluster_data import load_basil, load_ecbplus

    basil_root = SHARED / "eval" / "basil-same-event-triplets"
    ecb_root = SHARED / "eval" / "ecbplus-event-clusters"
    docs = load_basil(basil_root, "dev") + load_basil(basil_root, "test")
    for i, d in enumerate(
        d for split in ("train", "dev", "test") for d in load_ecbplus(ecb_root, split)
    ):
        day = ECB_EPOCH + timedelta(days=ECB_TOPIC_DAYS * int(d.topic) + i % 3)
        docs.append(replace(d, published=day.isoformat()))
    return docs


def _perturb(text: str, rng: random.Random) -> str:
    """``text`` with ~DROP_SENTENCE of its sentences dropped (one at least kept) and
    ~SWAP_WORD of its words swapped with the next one (the same words, other shingles)."""
    paras = [_SENTENCE_SPLIT.split(p) for p in text.split("\n\n")]
    keep = [[rng.random() >= DROP_SENTENCE for _ in p] for p in paras]
    if not any(k for ks in keep for k in ks):
        keep = [[True] * len(p) for p in paras]
    out = []
    for para, ks in zip(paras, keep, strict=True):
        words = " ".join(s for s, k in zip(para, ks, strict=True) if k).split()
        for _ in range(round(len(words) * SWAP_WORD)):
            k = rng.randrange(len(words) - 1)
            words[k : k + 2] = words[k : k + 2][::-1]
        if words:
            out.append(" ".join(words))
    return "\n\n".join(out)


def cluster_corpus(n: int, seed: int = 11) -> list[ClusterDoc]:
    """``n`` articles made from all BASIL and ECB+ documents, cycling through them: copy
    ``k`` of a document (its ``k``-th generation) gets a new id, a light perturbation
    and its date moved ``GENERATION_DAYS * k`` days on; its gold label is the source's
    story and ``k``. Sorted by (date, id), the order a stream delivers them in."""
    rng = random.Random(seed)
    sources = _cluster_sources()
    out = []
    for i in range(n):
        k, src = divmod(i, len(sources))
        src = sources[src]
        assert src.published is not None
        day = date.fromisoformat(src.published) + timedelta(days=GENERATION_DAYS * k)
        out.append(
            replace(
                src,
                id=f"{src.id}#{k}",
                text=_perturb(src.text, rng),
                published=day.isoformat(),
                label=f"{src.label}#{k}",
                topic=f"{src.topic}#{k}",
            )
        )
    out.sort(key=lambda d: (d.published or "", d.id))
    return out


def _peak_kb() -> int:
    """This process's peak resident set in KiB: VmHWM belongs to the process's own memory
    map, where ``ru_maxrss`` survives exec and reports a big parent's peak in a child."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _rss_kb() -> int:
    """The current resident set size in KiB (Linux /proc; 0 elsewhere)."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
    except (OSError, IndexError, ValueError):
        return 0
    return pages * os.sysconf("SC_PAGE_SIZE") // 1024


def _cluster_child(n: int, baseline: bool) -> int:
    """Cluster an ``n``-article corpus in this fresh process; print one JSON line."""
    import gc

    from newsfuse.cluster.features import features
    from newsfuse.cluster.online import StoryClusterer
    from newsfuse.eval.cluster_baseline import tfidf_agglomerative
    from newsfuse.eval.cluster_metrics import b_cubed

    docs = cluster_corpus(n)
    gc.collect()
    corpus_kb = _rss_kb()
    side = "baseline" if baseline else "newsfuse"
    print(f"clusters {side} {n}: corpus built, RSS {corpus_kb / 1024:.0f} MiB", file=sys.stderr)
    result: dict[str, Any] = {"n": len(docs), "corpus_kb": corpus_kb}
    if baseline:
        t0 = time.perf_counter()
        pred = tfidf_agglomerative(docs, threshold=BASELINE_THRESHOLD)
        result["seconds"] = time.perf_counter() - t0
    else:
        clusterer = StoryClusterer()
        t_feat = t_add = 0.0
        step = max(1, len(docs) // 10)
        t_start = time.perf_counter()
        for i, d in enumerate(docs, 1):
            t0 = time.perf_counter()
            feats = features(d.title, d.text, d.published)
            t1 = time.perf_counter()
            try:
                clusterer.add(d.id, feats, d.text)
            except Exception as exc:  # reported in the table, not hidden
                result["error"] = f"failed at article {i:,}: {type(exc).__name__} {exc}"
                print(json.dumps(result))
                raise
            t_feat += t1 - t0
            t_add += time.perf_counter() - t1
            if i % step == 0:
                print(
                    f"clusters {side} {n}: {i:,} articles, {time.perf_counter() - t_start:.0f} s,"
                    f" {len(clusterer.stories):,} stories, RSS {_rss_kb() / 1024:.0f} MiB",
                    file=sys.stderr,
                )
        result |= {
            "seconds": t_feat + t_add,
            "features_s": t_feat,
            "add_s": t_add,
            "merges": sum(e.kind == "merged" for e in clusterer.events),
            "copies": len(clusterer.copies),
        }
        pred = clusterer.labels(d.id for d in docs)
    result["peak_kb"] = _peak_kb()
    result["stories"] = len(set(pred))
    result["gold"] = len({d.label for d in docs})
    result["b3_f1"] = b_cubed([d.label for d in docs], pred)[2]
    print(json.dumps(result))
    return 0


def _run_cluster_child(n: int, baseline: bool = False) -> dict[str, Any]:
    """One clustering run in a fresh process (its progress goes to stderr); a run that
    fails comes back with "error" set."""
    cmd = [sys.executable, __file__, "--cluster-child", str(n)]
    out = subprocess.run(cmd + ["--cluster-baseline"] * baseline, stdout=subprocess.PIPE, text=True)
    lines = out.stdout.strip().splitlines()
    result: dict[str, Any] = json.loads(lines[-1]) if lines else {}
    if out.returncode != 0:
        result.setdefault("error", f"failed (exit status {out.returncode})")
    side = "baseline" if baseline else "newsfuse"
    if "error" in result:
        print(f"clusters {side} {n}: {result['error']}", file=sys.stderr)
    else:
        print(
            f"clusters {side} {n}: {result['seconds']:.1f} s, "
            f"peak RSS {result['peak_kb'] / 1024:.0f} MiB",
            file=sys.stderr,
        )
    return result


def _baseline_bytes(n: int) -> int:
    """Memory the baseline needs at ``n`` articles: its dense TF-IDF matrix (twice, as it is
    densified) and the condensed pairwise distances with the linkage's working copy."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    vocabulary = len(
        TfidfVectorizer(stop_words="english").fit([d.text for d in _cluster_sources()]).vocabulary_
    )
    return 2 * n * vocabulary * 8 + n * n * 8


def bench_clusters(sizes: tuple[int, ...] = CLUSTER_SIZES) -> list[str]:
    """Online clustering of 1k-100k generated articles (features + StoryClusterer.add, in
    date order), each size in a fresh process; beside it, the offline TF-IDF +
    agglomerative baseline at the sizes it can run at."""
    ours = {n: _run_cluster_child(n) for n in sizes}
    base: dict[int, dict[str, Any] | str] = {}
    last: tuple[int, float] | None = None
    for n in sorted(set(CLUSTER_BASELINE_SIZES) | set(sizes)):
        need = _baseline_bytes(n)
        guess = last[1] * (n / last[0]) ** 2 if last else 0.0
        if need > BASELINE_MEMORY_LIMIT:
            base[n] = f"not run: needs ~{need / 1024**3:.0f} GB"
        elif guess > BASELINE_BUDGET_S:
            base[n] = f"not run: ~{guess:.0f} s expected"
        else:
            result = _run_cluster_child(n, baseline=True)
            base[n] = result.get("error", result)
            last = (n, result["seconds"]) if "error" not in result else last
    done = {n: r for n, r in ours.items() if "error" not in r}
    slope = _fit_exponent([(n, r["seconds"]) for n, r in done.items()])

    def mib(kb: float) -> str:
        return f"{kb / 1024:,.0f} MiB"

    lines = [
        "| articles | newsfuse: features + clustering s | articles/s | peak RSS over corpus "
        "(total) | stories (gold) | merges | syndicated | B3 F1 | TF-IDF + agglomerative "
        "(same corpus) | newsfuse relative to baseline |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for n in sorted(set(ours) | set(base)):
        o, b = done.get(n), base.get(n)
        if o is None:
            cells = [ours[n]["error"] if n in ours else "not run"] + ["n/a"] * 6
        else:
            cells = [
                f"{o['features_s']:.1f} + {o['add_s']:.1f} = {o['seconds']:.1f}",
                f"{n / o['seconds']:,.0f}",
                f"{mib(o['peak_kb'] - o['corpus_kb'])} ({mib(o['peak_kb'])})",
                f"{o['stories']:,.0f} ({o['gold']:,.0f})",
                f"{o['merges']:,.0f}",
                f"{o['copies']:,.0f}",
                f"{o['b3_f1']:.3f}",
            ]
        if isinstance(b, dict):
            cells.append(
                f"{b['seconds']:.1f} s, {n / b['seconds']:,.0f} articles/s, "
                f"{mib(b['peak_kb'] - b['corpus_kb'])} over corpus, {b['stories']:,.0f} "
                f"stories, B3 F1 {b['b3_f1']:.3f}"
            )
            cells.append(f"{b['seconds'] / o['seconds']:.1f}× the rate" if o is not None else "n/a")
        else:
            cells += [b or "not run", "n/a"]
        lines.append(f"| {n:,} | " + " | ".join(cells) + " |")
    return [
        f"Measured {time.strftime('%Y-%m-%d')} on {platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}; one run per size, each in a fresh process.",
        "",
        f"Corpus: all 300 BASIL and 982 ECB+ documents, cycled; copy k of a document has "
        f"~{DROP_SENTENCE:.0%} of its",
        f"sentences dropped, ~{SWAP_WORD:.0%} of its words swapped with the next, and its "
        f"date moved {GENERATION_DAYS} × k days on (ECB+",
        "documents get a synthetic date per topic), so each generation is a new set of "
        "stories (gold: source story + k).",
        "Articles go through `features` and `StoryClusterer.add` one at a time in date "
        "order (syndication check",
        "included); peak RSS is the child's VmHWM, less the RSS once the corpus is built. The "
        "baseline (threshold",
        f"{BASELINE_THRESHOLD}) is skipped where its dense matrix and distances would need "
        f"over {BASELINE_MEMORY_LIMIT / 1024**3:.0f} GB or its quadratic",
        f"extrapolation over {BASELINE_BUDGET_S:.0f} s.",
        "",
        *lines,
        "",
        f"Growth exponent of newsfuse's time over {', '.join(f'{n:,}' for n in done)} "
        f"articles: {'n/a' if slope is None else f'{slope:.2f}'} (1 linear, 2 quadratic).",
    ]


def _write_section(path: Path, begin: str, end: str, table: str) -> None:
    """Replace the text between ``begin`` and ``end`` in ``path`` (markers appended at the
    end when absent; the file created when missing)."""
    text = path.read_text() if path.exists() else "# Benchmarks\n"
    if begin not in text or end not in text:
        text = f"{text.rstrip()}\n\n{begin}\n{end}\n"
    head, _, rest = text.partition(begin)
    _, _, tail = rest.partition(end)
    path.write_text(f"{head}{begin}\n{table}\n{end}{tail}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--write", type=Path, help="Markdown file whose BENCH sections to replace")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument(
        "--only",
        choices=["clusters", "live", "main", "html", "store", "extract", "scaleout"],
        help="run only this part (clusters, live, main, scaleout: and write only its "
        "section; html, store, extract: print its rows, write nothing)",
    )
    ap.add_argument("--child", choices=["spacy", "today", "ours"], help=argparse.SUPPRESS)
    ap.add_argument("--cluster-child", type=int, metavar="N", help=argparse.SUPPRESS)
    ap.add_argument("--cluster-baseline", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        return _extract_child(args.child)
    if args.cluster_child:
        return _cluster_child(args.cluster_child, args.cluster_baseline)
    if not EXTRACTION.exists() or not BASIL.exists():
        print(f"benchmark inputs not found under {SHARED}/eval", file=sys.stderr)
        return 1
    if args.only in (None, "scaleout"):
        scaleout = _scaleout_table()
        print(scaleout)
        if args.write:
            _write_section(args.write, SCALEOUT_BEGIN, SCALEOUT_END, scaleout)
        if args.only == "scaleout":
            return 0
    if args.only in ("html", "store", "extract"):
        part = {"html": bench_html, "store": bench_store, "extract": bench_extract}[args.only]
        for what, base, rate, rel in part(args.repeat):
            print(f"| {what} | {base} | {rate:.1f} | {rel} |")
        return 0
    if args.only in (None, "live"):
        live = _live_table(args.repeat)
        print(live)
        if args.write:
            _write_section(args.write, LIVE_BEGIN, LIVE_END, live)
        if args.only == "live":
            return 0
    if args.only in (None, "main"):
        table = _main_table(args.repeat)
        print(table)
        if args.write:
            _write_section(args.write, BEGIN, END, table)
        if args.only == "main":
            return 0
    clusters = "\n".join(bench_clusters())
    print(clusters)
    if args.write:
        _write_section(args.write, CLUSTERS_BEGIN, CLUSTERS_END, clusters)
    return 0


def _store_contents(db: Path) -> tuple[Any, ...]:
    """Everything a scale-out run must leave as a serial run does: the articles, their
    kept extractions and the stories with their members."""
    import sqlite3

    queries = (
        "SELECT id, path, title, published, paragraphs, body FROM articles ORDER BY id",
        "SELECT article_id, version, data FROM extractions ORDER BY 1",
        "SELECT story_id, article_id FROM story_articles ORDER BY 1, 2",
    )
    with sqlite3.connect(db) as conn:
        return tuple(conn.execute(q).fetchall() for q in queries)


def _scaleout_table() -> str:
    """1,000 BASIL and ECB+ articles through `newsfuse ingest` with extraction: one
    process, --workers 2, --dask local with 2 workers; whole processes, wall clock."""
    sources = _cluster_sources()[:SCALEOUT_ARTICLES]
    runs = {
        "one process": [],
        "--workers 2": ["--workers", "2"],
        "--dask local --workers 2": ["--dask", "local", "--workers", "2"],
    }
    rows, contents = [], {}
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        for i, d in enumerate(sources):
            head = (
                f"title {d.title}\ndate {d.published}\n\n" if d.title else f"date {d.published}\n\n"
            )
            (corpus / f"a{i:04d}.txt").write_text(head + d.text, encoding="utf-8")
        for name, extra in runs.items():
            db = Path(tmp) / f"{len(contents)}.db"
            t0 = time.perf_counter()
            subprocess.run(
                [sys.executable, "-m", "newsfuse.cli.app", "ingest", str(corpus), "--db", str(db),
                 *extra],
                check=True, capture_output=True, cwd=ROOT,
            )  # fmt: skip
            seconds = time.perf_counter() - t0
            contents[name] = _store_contents(db)
            rows.append((name, seconds))
    serial = contents["one process"]
    n_articles, n_ex = len(serial[0]), len(serial[1])
    base = rows[0][1]
    lines = [
        f"Measured {time.strftime('%Y-%m-%d')} on {platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}; one run each, whole `newsfuse ingest` processes "
        "(model loading and Dask start-up included), wall clock.",
        "",
        f"{n_articles:,} articles (BASIL and ECB+) through ingest with extraction: "
        f"{n_ex:,} extractions kept, {len({s for s, _ in serial[2]}):,} stories.",
        "",
        "| run | seconds | articles/s | relative to one process | same store as one process |",
        "|---|---|---|---|---|",
    ]
    for name, seconds in rows:
        same = "yes" if contents[name] == serial else "**no**"
        lines.append(
            f"| {name} | {seconds:.1f} | {n_articles / seconds:.1f} | "
            f"{seconds / base:.2f}× the time | {same} |"
        )
    return "\n".join(lines)


def _live_table(repeat: int) -> str:
    """The live-ingest rows (the BENCH-LIVE section)."""
    rows = bench_live(repeat)
    return "\n".join(
        [
            f"Measured {time.strftime('%Y-%m-%d')} on {platform.machine()}, "
            f"{os.cpu_count()} cores, Python {platform.python_version()}; best of {repeat} "
            "runs; the site is Python's `http.server` in another process on loopback.",
            "",
            "| what | baseline (same run) | newsfuse items/s | relative to baseline |",
            "|---|---|---|---|",
            *[f"| {w} | {b} | {rate:.1f} | {rel} |" for w, b, rate, rel in rows],
        ]
    )


def _main_table(repeat: int) -> str:
    """The speed table and the adversarial scaling table (the BENCH section)."""
    rows = bench_html(repeat) + bench_text(repeat) + bench_store(repeat) + bench_extract(repeat)
    rows += bench_brief(repeat) + bench_brief_warm()
    scaling = bench_scaling()
    lines = [
        f"Measured {time.strftime('%Y-%m-%d')} on {platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}; best of {repeat} runs, one process.",
        "",
        "| what | baseline (same run) | newsfuse items/s | relative to baseline |",
        "|---|---|---|---|",
        *[f"| {w} | {b} | {rate:.1f} | {rel} |" for w, b, rate, rel in rows],
        "",
        "The extraction row: CPU seconds (`time.process_time`, one core) of parse + extraction,",
        f"today's code, {EXTRACT_BASELINE}'s and a bare full spaCy parse (stock model, no",
        "extraction) alternating, each run in a fresh process (peak RSS from",
        "`getrusage(RUSAGE_SELF).ru_maxrss`, model and the loaded articles included).",
        "Adversarial inputs: sizes growing 2x (4x for prose) up to the issue's level; a kind",
        f"stops once a run takes over {SCALING_BUDGET_S:.0f} s; exponent = least-squares slope",
        "of log time on log size over the sizes run (1 linear, 2 quadratic).",
        "",
        *scaling,
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
