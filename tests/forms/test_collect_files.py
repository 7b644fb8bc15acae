"""Which files collect reads from a folder: every file is read or reported (an answer saved as
.ods or .xls is an error saying to save it as .xlsx, never skipped in silence); Office's lock
files and the files Windows and macOS leave are ignored; subfolders are read; people in a file
refused whole are counted; the output may not be written into a folder being collected."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from _form_helpers import fill, roster_file

import skillframe
from skillframe import forms
from skillframe.cli import main
from skillframe.errors import OutputError
from skillframe.render.collected import write_staff

openpyxl = pytest.importorskip("openpyxl")

FILLED = {"*trained": "受講済", "exp/dx_lead_years": 2}


@pytest.fixture
def form(tmp_path: Path, cat: skillframe.Catalog) -> Path:
    """The whole roster's workbook (7 people), as handed out."""
    path = tmp_path / "票.xlsx"
    path.write_bytes(forms.form_bytes(cat, roster=roster_file(tmp_path)))
    return path


@pytest.fixture
def folder(tmp_path: Path, form: Path) -> Path:
    """A folder of answers as staff return them: A01 answered in a workbook saved with macros
    (.xlsm), B01 in a subfolder, A02 in an .ods and C01 in an .xls (not read), beside the files
    Office and the system leave there, and a note."""
    d = tmp_path / "回答"
    (d / "税務課").mkdir(parents=True)
    fill(form, {"A01": FILLED}, out=d / "総務課.xlsm")
    fill(form, {"B01": FILLED}, out=d / "税務課" / "税務.xlsx")
    shutil.copy(form, d / "A02_石井.ods")  # the bytes do not matter: the format is not read
    shutil.copy(form, d / "C01_大野.xls")
    shutil.copy(form, d / "~$総務課.xlsm")  # Excel's lock file, while 総務課.xlsm is open
    (d / ".DS_Store").write_bytes(b"\0\0\0\1Bud1")
    (d / "Thumbs.db").write_bytes(b"\xd0\xcf\x11\xe0")
    (d / ".hidden").mkdir()
    shutil.copy(form, d / ".hidden" / "old.xlsx")
    (d / "メモ.txt").write_text("督促済み", encoding="utf-8")
    return d


def test_every_file_in_a_folder_is_read_or_reported(folder: Path, cat: skillframe.Catalog) -> None:
    result = skillframe.collect(folder, cat)
    assert [(e.file, e.code) for e in result.errors] == [
        ("A02_石井.ods", "unsupported-file"),
        ("C01_大野.xls", "unsupported-file"),
        ("メモ.txt", "unsupported-file"),
    ]
    assert result.files_not_read == ("A02_石井.ods", "C01_大野.xls", "メモ.txt")
    ods, xls, txt = result.errors
    assert ods.ja.startswith("OpenDocument 形式（.ods）は読めません: Excel で開き「Excel ブック (*.xlsx)」として保存")
    assert xls.en.startswith("an Excel 97-2003 workbook (.xls) is not read: open it in Excel, save it as an Excel")
    assert "move it out of the folder if it is not an answer" in txt.en
    rows = {r["id"]: r for r in result.rows}
    assert rows["A01"]["dx_lead_years"] == 2  # .xlsm: a workbook, read (no macro runs)
    assert rows["B01"]["dx_lead_years"] == 2  # a subfolder is read
    assert result.people == len(result.rows) == 7
    [blank] = result.warnings  # the ignored files (lock file, .DS_Store, hidden folder) say nothing
    assert (blank.file, blank.code) == ("税務課/税務.xlsx", "not-answered")  # named by its path in the folder


