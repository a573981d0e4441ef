"""One exception tree: every error says what went wrong and where."""

from __future__ import annotations


class NewsfuseError(Exception):
    """Base of every error newsfuse raises on purpose."""


class InputError(NewsfuseError):
    """An input (file, record, stdin) cannot be read; carries its path and the reason."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class StoreError(NewsfuseError):
    """The SQLite store cannot be opened, migrated or written."""


class EvalError(NewsfuseError):
    """An evaluation set is missing or malformed, or a gate failed."""


class SchemaError(NewsfuseError):
    """JSON data does not fit the record it should hold (a stored brief of an older shape,
    a hand-written record); names the record, the field and what is wrong."""
