"""Speed of newsfuse.states_same's batch API on one core: model load, sentences/s, pairs/s.

    python bench/paraphrase.py [--sentences 300] [--pairs 3000]

Sentences are MRPC train (dev) sentences; pairs are drawn among them with a fixed seed,
as the aligner scores a few thousand candidate pairs over a brief's few hundred
sentences. CPU seconds (process time) are printed beside wall seconds: the machine is
shared, and CPU time is what one core spends.
"""

from __future__ import annotations

import argparse
import random
import time

from newsfuse.align.paraphrase import Matcher
from newsfuse.eval import paraphrase as pe


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sentences", type=int, default=300)
    parser.add_argument("--pairs", type=int, default=3000)
    args = parser.parse_args()
    pairs = pe.load_split(pe.default_data_dir(), "dev")
    texts = list(dict.fromkeys(t for p in pairs for t in (p.a, p.b)))[: args.sentences]
    rng = random.Random(0)
    candidates = [(rng.choice(texts), rng.choice(texts)) for _ in range(args.pairs)]

    def timed(label: str, fn: object, n: int, unit: str) -> None:
        wall, cpu = time.perf_counter(), time.process_time()
        fn()  # type: ignore[operator]
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        print(f"{label}: {wall:.2f} s wall, {cpu:.2f} s CPU; {n / cpu:,.0f} {unit}/s (CPU)")

    m = Matcher()
    timed("model load", m.encoder.load, 1, "loads")  # type: ignore[attr-defined]
    timed(f"embed {len(texts)} sentences", lambda: m.embed(texts), len(texts), "sentences")
    timed(f"score {len(candidates)} pairs", lambda: m.decide(candidates), len(candidates), "pairs")


if __name__ == "__main__":
    main()
