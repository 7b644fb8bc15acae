"""Real Excel workbooks (openpyxl): a bold frozen header, fitted widths, wrapping, a filter.

A text cell is always a string cell, never a formula and never a number (``2019.10``
stays ``2019.10``). Text a spreadsheet would run as a formula (the same test as CSV,
:func:`skillframe._cells.is_dangerous`) is stored exactly as written with Excel's own
"quote prefix" style: the value has no added ``'``, Excel shows it as text and never
evaluates it. ``int`` and ``float`` values (counts, step numbers) are number cells; a
:class:`Number` is a number cell with a number format (a rate 0.8 shown as ``80.0%``).
Column widths follow
the display width of the text (a Japanese character counts two), capped so long
texts wrap. Notes and provenance go on a sheet of their own.

Needs the ``xlsx`` extra (``pip install '.[xlsx]'`` from the checkout); without it
:class:`~skillframe.MissingDependencyError` names the extra.

>>> import io, openpyxl
>>> data = workbook([Sheet("職員", ("職員番号", "所属"), [("2019.10", "=1+1")])], notes=("出典: テスト",))
>>> wb = openpyxl.load_workbook(io.BytesIO(data))
>>> wb.sheetnames
['職員', '注記']
>>> ws = wb["職員"]
>>> [c.value for c in ws[2]], ws.freeze_panes, ws.auto_filter.ref, ws["A1"].font.b
(['2019.10', '=1+1'], 'A2', 'A1:B2', True)
>>> ws["B2"].data_type, ws["B2"].quotePrefix
('s', True)
>>> ws = openpyxl.load_workbook(io.BytesIO(workbook([Sheet("s", ("n",), [(3,)])]))).active
>>> ws["A2"].value, ws["A2"].data_type
(3, 'n')
"""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Iterable, Sequence
from typing import Any

import attrs

from .._cells import put_text, xml_safe
from ..errors import MissingDependencyError

__all__ = ["Number", "Sheet", "display_width", "sheet_name", "workbook"]

_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")
_MAX_WIDTH = 60
_MIN_WIDTH = 6


def _texts(values: Iterable[object]) -> tuple[str, ...]:
    return tuple(str(v) for v in values)


@attrs.frozen
class Number:
    """A number cell with an Excel number format: ``Number(0.8, "0.0%")`` shows ``80.0%``."""

    value: float
    number_format: str


_COUNT = re.compile(r"0|[1-9][0-9]{0,14}")
_DECIMAL = re.compile(r"(?:0|[1-9][0-9]{0,13})\.[0-9]{1,6}")


def table_cell(cell: Any) -> Any:
    """A table cell (text as shown) for a workbook: text that keeps the number it shows
    (``value`` and ``number_format``: :class:`~skillframe.render.tables.Shown`) becomes that
    number in that format (a rate 0.8 in ``0.0%`` shows ``80.0%``); a count or a decimal
    shown as digits becomes a number (no leading zero, so nothing written as ``007``
    changes); anything else (``7 (58.3%)``, a name) stays text.

    >>> table_cell("12"), table_cell("0.5"), table_cell("007"), table_cell("7 (58.3%)")
    (12, 0.5, '007', '7 (58.3%)')
    """
    fmt = getattr(cell, "number_format", None)
    if isinstance(cell, str) and fmt is not None:
        return Number(cell.value, fmt)  # type: ignore[attr-defined]
    if type(cell) is str:
        if _COUNT.fullmatch(cell):
            return int(cell)
        if _DECIMAL.fullmatch(cell):
            return float(cell)
    return cell


@attrs.frozen
class Sheet:
    """One worksheet: its name (what it holds), headers and rows of cells (``None`` is empty)."""

    name: str
    headers: tuple[str, ...] = attrs.field(converter=_texts)
    rows: Sequence[Sequence[Any]] = ()
    """Cells: text (``str``), numbers (``int``/``float``, not ``bool``; :class:`Number` with a
    number format) or ``None`` (empty)."""


