"""clean: boilerplate, repeated paragraphs, text repair -> display paragraphs + removals."""

from newsfuse.clean.core import clean

__all__ = ["clean"]
