"""The first-use trial's town, end to end: forms per 課 from a CP932 roster, answers in part,
a blank form, one 課 (福祉課) that never returns its forms; then collect, record, report.

- ``record``'s ``no-answers`` names only people who answered nothing, never one whose training
  questions were answered in part (kept in ``研修（一部回答）``);
- ``report --roster`` counts the roster's people with no row as not answered, in the headcount
  and their 課, and names them; ``report --db`` names the recorded year's people not in the file;
- a year whose ids lost their leading zeros in Excel is recorded as written, with a warning
  ``leading-zeros`` saying the likely cause and the fix.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from _history_helpers import MUNI_A

import skillframe
from skillframe.cli import main

openpyxl = pytest.importorskip("openpyxl")

#: The trial's roster, as Excel saves it (CP932, CRLF): full-width id, 管理監督職, six 課.
ROSTER = (
    "職員番号,氏名,所属,人材像\n"
    "00101,山田 太郎,総務課,ＤＸ推進員\n"
    "00102,佐藤 花子,総務課,一般行政職員\n"
    "00103,鈴木 一郎,企画課,DX推進員\n"
    "00104,髙橋 次郎,企画課,全庁DX推進担当\n"
    "00105,渡邊 三郎,税務課,一般行政職員（管理監督職）\n"
    "00106,伊藤 ①子,税務課,一般行政職員\n"
    "Ｓ１１１,山本 九,福祉課,DX推進員\n"
    "00112,松本 十,福祉課,一般行政職員\n"
)


def _fill(path: Path, answers: dict[str, Any]) -> None:
    """Answer a returned form as its staff would in Excel: ``answers`` is id -> a function
    ``(labels in sheet order) -> {label: value}``."""
    wb = openpyxl.load_workbook(path)
    where = {str(r[2]): str(r[0]) for r in wb["_skillframe"].iter_rows(min_row=7, values_only=True) if r[0]}
    for sid, answer in answers.items():
        ws = wb[where[sid]]
        rows = {str(ws[f"B{r}"].value): r for r in range(14, ws.max_row + 1) if ws[f"B{r}"].value}
        for label, value in answer(list(rows)).items():
            ws[f"F{rows[label]}"] = value
    wb.save(path)


def _trained(labels: list[str]) -> list[str]:
    return [label for label in labels if label.startswith("trained/")]


@pytest.fixture(scope="module")
def town(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The town's folder: 名簿2026.csv, the returned forms (福祉課's never came back) and the
    table collect wrote from them, 職員データ2026.xlsx (6 people of 8)."""
    root = tmp_path_factory.mktemp("town")
    (root / "名簿2026.csv").write_bytes(ROSTER.replace("\n", "\r\n").encode("cp932"))
    roster = str(root / "名簿2026.csv")
    assert main(["form", "--roster", roster, "--split", "department", "-o", str(root / "課別")]) == 0
    returned = root / "回答"
    returned.mkdir()
    for dept in ("総務課", "企画課", "税務課"):
        shutil.copy(root / "課別" / f"{dept}.xlsx", returned / f"{dept}.xlsx")
    # 福祉課.xlsx is never returned
    every = lambda labels: dict.fromkeys(_trained(labels), "受講済")  # noqa: E731
    _fill(
        returned / "総務課.xlsx",
        {
            "00101": lambda labels: {**every(labels), "exp/dx_lead_years": 3, "exp/dx_lead_count": 2},
            # three trainings taken, one not, the others left blank: trainings unknown, kept apart
            "00102": lambda labels: {**dict.fromkeys(_trained(labels)[:3], "受講済"), _trained(labels)[3]: "未受講"},
        },
    )
    _fill(returned / "企画課.xlsx", {"00103": every})  # 00104 left blank: no answer at all
    _fill(
        returned / "税務課.xlsx",
        {
            "00105": lambda labels: dict.fromkeys(_trained(labels)[:5], "受講済"),  # 5 of 14 trainings answered
            "00106": lambda labels: dict.fromkeys(_trained(labels), "未受講"),
        },
    )
    assert main(["collect", str(returned), "-o", str(root / "職員データ2026.xlsx")]) == 0
    return root


def _record_2026(town: Path, db_url: str, capsys: pytest.CaptureFixture[str]) -> tuple[list[str], str]:
    """Record the collected table as FY2026 with the roster: the ``--db``/``-m`` options, and stderr."""
    db = ["--db", db_url, "-m", MUNI_A]
    staff, roster = town / "職員データ2026.xlsx", town / "名簿2026.csv"
    capsys.readouterr()
    assert main(["record", str(staff), "--year", "2026", *db, "--roster", str(roster)]) == 0
    out, err = capsys.readouterr()
    assert "2026年度（131016）: 8 人を記録" in out
    return db, err


