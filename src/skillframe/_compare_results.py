"""What the comparisons are made of, as data: :func:`skillframe.compare` shows them as a table,
:func:`skillframe.compare_data` gives them to programs. Nothing here depends on a language.

* the frameworks chosen, and the crosswalk as far as the catalog has one (:func:`maps`);
* ``levels``: the scales' levels placed in rows (:func:`align_levels`, :class:`Placed`);
* ``personas`` / ``skills``: each definition with its counterparts (:func:`counterpart_rows`);
* ``persona-skills``: each skill's requirements by persona (:func:`requirement_grid`);
* ``steps``: one persona's ladder (:func:`ladder_of`);
* ``trainings``: each skill with its trainings and certifications (:func:`training_rows`).

>>> import skillframe
>>> cat = skillframe.load()
>>> al = align_levels(cat, frameworks(cat, "tokyo-dsm,ipa-dss"))
>>> [[(p.level.id, p.placement) for p in cell] for cell in al.rows[2]]
[[('tokyo-dsm:level.lv1', 'base')], [('ipa-dss:itss-level.lv2', 'mapping')]]
>>> al.rows[2][1][0].anchor, al.rows[2][1][0].predicate, al.rows[2][1][0].confidence
('tokyo-dsm:level.lv1', 'skos:closeMatch', 0.7)
>>> [p.placement for cell in al.rows[1] for p in cell]  # ITSS+ Lv1: no mapping, below the first mapped level
['neighbour']
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any, Literal, Protocol

import attrs

from . import model as m
from .errors import LookupFailed, UnknownKeyError

if TYPE_CHECKING:
    from ._catalog import Catalog
    from ._inheritance import EffectiveSkill

__all__ = [
    "ASPECTS",
    "DEFAULT_FRAMEWORK",
    "Alignment",
    "Counterpart",
    "CounterpartRow",
    "Placed",
    "TrainingRow",
    "align_levels",
    "check",
    "counterpart_rows",
    "frameworks",
    "has_crosswalk",
    "ladder_of",
    "local",
    "maps",
    "one_framework",
    "requirement_grid",
    "training_rows",
]

#: The aspects :func:`skillframe.compare` knows.
ASPECTS = ("levels", "personas", "skills", "persona-skills", "steps", "trainings")

#: The framework a single-framework aspect uses when none is chosen (if loaded).
DEFAULT_FRAMEWORK = "tokyo-wg-2025"

_INVERSE = {"broadMatch": "narrowMatch", "narrowMatch": "broadMatch"}


def check(aspect: str, lang: str = "ja") -> None:
    """Raise :class:`~skillframe.UnknownKeyError` for an unknown ``aspect`` or ``lang``."""
    if aspect not in ASPECTS:
        from ._text import suggest

        raise UnknownKeyError("aspect", aspect, suggestions=suggest(aspect, ASPECTS) or ASPECTS)
    if lang not in ("ja", "en"):
        raise UnknownKeyError("lang", lang, suggestions=("ja", "en"))


# ---------------------------------------------------------------------------
# The crosswalk, as far as the catalog has one


class _Mapping(Protocol):
    """The part of a crosswalk mapping the comparisons read."""

    @property
    def predicate(self) -> str: ...

    @property
    def object(self) -> Any: ...

    @property
    def derived(self) -> bool: ...

    @property
    def confidence(self) -> float: ...


@attrs.frozen
class Counterpart:
    """A mapping of a definition into another framework: ``subject predicate obj``."""

    obj: Any
    predicate: str  # as the crosswalk writes it: ``skos:closeMatch``
    derived: bool
    confidence: float | None


def local(predicate: str) -> str:
    """A predicate's local name: ``skos:closeMatch`` → ``closeMatch``."""
    return predicate.rsplit(":", 1)[-1]


def _inverse(predicate: str) -> str:
    prefix, _, name = predicate.rpartition(":")
    if name not in _INVERSE:
        return predicate
    return f"{prefix}:{_INVERSE[name]}" if prefix else _INVERSE[name]


