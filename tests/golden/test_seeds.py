"""Golden checks on the two seed articles: snippets, dates, counts and removals.

The seeds stay in ../shared; these tests assert short snippets only.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter

import pytest
from tests.schema_check import assert_valid

from newsfuse.clean.text import fold
from newsfuse.model import Article
from newsfuse.pipeline import load


@pytest.fixture(scope="module")
def seeds(seed_paths: list[str]) -> dict[str, Article]:
    result = load(seed_paths)
    assert result.rejections == ()
    return {a.path.rsplit("/", 1)[-1][:3]: a for a in result.articles}


def _count(article: Article, snippet: str) -> int:
    return sum(fold(p).count(fold(snippet)) for p in article.paragraphs)


def test_seed_000_dated_from_its_text(seeds: dict[str, Article]) -> None:
    a = seeds["000"]
    assert (a.published, a.published_from) == ("2022-12-20", "text")


def test_seed_002_dated_from_its_inline_header(seeds: dict[str, Article]) -> None:
    a = seeds["002"]
    assert (a.published, a.published_from) == ("2022-12-21", "header")
    # the inline header is gone and the first sentence is intact
    assert a.paragraphs[0].startswith("Ukraine’s resistance in Bakhmut")
    assert "date 2022" not in a.text


def test_seed_000_outlet_from_signature_line(seeds: dict[str, Article]) -> None:
    a = seeds["000"]
    assert (a.source, a.source_from) == ("Daily Mail", "signature")
    assert seeds["002"].source is None  # nothing says which outlet: no guess


@pytest.mark.parametrize(
    "snippet",
    [
        "described Bakhmut, the epicentre of fighting",  # caption, twice, straight + curly quotes
        "Here in Donbas, you're protecting all of Ukraine",  # caption x2 + body
        "They will do everything they've done here",
        "To gain control of the destroyed city",  # body + caption x2
    ],
)
def test_each_repeated_paragraph_of_seed_000_appears_once(
    seeds: dict[str, Article], snippet: str
) -> None:
    assert _count(seeds["000"], snippet) <= 1
    assert (
        _count(seeds["000"], snippet)
        + sum(fold(r.text).count(fold(snippet)) for r in seeds["000"].removed)
        >= 2
    )


def test_repeated_quote_kept_in_body_order_with_curly_typography(seeds: dict[str, Article]) -> None:
    a = seeds["000"]
    body = [p for p in a.paragraphs if "Here in Donbas" in p]
    assert len(body) == 1 and "‘Here in Donbas, you’re" in body[0]  # display keeps typography
    i = a.paragraphs.index(body[0])
    assert a.paragraphs[i + 1].startswith("‘They will do everything")
    assert "fortress Bakhmut" in a.paragraphs[i + 2]


def test_split_word_is_repaired(seeds: dict[str, Article]) -> None:
    a = seeds["000"]
    assert _count(a, "has lost momentum. The illegally annexed provinces") == 1
    assert not any(p.startswith("he illegally") or p.endswith(" T") for p in a.paragraphs)
    assert [(r.kind, r.after) for r in a.repairs] == [("split-word", "The")]


def test_no_comment_form_or_teaser_text_remains(seeds: dict[str, Article]) -> None:
    text = seeds["000"].text
    for junk in (
        "Leave a Reply",
        "email address will not be published",
        "You May Also Like",
        "Alec Baldwin",
        "Sydney trains",
        "Land Rover",
        "kidnapped mom",
        "DailyMail",
    ):
        assert junk not in text
    assert seeds["000"].paragraphs[-1].endswith("‘This is very important.’")


def test_cleaning_report_lists_removals_with_reasons(seeds: dict[str, Article]) -> None:
    counts = Counter(r.reason for r in seeds["000"].removed)
    assert counts == {"teaser": 9, "duplicate": 5, "comment-form": 2, "caption": 1, "signature": 1}
    assert seeds["002"].removed == ()
    teaser = [r for r in seeds["000"].removed if r.reason == "teaser"]
    assert teaser[0].text == "You May Also Like"


def test_paragraph_counts(seeds: dict[str, Article]) -> None:
    assert len(seeds["000"].paragraphs) == 53
    assert len(seeds["002"].paragraphs) == 23


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "newsfuse.cli.app", *args],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def test_markdown_brief_of_seeds(seed_paths: list[str]) -> None:
    proc = _cli("brief", *seed_paths)
    assert proc.returncode == 0, proc.stderr
    md = proc.stdout
    assert md.startswith("# President Volodymyr Zelensky visited Bakhmut\n")
    assert "2022-12-20 – 2022-12-21" in md
    assert "| A1 | Daily Mail |" in md and "2022-12-20 (from the text)" in md
    assert "2022-12-21 (from header)" in md
    assert "## Cleaning report" in md
    assert "*teaser* (related-stories block): “You May Also Like”" in md
    assert "*repaired split-word*: “T | he” → “The”" in md
    # the article text keeps the paragraph once and the cleaning report lists its two
    # repeats (a caption); the story sections above quote sentences, not paragraphs
    article_and_report = md[md.index("\n## Articles") :]
    assert article_and_report.count("To gain control of the destroyed city") == 3
    assert "Leave a Reply”" in md and "\n**¶" in md


def test_json_brief_follows_the_contract(seed_paths: list[str]) -> None:
    proc = _cli("brief", *seed_paths, "--format", "json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["schema"] == "newsfuse.brief/1"
    assert_valid(data, "brief")
    assert data["story"]["first_published"] == "2022-12-20"
    assert data["story"]["last_published"] == "2022-12-21"
    for key in (
        "entities",
        "quotes",
        "quote_groups",
        "numbers",
        "number_groups",
        "times",
        "timeline",
        "summary",
        "unique",
    ):
        assert isinstance(data[key], list)
    assert {"Volodymyr Zelensky", "Vladimir Putin"} <= {e["name"] for e in data["entities"]}
    a1, a2 = data["articles"]
    assert a1["published_from"] == "text" and a2["published_from"] == "header"
    assert a1["path"].endswith("000_d46f4d84dba4ef02.txt")
    removed = {(r["text"], r["reason"]) for r in a1["removed"]}
    assert ("Leave a Reply", "comment-form") in removed and ("DailyMail", "signature") in removed
    assert all(isinstance(p, str) and p for p in a1["paragraphs"])


def test_html_brief_is_a_standalone_page(seed_paths: list[str]) -> None:
    proc = _cli("brief", *seed_paths, "--format", "html")
    assert proc.returncode == 0, proc.stderr
    html = proc.stdout
    assert html.startswith("<!doctype html>") and html.rstrip().endswith("</html>")
    assert "<script" not in html and "http" not in html.split("<body>")[0]  # no external assets
    assert 'id="A1-p1"' in html and "Daily Mail" in html
    assert "‘This is not just Bakhmut, this is fortress Bakhmut,’" in html
