"""Rows of an XLSX workbook as Excel shows them (needs the ``xlsx`` extra: openpyxl, defusedxml).

- The declared size (``<dimension ref>``) is never trusted: every row and column is read.
- The sheet: the one named (``--sheet``), else the only sheet whose header has an ``id``
  column; several such sheets, or none, is an error naming them.
- A vertically merged cell (a 課 merged down several rows) gives its value to every row.
- An error value (``#N/A``, ``#REF!``) is never an id, a 課 or a persona (a row error); an
  extra column shows it as Excel does.
- A formula cell with no saved value is a row error ("open and save in Excel"); one whose
  saved value is the empty text (``=IFERROR(VLOOKUP(…),"")``: Excel writes ``<v/>``) is blank.
- Values are shown as Excel shows them: dates in the cell's format (``2026/3/1``), an id
  formatted ``000000`` keeps its zeros (``000123``); number columns use the number itself.
- Not a workbook (password-protected, Excel 97-2003 ``.xls``, a damaged or truncated zip,
  a zip bomb) is a one-line :class:`~skillframe.StaffDataError`:

================================  ======================================================
code                              when
================================  ======================================================
``xlsx-encrypted``                the workbook has a password
``xlsx-legacy-xls``               Excel 97-2003 format: save as .xlsx
``xlsx-damaged``                  not a readable zip (truncated, damaged)
``xlsx-too-large``                unpacks to more than 256 MiB, or a part packs over 200× (a bomb)
``xlsx-no-sheet``                 ``--sheet`` names no sheet, or no sheet has an ``id`` column
``xlsx-several-sheets``           several sheets have an ``id`` column: give ``--sheet``
``xlsx-is-text``/``xlsx-is-html`` a text or HTML file named .xlsx
================================  ======================================================
"""

from __future__ import annotations

import datetime as dt
import importlib
import math
import re
import zipfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from ..errors import MissingDependencyError, StaffDataError, bilingual
from .columns import HEADER_SCAN, has_id
from .values import ErrorValue, FormulaWithoutValue, ShownNumber, date_text, match_key

__all__ = ["MAX_UNPACKED", "check_zip", "ole_error", "shown", "xlsx_rows"]

MAX_UNPACKED = 256 << 20  # bytes a workbook may unpack to
_MAX_RATIO = 200  # unpacked / packed, for members over 1 MiB (XML of real sheets: 10-50x)
_CELL = re.compile(r"([A-Z]+)(\d+)")


def _fail(file: str, code: str, ja: str, en: str, sheets: Sequence[str] = ()) -> StaffDataError:
    return StaffDataError(file, bilingual(ja, en), code=code, sheets=sheets)


def ole_error(path: Path) -> StaffDataError:
    """The message for an OLE compound file: a password-protected workbook or an old .xls."""
    data = path.read_bytes()[: 1 << 20]
    if "EncryptionInfo".encode("utf-16-le") in data or "EncryptedPackage".encode("utf-16-le") in data:
        return _fail(
            str(path),
            "xlsx-encrypted",
            "パスワードで保護されたブックは読めません。パスワードを解除して保存してください",
            "the workbook is password-protected: remove the password in Excel and save",
        )
    return _fail(
        str(path),
        "xlsx-legacy-xls",
        "Excel 97-2003 形式（.xls）は読めません。Excel で .xlsx として保存してください",
        "Excel 97-2003 (.xls) files are not read: save it as .xlsx in Excel",
    )


