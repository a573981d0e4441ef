-- 0002: stories. The online clusterer's state lives here, written in the same
-- transaction as the articles it assigns, so a crash never leaves an article
-- without its story or a story pointing at a missing article.

-- One row per story: its centroid (JSON object term -> weight, the sum of its
-- articles' TF-IDF vectors, truncated) and the days it spans (proleptic ordinals).
CREATE TABLE stories (
    id          TEXT PRIMARY KEY NOT NULL,
    centroid    TEXT NOT NULL CHECK (json_valid(centroid)),
    first_day   INTEGER,
    last_day    INTEGER,
    n_articles  INTEGER NOT NULL,
    family      TEXT NOT NULL,      -- the story that names its family of related stories
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);

-- Which story each article belongs to, in arrival order (`seq`). `signature` is
-- the MinHash of its text (JSON array) for finding syndicated copies; NULL for
-- texts too short to check. `syndicated_of` names the article it copies.
CREATE TABLE story_articles (
    article_id     TEXT PRIMARY KEY NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    story_id       TEXT NOT NULL,
    seq            INTEGER NOT NULL,
    similarity     REAL NOT NULL,
    syndicated_of  TEXT,
    signature      TEXT CHECK (signature IS NULL OR json_valid(signature)),
    assigned_at    TEXT NOT NULL
);
CREATE INDEX story_articles_story ON story_articles (story_id, seq);

-- Every story created or merged, in order: merges are recorded, never silent.
CREATE TABLE story_events (
    seq         INTEGER PRIMARY KEY AUTOINCREMENT,
    kind        TEXT NOT NULL CHECK (kind IN ('created', 'merged')),
    story_id    TEXT NOT NULL,
    article_id  TEXT NOT NULL,
    into_story  TEXT,
    at          TEXT NOT NULL
);

-- Document frequencies of the clustering terms over the stored articles.
CREATE TABLE term_df (
    term  TEXT PRIMARY KEY NOT NULL,
    df    INTEGER NOT NULL
) WITHOUT ROWID;

-- Counters of the clusterer: `seen` (articles clustered).
CREATE TABLE cluster_meta (
    key    TEXT PRIMARY KEY NOT NULL,
    value  TEXT NOT NULL
);
