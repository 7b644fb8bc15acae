"""The history tests' database: SQLite always; PostgreSQL when ``SKILLFRAME_TEST_PG_URL`` is set
(``.ci/with-postgres`` sets it in CI; with ``CI=true`` a missing PostgreSQL fails, never skips)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import pytest

import skillframe

pytest.importorskip("sqlalchemy")
import sqlalchemy as sa
from _history_helpers import PG_ENV, pg_admin_url, pg_engine


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Any) -> Iterator[str]:
    """A fresh empty database URL: an SQLite file, or a new PostgreSQL database."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'history.db'}"
        return
    admin = pg_admin_url()
    if admin is None:
        pytest.skip(f"PostgreSQL not available ({PG_ENV} unset; CI sets it)")
    name = f"sf_test_{uuid.uuid4().hex[:10]}"
    eng = pg_engine(admin)
    with eng.connect() as c:
        c.execute(sa.text(f'CREATE DATABASE "{name}"'))
    url = sa.engine.make_url(admin).set(database=name).render_as_string(hide_password=False)
    try:
        yield url
    finally:
        with eng.connect() as c:
            c.execute(sa.text(f'DROP DATABASE "{name}" WITH (FORCE)'))
        eng.dispose()


@pytest.fixture
def open_store(db_url: str) -> Iterator[Any]:
    """``open_store()``: open the test database (closed again at the end of the test)."""
    opened: list[skillframe.HistoryStore] = []

    def open_() -> skillframe.HistoryStore:
        store = skillframe.open_history(db_url)
        opened.append(store)
        return store

    yield open_
    for store in opened:
        store.close()
