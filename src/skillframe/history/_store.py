"""The assessment history store: an open database, and what can be done with it.

SQLAlchemy Core on SQLite (default: ``skillframe-history.db`` in the current folder) or
PostgreSQL (``postgresql://…``, psycopg); open one with :func:`~skillframe.open_history`.
Each method is a room of its own: recording in ``_recording``, reading in ``_queries``,
the schema's version in ``_migrate``, PostgreSQL roles in ``_roles``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import HistoryError
from . import _migrate, _queries, _recording, _roles
from ._database import database_errors
from ._results import RecordResult, RunInfo, StoredAssessment

if TYPE_CHECKING:
    import sqlalchemy as sa

    from .._catalog import Catalog
    from ..staff import StaffRecord, StaffTable
    from ._yoy import History

__all__ = ["HistoryStore", "closed_error"]


def closed_error() -> HistoryError:
    """The ``history-closed`` refusal: a closed store (or a History made from it) read again."""
    return HistoryError(
        "history-closed",
        "評価履歴は閉じています（with open_history(…) の外、または close() の後）: "
        "記録を読む操作（History の moves・people・arrivals・leavers など）は閉じる前に行ってください",
        "the assessment history is closed (outside `with open_history(…)`, or after close()): "
        "read the store (History.moves, people, arrivals, leavers …) before closing it",
    )


class HistoryStore:
    """An open assessment history. Get one with :func:`open_history`.

    >>> import skillframe
    >>> store = skillframe.open_history("sqlite://")  # in memory
    >>> cat = skillframe.load()
    >>> rows = [{"id": "A1", "persona": "DX推進員", "department": "総務課"}]
    >>> store.record(cat, rows, year=2026, municipality="131016").stored
    1
    >>> [(a.staff_key, a.rank) for a in store.assessments(2026)]
    [('A1', 0)]
    """

    def __init__(self, engine: sa.Engine) -> None:
        self._engine = engine
        self._closed = False

    def __repr__(self) -> str:
        shown = self._engine.url.render_as_string(hide_password=True)
        return f"<HistoryStore {shown}{' (closed)' if self._closed else ''}>"

    @property
    def engine(self) -> sa.Engine:
        """The SQLAlchemy engine of the open store. Once closed, :class:`~skillframe.HistoryError`
        ``history-closed``: a closed store never opens a connection again (nor does a
        :class:`~skillframe.History` made from it)."""
        if self._closed:
            raise closed_error()
        return self._engine

    @property
    def closed(self) -> bool:
        """Whether :meth:`close` was called (every method that reads or writes then raises
        :class:`~skillframe.HistoryError` ``history-closed``)."""
        return self._closed

    def close(self) -> None:
        """Close the database connections (also done by ``with open_history(…) as store:``); safe to repeat.

        What was read stays usable — a :class:`~skillframe.History`'s counts, flows and cohorts
        and the methods computed from them — but reading the store again (``assessments``,
        ``history``, :meth:`History.moves <skillframe.History.moves>`, ``people``, ``arrivals``,
        ``leavers``) raises :class:`~skillframe.HistoryError` ``history-closed``.

        >>> import skillframe
        >>> with skillframe.open_history("sqlite://") as store:
        ...     _ = store.record(skillframe.load(), [{"id": "A1", "persona": "DX推進員"}], year=2026,
        ...                      municipality="131016")
        ...     h = store.history()
        >>> h.count(2026), store.closed
        (1, True)
        >>> h.people(2026)
        Traceback (most recent call last):
        ...
        skillframe.errors.HistoryError: 評価履歴は閉じています... / the assessment history is closed...
        """
        if not self._closed:
            self._closed = True
            self._engine.dispose()

    def __enter__(self) -> HistoryStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- schema -----------------------------------------------------------------------

    def migrate(self) -> None:
        """Bring the schema to this version's (Alembic ``upgrade head``); safe to repeat."""
        _migrate.migrate(self.engine)

    def revision(self) -> str | None:
        """The Alembic revision the database is at (``None``: empty database)."""
        return _migrate.revision(self.engine)

    # -- writing ----------------------------------------------------------------------

    @database_errors
    def record(
        self,
        catalog: Catalog,
        staff: str | Path | StaffTable | Iterable[StaffRecord | Mapping[str, Any]],
        *,
        year: int,
        municipality: str,
        key: str | bytes | None = None,
        on: dt.date | None = None,
        source: str | None = None,
        replace_year: bool = False,
        keep_columns: Iterable[str] | None = None,
        roster: Iterable[StaffRecord | Mapping[str, Any]] | None = None,
    ) -> RecordResult:
        """Store each person's record and evaluation for the 年度 ``year``, in ONE transaction.

        ``staff``: a staff file (read with the catalog; any row error refuses the whole file:
        nothing is recorded, ``HistoryError`` code ``staff-errors``), a
        :class:`~skillframe.StaffTable`, or records/mappings. The rows of this year for the
        people given are replaced; other people's rows of this year stay, counted in
        :attr:`RecordResult.kept` — unless ``replace_year=True``, which deletes them
        (:attr:`RecordResult.removed`): the year then holds exactly the data given. ``key``
        pseudonymises staff ids (HMAC-SHA256, see :func:`pseudonymise`); the key is never
        stored, only a check value that refuses a different key in a later year.
        Data with no people is refused (``HistoryError`` code ``no-people``): a year is never
        recorded empty (to empty a year, :meth:`remove` it).
        Any failure leaves the database exactly as it was.

        Extra columns (those that are not staff-file columns): personal data — a column whose
        header says name (``氏名``, ``姓``, ``名``, ``フリガナ``, ``Full Name`` …), birth date,
        address, telephone, e-mail or 個人番号 — is never stored. With ``key`` (a pseudonymised
        store) no other extra column is stored either unless named in ``keep_columns`` (matched
        as headers are: ``雇用 形態`` is ``雇用形態``): a free column may hold personal data. A
        custom rule that reads an extra column needs it kept for ``reevaluate``. Without ``key``,
        ``keep_columns`` (when given) narrows the extras stored to those named. Naming a personal
        column refuses the call (``HistoryError`` ``personal-column``). What was not stored is
        :attr:`RecordResult.dropped`.

        ``roster``: the staff of this year (records or mappings: the roster the self-check forms
        were made from, read by ``skillframe.forms.roster_records(catalog, "名簿.csv")``), of which
        only the id, persona and 課 are read. A person on it with no row this year — not in ``staff``, and not recorded
        for this year before (unless ``replace_year``) — is recorded with no answer (every answer
        unknown: a form refused by ``collect``, or not returned), not left out: ``history`` then
        shows a step lower than the year before as データ不足 (data missing), never as 離任
        (left). Their ids are :attr:`RecordResult.from_roster`, and a warning ``roster-only``
        names them. A file name given as ``roster`` is refused (``roster-file``: read it first),
        and so is a roster table read with errors (``roster-errors``: its error rows are people),
        a person without an id (``roster-errors``, ``missing-id``) or a persona (``missing-persona``)
        and an id given twice with two personas or two 課 (``roster-errors``, ``duplicate-id``): as ``record --roster``
        refuses them.

        >>> import skillframe
        >>> store = skillframe.open_history("sqlite://")
        >>> rows = [{"id": "A1", "persona": "DX推進員", "姓": "山田", "雇用形態": "正規", "メモ": "在宅"}]
        >>> r = store.record(skillframe.load(), rows, year=2026, municipality="131016", key="k",
        ...                  keep_columns=["雇用形態"])
        >>> [d.describe("en") for d in r.dropped], store.assessments(2026)[0].record.extra
        (['姓 (name)', 'メモ (not named to keep)'], {'雇用形態': '正規'})
        """
        return _recording.record(
            self.engine,
            catalog,
            staff,
            year=year,
            municipality=municipality,
            key=key,
            on=on,
            source=source,
            replace_year=replace_year,
            keep_columns=keep_columns,
            roster=roster,
        )

    @database_errors
    def remove(
        self,
        year: int,
        *,
        municipality: str | None = None,
        ids: Iterable[str] | None = None,
        key: str | bytes | None = None,
    ) -> int:
        """Delete a year's rows (all, or those of ``ids``); returns how many were deleted."""
        return _recording.remove(self.engine, year, municipality=municipality, ids=ids, key=key)

    @database_errors
    def grant(self, role: str, municipality: str) -> None:
        """PostgreSQL: let database role ``role`` read and write only ``municipality``'s rows.

        Run as the database owner. The role must exist (``CREATE ROLE … LOGIN``).
        """
        _roles.grant(self.engine, role, municipality)

    # -- reading ----------------------------------------------------------------------

    @database_errors
    def municipalities(self) -> list[str]:
        """The municipality codes with rows this connection may see."""
        return _queries.municipalities(self.engine)

    @database_errors
    def years(self, municipality: str | None = None) -> list[int]:
        """The 年度 recorded, in order."""
        return _queries.years(self.engine, municipality)

    @database_errors
    def runs(self, municipality: str | None = None) -> list[RunInfo]:
        """Every stored run (the ``record`` calls whose rows remain), oldest first."""
        return _queries.runs(self.engine, municipality)

    @database_errors
    def assessments(self, year: int, *, municipality: str | None = None) -> list[StoredAssessment]:
        """The stored rows of one 年度, by staff key."""
        return list(_queries.iter_assessments(self.engine, year, municipality))

    @database_errors
    def history(
        self,
        catalog: Catalog | None = None,
        *,
        municipality: str | None = None,
        from_year: int | None = None,
        to_year: int | None = None,
        reevaluate: bool = False,
    ) -> History:
        """Year over year: see :class:`~skillframe.History`."""
        from ._yoy import build_history

        return build_history(
            self, catalog, municipality=municipality, from_year=from_year, to_year=to_year, reevaluate=reevaluate
        )
