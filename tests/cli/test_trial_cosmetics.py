"""Small things a first-time user met (trial F9), each as the user saw it and as it reads now.

- the 注記's 作成日時 was UTC whatever ``TZ``: local time with its offset;
- ``form -o FILE.xlsx`` said nothing (``--split`` said what it wrote): it says so too;
- ``history -m CODE`` of a municipality with no records said 「指定の年度の記録がありません」
  though no year was given: it names the code, and those that have records;
- ``record`` printed one English-only line (``catalog: …; pseudonymised: no``);
- a sheet name cut at 31 characters lost its closing bracket;
- the 所見 named one training as the most needed, not saying others were tied;
- an error row of ``evaluate -o`` left 人材像 blank though the persona cell was readable;
- ``report`` with no ``-o`` printed the HTML page on the terminal.
(The form's empty version cell: tests/forms/test_collect_catalog_change.py.)
"""

from __future__ import annotations

import csv
import datetime as dt
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

import skillframe
from skillframe.cli import main
from skillframe.render.findings import findings
from skillframe.render.xlsx import sheet_name

STAFF = "職員番号,人材像,所属,研修\nA1,DX推進員,総務課,\nA2,一般行政職員,税務課,\n"
JST = dt.timezone(dt.timedelta(hours=9))


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    Path("staff.csv").write_text(STAFF, encoding="utf-8")
    return tmp_path


