"""A person on the roster whose self-check form was refused by collect (or never returned) is
still staff: recorded with ``roster`` (``record --roster``), they are recorded with no answer and
the history shows データ不足 (data missing), never 離任 (left)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from _history_helpers import MUNI_A, dump, person

import skillframe
from skillframe import forms
from skillframe.cli import main
from skillframe.errors import FormError
from skillframe.history import pseudonymise

openpyxl = pytest.importorskip("openpyxl")

ROSTER = [
    {"id": "A01", "persona": "DX推進員", "department": "総務課", "trainings": "なし"},  # only id/persona/課 read
    {"id": "A02", "persona": "DX推進員", "department": "税務課"},
]


def test_a_roster_person_not_in_the_file_is_recorded_with_no_answer_and_is_data_missing(
    open_store: Any, cat: skillframe.Catalog
) -> None:
    store = open_store()
    store.record(cat, [person("A01", 1), person("A02", 2, "税務課")], year=2025, municipality=MUNI_A)
    r = store.record(cat, [person("A01", 1)], year=2026, municipality=MUNI_A, roster=ROSTER)
    assert (r.stored, r.from_roster) == (2, ("A02",))
    [said] = [w for w in r.warnings if w.code == "roster-only"]
    assert said.ids == ("A02",) and r.warnings[0] is said
    assert said.ja.startswith("1名は名簿にいて職員データにいないため、回答なしとして記録しました")
    assert "1 people on the roster are not in the staff data and were recorded with no answers" in said.en
    # the sentence no-answers ends with too (one definition: history._completeness.SHOWN_AS_MISSING)
    assert said.ja.endswith(": A02。前年度より低い段階は history でデータ不足と表示します")
    assert said.en.endswith(": A02; history shows a step lower than the year before as data missing")
    assert {w.code for w in r.warnings} == {"roster-only"}  # not no-answers, not less-complete, not not-in-file
    a02 = next(a for a in store.assessments(2026) if a.staff_key == "A02")
    assert (a02.persona, a02.department, a02.rank) == ("tokyo-wg-2025:dx-promoter", "税務課", 0)
    assert a02.record == skillframe.StaffRecord(id="A02", persona="DX推進員", department="税務課")
    h = store.history(cat)
    assert h.leavers(2025, 2026) == [] and h.flow(2025, 2026, to_rank=None) == 0
    assert [(m.staff_key, m.direction) for m in h.moves(2025, 2026)] == [("A02", "data-missing")]
    assert [(u.staff_key, u.from_rank, u.rank) for u in h.undecided] == [("A02", 2, 0)]
    assert h.count(2026, "DX推進員", missing=True) == 1


def test_without_a_roster_the_person_is_shown_as_left(open_store: Any, cat: skillframe.Catalog) -> None:
    store = open_store()
    store.record(cat, [person("A01", 1), person("A02", 2, "税務課")], year=2025, municipality=MUNI_A)
    r = store.record(cat, [person("A01", 1)], year=2026, municipality=MUNI_A)
    assert r.from_roster == () and [w.code for w in r.warnings] == ["not-in-file"]
    assert "record --roster" in r.warnings[0].ja and "record --roster" in r.warnings[0].en
    assert store.history(cat).leavers(2025, 2026) == ["A02"]


def test_the_roster_never_replaces_a_row_of_this_year_unless_the_year_is_replaced(
    open_store: Any, cat: skillframe.Catalog
) -> None:
    store = open_store()
    store.record(cat, [person("A02", 2, "税務課")], year=2026, municipality=MUNI_A)  # 税務課 recorded first
    r = store.record(cat, [person("A01", 1)], year=2026, municipality=MUNI_A, roster=ROSTER)
    assert (r.stored, r.kept, r.from_roster) == (1, 1, ())
    assert {a.staff_key: a.rank for a in store.assessments(2026)} == {"A01": 1, "A02": 2}
    r = store.record(cat, [person("A01", 1)], year=2026, municipality=MUNI_A, roster=ROSTER, replace_year=True)
    assert (r.stored, r.replaced, r.removed, r.from_roster) == (2, 2, 0, ("A02",))  # A02's row: now no answer
    assert {a.staff_key: a.rank for a in store.assessments(2026)} == {"A01": 1, "A02": 0}


def test_roster_ids_match_as_staff_ids_do_and_pseudonymised(open_store: Any, cat: skillframe.Catalog) -> None:
    store = open_store()
    roster = [
        {"id": "Ａ０１", "persona": "DX推進員"},
        {"id": "A02", "persona": "DX推進員"},
        {"id": "A02", "persona": "DX推進員"},
    ]
    r = store.record(cat, [person("A01", 1)], year=2026, municipality=MUNI_A, key="k", roster=roster)
    assert (r.stored, r.from_roster) == (2, ("A02",))  # Ａ０１ is A01; A02 once
    keys = {a.staff_key for a in store.assessments(2026)}
    assert keys == {pseudonymise("A01", "k"), pseudonymise("A02", "k")}


def _fill(path: Path, answers: dict[str, str]) -> None:
    """Answer ``exp/dx_lead_years`` on each person's sheet of a form (as Excel would save it)."""
    wb = openpyxl.load_workbook(path)
    rows = wb["_skillframe"].iter_rows(min_row=7, values_only=True)
    where = {str(r[2]): str(r[0]) for r in rows if r[0]}
    for sid, value in answers.items():
        ws = wb[where[sid]]
        row = next(r for r in range(14, ws.max_row + 1) if ws[f"B{r}"].value == "exp/dx_lead_years")
        ws[f"F{row}"] = value
    wb.save(path)


