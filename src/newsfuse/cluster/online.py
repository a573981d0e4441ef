"""Online story clustering: each new article joins the story it is most like, or starts one.

The path ``newsfuse ingest`` and ``newsfuse eval clusters`` share. An article's
features (``cluster.features``) become a TF-IDF vector, with document
frequencies counted over the articles seen so far. Candidate stories come from
an inverted index over each story's strongest terms, newest stories first and a
bounded number per term, and from the publication-date window, so the cost per
article does not grow with the size of the store. The article joins the
candidate whose centroid is nearest by cosine if that clears ``threshold``;
otherwise it starts a new story. A story's id never changes. When an article is
close to two stories that are close to each other, the younger story is merged
into the older; when a growing story turns out to hold two events (its members
fall into two groups that are each tight and far apart: "another celebrity
checks into rehab" after the first), the later group is split off as a new
story. Both are recorded (``Event``), never silent.
Near-identical copies (syndicated wire text) are found with MinHash-LSH and
join their original's story, marked so that they do not count as independent
confirmation.

A story whose newest article is more than two date windows older than the newest
article seen has gone quiet: no article arriving in date order can join it, so it
leaves memory (its centroid, postings, member vectors and signatures;
``retire_quiet``). The clusterer's memory and the cost of its candidate search are
then bounded by the stories of the last few weeks, not by everything ever seen,
and the stories are those it would have made keeping everything, for articles up
to a date window out of order. The store keeps retired stories and reads them back
for an article dated further back (``ColdStories``); in memory alone they are gone,
and such an article is compared with the live stories only.
"""

from __future__ import annotations

import heapq
import math
from collections import defaultdict
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Literal, Protocol

if TYPE_CHECKING:
    from datasketch import MinHash

    from newsfuse.cluster.features import Features
    from newsfuse.cluster.syndication import SyndicationIndex

# Cosine similarity to a story's centroid above which an article joins it (tuned on
# the dev splits of BASIL and ECB+; see docs/benchmarks.md).
DEFAULT_THRESHOLD = 0.15
# Cosine similarity of a new story's first article to a family's centroid (the sum of
# its articles' vectors) above which the story joins that family of related stories
# ("another celebrity checks into rehab"), tuned on the ECB+ train and dev topics.
FAMILY_THRESHOLD = 0.06
# Terms kept in a family's centroid.
FAMILY_TERMS = 300
# A story still alone in its family looks for one again when it has this many articles.
FAMILY_RECHECK_SIZE = 3
# Similarity between two stories' centroids above which an article close to both
# merges them.
MERGE_THRESHOLD = 0.5
# Days between an article and a story's newest article beyond which they are not
# compared: a story spans days, not years.
DATE_WINDOW_DAYS = 10
# Terms kept in an article's vector and in a story's centroid (the rest carry little
# weight and cost time).
ARTICLE_TERMS = 100
CENTROID_TERMS = 150
# Terms of a story's centroid entered in the inverted index, and terms of an article
# looked up in it.
INDEX_TERMS = 25
QUERY_TERMS = 15
# Terms of a new story's first article looked up to find its family (wider than for a
# story: related stories share the kind of event more than its details).
FAMILY_QUERY_TERMS = 60
# Stories read per index term, newest first: bounds the work for common terms.
POSTINGS_READ = 200
# Candidates scored in full per article, by the number of index terms they share.
CANDIDATES = 40
# Splitting (tuned on the ECB+ train and dev topics and BASIL dev; docs/benchmarks.md).
# A story is checked when it reaches one of these sizes; each member's vector is kept
# while the story has at most the largest of them (bigger stories are not split: their
# check would cost quadratic time, and a story that large is rarely two events).
SPLIT_SIZES = frozenset((6, 9, 13, 19, 28, 40))
SPLIT_MAX_MEMBERS = max(SPLIT_SIZES)
# Every this many articles, stories that ended more than two date windows before the
# newest article drop their member vectors: no dated article can join them any more.
PRUNE_EVERY = 1000
# Stories that ended more than this many date windows before the newest article leave
# memory (retire_quiet), at most once every PRUNE_EVERY articles: an article up to one
# window out of date order still finds every story it could join.
RETIRE_WINDOWS = 2
# Days after today from which a publication date is not believed to be the newest
# seen: one article misdated years ahead must not retire every story.
FUTURE_DAYS = 2
# The two groups must each hold this many articles; their mean cross similarity must be
# below SPLIT_RATIO times the looser group's mean inner similarity, and below SPLIT_CROSS.
SPLIT_MIN_GROUP = 3
SPLIT_RATIO = 0.7
SPLIT_CROSS = 0.25


