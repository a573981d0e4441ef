"""Full-text search: matches, highlighted snippets, ranking, and forgiving query syntax."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from newsfuse.errors import StoreError
from newsfuse.model import Article
from newsfuse.store import Store


def _article(aid: str, title: str | None, *paragraphs: str, source: str | None = None) -> Article:
    return Article(
        id=aid,
        path=f"{aid}.txt",
        format="text",
        paragraphs=paragraphs,
        title=title,
        source=source,
        published="2022-12-20",
    )


ARTICLES = [
    _article(
        "bakhmut",
        "Zelensky visits Bakhmut",
        "President Volodymyr Zelensky visited the front-line city on Tuesday.",
        "Some 99,230 Russian troops were lost, according to the U.S. estimate.",
        source="Daily Mail",
    ),
    _article(
        "putin",
        "Putin meets generals",
        "Vladimir Putin told officials to track down traitors, spies and saboteurs.",
        "He did not mention Bakhmut.",
    ),
    _article("weather", None, "Heavy snow is expected across the region this week."),
]


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(tmp_path / "news.db") as s:
        s.add(ARTICLES)
        yield s


def test_finds_a_word_and_highlights_it(store: Store) -> None:
    result = store.search("saboteurs")
    assert [h.id for h in result.hits] == ["putin"]
    hit = result.hits[0]
    assert hit.title == "Putin meets generals"
    assert hit.published == "2022-12-20"
    assert [hit.snippet[s:e] for s, e in hit.highlights] == ["saboteurs"]
    assert "**saboteurs**" in hit.marked_snippet()
    assert result.total == 1 and result.note == ""


def test_stemming_and_diacritics(store: Store) -> None:
    # "visit" finds "visits"/"visited"; "Zelenský" finds "Zelensky".
    assert {h.id for h in store.search("visit").hits} == {"bakhmut"}
    assert {h.id for h in store.search("Zelenský").hits} == {"bakhmut"}


def test_title_match_ranks_first(store: Store) -> None:
    # Both mention Bakhmut; the one with it in the headline comes first.
    result = store.search("Bakhmut")
    assert [h.id for h in result.hits] == ["bakhmut", "putin"]
    assert result.hits[0].source == "Daily Mail"


def test_snippet_is_one_line_with_every_match_marked(store: Store) -> None:
    hit = store.search("Russian OR Tuesday").hits[0]
    assert "\n" not in hit.snippet
    assert sorted(hit.snippet[s:e] for s, e in hit.highlights) == ["Russian", "Tuesday"]


def test_fts_syntax_works(store: Store) -> None:
    assert [h.id for h in store.search('"track down traitors"').hits] == ["putin"]
    assert [h.id for h in store.search("Bakhmut NOT Putin").hits] == ["bakhmut"]
    assert [h.id for h in store.search("sabot*").hits] == ["putin"]
    assert [h.id for h in store.search("title:Bakhmut").hits] == ["bakhmut"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ('"track down', ["putin"]),  # unbalanced quote
        ("U.S. estimate", ["bakhmut"]),  # stray punctuation
        ("99,230", ["bakhmut"]),
        ("front-line", ["bakhmut"]),
        ("NOT", ["putin"]),  # a bare operator is a word: "He did not mention…"
        ("heavy:snow", ["weather"]),  # not a column name
        ("(((", []),
    ],
)
def test_bad_syntax_falls_back_to_plain_words(
    store: Store, query: str, expected: list[str]
) -> None:
    result = store.search(query)
    assert [h.id for h in result.hits] == expected
    assert "searched for the words as written" in result.note


def test_empty_query_is_a_clear_error(store: Store) -> None:
    with pytest.raises(StoreError, match="empty"):
        store.search("   ")


def test_limit_and_total(store: Store) -> None:
    result = store.search("Bakhmut", limit=1)
    assert len(result.hits) == 1 and result.total == 2


def test_index_follows_deletes_and_updates(store: Store) -> None:
    store.conn.execute("DELETE FROM articles WHERE id = 'putin'")
    assert store.search("saboteurs").hits == ()
    store.conn.execute("UPDATE articles SET title = 'Blizzard warning' WHERE id = 'weather'")
    assert [h.id for h in store.search("blizzard").hits] == ["weather"]
    assert store.check() == []


def test_query_syntax_error_names_the_problem() -> None:
    from newsfuse.store.search import query_syntax_error

    assert query_syntax_error("Bakhmut AND title:Zelensky") is None
    assert query_syntax_error('"open') == "unterminated string"
    assert "syntax error" in (query_syntax_error("U.S.") or "")
