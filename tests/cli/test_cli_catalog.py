"""The catalog commands of the CLI: list, show, validate, schema (in-process and as a console script)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from skillframe.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("what", ["frameworks", "personas", "skills", "steps", "scales", "trainings", "tools"])
def test_list_each_kind_as_json(capsys: pytest.CaptureFixture[str], what: str) -> None:
    code, out, _ = run(capsys, "list", what, "--format", "json")
    assert code == 0
    rows = json.loads(out)
    assert rows and all("id" in r for r in rows)


def test_list_personas_of_one_framework(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "list", "personas", "--framework", "tokyo-wg-2025", "--format", "csv")
    assert code == 0
    lines = out.strip().splitlines()
    assert lines[0] == "ID,名称,部門,継承元,スキル数,段階数"  # headers follow --lang (ja by default)
    assert len(lines) == 1 + 7
    assert "tokyo-wg-2025:dx-central,全庁DX推進担当" in out


def test_list_in_english(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "list", "personas", "--framework", "tokyo-wg-2025", "--lang", "en")
    assert code == 0
    assert "DX promoter" in out


def test_show_persona_with_inheritance_ladder_and_sources(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "show", "全庁DX推進担当")
    assert code == 0
    assert "19: own 2, inherited 17" in out
    assert "← DX推進員" in out and "← 一般行政職員" in out
    assert out.count("Step") >= 3
    assert "研修受講済" in out and "DX案件リード年数 1以上" in out
    assert "区市町村デジタル人材確保・育成検討WG 報告書" in out
    assert "interpretation" in out


def test_show_persona_without_ladder_says_why(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "show", "CIO補佐官")
    assert code == 0
    assert "専門性が既に高い人材のため" in out


def test_show_full_width_key(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "show", "ＤＸ推進員", "--framework", "tokyo-wg-2025")
    assert code == 0
    assert out.startswith("DX推進員")


def test_show_unknown_key_exits_1_with_suggestion(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "show", "DX推進委員")
    assert code == 1
    assert "did you mean" in err and "DX推進員" in err
    assert "Traceback" not in err


def test_show_ambiguous_key_lists_candidates(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "show", "project-management")
    assert code == 1
    assert "tokyo-wg-2025:project-management" in err and "ipa-dss:project-management" in err


@pytest.mark.parametrize(
    "argv",
    [
        ["list"],
        ["list", "nothing"],
        ["show"],
        ["validate"],
        ["list", "personas", "--format", "nope"],
        ["frobnicate"],
        [],
    ],
)
def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    code, _, err = run(capsys, *argv)
    assert code == 2
    assert "Traceback" not in err


def test_help_shows_an_example(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "show", "--help")
    assert code == 0
    assert "skillframe show 全庁DX推進担当" in out


def test_output_file(capsys: pytest.CaptureFixture[str], tmp_path: pytest.TempPathFactory) -> None:
    target = tmp_path / "skills.csv"  # type: ignore[operator]
    code, out, _ = run(capsys, "list", "skills", "--format", "csv", "-o", str(target))
    assert code == 0 and out == ""
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 with a BOM: Japanese Excel reads it right
    assert data.decode("utf-8-sig").startswith("ID,名称")


def test_python_dash_m_and_console_script() -> None:
    out = subprocess.run([sys.executable, "-m", "skillframe", "--version"], capture_output=True, text=True, check=True)
    assert out.stdout.startswith("skillframe ")


def _run_on_a_terminal(argv: list[str]) -> bytes:
    """Run the CLI with its output on a pseudo-terminal; what the terminal showed."""
    import os
    import pty

    pid, fd = pty.fork()
    if pid == 0:  # pragma: no cover - the child
        os.execvp(sys.executable, [sys.executable, "-m", "skillframe", *argv])
    shown = b""
    while True:
        try:
            chunk = os.read(fd, 4096)
        except OSError:
            break
        if not chunk:
            break
        shown += chunk
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0, shown
    return shown


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_progress_on_a_terminal_only(tmp_path: pytest.TempPathFactory) -> None:
    staff = str(Path(__file__).resolve().parents[2] / "examples" / "staff.csv")
    out = str(tmp_path / "out.txt")  # type: ignore[operator]
    assert b"rows 40/40" in _run_on_a_terminal(["evaluate", staff, "-o", out])
    piped = subprocess.run(
        [sys.executable, "-m", "skillframe", "evaluate", staff, "-o", out], capture_output=True, check=False
    )
    assert piped.returncode == 0 and piped.stderr == b""  # quiet when stderr is not a terminal
