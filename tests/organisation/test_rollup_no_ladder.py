"""Staff of a persona without a ladder in the rollup and the report.

User trial: managers (一般行政職員（管理監督職）, tracked by Off-JT only: 「段階分け無し(Off-JT
受講の管理のみ)」) were counted among those who 'have not yet reached any step' in the 所見, and
their own skills (変革ゴール設定, 変革推進サポート) never appeared in 研修受講率.
"""

from __future__ import annotations

import skillframe
from skillframe.render.report import findings, staff_line
from skillframe.render.tables import attainment_table, training_table

ROWS = [
    {"id": "1", "persona": "DX推進員", "department": "総務課", "trainings": []},
    {"id": "2", "persona": "管理監督職", "department": "総務課", "trainings": ["変革ゴール設定", "DXの必要性理解"]},
    {"id": "3", "persona": "管理監督職", "department": "税務課", "trainings": ["変革推進サポート"]},
    {"id": "4", "persona": "CIO補佐官", "department": "情報課"},
    {"id": "5", "department": "税務課"},
]


def test_managers_are_counted_apart_not_as_no_step(cat: skillframe.Catalog) -> None:
    r = skillframe.rollup(cat, ROWS)
    assert (r.total, r.no_persona, r.no_ladder) == (5, 1, 3)
    first = findings(r)[0]
    assert "まだどの段階にも達していない職員 1 名" in first  # the DX推進員 only
    assert "評価対象外 4 名（人材像 未設定 1 名、段階のない人材像（研修受講のみ管理） 3 名）" in first
    assert "1 have reached no step yet" in findings(r, lang="en")[0]
    assert "段階のない人材像 3 名" in staff_line(r)
    manager = next(row for row in attainment_table(r).rows if row[0] == "一般行政職員（管理監督職）")
    assert manager[1:3] == ("2", "—")  # two staff, not two at "no step"
    assert r.persona("管理監督職") is not None and not r.persona("管理監督職").laddered


def test_managers_own_skills_are_in_training_completion(cat: skillframe.Catalog) -> None:
    r = skillframe.rollup(cat, ROWS)
    rows = {row[0]: row[1:] for row in training_table(r).rows}
    assert rows["変革ゴール設定"] == ("2", "1", "0", "50.0%")
    assert rows["変革推進サポート"] == ("2", "1", "0", "50.0%")
    assert r.training_rate(persona="管理監督職", skill="変革ゴール設定") == 0.5
    # inherited 共通 skills counted as before; ツール活用 (measured by tool level) still not
    assert r.training_rate(persona="管理監督職", skill="DXの必要性理解") == 0.5
    assert not any(s.endswith(":tool-office") for p, s, *_ in r.training_cells)
    # a DSM role without a ladder has no recommended training: nothing counted
    d = skillframe.rollup(cat, [{"id": "9", "persona": "tokyo-dsm:bd", "trainings": []}])
    assert d.training_cells == ()


def test_laddered_personas_count_as_before(cat: skillframe.Catalog) -> None:
    r = skillframe.rollup(cat, ROWS[:1])
    assert r.no_ladder == 0
    assert findings(r)[0].endswith("Step3 0 名です。")
