"""What a ladder remembers of the values it reads: each distinct value is resolved once.

A ladder's generated code (:mod:`skillframe.engine.source`) reads a plain dict inline;
the values it cannot take as they are go to :class:`ValueMemo`, which reads them with
the one record reader (:class:`~skillframe.engine.facts.FactReader`) and remembers the
result per distinct value as written. Each memo holds at most ``MEMO_MAX`` entries
(then it is emptied at once): memory stays flat whatever the records.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..errors import LookupFailed
from ..staff.columns import STANDARD_COLUMNS
from .facts import TOOLS, FactReader

__all__ = ["MEMO_MAX", "NULLABLE", "ValueMemo", "nones"]

_PLAIN_VALUES = frozenset((int, str, type(None)))
MEMO_MAX = 65536  # distinct values remembered per memo (then forgotten at once)


class ValueMemo:
    """The memos of one ladder: trained-skill groups per ``trainings`` value, tool levels per item.

    ``groups`` are the skill sets of the ladder's trained groups (see
    :mod:`skillframe.engine.compile`): :meth:`tv` gives ``(t, K1 <= t, K2 <= t, …)``.
    """

    def __init__(self, reader: FactReader, groups: Iterable[frozenset[str]]) -> None:
        self.reader = reader
        self.groups = tuple(groups)
        self.tv_sets: dict[frozenset[str], tuple[Any, ...]] = {}
        #: ``trainings`` as written (a list made a tuple) → :meth:`tv` of it
        self.tv_memo: dict[Any, tuple[Any, ...]] = {}
        self.tl_memo: dict[tuple[Any, ...], Any] = {}
        #: a StaffRecord's ``trainings`` (a tuple of keys, parsed by the staff reader) → :meth:`tv`
        self.record_tv_memo: dict[tuple[str, ...], tuple[Any, ...]] = {}

    @property
    def tv_none(self) -> tuple[Any, ...]:
        """:meth:`tv` of no trainings (unknown): every group ``False``."""
        return (None,) + (False,) * len(self.groups)

    def tv(self, t: frozenset[str] | None) -> tuple[Any, ...]:
        """``(t, K1 <= t, K2 <= t, …)`` for the ladder's trained groups (all False when t is None)."""
        if t is None:
            return (None,) + (False,) * len(self.groups)
        hit = self.tv_sets.get(t)
        if hit is None:
            if len(self.tv_sets) >= MEMO_MAX:
                self.tv_sets.clear()
            hit = self.tv_sets[t] = (t, *(g <= t for g in self.groups))
        return hit

    def record_tv(self, keys: tuple[str, ...]) -> tuple[Any, ...]:
        """:meth:`tv` of a StaffRecord's ``trainings`` (keys already parsed: resolved as
        :meth:`FactReader.facts <skillframe.engine.facts.FactReader.facts>` resolves them)."""
        tv = self.tv(self.reader.trained_keys(keys))
        if len(self.record_tv_memo) >= MEMO_MAX:
            self.record_tv_memo.clear()
        self.record_tv_memo[keys] = tv
        return tv

    def tv_raw(self, raw: Any) -> tuple[Any, ...]:
        """:meth:`tv` of a ``trainings`` value as written (parsed, resolved, memoised when hashable)."""
        tv = self.tv(self.reader.trained(raw))
        # remembered only as text (or a list of texts): a value equal to another of another
        # type (``1 == True == 1.0``) must never find what was read for that other value
        if type(raw) is str or (type(raw) in (list, tuple) and all(type(x) is str for x in raw)):
            if len(self.tv_memo) >= MEMO_MAX:
                self.tv_memo.clear()
            self.tv_memo[tuple(raw) if type(raw) is list else raw] = tv
        return tv

    def tl(self, tools: dict[Any, Any]) -> dict[str, int] | None:
        """The tool levels of a ``tools`` mapping as written, as the record reader reads them.

        Each (tool, level) item is read once by the reader (memoised); a mapping whose items
        name one tool twice is read whole. Any problem is a plain :class:`ValueError`: the
        ladder then reads the whole record again, so the error names the record (:meth:`Ladder.bad`).
        """
        memo = self.tl_memo
        # 1, True and Decimal(1) are equal but not read alike: unless every level is an int,
        # a text or None, the items are keyed with their types
        keys: Any = tools.items()
        if not _PLAIN_VALUES.issuperset(map(type, tools.values())):
            keys = [(k, v, type(k), type(v)) for k, v in keys]
        try:
            hits: list[Any] = [*map(memo.get, keys)]
        except TypeError:  # a value that is not hashable: the reader decides
            return self.tl_read(tools)
        if None in hits:
            for i, key in enumerate(keys):
                if hits[i] is None:
                    one = self.tl_read({key[0]: key[1]})
                    hits[i] = next(iter(one.items())) if one else ()
                    if len(memo) >= MEMO_MAX:
                        memo.clear()
                    memo[key] = hits[i]
        if () in hits:  # no level given
            hits = [h for h in hits if h]
        out = dict(hits)
        if len(out) != len(hits):  # two spellings of one tool: the reader decides
            return self.tl_read(tools)
        return out or None

    def tl_read(self, tools: dict[Any, Any]) -> dict[str, int] | None:
        try:
            tl: dict[str, int] | None = self.reader.facts({"id": "-", "tools": tools})[TOOLS]
        except (ValueError, LookupFailed) as exc:
            raise ValueError(str(exc)) from None
        return tl


#: Plain columns a dict may give as ``None`` (unknown: the reader takes them so).
NULLABLE = tuple(k for k in STANDARD_COLUMNS if k != "id")


def nones(r: dict[Any, Any]) -> int:
    """How many plain columns of ``r`` are ``None``."""
    return sum(1 for k in NULLABLE if k in r and r[k] is None)
