"""A table of text cells that renders to every tabulate format, CSV, JSON and XLSX.

:func:`skillframe.compare` returns a :class:`Table`; the CLI writes one. Cells are
strings; ``notes`` (the legend) follow the table in text formats, are a ``notes``
list in JSON and a second sheet in XLSX.

>>> t = Table(title="例", headers=("レベル", "説明"), rows=(("Lv1", "=1+1"),), notes=("凡例",))
>>> print(t.render("github"))
例
<BLANKLINE>
| レベル   | 説明   |
|----------|--------|
| Lv1      | =1+1   |
<BLANKLINE>
凡例
>>> print(t.render("csv"), end="")
レベル,説明
Lv1,'=1+1

A spreadsheet never runs a cell: text that begins with ``=``, ``+``, ``-`` or ``@``
(or a tab or carriage return) is written with a leading ``'`` in CSV and XLSX,
and XLSX cells are always stored as strings.
"""

from __future__ import annotations

import csv
import difflib
import functools
import html
import io
import json
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Literal, overload

import attrs

from .errors import MissingDependencyError, UnknownKeyError

__all__ = ["Table", "neutralise", "table_formats"]


@functools.cache
def table_formats() -> tuple[str, ...]:
    """Every format :meth:`Table.render` knows: tabulate's, plus csv, json and xlsx.

    >>> {"github", "grid", "html", "csv", "json", "xlsx"} <= set(table_formats())
    True
    """
    from tabulate import tabulate_formats  # tabulate is imported on first use only

    return tuple(sorted({*tabulate_formats, "csv", "json", "xlsx"}))


#: Suffixes :meth:`Table.write` reads a format from.
SUFFIX_FORMATS = {
    ".csv": "csv",
    ".json": "json",
    ".xlsx": "xlsx",
    ".html": "html",
    ".htm": "html",
    ".md": "github",
    ".txt": "simple",
    ".tex": "latex",
    ".rst": "rst",
}

_DANGEROUS = ("=", "+", "-", "@", "\t", "\r")
_ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def neutralise(text: str) -> str:
    """Make a cell safe for a spreadsheet: text a spreadsheet would run gets a leading ``'``.

    >>> neutralise("=HYPERLINK(1)"), neutralise("-"), neutralise("Lv.1")
    ("'=HYPERLINK(1)", "'-", 'Lv.1')
    """
    return "'" + text if text.startswith(_DANGEROUS) else text


def _cell(value: object) -> str:
    return "" if value is None else str(value)


def _tuple_of_str(values: Sequence[object]) -> tuple[str, ...]:
    return tuple(_cell(v) for v in values)


def _rows(rows: Sequence[Sequence[object]]) -> tuple[tuple[str, ...], ...]:
    return tuple(_tuple_of_str(r) for r in rows)


