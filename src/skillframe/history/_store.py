"""The assessment history store: open (and migrate) a database, record a 年度, read it back.

SQLAlchemy Core on SQLite (default: ``skillframe-history.db`` in the current folder) or
PostgreSQL (``postgresql://…``, psycopg). The schema is created and upgraded by the Alembic
scripts shipped in this package, run programmatically, so a database made by this version
opens in the next.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import hmac
import importlib.util
import json
import operator
import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import attrs

from .._fingerprint import CatalogFingerprint, catalog_fingerprint
from .._version import __version__
from ..errors import HistoryError, MissingDependencyError
from ._municode import validate_municipality_code

if TYPE_CHECKING:
    import sqlalchemy as sa

    from .._catalog import Catalog
    from ..staff import StaffRecord, StaffTable
    from ._yoy import History

__all__ = [
    "DEFAULT_DB",
    "KEY_ENV",
    "HistoryStore",
    "RecordResult",
    "RunInfo",
    "StoredAssessment",
    "fiscal_year",
    "open_history",
    "pseudonymise",
]

#: The database used when none is given: an SQLite file in the current folder.
DEFAULT_DB = "sqlite:///skillframe-history.db"
#: The environment variable that holds the pseudonymisation key (never stored).
KEY_ENV = "SKILLFRAME_PSEUDONYM_KEY"

_BATCH = 2000


def fiscal_year(day: dt.date) -> int:
    """The 年度 (April–March) a date belongs to.

    >>> fiscal_year(dt.date(2027, 3, 31)), fiscal_year(dt.date(2027, 4, 1))
    (2026, 2027)
    """
    return day.year if day.month >= 4 else day.year - 1


def pseudonymise(staff_id: str, key: str | bytes) -> str:
    """The stored key of a staff id under a municipality's secret: HMAC-SHA256, 32 hex digits.

    >>> p = pseudonymise("A001", "secret")
    >>> len(p), p == pseudonymise("A001", b"secret"), p == pseudonymise("A001", "other")
    (32, True, False)
    """
    k = key.encode("utf-8") if isinstance(key, str) else key
    return hmac.new(k, staff_id.encode("utf-8"), hashlib.sha256).hexdigest()[:32]


def _key_check(key: str | bytes) -> str:
    k = key.encode("utf-8") if isinstance(key, str) else key
    return hmac.new(k, b"skillframe:key-check", hashlib.sha256).hexdigest()[:16]


def _sa() -> Any:
    try:
        import sqlalchemy
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise MissingDependencyError("sqlalchemy", "history") from exc
    return sqlalchemy


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
    """What ``record`` did: the run, how many people were stored, and how many replaced a previous row."""

    run: RunInfo
    stored: int
    replaced: int


@attrs.frozen
class StoredAssessment:
    """One stored row: the person's key (id or pseudonym), evaluation and record as read."""

    fiscal_year: int
    staff_key: str
    persona: str
    department: str | None
    rank: int
    step: str | None
    record: StaffRecord
    run_id: int


_FIELDS = (
    "id",
    "persona",
    "department",
    "trainings",
    "dx_project_years",
    "dx_lead_years",
    "dx_lead_count",
    "mentoring",
    "dsm",
    "tools",
    "tool_checks",
    "extra",
)


_COLUMNS = ("municipality", "fiscal_year", "staff_key", "run_id", "persona", "department", "rank", "step", "record")


class _RecordJson:
    """Records as compact JSON; each distinct text, list or mapping value is encoded once (a file
    repeats the same 課, trainings, levels and extras many times), so storing costs about one
    evaluation. Keys are per field and typed, so ``0``, ``False`` and ``0.0`` never share."""

    _SCALARS = frozenset({"dx_project_years", "dx_lead_years", "dx_lead_count", "mentoring"})

    def __init__(self) -> None:
        self._encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
        self._get = operator.attrgetter(*_FIELDS[1:])
        self._plan = [
            (f',"{f}":', f in self._SCALARS, f in ("dsm", "tools", "tool_checks", "extra")) for f in _FIELDS[1:]
        ]
        self._cache: dict[Any, str] = {}

    def __call__(self, record: StaffRecord, key: str) -> str:
        enc, cache = self._encode, self._cache
        out = ['{"id":', enc(key)]
        for (head, scalar, mapping), v in zip(self._plan, self._get(record), strict=True):
            if v is None:
                continue
            if scalar:
                text = "true" if v is True else "false" if v is False else repr(v)
            else:
                if mapping:
                    if not v:
                        continue
                    k: Any = (head, *v.items())
                else:
                    k = (head, v)
                text = cache.get(k)  # type: ignore[assignment]
                if text is None:
                    if len(cache) > 100_000:
                        cache.clear()
                    text = cache[k] = enc(v)
            out.append(head)
            out.append(text)
        out.append("}")
        return "".join(out)


