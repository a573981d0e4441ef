"""The serial clustering step at a million articles: throughput and memory as it runs.

    python bench/scaling.py [--articles 1000000] [--every 100000]

Streams generated articles in date order through ``features`` + ``StoryClusterer.add``
(the one serial step of a scaled-out ingest) and prints, every ``--every`` articles,
the rate over that stretch, the resident memory and how many stories the clusterer
holds. The articles are those of ``make bench``'s cluster table (all BASIL and ECB+
documents, copy k perturbed and moved 30 x k days on), made lazily so that the corpus
itself takes no memory: what grows is the clusterer's own state. Reads ../shared;
writes nothing.
"""

from __future__ import annotations

import argparse
import heapq
import json
import random
import sys
import time
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import (
    GENERATION_DAYS,
    _cluster_sources,
    _perturb,
    _rss_kb,
)

from newsfuse.eval.cluster_data import ClusterDoc


def stream(n: int, seed: int = 11) -> Iterator[ClusterDoc]:
    """``n`` generated articles in (date, id) order, made one at a time."""
    rng = random.Random(seed)
    sources = sorted(_cluster_sources(), key=lambda d: (d.published or "", d.id))
    generations = -(-n // len(sources))

    def generation(k: int) -> Iterator[tuple[str, str, int, int]]:
        for j, src in enumerate(sources):
            if k * len(sources) + j >= n:
                return
            assert src.published is not None
            day = date.fromisoformat(src.published) + timedelta(days=GENERATION_DAYS * k)
            yield day.isoformat(), f"{src.id}#{k}", k, j

    for published, doc_id, k, j in heapq.merge(*(generation(k) for k in range(generations))):
        src = sources[j]
        yield replace(
            src,
            id=doc_id,
            text=_perturb(src.text, rng),
            published=published,
            label=f"{src.label}#{k}",
            topic=f"{src.topic}#{k}",
        )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--articles", type=int, default=1_000_000)
    ap.add_argument("--every", type=int, default=100_000)
    args = ap.parse_args()

    from newsfuse.cluster.features import features
    from newsfuse.cluster.online import StoryClusterer

    clusterer = StoryClusterer()
    spent = 0.0  # CPU seconds in features + add only (making the articles not counted)
    last_t, last_i = spent, 0
    base_kb = _rss_kb()
    for i, d in enumerate(stream(args.articles), 1):
        t0 = time.process_time()
        clusterer.add(d.id, features(d.title, d.text, d.published), d.text)
        spent += time.process_time() - t0
        if i % args.every == 0 or i == args.articles:
            now = spent
            live = sum(1 for s in clusterer.stories.values() if s.vectors is not None)
            print(
                json.dumps(
                    {
                        "articles": i,
                        "cpu_s": round(now, 1),
                        "rate": round((i - last_i) / (now - last_t), 1),
                        "rss_mib": round((_rss_kb() - base_kb) / 1024),
                        "stories": len(clusterer.stories),
                        "stories_with_vectors": live,
                    }
                ),
                flush=True,
            )
            last_t, last_i = now, i
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
