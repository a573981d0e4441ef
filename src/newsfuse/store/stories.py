"""Stories in the store: load the online clusterer's state, save what a batch changed,
and list stories for ``newsfuse stories`` and ``newsfuse brief --story``.

The clusterer (``newsfuse.cluster.online``) works in memory; this module is its
edge to SQLite. Saving happens inside the transaction that inserts the articles,
so an interrupted ingest leaves neither articles without a story nor stories
with missing articles, and a re-run resumes from the stored state.
"""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from newsfuse.briefing.headline import Candidate
from newsfuse.briefing.headline import headline as story_headline
from newsfuse.model import Article, Story, StoryArticle, StoryChange

if TYPE_CHECKING:
    from newsfuse.cluster.online import Assignment, StoryClusterer, Vector

def load_clusterer(conn: sqlite3.Connection) -> StoryClusterer:
    """The clusterer as the store left it."""
    from newsfuse.cluster.online import SPLIT_MAX_MEMBERS, Story, StoryClusterer
    from newsfuse.cluster.syndication import new_signature

    clusterer = StoryClusterer()
    meta = dict(conn.execute("SELECT key, value FROM cluster_meta").fetchall())
    clusterer.seen = int(meta.get("seen", 0))
    clusterer.df = dict(conn.execute("SELECT term, df FROM term_df").fetchall())
    members: dict[str, list[str]] = defaultdict(list)
    index = clusterer.syndication
    for article_id, story_id, signature in conn.execute(
        "SELECT article_id, story_id, signature FROM story_articles ORDER BY seq"
    ):
        members[story_id].append(article_id)
        if signature is not None and index is not None:
            sig = new_signature(json.loads(signature))
            index.lsh.insert(article_id, sig)
            index.signatures[article_id] = sig
            index.order[article_id] = len(index.order)
    clusterer.latest_day = conn.execute("SELECT MAX(last_day) FROM stories").fetchone()[0]
    horizon = (clusterer.latest_day or 0) - 2 * clusterer.date_window
    # the member vectors of the stories that can still be split: small enough, and not
    # so old that no dated article can join them (see StoryClusterer._prune)
    vectors: dict[str, dict[str, tuple[Vector, int | None]]] = defaultdict(dict)
    for article_id, story_id, vector, day in conn.execute(
        "SELECT sa.article_id, sa.story_id, sa.vector, sa.day FROM story_articles sa "
        "JOIN stories s ON s.id = sa.story_id WHERE s.n_articles <= ? "
        "AND (s.last_day IS NULL OR s.last_day >= ?) ORDER BY sa.seq",
        (SPLIT_MAX_MEMBERS, horizon),
    ):
        if vector is not None:
            vectors[story_id][article_id] = (json.loads(vector), day)
    for story_id, centroid, first_day, last_day, family in conn.execute(
        "SELECT id, centroid, first_day, last_day, family FROM stories "
        "ORDER BY CAST(substr(id, 2) AS INTEGER)"
    ):
        vector = json.loads(centroid)
        story = Story(story_id, vector, 0.0, members[story_id], first_day, last_day)
        own = vectors.get(story_id, {})
        # a story whose members' vectors are not all stored (clustered before 0003, or
        # grown past the split sizes) is not split again
        story.vectors = own if len(own) == len(story.members) else None
        clusterer.restore(story)
        clusterer.family_of[story_id] = family
    for story_id, family, centroid in conn.execute(
        "SELECT story_id, family, centroid FROM story_families"
    ):
        clusterer.family_of[story_id] = family
        if centroid is not None:
            clusterer.family_centroids[story_id] = json.loads(centroid)
    clusterer.saved()
    return clusterer


def assign(clusterer: StoryClusterer, articles: Sequence[Article]) -> list[Assignment]:
    """Assign ``articles`` to stories in memory, oldest first (:func:`newsfuse.pipeline.
    cluster`, the one clustering loop: the store's ingest and the benchmark's in-memory
    baseline share it)."""
    from newsfuse.pipeline import cluster

    out = cluster(articles, clusterer)
    return out


