"""The organisation report as an Excel workbook: the same tables as the HTML and Markdown
reports, one sheet each, and a 注記 sheet with the title, the 所見 and every table's notes.

Numbers stay numbers: counts in people, rates 0–1 in a percent number format (``0.0%``,
shown as the tables show them, ``80.0%``); every text cell is written as text (never a
formula). Needs the ``xlsx`` extra (openpyxl).

>>> import io, openpyxl, skillframe
>>> cat = skillframe.load()
>>> r = skillframe.rollup(cat, [{"id": "1", "persona": "DX推進員", "department": "総務課"}])
>>> wb = openpyxl.load_workbook(io.BytesIO(report_xlsx(r)))
>>> wb.sheetnames[0], wb.sheetnames[-1]
('人材像別の育成段階の到達状況', '注記')
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any

from .._table import Table
from .._text import by_lang as _t
from ..organisation import AbsentStaff, Progress, Rollup
from ..staff import StaffRowError
from .history_tables import history_sheets
from .report import findings, meta_text, report_tables, staff_line
from .tables import CountRate
from .xlsx import Number, Sheet, table_cell, workbook

__all__ = ["report_xlsx"]


def report_xlsx(
    r: Rollup,
    progress: Progress | None = None,
    *,
    lang: str = "ja",
    title: str | None = None,
    row_errors: int = 0,
    source: str | None = None,
    catalog: str | None = None,
    generated: datetime.date | None = None,
    errors: Sequence[StaffRowError] = (),
    no_persona: Sequence[StaffRowError] = (),
    history: Sequence[Table] = (),
    absent: Sequence[AbsentStaff] = (),
) -> bytes:
    """The report (arguments as :func:`~skillframe.render.report.report_html`) as XLSX bytes.

    Sheets, in reading order: the ``history`` tables (年度推移, 前年度の達成状況: see
    :func:`~skillframe.render.history_tables.history_sheets`), 数値目標の進捗 (with ``progress``),
    each table of the rollup, the rows without a persona (with ``no_persona``), the people not
    in the staff file (with ``absent``), the unreadable rows (with ``errors``), then 注記: title,
    source and catalog, the 所見, the staff total, and
    each table's notes under its title.
    """
    title = title or _t(lang, "デジタル人材 育成状況レポート", "Digital talent report")
    tables = report_tables(r, progress, errors, lang, no_persona, absent=absent)
    notes = [
        title,
        meta_text(lang, source, catalog, generated),
        "",
        _t(lang, "所見", "Findings"),
        *findings(r, progress, lang=lang, row_errors=row_errors, absent=absent),
        "",
        staff_line(r, row_errors, lang, absent),
    ]
    for t in [*history, *tables]:
        if t.notes:
            notes += ["", f"{t.title}:", *t.notes]
    sheets = [Sheet(t.title, *_cells(t, lang)) for t in tables]
    sheets = history_sheets(history) + sheets  # the 年度推移 follows the 所見, as in HTML and Markdown
    return workbook(sheets, notes=notes, notes_name=_t(lang, "注記", "notes"))


def _cells(t: Table, lang: str) -> tuple[list[str], list[list[Any]]]:
    """The headers and cells of ``t`` for a sheet: each column of counts with their rates
    (:class:`~skillframe.render.tables.CountRate`, ``7 (46.7%)``) as two columns, the count
    and the rate (``Step1以上``, ``Step1以上 割合``); other cells by :func:`table_cell`.

    >>> t = Table(title="t", headers=("人材像", "Step1以上"), rows=[("A", CountRate.of(7, 7 / 15)), ("B", "—")])
    >>> headers, rows = _cells(t, "ja")
    >>> headers, rows[0][:2], rows[0][2].number_format, rows[1]
    (['人材像', 'Step1以上', 'Step1以上 割合'], ['A', 7], '0.0%', ['B', '—', None])
    """
    both = {i for row in t.rows for i, c in enumerate(row) if isinstance(c, CountRate)}
    headers: list[str] = []
    for i, h in enumerate(t.headers):
        headers += [h, h + _t(lang, " 割合", " rate")] if i in both else [h]
    rows: list[list[Any]] = []
    for row in t.rows:
        cells: list[Any] = []
        for i, c in enumerate(row):
            if i not in both:
                cells.append(table_cell(c))
            elif isinstance(c, CountRate):
                cells += [c.people, None if c.rate is None else Number(c.rate, "0.0%")]
            else:  # no such step for this row (—)
                cells += [table_cell(c), None]
        rows.append(cells)
    return headers, rows
