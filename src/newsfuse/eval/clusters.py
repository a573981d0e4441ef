"""``newsfuse eval clusters``: story clustering on BASIL and ECB+, beside a TF-IDF baseline.

newsfuse runs its online path (the clusterer ``newsfuse ingest`` uses): articles
arrive one at a time in publication order (ECB+ has no dates: the loader's
stable order) and each joins a story or starts one. The baseline is the issue's:
TF-IDF vectors and average-linkage agglomerative clustering, offline, with the one
distance threshold that is best on the dev split of the same data set and level,
then applied to the split scored. Scores: B-cubed P/R/F1, adjusted Rand index and
NMI, against the story labels (BASIL triplet, ECB+ subtopic) and, for ECB+, also
against topics, where newsfuse's families of related stories (each new story joins
the family of the nearest earlier story when they are loosely alike) are scored.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from newsfuse.eval.cluster_data import (
    ClusterDoc,
    default_basil_dir,
    default_ecbplus_dir,
    load_basil,
    load_ecbplus,
)

if TYPE_CHECKING:  # scikit-learn, numpy and spaCy load when an eval runs, not at CLI start
    from newsfuse.cluster.online import StoryClusterer
    from newsfuse.eval.cluster_metrics import ClusterScores

Dataset = Literal["basil", "ecbplus"]
Split = Literal["dev", "test"]
Level = Literal["label", "topic"]

# What each level is called in reports.
LEVELS: dict[Dataset, tuple[tuple[Level, str], ...]] = {
    "basil": (("label", "event (triplet)"),),
    "ecbplus": (("label", "subtopic"), ("topic", "topic")),
}


@dataclass(frozen=True, slots=True)
class Reference:
    """A figure quoted from elsewhere, shown beside the live rows, never recomputed."""

    label: str
    dataset: Dataset
    level: Level
    b3_f1: float
    source: str


REFERENCES = (
    Reference("issue: TF-IDF + agglomerative (test)", "basil", "label", 0.931, "the issue"),
    Reference("issue: TF-IDF + agglomerative (test)", "ecbplus", "label", 0.870, "the issue"),
    Reference("issue: TF-IDF + agglomerative (test)", "ecbplus", "topic", 0.895, "the issue"),
    Reference(
        "Miranda et al. 2018, online (own English data)", "basil", "label", 0.94, "PRIOR-ART.md"
    ),
)


@dataclass(frozen=True, slots=True)
class Row:
    """One system at one level."""

    system: str
    level: Level
    scores: ClusterScores
    threshold: float | None = None  # the baseline's dev-tuned distance threshold


@dataclass
class ClustersReport:
    """Everything ``newsfuse eval clusters`` prints."""

    dataset: Dataset
    split: Split
    documents: int
    rows: list[Row] = field(default_factory=list)
    seconds: float = 0.0
    online_seconds: float = 0.0
    merges: int = 0
    syndicated: int = 0

    def as_dict(self) -> dict[str, object]:
        return {
            "eval": "clusters",
            "dataset": self.dataset,
            "split": self.split,
            "documents": self.documents,
            "seconds": round(self.seconds, 2),
            "online_seconds": round(self.online_seconds, 2),
            "merges": self.merges,
            "syndicated": self.syndicated,
            "rows": [
                {
                    "system": r.system,
                    "level": r.level,
                    "threshold": r.threshold,
                    **{k: round(v, 4) for k, v in r.scores.as_dict().items()},
                }
                for r in self.rows
            ],
            "published": [
                {"label": r.label, "level": r.level, "b3_f1": r.b3_f1, "source": r.source}
                for r in REFERENCES
                if r.dataset == self.dataset
            ],
        }


def load(
    dataset: Dataset, split: Literal["train", "dev", "test"], root: Path | None = None
) -> list[ClusterDoc]:
    """The documents of one split, in the order the online path reads them."""
    if dataset == "basil":
        if split == "train":
            raise ValueError("BASIL has no train split here")
        return load_basil(root or default_basil_dir(), split)
    return load_ecbplus(root or default_ecbplus_dir(), split)


def online_labels(
    docs: Sequence[ClusterDoc], clusterer: StoryClusterer | None = None
) -> tuple[list[str], StoryClusterer]:
    """newsfuse's story for each document, fed one at a time in the given order."""
    from newsfuse.cluster.features import features
    from newsfuse.cluster.online import StoryClusterer

    clusterer = clusterer or StoryClusterer()
    for d in docs:
        clusterer.add(d.id, features(d.title, d.text, d.published), d.text)
    return clusterer.labels(d.id for d in docs), clusterer


def gold(docs: Sequence[ClusterDoc], level: Level) -> list[str]:
    return [d.label if level == "label" else d.topic for d in docs]


def run(
    dataset: Dataset,
    split: Split,
    *,
    root: Path | None = None,
    baseline: bool = True,
    progress: Callable[[int, int], None] | None = None,
) -> ClustersReport:
    """Score newsfuse (and the baseline) on one split of one data set."""
    from newsfuse.eval.cluster_baseline import tfidf_agglomerative, tune_threshold
    from newsfuse.eval.cluster_metrics import score_clusters

    start = time.perf_counter()
    docs = load(dataset, split, root)
    report = ClustersReport(dataset, split, len(docs))
    t0 = time.perf_counter()
    labels, clusterer = online_labels(docs)
    report.online_seconds = time.perf_counter() - t0
    report.merges = sum(1 for e in clusterer.events if e.kind == "merged")
    report.syndicated = sum(1 for d in docs if clusterer.copies.get(d.id))
    levels = LEVELS[dataset]
    families = [clusterer.family(story) for story in labels]
    for level, _ in levels:
        # stories against the story labels; families of related stories against topics
        pred = labels if level == "label" else families
        report.rows.append(Row("newsfuse", level, score_clusters(gold(docs, level), pred)))
    if progress:
        progress(1, 2)
    if baseline:
        dev = docs if split == "dev" else load(dataset, "dev", root)
        for level, _ in levels:
            threshold, _ = tune_threshold(dev, level)
            pred = tfidf_agglomerative(docs, threshold)
            report.rows.append(
                Row(
                    "tfidf-agglomerative", level, score_clusters(gold(docs, level), pred), threshold
                )
            )
    if progress:
        progress(2, 2)
    report.seconds = time.perf_counter() - start
    return report


def gate_scores(eval_root: Path, split: Literal["dev"], workers: int) -> dict[str, float]:
    """newsfuse's dev figures for the eval gate: BASIL events, ECB+ subtopics and topics."""
    from newsfuse.eval.cluster_metrics import score_clusters

    out: dict[str, float] = {}
    basil = load_basil(eval_root / "basil-same-event-triplets", split)
    labels, _ = online_labels(basil)
    s = score_clusters(gold(basil, "label"), labels)
    out["basil_b3_f1"], out["basil_ari"] = s.b3_f1, s.ari
    ecb = load_ecbplus(eval_root / "ecbplus-event-clusters", split)
    labels, clusterer = online_labels(ecb)
    s = score_clusters(gold(ecb, "label"), labels)
    out["ecbplus_b3_f1"], out["ecbplus_ari"] = s.b3_f1, s.ari
    families = [clusterer.family(story) for story in labels]
    out["ecbplus_topic_b3_f1"] = score_clusters(gold(ecb, "topic"), families).b3_f1
    return out
