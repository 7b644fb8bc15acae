"""A roster workbook with several sheets that have an id column (one sheet a year) is refused
with advice that can be followed: ``--sheet`` picks the staff file's sheet, never the roster's,
and ``record`` and ``policy`` have no ``--sheet`` at all."""

from __future__ import annotations

from pathlib import Path

import pytest

from skillframe.cli import main

openpyxl = pytest.importorskip("openpyxl")

ROWS = [["職員番号", "所属", "人材像"], ["S1", "総務課", "一般行政職員"], ["S2", "情報課", "DX推進員"]]


def _two_year_roster(path: Path) -> Path:
    wb = openpyxl.Workbook()
    wb.active.title = "R7"
    for row in ROWS[:2]:
        wb.active.append(row)
    ws = wb.create_sheet("R8")
    for row in ROWS:
        ws.append(row)
    wb.save(path)
    return path


@pytest.mark.parametrize(
    "command",
    [
        ["report", "staff.csv", "-o", "out.md"],
        ["policy", "--staff", "staff.csv", "-o", "out.md"],
        ["record", "staff.csv", "-y", "2026", "-m", "131016", "--db", "sqlite:///h.db"],
    ],
)
def test_a_roster_workbook_with_two_id_sheets_is_refused_without_advising_sheet(
    command: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "staff.csv").write_text("id,persona,department\nS1,一般行政職員,総務課\n", encoding="utf-8")
    _two_year_roster(tmp_path / "名簿.xlsx")
    assert main([*command, "--roster", "名簿.xlsx"]) == 1
    err = capsys.readouterr().err
    assert err == (
        "skillframe: 名簿.xlsx: 名簿の id 列のあるシートが複数あります: R7, R8。"
        "名簿のシートだけを別のブック（または CSV）に保存して指定してください"
        " / several sheets of the roster have an 'id' column: R7, R8; save the roster's sheet"
        " as a workbook (or CSV) of its own and give that\n"
    )
    assert not (tmp_path / "out.md").exists()
