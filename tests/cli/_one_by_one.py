"""The reference the batched evaluation of ``skillframe evaluate`` is compared with: the
records evaluated one at a time, as before batches (a stand-in for
:func:`skillframe.cli._evaluate_batches.ranked_lists`)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from skillframe.cli import _evaluate_batches


def one_by_one(
    cat: Any, persona: str | None, records: Iterator[Any], errors: list[Any], *, source: str
) -> Iterator[tuple[list[None], list[Any], list[tuple[int, None]]]]:
    """The evaluation as it was before batches: one record at a time (the reference), each
    evaluation on its own, as :func:`_evaluate_batches.ranked_lists` gives a record evaluated alone."""
    last: list[Any] = [None]

    def tracked() -> Iterator[Any]:
        for r in records:
            last[0] = r
            yield r

    for ev in _evaluate_batches.evaluations(cat, persona, tracked(), errors, last, source=source):
        yield [None], [ev], [(ev.rank, None)]
