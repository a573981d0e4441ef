"""Clustering metrics: B-cubed by hand on small labellings, ARI/NMI ranges, label renaming."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsfuse.errors import EvalError
from newsfuse.eval.cluster_metrics import ClusterScores, b_cubed, score_clusters

# Gold of the worked examples: clusters a (3 items), b (2) and c (1).
GOLD = ["a", "a", "a", "b", "b", "c"]


def test_perfect_prediction_scores_one_under_other_names() -> None:
    s = score_clusters(GOLD, ["x", "x", "x", "y", "y", "z"])
    assert (s.b3_precision, s.b3_recall, s.b3_f1) == (1.0, 1.0, 1.0)
    assert s.ari == pytest.approx(1.0)
    assert s.nmi == pytest.approx(1.0)
    assert (s.clusters, s.gold_clusters, s.items) == (3, 3, 6)


def test_one_cluster_has_full_recall_and_precision_sum_of_squares() -> None:
    # Every item's predicted cluster is all 6: precision |g| / 6 per item,
    # averaged (9 + 4 + 1) / 36 = 7/18.
    s = score_clusters(GOLD, ["x"] * 6)
    assert s.b3_precision == pytest.approx(7 / 18)
    assert s.b3_recall == 1.0
    assert s.b3_f1 == pytest.approx(2 * (7 / 18) / (7 / 18 + 1))
    assert s.ari == pytest.approx(0.0)  # no better than chance
    assert s.nmi == pytest.approx(0.0)
    assert s.clusters == 1


def test_singletons_have_full_precision_and_recall_gold_clusters_over_items() -> None:
    # Each item recalls 1/|g| of its gold cluster: 3 gold clusters / 6 items.
    s = score_clusters(GOLD, [str(i) for i in range(6)])
    assert s.b3_precision == 1.0
    assert s.b3_recall == pytest.approx(1 / 2)
    assert s.b3_f1 == pytest.approx(2 / 3)
    assert s.clusters == 6


def test_worked_example() -> None:
    # pred x = {a, a}, y = {a, b, b, c}.
    # precision: a,a in x: 2/2 each; a in y: 1/4; b,b in y: 2/4 each; c in y: 1/4
    #            -> (2 + 1/4 + 1 + 1/4) / 6 = 7/12
    # recall:    a,a: 2/3 each; a: 1/3; b,b: 2/2 each; c: 1/1 -> (4/3 + 1/3 + 2 + 1) / 6 = 7/9
    # F1 = 2 * 7/12 * 7/9 / (7/12 + 7/9) = 2/3
    p, r, f = b_cubed(GOLD, ["x", "x", "y", "y", "y", "y"])
    assert p == pytest.approx(7 / 12)
    assert r == pytest.approx(7 / 9)
    assert f == pytest.approx(2 / 3)
    s = score_clusters(GOLD, ["x", "x", "y", "y", "y", "y"])
    assert (s.b3_precision, s.b3_recall, s.b3_f1) == (p, r, f)
    assert 0.0 < s.ari < 1.0
    assert 0.0 < s.nmi < 1.0


def test_as_dict_names_every_field() -> None:
    d = score_clusters(GOLD, GOLD).as_dict()
    assert list(d) == list(ClusterScores.__dataclass_fields__)
    assert d["b3_f1"] == 1.0
    assert d["items"] == 6


def test_mismatched_lengths_and_no_items_are_errors() -> None:
    with pytest.raises(EvalError, match="6 gold labels but 5 predicted"):
        score_clusters(GOLD, GOLD[:5])
    with pytest.raises(EvalError, match="no items"):
        score_clusters([], [])


# --------------------------------------------------------------------------- properties

labellings = st.integers(min_value=1, max_value=40).flatmap(
    lambda n: st.tuples(
        st.lists(st.sampled_from("abcdef"), min_size=n, max_size=n),
        st.lists(st.sampled_from("uvwxyz"), min_size=n, max_size=n),
    )
)
# ARI is bounded below by -0.5 (scikit-learn's documentation of adjusted_rand_score).
ARI_MIN = -0.5
EPS = 1e-9


@settings(max_examples=200, deadline=None)
@given(labellings, st.permutations("uvwxyz"), st.permutations("abcdef"))
def test_renaming_labels_changes_nothing(
    pair: tuple[list[str], list[str]], pred_names: list[str], gold_names: list[str]
) -> None:
    gold, pred = pair
    rename_pred = dict(zip("uvwxyz", pred_names, strict=True))
    rename_gold = dict(zip("abcdef", gold_names, strict=True))
    before = score_clusters(gold, pred)
    after = score_clusters([rename_gold[g] for g in gold], [rename_pred[p] for p in pred])
    for key, value in before.as_dict().items():
        assert after.as_dict()[key] == pytest.approx(value), key


@settings(max_examples=200, deadline=None)
@given(labellings)
def test_scores_lie_in_their_ranges(pair: tuple[list[str], list[str]]) -> None:
    s = score_clusters(*pair)
    for value in (s.b3_precision, s.b3_recall, s.b3_f1, s.nmi):
        assert -EPS <= value <= 1 + EPS
    assert ARI_MIN - EPS <= s.ari <= 1 + EPS
    assert min(s.b3_precision, s.b3_recall) - EPS <= s.b3_f1
    assert s.b3_f1 <= max(s.b3_precision, s.b3_recall) + EPS
    assert s.items == len(pair[0])


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from("abcdef"), min_size=1, max_size=40))
def test_perfect_prediction_gives_one(gold: list[str]) -> None:
    s = score_clusters(gold, [g.upper() for g in gold])
    assert s.b3_precision == pytest.approx(1.0)
    assert s.b3_recall == pytest.approx(1.0)
    assert s.b3_f1 == pytest.approx(1.0)
    assert s.ari == pytest.approx(1.0)
    assert s.nmi == pytest.approx(1.0)
