"""Check quote speakers on BASIL's quoted bias spans (same-event triplets, 2010-2019).

Data: ``../shared/eval/basil-same-event-triplets/articles/<year>/<triplet>_<n>.json``
(``body-paragraphs``: paragraphs, each a list of sentence strings) and
``annotations/<year>/<triplet>_<n>_ann.json``, whose ``phrase-level-annotations`` with
``quote`` = yes carry a ``speaker``: a normalised name (``Donald_Trump``,
``Obama_campaign``) or a bucket (``other_anti``, ``other_pro``, ``other_neutral``).
A span sits in one sentence: ``id`` = ``p<k>`` is the k-th sentence of the flattened
body, ``start``/``end`` are offsets inside it (``title`` spans are skipped: newsfuse
quotes come from the body). Splits by the event's year folder: dev = 2010-2014,
test = 2015-2019.

Each article's paragraphs are its sentences joined by one space, fed to the parser
as they are (the ingest cleaner is bypassed, as the PolNeAR eval bypasses it, so
that every gold offset maps exactly); the three articles of an event are extracted
together, the way ``newsfuse brief`` would see them, and each quote's speaker is the
name the brief gives it (:func:`newsfuse.briefing.extracted.combine`).

Metric: a newsfuse quote *covers* a gold span when its content span holds more than
half of the span's characters (the quote covering most wins; a quote may cover many
spans, since the spans are bias phrases, not quotes). A covered span with a **named**
gold speaker is right when the names match (:func:`names_match`); named speakers are
split into persons (``Donald_Trump``) and groups (``Republican_Lawmakers``,
:func:`is_group`). A **bucket** span can only be checked loosely: it is right when the
quote has a speaker and that speaker is none of the named gold speakers of the same
event (its three articles). Uncovered spans and quotes without a speaker count as
wrong. Figures per group: coverage, accuracy over covered spans, accuracy over all
spans, and covered spans whose quote has no speaker.
"""

from __future__ import annotations

import json
import re
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from newsfuse.annotate.nlp import PARAGRAPH_SEP
from newsfuse.errors import EvalError
from newsfuse.eval import default_eval_root, ratio
from newsfuse.model import Article
from newsfuse.text.words import fold

Split = Literal["dev", "test"]

# The data set's folder name under ../shared/eval.
DATASET = "basil-same-event-triplets"
# Event years (the year folders) of each split, as ../shared/eval/README.md fixes them.
SPLIT_YEARS: dict[str, range] = {"dev": range(2010, 2015), "test": range(2015, 2020)}
# A quote covers a gold span when it holds more than this share of the span's characters:
# the spans are phrases inside quotes, so a right quote holds all of them; half tolerates
# a quote cut at a mid-sentence boundary (dev: 0.3 or any overlap move coverage < 1 pt).
MIN_COVERAGE = 0.5
# Gold speaker labels that are buckets, not names: scored loosely, reported apart.
BUCKETS = frozenset({"other_anti", "other_pro", "other_neutral"})
# Last words that make a gold label a group ("Republican_Lawmakers", "Tea_Party"): the
# group nouns of dev's labels plus common English nouns for bodies of people. A group's
# quotes are often given to one named member ("Rep. Elijah Cummings" for
# Democratic_Lawmakers), which the name rule cannot credit, so groups are reported apart.
GROUP_NOUNS = frozenset({
    "lawmaker", "official", "republican", "democrat", "campaign", "party", "company",
    "plaintiff", "protestor", "protester", "catholic", "administration", "member",
    "supporter", "critic", "activist", "group", "leader", "organization", "committee",
    "department", "government", "staff", "aide", "spokesperson", "team", "union", "worker",
    "voter", "resident", "student", "parent", "advocate", "agency", "court", "police",
    "senator", "congressmen", "people", "family",
})  # fmt: skip
# Worker processes for parsing: the target machines have 2 cores.
DEFAULT_WORKERS = 2
# The gate scores every n-th dev event (by year, then triplet id): 17 of 50 events
# (51 articles, ~31k words) run in ~20 s on 2 cores, all of dev in ~65 s.
GATE_EVERY = 3
# Group names in table order -> label.
GROUPS: dict[str, str] = {
    "persons": "named persons",
    "groups": "named groups",
    "buckets": "other_* buckets",
}

