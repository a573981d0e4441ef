"""Fit the weights of ``newsfuse.states_same`` on MRPC train and the labelled BASIL dev
events, and write them as source.

    python -m newsfuse.eval.paraphrase_fit            # report cross-validated figures
    python -m newsfuse.eval.paraphrase_fit --write    # ... and rewrite paraphrase_weights.py

Reads dev data only: MRPC's ``msr_paraphrase_train.txt`` (4,076 pairs) and the
sentence pairs of the alignment eval's ``dev`` events (every pair of sentences of
different outlets, positive when a labelled fact group holds both; weighed
ALIGN_WEIGHT each). MRPC alone teaches near-copy equivalence; a brief needs "this
sentence states that one's claim" across longer, looser tellings, which MRPC's model
scores poorly (on the dev pairs its ranking AUC was 0.68, below the raw cosine's
0.85). 10-fold cross-validated MRPC accuracy chooses the regularisation and the
threshold (the BASIL pairs are in every training fold); the logistic regression that
ships is then fitted on all of it. The script prints the
cross-validated figures (the honest dev figure: every pair scored by a model that did
not see it) and writes them into the generated module next to the weights, so the
source says where its numbers came from.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from newsfuse.align import paraphrase_weights
from newsfuse.align.paraphrase import Matcher, Weights, feature_table
from newsfuse.align.paraphrase_features import FEATURES
from newsfuse.eval import paraphrase as pe
from newsfuse.eval.align import sentence_pairs

# Cross-validation folds on the fit set.
FOLDS = 10
# Inverse regularisation strengths tried (scikit-learn's C).
C_GRID = (0.1, 0.3, 1.0, 3.0)
# Thresholds tried on the cross-validated probabilities (0.30 to 0.70).
THRESHOLD_GRID = tuple(round(0.30 + i / 100, 2) for i in range(41))
# Fixed seed for the folds, so a re-fit reproduces the file.
SEED = 0
# Weight of one labelled BASIL dev pair against one MRPC pair: 0.3 kept MRPC's 5-fold
# accuracy within a point (0.784 -> 0.775) while doubling the dev shared facts found at
# line precision above 0.95 (cross-validated by event); 1.0 cost MRPC 1.5 more points.
ALIGN_WEIGHT = 0.3
WEIGHTS_FILE = Path(paraphrase_weights.__file__)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=None, help="the MRPC folder")
    parser.add_argument("--write", action="store_true", help=f"rewrite {WEIGHTS_FILE.name}")
    args = parser.parse_args(argv)
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import accuracy_score, f1_score
    from sklearn.model_selection import StratifiedKFold
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    data = args.data if args.data is not None else pe.default_data_dir()
    started = time.perf_counter()
    fit = pe.load_split(data, "dev")
    zero = tuple(0.0 for _ in FEATURES)
    matcher = Matcher(weights=Weights(FEATURES, zero, tuple(1.0 for _ in FEATURES), zero, 0, 0.5))
    x_fit = feature_table([(p.a, p.b) for p in fit], matcher)
    y_fit = np.array([p.label for p in fit])
    extra = sentence_pairs("dev")
    x_extra = feature_table([(a, b) for a, b, _ in extra], matcher)
    y_extra = np.array([same for _, _, same in extra])
    print(
        f"features of {len(fit)} MRPC and {len(extra)} BASIL dev pairs "
        f"({int(y_extra.sum())} stating one claim) in {time.perf_counter() - started:.1f}s",
        flush=True,
    )

    def fit_model(c: float, rows: np.ndarray, labels: np.ndarray) -> Any:
        model = make_pipeline(StandardScaler(), LogisticRegression(C=c, max_iter=5000))
        x = np.vstack([rows, x_extra])
        y = np.concatenate([labels, y_extra])
        weight = np.concatenate([np.ones(len(labels)), np.full(len(y_extra), ALIGN_WEIGHT)])
        model.fit(x, y, logisticregression__sample_weight=weight)
        return model

    folds = StratifiedKFold(FOLDS, shuffle=True, random_state=SEED)
    best: tuple[float, float, float, float] | None = None  # (accuracy, f1, C, threshold)
    for c in C_GRID:
        cv = np.zeros(len(y_fit))
        for train, held in folds.split(x_fit, y_fit):
            cv[held] = fit_model(c, x_fit[train], y_fit[train]).predict_proba(x_fit[held])[:, 1]
        for t in THRESHOLD_GRID:
            acc = float(accuracy_score(y_fit, cv >= t))
            f = float(f1_score(y_fit, cv >= t))
            key = (acc, -abs(t - 0.5), -abs(c - 1.0))
            if best is None or key > (best[0], -abs(best[3] - 0.5), -abs(best[2] - 1.0)):
                best = (acc, f, c, t)
        at_half = float(accuracy_score(y_fit, cv >= 0.5))
        print(f"C={c}: cross-validated accuracy {at_half:.4f} at 0.5", flush=True)
    assert best is not None
    cv_acc, cv_f1, c, threshold = best
    model = fit_model(c, x_fit, y_fit)
    scaler, lr = model[0], model[1]
    p_fit = model.predict_proba(x_fit)[:, 1]
    fit_acc = float(accuracy_score(y_fit, p_fit >= threshold))
    print(
        f"chosen C={c}, threshold {threshold}: {FOLDS}-fold CV on {len(fit)} pairs "
        f"accuracy {cv_acc:.4f} F1 {cv_f1:.4f} (in-sample accuracy {fit_acc:.4f})"
    )
    weights = Weights(
        FEATURES,
        tuple(float(v) for v in scaler.mean_),
        tuple(float(v) if v > 0 else 1.0 for v in scaler.scale_),
        tuple(float(v) for v in lr.coef_[0]),
        float(lr.intercept_[0]),
        threshold,
    )
    if args.write:
        WEIGHTS_FILE.write_text(
            render(weights, c=c, fit=len(fit), extra=len(extra), cv=(cv_acc, cv_f1),
                   in_sample=fit_acc),
            encoding="utf-8",
        )  # fmt: skip
        print(f"wrote {WEIGHTS_FILE}")
    return 0


def render(
    w: Weights,
    *,
    c: float,
    fit: int,
    extra: int,
    cv: tuple[float, float],
    in_sample: float,
) -> str:
    """The weights module's source: constants with their provenance."""

    def column(values: Sequence[float]) -> str:
        return "".join(
            f"    {v!r},  # {name}\n" for name, v in zip(w.features, values, strict=True)
        )

    names = "".join(f"    {name!r},\n" for name in w.features)
    return f'''"""Weights of ``newsfuse.states_same``: a logistic regression over the pair features.

Generated by ``python -m newsfuse.eval.paraphrase_fit --write``; do not edit by hand.
Fitted on all of MRPC train (``msr_paraphrase_train.txt``, {fit} pairs) and the
{extra} sentence pairs of the alignment eval's dev events (weight {ALIGN_WEIGHT} each),
features standardised by MEANS and SCALES, L2-regularised with C={c} (chosen with the
threshold by {FOLDS}-fold cross-validated MRPC accuracy, folds shuffled with seed
{SEED}, the dev pairs in every training fold).

{FOLDS}-fold cross-validated on MRPC train: accuracy {cv[0]:.4f}, F1 {cv[1]:.4f}
(in-sample accuracy {in_sample:.4f}, optimistic).
"""

# The features the weights were fitted on, in order (newsfuse.align.paraphrase_features).
FEATURES: tuple[str, ...] = (
{names})

# Probability from which two sentences state the same thing: the best {FOLDS}-fold
# cross-validated accuracy on the fit pairs (higher trades recall for precision).
THRESHOLD = {w.threshold!r}
INTERCEPT = {w.intercept!r}
# Figures the fit measured (see the docstring).
CV_ACCURACY = {round(cv[0], 4)!r}
CV_F1 = {round(cv[1], 4)!r}
IN_SAMPLE_ACCURACY = {round(in_sample, 4)!r}

MEANS: tuple[float, ...] = (
{column(w.means)})
SCALES: tuple[float, ...] = (
{column(w.scales)})
COEFFICIENTS: tuple[float, ...] = (
{column(w.coefficients)})
'''


if __name__ == "__main__":
    sys.exit(main())
