"""Rollup and targets against a hand-computed fixture (tests/data/rollup-*.{csv,yaml}).

30 fictional staff in 4 departments (総務課 10, 税務課 8, 福祉課 6, 環境課 5, one without a
department); the town's settings list a fifth, 住民課, where nobody works. DX推進員 (14):
ranks D01 3, D02 2, D03 1, D04 0 (general trainings only), D05 3, D06 2, D07 0 (no BPR),
D08 1, D09 2, D10 1, D11 0 (trainings unknown), D12 2, D13 1 (lead years unknown), D14 2
(no department). 一般行政職員 (12, deployed tools Teams and Excel): G01 2, G02 1 (Teams 0),
G03 2, G04 0 (no privacy), G05 1 (Excel unknown), G06 2, G07 0 (なし), G08 2, G09 0
(trainings unknown), G10 1 (Excel 0), G11 2, G12 2. Two managers (no ladder), two records
without a persona. Every number below is worked out from that list by hand.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import skillframe
from skillframe.cli import main
from skillframe.render.tables import (
    attainment_table,
    department_table,
    progress_table,
    rollup_tables,
    threshold_note,
)

DATA = Path(__file__).parents[1] / "data"
STAFF = DATA / "rollup-staff.csv"
TOWN = DATA / "rollup-town.yaml"
TARGETS = DATA / "rollup-targets.yaml"
DX = "fixture-town:dx-promoter"
GS = "fixture-town:general-staff"


@pytest.fixture(scope="module")
def cat() -> skillframe.Catalog:
    return skillframe.load(TOWN)


@pytest.fixture(scope="module")
def r(cat: skillframe.Catalog) -> skillframe.Rollup:
    table = skillframe.read_staff(STAFF, catalog=cat)
    assert table.errors == ()
    return skillframe.rollup(cat, table.records, framework="fixture-town")


def test_totals_no_persona_and_unknown_are_counted(r: skillframe.Rollup) -> None:
    assert r.total == 30
    assert r.no_persona == 2  # N01, N02
    assert r.unknown == 4  # D11, D13, G05, G09
    none = r.persona(None)
    assert none is not None and none.total == 2 and none.label == "未設定"


def test_step_attainment(r: skillframe.Rollup) -> None:
    dx = r.persona(DX)
    assert dx is not None
    assert dx.at_rank == (3, 4, 5, 2)
    assert (dx.reached(1), dx.reached(2), dx.reached(3)) == (11, 7, 2)
    assert dx.rate(2) == pytest.approx(0.5)
    assert dx.unknown == 2
    gs = r.persona(GS)
    assert gs is not None and gs.at_rank == (3, 3, 6) and gs.unknown == 2
    manager = r.persona("fixture-town:manager")
    assert manager is not None and manager.at_rank == (2,) and manager.steps == ()


def test_departments(r: skillframe.Rollup) -> None:
    assert r.departments == ("総務課", "税務課", "福祉課", "環境課", "住民課", None)
    assert [r.count(department=d) for d in r.departments] == [10, 8, 6, 5, 0, 1]
    assert r.count(department="総務課", min_rank=2) == 4  # D01, D02, D05 and G01
    cov = r.coverage
    assert cov is not None and cov.persona == DX
    assert [(d.department, d.count, d.stepped) for d in cov.departments] == [
        ("総務課", 5, 4),
        ("税務課", 3, 2),
        ("福祉課", 3, 2),
        ("環境課", 2, 2),
        ("住民課", 0, 0),
        (None, 1, 1),
    ]
    assert (cov.covered, len(cov.known), cov.without) == (4, 5, ("住民課",))
    assert cov.rate == pytest.approx(0.8)


def test_concentration(r: skillframe.Rollup) -> None:
    step2, step3 = r.concentration
    assert step2.rank == 2 and step2.total == 6 and step2.unassigned == 1
    assert dict(step2.counts) == {"総務課": 3, "税務課": 1, "福祉課": 1, "環境課": 1, "住民課": 0}
    assert step2.hhi == pytest.approx(0.25 + 3 / 36)
    assert step2.max_share == ("総務課", pytest.approx(0.5))
    assert step2.even == pytest.approx(0.2)
    assert step3.total == 2 and step3.hhi == pytest.approx(1.0)


def test_training_completion(r: skillframe.Rollup, cat: skillframe.Catalog) -> None:
    by = {t.skill: t for t in r.trainings}
    bpr = by["fixture-town:bpr"]
    assert (bpr.required, bpr.completed, bpr.unknown) == (14, 11, 1)
    privacy = by["fixture-town:privacy"]
    assert (privacy.required, privacy.completed, privacy.unknown) == (28, 23, 3)
    # DX推進員: 17 required skills each, 11 of them measured by training (the 6 ツール活用 skills
    # are measured by tool levels); 11 people with 11, D04 5, D07 10, D11 0
    assert r.training_rate(persona=DX) == pytest.approx(136 / 154)
    assert not any(t.skill.startswith("fixture-town:tool-") for t in r.trainings)
    assert r.training_rate(skill="fixture-town:tool-office") is None  # required, but no training measures it


def test_training_demand(r: skillframe.Rollup) -> None:
    d = {t.label: t for t in r.demand}
    assert (d["BPR研修"].needed, d["BPR研修"].unknown) == (2, 1)  # D04, D07; D11
    assert (d["情報セキュリティ研修"].needed, d["情報セキュリティ研修"].unknown) == (2, 2)  # G04, G07; D11, G09
    assert (d["各種ツールに関する基礎研修"].needed, d["各種ツールに関する基礎研修"].unknown) == (2, 1)  # G02, G10; G05
    assert (d["DXマインドセット研修"].needed, d["DXマインドセット研修"].unknown) == (1, 2)  # G07; D11, G09
    assert (d["UX研修"].needed, d["UX研修"].unknown) == (1, 1)  # D04; D11
    assert ("区市町村", "○", None) in d["BPR研修"].bodies
    assert d["BPR研修"].by_step == ((DX, 1, 2),)
    assert r.demand[0].needed == 2


def test_mic_levels(r: skillframe.Rollup, cat: skillframe.Catalog) -> None:
    assert (r.nearly_all, r.nearly_all_source) == (0.75, "setting")
    leader = r.level("mic-guidebook-2024:dx-leader")
    assert leader is not None
    assert leader.staff == 14 and leader.at_level == (0, 7, 0, 7, 0, 0)
    assert leader.share(3) == pytest.approx(0.5) and leader.level == 1
    assert leader.unknown == 2
    used = {(e.step, e.level, e.predicate, e.basis, e.confidence) for e in leader.mappings}
    step2 = ("fixture-town:dx-promoter-step2", "mic-guidebook-2024:org-level.level3")
    assert (*step2, "skos:closeMatch", "judgement", 0.5) in used
    general = r.level("mic-guidebook-2024:general-staff")
    assert general is not None  # 12 general staff + 2 managers (broadMatch), 6 at Step2
    assert general.staff == 14 and general.share(3) == pytest.approx(6 / 14) and general.level == 1
    expert = r.level("mic-guidebook-2024:expert")
    assert expert is not None and expert.staff == 0 and expert.level is None
    # with "nearly all" = 40%, both types reach level 3 (50% and 42.9%)
    low = skillframe.rollup(
        cat, skillframe.read_staff(STAFF, catalog=cat).records, framework="fixture-town", nearly_all=0.4
    )
    assert low.nearly_all_source == "argument"
    assert [lv.level for lv in low.levels] == [None, 3, 3]
    assert "75.0%" in threshold_note(r, "ja") and "fixture-town" in threshold_note(r, "en")


def test_rollup_of_evaluations_matches_records(cat: skillframe.Catalog, r: skillframe.Rollup) -> None:
    records = skillframe.read_staff(STAFF, catalog=cat).records
    with_persona = [x for x in records if x.persona]
    evs = list(skillframe.evaluate_many(cat, None, with_persona, deployed_tools=("teams", "excel")))
    mixed = skillframe.rollup(cat, [*evs, *(x for x in records if not x.persona)], framework="fixture-town")
    assert mixed.cells == r.cells and mixed.demand == r.demand


def test_tables_render(r: skillframe.Rollup) -> None:
    for lang in ("ja", "en"):
        for t in rollup_tables(r, lang):
            assert t.render("github")
    assert "未設定" in attainment_table(r, "ja").render("github")
    assert "not set" in department_table(r, "en").render("github")


# -- targets ---------------------------------------------------------------------------


def test_targets_progress(r: skillframe.Rollup, cat: skillframe.Catalog) -> None:
    tg = skillframe.read_targets(TARGETS, catalog=cat)
    assert tg.as_of == dt.date(2026, 10, 1)
    p = skillframe.progress(tg, r, cat)
    by = {it.target.id: it for it in p}
    plan_frac = (183 / 365 + 1) / 5  # 2025.0 → 2030.0, read at 2026-10-01
    year_frac = 183 / 365
    it = by["dx-count"]
    assert (it.current, it.value, it.gap, it.status) == (14, 24, 10, "on_track")
    assert it.expected == pytest.approx(4 + 20 * plan_frac)
    it = by["dx-each"]
    assert (it.current, it.value, it.gap, it.status) == (4, 5, 1, "on_track")
    assert "住民課" in (it.detail or "")
    it = by["dx-step2"]
    assert it.current == pytest.approx(0.5) and it.expected == pytest.approx(0.2 + 0.6 * plan_frac)
    assert it.status == "on_track"
    it = by["mic-dx"]
    assert (it.current, it.status) == (1, "off_track") and it.expected == pytest.approx(1 + 2 * plan_frac)
    it = by["hires"]
    assert (it.current, it.gap, it.status) == (1, 2, "off_track") and it.expected == pytest.approx(3 * year_frac)
    it = by["dx-step1"]
    assert (it.current, it.status) == (11, "on_track") and it.expected == pytest.approx(8 + 4 * year_frac)
    it = by["dx-training"]
    assert it.current == pytest.approx(136 / 154) and (it.gap, it.status) == (0, "achieved")
    it = by["bpr-training"]
    assert it.current == pytest.approx(11 / 14) and (it.gap, it.status) == (0, "achieved")
    it = by["gs-step1"]
    assert it.current == pytest.approx(9 / 12) and it.status == "on_track"
    it = by["dx-step3"]
    assert it.current == pytest.approx(2 / 14) and it.status == "off_track"
    text = progress_table(p, "en").render("github")
    assert "straight line" in text and "off track" in text


def test_targets_errors_have_file_and_line(tmp_path: Path, cat: skillframe.Catalog) -> None:
    bad = tmp_path / "t.yaml"
    bad.write_text(
        "format: skillframe-targets/1\n"
        "year:\n"
        "  year: 2026\n"
        "  targets:\n"
        "    - {kind: step_rate, persona: DX推進員, value: 80}\n"
        "    - {kind: count, persona: 推進員X, value: 3}\n"
        "    - {kind: size, value: 3, colour: red}\n",
        encoding="utf-8",
    )
    with pytest.raises(skillframe.TargetsError) as info:
        skillframe.read_targets(bad, catalog=cat)
    text = str(info.value)
    assert f"{bad}:5:" in text and "step_rate" in text  # missing step
    assert "0.5 = 50%" in text  # 80 is not a rate
    assert f"{bad}:6:" in text and "推進員X" in text
    assert f"{bad}:7:" in text and "colour" in text
    assert isinstance(info.value, ValueError)


def test_targets_unsafe_yaml_refused(tmp_path: Path) -> None:
    bad = tmp_path / "t.yaml"
    bad.write_text("format: !!python/object/apply:os.system [echo hi]\n", encoding="utf-8")
    with pytest.raises(skillframe.TargetsError):
        skillframe.read_targets(bad)


def test_example_targets_match_example_staff() -> None:
    root = Path(__file__).parents[2]
    cat = skillframe.load()
    tg = skillframe.read_targets(root / "examples" / "targets.yaml", catalog=cat)
    roll = skillframe.rollup(cat, skillframe.read_staff(root / "examples" / "staff.csv", catalog=cat).records)
    p = skillframe.progress(tg, roll, cat)
    assert p.items and all(it.status != "unknown" for it in p)


# -- CLI -------------------------------------------------------------------------------


def test_cli_report_markdown(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "r.md"
    code = main(["report", str(STAFF), "-c", str(TOWN), "-t", str(TARGETS), "-o", str(out), "--lang", "en"])
    assert code == 0
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Digital talent report")
    assert "30 staff (2 without a persona, 2 of a persona without a ladder, 4 with unknown data)" in text
    assert "4/5 departments; short: 住民課" in text


def test_training_figures_agree_library_cli_and_workbook(tmp_path: Path, r: skillframe.Rollup) -> None:
    """研修受講率: the library's rate, the report's table (Markdown and XLSX) and the target's
    progress count the same skills (those some step measures by training)."""
    openpyxl = pytest.importorskip("openpyxl")
    cat = skillframe.load(TOWN)
    tg = skillframe.read_targets(TARGETS, catalog=cat)
    by = {it.target.id: it for it in skillframe.progress(tg, r, cat)}
    md = tmp_path / "r.md"
    assert main(["report", str(STAFF), "-c", str(TOWN), "-t", str(TARGETS), "-o", str(md)]) == 0
    text = md.read_text(encoding="utf-8")
    row = next(line for line in text.splitlines() if "DX推進員 研修受講率" in line)
    assert "88.3%" in row and "達成" in row  # 136/154, from the library above
    assert by["dx-training"].current == pytest.approx(136 / 154)
    table = text.split("## スキル別の研修受講率")[1].split("## ")[0]
    assert "| 業務分析/BPR " in table and "| ツール活用" not in table
    xlsx = tmp_path / "r.xlsx"
    assert main(["report", str(STAFF), "-c", str(TOWN), "-t", str(TARGETS), "-o", str(xlsx)]) == 0
    ws = openpyxl.load_workbook(xlsx)["数値目標の進捗"]
    cells = next(row for row in ws.iter_rows(values_only=True) if row[1] == "DX推進員 研修受講率")
    assert cells[2] == pytest.approx(136 / 154)
    per_skill = openpyxl.load_workbook(xlsx)["スキル別の研修受講率"]
    names = [row[0] for row in per_skill.iter_rows(min_row=2, values_only=True)]
    assert names == [t.label for t in r.trainings]


def test_cli_report_bad_targets_exit_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "t.yaml"
    bad.write_text("format: skillframe-targets/1\nplan: [1]\n", encoding="utf-8")
    assert main(["report", str(STAFF), "-c", str(TOWN), "-t", str(bad), "-o", str(tmp_path / "r.html")]) == 1
    assert f"{bad}:2:" in capsys.readouterr().err


def test_cli_report_bad_rows_exit_1_with_row(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    staff = tmp_path / "s.csv"
    staff.write_text(
        "id,persona,department,dx_lead_years\nA,DX推進員,総務課,1\nB,DX推進員,総務課,many\n", encoding="utf-8"
    )
    out = tmp_path / "r.md"
    assert main(["report", str(staff), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "row 3" in err and "dx_lead_years" in err
    assert "読めなかった行 1" in out.read_text(encoding="utf-8")


def test_cli_report_usage_errors_exit_2(tmp_path: Path) -> None:
    assert main(["report"]) == 2
    assert main(["report", str(STAFF), "--format", "pdf"]) == 2
    assert main(["report", str(STAFF), "--framework", "no-such-framework"]) == 2


def test_status_is_judged_at_the_precision_shown(tmp_path: Path, r: skillframe.Rollup, cat: skillframe.Catalog) -> None:
    """A 見込み値 of 1.0022 is shown as 1.0: beside 現状 1 the verdict is 順調, not 遅れ (the
    shortfall is below what the table shows); a shortfall the table shows stays 遅れ."""
    text = (
        "format: skillframe-targets/1\nframework: fixture-town\nas_of: {day}\nplan:\n"
        "  baseline_year: 2025\n  target_year: 2029\n  targets:\n"
        "    - {{id: mic, kind: mic_level, type: DX推進リーダー, value: 3}}\n"
        "    - {{id: n, kind: count, persona: DX推進員, value: 20, baseline: 14}}\n"
        "    - {{id: rate, kind: step_rate, persona: DX推進員, step: 2, value: 0.6, baseline: 0.5}}\n"
    )
    early = tmp_path / "early.yaml"
    early.write_text(text.format(day="2025-04-03"), encoding="utf-8")
    p = skillframe.progress(skillframe.read_targets(early, catalog=cat), r, cat)
    mic, n, rate = p.items
    assert mic.current == 1 and mic.expected == pytest.approx(1 + 2 * (2 / 365) / 5)  # 1.0022
    assert (mic.status, n.status, rate.status) == ("on_track", "on_track", "on_track")
    row = progress_table(p, "ja").rows[0]
    assert (row[2], row[5], row[6]) == ("1", "1.0", "順調")
    assert progress_table(p, "ja").rows[2][2::3] == ("50.0%", "50.0%")  # 現状 = 見込み値 as shown
    later = tmp_path / "later.yaml"
    later.write_text(text.format(day="2025-10-01"), encoding="utf-8")  # 見込み値 1.2: late, and it shows
    p = skillframe.progress(skillframe.read_targets(later, catalog=cat), r, cat)
    row = progress_table(p, "ja").rows[0]
    assert (row[2], row[5], row[6]) == ("1", "1.2", "遅れ")
    out = tmp_path / "r.md"
    assert main(["report", str(STAFF), "-c", str(TOWN), "-t", str(early), "-o", str(out)]) == 0
    shown = next(line for line in out.read_text(encoding="utf-8").splitlines() if "育成目標レベル" in line)
    assert "| 1.0 " in shown and "順調" in shown and "遅れ" not in shown


def test_cli_a_row_without_persona_is_counted_and_listed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """evaluate cannot evaluate a row without a persona: an error (missing-persona, its row).
    report counts it under 未設定 and lists the same row, so rows read = counted + unreadable."""
    openpyxl = pytest.importorskip("openpyxl")
    staff = tmp_path / "s.csv"
    staff.write_text(
        "id,persona,department,dx_lead_years\nA,DX推進員,総務課,1\nB,,総務課,\nC,DX推進員,総務課,many\n",
        encoding="utf-8",
    )
    assert main(["evaluate", str(staff), "--format", "csv", "-o", str(tmp_path / "e.csv")]) == 1
    err = capsys.readouterr().err
    assert "row 3" in err and "row 4" in err  # B: no persona; C: unreadable
    out = tmp_path / "r.md"
    assert main(["report", str(staff), "-o", str(out)]) == 1  # C could not be read
    err = capsys.readouterr().err
    assert "row 4" in err and "未設定" in err and "3" in err
    text = out.read_text(encoding="utf-8")
    assert "職員 2 名（人材像 未設定 1 名" in text and "読めなかった行 1" in text  # 3 rows = 2 counted + 1
    listed = text.split("## 人材像が未設定の行（1 件）")[1].split("## ")[0]
    assert "| 3 " in listed and "missing-persona" in listed and "| 4 " not in listed
    unread = text.split("## 読めなかった行（1 件）")[1]
    assert "| 4 " in unread and "| 3 " not in unread
    xlsx = tmp_path / "r.xlsx"
    assert main(["report", str(staff), "-o", str(xlsx)]) == 1
    wb = openpyxl.load_workbook(xlsx)
    rows = list(wb["人材像が未設定の行（1 件）"].iter_rows(min_row=2, values_only=True))
    assert rows[0][:3] == (3, "persona", "missing-persona")
    page = tmp_path / "r.html"
    assert main(["report", str(staff), "-o", str(page), "--lang", "en"]) == 1
    html_text = page.read_text(encoding="utf-8")
    assert 'id="no-persona"' in html_text and "Rows without a persona (1)" in html_text
    # the column as the file's header writes it, as evaluate names it
    ja = tmp_path / "職員.csv"
    ja.write_text(staff.read_text(encoding="utf-8").replace("id,persona,", "職員番号,人材像,", 1), encoding="utf-8")
    assert main(["report", str(ja), "-o", str(tmp_path / "ja.xlsx")]) == 1
    rows = list(openpyxl.load_workbook(tmp_path / "ja.xlsx")["人材像が未設定の行（1 件）"].iter_rows(values_only=True))
    assert rows[1][:3] == (3, "人材像", "missing-persona")
