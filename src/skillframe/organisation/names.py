"""Look-ups on results by id, label, alias or definition object, like the Catalog's.

A :class:`~skillframe.Rollup` is data: it holds no catalog. When it is made, the keys of
the catalog's personas, skills and organisation types (ids, local ids, labels, English
labels, aliases) are resolved once through the catalog's own look-ups and kept in a
:class:`Names` index, so that ``r.count(persona="DX推進員")`` means what
``catalog.persona("DX推進員")`` means — the same normalisation (全角/半角, case), the same
overlay shadowing — and an unknown key raises :class:`~skillframe.UnknownKeyError`.

>>> names = Names.of({"persona": {"dx推進員": ("wg:dx",), "wg:dx": ("wg:dx",)}}, {"persona": ("DX推進員",)})
>>> names.resolve("persona", "ＤＸ推進員")
'wg:dx'
>>> names.resolve("persona", "DX推進")
Traceback (most recent call last):
...
skillframe.errors.UnknownKeyError: 人材像 'DX推進' が見つかりません / unknown persona 'DX推進' (もしかして / ...
"""

from __future__ import annotations

import weakref
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

import attrs

from .._text import normalize, short, suggest
from ..errors import AmbiguousKeyError, LookupFailed, UnknownKeyError

if TYPE_CHECKING:
    from .._catalog import Catalog

__all__ = ["Names", "key_of"]

_CACHE: weakref.WeakKeyDictionary[Catalog, dict[tuple[str | None, str | None], Names]] = weakref.WeakKeyDictionary()

#: Attributes under which a result object names the definition it is about.
_ID_ATTRS = ("id", "persona", "skill", "type")


def key_of(key: object, attr: str = "id") -> object:
    """The id inside a definition or result object (``attr`` first), else ``key`` itself.

    >>> from skillframe.model import Skill
    >>> key_of(Skill(id="x:a", label="a")), key_of("DX推進員")
    ('x:a', 'DX推進員')
    """
    if isinstance(key, str) or key is None:
        return key
    for name in (attr, *_ID_ATTRS):
        value = getattr(key, name, None)
        if isinstance(value, str):
            return value
    return key


@attrs.frozen(repr=False)
class Names:
    """Normalised key → candidate ids, per kind (``persona``, ``skill``, ``type``).

    One candidate: the key resolves; several: it is ambiguous. ``labels`` feed "did you
    mean". Built by :meth:`from_catalog`; an empty index resolves only exact ids.
    """

    index: Mapping[str, Mapping[str, tuple[str, ...]]] = attrs.field(factory=dict)
    labels: Mapping[str, tuple[str, ...]] = attrs.field(factory=dict)

    def __repr__(self) -> str:
        return f"<Names {', '.join(f'{k}: {len(v)}' for k, v in self.index.items())}>"

    @classmethod
    def of(cls, index: Mapping[str, Mapping[str, tuple[str, ...]]], labels: Mapping[str, tuple[str, ...]]) -> Names:
        """An index from its parts (keys of ``index`` already normalised)."""
        return cls(index, labels)

    @classmethod
    def from_catalog(cls, catalog: Catalog, types_framework: str | None = None, framework: str | None = None) -> Names:
        """Every persona and skill key of ``catalog``, and the personas of ``types_framework`` as ``type``.

        Persona and skill keys resolve as ``catalog.persona(key, framework)`` does when
        that finds one (the rollup's framework: a town's ``DX推進員`` is its own), else
        as ``catalog.persona(key)``. Built once per catalog and frameworks (a catalog
        never changes) and kept while the catalog lives.
        """
        per = _CACHE.setdefault(catalog, {})
        hit = per.get((types_framework, framework))
        if hit is None:
            hit = per[(types_framework, framework)] = cls._build(catalog, types_framework, framework)
        return hit

    @classmethod
    def _build(cls, catalog: Catalog, types_framework: str | None, framework: str | None) -> Names:
        index: dict[str, dict[str, tuple[str, ...]]] = {}
        labels: dict[str, tuple[str, ...]] = {}
        pools: list[tuple[str, list[Any], tuple[str | None, ...]]] = [
            ("persona", catalog.personas(), (framework, None) if framework else (None,)),
            ("skill", catalog.skills(), (framework, None) if framework else (None,)),
        ]
        if types_framework is not None:
            pools.append(("type", catalog.personas(types_framework), (types_framework,)))
        for kind, defs, scopes in pools:
            find = catalog.skill if kind == "skill" else catalog.persona
            out: dict[str, tuple[str, ...]] = {}
            for d in defs:
                out[d.id] = (d.id,)
            for d in defs:
                for key in _keys_of(d):
                    nk = normalize(key)
                    if nk not in out:
                        found = _find(find, key, scopes)
                        if found:
                            out[nk] = found
            index[kind] = out
            labels[kind] = tuple(dict.fromkeys(str(d.label) for d in defs))
        return cls(index, labels)

    def resolve(self, kind: str, key: object, known: Iterable[str | None] = ()) -> str:
        """The id ``key`` names (an id, label, alias or definition object).

        ``known`` are ids the result holds: they resolve even without an index.
        Raises :class:`~skillframe.UnknownKeyError` (one short line, with "did you
        mean") or :class:`~skillframe.AmbiguousKeyError`.
        """
        raw = key_of(key, kind)
        if not isinstance(raw, str):
            raise UnknownKeyError(kind, short(repr(raw)))
        pool = self.index.get(kind, {})
        hit = pool.get(raw)
        if hit is None and raw in set(known):
            return raw
        if hit is None:
            hit = pool.get(normalize(raw))
        if hit is None:
            raise UnknownKeyError(kind, short(raw), suggestions=suggest(raw, self.labels.get(kind, ())))
        if len(hit) > 1:
            raise AmbiguousKeyError(kind, short(raw), candidates=hit)
        return hit[0]


def _find(find: Any, key: str, scopes: tuple[str | None, ...]) -> tuple[str, ...]:
    """The ids ``key`` resolves to in the first scope where it resolves (several: ambiguous)."""
    for fw in scopes:
        try:
            return (find(key, fw).id,)
        except AmbiguousKeyError as exc:
            return exc.candidates
        except LookupFailed:
            continue
    return ()


def _keys_of(d: Any) -> list[str]:
    keys = [d.id.split(":", 1)[-1], str(d.label)]
    if getattr(d, "label_en", None):
        keys.append(str(d.label_en))
    keys.extend(getattr(d, "aliases", ()))
    return keys
