"""Adversarial articles: many quote marks, unbalanced quotes, no sentences, over-long texts.

Behaviour only (the call returns, offsets are valid, nothing is swallowed); how time grows
with size is measured by ``make bench`` (docs/benchmarks.md), never asserted here.
"""

from __future__ import annotations

import random

import pytest
from spacy.language import Language

from newsfuse.annotate import nlp as nlp_module
from newsfuse.annotate.nlp import PARAGRAPH_SEP, load_nlp, parse_articles, text_pieces
from newsfuse.extract import extract_article
from newsfuse.extract.quotes import extract_quotes
from newsfuse.extract.quotes_marks import find_quoted
from newsfuse.model import QuoteMention, RawDocument
from newsfuse.pipeline import prepare

WORDS = (
    "council harbour minister budget river school festival vote market bridge hospital "
    "farmers winter transport rail court museum energy price library station report"
).split()


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_nlp()


def many_quotes(marks: int, seed: int = 1) -> str:
    """Paragraphs of four units, eight marks a unit, in every style: “ ” ‘ ’ " '."""
    rng = random.Random(seed)
    units = []
    for _ in range(marks // 8):
        a, b, c, d, e = (rng.choice(WORDS) for _ in range(5))
        units.append(f"“{a.capitalize()} {b},” she said. ‘{c}’ and \"{d}\" or '{e}' {a}.")
    return PARAGRAPH_SEP.join(" ".join(units[i : i + 4]) for i in range(0, len(units), 4))


def assert_offsets(text: str, quotes: list[QuoteMention]) -> None:
    for q in quotes:
        assert 0 <= q.content.start < q.content.end <= len(text)
        assert text[q.content.start : q.content.end] == q.content.text
        for span in (q.cue, q.speaker, q.resolved):
            if span is not None:
                assert text[span.start : span.end] == span.text


def test_ten_thousand_marks_pair_into_valid_stretches() -> None:
    text = many_quotes(10_000)
    assert sum(text.count(m) for m in "“”‘’\"'") == 10_000
    found = find_quoted(text)
    # each unit holds four quoted stretches, all closed, none crossing a paragraph
    assert len(found) == 10_000 // 2
    for q in found:
        assert q.closed
        assert 0 <= q.open_mark < q.start < q.end <= q.close_mark < len(text)
        assert PARAGRAPH_SEP not in text[q.open_mark : q.after]


def test_many_marks_give_quotes_with_valid_offsets(nlp: Language) -> None:
    text = many_quotes(1_000)
    quotes = extract_quotes(nlp(text))
    assert_offsets(text, quotes)
    # every “…,” she said unit is a direct quote of hers
    direct = [q for q in quotes if q.kind == "direct" and q.speaker is not None]
    assert len(direct) >= 1_000 // 8
    assert all(q.speaker is not None and q.speaker.text == "she" for q in direct)


def test_unclosed_quote_ends_with_its_paragraph(nlp: Language) -> None:
    paras = [
        "“The budget will not pass this winter, the minister told the council on Monday.",
        "The harbour report is due in March, and the museum stays closed until then.",
        "Farmers said the rail station was a priority for the region.",
    ]
    text = PARAGRAPH_SEP.join(paras)
    found = find_quoted(text)
    assert len(found) == 1 and not found[0].closed
    assert found[0].end <= len(paras[0])  # the rest of the article is not swallowed
    quotes = extract_quotes(nlp(text))
    assert_offsets(text, quotes)
    second = len(paras[0]) + len(PARAGRAPH_SEP)
    assert not any(q.content.start < second < q.content.end for q in quotes)


def test_stray_closers_open_nothing() -> None:
    text = "The vote” was held on Monday’ and the bridge» stays shut.\n\nNothing quoted here."
    assert find_quoted(text) == []


def test_unbalanced_marks_over_many_paragraphs(nlp: Language) -> None:
    rng = random.Random(3)
    paras = []
    for _ in range(40):
        ws = [rng.choice(WORDS) for _ in range(rng.randint(12, 30))]
        for _ in range(2):
            k = rng.randrange(len(ws))
            ws[k] = rng.choice("“”\"‘’'") + ws[k]
        paras.append(" ".join(ws).capitalize() + rng.choice([".", ""]))
    text = PARAGRAPH_SEP.join(paras)
    for q in find_quoted(text):
        assert 0 <= q.start <= q.end <= len(text)
        # an unclosed quote runs past its paragraph only where the next one reopens it
        for (_, end), (nxt, _) in zip(q.parts, q.parts[1:], strict=False):
            assert text[end:nxt].strip(" \n“\"‘'") == ""
    assert_offsets(text, extract_quotes(nlp(text)))


def test_article_without_sentences() -> None:
    rng = random.Random(9)
    run = " ".join(rng.choice(WORDS) for _ in range(3_000))  # no punctuation, no line break
    article = prepare(RawDocument("run.txt", "text", run))
    assert PARAGRAPH_SEP.join(article.paragraphs).split() == run.split()
    (parsed,) = parse_articles([article])
    result = extract_article(parsed)
    # no quote marks: nothing direct; the parse may still read a run as reported speech
    assert not any(q.kind == "direct" for q in result.quotes)
    assert_offsets(parsed.text, list(result.quotes))
    assert result.times == ()
    assert all(0 <= n.span.start < n.span.end <= len(parsed.text) for n in result.numbers)


def test_punctuation_and_numbers_only() -> None:
    text = "… !!! ??? 12 34 56 --- ,,, 7.5 % 1,000 ;;; 2 3 4\n\n... 99 ... 100 ..."
    article = prepare(RawDocument("punct.txt", "text", text))
    (parsed,) = parse_articles([article])
    result = extract_article(parsed)
    assert_offsets(parsed.text, list(result.quotes))
    for n in result.numbers:
        assert parsed.text[n.span.start : n.span.end] == n.span.text


@pytest.mark.parametrize("limit", [50, 997])
def test_text_pieces_concatenate_back(limit: int) -> None:
    rng = random.Random(limit)
    paras = [" ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 60))) for _ in range(50)]
    paras.append("x" * 3 * limit)  # a run longer than a piece, without a space
    text = PARAGRAPH_SEP.join(paras)
    pieces = text_pieces(text, limit)
    assert "".join(pieces) == text
    assert all(0 < len(p) <= limit for p in pieces)


def test_long_article_is_parsed_in_pieces(monkeypatch: pytest.MonkeyPatch) -> None:
    """Over MAX_PIECE_CHARS (spaCy's max_length is 1,000,000) an article is parsed in
    pieces and joined back into one Doc over the same text (a 2 MB article used to raise)."""
    monkeypatch.setattr(nlp_module, "MAX_PIECE_CHARS", 800)
    raw = RawDocument("long.txt", "text", many_quotes(1_000))
    article = prepare(raw)
    (parsed,) = parse_articles([article])
    assert parsed.text == PARAGRAPH_SEP.join(article.paragraphs)
    assert len(parsed.text) > 5 * 800
    result = extract_article(parsed)
    assert_offsets(parsed.text, list(result.quotes))
    assert len(result.quotes) >= 1_000 // 8