# Words of a name or group label that say nothing about who spoke.
_STOPWORDS = frozenset({"the", "and", "of", "a", "an", "for", "mr", "mrs", "ms", "dr"})
_WORD = re.compile(r"[A-Za-z][A-Za-z'’.-]*[A-Za-z]|[A-Za-z]")


# --------------------------------------------------------------------------- names


def _norm(word: str) -> str:
    """Lower case, no possessive, no dots, and a plural ``s`` dropped ("Republicans")."""
    # the scorer's own matching rule (the speakers eval figures): dots out, no demonyms,
    # a plural "s" from 4 letters, only "-ss" kept ("Republicans" -> "republican")
    return fold(word, plural_from=4, demonyms=False, not_plural=("ss",), drop=".")


def name_tokens(names: Iterable[str]) -> set[str]:
    """The normalised words of some names ("President Trump", "Mr. Trump" -> president, trump)."""
    return {
        _norm(w)
        for n in names
        for w in _WORD.findall(n.replace("_", " "))
        if _norm(w) not in _STOPWORDS
    }


def names_match(gold: str, predicted: Iterable[str]) -> bool:
    """Whether a predicted speaker (its name and aliases) is the gold ``speaker`` label.

    The gold's last word (a surname, or a group's head noun: ``Tea_Party`` -> party,
    ``senate_Democrats`` -> democrat) must be among the predicted words; a group label
    (:func:`is_group`: ``Obama_campaign``, ``Republican_Lawmakers``) also matches on any
    of its capitalised words (Obama, Republican). Words are compared in lower case,
    without dots, possessives or a plural ``s``.
    """
    words = [w for w in gold.split("_") if w]
    if not words:
        return False
    have = name_tokens(predicted)
    if _norm(words[-1]) in have:
        return True
    if is_group(gold):
        return any(w[0].isupper() and _norm(w) in have for w in words)
    return False


def is_group(label: str) -> bool:
    """Whether a gold speaker label names a body of people, not one person.

    A single word (``NAACP``, ``Democrats``), a label with a lower-case word
    (``Obama_campaign``, ``senate_Democrats``) or one ending in a group noun
    (``Republican_Lawmakers``, ``Tea_Party``) is a group; ``Donald_Trump`` is a person.
    """
    words = [w for w in label.split("_") if w]
    if len(words) < 2 or any(w[0].islower() for w in words):
        return True
    return _norm(words[-1]) in GROUP_NOUNS


# --------------------------------------------------------------------------- records


@dataclass(frozen=True, slots=True)
class GoldSpan:
    """One quoted bias span: where it lies in the article's text, and its speaker label."""

    start: int
    end: int
    text: str
    speaker: str
    sentence: str

    @property
    def bucket(self) -> bool:
        return self.speaker in BUCKETS

    @property
    def group(self) -> str:
        """``persons``, ``groups`` or ``buckets``: how this span is scored and reported."""
        return "buckets" if self.bucket else "groups" if is_group(self.speaker) else "persons"


@dataclass(frozen=True, slots=True)
class PredQuote:
    """One newsfuse quote: content span and the speaker's names (empty: no speaker)."""

    start: int
    end: int
    speaker: str | None = None
    aliases: tuple[str, ...] = ()
    as_written: str | None = None

    @property
    def names(self) -> tuple[str, ...]:
        return (self.speaker, *self.aliases) if self.speaker else ()


@dataclass(frozen=True, slots=True)
class Document:
    """One BASIL article as newsfuse reads it, with its gold spans."""

    id: str
    event: str
    year: int
    paragraphs: tuple[str, ...]
    gold: tuple[GoldSpan, ...]
    title: str | None = None
    date: str | None = None
    source: str | None = None

    @property
    def text(self) -> str:
        return PARAGRAPH_SEP.join(self.paragraphs)

    def article(self) -> Article:
        return Article(
            id=self.id,
            path=f"{self.year}/{self.id}",
            format="json",
            paragraphs=self.paragraphs,
            title=self.title,
            published=self.date,
            source=self.source,
        )


