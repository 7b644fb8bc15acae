"""Every command that reads a staff file, a roster or online-form exports takes the options its
readers' advice names: ``--encoding`` (a CP932 file of half-width kana also reads as UTF-8:
``ambiguous-encoding``, "give --encoding cp932 or utf-8") and ``--sheet`` (a workbook with
several id sheets: "name one with --sheet"). The roster given beside a staff file (``--roster``
of report, policy and record) has its own ``--roster-encoding``, and its advice names that:
the staff file's ``--encoding`` does not read it."""

from __future__ import annotations

from pathlib import Path

import pytest

import skillframe
from skillframe.cli import build_parser, main

#: CP932 half-width kana whose bytes are valid UTF-8 too (ﾃｽ = C3 BD = "½"): the ambiguous kind.
KANA = "id,persona,department\r\nK1,dx-promoter,ﾃｽﾄｱ\r\nK2,dx-promoter,ﾏｷ\r\n".encode("cp932")
ROSTER_KANA = "id,persona,department\r\nK1,dx-promoter,ﾃｽﾄｱ\r\nK3,dx-promoter,ﾏｷ\r\n".encode("cp932")
ADVICE = (
    "UTF-8 とも CP932（半角カナ）とも読めます。{opt} cp932 か utf-8 を指定してください"
    " / the file reads both as UTF-8 and as CP932 (half-width kana): give {opt} cp932 or utf-8"
)


def _parser_options(command: str) -> set[str]:
    parser = build_parser([command])
    sub = next(a for a in parser._actions if a.dest == "command")
    return {s for a in sub.choices[command]._actions for s in a.option_strings}  # type: ignore[attr-defined]


@pytest.mark.parametrize("command", ["evaluate", "report", "record", "policy", "migrate", "form", "collect"])
def test_every_command_reading_staff_files_takes_encoding(command: str) -> None:
    assert "--encoding" in _parser_options(command)


@pytest.mark.parametrize("command", ["evaluate", "report", "record", "policy", "migrate"])
def test_every_command_reading_a_staff_workbook_takes_sheet(command: str) -> None:
    assert "--sheet" in _parser_options(command)


@pytest.mark.parametrize("command", ["report", "record", "policy"])
def test_every_roster_option_comes_with_its_encoding(command: str) -> None:
    assert {"--roster", "--roster-encoding"} <= _parser_options(command)


def _record_args(staff: str) -> list[str]:
    return ["record", staff, "-y", "2026", "-m", "131016", "--db", "sqlite:///h.db"]


def _stored() -> list[tuple[str, str | None]]:
    """(id, 課) of each person recorded for 2026 by :func:`_record_args`."""
    store = skillframe.open_history("sqlite:///h.db")
    try:
        return sorted((a.staff_key, a.department) for a in store.assessments(2026))
    finally:
        store.close()


COMMANDS = {
    "evaluate": lambda staff: ["evaluate", staff, "-f", "csv", "-o", "out.csv"],
    "report": lambda staff: ["report", staff, "-o", "out.md"],
    "record": _record_args,
    "policy": lambda staff: ["policy", "--staff", staff, "-o", "out.md"],
    "form": lambda staff: ["form", "--roster", staff, "-o", "out.xlsx"],
}


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_the_advice_for_an_ambiguous_staff_file_can_be_followed(
    command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    if command == "form":
        pytest.importorskip("openpyxl")
    if command == "record":
        pytest.importorskip("sqlalchemy")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "kana.csv").write_bytes(KANA)
    args = COMMANDS[command]("kana.csv")
    assert main(args) == 1
    assert capsys.readouterr().err == f"skillframe: kana.csv: {ADVICE.format(opt='--encoding')}\n"
    assert main([*args, "--encoding", "cp932"]) == 0, capsys.readouterr().err


def test_record_reads_the_staff_file_in_the_encoding_given(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cat: skillframe.Catalog
) -> None:
    pytest.importorskip("sqlalchemy")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "kana.csv").write_bytes(KANA)
    assert main([*_record_args("kana.csv"), "--encoding", "shift_jis"]) == 0
    assert _stored() == [("K1", "ﾃｽﾄｱ"), ("K2", "ﾏｷ")]


@pytest.mark.parametrize(
    "command",
    [
        ["report", "staff.csv", "-o", "out.md"],
        ["policy", "--staff", "staff.csv", "-o", "out.md"],
        _record_args("staff.csv"),
    ],
)
def test_an_ambiguous_roster_is_read_with_roster_encoding_not_the_staff_files_encoding(
    command: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    if command[0] == "record":
        pytest.importorskip("sqlalchemy")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "staff.csv").write_text("id,persona,department\nK1,dx-promoter,総務課\n", encoding="utf-8")
    (tmp_path / "名簿.csv").write_bytes(ROSTER_KANA)
    advice = f"skillframe: 名簿.csv: {ADVICE.format(opt='--roster-encoding')}\n"
    assert main([*command, "--roster", "名簿.csv"]) == 1
    assert capsys.readouterr().err.endswith(advice)
    assert main([*command, "--roster", "名簿.csv", "--encoding", "cp932"]) == 1  # the staff file's, not the roster's
    assert capsys.readouterr().err.endswith(advice)
    assert main([*command, "--roster", "名簿.csv", "--roster-encoding", "cp932"]) == 0
    assert "K3" in capsys.readouterr().err  # the roster's person with no row, named


