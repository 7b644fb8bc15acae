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

from typing import Literal

import attrs

__all__ = [
    "All",
    "Any",
    "Band",
    "CheckItem",
    "Condition",
    "CustomRule",
    "DsmLevel",
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


@attrs.frozen(kw_only=True)
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


@attrs.frozen(kw_only=True)
class Source:
    """A document facts are taken from."""

    id: str
    title: str
    publisher: str | None = None
    issued: str | None = None
    url: str | None = None
    licence: str | None = None
    note: str | None = None


@attrs.frozen(kw_only=True)
class HistoryEntry:
    """One version of a framework (framework metadata)."""

    version: str
    issued: str | None = None
    note: str | None = None
    provenance: Provenance = attrs.field(factory=Provenance)


@attrs.frozen(kw_only=True)
class TypedText:
    """A text that belongs to one subject, e.g. a level descriptor for one persona type."""

    subject: str
    text: str


# ---------------------------------------------------------------------------
# Scales


@attrs.frozen(kw_only=True)
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


@attrs.frozen(kw_only=True)
class Band:
    """A named range of ranks of a scale (e.g. ITSS entry = 1-2)."""

    id: str
    label: str
    label_en: str | None = None
    ranks: tuple[int, ...] = ()


@attrs.frozen(kw_only=True)
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


@attrs.frozen(kw_only=True)
class Example:
    """A worked example the source gives (e.g. a municipality's numeric target)."""

    id: str
    label: str
    label_en: str | None = None
    text: str
    provenance: Provenance = attrs.field(factory=Provenance)
    framework: str = attrs.field(default="", metadata=_derived())


@attrs.frozen(kw_only=True)
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


@attrs.frozen(kw_only=True)
class Settings:
    """A municipality's settings, held by its framework (an overlay).

    ``deployed_tools`` are the DSM tools it has deployed (``None``: all of them);
    ``departments`` its 課; ``nearly_all`` the share that counts as 総務省
    「ほぼ全ての者」 — a judgement, shown wherever it is used.
    """

    deployed_tools: tuple[str, ...] | None = None
    departments: tuple[str, ...] = ()
    nearly_all: float = 0.9
    note: str | None = None
    profile: Profile | None = None


@attrs.frozen(kw_only=True)
class Framework:
    """A skill framework: its metadata and the scales it defines.

    A framework that ``extends`` another is an overlay: it starts as a copy of the
    base (copy on write: the base is never changed) and applies its ``overlay``
    operations; its ``settings`` hold the municipality's choices.
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
    history: tuple[HistoryEntry, ...] = ()
    examples: tuple[Example, ...] = ()
    extends: str | None = None
    settings: Settings | None = None
    provenance: Provenance = attrs.field(factory=Provenance)
    scales: tuple[Scale, ...] = attrs.field(default=(), metadata=_derived())

    @property
    def framework(self) -> str:
        """A framework belongs to itself (so every definition has ``.framework``)."""
        return self.id


# ---------------------------------------------------------------------------
# Skills, trainings, tools


@attrs.frozen(kw_only=True)
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


@attrs.frozen(kw_only=True)
class TrainingBody:
    """Who implements a training: ``mark`` ○ (main) or △ (complement), with a note."""

    body: str
    mark: Literal["○", "△"]
    note: str | None = None


@attrs.frozen(kw_only=True)
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


@attrs.frozen(kw_only=True)
class CheckItem:
    """One 実務経験 checklist item of a tool level.

    An item may be a count over named choices (Excel's 「以下より5種類以上の関数を
    使用したことがある」): ``choices`` lists them and ``min_choices`` says how many.
    """

    id: str
    text: str
    choices: tuple[str, ...] = ()
    min_choices: int | None = None


@attrs.frozen(kw_only=True)
class ToolLevel:
    """A level of a tool in the DSM tool edition: 目安 (guide) and checklist."""

    rank: int
    label: str
    label_en: str | None = None
    guide: str | None = None
    checklist: tuple[CheckItem, ...] = ()


@attrs.frozen(kw_only=True)
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


@attrs.frozen(kw_only=True)
class Requirement:
    """A persona requires a skill, with what is specific to that persona.

    ``level`` is a minimum rank where the source gives one (DSM ◎/○/△ → 3/2/1,
    kept in ``mark``); ``priority`` is ``required`` (必須) or ``welcome`` (歓迎).
    """

    skill: str
    level: int | None = None
    mark: str | None = None
    priority: Literal["required", "welcome"] = "required"
    certifications: tuple[str, ...] = ()
    note: str | None = None
    provenance: Provenance = attrs.field(factory=Provenance)


@attrs.frozen(kw_only=True)
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


@attrs.frozen(kw_only=True)
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


@attrs.frozen(kw_only=True)
class All:
    """Every sub-condition holds (``all: [...]``)."""

    of: tuple[Condition, ...]


@attrs.frozen(kw_only=True)
class Any:
    """At least one sub-condition holds (``any: [...]``)."""

    of: tuple[Condition, ...]


@attrs.frozen(kw_only=True)
class Not:
    """The sub-condition does not hold (``not: {...}``)."""

    of: Condition


@attrs.frozen(kw_only=True)
class Trained:
    """The recommended training of each listed skill is completed.

    ``skills`` lists skill ids; ``skills_of`` takes every skill a persona requires
    (own and inherited, ``self`` = the step's persona), less those tagged with
    one of ``except_tags``.
    """

    skills: tuple[str, ...] = ()
    skills_of: str | None = None
    except_tags: tuple[str, ...] = ()


@attrs.frozen(kw_only=True)
class DsmLevel:
    """The DSM level of each listed skill is at least ``min`` (training = Lv1 evidence)."""

    skills: tuple[str, ...]
    min: int


@attrs.frozen(kw_only=True)
class ToolsAtLeast:
    """Each listed tool (or every deployed tool when ``deployed``) is at level ``min`` or above."""

    tools: tuple[str, ...] = ()
    deployed: bool = False
    min: int


@attrs.frozen(kw_only=True)
class NumberAtLeast:
    """A numeric staff field (``dx_project_years``, ``dx_lead_years``, ``dx_lead_count``) ≥ ``min``."""

    field: Literal["dx_project_years", "dx_lead_years", "dx_lead_count"]
    min: float


@attrs.frozen(kw_only=True)
class Mentoring:
    """The person mentors juniors (後進の指導/フォロー)."""

    value: bool = True


@attrs.frozen(kw_only=True)
class StepReached:
    """The person has reached at least step ``min`` of another persona's ladder."""

    persona: str
    min: int


@attrs.frozen(kw_only=True)
class CustomRule:
    """A rule registered in Python (``@skillframe.rule``), with its parameters."""

    rule: str
    params: tuple[tuple[str, object], ...] = ()


Condition = All | Any | Not | Trained | DsmLevel | ToolsAtLeast | NumberAtLeast | Mentoring | StepReached | CustomRule


@attrs.frozen(kw_only=True)
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


@attrs.frozen(kw_only=True)
class Rename:
    """Give a base definition a new label (the old label stays findable as an alias)."""

    id: str
    label: str | None = None
    label_en: str | None = None
    aliases: tuple[str, ...] = ()


@attrs.frozen(kw_only=True)
class RequirementChange(Requirement):
    """A requirement with the persona it is for: to add, or to name one to remove (``persona``, ``skill``)."""

    persona: str

    def requirement(self) -> Requirement:
        """The plain requirement (without the persona)."""
        return Requirement(**{f.name: getattr(self, f.name) for f in attrs.fields(Requirement)})


@attrs.frozen(kw_only=True)
class RuleChange:
    """Replace a step's rule, or extend it (the step then needs the old rule and the new one)."""

    step: str
    replace: Condition | None = None
    extend: Condition | None = None


@attrs.frozen(kw_only=True)
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


@attrs.frozen(kw_only=True)
class Overlay:
    """The changes an overlay framework makes to the copy of its base."""

    rename: tuple[Rename, ...] = ()
    remove: tuple[str, ...] = ()
    remove_requirements: tuple[RequirementChange, ...] = ()
    add_requirements: tuple[RequirementChange, ...] = ()
    rules: tuple[RuleChange, ...] = ()
    merge: tuple[Merge, ...] = ()
