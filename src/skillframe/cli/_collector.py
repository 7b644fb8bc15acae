"""Python's cyclic garbage collector, set for batch work for the length of one command.

A command reads, evaluates and writes row after row. Each row makes a few container
objects (the cells, the record, its rank and outcomes) that reference counting frees once
the batch is written; none of them form cycles. CPython's collector still walks the
youngest objects every 700 container allocations (its default threshold), and most of
those objects are alive in the batch being worked on, so each is walked once or twice
for nothing. For the length of a command the threshold of the youngest generation is
raised to :data:`YOUNG_THRESHOLD`: cycles are still collected, less often. Memory does not
grow with it (the objects walked were alive anyway).

Measured with ``valgrind --tool=callgrind`` on ``skillframe evaluate`` of 20,000 rows of the
benchmark file: 2.62 G instructions with the default, 2.56 G with this threshold, 2.54 G
with the collector off; in CPU time (``benchmarks/bench_staff.py``) more, as the walks
also miss the cache.

The library itself (``iter_staff``, ``evaluate_many``…) leaves the collector as the caller
set it: a program that reads large files can do the same with :func:`gc.set_threshold`.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["YOUNG_THRESHOLD", "batch_collection"]

#: Container allocations between two collections of the youngest generation during a command.
YOUNG_THRESHOLD = 50_000


@contextmanager
def batch_collection() -> Iterator[None]:
    """Raise the youngest generation's threshold to :data:`YOUNG_THRESHOLD` (never lower it)
    inside the block; the thresholds are as they were after it, whatever happens.

    >>> import gc
    >>> before = gc.get_threshold()
    >>> with batch_collection():
    ...     gc.get_threshold()[0] >= YOUNG_THRESHOLD
    True
    >>> gc.get_threshold() == before
    True
    """
    old = gc.get_threshold()
    gc.set_threshold(max(old[0], YOUNG_THRESHOLD), *old[1:])
    try:
        yield
    finally:
        gc.set_threshold(*old)
