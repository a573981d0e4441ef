"""The summary of a story: 5 to 10 lines that say what happened.

What several sources state comes first, then the articles' leads in turn. A line that
previews an event ("is set to vote", "will meet") gives way to lines that report what
happened when any article does: the later reports supersede the preview. Among the
leads, the most recent article's come first for the same reason. Every line cites the
sentences it comes from, and records under ``differs`` an article that gives a different
value for one of its figures (it is never cited as agreeing).
"""

from __future__ import annotations

from collections.abc import Sequence

from newsfuse.align.facts import COVERED, Story, standalone
from newsfuse.align.timing import later_first, preview
from newsfuse.model import FactLine, SummaryLine

# Summary length: 5 to 10 lines.
SUMMARY_MIN, SUMMARY_MAX = 5, 10
# Lead sentences considered per article (the first paragraphs carry the news).
LEAD_SENTENCES = 6


def summary(story: Story, shared: Sequence[FactLine]) -> list[SummaryLine]:
    """The summary lines of a story (see the module docstring)."""
    published = {a.id: a.published or "" for a in story.articles}
    order = {a.id: k for k, a in enumerate(story.articles)}

    def newest(line: FactLine) -> str:
        return max(published[c.article] for c in line.cites)

    # what most sources state first; among those, what stands nearest the articles' leads
    facts = sorted(
        shared,
        key=lambda f: (
            preview(f.text),
            -f.sources,
            min(c.paragraph for c in f.cites),
            later_first(newest(f)),
            order[f.articles[0]],
        ),
    )
    by_start = {(s.article, s.paragraph, s.start): k for k, s in enumerate(story.units)}
    chosen: list[SummaryLine] = []
    used: set[int] = set()
    for f in facts[:SUMMARY_MAX]:
        chosen.append(
            SummaryLine(text=f.text, articles=f.articles, cites=f.cites, differs=f.differs)
        )
        used |= {by_start[(c.article, c.paragraph, c.start)] for c in f.cites}
    leads = _leads(story)
    reports = [k for k in leads if not preview(story.units[k].text)]
    for k in reports + [k for k in leads if k not in reports]:
        if len(chosen) >= SUMMARY_MIN:
            break
        if k in used or any(story.score(k, u) >= COVERED for u in used):
            continue
        s = story.units[k]
        used.add(k)
        chosen.append(SummaryLine(text=s.text, articles=(s.article,), cites=(s.cite(),)))
    return chosen[:SUMMARY_MAX]


def _leads(story: Story) -> list[int]:
    """Each article's first standalone sentences, taken in turn, newest article first."""
    by_article: dict[str, list[int]] = {}
    for k, s in enumerate(story.units):
        if standalone(s):
            by_article.setdefault(s.article, []).append(k)
    position = {a.id: k for k, a in enumerate(story.articles)}
    ranked = sorted(story.articles, key=lambda a: (later_first(a.published or ""), position[a.id]))
    columns = [by_article.get(a.id, [])[:LEAD_SENTENCES] for a in ranked]
    return [c[n] for n in range(LEAD_SENTENCES) for c in columns if n < len(c)]
