"""``skillframe policy --db``: current figures from the assessment history instead of a staff file."""

from __future__ import annotations

from pathlib import Path

import pytest

from skillframe.cli import main

STAFF = Path(__file__).parents[2] / "examples" / "staff.csv"


@pytest.fixture
def db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    url = f"sqlite:///{tmp_path / 'h.db'}"
    assert main(["record", str(STAFF), "--db", url, "-m", "131016", "--year", "2025"]) == 0
    capsys.readouterr()
    return url


def _figures(md: str) -> str:
    """The (4) 現状の分析 section up to the line naming its source."""
    part = md.split("## 4. 現状の分析と育成目標（数値目標）", 1)[1]
    return part.split("<small>出典:", 1)[0]


def test_db_gives_the_same_counts_as_the_staff_file(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["policy", "--staff", str(STAFF), "--format", "md"]) == 0
    from_staff = capsys.readouterr().out
    assert main(["policy", "--db", db, "-m", "131016", "--format", "md"]) == 0
    from_db = capsys.readouterr().out
    assert "| DX推進員             | 19     | 11         | 8 (42.1%)" in _figures(from_db)
    assert _figures(from_db) == _figures(from_staff)
    assert "出典: 評価履歴データベース sqlite:///" in from_db
    assert "（団体コード 131016、2025年度、記録日 " in from_db
    assert "職員データ " not in _figures(from_db) and "評価履歴" not in from_staff


def test_annual_states_last_years_achievement_from_the_history(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["record", str(STAFF), "--db", db, "-m", "131016", "--year", "2026"]) == 0
    capsys.readouterr()
    assert main(["policy", "--db", db, "-m", "131016", "--kind", "annual", "--format", "md"]) == 0
    out = capsys.readouterr().out
    purpose = out.split("## 1. 策定の目的（前年度の達成状況/改善点）", 1)[1].split("## 2.", 1)[0]
    assert "| 人材像               | 段階     | 2025年度   | 2026年度   | 増減   |" in purpose
    assert "| DX推進員             | Step1    | 5          | 5          | +0     |" in purpose
    assert "2026年度、記録日" in purpose and "と2025年度の記録を比較" in purpose
    # --year picks an earlier 年度: no year before it, so no invented zeros
    assert main(["policy", "--db", db, "-m", "131016", "--year", "2025", "--kind", "annual", "--format", "md"]) == 0
    out = capsys.readouterr().out
    assert "| DX推進員             | Step1    | —                    | 5          | —      |" in out
    assert "（前年度の記録なし）" in out


def test_db_and_staff_together_is_a_usage_error(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["policy", "--db", db, "--staff", str(STAFF), "--format", "md"]) == 2
    err = capsys.readouterr().err
    assert "--staff と --db は同時に指定できません / give either --staff or --db, not both" in err
    assert main(["policy", "--staff", str(STAFF), "-m", "131016", "--format", "md"]) == 2


def test_year_not_recorded_is_a_clear_error(db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "方針.md"
    assert main(["policy", "--db", db, "-m", "131016", "--year", "2024", "--format", "md", "-o", str(out)]) == 1
    cap = capsys.readouterr()
    assert "2024年度の記録がありません（記録のある年度: 2025） / fiscal year 2024 is not recorded (recorded: 2025)" in (
        cap.err
    )
    assert "Traceback" not in cap.err and not out.exists()