def test_cli_a_form_refused_by_collect_is_data_missing_with_the_roster(
    db_url: str, open_store: Any, cat: skillframe.Catalog, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    open_store().record(cat, [person("A01", 0), person("A02", 2, "税務課")], year=2025, municipality=MUNI_A)
    roster = tmp_path / "名簿.csv"
    roster.write_text(
        "職員番号,人材像,所属,受講研修\nA01,DX推進員,総務課,なし\nA02,DX推進員,税務課,\n", encoding="utf-8"
    )
    returned = tmp_path / "回答"
    returned.mkdir()
    assert main(["form", "--roster", str(roster), "-o", str(returned / "票.xlsx")]) == 0
    _fill(returned / "票.xlsx", {"A01": "0", "A02": "xyz"})  # A02's answer is refused: not a number
    staff = tmp_path / "職員データ2026.csv"
    assert main(["collect", str(returned), "-o", str(staff)]) == 1
    assert "not written: A02" in capsys.readouterr().err
    db = ["--db", db_url, "-m", MUNI_A]
    assert main(["record", str(staff), "--year", "2026", *db, "--roster", str(roster)]) == 0
    out, err = capsys.readouterr()
    assert "2 人を記録" in out
    assert "skillframe: warning: 1名は名簿にいて職員データにいないため、回答なしとして記録しました" in err
    assert "[roster-only]" in err and "[not-in-file]" not in err
    assert main(["history", *db, "--table", "moves", "-f", "json"]) == 0
    moves = {m["id"]: m["move"] for m in json.loads(capsys.readouterr().out)}
    assert moves == {"A02": "data-missing"}  # not "left"


def _refused(db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], staff: str, roster: bytes) -> str:
    """``record STAFF --roster ROSTER`` refused (exit 1) before the store was opened: its stderr."""
    (tmp_path / "staff.csv").write_text(staff, encoding="utf-8")
    (tmp_path / "名簿.csv").write_bytes(roster)
    args = [str(tmp_path / "staff.csv"), "--year", "2026", "-m", MUNI_A, "--db", db_url]
    assert main(["record", *args, "--roster", str(tmp_path / "名簿.csv")]) == 1
    if db_url.startswith("sqlite"):
        assert not Path(db_url.removeprefix("sqlite:///")).exists()  # refused before the store was opened
    else:
        with skillframe.open_history(db_url) as store:
            assert dump(store) == []
    return capsys.readouterr().err


