"""Typed records that flow between the stages.

Every record is frozen: a stage takes a record and returns a new one
(``dataclasses.replace``), so a stage can be mapped over partitions by any engine.
Every record is also a JSON document: :meth:`Record.to_dict` writes it with the one
serialiser (:mod:`newsfuse.schema`), field for field in declaration order, and
:meth:`Record.from_dict` reads it back, without spaCy. A field's ``metadata`` says
what the JSON Schema (``newsfuse schema brief``) tells about it, and ``exclude_if``
leaves a field out of the JSON while it holds nothing (a quote's ``groups`` when it is
in none). This module imports only the standard library: pydantic, which writes the
JSON and the schemas from these classes, loads when a record is first written.

The records, by stage:

- ingest: :class:`RawDocument` (or a :class:`Rejection`);
- clean: :class:`Cleaned` (:class:`Removal`, :class:`Repair`);
- annotate: :class:`Article`;
- extract, per article: :class:`Extraction` (:class:`EntityMention`,
  :class:`QuoteMention`, :class:`NumberMention`, :class:`TimeMention`, offsets into the
  parsed text as :class:`Span`); across a story's articles: :class:`Findings`
  (:class:`Entity`, :class:`Quote`, :class:`Figure`, :class:`TimeExpression`, offsets
  as (paragraph, start, end));
- cluster: :class:`Story` (:class:`StoryArticle`, :class:`StoryChange`), listed as a
  :class:`StoryList`;
- align: :class:`Alignment` (:class:`QuoteGroup`, :class:`FigureGroup`,
  :class:`FactLine`, :class:`SummaryLine`, :class:`TimelineLine`, :class:`UniqueLine`,
  :class:`ClaimRow`, each line citing its sentences as :class:`Cite`);
- brief: :class:`Brief` (:class:`BriefStory`, :class:`BriefArticle`), the
  ``newsfuse.brief/1`` document.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import MISSING, dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar, Final, Literal, TypeAlias, TypeVar

if TYPE_CHECKING:
    from newsfuse.briefing.render import BriefFormat

R = TypeVar("R", bound="Record")


class Record:
    """The base of every record: written to JSON and read back by :mod:`newsfuse.schema`."""

    __slots__ = ()
    # Fields that are always written are required in the JSON Schema (pydantic's setting).
    __pydantic_config__: ClassVar[dict[str, Any]] = {
        "json_schema_serialization_defaults_required": True
    }

    def to_dict(self) -> dict[str, Any]:
        """The record as JSON data (dicts, lists, strings, numbers), fields in order."""
        from newsfuse.schema import to_dict

        return to_dict(self)

    @classmethod
    def from_dict(cls: type[R], data: Mapping[str, Any]) -> R:
        """The record again from its JSON data (:class:`newsfuse.errors.SchemaError`
        naming the first problem when the data does not fit)."""
        from newsfuse.schema import from_dict

        return from_dict(cls, data)


def _none(value: object) -> bool:
    return value is None


def _empty(value: object) -> bool:
    return not value


def doc(text: str, *, default: Any = MISSING) -> Any:
    """A field with its description in the JSON Schema (always written)."""
    return field(default=default, metadata={"description": text})


def optional(text: str, *, default: Any = None, omit: str = "none") -> Any:
    """A field left out of the JSON while it holds nothing (``omit``: "none" or "empty")."""
    rule = _none if omit == "none" else _empty
    return field(default=default, metadata={"description": text, "exclude_if": rule})


# A number as the stage computed it: an int stays an int in the JSON (200, not 200.0), a
# float a float, so that a record's JSON is the same before and after a round trip.
Num: TypeAlias = int | float

Format = Literal["text", "html", "json"]
# Where a metadata value came from. "header" covers text header lines and a JSON
# record's own fields; "html-meta" the page's <meta>/JSON-LD; "text" the prose.
Provenance = Literal["header", "html-meta", "url", "signature", "text", "none"]


@dataclass(frozen=True, slots=True)
class RawDocument(Record):
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
class Removal(Record):
    """A passage that cleaning took out, with why and where it stood."""

    text: str
    reason: str  # duplicate | boilerplate | comment-form | share-prompt | signature | teaser
    detail: str = ""
    paragraph: int = -1  # index among the input paragraphs


@dataclass(frozen=True, slots=True)
class Repair(Record):
    """A change cleaning made to the text it kept."""

    kind: str  # split-word | joined-paragraph | mojibake | whitespace
    before: str
    after: str


@dataclass(frozen=True, slots=True)
class Cleaned(Record):
    """Output of the clean stage: display paragraphs plus the record of every change."""

    paragraphs: tuple[str, ...]
    removed: tuple[Removal, ...] = ()
    repairs: tuple[Repair, ...] = ()


@dataclass(frozen=True, slots=True)
class Article(Record):
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
class Rejection(Record):
    """An input that could not be read, named with its reason."""

    path: str
    reason: str


@dataclass(frozen=True, slots=True)
class LoadResult(Record):
    """Articles read from a set of inputs, plus everything that was rejected."""

    articles: tuple[Article, ...]
    rejections: tuple[Rejection, ...]


# --------------------------------------------------------------------------- extraction
# Offsets in these records are character offsets into the article's parsed text
# (paragraphs joined by "\n\n"); :class:`newsfuse.annotate.nlp.ParsedArticle`
# maps them to (paragraph, start, end) for the brief.


@dataclass(frozen=True, slots=True)
class Span(Record):
    """A stretch of the parsed text: [start, end) character offsets, and the text itself."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class QuoteMention(Record):
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
class NumberMention(Record):
    """A numeric claim: normalised value and unit, qualifier, what it counts, who said it."""

    span: Span
    value: Num
    unit: str | None = None
    qualifier: str | None = None  # about | more than | at least | some | nearly | up to | …
    about: str | None = None  # what is counted: "Russian troops dead, injured or deserted"
    attributed_to: Span | None = None  # mention of the source: "U.K. Defense Secretary Ben Wallace"
    # other statements of the same figure: ((380.0, "mi"),) for "600 kilometers (380 miles)"
    alternatives: tuple[tuple[Num, str], ...] = ()
    vague: bool = False  # "hundreds", "dozens"
    # count | money | percent | ratio | tally | duration | measure (a unit such as km)
    kind: str = "count"
    high: Num | None = None  # a vague quantity's range is [value, high): "hundreds" 200, 1000
    sides: tuple[Num, Num] | None = None  # a tally's two sides: "97-1" -> (97, 1)
    ratio: tuple[Num, Num] | None = None  # odds as written: "one-in-three" -> (1, 3)
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
class TimeMention(Record):
    """A time expression normalised against an anchor date (TIMEX3-style value)."""

    span: Span
    value: str  # "2022-12-19", "2022-11", "2023", "PRESENT_REF", "P3D", "2022-W51"…
    type: Literal["DATE", "TIME", "DURATION", "SET"] = "DATE"
    # whether it dates its sentence's own event, not one named in passing ("the invasion
    # in February", "who first went there in May")
    event: bool = True


