"""Overlay copies in the crosswalk: the hop from a copy to the base definition it was copied from.

A framework that ``extends`` another starts as a copy of it (``tokyo-wg-2025:bpr`` →
``town:bpr``). The copy has no mapping of its own; it carries its base's over
(:func:`~skillframe._crosswalk.mapping.carried`) through one *copy hop*:

- copied unchanged (the overlay renamed it at most: only ids, labels and aliases differ):
  ``skos:exactMatch`` its base, ``basis: stated`` (the catalog states the copy: ``extends``);
- changed by the overlay (requirements, inheritance, a step's rule, anything else; a persona
  another went into by ``merge``): ``skos:closeMatch`` its base, ``basis: judgement`` — no
  longer the same definition but the same role adapted, so the base's mappings carry over
  weakened (exact and close as close, the others as related), as judgements the
  municipality can replace with its own mapping.

The hop's confidence is 1.0; its justification ``semapv:LogicalReasoning`` (it follows from
``extends``), its ``source`` the overlay framework's source and ``locator`` ``extends``.

The example ward renames DX推進員 (still the same) and extends its Step2's rule (changed):

>>> import skillframe
>>> cat = skillframe.load("examples/overlays/special-ward.yaml")
>>> hop = cat.crosswalk.copies["example-ward:dx-promoter-step1"]
>>> hop.predicate, hop.object.id, hop.basis
('skos:exactMatch', 'tokyo-wg-2025:dx-promoter-step1', 'stated')
>>> cat.crosswalk.copies["example-ward:dx-promoter-step2"].predicate
'skos:closeMatch'
"""

from __future__ import annotations

from collections.abc import Mapping as Map
from typing import Any

import attrs

from .mapping import Mapping
from .predicates import CLOSE, EXACT

__all__ = ["HOP_JUSTIFICATION", "changed", "copy_hops"]

#: The justification of a copy hop: it follows from ``extends`` (the overlay is a copy).
HOP_JUSTIFICATION = "semapv:LogicalReasoning"

#: Fields a copy may differ in and still be the same definition (names, where it comes from).
_NAMING = frozenset({"id", "framework", "label", "label_en", "aliases", "provenance"})


def _norm(x: Any, base: str, fid: str) -> Any:
    """``x`` comparable with the copy's: ids of ``base`` re-qualified under ``fid``, names left out."""
    if isinstance(x, str):
        if x == base:
            return fid
        return fid + x[len(base) :] if x.startswith(base + ":") else x
    if attrs.has(type(x)):
        fields = attrs.fields(type(x))
        return (type(x), tuple((f.name, _norm(getattr(x, f.name), base, fid)) for f in fields if f.name not in _NAMING))
    if isinstance(x, tuple | list):
        return tuple(_norm(v, base, fid) for v in x)
    if isinstance(x, dict):
        return tuple(sorted((str(k), _norm(v, base, fid)) for k, v in x.items()))
    return x


def changed(base_def: Any, copy_def: Any, base: str, fid: str) -> bool:
    """Whether the overlay ``fid`` changed its copy of ``base_def`` (more than ids, labels, aliases)."""
    return bool(_norm(base_def, base, fid) != _norm(copy_def, base, fid))


def _hop(copy: Any, orig: Any, fw: Any, is_changed: bool) -> Mapping:
    base = orig.framework
    if is_changed:
        comment = (
            f"copied from {base} by the overlay {fw.id} (extends) and changed by it: no longer the same"
            " definition, so the base's mappings carry over weakened (exact and close as close, others as"
            " related), as judgements; write a mapping of the copy to replace them"
        )
        comment_ja = (
            f"オーバーレイ {fw.id} が {base} から写して変更した定義（extends）: 基底と同一ではないため、"
            "基底の対応を弱めて（完全一致・近いは「近い」、その他は「関連」）判断として引き継ぎます。"
            "写した定義の対応を書けば置き換わります"
        )
    else:
        comment = f"copied unchanged from {base} by the overlay {fw.id} (extends): every mapping carries over"
        comment_ja = f"オーバーレイ {fw.id} が {base} から変更せずに写した定義（extends）: 対応をすべて引き継ぎます"
    return Mapping(
        subject=copy,
        predicate=CLOSE if is_changed else EXACT,
        object=orig,
        justification=HOP_JUSTIFICATION,
        confidence=1.0,
        basis="judgement" if is_changed else "stated",
        derived=True,
        source=getattr(fw, "source", None),
        locator="extends",
        comment=comment,
        comment_ja=comment_ja,
    )


def copy_hops(
    definitions: Map[str, Any],
    copied_from: Map[str, str],
    merged_into: Map[str, str],
    frameworks: Map[str, Any],
) -> dict[str, Mapping]:
    """The copy hop of every overlay copy still in the catalog, by the copy's id.

    ``definitions`` holds every definition by id, ``copied_from`` copy id → base id (the
    loader's record), ``merged_into`` a copy a ``merge`` took away → the copy it went into
    (that one is changed), ``frameworks`` the frameworks by id.
    """
    into = set(merged_into.values())
    out: dict[str, Mapping] = {}
    for cid, bid in copied_from.items():
        copy, orig = definitions.get(cid), definitions.get(bid)
        if copy is None or orig is None:  # removed, or merged away
            continue
        is_changed = cid in into or changed(orig, copy, orig.framework, copy.framework)
        out[cid] = _hop(copy, orig, frameworks.get(copy.framework), is_changed)
    return out
