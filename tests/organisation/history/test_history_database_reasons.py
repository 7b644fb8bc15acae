"""A database's refusal says why in Japanese AND English (the drivers say it in English only).

Real SQLite cases (not a database, locked, read-only, tables removed, no folder) through the API
and the CLI (exit 1, one line, no traceback); PostgreSQL: a server that refuses the connection
for real, and the server's other messages (authentication, missing database, permission, a
missing table, a read-only transaction, a lock) through :func:`reason`.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

import skillframe
from skillframe.cli import main
from skillframe.errors import HistoryError

pytest.importorskip("sqlalchemy")
import sqlalchemy as sa
from _history_helpers import MUNI_A, person

from skillframe.history._database import reason

STAFF = str(Path(__file__).resolve().parents[3] / "examples" / "staff.csv")


def _refusal(url: str, *, migrate: bool = True, read: bool = False) -> HistoryError:
    with pytest.raises(HistoryError) as info:
        store = skillframe.open_history(url, migrate=migrate)
        try:
            if read:
                store.years(MUNI_A)
            else:
                store.record(skillframe.load(), [person("A1", 1)], year=2026, municipality=MUNI_A)
        finally:
            store.close()
    assert info.value.code == "database"
    return info.value


def _cli_one_line(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1, err
    return err


@pytest.fixture
def store_file(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "h.db"
    with skillframe.open_history(f"sqlite:///{path}") as store:
        store.record(skillframe.load(), [person("A1", 1)], year=2025, municipality=MUNI_A)
    yield path


def test_not_a_database(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "notdb.db"
    path.write_bytes(b"PK\x03\x04 this is a zip, not a database" * 20)
    e = _refusal(f"sqlite:///{path}")
    assert "SQLite のデータベースファイルではありません" in e.ja and "is not an SQLite database" in e.en
    assert "DatabaseError" not in e.ja
    err = _cli_one_line(["history", "--db", f"sqlite:///{path}"], capsys)
    assert "データベースファイルではありません" in err and "not an SQLite database" in err


def test_locked(store_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    holder = sqlite3.connect(store_file, isolation_level=None)
    try:
        holder.execute("BEGIN EXCLUSIVE")
        url = f"sqlite:///{store_file}?timeout=0.05"
        e = _refusal(url)
        assert "ロックされています" in e.ja and "is locked" in e.en and "OperationalError" not in e.ja
        err = _cli_one_line(["record", STAFF, "--year", "2026", "-m", MUNI_A, "--db", url], capsys)
        assert "ロックされています" in err and "locked" in err
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_read_only(store_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url = f"sqlite:///file:{store_file}?mode=ro&uri=true"
    e = _refusal(url)
    assert "読み取り専用" in e.ja and "read-only" in e.en
    err = _cli_one_line(["record", STAFF, "--year", "2026", "-m", MUNI_A, "--db", url], capsys)
    assert "読み取り専用" in err and "read-only" in err


def test_tables_removed_is_not_a_skillframe_store(store_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    engine = sa.create_engine(f"sqlite:///{store_file}")
    with engine.begin() as conn:
        conn.execute(sa.text("DROP TABLE skillframe_assessments"))
    engine.dispose()
    e = _refusal(f"sqlite:///{store_file}", read=True)
    assert "評価履歴の表がありません" in e.ja and "table of the skillframe history is missing" in e.en
    err = _cli_one_line(["history", "--db", f"sqlite:///{store_file}"], capsys)
    assert "評価履歴の表がありません" in err and "not a skillframe store" in err


def test_no_such_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url = f"sqlite:///{tmp_path / 'no' / 'folder' / 'h.db'}"
    e = _refusal(url)
    assert "フォルダーがないか" in e.ja and "no such folder" in e.en
    err = _cli_one_line(["record", STAFF, "--year", "2026", "-m", MUNI_A, "--db", url], capsys)
    assert "ファイルを開けません" in err


def test_postgresql_server_that_refuses_the_connection(capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("psycopg")
    url = "postgresql://u:s3cret@127.0.0.1:1/skills?connect_timeout=2"  # port 1: nothing listens
    e = _refusal(url)
    assert "サーバーに接続できません" in e.ja and "cannot connect to the database server" in e.en
    assert "s3cret" not in str(e)
    err = _cli_one_line(["history", "--db", url, "-m", MUNI_A], capsys)
    assert "接続できません" in err and "s3cret" not in err


class _PgError(Exception):
    """Stands for a psycopg error (the class name is part of what :func:`reason` reads)."""


class InsufficientPrivilege(Exception):
    pass


@pytest.mark.parametrize(
    ("message", "cls", "ja", "en"),
    [
        (
            'connection failed: connection to server at "h", port 5432 failed: FATAL:  password authentication '
            'failed for user "u"',
            _PgError,
            "認証に失敗しました",
            "authentication failed",
        ),
        (
            'connection failed: FATAL:  database "skills" does not exist',
            _PgError,
            "データベースがありません",
            "no such database",
        ),
        ('could not translate host name "nohost" to address', _PgError, "接続できません", "cannot connect"),
        ("permission denied for table skillframe_runs", InsufficientPrivilege, "権限がありません", "permission denied"),
        ('relation "skillframe_runs" does not exist', _PgError, "評価履歴の表がありません", "not a skillframe store"),
        ("cannot execute INSERT in a read-only transaction", _PgError, "読み取り専用", "read-only"),
        ('could not obtain lock on relation "skillframe_runs"', _PgError, "ロックされています", "locked"),
        ("database or disk is full", sqlite3.OperationalError, "ディスクがいっぱい", "disk is full"),
        ("database disk image is malformed", sqlite3.DatabaseError, "壊れています", "damaged"),
    ],
)
def test_reasons_in_both_languages(message: str, cls: type[Exception], ja: str, en: str) -> None:
    exc = sa.exc.OperationalError("SELECT 1", {}, cls(message))
    why_ja, why_en = reason(exc)
    assert ja in why_ja and en in why_en
    assert message.splitlines()[0] in why_en  # the driver's own words stay (in the English)


def test_an_unknown_reason_is_the_drivers_line_in_both() -> None:
    exc = sa.exc.OperationalError("SELECT 1", {}, RuntimeError("something new\nmore"))
    assert reason(exc) == ("something new", "something new")
