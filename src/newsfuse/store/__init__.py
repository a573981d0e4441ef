"""store: the SQLite store (articles, full-text search), migrated from .sql files."""

from newsfuse.store.core import BatchResult, FileStamp, IngestedFile, Store
from newsfuse.store.db import default_db_path
from newsfuse.store.ingest import DEFAULT_BATCH_SIZE, IngestReport, ingest_paths, input_paths
from newsfuse.store.queries import ArticleListing, ArticleOrigin, StoredBrief, WatchPoll
from newsfuse.store.search import SearchHit, SearchResult

__all__ = [
    "DEFAULT_BATCH_SIZE",
    "ArticleListing",
    "ArticleOrigin",
    "BatchResult",
    "FileStamp",
    "IngestReport",
    "IngestedFile",
    "SearchHit",
    "SearchResult",
    "Store",
    "StoredBrief",
    "WatchPoll",
    "default_db_path",
    "ingest_paths",
    "input_paths",
]