def maps(cat: Catalog, def_id: str, framework: str) -> list[Counterpart]:
    """The mappings of ``def_id`` into ``framework`` (negative ones left out: never a counterpart)."""
    mapper: Callable[..., Iterable[_Mapping]] | None = getattr(cat, "map", None)
    if mapper is None:
        return []
    try:
        found = list(mapper(def_id, to=framework))
    except LookupFailed:
        return []
    out: list[Counterpart] = []
    for mp in found:
        if getattr(mp, "negated", False):  # "these do NOT match": never a cell
            continue
        obj = mp.object
        if isinstance(obj, str):
            obj = cat.get(obj)
        confidence = getattr(mp, "confidence", None)
        out.append(Counterpart(obj, mp.predicate, bool(mp.derived), None if confidence is None else float(confidence)))
    return out


def has_crosswalk(cat: Catalog) -> bool:
    """Whether the catalog has a crosswalk (``map``)."""
    return callable(getattr(cat, "map", None))


# ---------------------------------------------------------------------------
# Choosing frameworks


def frameworks(cat: Catalog, chosen: Sequence[str | m.Framework] | str | m.Framework | None) -> list[m.Framework]:
    """The frameworks chosen (keys, objects or one comma-separated string), in order; all when ``None``."""
    if chosen is None:
        return cat.frameworks()
    if isinstance(chosen, m.Framework):
        return [cat.framework(chosen)]
    keys = chosen.split(",") if isinstance(chosen, str) else list(chosen)
    out: list[m.Framework] = []
    for key in keys:
        fw = cat.framework(key.strip() if isinstance(key, str) else key)
        if fw not in out:
            out.append(fw)
    return out


def one_framework(
    cat: Catalog, chosen: Sequence[str | m.Framework] | str | m.Framework | None, persona: m.Persona | None
) -> m.Framework:
    """The framework of a single-framework aspect: the persona's, the first chosen, or the default."""
    if persona is not None:
        return cat.framework(persona.framework)
    if chosen is not None:
        return frameworks(cat, chosen)[0]
    ids = [f.id for f in cat.frameworks()]
    return cat.framework(DEFAULT_FRAMEWORK if DEFAULT_FRAMEWORK in ids else ids[0])


# ---------------------------------------------------------------------------
# levels

Placement = Literal["base", "mapping", "rank", "neighbour"]


@attrs.frozen
class Placed:
    """A level placed in a row of the levels comparison.

    ``placement``: ``base`` (a level of the first scale: its levels make the rows),
    ``mapping`` (beside the level ``anchor`` it is mapped from: ``anchor predicate level``),
    ``rank`` (no mapping between its scale and any scale before it: beside the same rank,
    no equivalence implied) or ``neighbour`` (a level of a mapped scale that has no mapping
    itself: in a row of its own between its neighbours). ``via``: the anchor is not a level
    of the first scale.
    """

    level: m.Level
    scale: str
    placement: Placement
    anchor: str | None = None
    predicate: str | None = None
    derived: bool = False
    confidence: float | None = None
    via: bool = False


@attrs.frozen
class Alignment:
    """The scales compared (in column order) and the rows: per row, per scale, the levels placed there.

    ``through``: (scale, anchor scale) for each scale aligned through a scale other than the
    first; ``by_rank``: the scales placed by rank only (no mapping to any scale before them).
    """

    scales: tuple[m.Scale, ...]
    rows: tuple[tuple[tuple[Placed, ...], ...], ...]
    through: tuple[tuple[m.Scale, m.Scale], ...] = ()
    by_rank: tuple[m.Scale, ...] = ()


_Link = tuple[str, str, bool, float | None]  # anchor level id, predicate seen from the anchor, derived, confidence


def _links(cat: Catalog, anchor: m.Scale, sc: m.Scale) -> dict[str, list[_Link]]:
    """For each level of ``sc``: (anchor level id, predicate seen from the anchor, derived, confidence).

    Both directions are asked; for one pair a stated mapping wins over a derived one.
    """
    a_ids = {lv.id for lv in anchor.levels}
    s_ids = {lv.id for lv in sc.levels}
    best: dict[tuple[str, str], tuple[str, bool, float | None]] = {}

    def offer(a: str, s: str, pred: str, derived: bool, confidence: float | None) -> None:
        if (a, s) not in best or (best[a, s][1] and not derived):
            best[a, s] = (pred, derived, confidence)

    for lv in sorted(anchor.levels, key=lambda x: x.rank):
        for c in maps(cat, lv.id, sc.framework):
            if c.obj.id in s_ids:
                offer(lv.id, c.obj.id, c.predicate, c.derived, c.confidence)
    for lv in sc.levels:  # mappings stated the other way round
        for c in maps(cat, lv.id, anchor.framework):
            if c.obj.id in a_ids:
                offer(c.obj.id, lv.id, _inverse(c.predicate), c.derived, c.confidence)
    out: dict[str, list[_Link]] = {}
    for (a, s_id), (pred, derived, confidence) in best.items():
        out.setdefault(s_id, []).append((a, pred, derived, confidence))
    return out


