"""Each condition kind's parameters and ranges, written once.

The parser (:mod:`~skillframe.conditions.parse`), the JSON Schema of step rules
(:func:`condition_schema`), the describer (:mod:`~skillframe.conditions.describe`) and
the engine read this table; adding a condition kind starts here.

>>> SPEC["dsm"].param("min").range
(0, 3)
>>> [k.key for k in KINDS][:4]
['all', 'any', 'not', 'trained']
>>> NUMBER_FIELDS
('dx_project_years', 'dx_lead_years', 'dx_lead_count')
"""

from __future__ import annotations

from typing import Any, Literal

import attrs

from . import ast

__all__ = [
    "KINDS",
    "LEVEL_RANGE",
    "NUMBER_FIELDS",
    "NUMBER_NAMES",
    "SPEC",
    "Kind",
    "Param",
    "condition_schema",
]

#: DSM and tool levels: 0 (none) to 3 (the highest level of the Tokyo DSM scales).
LEVEL_RANGE = (0, 3)

#: The staff number fields a rule can test (``dx_lead_years: {min: 1}``), with their
#: names (English, Japanese): years on DX projects, years leading them, projects led.
NUMBER_NAMES: dict[str, tuple[str, str]] = {
    "dx_project_years": ("years on DX projects", "DX案件従事年数"),
    "dx_lead_years": ("years leading DX projects", "DX案件リード年数"),
    "dx_lead_count": ("DX projects led", "DX案件リード件数"),
}
NUMBER_FIELDS = tuple(NUMBER_NAMES)

ParamType = Literal["strings", "string", "boolean", "integer", "number", "mapping"]


@attrs.frozen
class Param:
    """A parameter of a condition kind: its ``type``, whether ``required``, its ``range``
    (inclusive; ``None`` = open) and, for ids, what it ``refers`` to."""

    name: str
    type: ParamType
    required: bool = False
    range: tuple[int | None, int | None] | None = None
    refers: str | None = None


@attrs.frozen
class Kind:
    """One condition kind: its YAML ``key``, its class and how it is written.

    ``shape``: ``list`` (a non-empty list of conditions), ``one`` (one condition),
    ``boolean`` (``true``/``false``) or ``mapping`` (``params``). ``shorthand`` names the
    parameter a bare list stands for (``trained: [a, b]``); ``one_of`` lists parameters
    of which at least one must be given; ``fixed`` are class fields set by the key.
    """

    key: str
    cls: type
    shape: Literal["list", "one", "boolean", "mapping"]
    params: tuple[Param, ...] = ()
    shorthand: str | None = None
    one_of: tuple[str, ...] = ()
    fixed: tuple[tuple[str, Any], ...] = ()

    def param(self, name: str) -> Param:
        """The parameter called ``name``."""
        return next(p for p in self.params if p.name == name)


def _number(field: str) -> Kind:
    return Kind(
        field, ast.NumberAtLeast, "mapping", (Param("min", "number", True, (0, None)),), fixed=(("field", field),)
    )


KINDS: tuple[Kind, ...] = (
    Kind("all", ast.All, "list"),
    Kind("any", ast.Any, "list"),
    Kind("not", ast.Not, "one"),
    Kind(
        "trained",
        ast.Trained,
        "mapping",
        (
            Param("skills", "strings", refers="skill"),
            Param("skills_of", "string", refers="persona"),
            Param("except_tags", "strings"),
        ),
        shorthand="skills",
        one_of=("skills", "skills_of"),
    ),
    Kind(
        "dsm",
        ast.DsmLevel,
        "mapping",
        (Param("skills", "strings", True, refers="skill"), Param("min", "integer", True, LEVEL_RANGE)),
    ),
    Kind(
        "tools",
        ast.ToolsAtLeast,
        "mapping",
        (
            Param("tools", "strings", refers="tool"),
            Param("deployed", "boolean"),
            Param("min", "integer", True, LEVEL_RANGE),
        ),
        one_of=("tools", "deployed"),
    ),
    *(_number(f) for f in NUMBER_FIELDS),
    Kind("mentoring", ast.Mentoring, "boolean"),
    Kind(
        "step",
        ast.StepReached,
        "mapping",
        (Param("persona", "string", True, refers="persona"), Param("min", "integer", True, (1, None))),
    ),
    Kind("custom", ast.CustomRule, "mapping", (Param("rule", "string", True), Param("params", "mapping"))),
)

#: The kinds by YAML key.
SPEC: dict[str, Kind] = {k.key: k for k in KINDS}


def key_of(cond: ast.Condition) -> str:
    """The YAML key a condition is written with (``NumberAtLeast`` → its field)."""
    if isinstance(cond, ast.NumberAtLeast):
        return cond.field
    return next(k.key for k in KINDS if k.cls is type(cond))


def _param_schema(p: Param) -> dict[str, Any]:
    if p.type == "strings":
        return {"type": "array", "items": {"type": "string"}}
    if p.type == "mapping":
        return {"type": "object"}
    out: dict[str, Any] = {"type": p.type}
    if p.range is not None:
        low, high = p.range
        if low is not None:
            out["minimum"] = low
        if high is not None:
            out["maximum"] = high
    return out


def _one(key: str, value: dict[str, Any]) -> dict[str, Any]:
    return {"type": "object", "properties": {key: value}, "required": [key], "additionalProperties": False}


def condition_schema(ref: str = "#/$defs/Condition") -> dict[str, Any]:
    """The JSON Schema (2020-12) of one condition; ``ref`` points back at it for nesting.

    >>> s = condition_schema()
    >>> dsm = next(v for v in s["oneOf"] if "dsm" in v["properties"])
    >>> dsm["properties"]["dsm"]["properties"]["min"]
    {'type': 'integer', 'minimum': 0, 'maximum': 3}
    """
    variants = []
    for kind in KINDS:
        value: dict[str, Any]
        if kind.shape == "list":
            value = {"type": "array", "items": {"$ref": ref}, "minItems": 1}
        elif kind.shape == "one":
            value = {"$ref": ref}
        elif kind.shape == "boolean":
            value = {"type": "boolean"}
        else:
            value = {
                "type": "object",
                "properties": {p.name: _param_schema(p) for p in kind.params},
                "required": [p.name for p in kind.params if p.required],
                "additionalProperties": False,
            }
            if kind.shorthand is not None:
                value = {"anyOf": [_param_schema(kind.param(kind.shorthand)), value]}
        variants.append(_one(kind.key, value))
    return {"description": "A step-rule condition: a mapping with exactly one key.", "oneOf": variants}
