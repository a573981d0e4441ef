"""Two hand-written reports of one invented flood, for golden tests of cross-source
alignment. Written for newsfuse (no outlet's text): the reports disagree on the death
toll (42 vs "at least 57") and on the damage ($3.5 billion vs $3.6 billion), agree on the
rescues (130 vs "more than 100"), and quote the governor once, in two wordings.

Reuse: ``write_reports(folder)`` writes them as plain-text articles with header lines and
returns their paths, in publication order.
"""

from __future__ import annotations

from pathlib import Path

REPORT_A = """\
date 2024-05-13
title Marren River flood kills 42 in Calder County
source Valley Courier

Floodwaters from the Marren River swept through three towns in Calder County on Monday, \
leaving 42 dead and hundreds of homes under water.

State officials said the flood caused $3.5 billion in damage to roads, bridges and farms.

“Every family in the valley has lost something tonight,” Governor Elena Marsh said at an \
evening briefing in Harlow.

Rescue crews pulled 130 residents from rooftops and cars, the county fire service said.

The river crested late on Monday, and schools in the county will stay closed for the \
rest of the week.
"""

REPORT_B = """\
date 2024-05-14
title Death toll rises as Marren River flood recedes
source Evening Ledger

At least 57 people were killed when the Marren River burst its banks on Monday, \
officials said, and crews were still searching flooded farmland on Tuesday.

Damage from the flood is estimated at $3.6 billion, according to the state emergency \
management agency.

Governor Elena Marsh told reporters that “every family in this valley lost something \
tonight.”

More than 100 residents were rescued from rooftops by fire crews, and the Red Cross \
opened four shelters in the county.
"""

# What the reports state, for the assertions of the tests that use them.
DEATHS = ("42", "At least 57")
DAMAGE = ("$3.5 billion", "$3.6 billion")
RESCUED = ("130", "More than 100")
QUOTE = ("Every family in the valley has lost something tonight", "every family in this valley")
SPEAKER = "Elena Marsh"


def write_reports(folder: Path) -> list[Path]:
    """Write the two reports into ``folder`` as ``flood_a.txt`` and ``flood_b.txt``."""
    paths = []
    for name, text in (("flood_a.txt", REPORT_A), ("flood_b.txt", REPORT_B)):
        path = folder / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths
