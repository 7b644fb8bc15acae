"""The roster is read for what the form needs (id, name, 課, persona): a problem in any other column
is a warning with its row; every problem in these columns is reported at once, each with its row."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
from _form_helpers import index, roster_file

import skillframe
from skillframe import forms
from skillframe.cli import main
from skillframe.errors import FormError

#: The trial's roster: problems the form does not care about (rows 3, 4) and ones it does (5, 6, 7).
HEADER = "職員番号,氏名,所属,人材像,受講研修,DXリード年数,備考\n"
ROWS = (
    "A01,青木 一,総務課,DX推進員,DXマインドセット研修,1,\n"
    "A02,石井 二,総務課,DX推進員,BPR研習,,\n"  # an unknown training
    "A03,上田 三,税務課,一般行政職員,,半年,\n"  # a number the staff reader refuses
)
NEEDED = (
    "A04,江藤 四,税務課,DX推進委員,,,\n"  # an unknown persona
    "A05,大野 五,福祉課,,,,人材像未定\n"  # no persona
    "Ａ０１,加藤 六,福祉課,DX推進員,,,\n"  # the id of row 2 again (Ａ０１ = A01)
)


def test_problems_in_columns_the_form_does_not_use_are_warnings(tmp_path: Path, cat: skillframe.Catalog) -> None:
    table = forms.read_roster(roster_file(tmp_path, HEADER + ROWS), cat)
    assert [r.id for r in table.records] == ["A01", "A02", "A03"]
    assert table.errors == ()
    assert [(w.row, w.column, w.code) for w in table.warnings] == [
        (3, "受講研修", "unknown-training"),
        (4, "DXリード年数", "not-a-number"),
    ]
    assert "（票には使わない列なので無視します）" in table.warnings[0].message
    assert "(ignored: the form does not use this column)" in table.warnings[1].message
    assert [forms.staff_name(r) for r in table.records] == ["青木 一", "石井 二", "上田 三"]
    assert (table.records[1].department, table.records[1].trainings) == ("総務課", None)  # not read, not guessed


def test_every_problem_the_form_needs_at_once_with_its_row(tmp_path: Path, cat: skillframe.Catalog) -> None:
    roster = roster_file(tmp_path, HEADER + ROWS + NEEDED)
    table = forms.read_roster(roster, cat)
    assert [(e.row, e.column, e.code) for e in table.errors] == [
        (5, "人材像", "unknown-persona"),
        (6, "人材像", "missing-persona"),
        (7, "id", "duplicate-id"),
    ]
    assert table.rows == len(table.records) + len(table.error_rows) == 6
    with pytest.raises(FormError) as info:
        forms.form_bytes(cat, roster=roster)
    e = info.value
    assert e.code == "roster-errors"  # the file named: the roster is one of several files a command reads
    assert e.en.startswith(f"3 error(s) in the roster {roster}: row 5, 人材像: unknown persona")
    assert e.ja.startswith(f"名簿 {roster} に 3 件の誤りがあります: row 5, 人材像:")
    assert "row 6, 人材像: no persona (a form is made per persona) [missing-persona]" in e.en
    assert "row 6, 人材像: 人材像がありません" in e.ja
    # records given directly: a person without a persona is refused with the row when known
    with pytest.raises(FormError) as info:
        forms.form_bytes(cat, roster=[skillframe.StaffRecord(id="X1", row=9)])
    assert info.value.en == "1 error(s) in the roster: row 9, persona: no persona [missing-persona]"


def test_json_and_excel_rosters_are_read_the_same_way(tmp_path: Path, cat: skillframe.Catalog) -> None:
    f = tmp_path / "名簿.json"
    rows = [
        {"id": "J1", "persona": "DX推進員", "dx_lead_years": "半年"},
        {"id": "J2", "persona": "DX推進員", "trainings": "BPR研習"},
    ]
    f.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    table = forms.read_roster(f, cat)
    assert [r.id for r in table.records] == ["J1", "J2"] and table.errors == ()
    assert [(w.row, w.code) for w in table.warnings] == [(1, "not-a-number"), (2, "unknown-training")]
    # an Excel roster with a title row: rows as Excel shows them
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["職員名簿（令和8年度）"])
    for line in (HEADER + ROWS).splitlines():
        ws.append(line.split(","))
    wb.save(tmp_path / "名簿.xlsx")
    table = forms.read_roster(tmp_path / "名簿.xlsx", cat)
    assert [r.id for r in table.records] == ["A01", "A02", "A03"] and table.errors == ()
    assert [(w.row, w.code) for w in table.warnings] == [
        (1, "title-rows-skipped"),
        (4, "unknown-training"),
        (5, "not-a-number"),
    ]


def test_cli_form_roster_warnings_then_errors_with_rows(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = roster_file(tmp_path, HEADER + ROWS + NEEDED)
    out = tmp_path / "票.xlsx"
    assert main(["form", "--roster", str(bad), "-o", str(out)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert not out.exists()
    assert err[0].startswith(
        f"skillframe: {bad}: row 3, 受講研修: warning: スキルまたは研修 'BPR研習' が見つかりません"
    )
    assert err[1].startswith(f"skillframe: {bad}: row 4, DXリード年数: warning: 数値ではありません: '半年'")
    assert [line.split(": ")[2] for line in err[2:5]] == ["row 5, 人材像", "row 6, 人材像", "row 7, id"]
    assert err[2].endswith("[unknown-persona]") and err[3].endswith("[missing-persona]")
    assert err[4].endswith("[duplicate-id]")
    assert (
        err[5] == "skillframe: 名簿に 3 件の誤りがあるため票を作っていません / no form made: 3 error(s) in the roster"
    )
    assert len(err) == 6
    # the needed columns corrected, the others left as they are: the form is made, with the warnings
    fixed = roster_file(tmp_path, HEADER + ROWS, name="名簿2.csv")
    assert main(["form", "--roster", str(fixed), "-o", str(out)]) == 0
    *warned, said = capsys.readouterr().err.splitlines()
    assert [line.split(": ")[2] for line in warned] == ["row 3, 受講研修", "row 4, DXリード年数"]
    assert said == f"{out} に票を書きました（3 人: 1 人 1 シート） / wrote {out} (3 people: one sheet each)"
    assert list(index(out)) == ["A01", "A02", "A03"]


def test_records_giving_an_id_twice_with_two_personas_are_refused_as_the_file_is(cat: skillframe.Catalog) -> None:
    """Records given directly (the Python API) are refused as ``form --roster`` refuses a file giving an id
    twice (``roster-errors``, the row's ``duplicate-id``) when the two personas differ: never a form each."""
    given = [
        skillframe.StaffRecord(id="A01", persona="DX推進員", row=2),
        skillframe.StaffRecord(id="Ａ０１", persona="一般行政職員", row=5),
    ]
    with pytest.raises(FormError) as info:
        forms.form_bytes(cat, roster=given)
    assert (info.value.code, info.value.ja, info.value.en) == (
        "roster-errors",
        "名簿に 1 件の誤りがあります: row 5, id: id 'Ａ０１' が重複しています（2 行目と同じ、"
        "人材像 'DX推進員' と '一般行政職員'） [duplicate-id]",
        "1 error(s) in the roster: row 5, id: duplicate id 'Ａ０１' (row 2) with another persona: 'DX推進員',"
        " then '一般行政職員' [duplicate-id]",
    )
    same = [given[0], skillframe.StaffRecord(id="A01", persona="dx-promoter")]  # one persona, as the catalog reads it
    assert [r.id for r in forms.roster_records(cat, same)] == ["A01", "A01"]  # as before: not refused
