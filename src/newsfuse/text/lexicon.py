"""Word tables more than one stage reads, one copy each: pronouns and role nouns.

A caller that needs more or fewer words than the base builds its table here, from the
base, under a name that says who needs it and why."""

from __future__ import annotations

from typing import Literal

Gender = Literal["m", "f"]

# --------------------------------------------------------------------------- pronouns

# Third-person personal pronouns of a person, subject and object form, with their gender.
PERSON_SUBJECT_PRONOUNS: dict[str, Gender] = {"he": "m", "she": "f"}
PERSON_OBJECT_PRONOUNS: dict[str, Gender] = {"him": "m", "her": "f"}
PERSON_PRONOUN_GENDER: dict[str, Gender] = {**PERSON_SUBJECT_PRONOUNS, **PERSON_OBJECT_PRONOUNS}
# The singular pronoun of a thing or a body.
THING_PRONOUNS = frozenset({"it"})
# The plural pronoun, subject and object form.
PLURAL_SUBJECT_PRONOUNS = frozenset({"they"})
PLURAL_OBJECT_PRONOUNS = frozenset({"them"})
# First- and second-person pronouns (a speaker that names no one in a brief).
FIRST_SECOND_PRONOUNS = frozenset({"i", "we", "you"})
# Relative pronouns that introduce a clause ("…, who said").
RELATIVE_PRONOUNS = frozenset({"who", "which", "that"})

# Pronouns that stand for a body (quote speakers: "it said", "they said").
BODY_PRONOUNS = THING_PRONOUNS | PLURAL_SUBJECT_PRONOUNS | PLURAL_OBJECT_PRONOUNS
# Every personal pronoun above: a speaker written as one of these names no one.
PERSONAL_PRONOUNS = frozenset(PERSON_PRONOUN_GENDER) | BODY_PRONOUNS | FIRST_SECOND_PRONOUNS

# --------------------------------------------------------------------------- role nouns

# Head nouns for whoever holds a role ("the Russian president", "the foreign minister"):
# the words both the entity merger and the quote-speaker resolver read as a role.
ROLE_NOUNS_BASE = frozenset(
    """
    president leader minister secretary chancellor premier senator governor mayor chairman
    spokesman spokeswoman spokesperson operative general commander ambassador director chief
    """.split()
)
# The entity merger's extra heads (`extract/entities.py`): royals and the pope are roles
# a title may name a person by ("King Charles" ~ "the king"); entity merges (quote speakers'
# and figures' sources in the briefs) depend on them.
ENTITY_ROLE_NOUNS = ROLE_NOUNS_BASE | frozenset("king queen prince pope".split())
# The quote-speaker resolver's extra heads (`extract/quotes_speakers.py`): a definite
# description ("the aide", "the nominee") may stand for the quote's speaker; the speakers
# and quotes eval figures depend on them.
SPEAKER_ROLE_NOUNS = ROLE_NOUNS_BASE | frozenset(
    """
    congressman congresswoman representative candidate nominee chairwoman chair officer
    official envoy diplomat ceo founder head prosecutor judge adviser advisor aide
    strategist manager businessman billionaire veteran mogul star
    """.split()
)
