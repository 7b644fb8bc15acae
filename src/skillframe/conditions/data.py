"""Conditions as JSON data: a leaf as ``{"kind", "params"}`` (the evaluation JSON's ``condition``),
a whole rule as a tree of them.

A leaf is ``{"kind": YAML key, "params": {...as written in a catalog, ids qualified}}``
(:func:`condition_dict`); ``all`` and ``any`` are ``{"kind": "all", "of": [...]}``, ``not`` is
``{"kind": "not", "of": {...}}`` (:func:`condition_tree`). The same whatever the language:
:mod:`~skillframe.conditions.describe` puts conditions in words.

>>> from skillframe.conditions import ast
>>> rule = ast.All(of=(ast.NumberAtLeast(field="dx_lead_count", min=2), ast.Not(of=ast.Mentoring())))
>>> condition_tree(rule)  # doctest: +NORMALIZE_WHITESPACE
{'kind': 'all', 'of': [{'kind': 'dx_lead_count', 'params': {'min': 2}},
                       {'kind': 'not', 'of': {'kind': 'mentoring', 'params': {'value': True}}}]}
"""

from __future__ import annotations

import math
from typing import Any

import attrs

from . import ast
from .spec import SPEC, key_of

__all__ = ["condition_dict", "condition_tree", "jsonable"]


def jsonable(value: object) -> Any:
    """A JSON value for ``value``: containers as lists/objects, non-finite numbers and others as text."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else str(value)
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, set | frozenset):
        return sorted((jsonable(v) for v in value), key=str)
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    return str(value)


def condition_dict(cond: ast.Condition) -> dict[str, Any]:
    """A leaf condition as ``{"kind": YAML key, "params": {...}}``, params as written in a catalog.

    Parameters left at their default are left out; ``mentoring`` has ``{"value": bool}``.

    >>> condition_dict(ast.DsmLevel(skills=("x:bpr",), min=2))
    {'kind': 'dsm', 'params': {'skills': ['x:bpr'], 'min': 2}}
    >>> condition_dict(ast.Mentoring())
    {'kind': 'mentoring', 'params': {'value': True}}
    """
    kind = key_of(cond)
    spec = SPEC[kind]
    if spec.shape == "boolean":
        return {"kind": kind, "params": {"value": bool(getattr(cond, "value", True))}}
    fixed = {name for name, _ in spec.fixed}
    params: dict[str, Any] = {}
    for f in attrs.fields(type(cond)):
        if f.name in fixed:
            continue
        value = getattr(cond, f.name)
        if f.default is not attrs.NOTHING and value == f.default:
            continue
        if isinstance(value, float) and value.is_integer():
            value = int(value)  # ``min: 1`` as written, not 1.0
        params[f.name] = dict(value) if f.name == "params" else value
    return {"kind": kind, "params": jsonable(params)}


def condition_tree(cond: ast.Condition | None) -> dict[str, Any] | None:
    """A rule as data: ``all``/``any`` as ``{"kind", "of": [...]}``, ``not`` as ``{"kind": "not",
    "of": {...}}``, each leaf as :func:`condition_dict`; ``None`` for no rule.

    >>> condition_tree(ast.Any(of=(ast.Trained(skills=("x:bpr",)), ast.Mentoring(value=False))))
    {'kind': 'any', 'of': [{'kind': 'trained', 'params': {'skills': ['x:bpr']}},
                           {'kind': 'mentoring', 'params': {'value': False}}]}
    >>> condition_tree(None) is None
    True
    """
    if cond is None:
        return None
    if isinstance(cond, ast.All | ast.Any):
        return {"kind": key_of(cond), "of": [condition_tree(c) for c in cond.of]}
    if isinstance(cond, ast.Not):
        return {"kind": "not", "of": condition_tree(cond.of)}
    return condition_dict(cond)
