"""Speaker mentions and their resolution to a named mention in the same text.

No coreference model works offline here, so resolution is a handful of rules over
spaCy's parse and entities, each preferring ``None`` to a guess:

* a name is its own resolution; an organisation or place ("the Kremlin") too;
* he/she -> the latest earlier PERSON mention of compatible gender (titles Mr/Mrs/Ms,
  common first names, and the pronouns already resolved to that person), outside
  quoted text, crossing paragraph breaks (a surname of a PERSON mention counts as a
  mention wherever it recurs, also where the recogniser missed it);
* it/they -> the latest organisation mention in the last few sentences;
* "Zelensky's office", "Ukraine's armed forces" -> the possessor's mention;
* role descriptions ("the Russian president", "the foreign minister") -> the latest
  person introduced with that title and nationality; a definite human description with
  no such person ("the former KGB operative") -> the speaker of the previous quote.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from newsfuse.extract.doctext import doc_text, entity_of
from newsfuse.model import Span

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

Gender = Literal["m", "f"]

# Entity labels that name a body that can speak (organisations, governments, places).
BODY_LABELS = frozenset({"ORG", "GPE", "NORP", "FAC"})
# Pronouns and the gender they require.
PERSON_PRONOUNS: dict[str, Gender | None] = {"he": "m", "him": "m", "she": "f", "her": "f"}
# Dashes that close a parenthetical before a speaker ("… made public ― Trump boasted").
CLAUSE_DASHES = frozenset({"―", "—", "–", "--"})
QUOTE_CLOSERS = frozenset({"”", "’", '"', "'", "''"})
# Relative pronouns that introduce a speaker's clause ("…, who said").
RELATIVE_PRONOUNS = frozenset({"who", "which", "that"})
# Pronouns that stand for a body.
BODY_PRONOUNS = frozenset({"it", "they", "them"})
# Sentences back that "it"/"they" may reach for an organisation: further back is a guess.
BODY_PRONOUN_WINDOW = 3
# Paragraphs back that "he"/"she" may reach for a person (news rarely goes further).
PERSON_PRONOUN_PARAGRAPHS = 6
# Paragraphs back that a role description may fall back to the previous quote's speaker.
ROLE_FALLBACK_PARAGRAPHS = 3
# Titles that give a person's gender.
TITLE_GENDER: dict[str, Gender] = {
    "mr": "m", "mr.": "m", "sir": "m", "lord": "m", "king": "m",
    "mrs": "f", "mrs.": "f", "ms": "f", "ms.": "f", "miss": "f", "madam": "f", "lady": "f",
    "queen": "f", "dame": "f",
}  # fmt: skip
# Common first names by gender (a small hand-made list; unknown names stay unknown).
MALE_NAMES = frozenset(
    """
    adam alan alex alexander alexei andrew anthony ben benjamin bernie bill bob boris brian
    carl charles chris christopher chuck dan daniel david denys dmitry dmytro don donald
    douglas ed edward emmanuel eric frank gary george greg harry henry ian igor ivan jack
    james jason jeb jeff jeffrey jim joe john jon jonathan joseph josh kevin larry lindsey
    marco mark martin matt matthew michael mike mitch newt nick oleksiy pat patrick paul
    pavlo peter ralph reince richard rick rob robert roger ron rudy rudolph ryan sam scott
    sean sergei sergey stephen steve steven ted thomas tim timothy tom tony vladimir
    volodymyr walter william yevgeny barack corey
    """.split()
)
FEMALE_NAMES = frozenset(
    """
    amy angela ann anna anne barbara betsy carly catherine chelsea christine claire dana
    debbie diana donna elizabeth ellen emily emma hannah helen hillary huma ivanka jane
    janet jennifer jill jo joanne julia julie karen kate katherine kathleen kellyanne kelly
    laura linda lisa liz maria marie mary megyn melania michelle nancy natalia nicola
    nikki olena olga patricia rachel ruth sarah sara susan theresa ursula valentina
    victoria ganna hanna iryna kamala nina tulsi ruth sheryl loretta
    """.split()
)
# Nouns for people by their role: a definite one ("the minister") may stand for a person.
ROLE_NOUNS = frozenset(
    """
    president leader minister secretary chancellor premier senator congressman
    congresswoman representative governor mayor candidate nominee chairman chairwoman chair
    spokesman spokeswoman spokesperson operative officer general commander official
    ambassador envoy diplomat director chief ceo founder head prosecutor judge adviser
    advisor aide strategist manager businessman billionaire veteran mogul star
    """.split()
)
# Role nouns that mean one another when matching a title ("the Russian president" ->
# "Russian leader Vladimir Putin").
ROLE_SYNONYMS: dict[str, str] = {
    "leader": "president", "premier": "president", "head": "president",
    "advisor": "adviser", "chairwoman": "chairman", "chair": "chairman",
    "spokeswoman": "spokesman", "spokesperson": "spokesman",
    "congresswoman": "congressman", "representative": "congressman",
}  # fmt: skip
# Nouns for a body that speaks for its owner: "Zelensky's office", "Ukraine's armed forces".
BODY_NOUNS = frozenset(
    """
    office campaign team government administration ministry force forces army military
    spokesman spokeswoman spokesperson spokespeople aides aide staff lawyers lawyer
    attorney attorneys press service services party presidency
    """.split()
)
# Written things that say what their author says: "a statement that read", "a video that said".
DOCUMENT_NOUNS = frozenset(
    """
    statement letter report release memo email note message tweet post video ad
    advertisement caption sign resolution headline banner flyer mailer
    """.split()
)
# Demonyms and the places they come from, for matching titles ("Russian" ~ "Russia's").
DEMONYMS: dict[str, str] = {
    "russian": "russia", "ukrainian": "ukraine", "american": "us", "british": "uk",
    "french": "france", "german": "germany", "chinese": "china", "belarusian": "belarus",
    "polish": "poland", "u.s.": "us", "u.k.": "uk", "america": "us", "britain": "uk",
    "united states": "us", "united kingdom": "uk", "mexican": "mexico", "israeli": "israel",
    "iranian": "iran", "syrian": "syria", "turkish": "turkey", "european": "europe",
}  # fmt: skip
# Words of a role description that say nothing about which person it is.
ROLE_FILLER = frozenset({"the", "former", "then", "current", "new", "top", "senior", "'s", "’s"})


@dataclass
class Person:
    """A PERSON mention and what is known of its gender."""

    ent: SpacySpan
    key: str  # surname, lowercased: mentions sharing it are one person
    title: frozenset[str]  # role and nationality words written around the name


@dataclass
class SpeakerIndex:
    """The mentions of one document that speakers can resolve to."""

    doc: Doc
    persons: list[Person]
    bodies: list[SpacySpan]
    quoted: list[tuple[int, int]]  # character ranges inside quote marks
    text: str  # doc.text, which spaCy rebuilds on every access
    gender: dict[str, Gender] = field(default_factory=dict)  # surname -> gender
    titles: dict[str, set[str]] = field(default_factory=dict)  # surname -> title words
    # sorted offsets for bisection, so that each lookup costs log n, not n
    quote_starts: list[int] = field(default_factory=list)
    person_ends: list[int] = field(default_factory=list)
    body_ends: list[int] = field(default_factory=list)
    sent_starts: list[int] = field(default_factory=list)  # token index of each sentence

    def __post_init__(self) -> None:
        self.quote_starts = [s for s, _ in self.quoted]
        self.persons.sort(key=lambda p: p.ent.end_char)
        self.person_ends = [p.ent.end_char for p in self.persons]
        self.bodies.sort(key=lambda b: b.end_char)
        self.body_ends = [b.end_char for b in self.bodies]
        self.sent_starts = [s.start for s in self.doc.sents]

    @classmethod
    def build(cls, doc: Doc, quoted: Iterable[tuple[int, int]]) -> SpeakerIndex:
        """Index the PERSON and body mentions of ``doc`` with genders and titles."""
        persons: list[Person] = []
        bodies: list[SpacySpan] = []
        gender: dict[str, Gender] = {}
        titles: dict[str, set[str]] = {}
        for ent in doc.ents:
            if ent.label_ == "PERSON":
                words = [t for t in ent if t.is_alpha or "." in t.text]
                if not words:
                    continue
                key = words[-1].lower_
                title = _title_words(ent)
                titles.setdefault(key, set()).update(title)
                g = _gender_of(ent)
                if g and key not in gender:
                    gender[key] = g
                persons.append(Person(ent, key, frozenset(title)))
            elif ent.label_ in BODY_LABELS:
                bodies.append(ent)
        # a known surname the recogniser missed elsewhere ("DuVernay said") is a mention
        keys = {p.key for p in persons}
        covered = {i for p in persons for i in range(p.ent.start, p.ent.end)}
        for t in doc:
            if t.pos_ == "PROPN" and t.lower_ in keys and t.i not in covered and t.is_title:
                persons.append(Person(doc[t.i : t.i + 1], t.lower_, frozenset()))
        return cls(doc, persons, bodies, sorted(quoted), doc_text(doc), gender, titles)

    def in_quote(self, start: int, end: int) -> bool:
        """Whether a character range lies inside quote marks."""
        k = bisect.bisect_right(self.quote_starts, start) - 1
        return k >= 0 and end <= self.quoted[k][1]

    # ------------------------------------------------------------------ resolution

    def resolve(self, head: Token, previous: Span | None) -> tuple[Span, Span | None]:
        """(the speaker mention as written, the named mention it refers to or None).

        ``previous`` is the resolved speaker of the quote before this one, the fallback
        for a definite role description that no title in the text matches.
        """
        written = mention_span(head)
        clause = head.head
        if clause.dep_ == "conj" and clause.head.dep_ == "relcl":
            clause = clause.head  # "Kingson, who is running … and who worked the crowd"
        relative = clause.dep_ == "relcl" or (clause.dep_ == "acl" and head.dep_ == "nsubj")
        if head.lower_ in RELATIVE_PRONOUNS and relative:
            # "McConnell, now the majority leader, who said …": "who" as written, resolved
            # through the noun the clause hangs from
            noun = clause.head
            author = _author(noun)
            if author is not None:
                # "Trump released a marketing video that said …": the video's author
                return self.resolve(author, previous)
            resolved = self.resolve(noun, previous)[1]
            if resolved is None:
                # "an academic named Eric Kingsley, who …": the name inside the noun phrase
                names = [
                    e for e in self.doc[noun.left_edge.i : head.i].ents if e.label_ == "PERSON"
                ]
                resolved = _span(names[-1]) if names else None
            return written, resolved
        ent = entity_of(head)
        if ent is not None and ent.label_ == "PERSON":
            return written, _span(ent)
        if ent is not None and ent.label_ in BODY_LABELS:
            return written, _span(ent)
        lower = head.lower_
        if lower in PERSON_PRONOUNS:
            gender = PERSON_PRONOUNS[lower]
            matrix = self.matrix_subject(head, gender)
            if matrix is not None:
                return written, _span(matrix)
            person = self.person_before(head.idx, gender, clause=head.head)
            return written, _span(person.ent) if person else None
        if lower in BODY_PRONOUNS:
            body = self.body_before(head, previous)
            return written, _span(body) if body is not None else None
        owner = _possessor(head)
        if owner is not None and (head.lemma_.lower() in BODY_NOUNS or head.lower_ in BODY_NOUNS):
            return written, _span(owner)
        if ent is None:
            for child in head.children:
                # "Trump campaign spokesman Jason Miller" parsed with the name as compound
                cent = entity_of(child)
                if (
                    child.dep_ in ("compound", "appos")
                    and cent is not None
                    and (
                        cent.label_ == "PERSON"
                        or (child.dep_ == "appos" and cent.label_ in BODY_LABELS)
                    )
                ):
                    return written, _span(cent)
        if ent is None and head.pos_ == "PROPN" and head.is_title and lower not in ROLE_NOUNS:
            return written, written  # a name the recogniser missed ("― Christina Lastra")
        if head.lemma_.lower() in ROLE_NOUNS and head.tag_ in ("NN", "NNP"):
            return written, self.role_holder(head, previous)
        return written, None

    def matrix_subject(self, head: Token, gender: Gender | None) -> SpacySpan | None:
        """The person subject of the clause that a pronoun's clause hangs from: "Ryan
        hammered Obama for what he called …" -> Ryan (not the nearer Obama)."""
        verb = head.head
        if verb.dep_ not in ("relcl", "pcomp", "advcl", "ccomp") or head.dep_ != "nsubj":
            return None
        for outer in verb.ancestors:
            if outer.pos_ not in ("VERB", "AUX"):
                continue
            for child in outer.children:
                ent = entity_of(child) if child.dep_ == "nsubj" else None
                if ent is None or ent.label_ != "PERSON" or ent.end_char > head.idx:
                    continue
                words = [t for t in ent if t.is_alpha]
                known = self.gender.get(words[-1].lower_) if words else None
                if gender is None or known is None or known == gender:
                    return ent
            return None  # only the nearest clause above
        return None

    def person_before(
        self, pos: int, gender: Gender | None, clause: Token | None = None
    ) -> Person | None:
        """The latest PERSON mention before ``pos`` (outside quotes) of compatible gender,
        never one inside the pronoun's own ``clause`` ("Of Obama, he said" is not Obama)."""
        para_floor = _paragraph_floor(self.text, pos, PERSON_PRONOUN_PARAGRAPHS)
        inside = {t.i for t in clause.subtree} if clause is not None else set()
        if clause is not None:
            # "Of Obama, he said": an object earlier in the pronoun's sentence
            sent = clause.sent
            inside |= {t.i for t in sent if t.idx < pos and t.dep_ in ("pobj", "dobj")}
        for k in range(bisect.bisect_right(self.person_ends, pos) - 1, -1, -1):
            person = self.persons[k]
            if person.ent.start_char < para_floor:
                break
            if self.in_quote(person.ent.start_char, person.ent.end_char):
                continue
            if person.ent.root.i in inside:
                continue
            known = self.gender.get(person.key)
            if gender is None or known is None or known == gender:
                if gender is not None and known is None:
                    self.gender[person.key] = gender  # the pronoun tells us
                return person
        return None

    def body_before(self, head: Token, previous: Span | None = None) -> SpacySpan | None:
        """The body an "it"/"they" stands for, in the last few sentences before ``head``:
        the previous quote's speaker when that is a body, else the latest body that is a
        subject ("the Ministry of Defense tweeted, … it said"), else the latest body."""
        idx = max(0, bisect.bisect_right(self.sent_starts, head.i) - 1)
        floor = self.doc[self.sent_starts[max(0, idx - BODY_PRONOUN_WINDOW)]].idx
        near = []
        for k in range(bisect.bisect_right(self.body_ends, head.idx) - 1, -1, -1):
            body = self.bodies[k]
            if body.start_char < floor:
                break
            if not self.in_quote(body.start_char, body.end_char):
                near.append(body)
        near.reverse()
        if previous is not None:
            for body in near:
                if body.start_char <= previous.start and previous.end <= body.end_char:
                    return body
        subjects = [b for b in near if b.root.dep_ in ("nsubj", "nsubjpass")]
        if subjects:
            return subjects[-1]
        return near[-1] if near else None

    def role_holder(self, head: Token, previous: Span | None) -> Span | None:
        """The person a role description ("the Russian president") stands for, or None."""
        words = {t.lower_ for t in head.subtree if t.i <= head.i and t.is_alpha}
        words |= {t.lower_ for t in head.lefts}
        if not any(t.lower_ == "the" for t in head.lefts):
            return None  # "a spokesman", "an official": someone, but not said who
        role = ROLE_SYNONYMS.get(head.lemma_.lower(), head.lemma_.lower())
        places = {DEMONYMS.get(w, w) for w in words if w in DEMONYMS}
        for person in reversed(self.persons):
            if person.ent.end_char > head.idx:
                continue
            title = {ROLE_SYNONYMS.get(w, w) for w in self.titles.get(person.key, set())}
            title_places = {DEMONYMS.get(w, w) for w in title}
            if role in title and places <= title_places:
                return _span(person.ent)
        if previous is None or places:
            return None
        floor = _paragraph_floor(self.text, head.idx, ROLE_FALLBACK_PARAGRAPHS)
        return previous if previous.start >= floor else None


