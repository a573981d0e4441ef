"""Entities with canonical names, within an article and across the articles of a brief.

"Volodymyr Zelensky", "Zelensky", "Mr Zelensky", "President Zelensky" and
"the Ukrainian president" are one entity, named by its fullest form. Titles and
roles written before a name ("U.K. Defense Secretary Ben Wallace") become the
entity's description, and role phrases ("the Russian president") resolve to the
one person in the story who holds that role.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from newsfuse.clean.text import fold
from newsfuse.extract.doctext import doc_ents
from newsfuse.extract.names import (
    Gender,
    NameParts,
    expand_title,
    gender_of_given,
    gender_of_title,
    pick_by_context,
    same_person,
    split_name,
)
from newsfuse.model import EntityMention as EntityMention  # re-exported: it lived here
from newsfuse.model import Span
from newsfuse.text.lexicon import ENTITY_ROLE_NOUNS as ROLE_NOUNS

if TYPE_CHECKING:
    from spacy.tokens import Doc
    from spacy.tokens import Span as SpacySpan

ENTITY_LABELS = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "GPE", "LOC": "LOC", "FAC": "LOC"}
# Spellings of one name that outlets write differently (Russian vs Ukrainian
# transliteration, one y or two), as name keys: the variant -> the key all of them share.
SPELLINGS = {
    "lugansk": "luhansk", "kiev": "kyiv", "kharkov": "kharkiv", "odessa": "odesa",
    "zaporozhye": "zaporizhzhia", "zaporizhia": "zaporizhzhia", "nikolaev": "mykolaiv",
    "zelenskyy": "zelensky", "zelenskiy": "zelensky", "artemivsk": "bakhmut",
    "artyomovsk": "bakhmut", "dnipropetrovsk": "dnipro", "chernigov": "chernihiv",
}  # fmt: skip
# Courtesy titles and roles written before a name; kept as an alias ("Mr Zelensky").
TITLES = frozenset(
    """mr mrs ms miss dr sir dame lord lady president vice prime minister secretary senator
    sen rep representative congressman congresswoman gov governor mayor general gen col
    colonel lt captain capt chancellor king queen prince princess pope judge justice chairman
    chairwoman chief ambassador commissioner director spokesman spokeswoman spokesperson
    leader premier deputy former acting""".split()
)
_DEMONYM = re.compile(r"[A-Z][a-z]+(?:ian|ean|ese|ish|ic|i)")
# Words that make a "person" an institution or a state ("Lugansk People's Republics").
_STATE = re.compile(r"\b(?:Republics?|Kingdom|Emirates|Federation)\b")
# Words that make a name a place: squares, streets, bridges (also in transliteration:
# maidan, ploshcha = square; vulytsia, ulitsa = street; prospekt = avenue).
_PLACE_WORD = re.compile(
    r"\b(?:Square|Street|Avenue|Boulevard|Bridge|Station|Airport|Plaza|Road|Maidan|"
    r"Ploshcha|Vulytsia|Ulitsa|Prospekt|Prospect)\b"
)
_INSTITUTION = re.compile(
    r"\b(?:Republics?|Kingdom|Emirates|Federation|Ministry|Council|Party|Group|Army|Forces|"
    r"Committee|Agency|Company|Bank|University|Office|Department|Service)\b"
)
_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")
_DETERMINER = re.compile(r"^(?:the|a|an)\s+", re.I)
# Dependency relations that attach a title word to the name after it.
_TITLE_DEPS = frozenset({"compound", "amod", "nmod", "poss", "case", "punct", "nummod", "npadvmod"})
# Courtesy titles say nothing about a role: an alias ("Mr Zelensky"), never a description.
COURTESY = frozenset({"mr", "mrs", "ms", "miss", "dr", "sir", "dame"})
# Role nouns for whoever leads a country or body: "the Russian president" = "Russian leader".
HEAD_ROLES = frozenset({"president", "leader", "head", "premier", "chancellor"})


@dataclass(slots=True)
class Entity:
    """A real-world entity across the articles of a brief."""

    id: str
    name: str
    type: str
    aliases: list[str] = field(default_factory=list)
    descriptions: list[str] = field(default_factory=list)
    nationalities: set[str] = field(default_factory=set)
    articles: list[str] = field(default_factory=list)
    mentions: int = 0

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "name": self.name,
            "type": self.type,
            "aliases": self.aliases,
            "description": self.descriptions[0] if self.descriptions else None,
            "descriptions": self.descriptions,
            "articles": self.articles,
            "mentions": self.mentions,
        }


def find_mentions(doc: Doc) -> list[EntityMention]:
    """Named mentions of people, organisations and places in one parsed text, in order."""
    from newsfuse.annotate.gazetteer import place_names

    places = place_names()
    out: list[EntityMention] = []
    title_tokens: set[int] = set()
    persons = [e for e in doc_ents(doc) if e.label_ == "PERSON"]
    for ent in persons:
        first = _title_start(ent)
        title_tokens.update(range(first, ent.start))
    for ent in doc_ents(doc):
        label = ENTITY_LABELS.get(ent.label_)
        if label is None:
            continue
        if label != "PERSON" and all(t.i in title_tokens for t in ent) and len(ent) == 1:
            continue  # "Defence" in "deputy Defence Minister Ganna Malyar" is part of a title
        lead = 0
        while lead < len(ent) - 1 and (ent[lead].tag_ == "VBG" or ent[lead].lower_.endswith("ing")):
            lead += 1  # "Capturing Bakhmut": a gerund is not part of the name
        name = clean_name(ent[lead:].text)
        if not name or not any(ch.isalpha() for ch in name):
            continue
        if not any(ch.isupper() for ch in name):
            continue  # "vineyards": names are capitalised
        parts = re.split(r"\s+(?:or|and|&)\s+", name)
        if len(parts) > 1 and all(part in places for part in parts):
            for part in parts:  # "Kherson or Izyum": two places
                offset = ent.text.find(part)
                if offset >= 0:
                    start = ent.start_char + offset
                    out.append(EntityMention(Span(start, start + len(part), part), "GPE", part))
            continue
        if name in places:  # "Bakhmut-" read as a person: the gazetteer knows better
            label = "GPE"
        elif label == "PERSON" and _INSTITUTION.search(name):
            label = "GPE" if _STATE.search(name) else "ORG"
        elif label == "PERSON" and _PLACE_WORD.search(name):
            label = "LOC"  # "Maidan Nezalezhnosti", "Trafalgar Square": a place, not a person
        elif label != "PERSON" and _DEMONYM.fullmatch(name):
            continue  # "Ukrainian" is an adjective of nationality, not a place
        description = alias = None
        nationalities: tuple[str, ...] = ()
        words = name.split()
        if label == "PERSON" and len(words) > 1 and words[0].lower().rstrip(".") in TITLES:
            alias, name = name, " ".join(words[1:])  # "Ms Holloway" inside the entity
        if label == "PERSON":
            first = _title_start(ent)
            if first < ent.start:
                nationalities = tuple(
                    t.text for t in doc[first : ent.start] if t.ent_type_ in ("NORP", "GPE")
                )
                description = doc[first : ent.start].text.strip(" ,")
                description = _DETERMINER.sub("", description) or None
                if description and (
                    description.lower().rstrip(".") in COURTESY
                    or not any(ch.isalpha() for ch in description)
                ):
                    description = None
            prev = doc[ent.start - 1] if ent.start > 0 else None
            if prev is not None and prev.text[:1].isupper() and prev.lower_.rstrip(".") in TITLES:
                alias = alias or f"{prev.text} {name}"
        out.append(
            EntityMention(
                Span(ent[lead:].start_char, ent.end_char, ent[lead:].text),
                label,
                name,
                description,
                alias,
                nationalities=nationalities,
            )
        )
    return out


def find_role_mentions(doc: Doc) -> list[EntityMention]:
    """Role phrases that stand for a person: "the Russian president", "The former KGB operative"."""
    out: list[EntityMention] = []
    for tok in doc:
        if tok.lower_ not in ROLE_NOUNS or tok.ent_type_ == "PERSON":
            continue
        if tok.dep_ == "compound" and tok.head.ent_type_ == "PERSON":
            continue  # a title before a name, not a role phrase
        left = [t for t in tok.lefts]
        if not left or left[0].lower_ not in ("the", "this", "that"):
            continue
        start = left[0].i
        phrase = doc[start : tok.i + 1]
        out.append(
            EntityMention(
                Span(phrase.start_char, phrase.end_char, phrase.text),
                "PERSON",
                name="",
                role=phrase.text,
                nationalities=tuple(t.text for t in phrase if t.ent_type_ in ("NORP", "GPE")),
            )
        )
    return out


def clean_name(text: str) -> str:
    """Strip a leading article, a trailing possessive and stray punctuation ("U.S." stays)."""
    name = fold(text).strip(" -–—,;:'\"")
    if name.endswith(".") and "." not in name[:-1]:
        name = name[:-1]
    name = _DETERMINER.sub("", name)
    return _POSSESSIVE.sub("", name).strip(" -,")


def _title_start(ent: SpacySpan) -> int:
    """Index of the first title token before a person's name ("U.K. Defense Secretary …")."""
    doc = ent.doc
    i = ent.start
    inside = set(range(ent.start, ent.end))
    while i > 0:
        tok = doc[i - 1]
        attached = tok.head.i in inside or tok.head.i in range(i, ent.start)
        if not attached or tok.dep_ not in _TITLE_DEPS or tok.sent.start != ent.sent.start:
            break
        if tok.dep_ == "punct" and tok.text not in (".", "’s", "'s", "-"):
            break
        inside.add(tok.i)
        i -= 1
    # a leading determiner or a possessive's case marker is not part of the title
    while i < ent.start and (doc[i].lower_ in ("the", "a", "an") or doc[i].dep_ == "case"):
        i += 1
    return i


