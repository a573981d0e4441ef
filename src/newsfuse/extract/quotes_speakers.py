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
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from newsfuse.extract.doctext import doc_ents, doc_text, entity_of
from newsfuse.extract.names import (
    TITLE_ABBREVIATIONS,
    Gender,
    expand_title,
    gender_of_given,
    gender_of_title,
    is_given_name,
    pick_by_context,
    split_name,
)
from newsfuse.model import Span
from newsfuse.text.lexicon import BODY_PRONOUNS as BODY_PRONOUNS
from newsfuse.text.lexicon import PERSON_PRONOUN_GENDER as PERSON_PRONOUNS
from newsfuse.text.lexicon import PERSON_SUBJECT_PRONOUNS as SUBJECT_PRONOUNS
from newsfuse.text.lexicon import RELATIVE_PRONOUNS as RELATIVE_PRONOUNS
from newsfuse.text.lexicon import SPEAKER_ROLE_NOUNS as ROLE_NOUNS
from newsfuse.text.words import DEMONYMS as DEMONYMS

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

    from newsfuse.extract.entities import EntityMention


# Entity labels that name a body that can speak (organisations, governments, places).
BODY_LABELS = frozenset({"ORG", "GPE", "NORP", "FAC"})
# Dashes that close a parenthetical before a speaker ("… made public ― Trump boasted").
CLAUSE_DASHES = frozenset({"―", "—", "–", "--"})
QUOTE_CLOSERS = frozenset({"”", "’", '"', "'", "''"})
# The identity of a person mention that stays unsure (a bare surname several share).
UNSURE = "?"
# Dependency labels of a clause's subject.
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
# Titles that make a name a person's ("Mr. Trump").
COURTESY_TITLES = frozenset({"mr", "mrs", "ms", "dr", "sir", "dame", "lady", "lord"})
# Entity labels each body pronoun may stand for: "it" for an organisation or a country,
# "they" also for a party or group named by a plural ("Republicans"), never a person.
BODY_PRONOUN_LABELS: dict[str, frozenset[str]] = {
    "it": frozenset({"ORG", "GPE"}),
    "they": frozenset({"ORG", "NORP"}),
    "them": frozenset({"ORG", "NORP"}),
}
# Sentences back that "it"/"they" may reach for an organisation: further back is a guess.
BODY_PRONOUN_WINDOW = 3
# Paragraphs back that "he"/"she" may reach for a person (news rarely goes further).
PERSON_PRONOUN_PARAGRAPHS = 6
# Paragraphs back that a role description may fall back to the previous quote's speaker.
ROLE_FALLBACK_PARAGRAPHS = 3
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
# Common nouns for people: a subject headed by one can speak ("a senior official said").
# General English, checked against the heads of PolNeAR train's gold Sources (read for
# kinds, not tuned on); "people" is left out on purpose: it never says who.
PEOPLE_NOUNS = frozenset(
    """
    official candidate voter supporter leader senator aide expert adviser advisor source
    president member spokesman spokeswoman spokesperson spokespeople governor judge
    strategist ally critic lawmaker nominee politician friend analyst executive reporter
    economist manager employee secretary activist advocate insider opponent conservative
    liberal progressive moderate person delegate rival lawyer attorney counsel organizer
    organiser prosecutor businessman businesswoman wife husband investor director donor
    host protester protestor demonstrator moderator observer chief general father mother
    son daughter brother sister mayor pollster operative researcher mogul attendee worker
    backer diplomat surgeon neurosurgeon doctor physician nurse actor actress
    superdelegate commentator journalist columnist editor writer author narrator staffer
    fan speaker justice scientist hopeful lobbyist student teacher professor scholar
    historian partner pastor priest bishop minister veteran representative congressman
    congresswoman legislator proponent resident tycoon star associate colleague developer
    prince princess king queen pundit investigator owner environmentalist evangelical
    admiral confidant founder cofounder speechwriter caller viewer reader listener soldier
    citizen objector chairman chairwoman chair independent republican democrat parent
    specialist commissioner consultant victim survivor neighbor neighbour relative aunt
    uncle grandmother grandfather nephew niece cousin boyfriend girlfriend widow coach
    player athlete officer deputy sheriff detective inspector trooper agent clerk
    treasurer comptroller auditor assemblyman assemblywoman councilman councilwoman
    councilmember alderman ambassador envoy chancellor premier ceo dean principal rabbi
    imam cleric entrepreneur billionaire millionaire banker trader commander colonel
    sergeant captain lieutenant pilot man woman boy girl child teen teenager patient
    customer client consumer tenant landlord employer immigrant refugee migrant dissident
    rebel militant fighter gunman suspect defendant plaintiff petitioner accuser juror
    campaigner volunteer assistant intern negotiator regulator firefighter policeman cop
    guard witness participant fundraiser interviewer head contender frontrunner announcer
    voice anchor correspondent blogger user figure successor predecessor boss mate
    counterpart surrogate environmentalists
    """.split()
)
# Common nouns for bodies of people that speak as one ("the campaign said"); "group" is
# left out on purpose (it never says which).
BODY_COMMON_NOUNS = frozenset(
    """
    campaign administration team party police organization organisation government
    office agency court union board authority network department panel committee
    commission council company firm bank foundation institute coalition bureau
    legislature ministry military army navy embassy newspaper outlet magazine staff camp
    leadership family household congress senate parliament assembly cabinet regime
    state city county district school university college hospital church league
    association federation alliance country nation journal paper publication tabloid
    """.split()
)
SPEAKER_NOUNS = PEOPLE_NOUNS | BODY_COMMON_NOUNS | BODY_NOUNS
# Written things that report for someone: a speaker only through their author ("Trump's
# statement said" -> Trump); on their own the quote's speaker stays null.
REPORT_NOUNS = frozenset(
    """
    poll survey study report analysis data datum research finding findings estimate
    projection review filing document transcript record article story editorial column
    book memoir website site page account release piece clip brief ruling opinion
    decision order complaint lawsuit suit petition affidavit tweet headline caption
    """.split()
)
# Speaker words that name no one: quantifiers and demonstratives ("some said", "that
# says").
NO_ONE = frozenset(
    "some many several others other few both all none each one most this that these those "
    "anyone anybody someone somebody everyone everybody nobody".split()
)
# Words that make a named group a vague part of it ("Some Democrats", "many Americans").
QUANTIFIERS = frozenset("some many most several few other all both half percent".split())
# Nouns for people that never say who ("people said", "the group said", "a majority
# said"): the quote stays, with no speaker.
VAGUE_NOUNS = frozenset(
    "people group public majority minority crowd audience folk everyone others".split()
)
# Entity labels that never speak ("Some 55 percent", "Article 33"). The small model's
# WORK_OF_ART, PRODUCT and EVENT labels also fall on names next to quote marks ("“…,”
# Zero Hedge said"), so those are left to the part of speech.
NON_SPEAKER_LABELS = frozenset(
    {"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL", "LAW"}
)
# Words of a role description that say nothing about which person it is.
ROLE_FILLER = frozenset({"the", "former", "then", "current", "new", "top", "senior", "'s", "’s"})


