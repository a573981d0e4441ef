"""People's names: which written forms are one person.

"Schumer", "Charles Schumer", "Chuck Schumer" and "Sen. Charles E. Schumer" are one
person: titles and generational suffixes are dropped, middle initials ignored, and a
first name matches its nickname forms (Charles ~ Chuck, Elizabeth ~ Liz) from the
``nicknames`` package's hand-curated table. People who share a surname stay apart
("Mary Cheney", "Liz Cheney", "Dick Cheney"); a bare surname is one of them only by its
article's own context (:func:`pick_by_context`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from newsfuse.clean.text import fold
from newsfuse.text.lexicon import Gender as Gender

# Words written before a name that are not part of it (courtesy titles and offices).
NAME_TITLES = frozenset(
    """mr mrs ms miss dr sir dame lord lady president vice prime minister secretary senator
    sen rep representative gov governor mayor general gen col colonel lt captain capt
    chancellor king queen prince princess pope judge justice chairman chairwoman chief
    ambassador commissioner director spokesman spokeswoman spokesperson leader premier
    deputy former acting attorney sheriff sgt officer father rev reverend rabbi sister
    brother adm admiral maj major cmdr speaker chef coach professor prof""".split()
)
# Generational suffixes after a surname ("Thomas M. Davis III", "Jesse Jackson Jr.").
SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv", "v", "esq", "phd", "md"})
# Titles that give a gender.
TITLE_GENDER: dict[str, Gender] = {
    "mr": "m", "sir": "m", "lord": "m", "king": "m", "prince": "m", "father": "m",
    "brother": "m", "chairman": "m", "spokesman": "m", "congressman": "m",
    "mrs": "f", "ms": "f", "miss": "f", "madam": "f", "lady": "f", "queen": "f",
    "dame": "f", "princess": "f", "sister": "f", "chairwoman": "f", "spokeswoman": "f",
    "congresswoman": "f",
}  # fmt: skip

_WORD = re.compile(r"[a-z0-9][a-z0-9'’-]*")


@dataclass(frozen=True, slots=True)
class NameParts:
    """A person's name as compared: given names (first to last, initials as one letter)
    and the surname, all lower case without dots; the title written before it, if any."""

    given: tuple[str, ...]
    surname: str
    title: str | None = None

    @property
    def first(self) -> str | None:
        """The given name a person goes by: the first that is not an initial ("A. Barry
        Rand" -> barry), else the first initial."""
        full = [g for g in self.given if len(g) > 1]
        return full[0] if full else (self.given[0] if self.given else None)


def split_name(name: str) -> NameParts | None:
    """The parts of a person's name ("Sen. Charles E. Schumer" -> (charles, e), schumer,
    title sen); None when nothing of a name is left."""
    words = _WORD.findall(fold(name).lower().replace(".", " ").replace("’", "'"))
    words = [w.removesuffix("'s") for w in words]
    title = None
    while len(words) > 1 and words[0] in NAME_TITLES:
        title = title or words[0]
        words = words[1:]
    while len(words) > 1 and words[-1] in SUFFIXES:
        words = words[:-1]
    if not words:
        return None
    return NameParts(tuple(words[:-1]), words[-1], title)


@cache
def _nicknames() -> dict[str, frozenset[str]]:
    from nicknames import NickNamer

    namer = NickNamer()
    return {k: frozenset(v) for k, v in namer.nickname_lookup.items()}


def same_given(a: str, b: str) -> bool:
    """Whether two first names can be the same person's: equal, one a nickname of the other
    (Charles ~ Chuck, Elizabeth ~ Liz), or one an initial of the other."""
    if a == b:
        return True
    if len(a) == 1 or len(b) == 1:
        return a[0] == b[0]
    table = _nicknames()
    return b in table.get(a, frozenset()) or a in table.get(b, frozenset())


def same_person(a: NameParts, b: NameParts) -> bool:
    """Whether two full names can be one person: the same surname and compatible first
    names (a name without a first name is compatible with any). A first name may match
    any given name of the other ("Crooked Hillary Clinton", "A. Barry Rand"); the
    names after the matched one must then agree where both have some ("George W. Bush"
    is not "George H. W. Bush")."""
    if a.surname != b.surname:
        return False
    if not a.given or not b.given:
        return True
    for i, ga in enumerate(a.given):
        for j, gb in enumerate(b.given):
            if (i and j) or not same_given(ga, gb):
                continue
            if len(ga) == 1 and len(gb) == 1 and (len(a.given) > 1 or len(b.given) > 1):
                continue  # two initials alone say too little ("G. Bush")
            rest_a, rest_b = a.given[i + 1 :], b.given[j + 1 :]
            return not rest_a or not rest_b or _same_rest(rest_a, rest_b)
    return False


def _same_rest(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    return len(a) == len(b) and all(same_given(x, y) for x, y in zip(a, b, strict=True))


def gender_of_title(title: str | None) -> Gender | None:
    """The gender a title gives ("Mr." -> m, "Ms." -> f), if any."""
    return TITLE_GENDER.get(title.lower().rstrip(".")) if title else None


def pick_by_context(
    named_before: Sequence[tuple[str, Gender | None]], gender: Gender | None
) -> str | None:
    """The person a bare surname stands for, by its article's own context.

    ``named_before`` lists, in text order, the full-named people with that surname whom
    the article has named before the mention (their identity key and known gender);
    ``gender`` is what the mention itself says ("Ms. Cheney") or the pronoun resolved
    through it. The last-named one of a compatible gender wins unless the article has
    named another of that surname more often (a story about Ted Cruz that names his
    wife Heidi last): then it stays ambiguous, None.
    """
    fits = [key for key, known in named_before if gender is None or known in (None, gender)]
    if not fits:
        return None
    counts = Counter(fits)
    last = fits[-1]
    return None if any(n > counts[last] for n in counts.values()) else last


# First names by gender: common English-language given names and those of public figures
# in the news (a hand-made list; names used for both, such as Chris, Kelly, Dana, Pat,
# Jordan or Lindsey, are in neither, so their gender stays unknown).
MALE_NAMES = frozenset(
    """
    aaron abdul abraham adam adrian ahmed al alan albert alberto alec alejandro alexander
    alexei alfred ali allen alvin amos andre andres andrew andy angelo anthony antonin
    antonio archie arnold arthur ashton austin barack barney barry bart ben benjamin
    bennie bernard bernie bill billy bob bobby boris brad bradley brandon brendan brent
    brett brian bruce bryan bud byron calvin carl carlos cecil chad charles charlie chase
    chester chuck clarence clark claude clay clayton clifford clint clinton cody colin
    conrad corey cory craig curtis cyril dale dallas damon dan daniel danny darrell darren
    dave david dean dennis denys derek devin dick diego dmitry dmytro don donald donnie
    doug douglas duane dustin dwayne dwight earl ed eddie edgar eduardo edward edwin eli
    elijah elliott emanuel emmanuel enrique eric erik ernest ernie eugene evan ezra felix
    fernando floyd francis francisco frank franklin fred freddie frederick gabriel gary
    gavin gene geoffrey george gerald gilbert glen glenn gordon graham grant greg gregory
    gus guy hal hank harold harrison harry harvey hector henry herbert herman howard hugh
    hunter ian igor isaac ivan jack jackson jacob jake jamal james jared jason jay jeb jeff
    jeffrey jeremiah jeremy jerome jerrold jerry jesse jesus jim jimmy joaquin joe joel
    joey john johnny jon jonathan jorge jose joseph josh joshua juan julian justin karl
    keith ken kenneth kevin kirk kurt kyle lamar lance larry lawrence leo leon leonard
    lester lewis lloyd louie louis luis luke malcolm manuel marc marcus mario mark marshall
    martin marvin matt matthew maurice max michael miguel mike miles mitch mitchell mitt
    mohammed muhammad murray nathan nathaniel neil nelson newt nicholas nick nigel noah
    norman oleksiy oliver omar oscar otis owen pablo patrick paul pavlo pedro percy pete
    peter phil philip phillip preston rafael ralph ramon randall randy raul ray raymond
    reggie reince reuben rex ricardo richard rick ricky rob robert roberto rod rodney
    roger roland ron ronald ronnie ross roy rudolph rudy russell ryan salvador sam samuel
    saul scott sean sergei sergey seth shawn sheldon sherrod sidney simon stanley stephen
    steve steven stewart stuart ted terrence theodore thomas tim timothy toby todd tom
    tommy tony travis trevor troy tyler vernon victor vince vincent vladimir volodymyr
    wade walker wallace walter warren wayne wesley wilbur willard william willie wilson
    xavier yevgeny zachary
    """.split()
)
FEMALE_NAMES = frozenset(
    """
    abby abigail ada adrienne agnes aileen alexandra alexis alice alicia alison allison
    alyssa amanda amber amelia amy ana andrea angela angelina anita ann anna anne annette
    annie antoinette april arlene ashley audrey ava barbara beatrice becky belinda beth
    betsy betty beverly bianca bonnie brenda brianna bridget brittany brooke camila
    candace cara carla carly carmen carol caroline carolyn cassandra catherine cathy
    cecilia charlene charlotte chelsea cheryl christina christine cindy claire clara
    claudia colleen connie constance courtney crystal cynthia daisy danielle darlene
    dawn debbie deborah debra denise diana diane dolores donna doris dorothy edith eileen
    elaine eleanor elena elise eliza elizabeth ella ellen eloise elsa emily emma erica
    erin esther ethel eva evelyn faith felicia fiona florence frances gabrielle ganna gail
    gemma georgia geraldine gina gladys gloria grace gwen hanna hannah harriet hazel
    heather heidi helen hilary hillary holly hope huma ida irene iris iryna isabel
    isabella ivana ivanka jacqueline jane janet janice jasmine jeanne jeannie
    jennifer jenny jessica jill joan joanna joanne jocelyn josephine joy joyce juanita
    judith judy julia julie june justine kamala karen karin kate katherine kathleen
    kathryn kathy katie kay kellyanne kirsten kristen kristin laura lauren leah lena
    lily linda lisa loretta lori lorraine louise lucia lucy lydia lynn madeleine
    madeline maggie marcia margaret maria marian marie marilyn marina marjorie marsha
    martha mary maureen maxine megan megyn melania melanie melinda melissa meredith mia michele
    michelle mildred mindy miriam molly monica nadia nancy naomi natalie natalia nicola
    nicole nikki nina nora norma olena olga olivia paige pamela patricia paula pauline
    peggy penny phyllis priscilla rachel rebecca regina renee rhonda rita roberta robyn
    rosa rosalind rose rosemary ruth sabrina sally samantha sandra sara sarah sharon
    sheila shelley sheryl shirley silvia sonia sophia sophie stacey stephanie sue susan
    suzanne sylvia tamara tammy tanya teresa theresa tiffany tina tonya tracey tulsi
    ursula valentina valerie vanessa vera veronica vicki victoria violet virginia wanda
    wendy whitney yolanda yvette yvonne zoe
    """.split()
)


def gender_of_given(first: str | None) -> Gender | None:
    """The gender a first name gives, when the name is not used for both."""
    if not first:
        return None
    if first in MALE_NAMES:
        return "m"
    if first in FEMALE_NAMES:
        return "f"
    return None


@cache
def _given_names() -> frozenset[str]:
    table = _nicknames()
    return frozenset(table) | frozenset(n for names in table.values() for n in names)


def is_given_name(word: str) -> bool:
    """Whether a word is known as a first name (the gendered lists or the nickname table)."""
    return word in MALE_NAMES or word in FEMALE_NAMES or word in _given_names()


# Abbreviated titles and the words they stand for, so that "Gov. Deval Patrick" holds the
# role of "the governor".
TITLE_ABBREVIATIONS: dict[str, str] = {
    "gov": "governor", "sen": "senator", "rep": "representative", "lt": "lieutenant",
    "gen": "general", "sec": "secretary", "pres": "president", "atty": "attorney",
    "amb": "ambassador", "col": "colonel", "capt": "captain", "adm": "admiral",
    "supt": "superintendent", "cmdr": "commander", "sgt": "sergeant", "insp": "inspector",
}  # fmt: skip


def expand_title(word: str) -> str:
    """A title word written out: "Gov." -> governor; other words as they are (lower case)."""
    w = word.lower().rstrip(".")
    return TITLE_ABBREVIATIONS.get(w, w)