def test_roster_encoding_without_a_roster_is_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "staff.csv").write_text("id,persona\nK1,dx-promoter\n", encoding="utf-8")
    assert main(["report", "staff.csv", "-o", "out.md", "--roster-encoding", "cp932"]) == 2
    assert capsys.readouterr().err == (
        "skillframe: --roster-encoding は --roster と一緒に指定します / --roster-encoding needs --roster\n"
    )
    assert not (tmp_path / "out.md").exists()


def _two_sheets(path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    wb.active.title = "R7"
    wb.active.append(["職員番号", "人材像", "所属"])
    wb.active.append(["S1", "一般行政職員", "総務課"])
    ws = wb.create_sheet("R8")
    for row in (["職員番号", "人材像", "所属"], ["S1", "一般行政職員", "税務課"], ["S2", "DX推進員", "情報課"]):
        ws.append(row)
    wb.save(path)


@pytest.mark.parametrize("command", ["record", "policy"])
def test_the_advice_for_a_workbook_with_two_id_sheets_can_be_followed(
    command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    if command == "record":
        pytest.importorskip("sqlalchemy")
    monkeypatch.chdir(tmp_path)
    _two_sheets(tmp_path / "staff.xlsx")
    args = COMMANDS[command]("staff.xlsx")
    assert main(args) == 1
    assert capsys.readouterr().err == (
        "skillframe: staff.xlsx: id 列のあるシートが複数あります: R7, R8。--sheet で指定してください"
        " / several sheets have an 'id' column: R7, R8; name one with --sheet\n"
    )
    assert main([*args, "--sheet", "R8"]) == 0, capsys.readouterr().err
    if command == "record":
        assert _stored() == [("S1", "税務課"), ("S2", "情報課")]


def test_migrate_reads_the_sheet_and_encoding_given(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    ed = data_dir / "editions"
    (tmp_path / "kana.csv").write_bytes("id,department\r\nK1,ﾃｽﾄｱ\r\n".encode("cp932"))
    base = ["migrate", "--editions", str(ed / "town-std-1.2-to-2.0.yaml")]
    base += ["-c", str(ed / "town-std-1.2.yaml"), "-c", str(ed / "town-std-2.0.yaml")]
    assert main([*base, "kana.csv"]) == 1
    assert capsys.readouterr().err == f"skillframe: kana.csv: {ADVICE.format(opt='--encoding')}\n"
    assert main([*base, "kana.csv", "--encoding", "cp932", "-o", "new.csv"]) == 0
    assert (tmp_path / "new.csv").read_text(encoding="utf-8-sig").splitlines()[1].startswith("K1,,ﾃｽﾄｱ,")
    _two_sheets(tmp_path / "staff.xlsx")
    assert main([*base, "staff.xlsx", "--sheet", "R8", "-o", "new2.csv"]) == 0
    rows = (tmp_path / "new2.csv").read_text(encoding="utf-8-sig").splitlines()
    assert [r.split(",")[0] for r in rows[1:]] == ["S1", "S2"]
    capsys.readouterr()
    assert main([*base, "--db", "sqlite:///h.db", "-y", "2025", "--encoding", "cp932"]) == 2
    assert "--encoding and --sheet are used with STAFF_FILE" in capsys.readouterr().err


def test_collect_reads_an_ambiguous_export_in_the_encoding_given(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "returned").mkdir()
    export = "ID [id],Persona [persona],Name [name]\r\nK1,dx-promoter,ﾃｽﾄｱ\r\n".encode("cp932")
    (tmp_path / "returned" / "export.csv").write_bytes(export)
    assert main(["collect", "returned", "-o", "staff.csv"]) == 1
    said = f"skillframe: export.csv: -: 読めません: {ADVICE.format(opt='--encoding')}"
    assert said.replace(" / the file", " / cannot be read: the file") in capsys.readouterr().err
    assert main(["collect", "returned", "-o", "staff.csv", "--encoding", "cp932"]) == 0
    assert (tmp_path / "staff.csv").read_text(encoding="utf-8-sig").splitlines()[1].startswith("K1,ﾃｽﾄｱ,")


def test_migrate_says_the_staff_files_warnings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    ed = data_dir / "editions"
    (tmp_path / "staff.csv").write_text("id,department,mentorng\nK1,税務課,はい\n", encoding="utf-8")
    base = ["migrate", "--editions", str(ed / "town-std-1.2-to-2.0.yaml")]
    base += ["-c", str(ed / "town-std-1.2.yaml"), "-c", str(ed / "town-std-2.0.yaml")]
    assert main([*base, "staff.csv", "--sheet", "R8", "-o", "new.csv"]) == 0
    err = capsys.readouterr().err
    assert "skillframe: staff.csv: warning: --sheet 'R8' は無視します" in err
    assert "[sheet-ignored]" in err
    assert "[column-near-miss]" in err  # 'mentorng': did you mean mentoring