@dataclass
class Person:
    """A PERSON mention: who it is in this text, and the words written around it."""

    ent: SpacySpan
    key: str | None  # the person's identity; None: a bare surname several people share
    title: frozenset[str]  # role and nationality words written around the name
    # for a bare surname several people share: those the text named in full before it,
    # in order, with their known gender (the pronoun's gender then picks among them)
    before: tuple[tuple[str, Gender | None], ...] = ()
    title_gender: Gender | None = None  # "Ms. Cheney"

    def identity(self, gender: Gender | None) -> str | None:
        """Who this mention is, for a pronoun of ``gender``."""
        if self.key is not None:
            return self.key
        return pick_by_context(self.before, self.title_gender or gender)


@dataclass
class SpeakerIndex:
    """The mentions of one document that speakers can resolve to."""

    doc: Doc
    persons: list[Person]
    bodies: list[SpacySpan]
    quoted: list[tuple[int, int]]  # character ranges inside quote marks
    text: str  # doc.text, which spaCy rebuilds on every access
    gender: dict[str, Gender] = field(default_factory=dict)  # person key -> gender
    titles: dict[str, set[str]] = field(default_factory=dict)  # person key -> title words
    confirmed: set[str] = field(default_factory=set)  # keys known to name a person
    # sorted offsets for bisection, so that each lookup costs log n, not n
    quote_starts: list[int] = field(default_factory=list)
    person_ends: list[int] = field(default_factory=list)
    body_ends: list[int] = field(default_factory=list)
    sent_starts: list[int] = field(default_factory=list)  # token index of each sentence
    _pronouns: dict[int, Span | None] = field(default_factory=dict)  # resolved he/she

    def __post_init__(self) -> None:
        self.quote_starts = [s for s, _ in self.quoted]
        self.persons.sort(key=lambda p: p.ent.end_char)
        self.person_ends = [p.ent.end_char for p in self.persons]
        self.bodies.sort(key=lambda b: b.end_char)
        self.body_ends = [b.end_char for b in self.bodies]
        self.sent_starts = [s.start for s in self.doc.sents]

    @classmethod
    def build(cls, doc: Doc, quoted: Iterable[tuple[int, int]]) -> SpeakerIndex:
        """Index the PERSON and body mentions of ``doc`` with identities, genders and titles.

        A person's identity is the one :mod:`newsfuse.extract.entities` gives across a
        story, here within one text: full names with compatible first names are one
        person, a bare surname is its only holder or, among several, the one context names.
        """
        from newsfuse.extract.entities import find_mentions, person_keys

        mentions = [m for m in find_mentions(doc) if m.label == "PERSON"]
        people = person_keys([("d", m) for m in mentions])
        by_start = {m.span.start: m for m in mentions}
        persons: list[Person] = []
        bodies: list[SpacySpan] = []
        gender: dict[str, Gender] = {k: g for k, g in people.genders.items() if g}
        titles: dict[str, set[str]] = {}
        confirmed: set[str] = set()
        for ent in doc_ents(doc):
            if ent.label_ in BODY_LABELS:
                bodies.append(ent)
            if ent.label_ != "PERSON":
                continue
            m = next(
                (by_start[t.idx] for t in ent if t.idx in by_start), None
            )  # the mention starts at the entity or past a leading gerund
            if m is None:
                continue  # relabelled a place or a body ("Bakhmut", "Wagner Group")
            where = ("d", m.span.start, m.span.end)
            words = [t for t in ent if t.is_alpha or "." in t.text]
            if not words:
                continue
            key = people.keys.get(where)
            if key is None and where not in people.ambiguous:
                key = _surname_key(words[-1].lower_)
            title = _title_words(ent)
            parts = split_name(m.alias or m.name)
            title_gender = gender_of_title(parts.title) if parts else None
            if key is not None:
                titles.setdefault(key, set()).update(title)
                g = _gender_of(ent)
                if g and key not in gender:
                    gender[key] = g
                if _names_a_person(ent, m):
                    confirmed.add(key)
                if ent.root.dep_ in SUBJECT_DEPS:
                    confirmed.add(key)  # the subject of a verb: "Trump said", "Mathur, …, said"
            if key is not None and key not in gender and " " not in key:
                g = gender_of_given(key)  # "Melanie" alone: a first name
                if g is not None:
                    gender[key] = g
            before = tuple(people.before.get(where, ()))
            persons.append(Person(ent, key, frozenset(title), before, title_gender))
        # a known surname the recogniser missed elsewhere ("DuVernay said") is a mention
        surnames: dict[str, set[str | None]] = defaultdict(set)
        for p in persons:
            last = [t for t in p.ent if t.is_alpha or (t.is_title and not t.is_punct)]
            if last:
                surnames[_surname_key(last[-1].lower_)].add(p.key)
        covered = {i for p in persons for i in range(p.ent.start, p.ent.end)}
        for t in doc:
            surname = _surname_key(t.lower_)
            if t.pos_ == "PROPN" and surname in surnames and t.i not in covered and t.is_title:
                owners = surnames[surname]
                key = next(iter(owners)) if len(owners) == 1 else None
                persons.append(Person(doc[t.i : t.i + 1], key, frozenset()))
        index = cls(doc, persons, bodies, sorted(quoted), doc_text(doc), gender, titles)
        index.confirmed = confirmed
        return index

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
        ent = _speaker_entity(head)
        if ent is not None and ent.label_ == "PERSON":
            return written, _span(ent)
        if ent is not None and ent.label_ in BODY_LABELS:
            return written, _span(ent)
        lower = head.lower_
        if lower in PERSON_PRONOUNS:
            return written, self.pronoun_person(head)
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

    def pronoun_person(self, head: Token) -> Span | None:
        """The named mention a "he"/"she" stands for, or None when that is unsure.

        First the person subject of the clause the pronoun's clause hangs from ("Ryan
        hammered Obama for what he called …" -> Ryan). Otherwise the sentences before
        the pronoun are read back to the first that mentions a person of a compatible
        gender (a name known to be a person's, or a "he"/"she" already resolved):
        one person there is the answer; among several, the one that is a subject; none
        or several subjects -> None. Across a paragraph break several people leave only
        the main clause's subject; further back than a few paragraphs -> None.
        """
        if head.i in self._pronouns:
            return self._pronouns[head.i]
        gender = PERSON_PRONOUNS[head.lower_]
        self._pronouns[head.i] = None  # a chain never loops back to itself
        found = self._matrix_subject(head, gender)
        if found is None:
            found = self._pronoun_antecedent(head, gender)
        self._pronouns[head.i] = found
        return found

    def _matrix_subject(self, head: Token, gender: Gender | None) -> Span | None:
        verb = head.head
        if verb.dep_ not in ("relcl", "pcomp", "advcl", "ccomp") or head.dep_ != "nsubj":
            return None
        for outer in verb.ancestors:
            if outer.pos_ not in ("VERB", "AUX"):
                continue
            for child in outer.children:
                if child.dep_ != "nsubj" or child.idx > head.idx:
                    continue
                person = self._person_at(child)
                if person is not None:
                    key = person.identity(gender)
                    if key is not None and self._compatible(key, gender):
                        return self._named(person, key, head.idx)
                if child.lower_ == head.lower_ and child.i != head.i:
                    return self.pronoun_person(child)  # "he said he would …"
            return None  # only the nearest clause above
        return None

    def _pronoun_antecedent(self, head: Token, gender: Gender | None) -> Span | None:
        pos = head.idx
        floor = _paragraph_floor(self.text, pos, PERSON_PRONOUN_PARAGRAPHS)
        own = self.doc[head.i].sent
        # "Of Obama, he said": what hangs from the pronoun's own verb before it is not him
        # (but "prompted Vieira to ask Trump if he had …" may be Trump)
        objects = (
            {t.i for t in head.head.subtree if t.idx < pos and t.dep_ not in SUBJECT_DEPS}
            if head.head != head
            else set()
        )
        k = bisect.bisect_right(self.sent_starts, head.i) - 1
        while k >= 0:
            sent_start = self.sent_starts[k]
            first = self.doc[sent_start]
            if first.idx < floor:
                return None
            end = pos if sent_start == own.start else self.doc[first.sent.end - 1].idx + 1
            found = self._sentence_people(first.sent, end, gender, objects)
            k -= 1
            if found is None:
                return None
            if not found:
                continue
            keys = {key for key, _, _ in found}
            main = {key for key, _, role in found if role == "main"}
            subjects = {key for key, _, role in found if role}
            if len(keys) == 1:
                key = next(iter(keys))
            elif len(main) == 1:
                key = next(iter(main))  # "Fowler said he expects Clinton to …": Fowler
            elif len(subjects) == 1 and "\n" not in self.text[first.idx : pos]:
                key = next(iter(subjects))  # across a paragraph only the main subject carries
            else:
                return None  # several people, no single subject: unsure
            if key == UNSURE:
                return None
            return next(m for k2, m, _ in reversed(found) if k2 == key)
        return None

    def _sentence_people(
        self, sent: SpacySpan, end: int, gender: Gender | None, objects: set[int]
    ) -> list[tuple[str, Span, str]] | None:
        """The people of compatible gender a sentence mentions before ``end`` outside
        quotes: (identity, the named mention standing for them, role: "main" for a
        subject of the main verb, "sub" for another subject, "" else); None when the
        sentence's own "he"/"she" subject is itself unsure."""
        out: list[tuple[str, Span, str]] = []
        lo = bisect.bisect_right(self.person_ends, sent.start_char)
        for person in self.persons[lo:]:
            ent = person.ent
            if ent.start_char >= min(end, sent.end_char):
                break
            if ent.end_char > end or ent.start_char < sent.start_char:
                continue
            if self.in_quote(ent.start_char, ent.end_char) or ent.root.i in objects:
                continue
            key = person.identity(gender)
            if key is None:
                if any(known in (None, gender) for _, known in person.before):
                    # a bare "Cruz" among several Cruzes: someone, but unsure who
                    out.append((UNSURE, _span(ent), _role(ent.root)))
                continue
            if key not in self.confirmed:
                continue
            if not self._compatible(key, gender):
                if any(known in (None, gender) for k, known in person.before if k != key):
                    # "Clinton" read as Bill by its article, for a "she": unsure
                    out.append((UNSURE, _span(ent), _role(ent.root)))
                continue
            out.append((key, self._named(person, key, end), _role(ent.root)))
        for t in sent:
            if t.idx >= end:
                break
            if SUBJECT_PRONOUNS.get(t.lower_, "") != gender or t.dep_ not in SUBJECT_DEPS:
                continue
            if self.in_quote(t.idx, t.idx + len(t)):
                continue
            chained = self.pronoun_person(t)
            holder = self._person_at_span(chained) if chained is not None else None
            key = holder.identity(gender) if holder is not None else None
            if chained is None or key is None:
                return None  # "he" before: if that one is unsure, so is this one
            out.append((key, chained, _role(t)))
        out.sort(key=lambda item: item[1].start)
        return out

    def _compatible(self, key: str, gender: Gender | None) -> bool:
        known = self.gender.get(key)
        return gender is None or known is None or known == gender

    def _person_at(self, token: Token) -> Person | None:
        k = bisect.bisect_left(self.person_ends, token.idx + 1)
        for person in self.persons[k : k + 3]:
            if person.ent.start <= token.i < person.ent.end:
                return person
        return None

    def _person_at_span(self, span: Span) -> Person | None:
        k = bisect.bisect_left(self.person_ends, span.end)
        for person in self.persons[max(0, k - 1) : k + 2]:
            if person.ent.start_char <= span.start and span.end <= person.ent.end_char:
                return person
        return None

    def _named(self, person: Person, key: str, before: int) -> Span:
        """The mention that names ``key`` for the brief: the mention itself, or, for a bare
        surname several people share, that person's last full-name mention before it."""
        if person.key is not None:
            return _span(person.ent)
        k = bisect.bisect_right(self.person_ends, before)
        for other in reversed(self.persons[:k]):
            if other.key == key and len([t for t in other.ent if t.is_alpha]) > 1:
                return _span(other.ent)
        return _span(person.ent)

    def body_before(self, head: Token, previous: Span | None = None) -> SpacySpan | None:
        """The body an "it"/"they" stands for, or None when that is unsure.

        The previous quote's speaker when that is a body of the kind the pronoun can
        stand for (an organisation or a country for "it"; also a party or a group such
        as "Republicans" for "they") and is mentioned in the last few sentences;
        otherwise the sentences before the pronoun are read back to the first that
        mentions such a body: one body there is the answer, among several the one that
        is a subject; none, several subjects, or a person subject first -> None.
        """
        labels = BODY_PRONOUN_LABELS.get(head.lower_, frozenset())
        idx = max(0, bisect.bisect_right(self.sent_starts, head.i) - 1)
        floor = self.doc[self.sent_starts[max(0, idx - BODY_PRONOUN_WINDOW)]].idx
        near: list[SpacySpan] = []
        for k in range(bisect.bisect_right(self.body_ends, head.idx) - 1, -1, -1):
            body = self.bodies[k]
            if body.start_char < floor:
                break
            if body.label_ in labels and not self.in_quote(body.start_char, body.end_char):
                near.append(body)
        if previous is not None:
            for body in near:
                if body.start_char <= previous.start and previous.end <= body.end_char:
                    return body
        for k in range(idx, max(-1, idx - BODY_PRONOUN_WINDOW - 1), -1):
            sent = self.doc[self.sent_starts[k]].sent
            end = head.idx if k == idx else sent.end_char
            found = [b for b in near if sent.start_char <= b.start_char and b.end_char <= end]
            people = [
                t
                for t in sent
                if t.idx < end
                and t.dep_ in SUBJECT_DEPS
                and (t.ent_type_ == "PERSON" or t.lemma_.lower() in PEOPLE_NOUNS)
                and not self.in_quote(t.idx, t.idx + len(t))
            ]
            if people and not any(b.root.dep_ in SUBJECT_DEPS for b in found):
                return None  # "Protesters gathered …; they said": people, not a body
            if not found:
                continue
            names = {b.text.lower().removeprefix("the ") for b in found}
            if len(names) == 1:
                return found[0]
            subjects = [b for b in found if b.root.dep_ in SUBJECT_DEPS]
            names = {b.text.lower().removeprefix("the ") for b in subjects}
            return subjects[0] if len(names) == 1 else None
        return None

    def role_holder(self, head: Token, previous: Span | None) -> Span | None:
        """The person a role description ("the Russian president") stands for, or None."""
        words = {t.lower_ for t in head.subtree if t.i <= head.i and t.is_alpha}
        words |= {t.lower_ for t in head.lefts}
        if not any(t.lower_ == "the" for t in head.lefts):
            return None  # "a spokesman", "an official": someone, but not said who
        role = ROLE_SYNONYMS.get(head.lemma_.lower(), head.lemma_.lower())
        places = {DEMONYMS.get(w, w) for w in words if w in DEMONYMS}
        holders: dict[str, Span] = {}
        for person in reversed(self.persons):
            if person.ent.end_char > head.idx or person.key is None:
                continue
            title = {ROLE_SYNONYMS.get(w, w) for w in self.titles.get(person.key, set())}
            title_places = {DEMONYMS.get(w, w) for w in title}
            if role in title and places <= title_places:
                holders.setdefault(person.key, _span(person.ent))
        if len(holders) == 1:
            return next(iter(holders.values()))
        if holders:
            return None  # two people hold the role ("the senator" after two senators)
        if previous is None or places:
            return None
        floor = _paragraph_floor(self.text, head.idx, ROLE_FALLBACK_PARAGRAPHS)
        if previous.start < floor or self._person_at_span(previous) is None:
            return None  # "the spokesperson" after a quote from Microsoft is not Microsoft
        return previous


