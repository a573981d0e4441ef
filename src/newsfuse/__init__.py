"""newsfuse: many outlets' reports of one story -> one sourced brief.

The public Python API (docs/api.md): :func:`brief` runs every stage over files or
records and returns a :class:`Brief` (``.to_dict()`` is the ``newsfuse.brief/1`` JSON,
``.render("md" | "html")`` the page). The stages are functions of :mod:`newsfuse.pipeline`
over the records of :mod:`newsfuse.model`, listed in :data:`STAGES` (``newsfuse.extract``,
``newsfuse.cluster`` and ``newsfuse.align`` are the packages that implement three of them:
their functions are ``newsfuse.pipeline.extract`` and so on). :class:`Store` keeps
articles and stories; :func:`states_same` is the brief's test of two sentences. Every
name loads on first use, so that ``import newsfuse`` stays cheap (no spaCy, no model).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from newsfuse.align.paraphrase import Matcher, default_matcher, states_same
    from newsfuse.errors import InputError, NewsfuseError, SchemaError, StoreError
    from newsfuse.model import Alignment, Article, Brief, Extraction, Findings, RawDocument, Story
    from newsfuse.pipeline import STAGES, brief, load, prepare
    from newsfuse.schema import json_schema
    from newsfuse.store import Store

__all__ = [
    "STAGES",
    "Alignment",
    "Article",
    "Brief",
    "Extraction",
    "Findings",
    "InputError",
    "Matcher",
    "NewsfuseError",
    "RawDocument",
    "SchemaError",
    "Store",
    "StoreError",
    "Story",
    "__version__",
    "brief",
    "default_matcher",
    "json_schema",
    "load",
    "prepare",
    "states_same",
]

# Names served from their modules on first access, so that `import newsfuse` (and
# `newsfuse --help`) stays cheap: spaCy and the sentence-embedding model load only when used.
_LAZY = {
    "states_same": "newsfuse.align.paraphrase",
    "Matcher": "newsfuse.align.paraphrase",
    "default_matcher": "newsfuse.align.paraphrase",
    "STAGES": "newsfuse.pipeline",
    "brief": "newsfuse.pipeline",
    "load": "newsfuse.pipeline",
    "prepare": "newsfuse.pipeline",
    "json_schema": "newsfuse.schema",
    "Store": "newsfuse.store",
    "Alignment": "newsfuse.model",
    "Article": "newsfuse.model",
    "Brief": "newsfuse.model",
    "Extraction": "newsfuse.model",
    "Findings": "newsfuse.model",
    "RawDocument": "newsfuse.model",
    "Story": "newsfuse.model",
    "InputError": "newsfuse.errors",
    "NewsfuseError": "newsfuse.errors",
    "SchemaError": "newsfuse.errors",
    "StoreError": "newsfuse.errors",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'newsfuse' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
