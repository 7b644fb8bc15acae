"""``-o``, ``--errors`` and ``--report`` into a folder that does not exist: refused before anything is read.

Exit 2 (like every output refusal), the message names the folder as written (ja/en), never the
temporary file; nothing is created. The inputs named here do not exist either: the folder is
checked first, so a long command stops at once instead of after computing everything.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from skillframe.cli import main

_NODIR = os.path.join("nodir", "")


@pytest.mark.parametrize(
    "argv",
    [
        ("evaluate", "no-staff.csv", "-o", "nodir/x.csv"),
        ("evaluate", "no-staff.csv", "--errors", "nodir/e.csv"),
        ("report", "no-staff.csv", "-o", "nodir/r.xlsx"),
        ("collect", "no-forms", "-o", "nodir/x.csv"),
        ("policy", "--staff", "no-staff.csv", "-o", "nodir/x.docx"),
        ("policy", "--format", "md", "-o", "nodir/x.md"),
        ("migrate", "no-staff.csv", "--editions", "no-map.yaml", "--report", "nodir/r.csv"),
        ("migrate", "no-staff.csv", "--editions", "no-map.yaml", "-o", "nodir/s.csv"),
        ("list", "skills", "-o", "nodir/skills.csv"),
    ],
)
def test_output_into_a_missing_folder(
    argv: tuple[str, ...], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(list(argv)) == 2
    err = capsys.readouterr().err
    assert f"フォルダ {_NODIR} がありません" in err and f"the folder {_NODIR} does not exist" in err, err
    assert ".tmp" not in err and "Traceback" not in err and "no-staff" not in err
    assert not (tmp_path / "nodir").exists()


def test_output_into_a_file_as_folder_and_onto_a_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("afile").write_text("keep", encoding="utf-8")
    Path("adir").mkdir()
    assert main(["list", "skills", "-o", "afile/x.csv"]) == 2
    assert "is not a folder" in capsys.readouterr().err
    assert main(["list", "skills", "-o", "adir", "--format", "csv"]) == 2
    assert "is a folder" in capsys.readouterr().err
    assert Path("afile").read_text(encoding="utf-8") == "keep" and list(Path("adir").iterdir()) == []
