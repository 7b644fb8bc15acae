"""The cohorts set the people of a persona without a ladder (管理監督職: 評価対象外) apart, never at
Step未満, so that they agree with the year counts and the rollup — counted in the database and in
Python alike (and after re-evaluation), shown as a column of their own (JSON ``not_evaluated``)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from _history_helpers import MUNI_A, person

import skillframe
from skillframe.cli import main
from skillframe.history._yoy import build_history

BOSS = "tokyo-wg-2025:manager"


def _boss(pid: str, department: str = "総務課") -> dict[str, str]:
    return {"id": pid, "persona": "管理監督職", "department": department}


def _years(store: skillframe.HistoryStore, cat: skillframe.Catalog) -> None:
    store.record(cat, [_boss("M1"), person("S0", 0), person("S1", 1)], year=2025, municipality=MUNI_A)
    store.record(
        cat, [_boss("M1"), _boss("M2", "税務課"), person("S0", 0), person("S1", 2)], year=2026, municipality=MUNI_A
    )


def _cells(h: skillframe.History) -> dict[tuple[int, int, int, bool], int]:
    return {(c.cohort, c.year, c.rank, c.no_ladder): c.n for c in h.cohorts}


@pytest.mark.parametrize("in_python", [False, True])
def test_cohorts_count_the_staff_of_a_persona_without_a_ladder_apart(
    open_store: Any, cat: skillframe.Catalog, in_python: bool
) -> None:
    store = open_store()
    _years(store, cat)
    kw: dict[str, Any] = {"municipality": None, "from_year": None, "to_year": None, "reevaluate": False}
    h = build_history(store, cat, **kw, _in_python=in_python)
    assert [(a.persona, a.rank) for a in store.assessments(2026) if a.staff_key == "M2"] == [(BOSS, 0)]  # as stored
    assert _cells(h) == {
        (2025, 2025, 0, False): 1,  # S0
        (2025, 2025, 1, False): 1,  # S1
        (2025, 2025, 0, True): 1,  # M1: not evaluated, not below Step 1
        (2025, 2026, 0, False): 1,
        (2025, 2026, 2, False): 1,
        (2025, 2026, 0, True): 1,
        (2026, 2026, 0, True): 1,  # M2
    }
    # the cohorts' Step未満 agree with the year counts of the personas that have a ladder
    for year in h.years:
        below = sum(c.n for c in h.cohorts if c.year == year and c.rank == 0 and not c.no_ladder and not c.missing)
        assert below == h.count(year, "DX推進員", rank=0) == 1
        apart = sum(c.n for c in h.cohorts if c.year == year and c.no_ladder)
        assert apart == h.count(year, BOSS)
    # … and with the rollup of the same people (no_ladder: counted, never evaluated)
    r = skillframe.rollup(cat, [a.record for a in store.assessments(2026)])
    assert r.no_ladder == sum(c.n for c in h.cohorts if c.year == 2026 and c.no_ladder) == 2


def test_sql_and_python_give_the_same_cohorts_with_staff_without_a_ladder(
    open_store: Any, cat: skillframe.Catalog
) -> None:
    store = open_store()
    _years(store, cat)
    kw: dict[str, Any] = {"municipality": None, "from_year": None, "to_year": None, "reevaluate": False}
    in_sql, in_python = build_history(store, cat, **kw), build_history(store, cat, **kw, _in_python=True)
    assert (in_sql.counts, in_sql.flows, in_sql.cohorts) == (in_python.counts, in_python.flows, in_python.cohorts)
    assert [c.no_ladder for c in in_sql.cohorts] == [False, False, True, False, False, True, True]  # after the ranks


def test_a_ladderless_persona_after_reevaluation_is_still_apart(open_store: Any, cat: skillframe.Catalog) -> None:
    from pathlib import Path

    store = open_store()
    _years(store, cat)
    town = skillframe.load(Path(__file__).parents[2] / "data" / "rollup-town.yaml")
    h = store.history(town, reevaluate=True)  # re-evaluated: counted in Python over the new ranks
    assert {(c.cohort, c.year, c.rank, c.no_ladder): c.n for c in h.cohorts if c.no_ladder} == {
        (2025, 2025, 0, True): 1,
        (2025, 2026, 0, True): 1,
        (2026, 2026, 0, True): 1,
    }


def test_cli_cohorts_show_not_evaluated_in_a_column_of_its_own(
    db_url: str, open_store: Any, cat: skillframe.Catalog, capsys: pytest.CaptureFixture[str]
) -> None:
    _years(open_store(), cat)
    base = ["history", "--db", db_url, "-m", MUNI_A, "--table", "cohorts"]
    assert main(base) == 0
    lines = capsys.readouterr().out.splitlines()
    head = next(line for line in lines if line.startswith("初回記録年度")).split()
    assert head == ["初回記録年度", "年度", "人数", "Step未満", "Step1", "Step2", "評価対象外（段階なし）"]
    rows = [line.split() for line in lines if line[:4].isdigit()]
    assert rows == [
        ["2025", "2025", "3", "1", "1", "0", "1"],
        ["2025", "2026", "3", "1", "0", "1", "1"],
        ["2026", "2026", "1", "0", "0", "0", "1"],
    ]
    assert main([*base, "--lang", "en", "-f", "csv"]) == 0
    assert capsys.readouterr().out.splitlines()[0].lstrip("\ufeff") == (
        "cohort,year,people,below Step 1,Step1,Step2,not evaluated (no ladder)"
    )
    assert main([*base, "-f", "json"]) == 0
    got = [
        (r["cohort"], r["year"], r["people"], r["by_rank"], r["not_evaluated"])
        for r in json.loads(capsys.readouterr().out)
    ]
    assert got[2] == (2026, 2026, 1, [{"rank": 0, "n": 0}, {"rank": 1, "n": 0}, {"rank": 2, "n": 0}], 1)
    assert [g[4] for g in got] == [1, 1, 1]


def test_cli_cohorts_without_such_staff_have_no_column_and_json_says_0(
    db_url: str, open_store: Any, cat: skillframe.Catalog, capsys: pytest.CaptureFixture[str]
) -> None:
    open_store().record(cat, [person("S0", 0)], year=2025, municipality=MUNI_A)
    base = ["history", "--db", db_url, "-m", MUNI_A, "--table", "cohorts"]
    assert main(base) == 0
    assert "評価対象外" not in capsys.readouterr().out
    assert main([*base, "-f", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == [
        {"cohort": 2025, "year": 2025, "people": 1, "by_rank": [{"rank": 0, "n": 1}], "not_evaluated": 0}
    ]


@pytest.mark.parametrize("in_python", [False, True])
def test_count_at_rank_0_without_a_persona_is_below_step_1_only(
    open_store: Any, cat: skillframe.Catalog, in_python: bool
) -> None:
    """``count(year, rank=0)`` without a persona: the people evaluated who reached no step, as the
    cohorts' Step未満 — not the 管理監督職 recorded at rank 0 (評価対象外); with their persona, they count."""
    store = open_store()
    _years(store, cat)
    kw: dict[str, Any] = {"municipality": None, "from_year": None, "to_year": None, "reevaluate": False}
    h = build_history(store, cat, **kw, _in_python=in_python)
    assert [h.count(y, rank=0) for y in h.years] == [1, 1]  # S0 only (not M1, M2)
    assert h.count(2026, rank=0, department="税務課") == 0  # M2 alone there
    assert [h.count(y, BOSS, rank=0) for y in h.years] == [1, 2]
    assert [h.count(y) for y in h.years] == [3, 4]  # the headcount keeps everyone
    for year in h.years:
        below = sum(c.n for c in h.cohorts if c.year == year and c.rank == 0 and not c.no_ladder and not c.missing)
        assert h.count(year, rank=0) == below
