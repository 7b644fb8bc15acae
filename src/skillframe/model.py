"""The definitions a catalog holds: frozen attrs classes, one per concept.

A catalog file is YAML whose shape mirrors these classes (see
``docs/catalog-format.md``); the loader structures it with cattrs and fills the
fields marked ``derived`` (the owning framework and the qualified id). Every
definition has a stable ASCII ``id`` of the form ``<framework>:<local id>``, a
Japanese ``label`` with ``label_en`` beside it, ``aliases`` and a
:class:`Provenance`.

Definitions never hold a reference to the :class:`~skillframe.Catalog` that
owns them; they refer to each other by id.

>>> p = Provenance(source="wg2025", locator="§3 一般行政職員", interpretation=True,
...                note="reading taken")
>>> p.flags
('interpretation',)
"""

from __future__ import annotations

import typing
from typing import Literal

import attrs

from .conditions.ast import (
    All,
    Any,
    Condition,
    CustomRule,
    DsmLevel,
    Mentoring,
    Not,
    NumberAtLeast,
    StepReached,
    ToolsAtLeast,
    Trained,
)

__all__ = [
    "All",
    "Any",
    "Band",
    "CheckItem",
    "Condition",
    "CustomRule",
    "DsmLevel",
    "Edition",
    "Example",
    "Framework",
    "HistoryEntry",
    "Level",
    "Mentoring",
    "Merge",
    "Not",
    "NumberAtLeast",
    "Overlay",
    "Persona",
    "Profile",
    "Provenance",
    "Rename",
    "Requirement",
    "RequirementChange",
    "RoleVariant",
    "RuleChange",
    "Scale",
    "Settings",
    "Skill",
    "Source",
    "Step",
    "StepReached",
    "Tool",
    "ToolLevel",
    "ToolsAtLeast",
    "Trained",
    "Training",
    "TrainingBody",
    "TypedText",
]


def _derived() -> dict[str, bool]:
    return {"derived": True}


# ---------------------------------------------------------------------------
# Provenance and sources


@attrs.frozen(kw_only=True, repr=False)
class Provenance:
    """Where a fact comes from, and how sure it is.

    ``source`` is the id of a :class:`Source` of the framework (default: the
    framework's primary source); ``locator`` says where inside it (section,
    table, page). ``interpretation`` marks a reading the catalog chose where
    the source is unclear; ``unverified`` marks a fact not checked against a
    primary source. Either flag needs a ``note`` that says why.
    """

    source: str | None = None
    locator: str | None = None
    interpretation: bool = False
    unverified: bool = False
    note: str | None = None

    @property
    def flags(self) -> tuple[str, ...]:
        """The flags that are set, in a fixed order."""
        return tuple(
            name for name, on in (("interpretation", self.interpretation), ("unverified", self.unverified)) if on
        )


@attrs.frozen(kw_only=True, repr=False)
class Source:
    """A document facts are taken from."""

    id: str
    title: str
    publisher: str | None = None
    issued: str | None = None
    url: str | None = None
    licence: str | None = None
    note: str | None = None


@attrs.frozen(kw_only=True, repr=False)
class Edition:
    """One edition (version) of a framework, listed in ``Framework.history``.

    ``version`` names the edition as its publisher does; ``issued`` is its date
    (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``); ``status`` is ``current``,
    ``superseded`` or ``draft`` where known. ``replaces`` / ``replaced_by`` name
    other editions of the same framework by ``version``; ``source`` is the id of the
    :class:`Source` that publishes the edition. ``contents`` is the id of the
    framework of the catalog that holds this edition's definitions (None: the
    catalog does not carry them — record its existence, never invent its items).
    """

    version: str
    issued: str | None = None
    status: Literal["current", "draft", "superseded"] | None = None
    replaces: str | None = None
    replaced_by: str | None = None
    source: str | None = None
    contents: str | None = None
    note: str | None = None
    provenance: Provenance = attrs.field(factory=Provenance)


#: The former name of :class:`Edition`.
HistoryEntry = Edition


@attrs.frozen(kw_only=True, repr=False)
class TypedText:
    """A text that belongs to one subject, e.g. a level descriptor for one persona type."""

    subject: str
    text: str


# ---------------------------------------------------------------------------
# Scales


@attrs.frozen(kw_only=True, repr=False)
class Level:
    """One rank of a scale. ``rank`` orders levels; higher is more."""

    id: str
    rank: int
    label: str
    label_en: str | None = None
    aliases: tuple[str, ...] = ()
    descriptor: str | None = None
    descriptors: tuple[TypedText, ...] = ()
    provenance: Provenance = attrs.field(factory=Provenance)
    framework: str = attrs.field(default="", metadata=_derived())
    scale: str = attrs.field(default="", metadata=_derived())

    def descriptor_for(self, subject: str) -> str | None:
        """The descriptor of this level for one subject (e.g. a 総務省 type id)."""
        for d in self.descriptors:
            if subject in (d.subject, d.subject.split(":", 1)[-1]):
                return d.text
        return None