def record_from_json(text: str) -> StaffRecord:
    """A stored record back as a :class:`~skillframe.StaffRecord` (exactly the fields stored)."""
    from .. import StaffRecord

    data = json.loads(text)
    return StaffRecord(
        id=data["id"],
        persona=data.get("persona"),
        department=data.get("department"),
        trainings=None if data.get("trainings") is None else tuple(data["trainings"]),
        dx_project_years=data.get("dx_project_years"),
        dx_lead_years=data.get("dx_lead_years"),
        dx_lead_count=data.get("dx_lead_count"),
        mentoring=data.get("mentoring"),
        dsm=data.get("dsm") or {},
        tools=data.get("tools") or {},
        tool_checks={k: tuple(v) for k, v in (data.get("tool_checks") or {}).items()},
        extra=data.get("extra") or {},
    )


_F = TypeVar("_F", bound=Callable[..., Any])


def _database_errors(method: _F) -> _F:
    """Turn a database's refusal (permissions, row-level security, a lost connection) into a
    :class:`~skillframe.HistoryError` with code ``database``; the transaction is already rolled back."""

    @functools.wraps(method)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        sa_ = _sa()
        try:
            return method(*args, **kwargs)
        except sa_.exc.SQLAlchemyError as exc:
            first = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
            raise HistoryError(
                "database",
                f"データベースが処理を拒否しました（変更は元に戻しました）: {first}",
                f"the database refused (nothing was changed): {first}",
            ) from exc

    return wrapper  # type: ignore[return-value]


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
        self.engine = engine

    def __repr__(self) -> str:
        return f"<HistoryStore {self.engine.url.render_as_string(hide_password=True)}>"

    def close(self) -> None:
        """Close the database connections (also done by ``with open_history(…) as store:``)."""
        self.engine.dispose()

    def __enter__(self) -> HistoryStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- schema -----------------------------------------------------------------------

    def migrate(self) -> None:
        """Bring the schema to this version's (Alembic ``upgrade head``); safe to repeat."""
        from alembic import command
        from alembic.config import Config

        cfg = Config()
        cfg.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
        with self.engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")

    def revision(self) -> str | None:
        """The Alembic revision the database is at (``None``: empty database)."""
        from alembic.runtime.migration import MigrationContext

        from ._schema import VERSION_TABLE

        with self.engine.connect() as conn:
            rev = MigrationContext.configure(conn, opts={"version_table": VERSION_TABLE}).get_current_revision()
            return None if rev is None else str(rev)

    # -- writing ----------------------------------------------------------------------

    @_database_errors
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
    ) -> RecordResult:
        """Store each person's record and evaluation for the 年度 ``year``, in ONE transaction.

        ``staff``: a staff file (read with the catalog; any row error refuses the whole file),
        a :class:`~skillframe.StaffTable`, or records/mappings. The rows of this year for the
        people given are replaced; other people's rows stay. ``key`` pseudonymises staff ids
        (HMAC-SHA256, see :func:`pseudonymise`); the key is never stored, only a check value
        that refuses a different key in a later year.
        Any failure leaves the database exactly as it was.
        """
        import skillframe

        muni = validate_municipality_code(municipality)
        _check_year(year)
        records: Iterable[StaffRecord | Mapping[str, Any]]
        if isinstance(staff, (str, Path)):
            source = source or Path(staff).name
            staff = skillframe.read_staff(staff, catalog=catalog)
        if isinstance(staff, skillframe.StaffTable):
            if staff.errors:
                shown = "; ".join(str(e) for e in staff.errors[:5])
                n = len(staff.errors)
                raise HistoryError(
                    "staff-errors",
                    f"職員データに {n} 件の誤りがあるため記録しません: {shown}",
                    f"{n} error(s) in the staff data, nothing recorded: {shown}",
                )
            records = staff.records
        else:
            records = staff
        fp = catalog_fingerprint(catalog)
        day = on or dt.date.today()
        check = _key_check(key) if key else None
        sa_ = _sa()
        from ._schema import ASSESSMENTS, RUNS

        with self.engine.begin() as conn:
            self._check_key(conn, muni, check)
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
            stored = replaced = 0
            rows = _rows(catalog, records, key=key, seen=seen, muni=muni, year=year, run_id=run_id)
            had_rows = conn.execute(
                sa_.select(ASSESSMENTS.c.staff_key)
                .where(ASSESSMENTS.c.municipality == muni, ASSESSMENTS.c.fiscal_year == year)
                .limit(1)
            ).first()
            mark = "?" if self.engine.dialect.paramstyle == "qmark" else "%s"
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
            conn.execute(RUNS.update().where(RUNS.c.id == run_id).values(people=stored))
            conn.execute(
                RUNS.delete().where(
                    RUNS.c.municipality == muni,
                    RUNS.c.id != run_id,
                    ~sa_.exists().where(ASSESSMENTS.c.run_id == RUNS.c.id),
                )
            )
            run = self._run(conn, run_id)
        return RecordResult(run=run, stored=stored, replaced=replaced)

    @_database_errors
    def remove(
        self,
        year: int,
        *,
        municipality: str | None = None,
        ids: Iterable[str] | None = None,
        key: str | bytes | None = None,
    ) -> int:
        """Delete a year's rows (all, or those of ``ids``); returns how many were deleted."""
        from ._schema import ASSESSMENTS, RUNS

        sa_ = _sa()
        with self.engine.begin() as conn:
            muni = self._municipality(conn, municipality)
            cond = [ASSESSMENTS.c.municipality == muni, ASSESSMENTS.c.fiscal_year == year]
            n = 0
            if ids is None:
                n = conn.execute(ASSESSMENTS.delete().where(*cond)).rowcount
            else:
                wanted = [pseudonymise(i, key) if key else i for i in ids]
                for part in _chunks(wanted, 500):
                    n += conn.execute(ASSESSMENTS.delete().where(*cond, ASSESSMENTS.c.staff_key.in_(part))).rowcount
            conn.execute(
                RUNS.delete().where(RUNS.c.municipality == muni, ~sa_.exists().where(ASSESSMENTS.c.run_id == RUNS.c.id))
            )
        return int(n)

    @_database_errors
    def grant(self, role: str, municipality: str) -> None:
        """PostgreSQL: let database role ``role`` read and write only ``municipality``'s rows.

        Run as the database owner. The role must exist (``CREATE ROLE … LOGIN``).
        """
        from ._schema import VERSION_TABLE

        muni = validate_municipality_code(municipality)
        if self.engine.dialect.name != "postgresql":
            raise HistoryError(
                "not-postgresql",
                "ロールの権限は PostgreSQL でのみ設定できます",
                "roles and row-level security exist on PostgreSQL only",
            )
        sa_ = _sa()
        q = self.engine.dialect.identifier_preparer.quote
        with self.engine.begin() as conn:
            conn.execute(
                sa_.text("INSERT INTO skillframe_roles (rolname, municipality) VALUES (:r, :m)"),
                {"r": role, "m": muni},
            )
            r = q(role)
            conn.execute(
                sa_.text(f"GRANT SELECT, INSERT, UPDATE, DELETE ON skillframe_runs, skillframe_assessments TO {r}")
            )
            conn.execute(sa_.text(f"GRANT SELECT ON skillframe_roles, {VERSION_TABLE} TO {r}"))
            conn.execute(sa_.text(f"GRANT USAGE ON SEQUENCE skillframe_runs_id_seq TO {r}"))

    # -- reading ----------------------------------------------------------------------

    @_database_errors
    def municipalities(self) -> list[str]:
        """The municipality codes with rows this connection may see."""
        from ._schema import ASSESSMENTS

        sa_ = _sa()
        with self.engine.connect() as conn:
            rows = conn.execute(sa_.select(ASSESSMENTS.c.municipality).distinct().order_by(ASSESSMENTS.c.municipality))
            return [str(r[0]) for r in rows]

    @_database_errors
    def years(self, municipality: str | None = None) -> list[int]:
        """The 年度 recorded, in order."""
        from ._schema import ASSESSMENTS

        sa_ = _sa()
        with self.engine.connect() as conn:
            muni = self._municipality(conn, municipality)
            q = sa_.select(ASSESSMENTS.c.fiscal_year).where(ASSESSMENTS.c.municipality == muni).distinct()
            return sorted(int(r[0]) for r in conn.execute(q))

    @_database_errors
    def runs(self, municipality: str | None = None) -> list[RunInfo]:
        """Every stored run (the ``record`` calls whose rows remain), oldest first."""
        from ._schema import RUNS

        sa_ = _sa()
        with self.engine.connect() as conn:
            muni = self._municipality(conn, municipality)
            ids = conn.execute(sa_.select(RUNS.c.id).where(RUNS.c.municipality == muni).order_by(RUNS.c.id))
            return [self._run(conn, int(i[0])) for i in ids.fetchall()]

    @_database_errors
    def assessments(self, year: int, *, municipality: str | None = None) -> list[StoredAssessment]:
        """The stored rows of one 年度, by staff key."""
        return list(self._iter_assessments(year, municipality))

    def _iter_assessments(self, year: int, municipality: str | None) -> Iterator[StoredAssessment]:
        from ._schema import ASSESSMENTS

        sa_ = _sa()
        a = ASSESSMENTS.c
        with self.engine.connect() as conn:
            muni = self._municipality(conn, municipality)
            q = (
                sa_.select(a.fiscal_year, a.staff_key, a.persona, a.department, a.rank, a.step, a.record, a.run_id)
                .where(a.municipality == muni, a.fiscal_year == year)
                .order_by(a.staff_key)
            )
            for row in conn.execute(q):
                yield StoredAssessment(
                    fiscal_year=int(row[0]),
                    staff_key=str(row[1]),
                    persona=str(row[2]),
                    department=row[3],
                    rank=int(row[4]),
                    step=row[5],
                    record=record_from_json(row[6]),
                    run_id=int(row[7]),
                )

    @_database_errors
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

    # -- helpers ----------------------------------------------------------------------

    def _municipality(self, conn: sa.Connection, municipality: str | None) -> str:
        if municipality is not None:
            return validate_municipality_code(municipality)
        from ._schema import RUNS

        sa_ = _sa()
        codes = [str(r[0]) for r in conn.execute(sa_.select(RUNS.c.municipality).distinct())]
        if len(codes) == 1:
            return codes[0]
        if not codes:
            raise HistoryError("empty", "記録がありません", "nothing has been recorded")
        raise HistoryError(
            "municipality-required",
            f"複数の団体の記録があります（{', '.join(sorted(codes))}）: 団体コードを指定してください",
            f"several municipalities are recorded ({', '.join(sorted(codes))}): give a municipality code",
        )

    def _check_key(self, conn: sa.Connection, muni: str, check: str | None) -> None:
        from ._schema import RUNS

        sa_ = _sa()
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

    def _run(self, conn: sa.Connection, run_id: int) -> RunInfo:
        from ._schema import RUNS

        sa_ = _sa()
        r = conn.execute(sa_.select(RUNS).where(RUNS.c.id == run_id)).mappings().one()
        return RunInfo(
            id=int(r["id"]),
            municipality=str(r["municipality"]),
            fiscal_year=int(r["fiscal_year"]),
            recorded_on=r["recorded_on"],
            catalog=CatalogFingerprint(digest=r["catalog_digest"], versions=json.loads(r["catalog_versions"])),
            skillframe_version=str(r["skillframe_version"]),
            source=r["source"],
            pseudonymised=bool(r["pseudonymised"]),
            people=int(r["people"]),
        )


