"""The database seam: SQLAlchemy imported on use, and a database's refusal turned into a HistoryError.

The drivers (sqlite3, psycopg) say why in English only; :func:`reason` puts the common causes
in both languages (locked, not a database, damaged, read-only, no skillframe tables,
permission denied, cannot connect, authentication, disk full).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

from ..errors import HistoryError, MissingDependencyError

__all__ = ["database_error", "database_errors", "reason", "sa"]


def sa() -> Any:
    """The ``sqlalchemy`` module (:class:`~skillframe.MissingDependencyError` naming the ``history`` extra)."""
    try:
        import sqlalchemy
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise MissingDependencyError("sqlalchemy", "history") from exc
    return sqlalchemy


#: (alternatives, each words that must all be in the driver's message, lower case; Japanese;
#: English): the first that matches wins.
_REASONS: tuple[tuple[tuple[str, ...], str, str], ...] = (
    (
        ("database is locked", "database table is locked", "could not obtain lock", "lock timeout", "deadlock"),
        "他のプログラムが使用中でロックされています。しばらく待ってからやり直してください",
        "the database is locked (in use by another program): wait and try again",
    ),
    (
        ("file is not a database", "file is encrypted or is not a database"),
        "SQLite のデータベースファイルではありません（別の種類のファイルか、壊れています）",
        "the file is not an SQLite database (another kind of file, or damaged)",
    ),
    (
        ("database disk image is malformed",),
        "データベースファイルが壊れています",
        "the database file is damaged (malformed)",
    ),
    (
        ("readonly database", "read-only transaction", "read-only database"),
        "読み取り専用のため書き込めません（ファイルとフォルダーの書き込み権限を確認してください）",
        "the database is read-only (check write permission on the file and its folder)",
    ),
    (
        ("password authentication failed", "authentication failed", "no password supplied"),
        "認証に失敗しました（ユーザー名とパスワードを確認してください）",
        "authentication failed (check the user name and password)",
    ),
    (
        ('database "&does not exist',),  # PostgreSQL: database "x" does not exist
        "サーバーにそのデータベースがありません（データベース名を確認してください）",
        "the server has no such database (check the database name)",
    ),
    (
        ("no such table", "undefinedtable", 'relation "skillframe_'),
        "skillframe の評価履歴の表がありません（skillframe の評価履歴ではないか、表が削除されています）",
        "a table of the skillframe history is missing (not a skillframe store, or its tables were removed)",
    ),
    (
        ("permission denied", "insufficientprivilege", "row-level security", "must be owner"),
        "権限がありません（データベースのロールと行レベルセキュリティを確認してください）",
        "permission denied (check the database role and row-level security)",
    ),
    (
        ("unable to open database file",),
        "ファイルを開けません（フォルダーがないか、アクセス権がありません）",
        "cannot open the file (no such folder, or no permission)",
    ),
    (
        (
            "connection refused",
            "could not connect",
            "connection failed",
            "connection timeout",
            "timeout expired",
            "could not translate host name",
            "name or service not known",
            "server closed the connection",
            "connection is closed",
            "no route to host",
        ),
        "データベースサーバーに接続できません（ホスト名・ポートと、サーバーが動いているかを確認してください）",
        "cannot connect to the database server (check the host, the port, and that the server is running)",
    ),
    (
        ("database or disk is full", "disk i/o error", "no space left"),
        "ディスクがいっぱいか、読み書きできません",
        "the disk is full or cannot be read or written",
    ),
)


def _first_line(exc: BaseException) -> str:
    orig = getattr(exc, "orig", None) or exc
    return (str(orig).strip().splitlines() or [orig.__class__.__name__])[0]


def reason(exc: BaseException) -> tuple[str, str]:
    """Why a database refused, in Japanese and English: a known cause in words (the driver's own
    line kept in the English), else the driver's line in both.

    >>> import sqlite3, sqlalchemy
    >>> ja, en = reason(sqlalchemy.exc.OperationalError("SELECT 1", {}, sqlite3.OperationalError("database is locked")))
    >>> print(ja)
    他のプログラムが使用中でロックされています。しばらく待ってからやり直してください
    >>> print(en)
    the database is locked (in use by another program): wait and try again [database is locked]
    >>> reason(RuntimeError("something else"))
    ('something else', 'something else')
    """
    first = _first_line(exc)
    orig = getattr(exc, "orig", None)
    haystack = f"{first} {type(orig).__name__ if orig is not None else ''}".lower()
    for words, ja, en in _REASONS:
        if any(all(w in haystack for w in alt.split("&")) for alt in words):
            return ja, f"{en} [{first}]"
    return first, first


def database_error(exc: BaseException, ja: str, en: str) -> HistoryError:
    """A :class:`~skillframe.HistoryError` with code ``database``: ``ja``/``en`` (what could not
    be done), then :func:`reason` in each language."""
    why_ja, why_en = reason(exc)
    return HistoryError("database", f"{ja}: {why_ja}", f"{en}: {why_en}")


_F = TypeVar("_F", bound=Callable[..., Any])


def database_errors(method: _F) -> _F:
    """Turn a database's refusal (permissions, row-level security, a lost connection) into a
    :class:`~skillframe.HistoryError` with code ``database``; the transaction is already rolled back."""

    @functools.wraps(method)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        sa_ = sa()
        try:
            return method(*args, **kwargs)
        except sa_.exc.SQLAlchemyError as exc:
            engine = getattr(args[0], "engine", None) if args else None
            where = engine.url.render_as_string(hide_password=True) if engine is not None else ""
            raise database_error(
                exc,
                f"データベース {where} が処理を拒否しました（変更は元に戻しました）".replace("  ", " "),
                f"the database {where} refused (nothing was changed)".replace("  ", " "),
            ) from exc

    return wrapper  # type: ignore[return-value]
