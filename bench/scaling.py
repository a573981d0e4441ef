"""The serial clustering step at a million articles: throughput and memory as it runs.

    python bench/scaling.py [--articles 1000000] [--every 100000] [--per-day N]

Streams generated articles in date order through ``features`` + ``StoryClusterer.add``
(the one serial step of a scaled-out ingest) and prints, every ``--every`` articles,
the rate over that stretch, the resident memory and how many stories, index entries
and signatures the clusterer holds. The clusterer runs as the store runs it: quiet
stories retired, the articles of retired stories not kept in memory (the store holds
them). The articles are those of ``make bench``'s cluster table (all BASIL and ECB+
documents, copy k perturbed and moved 30 x k days on), made lazily so that the corpus
itself takes no memory: what grows is the clusterer's own state. ``--per-day N``
redates the same stream, in the same order, at N articles a day: the sources' own
dates spread them thin (a few live stories at a time), where a busy feed keeps
thousands of stories live in a date window. Reads ../shared; writes nothing.
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
    SHARED,
    _cluster_sources,
    _perturb,
    _rss_kb,
)

from newsfuse.eval.cluster_data import ClusterDoc


def stream(n: int, seed: int = 11, per_day: int | None = None) -> Iterator[ClusterDoc]:
    """``n`` generated articles in (date, id) order, made one at a time; with
    ``per_day``, the i-th is dated ``i // per_day`` days after the first one's date."""
    rng = random.Random(seed)
    sources = sorted(_cluster_sources(), key=lambda d: (d.published or "", d.id))
    generations = -(-n // len(sources))
    # the whole stream moved back so that its newest article is dated before today: the
    # clusterer does not let a date after tomorrow move its clock (a misdated article)
    back = timedelta(days=GENERATION_DAYS * generations)

    def generation(k: int) -> Iterator[tuple[str, str, int, int]]:
        for j, src in enumerate(sources):
            if k * len(sources) + j >= n:
                return
            assert src.published is not None
            day = date.fromisoformat(src.published) + timedelta(days=GENERATION_DAYS * k) - back
            yield day.isoformat(), f"{src.id}#{k}", k, j

    merged = heapq.merge(*(generation(k) for k in range(generations)))
    first: date | None = None
    for i, (published, doc_id, k, j) in enumerate(merged):
        src = sources[j]
        if per_day is not None:
            first = first or date.fromisoformat(published)
            published = (first + timedelta(days=i // per_day)).isoformat()
        yield replace(
            src,
            id=doc_id,
            text=_perturb(src.text, rng),
            published=published,
            label=f"{src.label}#{k}",
            topic=f"{src.topic}#{k}",
        )


def stage_costs() -> dict[str, float]:
    """CPU milliseconds per article of each per-article stage and of clustering, over
    all 300 BASIL articles (read from their files as ``newsfuse ingest`` reads them)."""
    from newsfuse.annotate.metadata import annotate
    from newsfuse.clean import clean
    from newsfuse.cluster.features import features
    from newsfuse.cluster.online import StoryClusterer
    from newsfuse.ingest import iter_inputs
    from newsfuse.model import Rejection
    from newsfuse.pipeline import article_id, extract

    paths = sorted(
        str(p) for p in (SHARED / "eval/basil-same-event-triplets/articles").rglob("*.json")
    )
    cost: dict[str, float] = {}
    t = time.process_time()
    raws = [r for r in iter_inputs(paths) if not isinstance(r, Rejection)]
    cost["read"] = time.process_time() - t
    t = time.process_time()
    cleaned = [clean(r.body) for r in raws]
    cost["clean"] = time.process_time() - t
    t = time.process_time()
    articles = [
        annotate(r, c, article_id=article_id(r.body)) for r, c in zip(raws, cleaned, strict=True)
    ]
    cost["annotate"] = time.process_time() - t
    extract(articles[:5])  # the spaCy model loaded outside the measure
    t = time.process_time()
    extract(articles)
    cost["extract (parse + rules)"] = time.process_time() - t
    clusterer = StoryClusterer()
    t = time.process_time()
    for a in sorted(articles, key=lambda a: (a.published or "9999", a.id)):
        clusterer.add(a.id, features(a.title or "", a.text, a.published), a.text)
    cost["cluster (features + add)"] = time.process_time() - t
    return {k: round(1000 * v / len(articles), 2) for k, v in cost.items()} | {
        "articles": len(articles)
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--articles", type=int, default=1_000_000)
    ap.add_argument("--every", type=int, default=100_000)
    ap.add_argument("--per-day", type=int, help="redate the stream at this many articles a day")
    ap.add_argument(
        "--stages",
        action="store_true",
        help="print the CPU cost per article of each stage and exit",
    )
    args = ap.parse_args()
    if args.stages:
        print(json.dumps(stage_costs()))
        return 0

    from newsfuse.cluster.features import features
    from newsfuse.cluster.online import StoryClusterer

    clusterer = StoryClusterer(keep_assignments=False)
    spent = 0.0  # CPU seconds in features + add only (making the articles not counted)
    last_t, last_i = spent, 0
    base_kb = _rss_kb()
    for i, d in enumerate(stream(args.articles, per_day=args.per_day), 1):
        t0 = time.process_time()
        clusterer.add(d.id, features(d.title, d.text, d.published), d.text)
        spent += time.process_time() - t0
        if i % args.every == 0 or i == args.articles:
            now = spent
            live = sum(1 for s in clusterer.stories.values() if s.vectors is not None)
            index = clusterer.syndication
            print(
                json.dumps(
                    {
                        "articles": i,
                        "cpu_s": round(now, 1),
                        "rate": round((i - last_i) / (now - last_t), 1),
                        "rss_mib": round((_rss_kb() - base_kb) / 1024),
                        "stories_made": clusterer.next_id - 1,
                        "stories_in_memory": len(clusterer.stories),
                        "stories_with_vectors": live,
                        "postings": sum(len(p) for p in clusterer.postings.values()),
                        "signatures": len(index.signatures) if index is not None else 0,
                        "assignments_in_memory": len(clusterer.story_of),
                    }
                ),
                flush=True,
            )
            last_t, last_i = now, i
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
