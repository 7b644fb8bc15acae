"""Counting evaluations into the organisation view: :func:`rollup`.

:func:`rollup` takes evaluations (or records, which it evaluates as they stream by) and
counts them in one pass. Memory grows with the number of departments, personas, steps
and distinct situations, never with the number of records:

- each evaluation is counted in a *group* ``(department, persona, rank, unmet key)``,
  where the unmet key says which leaves of the next step are unmet or unknown; a
  group's leaves are explained (``Evaluation.unmet``) once, from its first member, and
  give the ``unknown`` flag and the training demand of every member;
- each record's ``trainings`` value, as written, is counted per persona and resolved
  once per distinct value (training completion).

Nothing is dropped: a record without a persona is counted in the ``未設定 / not set``
bucket, a record without a department in the ``None`` department, and a record whose
next step has *unknown* leaves (the data to decide is missing) is counted as such.

Settings come from the framework (``framework``, default: the overlay among the
personas seen) and the frameworks it extends: ``departments``, ``nearly_all`` (the
総務省 「ほぼ全ての者」 threshold, a rate 0–1) and ``coverage_persona`` (whose per-課
coverage and concentration are shown; DX推進員 in the WG framework).

>>> import skillframe
>>> cat = skillframe.load()
>>> G = ["dx-necessity", "user-understanding", "gov-digital-basics", "security-literacy", "privacy"]
>>> P = ["project-management", "value-discovery", "data-literacy", "bpr", "service-validation", "it-governance"]
>>> rows = [
...     {"id": "1", "persona": "DX推進員", "department": "総務課", "trainings": G + P, "dx_lead_years": 2},
...     {"id": "2", "persona": "DX推進員", "department": "税務課", "trainings": G},
...     {"id": "3", "department": "税務課"},
... ]
>>> r = skillframe.rollup(cat, rows)
>>> r.total, r.count(persona="DX推進員", min_rank=2), r.no_persona
(3, 1, 1)
>>> [(d.department, d.count) for d in r.coverage.departments]
[('税務課', 1), ('総務課', 1)]
>>> r.nearly_all, r.nearly_all_source
(0.9, 'default')
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, Literal

import attrs

from .. import model as m
from ..engine.evaluate import persona_key as record_persona
from ..engine.evaluate import ranked_batches
from ..engine.result import Evaluation
from ..errors import LookupFailed, StaffDataError
from .counting import Counter
from .mic_levels import infer_levels, organisation_framework
from .names import Names, key_of
from .results import (
    Concentration,
    Coverage,
    DepartmentCount,
    PersonaRollup,
    Rollup,
    TrainingCompletion,
)

if TYPE_CHECKING:
    from .._catalog import Catalog

__all__ = ["UNSET_EN", "UNSET_JA", "rollup"]

#: How the persona of records without one is labelled.
UNSET_JA, UNSET_EN = "未設定", "not set"
#: Evaluations passed in are counted this many at a time (memory stays flat).
_BATCH = 4096


# ---------------------------------------------------------------------------
# Settings


def _chain(catalog: Catalog, fid: str) -> list[m.Framework]:
    """A framework and the frameworks it extends, nearest first."""
    out = [catalog.framework(fid)]
    while out[-1].extends and all(f.id != out[-1].extends for f in out):
        out.append(catalog.framework(out[-1].extends))
    return out


def _framework_of(catalog: Catalog, framework: object, seen: Iterable[str]) -> str | None:
    """The framework whose settings apply: the one given, else the overlay that extends every framework seen."""
    if framework is not None:
        return catalog.framework(key_of(framework)).id
    fws = list(dict.fromkeys(p.split(":", 1)[0] for p in seen))
    for f in fws:  # the overlay that extends every other framework seen (a town over the WG), else the only one
        bases = {b.id for b in _chain(catalog, f)}
        if all(o in bases for o in fws):
            return catalog.framework(f).id
    return None


def _threshold(
    catalog: Catalog, fid: str | None, nearly_all: float | None
) -> tuple[float, Literal["setting", "argument", "default"], str | None]:
    settings = catalog.settings(fid) if fid is not None else m.Settings()
    if nearly_all is not None:
        return float(nearly_all), "argument", None
    own = fid is not None and any(
        f.settings is not None and (f.extends is not None or f.settings.nearly_all != m.Settings().nearly_all)
        for f in _chain(catalog, fid)
    )
    if own:
        return settings.nearly_all, "setting", settings.note
    return settings.nearly_all, "default", None


def _coverage_persona(catalog: Catalog, focus: object, fid: str | None, seen: Iterable[str]) -> str | None:
    key = key_of(focus)
    if key is None and fid is not None:  # the setting, field by field along the extends chain
        for f in _chain(catalog, fid):
            key = getattr(f.settings, "coverage_persona", None) if f.settings is not None else None
            if key:
                break
    if not isinstance(key, str) or not key:
        return None
    try:
        return catalog.persona(key, fid).id if fid is not None else catalog.persona(key).id
    except LookupFailed:
        return key if key in set(seen) else None  # a merged or renamed persona the data uses


# ---------------------------------------------------------------------------
# Finishing: counters → result objects


def _label(catalog: Catalog, did: str) -> tuple[str, str]:
    if did in catalog:
        d = catalog.get(did)
        return str(d.label), str(d.label_en or d.label)
    return did, did


def _finish(
    acc: Counter,
    *,
    framework: object,
    focus: object,
    nearly_all: float | None,
    departments: Iterable[str] | None,
) -> Rollup:
    cat = acc.catalog
    fid = _framework_of(cat, framework, acc.info)
    settings = cat.settings(fid) if fid is not None else m.Settings()
    threshold, source, note = _threshold(cat, fid, nearly_all)
    listed = list(departments) if departments is not None else list(settings.departments)
    cell_counts = acc.cells(listed)
    seen_depts = {d for d, _, _ in cell_counts}
    depts: list[str | None] = list(dict.fromkeys(listed))
    depts += sorted(d for d in seen_depts if d is not None and d not in depts)
    if None in seen_depts:
        depts.append(None)

    # personas, in catalog order; the no-persona bucket last
    order = {p.id: i for i, p in enumerate(cat.personas())}
    personas: list[PersonaRollup] = []
    for pid in sorted(acc.info, key=lambda p: order.get(p, len(order))):
        info = acc.info[pid]
        at = [0] * (len(info.steps) + 1)
        unknown = 0
        for (_d, p, r), (c, u) in cell_counts.items():
            if p == pid:
                at[r] += c
                unknown += u
        ja, en = _label(cat, pid)
        personas.append(
            PersonaRollup(
                persona=pid,
                label=ja,
                label_en=en,
                steps=tuple(s.label for s in info.steps),
                steps_en=tuple(s.label_en or s.label for s in info.steps),
                at_rank=tuple(at),
                unknown=unknown,
            )
        )
    none = sum(c for (_d, p, _r), (c, _u) in cell_counts.items() if p is None)
    if none:
        personas.append(PersonaRollup(persona=None, label=UNSET_JA, label_en=UNSET_EN, at_rank=(none,)))

    cells = tuple(
        sorted(
            ((d, p, r, c, u) for (d, p, r), (c, u) in cell_counts.items()),
            key=lambda x: (depts.index(x[0]), order.get(x[1] or "", len(order)), x[2]),
        )
    )

    # trainings per skill (summed over personas), in catalog skill order
    skill_order = {s.id: i for i, s in enumerate(cat.skills())}
    per_skill: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    trained = acc.training_counts()
    for (_p, s), row in trained.items():
        for i in range(3):
            per_skill[s][i] += row[i]
    trainings = []
    for s, row in sorted(per_skill.items(), key=lambda kv: skill_order.get(kv[0], len(skill_order))):
        ja, en = _label(cat, s)
        trainings.append(
            TrainingCompletion(skill=s, label=ja, label_en=en, required=row[0], completed=row[1], unknown=row[2])
        )
    training_cells = tuple(sorted((p, s, r[0], r[1], r[2]) for (p, s), r in trained.items()))

    org = organisation_framework(cat)
    base = Rollup(
        total=acc.total,
        framework=fid,
        nearly_all=threshold,
        nearly_all_source=source,
        nearly_all_note=note,
        departments=tuple(depts),
        personas=tuple(personas),
        cells=cells,
        trainings=tuple(trainings),
        training_cells=training_cells,
        demand=acc.demand.finish(),
        coverage=None,
        concentration=(),
        levels=infer_levels(cat, personas, threshold, org),
        shadowed=acc.shadowed(),
        names=Names.from_catalog(cat, org, fid),
    )
    focus_id = _coverage_persona(cat, focus, fid, acc.info)
    if focus_id is None:
        return base
    return _with_coverage(cat, base, focus_id)


def _with_coverage(cat: Catalog, r: Rollup, focus_id: str) -> Rollup:
    ja, en = _label(cat, focus_id)
    all_ = dict(r.per_department(focus_id, 0))
    stepped = dict(r.per_department(focus_id, 1))
    coverage = Coverage(
        persona=focus_id,
        label=ja,
        label_en=en,
        departments=tuple(DepartmentCount(department=d, count=all_[d], stepped=stepped[d]) for d in r.departments),
    )
    concentration: list[Concentration] = []
    for st in cat.steps(focus_id):
        if st.rank < 2:
            continue
        per = r.per_department(focus_id, st.rank)
        concentration.append(
            Concentration(
                persona=focus_id,
                label=ja,
                label_en=en,
                rank=st.rank,
                step=st.label,
                step_en=st.label_en or st.label,
                counts=tuple((str(d), c) for d, c in per if d is not None),
                unassigned=sum(c for d, c in per if d is None),
            )
        )
    return attrs.evolve(r, coverage=coverage, concentration=tuple(concentration))


def _has_persona(record: Any) -> bool:
    """Whether a record names a persona, as the staff reader reads it; a record the reader
    refuses counts as naming one, so that evaluating it raises its error in record order."""
    if type(record) is dict:
        key = record.get("persona")
        if type(key) is str and not key.isspace() and key:  # text that is not blank: a persona
            return True
    try:
        return bool(record_persona(record))
    except StaffDataError:
        return True


# ---------------------------------------------------------------------------
# The entry point


def rollup(
    catalog: Catalog,
    items: Iterable[Evaluation | Mapping[str, Any] | Any],
    *,
    persona: object = None,
    framework: object = None,
    focus: object = None,
    nearly_all: float | None = None,
    departments: Iterable[str] | None = None,
) -> Rollup:
    """Count evaluations (or records, evaluated on the way) into a :class:`~skillframe.Rollup`, in one pass.

    ``items`` may mix :class:`~skillframe.Evaluation` objects and records
    (:class:`~skillframe.StaffRecord` or mappings); a record is evaluated against
    ``persona`` (default: its own persona) and one without a persona is counted in the
    未設定 bucket. ``framework`` names whose settings apply (``deployed_tools`` when
    evaluating records here, ``departments``, ``nearly_all``, ``coverage_persona``;
    default: the overlay among the personas seen, and every tool deployed). ``focus``
    overrides the setting ``coverage_persona``: the persona whose coverage per 課 and
    concentration are shown. ``nearly_all`` (a rate 0–1) and ``departments`` override
    the settings. Keys (``persona``, ``framework``, ``focus``) may be ids, labels,
    aliases or definition objects.

    Returns a frozen :class:`~skillframe.Rollup` (counts in people, rates 0–1; its
    tables are in :mod:`skillframe.render.tables`). Time: one evaluation per record plus
    a dictionary look-up or two; memory: flat in the number of records.

    Raises what evaluation raises for a bad record (:class:`~skillframe.StaffDataError`,
    :class:`~skillframe.UnknownKeyError` for an unknown persona or framework).
    """
    acc = Counter(catalog)
    persona_key = key_of(persona)
    given: list[Evaluation] = []  # evaluations passed in, counted in batches

    def records() -> Iterator[Any]:
        for item in items:
            if isinstance(item, Evaluation):
                given.append(item)
                if len(given) >= _BATCH:
                    acc.add_all(given)
                    given.clear()
            elif persona_key is None and not _has_persona(item):
                acc.add_unevaluated(item)
            else:
                yield item

    # records evaluated here use the deployed tools of the framework named (its settings)
    fw_id = catalog.framework(key_of(framework)).id if framework is not None else None
    deployed = catalog.settings(fw_id).deployed_tools if fw_id is not None else None
    for ladder, batch, keyed in ranked_batches(catalog, persona_key, records(), deployed_tools=deployed):  # type: ignore[arg-type]
        acc.add_batch(ladder, batch, keyed)
    acc.add_all(given)
    return _finish(acc, framework=fw_id, focus=focus, nearly_all=nearly_all, departments=departments)
