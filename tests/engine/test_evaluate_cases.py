"""The ladder cases of ``tests/cases/*.yaml``: every ladder at each boundary, unmet lists whole."""

from __future__ import annotations

from pathlib import Path

import pytest

import skillframe
from skillframe import testing

CASES = testing.load_cases(Path(__file__).parents[1] / "cases")


@pytest.mark.parametrize("case", CASES, ids=[f"{c.source}:{c.name}" for c in CASES])
def test_case(cat: skillframe.Catalog, case: testing.Case) -> None:
    testing.assert_case(cat, case)


def test_every_ladder_has_cases_at_each_step(cat: skillframe.Catalog) -> None:
    for persona in ("一般行政職員", "DX推進員", "全庁DX推進担当", "全庁情報システム担当"):
        ranks = {c.rank for c in CASES if c.persona == persona}
        top = len(cat.steps(persona))
        assert ranks >= set(range(top + 1)), persona


def test_run_cases_reports_a_failure(cat: skillframe.Catalog) -> None:
    (result,) = testing.run_cases(cat, [{"name": "wrong", "persona": "DX推進員", "record": {"id": "x"}, "rank": 2}])
    assert not result.ok
    assert "expected 2, got 0" in result.message()
