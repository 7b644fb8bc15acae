"""The skills measured by training: what training completion (研修受講率) counts.

A persona requires many skills, but only some are measured by training: those a step's
``trained`` condition names (its ``skills``, or the ``skills_of`` persona's skills minus
``except_tags``). The others are measured otherwise — a ツール活用 skill by its tool level,
a DSM skill by its DSM level — and no training record can complete them. Training
completion (:attr:`skillframe.Rollup.trainings`, :meth:`skillframe.Rollup.training_rate`,
a ``training_rate`` target's progress and the report's table) counts a persona's required
skills that some step of the catalog measures by training, and only those.

>>> import skillframe
>>> cat = skillframe.load()
>>> taught = trained_skills(cat)
>>> "tokyo-wg-2025:bpr" in taught, "tokyo-wg-2025:tool-office" in taught
(True, False)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .. import model as m
from ..conditions.ast import leaves

if TYPE_CHECKING:
    from .._catalog import Catalog

__all__ = ["trained_skills"]


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
