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
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from newsfuse.briefing.headline import Candidate
from newsfuse.briefing.headline import headline as story_headline
from newsfuse.model import Article, Story, StoryArticle, StoryChange

if TYPE_CHECKING:
    from datasketch import MinHash

    from newsfuse.cluster.online import Assignment, StoryClusterer, Vector
    from newsfuse.cluster.online import Story as ClusterStory


def load_clusterer(conn: sqlite3.Connection) -> StoryClusterer:
    """The clusterer as the store left it: the live stories in memory, the retired ones
    (quiet for RETIRE_WINDOWS date windows) left in the store and read back when an
    article dated that far back arrives (:class:`StoredStories`)."""
    from newsfuse.cluster.online import FUTURE_DAYS, SPLIT_MAX_MEMBERS, Story, StoryClusterer
    from newsfuse.cluster.syndication import new_signature

    # the store saves first and retires after (see Store.add_batches), so that a story
    # never leaves memory with unsaved changes
    clusterer = StoryClusterer(auto_retire=False, keep_assignments=False)
    clusterer.cold = StoredStories(conn)
    meta = dict(conn.execute("SELECT key, value FROM cluster_meta").fetchall())
    clusterer.seen = int(meta.get("seen", 0))
    clusterer.df = dict(conn.execute("SELECT term, df FROM term_df").fetchall())
    clusterer.latest_day = conn.execute(
        "SELECT MAX(last_day) FROM stories WHERE last_day <= ?",
        (date.today().toordinal() + FUTURE_DAYS,),
    ).fetchone()[0]
    # undated stories never retire; with no dated story yet, nothing has
    horizon = clusterer.quiet_horizon()
    live = "s.last_day IS NULL OR s.last_day >= ?" if horizon is not None else "1 = 1"
    live_args: tuple[int, ...] = (horizon,) if horizon is not None else ()
    members: dict[str, list[str]] = defaultdict(list)
    index = clusterer.syndication
    for article_id, story_id, seq, signature in conn.execute(
        "SELECT sa.article_id, sa.story_id, sa.seq, sa.signature FROM story_articles sa "
        f"JOIN stories s ON s.id = sa.story_id WHERE {live} ORDER BY sa.seq",
        live_args,
    ):
        members[story_id].append(article_id)
        if signature is not None and index is not None:
            index.insert(article_id, new_signature(json.loads(signature)), seq)
    # the member vectors of the stories that can still be split: small enough, and not
    # so old that no dated article can join them (see StoryClusterer._prune)
    vectors: dict[str, dict[str, tuple[Vector, int | None]]] = defaultdict(dict)
    for article_id, story_id, vector, day in conn.execute(
        "SELECT sa.article_id, sa.story_id, sa.vector, sa.day FROM story_articles sa "
        f"JOIN stories s ON s.id = sa.story_id WHERE s.n_articles <= ? AND ({live}) "
        "ORDER BY sa.seq",
        (SPLIT_MAX_MEMBERS, *live_args),
    ):
        if vector is not None:
            vectors[story_id][article_id] = (json.loads(vector), day)
    for story_id, centroid, first_day, last_day in conn.execute(
        f"SELECT s.id, s.centroid, s.first_day, s.last_day FROM stories s WHERE {live} "
        "ORDER BY CAST(substr(s.id, 2) AS INTEGER)",
        live_args,
    ):
        vector = json.loads(centroid)
        story = Story(story_id, vector, 0.0, members[story_id], first_day, last_day)
        own = vectors.get(story_id, {})
        # a story whose members' vectors are not all stored (clustered before 0003, or
        # grown past the split sizes) is not split again
        story.vectors = own if len(own) == len(story.members) else None
        clusterer.restore(story)
    # every story's family link, retired ones too (a live story's family may be named
    # by a retired one); story_families' rows below take precedence
    for story_id, family in conn.execute("SELECT id, family FROM stories"):
        clusterer.family_of[story_id] = family
    centroids: dict[str, str] = {}
    for story_id, family, centroid in conn.execute(
        "SELECT story_id, family, centroid FROM story_families"
    ):
        clusterer.family_of[story_id] = family
        if centroid is not None:
            centroids[story_id] = centroid
    live_families = {clusterer.family(story_id) for story_id in clusterer.stories}
    for root in live_families & centroids.keys():
        clusterer.family_centroids[root] = json.loads(centroids[root])
    # ids are never given twice: a merged story's row is gone, its id is not free
    top = conn.execute("SELECT MAX(CAST(substr(id, 2) AS INTEGER)) FROM stories").fetchone()[0]
    clusterer.next_id = max(clusterer.next_id, int(meta.get("next_id", 1)), (top or 0) + 1)
    clusterer.retired_below = horizon
    clusterer.saved()
    return clusterer


@dataclass
class StoredStories:
    """Retired stories read back from the store (``newsfuse.cluster.online.ColdStories``)."""

    conn: sqlite3.Connection

    def stories(self, first: int, last: int, live: Collection[str]) -> list[ClusterStory]:
        from newsfuse.cluster.online import Story

        out = []
        for story_id, centroid, first_day, last_day in self.conn.execute(
            "SELECT id, centroid, first_day, last_day FROM stories "
            "WHERE last_day >= ? AND first_day <= ? ORDER BY CAST(substr(id, 2) AS INTEGER)",
            (first, last),
        ).fetchall():
            if story_id in live:
                continue
            members = [
                a
                for (a,) in self.conn.execute(
                    "SELECT article_id FROM story_articles WHERE story_id = ? ORDER BY seq",
                    (story_id,),
                )
            ]
            # its member vectors were dropped when it went quiet: it is not split again
            story = Story(story_id, json.loads(centroid), 0.0, members, first_day, last_day)
            story.vectors = None
            out.append(story)
        return out

    def family_centroid(self, root: str) -> Vector | None:
        row = self.conn.execute(
            "SELECT centroid FROM story_families WHERE story_id = ?", (root,)
        ).fetchone()
        return json.loads(row[0]) if row and row[0] is not None else None

    def signatures(self, article_ids: Sequence[str]) -> list[tuple[str, MinHash, int]]:
        from newsfuse.cluster.syndication import new_signature

        return [
            (article_id, new_signature(json.loads(signature)), seq)
            for article_id, signature, seq in self.conn.execute(
                "SELECT article_id, signature, seq FROM story_articles WHERE article_id IN "
                "(SELECT value FROM json_each(?)) AND signature IS NOT NULL ORDER BY seq",
                (json.dumps(list(article_ids)),),
            )
        ]


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
    conn.executemany(
        "INSERT INTO cluster_meta (key, value) VALUES (?, ?) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [("seen", str(clusterer.seen)), ("next_id", str(clusterer.next_id))],
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
