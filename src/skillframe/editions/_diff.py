"""What changed between two editions of a framework (``skillframe diff FW@1.2 FW@2.0``).

Items are paired through an :class:`EditionMap` when one is given, else by local id
(``old:bpr`` ↔ ``new:bpr``). Each change is one :class:`EditionChange`:

``replaced``  paired by ``replacedBy``/``exactMatch`` under another id
``mapped``    paired by another predicate (close, broad, narrow, related), with its confidence
``renamed``   the label changed; ``changed``: the definition text changed
``requirements``  a persona's required skills changed (compared through the pairing)
``removed``   no successor (``sssom:NoTermFound``; or, without a map, no item of that id)
``unmapped``  the map says nothing about the item and no item of that id exists (listed, never dropped)
``added``     an item of the new edition that nothing old leads to
"""

from __future__ import annotations

from typing import Any, Literal

import attrs

from .. import model as m
from .._catalog import Catalog
from ..errors import EditionError
from ._map import EditionMap
from ._resolve import resolve_edition

__all__ = ["EditionChange", "edition_diff"]

ChangeKind = Literal["replaced", "mapped", "renamed", "changed", "requirements", "removed", "unmapped", "added"]
_ORDER = ("unmapped", "removed", "replaced", "mapped", "renamed", "requirements", "changed", "added")
_KINDS = ("skill", "persona", "step", "training", "tool", "scale")


@attrs.frozen
class EditionChange:
    """One difference between two editions: ``old_id`` / ``new_id`` (None on the side that lacks it).

    ``detail`` says it in words; beside it as data: ``predicate`` and ``confidence`` of the
    pairing of a ``replaced`` or ``mapped`` item, and for a changed value ``field`` with the
    old and new edition's values ``before`` / ``after`` (``label``: ``{"label", "label_en"}``;
    ``definition`` / ``description`` / ``descriptor``: the text; ``requirements``: the
    required skill ids). ``None`` where a change has none.
    """

    change: ChangeKind
    kind: str
    old_id: str | None
    new_id: str | None
    detail: str
    field: str | None = attrs.field(default=None, kw_only=True)
    before: Any = attrs.field(default=None, kw_only=True)
    after: Any = attrs.field(default=None, kw_only=True)
    predicate: str | None = attrs.field(default=None, kw_only=True)
    confidence: float | None = attrs.field(default=None, kw_only=True)


def items_of(catalog: Catalog, fid: str) -> list[Any]:
    """The definitions of one framework that editions compare, kind by kind."""
    return [d for k in _KINDS for d in catalog.definitions(k).values() if d.framework == fid]


def pairing(catalog: Catalog, old: str, new: str, emap: EditionMap | None) -> dict[str, list[tuple[str, str, float]]]:
    """old id → [(new id, predicate, confidence)]; ``sssom:NoTermFound`` as new id ``""``."""
    new_ids = {d.id for d in items_of(catalog, new)}
    out: dict[str, list[tuple[str, str, float]]] = {}
    for d in items_of(catalog, old):
        local = d.id.split(":", 1)[1]
        same = f"{new}:{local}"
        if emap is not None and emap.of(d.id):
            out[d.id] = [(x.object or "", x.predicate, x.confidence) for x in emap.of(d.id)]
        elif (emap is None or emap.same_ids) and same in new_ids:
            out[d.id] = [(same, "same-id", 1.0)]
        else:
            out[d.id] = []
    return out


_TEXTS = ("definition", "description", "descriptor")


def _text_field(d: Any) -> tuple[str | None, str | None]:
    """The field that holds a definition's text, and the text (``None``, ``None``: it has none)."""
    for name in _TEXTS:
        value = getattr(d, name, None)
        if value:
            return name, "\n".join(value) if isinstance(value, tuple) else str(value)
    return None, None


def _values(field: str, before: Any, after: Any) -> dict[str, Any]:
    return {"field": field, "before": before, "after": after}


