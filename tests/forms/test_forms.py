"""Self-check forms: workbook out, filled by a program, collected back, evaluated to the same ranks;
tampered forms give named errors; LibreOffice prints the form on A4."""

from __future__ import annotations

import csv
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

import skillframe
from skillframe import forms
from skillframe.cli import main
from skillframe.errors import FormError
from skillframe.render.collected import write_staff

openpyxl = pytest.importorskip("openpyxl")


@pytest.fixture(scope="module")
def roster(cat: skillframe.Catalog) -> skillframe.StaffTable:
    root = Path(__file__).resolve().parents[2]
    return skillframe.read_staff(root / "examples" / "staff.csv", catalog=cat)


def _answer(q: forms.Question, rec: skillframe.StaffRecord) -> Any:
    kind, _, rest = q.label.partition("/")
    if kind == "trained":
        return None if rec.trainings is None else ("受講済" if rest in rec.trainings else "未受講")
    if kind == "dsm":
        return q.choices[rec.dsm[rest]] if rest in rec.dsm else None
    if kind == "tool":
        return q.choices[rec.tools[rest]] if rest in rec.tools else None
    if kind == "check":
        tool, _, item = rest.partition("/")
        return "○" if item in rec.tool_checks.get(tool, ()) else None
    if rest == "mentoring":
        return None if rec.mentoring is None else ("はい" if rec.mentoring else "いいえ")
    return getattr(rec, rest)


def fill(path: Path, cat: skillframe.Catalog, records: dict[str, skillframe.StaffRecord], out: Path) -> None:
    """Fill every sheet of a roster form from the original records, as a person would."""
    wb = openpyxl.load_workbook(path)
    meta = wb["_skillframe"]
    for sheet, pid, sid, first, last in meta.iter_rows(min_row=7, values_only=True):
        ws = wb[sheet]
        qs = {q.label: q for q in forms.questions(cat, pid)}
        rec = records[sid]
        for r in range(first, last + 1):
            ws[f"F{r}"] = _answer(qs[ws[f"B{r}"].value], rec)
    wb.save(out)


def test_round_trip_gives_the_same_ranks(tmp_path: Path, cat: skillframe.Catalog, roster: Any) -> None:
    form = tmp_path / "forms.xlsx"
    form.write_bytes(forms.form_bytes(cat, roster=roster.records))
    returned = tmp_path / "returned.xlsx"
    fill(form, cat, {r.id: r for r in roster.records}, returned)
    result = skillframe.collect(returned, cat)
    assert result.errors == ()
    assert (result.people, len(result.rows)) == (len(roster.records), len(roster.records))
    staff = tmp_path / "staff.xlsx"
    write_staff(staff, cat, result, inputs=[returned])
    back = skillframe.read_staff(staff, catalog=cat)
    assert back.errors == ()
    expected = {e.record_id: (e.rank, e.unmet_ids) for e in skillframe.evaluate_many(cat, None, roster.records)}
    got = {e.record_id: (e.rank, e.unmet_ids) for e in skillframe.evaluate_many(cat, None, back.records)}
    assert got == expected
    assert sorted({rank for rank, _ in got.values()}) == [0, 1, 2]  # the example reaches several steps