# --------------------------------------------------------------------------- canonical entities


def _key(name: str) -> str:
    key = re.sub(r"[^a-z0-9 ]", "", fold(name).lower().replace(".", "")).strip()
    return " ".join(SPELLINGS.get(w, w) for w in key.split())


def _same_country(a: str, b: str) -> bool:
    """'Ukrainian' ~ 'Ukraine', 'Russian' ~ 'Russia', 'U.K.' ~ 'UK': a shared 4-letter stem."""
    ka, kb = _key(a).replace(" ", ""), _key(b).replace(" ", "")
    return ka == kb or (len(ka) >= 4 and len(kb) >= 4 and ka[:4] == kb[:4])


Where = tuple[str, int, int]  # (article, start, end) of a mention


@dataclass
class People:
    """Who the person mentions of a story are (:func:`person_keys`)."""

    keys: dict[Where, str]  # mention -> person key
    ambiguous: set[Where]  # bare surnames that stay ambiguous
    genders: dict[str, Gender | None]  # person key -> gender, when known
    # bare surnames several people share -> those their article named in full before
    # them, in order, with their gender
    before: dict[Where, list[tuple[str, Gender | None]]]


def person_keys(mentions: Sequence[tuple[str, EntityMention]]) -> People:
    """One key per person across the articles of a story.

    Full names with the same surname and compatible first names (nickname forms, middle
    initials: :func:`newsfuse.extract.names.same_person`) are one person. A bare surname
    ("Cheney"; also one the recogniser read as a place) is the story's only person of
    that surname when there is one; among several ("Mary", "Liz" and "Dick Cheney") it is
    the one its article's context names (:func:`_bare_surname`), else nobody's.
    """
    full: dict[str, list[NameParts]] = defaultdict(list)  # surname -> distinct full names
    parts_of: dict[Where, NameParts] = {}
    for art, m in mentions:
        if m.label != "PERSON" or m.role:
            continue
        parts = split_name(m.name)
        if parts is None or not parts.given:
            continue
        parts_of[(art, m.span.start, m.span.end)] = parts
        if parts not in full[parts.surname]:
            full[parts.surname].append(parts)
    group_of: dict[NameParts, str] = {}
    groups: dict[str, list[str]] = {}  # surname -> group keys
    for surname, names in full.items():
        # the most specific names first, so that an initial ("B. Smith") joins a group
        # only when exactly one group fits it
        names.sort(key=lambda n: (n.first is None or len(n.first) == 1, -len(n.given)))
        found: list[tuple[str, list[NameParts]]] = []
        for n in names:
            fits = [g for g in found if all(same_person(n, x) for x in g[1])]
            if len(fits) == 1:
                fits[0][1].append(n)
                group_of[n] = fits[0][0]
            elif not fits:
                key = f"{n.first} {surname}" if n.first else surname
                found.append((key, [n]))
                group_of[n] = key
            else:
                group_of[n] = f"{' '.join(n.given)} {surname}"  # fits several: its own
        groups[surname] = [k for k, _ in found]
    keys: dict[Where, str] = {where: group_of[parts] for where, parts in parts_of.items()}
    ambiguous: set[Where] = set()
    genders = _group_genders(mentions, keys)
    before: dict[Where, list[tuple[str, Gender | None]]] = {}
    for art, m in mentions:
        where = (art, m.span.start, m.span.end)
        if where in keys or m.role or len(m.name.split()) != 1:
            continue
        surname = _key(m.name)
        options = groups.get(surname, [])
        if not options and m.label == "PERSON":
            # "Hillary" alone: the one full-named person with that first name
            firsts = {group_of[n] for names in full.values() for n in names if n.first == surname}
            if len(firsts) == 1:
                keys[where] = next(iter(firsts))
            continue
        if not options or (m.label != "PERSON" and len(options) > 1):
            continue
        if len(options) == 1:
            keys[where] = options[0]
            continue
        named = _named_before(art, m, mentions, keys, genders, options)
        before[where] = named
        chosen = _bare_surname(art, m, mentions, keys, options, named)
        if chosen is None:
            ambiguous.add(where)
        else:
            keys[where] = chosen
    return People(keys, ambiguous, genders, before)


