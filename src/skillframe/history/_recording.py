"""Writing the history: record a 年度 (one transaction per call) and remove rows.

:class:`~skillframe.HistoryStore` offers these as ``record`` and ``remove``; its docstrings
describe them.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections.abc import Iterable, Iterator, Mapping, Sequence, Sized
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from .._fingerprint import catalog_fingerprint
from .._version import __version__
from ..errors import HistoryError
from ..staff.record import listed_errors
from ..staff.values import id_key
from ._completeness import SHOWN_AS_MISSING, RecordWarning, answers, completeness_warnings, shown
from ._database import sa
from ._fiscal_year import check_year
from ._municode import validate_municipality_code
from ._personal import ColumnPolicy
from ._pseudonym import key_check, pseudonymise
from ._queries import resolve_municipality, run_info
from ._record_json import RecordJson
from ._results import RecordResult
from ._schema import ASSESSMENTS, RUNS

if TYPE_CHECKING:
    import sqlalchemy

    from .._catalog import Catalog
    from ..staff import StaffRecord, StaffTable

__all__ = ["check_people", "check_roster", "checked_roster", "no_people", "record", "remove", "staff_errors"]

_BATCH = 2000
_COLUMNS = ("municipality", "fiscal_year", "staff_key", "run_id", "persona", "department", "rank", "step", "record")


def record(
    engine: sqlalchemy.Engine,
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
    """Store each person's record and evaluation for ``year`` (see :meth:`HistoryStore.record`)."""
    from ..staff import StaffRecord, StaffTable, read_staff

    muni = validate_municipality_code(municipality)
    check_year(year)
    columns = ColumnPolicy(pseudonymised=bool(key), keep=keep_columns)  # refuses a personal column to keep
    records: Iterable[StaffRecord | Mapping[str, Any]]
    if isinstance(staff, (str, Path)):
        source = source or Path(staff).name
        staff = read_staff(staff, catalog=catalog)
    if isinstance(staff, StaffTable):
        if staff.errors:
            raise staff_errors(staff.errors)
        check_people(staff.records, source)
        records = staff.records
    else:
        records = staff
    people = None if roster is None else checked_roster(catalog, roster)  # refused before the store is touched
    fp = catalog_fingerprint(catalog)
    day = on or dt.date.today()
    check = key_check(key) if key else None
    sa_ = sa()
    with engine.begin() as conn:
        _check_key(conn, muni, check)
        inserted = conn.execute(
            RUNS.insert().values(
                municipality=muni,
                fiscal_year=year,
                recorded_on=day,
                catalog_digest=fp.digest,
                catalog_versions=json.dumps(fp.versions, sort_keys=True),
                skillframe_version=__version__,
                source=source,
                pseudonymised=check is not None,
                key_check=check,
                people=0,
            )
        ).inserted_primary_key
        run_id = int(inserted[0]) if inserted is not None else 0
        seen: set[str] = set()
        given: list[tuple[str, str, int]] = []  # (key, id as written, answers) of each person
        stored = replaced = 0
        to_json = RecordJson(columns)
        filled: dict[str, str] = {}  # staff key -> id as written, of the people recorded from the roster
        if people is not None:  # the roster's people with no row this year: recorded with no answer
            given_records = [r if isinstance(r, StaffRecord) else StaffRecord.from_mapping(r) for r in records]
            check_roster(given_records, people)
            extra = _roster_only(conn, people, given_records, key, None if replace_year else (muni, year))
            filled = {k: r.id for k, r in extra.items() if r.id}
            records = [*given_records, *extra.values()]
        rows = _rows(catalog, records, to_json, key=key, seen=seen, muni=muni, year=year, run_id=run_id, given=given)
        had_rows = conn.execute(
            sa_.select(ASSESSMENTS.c.staff_key)
            .where(ASSESSMENTS.c.municipality == muni, ASSESSMENTS.c.fiscal_year == year)
            .limit(1)
        ).first()
        mark = "?" if engine.dialect.paramstyle == "qmark" else "%s"
        insert = f"INSERT INTO {ASSESSMENTS.name} ({', '.join(_COLUMNS)}) VALUES ({', '.join([mark] * 9)})"
        for batch in _batches(rows, _BATCH):
            if had_rows is not None:  # re-recording: replace this year's rows of these people
                keys = [r[2] for r in batch]
                for part in _chunks(keys, 500):
                    replaced += conn.execute(
                        ASSESSMENTS.delete().where(
                            ASSESSMENTS.c.municipality == muni,
                            ASSESSMENTS.c.fiscal_year == year,
                            ASSESSMENTS.c.staff_key.in_(part),
                        )
                    ).rowcount
            conn.exec_driver_sql(insert, batch)
            stored += len(batch)
        if not stored:  # a year recorded empty without a word: refused (the transaction is rolled back)
            raise no_people(source)
        conn.execute(RUNS.update().where(RUNS.c.id == run_id).values(people=stored))
        others = (  # this year's rows of people not in the data: an earlier run's rows
            ASSESSMENTS.c.municipality == muni,
            ASSESSMENTS.c.fiscal_year == year,
            ASSESSMENTS.c.run_id != run_id,
        )
        kept = removed = 0
        if replace_year:
            removed = int(conn.execute(ASSESSMENTS.delete().where(*others)).rowcount)
        else:
            kept = int(conn.execute(sa_.select(sa_.func.count()).select_from(ASSESSMENTS).where(*others)).scalar_one())
        conn.execute(
            RUNS.delete().where(
                RUNS.c.municipality == muni,
                RUNS.c.id != run_id,
                ~sa_.exists().where(ASSESSMENTS.c.run_id == RUNS.c.id),
            )
        )
        run = run_info(conn, run_id)
        warnings = completeness_warnings(
            conn,
            muni,
            year,
            [g for g in given if g[0] not in filled],
            functools.partial(_staff_key, key=key),
            roster=people is not None,
        )
        if filled:
            warnings.insert(0, _roster_only_warning(list(filled.values())))
    return RecordResult(
        run=run,
        stored=stored,
        replaced=replaced,
        kept=kept,
        removed=removed,
        dropped=tuple(columns.dropped),
        keep_unmatched=columns.unmatched(),
        warnings=tuple(warnings),
        from_roster=tuple(filled.values()),
    )


