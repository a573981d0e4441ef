"""One word fold for every stage that compares words, and the demonym table it reads.

Callers differ in how far they fold, and their figures depend on it, so the differences
are keyword parameters of the one function, each caller's setting named at the call
(``align.text.fold``, ``align.paraphrase_features.fold``, ``cluster.features._fold``,
``eval.speakers._norm``)."""

from __future__ import annotations

# Demonyms and the places they come from, for matching titles ("Russian" ~ "Russia's").
DEMONYMS: dict[str, str] = {
    "russian": "russia", "ukrainian": "ukraine", "american": "us", "british": "uk",
    "french": "france", "german": "germany", "chinese": "china", "belarusian": "belarus",
    "polish": "poland", "u.s.": "us", "u.k.": "uk", "america": "us", "britain": "uk",
    "united states": "us", "united kingdom": "uk", "mexican": "mexico", "israeli": "israel",
    "iranian": "iran", "syrian": "syria", "turkish": "turkey", "european": "europe",
}  # fmt: skip

# Endings that look plural but are not ("press", "campus", "analysis").
NOT_PLURAL = ("ss", "us", "is")
# Shortest word whose final "s" is folded by default (5: "news" and "bus" keep theirs).
PLURAL_FROM = 5
# Shortest word whose "ies" becomes "y" ("cities" -> "city"; "ties" stays).
IES_FROM = 5


def bare(word: str) -> str:
    """Lower case, straight apostrophes, no possessive ("Russia’s" -> "russia")."""
    w = word.lower().replace("’", "'")
    return w[:-2] if w.endswith("'s") else w


def fold(
    word: str,
    *,
    plural_from: int = PLURAL_FROM,
    ies: bool = True,
    demonyms: bool = True,
    not_plural: tuple[str, ...] = NOT_PLURAL,
    drop: str = "",
) -> str:
    """Lower-case, drop a possessive, fold a demonym ("Russian" -> "russia") and a plural.

    ``plural_from``: shortest word whose final ``s`` is dropped; ``ies``: fold "-ies" to
    "-y" (words of IES_FROM letters or more); ``demonyms``: map DEMONYMS; ``not_plural``:
    endings whose ``s`` stays; ``drop``: characters deleted after the possessive (before
    the plural is looked at)."""
    w = bare(word)
    for ch in drop:
        w = w.replace(ch, "")
    if demonyms and w in DEMONYMS:
        return DEMONYMS[w]
    if ies and len(w) >= IES_FROM and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) >= plural_from and w.endswith("s") and not w.endswith(not_plural):
        w = w[:-1]
    return w
