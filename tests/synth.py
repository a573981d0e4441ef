"""Synthetic articles for store and ingest tests: distinct, deterministic, cheap to make."""

from __future__ import annotations

import random

WORDS = (
    "council harbour minister budget river school festival vote market bridge hospital "
    "farmers winter transport rail court museum energy price library station report "
    "officials residents plan storm coast tourism airport police mayor water"
).split()


def synth_text(
    n: int, *, paragraphs: int = 4, sentences: int = 1, words: tuple[int, int] = (14, 24)
) -> str:
    """A plain-text article with header lines; the word ``zq<n>`` appears in it and nowhere else."""
    rng = random.Random(n)
    out = []
    for p in range(paragraphs):
        parts = []
        for s in range(sentences):
            ws = [rng.choice(WORDS) for _ in range(rng.randint(*words))]
            if p == 0 and s == 0:
                ws.insert(1, f"zq{n:05d}")
            parts.append(" ".join(ws).capitalize() + ".")
        out.append(" ".join(parts))
    return f"title Report {n}\nsource Synthetic Daily\n\n" + "\n\n".join(out) + "\n"