def edition_diff(catalog: Catalog, old: str, new: str, edition_map: EditionMap | None = None) -> list[EditionChange]:
    """Every change from edition ``old`` to ``new`` (both ``FRAMEWORK@VERSION``), grouped by kind of change.

    Raises :class:`~skillframe.EditionError` for an edition that is unknown or not carried,
    and (``code`` ``edition-map-mismatch``) for an edition map between other editions.

    >>> import skillframe
    >>> cat = skillframe.load()
    >>> edition_diff(cat, "ipa-dss@1.2", "ipa-dss@v1.2")
    []
    """
    o = resolve_edition(catalog, old).contents
    n = resolve_edition(catalog, new).contents
    if edition_map is not None and (edition_map.source.contents, edition_map.target.contents) != (o, n):
        src, dst = edition_map.source.key, edition_map.target.key
        raise EditionError(
            "edition-map-mismatch",
            f"版の対応 {edition_map.id} は {src} → {dst} のものです（指定: {old} → {new}）",
            f"edition map {edition_map.id} goes from {src} to {dst}, not from {old} to {new}",
        )
    pairs = pairing(catalog, o, n, edition_map)
    reached: set[str] = set()
    out: list[EditionChange] = []
    for d in items_of(catalog, o):
        kind = catalog.kind_of(d.id)
        targets = pairs[d.id]
        if not targets:
            change: ChangeKind = "unmapped" if edition_map is not None else "removed"
            out.append(EditionChange(change, kind, d.id, None, d.label))
            continue
        for tid, predicate, confidence in targets:
            if not tid:
                comment = (
                    next((x.comment for x in edition_map.of(d.id) if x.object is None), None) if edition_map else None
                )
                out.append(
                    EditionChange("removed", kind, d.id, None, f"{d.label}" + (f" ({comment})" if comment else ""))
                )
                continue
            reached.add(tid)
            t = catalog.get(tid)
            if predicate not in ("same-id", "replacedBy", "skos:exactMatch"):
                text = f"{d.label} {predicate} {t.label} ({confidence:g})"
                out.append(EditionChange("mapped", kind, d.id, tid, text, predicate=predicate, confidence=confidence))
            elif d.id.split(":", 1)[1] != tid.split(":", 1)[1]:
                text = f"{d.label} → {t.label} ({predicate}, {confidence:g})"
                out.append(EditionChange("replaced", kind, d.id, tid, text, predicate=predicate, confidence=confidence))
            if d.label != t.label:
                labels = {"label": d.label, "label_en": d.label_en}, {"label": t.label, "label_en": t.label_en}
                out.append(
                    EditionChange("renamed", kind, d.id, tid, f"{d.label} → {t.label}", **_values("label", *labels))
                )
            (old_field, old_text), (new_field, new_text) = _text_field(d), _text_field(t)
            if old_text != new_text:
                texts = _values(old_field or new_field or "definition", old_text, new_text)
                out.append(EditionChange("changed", kind, d.id, tid, "definition / 定義", **texts))
            if isinstance(d, m.Persona) and isinstance(t, m.Persona):
                carried = {x for r in d.requirements for x, _, _ in pairs.get(r.skill, []) if x}
                now = {r.skill for r in t.requirements}
                plus, minus = sorted(now - carried), sorted(carried - now)
                if plus or minus:
                    text = " ".join([*(f"+{x}" for x in plus), *(f"-{x}" for x in minus)])
                    skills = _values(
                        "requirements", [r.skill for r in d.requirements], [r.skill for r in t.requirements]
                    )
                    out.append(EditionChange("requirements", kind, d.id, tid, text, **skills))
    for d in items_of(catalog, n):
        if d.id not in reached:
            out.append(EditionChange("added", catalog.kind_of(d.id), None, d.id, d.label))
    return sorted(out, key=lambda c: _ORDER.index(c.change))
