"""Form answers are read with the staff reader's value parsers (one semantics): ``１年`` is 1,
``Lv.２`` is 2, ``✓`` is yes; the collected table has numbers as numbers, and the name of
the roster is on each form and in the collected table."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

import skillframe
from skillframe import forms
from skillframe.cli import main
from skillframe.render.collected import staff_csv, staff_xlsx

openpyxl = pytest.importorskip("openpyxl")


def _fill(path: Path, answers: dict[str, object]) -> dict[str, str]:
    """Write ``answers`` (label → cell value) on the first sheet; the cell of each label."""
    wb = openpyxl.load_workbook(path)
    ws = wb.worksheets[0]
    where = {}
    for r in range(14, ws.max_row + 1):
        label = ws[f"B{r}"].value
        if label in answers:
            ws[f"F{r}"] = answers[label]
            where[label] = f"{ws.title}!F{r}"
    wb.save(path)
    return where


def _roster(tmp_path: Path) -> Path:
    roster = tmp_path / "名簿.csv"
    roster.write_text("職員番号,氏名,人材像,所属\n000102,山田 花子,DX推進員,総務課\n", encoding="utf-8-sig")
    return roster


SPELLED = {
    "exp/dx_lead_years": "１年",  # full-width digit + 年, as staff files may write it
    "exp/dx_lead_count": "2.0",
    "exp/mentoring": "✓",
    "trained/tokyo-wg-2025:dx-necessity": "受講済",
}


def test_answers_spelled_as_in_staff_files_are_read_as_the_staff_reader_reads_them(
    tmp_path: Path, cat: skillframe.Catalog
) -> None:
    roster = skillframe.read_staff(_roster(tmp_path), catalog=cat)
    form = tmp_path / "票.xlsx"
    form.write_bytes(forms.form_bytes(cat, roster=roster.records))
    _fill(form, SPELLED)
    result = skillframe.collect(form, cat)
    assert result.errors == ()
    [row] = result.rows
    assert (row["dx_lead_years"], row["dx_lead_count"], row["mentoring"]) == (1, 2, "はい")
    assert type(row["dx_lead_count"]) is int  # 2.0 is the number 2, shown "2"
    assert row["氏名"] == "山田 花子"
    headers, [cells] = staff_rows_of(cat, result)
    assert headers[:2] == ["id", "氏名"]
    assert dict(zip(headers, cells, strict=True))["dx_lead_count"] == "2"
    # the workbook: numbers are number cells, ids text
    book = tmp_path / "out.xlsx"
    book.write_bytes(staff_xlsx(cat, result))
    ws = openpyxl.load_workbook(book).worksheets[0]
    head = [c.value for c in ws[1]]
    values = dict(zip(head, ws[2], strict=True))
    assert (values["dx_lead_years"].value, values["dx_lead_years"].data_type) == (1, "n")
    assert (values["id"].value, values["id"].data_type) == ("000102", "s")
    # read back as a staff file: the same values
    back = skillframe.read_staff(book, catalog=cat)
    assert back.errors == ()
    [rec] = back.records
    assert (rec.dx_lead_years, rec.dx_lead_count, rec.mentoring, rec.extra["氏名"]) == (1, 2, True, "山田 花子")


def staff_rows_of(cat: skillframe.Catalog, result: forms.Collected) -> tuple[list[str], list[list[str]]]:
    from skillframe.render.collected import staff_rows

    return staff_rows(cat, result)


def test_the_name_is_on_the_form(tmp_path: Path, cat: skillframe.Catalog) -> None:
    roster = skillframe.read_staff(_roster(tmp_path), catalog=cat)
    ws = forms.build_form(cat, roster=roster.records).worksheets[0]
    assert (ws["A6"].value, ws["C6"].value, ws["C6"].protection.locked) == ("氏名", "山田 花子", True)
    blank = forms.build_form(cat, persona="DX推進員").worksheets[0]
    assert (blank["C6"].value, blank["C6"].protection.locked) == (None, False)  # a blank form asks for it


@pytest.mark.parametrize(
    ("answer", "code"),
    [("0,5", "ambiguous-decimal-comma"), ("-1", "negative-number"), ("いち", "not-a-number"), ("inf", "not-finite")],
)
def test_bad_numbers_get_the_staff_readers_codes(
    tmp_path: Path, cat: skillframe.Catalog, answer: str, code: str
) -> None:
    form = tmp_path / "票.xlsx"
    form.write_bytes(forms.form_bytes(cat, roster=skillframe.read_staff(_roster(tmp_path), catalog=cat).records))
    where = _fill(form, {"exp/dx_lead_years": answer})
    [err] = skillframe.collect(form, cat).errors
    assert (err.where, err.code, err.person) == (where["exp/dx_lead_years"], code, "000102")
    assert answer in err.en


def test_whole_counts_and_levels(tmp_path: Path, cat: skillframe.Catalog) -> None:
    form = tmp_path / "票.xlsx"
    form.write_bytes(forms.form_bytes(cat, persona="全庁情報システム担当"))
    wb = openpyxl.load_workbook(form)
    wb.worksheets[0]["C3"] = "Z1"
    wb.save(form)
    _fill(form, {"dsm/tokyo-wg-2025:system-audit": "Lv.２", "dsm/tokyo-wg-2025:it-strategy": "Lv.7"})
    result = skillframe.collect(form, cat)
    [err] = result.errors
    assert (err.code, "'Lv.7'" in err.en) == ("value-not-in-list", True)
    form2 = tmp_path / "票2.xlsx"
    form2.write_bytes(forms.form_bytes(cat, persona="全庁情報システム担当"))
    wb = openpyxl.load_workbook(form2)
    wb.worksheets[0]["C3"] = "Z2"
    wb.save(form2)
    _fill(form2, {"dsm/tokyo-wg-2025:system-audit": "Lv.２"})
    [row] = skillframe.collect(form2, cat).rows
    assert row["dsm:tokyo-wg-2025:system-audit"] == 2


def test_online_export_full_width_years(tmp_path: Path, cat: skillframe.Catalog) -> None:
    header = ["職員番号 [id]", "氏名 [name]", "人材像 [persona]", "DX [exp/dx_lead_years]", "count [exp/dx_lead_count]"]
    f = tmp_path / "export.csv"
    with f.open("w", encoding="utf-8-sig", newline="") as out:
        csv.writer(out).writerows([header, ["W1", "佐藤 一郎", "DX推進員", "１年", "1.5"]])
    result = skillframe.collect(f, cat)
    [err] = result.errors
    assert (err.where, err.code) == ("row 2, column 5 [exp/dx_lead_count]", "not-a-whole-number")
    with f.open("w", encoding="utf-8-sig", newline="") as out:
        csv.writer(out).writerows([header, ["W1", "佐藤 一郎", "DX推進員", "１年", "２"]])
    result = skillframe.collect(f, cat)
    assert result.errors == ()
    text = staff_csv(cat, result)
    assert text.splitlines()[0].startswith("id,氏名,persona")
    [got] = csv.DictReader(text.splitlines())
    assert (got["氏名"], got["dx_lead_years"], got["dx_lead_count"]) == ("佐藤 一郎", "1", "2")
    [row] = result.rows
    assert (row["dx_lead_years"], row["dx_lead_count"], row["氏名"]) == (1, 2, "佐藤 一郎")


def test_cli_collect_reads_full_width_years(
    tmp_path: Path, cat: skillframe.Catalog, capsys: pytest.CaptureFixture[str]
) -> None:
    form = tmp_path / "総務課.xlsx"
    assert main(["form", "--roster", str(_roster(tmp_path)), "-o", str(form)]) == 0
    _fill(form, SPELLED)
    out = tmp_path / "職員データ.csv"
    assert main(["collect", str(form), "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert "not-a-number" not in err and "1 人: 1 人を出力、0 人にエラー" in err
    rows = list(csv.DictReader(out.read_text(encoding="utf-8-sig").splitlines()))
    assert [(r["id"], r["氏名"], r["dx_lead_years"], r["dx_lead_count"], r["mentoring"]) for r in rows] == [
        ("000102", "山田 花子", "1", "2", "はい")
    ]
    book = tmp_path / "職員データ.xlsx"
    assert main(["collect", str(form), "-o", str(book)]) == 0
    ws = openpyxl.load_workbook(book).worksheets[0]
    head = [c.value for c in ws[1]]
    assert ws.cell(2, head.index("dx_lead_count") + 1).value == 2
    assert main(["evaluate", str(book), "--format", "csv"]) == 0
    assert "000102" in capsys.readouterr().out
