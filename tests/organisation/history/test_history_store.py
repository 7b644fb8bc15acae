"""The assessment history: record, re-record, atomicity, pseudonyms, municipality codes, migrations.

Runs against SQLite always and against PostgreSQL when SKILLFRAME_TEST_PG_URL is set (CI)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from _history_helpers import MUNI_A, MUNI_B, dump, person

import skillframe
from skillframe.errors import HistoryError
from skillframe.history import check_digit, fiscal_year, pseudonymise, validate_municipality_code

# -- municipality codes (no database) ---------------------------------------------------


@pytest.mark.parametrize(
    ("code", "name"),
    [
        ("131016", "千代田区"),
        ("011002", "札幌市"),
        ("131130", "渋谷区"),
        ("271004", "大阪市"),
        ("１３１０１６", "全角"),
    ],
)
def test_known_codes_pass_the_check_digit(code: str, name: str) -> None:
    assert validate_municipality_code(code) == "131016" if name == "全角" else code


def test_check_digit_rule_remainders_zero_and_one() -> None:
    # 11 - remainder, last digit: remainder 0 -> 1, remainder 1 -> 0
    assert check_digit("00000") == 1
    assert check_digit("13113") == 0  # 6+15+4+3+6 = 34, 34 % 11 = 1


@pytest.mark.parametrize(
    ("code", "fragment"),
    [
        ("131017", "expected 131016"),
        ("13101", "131016?"),
        ("481002", "prefecture 48"),
        ("13101x", "not six digits"),
        ("", "not six digits"),
    ],
)
def test_bad_codes_name_the_fix(code: str, fragment: str) -> None:
    with pytest.raises(HistoryError) as info:
        validate_municipality_code(code)
    assert info.value.code == "municipality-code"
    assert fragment in str(info.value)


def test_fiscal_year_runs_april_to_march() -> None:
    assert [fiscal_year(dt.date(2026, m, 1)) for m in (3, 4, 12)] == [2025, 2026, 2026]
    assert fiscal_year(dt.date(2027, 3, 31)) == 2026


# -- the store ---------------------------------------------------------------------------


def test_record_stores_record_as_read_and_its_evaluation(open_store: Any, cat: skillframe.Catalog) -> None:
    store = open_store()
    rows = [person("A1", 2, 席次="3", 備考="係長"), person("A2", 0, department="税務課")]
    result = store.record(cat, rows, year=2026, municipality=MUNI_A, on=dt.date(2026, 6, 1), source="s.csv")
    assert (result.stored, result.replaced) == (2, 0)
    run = result.run
    assert (run.municipality, run.fiscal_year, run.recorded_on, run.people) == (MUNI_A, 2026, dt.date(2026, 6, 1), 2)
    assert run.catalog.versions["tokyo-wg-2025"] == "2025-10"
    assert run.catalog.digest == skillframe._fingerprint.catalog_fingerprint(cat).digest
    assert run.skillframe_version == skillframe.__version__
    stored = {a.staff_key: a for a in store.assessments(2026)}
    assert (stored["A1"].rank, stored["A1"].step) == (2, "tokyo-wg-2025:dx-promoter-step2")
    assert (stored["A2"].rank, stored["A2"].step, stored["A2"].department) == (0, None, "税務課")
    assert stored["A1"].persona == "tokyo-wg-2025:dx-promoter"
    assert stored["A1"].record.extra == {"席次": "3", "備考": "係長"}
    assert stored["A1"].record.dx_lead_years == 1
    # what is stored evaluates to what was stored
    again = skillframe.evaluate(cat, None, stored["A1"].record)
    assert again.rank == 2


def test_rerecord_replaces_only_the_people_in_the_file(open_store: Any, cat: skillframe.Catalog) -> None:
    store = open_store()
    store.record(cat, [person("A1", 1), person("A2", 1)], year=2026, municipality=MUNI_A)
    store.record(cat, [person("A1", 3)], year=2025, municipality=MUNI_A)
    result = store.record(cat, [person("A1", 2), person("A3", 0)], year=2026, municipality=MUNI_A)
    assert (result.stored, result.replaced) == (2, 1)
    assert [(a.staff_key, a.rank) for a in store.assessments(2026)] == [("A1", 2), ("A2", 1), ("A3", 0)]
    assert [(a.staff_key, a.rank) for a in store.assessments(2025)] == [("A1", 3)]
    assert [r.fiscal_year for r in store.runs()] == [2026, 2025, 2026]


def _failing(rows: list[dict[str, Any]], at: int) -> Iterator[dict[str, Any]]:
    for i, r in enumerate(rows):
        if i == at:
            raise RuntimeError("injected failure")
        yield r


def test_failure_half_way_leaves_the_database_as_before(open_store: Any, db_url: str, cat: skillframe.Catalog) -> None:
    store = open_store()
    store.record(cat, [person(f"P{i:05d}", i % 4) for i in range(300)], year=2026, municipality=MUNI_A)
    before = dump(store)
    sqlite_file = Path(db_url.removeprefix("sqlite:///")) if db_url.startswith("sqlite") else None
    raw = sqlite_file.read_bytes() if sqlite_file else b""
    # 5,000 people: the failure comes after two batches were deleted and inserted
    rows = [person(f"P{i:05d}", (i + 1) % 4) for i in range(5000)]
    with pytest.raises(RuntimeError, match="injected"):
        store.record(cat, _failing(rows, 4500), year=2026, municipality=MUNI_A)
    assert dump(store) == before
    if sqlite_file:
        store.engine.dispose()
        assert sqlite_file.read_bytes() == raw  # byte for byte


def test_duplicate_person_refuses_the_whole_file(open_store: Any, cat: skillframe.Catalog) -> None:
    store = open_store()
    store.record(cat, [person("A1", 1)], year=2026, municipality=MUNI_A)
    before = dump(store)
    with pytest.raises(HistoryError) as info:
        store.record(cat, [person("A1", 2), person("B1", 0), person("A1", 3)], year=2026, municipality=MUNI_A)
    assert info.value.code == "duplicate-person"
    assert "'A1'" in str(info.value)
    assert dump(store) == before


def test_staff_file_with_row_errors_records_nothing(open_store: Any, cat: skillframe.Catalog, tmp_path: Path) -> None:
    f = tmp_path / "staff.csv"
    f.write_text("id,persona,dx_lead_years\nA1,DX推進員,1\nA2,DX推進員,abc\n", encoding="utf-8")
    store = open_store()
    with pytest.raises(HistoryError) as info:
        store.record(cat, f, year=2026, municipality=MUNI_A)
    assert info.value.code == "staff-errors"
    assert "row 3" in str(info.value)
    assert dump(store) == []


def test_pseudonymised_ids_and_the_key_is_never_stored(open_store: Any, cat: skillframe.Catalog) -> None:
    store = open_store()
    key = "town-secret-9f8e7d"
    store.record(cat, [person("S-0001", 2)], year=2025, municipality=MUNI_A, key=key)
    store.record(cat, [person("S-0001", 3)], year=2026, municipality=MUNI_A, key=key)
    text = "\n".join(map(str, dump(store)))
    assert "S-0001" not in text and key not in text
    pid = pseudonymise("S-0001", key)
    assert [a.staff_key for a in store.assessments(2026)] == [pid]
    assert store.assessments(2026)[0].record.id == pid
    assert [m.staff_key for m in store.history(cat).moves(2025, 2026)] == [pid]
    with pytest.raises(HistoryError) as info:
        store.record(cat, [person("S-0001", 3)], year=2026, municipality=MUNI_A, key="another key")
    assert info.value.code == "pseudonym-key"
    with pytest.raises(HistoryError) as info:
        store.record(cat, [person("S-0001", 3)], year=2026, municipality=MUNI_A)
    assert info.value.code == "pseudonym-key"


def test_every_row_carries_its_municipality(open_store: Any, cat: skillframe.Catalog) -> None:
    store = open_store()
    store.record(cat, [person("A1", 1)], year=2026, municipality=MUNI_A)
    store.record(cat, [person("A1", 3)], year=2026, municipality=MUNI_B)
    assert store.municipalities() == [MUNI_B, MUNI_A]
    assert [a.rank for a in store.assessments(2026, municipality=MUNI_A)] == [1]
    assert [a.rank for a in store.assessments(2026, municipality=MUNI_B)] == [3]
    with pytest.raises(HistoryError) as info:
        store.years()
    assert info.value.code == "municipality-required"
    with pytest.raises(HistoryError) as info:
        store.record(cat, [person("A1", 1)], year=2026, municipality="131017")
    assert info.value.code == "municipality-code"


def test_remove(open_store: Any, cat: skillframe.Catalog) -> None:
    store = open_store()
    store.record(cat, [person("A1", 1), person("A2", 2)], year=2026, municipality=MUNI_A)
    assert store.remove(2026, ids=["A2"]) == 1
    assert [a.staff_key for a in store.assessments(2026)] == ["A1"]
    assert store.remove(2026) == 1
    assert store.runs(MUNI_A) == []


def test_migrations_create_the_schema_once_and_reopen(open_store: Any, cat: skillframe.Catalog) -> None:
    store = open_store()
    assert store.revision() == "0001"
    store.record(cat, [person("A1", 1)], year=2026, municipality=MUNI_A)
    store.engine.dispose()
    again = open_store()  # a second open runs the migrations again: nothing to do
    assert again.revision() == "0001"
    assert [a.staff_key for a in again.assessments(2026)] == ["A1"]


def test_bad_database_url_is_a_history_error(tmp_path: Path) -> None:
    with pytest.raises(HistoryError) as info:
        skillframe.open_history(f"sqlite:///{tmp_path}/no/such/dir/h.db")
    assert info.value.code == "database"
    with pytest.raises(HistoryError) as info:
        skillframe.open_history("not a url")
    assert info.value.code == "database"


def test_without_the_history_extra_a_named_error_not_a_traceback() -> None:
    import subprocess
    import sys

    code = (
        "import sys; sys.modules['sqlalchemy'] = None\n"
        "from skillframe.cli import main\n"
        "raise SystemExit(main(['history', '--db', 'sqlite://']))\n"
    )
    r = subprocess.run([sys.executable, "-c", code], check=False, capture_output=True, text=True, timeout=120)
    assert r.returncode == 1
    assert "pip install sqlalchemy alembic" in r.stderr and "Traceback" not in r.stderr
