"""What changed in the store lately: the stories that gained articles since a moment
(a reader's last visit) and the stories that are developing, i.e. that grew the most
in recent hours.

Growth counts *independent* reports: a syndicated copy (``story_articles.syndicated_of``)
stands for its original, so a wire story reprinted by ten sites counts once, and
outlets are counted by the outlet of the original. Times are the articles'
``ingested_at`` (when newsfuse stored them, UTC), not their publication dates, which
many pages lack or misstate.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from newsfuse.model import Story
from newsfuse.store.stories import list_stories

# The window "developing" looks back over (hours): long enough for a story to be
# picked up by other outlets, short enough that yesterday's news has calmed down.
DEVELOPING_HOURS = 6.0
# Independent reports a story needs in the window to count as developing: one new
# article is news, a second outlet taking it up is a story developing.
MIN_DEVELOPING_REPORTS = 2
# Stories listed as developing.
MAX_DEVELOPING = 20


@dataclass(slots=True)
class StoryActivity:
    """A story's articles stored after a moment."""

    story: Story
    new_articles: int = 0
    copies: int = 0  # of which syndicated copies
    reports: set[str] = field(default_factory=set)  # originals (a copy stands for its original)
    outlets: set[str] = field(default_factory=set)  # outlets of those originals
    latest: str = ""  # when the newest of them was stored

    def as_json(self) -> dict[str, object]:
        return {
            "story": self.story.id,
            "headline": self.story.headline,
            "articles": len(self.story.articles),
            "new_articles": self.new_articles,
            "syndicated_copies": self.copies,
            "independent_reports": len(self.reports),
            "independent_outlets": sorted(self.outlets),
            "latest": self.latest,
        }


def stamp(moment: datetime) -> str:
    """A moment as ``articles.ingested_at`` writes it (UTC ISO, seconds)."""
    return moment.isoformat(timespec="seconds")


def activity_since(conn: sqlite3.Connection, since: str) -> list[StoryActivity]:
    """Stories with articles stored after ``since`` (ISO), most new articles first."""
    rows = conn.execute(
        "SELECT sa.story_id, a.id, a.source, a.ingested_at, sa.syndicated_of, o.source "
        "FROM story_articles sa JOIN articles a ON a.id = sa.article_id "
        "LEFT JOIN articles o ON o.id = sa.syndicated_of "
        "WHERE a.ingested_at > ? ORDER BY a.ingested_at",
        (since,),
    ).fetchall()
    if not rows:
        return []
    summaries = {s.id: s for s in list_stories(conn)}
    found: dict[str, StoryActivity] = {}
    for story_id, article_id, source, at, copy_of, original_source in rows:
        if story_id not in summaries:
            continue
        act = found.setdefault(story_id, StoryActivity(summaries[story_id]))
        act.new_articles += 1
        original = copy_of or article_id
        act.copies += int(copy_of is not None)
        act.reports.add(original)
        outlet = (original_source if copy_of else source) or f"(unnamed outlet of {original})"
        act.outlets.add(outlet)
        act.latest = max(act.latest, at)
    out = list(found.values())
    out.sort(key=lambda a: (a.new_articles, a.latest), reverse=True)
    return out


def developing(
    conn: sqlite3.Connection,
    now: datetime,
    *,
    hours: float = DEVELOPING_HOURS,
    limit: int = MAX_DEVELOPING,
) -> list[StoryActivity]:
    """The stories that grew the most in the last ``hours``: most independent outlets
    first, then most independent reports, then the most recent."""
    recent = activity_since(conn, stamp(now - timedelta(hours=hours)))
    growing = [a for a in recent if len(a.reports) >= MIN_DEVELOPING_REPORTS]
    growing.sort(key=lambda a: (len(a.outlets), len(a.reports), a.latest), reverse=True)
    return growing[:limit]