@attrs.frozen(kw_only=True, repr=False)
class Band:
    """A named range of ranks of a scale (e.g. ITSS entry = 1-2)."""

    id: str
    label: str
    label_en: str | None = None
    ranks: tuple[int, ...] = ()


@attrs.frozen(kw_only=True, repr=False)
class Scale:
    """An ordered set of levels. ``measures`` is ``person`` or ``organisation``."""

    id: str
    label: str
    label_en: str | None = None
    aliases: tuple[str, ...] = ()
    measures: Literal["person", "organisation"] = "person"
    description: str | None = None
    status: Literal["current", "draft", "superseded"] = "current"
    superseded_by: str | None = None
    levels: tuple[Level, ...] = ()
    bands: tuple[Band, ...] = ()
    provenance: Provenance = attrs.field(factory=Provenance)
    framework: str = attrs.field(default="", metadata=_derived())

    def level(self, rank: int) -> Level:
        """The level of this rank.

        >>> s = Scale(id="x:s", label="s", levels=(Level(id="x:l1", rank=1, label="一"),))
        >>> s.level(1).label
        '一'
        """
        for lv in self.levels:
            if lv.rank == rank:
                return lv
        from .errors import UnknownKeyError

        raise UnknownKeyError("level", f"{self.id} rank {rank}", suggestions=tuple(str(lv.rank) for lv in self.levels))


# ---------------------------------------------------------------------------
# Framework


@attrs.frozen(kw_only=True, repr=False)
class Example:
    """A worked example the source gives (e.g. a municipality's numeric target)."""

    id: str
    label: str
    label_en: str | None = None
    text: str
    provenance: Provenance = attrs.field(factory=Provenance)
    framework: str = attrs.field(default="", metadata=_derived())


@attrs.frozen(kw_only=True, repr=False)
class Profile:
    """A municipality's answers that the policy advice reads (docs/policy.md).

    ``population`` (people), ``it_staff`` (全庁情報システム担当, people), ``it_arrangement``
    (単独配置 ``single`` / 1～2名体制 ``small`` / 複数名体制 ``multiple``), ``specialist_system``
    (a 専門職制度 exists), ``cio_adviser`` (任用（常勤） ``full-time`` / 任用（非常勤）
    ``part-time`` / 外部委託 ``outsourced`` / ``none``), ``pattern`` (the 策定パターン:
    ``new`` / ``revise-dx-plan`` / ``revise-hr-policy``), ``policy_exists`` (a policy is
    already in force: the 策定手順 for a revision applies). ``None``: not answered.
    """

    population: int | None = None
    it_staff: int | None = None
    it_arrangement: Literal["single", "small", "multiple"] | None = None
    specialist_system: bool | None = None
    cio_adviser: Literal["full-time", "part-time", "outsourced", "none"] | None = None
    pattern: Literal["new", "revise-dx-plan", "revise-hr-policy"] | None = None
    policy_exists: bool | None = None
    note: str | None = None


@attrs.frozen(kw_only=True, repr=False)
class Settings:
    """A municipality's settings, held by its framework (an overlay).

    ``deployed_tools`` are the DSM tools it has deployed (``None``: all of them);
    ``departments`` its 課; ``nearly_all`` the share that counts as 総務省
    「ほぼ全ての者」 — a judgement, shown wherever it is used; ``coverage_persona``
    the persona (a key) whose placement per 課 and concentration the rollup shows
    (the WG framework sets DX推進員: §2 数値目標例「各課に○名」). A rollup reads
    ``coverage_persona`` along the ``extends`` chain, so a town's settings need not repeat it.
    """

    deployed_tools: tuple[str, ...] | None = None
    departments: tuple[str, ...] = ()
    nearly_all: float = 0.9
    note: str | None = None
    coverage_persona: str | None = None
    profile: Profile | None = None


@attrs.frozen(kw_only=True, repr=False)
class Framework:
    """A skill framework: its metadata and the scales it defines.

    A framework that ``extends`` another is an overlay: it starts as a copy of the
    base (copy on write: the base is never changed) and applies its ``overlay``
    operations; its ``settings`` hold the municipality's choices.

    ``provides`` names the roles the engine looks a framework up by, instead of by id:
    ``dsm_levels`` (the skill levels 0–3 and tools staff records give, as the Tokyo
    デジタルスキルマップ does; an unqualified tool name in a rule is one of its tools)
    and ``organisation_levels`` (the organisation-level personas rollups infer, as the
    総務省 guidebook does). The first loaded framework providing a role is used.
    """

    id: str
    label: str
    label_en: str | None = None
    aliases: tuple[str, ...] = ()
    publisher: str
    version: str | None = None
    issued: str | None = None
    source: str
    sources: tuple[Source, ...] = ()
    licence: str | None = None
    attribution: str | None = None
    status: Literal["current", "draft", "superseded"] = "current"
    superseded_by: str | None = None
    verified: Literal["full", "partial", "no"] = "full"
    description: str | None = None
    history: tuple[Edition, ...] = ()
    examples: tuple[Example, ...] = ()
    extends: str | None = None
    settings: Settings | None = None
    provides: tuple[Literal["dsm_levels", "organisation_levels"], ...] = ()
    provenance: Provenance = attrs.field(factory=Provenance)
    scales: tuple[Scale, ...] = attrs.field(default=(), metadata=_derived())

    @property
    def framework(self) -> str:
        """A framework belongs to itself (so every definition has ``.framework``)."""
        return self.id


