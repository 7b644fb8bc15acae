"""The cattrs converter that turns plain YAML data into model classes, strictly.

cattrs is lenient by default (``str(42)`` is a fine string to it, and a string is a
fine tuple of characters); a catalog must not be. This converter refuses wrong types,
unknown keys and strings where lists belong, and :func:`problems_of` turns a cattrs
error tree into ``(path, message)`` pairs, so that the loader can report every
problem with its line.

>>> from skillframe.model import Source
>>> try:
...     CONVERTER.structure({"id": "x", "title": 3, "colour": "red"}, Source)
... except Exception as exc:
...     for path, message in problems_of(exc):
...         print(path, message)
('title',) 型が違います / wrong type: expected str, got int
('colour',) 未知のキー 'colour' / unknown key 'colour'
"""

from __future__ import annotations

import typing
from collections.abc import Callable, Iterator
from typing import Any, Literal

import cattrs
from cattrs.errors import (
    AttributeValidationNote,
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)

from .. import model as m
from ..errors import bilingual

__all__ = ["CONVERTER", "code_of", "problems_of", "type_name"]

#: The one converter: every structure hook of skillframe is registered in this module.
CONVERTER = cattrs.Converter(forbid_extra_keys=True)


def type_name(value: object) -> str:
    """The YAML-ish name of a value's type, for messages."""
    return {dict: "mapping", list: "list", type(None): "null"}.get(type(value), type(value).__name__)


def _wrong(expected: str, value: object) -> TypeError:
    return TypeError(bilingual("型が違います", "wrong type") + f": expected {expected}, got {type_name(value)}")


def _str(value: object, _: type) -> str:
    if not isinstance(value, str):
        raise _wrong("str", value)
    return value


def _int(value: object, _: type) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _wrong("int", value)
    return value


def _float(value: object, _: type) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise _wrong("number", value)
    return float(value)


def _bool(value: object, _: type) -> bool:
    if not isinstance(value, bool):
        raise _wrong("true/false", value)
    return value


CONVERTER.register_structure_hook(str, _str)
CONVERTER.register_structure_hook(int, _int)
CONVERTER.register_structure_hook(float, _float)
CONVERTER.register_structure_hook(bool, _bool)


def _is_tuple(t: Any) -> bool:
    return typing.get_origin(t) is tuple


def _tuple_factory(t: Any) -> Callable[[object, Any], tuple[Any, ...]]:
    (elem_type, *_rest) = typing.get_args(t)
    elem = CONVERTER.get_structure_hook(elem_type)

    def hook(value: object, _: Any) -> tuple[Any, ...]:
        if not isinstance(value, list):
            raise _wrong("list", value)
        out: list[Any] = []
        errors: list[Exception] = []
        for i, item in enumerate(value):
            try:
                out.append(elem(item, elem_type))
            except Exception as exc:  # noqa: BLE001 - collected and re-raised as a group
                exc.__notes__ = [*getattr(exc, "__notes__", []), IterableValidationNote(f"@ index {i}", i, elem_type)]
                errors.append(exc)
        if errors:
            raise IterableValidationError(f"While structuring {t}", errors, t)
        return tuple(out)

    return hook


CONVERTER.register_structure_hook_factory(_is_tuple, _tuple_factory)


def _is_literal(t: Any) -> bool:
    return typing.get_origin(t) is Literal


def _literal_factory(t: Any) -> Callable[[object, Any], object]:
    allowed = typing.get_args(t)

    def hook(value: object, _: Any) -> object:
        if value not in allowed or isinstance(value, bool) != isinstance(allowed[0], bool):
            raise ValueError(
                bilingual("値が不正です", "invalid value")
                + f": {value!r}; expected one of {', '.join(map(str, allowed))}"
            )
        return value

    return hook


CONVERTER.register_structure_hook_factory(_is_literal, _literal_factory)


def _no_condition_hook(value: object, _: object) -> None:
    # Step rules are parsed by the condition parser (with file:line problems), never by cattrs.
    raise TypeError("conditions are parsed by the loader")


CONVERTER.register_structure_hook(m.Condition | None, _no_condition_hook)


def code_of(message: str) -> str:
    """The machine-readable :attr:`~skillframe.Problem.code` of a message from :func:`problems_of`.

    >>> code_of("未知のキー 'x' / unknown key 'x'")
    'key.unknown'
    """
    for prefix, code in (
        ("型が違います", "type"),
        ("未知のキー", "key.unknown"),
        ("必須の項目", "field.missing"),
        ("値が不正です", "value"),
    ):
        if message.startswith(prefix):
            return code
    return "invalid"


def problems_of(exc: BaseException, path: tuple[str | int, ...] = ()) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """Flatten a cattrs error (group) into ``(path, message)`` pairs."""
    if isinstance(exc, ClassValidationError):
        with_notes, without = exc.group_exceptions()
        for sub, note in with_notes:
            yield from problems_of(sub, (*path, note.name))
        for sub in without:
            yield from problems_of(sub, path)
    elif isinstance(exc, IterableValidationError):
        with_notes_i, without_i = exc.group_exceptions()
        for sub, inote in with_notes_i:
            yield from problems_of(sub, (*path, inote.index))
        for sub in without_i:
            yield from problems_of(sub, path)
    elif isinstance(exc, ForbiddenExtraKeysError):
        for key in sorted(exc.extra_fields):
            yield (*path, key), bilingual(f"未知のキー '{key}'", f"unknown key '{key}'")
    elif isinstance(exc, KeyError):
        # cattrs raises KeyError(name) for a missing required field, with the attribute note.
        yield path, bilingual("必須の項目がありません", "required field missing")
    elif isinstance(exc, (TypeError, ValueError)) and str(exc).startswith(("型が違います", "値が不正です")):
        yield path, str(exc)
    else:
        yield path, bilingual("値が不正です", "invalid value") + f": {exc}"


# Keep the import used for type checkers (AttributeValidationNote documents the note type).
_ = AttributeValidationNote
