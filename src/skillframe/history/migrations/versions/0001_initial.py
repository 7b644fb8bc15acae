"""The first schema: runs, assessments, roles; on PostgreSQL row-level security by municipality.

Revision ID: 0001
Revises:
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

# A role sees the rows of the municipalities it is mapped to in skillframe_roles (kept by
# the database owner); the owner itself is not subject to the policies (ENABLE, not FORCE).
_MINE = "municipality IN (SELECT r.municipality FROM skillframe_roles r WHERE r.rolname = current_user)"


def upgrade() -> None:
    op.create_table(
        "skillframe_runs",
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
    op.create_table(
        "skillframe_assessments",
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
    op.create_table(
        "skillframe_roles",
        sa.Column("rolname", sa.String(63), primary_key=True),
        sa.Column("municipality", sa.String(6), nullable=False),
    )
    if op.get_bind().dialect.name == "postgresql":
        for table in ("skillframe_runs", "skillframe_assessments"):
            op.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
            op.execute(f"CREATE POLICY municipality_only ON {table} USING ({_MINE}) WITH CHECK ({_MINE})")
        op.execute("ALTER TABLE skillframe_roles ENABLE ROW LEVEL SECURITY")
        op.execute("CREATE POLICY own_mapping ON skillframe_roles USING (rolname = current_user)")


def downgrade() -> None:
    op.drop_table("skillframe_roles")
    op.drop_table("skillframe_assessments")
    op.drop_table("skillframe_runs")
