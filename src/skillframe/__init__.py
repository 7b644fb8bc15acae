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

from ._catalog import Catalog, builtin_catalog_paths, load
from ._crosswalk import Mapping, MappingConflict, MappingRecord, MappingSet
from ._graph import EffectiveSkill
from ._registry import Registry, RuleResult, default_registry, rule
from ._version import __version__
from .errors import (
    AmbiguousKeyError,
    CatalogError,
    FormError,
    HistoryError,
    LookupFailed,
    MappingError,
    MissingDependencyError,
    Problem,
    RuleError,
    SkillframeError,
    StaffDataError,
    TargetsError,
    UnknownKeyError,
)
from .model import (
    Framework,
    Level,
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

if _typing.TYPE_CHECKING:  # the lazily imported names, for type checkers and IDEs
    from ._compare import compare
    from ._evaluate import Evaluation, Unmet, evaluate, evaluate_many
    from ._rollup import Rollup, rollup
    from ._rules import EvaluationSettings, RuleContext
    from ._sssom import read_sssom, write_sssom
    from ._staff import StaffRecord, StaffRowError, StaffTable, iter_staff, read_staff
    from ._table import Table
    from ._targets import Progress, TargetProgress, Targets, progress, read_targets
    from .forms import collect
    from .history import History, HistoryStore, open_history

# Names whose modules are imported on first use, so that ``import skillframe`` and
# ``skillframe.load()`` stay fast (pint's lesson): name -> private module.
_LAZY = {
    **dict.fromkeys(["compare"], "_compare"),
    **dict.fromkeys(["Evaluation", "Unmet", "evaluate", "evaluate_many"], "_evaluate"),
    **dict.fromkeys(["Rollup", "rollup"], "_rollup"),
    **dict.fromkeys(["EvaluationSettings", "RuleContext"], "_rules"),
    **dict.fromkeys(["read_sssom", "write_sssom"], "_sssom"),
    **dict.fromkeys(["StaffRecord", "StaffRowError", "StaffTable", "iter_staff", "read_staff"], "_staff"),
    **dict.fromkeys(["Table"], "_table"),
    **dict.fromkeys(["Progress", "TargetProgress", "Targets", "progress", "read_targets"], "_targets"),
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
    "AmbiguousKeyError",
    "Catalog",
    "CatalogError",
    "EffectiveSkill",
    "Evaluation",
    "EvaluationSettings",
    "FormError",
    "Framework",
    "History",
    "HistoryError",
    "HistoryStore",
    "Level",
    "LookupFailed",
    "Mapping",
    "MappingConflict",
    "MappingError",
    "MappingRecord",
    "MappingSet",
    "MissingDependencyError",
    "Persona",
    "Problem",
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
    "Skill",
    "SkillframeError",
    "StaffDataError",
    "StaffRecord",
    "StaffRowError",
    "StaffTable",
    "Step",
    "Table",
    "TargetProgress",
    "Targets",
    "TargetsError",
    "Tool",
    "Training",
    "UnknownKeyError",
    "Unmet",
    "__version__",
    "builtin_catalog_paths",
    "collect",
    "compare",
    "default_registry",
    "evaluate",
    "evaluate_many",
    "iter_staff",
    "load",
    "open_history",
    "progress",
    "read_sssom",
    "read_staff",
    "read_targets",
    "rollup",
    "rule",
    "write_sssom",
]
