"""Score the cross-source layer of a brief against hand labels of BASIL dev events.

The labels (:mod:`newsfuse.eval.align_data`, guide in ``docs/labelling-align.md``) say,
per event, which figures of different outlets measure the same thing and whether they
conflict, which quotes are one statement, which sentences state one fact, and which
sentences state what only one outlet reports. Each event's three articles are given to
newsfuse as BASIL has them (no cleaning, so offsets map exactly), extracted once, and
aligned twice: by newsfuse's aligner and by the lexical baseline
(:mod:`newsfuse.align.lexical`), scored in the same run.

Matching: a brief figure is a labelled member when it overlaps its characters; a brief
quote when they overlap by half the shorter span; a cited sentence is the BASIL sentence
it overlaps most. Per kind:

- figure / quote groups: a labelled group is *found* when one brief group holds two or
  more of its members from different articles and nothing else (no member of another
  labelled group, no unlabelled item); precision = right brief groups / brief groups;
- conflict flags: over the found figure groups, the share whose ``conflict`` is right;
- shared facts: a summary or fact line citing two or more articles is right when every
  sentence it cites is a member of one labelled fact group; recall = labelled groups
  with a right line;
- unique facts: a line listed as "only in one source" is wrong when its sentence is in
  a fact group or holds a grouped quote, right when it is labelled ``unique`` (partial
  and unlabelled sentences are not counted); recall = ``unique`` sentences listed.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsfuse.errors import EvalError
from newsfuse.eval import f1, ratio
from newsfuse.eval.align_data import DATASET, BasilArticle, data_dir, label_files, load_event
from newsfuse.model import (
    Alignment,
    Article,
    Cite,
    FactLine,
    Figure,
    Findings,
    Quote,
    SummaryLine,
    UniqueLine,
)

Json = dict[str, Any]
Aligner = Callable[[Sequence[Article], Findings], Alignment]
SentenceKey = tuple[str, int, int]  # outlet, paragraph, BASIL sentence
# A brief quote is a labelled member when they share this share of the shorter span.
QUOTE_OVERLAP = 0.5
# Kinds in table order -> label.
KINDS: dict[str, str] = {
    "figures": "figure groups",
    "conflicts": "conflict flags",
    "quotes": "quote groups",
    "facts": "shared facts",
    "unique": "unique facts",
}


@dataclass(slots=True)
class Counts:
    """Right / predicted and found / gold for one kind."""

    right: int = 0
    predicted: int = 0
    found: int = 0
    gold: int = 0

    def add(self, other: Counts) -> None:
        self.right += other.right
        self.predicted += other.predicted
        self.found += other.found
        self.gold += other.gold

    @property
    def precision(self) -> float:
        return ratio(self.right, self.predicted)

    @property
    def recall(self) -> float:
        return ratio(self.found, self.gold)

    def as_dict(self) -> dict[str, float | int]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(f1(self.precision, self.recall), 4),
            "right": self.right,
            "predicted": self.predicted,
            "found": self.found,
            "gold": self.gold,
        }


@dataclass(slots=True)
class SystemScore:
    """One aligner's counts per kind, and what it got wrong (for reading)."""

    counts: dict[str, Counts] = field(default_factory=lambda: {k: Counts() for k in KINDS})
    errors: list[Json] = field(default_factory=list)


@dataclass(slots=True)
class AlignReport:
    """Scores of every system on one split."""

    split: str
    events: int
    seconds: float
    systems: dict[str, SystemScore]

    def as_dict(self) -> Json:
        return {
            "split": self.split,
            "events": self.events,
            "seconds": round(self.seconds, 1),
            "systems": {
                name: {
                    "scores": {k: c.as_dict() for k, c in s.counts.items()},
                    "errors": s.errors,
                }
                for name, s in self.systems.items()
            },
        }


# --------------------------------------------------------------------------- one event


