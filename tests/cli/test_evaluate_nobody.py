"""``evaluate``'s summary when nobody could be evaluated.

User trial: a staff file whose every row was an error gave ``0名: 未到達 0名, エラー 4行`` — the
Step counts of the normal summary dropped (no ladder was seen) and 未到達 0名 alone read like a
result. It now says plainly that nobody was evaluated.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from skillframe.cli import main


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("ja", "0名: 評価できた職員はいません, エラー 2行"),
        ("en", "0 staff: nobody could be evaluated, errors in 2 row(s)"),
    ],
)
def test_the_summary_says_nobody_was_evaluated(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], lang: str, expected: str
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("staff.csv").write_text(
        "id,persona,department\nX1,ない人材像,総務課\nX2,ない人材像,総務課\n", encoding="utf-8"
    )
    assert main(["evaluate", "staff.csv", "--lang", lang]) == 1
    out = capsys.readouterr().out
    assert out.rstrip().splitlines()[-1] == expected
    assert "Step未満" not in out and "below Step 1" not in out
    monkeypatch.setattr("sys.stderr.isatty", lambda: True)  # beside a file: the summary on a terminal's stderr
    assert main(["evaluate", "staff.csv", "--lang", lang, "--format", "json"]) == 1
    assert expected in capsys.readouterr().err
