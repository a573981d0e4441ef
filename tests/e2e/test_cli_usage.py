"""The command line as people use it: bad --out targets, messages a person reads, and
eval tables at 80 columns and in a pipe."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

from newsfuse.cli.app import app
from newsfuse.cli.eval_cmd import ScoreTable

ARTICLE = (
    "date 2023-03-02\n\nThe harbour authority reopened the northern pier on Thursday after "
    "three weeks of repairs, a spokeswoman said.\n\nShips queued outside the harbour for "
    "most of the morning before the first ferry docked.\n"
)


@pytest.fixture()
def article(tmp_path: Path) -> Path:
    path = tmp_path / "pier.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args))
    assert not isinstance(result.exception, Exception) or isinstance(
        result.exception, SystemExit
    ), result.exception  # a traceback is never the answer
    return result.exit_code, result.output


def test_out_into_a_missing_folder_is_a_usage_error(article: Path, tmp_path: Path) -> None:
    target = tmp_path / "no" / "such" / "brief.md"
    code, output = run("brief", str(article), "--out", str(target))
    assert code == 2
    assert "does not exist" in output and "mkdir -p" in output
    assert not target.parent.exists()


def test_out_onto_a_folder_is_a_usage_error(article: Path, tmp_path: Path) -> None:
    code, output = run("brief", str(article), "--format", "html", "--out", str(tmp_path))
    assert code == 2
    assert "is a folder" in output and "brief.html" in output


def test_out_to_a_file_says_how_many_articles_in_words(article: Path, tmp_path: Path) -> None:
    code, output = run("brief", str(article), "--out", str(tmp_path / "b.md"))
    assert code == 0
    assert "(1 article)" in output
    assert (tmp_path / "b.md").read_text(encoding="utf-8").startswith("# ")


def test_size_limit_message_names_sizes_people_read(article: Path) -> None:
    code, output = run("brief", str(article), "--max-size", "100")
    assert code == 1
    size = article.stat().st_size
    assert f"file is {size} bytes, over the limit of 100 bytes" in output
    assert "0.0 MB" not in output


def test_json_error_message_has_no_doubled_words(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"text": "' + "word " * 200 + '\x01 end"}', encoding="utf-8")
    code, output = run("brief", str(bad))
    assert code == 1
    assert "Invalid control character at line 1" in output
    assert "at at" not in output


def test_eval_table_keeps_every_score_whole_at_80_columns() -> None:
    table = ScoreTable(
        "A wide table", ["system", "gold set"], [f"metric {k}" for k in range(1, 10)]
    )
    table.add_row("a system with a long name", "direct, trimmed", *(f"0.{k}23" for k in range(9)))
    table.add_section()
    table.add_row("published: somebody et al.", "own data", "0.837", *[""] * 8)
    for width in (80, 60):
        console = Console(width=width, record=True, color_system=None)
        table.print(console)
        text = console.export_text()
        assert "…" not in text
        assert all(len(line) <= width for line in text.splitlines())
        for k in range(9):
            assert f"0.{k}23" in text and f"metric {k + 1}" in text
        assert "0.837" in text


def test_eval_table_that_fits_is_one_table() -> None:
    table = ScoreTable("Small", ["system"], ["F1", "P", "R"])
    table.add_row("newsfuse", "0.984", "0.982", "0.986")
    console = Console(width=80, record=True, color_system=None)
    table.print(console)
    text = console.export_text()
    assert "(1/2)" not in text and "0.984" in text and "0.986" in text


def test_eval_clusters_takes_a_set_name_or_its_folder(tmp_path: Path) -> None:
    from newsfuse.cli.eval_clusters import ClusterData, _data_set

    assert _data_set("basil", None) == (ClusterData.basil, None)
    (tmp_path / "basil" / "articles").mkdir(parents=True)
    (tmp_path / "ecb").mkdir()
    (tmp_path / "ecb" / "ecbplus_documents.jsonl").write_text("", encoding="utf-8")
    assert _data_set(str(tmp_path / "basil"), None) == (ClusterData.basil, tmp_path / "basil")
    assert _data_set(str(tmp_path / "ecb"), None)[0] is ClusterData.ecbplus
    code, output = run("eval", "clusters", "--data", str(tmp_path / "nothing"))
    assert code == 2 and "neither basil, ecbplus nor a folder" in output
