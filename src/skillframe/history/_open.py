"""Opening an assessment history: a database URL (SQLite by default, or PostgreSQL) to a store.

The schema is created and upgraded by the Alembic scripts shipped in this package, run
programmatically, so a database made by this version opens in the next.
"""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path
from typing import Any

from ..errors import HistoryError, MissingDependencyError
from ._database import database_error, sa
from ._store import HistoryStore

__all__ = ["DEFAULT_DB", "open_history"]

#: The database used when none is given: an SQLite file in the current folder.
DEFAULT_DB = "sqlite:///skillframe-history.db"


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
    password and why, in both languages: locked, not a database, read-only, cannot connect …).
    ``create=False`` (for reading) refuses an SQLite file that does not exist
    (code ``no-database``) instead of creating an empty one. A store made by a newer skillframe
    is refused untouched (code ``store-too-new``: upgrade skillframe), as is one at a schema
    revision this skillframe does not know (``store-unknown-revision``).

    >>> for url, create in [("sqlite:///no/such/file.db", False), ("nonsense://u:pw@x", True)]:
    ...     try:
    ...         open_history(url, create=create)
    ...     except HistoryError as e:
    ...         print(e.code, "pw" in str(e))
    no-database False
    database False
    """
    sa_ = sa()
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
        raise database_error(exc, f"データベース {shown} を開けません", f"cannot open database {shown}") from exc
    except HistoryError:  # a store this skillframe does not know (store-too-new …): left as it was
        engine.dispose()
        raise
    return store
