"""A row with more cells than the header is a row error (``more-cells-than-header``) that
says what its cells under the header say — id, department, the file's other columns — as
every other row error does, so the row can be found (CSV through the usual row's reader
and the general one, XLSX); its id is taken, as an error row's is."""

from __future__ import annotations

from pathlib import Path

import pytest

import skillframe

HEADER = "職員番号,人材像,所属,氏名,dx_lead_years"
ROWS = [
    "A1,DX推進員,総務課,山田,1",
    "A2,DX推進員,税務課,佐藤,太郎,1",  # a comma in the name: shifted, and one cell too many
    "A3,DX推進員,市民課,鈴木,たくさん",  # a bad value: the row error every other row has
    "A4,DX推進員,市民課,田中,2,,メモ",  # readable under the header, a cell beyond it
    "A2,DX推進員,総務課,高橋,1",  # the id of the wide row again
    ",DX推進員,,,1,x",  # no id, nothing readable
]
WANT = [
    (3, None, "more-cells-than-header", "A2", "税務課", (("氏名", "佐藤"),)),
    (4, "dx_lead_years", "not-a-number", "A3", "市民課", (("氏名", "鈴木"),)),
    (5, None, "more-cells-than-header", "A4", "市民課", (("氏名", "田中"),)),
    (6, "id", "duplicate-id", "A2", "総務課", (("氏名", "高橋"),)),
    (7, None, "more-cells-than-header", None, None, ()),
]


def _said(table: skillframe.StaffTable) -> list[tuple[object, ...]]:
    return [(e.row, e.column, e.code, e.id, e.department, e.extra) for e in table.errors]


@pytest.mark.parametrize("catalog", [True, False], ids=["catalog", "no-catalog"])
def test_a_wide_row_says_what_its_cells_say(tmp_path: Path, cat: skillframe.Catalog, catalog: bool) -> None:
    path = tmp_path / "staff.csv"
    path.write_text("\n".join([HEADER, *ROWS]) + "\n", encoding="utf-8")
    table = skillframe.read_staff(path, catalog=cat if catalog else None)
    assert [r.id for r in table.records] == ["A1"]
    assert _said(table) == WANT
    assert "(row 3)" in table.errors[3].message  # the duplicate names the wide row
    assert str(table.errors[0]).endswith(
        "row 3: 列が見出しより多いです / more cells than header columns [more-cells-than-header]"
    )
    assert table.rows == len(ROWS) == len(table.records) + len(table.error_rows)


def test_a_wide_row_of_a_workbook_says_what_its_cells_say(tmp_path: Path, cat: skillframe.Catalog) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    ws = wb.active
    for line in [HEADER, *ROWS]:
        ws.append([c or None for c in line.split(",")])
    wb.save(tmp_path / "staff.xlsx")
    table = skillframe.read_staff(tmp_path / "staff.xlsx", catalog=cat)
    assert [r.id for r in table.records] == ["A1"]
    assert _said(table) == WANT