@dataclass(frozen=True, slots=True)
class EntityMention(Record):
    """One mention of an entity in one article's parsed text."""

    span: Span
    label: str  # PERSON | ORG | GPE | LOC
    name: str  # the mention's name, cleaned ("Zelensky", "Wagner Group")
    description: str | None = None  # the title before a person's name
    alias: str | None = None  # the name as written with its title ("Mr Zelensky")
    role: str | None = None  # a role phrase that refers to a person ("the Ukrainian president")
    nationalities: tuple[str, ...] = ()  # NORP/GPE words of the title or role ("Russian")


@dataclass(frozen=True, slots=True)
class Extraction(Record):
    """Everything extracted from one article (stage 4, per article), without spaCy: what a
    store keeps and what a worker sends back. Offsets are into the article's parsed text
    (its paragraphs joined by blank lines); ``sentences`` are spaCy's sentences there."""

    article: str  # the article's id
    mentions: tuple[EntityMention, ...] = ()
    quotes: tuple[QuoteMention, ...] = ()
    numbers: tuple[NumberMention, ...] = ()
    times: tuple[TimeMention, ...] = ()
    sentences: tuple[tuple[int, int], ...] = ()  # (start, end) of each sentence


# --------------------------------------------------------------------------- a story's findings
# Offsets from here on are (paragraph, start, end): character offsets into the cleaned
# paragraph they name (0-based), as the brief cites them.


