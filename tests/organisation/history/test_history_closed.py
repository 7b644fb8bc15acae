"""A History used after its store was closed: what was read (counts, flows, cohorts and what is
computed from them) still works; what reads the store raises ``history-closed`` — never a
connection opened again (and so never one left open: these tests run with ``-W error``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
import sqlalchemy as sa
from _history_helpers import MUNI_A, person

import skillframe
from skillframe.errors import HistoryError

JA = (
    "評価履歴は閉じています（with open_history(…) の外、または close() の後）: "
    "記録を読む操作（History の moves・people・arrivals・leavers など）は閉じる前に行ってください"
)
EN = (
    "the assessment history is closed (outside `with open_history(…)`, or after close()): "
    "read the store (History.moves, people, arrivals, leavers …) before closing it"
)


@pytest.fixture
def closed(db_url: str, cat: skillframe.Catalog) -> tuple[skillframe.HistoryStore, skillframe.History, list[int]]:
    """A store closed by its ``with`` block, the History made inside it, and the connections opened."""
    opened: list[int] = []
    with skillframe.open_history(db_url) as store:
        sa.event.listen(store.engine, "connect", lambda *_a: opened.append(1))
        store.record(cat, [person("U1", 1), person("L1", 1)], year=2025, municipality=MUNI_A)
        store.record(cat, [person("U1", 2), person("N1", 0)], year=2026, municipality=MUNI_A)
        h = store.history(cat)
    return store, h, opened


def test_what_was_read_still_works_after_close(closed: tuple[Any, skillframe.History, list[int]]) -> None:
    store, h, opened = closed
    before = len(opened)
    assert store.closed and repr(store).endswith(" (closed)>")
    assert (h.years, h.count(2026), h.count(2026, "DX推進員", rank=2)) == ((2025, 2026), 2, 1)
    assert (h.flow(2025, 2026, to_rank=None), h.flow(2025, 2026, from_rank=None)) == (1, 1)
    assert h.conversion(2025, 2026, "DX推進員") == 1.0
    assert h.trajectory("DX推進員", 1) == [(2025, 2, 2), (2026, 1, 2)]
    assert h.achievement(2026) == [
        ("tokyo-wg-2025:dx-promoter", 0, 0, 1, 1),
        ("tokyo-wg-2025:dx-promoter", 1, 2, 0, -2),
        ("tokyo-wg-2025:dx-promoter", 2, 0, 1, 1),
    ]
    assert sum(c.n for c in h.cohorts if c.year == 2026) == 2
    assert len(opened) == before  # nothing above touched the database


READS: list[tuple[str, Callable[[Any, skillframe.History], object]]] = [
    ("moves", lambda _s, h: h.moves(2025, 2026)),
    ("people", lambda _s, h: h.people(2026)),
    ("arrivals", lambda _s, h: h.arrivals(2025, 2026)),
    ("leavers", lambda _s, h: h.leavers(2025, 2026)),
    ("store.history", lambda s, _h: s.history()),
    ("store.assessments", lambda s, _h: s.assessments(2026)),
    ("store.years", lambda s, _h: s.years()),
    ("store.record", lambda s, _h: s.record(skillframe.load(), [person("X", 0)], year=2027, municipality=MUNI_A)),
    ("store.engine", lambda s, _h: s.engine),
]


@pytest.mark.parametrize("read", [r for _n, r in READS], ids=[n for n, _r in READS])
def test_reading_the_closed_store_raises_history_closed_and_opens_nothing(
    closed: tuple[Any, skillframe.History, list[int]], read: Callable[[Any, skillframe.History], object]
) -> None:
    store, h, opened = closed
    before = len(opened)
    with pytest.raises(HistoryError) as err:
        read(store, h)
    assert (err.value.code, err.value.ja, err.value.en) == ("history-closed", JA, EN)
    assert len(opened) == before


def test_close_twice_is_fine_and_the_store_says_it_is_open_until_then(db_url: str) -> None:
    store = skillframe.open_history(db_url)
    assert not store.closed and "(closed)" not in repr(store)
    store.close()
    store.close()
    assert store.closed
