"""The JSON Schema (draft 2020-12) of ``skillframe-evaluation/1``, written once, here.

:meth:`skillframe.Evaluation.to_dict` (:mod:`skillframe.engine.explain_data`) makes
documents of this format; the condition kinds and their parameters come from
:mod:`skillframe.conditions.spec`, so the schema follows the rule language. A copy ships as
``skillframe/schema/evaluation.schema.json`` (a test checks that it is current);
``skillframe schema evaluation`` prints it. ``skillframe evaluate --format json`` writes a
JSON array of such documents.

>>> s = evaluation_schema()
>>> s["properties"]["format"], s["$defs"]["Leaf"]["properties"]["status"]["enum"]
({'const': 'skillframe-evaluation/1'}, ['met', 'unmet', 'unknown'])
>>> sorted(v["properties"]["kind"]["const"] for v in s["$defs"]["Condition"]["oneOf"])[:3]
['custom', 'dsm', 'dx_lead_count']
"""

from __future__ import annotations

import json
from typing import Any

from ..conditions.spec import KINDS, condition_schema

__all__ = ["FORMAT", "SCHEMA_ID", "evaluation_schema", "evaluation_schema_json"]

#: The format name and version of an evaluation document.
FORMAT = "skillframe-evaluation/1"
SCHEMA_ID = "https://skillframe.invalid/schema/evaluation.schema.json"

#: A leaf's place in its step's rule: ``all[1].any[0]``, ``not``…; ``""`` is the rule itself.
PATH_PATTERN = r"^$|^(all\[[0-9]+\]|any\[[0-9]+\]|not)(\.(all\[[0-9]+\]|any\[[0-9]+\]|not))*$"

_TEXT = {"type": "string"}
_TEXT_OR_NULL = {"type": ["string", "null"]}
_STATUS = {"enum": ["met", "unmet", "unknown"]}


def _object(description: str, props: dict[str, Any], optional: tuple[str, ...] = ()) -> dict[str, Any]:
    out: dict[str, Any] = {"type": "object", "description": description} if description else {"type": "object"}
    return {
        **out,
        "properties": props,
        "required": [k for k in props if k not in optional],
        "additionalProperties": False,
    }


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/$defs/{name}"}


def _or_null(schema: dict[str, Any]) -> dict[str, Any]:
    return {"anyOf": [schema, {"type": "null"}]}


def _conditions() -> dict[str, Any]:
    """One variant per leaf kind: ``{"kind": key, "params": {...}}``, params as in catalog files."""
    written = {next(iter(v["properties"])): v["properties"] for v in condition_schema()["oneOf"]}
    variants = []
    for kind in KINDS:
        if kind.shape in ("list", "one"):  # all / any / not are the rule's structure (paths)
            continue
        if kind.shape == "boolean":
            params = _object("", {"value": {"type": "boolean"}})
        else:
            value = written[kind.key][kind.key]
            params = (
                next((v for v in value["anyOf"] if v.get("type") == "object"), value) if "anyOf" in value else value
            )
            params = {**params, "required": [p.name for p in kind.params if p.required]}
        variants.append(
            {
                "type": "object",
                "properties": {"kind": {"const": kind.key}, "params": params},
                "required": ["kind", "params"],
                "additionalProperties": False,
            }
        )
    return {
        "description": "A leaf condition of a step rule (parameters left at their default are left out).",
        "oneOf": variants,
    }


