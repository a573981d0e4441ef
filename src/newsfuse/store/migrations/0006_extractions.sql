-- 0006: each article's extraction (stage 4: entities, quotes, figures, times and
-- spaCy's sentence bounds; newsfuse.model.Extraction as JSON), kept so that a stored
-- story's brief does not parse its articles again. `version` names the extractor that
-- made it (a hash of the extraction code and the spaCy model): a row of another
-- version is stale and is computed again when it is next needed.
CREATE TABLE extractions (
    article_id  TEXT PRIMARY KEY NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    version     TEXT NOT NULL,
    data        TEXT NOT NULL CHECK (json_valid(data))
);
