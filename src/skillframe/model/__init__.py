"""The definitions a catalog holds: frozen attrs classes, one per concept.

A catalog file is YAML whose shape mirrors these classes (see
``docs/catalog-format.md``); the loader structures it with cattrs and fills the
fields marked ``derived`` (the owning framework and the qualified id). Every
definition has a stable ASCII ``id`` of the form ``<framework>:<local id>``, a
Japanese ``label`` with ``label_en`` beside it, ``aliases`` and a
:class:`Provenance`.

Definitions never hold a reference to the :class:`~skillframe.Catalog` that
owns them; they refer to each other by id.

One module per concept: :mod:`.provenance` (provenance, sources, editions),
:mod:`.scales`, :mod:`.frameworks` (framework, settings, profile), :mod:`.skills`
(skills, trainings, tools), :mod:`.personas` (personas, requirements, steps),
:mod:`.overlays` (a municipality's changes); the step-rule condition classes live in
:mod:`skillframe.conditions.ast`. Every name is imported from here
(``skillframe.model.Skill``).

>>> p = Provenance(source="wg2025", locator="§3 一般行政職員", interpretation=True,
...                note="reading taken")
>>> p.flags
('interpretation',)
"""

from __future__ import annotations

from .._exports import resolve
from .._repr import short_repr
from ..conditions.ast import (
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
from .frameworks import Example, Framework, Profile, Settings
from .overlays import Merge, Overlay, Rename, RequirementChange, RuleChange
from .personas import Persona, Requirement, RoleVariant, Step
from .provenance import Edition, HistoryEntry, Provenance, Source, TypedText
from .scales import Band, Level, Scale
from .skills import CheckItem, Skill, Tool, ToolLevel, Training, TrainingBody

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

_DEFINITIONS = (
    Provenance,
    Source,
    Edition,
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
)
for _cls in _DEFINITIONS:
    # String annotations resolved now, against the module that defines each class
    # (the front door later shows some as ``skillframe.X``).
    resolve(_cls)
    _cls.__repr__ = short_repr  # type: ignore[method-assign]
del _cls
