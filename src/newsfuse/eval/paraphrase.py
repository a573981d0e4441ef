"""Score ``newsfuse.states_same`` on MRPC (Microsoft Research Paraphrase Corpus).

MRPC's pairs are sentences from different outlets' reports of one story, labelled
by whether they say the same thing: the decision behind "also reported by" in a
brief. The metric is the corpus's own: accuracy, and F1 of the positive class.

Splits: ``dev`` = ``msr_paraphrase_train.txt`` (4,076 pairs), ``test`` =
``msr_paraphrase_test.txt`` (1,725 pairs; report only). The weights were fitted on
all of dev, so a dev figure is in-sample and optimistic: the honest dev figure is
the 10-fold cross-validated one that ``python -m newsfuse.eval.paraphrase_fit``
measured and wrote into :mod:`newsfuse.align.paraphrase_weights` (shown under the
table). The gate scores every fifth dev pair (816), a quick regression check.

``newsfuse states_same`` is the decision a brief uses: the model's probability
over its threshold and no conflict (a differing figure, date or negation); the
model alone, without those vetoes, is scored beside it. Scored live as well: TF-IDF
cosine with its threshold tuned for accuracy on the whole train file (the vectoriser
fitted on train sentences), the usual lexical baseline; and the majority class.
Published figures are quoted, not recomputed.
"""

from __future__ import annotations

import csv
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from newsfuse.errors import EvalError
from newsfuse.eval import default_eval_root, f1, ratio

Split = Literal["dev", "test"]

# The data set's folder name under ../shared/eval.
DATASET = "mrpc-news-paraphrase"
# The file of each split.
SPLIT_FILES: dict[str, str] = {"dev": "msr_paraphrase_train.txt", "test": "msr_paraphrase_test.txt"}
# The gate scores every GATE_STRIDE-th dev pair (816 of 4,076: ~6 s on one core; the
# whole of dev takes ~30 s).
GATE_STRIDE = 5
# Thresholds tried when tuning the TF-IDF baseline on train (cosines 0.00 to 1.00).
TFIDF_GRID = tuple(i / 100 for i in range(101))

SYSTEMS: dict[str, str] = {
    "newsfuse": "newsfuse states_same",
    "model": "newsfuse model, no vetoes",
    "tfidf": "TF-IDF cosine, train-tuned",
    "majority": "always paraphrase",
}


@dataclass(frozen=True, slots=True)
class Reference:
    """A published result on MRPC test, quoted (not recomputed)."""

    label: str
    accuracy: float
    f1: float
    source: str


REFERENCES: tuple[Reference, ...] = (
    Reference("majority class [pub.]", 0.665, 0.799, "always paraphrase"),
    Reference("Mihalcea et al. 2006 [pub.]", 0.703, 0.813, "unsupervised word similarity"),
    Reference("Rus et al. 2008 [pub.]", 0.706, 0.805, "unsupervised graph subsumption"),
    Reference("Qiu et al. 2006 [pub.]", 0.720, 0.816, "supervised dissimilarity"),
    Reference("Wan et al. 2006 [pub.]", 0.756, 0.830, "supervised dependency features"),
    Reference("XLNet-Large ens. 2019 [pub.]", 0.930, 0.907, "large pretrained transformer"),
)
REFERENCE_SOURCE = (
    "ACL wiki 'Paraphrase Identification (State of the art)' and the GLUE leaderboard, "
    "as listed in the data set's README"
)


@dataclass(frozen=True, slots=True)
class Pair:
    """One labelled pair: 1 = the two sentences say the same thing."""

    label: int
    a: str
    b: str


@dataclass(frozen=True, slots=True)
class PairScores:
    """Accuracy and positive-class precision, recall and F1 of one system on one split."""

    accuracy: float
    precision: float
    recall: float
    f1: float
    threshold: float | None
    pairs: int

    def as_dict(self) -> dict[str, float | int | None]:
        return {
            "accuracy": round(self.accuracy, 4),
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "threshold": self.threshold,
            "pairs": self.pairs,
        }


def score(
    gold: Sequence[int], predicted: Sequence[bool], threshold: float | None = None
) -> PairScores:
    """Accuracy and F1 of the positive class."""
    if len(gold) != len(predicted):
        raise ValueError("one prediction per gold label")
    tp = sum(1 for g, p in zip(gold, predicted, strict=True) if g and p)
    fp = sum(1 for g, p in zip(gold, predicted, strict=True) if not g and p)
    fn = sum(1 for g, p in zip(gold, predicted, strict=True) if g and not p)
    right = sum(1 for g, p in zip(gold, predicted, strict=True) if bool(g) == p)
    precision, recall = ratio(tp, tp + fp), ratio(tp, tp + fn)
    return PairScores(
        ratio(right, len(gold)), precision, recall, f1(precision, recall), threshold, len(gold)
    )


def default_data_dir() -> Path:
    """``../shared/eval/mrpc-news-paraphrase`` beside the project root."""
    return default_eval_root() / DATASET


