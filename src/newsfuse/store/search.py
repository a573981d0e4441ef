"""Full-text search over stored articles (SQLite FTS5 on title + cleaned text).

A query uses FTS5 syntax (``Bakhmut AND Zelensky``, ``"front line"``,
``Zelensk*``, ``title:Bakhmut``). A query that is not valid syntax (an
unbalanced quote, stray punctuation such as ``U.S.`` or ``99,230``) is run
again as plain words, each matched as written, and the result says so.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass

from newsfuse.errors import StoreError

# Schema name of the JSON search result; bump it on any incompatible change.
SEARCH_SCHEMA = "newsfuse.search/1"
# Tokens of context FTS5 puts in a snippet around the matches: about one sentence.
SNIPPET_TOKENS = 24
# bm25 weight of a title match relative to a body match: a word in the headline
# says more about what the article is about than one mention in the text.
TITLE_WEIGHT = 5.0
# Columns of the articles_fts table (migrations/0001_init.sql); a query may name them.
FTS_COLUMNS = ("title", "body")
# Results returned when the caller sets no limit.
DEFAULT_LIMIT = 10
# Marks FTS5 puts around each matched term; private-use characters, so they
# cannot collide with article text, and are removed from the snippet we return.
_OPEN, _CLOSE = "\ue000", "\ue001"
_ELLIPSIS = "…"
_WORDY = re.compile(r"\w")
_BREAK = re.compile(r"\s*\n\s*")

_SEARCH_SQL = f"""
SELECT a.id, a.title, a.source, a.published, a.path, a.url,
       snippet(articles_fts, -1, '{_OPEN}', '{_CLOSE}', '{_ELLIPSIS}', {SNIPPET_TOKENS}) AS snip,
       bm25(articles_fts, {TITLE_WEIGHT}, 1.0) AS score
FROM articles_fts JOIN articles AS a ON a.rowid = articles_fts.rowid
WHERE articles_fts MATCH ?
ORDER BY score, a.published DESC, a.id
LIMIT ?
"""
_COUNT_SQL = "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?"


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One matching article with a snippet of the text around the match.

    ``highlights`` are ``(start, end)`` character offsets into ``snippet`` of
    each matched term; ``score`` is FTS5's bm25 (lower is a better match).
    """

    id: str
    title: str | None
    source: str | None
    published: str | None
    path: str
    url: str | None
    snippet: str
    highlights: tuple[tuple[int, int], ...]
    score: float

    def marked_snippet(self, before: str = "**", after: str = "**") -> str:
        """The snippet with each match wrapped in ``before`` … ``after``."""
        out: list[str] = []
        pos = 0
        for start, end in self.highlights:
            out += [self.snippet[pos:start], before, self.snippet[start:end], after]
            pos = end
        out.append(self.snippet[pos:])
        return "".join(out)


@dataclass(frozen=True, slots=True)
class SearchResult:
    """The hits for one query, how many articles matched in all, and how it was read.

    ``fts_query`` is the FTS5 expression actually run; ``note`` explains a
    fallback to plain words (empty when the query ran as given).
    """

    query: str
    fts_query: str
    total: int
    hits: tuple[SearchHit, ...]
    note: str = ""

    def as_json(self) -> dict[str, object]:
        """The ``newsfuse.search/1`` document (``newsfuse search --format json``).

        ``highlights`` are ``[start, end]`` character offsets of each match in ``snippet``.
        """
        return {
            "schema": SEARCH_SCHEMA,
            "query": self.query,
            "fts_query": self.fts_query,
            "note": self.note or None,
            "total": self.total,
            "hits": [
                {
                    "id": h.id,
                    "title": h.title,
                    "source": h.source,
                    "published": h.published,
                    "path": h.path,
                    "url": h.url,
                    "snippet": h.snippet,
                    "highlights": [list(span) for span in h.highlights],
                    "score": round(h.score, 4),
                }
                for h in self.hits
            ],
        }


def search(conn: sqlite3.Connection, query: str, *, limit: int = DEFAULT_LIMIT) -> SearchResult:
    """Search title and text of every stored article; best matches first.

    Raises StoreError for an empty query; a query with bad syntax is retried
    as plain words instead of failing.
    """
    query = query.replace("\x00", " ")  # SQLite ends a string at NUL
    if not query.strip():
        raise StoreError("the search query is empty: give at least one word")
    if limit < 1:
        raise StoreError(f"the result limit must be at least 1 (got {limit})")
    fts, note = query, ""
    problem = query_syntax_error(query)
    if problem is not None:
        fts = plain_words_query(query)
        note = f"not valid search syntax ({problem}); searched for the words as written"
        if not fts:
            return SearchResult(query, "", 0, (), note=note)
    try:
        return _run(conn, query, fts, limit, note=note)
    except sqlite3.Error as exc:
        raise StoreError(f"cannot search for {query!r}: {exc}") from exc


def query_syntax_error(query: str) -> str | None:
    """FTS5's complaint about ``query`` (e.g. "unterminated string"), or None if it is valid.

    Checked against an empty in-memory table with the store's columns, so that
    an error from the store itself (a locked or damaged file) is never
    mistaken for bad syntax.
    """
    conn = sqlite3.connect(":memory:")
    try:
        conn.execute(f"CREATE VIRTUAL TABLE q USING fts5({', '.join(FTS_COLUMNS)})")
        conn.execute("SELECT count(*) FROM q WHERE q MATCH ?", (query,)).fetchone()
    except sqlite3.OperationalError as exc:
        return str(exc)
    finally:
        conn.close()
    return None


def plain_words_query(query: str) -> str:
    """An FTS5 query matching every word of ``query`` as written (operators, quotes ignored).

    Each whitespace-separated word becomes a quoted string, so punctuation
    inside it only separates tokens (``U.S.`` matches "U S"); words with no
    letter or digit are dropped.
    """
    words = [w.replace('"', "") for w in query.split()]
    return " ".join(f'"{w}"' for w in words if _WORDY.search(w))


def _run(conn: sqlite3.Connection, query: str, fts: str, limit: int, *, note: str) -> SearchResult:
    rows = conn.execute(_SEARCH_SQL, (fts, limit)).fetchall()
    total = conn.execute(_COUNT_SQL, (fts,)).fetchone()[0] if len(rows) == limit else len(rows)
    hits = []
    for row in rows:
        snippet, highlights = _parse_snippet(row[6] or "")
        hits.append(
            SearchHit(
                id=row[0],
                title=row[1],
                source=row[2],
                published=row[3],
                path=row[4],
                url=row[5],
                snippet=snippet,
                highlights=highlights,
                score=float(row[7]),
            )
        )
    return SearchResult(query, fts, int(total), tuple(hits), note=note)


def _parse_snippet(marked: str) -> tuple[str, tuple[tuple[int, int], ...]]:
    """Strip FTS5's match marks, keeping where they stood as offsets."""
    out: list[str] = []
    spans: list[tuple[int, int]] = []
    length = 0
    start = -1
    for part in re.split(f"([{_OPEN}{_CLOSE}])", marked):
        if part == _OPEN:
            start = length
        elif part == _CLOSE:
            if start >= 0 and length > start:
                spans.append((start, length))
            start = -1
        else:
            part = _BREAK.sub(" ", part)  # paragraph breaks: a snippet is one line
            out.append(part)
            length += len(part)
    return "".join(out), tuple(spans)