@dataclass(slots=True)
class PendingSave:
    """What batches clustered since the last save will write, as each batch left it.

    A transaction of several batches saves once, at its end; what a per-batch save
    would have read at the end of each batch is noted here then, so that the rows are
    those of a save after every batch: each article's kept vector and day (a later
    batch may drop them: the story outgrew the split sizes, or went quiet), and each
    changed story's family (a later batch may move its family's root into another
    family without touching the story)."""

    assigned: list[tuple[Assignment, tuple[Vector, int | None] | None]] = field(
        default_factory=list
    )
    story_family: dict[str, str] = field(default_factory=dict)  # changed story -> family

    def note(self, clusterer: StoryClusterer, assignments: Sequence[Assignment]) -> None:
        """Record a batch just clustered (call before the next batch is)."""
        for a in assignments:
            story = clusterer.stories.get(clusterer.story_of[a.article_id])
            kept = story.vectors.get(a.article_id) if story and story.vectors else None
            self.assigned.append((a, kept))  # vectors are never changed once made
        for story_id in clusterer.dirty:
            self.story_family[story_id] = clusterer.family(story_id)
        clusterer.dirty.clear()  # noted: the next batch's changes are its own


def save_changes(
    conn: sqlite3.Connection,
    clusterer: StoryClusterer,
    pending: PendingSave,
    now: str,
) -> None:
    """Write what changed since the last save on ``conn`` (the caller's open
    transaction): one row per assigned article (``pending``, in the order they were
    made), the stories, families and term frequencies that moved, and the events,
    one executemany per table."""
    base = conn.execute("SELECT COALESCE(MAX(seq), 0) FROM story_articles").fetchone()[0]
    index = clusterer.syndication
    rows = []
    for k, (a, kept) in enumerate(pending.assigned):
        sig = index.signatures.get(a.article_id) if index is not None else None
        # tolist() gives Python ints: the same JSON text as int() of each uint64
        signature = json.dumps(sig.hashvalues.tolist()) if sig is not None else None
        vector, day = (json.dumps(kept[0]), kept[1]) if kept else (None, None)
        rows.append(
            (
                a.article_id,
                clusterer.story_of[a.article_id],  # after any merge or split since
                base + k + 1,
                a.similarity,
                a.syndicated_of,
                signature,
                now,
                vector,
                day,
            )
        )
    conn.executemany(
        "INSERT INTO story_articles (article_id, story_id, seq, similarity, syndicated_of, "
        "signature, assigned_at, vector, day) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (article_id) DO NOTHING",
        rows,
    )
    # articles split off into a new story: their story as it stands now (a later merge
    # in the same batch may have moved them on)
    conn.executemany(
        "UPDATE story_articles SET story_id = ? WHERE article_id = ?",
        [(clusterer.story_of[article_id], article_id) for article_id in clusterer.moved],
    )
    into = {e.story_id: e.into for e in clusterer.events if e.kind == "merged" and e.into}
    for story_id in clusterer.dropped:
        target = story_id
        while target in into:
            target = into[target]  # a story merged into one merged in turn
        conn.execute(
            "UPDATE story_articles SET story_id = ? WHERE story_id = ?", (target, story_id)
        )
        conn.execute("DELETE FROM stories WHERE id = ?", (story_id,))
    conn.executemany(
        "INSERT INTO stories (id, centroid, first_day, last_day, n_articles, family, "
        "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE "
        "SET centroid = excluded.centroid, first_day = excluded.first_day, "
        "last_day = excluded.last_day, n_articles = excluded.n_articles, "
        "family = excluded.family, updated_at = excluded.updated_at",
        [
            (
                story.id,
                json.dumps(story.centroid),
                story.first_day,
                story.last_day,
                len(story.members),
                family,
                now,
                now,
            )
            for story, family in (
                (clusterer.stories[story_id], family)
                for story_id, family in pending.story_family.items()
                if story_id in clusterer.stories  # not merged away since
            )
        ],
    )
    conn.executemany(
        "INSERT INTO story_events (kind, story_id, article_id, into_story, parent_story, at) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        [
            (event.kind, event.story_id, event.article_id, event.into, event.parent, now)
            for event in clusterer.events
        ],
    )
    conn.executemany(
        "INSERT INTO story_families (story_id, family, centroid) VALUES (?, ?, ?) "
        "ON CONFLICT (story_id) DO UPDATE SET family = excluded.family, "
        "centroid = excluded.centroid",
        [
            (
                story_id,
                clusterer.family_of.get(story_id, story_id),
                json.dumps(clusterer.family_centroids[story_id])
                if story_id in clusterer.family_centroids
                else None,
            )
            for story_id in clusterer.families_changed
        ],
    )
    conn.executemany(
        "INSERT INTO term_df (term, df) VALUES (?, ?) "
        "ON CONFLICT (term) DO UPDATE SET df = excluded.df",
        [(t, clusterer.df[t]) for t in clusterer.df_changed],
    )
    conn.execute(
        "INSERT INTO cluster_meta (key, value) VALUES ('seen', ?) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (str(clusterer.seen),),
    )
    clusterer.saved()