def test_cli_names_each_file_not_read_and_counts_them(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "職員データ.xlsx"
    assert main(["collect", str(folder), "-o", str(out)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[1].startswith("skillframe: A02_石井.ods: -: OpenDocument 形式（.ods）は読めません")
    assert err[1].endswith("[unsupported-file]")
    assert err[-1] == (
        "7 人: 7 人を出力（うち未回答 5 人: A02, B02, C01, C02, D01）、0 人にエラー（ほかに読めなかったファイル 3 個）"
        " / 7 people: 7 written (5 not answered: A02, B02, C01, C02, D01), 0 with errors (and 3 file(s) not read)"
    )
    assert err[0].startswith("skillframe: warning: 税務課/税務.xlsx: -: 回答のない票 5 人")  # read: a subfolder
    assert "~$" not in "\n".join(err) and "old.xlsx" not in "\n".join(err)  # ignored without a word


def test_a_file_given_by_name_is_read_or_reported_too(folder: Path, cat: skillframe.Catalog) -> None:
    result = skillframe.collect([folder / "C01_大野.xls", folder / "税務課" / "税務.xlsx"], cat)
    assert [(e.file, e.code) for e in result.errors] == [("C01_大野.xls", "unsupported-file")]
    with pytest.raises(skillframe.FormError, match="no such file or folder") as exc:
        skillframe.collect(folder / "ない.xlsx", cat)
    assert exc.value.code == "no-input"


def test_people_of_a_refused_file_are_counted(form: Path, tmp_path: Path, cat: skillframe.Catalog) -> None:
    """A form of another catalog version is refused whole; its people are counted as not
    collected (from its index), once, and a copy read from another file is taken instead."""
    d = tmp_path / "版"
    d.mkdir()
    old = d / "a_old.xlsx"
    wb = openpyxl.load_workbook(form)
    wb["_skillframe"]["B2"] = "0" * 64  # made from another catalog
    wb["_lists"]["A1"] = "受講した"  # whose choices differ: refused
    wb.save(old)
    result = skillframe.collect(old, cat)
    assert [(e.file, e.code) for e in result.errors] == [("a_old.xlsx", "catalog-version")]
    assert (result.people, len(result.rows), len(result.people_with_errors)) == (7, 0, 7)
    assert result.people_with_errors[:2] == ("A01", "A02") and result.files_not_read == ()
    fill(form, {"A01": FILLED}, out=d / "b_new.xlsx")
    both = skillframe.collect(d, cat)
    assert [e.code for e in both.errors] == ["catalog-version"]
    assert (both.people, len(both.rows), both.people_with_errors) == (7, 7, ())  # the current form's copies


def test_cli_a_refused_file_counts_its_people(form: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    wb = openpyxl.load_workbook(form)
    wb["_skillframe"]["B2"] = "0" * 64
    wb["_lists"]["A1"] = "受講した"
    wb.save(form)
    assert main(["collect", str(form), "-o", str(tmp_path / "out.csv")]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0].endswith("[catalog-version]")
    assert err[1] == (
        "7 人: 0 人を出力、7 人にエラー（出力していません: A01, A02, B01, B02, C01, C02, D01） / "
        "7 people: 0 written, 7 with errors (not written: A01, A02, B01, B02, C01, C02, D01)"
    )


def test_output_inside_a_folder_being_collected_is_refused(
    folder: Path, cat: skillframe.Catalog, capsys: pytest.CaptureFixture[str]
) -> None:
    for out in (folder / "new.xlsx", folder / "税務課" / "new.csv"):
        assert main(["collect", str(folder), "-o", str(out)]) == 2
        err = capsys.readouterr().err
        assert f"the output {out} is inside the folder being collected" in err
        assert not out.exists()
    result = skillframe.collect(folder, cat)
    with pytest.raises(OutputError) as exc:
        write_staff(folder / "new.xlsx", cat, result, inputs=[folder])
    assert exc.value.code == "output-in-input-folder" and not (folder / "new.xlsx").exists()
    write_staff(folder.parent / "new.xlsx", cat, result, inputs=[folder])  # beside it: fine
    assert len(skillframe.read_staff(folder.parent / "new.xlsx").records) == 7


def test_more_than_ten_people_are_named_as_every_list_of_people_is(
    tmp_path: Path, cat: skillframe.Catalog, capsys: pytest.CaptureFixture[str]
) -> None:
    """The first ten ids, then ``ほか 2 名`` / ``and 2 more`` (``skillframe._text.shown_ids``): the summary
    line and the not-answered warning say it as the history and the report do."""
    ids = [f"P{i:02d}" for i in range(1, 13)]
    roster = roster_file(tmp_path, "職員番号,人材像\n" + "".join(f"{i},DX推進員\n" for i in ids))
    form = tmp_path / "回答" / "票.xlsx"
    form.parent.mkdir()
    form.write_bytes(forms.form_bytes(cat, roster=roster))  # returned blank: every answer unknown
    assert main(["collect", str(form.parent), "-o", str(tmp_path / "職員データ.csv")]) == 0
    err = capsys.readouterr().err.splitlines()
    ten = ", ".join(ids[:10])
    assert err == [
        f"skillframe: warning: 票.xlsx: -: 回答のない票 12 人（回答はすべて不明として出力）: {ten} ほか 2 名"
        f" / 12 form(s) with no answer (written with every answer unknown): {ten} and 2 more [not-answered]",
        f"12 人: 12 人を出力（うち未回答 12 人: {ten} ほか 2 名）、0 人にエラー"
        f" / 12 people: 12 written (12 not answered: {ten} and 2 more), 0 with errors",
    ]
