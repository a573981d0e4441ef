"""Load test of ``newsfuse serve``: readers keep reading while an ingest runs.

    python bench/load.py [--clients 50] [--seconds 30] [--ingest 1000] [--write FILE]

Loopback only, and bounded: a store holding all 300 BASIL articles is served by a
real ``newsfuse serve`` on 127.0.0.1; the briefs of a few stories are computed
first (as a reader's first visit would). Then ``--clients`` concurrent clients
read the story list and those story pages for ``--seconds`` while one POST to
``/api/articles`` ingests ``--ingest`` new articles (perturbed ECB+ documents,
built by ``bench/run.py``'s corpus generator). It reports every request that
failed (a status other than 200, or no answer) and the latency percentiles, and
checks afterwards that the store is intact and holds every article.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import run as bench_run  # the corpus generator and the docs writer

BEGIN = "<!-- LOAD:BEGIN -->"
END = "<!-- LOAD:END -->"
# Stories whose pages the readers read (the biggest ones).
STORY_PAGES = 4


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(url: str, timeout: float = 120) -> bytes:
    with urllib.request.urlopen(url, timeout=timeout) as r:
        return bytes(r.read())


def _records(n: int) -> list[dict[str, str]]:
    """``n`` new articles: perturbed copies of ECB+ documents (not BASIL, whose story
    pages are the ones being read)."""
    docs = [d for d in bench_run.cluster_corpus(n + 400) if d.id.startswith("ecbplus/")][:n]
    return [
        {"title": d.title, "text": d.text, "date": d.published or "", "source": d.source or ""}
        for d in docs
    ]


async def _reader(
    base: str, paths: list[str], until: float, latencies: list[float], errors: list[str]
) -> None:
    import httpx

    async with httpx.AsyncClient(timeout=60) as client:
        k = 0
        while time.perf_counter() < until:
            path = paths[k % len(paths)]
            k += 1
            t0 = time.perf_counter()
            try:
                r = await client.get(base + path)
                if r.status_code != 200:
                    errors.append(f"{path}: {r.status_code}")
            except Exception as exc:  # a refused or dropped connection is an error too
                errors.append(f"{path}: {type(exc).__name__}")
                continue
            latencies.append(time.perf_counter() - t0)


def _listed(errors: list[str]) -> str:
    return f" ({'; '.join(sorted(set(errors))[:5])})" if errors else ""


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=30.0)
    ap.add_argument("--ingest", type=int, default=1000)
    ap.add_argument("--write", type=Path, help="Markdown file whose LOAD section to replace")
    args = ap.parse_args()

    from newsfuse.store import Store, ingest_paths

    work = Path(tempfile.mkdtemp(prefix="newsfuse-load-"))
    try:
        db = work / "news.db"
        basil = sorted((bench_run.SHARED / "eval" / "basil-same-event-triplets" / "articles")
                       .glob("*/*.json"))  # fmt: skip
        with Store.open(db) as store:
            ingest_paths(store, [str(p) for p in basil])
            stories = [s.id for s in store.stories()[:STORY_PAGES]]
            before = store.count()
        records = _records(args.ingest)
        port = _free_port()
        base = f"http://127.0.0.1:{port}"
        server = subprocess.Popen(
            [sys.executable, "-m", "newsfuse.cli.app", "serve", "--db", str(db),
             "--port", str(port)],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        )  # fmt: skip
        try:
            for _ in range(300):
                try:
                    _get(f"{base}/api/stories", timeout=2)
                    break
                except OSError:
                    time.sleep(0.2)
            paths = ["/", *[f"/stories/{s}" for s in stories]]
            warm = time.perf_counter()
            for p in paths:
                _get(base + p)  # the first visit computes and keeps the story's brief
            warm_s = time.perf_counter() - warm

            ingest_result: dict[str, object] = {}

            def ingest() -> None:
                t0 = time.perf_counter()
                body = json.dumps({"records": records}).encode()
                req = urllib.request.Request(
                    f"{base}/api/articles", body, {"Content-Type": "application/json"}
                )
                try:
                    with urllib.request.urlopen(req, timeout=1800) as r:
                        ingest_result.update(json.loads(r.read()))
                except Exception as exc:
                    ingest_result["error"] = repr(exc)
                ingest_result["seconds"] = time.perf_counter() - t0

            writer = threading.Thread(target=ingest)
            latencies: list[float] = []
            errors: list[str] = []
            start = time.perf_counter()
            writer.start()
            until = start + args.seconds

            async def readers() -> None:
                await asyncio.gather(
                    *(_reader(base, paths, until, latencies, errors) for _ in range(args.clients))
                )

            asyncio.run(readers())
            read_s = time.perf_counter() - start
            writer.join()
        finally:
            server.terminate()
            server.wait(timeout=30)
        with Store.open(db) as store:
            problems = store.check()
            after = store.count()
    finally:
        shutil.rmtree(work, ignore_errors=True)

    q = statistics.quantiles(latencies, n=100) if len(latencies) >= 2 else [float("nan")] * 99
    ingest_s = float(ingest_result.get("seconds", 0.0))  # type: ignore[arg-type]
    new = ingest_result.get("new")
    lines = [
        f"Measured {time.strftime('%Y-%m-%d')}, {os.cpu_count()} cores, loopback: "
        f"`python bench/load.py --clients {args.clients} --seconds {args.seconds:.0f} "
        f"--ingest {args.ingest}`.",
        "",
        "| measure | value |",
        "|---|---|",
        f"| concurrent readers | {args.clients} (story list + {len(paths) - 1} story pages) |",
        f"| requests answered | {len(latencies)} in {read_s:.1f} s "
        f"({len(latencies) / read_s:.0f}/s) |",
        f"| errors | **{len(errors)}**{_listed(errors)} |",
        f"| latency p50 / p95 / p99 | {q[49] * 1000:.0f} / **{q[94] * 1000:.0f}** / "
        f"{q[98] * 1000:.0f} ms |",
        f"| ingest during the reads | {args.ingest} articles in one POST, {ingest_s:.1f} s, "
        f"{new} new{_listed([str(ingest_result['error'])] if 'error' in ingest_result else [])} |",
        f"| store after | {after} articles (was {before}), integrity check {problems or 'ok'} |",
        f"| warm-up (first visits compute briefs) | {warm_s:.1f} s |",
    ]
    table = "\n".join(lines)
    print(table)
    if args.write:
        bench_run._write_section(args.write, BEGIN, END, table)
    return 0 if not errors and not problems and "error" not in ingest_result else 1


if __name__ == "__main__":
    sys.exit(main())
