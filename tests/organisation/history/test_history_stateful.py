"""A stateful property test: whatever sequence of record / re-record / remove across years,
the history's counts equal the evaluation of the records stored, and the stored people are
exactly those the sequence left (a model kept beside it)."""

from __future__ import annotations

import itertools
from collections import Counter
from typing import Any

from _history_helpers import person
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule, run_state_machine_as_test

import skillframe
from skillframe.history import check_digit

YEARS = st.sampled_from([2024, 2025, 2026])
IDS = [f"P{i}" for i in range(8)]
PEOPLE = st.dictionaries(
    st.sampled_from(IDS), st.tuples(st.integers(0, 3), st.sampled_from(["総務課", "税務課"])), min_size=1, max_size=6
)
_codes = itertools.count(100)


def _fresh_municipality() -> str:
    first = f"13{next(_codes):03d}"  # a new municipality per run: no cleaning between examples
    return first + str(check_digit(first))


def test_history_counts_equal_the_evaluation_of_stored_records(open_store: Any, cat: skillframe.Catalog) -> None:
    store = open_store()

    class Cycle(RuleBasedStateMachine):
        @initialize()
        def start(self) -> None:
            self.muni = _fresh_municipality()
            self.model: dict[int, dict[str, tuple[int, str]]] = {}

        @rule(year=YEARS, people=PEOPLE)
        def record(self, year: int, people: dict[str, tuple[int, str]]) -> None:
            rows = [person(pid, rank, dept) for pid, (rank, dept) in people.items()]
            store.record(cat, rows, year=year, municipality=self.muni)
            self.model.setdefault(year, {}).update(people)

        @rule(year=YEARS, ids=st.lists(st.sampled_from(IDS), max_size=3, unique=True))
        def remove(self, year: int, ids: list[str]) -> None:
            if not self.model.get(year):
                return
            n = store.remove(year, municipality=self.muni, ids=ids)
            assert n == sum(1 for i in ids if i in self.model[year])
            for i in ids:
                self.model[year].pop(i, None)
            if not self.model[year]:
                del self.model[year]

        @invariant()
        def counts_match(self) -> None:
            if not self.model:
                return
            h = store.history(cat, municipality=self.muni)
            assert h.years == tuple(sorted(self.model))
            from_history: Counter[tuple[int, str | None, int]] = Counter()
            for c in h.counts:  # the データ不足 (lower for missing data) are counted apart, at their rank
                from_history[(c.year, c.department, c.rank)] += c.n
            evaluated: Counter[tuple[int, str | None, int]] = Counter()
            for y in h.years:
                stored = store.assessments(y, municipality=self.muni)
                assert {a.staff_key for a in stored} == set(self.model[y])
                for a, ev in zip(stored, skillframe.evaluate_many(cat, None, [a.record for a in stored]), strict=True):
                    evaluated[(y, a.department, ev.rank)] += 1
            assert from_history == evaluated
            expected = Counter((y, d, r) for y, people in self.model.items() for r, d in people.values())
            assert from_history == expected
            # flows between consecutive years account for everybody on both sides
            for y1, y2 in zip(h.years, h.years[1:], strict=False):
                assert h.flow(y1, y2, to_rank=-1) - h.flow(y1, y2, from_rank=None) == len(self.model[y1])
                assert h.flow(y1, y2) - h.flow(y1, y2, to_rank=None) == len(self.model[y2])

    run_state_machine_as_test(
        Cycle,
        settings=settings(
            max_examples=12, stateful_step_count=6, deadline=None, suppress_health_check=list(HealthCheck)
        ),
    )
