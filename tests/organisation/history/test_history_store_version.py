"""A store whose schema revision this skillframe does not know is refused untouched, in one line.

A newer skillframe's store (``0002_future``) is ``store-too-new`` (upgrade skillframe); any other
unknown revision (garbled, hand-edited, several) is ``store-unknown-revision``. Neither is ever
upgraded, downgraded or written: every table and (SQLite) the file's bytes stay as they were,
through the API (``open_history`` with and without ``migrate``, ``HistoryStore.migrate``) and
the CLI (``record``, ``history``, ``report --db``, ``migrate --db``: exit 1, no traceback).
"""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

import skillframe
from skillframe.cli import main
from skillframe.errors import HistoryError

pytest.importorskip("sqlalchemy")
import sqlalchemy as sa
from _history_helpers import MUNI_A, dump, person

EXAMPLES = Path(__file__).resolve().parents[3] / "examples"
EDITIONS = Path(__file__).resolve().parents[2] / "data" / "editions"
VERSION_TABLE = "skillframe_alembic_version"


def _set_revisions(url: str, *revisions: str) -> None:
    engine = sa.create_engine(sa.engine.make_url(url).set(drivername=_driver(url)))
    try:
        with engine.begin() as conn:
            conn.execute(sa.text(f"DELETE FROM {VERSION_TABLE}"))
            for rev in revisions:
                conn.execute(sa.text(f"INSERT INTO {VERSION_TABLE} (version_num) VALUES (:r)"), {"r": rev})
    finally:
        engine.dispose()


def _driver(url: str) -> str:
    return "postgresql+psycopg" if url.startswith("postgresql") else sa.engine.make_url(url).drivername


def _raw_dump(url: str) -> list[tuple[object, ...]]:
    """Every row of every table (the version table too), without skillframe opening the store."""
    engine = sa.create_engine(sa.engine.make_url(url).set(drivername=_driver(url)))
    try:
        rows = dump(SimpleNamespace(engine=engine))  # type: ignore[arg-type]  # dump() reads .engine only
        with engine.connect() as conn:
            rows += [(VERSION_TABLE, *r) for r in conn.execute(sa.text(f"SELECT version_num FROM {VERSION_TABLE}"))]
        return rows
    finally:
        engine.dispose()


@pytest.fixture
def recorded(db_url: str) -> str:
    """A store with one 年度 recorded (then its revision is changed by the test)."""
    with skillframe.open_history(db_url) as store:
        store.record(skillframe.load(), [person("A1", 1)], year=2025, municipality=MUNI_A)
    return db_url


def _untouched(url: str, before: list[tuple[object, ...]], file_bytes: bytes | None) -> None:
    assert _raw_dump(url) == before
    if file_bytes is not None:
        assert Path(sa.engine.make_url(url).database or "").read_bytes() == file_bytes


def _file_bytes(url: str) -> bytes | None:
    return Path(sa.engine.make_url(url).database or "").read_bytes() if url.startswith("sqlite") else None


def test_a_store_made_by_a_newer_skillframe_is_refused_untouched(recorded: str) -> None:
    _set_revisions(recorded, "0002_future")
    before, data = _raw_dump(recorded), _file_bytes(recorded)
    for migrate in (True, False):
        with pytest.raises(HistoryError) as info:
            skillframe.open_history(recorded, migrate=migrate, create=False)
        e = info.value
        assert e.code == "store-too-new"
        assert "'0002_future'" in e.ja and "'0002_future'" in e.en
        assert "新しい版の skillframe で作られています" in e.ja and "skillframe を更新してください" in e.ja
        assert "made by a newer skillframe" in e.en and "upgrade skillframe" in e.en
        assert "変更していません" in e.ja and "not changed" in e.en
        shown = sa.engine.make_url(recorded).render_as_string(hide_password=True)
        assert shown.replace("postgresql://", "postgresql+psycopg://") in e.en or shown in e.en
    _untouched(recorded, before, data)


@pytest.mark.parametrize(
    "revisions",
    [("zzz-garbled",), ("0000_older",), ("0001; DROP TABLE x",), ("",), ("\x1b[31m\x01é",), ("0001", "0001x")],
    ids=["garbled", "older-unknown", "injection", "empty", "control", "two-rows"],
)
def test_an_unknown_revision_is_refused_untouched(recorded: str, revisions: tuple[str, ...]) -> None:
    _set_revisions(recorded, *revisions)
    before, data = _raw_dump(recorded), _file_bytes(recorded)
    with pytest.raises(HistoryError) as info:
        skillframe.open_history(recorded)
    assert info.value.code == "store-unknown-revision"
    assert "知らない版" in info.value.ja and "does not know" in info.value.en
    assert "\x1b" not in str(info.value) and "\x01" not in str(info.value)  # a terminal shows it safely
    _untouched(recorded, before, data)


def test_two_revisions_one_of_them_newer_is_too_new(recorded: str) -> None:
    _set_revisions(recorded, "0001", "0002_future")
    with pytest.raises(HistoryError) as info:
        skillframe.open_history(recorded)
    assert info.value.code == "store-too-new"


def test_migrate_of_an_open_store_refuses_a_newer_revision(recorded: str) -> None:
    with skillframe.open_history(recorded) as store:
        assert store.revision() == "0001"
        _set_revisions(recorded, "0002_future")
        before = _raw_dump(recorded)
        with pytest.raises(HistoryError) as info:
            store.migrate()
        assert info.value.code == "store-too-new"
        with pytest.raises(HistoryError):
            store.revision()
    assert _raw_dump(recorded) == before


def test_cli_refuses_a_newer_store_in_one_line_exit_1(
    recorded: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    _set_revisions(recorded, "0002_future")
    before, data = _raw_dump(recorded), _file_bytes(recorded)
    staff = str(EXAMPLES / "staff.csv")
    catalogs = ["--catalog", str(EDITIONS / "town-std-1.2.yaml"), "--catalog", str(EDITIONS / "town-std-2.0.yaml")]
    runs = [
        ["record", staff, "--year", "2026", "-m", MUNI_A, "--db", recorded],
        ["history", "--db", recorded, "-m", MUNI_A],
        ["report", staff, "--db", recorded, "-m", MUNI_A, "-o", str(tmp_path / "r.html")],
        [
            "migrate",
            "--db",
            recorded,
            "--year",
            "2025",
            "--editions",
            str(EDITIONS / "town-std-1.2-to-2.0.yaml"),
            *catalogs,
        ],
    ]
    for argv in runs:
        assert main(argv) == 1, argv[0]
        err = capsys.readouterr().err
        assert "Traceback" not in err, argv[0]
        assert len(err.strip().splitlines()) == 1, (argv[0], err)
        assert "made by a newer skillframe" in err and "新しい版の skillframe" in err and "0002_future" in err
    assert not (tmp_path / "r.html").exists()
    _untouched(recorded, before, data)
