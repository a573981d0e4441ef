-- 0004: briefs of stored stories, kept for the web app. A brief is computed from a
-- story's articles (spaCy extraction, alignment) and is only valid for that set of
-- articles: `articles_key` is their sorted ids joined by spaces, and a brief whose
-- key no longer matches its story's articles is stale (an article joined, a merge
-- or a split moved some) and is computed again.
CREATE TABLE story_briefs (
    story_id      TEXT PRIMARY KEY NOT NULL,
    articles_key  TEXT NOT NULL,
    brief         TEXT NOT NULL CHECK (json_valid(brief)),   -- newsfuse.brief/1
    computed_at   TEXT NOT NULL
);

-- The quotes of each stored brief, for finding who said what across stories.
CREATE TABLE brief_quotes (
    story_id    TEXT NOT NULL REFERENCES story_briefs (story_id) ON DELETE CASCADE,
    quote_id    TEXT NOT NULL,
    article_id  TEXT NOT NULL,
    paragraph   INTEGER NOT NULL,
    speaker     TEXT,
    kind        TEXT NOT NULL,
    text        TEXT NOT NULL,
    PRIMARY KEY (story_id, quote_id)
);
CREATE INDEX brief_quotes_speaker ON brief_quotes (speaker COLLATE NOCASE);