def list_stories(
    conn: sqlite3.Connection, *, limit: int | None = None, only: str | None = None
) -> list[Story]:
    """Stories, most articles first, then newest, with the headline their briefs show
    (:mod:`newsfuse.briefing.headline`). ``only``: just that story (none if unknown)."""
    where = "WHERE sa.story_id = ? " if only is not None else ""
    rows = conn.execute(
        "SELECT sa.story_id, a.id, a.title, a.source, a.url, a.path, a.published, "
        "sa.syndicated_of, substr(a.body, 1, 600) "
        f"FROM story_articles sa JOIN articles a ON a.id = sa.article_id {where}ORDER BY sa.seq",
        (only,) if only is not None else (),
    ).fetchall()
    members: dict[str, list[sqlite3.Row]] = defaultdict(list)
    for row in rows:
        members[row[0]].append(row)
    families = dict(conn.execute("SELECT id, family FROM stories").fetchall())
    history = _history(conn)
    out = []
    for story_id, rs in members.items():
        articles = tuple(
            StoryArticle(
                id=r[1], title=r[2], source=r[3], url=r[4], path=r[5], published=r[6],
                syndicated_of=r[7],
            )
            for r in rs
        )  # fmt: skip
        headline = story_headline(
            [Candidate(r[2], r[6], str(r[8] or "").split("\n", 1)[0], r[5]) for r in rs]
        )
        out.append(
            Story.of(
                story_id,
                headline,
                articles,
                families.get(story_id),
                tuple(history.get(story_id, ())),
            )
        )
    out.sort(key=lambda s: (-len(s.articles), -int(s.id[1:])))
    return out[:limit] if limit is not None else out


def _history(conn: sqlite3.Connection) -> dict[str, list[StoryChange]]:
    """Each story's merges and splits, oldest first (creations are not listed)."""
    out: dict[str, list[StoryChange]] = defaultdict(list)
    for kind, story_id, article_id, into, parent, at in conn.execute(
        "SELECT kind, story_id, article_id, into_story, parent_story, at FROM story_events "
        "WHERE kind != 'created' ORDER BY seq"
    ):
        if kind == "merged" and into:
            out[into].append(
                StoryChange(kind="absorbed", story=story_id, article=article_id, at=at)
            )
        elif kind == "split" and parent:
            out[story_id].append(
                StoryChange(kind="split_from", story=parent, article=article_id, at=at)
            )
            out[parent].append(
                StoryChange(kind="split_off", story=story_id, article=article_id, at=at)
            )
    return out


def story_article_ids(conn: sqlite3.Connection, story_id: str) -> list[str]:
    """The ids of a story's articles in arrival order (empty for an unknown story)."""
    return [
        r[0]
        for r in conn.execute(
            "SELECT article_id FROM story_articles WHERE story_id = ? ORDER BY seq", (story_id,)
        )
    ]


def story_copies(conn: sqlite3.Connection, story_id: str) -> dict[str, str]:
    """A story's syndicated copies: article id -> the article it copies."""
    return {
        r[0]: r[1]
        for r in conn.execute(
            "SELECT article_id, syndicated_of FROM story_articles "
            "WHERE story_id = ? AND syndicated_of IS NOT NULL",
            (story_id,),
        )
    }


def stories_version(conn: sqlite3.Connection) -> tuple[int, int, int]:
    """A stamp that changes whenever the story list can: an article assigned (arrival
    order), a merge or split (events), an article stored."""
    row = conn.execute(
        "SELECT (SELECT COALESCE(MAX(seq), 0) FROM story_articles), "
        "(SELECT COALESCE(MAX(seq), 0) FROM story_events), (SELECT count(*) FROM articles)"
    ).fetchone()
    return int(row[0]), int(row[1]), int(row[2])
