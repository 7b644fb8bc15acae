"""Forms handed out per 課 (or per person): one workbook per group, named after the 課 as written
and safe as a Windows file name; each 課 fills and returns its own file and collect reads them all."""

from __future__ import annotations

from pathlib import Path

import pytest
from _form_helpers import fill, index, roster_file

import skillframe
from skillframe import StaffRecord, forms
from skillframe.cli import main
from skillframe.errors import FormError, OutputError
from skillframe.render.form_files import write_forms


def _people(*departments: str | None) -> list[StaffRecord]:
    return [StaffRecord(id=f"P{i}", persona="DX推進員", department=d) for i, d in enumerate(departments, start=1)]


def test_groups_are_the_departments_as_written_in_roster_order() -> None:
    files = forms.split_roster(_people("総務課", None, "市民課〜窓口", "総務課", "市民課～窓口", " "))
    assert [(f.file, f.group, f.ids) for f in files] == [
        ("総務課.xlsx", "総務課", ("P1", "P4")),
        ("市民課〜窓口.xlsx", "市民課〜窓口", ("P3", "P5")),  # one 課 however the wave dash is typed
        ("所属なし.xlsx", None, ("P2", "P6")),  # no 課 (or a blank one): a file of its own, last
    ]


@pytest.mark.parametrize(
    ("department", "file"),
    [
        ("企画/政策課", "企画_政策課.xlsx"),
        ('a:b*c?"<>|\\', "a_b_c______.xlsx"),
        ("CON", "CON_.xlsx"),  # a name Windows reserves
        ("総務課. ", "総務課.xlsx"),  # Windows drops a trailing dot or space
        (".隠し課", "隠し課.xlsx"),  # a leading dot would hide the file on macOS and Linux
        ("課\t改行\n", "課_改行.xlsx"),
        ("教育委員会" * 30, "教育委員会" * 16 + ".xlsx"),  # at most 80 characters before .xlsx
    ],
)
def test_file_names_are_safe_on_windows(department: str, file: str) -> None:
    [f] = forms.split_roster(_people(department))
    assert f.file == file
    assert f.group == department.strip()


def test_names_that_would_be_one_file_are_told_apart() -> None:
    files = forms.split_roster(_people("A課", "a課", "企画/課", "企画_課", "企画:課", "所属なし", None))
    assert [(f.file, f.ids) for f in files] == [
        ("A課.xlsx", ("P1", "P2")),  # one 課 however it is typed (matched as the staff reader matches)
        ("企画_課.xlsx", ("P3",)),
        ("企画_課(2).xlsx", ("P4",)),  # different 課 whose safe names are the same
        ("企画_課(3).xlsx", ("P5",)),
        ("所属なし(2).xlsx", ("P6",)),  # a 課 really named 所属なし gives way to the people without a 課
        ("所属なし.xlsx", ("P7",)),
    ]
    people = [StaffRecord(id=i, persona="DX推進員") for i in ("a1", "A1")]  # two ids, one file on Windows
    assert [f.file for f in forms.split_roster(people, by="person")] == ["a1.xlsx", "A1(2).xlsx"]


def test_split_per_person_names_the_id_and_name(tmp_path: Path, cat: skillframe.Catalog) -> None:
    table = forms.read_roster(roster_file(tmp_path), cat)
    files = forms.split_roster(table.records, by="person")
    assert [f.file for f in files][:2] == ["A01_青木 一.xlsx", "A02_石井 二.xlsx"]
    assert [f.ids for f in files][:2] == [("A01",), ("A02",)]
    assert forms.split_roster([StaffRecord(id="Z/9", persona="DX推進員")], by="person")[0].file == "Z_9.xlsx"
    with pytest.raises(FormError) as info:
        forms.split_roster(table.records, by="section")
    assert info.value.code == "form-input" and "department, person" in info.value.en


