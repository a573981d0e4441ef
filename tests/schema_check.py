"""Validate a JSON document against the schema newsfuse publishes (``newsfuse schema``):
jsonschema checks it, and every field the document holds must be declared (the schemas
leave ``additionalProperties`` open, so jsonschema alone would let an undeclared one by)."""

from __future__ import annotations

from functools import cache
from typing import Any

from jsonschema import Draft202012Validator

from newsfuse.schema import SchemaName, json_schema


@cache
def _validator(name: SchemaName) -> Draft202012Validator:
    schema = json_schema(name)
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def assert_valid(doc: Any, name: SchemaName = "brief") -> None:
    """Assert ``doc`` follows the published ``name`` schema and declares every field."""
    validator = _validator(name)
    errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.absolute_path))
    assert not errors, [f"{list(e.absolute_path)}: {e.message}" for e in errors[:5]]
    schema = validator.schema
    undeclared: list[str] = []
    _declared(doc, schema, schema["$defs"], "", undeclared)
    assert not undeclared, undeclared[:10]


def _declared(
    node: Any, schema: dict[str, Any], defs: dict[str, Any], path: str, out: list[str]
) -> None:
    if "$ref" in schema:
        schema = defs[schema["$ref"].rsplit("/", 1)[1]]
    if "anyOf" in schema:  # X | None: the branch that fits the value
        for option in schema["anyOf"]:
            resolved = defs[option["$ref"].rsplit("/", 1)[1]] if "$ref" in option else option
            kind = resolved.get("type")
            fits = (
                (kind == "object" and isinstance(node, dict))
                or (kind == "array" and isinstance(node, list))
                or (kind not in ("object", "array") and not isinstance(node, dict | list))
            )
            if fits:
                _declared(node, resolved, defs, path, out)
                return
        return
    if isinstance(node, dict):
        props = schema.get("properties")
        extra = schema.get("additionalProperties")
        for key, value in node.items():
            if props is not None:
                if key not in props:
                    out.append(f"{path}.{key}")
                else:
                    _declared(value, props[key], defs, f"{path}.{key}", out)
            elif isinstance(extra, dict):
                _declared(value, extra, defs, f"{path}.{key}", out)
    elif isinstance(node, list):
        items = schema.get("items")
        prefix = schema.get("prefixItems")
        for i, value in enumerate(node):
            if prefix is not None and i < len(prefix):
                _declared(value, prefix[i], defs, f"{path}[{i}]", out)
            elif isinstance(items, dict):
                _declared(value, items, defs, f"{path}[{i}]", out)