def checked_roster(catalog: Catalog, roster: Iterable[StaffRecord | Mapping[str, Any]]) -> list[StaffRecord]:
    """The people of ``roster`` (records, mappings, or a :class:`~skillframe.StaffTable`) as
    records, read as every roster is (:func:`skillframe.staff.roster.roster_people`). Raises
    :class:`~skillframe.HistoryError` ``roster-file`` for a file name (a roster is read first,
    by ``skillframe.forms.roster_records``) and ``roster-errors`` for a table read with errors,
    a record without an id (``missing-id``) or a persona (``missing-persona``) or an id given twice with two personas or
    two 課 (``duplicate-id``, as ``record --roster`` refuses any id given twice in the file)."""
    from ..staff.roster import roster_people

    if isinstance(roster, (str, Path)):
        name = str(roster)
        raise HistoryError(
            "roster-file",
            f"名簿 '{name}' はファイル名です: skillframe.forms.roster_records(catalog, '{name}') で読んだ記録を"
            "渡してください",
            f"the roster '{name}' is a file name: pass the records read by"
            f" skillframe.forms.roster_records(catalog, '{name}')",
        )
    records, errors = roster_people(catalog, roster)
    if errors:
        raise roster_errors(errors)
    return records


def check_roster(records: Iterable[StaffRecord], roster: Iterable[StaffRecord]) -> None:
    """Refuse a roster that names none of the people of ``records`` (the staff data):
    :class:`~skillframe.HistoryError` ``roster-mismatch``, showing some ids of each. Such a
    roster (another municipality's or year's, or ids written differently: ``00101`` in the data,
    ``101`` in a roster saved by Excel) would add all its people with no answer. Ids match as
    :meth:`~skillframe.HistoryStore.record` matches them (``Ａ０１`` is ``A01``). Nothing to
    say when either is empty. ``skillframe record --roster`` calls it before the store is opened.

    >>> from skillframe import StaffRecord
    >>> check_roster([StaffRecord(id="A01")], [StaffRecord(id="Ａ０１"), StaffRecord(id="A02")])
    >>> check_roster([StaffRecord(id="00101")], [StaffRecord(id="101")])
    Traceback (most recent call last):
    ...
    skillframe.errors.HistoryError: 名簿に職員データの職員が 1 人もいない... / nothing recorded: none of ...
    """
    data = [r.id for r in records if r.id]
    names = [r.id for r in roster if r.id]
    if not data or not names or {id_key(i) for i in data} & {id_key(i) for i in names}:
        return
    ja_ids = f"職員データ: {shown(data, 'ja')}; 名簿: {shown(names, 'ja')}"
    en_ids = f"staff data: {shown(data, 'en')}; roster: {shown(names, 'en')}"
    raise HistoryError(
        "roster-mismatch",
        f"名簿に職員データの職員が 1 人もいないため何も記録していません（{ja_ids}）: 別の自治体・年度の名簿か、"
        "職員番号の書き方が違います（00101 と 101 など）。名簿にいない職員だけなら --roster なしで記録してください",
        f"nothing recorded: none of the {len(data)} people in the staff data is on the roster ({en_ids}): another"
        " municipality's or year's roster, or ids written differently (00101 and 101...)? Record staff who are"
        " not on the roster without --roster",
    )