def _group_genders(
    mentions: Sequence[tuple[str, EntityMention]], keys: dict[Where, str]
) -> dict[str, Gender | None]:
    """The gender each full-named person is known by (first name or a title written
    with a mention), None when unknown or contradictory."""
    seen: dict[str, set[Gender]] = defaultdict(set)
    for art, m in mentions:
        key = keys.get((art, m.span.start, m.span.end))
        if key is None:
            continue
        parts = split_name(m.alias or m.name)
        for g in (gender_of_given(parts.first if parts else None), _title_gender(m)):
            if g is not None:
                seen[key].add(g)
    return {k: next(iter(v)) if len(v) == 1 else None for k, v in seen.items()}


def _title_gender(m: EntityMention) -> Gender | None:
    parts = split_name(m.alias) if m.alias else None
    return gender_of_title(parts.title) if parts else None


def _named_before(
    art: str,
    m: EntityMention,
    mentions: Sequence[tuple[str, EntityMention]],
    keys: dict[Where, str],
    genders: dict[str, Gender | None],
    options: list[str],
) -> list[tuple[str, Gender | None]]:
    """The people of ``options`` that article ``art`` names in full before ``m``, in order."""
    out = []
    for a, other in mentions:
        key = keys.get((a, other.span.start, other.span.end))
        full = len(other.name.split()) > 1
        if a == art and key in options and other.span.start < m.span.start and full:
            out.append((key, genders.get(key)))
    return out


