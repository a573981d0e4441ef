"""annotate: metadata (publication date, outlet, title) with provenance."""

from newsfuse.annotate.metadata import annotate

__all__ = ["annotate"]
