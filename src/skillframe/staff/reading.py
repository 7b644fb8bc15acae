"""Reading a whole staff file: :func:`iter_staff` (streaming) and :func:`read_staff`.

Every data row ends up as a record or as one or more row errors with the row a user sees
in Excel (header = row 1; a cell with Alt+Enter line breaks is one row); a file that
cannot be read at all raises :class:`~skillframe.StaffDataError`. Header warnings (a
misspelt column, title rows skipped above the header) come first, a warning listing the
blank rows skipped between data rows last, as :class:`~skillframe.staff.record.StaffWarning`;
after them, with a catalog, a ``persona-of-base-framework`` warning for each persona of a
base framework whose overlay copy the catalog holds (:mod:`skillframe.staff.shadowed`).

The header is the first non-blank row; when it has no ``id`` column, the first row of the
first :data:`~skillframe.staff.columns.HEADER_SCAN` non-blank rows that has one is the
header, provided the rows above it look like a title (at most 3 filled cells each).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import StaffDataError, bilingual
from .columns import HEADER_SCAN, Column, classify, classify_header, has_id
from .files import json_items, open_rows, resolve_encoding, sniff
from .record import StaffRecord, StaffRowError, StaffTable, StaffWarning
from .rows import RowReader
from .shadowed import ShadowIndex, watch_records

if TYPE_CHECKING:
    from .._catalog import Catalog

__all__ = ["header_columns", "iter_staff", "read_staff"]


def iter_staff(
    path: str | Path,
    *,
    encoding: str | None = None,
    catalog: Catalog | None = None,
    sheet: str | None = None,
    require_ladder: bool = False,
    on_header: Callable[[list[Column]], object] | None = None,
    use_columns: Callable[[Column], bool] | None = None,
) -> Iterator[StaffRecord | StaffRowError | StaffWarning]:
    """Stream the warnings, records and row errors of a staff file (CSV, TSV, Unicode text,
    JSON or XLSX), in file order, without holding the file.

    The encoding of a text file is detected (BOM; UTF-8; else CP932) unless ``encoding``
    names it. ``sheet`` picks an XLSX sheet. Given where they do not apply (a sheet for
    CSV/TSV/JSON, an encoding for XLSX), they are ignored with a warning first
    (``sheet-ignored``, ``encoding-ignored``; never an error: nothing is lost). With
    ``catalog``, persona, skill, training, tool and checklist keys are resolved to qualified
    ids and an unknown or ambiguous key is a row error; without, keys are kept as written
    (evaluation resolves them). With
    ``require_ladder`` (and a catalog), a persona that has no ladder (steps) is a row error
    ``persona-without-ladder``: set it when every record is to be evaluated. ``on_header``
    is called with the header's columns (as :func:`header_columns` gives them) once the
    header is read, before its first record (never for JSON: no header). ``use_columns`` picks
    the columns to read (``use_columns(column)`` true; for JSON, each key as a column): the others are
    neither read nor checked, so their cells give no record field and no row error (a reader
    that needs only some columns, such as the roster of the self-check forms). With a catalog
    holding an overlay, records naming a persona of the framework it extends (by qualified
    id: ``tokyo-wg-2025:dx-promoter`` where the town's copy is ``town:dx-promoter``) give a
    warning ``persona-of-base-framework`` per persona at the end (:mod:`skillframe.staff.shadowed`).

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "s.csv"
    >>> _ = p.write_text("id,mentoring,dx_lead_years\\nA,はい,１\\nB,たぶん,\\n", encoding="cp932")
    >>> for item in iter_staff(p):
    ...     print(item)  # doctest: +ELLIPSIS
    StaffRecord(id='A', ..., dx_lead_years=1, dx_lead_count=None, mentoring=True, ...)
    .../s.csv: row 3, mentoring: はい/いいえ ではありません: 'たぶん' / not a yes/no value: 'たぶん' [not-yes-no]
    """
    stream = _stream(
        path,
        encoding,
        catalog,
        sheet=sheet,
        require_ladder=require_ladder,
        on_header=on_header,
        use_columns=use_columns,
    )
    if catalog is None or not ShadowIndex(catalog).any:
        return stream
    return watch_records(stream, catalog, str(Path(path)))


def _stream(
    path: str | Path,
    encoding: str | None,
    catalog: Catalog | None,
    *,
    sheet: str | None,
    require_ladder: bool,
    on_header: Callable[[list[Column]], object] | None,
    use_columns: Callable[[Column], bool] | None,
) -> Iterator[StaffRecord | StaffRowError | StaffWarning]:
    p = Path(path)
    file = str(p)
    kind = sniff(p)
    if encoding:
        resolve_encoding(file, encoding)  # a wrong name is an error for every kind of file, never ignored
    yield from _options_ignored(file, kind, encoding, sheet)
    reader = RowReader(file, catalog, require_ladder=require_ladder)
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
            if use_columns is not None:  # the keys to read, as a file's columns would be
                item = {k: v for k, v in item.items() if use_columns(Column(0, str(k), *classify(str(k))))}  # noqa: PLW2901
            yield from _emit(reader.read_mapping(item, n))
        return
    rows = open_rows(p, encoding, sheet)
    reader.plain = kind == "text"  # CSV/TSV cells are plain str (XLSX cells may be numbers shown as text)
    columns = None
    above: list[tuple[int, list[object]]] = []  # non-blank rows before the header
    blanks: list[int] = []  # blank rows after the header, not yet followed by a data row
    skipped: list[int] = []  # blank rows between data rows
    usual = None  # the reader of a usual CSV/TSV row (RowReader.usual_reader), once the header is read
    width = 0
    for n, cells in rows:
        if usual is not None and len(cells) == width:
            record = usual(cells, n)  # a usual row: not blank (it has an id), as wide as the header
            if record is not None:
                if blanks:
                    skipped += blanks
                    blanks = []
                yield record
                continue
        if columns is None:
            if _blank(cells):
                continue  # blank rows above the header
            if not has_id(cells) and len(above) < HEADER_SCAN - 1:
                above.append((n, cells))
                continue
            header_row, header = _header(file, above, n, cells)
            columns, warnings = classify_header(file, header)
            width = len(columns)  # the header's width, whichever columns are read
            if use_columns is not None:
                columns = [c for c in columns if use_columns(c)]
            reader.check_columns(columns)
            if on_header is not None:
                on_header(columns)
            for w in warnings:
                yield StaffWarning(header_row, w.column, w.message, w.code, file)
            if above and header_row != above[0][0]:
                yield _title_warning(file, [r for r, _ in above], header_row)
            usual = reader.usual_reader(columns)
            continue
        if _blank(cells):
            blanks.append(n)
            continue  # a blank row is not a record (counted once a data row follows it)
        if blanks:
            skipped += blanks
            blanks = []
        if len(cells) > width and not _blank(cells[width:]):
            yield _too_wide(reader, n, columns, cells[:width])
            continue
        result = reader.read_row(n, columns, cells)
        if isinstance(result, StaffRecord):
            yield result
        else:
            yield from result
    if columns is None:
        if above:  # no row with an id column: the first row is taken as the header (and fails)
            classify_header(file, above[0][1])
        classify_header(file, [])  # raises: no header
    if skipped:
        yield StaffWarning(
            skipped[0],
            None,
            bilingual(
                f"空の行を読み飛ばしました（{len(skipped)} 行: {_ranges(skipped)}）",
                f"skipped {len(skipped)} blank row(s): {_ranges(skipped)}",
            ),
            "blank-rows-skipped",
            file,
            tuple(skipped),
        )


def _options_ignored(file: str, kind: str, encoding: str | None, sheet: str | None) -> Iterator[StaffWarning]:
    """A warning for an option given that does not apply to the file (nothing is lost: it is
    read as without it): a sheet for a CSV/TSV/JSON file (``sheet-ignored``), an encoding for
    an XLSX file (``encoding-ignored``).

    >>> [str(w) for w in _options_ignored("s.csv", "text", None, "職員")]
    ["s.csv: warning: --sheet '職員' は無視します（CSV/TSV ファイルにはシートがありません）
     / --sheet '職員' ignored: a CSV/TSV file has no sheets [sheet-ignored]"]
    >>> [w.code for w in _options_ignored("s.xlsx", "xlsx", "cp932", "職員")]
    ['encoding-ignored']
    """
    if sheet is not None and kind != "xlsx":
        name = "JSON" if kind == "json" else "CSV/TSV"
        message = bilingual(
            f"--sheet '{sheet}' は無視します（{name} ファイルにはシートがありません）",
            f"--sheet '{sheet}' ignored: a {name} file has no sheets",
        )
        yield StaffWarning(None, None, message, "sheet-ignored", file)
    if encoding and kind == "xlsx":
        message = bilingual(
            f"--encoding '{encoding}' は無視します（XLSX ファイルには文字コードの指定は要りません）",
            f"--encoding '{encoding}' ignored: an XLSX file needs no encoding",
        )
        yield StaffWarning(None, None, message, "encoding-ignored", file)


def header_columns(path: str | Path, *, encoding: str | None = None, sheet: str | None = None) -> list[Column]:
    """The columns of a staff file's header as :func:`iter_staff` finds and classifies it
    (title rows above it skipped), each with its header as written; ``[]`` for JSON (its
    keys are per item). Raises :class:`~skillframe.StaffDataError` as :func:`iter_staff` does.

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "s.csv"
    >>> _ = p.write_text("職員名簿\\n職員番号,人材像\\nA,DX推進員\\n", encoding="utf-8")
    >>> [(c.header, c.kind) for c in header_columns(p)]
    [('職員番号', 'id'), ('人材像', 'persona')]
    """
    p = Path(path)
    file = str(p)
    if sniff(p) == "json":
        return []
    above: list[tuple[int, list[object]]] = []
    for n, cells in open_rows(p, encoding, sheet):
        if _blank(cells):
            continue
        if not has_id(cells) and len(above) < HEADER_SCAN - 1:
            above.append((n, cells))
            continue
        return classify_header(file, _header(file, above, n, cells)[1])[0]
    return classify_header(file, above[0][1] if above else [])[0]  # raises: no header, no id column


def _header(file: str, above: list[tuple[int, list[object]]], n: int, cells: list[object]) -> tuple[int, list[object]]:
    """The header row: the first row with an ``id`` column when the rows above it look like a
    title (at most :data:`TITLE_CELLS` filled cells each); else the first non-blank row (a file
    error names the row where the ``id`` header is)."""
    if not above:
        return n, cells
    if has_id(cells) and all(_filled(c) <= TITLE_CELLS for _, c in above):
        return n, cells
    first_row, first = above[0]
    if has_id(cells):
        raise StaffDataError(
            file,
            bilingual(
                f"{first_row} 行目に id 列（職員番号）がありません。見出し行は1行目に置いてください"
                f"（id 列らしい見出しは {n} 行目にあります）",
                f"row {first_row} has no 'id' column (職員番号): put the header in row 1 (an id header is in row {n})",
            ),
            code="missing-id-column",
        )
    return first_row, first


#: Filled cells a row above the header may have to be skipped as a title row.
TITLE_CELLS = 3


def _filled(cells: list[object]) -> int:
    return sum(1 for c in cells if c is not None and str(c).strip())


def _too_wide(reader: RowReader, n: int, columns: Sequence[Column], cells: Sequence[object]) -> StaffRowError:
    """The error of a row with more cells than the header, with what its cells under the
    header say (id, department, other columns, as the reader reads them), as every row
    error has, so the row can be found; its id is taken (a later row with it is a
    duplicate), as an error row's is. Its cells' own problems are not reported: the cells
    are probably shifted (a comma in a name)."""
    read = reader.read_row(n, columns, cells)
    said = read if isinstance(read, StaffRecord) else read[0]
    extra = tuple(read.extra.items()) if isinstance(read, StaffRecord) else read[0].extra
    return StaffRowError(
        n,
        None,
        bilingual("列が見出しより多いです", "more cells than header columns"),
        said.id,
        code="more-cells-than-header",
        file=reader.file,
        department=said.department,
        extra=extra,
    )


def _title_warning(file: str, above: list[int], header_row: int) -> StaffWarning:
    return StaffWarning(
        above[0],
        None,
        bilingual(
            f"{header_row} 行目を見出し行として読みました"
            f"（その上の {_ranges(above)} 行目は表題として読み飛ばしました）",
            f"read row {header_row} as the header (row(s) {_ranges(above)} above it skipped as a title)",
        ),
        "title-rows-skipped",
        file,
        tuple(above),
    )


def _ranges(rows: list[int]) -> str:
    """``4, 9, 12-14`` for rows 4, 9, 12, 13, 14 (at most 20 parts, then ``…``)."""
    parts: list[str] = []
    start = prev = rows[0]
    for r in [*rows[1:], None]:
        if r is not None and r == prev + 1:
            prev = r
            continue
        parts.append(str(start) if start == prev else f"{start}-{prev}")
        if r is not None:
            start = prev = r
    return ", ".join(parts[:20]) + (", …" if len(parts) > 20 else "")


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
    path: str | Path,
    *,
    encoding: str | None = None,
    catalog: Catalog | None = None,
    sheet: str | None = None,
    require_ladder: bool = False,
    use_columns: Callable[[Column], bool] | None = None,
) -> StaffTable:
    """Read a whole staff file: every data row becomes a record or row errors (arguments as
    :func:`iter_staff`).

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
    items = iter_staff(
        path, encoding=encoding, catalog=catalog, sheet=sheet, require_ladder=require_ladder, use_columns=use_columns
    )
    for item in items:
        if isinstance(item, StaffRecord):
            records.append(item)
        elif isinstance(item, StaffWarning):
            warnings.append(item)
        else:
            errors.append(item)
    rows = len(records) + len({e.row for e in errors})
    return StaffTable(tuple(records), tuple(errors), rows, tuple(warnings))
