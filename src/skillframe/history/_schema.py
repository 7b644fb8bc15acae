"""The tables of the assessment history (SQLAlchemy Core), the same on SQLite and PostgreSQL.

The Alembic scripts in ``migrations/`` create and change them; this module describes the
current shape for the queries. Names start with ``skillframe_`` so a shared database
can hold them beside other applications' tables.
"""

from __future__ import annotations

import sqlalchemy as sa

__all__ = ["ASSESSMENTS", "METADATA", "ROLES", "RUNS", "VERSION_TABLE"]

METADATA = sa.MetaData()

#: Alembic's bookkeeping table (which migration the database is at).
VERSION_TABLE = "skillframe_alembic_version"

#: One row per ``record`` call: when, under which catalog, by which skillframe.
RUNS = sa.Table(
    "skillframe_runs",
    METADATA,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("municipality", sa.String(6), nullable=False),
    sa.Column("fiscal_year", sa.Integer, nullable=False),
    sa.Column("recorded_on", sa.Date, nullable=False),
    sa.Column("catalog_digest", sa.String(64), nullable=False),
    sa.Column("catalog_versions", sa.Text, nullable=False),
    sa.Column("skillframe_version", sa.String(40), nullable=False),
    sa.Column("source", sa.Text, nullable=True),
    sa.Column("pseudonymised", sa.Boolean, nullable=False),
    sa.Column("key_check", sa.String(16), nullable=True),
    sa.Column("people", sa.Integer, nullable=False),
)

#: One row per person and 年度: the record as read and its evaluation.
ASSESSMENTS = sa.Table(
    "skillframe_assessments",
    METADATA,
    sa.Column("municipality", sa.String(6), primary_key=True),
    sa.Column("fiscal_year", sa.Integer, primary_key=True),
    sa.Column("staff_key", sa.String(200), primary_key=True),
    sa.Column("run_id", sa.Integer, sa.ForeignKey("skillframe_runs.id"), nullable=False),
    sa.Column("persona", sa.String(200), nullable=False),
    sa.Column("department", sa.Text, nullable=True),
    sa.Column("rank", sa.Integer, nullable=False),
    sa.Column("step", sa.String(200), nullable=True),
    sa.Column("record", sa.Text, nullable=False),
)

#: PostgreSQL: which database role may read and write which municipality's rows.
ROLES = sa.Table(
    "skillframe_roles",
    METADATA,
    sa.Column("rolname", sa.String(63), primary_key=True),
    sa.Column("municipality", sa.String(6), nullable=False),
)