def _check_year(year: int) -> None:
    if not isinstance(year, int) or isinstance(year, bool) or not 1990 <= year <= 2200:
        raise HistoryError("year", f"年度 '{year}' が不正です（例: 2026）", f"invalid fiscal year '{year}' (e.g. 2026)")


def _rows(
    catalog: Catalog,
    records: Iterable[StaffRecord | Mapping[str, Any]],
    *,
    key: str | bytes | None,
    seen: set[str],
    muni: str,
    year: int,
    run_id: int,
) -> Iterator[tuple[Any, ...]]:
    import skillframe

    to_json = _RecordJson()
    recs = (r if isinstance(r, skillframe.StaffRecord) else skillframe.StaffRecord.from_mapping(r) for r in records)
    for batch in _batches(recs, _BATCH):
        for rec, ev in zip(batch, skillframe.evaluate_many(catalog, None, batch), strict=True):
            if not rec.id:
                raise HistoryError("no-id", "職員番号 (id) のない記録があります", "a record has no staff id")
            staff_key = pseudonymise(rec.id, key) if key else rec.id
            if staff_key in seen:
                raise HistoryError(
                    "duplicate-person", f"職員 '{rec.id}' が 2 回あります", f"staff '{rec.id}' appears twice"
                )
            seen.add(staff_key)
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
                to_json(rec, staff_key),
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


