"""The schema's version: run the Alembic scripts shipped in ``migrations/``, read the revision."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ._schema import VERSION_TABLE

if TYPE_CHECKING:
    import sqlalchemy

__all__ = ["migrate", "revision"]


def migrate(engine: sqlalchemy.Engine) -> None:
    """Bring the schema to this version's (Alembic ``upgrade head``); safe to repeat."""
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")


def revision(engine: sqlalchemy.Engine) -> str | None:
    """The Alembic revision the database is at (``None``: empty database)."""
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        rev = MigrationContext.configure(conn, opts={"version_table": VERSION_TABLE}).get_current_revision()
        return None if rev is None else str(rev)