def evaluation_schema() -> dict[str, Any]:
    """The JSON Schema of one evaluation document (a dict of :meth:`Evaluation.to_dict`)."""
    labelled = {"id": _TEXT, "label": _TEXT, "label_en": _TEXT_OR_NULL}
    defs: dict[str, Any] = {
        "Provenance": _object(
            "Where a catalog fact comes from: the source document (id, title), where in it, and its flags"
            " (note: English; note_ja: the same in Japanese).",
            {
                "source": _TEXT_OR_NULL,
                "source_title": _TEXT_OR_NULL,
                "locator": _TEXT_OR_NULL,
                "interpretation": {"type": "boolean"},
                "unverified": {"type": "boolean"},
                "note": _TEXT_OR_NULL,
                "note_ja": _TEXT_OR_NULL,
            },
            optional=("note_ja",),
        ),
        "Labelled": _object("A catalog definition: qualified id, Japanese and English labels.", labelled),
        "Condition": _conditions(),
        "Subject": _object(
            "The skill, tool or persona a leaf is about.",
            {"kind": {"enum": ["skill", "tool", "persona"]}, **labelled, "provenance": _ref("Provenance")},
        ),
        "Leaf": _object(
            "One check of a step rule, for this record.",
            {
                "path": {"type": "string", "pattern": PATH_PATTERN},
                "item": {"type": ["integer", "null"], "minimum": 0},
                "id": _TEXT,
                "condition": _ref("Condition"),
                "subject": _or_null(_ref("Subject")),
                "expected": {},
                "actual": {},
                "status": _STATUS,
                "negated": {"type": "boolean"},
            },
        ),
        "Step": _object(
            "A step of the ladder; status is that of its own rule (reaching it needs every lower step too).",
            {
                **{"id": _TEXT, "rank": {"type": "integer", "minimum": 1}},
                "label": _TEXT,
                "label_en": _TEXT_OR_NULL,
                "status": _STATUS,
                "provenance": _ref("Provenance"),
                "leaves": {"type": "array", "items": _ref("Leaf")},
            },
            optional=("leaves",),
        ),
        "NextLeaf": _object(
            "A leaf to complete for the next step, with the Off-JT trainings that teach its skill.",
            {
                "leaf": {"type": "integer", "minimum": 0},
                "id": _TEXT,
                "path": {"type": "string", "pattern": PATH_PATTERN},
                "item": {"type": ["integer", "null"], "minimum": 0},
                "status": {**_STATUS, "description": "the leaf's own status: met only for a negated leaf"},
                "negated": {"type": "boolean"},
                "subject": _TEXT_OR_NULL,
                "trainings": {"type": "array", "items": _ref("Labelled")},
                "training_meets": {"type": "boolean"},
            },
        ),
        "Next": _object(
            "A minimum-size set of leaves whose completion reaches the next step.",
            {
                "reachable": {"type": "boolean"},
                "exact": {"type": "boolean"},
                "count": {"type": "integer", "minimum": 0},
                "leaves": {"type": "array", "items": _ref("NextLeaf")},
            },
        ),
    }
    props: dict[str, Any] = {
        "format": {"const": FORMAT},
        "record": _object(
            "The record: its id, spreadsheet row (header = 1) and department as written.",
            {"id": _TEXT_OR_NULL, "row": {"type": ["integer", "null"]}, "department": _TEXT_OR_NULL},
        ),
        "persona": _ref("Labelled"),
        "rank": {"type": "integer", "minimum": 0},
        "top": {"type": "integer", "minimum": 0},
        "step": _or_null(_ref("Step")),
        "next_step": _or_null(_ref("Step")),
        "next": _or_null(_ref("Next")),
        "steps": {"type": "array", "items": _ref("Step")},
        "catalog": _object(
            "The catalog the ladder comes from: SHA-256 of its definitions, framework versions.",
            {
                "digest": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
                "versions": {"type": "object", "additionalProperties": _TEXT_OR_NULL},
            },
        ),
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "skillframe evaluation",
        **_object(
            "One record evaluated against one persona's step ladder (docs/evaluation-json.md).",
            props,
            optional=("steps",),
        ),
        "$defs": dict(sorted(defs.items())),
    }


def evaluation_schema_json() -> str:
    """The schema as pretty JSON text (what ``skillframe schema evaluation`` prints)."""
    return json.dumps(evaluation_schema(), ensure_ascii=False, indent=2) + "\n"
