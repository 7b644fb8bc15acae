"""An option that does not apply to the staff file is said, never silently ignored: ``--sheet``
(``sheet=``) with a CSV/TSV/JSON file (``sheet-ignored``) and ``--encoding`` (``encoding=``)
with an XLSX file (``encoding-ignored``) are warnings of the staff reader — so every command and
the API say them — and never errors: the file is read as without them."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

import skillframe
from skillframe.cli import main

SHEET_CSV = (
    "--sheet '職員' は無視します（CSV/TSV ファイルにはシートがありません）"
    " / --sheet '職員' ignored: a CSV/TSV file has no sheets"
)


def _xlsx(path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["id", "persona"])
    ws.append(["A1", "DX推進員"])
    wb.save(path)
    return path


def test_a_sheet_for_a_text_or_json_file_is_a_warning(tmp_path: Path) -> None:
    csv = tmp_path / "s.csv"
    csv.write_text("id,persona\nA1,DX推進員\n", encoding="utf-8")
    t = skillframe.read_staff(csv, sheet="職員")
    assert [r.id for r in t.records] == ["A1"] and t.errors == ()
    assert [(w.row, w.column, w.code, w.file, w.message) for w in t.warnings] == [
        (None, None, "sheet-ignored", str(csv), SHEET_CSV)
    ]
    assert str(t.warnings[0]) == f"{csv}: warning: {SHEET_CSV} [sheet-ignored]"
    js = tmp_path / "s.json"
    js.write_text('[{"id": "A1", "persona": "DX推進員"}]', encoding="utf-8")
    assert [w.message for w in skillframe.read_staff(js, sheet="S1").warnings] == [
        "--sheet 'S1' は無視します（JSON ファイルにはシートがありません）"
        " / --sheet 'S1' ignored: a JSON file has no sheets"
    ]
    assert skillframe.read_staff(csv).warnings == () and skillframe.read_staff(js, encoding="utf-8").warnings == ()


def test_an_encoding_for_an_xlsx_file_is_a_warning(tmp_path: Path) -> None:
    xlsx = _xlsx(tmp_path / "s.xlsx")
    t = skillframe.read_staff(xlsx, encoding="cp932")
    assert [r.id for r in t.records] == ["A1"]
    assert [(w.row, w.code, w.file, w.message) for w in t.warnings] == [
        (
            None,
            "encoding-ignored",
            str(xlsx),
            "--encoding 'cp932' は無視します（XLSX ファイルには文字コードの指定は要りません）"
            " / --encoding 'cp932' ignored: an XLSX file needs no encoding",
        )
    ]
    assert skillframe.read_staff(xlsx, sheet="Sheet").warnings == ()


@pytest.mark.parametrize("command", ["evaluate", "report"])
def test_every_command_says_it_on_stderr(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("s.csv").write_text("id,persona\nA1,DX推進員\n", encoding="utf-8")
    _xlsx(tmp_path / "s.xlsx")
    out = "r.md" if command == "report" else "e.csv"
    assert main([command, "s.csv", "--sheet", "職員", "-o", out]) == 0
    assert f"skillframe: s.csv: warning: {SHEET_CSV} [sheet-ignored]\n" in capsys.readouterr().err
    assert main([command, "s.xlsx", "--encoding", "cp932", "-o", out]) == 0
    assert "skillframe: s.xlsx: warning: --encoding 'cp932' は無視します" in capsys.readouterr().err
