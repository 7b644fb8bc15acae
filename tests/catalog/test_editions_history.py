"""``skillframe migrate --db``: carry a 年度 of the assessment history to the next edition.

Records a readable variant of the fixture staff file (tests/data/editions/town-staff-1.2.csv:
its rows S01-S03 with every key written as a 1.2 id, since the history evaluates under a
catalog where the bare keys are ambiguous and rejects a file with row errors) into a temporary
SQLite history under the 1.2 catalog, then migrates from the database and from the same CSV.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path

import pytest

import skillframe
from skillframe.cli import main

pytest.importorskip("sqlalchemy")

EDITIONS = Path(__file__).resolve().parents[1] / "data" / "editions"
MAP = EDITIONS / "town-std-1.2-to-2.0.yaml"
CAT_12 = EDITIONS / "town-std-1.2.yaml"
CATALOGS = ("--catalog", str(CAT_12), "--catalog", str(EDITIONS / "town-std-2.0.yaml"))
OLD = "town-std-1-2:"


def _recordable(tmp_path: Path) -> Path:
    """The fixture's readable rows (S01-S03) with each catalog key qualified by the 1.2 framework."""
    with (EDITIONS / "town-staff-1.2.csv").open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    header = [h.replace(":", ":" + OLD, 1) if h.split(":")[0] in ("dsm", "tool", "check") else h for h in rows[0]]
    out = [header]
    for row in rows[1:4]:
        assert row[0] in ("S01", "S02", "S03")
        cells = dict(zip(rows[0], row, strict=True))
        cells["persona"] = OLD + ("promoter" if cells["persona"] == "DX推進員" else "staff")
        cells["trainings"] = ";".join(OLD + t for t in cells["trainings"].split(";") if t)
        out.append([cells[h] for h in rows[0]])
    path = tmp_path / "staff-1.2.csv"
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        csv.writer(fh).writerows(out)
    return path


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Callable[..., tuple[int, str, str]]:
    def run(*argv: str) -> tuple[int, str, str]:
        code = main(list(argv))
        out, err = capsys.readouterr()
        return code, out, err

    return run


@pytest.fixture
def recorded(cli: Callable[..., tuple[int, str, str]], tmp_path: Path) -> tuple[Path, str]:
    staff = _recordable(tmp_path)
    db = f"sqlite:///{tmp_path / 'h.db'}"
    code, out, err = cli("record", str(staff), "--db", db, "-m", "131016", "--year", "2025", "--catalog", str(CAT_12))
    assert code == 0, err
    assert "3" in out
    return staff, db


def test_migrate_from_the_history_equals_migrating_the_file(
    cli: Callable[..., tuple[int, str, str]], recorded: tuple[Path, str], tmp_path: Path
) -> None:
    staff, db = recorded
    from_db, from_file = tmp_path / "db-2.0.csv", tmp_path / "file-2.0.csv"
    report_db, report_file = tmp_path / "db-not.csv", tmp_path / "file-not.csv"
    common = ("--editions", str(MAP), *CATALOGS)
    code, _, err = cli(
        "migrate", "--db", db, "-m", "131016", "--year", "2025", *common, "-o", str(from_db), "--report", str(report_db)
    )
    assert code == 0, err
    assert "3 record(s) carried, 4 key(s) not carried" in err
    code, _, err = cli("migrate", str(staff), *common, "-o", str(from_file), "--report", str(report_file))
    assert code == 0, err
    assert from_db.read_bytes() == from_file.read_bytes()
    assert report_db.read_bytes() == report_file.read_bytes()
    with report_db.open(encoding="utf-8-sig", newline="") as fh:
        listed = [r[:4] for r in csv.reader(fh)]
    assert ["S02", "trainings", OLD + "minutes", "unmapped"] in listed  # the unmapped item: listed, never dropped
    assert ["S01", "trainings", OLD + "fax", "removed"] in listed
    town = skillframe.load(CAT_12, EDITIONS / "town-std-2.0.yaml")
    back = skillframe.read_staff(from_db, catalog=town)
    assert back.errors == ()
    assert [(r.id, r.persona, r.extra) for r in back.records] == [
        ("S01", "town-std:promoter", {"memo": "係長"}),  # extras carried as read
        ("S02", "town-std:staff", {}),
        ("S03", "town-std:promoter", {}),
    ]


