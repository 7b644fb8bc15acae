"""Error rows of ``skillframe evaluate`` say what their readable cells say: the department
(所属) and, with ``--wide``, the file's other columns (氏名…); a row without a persona names
the persona column as the file's header writes it (人材像), with the ``--persona`` hint."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

import skillframe
from skillframe.cli import main

STAFF = (
    "職員番号,人材像,所属,氏名,dx_lead_years\n"
    "A1,,総務課,山田,1\n"
    "A2,DX推進員,税務課,佐藤,たくさん\n"
    "A3,DX推進員,市民課,鈴木,1\n"
    "A4,DX推進員,,,x\n"
)


@pytest.fixture
def staff(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "staff.csv"
    path.write_text(STAFF, encoding="utf-8")
    return path


def _cells(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig"), newline="")))


def test_api_errors_carry_the_readable_cells(staff: Path, cat: skillframe.Catalog) -> None:
    table = skillframe.read_staff(staff, catalog=cat)
    [bad, empty] = table.errors
    assert (bad.row, bad.column, bad.code) == (3, "dx_lead_years", "not-a-number")
    assert bad.department == "税務課" and bad.persona == "DX推進員" and bad.extra == (("氏名", "佐藤"),)
    assert (empty.row, empty.department, empty.extra) == (5, None, ())
    # they take no part in comparing errors
    assert bad == skillframe.StaffRowError(3, "dx_lead_years", bad.message, "A2", "not-a-number", str(staff))


def test_csv_error_rows_show_department_and_wide_columns(staff: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["evaluate", "staff.csv", "-o", "r.csv"]) == 1
    rows = _cells(staff.parent / "r.csv")
    assert rows[0][:4] == ["行", "職員番号", "人材像", "所属"]
    assert [r[:4] for r in rows[1:]] == [
        ["2", "A1", "", "総務課"],
        ["3", "A2", "DX推進員", "税務課"],  # the persona cell as written (trial: it was blank)
        ["4", "A3", "DX推進員", "市民課"],
        ["5", "A4", "DX推進員", ""],
    ]
    assert main(["evaluate", "staff.csv", "--wide", "-o", "w.csv"]) == 1
    wide = _cells(staff.parent / "w.csv")
    name = wide[0].index("氏名")
    assert [r[name] for r in wide[1:]] == ["山田", "佐藤", "鈴木", ""]
    assert [r[3] for r in wide[1:]] == ["総務課", "税務課", "市民課", ""]
    capsys.readouterr()


def test_xlsx_error_rows_show_department_and_name(staff: Path, capsys: pytest.CaptureFixture[str]) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    assert main(["evaluate", "staff.csv", "--wide", "-o", "w.xlsx"]) == 1
    ws = openpyxl.load_workbook(staff.parent / "w.xlsx").worksheets[0]
    head = [c.value for c in ws[1]]
    rows = [[c.value for c in r] for r in ws.iter_rows(min_row=2)]
    dep, name, error = head.index("所属"), head.index("氏名"), head.index("エラー")
    assert [(r[0], r[dep], r[name]) for r in rows] == [
        (2, "総務課", "山田"),
        (3, "税務課", "佐藤"),
        (4, "市民課", "鈴木"),
        (5, None, None),
    ]
    assert "missing-persona" in rows[0][error] and "not-a-number" in rows[1][error] and rows[2][error] is None
    capsys.readouterr()


def test_missing_persona_names_the_column_as_written(staff: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["evaluate", "staff.csv", "-f", "csv"]) == 1
    err = capsys.readouterr().err
    assert "row 2, 人材像: 人材像がありません (--persona で指定) / no persona (give --persona) [missing-persona]" in err
    assert main(["evaluate", "staff.csv", "--errors", "e.csv"]) == 1
    assert _cells(staff.parent / "e.csv")[1][:3] == ["2", "人材像", "missing-persona"]
    # a file without a persona column: the standard name, and the hint
    (staff.parent / "plain.csv").write_text("id,department\nB1,総務課\n", encoding="utf-8")
    assert main(["evaluate", "plain.csv", "-f", "csv"]) == 1
    assert "row 2, persona: 人材像がありません (--persona で指定)" in capsys.readouterr().err


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_an_errors_file_is_written_when_there_are_none(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    """``--errors FILE`` of a run without row errors is the empty list (its header), never an
    older run's file left as it was."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "good.csv").write_text("id,persona\nA1,DX推進員\n", encoding="utf-8")
    (tmp_path / "e.csv").write_text("old,stale\n", encoding="utf-8")
    assert main(["evaluate", "good.csv", "-f", fmt, "-o", f"out.{fmt}", "--errors", "e.csv"]) == 0
    head = ["row", "column", "code", "message", "id"] if fmt == "json" else ["行", "列", "コード", "内容", "職員番号"]
    assert _cells(tmp_path / "e.csv") == [head]  # (a JSON run names its columns in English)
    assert "0 件の行エラー" in capsys.readouterr().err


