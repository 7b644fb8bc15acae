"""The skills measured by training: what training completion (研修受講率) counts.

A persona requires many skills, but only some are measured by training: those a step's
``trained`` condition names (its ``skills``, or the ``skills_of`` persona's skills minus
``except_tags``). The others are measured otherwise — a ツール活用 skill by its tool level,
a DSM skill by its DSM level — and no training record can complete them. Training
completion (:attr:`skillframe.Rollup.trainings`, :meth:`skillframe.Rollup.training_rate`,
a ``training_rate`` target's progress and the report's table) counts a persona's required
skills that some step of the catalog measures by training, and only those — and, for a
persona without a ladder, its own skills for which the catalog names a recommended
training (:func:`counted_skills`): the WG tracks 一般行政職員（管理監督職） by Off-JT
attendance only (「段階分け無し(Off-JT受講の管理のみ)」), so 変革ゴール設定 and 変革推進サポート,
which no step measures, are counted for managers.

>>> import skillframe
>>> cat = skillframe.load()
>>> taught = trained_skills(cat)
>>> "tokyo-wg-2025:bpr" in taught, "tokyo-wg-2025:tool-office" in taught
(True, False)
>>> [s.split(":")[1] for s in counted_skills(cat, "tokyo-wg-2025:manager", taught)][-3:]
['transformation-goal-setting', 'transformation-support', 'it-governance']
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .. import model as m
from ..conditions.ast import leaves

if TYPE_CHECKING:
    from .._catalog import Catalog

__all__ = ["counted_skills", "trained_skills"]


def trained_skills(catalog: Catalog) -> frozenset[str]:
    """Ids of the skills some step of ``catalog`` measures by training (``trained``), not by a tool or DSM level."""
    out: set[str] = set()
    for st in catalog.all_steps():
        for leaf in leaves(st.rule):
            if not isinstance(leaf, m.Trained):
                continue
            out.update(leaf.skills)
            if leaf.skills_of is not None:
                persona = st.persona if leaf.skills_of == "self" else catalog.persona(leaf.skills_of).id
                out.update(
                    e.skill.id
                    for e in catalog.effective_skills(persona)
                    if not set(leaf.except_tags) & set(e.skill.tags)
                )
    return frozenset(out)


def counted_skills(catalog: Catalog, persona: str, taught: frozenset[str]) -> tuple[str, ...]:
    """Ids of the skills whose training completion is counted for ``persona`` (a qualified id),
    in the catalog's order of its effective skills: those of its required skills (own and
    inherited) in ``taught`` (:func:`trained_skills`); for a persona without a ladder, also its
    own skills for which the catalog names a recommended training (the requirement's or the
    skill's 教育施策, or an Off-JT training serving it) — training attendance is all that is
    tracked for it. Inherited skills measured otherwise (ツール活用) stay out."""
    laddered = bool(catalog.steps(persona))
    return tuple(
        dict.fromkeys(
            e.skill.id
            for e in catalog.effective_skills(persona)
            if e.skill.id in taught
            or (not laddered and not e.inherited and (e.trainings or catalog.trainings(skill=e.skill.id)))
        )
    )
