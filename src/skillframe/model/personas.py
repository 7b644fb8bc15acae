"""Personas (人材像): their requirements, role variants, and the steps of their ladders.

A step's ``rule`` is a condition of the rule language (:mod:`skillframe.conditions.ast`).
"""

from __future__ import annotations

from typing import Literal

import attrs

from ..conditions.ast import Condition
from .provenance import Provenance, derived

__all__ = ["Persona", "Requirement", "RoleVariant", "Step"]


@attrs.frozen(kw_only=True, repr=False)
class Requirement:
    """A persona requires a skill, with what is specific to that persona.

    ``level`` is a minimum rank where the source gives one (DSM ◎/○/△ → 3/2/1,
    kept in ``mark``); ``priority`` is ``required`` (必須) or ``welcome`` (歓迎).
    ``trainings`` and ``category`` override the shared skill's 教育施策 and 区分 for
    this persona where the source gives them per persona (None: the skill's own;
    ``trainings: []``: the source lists no training in this persona's row).
    """

    skill: str
    level: int | None = None
    mark: str | None = None
    priority: Literal["required", "welcome"] = "required"
    certifications: tuple[str, ...] = ()
    trainings: tuple[str, ...] | None = None
    category: str | None = None
    note: str | None = None
    provenance: Provenance = attrs.field(factory=Provenance)


@attrs.frozen(kw_only=True, repr=False)
class RoleVariant:
    """A role variant or job type of a persona (CIO補佐官 情報政策官, a DSS-P role...)."""

    id: str
    label: str
    label_en: str | None = None
    aliases: tuple[str, ...] = ()
    description: str | None = None
    tasks: tuple[str, ...] = ()
    required_skills: tuple[str, ...] = ()
    welcome_skills: tuple[str, ...] = ()
    provenance: Provenance = attrs.field(factory=Provenance)
    framework: str = attrs.field(default="", metadata=derived())
    persona: str = attrs.field(default="", metadata=derived())


@attrs.frozen(kw_only=True, repr=False)
class Persona:
    """A persona (人材類型): who it is, which skills it needs, whom it inherits from.

    ``development`` is ``internal`` (grown inside, 自治体内での育成) or ``external``
    (secured from outside). ``no_ladder`` gives the source's reason where a persona
    has no step ladder.
    """

    id: str
    label: str
    label_en: str | None = None
    aliases: tuple[str, ...] = ()
    number: str | None = None
    department: str | None = None
    department_en: str | None = None
    definition: tuple[str, ...] = ()
    role: str | None = None
    development: Literal["internal", "external"] | None = None
    inherits: tuple[str, ...] = ()
    requirements: tuple[Requirement, ...] = ()
    variants: tuple[RoleVariant, ...] = ()
    tasks: tuple[str, ...] = ()
    no_ladder: str | None = None
    note: str | None = None
    note_ja: str | None = None
    provenance: Provenance = attrs.field(factory=Provenance)
    framework: str = attrs.field(default="", metadata=derived())


@attrs.frozen(kw_only=True, repr=False)
class Step:
    """A rung of a persona's ladder (育成段階). Reaching step k needs step k-1 too.

    ``rule`` is what this step adds to the step below it.
    """

    id: str
    persona: str
    rank: int
    label: str
    label_en: str | None = None
    aliases: tuple[str, ...] = ()
    description: str | None = None
    description_en: str | None = None
    rule: Condition | None = None
    provenance: Provenance = attrs.field(factory=Provenance)
    framework: str = attrs.field(default="", metadata=derived())
