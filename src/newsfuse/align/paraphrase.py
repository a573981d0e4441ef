"""Whether two sentences state the same thing, by meaning: ``newsfuse.states_same``.

A logistic regression weighs the cosine of the two sentences' embeddings
(:mod:`newsfuse.align.embeddings`) together with what embeddings cannot see —
figures, dates, negation, tense and modality, names, and lexical and word-order
overlap (:mod:`newsfuse.align.paraphrase_features`). Its weights and threshold are
constants in :mod:`newsfuse.align.paraphrase_weights`, fitted on MRPC train by
``python -m newsfuse.eval.paraphrase_fit`` (which says what it measured);
``newsfuse eval paraphrase`` scores it.

For the aligner, :class:`Matcher` works in batches: ``embed`` caches each text's
vector, ``probabilities`` scores many pairs at once, and :func:`default_matcher`
loads the model once per process, on first use::

    m = default_matcher()
    m.embed(sentences)                      # optional: one pass over all sentences
    ps = m.probabilities([(a, b), (c, d)])  # P(same statement) per pair
    same = [p >= m.threshold for p in ps]
"""

from __future__ import annotations

import math
import threading
from collections import OrderedDict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol, TypeVar

import numpy as np

from newsfuse.align import paraphrase_weights as weights_module
from newsfuse.align.embeddings import OnnxEncoder
from newsfuse.align.paraphrase_features import (
    FEATURES,
    Analysis,
    analyse,
    conflicts,
    differences,
)
from newsfuse.align.paraphrase_features import pair_features as _pair_features

if TYPE_CHECKING:
    from numpy.typing import NDArray

# Texts whose vector and analysis are kept (least recently used go first): a brief
# compares a few hundred sentences, the web app's worker many briefs in a row; 20,000
# vectors of 384 floats are ~30 MB.
CACHE_SIZE = 20_000

T = TypeVar("T")


class Encoder(Protocol):
    """Turns texts into unit-length vectors (the ONNX model, or a stand-in in tests)."""

    def encode(self, texts: Sequence[str]) -> NDArray[np.float32]: ...


@dataclass(frozen=True, slots=True)
class Weights:
    """A fitted logistic regression over :data:`FEATURES`: each feature is standardised
    with its mean and scale, then weighed; ``threshold`` turns the probability into the
    decision."""

    features: tuple[str, ...]
    means: tuple[float, ...]
    scales: tuple[float, ...]
    coefficients: tuple[float, ...]
    intercept: float
    threshold: float

    def __post_init__(self) -> None:
        n = len(self.features)
        if not (len(self.means) == len(self.scales) == len(self.coefficients) == n):
            raise ValueError("weights: one mean, scale and coefficient per feature")

    def logits(self, rows: NDArray[np.float64]) -> NDArray[np.float64]:
        z = (rows - np.asarray(self.means)) / np.asarray(self.scales)
        out: NDArray[np.float64] = z @ np.asarray(self.coefficients) + self.intercept
        return out


def shipped_weights() -> Weights:
    """The weights fitted on MRPC train (see :mod:`newsfuse.align.paraphrase_weights`)."""
    w = weights_module
    return Weights(w.FEATURES, w.MEANS, w.SCALES, w.COEFFICIENTS, w.INTERCEPT, w.THRESHOLD)


@dataclass(frozen=True, slots=True)
class Comparison:
    """The verdict on one pair: the probability, the decision, and the checks on which
    the two sentences differ (figures, dates, negation, tense or modality, names)."""

    probability: float
    same: bool
    differences: tuple[str, ...]