@dataclass(frozen=True, slots=True)
class Gold:
    """One event's labels, keyed for matching."""

    outlet: dict[str, str]  # article id -> outlet
    sentences: dict[str, BasilArticle]  # outlet -> article (for sentence lookup)
    figures: list[tuple[Json, list[tuple[str, int, int, int]]]]  # group, members
    quotes: list[tuple[Json, list[tuple[str, int, int, int]]]]
    facts: list[frozenset[SentenceKey]]
    unique: frozenset[SentenceKey]
    grouped_quote_sentences: frozenset[SentenceKey]

    @classmethod
    def of(cls, label: Json, articles: Sequence[BasilArticle]) -> Gold:
        outlets = {a.outlet: a for a in articles}

        def span(m: Json) -> tuple[str, int, int, int]:
            return (str(m["outlet"]), int(m["p"]), int(m["start"]), int(m["end"]))

        def key(m: Json) -> SentenceKey:
            if "s" in m:
                return (str(m["outlet"]), int(m["p"]), int(m["s"]))
            return _sentence_of(outlets[m["outlet"]], int(m["p"]), int(m["start"]), int(m["end"]))

        quotes = [(g, [span(m) for m in g["members"]]) for g in label.get("quotes", [])]
        quote_sentences = set()
        for _, members in quotes:
            for o, p, s, e in members:
                quote_sentences.update(_sentences_in(outlets[o], p, s, e))
        return cls(
            outlet={a.uuid: a.outlet for a in articles},
            sentences=outlets,
            figures=[(g, [span(m) for m in g["members"]]) for g in label.get("figures", [])],
            quotes=quotes,
            facts=[frozenset(key(m) for m in g["members"]) for g in label.get("facts", [])],
            unique=frozenset(key(m) for m in label.get("unique", [])),
            grouped_quote_sentences=frozenset(quote_sentences),
        )

    def sentence(self, cite: Cite | UniqueLine) -> SentenceKey | None:
        """The BASIL sentence a brief citation (article, paragraph, start, end) points at."""
        outlet = self.outlet.get(cite.article)
        if outlet is None:
            return None
        return _sentence_of(self.sentences[outlet], cite.paragraph, cite.start, cite.end)


def _sentence_of(a: BasilArticle, p: int, start: int, end: int) -> SentenceKey:
    """The sentence of paragraph ``p`` overlapping [start, end) most."""
    spans = a.sentences[p] if 0 <= p < len(a.sentences) else ()
    best = max(
        range(len(spans)),
        key=lambda s: min(end, spans[s][1]) - max(start, spans[s][0]),
        default=0,
    )
    return (a.outlet, p, best)


def _sentences_in(a: BasilArticle, p: int, start: int, end: int) -> set[SentenceKey]:
    spans = a.sentences[p] if 0 <= p < len(a.sentences) else ()
    return {(a.outlet, p, s) for s, (b, e) in enumerate(spans) if min(end, e) > max(start, b)}


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _member_of(
    item: Quote | Figure,
    groups: Sequence[tuple[Json, list[tuple[str, int, int, int]]]],
    outlet: Mapping[str, str],
    *,
    share: float,
) -> frozenset[int]:
    """The labelled groups with a member that ``item`` (article, paragraph, start, end,
    and ``end_paragraph`` for a quote that runs on) overlaps; a long quote may hold the
    members of two statements."""
    o = outlet.get(item.article)
    first, start = item.paragraph, item.start
    last = item.end_paragraph if isinstance(item, Quote) else first
    end = item.end
    found = set()
    for gi, (_, members) in enumerate(groups):
        for mo, mp, ms, me in members:
            if mo != o or not first <= mp <= last:
                continue
            lo = start if mp == first else 0
            hi = end if mp == last else 10**9
            shared = _overlap((lo, hi), (ms, me))
            length = min(hi - lo, me - ms)
            if shared > 0 and shared >= share * length:
                found.add(gi)
    return frozenset(found)


def score_groups(
    predicted: Sequence[Sequence[Quote | Figure]],
    gold: Sequence[tuple[Json, list[tuple[str, int, int, int]]]],
    outlet: Mapping[str, str],
    *,
    share: float,
) -> tuple[Counts, dict[int, int], list[int]]:
    """(counts, labelled group -> the first brief group that finds it, wrong brief groups).

    A brief group is right when one labelled group has a member matching each of its
    items, and its items come from two or more articles."""
    counts = Counts(predicted=len(predicted), gold=len(gold))
    found: dict[int, int] = {}
    wrong = []
    for k, members in enumerate(predicted):
        homes = frozenset(range(len(gold)))
        for m in members:
            homes &= _member_of(m, gold, outlet, share=share)
        if homes and len({m.article for m in members}) >= 2:
            counts.right += 1
            for gi in homes:
                found.setdefault(gi, k)
        else:
            wrong.append(k)
    counts.found = len(found)
    return counts, found, wrong


