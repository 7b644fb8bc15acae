"""The JSON Schema (draft 2020-12) of the catalog format, generated from the model.

The schema is derived from the attrs classes of :mod:`skillframe.model` (derived
fields left out) plus the condition language of step rules, so it cannot drift from
what the loader accepts. ``skillframe schema`` prints it; a copy ships as
``skillframe/schema/catalog.schema.json`` for editors.

>>> s = catalog_schema()
>>> s["$schema"]
'https://json-schema.org/draft/2020-12/schema'
>>> sorted(s["$defs"]["Skill"]["required"])
['id', 'label']
"""

from __future__ import annotations

import json
import types
import typing
from typing import Any, Literal

import attrs

from . import model as m
from ._formats.catalog_file import FORMAT, ID_RE, KINDS
from .conditions.spec import condition_schema

__all__ = ["catalog_schema", "schema_json"]

SCHEMA_ID = "https://skillframe.invalid/schema/catalog.schema.json"


def _type_schema(t: Any, defs: dict[str, Any]) -> dict[str, Any]:
    origin = typing.get_origin(t)
    if t is str:
        return {"type": "string"}
    if t is bool:
        return {"type": "boolean"}
    if t is int:
        return {"type": "integer"}
    if t is float:
        return {"type": "number"}
    if t is type(None):
        return {"type": "null"}
    if t is object:
        return {}
    if origin is Literal:
        return {"enum": list(typing.get_args(t))}
    if origin is tuple:
        args = typing.get_args(t)
        if len(args) == 2 and args[1] is Ellipsis:
            return {"type": "array", "items": _type_schema(args[0], defs)}
        return {"type": "array", "prefixItems": [_type_schema(a, defs) for a in args]}
    if origin in (typing.Union, types.UnionType):
        return {"anyOf": [_type_schema(a, defs) for a in typing.get_args(t)]}
    if attrs.has(t):
        _class_schema(t, defs)
        return {"$ref": f"#/$defs/{t.__name__}"}
    raise TypeError(f"no schema for {t!r}")  # pragma: no cover - the model uses only the above


def _class_schema(cls: type, defs: dict[str, Any]) -> None:
    name = cls.__name__
    if name in defs:
        return
    defs[name] = {}  # placeholder against recursion
    hints = {f.name: f.type for f in attrs.fields(attrs.resolve_types(cls))}  # resolved where cls is defined
    props: dict[str, Any] = {}
    required: list[str] = []
    for f in attrs.fields(cls):
        if f.metadata.get("derived"):
            continue
        if hints[f.name] == (m.Condition | None):
            props[f.name] = {"anyOf": [{"$ref": "#/$defs/Condition"}, {"type": "null"}]}
            continue
        schema = _type_schema(hints[f.name], defs)
        if f.name == "id" and cls is not m.Source:
            schema = {"type": "string", "pattern": ID_RE.pattern}
        props[f.name] = schema
        if f.default is attrs.NOTHING:
            required.append(f.name)
    doc = (cls.__doc__ or "").strip().split("\n\n")[0].replace("\n", " ")
    defs[name] = {
        "type": "object",
        "description": doc,
        "properties": props,
        "required": required,
        "additionalProperties": False,
    }


def catalog_schema() -> dict[str, Any]:
    """The JSON Schema of one catalog file."""
    defs: dict[str, Any] = {}
    _class_schema(m.Framework, defs)
    for cls in KINDS.values():
        _class_schema(cls, defs)
    defs["Condition"] = condition_schema()
    props: dict[str, Any] = {
        "format": {"const": FORMAT},
        "framework": {"anyOf": [{"type": "string"}, {"$ref": "#/$defs/Framework"}]},
    }
    for key, cls in KINDS.items():
        props[key] = {"type": "array", "items": {"$ref": f"#/$defs/{cls.__name__}"}}
    _class_schema(m.Overlay, defs)
    props["overlay"] = {"$ref": "#/$defs/Overlay"}
    props["policy"] = {  # read and checked strictly by skillframe.policy (policy.schema.json: Measure)
        "type": "object",
        "description": "Changes to the policy measures (docs/policy.md): remove, rename, add.",
        "properties": {
            "remove": {"type": "array", "items": {"type": "string"}},
            "rename": {"type": "array", "items": {"type": "object"}},
            "measures": {"type": "array", "items": {"type": "object"}},
        },
        "additionalProperties": False,
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "skillframe catalog",
        "description": "A skillframe catalog file (docs/catalog-format.md).",
        "type": "object",
        "properties": props,
        "required": ["format", "framework"],
        "additionalProperties": False,
        "$defs": dict(sorted(defs.items())),
    }


def schema_json() -> str:
    """The schema as pretty JSON text (what ``skillframe schema`` prints)."""
    return json.dumps(catalog_schema(), ensure_ascii=False, indent=2) + "\n"
