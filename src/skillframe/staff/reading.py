"""Reading a whole staff file: :func:`iter_staff` (streaming) and :func:`read_staff`.

Every data row ends up as a record or as one or more row errors with the row a user sees
in Excel (header = row 1; a cell with Alt+Enter line breaks is one row); a file that
cannot be read at all raises :class:`~skillframe.StaffDataError`. Header warnings (a
misspelt column) come first, as :class:`~skillframe.staff.record.StaffWarning`.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import bilingual
from .columns import classify_header
from .files import json_items, open_rows, resolve_encoding, sniff
from .record import StaffRecord, StaffRowError, StaffTable, StaffWarning
from .rows import RowReader

if TYPE_CHECKING:
    from .._catalog import Catalog

__all__ = ["iter_staff", "read_staff"]


def iter_staff(
    path: str | Path, *, encoding: str | None = None, catalog: Catalog | None = None, sheet: str | None = None
) -> Iterator[StaffRecord | StaffRowError | StaffWarning]:
    """Stream the warnings, records and row errors of a staff file (CSV, TSV, Unicode text,
    JSON or XLSX), in file order, without holding the file.

    The encoding of a text file is detected (BOM; UTF-8; else CP932) unless ``encoding``
    names it. ``sheet`` picks an XLSX sheet. With ``catalog``, persona, skill, training, tool
    and checklist keys are resolved to qualified ids and an unknown key is a row error;
    without, keys are kept as written (evaluation resolves them).

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "s.csv"
    >>> _ = p.write_text("id,mentoring,dx_lead_years\\nA,はい,１\\nB,たぶん,\\n", encoding="cp932")
    >>> for item in iter_staff(p):
    ...     print(item)  # doctest: +ELLIPSIS
    StaffRecord(id='A', ..., dx_lead_years=1, dx_lead_count=None, mentoring=True, ...)
    .../s.csv: row 3, mentoring: はい/いいえ ではありません: 'たぶん' / not a yes/no value: 'たぶん' [not-yes-no]
    """
    p = Path(path)
    file = str(p)
    kind = sniff(p)
    if encoding:
        resolve_encoding(file, encoding)  # a wrong name is an error for every kind of file, never ignored
    reader = RowReader(file, catalog)
    if kind == "json":
        for n, item in enumerate(json_items(p, encoding), start=1):
            if not isinstance(item, dict):
                yield StaffRowError(
                    n,
                    None,
                    bilingual("オブジェクトではありません", "not an object"),
                    code="json-not-an-object",
                    file=file,
                )
                continue
            yield from _emit(reader.read_mapping(item, n))
        return
    rows = open_rows(p, encoding, sheet)
    reader.plain = kind == "text"  # CSV/TSV cells are plain str (XLSX cells may be numbers shown as text)
    columns = None
    for n, cells in rows:
        if columns is None:
            if not any(str(c).strip() for c in cells):
                continue  # blank rows above the header
            columns, warnings = classify_header(file, cells)
            reader.check_columns(columns)
            for w in warnings:
                yield StaffWarning(n, w.column, w.message, w.code, file)
            width = len(columns)
            continue
        if _blank(cells):
            continue  # a blank row is not a record
        if len(cells) > width and not _blank(cells[width:]):
            yield StaffRowError(
                n,
                None,
                bilingual("列が見出しより多いです", "more cells than header columns"),
                code="more-cells-than-header",
                file=file,
            )
            continue
        result = reader.read_row(n, columns, cells)
        if isinstance(result, StaffRecord):
            yield result
        else:
            yield from result
    if columns is None:
        from .columns import classify_header as _check

        _check(file, [])  # raises: no header


def _emit(result: StaffRecord | list[StaffRowError]) -> Iterator[StaffRecord | StaffRowError]:
    if isinstance(result, StaffRecord):
        yield result
    else:
        yield from result


def _blank(cells: list[object]) -> bool:
    try:
        return not "".join(cells).strip()  # type: ignore[arg-type]
    except TypeError:  # an XLSX formula cell
        return not any(type(c) is not str or c.strip() for c in cells)


def read_staff(
    path: str | Path, *, encoding: str | None = None, catalog: Catalog | None = None, sheet: str | None = None
) -> StaffTable:
    """Read a whole staff file: every data row becomes a record or row errors.

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "s.csv"
    >>> _ = p.write_text("id,dx_lead_count\\nA,2\\nA,3\\nB,many\\n", encoding="utf-8")
    >>> t = read_staff(p)
    >>> [r.id for r in t.records], [(e.row, e.column, e.code) for e in t.errors], t.rows
    (['A'], [(3, 'id', 'duplicate-id'), (4, 'dx_lead_count', 'not-a-number')], 3)
    """
    records: list[StaffRecord] = []
    errors: list[StaffRowError] = []
    warnings: list[StaffWarning] = []
    for item in iter_staff(path, encoding=encoding, catalog=catalog, sheet=sheet):
        if isinstance(item, StaffRecord):
            records.append(item)
        elif isinstance(item, StaffWarning):
            warnings.append(item)
        else:
            errors.append(item)
    rows = len(records) + len({e.row for e in errors})
    return StaffTable(tuple(records), tuple(errors), rows, tuple(warnings))
