"""``record``: a file with a bad row records nothing and says each error once; re-recording a
year says how many earlier rows of that year were kept, and ``replace_year`` removes them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from _history_helpers import MUNI_A, dump, person

import skillframe
from skillframe.cli import main
from skillframe.errors import HistoryError


def _file(tmp_path: Path, rows: str, name: str = "staff.csv") -> Path:
    f = tmp_path / name
    f.write_text("id,persona,department,dx_lead_years\n" + rows, encoding="utf-8")
    return f


def test_api_bad_row_records_nothing_and_says_each_error_once(
    open_store: Any, cat: skillframe.Catalog, tmp_path: Path
) -> None:
    f = _file(tmp_path, "A1,DX推進員,総務課,1\nA2,DX推進員,総務課,いち\n")
    store = open_store()
    with pytest.raises(HistoryError) as info:
        store.record(cat, f, year=2026, municipality=MUNI_A)
    e = info.value
    assert e.code == "staff-errors"
    at = f"{f}: row 3, dx_lead_years"
    assert (
        e.ja
        == f"職員データに 1 件の誤りがあるため何も記録していません: {at}: 数値ではありません: 'いち' [not-a-number]"
    )
    assert e.en == f"nothing recorded: 1 error(s) in the staff data: {at}: not a number: 'いち' [not-a-number]"
    assert str(e).count("'いち'") == 2  # once per language, never the bilingual message twice
    assert dump(store) == []


def test_cli_bad_row_each_error_once_then_one_line(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    f = _file(tmp_path, "A1,DX推進員,総務課,1\nA2,DX推進員,総務課,いち\nA3,DX推進員,総務課,-1\n")
    assert main(["record", str(f), "--year", "2026", "-m", MUNI_A, "--db", db_url]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.splitlines() == [
        f"skillframe: {f}: row 3, dx_lead_years: 数値ではありません: 'いち' / not a number: 'いち' [not-a-number]",
        f"skillframe: {f}: row 4, dx_lead_years: 負の数です: -1 / negative number: -1 [negative-number]",
        "skillframe: 2 件の誤りがあるため何も記録していません（誤りを直して記録し直してください）"
        " / nothing recorded: 2 error(s) (correct them and record again)",
    ]
    if db_url.startswith("sqlite"):  # a refused file creates no database either
        assert not Path(db_url.removeprefix("sqlite:///")).exists()


def test_api_rerecord_counts_kept_rows_and_replace_year_removes_them(open_store: Any, cat: skillframe.Catalog) -> None:
    store = open_store()
    store.record(cat, [person(f"A{i}", 1) for i in range(8)], year=2026, municipality=MUNI_A)
    store.record(cat, [person("B1", 1)], year=2025, municipality=MUNI_A)
    result = store.record(cat, [person(f"A{i}", 2) for i in range(7)], year=2026, municipality=MUNI_A)
    assert (result.stored, result.replaced, result.kept, result.removed) == (7, 7, 1, 0)
    assert len(store.assessments(2026)) == 8
    result = store.record(
        cat, [person(f"A{i}", 2) for i in range(7)], year=2026, municipality=MUNI_A, replace_year=True
    )
    assert (result.stored, result.replaced, result.kept, result.removed) == (7, 7, 0, 1)
    assert sorted(a.staff_key for a in store.assessments(2026)) == [f"A{i}" for i in range(7)]
    assert [a.staff_key for a in store.assessments(2025)] == ["B1"]  # other years untouched


def test_cli_rerecord_says_what_was_kept_and_how_to_remove_it(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = "".join(f"A{i},DX推進員,総務課,1\n" for i in range(8))
    first = _file(tmp_path, rows, "first.csv")
    corrected = _file(tmp_path, "".join(rows.splitlines(keepends=True)[:7]), "corrected.csv")
    assert main(["record", str(first), "--year", "2026", "-m", MUNI_A, "--db", db_url]) == 0
    capsys.readouterr()
    assert main(["record", str(corrected), "--year", "2026", "-m", MUNI_A, "--db", db_url]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert (
        lines[0] == "2026年度（131016）: 7 人を記録（うち置換 7 人） / FY2026 (131016): recorded 7 people (7 replaced)"
    )
    assert lines[1] == (
        "このファイルにいない職員の 2026年度の記録 1 人分はそのまま残しました（2026年度は計 8 人）。"
        "年度をこのファイルだけにするには --replace-year を付けて記録し直してください / "
        "1 earlier row(s) of FY2026 (people not in this file) were kept (FY2026 now holds 8 people); "
        "to make the year hold only this file, record it again with --replace-year"
    )
    args = ["record", str(corrected), "--year", "2026", "-m", MUNI_A, "--db", db_url, "--replace-year"]
    assert main(args) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[1] == (
        "このファイルにいない職員の 2026年度の記録 1 人分を削除しました / "
        "1 earlier row(s) of FY2026 (people not in this file) were removed"
    )
    assert main(["history", "--db", db_url, "--table", "counts", "--format", "csv"]) == 0
    assert capsys.readouterr().out.splitlines()[1:] == ["DX推進員,Step未満,7"]