def test_form_layout_validation_protection_and_meta(tmp_path: Path, cat: skillframe.Catalog) -> None:
    path = tmp_path / "blank.xlsx"
    path.write_bytes(forms.form_bytes(cat, persona="全庁情報システム担当"))
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["全庁情報システム担当", "_lists", "_skillframe"]
    assert wb["_skillframe"].sheet_state == "hidden" and wb["_lists"].sheet_state == "hidden"
    meta = {r[0]: r[1] for r in wb["_skillframe"].iter_rows(max_row=5, values_only=True)}
    assert meta["format"] == "skillframe-form/1"
    assert meta["catalog_digest"] == skillframe._fingerprint.catalog_fingerprint(cat).digest
    assert '"tokyo-wg-2025": "2025-10"' in meta["catalog_versions"]
    ws = wb["全庁情報システム担当"]
    assert ws.protection.sheet is True and not ws.protection.password
    assert int(ws.page_setup.paperSize) == int(ws.PAPERSIZE_A4) == 9  # A4
    assert "記入方法" in ws["A7"].value
    labels = [ws[f"B{r}"].value for r in range(14, ws.max_row + 1)]
    assert "dsm/tokyo-wg-2025:system-audit" in labels and "trained/tokyo-wg-2025:privacy" in labels
    row = 14 + labels.index("dsm/tokyo-wg-2025:system-audit")
    assert ws[f"F{row}"].protection.locked is False  # an input cell
    assert ws[f"D{row}"].protection.locked is True  # the definition is not
    assert ws["C3"].protection.locked is False  # a blank form asks for the id
    lists = {tuple(dv.sqref.ranges) and dv.formula1 for dv in ws.data_validations.dataValidation}
    assert any("_lists" in f for f in lists)
    dsm_list = [c.value for c in wb["_lists"]["B"] if c.value]
    assert dsm_list[0].startswith("Lv.0 基礎知識が無く")


def _tamper(path: Path, out: Path, sheet_index: int, label: str, value: str) -> str:
    wb = openpyxl.load_workbook(path)
    ws = wb.worksheets[sheet_index]
    for r in range(14, ws.max_row + 1):
        if ws[f"B{r}"].value == label:
            ws[f"F{r}"] = value
            wb.save(out)
            return f"{ws.title}!F{r}"
    raise AssertionError(label)


def test_tampered_forms_give_named_errors(tmp_path: Path, cat: skillframe.Catalog, roster: Any) -> None:
    records = roster.records[:3]
    form = tmp_path / "forms.xlsx"
    form.write_bytes(forms.form_bytes(cat, roster=records))
    (tmp_path / "in").mkdir()
    good = tmp_path / "in" / "a.xlsx"
    fill(form, cat, {r.id: r for r in records}, good)
    bad = tmp_path / "in" / "b.xlsx"
    where = _tamper(good, bad, 1, "trained/tokyo-wg-2025:privacy", "受講")
    result = skillframe.collect([bad], cat)
    [err] = result.errors
    assert (err.file, err.where, err.code) == ("b.xlsx", where, "value-not-in-list")
    assert "'受講'" in err.ja and "受講済 / 未受講" in err.en
    assert result.people_with_errors == (records[1].id,)
    assert result.people == len(result.rows) + len(result.people_with_errors) == 3
    # a person answered differently in two files: both named, the person left out; the two
    # people answered identically in both files are one person each (a warning names the files)
    result = skillframe.collect(tmp_path / "in", cat)
    dups = [e for e in result.errors if e.code == "duplicate-person"]
    assert {e.file for e in dups} == {"a.xlsx", "b.xlsx"} and all("a.xlsx" in e.en and "b.xlsx" in e.en for e in dups)
    assert {e.person for e in dups} == {records[1].id}
    assert result.people == len(result.rows) + len(result.people_with_errors) == 3
    assert [r["id"] for r in result.rows] == [records[0].id, records[2].id]
    same = [w for w in result.warnings if w.code == "duplicate-same-answers"]
    assert [w.person for w in same] == [records[0].id, records[2].id]
    assert all("a.xlsx" in w.en and "b.xlsx" in w.en for w in same)
    # a form made from another catalog version: both versions named
    ward = skillframe.load(Path(__file__).resolve().parents[2] / "examples" / "overlays" / "special-ward.yaml")
    other = tmp_path / "other.xlsx"
    other.write_bytes(forms.form_bytes(ward, persona="一般行政職員"))
    [err] = skillframe.collect(other, cat).errors
    assert err.code == "catalog-version"
    assert "example-ward 2026" in err.en  # the form's
    assert skillframe._fingerprint.catalog_fingerprint(cat).short in err.en  # the current one