def test_no_answers_names_only_people_who_answered_nothing(
    town: Path, db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    _db, err = _record_2026(town, db_url, capsys)
    [no_answers] = [line for line in err.splitlines() if line.endswith("[no-answers]")]
    # 00102 and 00105 answered some training questions (研修（一部回答）): they are not empty forms
    assert no_answers.startswith("skillframe: warning: 1名は回答が空です（未回答の自己チェック票?）: 00104。")
    assert "/ 1 people have no answers (unanswered forms?): 00104; " in no_answers
    assert "[trainings-partly-answered]" not in err  # collect said it; record keeps them as unknown trainings
    with skillframe.open_history(db_url) as store:
        rows = {a.id: a.record for a in store.assessments(2026)}
    assert rows["00105"].trainings is None and rows["00105"].extra["研修（一部回答）"].startswith("受講済: ")


def test_api_no_answers_counts_partly_answered_trainings_as_answered(open_store: Any, cat: skillframe.Catalog) -> None:
    partly = {"研修（一部回答）": "受講済: tokyo-wg-2025:dx-necessity / 未受講: - / 空欄: 13"}
    people = [
        {"id": "P1", "persona": "管理監督職", "department": "税務課", **partly},  # trainings blank: unknown
        {"id": "P2", "persona": "管理監督職", "department": "税務課"},  # nothing answered
        {"id": "P3", "persona": "管理監督職", "department": "税務課", "研修（一部回答）": " "},  # a blank cell
    ]
    r = open_store().record(cat, people, year=2026, municipality=MUNI_A)
    assert [(w.code, w.ids) for w in r.warnings] == [("no-answers", ("P2", "P3"))]


def test_report_roster_counts_the_unreturned_department_as_not_answered(
    town: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    staff, roster = town / "職員データ2026.xlsx", town / "名簿2026.csv"
    capsys.readouterr()
    assert main(["report", str(staff), "-f", "md"]) == 0
    alone = capsys.readouterr().out
    assert "職員 6 名のうち" in alone and "福祉課" not in alone  # the file alone: 福祉課 is not in it
    assert main(["report", str(staff), "--roster", str(roster), "-f", "md"]) == 0
    out, err = capsys.readouterr()
    assert "職員 8 名のうち" in out
    said = "名簿（名簿2026.csv）にいて職員ファイルにいない 2 名（福祉課 2 名）は、回答なし（データ不足）として数えて"
    assert said + "います。" in out
    assert "DX推進員 がいない課が 1 課あります（税務課）。" in out
    departments = out.split("## 課別の人数と育成段階")[1].split("## ")[0]
    row = next(line for line in departments.splitlines() if "福祉課" in line)
    cells = [c.strip() for c in row.strip("|").split("|")]
    assert cells[:4] == ["福祉課", "2", "1", "1"]  # 人数, 一般行政職員, DX推進員
    listed = out.split("## 名簿にいて職員ファイルにいない職員（2 名）")[1]
    assert "| Ｓ１１１ " in listed and "| 00112 " in listed and "| DX推進員 " in listed
    assert err.endswith(
        "skillframe: warning: 名簿にいて職員ファイルにいない 2 名を回答なし（データ不足）として数えました:"
        " Ｓ１１１, 00112 / 2 people on the roster not in the staff file were counted as not answered:"
        " Ｓ１１１, 00112 [roster-only]\n"
    )


def test_report_db_names_the_recorded_people_not_in_the_file(
    town: Path, db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    db, _err = _record_2026(town, db_url, capsys)
    assert main(["report", str(town / "職員データ2026.xlsx"), *db, "-f", "md"]) == 0
    out, err = capsys.readouterr()
    assert "職員 6 名のうち" in out
    said = "評価履歴の 2026年度に記録した 2 名（福祉課 2 名）はこの職員ファイルになく、"
    assert said + "この報告書には数えていません。" in out
    assert "職員 6 名（人材像 未設定 0 名、段階のない人材像 1 名、データ不足 " in out
    assert "; 2026年度の記録にだけいる 2 名は含まない" in out
    assert "## 2026年度の記録にあって職員ファイルにいない職員（2 名）" in out
    assert "[recorded-not-in-file]" in err and "00112, Ｓ１１１" in err and "--roster" in err
    # with the roster, nobody is missing: counted, and nothing more is said
    assert main(["report", str(town / "職員データ2026.xlsx"), *db, "--roster", str(town / "名簿2026.csv")]) == 0
    out, err = capsys.readouterr()
    assert "[recorded-not-in-file]" not in err and "[roster-only]" in err and "職員 8 名のうち" in out


def test_report_db_says_nothing_of_leavers_when_the_file_is_a_later_year(
    db_url: str, open_store: Any, cat: skillframe.Catalog, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    people = [{"id": i, "persona": "DX推進員", "department": "総務課"} for i in ("A1", "A2")]
    open_store().record(cat, people, year=2026, municipality=MUNI_A)
    staff = tmp_path / "2027.csv"
    staff.write_text("id,persona,department\nA1,DX推進員,総務課\nA3,DX推進員,総務課\n", encoding="utf-8")
    assert main(["report", str(staff), "--db", db_url, "-m", MUNI_A, "-f", "md"]) == 0  # A3 arrived: not FY2026
    out, err = capsys.readouterr()
    assert "recorded-not-in-file" not in err and "職員ファイルにいない" not in out


def _without_zeros(town: Path) -> Path:
    """FY2027 as Excel saves it when the id column is a number: 00101 becomes 101."""
    wb = openpyxl.load_workbook(town / "職員データ2026.xlsx")
    ws = wb.active
    for row in range(2, ws.max_row + 1):
        cell = ws.cell(row, 1)
        if isinstance(cell.value, str) and cell.value.isdigit():
            cell.value = int(cell.value)
    path = town / "職員データ2027.xlsx"
    wb.save(path)
    return path


def test_ids_that_lost_their_leading_zeros_are_recorded_as_written_with_the_likely_cause(
    town: Path, db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    db, _err = _record_2026(town, db_url, capsys)
    assert main(["record", str(_without_zeros(town)), "--year", "2027", *db]) == 0
    err = capsys.readouterr().err
    [zeros] = [line for line in err.splitlines() if line.endswith("[leading-zeros]")]
    pairs_ja = ", ".join(f"{i}（2026年度 00{i}）" for i in (103, 104, 105, 106, 101, 102))  # in the file's order
    assert zeros.startswith(f"skillframe: warning: 6名の職員番号が2026年度の記録と先頭の 0 だけ違います: {pairs_ja}。")
    assert "Excel が職員番号を数値として読み、先頭の 0 を消した可能性があります" in zeros
    assert "職員番号の列を文字列（テキスト）の書式にして" in zeros and "--replace-year" in zeros
    assert "6 staff ids differ from ids recorded in FY2026 only by leading zeros: 103 (FY2026: 00103), " in zeros
    assert "Excel probably read the ids as numbers and dropped their leading zeros" in zeros
    assert "[not-in-file]" in err  # still said: the ids are not matched
    with skillframe.open_history(db_url) as store:
        ids = {a.id for a in store.assessments(2027)}
        leavers = store.history(skillframe.load()).leavers(2026, 2027)
    assert ids == {"101", "102", "103", "104", "105", "106"}  # recorded as written, never reformatted
    assert "00101" in leavers


def test_api_leading_zeros_both_ways_and_pseudonymised(open_store: Any, cat: skillframe.Catalog) -> None:
    def staff(*ids: str) -> list[dict[str, str]]:
        return [{"id": i, "persona": "DX推進員", "department": "総務課", "trainings": "なし"} for i in ids]

    store = open_store()
    store.record(cat, staff("101", "102", "S01", "0200"), year=2025, municipality=MUNI_A, key="k")
    r = store.record(cat, staff("00101", "００１０２", "S1", "200", "0200"), year=2026, municipality=MUNI_A, key="k")
    [zeros] = [w for w in r.warnings if w.code == "leading-zeros"]
    # the year before lost the zeros; full-width digits are the same id; S1/S01 is not a number;
    # 200 is new and 0200 is still here: nobody of the year before is missing for it
    assert (zeros.ids, zeros.year_before) == (("00101", "００１０２"), 2025)
    pairs = "00101（2025年度 101）, ００１０２（2025年度 102）"
    assert f"2名の職員番号が2025年度の記録と先頭の 0 だけ違います: {pairs}。" in zeros.ja


def test_report_roster_in_html_and_xlsx(town: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    staff, roster = str(town / "職員データ2026.xlsx"), str(town / "名簿2026.csv")
    html, xlsx = tmp_path / "報告書.html", tmp_path / "報告書.xlsx"
    assert main(["report", staff, "--roster", roster, "-o", str(html)]) == 0
    page = html.read_text(encoding="utf-8")
    assert '<h2 id="absent">職員ファイルにいない職員</h2>' in page
    assert "<caption>名簿にいて職員ファイルにいない職員（2 名）</caption>" in page
    assert main(["report", staff, "--roster", roster, "--lang", "en", "-o", str(xlsx)]) == 0
    wb = openpyxl.load_workbook(xlsx)
    [sheet] = [ws for ws in wb.worksheets if ws.title.startswith("On the roster")]
    assert [list(r) for r in sheet.iter_rows(values_only=True)][:3] == [
        ["id", "department", "persona"],
        ["Ｓ１１１", "福祉課", "DX promoter"],
        ["00112", "福祉課", "General administrative staff"],
    ]
    notes = [r[0] for r in wb["notes"].iter_rows(values_only=True) if r[0]]
    said = "2 people on the roster (名簿2026.csv) have no row in the staff file (福祉課: 2): they are counted as"
    assert any(said + " not answered (unknown data)." in n for n in notes)
    staff_line = "8 staff (0 without a persona, 1 of a persona without a ladder, 6 with unknown data)"
    assert staff_line + "; including 2 on the roster only" in notes
    capsys.readouterr()
