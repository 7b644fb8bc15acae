"""docs/policy.md works as written: the walk of ``test_docs_shell``, then checks of what it made.

The page is a reference page (its install line is the README's), so ``skillframe`` is this test
run's interpreter on the copy's ``src`` and the walk takes seconds.
"""

from __future__ import annotations

from pathlib import Path

from test_docs_shell import walk


def test_shell_blocks_run_as_written(tmp_path: Path) -> None:
    done = walk("docs/policy.md", tmp_path)
    # the documented flow is among them: record under the overlay, then draft from the history
    assert any(c.startswith("skillframe record staff.csv --catalog town.yaml --db") for c in done.commands)
    assert any("--db sqlite:///history.db -m 131016 --kind annual -o 年度計画.docx" in c for c in done.commands)
    assert (done.work / "年度計画.docx").read_bytes()[:2] == b"PK"
