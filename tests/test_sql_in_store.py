"""The store owns all SQL: no module outside ``newsfuse/store`` runs a statement,
opens a transaction, imports sqlite3 or reaches for the store's connection."""

from __future__ import annotations

import ast
from pathlib import Path

import newsfuse

_SRC = Path(newsfuse.__file__).parent
# Calls that run SQL on a connection or cursor.
_SQL_CALLS = {"execute", "executemany", "executescript"}
# Modules that give direct access to the database.
_DB_MODULES = {"sqlite3", "newsfuse.store.db"}


def sql_outside_store(root: Path = _SRC) -> list[str]:
    """``path:line: what`` for each SQL call, connection use or database import found in
    a module of ``root`` that is not under ``store/``."""
    found: list[str] = []
    for path in sorted(root.rglob("*.py")):
        if root / "store" in path.parents:
            continue
        tree = ast.parse(path.read_text("utf-8"), filename=str(path))
        where = path.relative_to(root)
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and node.attr in _SQL_CALLS | {"conn"}:
                found.append(f"{where}:{node.lineno}: .{node.attr}")
            elif isinstance(node, ast.Import):
                found += [
                    f"{where}:{node.lineno}: import {a.name}"
                    for a in node.names
                    if a.name in _DB_MODULES
                ]
            elif isinstance(node, ast.ImportFrom) and node.module in _DB_MODULES:
                found.append(f"{where}:{node.lineno}: from {node.module} import")
            elif (
                isinstance(node, ast.ImportFrom)
                and node.module == "newsfuse.store"
                and any(a.name == "db" for a in node.names)
            ):
                found.append(f"{where}:{node.lineno}: from newsfuse.store import db")
    return sorted(found)


def test_no_sql_outside_the_store() -> None:
    assert sql_outside_store() == []


def test_the_check_finds_sql_written_outside_the_store(tmp_path: Path) -> None:
    (tmp_path / "store").mkdir()
    (tmp_path / "store" / "ok.py").write_text("import sqlite3\nconn.execute('SELECT 1')\n")
    (tmp_path / "web.py").write_text(
        "import sqlite3\n"
        "from newsfuse.store.db import transaction\n"
        "store.conn.execute('SELECT 1')\n"
        "cur.executemany('UPDATE t SET a = ?', rows)\n"
    )
    found = sql_outside_store(tmp_path)
    assert found == [
        "web.py:1: import sqlite3",
        "web.py:2: from newsfuse.store.db import",
        "web.py:3: .conn",
        "web.py:3: .execute",
        "web.py:4: .executemany",
    ]
