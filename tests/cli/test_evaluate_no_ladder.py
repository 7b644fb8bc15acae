"""``evaluate`` with staff of a persona without a ladder (管理監督職, CIO補佐官).

User trial: a municipal roster naturally holds managers; the WG tracks them by Off-JT only
(「段階分け無し(Off-JT受講の管理のみ)」). Every manager row was the row error
``persona-without-ladder`` (exit 1, 'did you mean: 一般行政職員'), as if the data were wrong.
Such a row is now 評価対象外: in the result with that status, counted apart in the summary,
named in one warning, exit 0 when nothing else is wrong.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from skillframe.cli import main

STAFF = (
    "職員番号,人材像,所属,研修\n"
    "A1,DX推進員,総務課,\n"
    "M1,管理監督職,総務課,変革ゴール設定\n"
    "A2,一般行政職員,税務課,\n"
    "M2,CIO補佐官,情報課,\n"
)


@pytest.fixture
def staff(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The roster above as staff.csv, in a working folder of its own (outputs go beside it)."""
    monkeypatch.chdir(tmp_path)
    return _roster(STAFF)


def _roster(text: str) -> Path:
    Path("staff.csv").write_text(text, encoding="utf-8")
    return Path("staff.csv").resolve()


def test_managers_are_not_evaluated_and_not_errors(staff: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["evaluate", str(staff)]) == 0
    cap = capsys.readouterr()
    rows = [line.split() for line in cap.out.splitlines() if line[:2] in ("A1", "M1", "A2", "M2")]
    assert [r[0] for r in rows] == ["A1", "M1", "A2", "M2"]  # input order, every row
    assert rows[1][1:] == ["一般行政職員（管理監督職）", "総務課", "評価対象外（段階なし）"]
    assert "うち段階のない人材像 2名（評価対象外）, エラー 0行" in cap.out
    assert cap.out.rstrip().splitlines()[-1].startswith("4名")
    assert "persona-without-ladder" not in cap.err and "行エラー" not in cap.err
    warnings = [line for line in cap.err.splitlines() if "[not-evaluated-no-ladder]" in line]
    assert len(warnings) == 1
    assert "3 (M1), 5 (M2)" in warnings[0] and "もしかして" not in warnings[0]


def test_result_file_holds_them_with_a_status_and_no_error(staff: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["evaluate", str(staff), "-o", "out.csv", "--errors", "errors.csv"]) == 0
    with Path("out.csv").open(encoding="utf-8-sig", newline="") as fh:
        head, *table = list(csv.reader(fh))
    by_id = {r[1]: dict(zip(head, r, strict=True)) for r in table}
    assert [r[0] for r in table] == ["2", "3", "4", "5"]
    assert by_id["M2"]["到達段階"] == "評価対象外（段階なし）"
    assert by_id["M2"]["不足数"] == "" and by_id["M2"]["エラー"] == ""
    assert by_id["A1"]["到達段階"] == "Step未満"
    with Path("errors.csv").open(encoding="utf-8-sig", newline="") as fh:
        assert len(list(csv.reader(fh))) == 1  # the header only
    assert "[not-evaluated-no-ladder]" in capsys.readouterr().err


def test_order_kept_beside_errors_and_wide(staff: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _roster(STAFF + "X1,DX推進,税務課,\nM3,管理監督職,税務課,\n")
    assert main(["evaluate", str(staff), "--wide", "-o", "out.csv"]) == 1  # the unknown persona only
    with Path("out.csv").open(encoding="utf-8-sig", newline="") as fh:
        head, *table = list(csv.reader(fh))
    assert [r[1] for r in table] == ["A1", "M1", "A2", "M2", "X1", "M3"]
    m3 = dict(zip(head, table[-1], strict=True))
    assert m3["到達段階"] == "評価対象外（段階なし）" and m3["段階番号"] == "" and m3["エラー"] == ""
    err = capsys.readouterr().err
    assert "unknown-persona" in err and "persona-without-ladder" not in err


def test_json_leaves_them_out_and_the_warning_names_every_row(staff: Path, capsys: pytest.CaptureFixture[str]) -> None:
    many = "".join(f"M{i},管理監督職,総務課,\n" for i in range(3, 10))
    _roster(STAFF + many)
    assert main(["evaluate", str(staff), "--format", "json"]) == 0
    cap = capsys.readouterr()
    assert [d["record"]["id"] for d in json.loads(cap.out)] == ["A1", "A2"]
    (warning,) = [line for line in cap.err.splitlines() if "[not-evaluated-no-ladder]" in line]
    assert all(f"({i})" in warning for i in ["M1", "M2", *(f"M{i}" for i in range(3, 10))])
    assert main(["evaluate", str(staff)]) == 0  # the table shows them: the first five are named
    (warning,) = [line for line in capsys.readouterr().err.splitlines() if "[not-evaluated-no-ladder]" in line]
    assert "(M5)" in warning and "(M6)" not in warning and "ほか 4 名" in warning


def test_a_type_of_a_framework_without_ladders_gets_a_hint(staff: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _roster("id,persona\nA,一般行政職\n")  # the 総務省 type: likely meant 一般行政職員
    assert main(["evaluate", str(staff), "--lang", "en"]) == 0
    cap = capsys.readouterr()
    assert "1 staff: nobody could be evaluated, 1 of a persona without a ladder (not evaluated)" in cap.out
    assert "もしかして: 一般行政職員" in cap.err


def test_persona_option_without_a_ladder_stays_an_error(staff: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["evaluate", str(staff), "--persona", "管理監督職"]) == 1
    assert "段階がないため評価できません" in capsys.readouterr().err