def _staff_key(staff_id: str, key: str | bytes | None) -> str:
    """The stored key of a staff id: its matching form (``Ｘ１`` is ``X1``), or that form's pseudonym."""
    person = id_key(staff_id)
    return pseudonymise(person, key) if key else person


def _roster_only(
    conn: sqlalchemy.Connection,
    roster: list[StaffRecord],
    records: list[StaffRecord],
    key: str | bytes | None,
    year_rows: tuple[str, int] | None,
) -> dict[str, StaffRecord]:
    """The people of ``roster`` with no row this year, by staff key, as records with no answer
    (id, persona and 課 only): neither in ``records`` (the staff data) nor, unless ``year_rows``
    is ``None`` (the year is being replaced), among the rows of ``year_rows`` (municipality, 年度)
    already stored. Read before this run's rows are written."""
    from ..staff.record import absent_people

    staff_key = functools.partial(_staff_key, key=key)
    have = {staff_key(r.id) for r in records if r.id}
    if year_rows is not None:
        a = ASSESSMENTS.c
        muni, year = year_rows
        have |= {
            str(k)
            for (k,) in conn.execute(sa().select(a.staff_key).where(a.municipality == muni, a.fiscal_year == year))
        }
    return absent_people(have, roster, staff_key)


def _roster_only_warning(ids: list[str]) -> RecordWarning:
    """The ``roster-only`` warning: people of the roster recorded with no answer (not in the staff data)."""
    return RecordWarning(
        "roster-only",
        tuple(ids),
        f"{len(ids)}名は名簿にいて職員データにいないため、回答なしとして記録しました（collect でエラーになった票、"
        f"返ってこなかった票?）: {shown(ids, 'ja')}。{SHOWN_AS_MISSING[0]}",
        f"{len(ids)} people on the roster are not in the staff data and were recorded with no answers (forms "
        f"refused by collect, or not returned?): {shown(ids, 'en')}; {SHOWN_AS_MISSING[1]}",
    )


def staff_errors(errors: Sequence[Any]) -> HistoryError:
    """The ``staff-errors`` refusal of a staff file with row errors: the count, and each error
    once (its Japanese in the Japanese message, its English in the English one; at most 5)."""
    n = len(errors)
    return HistoryError(
        "staff-errors",
        f"職員データに {n} 件の誤りがあるため何も記録していません: {listed_errors(errors, 'ja')}",
        f"nothing recorded: {n} error(s) in the staff data: {listed_errors(errors, 'en')}",
    )


def roster_errors(errors: Sequence[Any]) -> HistoryError:
    """The ``roster-errors`` refusal of a roster read with row errors (a row with an error is a
    person too: left out, they would be shown as left), as :func:`staff_errors` words it."""
    n = len(errors)
    return HistoryError(
        "roster-errors",
        f"名簿に {n} 件の誤りがあるため何も記録していません: {listed_errors(errors, 'ja')}",
        f"nothing recorded: {n} error(s) in the roster: {listed_errors(errors, 'en')}",
    )


def check_people(records: Sized, source: str | None = None) -> None:
    """Refuse a 年度 with nobody in it: :class:`~skillframe.HistoryError` (code ``no-people``)
    when ``records`` — the people read from ``source`` (a staff file's name, said in the
    message) — is empty. :meth:`~skillframe.HistoryStore.record` refuses such a year too; call
    this first to refuse it before a database is opened or made (``skillframe record`` does).

    >>> from skillframe.history import check_people
    >>> check_people([{"id": "A1", "persona": "DX推進員"}], "staff.csv")  # someone: nothing to say
    >>> check_people([], "staff.csv")
    Traceback (most recent call last):
    ...
    skillframe.errors.HistoryError: staff.csv には職員が 1 人もいない... / nothing recorded: staff.csv has no people ...
    """
    if len(records) == 0:
        raise no_people(source)


