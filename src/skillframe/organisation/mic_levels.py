"""The 総務省 育成目標レベル of an organisation, inferred from step attainment.

The guidebook's levels describe an *organisation* (reading-guide §4): it is at level k
for a type (DX推進リーダー, 一般行政職, 高度専門人材) when at least ``nearly_all`` of its
staff of that type meet the level-k descriptor. Which persona belongs to which type, and
which step meets which level, come from the crosswalk mappings persona → type and step →
level (judgements with a confidence, never written here); the threshold ``nearly_all``
is a framework setting (default 0.9, itself a judgement) shown with the result.

The framework whose levels are reported is the one that ``provides:
[organisation_levels]`` (the 総務省 guidebook among the built-in catalogs); its personas
are the *types*, its scale that ``measures: organisation`` the levels. No catalog id is
written here.

>>> import skillframe
>>> cat = skillframe.load()
>>> organisation_framework(cat)
'mic-guidebook-2024'
>>> lv = MicLevel(type="t", label="類型", label_en="type", personas=(), at_level=(0, 1, 0, 9),
...               unknown=0, threshold=0.9, level=3)
>>> lv.staff, lv.share(3), lv.share(2)
(10, 0.9, 0.9)
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import attrs

if TYPE_CHECKING:
    from .._catalog import Catalog
    from .results import PersonaRollup

__all__ = [
    "MEMBER_PREDICATES",
    "LevelEvidence",
    "MicLevel",
    "infer_levels",
    "organisation_framework",
    "positive_mappings",
]

#: Predicates under which a person in the subject counts for the object (persona → type,
#: step → level): the same, close to, or narrower than it (``broadMatch``: the object is broader).
MEMBER_PREDICATES = ("skos:exactMatch", "skos:closeMatch", "skos:broadMatch")


@attrs.frozen(kw_only=True)
class LevelEvidence:
    """One step → level mapping a :class:`MicLevel` used: the step (qualified id), the
    level (qualified id), the SKOS ``predicate`` (``skos:exactMatch``, ``skos:closeMatch``,
    ``skos:broadMatch``: the level is broader), its ``basis`` (``stated`` in a source or a
    curator's ``judgement``) and ``confidence`` (0–1). From the crosswalk catalogs."""

    step: str
    level: str
    predicate: str
    basis: str
    confidence: float


@attrs.frozen(kw_only=True)
class MicLevel:
    """The 総務省 育成目標レベル of one type for the whole organisation.

    ``at_level[k]`` (people, k = 0…top; index 0 is always 0) counts staff of the type
    whose own state meets level k and no higher (level 1 「属人的対応」 has no
    「ほぼ全ての者」 clause: everyone meets it); :meth:`share` is a rate 0–1;
    ``level`` is the highest k whose share is at least ``threshold`` (a rate 0–1),
    None without staff. ``personas`` are the qualified ids counted for the type;
    ``mappings`` the step → level mappings used (:class:`LevelEvidence`);
    ``unknown`` counts staff whose data is incomplete (they may meet a higher level).
    Source of the levels: 総務省 ガイドブック §8 参考資料 (1)「育成目標レベル（例）」.
    """

    type: str
    label: str
    label_en: str
    personas: tuple[str, ...]
    at_level: tuple[int, ...]
    unknown: int
    threshold: float
    level: int | None
    mappings: tuple[LevelEvidence, ...] = ()

    @property
    def staff(self) -> int:
        """Staff of this type (people)."""
        return sum(self.at_level)

    def share(self, level: int) -> float | None:
        """The share (0–1) of the type's staff meeting ``level`` or higher; None without staff."""
        return sum(self.at_level[level:]) / self.staff if self.staff else None


def organisation_framework(catalog: Catalog) -> str | None:
    """The framework whose organisation-wide levels are reported, or None.

    The first loaded framework that ``provides: [organisation_levels]`` (the 総務省
    guidebook among the built-in catalogs).
    """
    for fw in catalog.frameworks():
        if "organisation_levels" in getattr(fw, "provides", ()):
            return fw.id
    return None


def positive_mappings(catalog: Catalog, did: str, to: str) -> list[Any]:
    """Mappings of ``did`` into framework ``to`` under which it counts as the object.

    Positive mappings (:meth:`~skillframe.Catalog.map`, derived ones included) with a
    predicate in :data:`MEMBER_PREDICATES`, minus those a negative mapping denies. An
    overlay's copy has what :meth:`~skillframe.Catalog.map` gives it: its base's mappings,
    carried over by the one rule of the crosswalk (unchanged: as they are; changed by the
    overlay: an exact match only, as a close match).
    """
    maps = catalog.map(did, to=to)
    denied = {mp.object_id for mp in maps if mp.negated}
    return [mp for mp in maps if not mp.negated and mp.predicate in MEMBER_PREDICATES and mp.object_id not in denied]


def infer_levels(
    catalog: Catalog, personas: Iterable[PersonaRollup], threshold: float, framework: str | None
) -> tuple[MicLevel, ...]:
    """The level of every type of ``framework`` (see the module docstring); ``()`` without one.

    ``personas`` give step attainment (people at each rank); ``threshold`` is the
    「ほぼ全ての者」 share (0–1).
    """
    if framework is None:
        return ()
    scales = [s for s in catalog.scales(framework) if s.measures == "organisation"]
    if not scales:
        return ()
    scale = scales[0]
    top = max(lv.rank for lv in scale.levels)
    level_ids = {lv.id: lv.rank for lv in scale.levels}
    types = {p.id: p for p in catalog.personas(framework)}
    at: dict[str, list[int]] = {t: [0] * (top + 1) for t in types}
    unknown: dict[str, int] = dict.fromkeys(types, 0)
    members: dict[str, list[str]] = {t: [] for t in types}
    used: dict[str, list[LevelEvidence]] = {t: [] for t in types}
    for pr in personas:
        if pr.persona is None:
            continue
        maps = [mp for mp in positive_mappings(catalog, pr.persona, framework) if mp.object_id in types]
        if not maps:
            continue
        t = max(maps, key=lambda mp: mp.confidence).object_id
        members[t].append(pr.persona)
        # each step's own level (from the mappings), cumulative up the ladder
        own = [1]
        for st in catalog.steps(pr.persona):
            best = own[-1]
            for mp in positive_mappings(catalog, st.id, framework):
                if mp.object_id in level_ids:
                    best = max(best, level_ids[mp.object_id])
                    used[t].append(
                        LevelEvidence(
                            step=st.id,
                            level=mp.object_id,
                            predicate=mp.predicate,
                            basis=mp.basis,
                            confidence=mp.confidence,
                        )
                    )
            own.append(best)
        for r, c in enumerate(pr.at_rank):
            at[t][own[r]] += c
        unknown[t] += pr.unknown
    out = []
    for t, p in types.items():
        counts = at[t]
        staff = sum(counts)
        level: int | None = None
        if staff:
            level = 1
            for k in range(2, top + 1):
                if sum(counts[k:]) / staff >= threshold:
                    level = k
        out.append(
            MicLevel(
                type=t,
                label=p.label,
                label_en=p.label_en or p.label,
                personas=tuple(members[t]),
                at_level=tuple(counts),
                unknown=unknown[t],
                threshold=threshold,
                level=level,
                mappings=tuple(dict.fromkeys(used[t])),
            )
        )
    return tuple(out)
