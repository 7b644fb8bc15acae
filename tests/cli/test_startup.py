"""Start-up: a run of one command imports that command's module only (the others cost time),
and the list of command names is the list of command modules."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from skillframe.cli import COMMANDS, NAMES, build_parser

ROOT = Path(__file__).resolve().parents[2]


def test_names_are_the_command_modules_in_order() -> None:
    assert [m.NAME for m in COMMANDS] == list(NAMES)
    assert [m.__name__ for m in COMMANDS] == [f"skillframe.cli._{n}" for n in NAMES]


def test_the_parser_of_one_command_is_that_command_of_the_full_parser() -> None:
    argv = ["evaluate", "staff.csv", "--explain", "--format", "csv", "-o", "out.csv"]
    one = vars(build_parser("evaluate").parse_args(argv))
    full = vars(build_parser().parse_args(argv))
    assert one.keys() == full.keys()
    assert {k: v for k, v in one.items() if k != "_run"} == {k: v for k, v in full.items() if k != "_run"}
    assert one["_run"] is full["_run"]


def _evaluate_then(tmp_path: Path, after: str) -> list[str]:
    """Run ``evaluate`` of a one-row file in a fresh interpreter, then the lines ``after``
    (which print what they look at); the printed lines."""
    staff = tmp_path / "staff.csv"
    staff.write_text("id,persona\nA1,DX推進員\n", encoding="utf-8")
    code = (
        "import sys\n"
        "from skillframe.cli import main\n"
        f"rc = main(['evaluate', {str(staff)!r}, '--format', 'csv', '-o', {str(tmp_path / 'out.csv')!r}])\n"
        f"{after}"
        "sys.exit(rc)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "out.csv").read_text(encoding="utf-8-sig").splitlines()[1].startswith("2,A1,DX推進員,")
    return proc.stdout.splitlines()


def test_evaluate_imports_no_other_command(tmp_path: Path) -> None:
    after = (
        "from skillframe.cli import NAMES\n"
        "commands = {f'skillframe.cli._{n}' for n in NAMES if n != 'evaluate'}\n"
        "print(sorted(m for m in sys.modules if m in commands))\n"
    )
    assert _evaluate_then(tmp_path, after) == ["[]"]  # no other command's module