def read_pairs(path: Path) -> list[Pair]:
    """The pairs of one MRPC file (tab-separated, header, UTF-8 with a BOM); EvalError
    names the file and line of anything malformed."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise EvalError(f"{path}: cannot read the MRPC file ({exc})") from exc
    rows = list(csv.reader(text.splitlines(), delimiter="\t", quoting=csv.QUOTE_NONE))
    if not rows or [c.strip() for c in rows[0][:1]] != ["Quality"]:
        raise EvalError(f"{path}: expected the MRPC header 'Quality<TAB>#1 ID<TAB>…'")
    pairs = []
    for line, row in enumerate(rows[1:], start=2):
        if not row:
            continue
        if len(row) != 5 or row[0] not in {"0", "1"}:
            raise EvalError(f"{path}, line {line}: expected 5 tab-separated fields, label 0/1")
        pairs.append(Pair(int(row[0]), row[3], row[4]))
    if not pairs:
        raise EvalError(f"{path}: no pairs")
    return pairs


def load_split(data_dir: Path, split: Split, *, stride: int = 1) -> list[Pair]:
    """The pairs of a split (every ``stride``-th, by file order)."""
    path = data_dir / SPLIT_FILES[split]
    if not path.is_file():
        raise EvalError(
            f"{path}: not found (is --data the {DATASET} folder with "
            f"{SPLIT_FILES['dev']} and {SPLIT_FILES['test']} in it?)"
        )
    return read_pairs(path)[::stride]


@dataclass(frozen=True, slots=True)
class ParaphraseReport:
    """Scores of every system on one split."""

    split: str
    data_dir: Path
    scores: dict[str, PairScores]
    seconds: float
    sentences_per_second: float

    def as_dict(self) -> dict[str, object]:
        return {
            "dataset": DATASET,
            "split": self.split,
            "data_dir": str(self.data_dir),
            "scores": {k: v.as_dict() for k, v in self.scores.items()},
            "references": [
                {"system": r.label, "accuracy": r.accuracy, "f1": r.f1, "source": r.source}
                for r in REFERENCES
            ],
            "reference_source": REFERENCE_SOURCE,
            "seconds": round(self.seconds, 2),
            "sentences_per_second": round(self.sentences_per_second, 1),
        }


def run(
    data_dir: Path,
    split: Split,
    *,
    systems: Sequence[str] = ("newsfuse", "model", "tfidf", "majority"),
    stride: int = 1,
    progress: Callable[[int, int], None] | None = None,
) -> ParaphraseReport:
    """Score ``systems`` on a split."""
    started = time.perf_counter()
    pairs = load_split(data_dir, split, stride=stride)
    gold = [p.label for p in pairs]
    scores: dict[str, PairScores] = {}
    rate = 0.0
    if "newsfuse" in systems or "model" in systems:
        probabilities, vetoed, rate = _newsfuse(pairs, progress)
        from newsfuse.align.paraphrase_weights import THRESHOLD

        model = [p >= THRESHOLD for p in probabilities]
        if "newsfuse" in systems:
            decided = [m and not v for m, v in zip(model, vetoed, strict=True)]
            scores["newsfuse"] = score(gold, decided, THRESHOLD)
        if "model" in systems:
            scores["model"] = score(gold, model, THRESHOLD)
    if "tfidf" in systems:
        train = pairs if split == "dev" and stride == 1 else load_split(data_dir, "dev")
        scores["tfidf"] = tfidf_baseline(train, pairs)
    if "majority" in systems:
        scores["majority"] = score(gold, [True] * len(gold))
    return ParaphraseReport(split, data_dir, scores, time.perf_counter() - started, rate)


def _newsfuse(
    pairs: Sequence[Pair], progress: Callable[[int, int], None] | None
) -> tuple[list[float], list[bool], float]:
    """The model's probabilities, whether a conflict vetoes each pair, sentences/s."""
    from newsfuse.align.paraphrase import default_matcher

    matcher = default_matcher()
    texts = list(dict.fromkeys(t for p in pairs for t in (p.a, p.b)))
    chunk = 256
    began = time.perf_counter()
    for start in range(0, len(texts), chunk):
        matcher.embed(texts[start : start + chunk])
        if progress is not None:
            progress(min(start + chunk, len(texts)), len(texts))
    rate = len(texts) / max(time.perf_counter() - began, 1e-9)
    probabilities = matcher.probabilities([(p.a, p.b) for p in pairs])
    return probabilities, [bool(matcher.conflicts(p.a, p.b)) for p in pairs], rate


def tfidf_baseline(train: Sequence[Pair], pairs: Sequence[Pair]) -> PairScores:
    """TF-IDF cosine: vectoriser fitted on the train sentences, the threshold that gives
    the best train accuracy, applied to ``pairs``."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    vectoriser = TfidfVectorizer().fit([t for p in train for t in (p.a, p.b)])

    def cosines(items: Sequence[Pair]) -> list[float]:
        a = vectoriser.transform([p.a for p in items])
        b = vectoriser.transform([p.b for p in items])
        return [float(x) for x in a.multiply(b).sum(axis=1).A1]  # rows are unit length

    train_cos, train_gold = cosines(train), [p.label for p in train]
    best = max(
        TFIDF_GRID,
        key=lambda t: (score(train_gold, [c >= t for c in train_cos]).accuracy, -abs(t - 0.5)),
    )
    return score([p.label for p in pairs], [c >= best for c in cosines(pairs)], best)


def gate_scores(eval_root: Path, split: Literal["dev"], workers: int) -> dict[str, float]:
    """newsfuse on every GATE_STRIDE-th dev pair (in-sample: a regression check)."""
    del workers  # the matcher runs on one core
    report = run(eval_root / DATASET, split, systems=("newsfuse", "model"), stride=GATE_STRIDE)
    s, m = report.scores["newsfuse"], report.scores["model"]
    return {
        "accuracy": s.accuracy,
        "f1": s.f1,
        "precision": s.precision,
        "recall": s.recall,
        "model_accuracy": m.accuracy,
        "model_f1": m.f1,
    }
