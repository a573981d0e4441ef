"""The spine: newsfuse's stages in order, each a function over frozen typed records.

    ingest -> clean -> annotate -> extract -> combine -> cluster -> align -> brief

:data:`STAGES` lists them in one place, with the record each one reads and writes
(:mod:`newsfuse.model`). The first four work on one article at a time and are pure
functions of (input, settings), so an engine can map them over partitions
(:func:`prepare` runs clean and annotate, :func:`extract` the spaCy parse and the
extractors); the last four look across articles: ``combine`` merges a story's
extractions (entities, speakers, figures, times), ``cluster`` assigns articles to
stories (the store keeps its state between batches), ``align`` finds what sources
share, conflict on or report alone, and ``brief`` assembles the ``newsfuse.brief/1``
record. Records become JSON only at the edge (:mod:`newsfuse.schema`).
"""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from newsfuse.align import align as align  # stage 6, re-exported: align/__init__.py
from newsfuse.annotate.metadata import annotate
from newsfuse.clean import clean
from newsfuse.ingest import DEFAULT_MAX_BYTES, iter_inputs
from newsfuse.model import Article, Extraction, LoadResult, RawDocument, Rejection

if TYPE_CHECKING:
    from newsfuse.cluster.online import Assignment, StoryClusterer
    from newsfuse.extract import ArticleExtraction
    from newsfuse.ingest.fetch import FetchOptions
    from newsfuse.model import Alignment, Brief, Findings
    from newsfuse.parallel import Engine

# Hex digits kept from the SHA-256 of the normalised text: 64 bits, collision-free in practice
# for any corpus one machine holds, and short enough to type.
ID_HEX_DIGITS = 16

_QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "‛": "'", "“": '"', "”": '"', "„": '"',
                         "–": "-", "—": "-", "―": "-", "‐": "-", "\u00a0": " "})  # fmt: skip


def article_id(text: str) -> str:
    """Stable id from the article's normalised text (typography, case and spacing ignored)."""
    norm = unicodedata.normalize("NFKC", text).translate(_QUOTES).lower()
    norm = re.sub(r"\s+", " ", norm).strip()
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()[:ID_HEX_DIGITS]


def prepare(raw: RawDocument) -> Article:
    """Clean and annotate one raw document."""
    cleaned = clean(raw.body)
    return annotate(raw, cleaned, article_id=article_id(raw.body))


def iter_articles(
    paths: Iterable[str], *, max_bytes: int = DEFAULT_MAX_BYTES, fetch: FetchOptions | None = None
) -> Iterator[Article | Rejection]:
    """Read, clean and annotate every input (URLs fetched with ``fetch``); bad inputs
    come out as Rejections."""
    for item in iter_inputs(paths, max_bytes=max_bytes, fetch=fetch):
        if isinstance(item, Rejection):
            yield item
            continue
        article = prepare(item)
        if not article.paragraphs:
            yield Rejection(item.path, "nothing left after cleaning (only boilerplate)")
            continue
        yield article


def load(
    paths: Iterable[str], *, max_bytes: int = DEFAULT_MAX_BYTES, fetch: FetchOptions | None = None
) -> LoadResult:
    """All articles from ``paths``, de-duplicated by id, in input order."""
    articles: dict[str, Article] = {}
    rejections: list[Rejection] = []
    for item in iter_articles(paths, max_bytes=max_bytes, fetch=fetch):
        if isinstance(item, Rejection):
            rejections.append(item)
        else:
            articles.setdefault(item.id, item)
    return LoadResult(tuple(articles.values()), tuple(rejections))


def extract(articles: Sequence[Article], *, memory_zone: bool = True) -> tuple[Extraction, ...]:
    """Parse each article with spaCy and extract its entities, quotes, figures and times
    (one :class:`Extraction` per article, in order).

    The batch is parsed inside spaCy's ``memory_zone``: the words and strings its Docs
    add to the shared vocabulary are dropped when it ends, so a worker that extracts for
    hours stays flat. Nothing of spaCy leaves the zone - the records are built inside it
    from plain strings and offsets. ``memory_zone=False`` keeps them (the same records)."""
    from newsfuse.annotate.nlp import load_nlp, parse_articles
    from newsfuse.extract import extract_article

    if not memory_zone:
        return tuple(extraction_of(extract_article(p)) for p in parse_articles(articles))
    with load_nlp().memory_zone():
        return tuple(extraction_of(extract_article(p)) for p in parse_articles(articles))


def extraction_of(found: ArticleExtraction) -> Extraction:
    """The spaCy-free record of one article's extraction: the extractors' mentions and
    spaCy's sentence boundaries (all the later stages read of the parse)."""
    return Extraction(
        article=found.parsed.article.id,
        mentions=found.mentions,
        quotes=found.quotes,
        numbers=found.numbers,
        times=found.times,
        sentences=tuple((s.start_char, s.end_char) for s in found.parsed.doc.sents),
    )


