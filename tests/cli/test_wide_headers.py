"""``evaluate --wide`` never writes two columns of one name: the staff file's other columns
that share a name with a column of the result (``到達段階``, ``エラー``, a JSON item's ``row``)
are told apart (``到達段階 (職員ファイル)``), and a JSON ``extra`` key naming a staff column
(``職員番号``) is a row error. The result file reads back as a staff file."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

import skillframe
from skillframe.cli import main


def _header(path: Path) -> list[str]:
    return next(csv.reader(path.read_text(encoding="utf-8-sig").splitlines()))


def test_columns_named_as_result_columns_are_told_apart(tmp_path: Path) -> None:
    staff = tmp_path / "staff.csv"
    staff.write_text("id,persona,到達段階,エラー\nA,DX推進員,x,y\n", encoding="utf-8")
    out = tmp_path / "w.csv"
    assert main(["evaluate", str(staff), "--wide", "-o", str(out)]) == 0
    header = _header(out)
    assert header[-3:] == ["到達段階 (職員ファイル)", "エラー (職員ファイル)", "エラー"]
    assert len(set(header)) == len(header)
    back = skillframe.read_staff(out)  # read back: no duplicate column
    assert back.records[0].extra["エラー (職員ファイル)"] == "y"
    again = tmp_path / "w2.csv"
    assert main(["evaluate", str(out), "--wide", "-o", str(again)]) == 0
    assert len(set(_header(again))) == len(_header(again))


def test_a_json_row_key_is_told_apart_in_english(tmp_path: Path) -> None:
    staff = tmp_path / "staff.json"
    staff.write_text(json.dumps([{"id": "A", "persona": "DX推進員", "row": "r"}]), encoding="utf-8")
    out = tmp_path / "w.csv"
    assert main(["evaluate", str(staff), "--wide", "--lang", "en", "-o", str(out)]) == 0
    assert _header(out)[-2:] == ["row (staff file)", "error"] and _header(out)[0] == "row"


def test_an_extra_key_naming_a_column_is_a_row_error_not_a_second_column(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    staff = tmp_path / "x.json"
    staff.write_text(json.dumps([{"id": "A", "persona": "DX推進員", "extra": {"職員番号": "B"}}]), encoding="utf-8")
    out = tmp_path / "w.csv"
    assert main(["evaluate", str(staff), "--wide", "-o", str(out)]) == 1
    assert "[extra-names-column]" in capsys.readouterr().err
    assert _header(out).count("職員番号") == 1
    assert [e.code for e in skillframe.read_staff(out).errors] == []  # reads back
