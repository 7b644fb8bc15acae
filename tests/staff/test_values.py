"""Value parsers, encodings and row numbers: the right value, or a named error, exactly."""

from __future__ import annotations

import csv
import math
from pathlib import Path

import pytest

import skillframe
from skillframe._keys import KeyResolver
from skillframe.cli import main
from skillframe.errors import StaffValueError, UnknownKeyError
from skillframe.staff import match_key, parse_bool, parse_keys, parse_level, parse_number, parse_text
from skillframe.staff.files import resolve_encoding
from skillframe.staff.record import department_key
from skillframe.staff.xlsx import shown


@pytest.mark.parametrize(
    ("raw", "value"),
    [("１.5", 1.5), ("Lv.２", 2), ("2年", 2), ("1,000", 1000), ("NaN", None), (math.nan, None), ("", None), (3, 3)],
)
def test_numbers(raw: object, value: object) -> None:
    assert parse_number(raw) == value


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("0,5", "ambiguous-decimal-comma"),
        ("1,5", "ambiguous-decimal-comma"),
        ("１，５", "ambiguous-decimal-comma"),
        ("inf", "not-finite"),
        ("Infinity", "not-finite"),
        ("1e999", "not-finite"),
        (math.inf, "not-finite"),
        pytest.param("9" * 5000, "number-too-long", id="5000-digits"),
        pytest.param(10**5000, "number-too-long", id="huge-int"),
        ("-1", "negative-number"),
        (True, "not-a-number"),
        ("abc", "not-a-number"),
    ],
)
def test_bad_numbers(raw: object, code: str) -> None:
    with pytest.raises(StaffValueError) as info:
        parse_number(raw)
    assert info.value.code == code


def test_levels_booleans_keys_text() -> None:
    assert [parse_level(v) for v in ("Lv.3", "レベル１", 0, "")] == [3, 1, 0, None]
    with pytest.raises(StaffValueError, match="0 to 3"):
        parse_level("2.5")
    assert [parse_bool(v) for v in ("有り", "無し", "済み", "未済", "✓", "レ", "✔", "ﾚ", "YES", 1, math.nan)] == [
        True,
        False,
        True,
        False,
        True,
        True,
        True,
        True,
        True,
        True,
        None,
    ]
    assert parse_keys("BPR研修；DXマインドセット研修、業務分析/BPR\n情報セキュリティ研修") == (
        "BPR研修",
        "DXマインドセット研修",
        "業務分析/BPR",
        "情報セキュリティ研修",
    )
    assert parse_keys("なし") == () and parse_keys(math.nan) is None
    assert parse_text("  髙橋第①係 ") == "髙橋第①係"  # never NFKC'd for display
    assert parse_text("市民課～窓口") == "市民課～窓口"


def test_department_key_groups_wave_dashes_but_text_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "s.csv"
    path.write_text("id,department\nA,市民課〜窓口\nB,市民課～窓口\nC,ＤＸ推進課\n", encoding="utf-8")
    records = skillframe.read_staff(path).records
    assert [r.department for r in records] == ["市民課〜窓口", "市民課～窓口", "ＤＸ推進課"]
    assert department_key(records[0].department) == department_key(records[1].department)
    assert match_key("ＤＸ推進課") == "dx推進課"


@pytest.mark.parametrize("name", ["shift_jis", "Shift-JIS", "sjis", "ms932", "windows-31j", "cp932", "SJIS"])
def test_shift_jis_names_mean_cp932(tmp_path: Path, name: str) -> None:
    assert resolve_encoding("f", name) == "cp932"
    path = tmp_path / "s.csv"
    path.write_bytes("id,department\nT1,髙橋第①係～－\n".encode("cp932"))
    (record,) = skillframe.read_staff(path, encoding=name).records
    assert record.department == "髙橋第①係～－"


def test_excel_display() -> None:
    import datetime as dt

    assert shown(123, "000000") == "000123"
    assert shown(1234.5, "#,##0.00") == "1,234.50"
    assert shown(0.25, "0%") == "25%"
    assert shown(dt.datetime(2026, 3, 1), 'yyyy"年"m"月"d"日"') == "2026年3月1日"
    assert shown(dt.datetime(2026, 3, 1, 9, 5), "yyyy/mm/dd hh:mm") == "2026/03/01 09:05"
    assert shown(dt.datetime(2026, 3, 1), "mm-dd-yy") == "2026/3/1"  # built-in format 14, as Japanese Excel shows it
    n = shown(7, "General")
    assert n == "7" and n.number == 7  # type: ignore[attr-defined]


def test_trained_accepts_training_names(cat: skillframe.Catalog) -> None:
    res = KeyResolver(cat)
    assert res.trained("BPR研修") == ("tokyo-wg-2025:bpr",)
    assert res.trained("tokyo-wg-2025:infosec-training") == ("tokyo-wg-2025:security-literacy", "tokyo-wg-2025:privacy")
    with pytest.raises(UnknownKeyError) as info:
        res.trained("BPR研習")
    assert "BPR研修" in info.value.suggestions


def test_cli_rows_are_spreadsheet_rows(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Errors after an Alt+Enter cell, and a row with no persona, name the row Excel shows."""
    path = tmp_path / "s.csv"
    path.write_text(
        'id,persona,department,dx_lead_years\nA,DX推進員,"福祉課\n高齢者支援係",1\nB,,総務課,1\nC,DX推進員,税務課,x\n'
    )
    errors = tmp_path / "errors.csv"
    assert main(["evaluate", str(path), "-f", "csv", "--errors", str(errors)]) == 1
    capsys.readouterr()
    with errors.open(encoding="utf-8-sig", newline="") as fh:
        rows = [r[:2] for r in list(csv.reader(fh))[1:]]
    assert sorted(rows) == [["3", "persona"], ["4", "dx_lead_years"]]
