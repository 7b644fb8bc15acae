"""The output of ``skillframe evaluate``: its columns, and where the rows go (streamed
CSV/TSV, or one table: XLSX, JSON, HTML, text), errors included in input order."""

from __future__ import annotations

import argparse
import contextlib
import csv
import io
from collections.abc import Mapping, Sequence
from typing import Any

from .._cells import neutralise
from ..engine.result import NOT_EVALUATED
from ..staff import StaffRecord, StaffRowError
from ..staff.columns import Column
from ._context import Context
from ._encoding import unencodable

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
    "wide_value",
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


def wide_value(value: Any, ctx: Context) -> Any:
    """A ``--wide`` cell of the record's own: yes/no in words, a whole number as an int."""
    if isinstance(value, bool):
        return ctx.h("はい", "yes") if value else ctx.h("いいえ", "no")
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


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
    own = [h("行", "row"), *cols, h("エラー", "error")] if full else cols
    if wide:
        cols += _apart(extra, own, h("職員ファイル", "staff file"))
    if full:
        cols = [h("行", "row"), *cols, h("エラー", "error")]
    return cols


def _apart(extra: Sequence[str], own: Sequence[str], source: str) -> list[str]:
    """The headers of the staff file's other columns: a name the result has already
    (``到達段階``, ``エラー``, a JSON item's ``row``) is told apart as ``到達段階 (職員ファイル)``,
    so that no two columns of a result file share a header.

    >>> _apart(["備考", "エラー"], ["職員番号", "エラー"], "職員ファイル")
    ['備考', 'エラー (職員ファイル)']
    """
    taken = set(own) | set(extra)
    out = []
    for name in extra:
        new = name
        if name in own:
            new, n = f"{name} ({source})", 2
            while new in taken:
                new, n = f"{name} ({source} {n})", n + 1
            taken.add(new)
        out.append(new)
    return out


