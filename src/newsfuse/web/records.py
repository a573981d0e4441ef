"""The REST API's response models, read from the dataclasses they show.

A record the API returns is declared once, as a dataclass of :mod:`newsfuse.model` or
:mod:`newsfuse.store`; :func:`response_model` makes the pydantic model that
``/openapi.json`` names and FastAPI validates, field for field from the dataclass: the
same names in the same order, the same types, and the descriptions the dataclass's
field ``metadata`` gives. What the web adds is said by name and checked against the
dataclass when the module loads (a name it does not have is a TypeError): a component
name where the API's differs from the class's, a description, a public name for an
internal one (``story_id`` shown as ``story``), a field left out or added, and a type
where the JSON shape is said differently (a ``tuple`` of pairs written as a list of
lists). A field added to the dataclass is thus in the API at once, and one removed or
renamed fails at import instead of drifting.
"""

from __future__ import annotations

import dataclasses
import typing
from collections.abc import Collection, Mapping
from typing import Any

from pydantic import AliasChoices, BaseModel, ConfigDict, Field, create_model

# Every response model reads a dataclass instance by its attributes as well as a dict,
# and a field with an alias (``schema``) by its name too.
CONFIG = ConfigDict(from_attributes=True, validate_by_name=True, validate_by_alias=True)


def response_model(
    record: type[Any],
    *,
    name: str | None = None,
    doc: str | None = None,
    describe: Mapping[str, str] | None = None,
    rename: Mapping[str, str] | None = None,
    retype: Mapping[str, Any] | None = None,
    drop: Collection[str] = (),
    add: Mapping[str, tuple[Any, Any]] | None = None,
    after: str | None = None,
) -> type[BaseModel]:
    """The pydantic model of the dataclass ``record``, its fields in order, each
    required (a response always writes every field).

    ``name`` is the OpenAPI component name (default: the class's), ``doc`` its
    description (default: none). ``describe`` gives descriptions by field name over
    the dataclass's own; ``rename`` shows a field under another name (read from either);
    ``retype`` says a field's type as the JSON has it; ``drop`` leaves fields out;
    ``add`` adds fields (name -> (type, ``Field(...)``)) after the field ``after``, or
    first when it is None. Any field named here that the dataclass lacks is a TypeError.
    """
    describe, rename, retype, add = describe or {}, rename or {}, retype or {}, add or {}
    fields = dataclasses.fields(record)
    known = {f.name for f in fields}
    named = {*describe, *rename, *retype, *drop} | ({after} if after else set())
    if unknown := sorted(named - known):
        raise TypeError(f"{record.__qualname__} has no field(s) {', '.join(unknown)}")
    hints = typing.get_type_hints(record)
    spec: dict[str, Any] = {} if after else dict(add)
    for f in fields:
        if f.name in drop:
            continue
        description = describe.get(f.name, f.metadata.get("description"))
        shown = rename.get(f.name, f.name)
        alias = AliasChoices(shown, f.name) if shown != f.name else None
        spec[shown] = (
            retype.get(f.name, hints[f.name]),
            Field(description=description, validation_alias=alias),
        )
        if f.name == after:
            spec.update(add)
    model: type[BaseModel] = create_model(
        name or record.__name__,
        __config__=CONFIG,
        __doc__=doc,
        __module__=__name__,
        **spec,
    )
    return model