def test_write_forms_one_workbook_per_department(tmp_path: Path, cat: skillframe.Catalog) -> None:
    roster = roster_file(tmp_path)
    folder = tmp_path / "票"
    folder.mkdir()
    (folder / "前年度.xlsx").write_bytes(b"left alone")
    files = write_forms(cat, roster, folder)
    assert [(f.file, f.ids) for f in files] == [
        ("総務課.xlsx", ("A01", "A02")),
        ("税務課.xlsx", ("B01", "B02")),
        ("福祉課.xlsx", ("C01", "C02")),
        ("所属なし.xlsx", ("D01",)),
    ]
    assert sorted(p.name for p in folder.iterdir()) == sorted(["前年度.xlsx", *(f.file for f in files)])
    assert (folder / "前年度.xlsx").read_bytes() == b"left alone"
    for f in files:  # each workbook holds exactly its 課's people, made from the same catalog
        assert list(index(folder / f.file)) == list(f.ids)
    # an input is never written over (here: last run's workbook given as an input), nor is any other file
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    with pytest.raises(OutputError):
        write_forms(cat, roster, folder, inputs=[folder / "税務課.xlsx"])
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before
    with pytest.raises(FormError) as info:
        write_forms(cat, roster, roster)
    assert info.value.code == "form-folder"


def test_a_roster_error_writes_no_file(tmp_path: Path, cat: skillframe.Catalog) -> None:
    roster = roster_file(tmp_path, "職員番号,所属,人材像\nA01,総務課,DX推進員\nA02,総務課,\n")
    with pytest.raises(FormError) as info:
        write_forms(cat, roster, tmp_path / "票")
    assert info.value.code == "roster-errors" and "row 3, 人材像" in info.value.en
    assert not (tmp_path / "票").exists()


def test_each_department_returns_its_file_and_collect_reads_them_all(tmp_path: Path, cat: skillframe.Catalog) -> None:
    folder = tmp_path / "票"
    files = write_forms(cat, roster_file(tmp_path), folder)
    for f in files:  # each 課 fills its own people's sheets
        fill(folder / f.file, {sid: {"*trained": "受講済", "exp/dx_lead_years": 1} for sid in f.ids})
    result = skillframe.collect(folder, cat)
    assert result.errors == () and result.warnings == ()
    assert sorted(r["id"] for r in result.rows) == ["A01", "A02", "B01", "B02", "C01", "C02", "D01"]
    assert {r["id"]: r["department"] for r in result.rows}["D01"] is None


def test_cli_split(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    roster = roster_file(tmp_path)
    folder = tmp_path / "票"
    assert main(["form", "--roster", str(roster), "--split", "department", "-o", str(folder)]) == 0
    err = capsys.readouterr().err
    assert f"{folder} に 4 個のブック（7 人）を書きました / wrote 4 workbook(s) (7 people) into {folder}" in err
    assert "  所属なし.xlsx: 1 人 / people" in err.splitlines()
    assert sorted(p.name for p in folder.iterdir()) == ["所属なし.xlsx", "福祉課.xlsx", "税務課.xlsx", "総務課.xlsx"]
    assert list(index(folder / "税務課.xlsx")) == ["B01", "B02"]
    people = tmp_path / "人"
    assert main(["form", "--roster", str(roster), "--split", "person", "-o", str(people)]) == 0
    assert len(list(people.iterdir())) == 7 and (people / "D01_木村 七.xlsx").exists()
    capsys.readouterr()
    # usage: --split needs --roster and a folder; a file name is refused before anything is written
    assert main(["form", "--persona", "DX推進員", "--split", "department", "-o", str(tmp_path / "x")]) == 2
    assert main(["form", "--roster", str(roster), "--split", "department", "-o", str(tmp_path / "x.xlsx")]) == 2
    assert main(["form", "--roster", str(roster), "--split", "department"]) == 2
    assert main(["form", "--roster", str(roster), "--split", "section", "-o", str(tmp_path / "y")]) == 2
    err = capsys.readouterr().err
    assert "--split needs --roster" in err and "with --split, -o names a folder" in err
    assert "give -o DIR (a folder)" in err
    assert not (tmp_path / "x").exists() and not (tmp_path / "x.xlsx").exists() and not (tmp_path / "y").exists()
    assert main(["form", "--roster", str(roster), "--split", "department", "-o", str(roster)]) == 2  # the input
    assert "Traceback" not in capsys.readouterr().err


def test_cli_split_choices_are_the_apis() -> None:
    from skillframe.cli import _form

    assert _form.SPLITS == forms.SPLITS