@pytest.fixture
def tokyo(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TZ", "Asia/Tokyo")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_notes_time_is_local_with_its_offset(here: Path, tokyo: None) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    before = dt.datetime.now(JST).strftime("%Y-%m-%d %H:%M +09:00")
    assert main(["evaluate", "staff.csv", "-o", "out.xlsx"]) == 0
    after = dt.datetime.now(JST).strftime("%Y-%m-%d %H:%M +09:00")
    notes = [r[0] for r in openpyxl.load_workbook("out.xlsx")["注記"].iter_rows(values_only=True)]
    [stamp] = [n for n in notes if str(n).startswith("作成日時: ")]
    assert stamp in (f"作成日時: {before}", f"作成日時: {after}")
    assert stamp.endswith(" +09:00") and "UTC" not in stamp


def test_local_time() -> None:
    from skillframe.cli._context import local_time

    moment = dt.datetime(2026, 12, 2, 4, 5, tzinfo=dt.UTC)
    assert local_time(moment, JST) == "2026-12-02 13:05 +09:00"
    assert local_time(moment, dt.UTC) == "2026-12-02 04:05 +00:00"


def test_form_says_what_it_wrote(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("openpyxl")
    assert main(["form", "--roster", "staff.csv", "-o", "票.xlsx"]) == 0
    assert (
        capsys.readouterr().err
        == "票.xlsx に票を書きました（2 人: 1 人 1 シート） / wrote 票.xlsx (2 people: one sheet each)\n"
    )
    assert main(["form", "--persona", "DX推進員", "-o", "空欄.xlsx"]) == 0
    assert capsys.readouterr().err == (
        "空欄.xlsx に票を書きました（DX推進員 の空欄の票 1 シート）"
        " / wrote 空欄.xlsx (a blank form for DX promoter: 1 sheet)\n"
    )


def _recorded(here: Path, capsys: pytest.CaptureFixture[str]) -> tuple[str, str]:
    """The staff file recorded as FY2025 of 131016: the database URL and what record printed."""
    pytest.importorskip("sqlalchemy")
    db = f"sqlite:///{here / 'h.db'}"
    assert main(["record", "staff.csv", "--year", "2025", "-m", "131016", "--db", db]) == 0
    return db, capsys.readouterr().out


def test_history_of_an_unrecorded_municipality_names_it(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db, _ = _recorded(here, capsys)
    assert main(["history", "--db", db, "-m", "011002"]) == 1
    assert capsys.readouterr().err == (
        "skillframe: 団体コード 011002 の記録がありません（記録のある団体コード: 131016）"
        " / nothing recorded for municipality code 011002 (codes recorded: 131016)\n"
    )
    assert main(["history", "--db", db, "--from", "2027"]) == 1
    assert capsys.readouterr().err == (
        "skillframe: 2027年度以降の記録がありません（記録のある年度: 2025）"
        " / nothing recorded from FY2027 (recorded: 2025)\n"
    )


def test_record_says_its_catalog_in_japanese_too(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db, out = _recorded(here, capsys)
    store = skillframe.open_history(db)
    try:
        described = store.runs()[0].catalog.describe()
    finally:
        store.close()
    assert out.splitlines()[-1] == (
        f"カタログ / catalog: {described}; skillframe {skillframe.__version__}; 仮名化 / pseudonymised: なし / no"
    )


def test_a_long_sheet_name_keeps_its_brackets() -> None:
    long = "再評価で変わった結果（現在のカタログ 024398d72eed）"  # 32 characters
    assert sheet_name(long) == "再評価で変わった結果（現在のカタログ 024398d72e…）"
    assert sheet_name(long, [sheet_name(long)]) == "再評価で変わった結果（現在のカタログ 024398…） (2)"
    assert sheet_name("「" + "あ" * 40 + "」") == "「" + "あ" * 28 + "…」"
    assert len(sheet_name("x" * 40)) == 31


def test_findings_name_the_tied_trainings() -> None:
    cat = skillframe.load()
    staff = [
        {"id": "1", "persona": "DX推進員", "department": "総務課", "trainings": []},
        {"id": "2", "persona": "一般行政職員", "department": "総務課", "trainings": []},
    ]
    r = skillframe.rollup(cat, staff)
    assert findings(r)[1] == (
        "次の段階に向けて最も多くの職員に不足しているのは「DXマインドセット研修」「デザイン思考の研修」"
        "「情報セキュリティ研修」など 4 件（同数、各 2 名）です。"
    )
    assert findings(r, lang="en")[1] == (
        "What most holds staff back from their next step is a tie of 4 trainings: DX mindset training, "
        "Design thinking training, Information security training and 1 more (2 people need each)."
    )


def test_error_rows_show_the_persona_as_written(here: Path) -> None:
    Path("staff.csv").write_text(
        "職員番号,人材像,所属,研修\nA1,ＤＸ推進員,総務課,BPR研習\nA2,DX推進,税務課,\n", encoding="utf-8"
    )
    assert main(["evaluate", "staff.csv", "-o", "out.csv"]) == 1
    with Path("out.csv").open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[1][:4] == ["2", "A1", "ＤＸ推進員", "総務課"]  # as written, not the catalog's DX推進員
    assert rows[2][:4] == ["3", "A2", "", "税務課"]  # a persona not found: its message says what was written


def test_report_does_not_print_html_on_a_terminal(
    here: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["report", "staff.csv"]) == 0  # piped: the page, as before
    assert capsys.readouterr().out.startswith("<!DOCTYPE html>")
    monkeypatch.setattr("sys.stdout.isatty", lambda: True)
    assert main(["report", "staff.csv"]) == 2
    cap = capsys.readouterr()
    assert cap.out == ""
    assert cap.err == (
        "skillframe: HTML の報告書は端末には出力しません: -o 報告書.html でファイルに書いてください"
        "（端末で読むなら --format md） / the HTML report is not printed to a terminal: write it with"
        " -o report.html (--format md to read it here)\n"
    )
    assert main(["report", "staff.csv", "--format", "md"]) == 0
    assert capsys.readouterr().out.startswith("# デジタル人材 育成状況レポート")


def test_report_prints_html_on_a_terminal_when_asked_for(
    here: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.stdout.isatty", lambda: True)
    assert main(["report", "staff.csv", "--format", "html"]) == 0  # asked for: printed, not refused
    cap = capsys.readouterr()
    assert cap.err == ""
    assert cap.out.startswith("<!DOCTYPE html>")
    assert cap.out.rstrip().endswith("</html>")
