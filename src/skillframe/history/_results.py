"""What the history store gives back: a stored run, the outcome of ``record``, a stored row."""

from __future__ import annotations

import datetime as dt

import attrs

from .._fingerprint import CatalogFingerprint
from ..staff import StaffRecord  # at run time (the store reads staff files): the annotations resolve
from ._completeness import RecordWarning
from ._personal import DroppedColumn

__all__ = ["RecordResult", "RunInfo", "StoredAssessment"]


@attrs.frozen
class RunInfo:
    """One ``record`` call as stored: 年度, date, catalog and skillframe versions, people recorded."""

    id: int
    municipality: str
    fiscal_year: int
    recorded_on: dt.date
    catalog: CatalogFingerprint
    skillframe_version: str
    source: str | None
    pseudonymised: bool
    people: int


@attrs.frozen
class RecordResult:
    """What ``record`` did: the run, how many people were stored, how many replaced a previous
    row of theirs, and the earlier rows of that 年度 of people NOT in the new data: ``kept``
    (left as they were, the default) or ``removed`` (``replace_year=True``).

    ``dropped``: the extra columns not stored (personal data, or in a pseudonymised store not
    named in ``keep_columns``), in the order first seen; ``keep_unmatched``: the names in
    ``keep_columns`` that matched no column of the data; ``warnings``: what was stored but
    should be checked (:class:`~skillframe.history.RecordWarning`: people with no answers,
    ``no-answers``; far fewer answers than the year before, ``less-complete``; people of the year
    before not recorded, ``not-in-file``; people of the roster recorded with no answer,
    ``roster-only``); ``from_roster``: the ids (as the roster writes them) of the people of the
    ``roster`` given who had no row this year and were recorded with no answer (counted in ``stored``)."""

    run: RunInfo
    stored: int
    replaced: int
    kept: int = 0
    removed: int = 0
    dropped: tuple[DroppedColumn, ...] = ()
    keep_unmatched: tuple[str, ...] = ()
    warnings: tuple[RecordWarning, ...] = ()
    from_roster: tuple[str, ...] = ()


@attrs.frozen
class StoredAssessment:
    """One stored row: the person's key, evaluation and record as read.

    ``staff_key`` matches the person across years (the id's matching form: ``Ｘ１`` and ``X1``
    are one key, ``X1``; or its pseudonym); :attr:`id` is the id as the user wrote it (the
    pseudonym in a pseudonymised store)."""

    fiscal_year: int
    staff_key: str
    persona: str
    department: str | None
    rank: int
    step: str | None
    record: StaffRecord
    run_id: int

    @property
    def id(self) -> str:
        """The staff id as written in the file recorded (``Ｘ１`` stays ``Ｘ１``), or the pseudonym."""
        return str(self.record.id)
