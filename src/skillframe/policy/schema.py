"""The JSON Schema (draft 2020-12) of the ``skillframe-policy/1`` format, from the model.

Generated from the attrs classes of :mod:`skillframe.policy.model`, so it cannot drift from
what :func:`~skillframe.policy.load_policy` accepts; a copy ships as
``skillframe/schema/policy.schema.json`` for editors (a test checks that it is current).

>>> s = policy_schema()
>>> s["$defs"]["DecisionRow"]["properties"]["mark"]
{'enum': ['○', '△', '×', '—']}
"""

from __future__ import annotations

import json
import types
import typing
from typing import Any, Literal

import attrs

from . import model as pm

__all__ = ["policy_schema", "policy_schema_json"]

SCHEMA_ID = "https://skillframe.invalid/schema/policy.schema.json"


def _type(t: Any, defs: dict[str, Any]) -> dict[str, Any]:
    origin = typing.get_origin(t)
    simple = {str: "string", bool: "boolean", int: "integer", float: "number", type(None): "null"}
    if t in simple:
        return {"type": simple[t]}
    if origin is Literal:
        return {"enum": list(typing.get_args(t))}
    if origin is tuple:
        return {"type": "array", "items": _type(typing.get_args(t)[0], defs)}
    if origin in (typing.Union, types.UnionType):
        return {"anyOf": [_type(a, defs) for a in typing.get_args(t)]}
    if attrs.has(t):
        _class(t, defs)
        return {"$ref": f"#/$defs/{t.__name__}"}
    raise TypeError(f"no schema for {t!r}")  # pragma: no cover - the model uses only the above


def _class(cls: type, defs: dict[str, Any]) -> None:
    if cls.__name__ in defs:
        return
    defs[cls.__name__] = {}
    hints = typing.get_type_hints(cls, vars(pm))
    props = {f.name: _type(hints[f.name], defs) for f in attrs.fields(cls)}
    required = [f.name for f in attrs.fields(cls) if f.default is attrs.NOTHING]
    doc = (cls.__doc__ or "").strip().split("\n\n")[0].replace("\n", " ")
    defs[cls.__name__] = {
        "type": "object",
        "description": doc,
        "properties": props,
        "required": required,
        "additionalProperties": False,
    }


def policy_schema() -> dict[str, Any]:
    """The schema as a dict."""
    defs: dict[str, Any] = {}
    _class(pm.PolicyFile, defs)
    root = defs.pop("PolicyFile")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "skillframe policy file (skillframe-policy/1)",
        **root,
        "$defs": defs,
    }


def policy_schema_json() -> str:
    """The schema as the text of the shipped file."""
    return json.dumps(policy_schema(), ensure_ascii=False, indent=2) + "\n"
