"""``baseline: history`` targets judged on the recorded trajectory, not a straight line (issue 12, item 4)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

import skillframe
from skillframe.organisation.progress import RecordedPoint, expected, fiscal_time
from skillframe.organisation.targets import Plan, Target, Targets, YearPlan
from skillframe.render.tables import progress_table

pytest.importorskip("sqlalchemy")
from _history_helpers import MUNI_A, person

IDS = ["S1", "S2", "S3", "S4", "S5", "S6"]
REACHED = {2024: 0, 2025: 2, 2026: 4}  # people of six at Step1+ in each 年度


@pytest.fixture
def three_years(open_store: Any, cat: skillframe.Catalog) -> skillframe.History:
    store = open_store()
    for year, n in REACHED.items():
        people = [person(pid, 1 if i < n else 0) for i, pid in enumerate(IDS)]
        store.record(cat, people, year=year, municipality=MUNI_A)
    return store.history(cat)


PLAN_TARGET = Target(kind="count", persona="DX推進員", step=1, value=6, baseline_from="history")
RATE_TARGET = Target(kind="step_rate", persona="DX推進員", step=1, value=1.0, baseline_from="history")


def _targets(year_plan: YearPlan | None = None) -> Targets:
    plan = Plan(baseline_year=2025, target_year=2027, targets=(PLAN_TARGET, RATE_TARGET))
    return Targets(format="skillframe-targets/1", plan=plan, year=year_plan)


def test_judged_on_the_recorded_years_not_the_line_at_as_of(
    three_years: skillframe.History, cat: skillframe.Catalog
) -> None:
    as_of = dt.date(2027, 10, 1)  # 2027 not recorded yet: the latest record is 2026
    prog = skillframe.progress(_targets(), skillframe.rollup(cat, []), cat, as_of=as_of, history=three_years)
    count, rate = prog.items
    # the straight line at as_of (2027.5 of 2025.0 → 2028.0) expects 5 of 6: 4 would be off track
    assert expected(0, 6, 2025.0, 2028.0, fiscal_time(as_of)) == pytest.approx(5.0, abs=0.01)
    # the record of 2026 is compared with the line at the end of 2026 (2027.0): 4 → on track
    assert (count.basis, count.status, count.current, count.expected) == ("recorded", "on_track", 4.0, 4.0)
    assert (count.detail, count.detail_en) == ("2026年度の記録", "recorded for FY2026")
    assert count.recorded == (
        RecordedPoint(year=2024, value=0.0, reference=0.0, basis="recorded"),
        RecordedPoint(year=2025, value=2.0, reference=2.0, basis="recorded"),
        RecordedPoint(year=2026, value=4.0, reference=4.0, basis="recorded"),
    )
    assert [(p.year, round(p.value, 4), round(p.reference, 4)) for p in rate.recorded] == [
        (2024, 0.0, 0.0),
        (2025, 0.3333, 0.3333),
        (2026, 0.6667, 0.6667),
    ]
    assert (rate.basis, rate.status, round(rate.current or 0, 4)) == ("recorded", "on_track", 0.6667)
    rows = progress_table(prog).rows
    assert rows[0][2] == "4" and rows[0][5] == "4"
    assert rows[0][7] == (
        "2026年度の記録; 判定: 記録の推移（各年度の直線上の値と比較）; 基準値 0（2024年度の記録）; 2025: 2, 2026: 4"
    )
    assert progress_table(prog, "en").rows[0][7] == (
        "recorded for FY2026; judged on: the recorded years (vs the straight line at each); "
        "baseline 0 (recorded for FY2024); 2025: 2, 2026: 4"
    )
    assert "2026: 66.7%" in progress_table(prog, "en").rows[1][7]


def test_the_running_year_is_read_against_the_line_at_as_of(
    three_years: skillframe.History, cat: skillframe.Catalog
) -> None:
    prog = skillframe.progress(
        _targets(), skillframe.rollup(cat, []), cat, as_of=dt.date(2026, 10, 1), history=three_years
    )
    count = prog.items[0]
    assert (count.basis, count.status, count.current) == ("recorded", "on_track", 4.0)
    assert count.expected == pytest.approx(6 * 1.5 / 3, abs=0.01)  # line at 2026.5
    assert count.recorded[-1].year == 2026


def test_a_year_plan_milestone_is_the_reference_for_its_year(
    three_years: skillframe.History, cat: skillframe.Catalog
) -> None:
    milestone = YearPlan(year=2026, targets=(Target(kind="count", persona="DX推進員", step=1, value=5),))
    prog = skillframe.progress(
        _targets(milestone), skillframe.rollup(cat, []), cat, as_of=dt.date(2027, 10, 1), history=three_years
    )
    count, rate, year = prog.items
    # 4 recorded for 2026 against the 年度計画's 5: behind, though the line at 2026's end (4) is met
    assert (count.basis, count.status, count.current, count.expected) == ("milestone", "off_track", 4.0, 5.0)
    assert count.recorded[-1] == RecordedPoint(year=2026, value=4.0, reference=5.0, basis="milestone")
    assert rate.basis == "recorded"  # no milestone of that kind
    assert (year.basis, year.recorded) == ("line", ())  # not from the history: the straight line
    assert "年度計画の目標と比較" in progress_table(prog).rows[0][7]


def test_without_a_recorded_year_in_the_span_the_line_is_used(open_store: Any, cat: skillframe.Catalog) -> None:
    store = open_store()
    store.record(cat, [person("S1", 1), person("S2", 0)], year=2024, municipality=MUNI_A)
    prog = skillframe.progress(
        _targets(), skillframe.rollup(cat, []), cat, as_of=dt.date(2025, 10, 1), history=store.history(cat)
    )
    count = prog.items[0]
    assert (count.basis, count.current, count.status) == ("line", 0.0, "off_track")
    assert count.expected == pytest.approx(1 + 5 * 0.5 / 3, abs=0.01)
    assert count.recorded == (RecordedPoint(year=2024, value=1.0, reference=1.0, basis="recorded"),)
    # the baseline read from the history is shown though the judgement is the straight line
    assert progress_table(prog).rows[0][7] == "基準値 1（2024年度の記録）"
    assert progress_table(prog, "en").rows[0][7] == "baseline 1 (recorded for FY2024)"


CLI_TARGETS = """\
format: skillframe-targets/1
as_of: 2026-10-01
year:
  year: 2026
  targets:
    - {kind: count, persona: DX推進員, step: 1, value: 40, baseline: history}
"""


def test_report_shows_the_basis_and_the_recorded_years(db_url: str, root: Any, tmp_path: Any) -> None:
    from skillframe.cli import main

    staff = str(root / "examples" / "staff.csv")
    for year in ("2025", "2026"):
        assert main(["record", staff, "--year", year, "-m", MUNI_A, "--db", db_url]) == 0
    path = tmp_path / "targets.yaml"
    path.write_text(CLI_TARGETS, encoding="utf-8")
    out = tmp_path / "r.html"
    assert main(["report", staff, "-t", str(path), "--db", db_url, "-m", MUNI_A, "-o", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert "2026年度の記録; 判定: 記録の推移（各年度の直線上の値と比較）; 基準値 " in text
    assert "（2025年度の記録）; 2026: " in text