@pytest.mark.parametrize("fmt", ["csv", "text", "json"])
def test_the_summary_counts_data_missing_as_the_report_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    """People whose next step cannot be decided for missing data (the report's データ不足) are
    named in evaluate's summary, counted as the rollup counts them (and still at their step)."""
    monkeypatch.chdir(tmp_path)
    g = "dx-necessity;user-understanding;gov-digital-basics;security-literacy;privacy"
    p = ";".join(
        ["project-management", "value-discovery", "data-literacy", "bpr", "service-validation", "it-governance"]
    )
    lines = ["id,persona,trainings,dx_lead_years,mentoring"]
    lines += [f"A{i},DX推進員,{g};{p},,いいえ" for i in range(3)]  # Step1; Step2's lead years unknown
    lines += [f"B{i},DX推進員,{g};{p},0,いいえ" for i in range(2)]  # Step1; Step2 decided: unmet
    lines += ["C1,一般行政職員,dx-necessity,,"]  # no step; Step1's trainings decided: unmet
    (tmp_path / "s.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    cat = skillframe.load()
    roll = skillframe.rollup(cat, skillframe.read_staff(tmp_path / "s.csv", catalog=cat).records)
    unknown = sum(p.unknown for p in roll.personas)
    assert unknown == 3
    monkeypatch.setattr("sys.stderr.isatty", lambda: True)  # the summary goes to a terminal's stderr
    argv = ["evaluate", "s.csv", "-f", fmt] + (["-o", f"out.{fmt}"] if fmt != "text" else [])
    assert main(argv) == 0
    captured = capsys.readouterr()
    said = captured.out if fmt == "text" else captured.err
    assert "6名（うちデータ不足 3名）: Step未満 1名, Step1 5名" in said
    assert main([*argv, "--lang", "en"]) == 0
    captured = capsys.readouterr()
    said = captured.out if fmt == "text" else captured.err
    assert "6 staff (3 with data missing for the next step): below Step 1: 1, Step 1: 5" in said


WIDE = (
    "職員番号,人材像,所属,氏名,dx_lead_years\n"
    "A1,DX推進員,総務課,山田,1\n"
    "A2,DX推進員,税務課,佐藤,太郎,1\n"  # more cells than the header (a comma in the name)
    "A3,DX推進員,市民課,鈴木,たくさん\n"
)


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_a_wide_row_shows_what_its_cells_say_as_other_error_rows_do(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    """A row with more cells than the header (``more-cells-than-header``) shows its id, its
    department and, with ``--wide``, the file's other columns, as a row with a bad value
    does; the ``--errors`` file gives its id as for every row error."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "wide.csv").write_text(WIDE, encoding="utf-8")
    assert main(["evaluate", "wide.csv", "--wide", "-o", f"w.{fmt}", "--errors", "e.csv"]) == 1
    if fmt == "csv":
        head, *rows = _cells(tmp_path / "w.csv")
    else:
        openpyxl = pytest.importorskip("openpyxl")
        ws = openpyxl.load_workbook(tmp_path / "w.xlsx").worksheets[0]
        head, *rows = [["" if c.value is None else str(c.value) for c in r] for r in ws.iter_rows()]
    at = [head.index(h) for h in ("行", "職員番号", "所属", "氏名")]
    error = head.index("エラー")
    assert [[r[i] for i in at] for r in rows] == [
        ["2", "A1", "総務課", "山田"],
        ["3", "A2", "税務課", "佐藤"],
        ["4", "A3", "市民課", "鈴木"],
    ]
    assert [r[error].rsplit(" ", 1)[-1] for r in rows] == ["", "[more-cells-than-header]", "[not-a-number]"]
    errors = _cells(tmp_path / "e.csv")
    assert [(r[0], r[2], r[4]) for r in errors[1:]] == [
        ("3", "more-cells-than-header", "A2"),
        ("4", "not-a-number", "A3"),
    ]
    # without --wide: the id and the department (and a bad value's row its persona as written;
    # a wide row's cells are probably shifted: not its persona)
    assert main(["evaluate", "wide.csv", "-o", "n.csv"]) == 1
    assert [r[:4] for r in _cells(tmp_path / "n.csv")[2:]] == [
        ["3", "A2", "", "税務課"],
        ["4", "A3", "DX推進員", "市民課"],
    ]
    capsys.readouterr()


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_a_json_item_whose_nested_field_is_no_mapping_is_an_error_row(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], lang: str
) -> None:
    """``"dsm": 5`` in a JSON staff file is the error of its item (``not-a-mapping``, naming the
    field and what it must be), never an extra column ``dsm``; ``null`` is not given."""
    monkeypatch.chdir(tmp_path)
    items = [
        {"id": "J1", "persona": "DX推進員", "trainings": "bpr", "dsm": None, "tools": {}},
        {"id": "J2", "persona": "DX推進員", "dsm": 5},
        {"id": "J3", "persona": "DX推進員", "department": "総務課", "tools": "Excel"},
        {"id": "J4", "persona": "DX推進員", "dsm": {"bpr": 2}, "extra": {"備考": "x"}},
    ]
    (tmp_path / "staff.json").write_text(json.dumps(items, ensure_ascii=False), encoding="utf-8")
    argv = ["evaluate", "staff.json", "--lang", lang, "-o", "r.csv", "--errors", "e.csv"]
    assert main(argv) == 1
    errors = _cells(tmp_path / "e.csv")
    ja = {
        "J2": (
            "dsm はスキルからレベルへの辞書（JSON ではオブジェクト、表では 1 スキル 1 列: dsm:<スキル名>）"
            "で書いてください: 5（int）"
        ),
        "J3": (
            "tools はツールからレベルへの辞書（JSON ではオブジェクト、表では 1 ツール 1 列: tool:<ツール名>）"
            "で書いてください: 'Excel'（str）"
        ),
    }
    en = {
        "J2": (
            "dsm must be a mapping of skill to level (a JSON object; in a table, one column per skill: dsm:<skill>), "
            "not int: 5"
        ),
        "J3": (
            "tools must be a mapping of tool to level (a JSON object; in a table, one column per tool: tool:<tool>), "
            "not str: 'Excel'"
        ),
    }
    said = ja if lang == "ja" else en
    assert errors[1:] == [
        ["2", "dsm", "not-a-mapping", said["J2"], "J2"],
        ["3", "tools", "not-a-mapping", said["J3"], "J3"],
    ]
    rows = _cells(tmp_path / "r.csv")
    assert [r[:2] for r in rows[1:]] == [["1", "J1"], ["2", "J2"], ["3", "J3"], ["4", "J4"]]
    assert rows[2][-1].endswith("[not-a-mapping]") and rows[3][3] == "総務課" and rows[4][-1] == ""
    assert "2 row error(s) written to e.csv" in capsys.readouterr().err
    assert main(["evaluate", "staff.json", "--lang", lang, "-o", "r2.csv"]) == 1  # without --errors: on stderr
    err = capsys.readouterr().err
    assert f"staff.json: row 2, dsm: {ja['J2']} / {en['J2']} [not-a-mapping]" in err


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_a_json_item_whose_trainings_are_of_another_type_is_an_error_row_saying_what_trainings_takes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], lang: str
) -> None:
    """``"trainings": 5`` (or a dict, or a list holding a number) in a JSON staff file is the
    error of its item, ``not-a-list``, saying what trainings takes — as the Python API says."""
    monkeypatch.chdir(tmp_path)
    items = [
        {"id": "T1", "persona": "DX推進員", "trainings": ["BPR研修"]},
        {"id": "T2", "persona": "DX推進員", "trainings": 5},
        {"id": "T3", "persona": "DX推進員", "trainings": {"BPR研修": True}},
        {"id": "T4", "persona": "DX推進員", "trainings": ["BPR研修", 3]},
        {"id": "T5", "persona": "DX推進員", "trainings": "BPR研修、DXマインドセット研修"},
    ]
    (tmp_path / "staff.json").write_text(json.dumps(items, ensure_ascii=False), encoding="utf-8")
    assert main(["evaluate", "staff.json", "--lang", lang, "-o", "r.csv", "--errors", "e.csv"]) == 1
    errors = _cells(tmp_path / "e.csv")[1:]
    assert [(r[0], r[1], r[2], r[4]) for r in errors] == [
        ("2", "trainings", "not-a-list", "T2"),
        ("3", "trainings", "not-a-list", "T3"),
        ("4", "trainings", "not-a-list", "T4"),
    ]
    api = {}
    for item in items[1:4]:
        with pytest.raises(skillframe.StaffDataError) as info:
            skillframe.evaluate(skillframe.load(), None, item)
        api[item["id"]] = str(info.value).removeprefix(f"record {item['id']}: trainings: ")
    for row in errors:
        ja, en = api[row[4]].split(" / ")
        assert row[3] == (ja if lang == "ja" else en)
    assert errors[0][3] == (
        "研修名・スキル名のリスト、または「;」「；」「、」・改行で区切った 1 つの文字列で書いてください: 5（int）"
        if lang == "ja"
        else "must be a list of training or skill names, or one text separated by ; ； 、 or line breaks, not int: 5"
    )
    rows = _cells(tmp_path / "r.csv")
    assert [r[1] for r in rows[1:]] == ["T1", "T2", "T3", "T4", "T5"]
    capsys.readouterr()