def score_event(gold: Gold, out: Alignment, findings: Findings) -> SystemScore:
    """One aligner's output on one event against its labels."""
    score = SystemScore()
    c = score.counts
    by_id = {n.id: n for n in findings.numbers}
    groups = [[by_id[i] for i in g.numbers] for g in out.number_groups]
    counts, found, wrong = score_groups(groups, gold.figures, gold.outlet, share=0.0)
    c["figures"].add(counts)
    for k in wrong:
        score.errors.append({"kind": "figures", "group": [n.text for n in groups[k]]})
    conflicts = Counts(gold=len(found), found=0)
    for gi, k in found.items():
        flagged = out.number_groups[k].conflict
        right = flagged == bool(gold.figures[gi][0]["conflict"])
        conflicts.right += right
        conflicts.predicted += 1
        conflicts.found += right
        if not right:
            score.errors.append({"kind": "conflicts", "measure": gold.figures[gi][0]["measure"]})
    c["conflicts"].add(conflicts)

    by_qid = {q.id: q for q in findings.quotes}
    qgroups = [[by_qid[i] for i in g.quotes] for g in out.quote_groups]
    counts, _, wrong = score_groups(qgroups, gold.quotes, gold.outlet, share=QUOTE_OVERLAP)
    c["quotes"].add(counts)
    for k in wrong:
        texts = [q.text[:60] for q in qgroups[k]]
        score.errors.append({"kind": "quotes", "group": texts})

    lines: dict[tuple[SentenceKey | None, ...], FactLine | SummaryLine] = {}
    every: list[FactLine | SummaryLine] = [*out.facts, *out.summary]
    for line in every:
        if len({x.article for x in line.cites}) < 2:
            continue
        keys = tuple(gold.sentence(x) for x in line.cites)
        lines.setdefault(keys, line)
    facts = Counts(predicted=len(lines), gold=len(gold.facts))
    hit: set[int] = set()
    for keys, line in lines.items():
        homes = [g for g, members in enumerate(gold.facts) if all(k in members for k in keys)]
        if homes and None not in keys:
            facts.right += 1
            hit.update(homes)
        else:
            score.errors.append({"kind": "facts", "text": line.text[:80], "cites": keys})
    facts.found = len(hit)
    c["facts"].add(facts)

    shared = frozenset().union(*gold.facts, gold.grouped_quote_sentences)
    listed = {gold.sentence(u) for u in out.unique}
    unique = Counts(gold=len(gold.unique), found=len(listed & gold.unique))
    for key in listed:
        if key in shared:
            unique.predicted += 1
            score.errors.append({"kind": "unique", "sentence": key})
        elif key in gold.unique:
            unique.predicted += 1
            unique.right += 1
    c["unique"].add(unique)
    return score


# --------------------------------------------------------------------------- run


def systems() -> dict[str, Aligner]:
    """The aligners scored side by side: newsfuse's and the lexical baseline."""
    from newsfuse.align import align
    from newsfuse.align.lexical import align as lexical

    return {"newsfuse": align, "lexical": lexical}


def run(
    split: str,
    *,
    root: Path | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> AlignReport:
    """Extract and align every labelled event of ``split``, and score each aligner."""
    from newsfuse.briefing.compose import extract_findings, order

    files = label_files(split)
    if not files:
        raise EvalError(f"no alignment labels for split {split!r}")
    root = root or data_dir()
    aligners = systems()
    scores = {name: SystemScore() for name in aligners}
    started = time.perf_counter()
    for done, path in enumerate(files, 1):
        label = json.loads(path.read_text(encoding="utf-8"))
        basil = load_event(root, str(label["event"]))
        gold = Gold.of(label, basil)
        ordered = order([a.article() for a in basil])
        findings = extract_findings(ordered)
        for name, aligner in aligners.items():
            one = score_event(gold, aligner(ordered, findings), findings)
            for kind, counts in one.counts.items():
                scores[name].counts[kind].add(counts)
            scores[name].errors += [{"event": label["event"], **e} for e in one.errors]
        if progress:
            progress(done, len(files))
    return AlignReport(split, len(files), time.perf_counter() - started, scores)


def sentence_pairs(split: str, *, root: Path | None = None) -> list[tuple[str, str, bool]]:
    """Every pair of sentences of different articles of the labelled events, and whether
    a labelled fact group holds both (training pairs for the matcher's fit)."""
    from newsfuse.align.sentences import sentences

    root = root or data_dir()
    out: list[tuple[str, str, bool]] = []
    for path in label_files(split):
        label = json.loads(path.read_text(encoding="utf-8"))
        basil = load_event(root, str(label["event"]))
        gold = Gold.of(label, basil)
        units = [s for a in basil for s in sentences(a.article())]
        keys = [gold.sentence(s.cite()) for s in units]
        for i, a in enumerate(units):
            for j in range(i + 1, len(units)):
                if units[j].article != a.article:
                    same = any(keys[i] in g and keys[j] in g for g in gold.facts)
                    out.append((a.text, units[j].text, same))
    return out


def gate_scores(eval_root: Path, split: str, workers: int) -> dict[str, float]:
    """The gate's figures on the dev events: newsfuse's precision and recall per kind."""
    del workers  # one process: extraction of ~20 events takes seconds
    report = run(split, root=eval_root / DATASET)
    c = report.systems["newsfuse"].counts
    out = {"conflict_accuracy": c["conflicts"].precision}
    for kind in ("figures", "quotes", "facts", "unique"):
        out[f"{kind}_precision"] = c[kind].precision
        out[f"{kind}_recall"] = c[kind].recall
    return out


def rows(report: AlignReport) -> Iterable[tuple[str, str, Counts]]:
    """(kind label, system, counts) in table order."""
    for kind, label in KINDS.items():
        for name, s in report.systems.items():
            yield label, name, s.counts[kind]
