"""The staff-file corpus (tests/data/staff/make_files.py): one file per kind of fault of
issue 10, each read through read_staff, evaluate_many and the CLI, asserting rows, kept
text, values and error codes exactly."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import make_files
import pytest

import skillframe
from skillframe.cli import main

ROOT = Path(__file__).resolve().parents[2]
CASES: dict[str, tuple[Any, dict[str, Any]]] = make_files.CASES
P = "DX推進員"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    pytest.importorskip("openpyxl")
    paths: dict[str, Path] = make_files.make(tmp_path_factory.mktemp("staff-corpus"))
    return paths


def _read(path: Path, expected: dict[str, Any], cat: skillframe.Catalog, **kw: Any) -> skillframe.StaffTable:
    return skillframe.read_staff(
        path, catalog=cat, encoding=expected.get("encoding"), sheet=expected.get("sheet"), **kw
    )


@pytest.mark.parametrize("name", sorted(CASES))
def test_read_staff(name: str, corpus: dict[str, Path], cat: skillframe.Catalog) -> None:
    expected = CASES[name][1]
    path = corpus[name]
    if "file_error" in expected:
        with pytest.raises(skillframe.StaffDataError) as info:
            _read(path, expected, cat)
        assert info.value.code == expected["file_error"]
        assert str(path) in str(info.value) and " / " in str(info.value) and "\n" not in str(info.value)
        return
    table = _read(path, expected, cat)
    got = [(e.row, e.column, e.code) for e in table.errors]
    assert got == expected.get("errors", [])
    assert all(e.file == str(path) and " / " in e.message for e in table.errors)
    assert [(w.column, w.code) for w in table.warnings] == expected.get("warnings", [])
    if "warning_rows" in expected:
        assert [w.rows for w in table.warnings] == expected["warning_rows"]
    for column, text in expected.get("messages_warn", {}).items():
        assert any(w.column == column and text in w.message for w in table.warnings)
    assert table.blank_rows == expected.get("blank_rows", ())
    records = expected["records"]
    assert [r.id for r in table.records] == [r["id"] for r in records]
    for record, want in zip(table.records, records, strict=True):
        assert {k: getattr(record, k) for k in want} == want
    for row, text in expected.get("messages", {}).items():
        assert any(e.row == row and text in e.message for e in table.errors)
    assert table.rows == len(table.records) + len(table.error_rows)
    # every row from the header to the last data row: a record, an error row or a blank row
    data = sorted([*(r.row for r in table.records), *table.error_rows, *table.blank_rows])
    assert data == list(range(data[0], data[-1] + 1)) if data else True
    assert len(data) == len(set(data))
    if "ladder_errors" in expected:
        strict = _read(path, expected, cat, require_ladder=True)
        assert [(e.row, e.column, e.code) for e in strict.errors] == expected["ladder_errors"]


@pytest.mark.parametrize("name", sorted(n for n, (_, e) in CASES.items() if "file_error" not in e))
def test_evaluate_many(name: str, corpus: dict[str, Path], cat: skillframe.Catalog) -> None:
    expected = CASES[name][1]
    table = _read(corpus[name], expected, cat)
    persona = None if expected.get("persona_column") else P
    evaluations = list(skillframe.evaluate_many(cat, persona, table.records))
    assert [ev.record_id for ev in evaluations] == [r["id"] for r in expected["records"]]
    assert all(0 <= ev.rank <= 3 for ev in evaluations)


def _cli(path: Path, expected: dict[str, Any], tmp_path: Path) -> tuple[int, Path, Path]:
    out, errors = tmp_path / "out.csv", tmp_path / "errors.csv"
    args = ["evaluate", str(path), "--format", "csv", "-o", str(out), "--errors", str(errors)]
    if not expected.get("persona_column"):
        args += ["--persona", P]
    if expected.get("encoding"):
        args += ["--encoding", expected["encoding"]]
    if expected.get("sheet"):
        args += ["--sheet", expected["sheet"]]
    return main(args), out, errors


@pytest.mark.parametrize("name", sorted(CASES))
def test_cli(name: str, corpus: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    expected = CASES[name][1]
    code, out, errors = _cli(corpus[name], expected, tmp_path)
    err = capsys.readouterr().err
    assert "Traceback" not in err
    if "file_error" in expected:
        assert code not in (0, None)
        assert str(corpus[name]) in err
        return
    # a persona without a ladder is not evaluated (評価対象外, a warning), not a row error (ladder_errors: the API)
    want_errors = expected.get("errors", [])
    assert code == (1 if want_errors else 0)
    with out.open(encoding="utf-8-sig", newline="") as fh:
        head, *table = list(csv.reader(fh))
    # the result holds every input row; rows with an error say so in the last column
    rows = [dict(zip(head, r, strict=True)) for r in table]
    evaluated = [r for r in rows if not r[head[-1]]]
    records = expected["records"]
    assert [r["職員番号"] for r in evaluated] == [r["id"] for r in records]
    aside = [r["職員番号"] for r in evaluated if r["到達段階"] == "評価対象外（段階なし）"]
    assert aside == [r["id"] for r in records if r.get("persona", "").split(":")[0] == "mic-guidebook-2024"]
    assert ("[not-evaluated-no-ladder]" in err) == bool(aside)
    for row, want in zip(evaluated, records, strict=True):
        if "department" in want:
            assert row["所属"] == (want["department"] or "")
    if want_errors:
        with errors.open(encoding="utf-8-sig", newline="") as fh:
            listed = [(int(r[0]), r[1] or None) for r in list(csv.reader(fh))[1:]]
        assert listed == [(row, col) for row, col, _ in want_errors]
    for column, code in expected.get("warnings", []):
        assert code in err
        if code == "column-near-miss":
            assert column in err and "did you mean" in err


def test_make_files_is_deterministic(tmp_path: Path) -> None:
    pytest.importorskip("openpyxl")
    a = make_files.make(tmp_path / "a")
    b = make_files.make(tmp_path / "b")
    texts = [n for n in a if not n.endswith((".xlsx", ".xls"))]
    assert texts and all(a[n].read_bytes() == b[n].read_bytes() for n in texts)
