"""The staff table collected from self-check forms (:func:`skillframe.forms.collect`) as a
file, through :mod:`skillframe.render.writer` (never over an input, never half-written;
every cell neutralised)."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .._cells import neutralise
from ..errors import OutputError, bilingual
from ..forms import NAME_HEADER, PARTLY_ANSWERED, Collected, check_output, staff_columns
from .writer import SUFFIX_FORMATS, write_bytes, write_text

if TYPE_CHECKING:
    from .._catalog import Catalog

__all__ = ["staff_csv", "staff_rows", "staff_xlsx", "write_staff"]


def _cell(value: Any) -> str:
    return "" if value is None else neutralise(str(value))


def _typed(value: Any) -> Any:
    """A workbook cell: a number (years, counts, levels) stays a number, everything else is text
    as written (:func:`skillframe.render.xlsx.workbook` keeps formula-like text from running
    without changing it: ``-5`` stays ``-5``)."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return value
    return None if value is None else str(value)


def _columns(catalog: Catalog, result: Collected) -> list[str]:
    cols = staff_columns(catalog, dict.fromkeys(r["persona"] for r in result.rows))
    if any(NAME_HEADER in r for r in result.rows):  # the name, beside the id, when the forms had it
        cols.insert(cols.index("id") + 1, NAME_HEADER)
    if any(PARTLY_ANSWERED in r for r in result.rows):  # training answers kept where trainings is unknown
        cols.insert(cols.index("trainings") + 1, PARTLY_ANSWERED)
    return cols


def staff_rows(catalog: Catalog, result: Collected) -> tuple[list[str], list[list[str]]]:
    """The staff-file headers and rows of the collected people (cells neutralised).

    The headers are the staff reader's own column names (``id``, ``dx_lead_years``,
    ``dsm:<skill id>``…): the table is meant to be read back by ``evaluate``, ``report`` and
    ``record``. Numbers are written as numbers (``2``, ``1.5``; never ``2.0``), yes/no as はい/いいえ.
    """
    cols = _columns(catalog, result)
    return cols, [[_cell(r.get(c)) for c in cols] for r in result.rows]


def staff_csv(catalog: Catalog, result: Collected, *, delimiter: str = ",") -> str:
    """The collected rows as CSV text (``delimiter="\\t"``: TSV), formula-like cells neutralised."""
    cols, rows = staff_rows(catalog, result)
    text = io.StringIO()
    w = csv.writer(text, lineterminator="\r\n", delimiter=delimiter)
    w.writerow(cols)
    w.writerows(rows)
    return text.getvalue()


def staff_xlsx(catalog: Catalog, result: Collected) -> bytes:
    """The collected rows as an XLSX workbook (one sheet ``staff``): years, counts and levels are
    number cells; every other cell is text, so ids stay as written."""
    from .xlsx import Sheet, workbook

    cols = _columns(catalog, result)
    rows = [[_typed(r.get(c)) for c in cols] for r in result.rows]
    return workbook([Sheet("staff", tuple(cols), rows)])


def write_staff(path: str | Path, catalog: Catalog, result: Collected, *, inputs: Sequence[str | Path] = ()) -> None:
    """Write the collected rows as a staff file: ``.xlsx``, ``.tsv`` or ``.csv`` (UTF-8 with BOM).

    Raises :class:`~skillframe.OutputError` when ``path`` is one of ``inputs`` (code
    ``output-is-input``) or inside an input folder (``output-in-input-folder``), or its
    suffix names another format (code ``format``).
    """
    check_output(path, inputs)
    fmt = SUFFIX_FORMATS.get(Path(path).suffix.lower(), "csv")
    if fmt == "xlsx":
        write_bytes(path, staff_xlsx(catalog, result), inputs=inputs)
    elif fmt in ("csv", "tsv"):
        text = staff_csv(catalog, result, delimiter="\t" if fmt == "tsv" else ",")
        write_text(path, text, inputs=inputs, encoding="utf-8-sig")
    else:
        raise OutputError(
            "format",
            bilingual(
                f"職員表は .xlsx / .csv / .tsv で書きます: {path}", f"a staff table is .xlsx, .csv or .tsv: {path}"
            ),
            path=str(path),
        )