@dataclass(frozen=True, slots=True)
class SpanResult:
    """One gold span, the quote that covers it (if any) and whether the speaker is right."""

    doc: str
    gold: GoldSpan
    quote: PredQuote | None
    correct: bool

    def as_dict(self) -> dict[str, Any]:
        q = self.quote
        return {
            "article": self.doc,
            "span": self.gold.text,
            "sentence": self.gold.sentence,
            "gold": self.gold.speaker,
            "covered": q is not None,
            "speaker": q.speaker if q else None,
            "speaker_as_written": q.as_written if q else None,
            "correct": self.correct,
        }


@dataclass(slots=True)
class Counts:
    """Span counts of one group."""

    spans: int = 0
    covered: int = 0
    correct: int = 0
    no_speaker: int = 0  # covered, but the quote has no speaker

    def add_result(self, r: SpanResult) -> None:
        self.spans += 1
        self.covered += r.quote is not None
        self.correct += r.correct
        self.no_speaker += r.quote is not None and r.quote.speaker is None

    @property
    def coverage(self) -> float:
        return ratio(self.covered, self.spans)

    @property
    def accuracy_covered(self) -> float:
        return ratio(self.correct, self.covered)

    @property
    def accuracy(self) -> float:
        return ratio(self.correct, self.spans)

    @property
    def no_speaker_share(self) -> float:
        return ratio(self.no_speaker, self.covered)

    @property
    def precision(self) -> float:
        """Right speakers among the covered spans whose quote has one (a null is no error)."""
        return ratio(self.correct, self.covered - self.no_speaker)

    @property
    def speaker_coverage(self) -> float:
        """Covered spans whose quote has a speaker, among the covered spans."""
        return ratio(self.covered - self.no_speaker, self.covered)

    def as_dict(self) -> dict[str, float | int]:
        return {
            "spans": self.spans,
            "covered": self.covered,
            "correct": self.correct,
            "no_speaker": self.no_speaker,
            "coverage": self.coverage,
            "accuracy_covered": self.accuracy_covered,
            "accuracy": self.accuracy,
            "no_speaker_share": self.no_speaker_share,
            "precision": self.precision,
            "speaker_coverage": self.speaker_coverage,
        }


# --------------------------------------------------------------------------- metric


def covering_quote(gold: GoldSpan, quotes: Sequence[PredQuote]) -> PredQuote | None:
    """The quote holding the largest share (> MIN_COVERAGE) of the span; ties: the shortest."""
    length = gold.end - gold.start
    best: tuple[float, int] | None = None
    found: PredQuote | None = None
    for q in quotes:
        share = (min(q.end, gold.end) - max(q.start, gold.start)) / length if length else 0.0
        if share <= MIN_COVERAGE:
            continue
        key = (share, -(q.end - q.start))
        if best is None or key > best:
            best, found = key, q
    return found


def score_document(
    gold: Sequence[GoldSpan],
    quotes: Sequence[PredQuote],
    doc: str = "",
    *,
    named: Iterable[str] | None = None,
) -> list[SpanResult]:
    """Each gold span of one article with its covering quote and whether its speaker is right.

    ``named``: the gold speaker names a bucket span's speaker must not match (default:
    those of this article; :func:`run` passes those of the whole event).
    """
    others = set(named) if named is not None else {g.speaker for g in gold if not g.bucket}
    out = []
    for g in gold:
        q = covering_quote(g, quotes)
        if q is None or not q.names:
            correct = False
        elif g.bucket:
            correct = not any(names_match(n, q.names) for n in others)
        else:
            correct = names_match(g.speaker, q.names)
        out.append(SpanResult(doc, g, q, correct))
    return out


def tally(results: Iterable[SpanResult]) -> dict[str, Counts]:
    """Counts per group (named persons, named groups, buckets) and over all named speakers."""
    totals = {k: Counts() for k in (*GROUPS, "named")}
    for r in results:
        totals[r.gold.group].add_result(r)
        if not r.gold.bucket:
            totals["named"].add_result(r)
    return totals


