"""The roster is read once, in ``skillframe.staff.roster``: the forms, the history and the
commands that take ``--roster`` all read it there (each refuses a problem in its own words)."""

from __future__ import annotations

from pathlib import Path

import skillframe
from skillframe import forms
from skillframe.staff import roster


def test_the_forms_read_the_roster_of_the_staff_package() -> None:
    assert forms.read_roster is roster.read_roster
    assert forms.form_column is roster.roster_column
    assert forms.Roster is roster.Roster


def test_the_history_keeps_no_roster_reading_of_its_own() -> None:
    """The history package (which may not import ``forms``) reads a roster through ``staff.roster``."""
    import skillframe.history._recording as recording

    assert not hasattr(recording, "roster_people")
    src = Path(recording.__file__).read_text(encoding="utf-8")
    assert "from ..staff.roster import roster_people" in src


def test_roster_people_gives_a_tables_errors_and_ids_given_with_two_personas(
    tmp_path: Path, cat: skillframe.Catalog
) -> None:
    path = tmp_path / "名簿.csv"
    path.write_text("職員番号,人材像,所属\nA01,DX推進員,総務課\nA02,,税務課\n", encoding="utf-8")
    people, errors = roster.roster_people(cat, roster.read_roster(path, cat))
    assert [p.id for p in people] == ["A01"]
    assert [(e.row, e.column, e.code) for e in errors] == [(3, "人材像", "missing-persona")]
    given = [
        {"id": "B1", "persona": "DX推進員", "department": "総務課"},
        {"id": "B1", "persona": "tokyo-wg-2025:dx-promoter"},  # the same persona: one person, no problem
        {"id": "B1", "persona": "管理監督職"},
        {"id": "B2", "persona": "DX推進委員"},  # unknown to the catalog: compared as written
        {"id": "Ｂ２", "persona": "ＤＸ推進委員"},
        {"id": "B2", "persona": None},  # no persona: refused as read_roster refuses it, never a duplicate
    ]
    people, errors = roster.roster_people(cat, given)
    assert [(p.id, p.persona) for p in people][:2] == [("B1", "DX推進員"), ("B1", "tokyo-wg-2025:dx-promoter")]
    assert [(e.id, e.code, e.ja) for e in errors] == [
        ("B1", "duplicate-id", "id 'B1' が重複しています（人材像 'DX推進員' と '管理監督職'）"),
        ("B2", "missing-persona", "人材像がありません"),
    ]
    given[3:] = [{"id": "B2", "persona": "DX推進委員"}, {"id": "Ｂ２", "persona": "DX推進係"}]
    assert [(e.id, e.code, e.en) for e in roster.roster_people(cat, given)[1][1:]] == [
        ("Ｂ２", "duplicate-id", "duplicate id 'Ｂ２' with another persona: 'DX推進委員', then 'DX推進係'")
    ]
