"""Missing data is not a drop: an unanswered form next year is データ不足, never ↓ — in the
history (moves, flows, counts, achievement), its CLI tables and JSON, the report and the 年度計画
draft; ``record`` warns of empty and thinner records; years recorded with a framework not loaded
ask for ``--catalog``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from _history_helpers import MUNI_A, TRAINED, person

import skillframe
from skillframe.cli import main

TOWN = Path(__file__).parents[2] / "data" / "rollup-town.yaml"


def _blank(pid: str, department: str = "総務課") -> dict[str, str]:
    """An unanswered self-check form, as collect writes it: id, persona and 課, every answer unknown."""
    return {"id": pid, "persona": "DX推進員", "department": department}


def _two_years(store: skillframe.HistoryStore, cat: skillframe.Catalog) -> None:
    store.record(
        cat, [person("GAP", 3), person("DROP", 2), person("UP", 0), person("SAME", 1)], year=2025, municipality=MUNI_A
    )
    dropped = {**person("DROP", 2), "trainings": [t for t in TRAINED if t != "bpr"]}  # answered: bpr not taken
    store.record(cat, [_blank("GAP"), dropped, person("UP", 1), person("SAME", 1)], year=2026, municipality=MUNI_A)


def test_a_fall_for_unknown_answers_is_data_missing_and_a_real_drop_stays_down(db_url: str, open_store: object) -> None:
    cat = skillframe.load()
    store = skillframe.open_history(db_url)
    try:
        _two_years(store, cat)
        h = store.history(cat)
        moves = {m.staff_key: m for m in h.moves(2025, 2026)}
        assert {k: m.direction for k, m in moves.items()} == {"GAP": "data-missing", "DROP": "down", "UP": "up"}
        gap = moves["GAP"]
        assert (gap.from_rank, gap.to_rank, gap.missing) == (3, 0, True)
        assert gap.leaves and all(u.status == "unknown" for u in gap.unmet)  # the leaves now unknown
        assert moves["DROP"].leaves == ("trained:tokyo-wg-2025:bpr",)
        assert [(u.staff_key, u.from_year, u.from_rank, u.year, u.rank) for u in h.undecided] == [
            ("GAP", 2025, 3, 2026, 0)
        ]
        pid = "tokyo-wg-2025:dx-promoter"
        # counts: GAP is データ不足 in 2026, not at Step未満 (a rank given counts the decided only)
        assert h.count(2026, pid) == 4 and h.count(2026, pid, rank=0) == 1 and h.count(2026, pid, missing=True) == 1
        assert (pid, None, 0, 1, 1) in h.achievement(2026)
        assert (pid, 0, 1, 1, 0) in h.achievement(2026)  # DROP (2→0): a real drop, counted at Step未満
        # flows: GAP goes 3 → データ不足, not 3 → Step未満
        assert h.flow(2025, 2026, from_rank=3, to_rank=0) == 0 and h.flow(2025, 2026, from_rank=3) == 1
        assert [f.missing for f in h.flows if f.from_rank == 3] == [True]
        assert h.conversion(2025, 2026, pid, 1, 2) == 0.0  # SAME stays at Step1; GAP is not in the base
    finally:
        store.close()


def test_reevaluated_years_find_the_same_data_missing(db_url: str, open_store: object) -> None:
    town = skillframe.load(TOWN)
    store = skillframe.open_history(db_url)
    try:
        _two_years(store, skillframe.load())
        h = store.history(town, reevaluate=True)
        assert [u.staff_key for u in h.undecided] == ["GAP"]
        assert {m.staff_key: m.direction for m in h.moves(2025, 2026)}["GAP"] == "data-missing"
    finally:
        store.close()


def test_cli_history_report_and_annual_plan_show_data_missing(
    db_url: str, tmp_path: Path, open_store: object, capsys: pytest.CaptureFixture[str]
) -> None:
    store = skillframe.open_history(db_url)
    _two_years(store, skillframe.load())
    store.close()
    base = ["--db", db_url, "-m", MUNI_A]
    assert main(["history", *base, "--table", "moves"]) == 0
    out = capsys.readouterr().out
    gap = next(line for line in out.splitlines() if "GAP" in line)
    assert "データ不足 / data missing" in gap and "↓" not in gap and "不明: " in gap
    assert "Step3→不明" in gap and "Step未満" not in gap
    assert "↓" in next(line for line in out.splitlines() if "DROP" in line)
    assert main(["history", *base, "--table", "moves", "-f", "json"]) == 0
    rows = {r["id"]: r for r in json.loads(capsys.readouterr().out)}
    assert (rows["GAP"]["move"], rows["DROP"]["move"]) == ("data-missing", "down")
    assert main(["history", *base, "--table", "flows", "-f", "json"]) == 0
    flows = json.loads(capsys.readouterr().out)
    assert [f["to"] for f in flows if f["from"] == 3] == ["data-missing"]
    assert main(["history", *base, "--table", "counts"]) == 0
    assert any(line.split()[1:] == ["データ不足", "0", "1"] for line in capsys.readouterr().out.splitlines())
    assert main(["history", *base, "--table", "counts", "-f", "json"]) == 0
    counts = json.loads(capsys.readouterr().out)
    assert [r["by_year"] for r in counts if r["step"] is None] == [[{"year": 2025, "n": 0}, {"year": 2026, "n": 1}]]
    staff = tmp_path / "staff.csv"
    staff.write_text("id,persona\nX,DX推進員\n", encoding="utf-8")
    assert main(["report", str(staff), *base, "-f", "md"]) == 0
    report = capsys.readouterr().out
    progress = report.split("## 前年度の達成状況")[1].split("## ")[0]
    row = next(line for line in progress.splitlines() if "データ不足" in line)
    assert [c.strip() for c in row.strip("|").split("|")] == ["DX推進員", "データ不足", "0", "1", "+1"]
    # one wording of the note: the 年度計画's Japanese, with its English beside it in the report
    ja = (
        "データ不足: 前年度より低い段階になったのは今年度の回答が不明（未回答など）のためで、"
        "要件を満たさなくなったわけではありません（低下には数えていません）"
    )
    en = (
        "data missing: lower than the year before only because this year's answers are unknown (unanswered"
        " forms and the like), not because the requirements are no longer met (not counted as a drop)"
    )
    assert f"{ja} / {en}" in progress
    assert main(["policy", "--kind", "annual", *base, "-f", "md"]) == 0
    plan = capsys.readouterr().out.split("前年度の達成状況（育成段階別の人数）")[1]
    assert "データ不足" in plan.split("出典")[0] and ja in plan and en not in plan


def test_record_warns_of_empty_thinner_and_absent_people(
    db_url: str, open_store: object, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cat = skillframe.load()
    store = skillframe.open_history(db_url)
    try:
        first = store.record(cat, [person(f"P{i}", 3) for i in range(15)], year=2025, municipality=MUNI_A)
        assert first.warnings == ()
        thin = {**_blank("P13"), "trainings": TRAINED}  # 1 answer of 4
        people = [_blank(f"P{i}") for i in range(12)] + [thin, person("P14", 3), _blank("NEW")]
        r = store.record(cat, people, year=2026, municipality=MUNI_A)
        codes = {w.code: w for w in r.warnings}
        assert set(codes) == {"no-answers", "less-complete", "not-in-file"}
        assert codes["no-answers"].ids == (*(f"P{i}" for i in range(12)), "NEW")
        assert "13名は回答が空です（未回答の自己チェック票?）: P0, P1" in str(codes["no-answers"])
        assert "13 people have no answers (unanswered forms?): P0, P1" in str(codes["no-answers"])
        assert codes["no-answers"].ja.endswith("ほか 3 名。前年度より低い段階は history でデータ不足と表示します")
        assert codes["no-answers"].en.endswith(
            "and 3 more; history shows a step lower than the year before as data missing"
        )
        assert "ほか 3 名" in codes["no-answers"].ja and "and 3 more" in codes["no-answers"].en
        assert codes["less-complete"].ids == ("P13",) and codes["less-complete"].year_before == 2025
        assert codes["not-in-file"].ids == ("P12",)
    finally:
        store.close()
    staff = tmp_path / "2027.csv"
    staff.write_text("id,persona,department\nP0,DX推進員,総務課\n", encoding="utf-8")
    assert main(["record", str(staff), "--year", "2027", "-m", MUNI_A, "--db", db_url]) == 0
    err = capsys.readouterr().err
    assert "skillframe: warning: 1名は回答が空です" in err and "[no-answers]" in err
    assert "[not-in-file]" in err and "P14" in err


def test_history_of_a_town_without_its_catalog_asks_for_it(
    db_url: str, open_store: object, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    town = skillframe.load(TOWN)
    store = skillframe.open_history(db_url)
    rec = {**person("A", 1), "persona": "fixture-town:dx-promoter"}
    store.record(town, [rec], year=2025, municipality=MUNI_A)
    store.close()
    for extra in ([], ["--reevaluate"]):
        assert main(["history", "--db", db_url, "-m", MUNI_A, *extra]) == 1
        err = capsys.readouterr().err
        assert "recorded with framework fixture-town, which is not loaded" in err, extra
        assert "pass the same --catalog FILE used when recording" in err and "[catalog-not-loaded]" not in err
        assert "unknown persona" not in err
    assert main(["history", "--db", db_url, "-m", MUNI_A, "--catalog", str(TOWN)]) == 0
    capsys.readouterr()
    staff = tmp_path / "staff.csv"
    staff.write_text("id,persona,trainings\nA1,fixture-town:dx-promoter,\n", encoding="utf-8")
    for argv in (["evaluate", str(staff)], ["record", str(staff), "--year", "2026", "-m", MUNI_A, "--db", db_url]):
        assert main(argv) == 1
        err = capsys.readouterr().err
        assert "unknown persona 'fixture-town:dx-promoter'" in err, argv
        assert "framework fixture-town is not loaded: pass the --catalog FILE that defines it" in err, argv


def test_people_not_recorded_this_year_are_said_under_the_achievement_tables(
    db_url: str, tmp_path: Path, open_store: object, capsys: pytest.CaptureFixture[str]
) -> None:
    store = skillframe.open_history(db_url)
    cat = skillframe.load()
    store.record(cat, [person("STAY", 1), person("GONE", 0)], year=2025, municipality=MUNI_A)
    store.record(cat, [person("STAY", 1)], year=2026, municipality=MUNI_A)
    store.close()
    base = ["--db", db_url, "-m", MUNI_A]
    staff = tmp_path / "staff.csv"
    staff.write_text("id,persona\nX,DX推進員\n", encoding="utf-8")
    assert main(["report", str(staff), *base, "-f", "md"]) == 0
    progress = capsys.readouterr().out.split("## 前年度の達成状況")[1].split("## ")[0]
    assert "2025年度に記録があり 2026年度の記録にない職員 1 名" in progress and "not in FY2026" in progress
    assert main(["policy", "--kind", "annual", *base, "-f", "md"]) == 0
    plan = capsys.readouterr().out.split("前年度の達成状況（育成段階別の人数）")[1]
    assert "2025年度に記録があり 2026年度の記録にない職員 1 名" in plan.split("## ")[0]


def test_cohorts_show_data_missing_apart_never_at_a_lower_step(
    db_url: str, open_store: object, capsys: pytest.CaptureFixture[str]
) -> None:
    cat = skillframe.load()
    store = skillframe.open_history(db_url)
    try:
        _two_years(store, cat)
        cells = {(c.cohort, c.year, c.rank, c.missing): c.n for c in store.history(cat).cohorts}
        assert (cells[(2025, 2026, 0, True)], cells[(2025, 2026, 0, False)]) == (1, 1)  # GAP apart, DROP at 0
    finally:
        store.close()
    base = ["history", "--db", db_url, "-m", MUNI_A, "--table", "cohorts"]
    assert main(base) == 0
    lines = capsys.readouterr().out.splitlines()
    head = next(line for line in lines if line.startswith("初回記録年度")).split()
    cells_2026 = next(line for line in lines if line.startswith("2025") and "2026" in line).split()
    row = dict(zip(head, cells_2026, strict=True))
    assert (row["Step未満"], row["データ不足"], row["人数"]) == ("1", "1", "4")  # DROP at Step未満, GAP apart
    assert main([*base, "-f", "json"]) == 0
    by_rank = {r["year"]: r["by_rank"] for r in json.loads(capsys.readouterr().out)}
    assert {"rank": None, "n": 1} in by_rank[2026] and {"rank": 0, "n": 1} in by_rank[2026]


def test_a_persona_without_a_ladder_is_not_evaluated_in_the_history_tables_never_below_step1(
    db_url: str, tmp_path: Path, open_store: object, capsys: pytest.CaptureFixture[str]
) -> None:
    store = skillframe.open_history(db_url)
    cat = skillframe.load()
    boss = {"id": "M", "persona": "管理監督職", "department": "総務課"}
    store.record(cat, [boss, person("S", 1)], year=2025, municipality=MUNI_A)
    store.record(cat, [boss, person("S", 1)], year=2026, municipality=MUNI_A)
    store.close()
    base = ["--db", db_url, "-m", MUNI_A]
    for table in ("counts", "flows"):
        assert main(["history", *base, "--table", table]) == 0
        line = next(x for x in capsys.readouterr().out.splitlines() if "管理監督職" in x)
        assert "評価対象外（段階なし）" in line and "Step未満" not in line, table
    staff = tmp_path / "staff.csv"
    staff.write_text("id,persona\nM,管理監督職\n", encoding="utf-8")
    assert main(["report", str(staff), *base, "-f", "md"]) == 0
    progress = capsys.readouterr().out.split("## 前年度の達成状況")[1].split("## ")[0]
    row = next(line for line in progress.splitlines() if "管理監督職" in line)
    assert [c.strip() for c in row.strip("|").split("|")][1] == "評価対象外（段階なし）"
