"""The columns of one header (or one set of mapping keys), as the row reader reads them:
the id columns, the persona columns and the others, and the readers compiled for them.

>>> from skillframe.staff.columns import Column
>>> plan = ColumnPlan([Column(0, "職員番号", "id", None), Column(1, "人材像", "persona", None)], text=True)
>>> plan.one, plan.width, plan.duplicate
((0, 1), 2, None)
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .columns import Column, header_key

__all__ = ["ColumnPlan"]


class ColumnPlan:
    """The columns of one header (or one set of mapping keys): id, persona, and the others."""

    __slots__ = ("built", "clash", "duplicate", "ids", "one", "others", "personas", "text", "width")

    def __init__(self, columns: Sequence[Column], *, text: bool = False) -> None:
        #: two columns (as written) that say the same (a mapping's ``department`` and ``部署``):
        #: every row read with these columns is refused, as a file with that header is
        self.duplicate: tuple[str, str] | None = None
        #: ``(index, index, column, message)`` of two keys naming one skill or tool (a mapping's:
        #: a row error when both are given, as the engine finds it with keys as written)
        self.clash: list[tuple[int, int, str, str]] = []
        seen: dict[tuple[str, str], str] = {}
        for c in columns:
            if not c.header:
                continue
            ident = (c.kind, header_key(c.key) if c.key is not None else "")
            if ident in seen and self.duplicate is None:
                self.duplicate = (seen[ident], c.header)
            seen.setdefault(ident, c.header)
        self.ids = [c for c in columns if c.kind == "id"]
        self.personas = [c for c in columns if c.kind == "persona"]
        self.others = [c for c in columns if c.kind not in ("id", "persona")]
        self.width = max((c.index + 1 for c in columns), default=0)
        self.text = text  # a file row: every blank cell is "" (a mapping may hold 0, False, NaN)
        # a file row with one id and one persona column: (id index, persona index), the usual row
        one = text and len(self.ids) == 1 and len(self.personas) == 1
        self.one = (self.ids[0].index, self.personas[0].index) if one else None
        # per persona's frameworks: the compiled reader of the other columns (builder.compile_build)
        self.built: dict[tuple[str, ...] | None, Any] = {}
