-- 0001: articles, their full-text index, and the record of ingested files.
-- Applied once, inside one transaction, by newsfuse.store.db.apply_migrations.

-- One row per cleaned, annotated article. `id` is the content id from
-- newsfuse.pipeline.article_id, so the same article from two inputs is one row.
-- List-valued fields are JSON arrays; `body` is the cleaned text (paragraphs
-- joined by blank lines) that the full-text index reads.
CREATE TABLE articles (
    id              TEXT PRIMARY KEY NOT NULL,
    path            TEXT NOT NULL,
    url             TEXT,
    format          TEXT NOT NULL,
    source          TEXT,
    source_from     TEXT NOT NULL DEFAULT 'none',
    title           TEXT,
    title_from      TEXT NOT NULL DEFAULT 'none',
    published       TEXT,
    published_from  TEXT NOT NULL DEFAULT 'none',
    paragraphs      TEXT NOT NULL CHECK (json_valid(paragraphs) AND json_type(paragraphs) = 'array'),
    removed         TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(removed)),
    repairs         TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(repairs)),
    body            TEXT NOT NULL,
    raw_text        TEXT NOT NULL DEFAULT '',
    ingested_at     TEXT NOT NULL
);

CREATE INDEX articles_published ON articles (published);
CREATE INDEX articles_source ON articles (source);

-- Full-text index over title + cleaned text. External content: the text lives
-- only in `articles`; the triggers below keep the index in step inside the
-- same transaction as every write to `articles`.
CREATE VIRTUAL TABLE articles_fts USING fts5 (
    title,
    body,
    content = 'articles',
    content_rowid = 'rowid',
    tokenize = 'porter unicode61 remove_diacritics 2'
);

CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts (rowid, title, body) VALUES (new.rowid, new.title, new.body);
END;

CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, body)
    VALUES ('delete', old.rowid, old.title, old.body);
END;

CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, body ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, body)
    VALUES ('delete', old.rowid, old.title, old.body);
    INSERT INTO articles_fts (rowid, title, body) VALUES (new.rowid, new.title, new.body);
END;

-- Files already ingested in full (no rejected part), keyed by real path and
-- identified by size + modification time, so a re-run skips reading and
-- cleaning them. A changed file no longer matches and is read again.
-- `n_articles` counts the articles the file yielded, repeats included.
CREATE TABLE ingested_files (
    id           INTEGER PRIMARY KEY,
    path         TEXT NOT NULL UNIQUE,
    size         INTEGER NOT NULL,
    mtime_ns     INTEGER NOT NULL,
    n_articles   INTEGER NOT NULL,
    ingested_at  TEXT NOT NULL
);

-- Which articles each ingested file gave (a JSONL file gives several; one
-- article can come from several files).
CREATE TABLE file_articles (
    file_id     INTEGER NOT NULL REFERENCES ingested_files (id) ON DELETE CASCADE,
    article_id  TEXT NOT NULL REFERENCES articles (id),
    PRIMARY KEY (file_id, article_id)
) WITHOUT ROWID;

CREATE INDEX file_articles_article ON file_articles (article_id);

-- Deleting an article forgets the files it came from, so the next ingest of
-- those files reads them again instead of skipping them.
CREATE TRIGGER articles_forget_files AFTER DELETE ON articles BEGIN
    DELETE FROM ingested_files
    WHERE id IN (SELECT file_id FROM file_articles WHERE article_id = old.id);
END;