def check_zip(path: Path) -> None:
    """Refuse a workbook that is no readable zip (``xlsx-damaged``) or unpacks too large (a part
    over 1 MiB unpacking to over 200x its packed size, or over :data:`MAX_UNPACKED` in all:
    ``xlsx-too-large``) before openpyxl opens it: :class:`~skillframe.errors.StaffDataError`."""
    file = str(path)
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise _fail(
            file,
            "xlsx-damaged",
            f"ブックが壊れているか途中までしかありません（{exc}）",
            f"the workbook is damaged or truncated ({exc})",
        ) from None
    total = sum(i.file_size for i in infos)
    bomb = any(i.file_size > 1 << 20 and i.file_size > _MAX_RATIO * max(i.compress_size, 1) for i in infos)
    if bomb:
        raise _fail(
            file,
            "xlsx-too-large",
            f"圧縮率が {_MAX_RATIO} 倍を超える部分があるため読みません（圧縮爆弾の疑い）",
            f"refused: a part unpacks to over {_MAX_RATIO}x its packed size (a zip bomb?)",
        )
    if total > MAX_UNPACKED:
        raise _fail(
            file,
            "xlsx-too-large",
            f"展開すると {total >> 20} MiB になるため読みません（上限 {MAX_UNPACKED >> 20} MiB）",
            f"refused: unpacks to {total >> 20} MiB (at most {MAX_UNPACKED >> 20} MiB)",
        )


def _open(path: Path, data_only: bool) -> Any:
    try:
        import openpyxl
    except ImportError:  # pragma: no cover - depends on the environment
        raise MissingDependencyError("openpyxl", "xlsx") from None
    try:
        return openpyxl.load_workbook(path, read_only=True, data_only=data_only)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError, EOFError) as exc:
        raise _fail(
            str(path), "xlsx-damaged", f"ブックを読めません（{exc}）", f"cannot read the workbook ({exc})"
        ) from None


def _has_header(ws: Any) -> bool:
    """Whether one of the first non-blank rows (a title row may come first) has an ``id`` column."""
    seen = 0
    for row in ws.iter_rows(values_only=True):
        if any(v is not None and str(v).strip() for v in row):
            if has_id(row):
                return True
            seen += 1
            if seen >= HEADER_SCAN:
                break
    return False


def _pick_sheet(path: Path, wb: Any, sheet: str | None) -> str:
    names: list[str] = list(wb.sheetnames)
    tables = [n for n in names if hasattr(wb[n], "iter_rows")]  # not a chart sheet (グラフ)
    if sheet is not None:
        for name in names:
            if name == sheet or match_key(name) == match_key(sheet):
                if name in tables:
                    return name
                raise _fail(
                    str(path),
                    "xlsx-no-sheet",
                    f"シート '{name}' はグラフのシートです（表のシート: {', '.join(tables) or '-'}）",
                    f"sheet '{name}' is a chart sheet (sheets with cells: {', '.join(tables) or '-'})",
                )
        raise _fail(
            str(path),
            "xlsx-no-sheet",
            f"シート '{sheet}' がありません（シート: {', '.join(names)}）",
            f"no sheet '{sheet}' (sheets: {', '.join(names)})",
        )
    if len(tables) == 1:
        return tables[0]
    with_id = []
    for name in tables:
        ws = wb[name]
        if hasattr(ws, "reset_dimensions"):
            ws.reset_dimensions()
        if _has_header(ws):
            with_id.append(name)
    if len(with_id) == 1:
        return with_id[0]
    if not with_id:
        raise _fail(
            str(path),
            "xlsx-no-sheet",
            f"id 列のあるシートがありません（シート: {', '.join(names)}）",
            f"no sheet has an 'id' column (sheets: {', '.join(names)})",
        )
    raise _fail(
        str(path),
        "xlsx-several-sheets",
        f"id 列のあるシートが複数あります: {', '.join(with_id)}。--sheet で指定してください",
        f"several sheets have an 'id' column: {', '.join(with_id)}; name one with --sheet",
        with_id,
    )


