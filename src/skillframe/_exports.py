"""Show a class under the public module that exports it (``skillframe.X``), its annotations intact.

The modules of skillframe use ``from __future__ import annotations``: annotations are
strings, and ``typing.get_type_hints``, ``attrs.resolve_types``, cattrs and pdoc read
them in ``sys.modules[cls.__module__]``. Renaming ``__module__`` alone would make them
look in the front door, where most of those names are not. :func:`export` resolves
them first, in the home module, and keeps the types.

>>> import typing, skillframe
>>> skillframe.Level.__module__, typing.get_type_hints(skillframe.Level)["descriptors"]
('skillframe', tuple[skillframe.model.provenance.TypedText, ...])
"""

from __future__ import annotations

import sys
from typing import Any

__all__ = ["export", "resolve"]


def resolve(cls: type) -> None:
    """Store ``cls``'s own annotations as types, evaluated in its module (as ``typing.get_type_hints`` would).

    An attrs class's generated ``__init__`` gets the resolved types of its fields too
    (attrs wrote the strings there). The fields' own ``type`` stay as attrs keeps them:
    ``attrs.resolve_types`` (cattrs calls it) now finds every name. A name the module
    binds only under ``if TYPE_CHECKING:`` raises :class:`NameError`.
    """
    own: dict[str, Any] = cls.__dict__.get("__annotations__", {})  # noqa: RUF063 - the class's own, not a copy
    if any(isinstance(v, str) for v in own.values()):
        namespace = vars(sys.modules[cls.__module__])
        resolved = {}
        for name, value in own.items():
            try:
                resolved[name] = eval(value, namespace) if isinstance(value, str) else value
            except NameError as exc:
                exc.add_note(f"annotation of {cls.__module__}.{cls.__qualname__}.{name}: {value}")
                raise
        cls.__annotations__ = resolved
    if "__attrs_attrs__" in cls.__dict__:
        _resolve_init(cls)


def _resolve_init(cls: Any) -> None:
    # attrs wrote each field's annotation, as a string, into the __init__ it generated (whose
    # globals are attrs' own); a converter's parameter type, when it has one, stays.
    init = cls.__dict__.get("__init__")
    code = getattr(init, "__code__", None)
    if code is None or not code.co_filename.startswith("<attrs generated"):
        return
    hints: dict[str, Any] = {}
    for base in reversed(cls.__mro__):
        hints.update(base.__dict__.get("__annotations__", {}))  # noqa: RUF063 - each class's own
    ann = init.__annotations__
    for field in cls.__attrs_attrs__:
        hint = hints.get(field.name)
        if isinstance(field.type, str) and ann.get(field.alias) == field.type and not isinstance(hint, str | None):
            ann[field.alias] = hint


def export(module: str, *classes: type) -> None:
    """Show ``classes`` as ``module.X`` (repr, pickles, docs), their annotations resolved first."""
    for cls in classes:
        resolve(cls)
        cls.__module__ = module
