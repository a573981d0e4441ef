"""Typed records that flow between the stages.

Every record is frozen: a stage takes a record and returns a new one
(``dataclasses.replace``), so a stage can be mapped over partitions by any engine.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Format = Literal["text", "html", "json"]
# Where a metadata value came from. "header" covers text header lines and a JSON
# record's own fields; "html-meta" the page's <meta>/JSON-LD; "text" the prose.
Provenance = Literal["header", "html-meta", "url", "signature", "text", "none"]


@dataclass(frozen=True, slots=True)
class RawDocument:
    """One article as read from its input, before cleaning.

    ``body`` is always plain text with paragraphs separated by blank lines
    (HTML has already been through main-text extraction). Metadata fields hold
    what the input itself declared; the annotate stage fills the gaps.
    """

    path: str
    format: Format
    body: str
    title: str | None = None
    date: str | None = None  # ISO date
    date_from: Provenance = "none"
    source: str | None = None
    source_from: Provenance = "none"
    url: str | None = None


@dataclass(frozen=True, slots=True)
class Removal:
    """A passage that cleaning took out, with why and where it stood."""

    text: str
    reason: str  # duplicate | boilerplate | comment-form | share-prompt | signature | teaser
    detail: str = ""
    paragraph: int = -1  # index among the input paragraphs


@dataclass(frozen=True, slots=True)
class Repair:
    """A change cleaning made to the text it kept."""

    kind: str  # split-word | joined-paragraph | mojibake | whitespace
    before: str
    after: str


@dataclass(frozen=True, slots=True)
class Cleaned:
    """Output of the clean stage: display paragraphs plus the record of every change."""

    paragraphs: tuple[str, ...]
    removed: tuple[Removal, ...] = ()
    repairs: tuple[Repair, ...] = ()


@dataclass(frozen=True, slots=True)
class Article:
    """A cleaned, annotated article: what every later stage reads."""

    id: str
    path: str
    format: Format
    paragraphs: tuple[str, ...]
    removed: tuple[Removal, ...] = ()
    repairs: tuple[Repair, ...] = ()
    title: str | None = None
    title_from: Provenance = "none"
    published: str | None = None
    published_from: Provenance = "none"
    source: str | None = None
    source_from: Provenance = "none"
    url: str | None = None
    raw_text: str = field(default="", repr=False)

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)


@dataclass(frozen=True, slots=True)
class Rejection:
    """An input that could not be read, named with its reason."""

    path: str
    reason: str


@dataclass(frozen=True, slots=True)
class LoadResult:
    """Articles read from a set of inputs, plus everything that was rejected."""

    articles: tuple[Article, ...]
    rejections: tuple[Rejection, ...]


# --------------------------------------------------------------------------- extraction
# Offsets in these records are character offsets into the article's parsed text
# (paragraphs joined by "\n\n"); :class:`newsfuse.annotate.nlp.ParsedArticle`
# maps them to (paragraph, start, end) for the brief.


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of the parsed text: [start, end) character offsets, and the text itself."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class QuoteMention:
    """A quote found in one text, with its cue and the mention that names its speaker.

    ``speaker`` is the mention as written next to the quote ("he", "the former KGB
    operative", "Putin"); ``resolved`` is the named mention it refers to (the same span
    when it is already a name), or None when the text does not say who spoke.
    """

    content: Span
    kind: Literal["direct", "partial", "indirect"]
    cue: Span | None = None
    speaker: Span | None = None
    resolved: Span | None = None
    # the stretches of ``content`` that are the quote itself, when its attribution sits
    # inside it ("“A,” he said, “B.”" -> A and B); empty when the content is all quote
    parts: tuple[Span, ...] = ()

    @property
    def text(self) -> str:
        """The quote's words without an attribution inside it: its parts joined by " … "."""
        if not self.parts:
            return self.content.text
        texts = [p.text.strip() for p in self.parts]
        return " … ".join([t.rstrip(",;:—–") for t in texts[:-1]] + texts[-1:])


@dataclass(frozen=True, slots=True)
class NumberMention:
    """A numeric claim: normalised value and unit, qualifier, what it counts, who said it."""

    span: Span
    value: float
    unit: str | None = None
    qualifier: str | None = None  # about | more than | at least | some | nearly | up to | …
    about: str | None = None  # what is counted: "Russian troops dead, injured or deserted"
    attributed_to: Span | None = None  # mention of the source: "U.K. Defense Secretary Ben Wallace"
    # other statements of the same figure: ((380.0, "mi"),) for "600 kilometers (380 miles)"
    alternatives: tuple[tuple[float, str], ...] = ()
    vague: bool = False  # "hundreds", "dozens"
    # count | money | percent | ratio | tally | duration | measure (a unit such as km)
    kind: str = "count"
    high: float | None = None  # a vague quantity's range is [value, high): "hundreds" 200, 1000
    sides: tuple[float, float] | None = None  # a tally's two sides: "97-1" -> (97, 1)
    ratio: tuple[float, float] | None = None  # odds as written: "one-in-three" -> (1, 3)
    # what the figure measures: the counted noun, normalised ("57 people were killed" and
    # "42 dead" -> "deaths"; "50 of our members" -> "member"); None when the text says nothing
    noun: str | None = None
    subject: Span | None = None  # whose figure it is: "The Senate voted 97-1", "Byrd, 92"
    place: Span | None = None  # a place the measure is of: "57 people were killed in Texas"
    time: Span | None = None  # a time the measure is at: "unemployment was 9 % in March"
    anchor: Span | None = None  # what a sum went to or at: "over $10,000 at Best Buy"
    # content words of the measure's own clause, for telling apart two measures of one noun
    # ("a two-in-three chance that we win" vs "a one-in-three chance that we could lose")
    context: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class TimeMention:
    """A time expression normalised against an anchor date (TIMEX3-style value)."""

    span: Span
    value: str  # "2022-12-19", "2022-11", "2023", "PRESENT_REF", "P3D", "2022-W51"…
    type: Literal["DATE", "TIME", "DURATION", "SET"] = "DATE"
    # whether it dates its sentence's own event, not one named in passing ("the invasion
    # in February", "who first went there in May")
    event: bool = True
