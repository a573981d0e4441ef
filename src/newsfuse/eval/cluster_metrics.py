"""Score a story clustering against gold labels: B-cubed, adjusted Rand index and NMI.

The gold sets' READMEs (BASIL, ECB+) ask for these three. **B-cubed** (Bagga & Baldwin
1998) is computed here, per item: precision = |its predicted cluster ∩ its gold
cluster| / |its predicted cluster|, recall = the same over |its gold cluster|; both are
averaged over items and F1 is the harmonic mean of the two averages. It credits partial
clusters item by item, which is what a reader of a story page sees. **ARI** and **NMI**
come from scikit-learn (``adjusted_rand_score``; ``normalized_mutual_info_score`` with its
default arithmetic averaging): ARI corrects for chance (0 for a random clustering, 1 for
a perfect one, down to -0.5 for discordant ones), NMI is in [0, 1].

Labels are opaque strings: only which items share a label matters.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass

from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

from newsfuse.errors import EvalError
from newsfuse.eval import f1


@dataclass(frozen=True, slots=True)
class ClusterScores:
    """Clustering figures of one prediction against one gold labelling."""

    b3_precision: float
    b3_recall: float
    b3_f1: float
    ari: float
    nmi: float
    clusters: int  # predicted clusters
    gold_clusters: int
    items: int

    def as_dict(self) -> dict[str, float | int]:
        """The figures by field name (for JSON reports and tables)."""
        return asdict(self)


def b_cubed(gold: Sequence[str], pred: Sequence[str]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 of ``pred`` against ``gold`` (same length, non-empty).

    Items in one (gold, predicted) cell share both clusters, so each of the ``n`` items
    of a cell has precision n / |pred cluster| and recall n / |gold cluster|.
    """
    cells = Counter(zip(gold, pred, strict=True))
    gold_sizes, pred_sizes = Counter(gold), Counter(pred)
    items = len(gold)
    precision = sum(n * n / pred_sizes[p] for (_, p), n in cells.items()) / items
    recall = sum(n * n / gold_sizes[g] for (g, _), n in cells.items()) / items
    return precision, recall, f1(precision, recall)


def score_clusters(gold: Sequence[str], pred: Sequence[str]) -> ClusterScores:
    """B-cubed P/R/F1, ARI and NMI of a predicted labelling; EvalError on a length mismatch
    or no items."""
    if len(gold) != len(pred):
        raise EvalError(f"{len(gold)} gold labels but {len(pred)} predicted")
    if not gold:
        raise EvalError("no items to score")
    precision, recall, b3_f1 = b_cubed(gold, pred)
    return ClusterScores(
        b3_precision=precision,
        b3_recall=recall,
        b3_f1=b3_f1,
        ari=float(adjusted_rand_score(gold, pred)),
        nmi=float(normalized_mutual_info_score(gold, pred)),
        clusters=len(set(pred)),
        gold_clusters=len(set(gold)),
        items=len(gold),
    )
