"""One name for "no step reached yet" and one for "a persona without a ladder".

User trial: evaluate said 未到達, history and the 年度推移 Step未満, and the report's
attainment table had a column 「段階なし」 — while 「評価対象外（段階なし）」 means a persona with
no ladder at all (管理監督職). The manager's row read 「段階なし —」 beside 一般行政職員's
「段階なし 4」. Rank 0 of a ladder is now Step未満 / below Step 1 everywhere
(:data:`skillframe.engine.result.BELOW_STEP1`), and 段階なし only ever means "no ladder".
"""

from __future__ import annotations

from pathlib import Path

import pytest

import skillframe
from skillframe.cli import main
from skillframe.engine.result import BELOW_STEP1, NOT_EVALUATED
from skillframe.render.tables import attainment_table

STAFF = "職員番号,人材像,所属,研修\nA1,DX推進員,総務課,\nM1,管理監督職,総務課,変革ゴール設定\nA2,一般行政職員,税務課,\n"


@pytest.fixture
def staff(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    Path("staff.csv").write_text(STAFF, encoding="utf-8")
    return Path("staff.csv").resolve()


def test_the_two_words() -> None:
    assert BELOW_STEP1 == ("Step未満", "below Step 1")
    assert NOT_EVALUATED == ("評価対象外（段階なし）", "not evaluated (no ladder)")


def test_evaluate_says_step_miman(staff: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["evaluate", str(staff)]) == 0
    out = capsys.readouterr().out
    steps = {line.split()[0]: line.split()[3] for line in out.splitlines() if line[:2] in ("A1", "M1", "A2")}
    assert steps == {"A1": "Step未満", "M1": "評価対象外（段階なし）", "A2": "Step未満"}
    assert out.rstrip().splitlines()[-1] == (
        "3名（うちデータ不足 2名）: Step未満 2名, Step1 0名, Step2 0名, Step3 0名, "
        "うち段階のない人材像 1名（評価対象外）, エラー 0行"
    )
    assert "未到達" not in out
    assert main(["evaluate", str(staff), "--lang", "en"]) == 0
    assert capsys.readouterr().out.rstrip().splitlines()[-1] == (
        "3 staff (2 with data missing for the next step): below Step 1: 2, Step 1: 0, Step 2: 0, Step 3: 0, "
        "1 of a persona without a ladder (not evaluated), errors in 0 row(s)"
    )


def test_evaluate_file_cell(staff: Path) -> None:
    assert main(["evaluate", str(staff), "-o", "out.csv"]) == 0
    rows = Path("out.csv").read_text(encoding="utf-8-sig").splitlines()
    assert rows[1].split(",")[:5] == ["2", "A1", "DX推進員", "総務課", "Step未満"]
    assert rows[2].split(",")[:5] == ["3", "M1", "一般行政職員（管理監督職）", "総務課", "評価対象外（段階なし）"]


def test_report_column_is_not_danka_nashi() -> None:
    cat = skillframe.load()
    staff = [
        {"id": "A1", "persona": "DX推進員", "department": "総務課", "trainings": []},
        {"id": "M1", "persona": "管理監督職", "department": "総務課"},
    ]
    r = skillframe.rollup(cat, staff)
    t = attainment_table(r, "ja")
    assert t.headers[:3] == ("人材像", "人数", "Step未満")
    assert {row[0]: row[2] for row in t.rows} == {"DX推進員": "1", "一般行政職員（管理監督職）": "—"}
    assert t.notes[1] == (
        "段階のない人材像（段階分け無し: 研修受講のみ管理）の職員 1 名は段階で評価しません"
        "（「Step未満」欄は —、研修受講率には数えます）"
    )
    en = attainment_table(r, "en")
    assert en.headers[2] == "below Step 1"
    assert en.notes[1] == (
        "1 staff of personas without a ladder (training attendance only) are not evaluated against steps "
        "('below Step 1' shows —; counted in training completion)"
    )


def test_report_uses_danka_nashi_only_for_no_ladder(staff: Path) -> None:
    assert main(["report", str(staff), "-o", "r.md"]) == 0
    text = Path("r.md").read_text(encoding="utf-8")
    assert "段階なし" not in text.replace("評価対象外（段階なし）", "")
    assert "| 一般行政職員（管理監督職） | 1      | —" in text


def test_explain_words() -> None:
    cat = skillframe.load()
    ev = skillframe.evaluate(cat, "DX推進員", {"id": "A1", "trainings": []})
    assert ev.explain("ja").splitlines()[0] == "A1: DX推進員 — Step未満; Step1 (Off-JT) まで:"
    assert ev.explain("en").splitlines()[0] == "A1: DX promoter — below Step 1; for Step 1 (Off-JT):"
    boss = skillframe.evaluate(cat, "管理監督職", {"id": "M1"})  # no ladder: not "no step (top of the ladder)"
    assert boss.explain("ja") == "M1: 一般行政職員（管理監督職） — 評価対象外（段階なし）"
