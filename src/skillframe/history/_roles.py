"""PostgreSQL roles: which database role may read and write which municipality's rows."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..errors import HistoryError
from ._database import sa
from ._municode import validate_municipality_code
from ._schema import VERSION_TABLE

if TYPE_CHECKING:
    import sqlalchemy

__all__ = ["grant"]


def grant(engine: sqlalchemy.Engine, role: str, municipality: str) -> None:
    """Let database role ``role`` read and write only ``municipality``'s rows (see :meth:`HistoryStore.grant`).

    :class:`~skillframe.HistoryError` ``not-postgresql`` on any other database.
    """
    muni = validate_municipality_code(municipality)
    if engine.dialect.name != "postgresql":
        raise HistoryError(
            "not-postgresql",
            "ロールの権限は PostgreSQL でのみ設定できます",
            "roles and row-level security exist on PostgreSQL only",
        )
    sa_ = sa()
    q = engine.dialect.identifier_preparer.quote
    with engine.begin() as conn:
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