def _hide(url: str) -> str:
    """``url`` with any password replaced by ``***`` (for a URL sqlalchemy could not parse)."""
    import re

    return re.sub(r"(://[^:/@]*:)[^@/]*@", r"\1***@", url)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # a 64 MB page cache: a year of 100,000 people is written in one transaction without spilling
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA cache_size = -65536")
    cursor.close()


def open_history(url: str | None = None, *, migrate: bool = True, create: bool = True) -> HistoryStore:
    """Open (and by default create or upgrade) an assessment history.

    ``url``: an SQLAlchemy URL; ``None`` means ``sqlite:///skillframe-history.db`` in the
    current folder. ``postgresql://…`` uses psycopg (extra ``postgresql``).
    A URL that is malformed, names an unknown driver, or a database that cannot be opened gives
    :class:`~skillframe.HistoryError` (code ``database``; the message shows the URL without its
    password). ``create=False`` (for reading) refuses an SQLite file that does not exist
    (code ``no-database``) instead of creating an empty one.

    >>> for url, create in [("sqlite:///no/such/file.db", False), ("nonsense://u:pw@x", True)]:
    ...     try:
    ...         open_history(url, create=create)
    ...     except HistoryError as e:
    ...         print(e.code, "pw" in str(e))
    no-database False
    database False
    """
    sa_ = _sa()
    try:
        import alembic  # noqa: F401
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise MissingDependencyError("alembic", "history") from exc
    text = url or os.environ.get("SKILLFRAME_HISTORY_DB") or DEFAULT_DB
    try:
        parsed = sa_.engine.make_url(text)
    except Exception as exc:
        raise HistoryError(
            "database", f"データベース URL が不正です: {_hide(text)}", f"invalid database URL: {_hide(text)}"
        ) from exc
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    if parsed.drivername.startswith("postgresql") and importlib.util.find_spec("psycopg") is None:
        raise MissingDependencyError("psycopg", "postgresql")
    shown = parsed.render_as_string(hide_password=True)
    try:
        engine = sa_.create_engine(parsed)
    except Exception as exc:  # unknown dialect or driver, bad options: sqlalchemy or the driver's import
        first = (str(exc).strip().splitlines() or [exc.__class__.__name__])[0]
        raise HistoryError(
            "database",
            f"データベース {shown} を開けません（ドライバ）: {first}",
            f"cannot open database {shown} (driver): {first}",
        ) from exc
    if not create and parsed.get_backend_name() == "sqlite":  # reading must not make an empty file
        name = parsed.database or ""
        if name and name != ":memory:" and not name.startswith("file:") and not Path(name).is_file():
            engine.dispose()
            raise HistoryError("no-database", f"データベースがありません: {shown}", f"no such database: {shown}")
    if parsed.get_backend_name() == "sqlite":
        sa_.event.listen(engine, "connect", _sqlite_pragmas)
    store = HistoryStore(engine)
    try:
        if migrate:
            store.migrate()
        else:
            store.revision()
    except sa_.exc.SQLAlchemyError as exc:
        engine.dispose()
        raise HistoryError(
            "database",
            f"データベース {shown} を開けません: {exc.__class__.__name__}",
            f"cannot open database {shown}: {str(exc).splitlines()[0]}",
        ) from exc
    return store
