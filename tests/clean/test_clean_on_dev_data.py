"""The cleaner on real articles (BASIL dev split): it must leave clean wire copy alone."""

from __future__ import annotations

from collections import Counter

import pytest

from newsfuse.clean.text import match_key
from newsfuse.model import Article
from newsfuse.pipeline import load


@pytest.fixture(scope="module")
def basil_dev(basil_dev_paths: list[str]) -> list[Article]:
    result = load(basil_dev_paths)
    assert result.rejections == ()
    return list(result.articles)


def test_all_dev_articles_read_with_header_dates(basil_dev: list[Article]) -> None:
    assert len(basil_dev) == 150
    assert {a.published_from for a in basil_dev} == {"header"}
    assert all(a.published and "2010" <= a.published[:4] <= "2014" for a in basil_dev)


def test_clean_copy_loses_almost_nothing(basil_dev: list[Article]) -> None:
    kept = sum(len(a.paragraphs) for a in basil_dev)
    reasons = Counter(r.reason for a in basil_dev for r in a.removed)
    # these articles come as clean paragraphs: only title repeats and true repeats may go
    assert set(reasons) <= {"title", "duplicate"}
    assert reasons["duplicate"] <= 0.005 * kept


def test_kept_text_is_the_sources_own(basil_dev: list[Article]) -> None:
    for a in basil_dev:
        raw = match_key(a.raw_text)
        for p in a.paragraphs:
            assert match_key(p) in raw, (a.path, p[:80])


def test_removed_duplicates_point_to_a_kept_paragraph(basil_dev: list[Article]) -> None:
    for a in basil_dev:
        for r in a.removed:
            if r.reason == "duplicate":
                n = int(r.detail.rsplit(" ", 1)[-1])
                assert 1 <= n <= len(a.paragraphs)
