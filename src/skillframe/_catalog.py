"""The Catalog: it owns the definitions, answers look-ups, and builds the graph.

>>> import skillframe
>>> cat = skillframe.load()
>>> cat.persona("ＤＸ推進員").id
'tokyo-wg-2025:dx-promoter'
>>> [s.rank for s in cat.steps("DX推進員")]
[1, 2, 3]
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import model as m
from ._crosswalk import Crosswalk, MappingConflict, MappingSet, add_mapping_edges, from_record
from ._crosswalk import Mapping as SkosMapping
from ._graph import EffectiveSkill, build_graph, effective_skills, trained_skills
from ._load import CatalogData, Located, RuleChecker, build, read_documents, suggest
from ._load_mappings import is_mapping_document, load_crosswalks, split_sources
from ._registry import Registry, default_registry
from ._text import normalize
from ._yaml import Document
from .errors import AmbiguousKeyError, UnknownKeyError

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["Catalog", "builtin_catalog_paths", "load"]

# Look-up kinds: the key users pass to errors, and the definitions pool.
_KIND_POOL = {
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


def _catalog_root() -> Path:
    """Where the built-in catalogs are: inside the installed package, else the source tree."""
    here = Path(__file__).resolve().parent
    packaged = here / "catalogs"  # a wheel carries them inside the package
    return packaged if packaged.is_dir() else here.parents[1] / "catalogs"


def builtin_catalog_paths() -> list[Path]:
    """The directories of the built-in catalogs, in a stable order."""
    root = _catalog_root()
    return sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith(("_", ".")))


def load(
    *paths: str | Path,
    builtins: bool = True,
    registry: Registry | None = None,
    rule_checker: RuleChecker | None = None,
) -> Catalog:
    """Load the built-in catalogs plus any given files or directories.

    Raises :class:`~skillframe.CatalogError` listing every problem (file, line,
    column) when a file is invalid; nothing is read before this is called.
    ``custom:`` step rules are checked against ``registry`` (default: the default
    registry): an unknown rule name or parameters that don't fit its class are errors.

    >>> import skillframe
    >>> cat = skillframe.load()
    >>> cat.framework("tokyo-wg-2025").publisher
    '東京都 / GovTech東京'
    """
    sources: list[str | Path] = [*builtin_catalog_paths()] if builtins else []
    sources.extend(paths)
    yaml_sources, sssom_files = split_sources(sources)
    docs = read_documents(yaml_sources)
    mapping_docs = [d for d in docs if is_mapping_document(d)]  # crosswalks: format skillframe-mappings/1
    # policy content (format skillframe-policy/1) is read by skillframe.policy, not here
    docs = [d for d in docs if not is_mapping_document(d) and not _is_policy_document(d)]
    checker = rule_checker if rule_checker is not None else (registry or default_registry).checker()
    data = build(docs, rule_checker=checker)
    known = {**data.frameworks, **{i: d for pool in data.definitions.values() for i, d in pool.items()}}
    return Catalog(data, mapping_sets=load_crosswalks(mapping_docs, sssom_files, known))


def _is_policy_document(doc: Document) -> bool:
    return isinstance(doc.data, dict) and doc.data.get("format") == "skillframe-policy/1"


class Catalog:
    """The loaded frameworks and their definitions; the one owner of them all.

    Look-up methods take a *key*: a qualified id (``tokyo-wg-2025:bpr``), a local id
    (``bpr``), a Japanese or English label, or an alias; NFKC-normalised and
    case-insensitive. An ambiguous key raises :class:`~skillframe.AmbiguousKeyError`
    (pass ``framework=`` to choose); an unknown key raises
    :class:`~skillframe.UnknownKeyError` with the nearest matches.
    """

    def __init__(self, data: CatalogData, mapping_sets: Sequence[MappingSet] = ()) -> None:
        self._data = data
        self._mapping_sets = tuple(mapping_sets)
        self._defs: dict[str, dict[str, Any]] = {"frameworks": dict(data.frameworks), **data.definitions}
        self._by_id: dict[str, Any] = {}
        for pool in self._defs.values():
            self._by_id.update(pool)
        self._index: dict[str, dict[str, list[tuple[int, str]]]] = {}

    # -- basics ------------------------------------------------------------------------

    def __repr__(self) -> str:
        counts = ", ".join(f"{len(v)} {k}" for k, v in self._defs.items() if v)
        return f"<Catalog {counts}>"

    def __contains__(self, definition_id: object) -> bool:
        return definition_id in self._by_id

    def get(self, definition_id: str) -> Any:
        """The definition with this exact (qualified) id."""
        try:
            return self._by_id[definition_id]
        except KeyError:
            raise UnknownKeyError("id", definition_id, suggestions=suggest(definition_id, self._by_id)) from None

    def kind_of(self, definition_id: str) -> str:
        """The kind of a definition (``persona``, ``skill``, ``level``…)."""
        for kind, pool in _KIND_POOL.items():
            if definition_id in self._defs[pool]:
                return kind
        raise UnknownKeyError("id", definition_id, suggestions=suggest(definition_id, self._by_id))

    def where(self, definition_id: str) -> tuple[str, int | None]:
        """The file and line a definition was written at."""
        loc: Located = self._data.located[definition_id]
        mark = loc.doc.mark(loc.path)
        return loc.doc.file, mark[0] if mark else None

    @property
    def files(self) -> tuple[str, ...]:
        """The catalog files this catalog was loaded from."""
        return self._data.files

    @functools.cached_property
    def graph(self) -> nx.MultiDiGraph[str]:
        """The typed graph of every definition (built on first use).

        Direct mappings join as edges keyed by their predicate (``skos:exactMatch``;
        ``Not skos:exactMatch`` for a negative one) with the :class:`~skillframe.Mapping`
        under ``mapping``.
        """
        g = build_graph(self._data.frameworks, self._data.definitions)
        add_mapping_edges(g, self.crosswalk.direct)
        return g

    # -- crosswalks --------------------------------------------------------------------

    @functools.cached_property
    def crosswalk(self) -> Crosswalk:
        """The direct mappings of every loaded mapping set, and what derives from them."""
        return Crosswalk(from_record(r, self.get) for ms in self._mapping_sets for r in ms.mappings)

    def mapping_sets(self) -> list[MappingSet]:
        """Every loaded mapping set (crosswalk), in load order."""
        return list(self._mapping_sets)

    def mapping_set(self, set_id: str) -> MappingSet:
        """One loaded mapping set by id."""
        for ms in self._mapping_sets:
            if ms.id == set_id:
                return ms
        ids = [ms.id for ms in self._mapping_sets]
        raise UnknownKeyError("mapping set", set_id, suggestions=suggest(set_id, ids) or ids)

    def mappings(self, set: str | None = None) -> list[SkosMapping]:
        """The direct mappings (of one mapping set), as written.

        >>> import skillframe
        >>> cat = skillframe.load()
        >>> m = cat.mappings("mic-wg-stated")[0]
        >>> m.subject.label, m.predicate, m.object.label, m.basis
        ('DX推進リーダー', 'skos:closeMatch', 'DX推進員', 'stated')
        """
        if set is not None:
            self.mapping_set(set)
        return [m for m in self.crosswalk.direct if set is None or m.mapping_set == set]

    def map(self, node_or_key: Any, to: str | None = None, *, derived: bool = True) -> list[SkosMapping]:
        """The mappings of a definition into framework ``to`` (every framework when None).

        Direct mappings come first; with ``derived`` also inversions and chains
        (SSSOM chain rules, at most 4 hops), each with its ``path``. A direct
        mapping wins over a derived one for the same object. Results are cached.

        >>> import skillframe
        >>> cat = skillframe.load()
        >>> [(m.predicate, m.object.id) for m in cat.map("tokyo-wg-2025:network-design", to="tokyo-dsm")]
        [('skos:exactMatch', 'tokyo-dsm:network-design')]
        """
        key = getattr(node_or_key, "id", node_or_key)
        subject = key if isinstance(key, str) and key in self._by_id else self.lookup(str(node_or_key)).id
        target = None if to is None else to if to in self._defs["frameworks"] else self.framework(to).id
        return list(self.crosswalk.map(subject, target, derived=derived))

    def mapping_conflicts(self) -> list[MappingConflict]:
        """Every positive mapping (direct or derived) that a negative mapping denies."""
        return self.crosswalk.conflicts()

    # -- look-ups ----------------------------------------------------------------------

    def _keys(self, pool: str) -> dict[str, list[tuple[int, str]]]:
        index = self._index.get(pool)
        if index is None:
            index = {}
            for did, d in self._defs[pool].items():
                entries = [(0, did), (1, did.split(":", 1)[-1]), (1, d.label)]
                if getattr(d, "label_en", None):
                    entries.append((1, d.label_en))
                entries.extend((2, a) for a in getattr(d, "aliases", ()))
                for tier, key in entries:
                    bucket = index.setdefault(normalize(key), [])
                    if (tier, did) not in bucket:
                        bucket.append((tier, did))
            self._index[pool] = index
        return index

    def _find(self, kind: str, key: str, framework: str | None = None) -> Any:
        pool = _KIND_POOL[kind]
        if isinstance(key, str) and key in self._defs[pool]:
            return self._defs[pool][key]
        fid = self.framework(framework).id if framework is not None else None
        hits = self._keys(pool).get(normalize(str(key)), [])
        if fid is not None:
            hits = [h for h in hits if self._defs[pool][h[1]].framework == fid]
        if hits:
            # An overlay's copy shadows the base definition it came from, whatever matched.
            hit_ids = {i for _, i in hits}
            shadowed = {self._data.copied_from.get(i) for i in hit_ids} | {
                self._data.copied_from.get(gone) for gone, into in self._data.merged_into.items() if into in hit_ids
            }
            hits = [h for h in hits if h[1] not in shadowed]
            best = min(t for t, _ in hits)
            ids = list(dict.fromkeys(i for t, i in hits if t == best))
            if len(ids) == 1:
                return self._defs[pool][ids[0]]
            shadowing = self._overlay_winner(ids, pool)
            if shadowing is not None:
                return self._defs[pool][shadowing]
            raise AmbiguousKeyError(kind, str(key), candidates=ids)
        labels = [d.label for d in self._defs[pool].values() if fid is None or d.framework == fid] + [
            i.split(":", 1)[-1] for i, d in self._defs[pool].items() if fid is None or d.framework == fid
        ]
        raise UnknownKeyError(kind, str(key), suggestions=suggest(str(key), labels))

    def _bases(self, fid: str) -> list[str]:
        """The frameworks ``fid`` extends, nearest first."""
        out: list[str] = []
        cur = self._defs["frameworks"].get(fid)
        while cur is not None and cur.extends and cur.extends not in out:
            out.append(cur.extends)
            cur = self._defs["frameworks"].get(cur.extends)
        return out

    def _overlay_winner(self, ids: list[str], pool: str) -> str | None:
        # An overlay shadows the framework it extends: its 'DX推進員' is the one a town means.
        fws = {i: self._defs[pool][i].framework for i in ids}
        for i, fid in fws.items():
            bases = set(self._bases(fid))
            if all(other == i or fws[other] in bases for other in ids):
                return i
        return None

    def settings(self, framework: str) -> m.Settings:
        """A framework's municipal settings (an overlay's own, else its base's, else the defaults)."""
        fw = self.framework(framework)
        for fid in (fw.id, *self._bases(fw.id)):
            own: m.Settings | None = self._defs["frameworks"][fid].settings
            if own is not None:
                return own
        return m.Settings()

    def copied_from(self, definition_id: str) -> str | None:
        """For a definition an overlay copied from its base: the base definition's id."""
        return self._data.copied_from.get(definition_id)

    def framework(self, key: str) -> m.Framework:
        """A framework by id, label or alias."""
        result: m.Framework = self._find("framework", key)
        return result

    def persona(self, key: str, framework: str | None = None) -> m.Persona:
        """A persona by key."""
        result: m.Persona = self._find("persona", key, framework)
        return result

    def skill(self, key: str, framework: str | None = None) -> m.Skill:
        """A skill by key."""
        result: m.Skill = self._find("skill", key, framework)
        return result

    def scale(self, key: str, framework: str | None = None) -> m.Scale:
        """A scale by key."""
        result: m.Scale = self._find("scale", key, framework)
        return result

    def step(self, key: str, framework: str | None = None) -> m.Step:
        """A step by key (``dx-promoter-step2``)."""
        result: m.Step = self._find("step", key, framework)
        return result

    def training(self, key: str, framework: str | None = None) -> m.Training:
        """An Off-JT training by key."""
        result: m.Training = self._find("training", key, framework)
        return result

    def tool(self, key: str, framework: str | None = None) -> m.Tool:
        """A DSM tool by key (``Excel``)."""
        result: m.Tool = self._find("tool", key, framework)
        return result

    def variant(self, key: str, framework: str | None = None) -> m.RoleVariant:
        """A role variant or job type by key."""
        result: m.RoleVariant = self._find("variant", key, framework)
        return result

    def level(self, scale_key: str, rank: int, framework: str | None = None) -> m.Level:
        """The level of a scale at ``rank``.

        >>> import skillframe
        >>> skillframe.load().level("draft-dx-promoter-level", 3).rank
        3
        """
        return self.scale(scale_key, framework).level(rank)

    def lookup(self, key: str, framework: str | None = None) -> Any:
        """Any definition by key, whatever its kind (ambiguous across kinds raises)."""
        found: list[Any] = []
        last: UnknownKeyError | None = None
        for kind in _KIND_POOL:
            try:
                found.append(self._find(kind, key, framework if kind != "framework" else None))
            except UnknownKeyError as exc:
                last = exc
        unique = list({d.id: d for d in found}.values())
        if len(unique) == 1:
            return unique[0]
        if unique:
            raise AmbiguousKeyError("definition", key, candidates=[d.id for d in unique])
        everything = [getattr(d, "label", i) for i, d in self._by_id.items()]
        raise UnknownKeyError("definition", key, suggestions=suggest(key, everything)) from last

    # -- listings ----------------------------------------------------------------------

    def _list(self, pool: str, framework: str | None) -> list[Any]:
        fid = self.framework(framework).id if framework is not None else None
        return [d for d in self._defs[pool].values() if fid is None or d.framework == fid]

    def frameworks(self) -> list[m.Framework]:
        """Every framework, in load order."""
        return list(self._defs["frameworks"].values())

    def personas(self, framework: str | None = None) -> list[m.Persona]:
        """Every persona (of one framework), in file order."""
        return self._list("personas", framework)

    def skills(self, framework: str | None = None) -> list[m.Skill]:
        """Every skill (of one framework), in file order."""
        return self._list("skills", framework)

    def scales(self, framework: str | None = None) -> list[m.Scale]:
        """Every scale (of one framework)."""
        return self._list("scales", framework)

    def trainings(self, framework: str | None = None, *, skill: str | None = None) -> list[m.Training]:
        """Every Off-JT training (of one framework, or teaching one skill)."""
        out = self._list("trainings", framework)
        if skill is not None:
            sid = self.skill(skill).id
            out = [t for t in out if sid in t.skills]
        return out

    def tools(self, framework: str | None = None) -> list[m.Tool]:
        """Every DSM tool (of one framework)."""
        return self._list("tools", framework)

    def all_steps(self, framework: str | None = None) -> list[m.Step]:
        """Every step of every ladder (of one framework), by persona then rank."""
        return sorted(self._list("steps", framework), key=lambda s: (s.persona, s.rank))

    def steps(self, persona: str) -> list[m.Step]:
        """The ladder of a persona, ordered by rank (empty when it has none)."""
        pid = self.persona(persona).id
        return sorted((s for s in self._defs["steps"].values() if s.persona == pid), key=lambda s: s.rank)

    def effective_skills(self, persona: str) -> list[EffectiveSkill]:
        """Own and inherited skills of a persona, each with the persona it comes from.

        >>> import skillframe
        >>> cat = skillframe.load()
        >>> es = cat.effective_skills("全庁DX推進担当")
        >>> len(es), es[0].origin, es[-1].origin
        (19, 'tokyo-wg-2025:general-staff', 'tokyo-wg-2025:dx-central')
        """
        pid = self.persona(persona).id
        return effective_skills(self._defs["personas"], self._defs["skills"], pid)

    def ancestors(self, persona: str) -> list[m.Persona]:
        """The personas a persona inherits from, nearest first."""
        pid = self.persona(persona).id
        out: list[m.Persona] = []
        queue = list(self._defs["personas"][pid].inherits)
        while queue:
            p = queue.pop(0)
            if p in self._defs["personas"] and all(x.id != p for x in out):
                out.append(self._defs["personas"][p])
                queue.extend(self._defs["personas"][p].inherits)
        return out

    def step_skills(self, step: m.Step | str) -> list[str]:
        """Skill ids a step's rule asks training or a DSM level for."""
        st = self.step(step) if isinstance(step, str) else step
        from ._graph import condition_leaves

        out: list[str] = []
        for leaf in condition_leaves(st.rule):
            if isinstance(leaf, m.Trained):
                ids = trained_skills(leaf, st.persona, self._defs["personas"], self._defs["skills"])
            elif isinstance(leaf, m.DsmLevel):
                ids = list(leaf.skills)
            else:
                continue
            out.extend(i for i in ids if i not in out)
        return out

    def definitions(self, kind: str) -> Mapping[str, Any]:
        """Every definition of one kind, by id (read-only view)."""
        return dict(self._defs[_KIND_POOL[kind]])

    def iter_definitions(self) -> Iterator[Any]:
        """Every definition of every kind."""
        yield from self._by_id.values()

    def provenance_of(self, definition_id: str) -> m.Provenance:
        """The provenance of a definition, with the source filled from its framework."""
        d = self.get(definition_id)
        prov: m.Provenance = d.provenance
        if prov.source is None:
            fw = self._defs["frameworks"].get(d.framework)
            if fw is not None:
                import attrs

                prov = attrs.evolve(prov, source=fw.source)
        return prov

    def source_title(self, definition_id: str) -> str | None:
        """The title of the document a definition comes from."""
        prov = self.provenance_of(definition_id)
        fw = self._defs["frameworks"].get(self.get(definition_id).framework)
        if fw is None:
            return None
        titles: dict[str, str] = {s.id: s.title for s in fw.sources}
        return titles.get(prov.source or "", prov.source)
