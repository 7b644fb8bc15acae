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
from typing import Any

import attrs

from . import model as m
from ._formats.catalog_file import FORMAT, ID_RE, KINDS
from ._json_schema import SKIP, SchemaWalk
from .conditions.spec import condition_schema

__all__ = ["catalog_schema", "schema_json"]

SCHEMA_ID = "https://skillframe.invalid/schema/catalog.schema.json"


def _hints(cls: type) -> dict[str, Any]:
    return {f.name: f.type for f in attrs.fields(attrs.resolve_types(cls))}  # resolved where cls is defined


def _field(cls: type, f: attrs.Attribute[Any], hint: Any) -> dict[str, Any] | None:
    """The catalog format's own rules: derived fields left out, rules are conditions, ids have a pattern."""
    if f.metadata.get("derived"):
        return SKIP
    if hint == (m.Condition | None):
        return {"anyOf": [{"$ref": "#/$defs/Condition"}, {"type": "null"}]}
    if f.name == "id" and cls is not m.Source:
        return {"type": "string", "pattern": ID_RE.pattern}
    return None


def catalog_schema() -> dict[str, Any]:
    """The JSON Schema of one catalog file."""
    defs: dict[str, Any] = {}
    walk = SchemaWalk(_hints, defs, _field)
    walk.add(m.Framework)
    for cls in KINDS.values():
        walk.add(cls)
    defs["Condition"] = condition_schema()
    props: dict[str, Any] = {
        "format": {"const": FORMAT},
        "framework": {"anyOf": [{"type": "string"}, {"$ref": "#/$defs/Framework"}]},
    }
    for key, cls in KINDS.items():
        props[key] = {"type": "array", "items": {"$ref": f"#/$defs/{cls.__name__}"}}
    walk.add(m.Overlay)
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