Vector = dict[str, float]


class ColdStories(Protocol):
    """Where retired stories are read back from (the store): for an article dated so
    far back that a retired story could take it."""

    def stories(self, first: int, last: int, live: Collection[str]) -> Sequence[Story]:
        """The stories not in ``live`` whose days reach into ``first``..``last``."""

    def family_centroid(self, root: str) -> Vector | None:
        """A family's stored centroid."""

    def signatures(self, article_ids: Sequence[str]) -> Sequence[tuple[str, MinHash, int]]:
        """The stored signatures of these articles, with their arrival numbers."""


@dataclass(frozen=True, slots=True)
class Assignment:
    """Where one article went."""

    article_id: str
    story_id: str
    similarity: float  # cosine to the story's centroid; 1.0 for a story's first article
    new_story: bool
    syndicated_of: str | None = None  # the article this one is a near-identical copy of


@dataclass(frozen=True, slots=True)
class Event:
    """A change to the story set that is not a plain join: a story created, merged or split.

    ``article_id`` is the article whose arrival caused it."""

    kind: Literal["created", "merged", "split"]
    story_id: str
    article_id: str
    into: str | None = None  # for "merged": the story that absorbed ``story_id``
    parent: str | None = None  # for "split": the story ``story_id`` was split from


@dataclass(slots=True)
class Story:
    """A story's centroid (sum of its articles' vectors, truncated), members and dates."""

    id: str
    centroid: Vector
    norm: float
    members: list[str]
    first_day: int | None
    last_day: int | None
    index_terms: tuple[str, ...] = ()
    # each member's vector and day while the story is small enough to be split; None
    # once it has outgrown SPLIT_MAX_MEMBERS (or was restored without them)
    vectors: dict[str, tuple[Vector, int | None]] | None = field(default_factory=dict)


