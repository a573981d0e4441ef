-- 0006: the full-text index merges its segments less eagerly. FTS5 writes one segment
-- per transaction (one ingest batch) and by default merges them as soon as 4 share a
-- level, rewriting the index again and again while an ingest runs: most of the store's
-- cost per article on the bench's 1,000-article ingest (docs/benchmarks.md). 16 per
-- level writes each posting about half as often; a search reads up to 16 segments per
-- level instead of 4 (a few more page reads, the same hits in the same rank order).
-- Only the index's own config row changes: every article, story and stored row stays.
INSERT INTO articles_fts (articles_fts, rank) VALUES ('automerge', 16);