def _bare_surname(
    art: str,
    m: EntityMention,
    mentions: Sequence[tuple[str, EntityMention]],
    keys: dict[Where, str],
    options: list[str],
    named: list[tuple[str, Gender | None]],
) -> str | None:
    """Which of several same-surname people a bare surname in article ``art`` is: one
    whose description shares the mention's role ("Former Vice President Cheney"), else
    the last one its article named in full before it, of the gender its title gives
    ("Ms. Cheney"); None when the article names none of them before it."""
    if m.description:
        mine = _role_words(m.description)
        roles: dict[str, set[str]] = defaultdict(set)
        for a, other in mentions:
            key = keys.get((a, other.span.start, other.span.end))
            if key in options and other.description:
                roles[key].update(_role_words(other.description))
        holders = [k for k in options if roles[k] & mine]
        if len(holders) == 1:
            return holders[0]
    return pick_by_context(named, _title_gender(m))


def _role_words(description: str) -> set[str]:
    """The role words of a description ("former Vice President" -> vice, president)."""
    return {w for w in _key(description).split() if w not in ("former", "then", "the")}


@dataclass
class _Lookup:
    spans: dict[str, list[tuple[int, int, Entity]]]  # article -> mentions sorted by start
    starts: dict[str, list[int]]
    longest: dict[str, int]  # article -> the longest mention's length
    names: dict[str, list[Entity]]  # name or alias key -> entities
    surnames: dict[str, list[Entity]]  # a person's last name key -> persons
    roles: set[tuple[str, int, int]]


