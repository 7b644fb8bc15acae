"""Which definition a key names: the key index of a pool of definitions, and the choice among
its hits (an overlay's copy shadows the base definition it came from; else ambiguous).

A key is an id, a local id, a Japanese or English label, or an alias, matched NFKC-normalised
and case-insensitive; an id beats a local id or label, which beats an alias.
:class:`~skillframe.Catalog` keeps one index per pool and answers its look-ups with these.

>>> from types import SimpleNamespace as D
>>> pool = {"fw:bpr": D(label="BPR", label_en="Business process re-engineering", aliases=("業務改革",), framework="fw")}
>>> index = key_index(pool)
>>> index["fw:bpr"], index["bpr"], index["業務改革"]  # the id, the local id and label, an alias
([(0, 'fw:bpr')], [(1, 'fw:bpr')], [(2, 'fw:bpr')])
"""

from __future__ import annotations

import re
from collections.abc import Container, Mapping
from typing import TYPE_CHECKING, Any

from ._text import normalize, short, suggest
from .errors import AmbiguousKeyError, UnknownKeyError

if TYPE_CHECKING:
    from ._build.state import CatalogData

__all__ = ["KIND_POOL", "bases", "key_index", "local_ids", "overlay_winner", "pick", "unloaded_framework"]

# Look-up kinds: the key users pass to errors, and the definitions pool.
KIND_POOL = {
    "framework": "frameworks",
    "persona": "personas",
    "skill": "skills",
    "scale": "scales",
    "step": "steps",
    "training": "trainings",
    "tool": "tools",
    "level": "levels",
    "variant": "variants",
}


#: A key qualified with a framework id (lower-case ASCII, as every id) before its colon.
_QUALIFIED = re.compile(r"([a-z0-9][a-z0-9._-]*):\S")


def unloaded_framework(key: str, frameworks: Container[str]) -> str | None:
    """The framework id ``key`` is qualified with (``town`` of ``town:dx``, matched as keys are:
    ``Town:DX`` names ``town``) when ``frameworks`` has no framework of that id, else ``None``:
    what :attr:`~skillframe.errors.LookupFailed.framework` of a failed look-up holds.

    >>> loaded = {"tokyo-wg-2025"}
    >>> [unloaded_framework(k, loaded) for k in ("town:dx", "Town:DX", "tokyo-wg-2025:nope", "DX推進員", "a:")]
    ['town', 'town', None, None, None]
    """
    m = _QUALIFIED.match(normalize(key))
    return m.group(1) if m is not None and m.group(1) not in frameworks else None


def key_index(pool: Mapping[str, Any]) -> dict[str, list[tuple[int, str]]]:
    """Every key of the definitions of ``pool`` (by id), normalised, to its ``(tier, id)`` hits:
    tier 0 the id, 1 the local id or a label, 2 an alias."""
    index: dict[str, list[tuple[int, str]]] = {}
    for did, d in pool.items():
        entries = [(0, did), (1, did.split(":", 1)[-1]), (1, d.label)]
        if getattr(d, "label_en", None):
            entries.append((1, d.label_en))
        entries.extend((2, a) for a in getattr(d, "aliases", ()))
        for tier, key in entries:
            bucket = index.setdefault(normalize(key), [])
            if (tier, did) not in bucket:
                bucket.append((tier, did))
    return index


def pick(  # noqa: PLR0917 - one call, from Catalog
    kind: str,
    key: str,
    defs: Mapping[str, Any],
    hits: list[tuple[int, str]],
    fid: str | None,
    data: CatalogData,
    frameworks: Mapping[str, Any],
) -> Any:
    """The definition of ``defs`` that ``key`` names, from its index ``hits`` (:func:`key_index`),
    of framework ``fid`` only when given. Raises :class:`~skillframe.AmbiguousKeyError` for
    several of the best tier (unless one overlay shadows the others) and
    :class:`~skillframe.UnknownKeyError`, with the nearest labels and local ids, for none."""
    if fid is not None:
        hits = [h for h in hits if defs[h[1]].framework == fid]
    if hits:
        # An overlay's copy shadows the base definition it came from, whatever matched.
        hit_ids = {i for _, i in hits}
        shadowed = {data.copied_from.get(i) for i in hit_ids} | {
            data.copied_from.get(gone) for gone, into in data.merged_into.items() if into in hit_ids
        }
        hits = [h for h in hits if h[1] not in shadowed]
        best = min(t for t, _ in hits)
        ids = list(dict.fromkeys(i for t, i in hits if t == best))
        if len(ids) == 1:
            return defs[ids[0]]
        shadowing = overlay_winner(ids, defs, frameworks)
        if shadowing is not None:
            return defs[shadowing]
        raise AmbiguousKeyError(kind, short(key), candidates=ids)
    labels = [d.label for d in defs.values() if fid is None or d.framework == fid] + [
        i.split(":", 1)[-1] for i, d in defs.items() if fid is None or d.framework == fid
    ]
    raise UnknownKeyError(
        kind, short(key), suggestions=suggest(key, labels), framework=unloaded_framework(key, frameworks)
    )


def bases(frameworks: Mapping[str, Any], fid: str) -> list[str]:
    """The frameworks ``fid`` extends, nearest first."""
    out: list[str] = []
    cur = frameworks.get(fid)
    while cur is not None and cur.extends and cur.extends not in out:
        out.append(cur.extends)
        cur = frameworks.get(cur.extends)
    return out


def overlay_winner(ids: list[str], defs: Mapping[str, Any], frameworks: Mapping[str, Any]) -> str | None:
    """The one of ``ids`` whose framework extends the frameworks of all the others, or ``None``."""
    # An overlay shadows the framework it extends: its 'DX推進員' is the one a town means.
    fws = {i: defs[i].framework for i in ids}
    for i, fid in fws.items():
        extended = set(bases(frameworks, fid))
        if all(other == i or fws[other] in extended for other in ids):
            return i
    return None


def local_ids(defs: Mapping[str, Any]) -> list[str]:
    """The ids of ``defs`` without their framework (``fw:bpr`` → ``bpr``)."""
    return [i.split(":", 1)[-1] for i in defs]