def test_online_form_export(tmp_path: Path, cat: skillframe.Catalog) -> None:
    qs = forms.questions(cat, "DX推進員")
    header = ["タイムスタンプ", "職員番号 [id]", "人材像 [persona]", "所属 [department]"] + [
        f"{q.text} [{q.label}]" for q in qs
    ]
    answers = {q.label: ("受講済" if q.label.startswith("trained/") else "") for q in qs}
    answers["exp/dx_lead_years"] = "1"
    row1 = ["2026/06/01", "W1", "DX推進員", "総務課"] + [answers[q.label] for q in qs]
    row2 = ["2026/06/01", "W2", "DX推進員", "総務課"] + [answers[q.label] for q in qs]
    bad_col = 5 + [q.label for q in qs].index("exp/dx_lead_years")
    row2[bad_col - 1] = "いち"
    f = tmp_path / "export.csv"
    with f.open("w", encoding="utf-8-sig", newline="") as out:
        csv.writer(out).writerows([header, row1, row2])
    result = skillframe.collect(f, cat)
    [err] = result.errors
    assert (err.where, err.code) == (f"row 3, column {bad_col} [exp/dx_lead_years]", "not-a-number")
    [row] = result.rows
    ev = skillframe.evaluate(cat, None, row)
    assert (row["id"], ev.rank) == ("W1", 2)
    # the same person typed full-width in one answer: one person, in two answers
    row3 = ["2026/06/02", "Ｗ１", "DX推進員", "総務課"] + [answers[q.label] for q in qs]
    with f.open("w", encoding="utf-8-sig", newline="") as out:
        csv.writer(out).writerows([header, row1, row3])
    result = skillframe.collect(f, cat)  # the same answers: one person, written as first written
    assert [(w.code, w.person) for w in result.warnings] == [("duplicate-same-answers", "Ｗ１")]
    assert result.people == 1 and [r["id"] for r in result.rows] == ["W1"] and result.errors == ()
    row3[bad_col - 1] = "3"  # answered differently: each copy named as its own row writes the id
    with f.open("w", encoding="utf-8-sig", newline="") as out:
        csv.writer(out).writerows([header, row1, row3])
    result = skillframe.collect(f, cat)
    assert [(e.code, e.person) for e in result.errors] == [("duplicate-person", "W1"), ("duplicate-person", "Ｗ１")]
    assert result.errors[1].en.startswith("staff 'Ｗ１' is answered in more than one form")
    assert (result.people, result.rows, result.people_with_errors) == (1, (), ("W1",))


def test_cli_form_collect_and_errors(
    tmp_path: Path, cat: skillframe.Catalog, capsys: pytest.CaptureFixture[str]
) -> None:
    form = tmp_path / "form.xlsx"
    assert main(["form", "--persona", "DX推進員", "-o", str(form)]) == 0
    wb = openpyxl.load_workbook(form)
    ws = wb.worksheets[0]
    ws["C3"], ws["C4"] = "Z9", "税務課"
    for r in range(14, ws.max_row + 1):
        if ws[f"B{r}"].value.startswith("trained/"):
            ws[f"F{r}"] = "受講済"
    wb.save(form)
    out = tmp_path / "staff.csv"
    assert main(["collect", str(form), "-o", str(out)]) == 0
    text = out.read_bytes().decode("utf-8")
    assert text.startswith("\ufeffid,persona,department,trainings")
    assert main(["evaluate", str(out), "--format", "csv"]) == 0
    assert "Z9" in capsys.readouterr().out
    before = form.read_bytes()
    assert main(["collect", str(form), "-o", str(form)]) == 2  # never over an input
    assert form.read_bytes() == before
    assert main(["collect", str(tmp_path), "-o", str(form)]) == 2  # nor over a file in an input folder
    assert form.read_bytes() == before
    capsys.readouterr()
    assert main(["form", "--persona", "DX推進員", "--format", "questions"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].lstrip("\ufeff") == "label,section,question,type,choices"
    assert lines[-1].startswith("exp/mentoring,")
    assert main(["form", "--persona", "存在しない", "-o", str(tmp_path / "x.xlsx")]) == 1
    assert "Traceback" not in capsys.readouterr().err
    with pytest.raises(FormError):
        forms.form_bytes(cat)


def test_libreoffice_prints_the_form_on_a4(tmp_path: Path, cat: skillframe.Catalog, roster: Any) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        if os.environ.get("CI") == "true":
            pytest.fail("CI=true but LibreOffice is not installed: .ci/run must install it")
        pytest.skip("LibreOffice not installed")
    form = tmp_path / "form.xlsx"
    form.write_bytes(forms.form_bytes(cat, roster=roster.records[:2]))
    profile = tmp_path / "lo-profile"
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(form),
        ],
        check=True,
        capture_output=True,
        timeout=240,
    )
    pdf = (tmp_path / "form.pdf").read_bytes()
    boxes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf)
    assert boxes, "no pages"
    for w, h in boxes:  # A4 is 595 x 842 points (landscape: 842 x 595)
        assert sorted((round(float(w)), round(float(h)))) == [595, 842]


