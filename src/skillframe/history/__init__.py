"""The yearly cycle's memory: an assessment history in a real database, and year over year.

``record`` stores each person's record and evaluation for a 年度 (April–March) with the
catalog digest and versions; ``history`` compares years. Needs the ``history`` extra
(SQLAlchemy, Alembic); PostgreSQL also the ``postgresql`` extra (psycopg).

>>> import skillframe
>>> store = skillframe.open_history("sqlite://")
>>> cat = skillframe.load()
>>> store.record(cat, [{"id": "A1", "persona": "DX推進員"}], year=2025, municipality="131016").stored
1
>>> store.record(cat, [{"id": "A1", "persona": "DX推進員"}, {"id": "B2", "persona": "DX推進員"}],
...              year=2026, municipality="131016").stored
2
>>> h = store.history(cat)
>>> h.years, h.count(2026, "DX推進員"), h.arrivals(2025, 2026)
((2025, 2026), 2, ['B2'])
"""

from __future__ import annotations

from ..errors import MissingDependencyError

try:
    import sqlalchemy as _sqlalchemy  # noqa: F401
except ImportError as _exc:  # the ``history`` extra is not installed
    raise MissingDependencyError("sqlalchemy", "history") from _exc

from ._completeness import RecordWarning
from ._fiscal_year import fiscal_year
from ._municode import check_digit, validate_municipality_code
from ._open import DEFAULT_DB, open_history
from ._personal import DroppedColumn, check_keep_columns, personal_kind
from ._pseudonym import KEY_ENV, pseudonymise
from ._queries import no_years
from ._recording import check_people, check_roster
from ._results import RecordResult, RunInfo, StoredAssessment
from ._store import HistoryStore
from ._yoy import History, Undecided, describe_leaf
from ._yoy_results import ChangedResult, CohortCell, Flow, Move, Placement, StepCount

__all__ = [
    "DEFAULT_DB",
    "KEY_ENV",
    "ChangedResult",
    "CohortCell",
    "DroppedColumn",
    "Flow",
    "History",
    "HistoryStore",
    "Move",
    "Placement",
    "RecordResult",
    "RecordWarning",
    "RunInfo",
    "StepCount",
    "StoredAssessment",
    "Undecided",
    "check_digit",
    "check_keep_columns",
    "check_people",
    "check_roster",
    "describe_leaf",
    "fiscal_year",
    "no_years",
    "open_history",
    "personal_kind",
    "pseudonymise",
    "validate_municipality_code",
]


def __getattr__(name: str) -> object:
    """``history_section`` moved to the presentation layer (``render`` presents the history)."""
    if name == "history_section":
        raise AttributeError(
            "skillframe.history.history_section was removed: the report's 年度推移 section is "
            "skillframe.render.history_tables.history_tables(history, catalog) (tables), and "
            "history_html(tables) its HTML (also history_markdown, history_sheets)",
            name=name,
            obj=None,
        )
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}", name=name, obj=None)
