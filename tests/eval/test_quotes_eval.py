"""The PolNeAR quote scorer on tiny hand-made gold, and newsfuse on the dev split.

Only dev documents are read here; the test split is never touched.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console
from typer.testing import CliRunner

from newsfuse.cli.app import app
from newsfuse.cli.eval_quotes import print_quotes
from newsfuse.eval import quotes as qe
from newsfuse.eval.gate import load_gates

ROOT = Path(__file__).resolve().parents[2]

# Quote marks at 8, 29, 43 and 60; "A source agreed." is 62-78.
TEXT = 'He said "we will win the war," adding that "nothing is lost." A source agreed.'


def gold(start: int, end: int, source: tuple[tuple[int, int], ...] = ((0, 2),)) -> qe.GoldQuote:
    return qe.GoldQuote(((start, end),), TEXT[start:end], source)


# --------------------------------------------------------------------------- metric


def test_a_prediction_matches_when_it_covers_more_than_30_percent() -> None:
    g = gold(8, 30)  # "we will win the war," with its marks (22 chars)
    covers_7 = qe.PredQuote(8, 15)  # 7/22 = 0.32
    covers_6 = qe.PredQuote(8, 14)  # 6/22 = 0.27
    assert qe.match_document(TEXT, [g], [covers_7]).matched == 1
    assert qe.match_document(TEXT, [g], [covers_6]).matched == 0


def test_matching_is_one_to_one_and_greedy_by_coverage() -> None:
    g = gold(8, 30)
    whole, half = qe.PredQuote(9, 29), qe.PredQuote(9, 20)
    counts = qe.match_document(TEXT, [g], [half, whole])
    assert (counts.matched, counts.pred, counts.gold) == (1, 2, 1)
    assert counts.exact == 1  # the whole one took the gold: same text once marks are trimmed
    scores = qe.Scores.from_counts(counts)
    assert scores.precision == 0.5 and scores.recall == 1.0


def test_exact_match_ignores_marks_and_final_punctuation_only() -> None:
    g = gold(8, 30)
    assert qe.match_document(TEXT, [g], [qe.PredQuote(9, 28)]).exact == 1  # no "," and marks
    assert qe.match_document(TEXT, [g], [qe.PredQuote(12, 28)]).exact == 0


def test_speaker_counts_the_mention_or_its_resolution() -> None:
    g = gold(8, 30, source=((0, 2),))
    right = qe.PredQuote(9, 28, speaker=((0, 2),))
    resolved = qe.PredQuote(9, 28, speaker=((60, 68),), resolved=((0, 2),))
    wrong = qe.PredQuote(9, 28, speaker=((60, 68),))
    nobody = qe.PredQuote(9, 28)
    results = [qe.match_document(TEXT, [g], [p]) for p in (right, resolved, wrong, nobody)]
    assert [c.speaker_resolved for c in results] == [1, 1, 0, 0]
    assert [c.speaker_written for c in results] == [1, 0, 0, 0]
    assert all(c.with_source == 1 for c in results)


def test_speaker_precision_counts_only_quotes_given_a_speaker() -> None:
    g = gold(8, 30, source=((0, 2),))
    right = qe.PredQuote(9, 28, speaker=((0, 2),), named=True)
    wrong = qe.PredQuote(9, 28, speaker=((60, 68),), named=True)
    withheld = qe.PredQuote(9, 28, speaker=((0, 2),), named=False)  # "he", left unresolved
    counts = qe.Counts()
    for p in (right, wrong, withheld):
        counts.add(qe.match_document(TEXT, [g], [p]))
    s = qe.Scores.from_counts(counts)
    assert (counts.named, counts.named_right) == (2, 1)
    assert s.speaker_precision == 0.5  # the withheld speaker costs coverage, not precision
    assert s.speaker_coverage == 2 / 3
    assert s.speaker_resolved == 2 / 3  # the accuracy as before: overlap, named or not


def test_a_prediction_matching_gold_outside_the_subset_is_left_out_of_precision() -> None:
    direct = gold(8, 30)
    indirect = gold(62, 78)  # "A source agreed." style content, not quoted
    counts = qe.match_document(
        TEXT, [direct], [qe.PredQuote(9, 28), qe.PredQuote(62, 78)], neutral=[indirect]
    )
    assert counts.ignored == 1
    assert qe.Scores.from_counts(counts).precision == 1.0


def test_quoted_parts_trim_mixed_and_split_gold() -> None:
    span = ((3, 61),)  # from "said" to the end of the second quote
    parts = qe.quoted_parts(TEXT, span)
    assert [TEXT[s:e] for s, e in parts] == ["we will win the war,", "nothing is lost."]
    assert qe.quoted_parts("it's plain", ((0, 10),)) == ((0, 10),)  # an apostrophe is no mark


def test_parse_ann_joins_content_and_source_and_keeps_fragments() -> None:
    ann = "\n".join(
        [
            "T1\tSource 0 2\tHe",
            "T2\tCue 3 7\tsaid",
            'T3\tContent 8 30;43 61\t"we will win the war," "nothing is lost."',
            "T4\tAttribution 3 7\tsaid",
            "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1",
            "T5\tContent 62 78\tA source agreed.",
            "T6\tCue 3 7\tsaid",
            "E2\tAttribution:T4 Content:T5 Cue:T6",
        ]
    )
    quotes = qe.parse_ann(ann)
    assert [q.content for q in quotes] == [((8, 30), (43, 61)), ((62, 78),)]
    assert quotes[0].source == ((0, 2),) and quotes[0].direct
    assert quotes[1].source == () and not quotes[1].direct


def test_table_lists_live_and_published_rows() -> None:
    s = qe.Scores.from_counts(qe.Counts(pred=4, gold=5, matched=3, exact=1, with_source=3))
    report = qe.QuotesReport(
        split="test", data_dir=Path("data"), documents=2,
        scores={"newsfuse": {"all": s, "direct": s}, "textacy-whole": {"direct": s}},
        failures={"textacy-whole": 1}, seconds=1.0,
    )  # fmt: skip
    console = Console(record=True, width=140)
    print_quotes(console, report)
    text = console.export_text()
    assert "newsfuse" in text and "textacy, whole" in text
    assert "0.570" in text and "0.668" in text  # published test figures beside live rows
    assert "raised on 1 article (scored" in text


# --------------------------------------------------------------------------- dev split


@pytest.fixture(scope="module")
def polnear() -> Path:
    shared = Path(os.environ.get("NEWSFUSE_SHARED", ROOT.parent / "shared")).resolve()
    folder = shared / "eval" / qe.DATASET
    if not (folder / "dev" / "text").is_dir():
        pytest.skip(f"PolNeAR not found under {folder}")
    return folder


# The CLI test scores every n-th dev article (14 of 84, ~12 s with textacy's two runs
# instead of ~70 s for all of dev); the gate test below covers half of dev.
SUBSET_EVERY = 6


@pytest.fixture(scope="module")
def dev_subset(polnear: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A PolNeAR folder holding a fixed subset of dev (copied to a temporary folder)."""
    root = tmp_path_factory.mktemp("polnear")
    texts = sorted((polnear / "dev" / "text").glob("*.txt"))[::SUBSET_EVERY]
    for sub in ("text", "attributions"):
        (root / "dev" / sub).mkdir(parents=True)
    for path in texts:
        shutil.copy(path, root / "dev" / "text" / path.name)
        for ann in (polnear / "dev" / "attributions").glob(f"{path.stem}_*.ann"):
            shutil.copy(ann, root / "dev" / "attributions" / ann.name)
    return root


