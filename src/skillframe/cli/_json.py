"""What ``--format json`` writes for a definition, whatever ``--lang`` is.

JSON is for programs: its keys are English snake_case and its values do not depend on
``--lang``. A definition a row is about gives ``label`` (Japanese) and ``label_en`` (English,
``null`` when the catalog has none), as ``skillframe show`` and the evaluation JSON do; a
definition a row refers to is an object ``{"id", "label", "label_en"}`` (the evaluation
JSON's ``persona``).

>>> import skillframe
>>> ref(skillframe.load().persona("DX推進員"))
{'id': 'tokyo-wg-2025:dx-promoter', 'label': 'DX推進員', 'label_en': 'DX promoter'}
>>> ref(None, "town:gone")
{'id': 'town:gone', 'label': None, 'label_en': None}
"""

from __future__ import annotations

from typing import Any

__all__ = ["label_en", "ref"]


def label_en(d: Any) -> str | None:
    """A definition's English label (``None`` when it has none)."""
    return getattr(d, "label_en", None) or None


def ref(d: Any, key: str | None = None) -> dict[str, str | None]:
    """A definition a row refers to: ``{"id", "label", "label_en"}`` (``d`` ``None``: a ``key``
    the catalog does not know, its labels ``null``)."""
    if d is None:
        return {"id": key, "label": None, "label_en": None}
    return {"id": str(d.id), "label": str(d.label), "label_en": label_en(d)}