def no_people(source: str | None) -> HistoryError:
    """The ``no-people`` refusal: a year is never recorded with nobody in it (to empty a year,
    :meth:`~skillframe.HistoryStore.remove` it)."""
    ja = f"{source} には" if source else "データに"
    en = source or "the data"
    return HistoryError(
        "no-people",
        f"{ja}職員が 1 人もいないため何も記録していません（年度を空のまま記録することはできません）",
        f"nothing recorded: {en} has no people (a year is never recorded empty)",
    )


def remove(
    engine: sqlalchemy.Engine,
    year: int,
    *,
    municipality: str | None = None,
    ids: Iterable[str] | None = None,
    key: str | bytes | None = None,
) -> int:
    """Delete a year's rows (all, or those of ``ids``); returns how many were deleted."""
    sa_ = sa()
    with engine.begin() as conn:
        muni = resolve_municipality(conn, municipality)
        cond = [ASSESSMENTS.c.municipality == muni, ASSESSMENTS.c.fiscal_year == year]
        n = 0
        if ids is None:
            n = conn.execute(ASSESSMENTS.delete().where(*cond)).rowcount
        else:
            wanted = [_staff_key(i, key) for i in ids]  # matched as recorded: Ｘ１ is X1
            for part in _chunks(wanted, 500):
                n += conn.execute(ASSESSMENTS.delete().where(*cond, ASSESSMENTS.c.staff_key.in_(part))).rowcount
        conn.execute(
            RUNS.delete().where(RUNS.c.municipality == muni, ~sa_.exists().where(ASSESSMENTS.c.run_id == RUNS.c.id))
        )
    return int(n)


def _check_key(conn: sqlalchemy.Connection, muni: str, check: str | None) -> None:
    sa_ = sa()
    last = conn.execute(
        sa_.select(RUNS.c.pseudonymised, RUNS.c.key_check, RUNS.c.fiscal_year)
        .where(RUNS.c.municipality == muni)
        .order_by(RUNS.c.id.desc())
        .limit(1)
    ).first()
    if last is None or (last[1] or None) == check:
        return
    if last[0] and check is None:
        ja, en = (
            "以前の記録は仮名化されています: 同じ鍵を指定してください",
            "earlier years are pseudonymised: give the same key",
        )
    elif not last[0]:
        ja, en = (
            "以前の記録は仮名化されていません: 鍵を外してください",
            "earlier years are not pseudonymised: give no key",
        )
    else:
        ja, en = "仮名化の鍵が以前の記録と違います", "the pseudonymisation key differs from the one used before"
    raise HistoryError("pseudonym-key", f"{ja}（{last[2]}年度）", f"{en} (FY{last[2]})")


def _rows(
    catalog: Catalog,
    records: Iterable[StaffRecord | Mapping[str, Any]],
    to_json: RecordJson,
    *,
    key: str | bytes | None,
    seen: set[str],
    muni: str,
    year: int,
    run_id: int,
    given: list[tuple[str, str, int]],
) -> Iterator[tuple[Any, ...]]:
    from ..engine.evaluate import evaluate_many
    from ..staff import StaffRecord

    recs = (r if isinstance(r, StaffRecord) else StaffRecord.from_mapping(r) for r in records)
    for batch in _batches(recs, _BATCH):
        for rec, ev in zip(batch, evaluate_many(catalog, None, batch), strict=True):
            if not rec.id:
                raise HistoryError("no-id", "職員番号 (id) のない記録があります", "a record has no staff id")
            staff_key = _staff_key(rec.id, key)  # the same person whether the id is typed Ｘ１ or X1
            if staff_key in seen:
                raise HistoryError(
                    "duplicate-person", f"職員 '{rec.id}' が 2 回あります", f"staff '{rec.id}' appears twice"
                )
            seen.add(staff_key)
            given.append((staff_key, rec.id, answers(rec)))
            step = ev.step
            yield (
                muni,
                year,
                staff_key,
                run_id,
                ev.persona.id,
                rec.department,
                ev.rank,
                None if step is None else step.id,
                to_json(rec, staff_key if key else rec.id),  # the id as written (matching: staff_key)
            )


_T = TypeVar("_T")


def _batches(rows: Iterable[_T], n: int) -> Iterator[list[_T]]:
    batch: list[_T] = []
    for r in rows:
        batch.append(r)
        if len(batch) >= n:
            yield batch
            batch = []
    if batch:
        yield batch


def _chunks(items: Sequence[str], n: int) -> Iterator[Sequence[str]]:
    for i in range(0, len(items), n):
        yield items[i : i + n]
