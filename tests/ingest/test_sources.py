"""Reading inputs: formats, folders, globs, stdin, and every kind of bad file."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

from newsfuse.ingest import iter_inputs, read_inputs
from newsfuse.model import RawDocument, Rejection

ARTICLE = "The council approved the budget on Monday.\n\nThe vote was close."


def test_folder_recursive_sorted_hidden_skipped(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "two.txt").write_text(ARTICLE + " Two.")
    (tmp_path / "one.txt").write_text(ARTICLE + " One.")
    (tmp_path / ".hidden.txt").write_text(ARTICLE)
    docs, rejected = read_inputs([str(tmp_path)])
    assert [Path(d.path).name for d in docs] == ["one.txt", "two.txt"]  # files, then subfolders
    assert rejected == []


def test_glob_and_missing_paths(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE)
    docs, rejected = read_inputs(
        [str(tmp_path / "*.txt"), str(tmp_path / "nope.txt"), str(tmp_path / "*.md")]
    )
    assert len(docs) == 1
    assert [r.reason for r in rejected] == [
        "no such file or folder",
        "no file matches this pattern",
    ]


def test_stdin_text() -> None:
    items = list(iter_inputs(["-"], stdin=io.BytesIO(b"date 2024-03-01 A thing happened.\n")))
    assert isinstance(items[0], RawDocument)
    assert (items[0].path, items[0].date, items[0].body) == ("-", "2024-03-01", "A thing happened.")


def test_bad_files_are_named_with_reasons_and_good_ones_still_read(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(ARTICLE)
    (tmp_path / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200))
    (tmp_path / "empty.txt").write_text("  \n")
    (tmp_path / "latin1.txt").write_bytes("Caf\xe9 au lait on the corner.".encode("latin-1"))
    with open(tmp_path / "huge.txt", "wb") as fh:
        fh.truncate(50 * 1024 * 1024)
    (tmp_path / "records.jsonl").write_text(
        json.dumps({"text": "First record body.", "title": "One"})
        + "\n{broken json\n"
        + json.dumps({"text": "Third record body.", "date": "2024-01-02"})
        + "\n"
    )
    docs, rejected = read_inputs([str(tmp_path)])
    assert sorted(Path(d.path).name for d in docs) == [
        "good.txt",
        "records.jsonl#1",
        "records.jsonl#3",
    ]
    reasons = {Path(r.path).name: r.reason for r in rejected}
    assert reasons["image.png"] == "binary file, not text, HTML or JSON"
    assert reasons["empty.txt"] == "empty file"
    assert reasons["latin1.txt"].startswith("not valid UTF-8 (byte 0xe9 at offset 3)")
    assert reasons["huge.txt"] == "file is 50 MB, over the limit of 10 MB"
    assert reasons["records.jsonl"].startswith("line 2: invalid JSON")
    assert len(rejected) == 5


def test_gzip_and_html_detected_by_content(tmp_path: Path) -> None:
    page = (
        "<!doctype html><html><head><title>Budget passes</title></head><body><article>"
        + "".join(
            f"<p>Paragraph {i} of the council budget story, with enough words to count"
            f" as article text for the extractor.</p>"
            for i in range(6)
        )
        + "</article></body></html>"
    )
    (tmp_path / "page.gz").write_bytes(gzip.compress(page.encode()))
    docs, rejected = read_inputs([str(tmp_path / "page.gz")])
    assert rejected == [] and docs[0].format == "html"
    assert "Paragraph 3 of the council budget story" in docs[0].body


def test_json_list_and_nested_source(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text(
        json.dumps(
            [
                {
                    "text": "Body one.",
                    "source": {"name": "Example Wire"},
                    "published": "March 3, 2021",
                },
                {"body-paragraphs": [["Sentence one.", "Sentence two."], ["Next paragraph."]]},
                {"title": "no text here"},
            ]
        )
    )
    items = list(iter_inputs([str(tmp_path / "a.json")]))
    docs = [i for i in items if isinstance(i, RawDocument)]
    assert (docs[0].source, docs[0].date) == ("Example Wire", "2021-03-03")
    assert docs[1].body == "Sentence one. Sentence two.\n\nNext paragraph."
    rejection = items[-1]
    assert (
        isinstance(rejection, Rejection)
        and "record 3: record has no article text" in rejection.reason
    )


def test_malformed_json_file(tmp_path: Path) -> None:
    (tmp_path / "bad.json").write_text('{"text": "unterminated')
    _, rejected = read_inputs([str(tmp_path / "bad.json")])
    assert rejected[0].reason.startswith("invalid JSON (Unterminated string")


def test_utf16_with_bom(tmp_path: Path) -> None:
    (tmp_path / "u16.txt").write_bytes("Ünïcode article text here.".encode("utf-16"))
    docs, rejected = read_inputs([str(tmp_path / "u16.txt")])
    assert rejected == [] and docs[0].body == "Ünïcode article text here."


def test_urls_outside_the_rules_are_rejected_clearly_without_a_request() -> None:
    _, rejected = read_inputs(["ftp://example.com/story.txt", "http://10.0.0.1/news"])
    reasons = {r.path: r.reason for r in rejected}
    assert "only http and https" in reasons["ftp://example.com/story.txt"]
    assert "private or local address" in reasons["http://10.0.0.1/news"]
    assert "--allow-private" in reasons["http://10.0.0.1/news"]
