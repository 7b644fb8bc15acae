"""skillframe — digital-talent skill frameworks of Japanese local government, as data.

The front door. Everything a user needs is importable from here; the modules whose
names start with ``_`` are private.

>>> import skillframe
>>> cat = skillframe.load()
>>> [p.label for p in cat.personas("tokyo-wg-2025")][:2]
['一般行政職員', 'DX推進員']
"""

from __future__ import annotations

import typing as _typing

from ._catalog import Catalog
from ._crosswalk import Mapping, MappingConflict, MappingRecord, MappingSet
from ._exports import export as _export
from ._inheritance import EffectiveSkill
from ._load import builtin_catalog_paths, load
from ._version import __version__
from .errors import (
    AmbiguousKeyError,
    CatalogError,
    EditionError,
    FormError,
    HistoryError,
    LookupFailed,
    MappingError,
    MissingDependencyError,
    OutputError,
    Problem,
    RuleError,
    SkillframeError,
    StaffDataError,
    StaffValueError,
    TargetsError,
    UnknownKeyError,
)
from .model import (
    Edition,
    Framework,
    Level,
    Persona,
    Profile,
    Provenance,
    Requirement,
    RoleVariant,
    Scale,
    Skill,
    Step,
    Tool,
    Training,
)

if _typing.TYPE_CHECKING:  # the lazily imported names, for type checkers and IDEs
    from ._compare import compare
    from ._compare_data import compare_data
    from ._sssom import read_sssom, write_sssom
    from ._table import Table
    from .conditions.registry import Registry, RuleResult, default_registry, rule
    from .editions import EditionMap, Migration, edition_diff, migrate, read_edition_map
    from .engine.evaluate import evaluate, evaluate_many, evaluate_ranks
    from .engine.result import Evaluation, Unmet
    from .engine.settings import EvaluationSettings, RuleContext
    from .forms import collect
    from .history import History, HistoryStore, open_history
    from .organisation import (
        Concentration,
        Coverage,
        DepartmentCount,
        LevelEvidence,
        MicLevel,
        PersonaRollup,
        Plan,
        Progress,
        Rollup,
        Target,
        TargetProgress,
        Targets,
        TrainingCompletion,
        TrainingDemand,
        YearPlan,
        read_targets,
    )
    from .organisation.progress import progress
    from .organisation.rollup import rollup
    from .policy import Advice, advise
    from .staff import StaffRecord, StaffRowError, StaffTable, StaffWarning, iter_staff, read_staff

# Every exported result type shows as skillframe.X (its home module is private; pickles name skillframe.X).
# Errors keep their public home, skillframe.errors (tracebacks and doctests name it).
_export(
    __name__,
    Catalog,
    EffectiveSkill,
    Framework,
    Level,
    Mapping,
    MappingConflict,
    MappingRecord,
    MappingSet,
    Persona,
    Provenance,
    Requirement,
    RoleVariant,
    Scale,
    Skill,
    Step,
    Tool,
    Training,
)

# Names whose modules are imported on first use, so that ``import skillframe`` and
# ``skillframe.load()`` stay fast (pint's lesson): name -> private module.
_LAZY = {
    **dict.fromkeys(["Registry", "RuleResult", "default_registry", "rule"], "conditions.registry"),
    **dict.fromkeys(["compare"], "_compare"),
    **dict.fromkeys(["compare_data"], "_compare_data"),
    **dict.fromkeys(["evaluate", "evaluate_many", "evaluate_ranks"], "engine.evaluate"),
    **dict.fromkeys(["Evaluation", "Unmet"], "engine.result"),
    **dict.fromkeys(["EvaluationSettings", "RuleContext"], "engine.settings"),
    **dict.fromkeys(["Advice", "advise"], "policy"),
    **dict.fromkeys(["EditionMap", "Migration", "edition_diff", "migrate", "read_edition_map"], "editions"),
    **dict.fromkeys(["read_sssom", "write_sssom"], "_sssom"),
    **dict.fromkeys(
        ["ShadowedPersona", "StaffRecord", "StaffRowError", "StaffTable", "StaffWarning", "iter_staff", "read_staff"],
        "staff",
    ),
    **dict.fromkeys(["Table"], "_table"),
    **dict.fromkeys(
        [
            "Concentration",
            "Coverage",
            "DepartmentCount",
            "LevelEvidence",
            "MicLevel",
            "PersonaRollup",
            "Plan",
            "Progress",
            "Rollup",
            "Target",
            "TargetProgress",
            "Targets",
            "TrainingCompletion",
            "TrainingDemand",
            "YearPlan",
            "read_targets",
        ],
        "organisation",
    ),
    "progress": "organisation.progress",  # the function, not its module
    "rollup": "organisation.rollup",
    **dict.fromkeys(["History", "HistoryStore", "open_history"], "history"),
    **dict.fromkeys(["collect"], "forms"),
}


def __getattr__(name: str) -> _typing.Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'skillframe' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value  # once imported, a plain attribute
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


__all__ = [
    "Advice",
    "AmbiguousKeyError",
    "Catalog",
    "CatalogError",
    "Concentration",
    "Coverage",
    "DepartmentCount",
    "Edition",
    "EditionError",
    "EditionMap",
    "EffectiveSkill",
    "Evaluation",
    "EvaluationSettings",
    "FormError",
    "Framework",
    "History",
    "HistoryError",
    "HistoryStore",
    "Level",
    "LevelEvidence",
    "LookupFailed",
    "Mapping",
    "MappingConflict",
    "MappingError",
    "MappingRecord",
    "MappingSet",
    "MicLevel",
    "Migration",
    "MissingDependencyError",
    "OutputError",
    "Persona",
    "PersonaRollup",
    "Plan",
    "Problem",
    "Profile",
    "Progress",
    "Provenance",
    "Registry",
    "Requirement",
    "RoleVariant",
    "Rollup",
    "RuleContext",
    "RuleError",
    "RuleResult",
    "Scale",
    "ShadowedPersona",
    "Skill",
    "SkillframeError",
    "StaffDataError",
    "StaffRecord",
    "StaffRowError",
    "StaffTable",
    "StaffValueError",
    "StaffWarning",
    "Step",
    "Table",
    "Target",
    "TargetProgress",
    "Targets",
    "TargetsError",
    "Tool",
    "Training",
    "TrainingCompletion",
    "TrainingDemand",
    "UnknownKeyError",
    "Unmet",
    "YearPlan",
    "__version__",
    "advise",
    "builtin_catalog_paths",
    "collect",
    "compare",
    "compare_data",
    "default_registry",
    "edition_diff",
    "evaluate",
    "evaluate_many",
    "evaluate_ranks",
    "iter_staff",
    "load",
    "migrate",
    "open_history",
    "progress",
    "read_edition_map",
    "read_sssom",
    "read_staff",
    "read_targets",
    "rollup",
    "rule",
    "write_sssom",
]
