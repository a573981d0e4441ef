"""The alignment eval: its labels hold, its group rule is the guide's, and the command
scores newsfuse beside the lexical baseline."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from newsfuse.cli.app import app
from newsfuse.errors import EvalError
from newsfuse.eval import align as al
from newsfuse.eval.align_data import data_dir, fill, label_files, load_event
from newsfuse.model import Quote


def test_every_label_file_holds_and_stores_no_article_text() -> None:
    files = label_files("dev") + label_files("dev-holdout")
    assert len(label_files("dev")) >= 20 and len(label_files("dev-holdout")) >= 10
    root = data_dir()
    if not (root / "articles").is_dir():
        pytest.skip("BASIL not found")
    for path in files:
        label = json.loads(path.read_text(encoding="utf-8"))
        fill(label, load_event(root, label["event"]))  # raises EvalError when one fails
        refs = [m for k in ("figures", "quotes", "facts") for g in label[k] for m in g["members"]]
        refs += label.get("unique", []) + label.get("partial", [])
        assert all(len(r["text"].split()) <= 12 for r in refs)


def _gold(*groups: list[tuple[str, int, int, int]]) -> list[tuple[dict[str, Any], Any]]:
    return [({"measure": f"m{k}"}, list(g)) for k, g in enumerate(groups)]


def _item(article: str, p: int, start: int, end: int, *, last: int | None = None) -> Quote:
    """A brief quote at (article, paragraph, start, end), running on to paragraph ``last``."""
    return Quote(id="q", article=article, paragraph=p, start=start, end=end,
                 end_paragraph=p if last is None else last, text="…", parts=(),
                 kind="direct", speaker=None)  # fmt: skip


OUTLET = {"A": "fox", "B": "nyt", "C": "hpo"}


def test_a_group_is_right_only_when_every_item_is_a_member_of_one_labelled_group() -> None:
    gold = _gold([("fox", 0, 0, 10), ("nyt", 1, 5, 15)], [("hpo", 2, 0, 10)])
    right = [_item("A", 0, 2, 8), _item("B", 1, 5, 15)]
    mixed = [_item("A", 0, 2, 8), _item("C", 2, 0, 10)]
    stray = [_item("A", 0, 2, 8), _item("B", 3, 0, 5)]
    counts, found, wrong = al.score_groups([right, mixed, stray], gold, OUTLET, share=0.0)
    assert (counts.right, counts.predicted, counts.found, counts.gold) == (1, 3, 1, 2)
    assert found == {0: 0} and wrong == [1, 2]


def test_a_quote_over_two_paragraphs_meets_a_member_in_its_second() -> None:
    gold = _gold([("fox", 3, 0, 20), ("nyt", 0, 0, 20)])
    long_quote = _item("A", 2, 40, 30, last=3)
    counts, _, _ = al.score_groups([[long_quote, _item("B", 0, 0, 20)]], gold, OUTLET, share=0.5)
    assert counts.right == 1


def test_the_command_scores_newsfuse_beside_the_lexical_baseline(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    if not (data_dir() / "articles").is_dir():
        pytest.skip("BASIL not found")
    one = label_files("dev")[:1]
    monkeypatch.setattr(al, "label_files", lambda split: one)
    result = CliRunner().invoke(app, ["eval", "align", "--format", "json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["events"] == 1 and set(report["systems"]) == {"newsfuse", "lexical"}
    for system in report["systems"].values():
        assert set(system["scores"]) == set(al.KINDS)
        assert 0.0 <= system["scores"]["facts"]["precision"] <= 1.0


def test_an_unknown_split_is_an_error() -> None:
    with pytest.raises(EvalError):
        label_files("test")


def test_labels_live_in_the_package_as_data() -> None:
    folder = Path(al.__file__).with_name("align_labels")
    assert {p.name for p in folder.iterdir()} >= {"dev", "dev-holdout"}