# --------------------------------------------------------------------------- data


def default_data_dir(start: Path | None = None) -> Path:
    """``../shared/eval/basil-same-event-triplets`` beside the project root."""
    return default_eval_root(start) / DATASET


def build_document(record: dict[str, Any], annotations: dict[str, Any], year: int) -> Document:
    """An article's paragraphs (sentences joined by a space) and its quoted spans mapped
    onto them; EvalError when a span's text is not where its offsets say."""
    paragraphs: list[str] = []
    sentences: list[tuple[int, str]] = []  # offset in the joined text, sentence
    pos = 0
    for para in record.get("body-paragraphs", []):
        if not para:
            continue
        offset = pos
        for sentence in para:
            sentences.append((offset, sentence))
            offset += len(sentence) + 1
        paragraphs.append(" ".join(para))
        pos += len(paragraphs[-1]) + len(PARAGRAPH_SEP)
    uuid = str(record.get("uuid", ""))
    gold = []
    for ann in annotations.get("phrase-level-annotations", []):
        sid = str(ann.get("id", ""))
        if ann.get("quote") != "yes" or not ann.get("speaker") or not sid.startswith("p"):
            continue
        k = int(sid[1:]) if sid[1:].isdigit() else -1
        if not 0 <= k < len(sentences):
            raise EvalError(f"{uuid}: span id {sid!r} names no sentence of the body")
        base, sentence = sentences[k]
        start, end = int(ann["start"]), int(ann["end"])
        if sentence[start:end] != ann.get("txt"):
            raise EvalError(f"{uuid}: span {sid} {start}-{end} does not hold {ann.get('txt')!r}")
        gold.append(GoldSpan(base + start, base + end, ann["txt"], ann["speaker"], sentence))
    return Document(
        id=uuid,
        event=str(record.get("triplet-uuid", "")),
        year=year,
        paragraphs=tuple(paragraphs),
        gold=tuple(sorted(gold, key=lambda g: (g.start, g.end))),
        title=record.get("title"),
        date=record.get("date"),
        source=str(record.get("source", "")).lower() or None,
    )


def load_documents(data_dir: Path, split: str, *, every: int = 1) -> list[Document]:
    """The articles of one split, grouped by event (every ``every``-th event from the first).

    EvalError names what is missing.
    """
    if split not in SPLIT_YEARS:
        raise EvalError(f"unknown BASIL split {split!r} (dev or test)")
    if not (data_dir / "articles").is_dir() or not (data_dir / "annotations").is_dir():
        raise EvalError(
            f"{data_dir}: BASIL not found (expected articles/ and annotations/); pass "
            f"--data DIR to point at a copy of {DATASET}"
        )
    events: dict[tuple[int, str], list[Path]] = defaultdict(list)
    for year in SPLIT_YEARS[split]:
        for path in (data_dir / "articles" / str(year)).glob("*.json"):
            events[(year, path.stem.rpartition("_")[0])].append(path)
    docs = []
    for year, _ in sorted(events)[::every]:
        for path in sorted(events[(year, _)]):
            ann_path = data_dir / "annotations" / str(year) / f"{path.stem}_ann.json"
            try:
                record = json.loads(path.read_text(encoding="utf-8"))
                annotations = json.loads(ann_path.read_text(encoding="utf-8"))
            except (OSError, ValueError) as exc:
                raise EvalError(
                    f"{path}: cannot read the article or its annotations ({exc})"
                ) from exc
            docs.append(build_document(record, annotations, year))
    if not docs:
        raise EvalError(f"{data_dir}: no articles for split {split!r}")
    return docs


# --------------------------------------------------------------------------- system