SpeakerKind = Literal["speaker", "report", "vague", "none"]


def speaker_kind(head: Token) -> SpeakerKind:
    """Whether a cue's subject can be a quote's speaker.

    ``speaker``: a name, a personal or relative pronoun, or a noun for a person or body
    ("a senior official", "the campaign"); ``report``: a written thing ("the report",
    "a statement") that is kept as written but names no speaker by itself; ``vague``:
    people, but nobody in particular ("some", "people", "the group", "many
    Republicans"): what they said is still said, by no one the brief can name;
    ``none``: anything else ("the timing", "27 companies", "the 2001 attacks").
    """
    lower = head.lower_
    if lower in RELATIVE_PRONOUNS and head.head.dep_ in ("relcl", "acl", "conj"):
        return "speaker"  # "a statement that said", resolved through its noun
    if lower in NO_ONE or head.lemma_.lower() in VAGUE_NOUNS or (
        head.like_num and head.dep_ in SUBJECT_DEPS and not list(head.children)
    ):
        return "vague"  # "some said", "people say", "two said"
    ent = entity_of(head)
    if ent is not None:
        if ent.label_ == "LAW":
            return "report"  # "Article 12 affirms": a text, no speaker by itself
        if ent.label_ in NON_SPEAKER_LABELS and head.pos_ != "PROPN":
            return "none"
        quantified = any(
            t.lower_ in QUANTIFIERS or (t.like_num and t.nbor(1).lower_ in ("in", "of"))
            for t in head.doc[head.left_edge.i : head.i]
        )
        if ent.label_ in BODY_LABELS and quantified and head.tag_ in ("NNPS", "NNS"):
            return "vague"  # "Some Democrats", "Six in 10 Republicans": a part of a group
        if ent.label_ == "PERSON" or ent.label_ in BODY_LABELS:
            return "speaker"
    if head.pos_ == "PRON":
        return "speaker"  # he, she, they, it, I, we, who
    if head.like_num or head.pos_ == "NUM":
        return "none"
    if head.pos_ == "PROPN" or (head.is_title and _written_as_a_name(head)):
        return "speaker"  # a name the recogniser missed (or tagged as a common noun)
    lemma = head.lemma_.lower()
    counted = any(c.dep_ == "nummod" for c in head.children)
    if lemma in SPEAKER_NOUNS or lower in SPEAKER_NOUNS:
        # "27 companies": a count of bodies is no speaker; "two officials" are people
        if counted and lemma not in PEOPLE_NOUNS and lower not in PEOPLE_NOUNS:
            return "none"
        return "speaker"
    if lemma in DOCUMENT_NOUNS or lemma in REPORT_NOUNS or lower in REPORT_NOUNS:
        return "report"
    return "none"


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
    ent = _speaker_entity(head)
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


