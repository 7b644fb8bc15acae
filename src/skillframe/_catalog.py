"""The Catalog: it owns the definitions, answers look-ups, and builds the graph.

Every look-up takes a key (id, label, alias) or the definition object itself, so
whatever the API returns can be passed back:

>>> import skillframe
>>> cat = skillframe.load()
>>> p = cat.persona("ＤＸ推進員")
>>> p.id
'tokyo-wg-2025:dx-promoter'
>>> [s.rank for s in cat.steps(p)]
[1, 2, 3]
>>> cat.persona(p) is p
True
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from . import model as m
from ._built import Built
from ._crosswalk import Crosswalk, MappingConflict, MappingSet, add_mapping_edges, copy_hops, from_record
from ._crosswalk import Mapping as SkosMapping
from ._inheritance import EffectiveSkill, ancestors, effective_skills, trained_skills
from ._lookup import KIND_POOL, bases, key_index, local_ids, pick, unloaded_framework
from ._text import normalize, short, suggest
from .conditions.ast import leaves
from .errors import AmbiguousKeyError, UnknownKeyError

if TYPE_CHECKING:
    from ._build.state import CatalogData
    from ._graph import Graph

__all__ = ["Catalog", "Key"]


#: What a look-up takes: a key (id, label, alias; NFKC, case-insensitive) or a definition object.
Key = str | Any


class Catalog:
    """The loaded frameworks and their definitions; the one owner of them all.

    Look-up methods take a *key*: a qualified id (``tokyo-wg-2025:bpr``), a local id
    (``bpr``), a Japanese or English label, or an alias; NFKC-normalised and
    case-insensitive — or the definition object itself (anything the catalog returned,
    an :class:`~skillframe.EffectiveSkill` too). An ambiguous key raises
    :class:`~skillframe.AmbiguousKeyError` (pass ``framework=`` to choose); an unknown key
    raises :class:`~skillframe.UnknownKeyError` with the nearest matches.
    """

    def __init__(self, data: CatalogData, mapping_sets: Sequence[MappingSet] = ()) -> None:
        self._data = data
        self._mapping_sets = tuple(mapping_sets)
        self._defs: dict[str, dict[str, Any]] = {"frameworks": dict(data.frameworks), **data.definitions}
        self._by_id: dict[str, Any] = {}
        for pool in self._defs.values():
            self._by_id.update(pool)
        self._index: dict[str, dict[str, list[tuple[int, str]]]] = {}

    def __getstate__(self) -> dict[str, Any]:
        # Derived caches (index, graph, crosswalk, compiled ladders...) are rebuilt on demand;
        # the built data is kept without its documents (where() needs only file and line),
        # so unpickling (the load cache) reads less and imports nothing of the build.
        keep = ("_mapping_sets", "_defs", "_by_id")
        state = {k: v for k, v in self.__dict__.items() if k in keep}
        state["_data"] = Built.of(self._data)
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._index = {}

    # -- basics ------------------------------------------------------------------------

    def __repr__(self) -> str:
        counts = ", ".join(f"{len(v)} {k}" for k, v in self._defs.items() if v)
        text = f"<Catalog {counts}>"
        return text if len(text) <= 120 else text[:118] + "…>"

    def __contains__(self, definition: object) -> bool:
        did = definition if isinstance(definition, str) else getattr(definition, "id", None)
        return isinstance(did, str) and did in self._by_id

    def _id(self, kind: str, key: Key) -> str:
        """The exact id of ``key`` (an id, or a definition object); else UnknownKeyError."""
        did = key if isinstance(key, str) else getattr(key, "id", None)
        if isinstance(did, str) and did in self._by_id:
            return did
        shown = did if isinstance(did, str) else short(repr(key))
        missing = unloaded_framework(did, self._defs["frameworks"]) if isinstance(did, str) else None
        raise UnknownKeyError(kind, shown, suggestions=suggest(shown, self._by_id), framework=missing)

    def get(self, definition_id: Key) -> Any:
        """The definition with this exact (qualified) id, or the catalog's own copy of a definition.

        Raises :class:`~skillframe.UnknownKeyError` for an id nothing has.
        """
        return self._by_id[self._id("id", definition_id)]

    def kind_of(self, definition_id: Key) -> str:
        """The kind of a definition (``persona``, ``skill``, ``level``…)."""
        did = self._id("id", definition_id)
        for kind, pool in KIND_POOL.items():
            if did in self._defs[pool]:
                return kind
        raise UnknownKeyError("id", did)  # pragma: no cover - every id is in a pool

    def where(self, definition_id: Key) -> tuple[str, int | None]:
        """The file and line (1-based) a definition was written at.

        Raises :class:`~skillframe.UnknownKeyError` for an unknown id.

        >>> import skillframe
        >>> file, line = skillframe.load().where("tokyo-wg-2025:bpr")
        >>> file.endswith("skills.yaml"), line > 0
        (True, True)
        """
        did = self._id("id", definition_id)
        found = self._data.where(did)
        if found is None:
            raise UnknownKeyError("id", did)
        return found

    @property
    def files(self) -> tuple[str, ...]:
        """The catalog files this catalog was loaded from."""
        return self._data.files

    @functools.cached_property
    def graph(self) -> Graph:
        """The typed graph of every definition (built on first use; see :mod:`skillframe._graph`).

        Direct mappings join as edges keyed by their predicate (``skos:exactMatch``;
        ``Not skos:exactMatch`` for a negative one) with the :class:`~skillframe.Mapping`
        under ``mapping``.
        """
        from ._graph import build_graph

        g = build_graph(self._data.frameworks, self._data.definitions)
        add_mapping_edges(g, self.crosswalk.direct)
        return g

    # -- crosswalks --------------------------------------------------------------------

    @functools.cached_property
    def crosswalk(self) -> Crosswalk:
        """The direct mappings of every loaded mapping set, what derives from them, and what
        overlay copies carry over from their bases."""
        d = self._data
        hops = copy_hops(self._by_id, d.copied_from, d.merged_into, self._defs["frameworks"])
        return Crosswalk((from_record(r, self.get) for ms in self._mapping_sets for r in ms.mappings), copies=hops)

    def mapping_sets(self) -> list[MappingSet]:
        """Every loaded mapping set (crosswalk), in load order."""
        return list(self._mapping_sets)

    def mapping_set(self, set_id: str | MappingSet) -> MappingSet:
        """One loaded mapping set by id (or the set itself)."""
        key = set_id.id if isinstance(set_id, MappingSet) else set_id
        for ms in self._mapping_sets:
            if ms.id == key:
                return ms
        ids = [ms.id for ms in self._mapping_sets]
        shown = short(str(key))
        raise UnknownKeyError("mapping set", shown, suggestions=suggest(shown, ids) or ids)

    def mappings(self, set: str | MappingSet | None = None) -> list[SkosMapping]:
        """The direct mappings (of one mapping set), as written.

        >>> import skillframe
        >>> cat = skillframe.load()
        >>> m = cat.mappings("mic-wg-stated")[0]
        >>> m.subject.label, m.predicate, m.object.label, m.basis
        ('DX推進リーダー', 'skos:closeMatch', 'DX推進員', 'stated')
        """
        sid = None if set is None else self.mapping_set(set).id
        return [m for m in self.crosswalk.direct if sid is None or m.mapping_set == sid]

    def map(self, node_or_key: Key, to: Key | None = None, *, derived: bool = True) -> list[SkosMapping]:
        """The mappings of a definition into framework ``to`` (every framework when None).

        Direct mappings come first; with ``derived`` also inversions and chains
        (SSSOM chain rules, at most 4 hops), each with its ``path``. A direct
        mapping wins over a derived one for the same object. An overlay's copy carries
        its base's mappings over (``carried_from``; see docs/crosswalks.md). Results are cached.

        >>> import skillframe
        >>> cat = skillframe.load()
        >>> [(m.predicate, m.object.id) for m in cat.map("tokyo-wg-2025:network-design", to="tokyo-dsm")]
        [('skos:exactMatch', 'tokyo-dsm:network-design')]
        """
        key = node_or_key if isinstance(node_or_key, str) else getattr(node_or_key, "id", node_or_key)
        subject = key if isinstance(key, str) and key in self._by_id else self.lookup(node_or_key).id
        target = None if to is None else self.framework(to).id
        return list(self.crosswalk.map(subject, target, derived=derived))

    def mapping_conflicts(self) -> list[MappingConflict]:
        """Every positive mapping (direct or derived) that a negative mapping denies."""
        return self.crosswalk.conflicts()

    # -- look-ups ----------------------------------------------------------------------

    def _keys(self, pool: str) -> dict[str, list[tuple[int, str]]]:
        index = self._index.get(pool)
        if index is None:
            index = self._index[pool] = key_index(self._defs[pool])
        return index

    def _find(self, kind: str, key: Key, framework: Key | None = None) -> Any:
        pool = KIND_POOL[kind]
        defs = self._defs[pool]
        if not isinstance(key, str):
            # A definition object: the catalog's own definition with its id.
            did = getattr(key, "id", None)
            if isinstance(did, str) and did in defs:
                return defs[did]
            shown = did if isinstance(did, str) else short(repr(key))
            missing = unloaded_framework(did, self._defs["frameworks"]) if isinstance(did, str) else None
            near = suggest(shown.split(":", 1)[-1], local_ids(defs))
            raise UnknownKeyError(kind, shown, suggestions=near, framework=missing)
        if key in defs:
            return defs[key]
        fid = self.framework(framework).id if framework is not None else None
        hits = self._keys(pool).get(normalize(key), [])
        return pick(kind, key, defs, hits, fid, self._data, self._defs["frameworks"])

    def settings(self, framework: Key) -> m.Settings:
        """A framework's municipal settings (an overlay's own, else its base's, else the defaults)."""
        fw = self.framework(framework)
        for fid in (fw.id, *bases(self._defs["frameworks"], fw.id)):
            own: m.Settings | None = self._defs["frameworks"][fid].settings
            if own is not None:
                return own
        return m.Settings()

    def provider(self, role: str) -> m.Framework | None:
        """The framework that ``provides`` a role (``dsm_levels``, ``organisation_levels``), or None.

        The engine finds the DSM levels and the organisation levels by this setting, never
        by a framework id, so a municipality's own frameworks work the same; the first
        loaded framework providing the role is used.

        >>> import skillframe
        >>> cat = skillframe.load()
        >>> cat.provider("dsm_levels").id, cat.provider("organisation_levels").id
        ('tokyo-dsm', 'mic-guidebook-2024')
        """
        for fw in self._defs["frameworks"].values():
            if role in fw.provides:
                result: m.Framework = fw
                return result
        return None

    def copied_from(self, definition_id: Key) -> str | None:
        """For a definition an overlay copied from its base: the base definition's id."""
        did = definition_id if isinstance(definition_id, str) else getattr(definition_id, "id", "")
        return self._data.copied_from.get(did)

    def copies(self, definition_id: Key) -> tuple[str, ...]:
        """The reverse of :meth:`copied_from`: the copies overlays made of a base definition (a
        copy a ``merge`` took away given as the definition it went into; one ``remove`` took
        away left out); empty for none."""
        did = definition_id if isinstance(definition_id, str) else getattr(definition_id, "id", "")
        into = self._data.merged_into
        found = (into.get(c, c) for c, b in self._data.copied_from.items() if b == did)
        return tuple(dict.fromkeys(c for c in found if c in self))

    def framework(self, key: Key) -> m.Framework:
        """A framework by id, label or alias (or the framework itself)."""
        result: m.Framework = self._find("framework", key)
        return result

    def persona(self, key: Key, framework: Key | None = None) -> m.Persona:
        """A persona by key or object; ``framework`` narrows an ambiguous key."""
        result: m.Persona = self._find("persona", key, framework)
        return result

    def skill(self, key: Key, framework: Key | None = None) -> m.Skill:
        """A skill by key or object (an :class:`~skillframe.EffectiveSkill` too)."""
        result: m.Skill = self._find("skill", key, framework)
        return result

    def scale(self, key: Key, framework: Key | None = None) -> m.Scale:
        """A scale by key or object."""
        result: m.Scale = self._find("scale", key, framework)
        return result

    def step(self, key: Key, framework: Key | None = None) -> m.Step:
        """A step by key (``dx-promoter-step2``) or object (``ev.next_step``)."""
        result: m.Step = self._find("step", key, framework)
        return result

    def training(self, key: Key, framework: Key | None = None) -> m.Training:
        """An Off-JT training by key or object."""
        result: m.Training = self._find("training", key, framework)
        return result

    def tool(self, key: Key, framework: Key | None = None) -> m.Tool:
        """A DSM tool by key (``Excel``) or object."""
        result: m.Tool = self._find("tool", key, framework)
        return result

    def variant(self, key: Key, framework: Key | None = None) -> m.RoleVariant:
        """A role variant or job type by key or object."""
        result: m.RoleVariant = self._find("variant", key, framework)
        return result

    def level(self, scale_key: Key, rank: int | None = None, framework: Key | None = None) -> m.Level:
        """The level of a scale at ``rank`` (0–3 on the DSM scale), or a level by key or object.

        >>> import skillframe
        >>> cat = skillframe.load()
        >>> lv = cat.level("draft-dx-promoter-level", 3)
        >>> lv.rank, cat.level(lv) is lv
        (3, True)
        """
        if rank is None:
            result: m.Level = self._find("level", scale_key, framework)
            return result
        return self.scale(scale_key, framework).level(rank)

    def lookup(self, key: Key, framework: Key | None = None) -> Any:
        """Any definition by key or object, whatever its kind (ambiguous across kinds raises)."""
        if not isinstance(key, str):
            return self.get(key)
        found: list[Any] = []
        last: UnknownKeyError | None = None
        for kind in KIND_POOL:
            try:
                found.append(self._find(kind, key, framework if kind != "framework" else None))
            except UnknownKeyError as exc:
                last = exc
        unique = list({d.id: d for d in found}.values())
        if len(unique) == 1:
            return unique[0]
        if unique:
            raise AmbiguousKeyError("definition", short(key), candidates=[d.id for d in unique])
        everything = [getattr(d, "label", i) for i, d in self._by_id.items()]
        missing = unloaded_framework(key, self._defs["frameworks"])
        raise UnknownKeyError(
            "definition", short(key), suggestions=suggest(key, everything), framework=missing
        ) from last

    # -- listings ----------------------------------------------------------------------

    def _list(self, pool: str, framework: Key | None) -> list[Any]:
        fid = self.framework(framework).id if framework is not None else None
        return [d for d in self._defs[pool].values() if fid is None or d.framework == fid]

    def frameworks(self) -> list[m.Framework]:
        """Every framework, in load order."""
        return list(self._defs["frameworks"].values())

    def personas(self, framework: Key | None = None) -> list[m.Persona]:
        """Every persona (of one framework), in file order."""
        return self._list("personas", framework)

    def skills(self, framework: Key | None = None) -> list[m.Skill]:
        """Every skill (of one framework), in file order."""
        return self._list("skills", framework)

    def scales(self, framework: Key | None = None) -> list[m.Scale]:
        """Every scale (of one framework)."""
        return self._list("scales", framework)

    def trainings(self, framework: Key | None = None, *, skill: Key | None = None) -> list[m.Training]:
        """Every Off-JT training (of one framework, or teaching one skill)."""
        out = self._list("trainings", framework)
        if skill is not None:
            sid = self.skill(skill).id
            out = [t for t in out if sid in t.skills]
        return out

    def tools(self, framework: Key | None = None) -> list[m.Tool]:
        """Every DSM tool (of one framework)."""
        return self._list("tools", framework)

    def all_steps(self, framework: Key | None = None) -> list[m.Step]:
        """Every step of every ladder (of one framework), by persona then rank."""
        return sorted(self._list("steps", framework), key=lambda s: (s.persona, s.rank))

    def steps(self, persona: Key) -> list[m.Step]:
        """The ladder of a persona (key or object), ordered by rank 1, 2, 3 (empty when it has none)."""
        pid = self.persona(persona).id
        return sorted((s for s in self._defs["steps"].values() if s.persona == pid), key=lambda s: s.rank)

    def effective_skills(self, persona: Key) -> list[EffectiveSkill]:
        """Own and inherited skills of a persona (key or object), each with the persona it comes from.

        Most basic ancestor's skills first, in declaration order; each skill once, with
        the requirement of the most specific persona.

        >>> import skillframe
        >>> cat = skillframe.load()
        >>> es = cat.effective_skills("全庁DX推進担当")
        >>> len(es), es[0].origin, es[-1].origin
        (19, 'tokyo-wg-2025:general-staff', 'tokyo-wg-2025:dx-central')
        """
        pid = self.persona(persona).id
        return effective_skills(self._defs["personas"], self._defs["skills"], pid)

    def ancestors(self, persona: Key) -> list[m.Persona]:
        """The personas a persona (key or object) inherits from, nearest first, each once."""
        return ancestors(self._defs["personas"], self.persona(persona).id)

    def step_skills(self, step: Key) -> list[str]:
        """Skill ids a step's rule (key or object) asks training or a DSM level for."""
        st = self.step(step)
        out: list[str] = []
        for leaf in leaves(st.rule):
            if isinstance(leaf, m.Trained):
                ids = trained_skills(leaf, st.persona, self._defs["personas"], self._defs["skills"])
            elif isinstance(leaf, m.DsmLevel):
                ids = list(leaf.skills)
            else:
                continue
            out.extend(i for i in ids if i not in out)
        return out

    def custom_rules(self) -> list[m.CustomRule]:
        """Every ``custom:`` condition of every step rule (to check against a registry)."""
        return [
            leaf for st in self._defs["steps"].values() for leaf in leaves(st.rule) if isinstance(leaf, m.CustomRule)
        ]

    def definitions(self, kind: str) -> Mapping[str, Any]:
        """Every definition of one kind (``persona``, ``skill``…), by id (a copy)."""
        return dict(self._defs[KIND_POOL[kind]])

    def iter_definitions(self) -> Iterator[Any]:
        """Every definition of every kind."""
        yield from self._by_id.values()

    def provenance_of(self, definition_id: Key) -> m.Provenance:
        """The provenance of a definition, with the source filled from its framework."""
        d = self.get(definition_id)
        prov: m.Provenance = d.provenance
        if prov.source is None:
            fw = self._defs["frameworks"].get(d.framework)
            if fw is not None:
                import attrs

                prov = attrs.evolve(prov, source=fw.source)
        return prov

    def source_title(self, definition_id: Key) -> str | None:
        """The title of the document a definition comes from."""
        prov = self.provenance_of(definition_id)
        fw = self._defs["frameworks"].get(self.get(definition_id).framework)
        if fw is None:
            return None
        titles: dict[str, str] = {s.id: s.title for s in fw.sources}
        return titles.get(prov.source or "", prov.source)
