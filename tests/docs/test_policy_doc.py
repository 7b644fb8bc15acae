"""docs/policy.md works as written: its shell blocks run, in order, in a fresh copy of the checkout.

The same walk as ``test_docs_shell`` (``file=`` blocks written, ``sh`` blocks run with bash
``set -euo pipefail``, ``console`` output compared), with ``skillframe`` the command of this
test run's interpreter on the copy's ``src`` instead of a fresh ``pip install``: the page is a
reference page (its install line is the README's), and the walk then takes seconds.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from test_docs_shell import ROOT, _checkout_copy, _console, _matches, blocks

DOCS = ["docs/policy.md"]


def _shim(work: Path) -> dict[str, str]:
    """An environment whose ``skillframe`` runs this interpreter on the copy's ``src``."""
    bin_dir = work / ".bin"
    bin_dir.mkdir()
    shim = bin_dir / "skillframe"
    shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m skillframe "$@"\n', encoding="utf-8")
    shim.chmod(shim.stat().st_mode | stat.S_IXUSR)
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "SKILLFRAME_MUNICIPALITY")}
    env["PATH"] = os.pathsep.join([str(bin_dir), env.get("PATH", "")])
    env["PYTHONPATH"] = str(work / "src")
    return env


def _bash(script: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", "-c", "set -euo pipefail\n" + script],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=600,
        env=env,
        check=False,
    )


@pytest.mark.parametrize("doc", DOCS)
def test_shell_blocks_run_as_written(doc: str, tmp_path: Path) -> None:
    if shutil.which("bash") is None:  # pragma: no cover - every supported system has it
        pytest.skip("bash not installed")
    work = tmp_path / "checkout"
    work.mkdir()
    _checkout_copy(work)
    env = _shim(work)
    commands: list[str] = []
    for block in blocks((ROOT / doc).read_text(encoding="utf-8")):
        where = f"{doc}:{block.line}"
        if block.skip:
            continue
        if block.file:
            (work / block.file).write_text(block.body, encoding="utf-8")
        elif block.lang in ("sh", "bash", "shell"):
            done = _bash(block.body, work, env)
            assert done.returncode == 0, f"{where}\n{block.body}\n--- stderr\n{done.stderr[-3000:]}"
            commands += [line for line in block.body.splitlines() if line.startswith("skillframe ")]
        elif block.lang == "console":
            for command, expected in _console(block.body):
                done = _bash(f"{{ {command}\n}} 2>&1", work, env)
                assert done.returncode == block.exit, f"{where}: {command}\n{done.stdout[-3000:]}"
                assert _matches(expected, done.stdout.splitlines()), f"{where}: {command}\n{done.stdout[-3000:]}"
    # the documented flow is among them: record under the overlay, then draft from the history
    assert any(c.startswith("skillframe record staff.csv --catalog town.yaml --db") for c in commands)
    assert any("--db sqlite:///history.db -m 131016 --kind annual -o 年度計画.docx" in c for c in commands)
    assert (work / "年度計画.docx").read_bytes()[:2] == b"PK"
