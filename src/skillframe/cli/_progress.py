"""The progress line of a long command: ``label n/total`` on stderr while it is a terminal."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterable, Iterator, Sequence
from typing import IO, TypeVar

__all__ = ["progress"]

T = TypeVar("T")


def progress(
    items: Iterable[T],
    *,
    total: int | None = None,
    label: str = "",
    stream: IO[str] | None = None,
    interval: float = 0.2,
) -> Iterator[T]:
    """Yield ``items``, showing ``label n/total`` on stderr while it is a terminal.

    Quiet when stderr is not a terminal (a pipe, a file, CI), so logs stay clean. The
    line is redrawn at most every ``interval`` seconds and cleared at the end.

    >>> list(progress(range(3), label="evaluate"))  # stderr is not a terminal here
    [0, 1, 2]
    """
    out = stream if stream is not None else sys.stderr
    if not out.isatty():
        return iter(items)  # the items themselves: nothing done per item
    return _progress(items, total, label, out, interval)


def _progress(items: Iterable[T], total: int | None, label: str, out: IO[str], interval: float) -> Iterator[T]:
    if total is None and isinstance(items, Sequence):
        total = len(items)
    shown = 0.0
    n = 0
    try:
        for n, item in enumerate(items, start=1):
            now = time.monotonic()
            if now - shown >= interval:
                out.write(f"\r{label} {n}/{total}" if total is not None else f"\r{label} {n}")
                out.flush()
                shown = now
            yield item
    finally:
        out.write(f"\r{label} {n}/{total if total is not None else n}\n" if n else "")
        out.flush()
