"""skillframe — digital-talent skill frameworks of Japanese local government, as data.

The front door. Everything a user needs is importable from here; the modules whose
names start with ``_`` are private.

>>> import skillframe
>>> cat = skillframe.load()
>>> [p.label for p in cat.personas("tokyo-wg-2025")][:2]
['一般行政職員', 'DX推進員']
"""

from __future__ import annotations

from ._catalog import Catalog, builtin_catalog_paths, load
from ._graph import EffectiveSkill
from ._version import __version__
from .errors import (
    AmbiguousKeyError,
    CatalogError,
    LookupFailed,
    MappingError,
    Problem,
    RuleError,
    SkillframeError,
    StaffDataError,
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

__all__ = [
    "AmbiguousKeyError",
    "Catalog",
    "CatalogError",
    "EffectiveSkill",
    "Framework",
    "Level",
    "LookupFailed",
    "MappingError",
    "Persona",
    "Problem",
    "Provenance",
    "Requirement",
    "RoleVariant",
    "RuleError",
    "Scale",
    "Skill",
    "SkillframeError",
    "StaffDataError",
    "Step",
    "Tool",
    "Training",
    "UnknownKeyError",
    "__version__",
    "builtin_catalog_paths",
    "load",
]
