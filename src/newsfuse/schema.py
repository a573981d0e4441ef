"""The JSON edge: the one serialiser of newsfuse's records and the JSON Schemas it publishes.

Records (:mod:`newsfuse.model`) are frozen dataclasses; pydantic writes them as JSON data
(:func:`to_dict`, fields in declaration order, a field whose ``exclude_if`` holds left
out), reads them back (:func:`from_dict`) and describes them (:func:`json_schema`): the
CLI's ``--format json``, the REST API and its OpenAPI description, the stored briefs and
the web pages all go through here, so the ``newsfuse.brief/1`` that ``newsfuse schema
brief`` prints is the one every output follows. Schemas leave ``additionalProperties``
open (a later version may add fields) and declare every field newsfuse writes; a field
always written is ``required``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar

from newsfuse.errors import SchemaError
from newsfuse.model import Brief, Record, StoryList

if TYPE_CHECKING:
    from pydantic import TypeAdapter

R = TypeVar("R", bound=Record)

# The documents whose schemas are published, by the name `newsfuse schema NAME` takes.
DOCUMENTS: dict[str, type[Record]] = {"brief": Brief, "stories": StoryList}
SchemaName = Literal["brief", "stories"]
# Where the published schemas say they live (their "$id"), by document.
SCHEMA_ID = "https://newsfuse.invalid/schema/{name}-1.json"


_ADAPTERS: dict[type[Any], TypeAdapter[Any]] = {}


def adapter(cls: type[Any]) -> TypeAdapter[Any]:
    """pydantic's reader and writer of one record class, built once per process."""
    found = _ADAPTERS.get(cls)
    if found is None:
        from pydantic import TypeAdapter

        found = _ADAPTERS[cls] = TypeAdapter(cls)
    return found


def to_dict(record: Record) -> dict[str, Any]:
    """A record as JSON data: dicts, lists, strings, numbers, booleans and nulls."""
    data: dict[str, Any] = adapter(type(record)).dump_python(record, mode="json")
    return data


def from_dict(cls: type[R], data: Mapping[str, Any]) -> R:
    """A record of class ``cls`` from its JSON data; SchemaError when it does not fit."""
    from pydantic import ValidationError

    try:
        record: R = adapter(cls).validate_python(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "(top)"
        raise SchemaError(
            f"not a {cls.__name__} record: {where}: {first['msg']} ({exc.error_count()} "
            "problem(s) in all)"
        ) from exc
    return record


def record_schema(cls: type[Record]) -> dict[str, Any]:
    """The JSON Schema of what :func:`to_dict` writes for a record class."""
    schema: dict[str, Any] = _numbers(adapter(cls).json_schema(mode="serialization"))
    return schema


# A :data:`newsfuse.model.Num` (int | float) as pydantic describes it; a JSON number says it.
_INT_OR_FLOAT = [{"type": "integer"}, {"type": "number"}]


def _numbers(node: Any) -> Any:
    """The schema with every "integer or number" written as one "number" (JSON has one
    number type; the union only keeps 200 from being written as 200.0)."""
    if isinstance(node, dict):
        if node.get("anyOf") == _INT_OR_FLOAT:
            rest = {k: _numbers(v) for k, v in node.items() if k != "anyOf"}
            return {"type": "number", **rest}
        if isinstance(node.get("anyOf"), list):
            # Num | None: [integer, number, null] -> [number, null]
            items = node["anyOf"]
            if items[:2] == _INT_OR_FLOAT:
                node = {**node, "anyOf": [{"type": "number"}, *items[2:]]}
        return {k: _numbers(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_numbers(v) for v in node]
    return node


def json_schema(name: SchemaName) -> dict[str, Any]:
    """The published JSON Schema of a document: "brief" (``newsfuse.brief/1``) or
    "stories" (``newsfuse.stories/1``)."""
    cls = DOCUMENTS[name]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID.format(name=name),
        **record_schema(cls),
    }
