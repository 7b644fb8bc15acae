"""The output of ``skillframe evaluate``: its columns, and where the rows go (streamed
CSV/TSV, or one table: XLSX, JSON, HTML, text), errors included in input order."""

from __future__ import annotations

import argparse
import csv
import io
from collections.abc import Sequence
from typing import Any

from .._cells import neutralise
from ..staff import StaffRowError
from ._common import Context

__all__ = [
    "ERROR_COLUMNS",
    "FULL",
    "STREAMED",
    "WIDE_FIELDS",
    "Out",
    "cell_of",
    "error_cells",
    "error_headers",
    "headers",
]

#: Formats streamed row by row.
STREAMED = ("csv", "tsv")

#: Formats where every input row has a row of its own (errors included): files and machine formats.
FULL = ("csv", "tsv", "xlsx", "json", "html")

#: The record's own numbers and answers that ``--wide`` adds (field, ja, en).
WIDE_FIELDS = (
    ("dx_project_years", "DX案件従事年数", "DX project years"),
    ("dx_lead_years", "DXリード年数", "DX lead years"),
    ("dx_lead_count", "DXリード件数", "DX projects led"),
    ("mentoring", "後輩指導", "mentoring"),
)


def headers(
    ctx: Context, *, explain: bool = False, wide: bool = False, full: bool = False, extra: Sequence[str] = ()
) -> list[str]:
    """The columns of the result in the chosen language.

    ``full`` (files and machine formats): the input row first and an error column last, so
    every row of the staff file is in the result. ``wide`` adds the step number, the
    record's DX experience and answers, and the file's other columns (``extra``, as written).
    """
    h = ctx.h
    cols = [
        h("職員番号", "id"),
        h("人材像", "persona"),
        h("所属", "department"),
        h("到達段階", "step"),
        h("次の段階", "next step"),
        h("不足数", "missing"),
    ]
    if wide:
        cols.insert(4, h("段階番号", "rank"))
    if explain or wide:
        cols.append(h("不足要件", "what is missing"))
    if wide:
        cols += [h(ja, en) for _, ja, en in WIDE_FIELDS]
        cols += list(extra)
    if full:
        cols = [h("行", "row"), *cols, h("エラー", "error")]
    return cols


