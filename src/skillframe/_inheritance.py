"""Persona inheritance: lineage, ancestors and the effective skills of a persona.

A persona ``inherits`` the skills of its parents (WG 2025 report: every persona
presumes 一般行政職員's skills). Every walk here is iterative, so no inheritance depth
written in a catalog can reach Python's recursion limit.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs

from . import model as m
from ._repr import REPR_LIMIT

__all__ = ["EffectiveSkill", "ancestors", "effective_skills", "lineage", "trained_skills"]


@attrs.frozen(repr=False)
class EffectiveSkill:
    """A skill a persona needs: reads like the :class:`~skillframe.Skill` it wraps.

    ``id``, ``label``, ``label_en``, ``aliases``, ``category``, ``tags`` and
    ``provenance`` are the skill's; beside them, ``requirement`` (the
    :class:`~skillframe.Requirement`: minimum ``level`` 0–3 where the source gives one,
    ``priority``), ``origin`` (the id of the persona whose requirement it is: the persona
    itself for its own skills, an ancestor for inherited ones) and ``persona`` (the id of
    the persona asked about). Accepted wherever a skill key is.

    >>> import skillframe
    >>> es = skillframe.load().effective_skills("DX推進員")[0]
    >>> es
    EffectiveSkill(id='tokyo-wg-2025:dx-necessity', label='DXの必要性理解', origin='tokyo-wg-2025:general-staff')
    >>> es.label, es.inherited, es.requirement.priority
    ('DXの必要性理解', True, 'required')
    """

    skill: m.Skill
    requirement: m.Requirement
    origin: str
    persona: str

    @property
    def id(self) -> str:
        """The skill's qualified id."""
        return self.skill.id

    @property
    def label(self) -> str:
        """The skill's Japanese label."""
        return self.skill.label

    @property
    def label_en(self) -> str | None:
        """The skill's English label (``None`` where the source gives none)."""
        return self.skill.label_en

    @property
    def aliases(self) -> tuple[str, ...]:
        """The skill's aliases."""
        return self.skill.aliases

    @property
    def category(self) -> str | None:
        """The 区分 for this persona: the requirement's override, else the skill's own."""
        return self.requirement.category if self.requirement.category is not None else self.skill.category

    @property
    def trainings(self) -> tuple[str, ...]:
        """The 教育施策 for this persona: the requirement's override, else the skill's own."""
        override = self.requirement.trainings
        return self.skill.trainings if override is None else override

    @property
    def tags(self) -> tuple[str, ...]:
        """The skill's tags."""
        return self.skill.tags

    @property
    def framework(self) -> str:
        """The framework of the skill."""
        return self.skill.framework

    @property
    def provenance(self) -> m.Provenance:
        """Where the skill comes from (the requirement has its own ``requirement.provenance``)."""
        return self.skill.provenance

    @property
    def inherited(self) -> bool:
        """True when the skill comes from an ancestor."""
        return self.origin != self.persona

    def __repr__(self) -> str:
        text = f"EffectiveSkill(id={self.id!r}, label={self.label!r}, origin={self.origin!r})"
        return text if len(text) <= REPR_LIMIT else text[: REPR_LIMIT - 2] + "…)"


def lineage(personas: Mapping[str, m.Persona], pid: str) -> list[str]:
    """The persona and its ancestors, most basic first, each once (depth-first, parents in order).

    Iterative post-order: a chain of any depth, or a cycle, gives a finite answer.
    """
    out: list[str] = []
    if pid not in personas:
        return out
    seen: set[str] = {pid}
    stack: list[tuple[str, int]] = [(pid, 0)]
    while stack:
        p, i = stack[-1]
        parents = personas[p].inherits
        if i < len(parents):
            stack[-1] = (p, i + 1)
            parent = parents[i]
            if parent not in seen and parent in personas:
                seen.add(parent)
                stack.append((parent, 0))
        else:
            stack.pop()
            out.append(p)
    return out


def ancestors(personas: Mapping[str, m.Persona], pid: str) -> list[m.Persona]:
    """The personas ``pid`` inherits from, nearest first (breadth first), each once."""
    out: list[m.Persona] = []
    seen: set[str] = {pid}
    queue = list(personas[pid].inherits) if pid in personas else []
    i = 0
    while i < len(queue):
        p = queue[i]
        i += 1
        if p in personas and p not in seen:
            seen.add(p)
            out.append(personas[p])
            queue.extend(personas[p].inherits)
    return out


def effective_skills(
    personas: Mapping[str, m.Persona], skills: Mapping[str, m.Skill], pid: str
) -> list[EffectiveSkill]:
    """Own and inherited skills of a persona, most basic ancestor's first, in declaration order.

    A skill required by several personas of the line keeps its first place and the
    requirement of the most specific persona (e.g. its own certifications).
    """
    order: list[str] = []
    chosen: dict[str, tuple[m.Requirement, str]] = {}
    for p in lineage(personas, pid):
        for req in personas[p].requirements:
            if req.skill not in skills:
                continue
            if req.skill not in chosen:
                order.append(req.skill)
            chosen[req.skill] = (req, p)
    return [EffectiveSkill(skills[s], chosen[s][0], chosen[s][1], pid) for s in order]


def trained_skills(
    cond: Any, step_persona: str, personas: Mapping[str, m.Persona], skills: Mapping[str, m.Skill]
) -> list[str]:
    """The skill ids a ``trained`` condition asks training for (its ``skills``, then ``skills_of``'s)."""
    out = list(cond.skills)
    if cond.skills_of is not None:
        pid = step_persona if cond.skills_of == "self" else cond.skills_of
        for es in effective_skills(personas, skills, pid):
            if not set(es.skill.tags) & set(cond.except_tags) and es.skill.id not in out:
                out.append(es.skill.id)
    return out
