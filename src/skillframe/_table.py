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
>>> t.render("csv")
"レベル,説明\\r\\nLv1,'=1+1\\r\\n"

A spreadsheet never runs a cell: text that begins with ``=``, ``+``, ``-`` or ``@``
(or a tab or carriage return) is written with a leading ``'`` in CSV and TSV; XLSX
cells are string cells, formula-like text keeping its exact value under Excel's
quote-prefix style (:mod:`skillframe.render.xlsx`).

``render("html")`` is a ``<table>`` to embed (every cell escaped, line breaks as
``<br>``); :meth:`Table.html_document` and :meth:`Table.write` give a complete page.

>>> print(Table(title="t", headers=("a",), rows=(("x<y\\nz",),)).render("html"), end="")
<table>
<caption>t</caption>
<thead><tr><th>a</th></tr></thead>
<tbody>
<tr><td>x&lt;y<br>z</td></tr>
</tbody>
</table>
"""

from __future__ import annotations

import csv
import difflib
import html
import io
import json
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Literal, overload

import attrs

from ._cells import md_cell, md_text, neutralise
from .errors import UnknownKeyError

__all__ = ["TABLE_FORMATS", "Table", "neutralise", "table_formats"]


#: The formats a table is written in (``md`` is GitHub Markdown; ``text`` is for a terminal).
TABLE_FORMATS = ("text", "github", "md", "simple", "grid", "plain", "csv", "tsv", "json", "xlsx", "html")


def table_formats() -> tuple[str, ...]:
    """Every format :meth:`Table.render` writes.

    >>> {"github", "md", "html", "csv", "tsv", "json", "xlsx"} <= set(table_formats())
    True
    """
    return TABLE_FORMATS


#: Suffixes :meth:`Table.write` reads a format from.
SUFFIX_FORMATS = {
    ".csv": "csv",
    ".tsv": "tsv",
    ".json": "json",
    ".xlsx": "xlsx",
    ".html": "html",
    ".htm": "html",
    ".md": "md",
    ".txt": "text",
}


_HTML_STYLE = (
    'body{font-family:"Yu Gothic","Meiryo","Noto Sans CJK JP",sans-serif}'
    "table{border-collapse:collapse}th,td{border:1px solid #999;padding:2px 6px;text-align:left;"
    "vertical-align:top}th{background:#eee}caption{font-weight:bold;text-align:left}"
)


def _cell(value: object) -> str:
    # text is kept as given: a str subclass (a rate that keeps its number for a workbook,
    # skillframe.render.tables.Shown) stays itself
    return "" if value is None else value if isinstance(value, str) else str(value)


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

        XLSX needs the optional extra (the ``xlsx`` extra); without
        it :class:`~skillframe.MissingDependencyError` says so.

        >>> import json
        >>> json.loads(Table(title="t", headers=("a",), rows=(("x",),)).render("json"))
        {'title': 't', 'headers': ['a'], 'rows': [['x']], 'notes': []}
        """
        if fmt == "xlsx":
            return self._xlsx()
        if fmt in ("csv", "tsv"):
            return self._csv("\t" if fmt == "tsv" else ",")
        if fmt == "html":
            return self._html()
        if fmt == "json":
            data = {"title": self.title, "headers": self.headers, "rows": self.rows, "notes": self.notes}
            return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
        if fmt not in table_formats():
            raise UnknownKeyError("format", fmt, suggestions=difflib.get_close_matches(fmt, table_formats()))
        if fmt == "md":
            fmt = "github"
        if fmt == "text":
            fmt = "simple"
        return self._text(fmt)

    def write(
        self,
        path: str | Path,
        fmt: str | None = None,
        *,
        inputs: Iterable[str | os.PathLike[str] | None] = (),
        encoding: str = "utf-8-sig",
    ) -> None:
        """Write the table to ``path`` safely; the format is ``fmt`` or read from the suffix.

        The file is written through :class:`skillframe.render.writer.SafeOutput`: never
        over one of ``inputs``, never half-written. CSV and TSV are UTF-8 with a BOM
        (``encoding``), which Japanese Excel needs; other text formats are UTF-8.

        >>> import tempfile, pathlib
        >>> with tempfile.TemporaryDirectory() as d:
        ...     p = pathlib.Path(d, "t.csv")
        ...     Table(title="t", headers=("a",), rows=(("+1",),)).write(p)
        ...     p.read_bytes()
        b"\\xef\\xbb\\xbfa\\r\\n'+1\\r\\n"
        """
        from .render.writer import SafeOutput, choose_format

        fmt = choose_format(fmt, path, table_formats(), "github")
        with SafeOutput(path, inputs=inputs, encoding=encoding if fmt in ("csv", "tsv") else "utf-8") as out:
            if fmt == "xlsx":
                out.binary().write(self.render("xlsx"))
            elif fmt == "html":
                out.text().write(self.html_document())
            else:
                out.text().write(self.render(fmt))

    def _html(self) -> str:
        def cell(text: str) -> str:
            return html.escape(text).replace("\r\n", "\n").replace("\r", "\n").replace("\n", "<br>")

        out = ["<table>"]
        if self.title:
            out.append(f"<caption>{cell(self.title)}</caption>")
        out.append("<thead><tr>" + "".join(f"<th>{cell(h)}</th>" for h in self.headers) + "</tr></thead>")
        out.append("<tbody>")
        out += ["<tr>" + "".join(f"<td>{cell(c)}</td>" for c in row) + "</tr>" for row in self.rows]
        out.append("</tbody>")
        out.append("</table>")
        out += [f"<p>{cell(n)}</p>" for n in self.notes]
        return "\n".join(out) + "\n"

    def html_document(self, lang: str = "ja", *, before: Sequence[str] = ()) -> str:
        """The table as a complete HTML page: doctype, UTF-8, ``lang``, the title; ``before``
        are paragraphs (plain text, escaped here) shown above the table.

        >>> page = Table(title="評価結果", headers=("a",), rows=()).html_document()
        >>> page.startswith('<!DOCTYPE html>'), '<html lang="ja">' in page, '<meta charset="utf-8">' in page
        (True, True, True)
        >>> "<title>評価結果</title>" in page
        True
        """
        title = html.escape(self.title or "skillframe")
        paras = "".join(f"<p>{html.escape(p)}</p>\n" for p in before)
        return (
            f'<!DOCTYPE html>\n<html lang="{html.escape(lang)}">\n<head>\n<meta charset="utf-8">\n'
            f"<title>{title}</title>\n<style>{_HTML_STYLE}</style>\n</head>\n<body>\n{paras}"
            f"{self._html()}</body>\n</html>\n"
        )

    def _text(self, fmt: str) -> str:
        from tabulate import tabulate

        rows: Sequence[Sequence[str]] = self.rows
        headers: Sequence[str] = self.headers
        title, notes = self.title, self.notes
        if fmt in ("github", "pipe"):  # Markdown: one line per row; | < > & escaped
            rows = [[md_cell(c) for c in r] for r in rows]
            headers = [md_cell(h) for h in headers]
            title, notes = md_text(title), tuple(md_text(n) for n in notes)
        elif fmt in ("tsv", "latex", "latex_raw", "latex_booktabs", "latex_longtable", "textile", "youtrack"):
            rows = [[c.replace("\n", " ") for c in r] for r in rows]
        body = tabulate(rows, headers=list(headers), tablefmt=fmt, disable_numparse=True)
        if fmt.startswith("latex"):
            head = f"% {self.title}\n"
            return head + body + "\n" + "".join(f"% {n}\n" for n in self.notes)
        text = f"{title}\n\n{body}\n"
        if notes:
            text += "\n" + "\n".join(notes) + "\n"
        return text

    def _csv(self, delimiter: str = ",") -> str:
        buf = io.StringIO()
        w = csv.writer(buf, delimiter=delimiter, lineterminator="\r\n")
        w.writerow([neutralise(h) for h in self.headers])
        w.writerows([neutralise(c) for c in r] for r in self.rows)
        return buf.getvalue()

    def _xlsx(self) -> bytes:
        from .render.xlsx import Sheet, workbook

        return workbook([Sheet(self.title or "表", self.headers, self.rows)], notes=(self.title, *self.notes))