def _role(token: Token) -> str:
    """"main" for a subject of the sentence's main verb (or of a verb joined to it), "sub"
    for the subject of another clause, "" for anything else."""
    while token.dep_ == "appos" and token.head != token:
        token = token.head  # "Grimm's lawyer, William McGinley, said": the subject's name
    if token.dep_ not in SUBJECT_DEPS:
        return ""
    verb = token.head
    while verb.dep_ == "conj" and verb.head != verb:
        verb = verb.head
    return "main" if verb.dep_ == "ROOT" else "sub"


def _surname_key(word: str) -> str:
    """The key of a person known only by one word (a surname no full name carries)."""
    return word.lower().removesuffix("’s").removesuffix("'s")


def _names_a_person(ent: SpacySpan, mention: EntityMention) -> bool:
    """Whether a PERSON entity surely names a person, not a thing the small model took for
    one ("Miss Universe", "Pell Grants", "Twitter"): a courtesy title or office before or
    in it, or a first name known as one (the gendered lists, the nickname table)."""
    parts = split_name(mention.alias or mention.name)
    if parts is None:
        return False
    if parts.title in COURTESY_TITLES or (parts.title not in (None, "miss") and not parts.given):
        return True  # "Mr. Trump", "Sen. Sanders"
    first = parts.first
    if first is None:
        return False
    return gender_of_given(first) is not None or is_given_name(first) or len(first) == 1


