"""Property tests: the cleaner never crashes and never loses a distinct prose paragraph."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from newsfuse.clean import clean
from newsfuse.clean.text import fold

# A vocabulary large enough that two generated paragraphs never share most of their trigrams.
WORDS = [
    f"{a}{b}"
    for a in ("ka", "lo", "mi", "ne", "po", "ru", "sa", "te", "vu", "zo")
    for b in ("bar", "den", "fim", "gol", "hut", "jas", "kel", "lor", "mun", "pex")
]

sentence = st.lists(st.sampled_from(WORDS), min_size=10, max_size=18, unique=True).map(
    lambda ws: ws[0].capitalize() + " " + " ".join(ws[1:]) + "."
)
paragraph = st.lists(sentence, min_size=1, max_size=3).map(" ".join)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400))
def test_never_crashes_on_any_text(text: str) -> None:
    c = clean(text)
    assert all(p.strip() == p and p for p in c.paragraphs)


@settings(max_examples=150, deadline=None)
@given(st.lists(paragraph, min_size=1, max_size=12, unique_by=lambda p: p.split()[0]))
def test_distinct_prose_paragraphs_are_all_kept_in_order(paras: list[str]) -> None:
    # distinct first words and unique words per sentence keep paragraphs far apart
    c = clean("\n\n".join(paras))
    assert c.paragraphs == tuple(paras)
    assert c.removed == ()


@settings(max_examples=100, deadline=None)
@given(st.lists(paragraph, min_size=2, max_size=8, unique_by=lambda p: p.split()[0]), st.data())
def test_repeating_a_paragraph_removes_only_the_copy(paras: list[str], data: st.DataObject) -> None:
    i = data.draw(st.integers(0, len(paras) - 1))
    j = data.draw(st.integers(0, len(paras)))
    doubled = [*paras[:j], paras[i].replace("'", "’"), *paras[j:]]
    c = clean("\n\n".join(doubled))
    assert sorted(fold(p) for p in c.paragraphs) == sorted(fold(p) for p in paras)
    assert [r.reason for r in c.removed] == ["duplicate"]


@settings(max_examples=50, deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=9, unique=True))
def test_short_repeated_lines_are_structure_and_kept(words: list[str]) -> None:
    heading = " ".join(words).capitalize()
    body = [
        f"{heading}",
        "Kabar kaden kafim kagol kahut kajas kakel kalor kamun kapex.",
        f"{heading}",
        "Lobar loden lofim logol lohut lojas lokel lolor lomun lopex.",
    ]
    c = clean("\n\n".join(body))
    assert [p for p in c.paragraphs if p == heading] == [heading, heading]
