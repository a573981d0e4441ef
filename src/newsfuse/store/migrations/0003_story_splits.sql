-- 0003: stories can split. A story that turns out to hold two events has its later
-- group split off as a new story; the split is an event like a merge, and the
-- member vectors it is decided on are kept with each article while its story is
-- small enough to be checked.

-- SQLite cannot widen a CHECK constraint in place: the events table is rebuilt.
CREATE TABLE story_events_new (
    seq           INTEGER PRIMARY KEY AUTOINCREMENT,
    kind          TEXT NOT NULL CHECK (kind IN ('created', 'merged', 'split')),
    story_id      TEXT NOT NULL,
    article_id    TEXT NOT NULL,
    into_story    TEXT,             -- merged: the story that absorbed story_id
    parent_story  TEXT,             -- split: the story story_id was split from
    at            TEXT NOT NULL
);
INSERT INTO story_events_new (seq, kind, story_id, article_id, into_story, at)
    SELECT seq, kind, story_id, article_id, into_story, at FROM story_events;
DROP TABLE story_events;
ALTER TABLE story_events_new RENAME TO story_events;

-- The article's TF-IDF vector when it was clustered (JSON object term -> weight) and
-- its publication day; NULL for articles clustered before this migration.
ALTER TABLE story_articles ADD COLUMN vector TEXT CHECK (vector IS NULL OR json_valid(vector));
ALTER TABLE story_articles ADD COLUMN day INTEGER;

-- Families of related stories: each story's link to the story that names its family
-- (kept for stories merged away too, so that links through them still resolve), and
-- for a family's root the sum of its articles' vectors (JSON object term -> weight).
CREATE TABLE story_families (
    story_id  TEXT PRIMARY KEY NOT NULL,
    family    TEXT NOT NULL,
    centroid  TEXT CHECK (centroid IS NULL OR json_valid(centroid))
) WITHOUT ROWID;
INSERT INTO story_families (story_id, family) SELECT id, family FROM stories;
