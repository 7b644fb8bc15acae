"""The organisation layer: evaluations counted into an organisation view, targets and progress.

=================  ===========================================================
module             concept
=================  ===========================================================
``rollup``         :func:`rollup`: settings, counting, finishing into a Rollup
``counting``       the one-pass counters (groups explained once)
``results``        :class:`Rollup` and its parts (data; tables are in
                   :mod:`skillframe.render.tables`)
``mic_levels``     総務省 育成目標レベル inferred for the organisation
``demand``         training demand for the next step
``trained``        the skills measured by training (what 研修受講率 counts)
``targets``        the targets model (基本方針 / 年度計画)
``target_file``    :func:`read_targets`: the targets file
``progress``       :func:`progress`: progress against targets
``names``          look-ups on results by id, label, alias or definition
``absent``         people of a roster or a recorded year missing from a staff file
=================  ===========================================================

Imports point down: this package uses the catalog, the engine and the staff values,
never :mod:`skillframe.render`.
"""

from __future__ import annotations

from .._exports import export as _export
from .absent import AbsentStaff, absent_from
from .demand import TrainingDemand
from .mic_levels import LevelEvidence, MicLevel
from .progress import Progress, TargetProgress, expected, fiscal_time, progress
from .results import Concentration, Coverage, DepartmentCount, PersonaRollup, Rollup, TrainingCompletion
from .rollup import rollup
from .target_file import read_targets
from .targets import FORMAT, KINDS, Plan, Target, Targets, YearPlan
from .trained import trained_skills

__all__ = [
    "FORMAT",
    "KINDS",
    "AbsentStaff",
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
    "absent_from",
    "expected",
    "fiscal_time",
    "progress",
    "read_targets",
    "rollup",
    "trained_skills",
]

# Returned types show the front door as their module (``skillframe.Rollup``); annotations are
# resolved in the home module first (cattrs structures Targets from them).
_export(
    "skillframe",
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
)
