"""spaCy's memory zone on a worker's extraction: the same records, and the memory it saves.

    python bench/memzone.py compare           # BASIL's 300 articles, with and without
    python bench/memzone.py memory [--n 3000]  # one worker process's RSS over a long run

Each side runs in a fresh process that extracts as an engine's worker does
(``pipeline.extract`` over partitions of ``PARTITION_SIZE`` articles). ``compare``
prints whether every record (entities, quotes, figures, times, sentences) is the same
with the zone as without; ``memory`` extracts ``--n`` articles of the bench corpus
(``run.cluster_corpus``: BASIL and ECB+ documents cycled, lightly perturbed) and
prints the process's resident set as it goes, its peak, and the size of spaCy's
string store at the end. Reads ../shared (never writes there).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import run as bench  # bench/run.py: BASIL, cluster_corpus, _rss_kb, _peak_kb

# Articles between two samples of the resident set in ``memory``.
SAMPLE_EVERY = 250


def _basil_articles() -> Iterator[object]:
    from newsfuse.pipeline import load

    paths = sorted(str(p) for p in bench.BASIL.glob("*/*.json"))
    yield from load(paths).articles


def _corpus_articles(n: int) -> Iterator[object]:
    from newsfuse.model import RawDocument
    from newsfuse.pipeline import prepare

    for d in bench.cluster_corpus(n):
        raw = RawDocument(
            path=d.id,
            format="text",
            body=d.text,
            title=d.title or None,
            date=d.published,
            date_from="header" if d.published else "none",
        )
        article = prepare(raw)
        if article.paragraphs:
            yield article


def _child(kind: str, zone: bool, n: int, out: Path) -> None:
    """One side in this fresh process: extract in partitions, write records or samples."""
    from itertools import islice

    from newsfuse.annotate.nlp import load_nlp
    from newsfuse.parallel import PARTITION_SIZE
    from newsfuse.pipeline import extract

    nlp = load_nlp()
    articles = _basil_articles() if kind == "compare" else _corpus_articles(n)
    done, samples = 0, [(0, bench._rss_kb())]
    t0 = time.process_time()
    with out.open("w", encoding="utf-8") as f:
        while part := list(islice(articles, PARTITION_SIZE)):
            for x in extract(part, memory_zone=zone):  # type: ignore[arg-type]
                if kind == "compare":
                    f.write(json.dumps(x.to_dict(), ensure_ascii=False, sort_keys=True) + "\n")
            before, done = done, done + len(part)
            if done // SAMPLE_EVERY > before // SAMPLE_EVERY:
                samples.append((done, bench._rss_kb()))
        summary = {
            "articles": done,
            "cpu_s": time.process_time() - t0,
            "rss_kb": samples,
            "peak_kb": bench._peak_kb(),
            "strings": len(nlp.vocab.strings),
        }
        f.write(json.dumps({"summary": summary}) + "\n")


def _sides(kind: str, n: int, tmp: Path) -> dict[bool, tuple[list[str], dict[str, Any]]]:
    """Both sides at once, each in its own process (one core each: the resident sets and
    CPU seconds measured are each process's own)."""
    outs = {zone: tmp / f"{kind}-{int(zone)}.jsonl" for zone in (False, True)}
    procs = [
        subprocess.Popen([sys.executable, __file__, "_child", kind, str(int(z)), str(n), str(o)])
        for z, o in outs.items()
    ]
    if any(p.wait() for p in procs):
        raise SystemExit("a side failed")
    sides = {}
    for zone, out in outs.items():
        lines = out.read_text(encoding="utf-8").splitlines()
        sides[zone] = (lines[:-1], json.loads(lines[-1])["summary"])
    return sides


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("kind", choices=["compare", "memory", "_child"])
    parser.add_argument("rest", nargs="*")
    parser.add_argument("--n", type=int, default=3000, help="articles of the memory run")
    args = parser.parse_args()
    if args.kind == "_child":
        kind, zone, n, out = args.rest
        _child(kind, zone == "1", int(n), Path(out))
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        sides = _sides(args.kind, args.n, Path(tmp))
    for zone, (_, s) in sides.items():
        rss = ", ".join(f"{k}: {v / 1024:.0f}" for k, v in s["rss_kb"])
        print(
            f"memory_zone={zone}: {s['articles']} articles, {s['cpu_s']:.1f} CPU s; "
            f"RSS MiB after n articles {{{rss}}}; peak {s['peak_kb'] / 1024:.0f} MiB; "
            f"{s['strings']:,} strings in the vocabulary's store at the end"
        )
    if args.kind == "compare":
        plain, zoned = sides[False][0], sides[True][0]
        differ = [i for i, (a, b) in enumerate(zip(plain, zoned, strict=True)) if a != b]
        print(f"{len(plain)} extractions; {len(differ)} differ with the zone" +
              (f" (first: {differ[:5]})" if differ else ""))  # fmt: skip
        return 1 if differ else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