@dataclass
class StoryClusterer:
    """The online clusterer's state: document frequencies, stories and their index."""

    threshold: float = DEFAULT_THRESHOLD
    family_threshold: float = FAMILY_THRESHOLD
    merge_threshold: float = MERGE_THRESHOLD
    date_window: int = DATE_WINDOW_DAYS
    syndication: SyndicationIndex | None = field(default_factory=lambda: _syndication_index())
    seen: int = 0
    df: dict[str, int] = field(default_factory=dict)
    stories: dict[str, Story] = field(default_factory=dict)
    # term -> story ids in the order they (re-)entered it; a dict so that a story moves
    # to the newest end in constant time
    postings: dict[str, dict[str, None]] = field(default_factory=lambda: defaultdict(dict))
    story_of: dict[str, str] = field(default_factory=dict)  # article id -> story id
    events: list[Event] = field(default_factory=list)
    next_id: int = 1
    latest_day: int | None = None  # the newest publication day seen
    family_of: dict[str, str] = field(default_factory=dict)  # story id -> family (story id)
    # a family's root story -> the sum of its articles' vectors, truncated
    family_centroids: dict[str, Vector] = field(default_factory=dict)
    _family_norms: dict[str, float] = field(default_factory=dict)  # cache, by family root
    copies: dict[str, str] = field(default_factory=dict)  # article id -> the article it copies
    # what changed since the store last saved this state
    dirty: set[str] = field(default_factory=set)  # stories created or changed
    dropped: set[str] = field(default_factory=set)  # stories merged into another
    moved: dict[str, str] = field(default_factory=dict)  # article id -> story it was split into
    families_changed: set[str] = field(default_factory=set)  # family links or centroids moved
    df_changed: set[str] = field(default_factory=set)  # terms whose frequency moved
    # quiet stories: retired by add() itself (in memory) or by the caller after it has
    # saved what changed (the store: a story must not leave before its rows are written)
    auto_retire: bool = True
    # whether story_of keeps the articles of retired stories (in memory: the result
    # callers read; the store holds them already)
    keep_assignments: bool = True
    cold: ColdStories | None = None  # where retired stories are read back from
    retired_below: int | None = None  # stories that ended before this day left memory
    _swept_at: int = 0  # self.seen at the last retirement
    _revived: list[tuple[int, int]] = field(default_factory=list)  # day spans read back

    # ------------------------------------------------------------------ public

    def add(self, article_id: str, feats: Features, text: str = "") -> Assignment:
        """Assign one article (``text`` is its body, for the syndication check).

        An article already assigned keeps its story (a re-run, or an article
        deleted and ingested again)."""
        if article_id in self.story_of:
            return Assignment(article_id, self.story_of[article_id], 1.0, False)
        self.seen += 1
        if (
            feats.day is not None
            and (self.latest_day is None or feats.day > self.latest_day)
            and feats.day <= date.today().toordinal() + FUTURE_DAYS
        ):
            self.latest_day = feats.day
        if self.seen % PRUNE_EVERY == 0:
            self._prune()
        if self.auto_retire:
            self.retire_quiet()
        self._revive(feats.day)
        for term in feats.counts:
            self.df[term] = self.df.get(term, 0) + 1
        self.df_changed.update(feats.counts)
        vector = self.vector(feats)
        copy_of, copy_story = None, None
        for original in self.syndication.add(article_id, text) if self.syndication and text else ():
            story = self.stories.get(self.story_of.get(original, ""))
            if story is not None and self._in_window(story, feats.day):
                copy_of, copy_story = original, story
                break
        if copy_of is not None and copy_story is not None:
            # a copy of an article of a live story joins it (the earliest such article);
            # the same text years later is a new story (a story spans days, not years)
            story = copy_story
            sim = _cosine(vector, story.centroid, story.norm)
            self._join(story, article_id, vector, feats.day)
            self._family_add(story.id, vector)
            self.copies[article_id] = copy_of
            return Assignment(article_id, story.id, sim, False, copy_of)
        ranked = self._ranked(vector, feats.day)
        if not ranked or ranked[0][0] < self.threshold:
            story = self._create(article_id, vector, feats.day)
            self._set_family(story.id, self._related_family(vector, story, feats.day))
            self._family_add(story.id, vector)
            return Assignment(article_id, story.id, 1.0, True)
        sim, best = ranked[0]
        self._join(best, article_id, vector, feats.day)
        for other_sim, other in ranked[1:3]:
            best = self.stories[self.story_of[article_id]]  # a merge may have moved it
            if other.id not in self.stories or other.id == best.id:
                continue  # merged away already
            if other_sim >= self.threshold and self._close(best, other):
                self._merge(other, best, article_id)
        story = self.stories[self.story_of[article_id]]
        self._family_add(story.id, vector)
        if len(story.members) == FAMILY_RECHECK_SIZE and self.family(story.id) == story.id:
            # a story that found no family at its first article looks again with the
            # centroid of its first few: the kind of event shows more clearly
            query = {t: w / story.norm for t, w in story.centroid.items()}
            related = self._related_family(query, story, feats.day)
            if related is not None:
                self._set_family(story.id, related)
        if len(story.members) in SPLIT_SIZES:
            self._split(story, article_id)
        return Assignment(article_id, self.story_of[article_id], sim, False)

    def add_all(self, items: Iterable[tuple[str, Features, str]]) -> list[Assignment]:
        """Assign articles in the order given (publication order, for a fair test)."""
        return [self.add(article_id, feats, text) for article_id, feats, text in items]

    def labels(self, article_ids: Iterable[str]) -> list[str]:
        """The story id of each article, after any merges."""
        return [self.story_of[a] for a in article_ids]

    def family(self, story_id: str) -> str:
        """The family of related stories ``story_id`` belongs to (named by its first story)."""
        seen = set()
        family = self.family_of.get(story_id, story_id)
        while family != story_id and family not in seen:
            seen.add(family)
            story_id, family = family, self.family_of.get(family, family)
        return family

    def quiet_horizon(self) -> int | None:
        """The day before which a story's newest article makes it quiet: RETIRE_WINDOWS
        date windows before the newest article seen (None before any dated article)."""
        if self.latest_day is None:
            return None
        return self.latest_day - RETIRE_WINDOWS * self.date_window

    def retire_quiet(self) -> int:
        """Take the stories that went quiet out of memory; how many left.

        A story whose newest article is more than RETIRE_WINDOWS date windows older
        than the newest article seen leaves: its centroid, member vectors, postings,
        its articles' signatures, its family's centroid when no live story is of that
        family, and (unless ``keep_assignments``) its articles' entries in
        ``story_of``. Done at most once every PRUNE_EVERY articles, and only when the
        horizon moved. Undated stories stay."""
        horizon = self.quiet_horizon()
        if horizon is None or self.seen - self._swept_at < PRUNE_EVERY:
            return 0
        if self.retired_below is not None and horizon <= self.retired_below:
            return 0
        self._swept_at = self.seen
        quiet = [
            story
            for story in self.stories.values()
            if story.last_day is not None and story.last_day < horizon
        ]
        for story in quiet:
            del self.stories[story.id]
            self.dirty.discard(story.id)
            for member in story.members:
                if self.syndication is not None:
                    self.syndication.remove(member)
                if not self.keep_assignments:
                    del self.story_of[member]
        for term in list(self.postings):
            posting = self.postings[term]
            for story_id in [s for s in posting if s not in self.stories]:
                del posting[story_id]  # retired, or merged away
            if not posting:
                del self.postings[term]
        live_families = {self.family(story_id) for story_id in self.stories}
        for root in [r for r in self.family_centroids if r not in live_families]:
            del self.family_centroids[root]
            self._family_norms.pop(root, None)
        self.retired_below = horizon
        self._revived.clear()
        return len(quiet)

    def restore(self, story: Story) -> None:
        """Put back a story read from the store (its members' ids included)."""
        self.stories[story.id] = story
        for member in story.members:
            self.story_of[member] = story.id
        story.index_terms = ()
        self._refresh(story)
        self.next_id = max(self.next_id, int(story.id[1:]) + 1)

    def saved(self) -> None:
        """Forget what changed: the store holds it now."""
        self.dirty.clear()
        self.dropped.clear()
        self.moved.clear()
        self.families_changed.clear()
        self.df_changed.clear()
        self.events.clear()

    def vector(self, feats: Features) -> Vector:
        """The article's TF-IDF vector (sublinear tf), top terms only, L2-normalised."""
        n = self.seen
        weights = {
            t: (1.0 + math.log(c)) * (math.log((n + 1) / (self.df.get(t, 0) + 1)) + 1.0)
            for t, c in feats.counts.items()
            if c > 0
        }
        top = heapq.nlargest(ARTICLE_TERMS, weights.items(), key=lambda kv: kv[1])
        norm = math.sqrt(sum(w * w for _, w in top)) or 1.0
        return {t: w / norm for t, w in top}

    # ------------------------------------------------------------------ internals

    def _ranked(
        self, vector: Vector, day: int | None, query_terms: int = QUERY_TERMS
    ) -> list[tuple[float, Story]]:
        """Candidate stories by cosine to their centroids, best first."""
        out = [
            (_cosine(vector, story.centroid, story.norm), story)
            for story in self._candidates(vector, day, query_terms)
        ]
        out.sort(key=lambda sv: (-sv[0], sv[1].id))
        return out

    def _candidates(self, vector: Vector, day: int | None, query_terms: int) -> list[Story]:
        """The live stories in the date window sharing most index terms with ``vector``."""
        shared: dict[str, int] = defaultdict(int)
        query = heapq.nlargest(query_terms, vector.items(), key=lambda kv: kv[1])
        for term, _ in query:
            posting = self.postings.get(term)
            if not posting:
                continue
            read = 0
            for story_id in reversed(posting):
                story = self.stories.get(story_id)
                if story is None or not self._in_window(story, day):
                    continue  # merged away, or out of the date window: not a candidate
                shared[story_id] += 1
                read += 1
                if read >= POSTINGS_READ:
                    break
        best = heapq.nlargest(CANDIDATES, shared.items(), key=lambda kv: (kv[1], kv[0]))
        return [self.stories[story_id] for story_id, _ in best]

    def _revive(self, day: int | None) -> None:
        """Read back from ``cold`` the retired stories an article of ``day`` could join
        (one dated that far back): they are live again until the next retirement."""
        if self.cold is None or day is None or self.retired_below is None:
            return
        first, last = day - self.date_window, day + self.date_window
        if first >= self.retired_below or any(a <= first and last <= b for a, b in self._revived):
            return
        self._revived.append((first, last))
        for story in self.cold.stories(first, last, self.stories.keys()):
            self.restore(story)
            root = self.family(story.id)
            if root not in self.family_centroids:
                centroid = self.cold.family_centroid(root)
                if centroid:
                    self.family_centroids[root] = centroid
            if self.syndication is not None:
                for article_id, sig, arrival in self.cold.signatures(story.members):
                    if article_id not in self.syndication.signatures:
                        self.syndication.insert(article_id, sig, arrival)

    def _in_window(self, story: Story, day: int | None) -> bool:
        if day is None or story.first_day is None or story.last_day is None:
            return True
        return story.first_day - self.date_window <= day <= story.last_day + self.date_window

    def _create(self, article_id: str, vector: Vector, day: int | None) -> Story:
        story = Story(f"s{self.next_id}", {}, 0.0, [], day, day)
        self.next_id += 1
        self.stories[story.id] = story
        self.events.append(Event("created", story.id, article_id))
        self._join(story, article_id, vector, day)
        return story

    def _join(self, story: Story, article_id: str, vector: Vector, day: int | None) -> None:
        story.members.append(article_id)
        self.story_of[article_id] = story.id
        self.dirty.add(story.id)
        if story.vectors is not None:
            story.vectors[article_id] = (vector, day)
            if len(story.members) > SPLIT_MAX_MEMBERS:
                story.vectors = None  # too large to split: stop keeping its vectors
        for t, w in vector.items():
            story.centroid[t] = story.centroid.get(t, 0.0) + w
        if day is not None:
            story.first_day = day if story.first_day is None else min(story.first_day, day)
            story.last_day = day if story.last_day is None else max(story.last_day, day)
        self._refresh(story)

    def _refresh(self, story: Story) -> None:
        """Truncate the centroid, recompute its norm and re-index its top terms."""
        if len(story.centroid) > CENTROID_TERMS:
            top = heapq.nlargest(CENTROID_TERMS, story.centroid.items(), key=lambda kv: kv[1])
            story.centroid = dict(top)
        story.norm = math.sqrt(sum(w * w for w in story.centroid.values())) or 1.0
        terms = tuple(
            t for t, _ in heapq.nlargest(INDEX_TERMS, story.centroid.items(), key=lambda kv: kv[1])
        )
        for t in terms:
            if t not in story.index_terms:
                posting = self.postings[t]
                posting.pop(story.id, None)  # re-enter as the newest
                posting[story.id] = None
        story.index_terms = terms

    def _close(self, a: Story, b: Story) -> bool:
        dot = sum(w * b.centroid.get(t, 0.0) for t, w in a.centroid.items())
        return dot / (a.norm * b.norm) >= self.merge_threshold

    def _merge(self, young: Story, old: Story, article_id: str) -> None:
        """Fold ``young`` into ``old`` (the lower id absorbs), keeping a record."""
        if int(young.id[1:]) < int(old.id[1:]):
            young, old = old, young
        for member in young.members:
            self.story_of[member] = old.id
        old.members.extend(young.members)
        if old.vectors is not None and young.vectors is not None:
            old.vectors.update(young.vectors)
        if old.vectors is None or young.vectors is None or len(old.members) > SPLIT_MAX_MEMBERS:
            old.vectors = None
        for t, w in young.centroid.items():
            old.centroid[t] = old.centroid.get(t, 0.0) + w
        for d in (young.first_day, young.last_day):
            if d is not None:
                old.first_day = d if old.first_day is None else min(old.first_day, d)
                old.last_day = d if old.last_day is None else max(old.last_day, d)
        del self.stories[young.id]
        self.dirty.discard(young.id)
        self.dropped.add(young.id)
        self.dirty.add(old.id)
        self._refresh(old)
        self.events.append(Event("merged", young.id, article_id, into=old.id))
        if self.family(young.id) == young.id:
            self._set_family(young.id, self.family(old.id))  # its family joins old's
        else:
            self.family_of[young.id] = self.family(old.id)
            self.families_changed.add(young.id)

    def _related_family(self, query: Vector, story: Story, day: int | None) -> str | None:
        """The family whose centroid is nearest ``query`` (a unit vector), if it clears
        ``family_threshold``; candidates are the families of the stories the wide
        index lookup finds, ``story``'s own family excluded."""
        own = self.family(story.id)
        best: tuple[float, str] | None = None
        roots = {
            self.family(other.id) for other in self._candidates(query, day, FAMILY_QUERY_TERMS)
        }
        for root in roots - {own}:
            centroid = self.family_centroids.get(root)
            if not centroid:
                continue
            norm = self._family_norms.get(root)
            if norm is None:
                norm = self._family_norms[root] = (
                    math.sqrt(sum(w * w for w in centroid.values())) or 1.0
                )
            sim = _cosine(query, centroid, norm)
            if best is None or (sim, root) > best:
                best = (sim, root)
        return best[1] if best is not None and best[0] >= self.family_threshold else None

    def _set_family(self, story_id: str, root: str | None) -> None:
        """Make ``story_id`` (a family's root) a member of family ``root``, moving its
        family's centroid there; None leaves it the root of its own family."""
        if root is None or root == story_id:
            self.family_of[story_id] = story_id
        else:
            own = self.family_centroids.pop(story_id, None)
            self._family_norms.pop(story_id, None)
            if own:
                self._family_add(root, own, root=True)
            self.family_of[story_id] = root
        self.families_changed.add(story_id)

    def _family_add(self, story_id: str, vector: Vector, *, root: bool = False) -> None:
        """Add an article's vector (or a folded family's centroid) to a family's centroid."""
        family = story_id if root else self.family(story_id)
        self._family_norms.pop(family, None)
        centroid = self.family_centroids.setdefault(family, {})
        for t, w in vector.items():
            centroid[t] = centroid.get(t, 0.0) + w
        if len(centroid) > FAMILY_TERMS:
            top = heapq.nlargest(FAMILY_TERMS, centroid.items(), key=lambda kv: kv[1])
            self.family_centroids[family] = dict(top)
        self.families_changed.add(family)

    def _prune(self) -> None:
        """Drop the member vectors of stories no dated article can join any more."""
        horizon = self.quiet_horizon()
        if horizon is None:
            return
        for story in self.stories.values():
            if story.vectors is not None and (story.last_day or horizon) < horizon:
                story.vectors = None

    def _split(self, story: Story, article_id: str) -> None:
        """Split off the later of two groups the story's members fall into, if they do.

        The members are cut in two by average linkage on their vectors' cosines. The
        cut stands when both groups hold SPLIT_MIN_GROUP articles or more and are
        much less alike across than within (SPLIT_RATIO, SPLIT_CROSS). The group
        holding the story's first article keeps its id; the other becomes a new story
        of the same family, recorded as a "split" event."""
        if story.vectors is None or len(story.vectors) != len(story.members):
            return
        groups = two_groups([story.vectors[m][0] for m in story.members])
        if groups is None:
            return
        keep, leave = groups
        if 0 not in keep:
            keep, leave = leave, keep
        members, vectors = story.members, story.vectors
        new = Story(f"s{self.next_id}", {}, 0.0, [], None, None)
        self.next_id += 1
        self.stories[new.id] = new
        for part, target in ((keep, story), (leave, new)):
            target.members, target.centroid, target.vectors = [], {}, {}
            target.first_day = target.last_day = None
            for k in part:
                vector, day = vectors[members[k]]
                self._join(target, members[k], vector, day)
        for member in new.members:
            self.moved[member] = new.id
        self.family_of[new.id] = self.family(story.id)
        self.families_changed.add(new.id)
        self.events.append(Event("split", new.id, article_id, parent=story.id))


