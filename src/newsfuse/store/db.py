"""Open the SQLite store: connection settings and schema migrations.

Migrations are the ``NNNN_name.sql`` files in ``newsfuse/store/migrations``
(package data), applied in order of their number, each in its own
transaction, and recorded in ``schema_migrations`` so that each runs once.
"""

from __future__ import annotations

import os
import re
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path

from newsfuse.errors import StoreError

# The store used when neither --db nor $NEWSFUSE_DB names one.
DEFAULT_DB_NAME = "newsfuse.db"
# Environment variable naming the store.
DB_ENV_VAR = "NEWSFUSE_DB"
# How long a writer waits for another process's lock before giving up: long
# enough to ride out a concurrent ingest's batch commit (milliseconds).
BUSY_TIMEOUT_MS = 30_000
# Migration file names: a number that orders them, then a name.
_MIGRATION_RE = re.compile(r"^(\d{4})_([a-z0-9_]+)\.sql$")


@dataclass(frozen=True, slots=True)
class Migration:
    """One schema step: its version number, name and SQL script."""

    version: int
    name: str
    sql: str


def default_db_path() -> Path:
    """``$NEWSFUSE_DB`` when set, else ``./newsfuse.db``."""
    return Path(os.environ.get(DB_ENV_VAR) or DEFAULT_DB_NAME)


def migrations() -> list[Migration]:
    """The migrations shipped with the package, in the order they apply."""
    found: list[Migration] = []
    for entry in resources.files("newsfuse.store").joinpath("migrations").iterdir():
        m = _MIGRATION_RE.match(entry.name)
        if m:
            found.append(Migration(int(m.group(1)), m.group(2), entry.read_text("utf-8")))
    found.sort(key=lambda mig: mig.version)
    versions = [mig.version for mig in found]
    if len(set(versions)) != len(versions):
        raise StoreError(f"two migrations share a version number: {versions}")
    return found


def connect(path: str | Path) -> sqlite3.Connection:
    """Open (creating if needed) the store at ``path`` and bring its schema up to date.

    The connection is in autocommit mode: callers group writes with
    :func:`transaction`. WAL journaling lets searches read while an ingest
    writes, and keeps the file consistent if a writer is killed mid-batch.
    """
    where = str(path)
    try:
        conn = sqlite3.connect(where, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
    except sqlite3.Error as exc:
        raise StoreError(f"cannot open the store {where}: {exc} (does its folder exist?)") from exc
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if str(mode).lower() != "wal" and where != ":memory:":
            raise StoreError(f"{where}: cannot switch the store to WAL mode (got {mode!r})")
        # NORMAL is safe in WAL mode: a killed process never corrupts the file, and
        # only a power cut may lose the last committed batches.
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA foreign_keys = ON")
        apply_migrations(conn)
    except sqlite3.OperationalError as exc:
        conn.close()
        if "locked" in str(exc):
            raise StoreError(
                f"the store {where} stayed locked by another process for "
                f"{BUSY_TIMEOUT_MS // 1000} s; try again when it has finished"
            ) from exc
        raise StoreError(f"cannot open the store {where}: {exc}") from exc
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise StoreError(f"{where} is not a usable newsfuse store: {exc}") from exc
    except StoreError:
        conn.close()
        raise
    return conn


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """Run the block in one write transaction: all of it is committed, or none."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        if conn.in_transaction:  # SQLite may already have rolled back (e.g. on SQLITE_FULL)
            conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def applied_versions(conn: sqlite3.Connection) -> list[int]:
    """Versions recorded in ``schema_migrations``, oldest first."""
    rows = conn.execute("SELECT version FROM schema_migrations ORDER BY version").fetchall()
    return [int(r[0]) for r in rows]


def apply_migrations(conn: sqlite3.Connection) -> list[int]:
    """Apply every migration not yet recorded; return the versions applied now.

    Each migration runs in its own ``BEGIN IMMEDIATE`` transaction and
    re-checks what is applied once it holds the write lock, so two processes
    opening a fresh store at once apply each migration exactly once.
    """
    conn.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
    )
    known = migrations()
    newest = max((m.version for m in known), default=0)
    done = set(applied_versions(conn))
    if done and max(done) > newest:
        raise StoreError(
            f"the store's schema is version {max(done)}, newer than this newsfuse knows "
            f"({newest}); upgrade newsfuse to open it"
        )
    applied: list[int] = []
    for mig in known:
        if mig.version in done:
            continue
        with transaction(conn):
            if conn.execute(
                "SELECT 1 FROM schema_migrations WHERE version = ?", (mig.version,)
            ).fetchone():
                continue  # another process applied it while we waited for the lock
            for statement in split_statements(mig.sql):
                try:
                    conn.execute(statement)
                except sqlite3.Error as exc:
                    raise StoreError(
                        f"migration {mig.version:04d}_{mig.name}.sql failed: {exc}"
                    ) from exc
            conn.execute(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                (mig.version, mig.name, datetime.now(UTC).isoformat(timespec="seconds")),
            )
        applied.append(mig.version)
    return applied


def split_statements(script: str) -> list[str]:
    """Split an SQL script into complete statements (trigger bodies stay whole)."""
    statements: list[str] = []
    current = ""
    for piece in script.split(";"):
        current += piece + ";"
        if sqlite3.complete_statement(current):
            if _strip_comments(current).strip(" \t\r\n;"):
                statements.append(current.strip())
            current = ""
    if _strip_comments(current).strip(" \t\r\n;"):
        raise StoreError(f"incomplete SQL statement at the end of a migration: {current[:80]!r}")
    return statements


def _strip_comments(sql: str) -> str:
    return re.sub(r"--[^\n]*", "", sql)