def _sheet_xml(wb: Any, ws: Any) -> tuple[dict[tuple[int, int], tuple[int, int]], set[tuple[int, int]]]:
    """From the sheet XML: the cells below the top of a vertical merge → the top cell, and the
    formula cells whose saved value is the empty text (``<c t="str"><f>…</f><v/></c>``, which
    openpyxl reads as no value; a cell without its reference ``r`` is left out: an error, as before)."""
    out: dict[tuple[int, int], tuple[int, int]] = {}
    blank: set[tuple[int, int]] = set()
    try:  # defusedxml comes with the xlsx extra (no type stubs: imported by name)
        iterparse: Any = importlib.import_module("defusedxml.ElementTree").iterparse
    except ImportError:  # pragma: no cover - depends on the environment
        from xml.etree.ElementTree import iterparse
    with wb._archive.open(ws._worksheet_path) as src:
        for _event, el in iterparse(src):
            tag = el.tag.rsplit("}", 1)[-1]
            if tag == "mergeCell":
                ref = el.get("ref", "")
                if ":" in ref:
                    a, b = (_coord(x) for x in ref.split(":", 1))
                    for r in range(a[0] + 1, b[0] + 1):  # downwards only: a merge across columns
                        out[(r, a[1])] = a  # (a heading over several columns) shows its value once
            elif tag == "c":
                if el.get("t") == "str" and el.get("r") and _empty_result(el):
                    blank.add(_coord(el.get("r", "")))
                el.clear()
            elif tag == "row":
                el.clear()
    return out, blank


def _empty_result(cell: Any) -> bool:
    """Whether a ``<c>`` element has a formula and a saved value that is the empty text."""
    parts = {x.tag.rsplit("}", 1)[-1]: x for x in cell}
    return "f" in parts and "v" in parts and not parts["v"].text


def _coord(ref: str) -> tuple[int, int]:
    m = _CELL.fullmatch(ref.replace("$", ""))
    if m is None:
        return (0, 0)
    col = 0
    for ch in m.group(1):
        col = col * 26 + ord(ch) - 64
    return int(m.group(2)), col


def xlsx_rows(path: Path, sheet: str | None = None) -> Iterator[tuple[int, list[Any]]]:
    """``(row, cells)`` of the chosen sheet, header first; cells as Excel shows them."""
    check_zip(path)
    values = _open(path, True)
    formulas = None
    try:
        name = _pick_sheet(path, values, sheet)
        wsv = values[name]
        wsv.reset_dimensions()
        merged, blank = _sheet_xml(values, wsv)
        formulas = _open(path, False)
        wsf = formulas[name]
        wsf.reset_dimensions()
        kept: dict[tuple[int, int], Any] = {}
        tops = set(merged.values())
        for n, (vrow, frow) in enumerate(zip(wsv.iter_rows(), wsf.iter_rows(), strict=False), start=1):
            cells: list[Any] = []
            for c, (vc, fc) in enumerate(zip(vrow, frow, strict=False), start=1):
                value = vc.value
                if value is None and isinstance(fc.value, str) and fc.value.startswith("=") and (n, c) not in blank:
                    cell: Any = FormulaWithoutValue(fc.value[1:])
                elif getattr(vc, "data_type", None) == "e" and isinstance(value, str):
                    cell = ErrorValue(value)  # #N/A, #REF!…: shown as is, never an id or a 課
                else:
                    cell = shown(value, getattr(vc, "number_format", "General"))
                if (n, c) in tops:
                    kept[(n, c)] = cell
                top = merged.get((n, c))
                if top is not None and cell == "":
                    cell = kept.get(top, "")
                cells.append(cell)
            for (r, c), top in merged.items():  # a merge reaching past the last written cell
                if r == n and c > len(cells):
                    cells.extend([""] * (c - len(cells)))
                    cells[c - 1] = kept.get(top, "")
            while cells and cells[-1] == "":
                cells.pop()
            yield n, cells
    finally:
        values.close()
        if formulas is not None:
            formulas.close()


_DATE_TOKENS = re.compile(
    r'"[^"]*"|\\.|\[[^\]]*\]|yyyy|yy|mmmm|mmm|mm|m|dddd|ddd|dd|d|hh|h|ss|s|am/pm|.', re.IGNORECASE
)