def mention_span(head: Token) -> Span:
    """The noun phrase of a speaker head as written: its left modifiers and the head.

    A name that the entity recogniser marks as longer is taken whole; appositions and
    relative clauses after the head are left out.
    """
    doc = head.doc
    start = head.i
    for t in head.lefts:
        if t.dep_ not in ("punct", "cc", "advmod", "preconj") and t.i < start:
            start = min(start, t.left_edge.i)
    end = head.i + 1
    for t in head.rights:
        if t.dep_ in ("compound", "flat", "nummod") and t.i == end:
            end = t.i + 1
    ent = entity_of(head)
    if ent is not None:
        start, end = min(start, ent.start), max(end, ent.end)
    for t in doc[start:end]:
        if ("\n" in t.text_with_ws or t.text in CLAUSE_DASHES) and t.i < head.i:
            start = t.i + 1  # a time stamp on the line before, a clause before a dash
        elif t.text in QUOTE_CLOSERS and t.i < head.i and t.i > 0 and doc[t.i - 1].is_punct:
            start = t.i + 1  # the end of a quote the parser hung from the speaker
    while start < end - 1 and (doc[start].is_punct or doc[start].lower_ in ("said", "says")):
        start += 1
    first, last = doc[start], doc[end - 1]
    return Span(first.idx, last.idx + len(last), doc[start:end].text)


