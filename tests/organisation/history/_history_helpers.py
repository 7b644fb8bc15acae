"""Helpers of the history tests: record builders, PostgreSQL URLs, a table dump."""

from __future__ import annotations

import os
from typing import Any

import pytest

import skillframe

pytest.importorskip("sqlalchemy")
import sqlalchemy as sa

PG_ENV = "SKILLFRAME_TEST_PG_URL"
MUNI_A = "131016"  # 千代田区
MUNI_B = "011002"  # 札幌市

TRAINED = [
    "dx-necessity",
    "user-understanding",
    "gov-digital-basics",
    "security-literacy",
    "privacy",
    "project-management",
    "value-discovery",
    "data-literacy",
    "bpr",
    "service-validation",
    "it-governance",
]


def person(pid: str, rank: int, department: str = "総務課", **extra: Any) -> dict[str, Any]:
    """A DX推進員 record that reaches exactly ``rank`` (0–3) under the WG 2025 ladder."""
    rec: dict[str, Any] = {"id": pid, "persona": "DX推進員", "department": department}
    rec["trainings"] = TRAINED if rank >= 1 else [t for t in TRAINED if t != "bpr"]
    rec["dx_lead_years"] = {0: 0, 1: 0, 2: 1, 3: 2}[rank]
    if rank >= 3:
        rec.update(dx_lead_count=2, mentoring=True)
    rec.update(extra)
    return rec


def pg_admin_url() -> str | None:
    url = os.environ.get(PG_ENV)
    if url:
        return url
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI=true but {PG_ENV} is not set: .ci/run must start PostgreSQL (.ci/with-postgres)")
    return None


def pg_engine(url: str, database: str | None = None) -> sa.Engine:
    u = sa.engine.make_url(url).set(drivername="postgresql+psycopg")
    if database:
        u = u.set(database=database)
    return sa.create_engine(u, isolation_level="AUTOCOMMIT")


def dump(store: skillframe.HistoryStore) -> list[tuple[Any, ...]]:
    """Every row of every skillframe table, in a stable order (for before/after comparisons)."""
    out: list[tuple[Any, ...]] = []
    with store.engine.connect() as c:
        for table in ("skillframe_runs", "skillframe_assessments", "skillframe_roles"):
            rows = c.execute(sa.text(f"SELECT * FROM {table}")).fetchall()
            out.extend((table, *map(str, r)) for r in sorted(rows, key=lambda r: tuple(map(str, r))))
    return out