def _date_text(value: dt.datetime | dt.date | dt.time, fmt: str) -> str:
    section = fmt.split(";", 1)[0]
    low = section.casefold()
    general = low in ("general", "mm-dd-yy", "m/d/yy", "yyyy/m/d", "") or "e" in low.replace("[$-", "")
    if general and isinstance(value, dt.date):
        return date_text(value)
    tokens = _DATE_TOKENS.findall(section)
    out: list[str] = []
    last = ""
    for i, tok in enumerate(tokens):
        t = tok.casefold()
        year = getattr(value, "year", 0)
        month = getattr(value, "month", 0)
        day = getattr(value, "day", 0)
        hour = getattr(value, "hour", 0)
        minute = getattr(value, "minute", 0)
        second = getattr(value, "second", 0)
        next_is_s = any(x.casefold().startswith("s") for x in tokens[i + 1 : i + 3])
        if tok.startswith('"'):
            out.append(tok[1:-1])
        elif tok.startswith("\\"):
            out.append(tok[1:])
        elif tok.startswith("["):
            continue
        elif t == "yyyy":
            out.append(f"{year:04d}")
        elif t == "yy":
            out.append(f"{year % 100:02d}")
        elif t in ("mm", "m") and (last.startswith("h") or next_is_s):
            out.append(f"{minute:02d}" if t == "mm" else str(minute))
        elif t == "mm":
            out.append(f"{month:02d}")
        elif t == "m" or t in ("mmm", "mmmm"):
            out.append(str(month))
        elif t == "dd":
            out.append(f"{day:02d}")
        elif t == "d":
            out.append(str(day))
        elif t in ("ddd", "dddd"):
            out.append(
                ("月", "火", "水", "木", "金", "土", "日")[value.weekday()] if isinstance(value, dt.date) else ""
            )
        elif t in ("hh", "h"):
            out.append(f"{hour:02d}" if t == "hh" else str(hour))
        elif t in ("ss", "s"):
            out.append(f"{second:02d}" if t == "ss" else str(second))
        else:
            out.append(tok)
            continue
        last = t
    return "".join(out)


def shown(value: Any, fmt: str | None) -> Any:
    """A cell value as Excel shows it: text as is, dates in their format, numbers as
    :class:`~skillframe.staff.values.ShownNumber` (shown text + the number), ``None`` → ``""``.

    >>> shown(123, "000000"), shown(1.5, "General"), shown(dt.datetime(2026, 3, 1), "yyyy/m/d")
    ('000123', '1.5', '2026/3/1')
    """
    fmt = fmt or "General"
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return _date_text(value, fmt)
    if isinstance(value, dt.timedelta):
        return str(value)
    if isinstance(value, int | float):
        return ShownNumber(_number_text(value, fmt), value)
    return str(value)


def _number_text(value: float, fmt: str) -> str:
    section = re.sub(r'\[[^\]]*\]|"[^"]*"|\\.|_.|\*.', "", fmt.split(";", 1)[0]).strip()
    if section in ("", "General", "@") or math.isnan(value):
        if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return f"{value:.15g}" if isinstance(value, float) else str(value)
    m = re.fullmatch(r"(#,##)?(0+)(?:\.(0+))?(%?)", section)
    if m is None:
        return _number_text(value, "General")
    number = value * 100 if m.group(4) else value
    decimals = len(m.group(3) or "")
    text = f"{abs(number):{',' if m.group(1) else ''}.{decimals}f}"
    whole, _, frac = text.partition(".")
    width = len(m.group(2)) + (len(whole) // 4 if m.group(1) else 0)
    whole = whole.rjust(width, "0") if not m.group(1) else whole
    sign = "-" if number < 0 and float(text.replace(",", "")) != 0 else ""
    return sign + whole + ("." + frac if decimals else "") + m.group(4)
