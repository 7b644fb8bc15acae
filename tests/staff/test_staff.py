"""Staff files: encodings, formats, and bad rows (every row is a record or an error row)."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

import skillframe
from skillframe.cli import main

ROOT = Path(__file__).resolve().parents[2]
HEADER = (
    "id,persona,department,trainings,dx_lead_years,dx_lead_count,mentoring,"
    "dsm:サイバーセキュリティ,tool:Excel,check:Excel"
)
GOOD = "S1,DX推進員,総務課,業務分析/BPR;データ理解/活用,１.5,２,はい,Lv.２,,excel-1-1;SUM"


def write(tmp_path: Path, text: str, encoding: str = "utf-8", name: str = "staff.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp932", "shift_jis"])
def test_encodings_are_detected(tmp_path: Path, cat: skillframe.Catalog, encoding: str) -> None:
    table = skillframe.read_staff(write(tmp_path, f"{HEADER}\n{GOOD}\n", encoding), catalog=cat)
    assert table.errors == ()
    (r,) = table.records
    assert r.persona == "tokyo-wg-2025:dx-promoter"
    assert r.trainings == ("tokyo-wg-2025:bpr", "tokyo-wg-2025:data-literacy")
    assert (r.dx_lead_years, r.dx_lead_count, r.mentoring) == (1.5, 2, True)
    assert r.dsm == {"tokyo-wg-2025:cybersecurity": 2}
    assert r.tool_checks == {"tokyo-dsm:excel": ("excel-1-1", "excel-2-1:SUM")}


def test_bad_rows_are_reported_and_nothing_is_dropped(tmp_path: Path, cat: skillframe.Catalog) -> None:
    rows = [
        GOOD,
        GOOD,  # duplicate id
        "S3,DX推進員,税務課,業務分析/BRP,1,1,いいえ,,,",  # unknown skill
        "S4,DX推進員,税務課,,たくさん,1,いいえ,,,",  # bad number
        "S5,DX推進員,税務課,,1,1,たぶん,Lv.9,,",  # bad yes/no and bad level
        "S6,一般行政職員,市民課,,,,,,2,",
        ",一般行政職員,市民課,,,,,,,",  # missing id
    ]
    table = skillframe.read_staff(write(tmp_path, HEADER + "\n" + "\n".join(rows) + "\n"), catalog=cat)
    assert [r.id for r in table.records] == ["S1", "S6"]
    errs = [(e.row, e.column) for e in table.errors]
    assert errs == [
        (3, "id"),
        (4, "trainings"),
        (5, "dx_lead_years"),
        (6, "mentoring"),
        (6, "dsm:サイバーセキュリティ"),
        (8, "id"),
    ]
    assert "did you mean" in table.errors[1].message and "業務分析/BPR" in table.errors[1].message
    assert table.rows == len(rows) == len(table.records) + len(table.error_rows)
    # a table iterates over its records (the rows with errors are in .errors)
    assert [r.id for r in table] == ["S1", "S6"]
    assert skillframe.evaluate_ranks(cat, "DX推進員", table) == skillframe.evaluate_ranks(cat, "DX推進員", list(table))


def test_wrong_encoding_is_a_row_error(tmp_path: Path, cat: skillframe.Catalog) -> None:
    text = "id,persona,department,dx_lead_years\nS1,tokyo-wg-2025:dx-promoter,IT,1\nS2,DX推進員,総務課,2\n"
    table = skillframe.read_staff(write(tmp_path, text, "cp932"), encoding="utf-8", catalog=cat)
    assert [r.id for r in table.records] == ["S1"]
    assert {e.row for e in table.errors} == {3}
    assert "encoding" in table.errors[0].message
    assert table.rows == 2
    with pytest.raises(skillframe.StaffDataError, match="encoding"):
        skillframe.read_staff(write(tmp_path, f"{HEADER}\n{GOOD}\n", "cp932"), encoding="utf-8")


def test_file_level_errors(tmp_path: Path) -> None:
    with pytest.raises(skillframe.StaffDataError, match="empty file"):
        skillframe.read_staff(write(tmp_path, ""))
    with pytest.raises(skillframe.StaffDataError, match="missing required column 'id'"):
        skillframe.read_staff(write(tmp_path, "name,persona\nA,DX推進員\n"))
    with pytest.raises(skillframe.StaffDataError, match="empty file"):
        skillframe.read_staff(write(tmp_path, "\n\n"))


def test_json_and_xlsx(tmp_path: Path, cat: skillframe.Catalog) -> None:
    data = [
        {"id": "J1", "persona": "DX推進員", "trainings": ["bpr"], "dsm": {"bpr": "Lv.1"}, "tools": {"Excel": 2}},
        {"id": "J1"},
        "oops",
    ]
    path = tmp_path / "staff.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    table = skillframe.read_staff(path, catalog=cat)
    assert [r.id for r in table.records] == ["J1"] and table.records[0].tools == {"tokyo-dsm:excel": 2}
    assert [e.row for e in table.errors] == [2, 3]
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["id", "persona", "dx_lead_years"])
    ws.append(["X1", "DX推進員", 2])
    ws.append(["X2", "DX推進員", "abc"])
    wb.save(tmp_path / "staff.xlsx")
    table = skillframe.read_staff(tmp_path / "staff.xlsx", catalog=cat)
    assert [r.id for r in table.records] == ["X1"] and [(e.row, e.column) for e in table.errors] == [
        (3, "dx_lead_years")
    ]


def test_cli_errors_file_and_exit_code(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, f"{HEADER}\n{GOOD}\nS2,DX推進員,総務課,,x,,,,,\n", "cp932")
    errors = tmp_path / "errors.csv"
    code = main(["evaluate", str(path), "--errors", str(errors), "-f", "csv", "--explain"])
    out = capsys.readouterr().out
    assert code == 1
    head, *table = list(csv.reader(io.StringIO(out)))
    result = [dict(zip(head, r, strict=True)) for r in table]
    assert [(r["職員番号"], r["人材像"], r["所属"]) for r in result][:1] == [("S1", "DX推進員", "総務課")]
    with errors.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    assert [r[:2] for r in rows[1:]] == [["3", "dx_lead_years"]]
    assert "not-a-number" in rows[1] and any("数値ではありません: 'x'" in c for c in rows[1])


def test_shipped_example_evaluates_cleanly(tmp_path: Path) -> None:
    staff = ROOT / "examples" / "staff.csv"
    raw = staff.read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")  # CP932, as municipal spreadsheets are
    table = skillframe.read_staff(staff, catalog=skillframe.load())
    assert table.errors == () and len(table.records) >= 40
    assert main(["evaluate", str(staff), "--explain", "-o", str(tmp_path / "staff-out.txt")]) == 0


def test_example_is_reproducible(tmp_path: Path) -> None:
    again = tmp_path / "staff.csv"
    subprocess.run(
        [sys.executable, str(ROOT / "examples" / "make_staff.py"), str(again)], check=True, capture_output=True
    )
    assert again.read_bytes() == (ROOT / "examples" / "staff.csv").read_bytes()


def test_iter_staff_streams(tmp_path: Path) -> None:
    path = write(tmp_path, "id,dx_lead_years\n" + "".join(f"{i},{i % 3}\n" for i in range(1000)))
    items = skillframe.iter_staff(path)
    first = next(items)
    assert isinstance(first, skillframe.StaffRecord) and first.id == "0"
    assert sum(1 for _ in items) == 999


def test_a_folder_given_as_the_staff_file_is_said_to_be_a_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A folder is not 'no such file' (it exists): the message says what it is, in every command."""
    folder = tmp_path / "職員"
    folder.mkdir()
    with pytest.raises(skillframe.StaffDataError) as info:
        skillframe.read_staff(folder)
    assert info.value.code == "is-a-folder"
    assert str(info.value) == f"{folder}: フォルダーです: 職員ファイルを指定してください / a folder, not a staff file"
    said = f"skillframe: {folder}: フォルダーです: 職員ファイルを指定してください / a folder, not a staff file\n"
    assert main(["evaluate", str(folder)]) == 1
    assert capsys.readouterr().err == said
    staff = tmp_path / "staff.csv"
    staff.write_text("id,persona\nA,DX推進員\n", encoding="utf-8")
    assert main(["report", str(staff), "--roster", str(folder), "-o", str(tmp_path / "r.md")]) == 1
    assert capsys.readouterr().err == said
    assert main(["record", str(folder), "-m", "131016", "--db", f"sqlite:///{tmp_path / 'h.db'}"]) == 1
    assert capsys.readouterr().err == said
    assert main(["migrate", str(folder), "--editions", str(tmp_path / "map.yaml")]) == 2  # checked first
    assert capsys.readouterr().err == (
        f"skillframe: フォルダーです（ファイルを指定してください）: {folder} / a folder, not a file: {folder}\n"
    )