def cluster(
    articles: Sequence[Article], clusterer: StoryClusterer | None = None
) -> list[Assignment]:
    """Assign articles to stories, oldest first (then by id), with ``clusterer``'s state
    (a fresh one unless given: the store passes the one it keeps); one
    :class:`~newsfuse.cluster.online.Assignment` per article, in that order."""
    from newsfuse.cluster.features import features
    from newsfuse.cluster.online import StoryClusterer

    clusterer = clusterer if clusterer is not None else StoryClusterer()
    out = []
    for article in sorted(articles, key=lambda a: (a.published or "9999", a.id)):
        feats = features(article.title or "", article.text, article.published)
        out.append(clusterer.add(article.id, feats, article.text))
    return out


def combine(articles: Sequence[Article], extractions: Sequence[Extraction]) -> Findings:
    """A story's findings from its articles (in brief order) and their extractions:
    entities merged across articles, speakers and sources resolved to them, offsets as
    (paragraph, start, end) (:func:`newsfuse.briefing.extracted.combine`)."""
    from newsfuse.briefing.extracted import combine as combine_extractions

    return combine_extractions(articles, extractions)


def make(
    articles: Sequence[Article],
    findings: Findings,
    alignment: Alignment,
    *,
    story_id: str | None = None,
) -> Brief:
    """The brief record of articles in brief order (:func:`order`), their findings and
    their alignment (:func:`newsfuse.briefing.compose.make`)."""
    from newsfuse.briefing.compose import make as make_brief

    return make_brief(articles, findings, alignment, story_id=story_id)


def order(articles: Sequence[Article]) -> list[Article]:
    """Articles in brief order: by publication date, undated last, then by path."""
    from newsfuse.briefing.compose import order as brief_order

    return brief_order(articles)


def brief(
    paths_or_records: str
    | os.PathLike[str]
    | Iterable[str | os.PathLike[str] | RawDocument | Article],
    *,
    extract: bool = True,
    engine: Engine | None = None,
) -> Brief:
    """The brief of one story, run through every stage: ``paths_or_records`` are files,
    folders, URLs or feeds (read as ``newsfuse brief`` reads them), :class:`RawDocument`
    records (cleaned and annotated here) or :class:`Article` records, mixed as you like.
    Without ``extract``, only cleaning and metadata (no spaCy). ``engine``
    (:class:`newsfuse.parallel.Engine`) parses and extracts on local worker processes or
    a Dask cluster; the brief is the same. Raises
    :class:`~newsfuse.errors.InputError` when no article is left."""
    from newsfuse.briefing.compose import compose
    from newsfuse.errors import InputError

    items: Iterable[str | os.PathLike[str] | RawDocument | Article] = (
        [paths_or_records] if isinstance(paths_or_records, str | os.PathLike) else paths_or_records
    )
    articles: dict[str, Article] = {}
    paths: list[str] = []
    for item in items:
        if isinstance(item, Article):
            articles.setdefault(item.id, item)
        elif isinstance(item, RawDocument):
            article = prepare(item)
            if article.paragraphs:
                articles.setdefault(article.id, article)
        else:
            paths.append(os.fspath(item))
    if paths:
        for article in load(paths).articles:
            articles.setdefault(article.id, article)
    if not articles:
        named = ", ".join(paths[:3]) + (" …" if len(paths) > 3 else "") if paths else "(records)"
        raise InputError(named, "no articles to brief: every input was rejected or empty")
    return compose(list(articles.values()), extract=extract, engine=engine)


@dataclass(frozen=True, slots=True)
class Stage:
    """One stage of the spine: its name, its function, and the records it reads and writes."""

    name: str
    function: str  # "module:function"
    reads: str
    writes: str
    per_article: bool  # True: a pure function of one article (can run on any worker)

    def load(self) -> Callable[..., Any]:
        """The stage's function (its module imported on first use)."""
        import importlib

        module, name = self.function.split(":")
        fn: Callable[..., Any] = getattr(importlib.import_module(module), name)
        return fn


# The stages in order: the one list of the spine (docs/architecture.md shows it as a table).
STAGES: tuple[Stage, ...] = (
    Stage("ingest", "newsfuse.ingest:iter_inputs", "paths, URLs, feeds",
          "RawDocument | Rejection", True),
    Stage("clean", "newsfuse.clean:clean", "RawDocument.body", "Cleaned", True),
    Stage("annotate", "newsfuse.annotate.metadata:annotate", "RawDocument, Cleaned",
          "Article", True),
    Stage("extract", "newsfuse.pipeline:extract", "Article", "Extraction", True),
    Stage("combine", "newsfuse.pipeline:combine", "Article, Extraction", "Findings", False),
    Stage("cluster", "newsfuse.pipeline:cluster", "Article", "Assignment (-> Story)", False),
    Stage("align", "newsfuse.pipeline:align", "Article, Findings", "Alignment", False),
    Stage("brief", "newsfuse.pipeline:make", "Article, Findings, Alignment", "Brief", False),
)  # fmt: skip
