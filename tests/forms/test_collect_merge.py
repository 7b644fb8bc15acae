"""One workbook sent to every 課, each filling only its own people's sheets and returning the whole
workbook: a person is taken from the file where the sheet is filled. Filled identically twice is
one person (a warning); filled differently is an error naming both files; blank everywhere is a
row with every answer unknown (a warning), as one blank sheet is."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest
from _form_helpers import fill, roster_file

import skillframe
from skillframe import forms
from skillframe.cli import main
from skillframe.render.form_files import write_forms

FILLED = {"*trained": "受講済", "exp/dx_lead_years": 2}
GROUPS = {"総務.xlsx": ("A01", "A02"), "税務.xlsx": ("B01", "B02"), "福祉ほか.xlsx": ("C01", "C02", "D01")}


@pytest.fixture
def returned(tmp_path: Path, cat: skillframe.Catalog) -> Path:
    """The whole workbook returned by three 課, each having filled only its own people (D01 by 福祉ほか)."""
    form = tmp_path / "票.xlsx"
    form.write_bytes(forms.form_bytes(cat, roster=roster_file(tmp_path)))
    folder = tmp_path / "回答"
    folder.mkdir()
    for name, ids in GROUPS.items():
        shutil.copy(form, folder / name)
        fill(folder / name, dict.fromkeys(ids, FILLED))
    return folder


def test_each_person_is_taken_from_the_file_where_it_is_filled(returned: Path, cat: skillframe.Catalog) -> None:
    result = skillframe.collect(returned, cat)
    assert result.errors == () and result.warnings == ()
    assert result.people == len(result.rows) == 7
    rows = {r["id"]: r for r in result.rows}
    assert rows["B01"]["dx_lead_years"] == 2 and rows["B01"]["trainings"]  # the answers, not the blank copies'


def test_blank_everywhere_is_one_person_with_unknowns_and_a_warning(returned: Path, cat: skillframe.Catalog) -> None:
    fill(returned / "税務.xlsx", {"B02": {"*trained": None, "exp/dx_lead_years": None}})  # B02 did not answer
    result = skillframe.collect(returned, cat)
    assert result.errors == ()
    b02 = {r["id"]: r for r in result.rows}["B02"]
    assert (b02["trainings"], b02.get("dx_lead_years")) == (None, None)  # unknown, as one blank sheet is
    [w] = result.warnings
    assert (w.file, w.code) == ("福祉ほか.xlsx", "not-answered")  # the first file read (by name): the copy kept
    assert w.ja == "回答のない票 1 人（回答はすべて不明として出力）: B02"
    # one blank sheet alone is the same row
    alone = skillframe.collect(returned / "総務.xlsx", cat)
    assert {r["id"]: r for r in alone.rows}["B02"] == b02
    assert [(w.code, w.en.split(": ")[-1]) for w in alone.warnings] == [("not-answered", "B01, B02, C01, C02, D01")]


def test_filled_identically_twice_is_one_person_with_a_warning(returned: Path, cat: skillframe.Catalog) -> None:
    fill(returned / "総務.xlsx", {"B01": FILLED})  # 総務 filled B01 too, the same way
    result = skillframe.collect(returned, cat)
    assert result.errors == () and len(result.rows) == 7
    [w] = result.warnings
    assert (w.code, w.person, w.file) == ("duplicate-same-answers", "B01", "総務.xlsx")
    assert "税務.xlsx B01!C3" in w.en and "総務.xlsx B01!C3" in w.en and "(written once)" in w.en


def test_filled_differently_is_an_error_naming_both_files(returned: Path, cat: skillframe.Catalog) -> None:
    fill(returned / "総務.xlsx", {"B01": {**FILLED, "exp/dx_lead_years": 3}})
    result = skillframe.collect(returned, cat)
    assert result.people_with_errors == ("B01",)
    assert result.people == len(result.rows) + 1 == 7
    assert [(e.file, e.where, e.code) for e in result.errors] == [
        ("税務.xlsx", "B01!C3", "duplicate-person"),
        ("総務.xlsx", "B01!C3", "duplicate-person"),
    ]
    assert result.errors[0].en == (
        "staff 'B01' is answered in more than one form: 税務.xlsx B01!C3 / 総務.xlsx B01!C3"
        " (differs: dx_lead_years: 2 / 3)"
    )
    assert "福祉ほか.xlsx" not in result.errors[0].en  # the blank copy is in no conflict


def test_a_bad_answer_in_one_file_and_blank_elsewhere_is_that_error_only(
    returned: Path, cat: skillframe.Catalog
) -> None:
    fill(returned / "税務.xlsx", {"B01": {"exp/dx_lead_years": "たくさん"}})
    result = skillframe.collect(returned, cat)
    assert [(e.file, e.code) for e in result.errors] == [("税務.xlsx", "not-a-number")]
    assert result.people_with_errors == ("B01",)


def test_cli_whole_workbook_returned_by_every_department(
    returned: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "職員データ.xlsx"
    assert main(["collect", str(returned), "-o", str(out)]) == 0
    assert capsys.readouterr().err == "7 人: 7 人を出力、0 人にエラー / 7 people: 7 written, 0 with errors\n"
    fill(returned / "総務.xlsx", {"A02": {"*trained": None, "exp/dx_lead_years": None}})
    fill(returned / "税務.xlsx", {"A02": {"*trained": None}})
    fill(returned / "福祉ほか.xlsx", {"B02": FILLED})
    assert main(["collect", str(returned), "-o", str(out)]) == 0  # warnings do not change the exit code
    assert capsys.readouterr().err.splitlines() == [
        "skillframe: warning: 税務.xlsx: B02!C3: 職員 'B02' は複数の票に同じ回答があります（1 人として出力）:"
        " 福祉ほか.xlsx B02!C3 / 税務.xlsx B02!C3 / staff 'B02' has the same answers in more than one form"
        " (written once): 福祉ほか.xlsx B02!C3 / 税務.xlsx B02!C3 [duplicate-same-answers]",
        "skillframe: warning: 福祉ほか.xlsx: -: 回答のない票 1 人（回答はすべて不明として出力）: A02"
        " / 1 form(s) with no answer (written with every answer unknown): A02 [not-answered]",
        "7 人: 7 人を出力（うち未回答 1 人: A02）、0 人にエラー"
        " / 7 people: 7 written (1 not answered: A02), 0 with errors",
    ]
    fill(returned / "税務.xlsx", {"C01": {"exp/dx_lead_years": 5}})
    assert main(["collect", str(returned), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "skillframe: 福祉ほか.xlsx: C01!C3: 職員 'C01' が複数の票で回答されています" in err
    assert "(differs: dx_lead_years: 2 / 5) [duplicate-person]" in err
    assert err.endswith(
        "7 人: 6 人を出力（うち未回答 1 人: A02）、1 人にエラー（出力していません: C01） / "
        "7 people: 6 written (1 not answered: A02), 1 with errors (not written: C01)\n"
    )
    assert len(skillframe.read_staff(out).records) == 6


def test_cli_nobody_collected_writes_the_table_exits_1_and_record_refuses_it(
    returned: Path, tmp_path: Path, cat: skillframe.Catalog, capsys: pytest.CaptureFixture[str]
) -> None:
    pytest.importorskip("sqlalchemy")
    everybody = [sid for ids in GROUPS.values() for sid in ids]
    for i, name in enumerate(GROUPS):  # every file answers everybody, each differently: nobody can be collected
        answers = {"*trained": "受講済" if i % 2 else "未受講", "exp/dx_lead_years": i}
        fill(returned / name, dict.fromkeys(everybody, answers))
    result = skillframe.collect(returned, cat)
    assert (result.people, result.rows, len(result.people_with_errors)) == (7, (), 7)
    out = tmp_path / "職員データ.csv"
    assert main(["collect", str(returned), "-o", str(out)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[-2:] == [
        "7 人: 0 人を出力、7 人にエラー（出力していません: A01, A02, B01, B02, C01, C02, D01） / "
        "7 people: 0 written, 7 with errors (not written: A01, A02, B01, B02, C01, C02, D01)",
        f"skillframe: 出力した職員表（{out}）には職員が 1 人もいません: 誤りを直して集め直してください"
        f" / the staff table written ({out}) has no people: correct the errors and collect again [no-people]",
    ]
    assert out.read_bytes().decode("utf-8-sig").splitlines()[0].startswith("id,persona,department")  # written
    db = tmp_path / "history.db"
    assert main(["record", str(out), "--year", "2026", "-m", "131016", "--db", f"sqlite:///{db}"]) == 1
    assert f"nothing recorded: {out} has no people" in capsys.readouterr().err
    assert not db.exists()


def test_the_whole_workbook_comes_back_in_roster_order(returned: Path, cat: skillframe.Catalog) -> None:
    # each person is taken from another file (福祉ほか.xlsx is read first), yet stands where the form put it
    result = skillframe.collect(returned, cat)
    assert [r["id"] for r in result.rows] == ["A01", "A02", "B01", "B02", "C01", "C02", "D01"]


def test_an_export_answer_keeps_the_name_and_place_of_the_blank_sheet_it_replaces(
    tmp_path: Path, cat: skillframe.Catalog
) -> None:
    # the trial: per-課 workbooks, B01 answered in Microsoft Forms instead (no 氏名 there), the rest blank
    folder = tmp_path / "回答"
    write_forms(cat, roster_file(tmp_path), folder)
    qs = forms.questions(cat, "DX推進員")
    header = ["ID", "名前", "職員番号 [id]", "所属 [department]", "人材像 [persona]"]
    header += [f"{q.text} [{q.label}]" for q in qs]
    row = ["1", "", "B01", "", "DX推進員"] + ["受講済" if q.label.startswith("trained/") else "" for q in qs]
    with (folder / "forms_export.csv").open("w", encoding="utf-8-sig", newline="") as out:
        csv.writer(out).writerows([header, row])
    result = skillframe.collect(folder, cat)
    assert result.errors == ()
    rows = {r["id"]: r for r in result.rows}
    assert (rows["B01"]["氏名"], rows["B01"]["department"]) == ("上田 三", "税務課")  # as the form knew them
    assert rows["B01"]["trainings"]  # the answers are the export's
    # files in name order (所属なし, 福祉課, 税務課, 総務課), each in roster order; B01 where its sheet was
    assert [r["id"] for r in result.rows] == ["D01", "C01", "C02", "B01", "B02", "A01", "A02"]