@pytest.fixture(scope="module")
def dev_report(dev_subset: Path) -> dict[str, Any]:
    args = ["eval", "quotes", "--split", "dev", "--data", str(dev_subset), "--format", "json"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    report: dict[str, Any] = json.loads(result.stdout)
    return report


def _scores(report: dict[str, Any], system: str, gold_set: str) -> dict[str, float]:
    entry = next(s for s in report["systems"] if s["system"] == system)
    scores: dict[str, float] = entry["scores"][gold_set]
    return scores


@pytest.mark.slow
def test_dev_reaches_the_gate_minimums(polnear: Path) -> None:
    minimums = next(g for g in load_gates() if g.eval == "quotes").minimums
    scores = qe.gate_scores(polnear.parent, "dev", 2)
    for metric, minimum in minimums.items():
        assert scores[metric] >= minimum, metric


@pytest.mark.slow
def test_dev_report_scores_every_system_on_every_article(dev_report: dict[str, Any]) -> None:
    assert dev_report["split"] == "dev" and dev_report["documents"] == 84 // SUBSET_EVERY
    systems = {s["system"]: set(s["scores"]) for s in dev_report["systems"]}
    assert systems == {
        "newsfuse": {"all", "direct", "direct-trimmed"},
        "textacy-whole": {"direct", "direct-trimmed"},
        "textacy-para": {"direct", "direct-trimmed"},
    }
    direct = _scores(dev_report, "newsfuse", "direct")
    assert direct["f1"] > 0.85 and direct["speaker_resolved"] > 0.9
    assert _scores(dev_report, "newsfuse", "all")["f1"] > 0.65


@pytest.mark.slow
def test_dev_is_ahead_of_textacy_on_every_figure(dev_report: dict[str, Any]) -> None:
    ours = _scores(dev_report, "newsfuse", "direct")
    for system in ("textacy-whole", "textacy-para"):
        theirs = _scores(dev_report, system, "direct")
        for metric in ("precision", "recall", "f1", "exact_f1", "speaker_resolved"):
            assert ours[metric] > theirs[metric], (system, metric)
