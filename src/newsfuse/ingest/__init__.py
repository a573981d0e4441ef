"""ingest: files, folders, globs and stdin -> RawDocument (or a named Rejection)."""

from newsfuse.ingest.sources import DEFAULT_MAX_BYTES, iter_inputs, read_inputs

__all__ = ["DEFAULT_MAX_BYTES", "iter_inputs", "read_inputs"]