class Out:
    """Where the rows go: streamed CSV/TSV, or kept for one table (XLSX, JSON, HTML, text).

    In the full layout an unreadable row is a row of its own, in input order, with its
    message in the error column (nothing is left out of a result file).

    ``--wide`` adds the staff file's other columns: those of its header, in header order
    (every row shows its own cells, an error row too); a JSON file has no header: its
    columns are the keys seen, in the order first seen, so its rows are kept until the end
    (the JSON file is held in memory already) and then written."""

    def __init__(self, ctx: Context, args: argparse.Namespace, full: bool, header: list[list[Column]]) -> None:
        self.ctx, self.args, self.full = ctx, args, full
        self.header = header  # the staff file's header columns, once the reader has read them (JSON: none)
        self.fmt = ctx.format
        self.rows: list[list[Any]] = []
        self.extra: tuple[str, ...] | None = None if args.wide else ()  # None: not known yet
        self.kept: list[tuple[list[Any], Mapping[str, Any], Any]] = []  # rows before the extra columns are known
        self.seen: dict[str, None] = {}  # the extra columns of the rows kept, in the order first seen
        self.started = False
        self.base = 0  # the width without the extra columns
        self.done = 0  # errors already placed
        self.writer: Any = None
        self.width = 0
        self.written = 0  # rows streamed (for the output row number)
        self.check = False  # streamed cells are checked against the output encoding (CP932)
        self.buffer: io.StringIO | None = None  # streamed rows, written out a batch at a time
        self.pending = 0  # rows in the buffer
        #: records of a persona without a ladder (not evaluated), in input order, and how many are placed
        self.aside: list[StaffRecord] = []
        self.aside_done = 0

    @property
    def safe(self) -> bool:
        """Whether result rows may come already neutralised (:meth:`evaluation` with
        ``safe=True``): streamed CSV/TSV in the full layout, no encoding check."""
        return self.full and self.fmt in STREAMED and not self.ctx.checks_encoding()

    def _header_extra(self) -> tuple[str, ...] | None:
        """The extra columns of the staff file's header, as its records key them (``None``:
        no header, JSON). The header is the one the reader read (the file is not read again)."""
        if not self.header or not self.header[0]:
            return None
        return tuple(dict.fromkeys(c.key or c.header for c in self.header[0] if c.kind == "extra"))

    def _start(self) -> None:
        if self.started:
            return
        self.started = True
        a = self.args
        self.base = len(headers(self.ctx, explain=a.explain, wide=a.wide, full=self.full))
        if a.wide and self.extra is None:
            self.extra = self._header_extra()
        if self.extra is not None:
            self._open()

    def _open(self) -> None:
        """The columns, known now; a streamed file gets its header row."""
        a = self.args
        cols = headers(self.ctx, explain=a.explain, wide=a.wide, full=self.full, extra=self.extra or ())
        self.cols = cols
        self.width = len(cols)
        if self.fmt in STREAMED:
            self.buffer = io.StringIO()
            self.writer = self._writer(self.buffer)
            self.writer.writerow([neutralise(c) for c in self.ctx.fit([cols], 1)[0]])
            self.check = self.ctx.checks_encoding()

    def flush(self) -> None:
        """Write the buffered streamed rows to the output (one write for many rows: the same
        bytes as writing each row, with one encoding call)."""
        buf = self.buffer
        if buf is None or not buf.tell():
            return
        text = buf.getvalue()
        buf.seek(0)  # emptied before writing: a batch that fails is never written again
        buf.truncate()
        self.pending = 0
        out = self.ctx.out
        try:
            out.write(text)
        except UnicodeEncodeError as exc:  # stdout (a console) cannot hold a character
            raise self._unwritable(out, text, exc) from None

    def _unwritable(self, out: Any, text: str, exc: UnicodeEncodeError) -> Exception:
        """Write the rows before the one ``out`` cannot hold; the error names that row."""
        at = exc.start if exc.object is text else text.find(exc.object[exc.start : exc.start + 1])
        nl = text.rfind("\r\n", 0, at) if at > 0 else -1
        start = nl + 2 if nl >= 0 else 0  # the line of that row
        with contextlib.suppress(UnicodeEncodeError, OSError):
            out.write(text[:start])
        delimiter = "\t" if self.fmt == "tsv" else ","
        cells = next(csv.reader(io.StringIO(text[start:], newline=""), delimiter=delimiter), [])
        if len(cells) > 1 and cells[0].isdigit():
            return unencodable(exc, (f"{cells[0]} 行目、職員番号 {cells[1]}", f"row {cells[0]}, id {cells[1]}"))
        return unencodable(exc)

    def _put(self, row: list[Any], own: Mapping[str, Any] | None = None, fill: Any = None) -> None:
        """Write or keep ``row``; with ``--wide``, the cells of ``own`` (the row's extra columns,
        ``fill`` where it has none) go before the error column."""
        if self.args.wide:
            own = own or {}
            if self.extra is None:  # the columns are known at the end
                self.kept.append((row, own, fill))
                self.seen.update(dict.fromkeys(own))
                return
            cells = [own.get(k, fill) for k in self.extra]
            row = [*row[:-1], *cells, row[-1]] if self.full else [*row, *cells]
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
        """Place the rows before input row ``row`` (``None``: all) that are not evaluations, in
        input order: the error rows (full layout only) and the rows not evaluated (a persona
        without a ladder: every layout)."""
        aside = self.aside
        while True:
            first = errors[self.done] if self.full and self.done < len(errors) else None
            other = aside[self.aside_done] if self.aside_done < len(aside) else None
            if other is not None and (first is None or _before(other.row, first.row)):
                if row is not None and other.row is not None and other.row >= row:
                    return
                self.aside_done += 1
                self._put(self._aside_row(other), other.extra, "")
                continue
            if first is None:
                return
            if row is not None and first.row is not None and first.row >= row:
                return
            group = [first]
            self.done += 1
            while self.done < len(errors) and errors[self.done].row == first.row and first.row is not None:
                group.append(errors[self.done])
                self.done += 1
            self._put(self._error_row(group), dict(first.extra))

    def _aside_row(self, rec: StaffRecord) -> list[Any]:
        """The row of a record whose persona has no ladder: its persona and department, the
        status 評価対象外（段階なし） where the step goes, nothing evaluated (empty cells), no error."""
        ctx, a = self.ctx, self.args
        persona = ctx.label(ctx.catalog().persona(rec.persona)) if rec.persona is not None else ""
        status = ctx.h(*NOT_EVALUATED)
        cells: list[Any] = [rec.id, persona, "" if rec.department is None else rec.department, status, "", None]
        if a.wide:
            cells.insert(4, None)
        if a.explain or a.wide:
            cells.append("")
        if a.wide:
            cells += [wide_value(getattr(rec, f, None), ctx) for f, _, _ in WIDE_FIELDS]
        return [rec.row, *cells, None] if self.full else cells

    def _error_row(self, group: list[StaffRowError]) -> list[Any]:
        ctx = self.ctx
        first = group[0]
        text = "\n".join(
            (f"{e.column}: " if e.column else "") + (e.en if ctx.lang == "en" else e.ja) + f" [{e.code}]" for e in group
        )
        row: list[Any] = [first.row, first.id or ""] + [None] * (self.base - 3) + [text]
        # what the row's readable cells say, as written: its persona and department (with --wide
        # the file's other columns: _put)
        persona = next((e.persona for e in group if e.persona is not None), None)
        if persona is not None:
            row[2] = persona  # 人材像 (after 行, 職員番号)
        department = next((e.department for e in group if e.department is not None), None)
        if department is not None:
            row[3] = department  # 所属 (after 行, 職員番号, 人材像)
        return row

    def evaluation(
        self, row_no: int | None, row: list[Any], errors: list[StaffRowError], own: Mapping[str, Any] | None = None
    ) -> None:
        """A result row; ``own``: the record's extra columns (``--wide``)."""
        self._start()
        self._errors_until(errors, row_no)
        self._put([row_no, *row, None] if self.full else row, own, "")

    def safe_rows(self, made: list[tuple[int | None, str | list[Any]]], errors: list[StaffRowError]) -> None:
        """Full result rows made neutralised already (only when :attr:`safe`), in input order,
        each with its input row: a line of text (:meth:`cell_text` made its cells), or cells
        (as :meth:`evaluation` writes them, ``row[0]`` the input row); the row errors of the
        rows before each are placed before it."""
        if self.writer is None:
            self._start()
        assert self.buffer is not None
        line, cells = self.buffer.write, self.writer.writerow
        for row, text in made:
            if self.done < len(errors) or self.aside_done < len(self.aside):
                self._errors_until(errors, row)
            if text.__class__ is str:
                line(text)
            else:
                cells(text)
        self.written += len(made)
        self.pending += len(made)
        if self.pending >= _FLUSH_ROWS:
            self.flush()

    @property
    def delimiter(self) -> str:
        """The delimiter of a streamed file (CSV ``,``, TSV tab)."""
        return "\t" if self.fmt == "tsv" else ","

    #: The line end of a streamed file (as Excel writes CSV).
    line_end = "\r\n"

    def _writer(self, stream: Any) -> Any:
        return csv.writer(stream, delimiter=self.delimiter, lineterminator=self.line_end)

    def cell_text(self, cells: Sequence[Any]) -> str:
        """The text the streamed file's writer gives ``cells`` inside a row (quoted as it
        quotes them, joined by the delimiter, no line end): a row's line can be put
        together from such parts exactly as the writer writes the row."""
        scratch = io.StringIO()
        self._writer(scratch).writerow([*cells, "x"])  # a last cell: an empty cell alone is written ""
        return scratch.getvalue()[: -len(self.delimiter + "x" + self.line_end)]

    def finish(self, errors: list[StaffRowError], summary: str, notes: tuple[str, ...]) -> None:
        ctx = self.ctx
        self._start()
        self._errors_until(errors, None)
        if self.extra is None:  # --wide without a header (JSON): the keys seen, now known
            self.extra = tuple(self.seen)
            self._open()
            kept, self.kept = self.kept, []
            for row, own, fill in kept:
                self._put(row, own, fill)
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


def _before(a: int | None, b: int | None) -> bool:
    """Whether input row ``a`` comes before ``b`` (a row without a number is placed at once)."""
    return a is None or (b is not None and a < b)


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