def _span(ent: SpacySpan) -> Span:
    """A named mention as a record, without a possessive ending ("Prigozhin’s")."""
    text = ent.text
    if len(text) > 2 and text.endswith(("’s", "'s")):
        text = text[:-2]
    return Span(ent.start_char, ent.start_char + len(text), text)


def _author(noun: Token) -> Token | None:
    """Who issued a written thing: "Trump released a video", "Sanders, releasing a
    statement", "The council voted for the resolution" -> the verb's subject (or None)."""
    if noun.lemma_.lower() not in DOCUMENT_NOUNS or noun.dep_ not in ("dobj", "pobj"):
        return None
    verb = noun.head.head if noun.dep_ == "pobj" else noun.head
    for _ in range(2):
        if verb.pos_ not in ("VERB", "AUX"):
            return None
        subjects = [c for c in verb.children if c.dep_ == "nsubj"]
        if subjects:
            return subjects[0]
        if verb.dep_ not in ("advcl", "conj", "xcomp") or verb.head == verb:
            return None
        verb = verb.head  # "Mr. Sanders showed no sign …, releasing a statement that"
    return None


def _possessor(head: Token) -> SpacySpan | None:
    """The named owner of a noun: "Zelensky" in "Zelensky's office" (or None)."""
    for child in head.children:
        if child.dep_ in ("poss", "compound", "amod", "nmod"):
            ent = entity_of(child)
            if ent is not None and (ent.label_ == "PERSON" or ent.label_ in BODY_LABELS):
                return ent
    return None


