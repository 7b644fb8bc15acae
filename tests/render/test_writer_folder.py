"""An output into a folder that does not exist is refused, naming the folder (never a temporary file)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import skillframe
from skillframe import OutputError, Table
from skillframe.render.writer import SafeOutput, check_folder, write_bytes, write_text


@pytest.mark.parametrize("write", [write_text, write_bytes])
def test_missing_folder_is_no_such_folder(tmp_path: Path, write: object) -> None:
    target = tmp_path / "nodir" / "x.csv"
    with pytest.raises(OutputError) as info:
        write(target, "a" if write is write_text else b"a")  # type: ignore[operator]
    assert info.value.code == "no-such-folder" and info.value.path == str(target)
    message = str(info.value)
    assert f"フォルダ {tmp_path / 'nodir'}{os.sep} がありません" in message
    assert f"the folder {tmp_path / 'nodir'}{os.sep} does not exist" in message
    assert ".tmp" not in message
    assert not (tmp_path / "nodir").exists()  # never created


def test_relative_folder_is_named_as_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(OutputError) as info:
        SafeOutput(os.path.join("a", "b", "x.docx"))
    assert f"the folder {os.path.join('a', 'b')}{os.sep} does not exist (output " in str(info.value)


def test_folder_that_is_a_file_and_output_that_is_a_folder(tmp_path: Path) -> None:
    (tmp_path / "afile").write_text("keep", encoding="utf-8")
    with pytest.raises(OutputError) as info:
        check_folder(tmp_path / "afile" / "x.csv")
    assert info.value.code == "no-such-folder" and "is not a folder" in str(info.value)
    with pytest.raises(OutputError) as info:
        write_text(tmp_path, "x")
    assert info.value.code == "output-is-folder"
    assert (tmp_path / "afile").read_text(encoding="utf-8") == "keep"


def test_table_write_into_a_missing_folder(tmp_path: Path) -> None:
    table = Table(title="t", headers=("id",), rows=(("1",),))
    with pytest.raises(OutputError) as info:
        table.write(tmp_path / "nodir" / "t.xlsx")
    assert info.value.code == "no-such-folder"
    assert isinstance(info.value, skillframe.SkillframeError) and isinstance(info.value, ValueError)


def test_a_folder_removed_before_writing_is_named(tmp_path: Path) -> None:
    folder = tmp_path / "gone"
    folder.mkdir()
    out = SafeOutput(folder / "x.csv")
    folder.rmdir()
    with pytest.raises(OutputError) as info:
        out.text()
    assert info.value.code == "no-such-folder" and ".tmp" not in str(info.value)