class EntityIndex:
    """Merges mentions from several articles into canonical entities.

    Call :meth:`add` for every article, then :meth:`build`; afterwards
    :meth:`entity_at` maps a character span of an article to its entity.
    """

    def __init__(self) -> None:
        self._mentions: list[tuple[str, EntityMention]] = []
        self._roles: list[tuple[str, EntityMention]] = []
        self.entities: list[Entity] = []
        self._by_mention: dict[tuple[str, int, int], Entity] = {}
        self._lookup: _Lookup | None = None

    def add(self, article_id: str, mentions: Iterable[EntityMention]) -> None:
        for m in mentions:
            (self._roles if m.role else self._mentions).append((article_id, m))

    def build(self) -> list[Entity]:
        """Cluster the mentions into entities; returns them, most mentioned first."""
        clusters: dict[tuple[str, str], list[tuple[str, EntityMention]]] = defaultdict(list)
        people = person_keys(self._mentions)
        for art, m in self._mentions:
            key = _key(m.name)
            label = "GPE" if m.label in ("GPE", "LOC") else m.label
            where = (art, m.span.start, m.span.end)
            if where in people.ambiguous:
                continue  # a bare "Cheney" among several Cheneys: nobody's mention
            if where in people.keys:
                key, label = people.keys[where], "PERSON"
            clusters[(label, key)].append((art, m))
        entities: list[Entity] = []
        for (label, _), members in clusters.items():
            names = Counter(m.name for _, m in members)
            name = max(names, key=lambda n: (len(n.split()), names[n], len(n)))
            written = {m.name for _, m in members} | {m.alias for _, m in members if m.alias}
            aliases = sorted(written - {name})
            descriptions = list(dict.fromkeys(m.description for _, m in members if m.description))
            articles = list(dict.fromkeys(a for a, _ in members))
            ent_type = members[0][1].label if label == "GPE" else label
            entity = Entity(
                "", name, ent_type, aliases, descriptions, articles=articles, mentions=len(members)
            )
            entity.nationalities = {n for _, m in members for n in m.nationalities}
            entities.append(entity)
            for art, m in members:
                self._by_mention[(art, m.span.start, m.span.end)] = entity
        self._resolve_roles(entities)
        entities.sort(key=lambda e: (-e.mentions, e.name))
        for i, e in enumerate(entities, 1):
            e.id = f"e{i}"
        self.entities = entities
        self._lookup = None
        return entities

    def _index(self) -> _Lookup:
        """Sorted mentions and name keys, built once after :meth:`build`: each lookup then
        costs a bisection or a dict access, not a scan of every mention (a long article
        has thousands)."""
        if self._lookup is None:
            per_article: dict[str, list[tuple[int, int, Entity]]] = defaultdict(list)
            for (art, s, e), ent in self._by_mention.items():
                per_article[art].append((s, e, ent))
            for spans in per_article.values():
                spans.sort(key=lambda t: (t[0], t[1]))
            names: dict[str, list[Entity]] = defaultdict(list)
            surnames: dict[str, list[Entity]] = defaultdict(list)
            for ent in self.entities:
                for k in dict.fromkeys([_key(ent.name), *map(_key, ent.aliases)]):
                    names[k].append(ent)
                last = _key(ent.name).split()[-1:]
                if ent.type == "PERSON" and last:
                    surnames[last[0]].append(ent)
            self._lookup = _Lookup(
                per_article,
                {a: [t[0] for t in v] for a, v in per_article.items()},
                {a: max(e - s for s, e, _ in v) for a, v in per_article.items()},
                names,
                surnames,
                {(art, m.span.start, m.span.end) for art, m in self._roles},
            )
        return self._lookup

    def _resolve_roles(self, entities: list[Entity]) -> None:
        """Link each role phrase to the person holding that role, named earlier in its article.

        Compatible: the role noun is in the person's description (any head role —
        president, leader… — matches any other), and no nationality in the
        description contradicts the phrase's ("the Russian president" is never a
        "Ukrainian" one). The people whose description names the phrase's nationality
        come first; when exactly one person is left the phrase is theirs, when none or
        several (two senators before "the senator") it stays unresolved.
        """
        by_article: dict[str, list[tuple[int, Entity]]] = defaultdict(list)
        for (art, s, _e), ent in self._by_mention.items():
            if ent.type == "PERSON":
                by_article[art].append((s, ent))
        for art, m in self._roles:
            noun = (m.role or "").lower().split()[-1]
            strong: list[tuple[int, Entity]] = []
            weak: list[tuple[int, Entity]] = []
            for pos, e in by_article.get(art, []):
                if pos >= m.span.start:
                    continue
                desc = " ".join(e.descriptions).lower().replace("’s", "")
                desc_words = [expand_title(w) for w in desc.split()]
                heads = noun in HEAD_ROLES and any(w in HEAD_ROLES for w in desc_words)
                if noun not in desc_words and not heads:
                    continue
                same = [
                    a for a in m.nationalities if any(_same_country(a, n) for n in e.nationalities)
                ]
                if m.nationalities and e.nationalities and not same:
                    continue  # another country's president
                (strong if same else weak).append((pos, e))
            holders = {id(e): e for _, e in strong or weak}
            if len(holders) != 1:
                continue  # nobody, or two people hold the role: "the senator" stays open
            e = next(iter(holders.values()))
            e.mentions += 1
            if art not in e.articles:
                e.articles.append(art)
            self._by_mention[(art, m.span.start, m.span.end)] = e

    def mentions_in(self, article_id: str, start: int, end: int) -> list[tuple[int, int, Entity]]:
        """Entity mentions lying inside [start, end) of an article, in text order."""
        look = self._index()
        spans = look.spans.get(article_id, [])
        lo = bisect.bisect_left(look.starts.get(article_id, []), start)
        out = []
        for s, e, ent in spans[lo:]:
            if s >= end:
                break
            if e <= end:
                out.append((s, e, ent))
        return out

    def by_name(self, name: str) -> Entity | None:
        """The entity a bare name refers to: its name or an alias, else the one person with
        that surname ("Akin" -> Todd Akin); None when unknown or ambiguous."""
        key = _key(name)
        if not key:
            return None
        look = self._index()
        exact = look.names.get(key, [])
        if len(exact) == 1:
            return exact[0]
        if len(key.split()) == 1:
            people = look.surnames.get(key, [])
            if len(people) == 1:
                return people[0]
        return None

    def shared_surname(self, name: str) -> bool:
        """Whether a bare name is the surname of several people in the story ("Cheney"
        beside Mary, Liz and Dick Cheney): on its own it names none of them."""
        key = _key(name)
        return len(key.split()) == 1 and len(self._index().surnames.get(key, [])) > 1

    def role_at(self, article_id: str, start: int, end: int) -> Entity | None:
        """The person a role phrase at exactly this span was resolved to, if any."""
        if (article_id, start, end) in self._index().roles:
            return self._by_mention.get((article_id, start, end))
        return None

    def entity_at(self, article_id: str, start: int, end: int) -> Entity | None:
        """The entity of the mention that covers (or lies inside) this span, if any."""
        exact = self._by_mention.get((article_id, start, end))
        if exact is not None:
            return exact
        look = self._index()
        spans = look.spans.get(article_id, [])
        starts = look.starts.get(article_id, [])
        lo = bisect.bisect_left(starts, start - look.longest.get(article_id, 0))
        best: Entity | None = None
        for s, e, ent in spans[lo:]:
            if s >= end:
                break
            if start < e and (best is None or ent.type == "PERSON"):
                best = ent
        return best
