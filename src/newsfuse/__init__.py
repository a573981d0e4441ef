"""newsfuse: many outlets' reports of one story -> one sourced brief."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from newsfuse.align.paraphrase import Matcher, default_matcher, states_same

__all__ = ["Matcher", "__version__", "default_matcher", "states_same"]

# Names served from their modules on first access, so that `import newsfuse` (and
# `newsfuse --help`) stays cheap: the sentence-embedding model loads only when used.
_LAZY = {
    "states_same": "newsfuse.align.paraphrase",
    "Matcher": "newsfuse.align.paraphrase",
    "default_matcher": "newsfuse.align.paraphrase",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'newsfuse' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value
