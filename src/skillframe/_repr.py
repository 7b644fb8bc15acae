"""Short reprs: a definition shows its id and label, never its whole content."""

from __future__ import annotations

import typing

import attrs

__all__ = ["REPR_LIMIT", "short_repr"]


REPR_LIMIT = 120


def short_repr(obj: typing.Any, limit: int = REPR_LIMIT) -> str:
    """A one-line repr of an attrs object under ``limit`` characters.

    Definitions show ``id`` and ``label``; other objects their fields that differ from the
    default, each value cut short.

    >>> from skillframe.model import Skill
    >>> short_repr(Skill(id="tokyo-wg-2025:bpr", label="業務分析/BPR", definition="長い定義" * 100))
    "Skill(id='tokyo-wg-2025:bpr', label='業務分析/BPR')"
    """
    cls = type(obj)
    fields = attrs.fields(cls)
    names = {f.name for f in fields}
    parts: list[str] = []
    if "id" in names and "label" in names:
        chosen = [("id", obj.id), ("label", obj.label)]
    else:
        chosen = []
        for f in fields:
            value = getattr(obj, f.name)
            default = f.default
            if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
                default = default.factory()
            if value != default or f.default is attrs.NOTHING:
                chosen.append((f.name, value))
    for name, value in chosen:
        text = repr(value)
        parts.append(f"{name}={text if len(text) <= 48 else text[:46] + '…' + text[-1]}")
    out = f"{cls.__name__}({', '.join(parts)})"
    return out if len(out) <= limit else out[: limit - 2] + "…)"
