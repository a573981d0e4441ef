"""Score quote and speaker extraction on PolNeAR (political news attribution relations).

Data: ``../shared/eval/polnear/<split>/text/<doc>.txt`` (first line is the headline,
paragraphs separated by blank lines) and ``attributions/<doc>_<annotator>.ann`` in brat
standoff; per document the first ``.ann`` file in sort order is the gold.

Metric (the issue's definition, after the Gender Gap Tracker's): a predicted quote
*matches* a gold ``Content`` span when it covers more than 30 % of the gold span's
characters; matching is greedy and one-to-one (largest coverage first). Precision =
matched predictions / predictions, recall = matched gold / gold. *Exact* counts a match
that starts and ends where the gold does once both are trimmed of surrounding
whitespace, quote marks and punctuation (a gold quote split by "he said" ends where its
last part ends). *Speaker accuracy* is the share of matched quotes
with a gold ``Source`` whose predicted speaker mention overlaps that Source: the main
figure counts a hit when either the mention as written next to the quote or the named
mention it was resolved to overlaps it (gold Sources are mentions as written, "he"
included, so a resolved name alone cannot be checked against them); "as written" counts
only the former. A quote predicted with no speaker counts as wrong. *Speaker
precision* is taken over the matched quotes that are given a speaker (the brief shows
one: not null), with the same rule for right; *speaker coverage* is the share of matched
quotes with a gold Source that are given a speaker. A wrong speaker costs precision, a
null one costs coverage: the pair shows whether abstaining paid.

Two gold sets are scored: all attributions, and the direct-quote subset (gold Content
spans that start or end with a quote mark). On the subset the system's quote-mark
predictions (kind direct or partial) are scored; a prediction that matches a gold
attribution outside the subset is left out of precision (it is right, just not a direct
quote by the gold's definition). The subset is also scored with each gold span trimmed
to its quoted parts, to show how much of the gap is span granularity. textacy's
``direct_quotations`` is scored live on the subset, over whole articles and per paragraph.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from newsfuse.errors import EvalError
from newsfuse.eval import default_eval_root, f1, ratio

if TYPE_CHECKING:
    from spacy.tokens import Doc

Split = Literal["dev", "test"]

# The data set's folder name under ../shared/eval.
DATASET = "polnear"
# A prediction matches a gold quote when it covers more than this share of the gold's
# characters (the Gender Gap Tracker's loose criterion, GGT quote F1 83.7 at it).
MATCH_COVERAGE = 0.3
# Quote marks, straight and curly, that define the direct-quote subset.
QUOTE_MARKS = "\"“”‘’'«»"
# Characters trimmed from both ends before comparing spans for exact match.
EXACT_TRIM = " \t\n\xa0" + QUOTE_MARKS + ".,;:!?—–-"
# Worker processes for parsing: the target machines have 2 cores.
DEFAULT_WORKERS = 2
# The gate scores every n-th dev article (by file name): half of dev parses in ~10 s on
# 2 cores at the model's nominal speed, keeping the whole gate under a minute.
GATE_EVERY = 2
# Texts per nlp.pipe batch.
PIPE_BATCH = 16

# System keys scored live, in table order -> label.
SYSTEMS: dict[str, str] = {
    "newsfuse": "newsfuse",
    "textacy-whole": "textacy, whole",
    "textacy-para": "textacy, per para.",
}

Chars = tuple[tuple[int, int], ...]


# --------------------------------------------------------------------------- records


@dataclass(frozen=True, slots=True)
class GoldQuote:
    """One gold attribution: its Content fragments and, when annotated, its Source."""

    content: Chars
    text: str
    source: Chars = ()
    source_entity: str = ""  # the entity of the Source mention in our parse ("" if none)

    @property
    def direct(self) -> bool:
        """Whether the Content starts or ends with a quote mark (the direct subset)."""
        t = self.text.strip()
        return bool(t) and (t[0] in QUOTE_MARKS or t[-1] in QUOTE_MARKS)


@dataclass(frozen=True, slots=True)
class PredQuote:
    """One predicted quote: content span, whether it is quote-mark based, speaker mentions."""

    start: int
    end: int
    marked: bool = True
    speaker: Chars = ()
    resolved: Chars = ()
    entity: str = ""  # the entity the speaker mention resolves to in our parse
    # whether a speaker is shown (the brief's speaker is not null); None: any mention
    named: bool | None = None

    @property
    def has_speaker(self) -> bool:
        """Whether the quote is given a speaker at all (a named or described one)."""
        return bool(self.speaker or self.resolved) if self.named is None else self.named


@dataclass(frozen=True, slots=True)
class Document:
    """One PolNeAR article: id, text and gold attributions."""

    id: str
    text: str
    gold: tuple[GoldQuote, ...]


@dataclass(slots=True)
class Counts:
    """Match counts over a set of documents."""

    pred: int = 0
    gold: int = 0
    matched: int = 0
    exact: int = 0
    with_source: int = 0  # matched quotes whose gold has a Source
    speaker_written: int = 0
    speaker_resolved: int = 0
    speaker_overlap: int = 0  # the mention or its resolution overlaps the Source span
    named: int = 0  # matched quotes with a Source that are given a speaker (not null)
    named_right: int = 0  # ... whose speaker is right (the speaker_resolved rule)
    ignored: int = 0  # predictions left out of precision (matched a gold outside the subset)

    def add(self, other: Counts) -> None:
        for name in self.__slots__:
            setattr(self, name, getattr(self, name) + getattr(other, name))


@dataclass(frozen=True, slots=True)
class Scores:
    """Quote-detection and speaker figures of one system on one gold set."""

    precision: float
    recall: float
    f1: float
    exact_precision: float
    exact_recall: float
    exact_f1: float
    speaker_written: float
    speaker_resolved: float
    speaker_overlap: float
    speaker_precision: float
    speaker_coverage: float
    pred: int
    gold: int
    matched: int

    @classmethod
    def from_counts(cls, c: Counts) -> Scores:
        scored = c.pred - c.ignored
        p, r = ratio(c.matched, scored), ratio(c.matched, c.gold)
        ep, er = ratio(c.exact, scored), ratio(c.exact, c.gold)
        return cls(
            precision=p,
            recall=r,
            f1=f1(p, r),
            exact_precision=ep,
            exact_recall=er,
            exact_f1=f1(ep, er),
            speaker_written=ratio(c.speaker_written, c.with_source),
            speaker_resolved=ratio(c.speaker_resolved, c.with_source),
            speaker_overlap=ratio(c.speaker_overlap, c.with_source),
            speaker_precision=ratio(c.named_right, c.named),
            speaker_coverage=ratio(c.named, c.with_source),
            pred=scored,
            gold=c.gold,
            matched=c.matched,
        )

    def as_dict(self) -> dict[str, float | int]:
        return {name: getattr(self, name) for name in self.__slots__}


# --------------------------------------------------------------------------- metric


def _char_set(spans: Iterable[tuple[int, int]]) -> set[int]:
    return {i for s, e in spans for i in range(s, e)}


def _bounds(text: str, spans: Iterable[tuple[int, int]]) -> tuple[int, int]:
    """First and last character of ``spans`` once whitespace, quote marks and punctuation
    are trimmed from both ends: an exact match is a match with the same bounds."""
    chars = sorted(_char_set(spans))
    lo, hi = 0, len(chars)
    while lo < hi and text[chars[lo]] in EXACT_TRIM:
        lo += 1
    while hi > lo and text[chars[hi - 1]] in EXACT_TRIM:
        hi -= 1
    return (chars[lo], chars[hi - 1]) if hi > lo else (-1, -1)


def quoted_parts(text: str, spans: Chars) -> Chars:
    """The parts of a gold span that lie between quote marks (the span itself if none).

    ``that he is "unfit," she said, "and unready"`` -> the two quoted stretches. A mark
    preceded by a letter and followed by a letter is an apostrophe, not a quote mark.
    """
    chars = sorted(_char_set(spans))
    marks = [
        i
        for i in chars
        if text[i] in QUOTE_MARKS
        and not (0 < i < len(text) - 1 and text[i - 1].isalnum() and text[i + 1].isalnum())
    ]
    if len(marks) < 2:
        return spans
    parts = []
    for a, b in zip(marks[0::2], marks[1::2], strict=False):
        if b - a > 1:
            parts.append((a + 1, b))
    return tuple(parts) if parts else spans


def match_document(
    text: str,
    gold: Sequence[GoldQuote],
    pred: Sequence[PredQuote],
    *,
    neutral: Sequence[GoldQuote] = (),
    trim_gold: bool = False,
) -> Counts:
    """Greedy one-to-one matching of predictions to gold quotes in one document.

    ``neutral`` gold quotes (outside the scored subset) absorb predictions that match
    them, which then count neither as right nor as wrong. ``trim_gold`` scores against
    each gold span's quoted parts only.
    """
    counts = Counts(pred=len(pred), gold=len(gold))
    gold_spans = [quoted_parts(text, g.content) if trim_gold else g.content for g in gold]
    gold_chars = [_char_set(s) for s in gold_spans]
    pred_chars = [set(range(p.start, p.end)) for p in pred]
    pairs = []
    for gi, gc in enumerate(gold_chars):
        if not gc:
            continue
        for pi, pc in enumerate(pred_chars):
            cover = len(gc & pc) / len(gc)
            if cover > MATCH_COVERAGE:
                pairs.append((cover, -abs(len(pc) - len(gc)), gi, pi))
    pairs.sort(reverse=True)
    used_g: set[int] = set()
    used_p: set[int] = set()
    for _, _, gi, pi in pairs:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        counts.matched += 1
        p, g = pred[pi], gold[gi]
        if _bounds(text, gold_spans[gi]) == _bounds(text, [(p.start, p.end)]):
            counts.exact += 1
        if g.source:
            counts.with_source += 1
            src = _char_set(g.source)
            written = _char_set(p.speaker)
            either = written | _char_set(p.resolved)
            same_entity = bool(p.entity) and p.entity == g.source_entity
            counts.speaker_written += bool(written & src)
            counts.speaker_overlap += bool(either & src)
            right = bool(either & src) or same_entity
            counts.speaker_resolved += right
            if p.has_speaker:
                counts.named += 1
                counts.named_right += right
    for pi, pc in enumerate(pred_chars):
        if pi in used_p:
            continue
        for n in neutral:
            nc = _char_set(n.content)
            if nc and len(nc & pc) / len(nc) > MATCH_COVERAGE:
                counts.ignored += 1
                break
    return counts


# --------------------------------------------------------------------------- data


_SPAN = re.compile(r"(\d+) (\d+)")


def parse_ann(ann: str) -> tuple[GoldQuote, ...]:
    """Gold attributions of one brat standoff file: Content spans with their Source."""
    spans: dict[str, tuple[str, Chars, str]] = {}
    relations: list[dict[str, str]] = []
    for line in ann.splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 3:
            label, _, offsets = parts[1].partition(" ")
            chars = tuple((int(a), int(b)) for a, b in _SPAN.findall(offsets))
            spans[parts[0]] = (label, chars, parts[2])
        elif line.startswith("E") and len(parts) >= 2:
            relations.append(dict(p.split(":", 1) for p in parts[1].split() if ":" in p))
    gold = []
    for rel in relations:
        content = spans.get(rel.get("Content", ""))
        if content is None or content[0] != "Content":
            continue
        source = spans.get(rel.get("Source", ""))
        gold.append(GoldQuote(content[1], content[2], source[1] if source else ()))
    return tuple(sorted(gold, key=lambda g: g.content))


def default_data_dir(start: Path | None = None) -> Path:
    """``../shared/eval/polnear`` beside the project root."""
    return default_eval_root(start) / DATASET


def load_documents(data_dir: Path, split: str, *, every: int = 1) -> list[Document]:
    """The documents of one split in file-name order (every ``every``-th one from the first).

    EvalError names what is missing.
    """
    text_dir = data_dir / split / "text"
    ann_dir = data_dir / split / "attributions"
    if not text_dir.is_dir() or not ann_dir.is_dir():
        raise EvalError(
            f"{data_dir}: PolNeAR split {split!r} not found (expected {split}/text and "
            f"{split}/attributions); pass --data DIR to point at a copy of polnear"
        )
    docs = []
    for path in sorted(text_dir.glob("*.txt"))[::every]:
        anns = sorted(ann_dir.glob(f"{path.stem}_*.ann"))
        if not anns:
            raise EvalError(f"{path}: no annotation file {path.stem}_*.ann in {ann_dir}")
        text = path.read_text(encoding="utf-8")
        gold = parse_ann(anns[0].read_text(encoding="utf-8"))
        docs.append(Document(path.stem, text, gold))
    if not docs:
        raise EvalError(f"{text_dir}: no documents")
    return docs


# --------------------------------------------------------------------------- systems


def newsfuse_predictions(doc: Doc, entities: EntityMap | None = None) -> list[PredQuote]:
    """newsfuse's quotes in a parsed document, as scorer records.

    With ``entities``, each record says whether the brief would show a speaker for it
    (:func:`newsfuse.briefing.extracted.speaker_of` over the document's entities).
    """
    from newsfuse.briefing.extracted import speaker_of
    from newsfuse.extract.quotes import extract_quotes

    out = []
    for q in extract_quotes(doc):
        speaker = ((q.speaker.start, q.speaker.end),) if q.speaker else ()
        resolved = ((q.resolved.start, q.resolved.end),) if q.resolved else ()
        named = None if entities is None else speaker_of(entities.index, "d", q) is not None
        out.append(
            PredQuote(
                q.content.start, q.content.end, q.kind != "indirect", speaker, resolved,
                named=named,
            )
        )  # fmt: skip
    return out


class EntityMap:
    """The entities of one parsed document (newsfuse's canonical entities), for the
    issue's speaker rule: a speaker is right when it overlaps the gold Source or
    resolves to the entity of the gold Source mention."""

    def __init__(self, doc: Doc) -> None:
        from newsfuse.extract.doctext import doc_text
        from newsfuse.extract.entities import EntityIndex, find_mentions, find_role_mentions

        self.text = doc_text(doc)
        self.index = EntityIndex()
        self.index.add("d", [*find_mentions(doc), *find_role_mentions(doc)])
        self.index.build()

    def of(self, spans: Chars) -> str:
        """The entity id of the mention a span names: the first non-possessive mention
        inside it ("Sen. Bernie Sanders (Vt.), who lost … to Clinton," -> Sanders), else
        the mention it lies inside; "" when it names none (a pronoun, "a spokesman")."""
        if not spans:
            return ""
        start, end = spans[0][0], spans[-1][1]
        for _s, e, ent in self.index.mentions_in("d", start, end):
            if not self.text.startswith(("'s", "’s"), e):
                return ent.id
        around = self.index.entity_at("d", start, end)
        return around.id if around is not None else ""

    def with_entities(self, preds: Sequence[PredQuote]) -> list[PredQuote]:
        """``preds`` with the entity of each speaker (its resolution, else as written)."""
        return [replace(p, entity=self.of(p.resolved or p.speaker)) for p in preds]

    def gold(self, document: Document) -> Document:
        """``document`` with the entity of each gold Source mention."""
        gold = tuple(replace(g, source_entity=self.of(g.source)) for g in document.gold)
        return replace(document, gold=gold)


def textacy_predictions(doc: Doc, offset: int = 0) -> tuple[list[PredQuote], bool]:
    """textacy's direct quotations in ``doc`` and whether it raised (then it returns none)."""
    from textacy.extract.triples import direct_quotations

    try:
        triples = list(direct_quotations(doc))
    except ValueError:
        return [], True
    out = []
    for t in triples:
        speaker = tuple((offset + w.idx, offset + w.idx + len(w)) for w in t.speaker)
        start = offset + t.content.start_char
        out.append(PredQuote(start, offset + t.content.end_char, True, speaker, ()))
    return out, False


# --------------------------------------------------------------------------- run


@dataclass(frozen=True, slots=True)
class QuotesReport:
    """Live scores per system and gold set on one split."""

    split: str
    data_dir: Path
    documents: int
    scores: dict[str, dict[str, Scores]]  # system -> gold set -> scores
    failures: dict[str, int]  # system -> documents/paragraphs on which it raised
    seconds: float
    words: int = 0
    parse_seconds: float = 0.0
    notes: tuple[str, ...] = field(default=())

    def as_dict(self) -> dict[str, object]:
        return {
            "eval": "quotes",
            "split": self.split,
            "data": str(self.data_dir),
            "documents": self.documents,
            "words": self.words,
            "seconds": round(self.seconds, 2),
            "parse_seconds": round(self.parse_seconds, 2),
            "systems": [
                {
                    "system": key,
                    "label": SYSTEMS[key],
                    "failures": self.failures.get(key, 0),
                    "scores": {k: v.as_dict() for k, v in sets.items()},
                }
                for key, sets in self.scores.items()
            ],
            "published": [
                {"system": r.label, "split": r.split, **r.values, "source": r.source}
                for r in REFERENCES
                if r.split == self.split
            ],
        }


@dataclass(frozen=True, slots=True)
class Reference:
    """A published figure shown beside the live rows (not recomputed)."""

    label: str
    split: str
    values: dict[str, float]
    source: str


REFERENCES: tuple[Reference, ...] = (
    Reference("published: textacy, whole", "test", {"f1": 0.570, "speaker": 0.852},
              "PRIOR-ART.md / the quotes issue: PolNeAR test, direct subset"),
    Reference("published: textacy, per para.", "test", {"f1": 0.668, "speaker": 0.923},
              "PRIOR-ART.md / the quotes issue: PolNeAR test, direct subset"),
    Reference("published: GGT", "own", {"f1": 0.837, "speaker": 0.865},
              "PRIOR-ART.md: GGT on its own 98 articles (quote F1 at >=0.3 overlap)"),
)  # fmt: skip

# Gold sets in table order -> label.
GOLD_SETS: dict[str, str] = {
    "all": "all",
    "direct": "direct",
    "direct-trimmed": "direct, trimmed",
}


def _parse(texts: list[str], workers: int) -> Iterable[Doc]:
    from newsfuse.annotate.nlp import load_nlp

    nlp = load_nlp()
    return nlp.pipe(texts, batch_size=PIPE_BATCH, n_process=max(1, workers))


def score_system(
    docs: Sequence[Document], preds: Sequence[Sequence[PredQuote]], *, direct_only: bool
) -> dict[str, Scores]:
    """Scores of one system's predictions on every gold set (the direct sets only if asked)."""
    totals = {k: Counts() for k in GOLD_SETS}
    for d, pred in zip(docs, preds, strict=True):
        direct_gold = [g for g in d.gold if g.direct]
        other_gold = [g for g in d.gold if not g.direct]
        marked = [p for p in pred if p.marked]
        if not direct_only:
            totals["all"].add(match_document(d.text, d.gold, pred))
        totals["direct"].add(match_document(d.text, direct_gold, marked, neutral=other_gold))
        totals["direct-trimmed"].add(
            match_document(d.text, direct_gold, marked, neutral=other_gold, trim_gold=True)
        )
    return {k: Scores.from_counts(c) for k, c in totals.items() if not (direct_only and k == "all")}


def run(
    data_dir: Path,
    split: str = "dev",
    *,
    systems: Sequence[str] = tuple(SYSTEMS),
    workers: int = DEFAULT_WORKERS,
    every: int = 1,
    progress: Callable[[int, int], None] | None = None,
) -> QuotesReport:
    """Parse every document of ``split``, run each system and score it."""
    unknown = [s for s in systems if s not in SYSTEMS]
    if unknown:
        raise EvalError(f"unknown quotes system(s): {', '.join(unknown)}")
    started = time.perf_counter()
    docs = load_documents(data_dir, split, every=every)
    preds: dict[str, list[list[PredQuote]]] = {s: [] for s in systems}
    failures: dict[str, int] = {s: 0 for s in systems if s.startswith("textacy")}
    total = len(docs)
    maps: list[EntityMap] = []
    for i, parsed in enumerate(_parse([d.text for d in docs], workers)):
        entities = EntityMap(parsed)
        maps.append(entities)
        docs[i] = entities.gold(docs[i])
        if "newsfuse" in preds:
            preds["newsfuse"].append(
                entities.with_entities(newsfuse_predictions(parsed, entities))
            )
        if "textacy-whole" in preds:
            found, failed = textacy_predictions(parsed)
            preds["textacy-whole"].append(entities.with_entities(found))
            failures["textacy-whole"] += failed
        if progress:
            progress(i + 1, total * (2 if "textacy-para" in preds else 1))
    parse_seconds = time.perf_counter() - started
    if "textacy-para" in preds:
        paragraphs: list[tuple[int, int, str]] = []
        for di, d in enumerate(docs):
            pos = 0
            for para in d.text.split("\n\n"):
                if para.strip():
                    paragraphs.append((di, pos, para))
                pos += len(para) + 2
        per_doc: list[list[PredQuote]] = [[] for _ in docs]
        parsed_paras = _parse([p for _, _, p in paragraphs], workers)
        for (di, pos, _), parsed in zip(paragraphs, parsed_paras, strict=True):
            found, failed = textacy_predictions(parsed, pos)
            per_doc[di].extend(found)
            failures["textacy-para"] += failed
        preds["textacy-para"] = [m.with_entities(p) for m, p in zip(maps, per_doc, strict=True)]
        if progress:
            progress(2 * total, 2 * total)
    scores = {s: score_system(docs, preds[s], direct_only=s.startswith("textacy")) for s in systems}
    return QuotesReport(
        split=split,
        data_dir=data_dir,
        documents=len(docs),
        scores=scores,
        failures=failures,
        seconds=time.perf_counter() - started,
        words=sum(len(d.text.split()) for d in docs),
        parse_seconds=parse_seconds,
    )


def gate_scores(eval_root: Path, split: Literal["dev"], workers: int) -> dict[str, float]:
    """newsfuse's figures for the eval gate on every 2nd dev article (42 of 84, ~34k words).

    Half of dev keeps the gate well under its minute on 2 cores; ``newsfuse eval quotes``
    scores all of it.
    """
    report = run(
        eval_root / DATASET, split, systems=("newsfuse",), workers=workers, every=GATE_EVERY
    )
    s = report.scores["newsfuse"]
    return {
        "all_f1": s["all"].f1,
        "all_speaker": s["all"].speaker_resolved,
        "direct_f1": s["direct"].f1,
        "direct_precision": s["direct"].precision,
        "direct_recall": s["direct"].recall,
        "direct_speaker": s["direct"].speaker_resolved,
        "direct_speaker_written": s["direct"].speaker_written,
        "direct_speaker_precision": s["direct"].speaker_precision,
        "direct_speaker_coverage": s["direct"].speaker_coverage,
        "direct_trimmed_f1": s["direct-trimmed"].f1,
    }