@dataclass(frozen=True, slots=True)
class Location(Record):
    """Where a stretch of text stands: a paragraph and the offsets in it."""

    paragraph: int
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Passage(Record):
    """A stretch of text with where it stands (a quote's part around its attribution)."""

    paragraph: int
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Entity(Record):
    """A real-world person, body or place across a story's articles, named by its fullest
    form ("Volodymyr Zelensky" for "Zelensky", "Mr Zelensky")."""

    id: str
    name: str
    type: str = doc("PERSON, ORG, GPE or LOC")
    aliases: tuple[str, ...] = ()
    description: str | None = doc("the title its articles give it first")
    descriptions: tuple[str, ...] = ()
    articles: tuple[str, ...] = ()
    mentions: int = 0


@dataclass(frozen=True, slots=True, kw_only=True)
class BorrowedSpeaker(Record):
    """The quote whose named speaker an unnamed near-verbatim copy borrows."""

    quote: str
    article: str
    paragraph: int


@dataclass(frozen=True, slots=True, kw_only=True)
class Quote(Record):
    """A quote of one article with its speaker as the brief names it."""

    id: str
    article: str
    paragraph: int
    start: int
    end: int
    end_paragraph: int = doc("the paragraph where the quote ends (it may run on)")
    text: str = doc("the quote's words, without an attribution inside it")
    parts: tuple[Passage, ...] = doc("the stretches that are the quote, around its attribution")
    kind: Literal["direct", "partial", "indirect"]
    speaker: str | None = doc("the canonical name of who spoke; null when the text does not say")
    speaker_entity: str | None = None
    cue: str | None = None
    speaker_mention: Location | None = None
    speaker_as_written: str | None = None
    speaker_conflict: tuple[str, ...] = optional(
        "outlets give this statement to different people: the candidates", default=(),
        omit="empty",
    )  # fmt: skip
    groups: tuple[str, ...] = optional("the quote groups it is in", default=(), omit="empty")
    speaker_borrowed_from: BorrowedSpeaker | None = optional(
        "the quote of another article that names the speaker this one leaves unnamed"
    )


@dataclass(frozen=True, slots=True)
class FigureAlternative(Record):
    """Another statement of the same figure ("600 kilometers (380 miles)")."""

    value: Num
    unit: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Measure(Record):
    """What a figure measures, normalised so that one measure reads alike across outlets."""

    noun: str | None = doc("the counted noun, normalised (deaths, troop)", default=None)
    unit: str | None = None
    subject: str | None = doc("whose vote, share or age", default=None)
    place: str | None = None
    time: str | None = doc("the date the measure is at (ISO)", default=None)
    time_text: str | None = None
    by: str | None = doc("who gives the figure", default=None)
    anchor: str | None = doc("what a sum went to or at", default=None)
    context: tuple[str, ...] = doc("lemmas of the figure's clause", default=())


