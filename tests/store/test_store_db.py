"""Opening the store: schema migrations, WAL mode and connection settings."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from newsfuse.errors import StoreError
from newsfuse.store import Store, default_db_path
from newsfuse.store import db as store_db


def _tables(conn: sqlite3.Connection) -> set[str]:
    rows = conn.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger')")
    return {r[0] for r in rows}


def test_fresh_store_gets_schema_wal_and_foreign_keys(tmp_path: Path) -> None:
    with Store.open(tmp_path / "news.db") as store:
        conn = store.conn
        assert {"articles", "articles_fts", "ingested_files", "file_articles"} <= _tables(conn)
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert conn.execute("PRAGMA busy_timeout").fetchone()[0] == store_db.BUSY_TIMEOUT_MS
        versions = store_db.applied_versions(conn)
        assert versions == [m.version for m in store_db.migrations()]
        assert versions[0] == 1
    # WAL is a property of the file: a plain sqlite3 connection sees it too.
    plain = sqlite3.connect(tmp_path / "news.db")
    assert plain.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    plain.close()


def test_migrations_are_applied_once(tmp_path: Path) -> None:
    path = tmp_path / "news.db"
    with Store.open(path) as store:
        first = store.conn.execute("SELECT version, applied_at FROM schema_migrations").fetchall()
        store.conn.execute(
            "INSERT INTO ingested_files (path, size, mtime_ns, n_articles, "
            "ingested_at) VALUES ('x', 1, 1, 0, 'now')"
        )
    with Store.open(path) as store:
        # Reopening applies nothing: same rows, and the data written is still there
        # (re-running 0001 would have failed on CREATE TABLE or wiped it).
        assert store_db.apply_migrations(store.conn) == []
        again = store.conn.execute("SELECT version, applied_at FROM schema_migrations").fetchall()
        assert [tuple(r) for r in again] == [tuple(r) for r in first]
        assert store.conn.execute("SELECT count(*) FROM ingested_files").fetchone()[0] == 1


def test_migrations_ship_as_package_data_in_order() -> None:
    found = store_db.migrations()
    assert [m.version for m in found] == sorted(m.version for m in found)
    assert found[0].name == "init"
    assert "CREATE VIRTUAL TABLE articles_fts" in found[0].sql


def test_split_statements_keeps_trigger_bodies_whole() -> None:
    script = """
    -- a comment; with a semicolon
    CREATE TABLE t (x TEXT DEFAULT ';');
    CREATE TRIGGER tr AFTER INSERT ON t BEGIN
        INSERT INTO t VALUES ('a'); DELETE FROM t WHERE x = 'b';
    END;
    """
    statements = store_db.split_statements(script)
    assert len(statements) == 2
    assert statements[1].startswith("CREATE TRIGGER") and statements[1].endswith("END;")


def test_store_newer_than_the_code_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "news.db"
    Store.open(path).close()
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO schema_migrations VALUES (9999, 'future', 'later')")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="newer than this newsfuse"):
        Store.open(path)


def test_a_file_that_is_not_a_database_gives_a_store_error(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_bytes(b"these are my notes, not a database\n" * 200)
    with pytest.raises(StoreError, match=r"notes\.db"):
        Store.open(path)


def test_missing_folder_gives_a_store_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="does its folder exist"):
        Store.open(tmp_path / "nowhere" / "news.db")


def test_must_exist_refuses_to_create(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="newsfuse ingest"):
        Store.open(tmp_path / "absent.db", must_exist=True)
    assert not (tmp_path / "absent.db").exists()


def test_default_path_follows_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(store_db.DB_ENV_VAR, raising=False)
    assert default_db_path() == Path("newsfuse.db")
    monkeypatch.setenv(store_db.DB_ENV_VAR, str(tmp_path / "env.db"))
    assert default_db_path() == tmp_path / "env.db"
