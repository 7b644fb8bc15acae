"""Skills, the trainings that serve them, and tools with their levels and checklists."""

from __future__ import annotations

from typing import Literal

import attrs

from .provenance import Provenance, derived

__all__ = ["CheckItem", "Skill", "Tool", "ToolLevel", "Training", "TrainingBody"]


@attrs.frozen(kw_only=True, repr=False)
class Skill:
    """A skill item: 区分 (category), 定義 (definition), trainings and certifications.

    ``trainings`` and ``certifications`` are the source's words (教育施策, 関連資格等);
    the Off-JT training table lives in :class:`Training`. ``tags`` classify skills
    for rules (``tool`` marks the ツール活用 skills that the DSM tool edition measures).
    """

    id: str
    label: str
    label_en: str | None = None
    aliases: tuple[str, ...] = ()
    category: str | None = None
    category_en: str | None = None
    subcategory: str | None = None
    definition: str | None = None
    trainings: tuple[str, ...] = ()
    certifications: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    number: int | None = None
    provenance: Provenance = attrs.field(factory=Provenance)
    framework: str = attrs.field(default="", metadata=derived())


@attrs.frozen(kw_only=True, repr=False)
class TrainingBody:
    """Who implements a training: ``mark`` ○ (main) or △ (complement), with a note."""

    body: str
    mark: Literal["○", "△"]
    note: str | None = None


@attrs.frozen(kw_only=True, repr=False)
class Training:
    """An Off-JT training: the skills it teaches, who runs it, its curriculum."""

    id: str
    label: str
    label_en: str | None = None
    aliases: tuple[str, ...] = ()
    persona: str | None = None
    skills: tuple[str, ...] = ()
    bodies: tuple[TrainingBody, ...] = ()
    curriculum: tuple[str, ...] = ()
    note: str | None = None
    provenance: Provenance = attrs.field(factory=Provenance)
    framework: str = attrs.field(default="", metadata=derived())


@attrs.frozen(kw_only=True, repr=False)
class CheckItem:
    """One 実務経験 checklist item of a tool level.

    An item may be a count over named choices (Excel's 「以下より5種類以上の関数を
    使用したことがある」): ``choices`` lists them and ``min_choices`` says how many.
    """

    id: str
    text: str
    choices: tuple[str, ...] = ()
    min_choices: int | None = None


@attrs.frozen(kw_only=True, repr=False)
class ToolLevel:
    """A level of a tool in the DSM tool edition: 目安 (guide) and checklist."""

    rank: int
    label: str
    label_en: str | None = None
    guide: str | None = None
    checklist: tuple[CheckItem, ...] = ()


@attrs.frozen(kw_only=True, repr=False)
class Tool:
    """A tool of the DSM tool edition (Teams, Excel, ...), with its levels."""

    id: str
    label: str
    label_en: str | None = None
    aliases: tuple[str, ...] = ()
    category: str | None = None
    category_en: str | None = None
    skill: str | None = None
    levels: tuple[ToolLevel, ...] = ()
    provenance: Provenance = attrs.field(factory=Provenance)
    framework: str = attrs.field(default="", metadata=derived())