_Row = dict[str, list[Placed]]  # scale id -> the cell's entries; rows are objects so inserting keeps links


def align_levels(cat: Catalog, fws: Sequence[m.Framework]) -> Alignment:
    """The levels of the scales of ``fws`` in rows, aligned through the crosswalk.

    The first scale's levels make the rows. Each next scale is aligned through the first
    scale already placed that has mappings to it; its levels go beside the levels they are
    mapped from, an unmapped level between its neighbours. A scale with no mapping to any
    scale placed goes beside the same ranks (no equivalence implied).
    """
    scales = [s for f in fws for s in cat.scales(f.id)]
    if not scales:
        return Alignment((), ())
    base = scales[0]
    rows: list[_Row] = []
    row_of: dict[str, _Row] = {}  # level id -> the first row it sits in
    rank_of: dict[int, int] = {}  # id(row) -> rank, for rows placed by rank
    for lv in sorted(base.levels, key=lambda x: x.rank):
        row: _Row = {base.id: [Placed(lv, base.id, "base")]}
        rows.append(row)
        row_of[lv.id] = row
        rank_of[id(row)] = lv.rank
    by_rank: list[m.Scale] = []
    through: list[tuple[m.Scale, m.Scale]] = []
    placed = [base]
    for sc in scales[1:]:
        levels = sorted(sc.levels, key=lambda x: x.rank)
        anchor, links = base, {}
        for candidate in placed:  # the first scale already in the table that has mappings to this one
            links = _links(cat, candidate, sc)
            if links:
                anchor = candidate
                break
        placed.append(sc)
        if not links:  # no crosswalk to any scale shown: beside the same rank, no claim made
            by_rank.append(sc)
            for lv in levels:
                found = next((r for r in rows if rank_of.get(id(r)) == lv.rank), None)
                if found is None:
                    found = {}
                    at = next((i for i, r in enumerate(rows) if rank_of.get(id(r), lv.rank) > lv.rank), len(rows))
                    rows.insert(at, found)
                    rank_of[id(found)] = lv.rank
                found.setdefault(sc.id, []).append(Placed(lv, sc.id, "rank"))
                row_of.setdefault(lv.id, found)
            continue
        if anchor is not base:
            through.append((sc, anchor))
        last: _Row | None = None
        pending: list[m.Level] = []  # unmapped levels waiting for their upper neighbour's row
        for lv in levels:
            if lv.id not in links:
                if last is None:
                    pending.append(lv)
                else:  # after its lower neighbour
                    new: _Row = {sc.id: [Placed(lv, sc.id, "neighbour")]}
                    rows.insert(rows.index(last) + 1, new)
                    row_of[lv.id] = last = new
                continue
            targets = [(row_of[a], a, pred, derived, conf) for a, pred, derived, conf in links[lv.id]]
            targets.sort(key=lambda t: rows.index(t[0]))
            for row, a, pred, derived, conf in targets:
                entry = Placed(lv, sc.id, "mapping", a, pred, derived, conf, anchor is not base)
                row.setdefault(sc.id, []).append(entry)
            row_of.setdefault(lv.id, targets[0][0])
            if pending:  # before the row of the first mapped level, in order
                at = rows.index(targets[0][0])
                for i, p in enumerate(pending):
                    new = {sc.id: [Placed(p, sc.id, "neighbour")]}
                    rows.insert(at + i, new)
                    row_of[p.id] = new
                pending = []
            last = targets[-1][0]
    return Alignment(
        tuple(scales),
        tuple(tuple(tuple(r.get(s.id, [])) for s in scales) for r in rows),
        tuple(through),
        tuple(by_rank),
    )


# ---------------------------------------------------------------------------
# personas / skills with their counterparts


@attrs.frozen
class CounterpartRow:
    """A persona or skill (of the framework of column ``column``) with, per framework, its counterparts."""

    column: int
    definition: Any
    cells: tuple[tuple[Counterpart, ...], ...]  # one per framework; the definition's own column empty


