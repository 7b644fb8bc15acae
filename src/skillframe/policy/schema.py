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
import typing
from typing import Any

from .._json_schema import SchemaWalk
from . import model as pm

__all__ = ["policy_schema", "policy_schema_json"]

SCHEMA_ID = "https://skillframe.invalid/schema/policy.schema.json"


def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls, vars(pm))


def policy_schema() -> dict[str, Any]:
    """The schema as a dict."""
    defs: dict[str, Any] = {}
    SchemaWalk(_hints, defs).add(pm.PolicyFile)
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
