"""What a returned sheet holds, read as Excel shows it: ids, 課 and names exactly as written
(formula-like text included, never with an added '), a formula without a saved value an
error, a date typed into a number cell shown as on screen, merged answer cells and changed
question rows an error saying what happened, a damaged index an error of that sheet only."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

import skillframe
from skillframe import StaffRecord, forms
from skillframe.cli import main
from skillframe.staff.values import id_key

openpyxl = pytest.importorskip("openpyxl")

#: Text a spreadsheet would take for a formula, a quote, full-width digits, spaces.
ODD = ("-5", "=1+1", "+課", "@x", "'quoted", "０１２", " spaced ")


def _rows(ws: Any) -> dict[str, int]:
    return {str(ws[f"B{r}"].value): r for r in range(14, ws.max_row + 1) if ws[f"B{r}"].value}


def _roster_xlsx(path: Path) -> Path:
    """A roster typed in Excel: every cell text (formula-like text with Excel's quote prefix)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    for r, row in enumerate([("職員番号", "氏名", "所属", "人材像")] + [(v, v, v, "DX推進員") for v in ODD], start=1):
        for c, v in enumerate(row, start=1):
            cell = ws.cell(r, c)
            cell.value, cell.data_type = v, "s"
            cell.quotePrefix = r > 1
    wb.save(path)
    return path


def test_ids_departments_and_names_go_round_exactly_as_written(tmp_path: Path, cat: skillframe.Catalog) -> None:
    """Roster → form → collect → staff table (.xlsx) → record → history: every id, 課 and name
    as the roster reader read it; no leaver or arrival made by a changed id."""
    pytest.importorskip("sqlalchemy")
    roster = forms.read_roster(_roster_xlsx(tmp_path / "名簿.xlsx"), cat)
    assert [r.id for r in roster.records] == ["-5", "=1+1", "+課", "@x", "'quoted", "０１２", "spaced"]
    form = tmp_path / "票.xlsx"
    form.write_bytes(forms.form_bytes(cat, roster=roster))
    wb = openpyxl.load_workbook(form)
    for ws, rec in zip(wb.worksheets, roster.records, strict=False):
        for ref in ("C3", "C4", "C6"):  # a string cell holding the text itself, quote-prefixed when formula-like
            assert (ws[ref].value, ws[ref].data_type) == (rec.id, "s")
            assert ws[ref].quotePrefix == (rec.id in ("-5", "=1+1", "+課", "@x"))
    result = skillframe.collect(form, cat)
    assert result.errors == ()
    assert [(r["id"], r["department"], r["氏名"]) for r in result.rows] == [(r.id, r.id, r.id) for r in roster.records]
    table = tmp_path / "職員データ.xlsx"
    assert main(["collect", str(form), "-o", str(table)]) == 0
    back = skillframe.read_staff(table, catalog=cat)
    assert [(r.id, r.department) for r in back.records] == [(r.id, r.department) for r in roster.records]
    db = tmp_path / "h.db"
    for year in (2025, 2026):
        assert main(["record", str(table), "--year", str(year), "-m", "131016", "--db", f"sqlite:///{db}"]) == 0
    store = skillframe.open_history(f"sqlite:///{db}")
    stored = store.assessments(2026)  # keyed by the id as matched (the history's key: ０１２ = 012)
    want = sorted((id_key(r.id), r.department) for r in roster.records)
    assert sorted((a.staff_key, a.department) for a in stored) == want
    assert sorted((a.staff_key, a.record.department) for a in stored) == want
    history = store.history(cat)
    assert (history.arrivals(2025, 2026), history.leavers(2025, 2026)) == ([], [])


def test_a_form_made_before_writes_its_quote_and_is_read_without_it(tmp_path: Path, cat: skillframe.Catalog) -> None:
    """Older forms wrote ``'-5`` into the id cell: collect reads the id the index names."""
    form = tmp_path / "票.xlsx"
    form.write_bytes(forms.form_bytes(cat, roster=[StaffRecord(id="-5", persona="DX推進員", department="-")]))
    wb = openpyxl.load_workbook(form)
    ws = wb.worksheets[0]
    ws["C3"], ws["C4"] = "'-5", "'-"
    wb.save(form)
    [row] = skillframe.collect(form, cat).rows
    assert (row["id"], row["department"]) == ("-5", "-")


@pytest.fixture
def form(tmp_path: Path, cat: skillframe.Catalog) -> Path:
    path = tmp_path / "票.xlsx"
    people = [StaffRecord(id=i, persona="DX推進員", department="総務課") for i in ("S001", "S002")]
    path.write_bytes(forms.form_bytes(cat, roster=people))
    return path


def _edit(path: Path, sheet: str = "S001", **cells: Any) -> dict[str, int]:
    """Write ``cells`` (``F_label`` → the answer cell of that question, else a cell name) and save."""
    wb = openpyxl.load_workbook(path)
    ws = wb[sheet]
    rows = _rows(ws)
    for ref, value in cells.items():
        ws[ref] = value
    wb.save(path)
    return rows


def test_a_formula_without_a_saved_value_is_an_error(form: Path, cat: skillframe.Catalog) -> None:
    wb = openpyxl.load_workbook(form)
    ws = wb["S001"]
    rows = _rows(ws)
    count, bpr = rows["exp/dx_lead_count"], rows["trained/tokyo-wg-2025:bpr"]
    ws[f"F{count}"], ws[f"F{bpr}"] = "=1+1", '="受講済"'  # saved by a program: no value
    wb["S002"]["C4"] = "=A1"
    wb.save(form)
    result = skillframe.collect(form, cat)
    assert sorted((e.where, e.code) for e in result.errors) == [
        (f"S001!F{bpr}", "formula-without-value"),
        (f"S001!F{count}", "formula-without-value"),
        ("S002!C4", "formula-without-value"),
    ]
    assert result.people_with_errors == ("S001", "S002") and result.rows == ()
    e = next(e for e in result.errors if e.where == f"S001!F{count}")
    assert e.en == "formula =1+1 has no saved value: open and save the file in Excel"
    assert e.ja == "数式 =1+1 に保存された値がありません。Excel で開いて保存し直してください"


def test_cli_a_formula_without_value_names_file_and_cell(
    form: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = _edit(form)
    _edit(form, **{f"F{rows['exp/dx_lead_count']}": "=1+1"})
    assert main(["collect", str(form), "-o", str(tmp_path / "out.csv")]) == 1
    err = capsys.readouterr().err
    assert f"skillframe: 票.xlsx: S001!F{rows['exp/dx_lead_count']}: 数式 =1+1 に保存された値がありません" in err
    assert "[formula-without-value]" in err
    assert "2 人: 1 人を出力（うち未回答 1 人: S002）、1 人にエラー（出力していません: S001）" in err


def test_a_date_in_a_number_cell_is_shown_as_excel_shows_it(form: Path, cat: skillframe.Catalog) -> None:
    wb = openpyxl.load_workbook(form)
    ws = wb["S001"]
    r = _rows(ws)["exp/dx_lead_years"]
    ws[f"F{r}"] = dt.datetime(2026, 1, 2)  # "1/2" typed: Excel makes it a date
    ws[f"F{r}"].number_format = "m/d"
    wb.save(form)
    [e] = skillframe.collect(form, cat).errors
    assert (e.where, e.code, e.en) == (f"S001!F{r}", "not-a-number", "not a number: '1/2'")


def test_merged_answer_cells_are_an_error_naming_the_range(form: Path, cat: skillframe.Catalog) -> None:
    wb = openpyxl.load_workbook(form)
    ws = wb["S001"]
    ws.protection.sheet = False
    ws["F14"], ws["F15"] = "受講済", "受講済"
    ws.merge_cells("F14:F15")
    wb.save(form)
    result = skillframe.collect(form, cat)
    [e] = result.errors
    assert (e.where, e.code, e.person) == ("S001!F14:F15", "merged-cells", "S001")
    assert e.en.startswith("the answer cells F14:F15 are merged (the answers they cover are lost)")
    assert [r["id"] for r in result.rows] == ["S002"]


@pytest.mark.parametrize(
    ("edit", "said"),
    [
        ("insert", "rows were inserted and questions moved out of the answer area: exp/mentoring → B34"),
        ("delete", "questions not found (rows deleted?): trained/tokyo-wg-2025:dx-necessity"),
        ("merge", "question id cells are merged: B14:B15"),
    ],
)
def test_changed_question_rows_are_one_error_per_sheet_saying_what_happened(
    form: Path, cat: skillframe.Catalog, edit: str, said: str
) -> None:
    wb = openpyxl.load_workbook(form)
    ws = wb["S001"]
    ws.protection.sheet = False
    for r in range(14, 34):
        ws[f"F{r}"] = "受講済" if str(ws[f"B{r}"].value).startswith("trained/") else None
    if edit == "insert":
        ws.insert_rows(20)
    elif edit == "delete":
        ws.delete_rows(14)
    else:
        ws.merge_cells("B14:B15")
    wb.save(form)
    result = skillframe.collect(form, cat)
    [e] = result.errors  # one message for the sheet, not one per row
    assert (e.file, e.where, e.code, e.person) == ("票.xlsx", "S001!B14:B33", "rows-changed", "S001")
    assert e.en.startswith("the question rows of sheet 'S001' are not as the form made them (")
    assert said in e.en
    assert "undo the inserted or deleted rows and merged cells, or copy the answers into a new form" in e.en
    assert e.ja.startswith("シート 'S001' の設問の行が票を作ったときと変わっています（")
    assert [r["id"] for r in result.rows] == ["S002"]


def test_sorted_question_rows_with_their_answers_are_read(form: Path, cat: skillframe.Catalog) -> None:
    wb = openpyxl.load_workbook(form)
    ws = wb["S001"]
    values = [[ws.cell(r, c).value for c in range(1, 7)] for r in range(14, 34)]
    next(v for v in values if v[1] == "exp/dx_lead_years")[5] = 3
    for i, row in enumerate(reversed(values)):  # sorted with the answers beside their questions
        for c, v in enumerate(row, start=1):
            ws.cell(14 + i, c).value = v
    wb.save(form)
    result = skillframe.collect(form, cat)
    assert result.errors == () and result.rows[0]["dx_lead_years"] == 3


def test_a_damaged_index_is_an_error_of_that_sheet_only(
    form: Path, tmp_path: Path, cat: skillframe.Catalog, capsys: pytest.CaptureFixture[str]
) -> None:
    wb = openpyxl.load_workbook(form)
    wb["_skillframe"]["E7"] = None  # S001's last question row cleared
    wb["_skillframe"]["B8"] = "tokyo-wg-2025:nonexistent"  # S002's persona
    wb.save(form)
    result = skillframe.collect(form, cat)
    assert [(e.where, e.code, e.person) for e in result.errors] == [
        ("_skillframe!A7:E7", "form-index-damaged", "S001"),
        ("_skillframe!A8:E8", "form-index-damaged", "S002"),
    ]
    assert "(unknown persona 'tokyo-wg-2025:nonexistent')" in result.errors[1].en
    assert result.errors[0].en.startswith("the form's hidden index (_skillframe row 7) is damaged, so sheet 'S001'")
    assert (result.people, result.people_with_errors) == (2, ("S001", "S002"))
    other = tmp_path / "other.xlsx"  # another file is still collected
    other.write_bytes(forms.form_bytes(cat, roster=[StaffRecord(id="T1", persona="DX推進員")]))
    assert main(["collect", str(form), str(other), "-o", str(tmp_path / "out.csv")]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and "[form-index-damaged]" in err
    assert (
        "3 人: 1 人を出力（うち未回答 1 人: T1）、2 人にエラー（出力していません: S001, S002） / "
        "3 people: 1 written (1 not answered: T1), 2 with errors (not written: S001, S002)"
    ) in err


def test_an_id_cell_changed_to_another_id_is_an_error(form: Path, cat: skillframe.Catalog) -> None:
    """S002's sheet given S001's id: not two S001s and no S002 lost, but an error of S002's sheet."""
    wb = openpyxl.load_workbook(form)
    wb["S002"]["C3"] = "S001"
    wb.save(form)
    result = skillframe.collect(form, cat)
    [e] = result.errors
    assert (e.where, e.code, e.person) == ("S002!C3", "id-changed", "S002")
    assert (
        e.en
        == "the staff id was changed from 'S002' (as the form was made) to 'S001': sheet 'S002' is the form of 'S002'"
    )
    assert (result.people, [r["id"] for r in result.rows], result.people_with_errors) == (2, ["S001"], ("S002",))