def counterpart_rows(
    cat: Catalog, kind: Literal["persona", "skill"], fws: Sequence[m.Framework], persona: m.Persona | None
) -> tuple[list[m.Framework], list[CounterpartRow]]:
    """The frameworks in column order (the persona's first) and the rows.

    A definition already shown as a counterpart in a later column gets no row of its own.
    """
    fws = list(fws)
    if persona is not None and cat.framework(persona.framework) in fws:  # the persona's framework leads
        fws.remove(cat.framework(persona.framework))
        fws.insert(0, cat.framework(persona.framework))

    def pool(fw: m.Framework) -> list[Any]:
        if persona is not None and fw.id == persona.framework:
            if kind == "persona":
                return [persona]
            return [e.skill for e in cat.effective_skills(persona.id)]
        return list(cat.personas(fw.id) if kind == "persona" else cat.skills(fw.id))

    shown: set[str] = set()
    rows: list[CounterpartRow] = []
    for i, fw in enumerate(fws):
        for d in pool(fw):
            if d.id in shown:
                continue
            shown.add(d.id)
            cells: list[tuple[Counterpart, ...]] = [()] * len(fws)
            for j, other in enumerate(fws):
                if j == i:
                    continue
                found = tuple(maps(cat, d.id, other.id))
                if j > i:
                    shown.update(c.obj.id for c in found)
                cells[j] = found
            rows.append(CounterpartRow(i, d, tuple(cells)))
        if persona is not None and kind == "persona":
            break  # one persona: its counterparts only
    return fws, rows


# ---------------------------------------------------------------------------
# persona-skills


def requirement_grid(
    cat: Catalog, fw: m.Framework, persona: m.Persona | None
) -> tuple[list[m.Persona], list[m.Skill], dict[str, dict[str, EffectiveSkill]]]:
    """The personas (columns), the skills any of them needs (rows) and skill id → persona id → requirement."""
    if persona is not None:
        personas = [*reversed(cat.ancestors(persona.id)), persona]
    else:
        personas = [p for p in cat.personas(fw.id) if cat.effective_skills(p.id)]
    needs: dict[str, dict[str, EffectiveSkill]] = {}
    for p in personas:
        for e in cat.effective_skills(p.id):
            needs.setdefault(e.skill.id, {})[p.id] = e
    skills = [s for s in cat.skills() if s.id in needs]
    return personas, skills, needs


# ---------------------------------------------------------------------------
# steps


def ladder_of(cat: Catalog, fw: m.Framework, persona: m.Persona | None) -> tuple[m.Persona, list[m.Step]]:
    """The persona (default: the framework's first with a ladder) and its steps.

    Raises :class:`~skillframe.UnknownKeyError` (``ladder``) when the framework has none.
    """
    if persona is None:
        with_ladder = [p for p in cat.personas(fw.id) if cat.steps(p.id)]
        if not with_ladder:
            raise UnknownKeyError("ladder", fw.id)
        persona = with_ladder[0]
    return persona, list(cat.steps(persona.id))


# ---------------------------------------------------------------------------
# trainings


@attrs.frozen
class TrainingRow:
    """A skill with its 教育施策 (the source's words), Off-JT trainings and certifications.

    ``category``: a persona's requirement's 区分 where it overrides the skill's (else ``None``).
    """

    skill: m.Skill
    certifications: tuple[str, ...]
    own_trainings: tuple[str, ...]
    category: str | None
    trainings: tuple[m.Training, ...]


def training_rows(cat: Catalog, fw: m.Framework, persona: m.Persona | None) -> list[TrainingRow]:
    """The skills of ``fw`` (or of ``persona``) that have a training or a certification."""
    # a persona's requirement may override the shared skill's 教育施策 and 区分 (EffectiveSkill reads them)
    items: list[tuple[m.Skill, tuple[str, ...], tuple[str, ...], str | None]]
    if persona is not None:
        items = [
            (e.skill, e.requirement.certifications or e.skill.certifications, e.trainings, e.requirement.category)
            for e in cat.effective_skills(persona.id)
        ]
    else:
        items = [(s, s.certifications, s.trainings, None) for s in cat.skills(fw.id)]
    rows = []
    for skill, certs, own_trainings, category in items:
        trainings = tuple(t for t in cat.trainings(skill.framework) if skill.id in t.skills)
        if not (trainings or own_trainings or certs):
            continue
        rows.append(TrainingRow(skill, tuple(certs), tuple(own_trainings), category, trainings))
    return rows