def _title_words(ent: SpacySpan) -> set[str]:
    """Role and nationality words written with a name: before it, in it, or in apposition."""
    doc = ent.doc
    words = {t.lower_ for t in ent if t.is_alpha}
    # "Russian leader Vladimir Putin", "Ukraine's Foreign Minister Dmytro Kuleba"
    i = ent.start - 1
    while (
        i >= 0
        and doc[i].sent.start <= i
        and (doc[i].tag_ in ("NN", "NNP", "JJ", "POS", "NNPS") or doc[i].ent_type_ in BODY_LABELS)
    ):
        words.add(doc[i].lower_)
        i -= 1
    # "Igor Girkin, a former officer in the FSB" / "Putin, the Russian president,"
    root = ent.root
    for child in root.children:
        if child.dep_ == "appos":
            words.update(t.lower_ for t in child.subtree if t.is_alpha or t.text in ("U.S.",))
    if root.dep_ == "appos":
        words.update(t.lower_ for t in root.head.subtree if t.i < ent.start and t.is_alpha)
    return {DEMONYMS.get(w, w) if w in ("u.s.", "u.k.") else w for w in words} - ROLE_FILLER


def _gender_of(ent: SpacySpan) -> Gender | None:
    doc = ent.doc
    before = doc[ent.start - 1].lower_ if ent.start > 0 else ""
    first = ent[0].lower_
    for word in (first, before):
        if word in TITLE_GENDER:
            return TITLE_GENDER[word]
    words = [t.lower_ for t in ent if t.is_alpha]
    if words and len(words) >= 2:
        if words[0] in MALE_NAMES:
            return "m"
        if words[0] in FEMALE_NAMES:
            return "f"
    return None


def _paragraph_floor(text: str, pos: int, paragraphs: int) -> int:
    """Offset where the paragraph ``paragraphs`` before the one holding ``pos`` begins."""
    floor = pos
    for _ in range(paragraphs + 1):
        found = text.rfind("\n\n", 0, floor)
        if found < 0:
            return 0
        floor = found
    return floor + 2
