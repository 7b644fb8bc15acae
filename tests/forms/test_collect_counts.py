"""The counts add up: people read = people written + people with errors, whatever the ids
(``Ｘ１`` in one file, ``X1`` in another are one person, each message naming the id as its own
file writes it). Online-form exports: two columns for one question refuse the file (its people
counted), a row with more cells than the header is an error of that row. A form from an earlier
year is a warning naming the file and its date."""

from __future__ import annotations

import csv
import datetime as dt
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import skillframe
from skillframe import StaffRecord, forms
from skillframe.cli import main
from skillframe.staff.values import id_key

openpyxl = pytest.importorskip("openpyxl")

HEADER = ["職員番号 [id]", "人材像 [persona]", "経験年数 [exp/dx_lead_years]"]


def _export(path: Path, rows: list[list[str]], header: list[str] = HEADER) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        csv.writer(out).writerows([header, *rows])
    return path


def _form(path: Path, cat: skillframe.Catalog, sid: str, years: object) -> Path:
    path.write_bytes(forms.form_bytes(cat, roster=[StaffRecord(id=sid, persona="DX推進員")]))
    wb = openpyxl.load_workbook(path)
    ws = wb.worksheets[0]
    row = next(r for r in range(14, ws.max_row + 1) if ws[f"B{r}"].value == "exp/dx_lead_years")
    ws[f"F{row}"] = years
    wb.save(path)
    return path


def test_one_person_typed_two_widths_counts_once(tmp_path: Path, cat: skillframe.Catalog) -> None:
    full = _form(tmp_path / "fullwidth.xlsx", cat, "Ｘ１", 2)
    half = _form(tmp_path / "halfwidth.xlsx", cat, "X1", 3)
    result = skillframe.collect([full, half], cat)
    assert (result.people, len(result.rows), result.people_with_errors) == (1, 0, ("Ｘ１",))
    assert [(e.file, e.person) for e in result.errors] == [("fullwidth.xlsx", "Ｘ１"), ("halfwidth.xlsx", "X1")]
    assert result.errors[1].en.startswith("staff 'X1' is answered in more than one form: fullwidth.xlsx")
    assert result.errors[0].ja.startswith("職員 'Ｘ１' が複数の票で回答されています")
    assert "(differs: dx_lead_years: 2 / 3)" in result.errors[0].en  # not the id's width
    _form(half, cat, "X1", 2)  # the same answers: one person, written once
    same = skillframe.collect([full, half], cat)
    assert (same.people, [r["id"] for r in same.rows], same.errors) == (1, ["Ｘ１"], ())
    assert [w.code for w in same.warnings] == ["duplicate-same-answers"]


def test_cli_counts_add_up_with_two_widths(
    tmp_path: Path, cat: skillframe.Catalog, capsys: pytest.CaptureFixture[str]
) -> None:
    full = _form(tmp_path / "fullwidth.xlsx", cat, "Ｘ１", 2)
    half = _form(tmp_path / "halfwidth.xlsx", cat, "X1", 3)
    assert main(["collect", str(full), str(half), "-o", str(tmp_path / "out.csv")]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith("skillframe: fullwidth.xlsx: Ｘ１!C3: 職員 'Ｘ１' が複数の票で回答されています")
    assert err[1].startswith("skillframe: halfwidth.xlsx: X1!C3: 職員 'X1' が複数の票で回答されています")
    assert err[2] == (
        "1 人: 0 人を出力、1 人にエラー（出力していません: Ｘ１）"
        " / 1 people: 0 written, 1 with errors (not written: Ｘ１)"
    )


IDS = st.sampled_from(["A1", "Ａ１", " A1", "a1", "B2", "Ｂ２", ""])
ROW = st.tuples(IDS, st.sampled_from(["DX推進員", "DX推進員", "誰でもない"]), st.sampled_from(["", "1", "2", "x"]))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(ROW, max_size=5), min_size=1, max_size=3))
def test_people_read_are_people_written_plus_people_with_errors(files: list[list[tuple[str, str, str]]]) -> None:
    cat = skillframe.load()
    with tempfile.TemporaryDirectory() as d:
        paths = [_export(Path(d) / f"{i}.csv", [list(r) for r in rows]) for i, rows in enumerate(files)]
        result = skillframe.collect(paths, cat)
    assert result.people == len(result.rows) + len(result.people_with_errors)
    ids = {r[0].strip() for rows in files for r in rows if r[0].strip()}
    matched = {id_key(i) for i in ids}
    blank = sum(1 for rows in files for r in rows if not r[0].strip())
    assert result.people == len(matched) + blank  # every row is someone, Ａ１ and A1 one person