def test_api_migrate_takes_the_history_records(recorded: tuple[Path, str]) -> None:
    staff, db = recorded
    town = skillframe.load(CAT_12, EDITIONS / "town-std-2.0.yaml")
    emap = skillframe.read_edition_map(MAP, town)
    store = skillframe.open_history(db, create=False)
    try:
        stored = [a.record for a in store.assessments(2025, municipality="131016")]
    finally:
        store.engine.dispose()
    mg = skillframe.migrate(town, stored, emap)
    direct = skillframe.migrate(town, skillframe.read_staff(staff), emap)
    assert mg.records == direct.records
    assert mg.not_carried == direct.not_carried
    assert {(n.record, n.key, n.code) for n in mg.not_carried} == {
        ("S01", OLD + "fax", "removed"),
        ("S01", OLD + "legacy-it", "predicate"),
        ("S01", OLD + "excel: x2", "check-item"),
        ("S02", OLD + "minutes", "unmapped"),
    }


@pytest.mark.parametrize(
    "argv",
    [
        ("--db", "DB", "--year", "2025", "STAFF"),  # both
        (),  # neither
        ("--db", "DB"),  # no year
        ("STAFF", "--year", "2025"),  # year without db
    ],
)
def test_cli_migrate_needs_exactly_one_source(
    cli: Callable[..., tuple[int, str, str]], recorded: tuple[Path, str], argv: tuple[str, ...]
) -> None:
    staff, db = recorded
    args = [str(staff) if a == "STAFF" else db if a == "DB" else a for a in argv]
    code, out, err = cli("migrate", *args, "--editions", str(MAP), *CATALOGS)
    assert code == 2
    assert out == ""
    assert "Traceback" not in err and " / " in err


def test_cli_migrate_a_year_with_no_records(
    cli: Callable[..., tuple[int, str, str]], recorded: tuple[Path, str], tmp_path: Path
) -> None:
    _, db = recorded
    out = tmp_path / "x.csv"
    code, _, err = cli("migrate", "--db", db, "--year", "2024", "--editions", str(MAP), *CATALOGS, "-o", str(out))
    assert code == 1
    assert "FY2024" in err and "2025" in err and "Traceback" not in err
    assert not out.exists()


def test_cli_migrate_refuses_a_missing_database(cli: Callable[..., tuple[int, str, str]], tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'none.db'}"
    code, _, err = cli("migrate", "--db", db, "--year", "2025", "--editions", str(MAP), *CATALOGS)
    assert code == 1
    assert "Traceback" not in err
    assert not (tmp_path / "none.db").exists()  # reading never creates a database


def test_cli_migrate_never_writes_over_the_database(
    cli: Callable[..., tuple[int, str, str]], recorded: tuple[Path, str], tmp_path: Path
) -> None:
    _, db = recorded
    path = tmp_path / "h.db"
    before = path.read_bytes()
    code, _, _ = cli("migrate", "--db", db, "--year", "2025", "--editions", str(MAP), *CATALOGS, "-o", str(path))
    assert code != 0
    assert path.read_bytes() == before


def test_cli_migrate_says_when_the_ids_are_pseudonyms(cli: Callable[..., tuple[int, str, str]], tmp_path: Path) -> None:
    staff, db = _recordable(tmp_path), f"sqlite:///{tmp_path / 'p.db'}"
    args = ("--db", db, "-m", "131016", "--year", "2025")
    assert cli("record", str(staff), *args, "--key", "k-secret", "--catalog", str(CAT_12))[0] == 0
    out = tmp_path / "p-2.0.csv"
    code, _, err = cli("migrate", *args, "--editions", str(MAP), *CATALOGS, "-o", str(out))
    assert code == 0, err
    assert "pseudonyms" in err
    ids = [r.id for r in skillframe.read_staff(out).records]
    assert len(ids) == 3 and not {"S01", "S02", "S03"} & set(ids)