# ---------------------------------------------------------------------------
# Skills, trainings, tools


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
    framework: str = attrs.field(default="", metadata=_derived())


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
    framework: str = attrs.field(default="", metadata=_derived())


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
    framework: str = attrs.field(default="", metadata=_derived())


# ---------------------------------------------------------------------------
# Personas


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
    framework: str = attrs.field(default="", metadata=_derived())
    persona: str = attrs.field(default="", metadata=_derived())


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
    provenance: Provenance = attrs.field(factory=Provenance)
    framework: str = attrs.field(default="", metadata=_derived())


# ---------------------------------------------------------------------------
# Conditions (the step-rule language) and steps


# The condition classes (All, Any, Not, Trained, …, Condition) live with the rule
# language, skillframe.conditions.ast, and are imported at the top of this module.


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
    framework: str = attrs.field(default="", metadata=_derived())


# ---------------------------------------------------------------------------
# Overlays: a municipality's changes to the framework it extends


@attrs.frozen(kw_only=True, repr=False)
class Rename:
    """Give a base definition a new label (the old label stays findable as an alias)."""

    id: str
    label: str | None = None
    label_en: str | None = None
    aliases: tuple[str, ...] = ()


@attrs.frozen(kw_only=True, repr=False)
class RequirementChange(Requirement):
    """A requirement with the persona it is for: to add, or to name one to remove (``persona``, ``skill``)."""

    persona: str

    def requirement(self) -> Requirement:
        """The plain requirement (without the persona)."""
        return Requirement(**{f.name: getattr(self, f.name) for f in attrs.fields(Requirement)})


@attrs.frozen(kw_only=True, repr=False)
class RuleChange:
    """Replace a step's rule, or extend it (the step then needs the old rule and the new one)."""

    step: str
    replace: Condition | None = None
    extend: Condition | None = None


@attrs.frozen(kw_only=True, repr=False)
class Merge:
    """Merge persona ``merged`` into ``into`` (one person holds both roles).

    ``into`` gains the other's requirements, parents and label as an alias; references
    to the merged persona now point at ``into``; ``ladder`` says whose steps stay.
    """

    into: str
    merged: str
    label: str | None = None
    label_en: str | None = None
    ladder: Literal["into", "merged"] = "into"


@attrs.frozen(kw_only=True, repr=False)
class Overlay:
    """The changes an overlay framework makes to the copy of its base."""

    rename: tuple[Rename, ...] = ()
    remove: tuple[str, ...] = ()
    remove_requirements: tuple[RequirementChange, ...] = ()
    add_requirements: tuple[RequirementChange, ...] = ()
    rules: tuple[RuleChange, ...] = ()
    merge: tuple[Merge, ...] = ()


# ---------------------------------------------------------------------------
# Short reprs: a definition shows its id and label, never its whole content.

REPR_LIMIT = 120


def short_repr(obj: typing.Any, limit: int = REPR_LIMIT) -> str:
    """A one-line repr of an attrs object under ``limit`` characters.

    Definitions show ``id`` and ``label``; other objects their fields that differ from the
    default, each value cut short.

    >>> short_repr(Skill(id="tokyo-wg-2025:bpr", label="業務分析/BPR", definition="長い定義" * 100))
    "Skill(id='tokyo-wg-2025:bpr', label='業務分析/BPR')"
    """
    cls = type(obj)
    fields = attrs.fields(cls)
    names = {f.name for f in fields}
    parts: list[str] = []
    if "id" in names and "label" in names:
        chosen = [("id", obj.id), ("label", obj.label)]
    else:
        chosen = []
        for f in fields:
            value = getattr(obj, f.name)
            default = f.default
            if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
                default = default.factory()
            if value != default or f.default is attrs.NOTHING:
                chosen.append((f.name, value))
    for name, value in chosen:
        text = repr(value)
        parts.append(f"{name}={text if len(text) <= 48 else text[:46] + '…' + text[-1]}")
    out = f"{cls.__name__}({', '.join(parts)})"
    return out if len(out) <= limit else out[: limit - 2] + "…)"


for _cls in (
    Provenance,
    Source,
    HistoryEntry,
    TypedText,
    Level,
    Band,
    Scale,
    Example,
    Profile,
    Settings,
    Framework,
    Skill,
    TrainingBody,
    Training,
    CheckItem,
    ToolLevel,
    Tool,
    Requirement,
    RoleVariant,
    Persona,
    Step,
    Rename,
    RequirementChange,
    RuleChange,
    Merge,
    Overlay,
):
    _cls.__repr__ = short_repr  # type: ignore[method-assign]
del _cls
