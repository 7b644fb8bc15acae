"""``collect`` with a file or folder that does not exist: one clear error naming it, before anything is read."""

from __future__ import annotations

from pathlib import Path

import pytest

from skillframe.cli import main


def test_collect_a_missing_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("returned").mkdir()
    assert main(["collect", "nosuch/", "returned", "a.xlsx", "-o", "staff.csv"]) == 1
    out, err = capsys.readouterr()
    assert "ファイルまたはフォルダがありません: nosuch/, a.xlsx / no such file or folder: nosuch/, a.xlsx" in err
    assert "openpyxl" not in err and "Traceback" not in err and out == ""
    assert not Path("staff.csv").exists()