def two_groups(vectors: list[Vector]) -> tuple[list[int], list[int]] | None:
    """The two groups (indexes into ``vectors``, unit vectors) a story's articles fall
    into when they are two events, by average linkage; None when they are one."""
    import numpy as np
    from scipy.cluster.hierarchy import fcluster, linkage

    n = len(vectors)
    sims = np.array([[_cosine(a, b, 1.0) for b in vectors] for a in vectors])
    upper = np.triu_indices(n, 1)
    tree = linkage(np.clip(1.0 - sims[upper], 0.0, None), method="average")
    cut = fcluster(tree, 2, criterion="maxclust")
    a = [k for k in range(n) if cut[k] == 1]
    b = [k for k in range(n) if cut[k] != 1]
    if min(len(a), len(b)) < SPLIT_MIN_GROUP:
        return None
    cross = float(sims[np.ix_(a, b)].mean())
    inner = min(float(sims[np.ix_(g, g)][np.triu_indices(len(g), 1)].mean()) for g in (a, b))
    if cross >= SPLIT_RATIO * inner or cross >= SPLIT_CROSS:
        return None
    return a, b


def _cosine(vector: Vector, centroid: Vector, norm: float) -> float:
    """Cosine of a unit ``vector`` and a centroid of the given norm."""
    return sum(w * centroid.get(t, 0.0) for t, w in vector.items()) / norm


def _syndication_index() -> SyndicationIndex:
    # imported on first use: datasketch pulls numpy and scipy, which the CLI's
    # commands that never cluster should not pay for at start-up
    from newsfuse.cluster.syndication import SyndicationIndex

    return SyndicationIndex()
