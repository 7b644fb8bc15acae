"""A draft policy as data: its :class:`Block` pieces, the municipality's :class:`Figures` in
them, and the visible placeholders (【要記入：…】) of what only the municipality can write.

:func:`~skillframe.policy.draft` builds a :class:`Draft`; ``render`` presents it (Word, Markdown).

>>> d = Draft("basic", "案", (Block("heading", "案", level=0), Block("placeholder", placeholder("背景"))), ())
>>> d, d.placeholders
(<Draft basic: 2 blocks, 1 placeholders>, ('【要記入：背景】',))
"""

from __future__ import annotations

import re
from typing import Literal

import attrs

from .._table import Table
from ..organisation import Progress, Rollup  # at run time: Figures' annotations resolve (get_type_hints)

__all__ = ["Block", "Draft", "FigureView", "Figures", "Kind", "placeholder"]

Kind = Literal["basic", "annual"]
_PLACEHOLDER = re.compile(r"【要記入：[^】]*】")


def placeholder(what: str) -> str:
    """The visible mark of a part only the municipality can write.

    >>> placeholder("背景")
    '【要記入：背景】'
    """
    return f"【要記入：{what}】"


#: Which table of the municipality's figures a :class:`Figures` block shows.
FigureView = Literal["attainment", "progress", "demand", "year-targets"]


@attrs.frozen
class Figures:
    """The municipality's figures, as results, for a renderer to show as a table.

    ``view``: ``attainment`` and ``demand`` (``result`` a :class:`~skillframe.Rollup`),
    ``progress`` and ``year-targets`` (``result`` a :class:`~skillframe.Progress`; the latter
    lists the targets of the current fiscal year). ``title`` and ``notes`` (where the
    figures come from), when given, replace the table's own.
    """

    view: FigureView
    result: Rollup | Progress = attrs.field(repr=False)
    title: str = ""
    notes: tuple[str, ...] = ()


@attrs.frozen
class Block:
    """One piece of the draft: a ``heading`` (``level`` 0 = title), ``text``, ``placeholder``,
    ``list`` (``items``), ``table`` (a :class:`~skillframe.Table` of catalog or policy content),
    ``figures`` (:class:`Figures`: the municipality's results) or ``source`` (a small line naming
    where the piece comes from)."""

    kind: Literal["heading", "text", "placeholder", "list", "table", "figures", "source"]
    text: str = ""
    level: int = 1
    items: tuple[str, ...] = ()
    table: Table | None = None
    figures: Figures | None = None


@attrs.frozen
class Draft:
    """A draft policy: its blocks and the closing table of origins (part, origin, where);
    ``author`` is the municipality (its overlay's publisher), ``""`` when unknown."""

    kind: Kind
    title: str
    blocks: tuple[Block, ...]
    origins: tuple[tuple[str, str, str], ...]
    author: str = ""

    def __repr__(self) -> str:
        return f"<Draft {self.kind}: {len(self.blocks)} blocks, {len(self.placeholders)} placeholders>"

    @property
    def placeholders(self) -> tuple[str, ...]:
        """Every 【要記入：…】 mark in the draft, in order (texts, list items and table cells)."""
        texts: list[str] = []
        for b in self.blocks:
            texts.append(b.text)
            texts.extend(b.items)
            if b.table is not None:
                texts.extend(cell for row in b.table.rows for cell in row)
        return tuple(m for t in texts for m in _PLACEHOLDER.findall(t))
