"""JSON Schema (draft 2020-12) from attrs classes: the one walk every generated schema uses.

A class becomes an object schema in ``$defs`` (its docstring's first paragraph as the
description, no extra properties, the fields without a default required); a field's type
becomes ``string``/``boolean``/``integer``/``number``/``null``, ``enum`` (``Literal``),
``array`` (``tuple[X, ...]``; ``prefixItems`` for a fixed tuple), ``anyOf`` (a union) or a
``$ref`` to another class. A format adds its own rules through ``field``.

>>> import attrs, typing
>>> @attrs.frozen
... class Point:
...     '''A point.'''
...     x: int
...     tag: str | None = None
>>> defs = {}
>>> SchemaWalk(typing.get_type_hints, defs).ref(Point)
{'$ref': '#/$defs/Point'}
>>> defs["Point"]["properties"]["tag"], defs["Point"]["required"]
({'anyOf': [{'type': 'string'}, {'type': 'null'}]}, ['x'])
"""

from __future__ import annotations

import types
import typing
from collections.abc import Callable, Mapping
from typing import Any, Literal

import attrs

__all__ = ["SKIP", "FieldRule", "SchemaWalk"]

#: What a :data:`FieldRule` returns to leave a field out of the schema.
SKIP: dict[str, Any] = {}

#: ``(cls, field, type) → schema``: a format's own schema of a field, :data:`SKIP` to leave it
#: out, or None for the schema of its type.
FieldRule = Callable[[type, "attrs.Attribute[Any]", Any], "dict[str, Any] | None"]

_SIMPLE: dict[Any, str] = {str: "string", bool: "boolean", int: "integer", float: "number", type(None): "null"}


class SchemaWalk:
    """Walks attrs classes into ``defs`` (a ``$defs`` mapping filled in place).

    ``hints(cls)`` gives each field's resolved type by name (the caller knows the namespace
    its classes' annotations are resolved in); ``field`` is an optional :data:`FieldRule`.
    """

    def __init__(
        self,
        hints: Callable[[type], Mapping[str, Any]],
        defs: dict[str, Any],
        field: FieldRule | None = None,
    ) -> None:
        self.hints = hints
        self.defs = defs
        self.field = field

    def ref(self, cls: type) -> dict[str, Any]:
        """``{"$ref": …}`` to ``cls``, its schema (and those it refers to) added to ``defs``."""
        self.add(cls)
        return {"$ref": f"#/$defs/{cls.__name__}"}

    def type_schema(self, t: Any) -> dict[str, Any]:
        """The schema of a type; :class:`TypeError` for a type no model uses."""
        if t in _SIMPLE:
            return {"type": _SIMPLE[t]}
        if t is object:
            return {}
        origin = typing.get_origin(t)
        if origin is Literal:
            return {"enum": list(typing.get_args(t))}
        if origin is tuple:
            args = typing.get_args(t)
            if len(args) == 2 and args[1] is Ellipsis:
                return {"type": "array", "items": self.type_schema(args[0])}
            return {"type": "array", "prefixItems": [self.type_schema(a) for a in args]}
        if origin in (typing.Union, types.UnionType):
            return {"anyOf": [self.type_schema(a) for a in typing.get_args(t)]}
        if attrs.has(t):
            return self.ref(t)
        raise TypeError(f"no schema for {t!r}")  # pragma: no cover - the models use only the above

    def add(self, cls: type) -> None:
        """Add the object schema of ``cls`` to ``defs`` (once; recursion is safe)."""
        name = cls.__name__
        if name in self.defs:
            return
        self.defs[name] = {}  # placeholder against recursion
        hints = self.hints(cls)
        props: dict[str, Any] = {}
        required: list[str] = []
        for f in attrs.fields(cls):
            own = self.field(cls, f, hints[f.name]) if self.field is not None else None
            if own is SKIP:
                continue
            props[f.name] = own if own is not None else self.type_schema(hints[f.name])
            if f.default is attrs.NOTHING:
                required.append(f.name)
        doc = (cls.__doc__ or "").strip().split("\n\n")[0].replace("\n", " ")
        self.defs[name] = {
            "type": "object",
            "description": doc,
            "properties": props,
            "required": required,
            "additionalProperties": False,
        }
