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

import inspect
import typing
from typing import Any

import attrs

__all__ = ["export", "resolve"]


def resolve(cls: type) -> None:
    """Store ``cls``'s annotations resolved (in its module; its bases' in theirs).

    The class's own ``__annotations__`` (and, for an attrs class, its fields' types and
    the annotations of its generated ``__init__``) become types. A name the module does
    not bind at run time (``if TYPE_CHECKING:`` only) raises :class:`NameError`.
    """
    own = inspect.get_annotations(cls)
    if attrs.has(cls):
        attrs.resolve_types(cls)  # once per class: attrs remembers it
        hints: dict[str, Any] = {f.name: f.type for f in attrs.fields(cls)}
        if not own.keys() <= hints.keys():  # a ClassVar or other non-field annotation
            hints = typing.get_type_hints(cls, include_extras=True)
        _resolve_init(cls)
    elif any(isinstance(v, str) for v in own.values()):
        hints = typing.get_type_hints(cls, include_extras=True)
    else:
        return
    if any(isinstance(v, str) for v in own.values()):
        cls.__annotations__ = {name: hints[name] for name in own}


def _resolve_init(cls: type) -> None:
    # attrs writes its fields' types, as they were when the class was made (strings), into
    # the generated __init__; whose globals are attrs' own.
    init = cls.__dict__.get("__init__")
    code = getattr(init, "__code__", None)
    if code is None or not code.co_filename.startswith("<attrs generated"):
        return
    by_alias = {f.alias: f.type for f in attrs.fields(cls)}
    ann = init.__annotations__
    for name, value in ann.items():
        if isinstance(value, str) and name in by_alias:
            ann[name] = by_alias[name]


def export(module: str, *classes: type) -> None:
    """Show ``classes`` as ``module.X`` (repr, pickles, docs), their annotations resolved first."""
    for cls in classes:
        resolve(cls)
        cls.__module__ = module
