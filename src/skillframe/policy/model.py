"""The policy content of a report as data: tables, comparisons, decisions and measures.

Every item carries a :class:`Cite` — the document, the section or table, and the line of
the report's text it was read from — with ``interpretation`` / ``unverified`` flags (each
needs a ``note``) where a garbled table had to be read. Classes are frozen; files in the
``skillframe-policy/1`` format (docs/policy.md) are structured into them strictly.

>>> c = Cite(locator="§5 専門職制度 判断表", line=930)
>>> c.flags
()
"""

from __future__ import annotations

from typing import Literal

import attrs

from .._notes import note_in

__all__ = [
    "Cell",
    "Cite",
    "Column",
    "Comparison",
    "Criterion",
    "Decision",
    "DecisionRow",
    "Guidance",
    "Mark",
    "Measure",
    "Option",
    "PolicyFile",
    "PolicyTable",
    "Risk",
    "Row",
]

MarkSymbol = Literal["○", "△", "×", "—"]


@attrs.frozen(kw_only=True)
class Cite:
    """Where an item comes from: ``document`` (a source id), ``locator`` (section/table), ``line``.

    A flag needs a ``note`` (English) saying why; ``note_ja`` is the same note in Japanese.
    """

    locator: str
    line: int | None = None
    document: str = "wg2025-report"
    interpretation: bool = False
    unverified: bool = False
    note: str | None = None
    note_ja: str | None = None

    def note_in(self, lang: str = "ja") -> str | None:
        """The note in ``lang`` (``ja``: ``note_ja``, else the English note marked 「（英語の注記）」)."""
        return note_in(self.note, self.note_ja, lang)

    @property
    def flags(self) -> tuple[str, ...]:
        """The flags that are set, in a fixed order."""
        return tuple(n for n, on in (("interpretation", self.interpretation), ("unverified", self.unverified)) if on)


@attrs.frozen(kw_only=True)
class Column:
    """A column of a policy table."""

    id: str
    label: str


@attrs.frozen(kw_only=True)
class Cell:
    """The text of one cell: its bullet items, as the report wrote them (empty: the report is silent).

    ``line`` is the report's line of this cell when it differs from its row's.
    """

    column: str
    items: tuple[str, ...] = ()
    line: int | None = None


@attrs.frozen(kw_only=True)
class Row:
    """One row of a policy table."""

    id: str
    label: str
    cells: tuple[Cell, ...] = ()
    cite: Cite

    def cell(self, column: str) -> tuple[str, ...]:
        """The items of a column (``()`` where the report is silent)."""
        for c in self.cells:
            if c.column == column:
                return c.items
        return ()


@attrs.frozen(kw_only=True)
class PolicyTable:
    """A table of the report read as rows × columns of text (outlines, patterns, procedure…)."""

    id: str
    label: str
    label_en: str | None = None
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    cite: Cite
    note: str | None = None
    note_ja: str | None = None

    def note_in(self, lang: str = "ja") -> str | None:
        """The table's note in ``lang`` (as :meth:`Cite.note_in`)."""
        return note_in(self.note, self.note_ja, lang)

    def row(self, row_id: str) -> Row:
        """The row with this id (``KeyError`` when there is none)."""
        for r in self.rows:
            if r.id == row_id:
                return r
        raise KeyError(row_id)


@attrs.frozen(kw_only=True)
class Option:
    """One option being compared (e.g. 任用（常勤）)."""

    id: str
    label: str


@attrs.frozen(kw_only=True)
class Mark:
    """The mark (○ △ × —) an option gets on a criterion, with the report's notes."""

    option: str
    mark: MarkSymbol
    notes: tuple[str, ...] = ()


@attrs.frozen(kw_only=True)
class Criterion:
    """A comparison criterion and each option's mark."""

    id: str
    label: str
    group: str | None = None
    marks: tuple[Mark, ...]
    cite: Cite

    def mark(self, option: str) -> Mark:
        """The mark of an option (``KeyError`` when the option is unknown)."""
        for m in self.marks:
            if m.option == option:
                return m
        raise KeyError(option)


@attrs.frozen(kw_only=True)
class Guidance:
    """A sentence of guidance printed with a table."""

    text: str
    cite: Cite


@attrs.frozen(kw_only=True)
class Comparison:
    """A comparison table: criteria × options with marks, and its guidance."""

    id: str
    label: str
    label_en: str | None = None
    options: tuple[Option, ...]
    criteria: tuple[Criterion, ...]
    guidance: tuple[Guidance, ...] = ()
    cite: Cite


@attrs.frozen(kw_only=True)
class DecisionRow:
    """A row of a decision table: when the profile ``answer`` is ``when``, the report recommends…"""

    id: str
    when: str
    condition: str
    context: tuple[str, ...] = ()
    mark: MarkSymbol
    recommendation: str
    reason: str
    cite: Cite


@attrs.frozen(kw_only=True)
class Risk:
    """A risk the report names, and its countermeasure."""

    id: str
    aspect: str
    risk: str
    countermeasure: str
    cite: Cite


@attrs.frozen(kw_only=True)
class Decision:
    """A decision table: the profile answer it reads, its rows, and the risks that go with it."""

    id: str
    label: str
    label_en: str | None = None
    answer: str
    rows: tuple[DecisionRow, ...]
    risks: tuple[Risk, ...] = ()
    concerns: tuple[str, ...] = ()
    guidance: tuple[Guidance, ...] = ()
    cite: Cite

    def row(self, row_id: str) -> DecisionRow:
        """The row with this id (``KeyError`` when there is none)."""
        for r in self.rows:
            if r.id == row_id:
                return r
        raise KeyError(row_id)


@attrs.frozen(kw_only=True)
class Measure:
    """A 確保 (securing) or 育成 (development) measure.

    ``mode``: ``channel`` (a way of finding people), ``career`` (career continuity),
    ``ojt`` (an OJT measure), ``ojt-example``, ``support`` (what 都・GovTech東京 offer).
    ``actors`` carry it out; ``targets`` are who it is for; ``details`` its bullets.
    """

    id: str
    label: str
    label_en: str | None = None
    kind: Literal["securing", "development"]
    mode: Literal["channel", "career", "ojt", "ojt-example", "support"]
    group: str | None = None
    details: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    targets: tuple[str, ...] = ()
    applies_to: tuple[str, ...] = ()
    cite: Cite


@attrs.frozen(kw_only=True)
class PolicyFile:
    """One file in the ``skillframe-policy/1`` format."""

    format: Literal["skillframe-policy/1"]
    document: str = "wg2025-report"
    tables: tuple[PolicyTable, ...] = ()
    comparisons: tuple[Comparison, ...] = ()
    decisions: tuple[Decision, ...] = ()
    measures: tuple[Measure, ...] = ()