_PROPER_NOUNS = "newsfuse.proper_nouns"


def _written_as_a_name(token: Token) -> bool:
    """Whether a capitalised word is a name: capitalised inside its sentence, or tagged a
    proper noun somewhere else in the text ("Trump" opening a sentence as a noun)."""
    if token.i != token.sent.start:
        return True
    doc = token.doc
    names = doc.user_data.get(_PROPER_NOUNS)
    if names is None:  # once per text: a lookup per quote stays constant time
        names = doc.user_data[_PROPER_NOUNS] = Counter(t.text for t in doc if t.pos_ == "PROPN")
    return names[token.text] > (1 if token.pos_ == "PROPN" else 0)


def _speaker_entity(head: Token) -> SpacySpan | None:
    """The entity a speaker head belongs to, if it names a person or body: the small
    model's WORK_OF_ART and the like also cover names next to quote marks ("“…,” Trump
    accused Holt of being a Democrat" as one title), which are not taken whole."""
    ent = entity_of(head)
    if ent is None or not (ent.label_ == "PERSON" or ent.label_ in BODY_LABELS):
        return None
    return ent


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
    words = {expand_title(w) if w.rstrip(".") in TITLE_ABBREVIATIONS else w for w in words}
    return {DEMONYMS.get(w, w) if w in ("u.s.", "u.k.") else w for w in words} - ROLE_FILLER


def _gender_of(ent: SpacySpan) -> Gender | None:
    """The gender a name gives: a title in or before it ("Mr.", "Ms."), else a first name
    used for one gender only."""
    doc = ent.doc
    before = doc[ent.start - 1].lower_ if ent.start > 0 else ""
    for word in (ent[0].lower_, before):
        g = gender_of_title(word)
        if g is not None:
            return g
    words = [t.lower_ for t in ent if t.is_alpha]
    return gender_of_given(words[0]) if len(words) >= 2 else None


def _paragraph_floor(text: str, pos: int, paragraphs: int) -> int:
    """Offset where the paragraph ``paragraphs`` before the one holding ``pos`` begins."""
    floor = pos
    for _ in range(paragraphs + 1):
        found = text.rfind("\n\n", 0, floor)
        if found < 0:
            return 0
        floor = found
    return floor + 2
