"""A policy table's empty cells in the Japanese draft: said to be empty, never left blank.

A cell of a :class:`~skillframe.policy.PolicyTable` is empty where the report says nothing
there, or where its text could not be read (a rotated label, a lost merged cell); the
catalog then explains the row in its ``note``. A blank cell in the draft says neither, so
:func:`cell_text` writes 「報告書に記載なし」 (no note on the row) or 「—（注を参照）」 (the
row's note says why), and :func:`row_notes` gives the notes to print under the table:
every reading (解釈) and the note of each row with an empty cell (注), with its source.

>>> from skillframe.policy.model import Cell, Cite, Column, PolicyTable, Row
>>> silent = Row(id="a", label="甲", cite=Cite(locator="§3 表", line=10))
>>> noted = Row(id="b", label="乙", cite=Cite(locator="§3 表", line=12, note="illegible",
...             note_ja="ラベルは読み取れない。"))
>>> cell_text(silent, "x"), cell_text(noted, "x")
('報告書に記載なし', '—（注を参照）')
>>> t = PolicyTable(id="t", label="表", columns=(Column(id="x", label="X"),), rows=(silent, noted),
...                 cite=Cite(locator="§3 表", line=9))
>>> row_notes(t)
['注（乙）: ラベルは読み取れない。（出典: 報告書 §3 表、12 行）']
"""

from __future__ import annotations

from .model import PolicyTable, Row

__all__ = ["NOT_STATED", "SEE_NOTE", "cell_text", "row_notes"]

#: An empty cell of a row without a note: the report's table has nothing there.
NOT_STATED = "報告書に記載なし"
#: An empty cell of a row whose note says why it is empty.
SEE_NOTE = "—（注を参照）"


def cell_text(row: Row, column: str) -> str:
    """The text of a cell in the draft: its items, one a line, or what its emptiness means."""
    items = row.cell(column)
    if items:
        return "\n".join(items)
    return SEE_NOTE if row.cite.note_in("ja") else NOT_STATED


def row_notes(table: PolicyTable) -> list[str]:
    """The notes under a table in the draft (Japanese): each row's reading (``解釈（行）``), and
    the note of a row with an empty cell (``注（行）``, with the report's section and line)."""
    out = []
    for r in table.rows:
        note = r.cite.note_in("ja")
        if not note:
            continue
        if r.cite.interpretation:
            out.append(f"解釈（{r.label}）: {note}")
        elif any(not r.cell(c.id) for c in table.columns):
            line = f"、{r.cite.line} 行" if r.cite.line is not None else ""
            out.append(f"注（{r.label}）: {note}（出典: 報告書 {r.cite.locator}{line}）")
    return out