@dataclass(frozen=True, slots=True, kw_only=True)
class Figure(Record):
    """A numeric claim of one article: its value as normalised, what it measures and who
    gives it (the brief's ``numbers``)."""

    id: str
    article: str
    paragraph: int
    start: int
    end: int
    value: Num
    unit: str | None = None
    qualifier: str | None = doc("about, more than, at least, nearly, up to…", default=None)
    vague: bool = doc("a vague quantity (hundreds): value is a range's low end", default=False)
    kind: str = doc("count, money, percent, ratio, tally, duration, age or measure",
                    default="count")  # fmt: skip
    high: Num | None = doc("a vague quantity's upper end", default=None)
    sides: tuple[Num, Num] | None = doc("a tally's two sides (97-1)", default=None)
    ratio: tuple[Num, Num] | None = doc("odds as written (one-in-three: 1, 3)", default=None)
    alternatives: tuple[FigureAlternative, ...] = ()
    text: str
    about: str | None = doc("what is counted, as written", default=None)
    attributed_to: str | None = doc("who gives it (canonical name); null: not stated",
                                    default=None)  # fmt: skip
    attributed_to_entity: str | None = None
    attributed_to_as_written: str | None = None
    sentence: str = ""
    measure: Measure = Measure()
    interval: tuple[Num, Num | None] | None = optional(
        "the values the figure as written stands for (null high: unbounded); none for a tally"
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class TimeExpression(Record):
    """A time expression normalised against its article's publication date."""

    article: str
    paragraph: int
    start: int
    end: int
    text: str
    value: str = doc('TIMEX3 value: "2022-12-19", "2022-11", "P3D", "PAST_REF"…')
    type: Literal["DATE", "TIME", "DURATION", "SET"] = "DATE"
    event: bool = doc("whether it dates its sentence's own event")
    sentence: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class Findings(Record):
    """What extraction found across a story's articles: entities merged, speakers and
    sources resolved to them, every item with its article and offsets."""

    entities: tuple[Entity, ...] = ()
    quotes: tuple[Quote, ...] = ()
    numbers: tuple[Figure, ...] = ()
    times: tuple[TimeExpression, ...] = ()


# --------------------------------------------------------------------------- stories

STORIES_SCHEMA: Final = "newsfuse.stories/1"


@dataclass(frozen=True, slots=True, kw_only=True)
class StoryArticle(Record):
    """One article of a listed story, with what joins it back to its input."""

    id: str
    title: str | None
    source: str | None
    url: str | None
    path: str
    published: str | None
    syndicated_of: str | None = doc("the article of the story this one copies", default=None)


@dataclass(frozen=True, slots=True, kw_only=True)
class StoryChange(Record):
    """A merge or split that touched a story: "absorbed" (``story`` was merged into this
    one), "split_from" (this story was split off ``story``) or "split_off" (``story`` was
    split off this one); ``article`` is the article whose arrival caused it."""

    kind: Literal["absorbed", "split_from", "split_off"]
    story: str
    article: str
    at: str

    def describe(self) -> str:
        verb = {"absorbed": "absorbed", "split_from": "split from", "split_off": "split off"}
        return f"{verb.get(self.kind, self.kind)} {self.story}"


@dataclass(frozen=True, slots=True, kw_only=True)
class Story(Record):
    """A story of the store (stage 5): its articles in arrival order, headline, date span
    and outlets, its family of related stories and its merges and splits."""

    id: str
    headline: str
    first_published: str | None
    last_published: str | None
    outlets: tuple[str, ...]
    syndicated: int = doc("articles that are copies of another article of the story")
    family: str | None = doc("the story that names its family of related stories")
    history: tuple[StoryChange, ...] = ()
    articles: tuple[StoryArticle, ...]

    @classmethod
    def of(
        cls,
        id: str,
        headline: str,
        articles: tuple[StoryArticle, ...],
        family: str | None = None,
        history: tuple[StoryChange, ...] = (),
    ) -> Story:
        """A story with its date span, outlets and copies read from its articles."""
        dates = sorted(a.published[:10] for a in articles if a.published)
        return cls(
            id=id,
            headline=headline,
            first_published=dates[0] if dates else None,
            last_published=dates[-1] if dates else None,
            outlets=tuple(sorted({a.source for a in articles if a.source})),
            syndicated=sum(1 for a in articles if a.syndicated_of),
            family=family,
            history=history,
            articles=articles,
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class StoryList(Record):
    """The ``newsfuse.stories/1`` document: stories with their articles; the REST API's
    pages add where the page stands."""

    schema: Literal["newsfuse.stories/1"] = STORIES_SCHEMA
    stories: tuple[Story, ...]
    page: int | None = optional("the page, from 1 (REST API)")
    per_page: int | None = optional("stories per page (REST API)")
    total: int | None = optional("stories in the store (REST API)")


# --------------------------------------------------------------------------- alignment


@dataclass(frozen=True, slots=True, kw_only=True)
class Cite(Record):
    """A sentence a line cites; ``score`` is the matcher's, for another article's sentence."""

    article: str
    paragraph: int
    start: int
    end: int
    score: Num | None = optional("the matcher's score accepting this sentence as the line's")


@dataclass(frozen=True, slots=True, kw_only=True)
class Difference(Record):
    """A sentence of another article that gives a different value for a line's figure."""

    article: str
    paragraph: int
    start: int
    end: int
    figures: tuple[str, ...] = doc("its figures, as written")
    against: tuple[str, ...] = doc("the line's own figures they differ from")


@dataclass(frozen=True, slots=True, kw_only=True)
class QuoteGroup(Record):
    """One statement carried by several articles (paraphrases and translations included)."""

    id: str
    speaker: str | None
    speaker_entity: str | None = None
    quotes: tuple[str, ...]
    articles: tuple[str, ...] = ()
    scores: dict[str, Num] = field(default_factory=dict)  # quote -> its link's score
    verbatim: dict[str, bool] = field(default_factory=dict)  # quote -> near-verbatim link


@dataclass(frozen=True, slots=True, kw_only=True)
class GroupMeasure(Record):
    """What a figure group measures (its first figure's measure, with the kind)."""

    noun: str | None = None
    unit: str | None = None
    subject: str | None = None
    place: str | None = None
    time: str | None = None
    time_text: str | None = None
    by: str | None = None
    anchor: str | None = None
    kind: str


@dataclass(frozen=True, slots=True, kw_only=True)
class GroupMember(Record):
    """A figure of a group with the interval its value stands for (null: unbounded)."""

    id: str
    article: str
    text: str | None
    low: Num | None
    high: Num | None
    sides: tuple[Num, Num] | None


@dataclass(frozen=True, slots=True, kw_only=True)
class FigureGroup(Record):
    """Figures of one measure from different articles; ``conflict`` when they disagree
    (the brief's ``number_groups``)."""

    id: str
    about: str
    numbers: tuple[str, ...]
    articles: tuple[str, ...]
    sources: tuple[str | None, ...]
    conflict: bool
    measure: GroupMeasure
    members: tuple[GroupMember, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class FactLine(Record):
    """A fact several sources state: its anchor sentence's text and every sentence cited."""

    text: str
    articles: tuple[str, ...]
    cites: tuple[Cite, ...]
    sources: int = doc("independent sources (a syndicated copy is not one)")
    differs: tuple[Difference, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class SummaryLine(Record):
    """A line of the summary, with the sentences it cites."""

    text: str
    articles: tuple[str, ...]
    cites: tuple[Cite, ...]
    differs: tuple[Difference, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class TimelineLine(Record):
    """A dated event: its date (ISO day or month) and the sentences that date it."""

    date: str
    text: str
    articles: tuple[str, ...]
    cites: tuple[Cite, ...]
    also: tuple[str, ...] = optional("other dates the sentence names", default=(), omit="empty")
    differs: tuple[Difference, ...] = optional(
        "sentences that give a different value for its figure", default=(), omit="empty"
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class UniqueLine(Record):
    """A sentence only one source reports."""

    article: str
    paragraph: int
    start: int
    end: int
    text: str


CellStatus = Literal["states", "gives", "differs", "related", "silent"]


@dataclass(frozen=True, slots=True, kw_only=True)
class ClaimCell(Record):
    """One article's cell of the claims × outlets view."""

    status: CellStatus
    values: tuple[str, ...] | None = optional("the values it gives (figure rows, differs)")
    cites: tuple[Cite, ...] | None = optional("where it says so")
    copy_of: str | None = optional("the article this syndicated copy repeats")


@dataclass(frozen=True, slots=True, kw_only=True)
class ClaimRow(Record):
    """A key claim or figure and what each article says of it (cells by article id)."""

    kind: Literal["fact", "figure"]
    text: str
    group: str | None = optional("the figure group (figure rows)")
    conflict: bool | None = optional("the figure group conflicts (figure rows)")
    cells: dict[str, ClaimCell]


@dataclass(frozen=True, slots=True, kw_only=True)
class Alignment(Record):
    """What the align stage finds across a story's articles (stage 6)."""

    quotes: tuple[Quote, ...] = doc("the quotes, with borrowed or withdrawn speakers", default=())
    quote_groups: tuple[QuoteGroup, ...] = ()
    number_groups: tuple[FigureGroup, ...] = ()
    facts: tuple[FactLine, ...] = ()
    unique: tuple[UniqueLine, ...] = ()
    summary: tuple[SummaryLine, ...] = ()
    timeline: tuple[TimelineLine, ...] = ()
    claims: tuple[ClaimRow, ...] = ()


# --------------------------------------------------------------------------- the brief

BRIEF_SCHEMA: Final = "newsfuse.brief/1"


@dataclass(frozen=True, slots=True, kw_only=True)
class BriefStory(Record):
    """The story a brief is of: its id, headline and date span."""

    id: str
    headline: str
    first_published: str | None
    last_published: str | None


@dataclass(frozen=True, slots=True, kw_only=True)
class BriefArticle(Record):
    """An article as its brief shows it: cleaned paragraphs, what was removed, and where
    its title, date and outlet came from; ``label`` is how the brief cites it (A1…)."""

    id: str
    label: str
    path: str
    url: str | None
    format: Format
    source: str | None
    source_from: Provenance
    title: str | None
    title_from: Provenance
    published: str | None
    published_from: Provenance
    paragraphs: tuple[str, ...]
    removed: tuple[Removal, ...]
    repairs: tuple[Repair, ...]

    @classmethod
    def of(cls, article: Article, label: str) -> BriefArticle:
        return cls(
            id=article.id, label=label, path=article.path, url=article.url,
            format=article.format, source=article.source, source_from=article.source_from,
            title=article.title, title_from=article.title_from, published=article.published,
            published_from=article.published_from, paragraphs=article.paragraphs,
            removed=article.removed, repairs=article.repairs,
        )  # fmt: skip


@dataclass(frozen=True, slots=True, kw_only=True)
class Brief(Record):
    """A story's brief, the ``newsfuse.brief/1`` document field for field (CLI.md):
    :meth:`to_dict` is its JSON, :meth:`render` its Markdown or HTML."""

    schema: Literal["newsfuse.brief/1"] = BRIEF_SCHEMA
    story: BriefStory
    articles: tuple[BriefArticle, ...] = doc("in brief order (by date), labelled A1, A2…")
    entities: tuple[Entity, ...] = ()
    quotes: tuple[Quote, ...] = ()
    quote_groups: tuple[QuoteGroup, ...] = ()
    numbers: tuple[Figure, ...] = ()
    number_groups: tuple[FigureGroup, ...] = ()
    times: tuple[TimeExpression, ...] = ()
    timeline: tuple[TimelineLine, ...] = ()
    summary: tuple[SummaryLine, ...] = ()
    facts: tuple[FactLine, ...] = doc("facts several sources state", default=())
    unique: tuple[UniqueLine, ...] = ()
    claims: tuple[ClaimRow, ...] = doc(
        "claims × outlets: each key claim's and figure's cells", default=()
    )

    @property
    def labels(self) -> dict[str, str]:
        """Article id -> its label ("A1")."""
        return {a.id: a.label for a in self.articles}

    def render(self, fmt: BriefFormat = "md") -> str:
        """The brief as Markdown ("md"), a standalone HTML page ("html") or JSON ("json")."""
        from newsfuse.briefing.render import render

        return render(self, fmt)