def newsfuse_quotes(docs: Sequence[Document], workers: int) -> Iterable[list[PredQuote]]:
    """newsfuse's quotes of each document, in order, with the speaker names the brief gives.

    The articles of one event are extracted together (one brief per event), so that a
    speaker named in one article resolves in the others as ``newsfuse brief`` does it.
    """
    from newsfuse.annotate.nlp import parse_articles
    from newsfuse.briefing.extracted import combine
    from newsfuse.extract import extract_article
    from newsfuse.model import Extraction
    from newsfuse.pipeline import extraction_of

    parsed = parse_articles((d.article() for d in docs), n_process=max(1, workers))
    group: list[Extraction] = []
    articles: list[Article] = []
    for i, (doc, p) in enumerate(zip(docs, parsed, strict=True)):
        group.append(extraction_of(extract_article(p)))
        articles.append(p.article)
        if i + 1 < len(docs) and docs[i + 1].event == doc.event:
            continue
        findings = combine(articles, group)
        aliases = {e.id: e.aliases for e in findings.entities}
        items = findings.quotes  # one item per quote, in extraction order
        n = 0
        for ex in group:
            out = []
            for q, item in zip(ex.quotes, items[n : n + len(ex.quotes)], strict=True):
                out.append(
                    PredQuote(
                        q.content.start,
                        q.content.end,
                        item.speaker,
                        aliases.get(item.speaker_entity or "", ()),
                        item.speaker_as_written,
                    )
                )
            n += len(ex.quotes)
            yield out
        group, articles = [], []


# --------------------------------------------------------------------------- run


@dataclass(frozen=True, slots=True)
class SpeakersReport:
    """Speaker figures per group on one split, and every span's result."""

    split: str
    data_dir: Path
    documents: int
    events: int
    scores: dict[str, Counts]
    results: tuple[SpanResult, ...]
    seconds: float
    words: int = 0

    def as_dict(self) -> dict[str, object]:
        return {
            "eval": "speakers",
            "split": self.split,
            "data": str(self.data_dir),
            "documents": self.documents,
            "events": self.events,
            "words": self.words,
            "seconds": round(self.seconds, 2),
            "min_coverage": MIN_COVERAGE,
            "scores": {k: v.as_dict() for k, v in self.scores.items()},
        }


def run(
    data_dir: Path,
    split: str = "dev",
    *,
    workers: int = DEFAULT_WORKERS,
    every: int = 1,
    progress: Callable[[int, int], None] | None = None,
) -> SpeakersReport:
    """Extract every article of ``split`` and score the speakers of its quoted spans."""
    started = time.perf_counter()
    docs = load_documents(data_dir, split, every=every)
    named: dict[str, set[str]] = defaultdict(set)  # event -> its named gold speakers
    for d in docs:
        named[d.event].update(g.speaker for g in d.gold if not g.bucket)
    results: list[SpanResult] = []
    for i, (doc, quotes) in enumerate(zip(docs, newsfuse_quotes(docs, workers), strict=True)):
        results.extend(score_document(doc.gold, quotes, doc.id, named=named[doc.event]))
        if progress:
            progress(i + 1, len(docs))
    return SpeakersReport(
        split=split,
        data_dir=data_dir,
        documents=len(docs),
        events=len({d.event for d in docs}),
        scores=tally(results),
        results=tuple(results),
        seconds=time.perf_counter() - started,
        words=sum(len(d.text.split()) for d in docs),
    )


def gate_scores(eval_root: Path, split: Literal["dev"], workers: int) -> dict[str, float]:
    """newsfuse's figures for the eval gate on every 3rd dev event (17 of 50, 51 articles).

    A third of dev keeps the gate near 20 s on 2 cores; ``newsfuse eval speakers``
    scores all of it.
    """
    report = run(eval_root / DATASET, split, workers=workers, every=GATE_EVERY)
    persons, buckets = report.scores["persons"], report.scores["buckets"]
    return {
        "persons_accuracy": persons.accuracy,
        "persons_accuracy_covered": persons.accuracy_covered,
        "persons_coverage": persons.coverage,
        "named_accuracy": report.scores["named"].accuracy,
        "buckets_accuracy": buckets.accuracy,
        "buckets_coverage": buckets.coverage,
        "persons_precision": persons.precision,
        "persons_speaker_coverage": persons.speaker_coverage,
        "named_precision": report.scores["named"].precision,
        "named_speaker_coverage": report.scores["named"].speaker_coverage,
        "buckets_precision": buckets.precision,
    }