def display_width(text: str) -> int:
    """Columns ``text`` takes on screen: East Asian wide and full-width characters count two.

    >>> display_width("職員番号"), display_width("id"), display_width("ｶﾅ")
    (8, 2, 2)
    """
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def sheet_name(name: str, taken: Iterable[str] = ()) -> str:
    """A valid, unique worksheet name: no ``[]:*?/\\``, at most 31 characters; a longer name
    is cut with ``…`` and keeps its closing brackets (``（…）``, ``「…」``: still readable).

    >>> sheet_name("Step1/2: [DX]"), sheet_name("表", ["表"])
    ('Step1_2_ _DX_', '表 (2)')
    >>> sheet_name("再評価で変わった結果（現在のカタログ 024398d72eed）")
    '再評価で変わった結果（現在のカタログ 024398d72e…）'
    """
    base = _BAD_SHEET_CHARS.sub("_", xml_safe(name)).strip("'") or "Sheet"
    used = {t.lower() for t in taken}
    candidate, n = _fit(base, _SHEET_MAX), 1
    while candidate.lower() in used:
        n += 1
        suffix = f" ({n})"
        candidate = _fit(base, _SHEET_MAX - len(suffix)) + suffix
    return candidate


_SHEET_MAX = 31  # Excel's limit on a worksheet name
_CLOSING = {"（": "）", "(": ")", "「": "」", "『": "』", "【": "】", "〔": "〕", "〈": "〉", "《": "》", "{": "}"}


def _fit(name: str, limit: int) -> str:
    """``name`` in at most ``limit`` characters: cut, ``…``, then the brackets left open closed."""
    if len(name) <= limit:
        return name
    for k in range(limit - 1, 0, -1):
        head = name[:k].rstrip()
        opened: list[str] = []
        for ch in head:
            if ch in _CLOSING:
                opened.append(_CLOSING[ch])
            elif opened and ch == opened[-1]:
                opened.pop()
        tail = "…" + "".join(reversed(opened))
        if len(head) + len(tail) <= limit:
            return head + tail
    return name[:limit]


def _text(value: Any) -> str:
    return "" if value is None else xml_safe(str(value))


#: A string cell holding ``text`` exactly; formula-like text gets the quote-prefix style.
_put_text = put_text


def workbook(sheets: Sequence[Sheet], *, notes: Sequence[str] = (), notes_name: str = "注記") -> bytes:
    """The sheets (and ``notes``, one per row, on their own sheet) as XLSX bytes."""
    try:
        from openpyxl import Workbook
        from openpyxl.styles import Alignment, Font
        from openpyxl.utils import get_column_letter
    except ImportError as exc:  # pragma: no cover - exercised with the extra missing
        raise MissingDependencyError("openpyxl", "xlsx") from exc
    wb = Workbook()
    first = wb.active
    assert first is not None
    wb.remove(first)
    taken: list[str] = []
    bold = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    for spec in [*sheets, *([Sheet(notes_name, ("注記 / notes",), [(n,) for n in notes])] if notes else [])]:
        name = sheet_name(spec.name, taken)
        taken.append(name)
        ws = wb.create_sheet(name)
        widths = [display_width(_text(h)) for h in spec.headers]
        for c, head in enumerate(spec.headers, start=1):
            cell = ws.cell(row=1, column=c)
            _put_text(cell, _text(head))
            cell.font = bold
            cell.alignment = wrap
        n_rows = 1
        for r, row in enumerate(spec.rows, start=2):
            n_rows = r
            for c, value in enumerate(row, start=1):
                cell = ws.cell(row=r, column=c)
                if isinstance(value, Number):
                    cell.value = value.value
                    cell.number_format = value.number_format
                    text = f"{100 * value.value:.1f}%" if value.number_format.endswith("%") else str(value.value)
                elif isinstance(value, int | float) and not isinstance(value, bool):
                    cell.value = value
                    text = str(value)
                else:
                    text = _text(value)
                    _put_text(cell, text)
                cell.alignment = wrap
                longest = max((display_width(line) for line in text.splitlines()), default=0)
                if c <= len(widths):
                    widths[c - 1] = max(widths[c - 1], longest)
        for c, width in enumerate(widths, start=1):
            ws.column_dimensions[get_column_letter(c)].width = min(_MAX_WIDTH, max(_MIN_WIDTH, width + 2))
        if spec.headers:
            ws.freeze_panes = "A2"
            ws.auto_filter.ref = f"A1:{get_column_letter(len(spec.headers))}{n_rows}"
    if not wb.sheetnames:
        wb.create_sheet("Sheet")
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
