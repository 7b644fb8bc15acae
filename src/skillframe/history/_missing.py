"""Data missing, not a drop: people whose step fell between two 年度 only because the later
year's answers are unknown.

A person is at rank *k* when the rules of steps 1..k hold. When this year's record leaves a
step's rule unknown (three-valued: its leaves are unknown, none of them failed in a way that
decides the rule), the person is ranked below that step, but nothing says they lost it: an
unanswered self-check form gives every answer blank. Such a fall is *data missing* (データ不足),
not a drop (↓). A real drop is one where a step the person held last year now fails (some
rule of steps ``to_rank+1 .. from_rank`` is false).

Found by evaluating again only the later year's records of the people whose rank fell under
the same persona (one indexed join per pair of 年度; the records of the others are not read).
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any, TypeVar

import attrs

from ..errors import LookupFailed
from ._record_json import record_from_json
from ._schema import ASSESSMENTS

if TYPE_CHECKING:
    from .._catalog import Catalog
    from ._store import HistoryStore

__all__ = ["Undecided", "find_undecided", "set_apart", "undecided_fall"]

_T = TypeVar("_T")


@attrs.frozen
class Undecided:
    """One person at ``rank`` in ``year`` (persona and 課 of that year), down from ``from_rank``
    in ``from_year`` (the 年度 recorded before) only because the data of ``year`` is missing."""

    year: int
    staff_key: str
    persona: str
    department: str | None
    rank: int
    from_year: int
    from_rank: int


def undecided_fall(catalog: Catalog, persona: str, record: Any, from_rank: int, to_rank: int) -> bool:
    """Whether a fall from ``from_rank`` to ``to_rank`` is for missing data only: no rule of the
    steps between (``to_rank+1 .. from_rank``) fails for ``record``, the first is unknown.

    >>> import skillframe
    >>> cat = skillframe.load()
    >>> step1 = ";".join(cat.step_skills("dx-promoter-step1"))
    >>> undecided_fall(cat, "DX推進員", {"id": "A"}, 1, 0)  # nothing answered: unknown
    True
    >>> undecided_fall(cat, "DX推進員", {"id": "A", "trainings": "なし"}, 1, 0)  # answered: none taken
    False
    """
    from ..engine.ladder import compile_ladder

    try:
        ladder = compile_ladder(catalog, persona)
        x = ladder.facts(record)
    except (LookupFailed, ValueError):  # a persona or value the catalog does not read: not decided here
        return False
    top = min(from_rank, len(ladder.steps))
    if to_rank >= top:
        return False
    return all(ladder.step_check(i, x) is not False for i in range(to_rank, top))


def find_undecided(
    store: HistoryStore,
    catalog: Catalog,
    municipality: str,
    years: Iterable[int],
    overrides: dict[tuple[int, str], tuple[str, int]],
) -> list[Undecided]:
    """Every fall for missing data between consecutive recorded ``years`` (ranks and personas
    re-evaluated in ``overrides`` win over the stored ones), by year pair then staff key."""
    out: list[Undecided] = []
    for y1, y2 in itertools.pairwise(years):
        for key, persona, department, r1, r2, text in _fallers(store, municipality, y1, y2, overrides):
            if undecided_fall(catalog, persona, record_from_json(text), r1, r2):
                out.append(Undecided(y2, key, persona, department, r2, y1, r1))
    return out


def set_apart(items: Iterable[_T], undecided: Counter[tuple[Any, ...]]) -> list[_T]:
    """Counted people (attrs classes with ``n`` and ``missing``, e.g. step counts or flows) with
    the ``undecided[key]`` of each set apart as a ``missing=True`` copy just after it; ``key``: its
    fields but ``n`` and ``missing``, in order. An item left with nobody is dropped."""
    out: list[_T] = []
    for item in items:
        fields = attrs.asdict(item, recurse=False)  # type: ignore[arg-type]
        n, missing = fields.pop("n"), fields.pop("missing")
        apart = 0 if missing else min(n, undecided.get(tuple(fields.values()), 0))
        if n > apart:
            out.append(attrs.evolve(item, n=n - apart))  # type: ignore[misc]
        if apart:
            out.append(attrs.evolve(item, n=apart, missing=True))  # type: ignore[misc]
    return out


def _fallers(
    store: HistoryStore, muni: str, y1: int, y2: int, overrides: dict[tuple[int, str], tuple[str, int]]
) -> Iterator[tuple[str, str, str | None, int, int, str]]:
    """``(key, persona, 課, rank before, rank after, record after)`` of the people whose rank
    fell under the same persona from ``y1`` to ``y2``."""
    import sqlalchemy as sa

    a1, a2 = ASSESSMENTS.alias("a1"), ASSESSMENTS.alias("a2")
    q = (
        sa.select(a2.c.staff_key, a1.c.persona, a1.c.rank, a2.c.persona, a2.c.department, a2.c.rank, a2.c.record)
        .join_from(a1, a2, (a1.c.municipality == a2.c.municipality) & (a1.c.staff_key == a2.c.staff_key))
        .where(a1.c.municipality == muni, a1.c.fiscal_year == y1, a2.c.fiscal_year == y2)
        .order_by(a2.c.staff_key)
    )
    if not any(y in (y1, y2) for y, _k in overrides):  # stored ranks: the database filters
        q = q.where(a1.c.persona == a2.c.persona, a2.c.rank < a1.c.rank)
    with store.engine.connect() as conn:
        for key, po, ro, pn, d2, rn, text in conn.execute(q):
            k = str(key)
            p1, r1 = overrides.get((y1, k), (str(po), int(ro)))
            p2, r2 = overrides.get((y2, k), (str(pn), int(rn)))
            if p1 == p2 and r2 < r1:
                yield k, p2, d2, r1, r2, str(text)
