"""A policy table's empty cell in the draft says why, never a blank.

User trial: in 「人材像ごとの政策実現プロセスへの関与」 the 関与 cells of DX推進員 and
全庁情報システム担当 were blank with no note. The catalog leaves them empty on purpose (the
rotated label is not legible in the report's text) and says so in the rows' notes, but the
draft showed only the notes of readings (interpretation). Now the cell says 「—（注を参照）」 and
the note is printed under the table with its source; a cell the report is silent on, with no
note, says 「報告書に記載なし」.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import skillframe
from skillframe.policy import draft
from skillframe.policy.drafts import _policy_table
from skillframe.policy.model import Cite, Column, PolicyTable, Row
from skillframe.policy.silent_cells import NOT_STATED, SEE_NOTE

from .test_draft import _draft


@pytest.mark.parametrize("kind", ["basic", "annual"])
def test_no_cell_of_the_draft_is_blank(town: dict[str, Path], kind: str) -> None:
    """No cell of the report's and the catalog's tables (the municipality's figures may leave a
    補足 empty: there is nothing to add)."""
    for d in (_draft(town, kind), draft(skillframe.load(), kind=kind)):
        blank = [
            (t.title, row[0], header)
            for b in d.blocks
            if (t := b.table) is not None
            for row in t.rows
            for header, cell in zip(t.headers, row, strict=False)
            if not cell.strip()
        ]
        assert blank == []


def test_the_involvement_of_dx_promoter_and_it_central_points_to_its_note(town: dict[str, Path]) -> None:
    d = _draft(town, "basic")
    t = next(b.table for b in d.blocks if b.table is not None and b.table.title.startswith("人材像ごとの政策実現"))
    cells = {row[0]: row[-1] for row in t.rows}
    assert cells["DX推進員"] == cells["全庁情報システム担当"] == SEE_NOTE
    assert cells["全庁DX推進担当"] == "推進連携をリード"  # a legible label is shown as read
    notes = "\n".join(t.notes)
    assert "注（DX推進員）: この人材像の表の関与のラベルは回転した文字で、報告書のテキストからは読み取れない" in notes
    assert "（出典: 報告書 §3 ②DX推進員 定義、447 行）" in notes
    assert "注（全庁情報システム担当）:" in notes and "（出典: 報告書 §3 ④全庁情報システム担当 定義、515 行）" in notes
    assert "注（一般行政職員）" not in notes  # a row with every cell filled needs no note


def test_a_silent_cell_without_a_note_says_the_report_does_not_state_it() -> None:
    table = PolicyTable(
        id="t",
        label="表",
        columns=(Column(id="x", label="X"),),
        rows=(Row(id="a", label="甲", cite=Cite(locator="§3 表", line=10)),),
        cite=Cite(locator="§3 表", line=9),
    )
    t = _policy_table(table)
    assert list(t.rows) == [("甲", NOT_STATED)]