class Matcher:
    """Decides whether sentences state the same thing; caches per text; thread-safe."""

    def __init__(
        self,
        encoder: Encoder | None = None,
        *,
        weights: Weights | None = None,
        cache_size: int = CACHE_SIZE,
    ) -> None:
        self.encoder: Encoder = encoder if encoder is not None else OnnxEncoder()
        self.weights = weights if weights is not None else shipped_weights()
        if self.weights.features != FEATURES:
            raise ValueError(
                "the weights were fitted on other features than paraphrase_features.FEATURES: "
                "re-fit them (python -m newsfuse.eval.paraphrase_fit --write)"
            )
        self._cache_size = cache_size
        self._vectors: OrderedDict[str, NDArray[np.float32]] = OrderedDict()
        self._analyses: OrderedDict[str, Analysis] = OrderedDict()
        self._lock = threading.Lock()

    @property
    def threshold(self) -> float:
        """The probability from which two sentences state the same thing."""
        return self.weights.threshold

    def embed(self, texts: Iterable[str]) -> NDArray[np.float32]:
        """Unit-length vectors of ``texts`` (one row each), embedding only the texts not
        seen before, in one batch."""
        texts = list(texts)
        found: dict[str, NDArray[np.float32]] = {}
        with self._lock:
            for t in texts:
                vector = self._vectors.get(t)
                if vector is not None:
                    self._vectors.move_to_end(t)
                    found[t] = vector
        missing = [t for t in dict.fromkeys(texts) if t not in found]
        if missing:
            fresh = self.encoder.encode(missing)
            with self._lock:
                for text, vector in zip(missing, fresh, strict=True):
                    found[text] = vector
                    _put(self._vectors, text, vector, self._cache_size)
        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        return np.stack([found[t] for t in texts])

    def features(self, a: str, b: str) -> dict[str, float]:
        """The named features of one pair (what the weights see)."""
        return self.features_many([(a, b)])[0]

    def features_many(self, pairs: Sequence[tuple[str, str]]) -> list[dict[str, float]]:
        """The named features of many pairs, embedding every text once."""
        texts = list(dict.fromkeys(t for pair in pairs for t in pair))
        vectors = dict(zip(texts, self.embed(texts), strict=True))
        out = []
        for a, b in pairs:
            cosine = float(vectors[a] @ vectors[b])
            out.append(_pair_features(self.analysis(a), self.analysis(b), cosine))
        return out

    def probability(self, a: str, b: str) -> float:
        """P(``a`` and ``b`` state the same thing)."""
        return self.probabilities([(a, b)])[0]

    def probabilities(self, pairs: Sequence[tuple[str, str]]) -> list[float]:
        """P(same) for each pair, in order; each text is embedded and analysed once."""
        if not pairs:
            return []
        rows = np.array(
            [[f[name] for name in FEATURES] for f in self.features_many(pairs)],
            dtype=np.float64,
        )
        return [_sigmoid(z) for z in self.weights.logits(rows)]

    def same(self, a: str, b: str) -> bool:
        """Whether ``a`` and ``b`` state the same thing: probability >= threshold and no
        conflict (:meth:`conflicts`)."""
        return self.decide([(a, b)])[0]

    def decide(self, pairs: Sequence[tuple[str, str]]) -> list[bool]:
        """:meth:`same` for many pairs at once."""
        return [
            p >= self.threshold and not self.conflicts(a, b)
            for p, (a, b) in zip(self.probabilities(pairs), pairs, strict=True)
        ]

    def conflicts(self, a: str, b: str) -> tuple[str, ...]:
        """Why two sentences cannot state the same thing, however close: a figure of one
        measure, a date or negation that differ (empty: none)."""
        return conflicts(self.analysis(a), self.analysis(b))

    def compare(self, a: str, b: str) -> Comparison:
        """The probability, the decision, and every difference found (for display)."""
        p = self.probability(a, b)
        x, y = self.analysis(a), self.analysis(b)
        found = tuple(dict.fromkeys((*conflicts(x, y), *differences(x, y))))
        return Comparison(p, p >= self.threshold and not conflicts(x, y), found)

    def analysis(self, text: str) -> Analysis:
        """The per-sentence features of ``text`` (cached)."""
        with self._lock:
            found = self._analyses.get(text)
            if found is not None:
                self._analyses.move_to_end(text)
                return found
        made = analyse(text)
        with self._lock:
            _put(self._analyses, text, made, self._cache_size)
        return made


def _put(cache: OrderedDict[str, T], key: str, value: T, limit: int) -> None:
    cache[key] = value
    cache.move_to_end(key)
    while len(cache) > limit:
        cache.popitem(last=False)


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-z)) if z >= 0 else math.exp(z) / (1.0 + math.exp(z))


_DEFAULT: Matcher | None = None
_DEFAULT_LOCK = threading.Lock()


def default_matcher() -> Matcher:
    """The process-wide matcher: the model loads once, on first use."""
    global _DEFAULT
    with _DEFAULT_LOCK:
        if _DEFAULT is None:
            _DEFAULT = Matcher()
        return _DEFAULT


def states_same(a: str, b: str) -> bool:
    """Whether two sentences state the same thing: the decision a brief uses for "also
    reported by". Meaning first (sentence embeddings), weighed with what embeddings miss
    (figures, dates, negation, tense, names); a differing figure, date or negation
    vetoes it. See :class:`Matcher` for batches."""
    return default_matcher().same(a, b)


def feature_table(pairs: Sequence[tuple[str, str]], matcher: Matcher) -> NDArray[np.float64]:
    """Rows of :data:`FEATURES` for ``pairs`` (the fitting script's design matrix)."""
    return np.array(
        [[f[name] for name in FEATURES] for f in matcher.features_many(pairs)], dtype=np.float64
    )


def describe(weights: Weights) -> Mapping[str, float]:
    """Each feature's coefficient on the standardised scale (what weighs most)."""
    return dict(zip(weights.features, weights.coefficients, strict=True))
