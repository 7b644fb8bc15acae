"""Tables of results (skillframe.render.tables): the rollup and target progress of the
hand-computed fixture (tests/data/rollup-*.{csv,yaml}; numbers worked out in
tests/organisation/test_rollup.py), cell by cell, plus golden files of every table.

Regenerate the golden files after a deliberate change with
``python -m pytest tests/render/test_result_tables.py --update-golden`` and review the diff.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

import skillframe
from skillframe.render import tables as tb

DATA = Path(__file__).parents[1] / "data"


@pytest.fixture(scope="module")
def town() -> skillframe.Catalog:
    return skillframe.load(DATA / "rollup-town.yaml")


@pytest.fixture(scope="module")
def r(town: skillframe.Catalog) -> skillframe.Rollup:
    records = skillframe.read_staff(DATA / "rollup-staff.csv", catalog=town).records
    return skillframe.rollup(town, records, framework="fixture-town")


@pytest.fixture(scope="module")
def p(town: skillframe.Catalog, r: skillframe.Rollup) -> skillframe.Progress:
    return skillframe.progress(skillframe.read_targets(DATA / "rollup-targets.yaml", catalog=town), r, town)


def test_attainment_rows(r: skillframe.Rollup) -> None:
    t = tb.attainment_table(r, "ja")
    assert t.headers == ("人材像", "人数", "Step未満", "Step1以上", "Step2以上", "Step3以上", "データ不足")
    dx = next(row for row in t.rows if row[0] == "DX推進員")
    assert dx == ("DX推進員", "14", "3", "11 (78.6%)", "7 (50.0%)", "2 (14.3%)", "2")
    assert t.rows[-1] == ("未設定", "2", "—", "—", "—", "—", "0")  # evaluated against no ladder: not below Step 1
    assert t.notes[0] == "対象 30 名（人材像 未設定 2 名、データ不足 4 名を含む）"
    assert t.notes[1].startswith("段階のない人材像（段階分け無し: 研修受講のみ管理）の職員 2 名は段階で評価しません")
    assert t.notes[2] == (
        "人材像 未設定 の職員 2 名は評価対象外です（人材像がなく段階で評価していません。「Step未満」欄は —）"
    )
    manager = next(row for row in t.rows if row[0] == "一般行政職員（管理監督職）")
    assert manager[1:3] == ("2", "—")  # not two below Step 1
    en = tb.attainment_table(r, "en")
    assert en.rows[-1][:3] == ("not set", "2", "—") and en.notes[0].startswith("30 staff")
    assert en.notes[2] == (
        "2 staff without a persona are not evaluated (no persona, so no steps to evaluate against; "
        "'below Step 1' shows —)"
    )


def test_department_and_coverage_rows(r: skillframe.Rollup) -> None:
    t = tb.department_table(r, "en")
    assert t.rows[0][:2] == ("総務課", "10") and t.rows[-1][:2] == ("not set", "1")
    assert t.rows[0][-3:] == ("6", "4", "2")  # 総務課: step 1+, 2+, 3+
    assert r.coverage is not None
    c = tb.coverage_table(r.coverage, "ja")
    assert c.rows[4] == ("住民課", "0", "0")
    assert c.notes == ("配置のある課: 4/5 (80.0%); いない課: 住民課",)
    step2 = tb.concentration_table(r.concentration[0], "en")
    assert step2.rows[0] == ("総務課", "3", "50.0%") and step2.rows[-1] == ("not set", "1", "—")
    assert step2.notes == ("HHI 0.333 (even spread: 0.200); largest 総務課 50.0%",)


def test_training_demand_and_levels(r: skillframe.Rollup) -> None:
    demand = tb.demand_table(r, "ja")
    bpr = next(row for row in demand.rows if row[0] == "BPR研修")
    assert bpr[1:3] == ("2", "1") and "区市町村○" in bpr[3]
    training = tb.training_table(r, "en")
    assert ("Business analysis / BPR", "14", "11", "1", "78.6%") in training.rows
    levels = tb.levels_table(r, "en")
    assert levels.rows[1][:3] == ("DX promotion leader", "14", "1")
    note = '"nearly all" = at least 75.0% (setting of fixture-town): 試験用の判断 / a judgement for the test'
    assert levels.notes[0] == note
    assert tb.threshold_note(r, "ja").startswith("「ほぼ全ての者」= 75.0% 以上（fixture-town の設定）")


def test_progress_rows(p: skillframe.Progress) -> None:
    t = tb.progress_table(p, "ja")
    assert t.headers[0] == "区分" and len(t.rows) == 10
    each = t.rows[1]
    assert each == ("基本方針", "DX推進員 Step1 各課に1名以上", "4", "5", "1", "1.5", "順調", "4/5 課; 不足: 住民課")
    assert t.rows[3][6] == "遅れ" and t.rows[7][6] == "達成"
    en = tb.progress_table(p, "en")
    assert en.rows[2][2:6] == ("50.0%", "80.0%", "30.0%", "38.0%") and en.rows[2][6] == "on track"
    assert en.notes[1] == "basic policy: FY2025–FY2029"


def test_value_formats() -> None:
    assert tb.fmt_value(0.125, "rate") == "12.5%"
    assert tb.fmt_value(2.0, "level") == "2" and tb.fmt_value(2.5, "people") == "2.5"
    assert tb.fmt_value(None, "rate") == "—"
    assert tb.status_text("off_track", "en") == "off track" and tb.status_text("achieved") == "達成"


def test_an_empty_rollup_has_tables(cat: skillframe.Catalog) -> None:
    r = skillframe.rollup(cat, [])
    tables = tb.rollup_tables(r, "en")
    assert [t.title for t in tables][:2] == ["Step attainment by persona", "Staff and steps by department"]
    assert tables[0].rows == () and tables[0].notes == ("0 staff (incl. 0 without a persona and 0 with unknown data)",)


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_golden_tables(
    r: skillframe.Rollup, p: skillframe.Progress, lang: str, golden: Callable[[str, str], None]
) -> None:
    text = "\n".join(t.render("github") for t in [tb.progress_table(p, lang), *tb.rollup_tables(r, lang)])
    golden(f"organisation-tables-{lang}.md", text)
