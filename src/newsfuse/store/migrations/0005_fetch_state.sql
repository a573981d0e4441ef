-- 0005: what live ingest (URLs, feeds, sitemaps; `newsfuse watch`) remembers between
-- runs. Written in the same transaction as the articles they concern, so a run
-- killed at any point neither forgets an article it stored nor marks a feed as read
-- before every article in it is stored.

-- One row per URL fetched as a list (feed, OPML list, sitemap, sitemap index) or that
-- failed. `etag` and `last_modified` are the validators sent as If-None-Match /
-- If-Modified-Since next time; they are kept only once every article the list named
-- is stored or has failed for good, so a list read in part is read again. `links`
-- keeps what an OPML list or sitemap index names, to poll its children after a 304.
-- Failures count up (`failures`) and push `retry_at` back (watch waits it out);
-- `gave_up` = 1 once a failure cannot pass (HTTP 404, robots.txt, no article text)
-- or has repeated too often.
CREATE TABLE fetch_state (
    url            TEXT PRIMARY KEY NOT NULL,
    kind           TEXT NOT NULL,          -- feed | opml | sitemap | sitemapindex | page
    etag           TEXT,
    last_modified  TEXT,
    links          TEXT CHECK (links IS NULL OR json_valid(links)),
    failures       INTEGER NOT NULL DEFAULT 0,
    error          TEXT,                   -- the last failure's reason
    retry_at       TEXT,
    gave_up        INTEGER NOT NULL DEFAULT 0,
    checked_at     TEXT NOT NULL,
    changed_at     TEXT                    -- last read with content (HTTP 200)
);

-- Article URLs already ingested (as listed and after redirects): such a URL is not
-- fetched again. Deleting the article forgets its URLs.
CREATE TABLE fetched_urls (
    url         TEXT PRIMARY KEY NOT NULL,
    article_id  TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    via         TEXT,                      -- the feed or sitemap that listed it
    fetched_at  TEXT NOT NULL
);
CREATE INDEX fetched_urls_article ON fetched_urls (article_id);

-- Each poll of `newsfuse watch`: a row is written when it starts and completed when
-- it ends, so an interrupted poll shows (finished_at NULL) and the next one resumes.
CREATE TABLE watch_polls (
    id           INTEGER PRIMARY KEY,
    started_at   TEXT NOT NULL,
    finished_at  TEXT,
    sources      TEXT NOT NULL CHECK (json_valid(sources)),
    new          INTEGER,
    present      INTEGER,
    rejected     INTEGER,
    deferred     INTEGER
);