def test_an_export_with_two_columns_for_one_question_is_refused_naming_both(
    tmp_path: Path, cat: skillframe.Catalog, capsys: pytest.CaptureFixture[str]
) -> None:
    header = [*HEADER, "もう一度 [exp/dx_lead_years]"]
    f = _export(tmp_path / "f.csv", [["D1", "DX推進員", "5", "0"], ["D2", "DX推進員", "5", ""]], header)
    result = skillframe.collect(f, cat)
    [e] = result.errors
    assert (e.where, e.code) == ("row 1", "duplicate-column")
    assert "column 3 '経験年数 [exp/dx_lead_years]' / column 4 'もう一度 [exp/dx_lead_years]'" in e.en
    assert "3 列目「経験年数 [exp/dx_lead_years]」 と 4 列目「もう一度 [exp/dx_lead_years]」" in e.ja
    assert (result.people, result.rows, result.people_with_errors) == (2, (), ("D1", "D2"))
    assert main(["collect", str(f), "-o", str(tmp_path / "out.csv")]) == 1
    err = capsys.readouterr().err
    assert "[duplicate-column]" in err and "2 人: 0 人を出力、2 人にエラー" in err


def test_an_export_row_with_more_cells_than_the_header_is_an_error(
    tmp_path: Path, cat: skillframe.Catalog, capsys: pytest.CaptureFixture[str]
) -> None:
    f = _export(tmp_path / "f.csv", [["D1", "DX推進員", "1"], ["D2", "DX推進員", "1", "余分"]])
    result = skillframe.collect(f, cat)
    [e] = result.errors
    assert (e.where, e.code, e.person) == ("row 3", "more-cells-than-header", "D2")
    assert e.en == "more cells than header columns (header 3, this row 4)"
    assert [r["id"] for r in result.rows] == ["D1"]
    assert main(["collect", str(f), "-o", str(tmp_path / "out.csv")]) == 1
    assert "f.csv: row 3: 列が見出しより多いです（見出し 3 列、この行 4 列）" in capsys.readouterr().err


def _made_on(path: Path, day: dt.date) -> Path:
    wb = openpyxl.load_workbook(path)
    wb["_skillframe"]["B5"] = day.isoformat()
    wb.save(path)
    return path


def test_a_form_from_an_earlier_year_is_a_warning_naming_file_and_date(
    tmp_path: Path, cat: skillframe.Catalog, capsys: pytest.CaptureFixture[str]
) -> None:
    today = dt.date.today()
    old = _made_on(_form(tmp_path / "S001_昨年.xlsx", cat, "S001", 1), today - dt.timedelta(days=400))
    result = skillframe.collect(old, cat)
    [w] = result.warnings
    assert (w.file, w.where, w.code) == ("S001_昨年.xlsx", "_skillframe!B5", "old-form")
    day = (today - dt.timedelta(days=400)).isoformat()
    assert w.en == f"a form made on {day}, more than a year ago: last year's form?"
    assert len(result.rows) == 1  # a warning: the answers are collected
    assert main(["collect", str(old), "-o", str(tmp_path / "out.csv")]) == 0
    assert f"skillframe: warning: S001_昨年.xlsx: _skillframe!B5: {day} に作成された票です（1 年以上前）" in (
        capsys.readouterr().err
    )
    # within a year, but of an earlier 年度 than the other forms collected with it
    fy = today.year if today.month >= 4 else today.year - 1
    a = _made_on(_form(tmp_path / "a.xlsx", cat, "A1", 1), dt.date(fy, 3, 31))
    b = _made_on(_form(tmp_path / "b.xlsx", cat, "B1", 1), dt.date(fy, 4, 1))
    [w] = skillframe.collect([a, b], cat).warnings  # a: at most 365 days ago
    assert w.file == "a.xlsx" and f"in FY{fy - 1}, an earlier year than the newest form collected" in w.en