def test_cli_a_roster_with_a_problem_refuses_and_records_nothing(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    roster = "id,persona\nA01,DX推進員\nA02,\n".encode()
    err = _refused(db_url, tmp_path, capsys, "id,persona\nA01,DX推進員\n", roster)
    path = tmp_path / "名簿.csv"
    assert err == (
        f"skillframe: 名簿 {path} に 1 件の誤りがあります: row 3, persona: "
        "人材像がありません（票は人材像ごとに作ります） [missing-persona]"
        f" / 1 error(s) in the roster {path}: row 3, persona: no persona (a form is made per persona)"
        " [missing-persona]\n"
    )


def test_a_roster_file_name_is_refused_saying_how_to_read_it(open_store: Any, cat: skillframe.Catalog) -> None:
    """A file name (str or Path) is not a roster of records: refused in words, before anything is
    stored — not iterated character by character, nor a TypeError."""
    store = open_store()
    for given in ("名簿.csv", Path("名簿.csv")):
        with pytest.raises(skillframe.HistoryError) as err:
            store.record(cat, [person("A01", 1)], year=2026, municipality=MUNI_A, roster=given)  # type: ignore[arg-type]
        assert (err.value.code, err.value.ja, err.value.en) == (
            "roster-file",
            "名簿 '名簿.csv' はファイル名です: skillframe.forms.roster_records(catalog, '名簿.csv') で読んだ記録を"
            "渡してください",
            "the roster '名簿.csv' is a file name: pass the records read by"
            " skillframe.forms.roster_records(catalog, '名簿.csv')",
        )
    assert dump(store) == []


def test_a_roster_table_with_errors_is_refused_not_read_without_its_error_rows(
    open_store: Any, cat: skillframe.Catalog, tmp_path: Path
) -> None:
    """A roster read with errors (read_roster's table) is refused as record --roster refuses it:
    its error rows are people, and leaving them out would show them as left."""
    from skillframe.forms import read_roster

    path = tmp_path / "名簿.csv"
    path.write_text("職員番号,人材像,所属\nA01,DX推進員,総務課\nA02,,税務課\n", encoding="utf-8")
    table = read_roster(path, cat)
    assert [r.id for r in table.records] == ["A01"] and len(table.errors) == 1
    store = open_store()
    store.record(cat, [person("A01", 1), person("A02", 2, "税務課")], year=2025, municipality=MUNI_A)
    with pytest.raises(skillframe.HistoryError) as err:
        store.record(cat, [person("A01", 1)], year=2026, municipality=MUNI_A, roster=table)
    assert (err.value.code, err.value.ja, err.value.en) == (
        "roster-errors",
        f"名簿に 1 件の誤りがあるため何も記録していません: {path}: row 3, 人材像: "
        "人材像がありません（票は人材像ごとに作ります） [missing-persona]",
        f"nothing recorded: 1 error(s) in the roster: {path}: row 3, 人材像: no persona (a form is made per persona)"
        " [missing-persona]",
    )
    assert store.years() == [2025]


def test_a_roster_giving_an_id_twice_with_two_personas_is_refused_as_the_cli_refuses_it(
    open_store: Any, cat: skillframe.Catalog, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Records naming one person twice with two personas: which is the person? Refused with the code
    ``record --roster`` gives such a file (``roster-errors``, the row's ``duplicate-id``), never the
    first kept; the same person twice with one persona (``Ａ０２`` is ``A02``) stays one person."""
    store = open_store()
    roster = [*ROSTER, {"id": "Ａ０２", "persona": "管理監督職", "department": "税務課"}]
    with pytest.raises(skillframe.HistoryError) as err:
        store.record(cat, [person("A01", 1)], year=2026, municipality=MUNI_A, roster=roster)
    assert (err.value.code, err.value.ja, err.value.en) == (
        "roster-errors",
        "名簿に 1 件の誤りがあるため何も記録していません: record Ａ０２, id: id 'Ａ０２' が重複しています"
        "（人材像 'DX推進員' と '管理監督職'） [duplicate-id]",
        "nothing recorded: 1 error(s) in the roster: record Ａ０２, id: duplicate id 'Ａ０２' with another persona:"
        " 'DX推進員', then '管理監督職' [duplicate-id]",
    )
    assert dump(store) == []
    # the CLI: the same roster as a file, refused with the same code
    (tmp_path / "staff.csv").write_text("id,persona\nA01,DX推進員\n", encoding="utf-8")
    (tmp_path / "名簿.csv").write_text("id,persona\nA01,DX推進員\nA02,DX推進員\nＡ０２,管理監督職\n", encoding="utf-8")
    args = [str(tmp_path / "staff.csv"), "--year", "2026", "-m", MUNI_A, "--db", "sqlite://"]
    assert main(["record", *args, "--roster", str(tmp_path / "名簿.csv")]) == 1
    assert capsys.readouterr().err.endswith(  # the file named, as every roster refusal of the CLI names it
        f"1 error(s) in the roster {tmp_path / '名簿.csv'}: row 4, id: duplicate id 'Ａ０２' (row 3) [duplicate-id]\n"
    )
    with pytest.raises(FormError) as refused:
        forms.roster_records(cat, tmp_path / "名簿.csv")
    assert refused.value.code == err.value.code == "roster-errors"
    same = [*ROSTER, {"id": "Ａ０２", "persona": "ＤＸ推進員"}]  # one persona, as the catalog reads it
    r = store.record(cat, [person("A01", 1)], year=2026, municipality=MUNI_A, roster=same)
    assert (r.stored, r.from_roster) == (2, ("A02",))


MISMATCH_JA = (
    "名簿に職員データの職員が 1 人もいないため何も記録していません（職員データ: 00101, 00102; 名簿: 101, 102, 103）:"
    " 別の自治体・年度の名簿か、職員番号の書き方が違います（00101 と 101 など）。"
    "名簿にいない職員だけなら --roster なしで記録してください"
)
MISMATCH_EN = (
    "nothing recorded: none of the 2 people in the staff data is on the roster (staff data: 00101, 00102; roster: 101,"
    " 102, 103): another municipality's or year's roster, or ids written differently (00101 and 101...)? Record"
    " staff who are not on the roster without --roster"
)


def test_a_roster_naming_nobody_in_the_staff_data_is_refused(open_store: Any, cat: skillframe.Catalog) -> None:
    """A roster sharing nobody with the staff data (another town's, or ids Excel turned into numbers)
    would add its whole list as people with no answer: the year's count doubled. Refused."""
    store = open_store()
    roster = [{"id": i, "persona": "DX推進員"} for i in ("101", "102", "103")]
    with pytest.raises(skillframe.HistoryError) as err:
        store.record(cat, [person("00101", 1), person("00102", 2)], year=2026, municipality=MUNI_A, roster=roster)
    assert (err.value.code, err.value.ja, err.value.en) == ("roster-mismatch", MISMATCH_JA, MISMATCH_EN)
    assert dump(store) == []
    ours = {"id": "00101", "persona": "DX推進員"}
    r = store.record(cat, [person("00101", 1)], year=2026, municipality=MUNI_A, roster=[*roster, ours])
    assert r.from_roster == ("101", "102", "103")  # one person in common: a roster of this staff, taken


def test_cli_a_roster_naming_nobody_in_the_staff_data_is_refused_before_the_store_opens(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    roster = "職員番号,人材像\r\n101,DX推進員\r\n102,DX推進員\r\n103,DX推進員\r\n".encode("cp932")
    err = _refused(db_url, tmp_path, capsys, "id,persona\n00101,DX推進員\n00102,DX推進員\n", roster)
    assert err == f"skillframe: {MISMATCH_JA} / {MISMATCH_EN}\n"


def test_someone_on_neither_the_file_nor_the_roster_is_not_told_to_use_the_roster(
    open_store: Any, cat: skillframe.Catalog
) -> None:
    """With a roster given, a person of last year on neither is shown as left: the not-in-file
    warning says so, not "were their forms refused? use record --roster" (it was used)."""
    store = open_store()
    store.record(cat, [person("A01", 1), person("A02", 2), person("A03", 1)], year=2025, municipality=MUNI_A)
    r = store.record(cat, [person("A01", 1)], year=2026, municipality=MUNI_A, roster=ROSTER)
    assert [w.code for w in r.warnings] == ["roster-only", "not-in-file"]
    said = r.warnings[1]
    assert (said.ids, said.year_before) == (("A03",), 2025)
    assert said.ja == (
        "2025年度に記録した 1名は職員データにも名簿にもいません（history では離任と表示します。在籍中なら名簿に加えて"
        "記録し直してください）: A03"
    )
    assert said.en == (
        "1 people recorded in FY2025 are neither in the staff data nor on the roster (history shows them as left;"
        " staff still there: add them to the roster and record again): A03"
    )
