"""The database seam: SQLAlchemy imported on use, and a database's refusal turned into a HistoryError."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

from ..errors import HistoryError, MissingDependencyError

__all__ = ["database_errors", "sa"]


def sa() -> Any:
    """The ``sqlalchemy`` module (:class:`~skillframe.MissingDependencyError` naming the ``history`` extra)."""
    try:
        import sqlalchemy
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise MissingDependencyError("sqlalchemy", "history") from exc
    return sqlalchemy


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
            first = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
            raise HistoryError(
                "database",
                f"データベースが処理を拒否しました（変更は元に戻しました）: {first}",
                f"the database refused (nothing was changed): {first}",
            ) from exc

    return wrapper  # type: ignore[return-value]