@attrs.frozen(kw_only=True)
class Table:
    """A titled table of text cells with notes (a legend).

    Every row has as many cells as there are headers; a cell may hold several
    lines (``\\n``). ``None`` becomes an empty cell.
    """

    title: str
    headers: tuple[str, ...] = attrs.field(converter=_tuple_of_str)
    rows: tuple[tuple[str, ...], ...] = attrs.field(converter=_rows)
    notes: tuple[str, ...] = attrs.field(default=(), converter=_tuple_of_str)

    @rows.validator
    def _check_rows(self, _attr: object, rows: tuple[tuple[str, ...], ...]) -> None:
        for i, row in enumerate(rows):
            if len(row) != len(self.headers):
                raise ValueError(f"row {i} has {len(row)} cells, headers have {len(self.headers)}")

    # -- rendering ---------------------------------------------------------------------

    @overload
    def render(self, fmt: Literal["xlsx"]) -> bytes: ...  # type: ignore[overload-overlap]

    @overload
    def render(self, fmt: str = "github") -> str: ...

    def render(self, fmt: str = "github") -> str | bytes:
        """The table as text in ``fmt`` (any tabulate format, ``csv``, ``json``), or XLSX bytes.

        XLSX needs the optional extra (``pip install "skillframe[xlsx]"``); without
        it :class:`~skillframe.MissingDependencyError` says so.

        >>> import json
        >>> json.loads(Table(title="t", headers=("a",), rows=(("x",),)).render("json"))
        {'title': 't', 'headers': ['a'], 'rows': [['x']], 'notes': []}
        """
        if fmt == "xlsx":
            return self._xlsx()
        if fmt == "csv":
            return self._csv()
        if fmt == "json":
            data = {"title": self.title, "headers": self.headers, "rows": self.rows, "notes": self.notes}
            return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
        if fmt not in table_formats():
            raise UnknownKeyError("format", fmt, suggestions=difflib.get_close_matches(fmt, table_formats()))
        return self._text(fmt)

    def write(self, path: str | Path, fmt: str | None = None) -> None:
        """Write the table to ``path``; the format is ``fmt`` or read from the suffix.

        >>> import tempfile, pathlib
        >>> with tempfile.TemporaryDirectory() as d:
        ...     p = pathlib.Path(d, "t.csv")
        ...     Table(title="t", headers=("a",), rows=(("+1",),)).write(p)
        ...     p.read_text(encoding="utf-8")
        "a\\n'+1\\n"
        """
        path = Path(path)
        fmt = fmt or SUFFIX_FORMATS.get(path.suffix.lower(), "github")
        if fmt == "xlsx":
            path.write_bytes(self.render("xlsx"))
        else:
            path.write_text(self.render(fmt), encoding="utf-8", newline="")

    def _text(self, fmt: str) -> str:
        from tabulate import tabulate

        rows: Sequence[Sequence[str]] = self.rows
        headers: Sequence[str] = self.headers
        if fmt in ("github", "pipe"):  # Markdown: one line per row, pipes escaped
            rows = [[_md(c) for c in r] for r in rows]
            headers = [_md(h) for h in headers]
        elif fmt in ("tsv", "latex", "latex_raw", "latex_booktabs", "latex_longtable", "textile", "youtrack"):
            rows = [[c.replace("\n", " ") for c in r] for r in rows]
        body = tabulate(rows, headers=list(headers), tablefmt=fmt, disable_numparse=True)
        if fmt in ("html", "unsafehtml"):
            esc = html.escape if fmt == "html" else str
            caption = f"<caption>{esc(self.title)}</caption>\n"
            body = body.replace("<table>\n", "<table>\n" + caption, 1)
            notes = "".join(f"<p>{esc(n)}</p>\n" for n in self.notes)
            return body + "\n" + notes
        if fmt.startswith("latex"):
            head = f"% {self.title}\n"
            return head + body + "\n" + "".join(f"% {n}\n" for n in self.notes)
        text = f"{self.title}\n\n{body}\n"
        if self.notes:
            text += "\n" + "\n".join(self.notes) + "\n"
        return text

    def _csv(self) -> str:
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow([neutralise(h) for h in self.headers])
        w.writerows([neutralise(c) for c in r] for r in self.rows)
        return buf.getvalue()

    def _xlsx(self) -> bytes:
        try:
            from openpyxl import Workbook
        except ImportError as exc:  # pragma: no cover - exercised with the extra missing
            raise MissingDependencyError("openpyxl", "xlsx") from exc
        wb = Workbook()
        ws = wb.active
        assert ws is not None
        ws.title = "table"
        _fill(ws, [self.headers, *self.rows])
        notes = wb.create_sheet("notes")
        _fill(notes, [(self.title,), *((n,) for n in self.notes)])
        buf = io.BytesIO()
        wb.save(buf)
        return buf.getvalue()


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", "<br>")


def _fill(ws: object, rows: Sequence[Sequence[str]]) -> None:
    """Write rows into a worksheet, every cell a neutralised string (data type ``s``)."""
    for r, row in enumerate(rows, start=1):
        for c, text in enumerate(row, start=1):
            cell = ws.cell(row=r, column=c)  # type: ignore[attr-defined]
            cell.value = neutralise(_ILLEGAL_XML.sub("", text))
            cell.data_type = "s"