class Out:
    """Where the rows go: streamed CSV/TSV, or kept for one table (XLSX, JSON, HTML, text).

    In the full layout an unreadable row is a row of its own, in input order, with its
    message in the error column (nothing is left out of a result file)."""

    def __init__(self, ctx: Context, args: argparse.Namespace, full: bool) -> None:
        self.ctx, self.args, self.full = ctx, args, full
        self.fmt = ctx.format
        self.rows: list[list[Any]] = []
        self.extra: tuple[str, ...] | None = None if args.wide else ()
        self.done = 0  # errors already placed
        self.writer: Any = None
        self.width = 0
        self.written = 0  # rows streamed (for the output row number)
        self.check = False  # streamed cells are checked against the output encoding (CP932)
        self.buffer: io.StringIO | None = None  # streamed rows, written out a batch at a time
        self.pending = 0  # rows in the buffer

    @property
    def safe(self) -> bool:
        """Whether result rows may come already neutralised (:meth:`evaluation` with
        ``safe=True``): streamed CSV/TSV in the full layout, no encoding check."""
        return self.full and self.fmt in STREAMED and not self.ctx.checks_encoding()

    def extra_of(self, record: Any) -> tuple[str, ...]:
        """The file's other columns (``--wide``), fixed by the first record."""
        if self.extra is None:
            self.extra = tuple(getattr(record, "extra", None) or ())
        return self.extra

    def _start(self) -> None:
        if self.width:
            return
        cols = headers(self.ctx, explain=self.args.explain, wide=self.args.wide, full=self.full, extra=self.extra or ())
        self.cols = cols
        self.width = len(cols)
        if self.fmt in STREAMED:
            self.buffer = io.StringIO()
            self.writer = csv.writer(self.buffer, delimiter="\t" if self.fmt == "tsv" else ",", lineterminator="\r\n")
            self.writer.writerow([neutralise(c) for c in self.ctx.fit([cols], 1)[0]])
            self.check = self.ctx.checks_encoding()

    def flush(self) -> None:
        """Write the buffered streamed rows to the output (one write for many rows: the same
        bytes as writing each row, with one encoding call)."""
        buf = self.buffer
        if buf is None or not buf.tell():
            return
        self.ctx.out.write(buf.getvalue())
        buf.seek(0)
        buf.truncate()
        self.pending = 0

    def _put(self, row: list[Any]) -> None:
        if self.writer is None:
            self.rows.append(row)
            return
        self.written += 1
        self.pending += 1
        if self.pending >= _FLUSH_ROWS:
            self.flush()
        if not self.check:  # no cell can fail the output encoding: as fit gives it (a count is digits)
            safe, cell = neutralise, cell_of
            self.writer.writerow([safe(c) if c.__class__ is str else "" if c is None else cell(c) for c in row])
            return
        before = len(self.ctx.write_problems)
        cells = self.ctx.fit([row], self.written + 1)[0]
        if len(self.ctx.write_problems) > before and self.full:  # the row says so too
            said = self.ctx.h("CP932 で書けない文字を 〓 にしました", "characters CP932 cannot hold written as 〓")
            cells[-1] = "\n".join(c for c in (cells[-1], said + " [unencodable]") if c)
        self.writer.writerow([neutralise(c) for c in cells])

    def _errors_until(self, errors: list[StaffRowError], row: int | None) -> None:
        if not self.full:
            return
        while self.done < len(errors):
            first = errors[self.done]
            if row is not None and first.row is not None and first.row >= row:
                return
            group = [first]
            self.done += 1
            while self.done < len(errors) and errors[self.done].row == first.row and first.row is not None:
                group.append(errors[self.done])
                self.done += 1
            self._put(self._error_row(group))

    def _error_row(self, group: list[StaffRowError]) -> list[Any]:
        ctx = self.ctx
        first = group[0]
        text = "\n".join(
            (f"{e.column}: " if e.column else "") + (e.en if ctx.lang == "en" else e.ja) + f" [{e.code}]" for e in group
        )
        row: list[Any] = [first.row, first.id or ""] + [None] * (self.width - 3) + [text]
        # what the row's readable cells say: its department, and with --wide the file's other columns
        department = next((e.department for e in group if e.department is not None), None)
        if department is not None:
            row[3] = department  # 所属 (after 行, 職員番号, 人材像)
        if self.args.wide and self.extra:
            own = dict(first.extra)
            at = self.width - 1 - len(self.extra)
            row[at : self.width - 1] = [own.get(k) for k in self.extra]
        return row

    def evaluation(self, row_no: int | None, row: list[Any], errors: list[StaffRowError]) -> None:
        self._start()
        self._errors_until(errors, row_no)
        self._put([row_no, *row, None] if self.full else row)

    def safe_row(self, row: list[Any], errors: list[StaffRowError]) -> None:
        """A full result row made neutralised already (only when :attr:`safe`): as
        :meth:`evaluation` writes it (``row[0]`` is the input row)."""
        if self.writer is None:
            self._start()
        if self.done < len(errors):
            self._errors_until(errors, row[0])
        self.written += 1
        self.pending += 1
        if self.pending >= _FLUSH_ROWS:
            self.flush()
        self.writer.writerow(row)

    def finish(self, errors: list[StaffRowError], summary: str, notes: tuple[str, ...]) -> None:
        ctx = self.ctx
        self._start()
        self._errors_until(errors, None)
        if self.writer is not None:
            self.flush()
            return
        title = ctx.h("評価結果", "Evaluation")
        if not self.full:
            rows = [["" if c is None else str(c) for c in r] for r in self.rows]
            ctx.write_rows(self.cols, rows, title=title, notes=notes)
            return
        sheets = []
        if self.fmt == "xlsx":
            from ..render.xlsx import Sheet

            sheets.append(Sheet(ctx.h("エラー", "errors"), error_headers(ctx), error_cells(errors, ctx)))
        if self.fmt not in ("xlsx", "html"):  # a Markdown or text file: the summary under the table
            notes = (summary, *notes)
        ctx.write_rows(self.cols, self.rows, title=title, notes=notes, before=(summary,), sheets=sheets)


#: Streamed rows buffered before one write to the output.
_FLUSH_ROWS = 512


def cell_of(value: Any) -> Any:
    """A streamed cell that is not text: a count or row number as it is (digits), else its
    text (``None`` → ``""``), neutralised."""
    if value.__class__ is int and value >= 0:
        return value
    return neutralise(value if value.__class__ is str else "" if value is None else str(value))


ERROR_COLUMNS = (("行", "row"), ("列", "column"), ("コード", "code"), ("内容", "message"), ("職員番号", "id"))


def error_headers(ctx: Context) -> tuple[str, ...]:
    return tuple(ctx.h(ja, en) for ja, en in ERROR_COLUMNS)


def error_cells(errors: list[StaffRowError], ctx: Context) -> list[list[Any]]:
    return [[e.row, e.column or "", e.code, e.en if ctx.lang == "en" else e.ja, e.id or ""] for e in errors]
