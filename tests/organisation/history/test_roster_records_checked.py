"""A roster given as records (the Python API: ``HistoryStore.record(roster=…)``,
``forms.roster_records``) is checked as ``record --roster`` / ``form --roster`` check a roster
file: a person without a persona (``missing-persona``) and one id given with two 課
(``duplicate-id``) are refused at the roster check (``roster-errors``), before anything is
recorded — not a ``StaffDataError`` from evaluation later, not two 課 for one person."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from _history_helpers import MUNI_A, dump, person

import skillframe
from skillframe import forms
from skillframe.cli import main
from skillframe.errors import FormError

ROSTER = [
    {"id": "A01", "persona": "DX推進員", "department": "総務課"},
    {"id": "A02", "persona": "DX推進員", "department": "税務課"},
]


def _cli_refusal(tmp_path: Path, capsys: pytest.CaptureFixture[str], roster: str) -> str:
    """``record --roster`` of a roster file: refused (exit 1); its last stderr line."""
    (tmp_path / "staff.csv").write_text("id,persona\nA01,DX推進員\n", encoding="utf-8")
    (tmp_path / "名簿.csv").write_text(roster, encoding="utf-8")
    args = [str(tmp_path / "staff.csv"), "--year", "2026", "-m", MUNI_A, "--db", "sqlite://"]
    assert main(["record", *args, "--roster", str(tmp_path / "名簿.csv")]) == 1
    return capsys.readouterr().err.splitlines()[-1]


def test_a_roster_record_without_a_persona_is_refused_at_the_roster_check(
    open_store: Any, cat: skillframe.Catalog, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = open_store()
    roster = [*ROSTER, {"id": "A03", "department": "福祉課"}]
    with pytest.raises(skillframe.HistoryError) as err:
        store.record(cat, [person("A01", 1)], year=2026, municipality=MUNI_A, roster=roster)
    assert (err.value.code, err.value.ja, err.value.en) == (
        "roster-errors",
        "名簿に 1 件の誤りがあるため何も記録していません: record A03, persona: 人材像がありません [missing-persona]",
        "nothing recorded: 1 error(s) in the roster: record A03, persona: no persona [missing-persona]",
    )
    assert dump(store) == []
    with pytest.raises(FormError) as refused:
        forms.roster_records(cat, roster)
    assert (refused.value.code, refused.value.ja, refused.value.en) == (
        "roster-errors",
        "名簿に 1 件の誤りがあります: record A03, persona: 人材像がありません [missing-persona]",
        "1 error(s) in the roster: record A03, persona: no persona [missing-persona]",
    )
    # records with their rows: every problem at once, in roster order
    given = [skillframe.StaffRecord(id="B1", row=4), skillframe.StaffRecord(id="B2", department="総務課", row=7)]
    with pytest.raises(skillframe.HistoryError) as err:
        store.record(cat, [person("A01", 1)], year=2026, municipality=MUNI_A, roster=[*ROSTER, *given])
    assert err.value.en == (
        "nothing recorded: 2 error(s) in the roster: row 4, persona: no persona [missing-persona];"
        " row 7, persona: no persona [missing-persona]"
    )
    # the CLI: the same roster as a file, refused with the same codes
    last = _cli_refusal(tmp_path, capsys, "id,persona,department\nA01,DX推進員,総務課\nA03,,福祉課\n")
    assert last.endswith(  # the file named, as every roster refusal of the CLI names it
        f"1 error(s) in the roster {tmp_path / '名簿.csv'}: row 3, persona: no persona (a form is made per persona)"
        " [missing-persona]"
    )
    with pytest.raises(FormError) as refused:
        forms.roster_records(cat, tmp_path / "名簿.csv")
    assert refused.value.code == err.value.code == "roster-errors"


def test_one_id_with_two_departments_is_refused_at_the_roster_check(
    open_store: Any, cat: skillframe.Catalog, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = open_store()
    roster = [*ROSTER, {"id": "Ａ０２", "persona": "DX推進員", "department": "福祉課"}]  # Ａ０２ is A02
    with pytest.raises(skillframe.HistoryError) as err:
        store.record(cat, [person("A01", 1)], year=2026, municipality=MUNI_A, roster=roster)
    assert (err.value.code, err.value.ja, err.value.en) == (
        "roster-errors",
        "名簿に 1 件の誤りがあるため何も記録していません: record Ａ０２, id: id 'Ａ０２' が重複しています"
        "（課 '税務課' と '福祉課'） [duplicate-id]",
        "nothing recorded: 1 error(s) in the roster: record Ａ０２, id: duplicate id 'Ａ０２' with another"
        " department: '税務課', then '福祉課' [duplicate-id]",
    )
    assert dump(store) == []
    rows = [
        skillframe.StaffRecord(id="C1", persona="DX推進員", department="総務課", row=2),
        skillframe.StaffRecord(id="C1", persona="管理監督職", department="税務課", row=5),
    ]
    with pytest.raises(FormError) as refused:
        forms.roster_records(cat, rows)
    assert (refused.value.code, refused.value.ja, refused.value.en) == (
        "roster-errors",
        "名簿に 1 件の誤りがあります: row 5, id: id 'C1' が重複しています（2 行目と同じ、人材像 'DX推進員' と"
        " '管理監督職'、課 '総務課' と '税務課'） [duplicate-id]",
        "1 error(s) in the roster: row 5, id: duplicate id 'C1' (row 2) with another persona: 'DX推進員', then"
        " '管理監督職' and another department: '総務課', then '税務課' [duplicate-id]",
    )
    # the CLI: the same roster as a file, refused with the same code
    last = _cli_refusal(tmp_path, capsys, "id,persona,department\nA02,DX推進員,税務課\nＡ０２,DX推進員,福祉課\n")
    assert last.endswith(
        f"1 error(s) in the roster {tmp_path / '名簿.csv'}: row 3, id: duplicate id 'Ａ０２' (row 2) [duplicate-id]"
    )
    with pytest.raises(FormError) as refused:
        forms.roster_records(cat, tmp_path / "名簿.csv")
    assert refused.value.code == err.value.code == "roster-errors"


def test_one_id_with_one_persona_and_one_department_stays_one_person(open_store: Any, cat: skillframe.Catalog) -> None:
    """Given twice as the same person (課 as they are grouped: ``ＤＸ推進課`` is ``DX推進課``; no 課
    the second time says nothing else): not refused, one person."""
    same = [
        *ROSTER,
        {"id": "A03", "persona": "DX推進員", "department": "DX推進課"},
        {"id": "Ａ０３", "persona": "ＤＸ推進員", "department": "ＤＸ推進課"},
        {"id": "A03", "persona": "dx-promoter"},
    ]
    assert [(r.id, r.department) for r in forms.roster_records(cat, same)] == [
        ("A01", "総務課"),
        ("A02", "税務課"),
        ("A03", "DX推進課"),
        ("Ａ０３", "ＤＸ推進課"),
        ("A03", None),
    ]
    r = open_store().record(cat, [person("A01", 1)], year=2026, municipality=MUNI_A, roster=same)
    assert (r.stored, r.from_roster) == (3, ("A02", "A03"))


def test_a_roster_record_without_an_id_is_refused_as_a_file_row_without_one(
    open_store: Any, cat: skillframe.Catalog, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """No row of a roster is skipped: a record with no id is a ``missing-id`` row error (the code
    of a staff file's row without an id), as the same roster given as a file is refused."""
    store = open_store()
    roster = [*ROSTER, {"persona": "DX推進員", "department": "福祉課"}, {"id": "", "persona": "DX推進員"}]
    with pytest.raises(skillframe.HistoryError) as err:
        store.record(cat, [person("A01", 1)], year=2026, municipality=MUNI_A, roster=roster)
    assert (err.value.code, err.value.ja, err.value.en) == (
        "roster-errors",
        "名簿に 2 件の誤りがあるため何も記録していません: record, id: id（職員番号）がありません [missing-id];"
        " record, id: id（職員番号）がありません [missing-id]",
        "nothing recorded: 2 error(s) in the roster: record, id: missing id [missing-id];"
        " record, id: missing id [missing-id]",
    )
    assert dump(store) == []
    given = [*ROSTER, skillframe.StaffRecord(id="", persona="DX推進員", department="総務課", row=9)]
    with pytest.raises(FormError) as refused:
        forms.roster_records(cat, given)
    assert (refused.value.code, refused.value.ja, refused.value.en) == (
        "roster-errors",
        "名簿に 1 件の誤りがあります: row 9, id: id（職員番号）がありません [missing-id]",
        "1 error(s) in the roster: row 9, id: missing id [missing-id]",
    )
    # the same roster as a file: the same code, the same words
    last = _cli_refusal(tmp_path, capsys, "id,persona,department\nA01,DX推進員,総務課\n,DX推進員,福祉課\n")
    assert last.endswith(f"1 error(s) in the roster {tmp_path / '名簿.csv'}: row 3, id: missing id [missing-id]")