def test_outputs_go_through_the_writer(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    form = tmp_path / "form.xlsx"
    assert main(["form", "--persona", "DX推進員", "-o", str(form)]) == 0
    wb = openpyxl.load_workbook(form)
    ws = wb.worksheets[0]
    ws["C3"] = "Z9"
    ws["C4"] = '=HYPERLINK("http://x")'
    ws["C4"].data_type = "s"  # what a person typed as text
    wb.save(form)
    book = tmp_path / "staff.xlsx"
    assert main(["collect", str(form), "-o", str(book)]) == 0
    sheet = openpyxl.load_workbook(book).worksheets[0]
    cell = sheet[2][[c.value for c in sheet[1]].index("department")]
    assert cell.value == '=HYPERLINK("http://x")'  # as typed: no ' added
    assert (cell.data_type, cell.quotePrefix) == ("s", True)  # never a live formula: text, as Excel shows it
    tsv = tmp_path / "staff.tsv"
    assert main(["collect", str(form), "-o", str(tsv)]) == 0
    assert tsv.read_text(encoding="utf-8-sig").startswith("id\tpersona\tdepartment")
    assert main(["collect", str(form), "-o", str(tmp_path / "staff.json")]) == 2  # not a staff table format
    assert not (tmp_path / "staff.json").exists()
    questions = tmp_path / "q.json"
    assert main(["form", "--persona", "DX推進員", "-o", str(questions)]) == 0
    import json

    assert json.loads(questions.read_text(encoding="utf-8"))[-1]["label"] == "exp/mentoring"
    roster = tmp_path / "roster.csv"
    roster.write_text("id,persona\nA1,誰でもない人\n", encoding="utf-8")
    out = tmp_path / "forms.xlsx"
    assert main(["form", "--roster", str(roster), "-o", str(out)]) == 1  # a bad roster row: no file at all
    assert not out.exists() and not list(tmp_path.glob(".forms.xlsx.*"))
    assert main(["form", "--roster", str(roster), "-o", str(roster)]) == 2
    assert roster.read_text(encoding="utf-8") == "id,persona\nA1,誰でもない人\n"
    capsys.readouterr()


def test_uses_follows_step_conditions_into_other_ladders(tmp_path: Path, cat: skillframe.Catalog) -> None:
    town = tmp_path / "town.yaml"
    town.write_text(
        "format: skillframe-catalog/1\n"
        "framework: {id: town, label: 町, publisher: 町, source: town, sources: [{id: town, title: 町の育成方針}]}\n"
        "personas:\n"
        "  - {id: promoter, label: 町DX推進員}\n"
        "steps:\n"
        "  - {id: s1, persona: promoter, rank: 1, label: Step1,\n"
        "     rule: {step: {persona: tokyo-wg-2025:dx-promoter, min: 2}}}\n",
        encoding="utf-8",
    )
    town_cat = skillframe.load(town)
    labels = [q.label for q in forms.questions(town_cat, "town:promoter")]
    # the promoter ladder reads nothing itself; the DX推進員 ladder it points at reads these
    assert {"exp/dx_lead_years", "exp/dx_lead_count", "exp/mentoring"} <= set(labels)
    assert [q.label for q in forms.questions(cat, "DX推進員")][-3:] == labels[-3:]


def test_roster_text_never_becomes_a_formula(tmp_path: Path) -> None:
    """Ids and 課 typed like formulas stay text in every sheet, the hidden index included."""
    import openpyxl

    from skillframe.cli import main

    roster = tmp_path / "roster.csv"
    roster.write_text("id,persona,department\n=1+1,DX推進員,=2+2\nA2,DX推進員,総務課\n", encoding="utf-8-sig")
    out = tmp_path / "form.xlsx"
    assert main(["form", "--roster", str(roster), "-o", str(out)]) == 0
    wb = openpyxl.load_workbook(out)
    formulas = [
        (ws.title, c.coordinate) for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.data_type == "f"
    ]
    assert formulas == []
    assert not any(name.startswith(("=", "+", "-", "@")) for name in wb.sheetnames)
    index = [c.value for row in wb["_skillframe"].iter_rows() for c in row]
    assert "=1+1" in index  # the index keeps the id as written, as text


def _export(path: Path, cat: skillframe.Catalog, encoding: str) -> None:
    qs = forms.questions(cat, "DX推進員")
    header = ["職員番号 [id]", "人材像 [persona]", "所属 [department]"] + [f"{q.text} [{q.label}]" for q in qs]
    row = ["W1", "DX推進員", "総務課"] + [("受講済" if q.label.startswith("trained/") else "") for q in qs]
    with path.open("w", encoding=encoding, newline="") as out:
        csv.writer(out).writerows([header, [], row])


@pytest.mark.parametrize("encoding", ["cp932", "utf-8", "utf-16"])
def test_cli_collect_reads_exports_in_any_excel_encoding(
    tmp_path: Path, cat: skillframe.Catalog, capsys: pytest.CaptureFixture[str], encoding: str
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    _export(folder / "export.csv", cat, encoding)
    shutil.copy(Path(__file__).resolve().parents[2] / "examples" / "staff.csv", folder / "staff.csv")  # CP932
    out = tmp_path / "out.csv"
    assert main(["collect", str(folder), "-o", str(out)]) == 1  # staff.csv is not an export: a named error
    err = capsys.readouterr().err
    assert "Traceback" not in err and "staff.csv: row 1" in err and "[not-a-form]" in err
    [row] = list(csv.DictReader(out.read_bytes().decode("utf-8-sig").splitlines()))
    assert (row["id"], row["department"]) == ("W1", "総務課")


def test_collect_undecodable_export_is_a_problem_not_a_traceback(tmp_path: Path, cat: skillframe.Catalog) -> None:
    f = tmp_path / "export.csv"
    f.write_bytes("é,id\n".encode())  # reads as UTF-8 (é) and as CP932 (half-width kana): no guessing
    result = skillframe.collect(f, cat)
    [err] = result.errors
    assert (err.file, err.code) == ("export.csv", "ambiguous-encoding")


def test_cli_collect_names_renamed_and_unknown_sheets(
    tmp_path: Path, cat: skillframe.Catalog, capsys: pytest.CaptureFixture[str]
) -> None:
    roster = tmp_path / "r.csv"
    roster.write_text("id,persona,department\nA1,DX推進員,総務課\nA2,一般行政職員,税務課\n", encoding="utf-8")
    form = tmp_path / "f.xlsx"
    assert main(["form", "--roster", str(roster), "-o", str(form)]) == 0
    wb = openpyxl.load_workbook(form)
    old = wb.worksheets[1].title
    wb.worksheets[1].title = "改名"
    wb.save(form)
    capsys.readouterr()
    assert main(["collect", str(form), "-o", str(tmp_path / "out.csv")]) == 1
    err = capsys.readouterr().err
    assert f"'{old}'" in err and "A2" in err and "[sheet-missing]" in err
    assert "'改名'" in err and "[unknown-sheet]" in err
    result = skillframe.collect(form, cat)
    assert result.people == 2 == len(result.rows) + len(result.people_with_errors)
    assert result.people_with_errors == ("A2",)
