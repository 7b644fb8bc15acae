"""Counting the years: step counts, flows between two years and cohorts, in the database
(``GROUP BY``, :func:`count_in_sql`) or, when some results were re-evaluated, in Python
(:func:`count_in_python`, over :func:`python_rows`). Both give the same lists, in the same order.

People of a persona without a ladder (:func:`ladderless`: 管理監督職, 高度専門人材, CIO補佐官) are stored at
rank 0 as evaluate ranks them, but were never evaluated: the cohorts count them apart
(:attr:`CohortCell.no_ladder`), never below Step 1; the step counts and flows keep their persona
(so :meth:`History.count` with ``rank=0`` and no persona can leave them out).
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

import attrs

from ._schema import ASSESSMENTS
from ._yoy_results import CohortCell, Flow, StepCount

if TYPE_CHECKING:
    import sqlalchemy as sa

    from .._catalog import Catalog
    from ._store import HistoryStore

__all__ = ["Row", "count_in_python", "count_in_sql", "ladderless", "python_rows"]


def ladderless(catalog: Catalog) -> frozenset[str]:
    """The personas (qualified ids) of ``catalog`` without a ladder: their people are not evaluated.

    >>> import skillframe
    >>> sorted(p for p in ladderless(skillframe.load()) if p.startswith("tokyo-wg-2025:"))
    ['tokyo-wg-2025:cio-adviser', 'tokyo-wg-2025:expert', 'tokyo-wg-2025:manager']
    """
    return frozenset(p.id for p in catalog.personas() if not catalog.steps(p))


@attrs.frozen
class Row:
    """One person in one 年度 as counted: persona and rank (re-evaluated when asked)."""

    year: int
    key: str
    persona: str
    department: str | None
    rank: int


def python_rows(
    store: HistoryStore, muni: str, years: Iterable[int], overrides: dict[tuple[int, str], tuple[str, int]]
) -> Iterator[Row]:
    import sqlalchemy as sa

    a = ASSESSMENTS.c
    ys = list(years)
    q = sa.select(a.fiscal_year, a.staff_key, a.persona, a.department, a.rank).where(
        a.municipality == muni, a.fiscal_year.in_(ys)
    )
    with store.engine.connect() as conn:
        for y, k, p, d, r in conn.execute(q):
            persona, rank = overrides.get((int(y), str(k)), (str(p), int(r)))
            yield Row(int(y), str(k), persona, d, rank)


def count_in_python(
    rows: list[Row], years: tuple[int, ...], no_ladder: frozenset[str] = frozenset()
) -> tuple[list[StepCount], list[Flow], list[CohortCell]]:
    """Step counts, flows and cohorts of ``rows``; ``no_ladder``: the personas without a ladder
    (:func:`ladderless`), whose people the cohorts count apart."""
    counts = Counter((r.year, r.persona, r.department, r.rank) for r in rows)
    by_year: dict[int, dict[str, Row]] = {}
    for r in rows:
        by_year.setdefault(r.year, {})[r.key] = r
    flows: Counter[tuple[int, int, str, str | None, int | None, int | None]] = Counter()
    for y1, y2 in itertools.pairwise(years):
        old, new = by_year.get(y1, {}), by_year.get(y2, {})
        for k, b in new.items():
            a = old.get(k)
            if a is not None and a.persona == b.persona:
                flows[(y1, y2, b.persona, b.department, a.rank, b.rank)] += 1
            else:
                flows[(y1, y2, b.persona, b.department, None, b.rank)] += 1
                if a is not None:
                    flows[(y1, y2, a.persona, a.department, a.rank, None)] += 1
        for k, a in old.items():
            if k not in new:
                flows[(y1, y2, a.persona, a.department, a.rank, None)] += 1
    first: dict[str, int] = {}
    for r in rows:
        first[r.key] = min(first.get(r.key, r.year), r.year)
    cohorts = Counter((first[r.key], r.year, r.rank, r.persona in no_ladder) for r in rows)
    return (
        sorted((StepCount(*k, n) for k, n in counts.items()), key=_count_key),
        sorted((Flow(*k, n) for k, n in flows.items()), key=_flow_key),
        sorted((CohortCell(c, y, r, n, False, x) for (c, y, r, x), n in cohorts.items()), key=_cohort_key),
    )


def _count_key(c: StepCount) -> tuple[Any, ...]:
    return (c.year, c.persona, c.department or "", c.rank)


def _cohort_key(c: CohortCell) -> tuple[Any, ...]:
    return (c.cohort, c.year, c.no_ladder, c.rank)


def _flow_key(f: Flow) -> tuple[Any, ...]:
    return (
        f.from_year,
        f.persona,
        f.department or "",
        -1 if f.from_rank is None else f.from_rank,
        -1 if f.to_rank is None else f.to_rank,
    )


def count_in_sql(
    conn: sa.Connection, muni: str, years: tuple[int, ...], no_ladder: frozenset[str] = frozenset()
) -> tuple[list[StepCount], list[Flow], list[CohortCell]]:
    """What :func:`count_in_python` gives, counted by the database (``GROUP BY``)."""
    import sqlalchemy as sa

    a = ASSESSMENTS
    mine = (a.c.municipality == muni, a.c.fiscal_year.in_(years))
    q = (
        sa.select(a.c.fiscal_year, a.c.persona, a.c.department, a.c.rank, sa.func.count())
        .where(*mine)
        .group_by(a.c.fiscal_year, a.c.persona, a.c.department, a.c.rank)
    )
    counts = sorted((StepCount(int(y), p, d, int(r), int(n)) for y, p, d, r, n in conn.execute(q)), key=_count_key)
    flows: list[Flow] = []
    for y1, y2 in itertools.pairwise(years):
        # one row per person over the two years (conditional aggregation: no join to index)
        def at(year: int, col: Any) -> Any:
            return sa.func.max(sa.case((a.c.fiscal_year == year, col)))

        pair = (
            sa.select(
                at(y1, a.c.persona).label("po"),
                at(y1, a.c.department).label("do"),
                at(y1, a.c.rank).label("ro"),
                at(y2, a.c.persona).label("pn"),
                at(y2, a.c.department).label("dn"),
                at(y2, a.c.rank).label("rn"),
            )
            .where(a.c.municipality == muni, a.c.fiscal_year.in_((y1, y2)))
            .group_by(a.c.staff_key)
            .subquery("pair")
        )
        cols = [pair.c.po, pair.c.do, pair.c.ro, pair.c.pn, pair.c.dn, pair.c.rn]
        q = sa.select(*cols, sa.func.count()).group_by(*cols)
        acc: Counter[tuple[str, str | None, int | None, int | None]] = Counter()
        for po, do, ro, pn, dn, rn, n in conn.execute(q):
            if po is not None and pn is not None and po == pn:
                acc[(pn, dn, int(ro), int(rn))] += int(n)
                continue
            if pn is not None:
                acc[(pn, dn, None, int(rn))] += int(n)
            if po is not None:
                acc[(po, do, int(ro), None)] += int(n)
        flows.extend(Flow(y1, y2, p, d, ro, rn, n) for (p, d, ro, rn), n in acc.items())
    flows.sort(key=_flow_key)
    first = (
        sa.select(
            sa.func.min(a.c.fiscal_year).over(partition_by=a.c.staff_key).label("cohort"),
            a.c.fiscal_year,
            a.c.rank,
            sa.case((a.c.persona.in_(sorted(no_ladder)), 1), else_=0).label("apart"),
        )
        .where(*mine)
        .subquery("f")
    )
    cols = [first.c.cohort, first.c.fiscal_year, first.c.rank, first.c.apart]
    q = sa.select(*cols, sa.func.count()).group_by(*cols)
    cohorts = sorted(
        (CohortCell(int(c), int(y), int(r), int(n), False, bool(x)) for c, y, r, x, n in conn.execute(q)),
        key=_cohort_key,
    )
    return counts, flows, cohorts
