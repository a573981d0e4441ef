"""Articles come back from the store exactly as they went in."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsfuse.model import Article, Rejection, Removal, Repair
from newsfuse.pipeline import iter_articles
from newsfuse.store import Store

SEEDS = Path(__file__).resolve().parents[2] / ".." / "shared" / "seeds"

FULL = Article(
    id="0123456789abcdef",
    path="feeds/day1.jsonl#3",
    format="json",
    paragraphs=(
        "Ukraine’s resistance in Bakhmut is “breaking” the Russian military.",
        "Some 100,000 Russian troops — by one count 99,230 — were lost.\nA second line.",
    ),
    removed=(
        Removal("You May Also Like", "teaser", "related-stories heading", 7),
        Removal("Ukraine's resistance in Bakhmut", "duplicate", "near copy of paragraph 1", 2),
        Removal("Leave a comment", "comment-form"),
    ),
    repairs=(Repair("split-word", "T\n\nhe", "The"), Repair("mojibake", "â€™", "’")),
    title="Zelensky visits Bakhmut",
    title_from="header",
    published="2022-12-20",
    published_from="text",
    source="Daily Mail",
    source_from="signature",
    url="https://example.org/a?b=1&c=ü",
    raw_text="raw text\n\nwith ‘quotes’ and \u00a0 spaces",
)


def test_full_article_round_trip(tmp_path: Path) -> None:
    with Store.open(tmp_path / "news.db") as store:
        result = store.add([FULL])
        assert result.new == (FULL.id,)
    with Store.open(tmp_path / "news.db") as store:
        assert store.get(FULL.id) == FULL
        assert list(store.articles()) == [FULL]
        assert FULL.id in store and "ffffffffffffffff" not in store
        assert store.get("ffffffffffffffff") is None


def test_minimal_article_round_trip(tmp_path: Path) -> None:
    minimal = Article(id="m1", path="-", format="text", paragraphs=("One paragraph.",))
    with Store.open(tmp_path / "news.db") as store:
        store.add([minimal])
        assert store.get("m1") == minimal


def test_removed_is_stored_as_json_objects(tmp_path: Path) -> None:
    import json

    with Store.open(tmp_path / "news.db") as store:
        store.add([FULL])
        raw = store.conn.execute("SELECT removed, paragraphs FROM articles").fetchone()
    removed = json.loads(raw[0])
    assert removed[0] == {
        "text": "You May Also Like",
        "reason": "teaser",
        "detail": "related-stories heading",
        "paragraph": 7,
    }
    assert json.loads(raw[1]) == list(FULL.paragraphs)


def test_adding_the_same_article_again_keeps_the_first(tmp_path: Path) -> None:
    from dataclasses import replace

    with Store.open(tmp_path / "news.db") as store:
        store.add([FULL])
        again = store.add([replace(FULL, path="elsewhere.txt"), FULL])
        assert again.new == () and again.present == (FULL.id, FULL.id)
        assert store.count() == 1
        stored = store.get(FULL.id)
        assert stored is not None and stored.path == FULL.path


_text = st.text(st.characters(codec="utf-8"), max_size=60)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    paragraphs=st.lists(_text.filter(str.strip), min_size=1, max_size=4),
    title=st.none() | _text,
    removed=st.lists(st.builds(Removal, _text, _text, _text, st.integers(-1, 50)), max_size=3),
    repairs=st.lists(st.builds(Repair, _text, _text, _text), max_size=3),
)
def test_any_text_round_trips(
    tmp_path: Path,
    paragraphs: list[str],
    title: str | None,
    removed: list[Removal],
    repairs: list[Repair],
) -> None:
    article = Article(
        id="h",
        path="p",
        format="html",
        paragraphs=tuple(paragraphs),
        removed=tuple(removed),
        repairs=tuple(repairs),
        title=title,
        raw_text="".join(paragraphs),
    )
    with Store.open(tmp_path / "prop.db") as store:
        store.conn.execute("DELETE FROM articles")
        store.add([article])
        assert store.get("h") == article


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds not available")
def test_seed_articles_round_trip(tmp_path: Path) -> None:
    articles = [a for a in iter_articles([str(SEEDS)]) if not isinstance(a, Rejection)]
    assert len(articles) == 2
    with Store.open(tmp_path / "news.db") as store:
        assert len(store.add(articles).new) == 2
        for article in articles:
            assert store.get(article.id) == article
