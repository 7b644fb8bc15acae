"""Property tests: for every reader, rows in = records + rows with errors (+ blank rows between
data rows, listed), with the right row numbers, and no exception other than the library's own,
whatever the cell values, title rows above the header and blank rows between the data."""

from __future__ import annotations

import codecs
import contextlib
import csv
import io
import json
import math
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import skillframe
from skillframe.errors import SkillframeError, StaffDataError, StaffValueError
from skillframe.staff import RowReader, StaffRecord

COLUMNS = [
    "id",
    "persona",
    "department",
    "trainings",
    "dx_project_years",
    "dx_lead_years",
    "dx_lead_count",
    "mentoring",
    "dsm:業務分析/BPR",
    "tool:Excel",
    "check:Excel",
    "備考",
]
SPECIAL = [
    "",
    " ",
    "NaN",
    "nan",
    "inf",
    "-inf",
    "Infinity",
    "1e999",
    "0,5",
    "1,000",
    "１．５",
    "Lv.２",
    "-1",
    "3年",
    "有り",
    "無し",
    "✓",
    "レ",
    "はい",
    "たぶん",
    "なし",
    "-",
    "BPR研修",
    "業務分析/BPR;DXマインドセット研修",
    "excel-1-1;SUM",
    "9" * 40,
    "a\nb",
    "\x00",
    "＝1+1",
    "〜",
    "～",
    "髙①",
    "ﾃｽﾄ",
    "DX推進員",
    "一般行政職員",
]
text = st.one_of(
    st.sampled_from(SPECIAL),
    st.text(st.characters(blacklist_categories=("Cs",)), max_size=12),
)
Rows = list[list[str]]
SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def _rows(draw: st.DrawFn, cell: st.SearchStrategy[Any]) -> list[list[Any]]:
    n = draw(st.integers(1, 6))
    rows = []
    for i in range(n):
        rid = draw(st.sampled_from([f"S{i}", f"S{i}", "S0", f" S{i} "]))
        rows.append([rid, *(draw(cell) for _ in COLUMNS[1:])])
    return rows


@st.composite
def text_rows(draw: st.DrawFn) -> list[list[Any]]:
    return _rows(draw, text)


@st.composite
def layouts(draw: st.DrawFn) -> tuple[bool, list[bool]]:
    """A title row above the header or not; where blank rows go (before each data row, and after)."""
    return draw(st.booleans()), draw(st.lists(st.booleans(), min_size=7, max_size=7))


def _sheet(rows: list[list[Any]], layout: tuple[bool, list[bool]], blank: Any = "") -> tuple[list[list[Any]], Layout]:
    """The rows of a sheet (title, header, data and blank rows) and where the data rows are."""
    title, blanks = layout
    sheet: list[list[Any]] = [["令和7年度 職員名簿", *[blank] * (len(COLUMNS) - 1)]] if title else []
    sheet.append(COLUMNS)
    data: list[int] = []
    interior: list[int] = []
    for i, r in enumerate(rows):
        if blanks[i]:
            sheet.append([blank] * len(COLUMNS))
            interior.append(len(sheet))
        sheet.append(r)
        data.append(len(sheet))
    if blanks[len(rows)]:
        sheet.append([blank] * len(COLUMNS))  # after the last data row: not counted
    return sheet, (data, interior if data else [])


Layout = tuple[list[int], list[int]]


def _check(table: skillframe.StaffTable, n: int, first: int = 2, layout: Layout | None = None) -> None:
    data, interior = layout if layout is not None else (list(range(first, n + first)), [])
    rows = {r.row for r in table.records}
    assert None not in rows and len(rows) == len(table.records)
    assert not rows & set(table.error_rows)
    assert rows | set(table.error_rows) == set(data)
    assert table.rows == n == len(table.records) + len(table.error_rows)
    assert table.blank_rows == tuple(interior)
    assert all(e.code and e.file and " / " in e.message for e in table.errors)


def _read(path: Path, cat: skillframe.Catalog, n: int, first: int = 2, layout: Layout | None = None, **kw: Any) -> None:
    try:
        table = skillframe.read_staff(path, catalog=cat, **kw)
    except StaffDataError as exc:
        assert exc.code  # a whole-file problem, named
        return
    _check(table, n, first, layout)
    list(skillframe.evaluate_many(cat, "DX推進員", table.records))


@pytest.mark.parametrize(
    ("encoding", "sep", "suffix"),
    [("utf-8", ",", ".csv"), ("utf-8-sig", ",", ".csv"), ("cp932", ",", ".csv"), ("utf-16", "\t", ".txt")],
)
@SETTINGS
@given(rows=text_rows(), layout=layouts())
def test_text_files(  # noqa: PLR0917 - fixtures and parameters
    tmp_path: Path,
    cat: skillframe.Catalog,
    encoding: str,
    sep: str,
    suffix: str,
    rows: Rows,
    layout: tuple[bool, list[bool]],
) -> None:
    if encoding == "cp932":
        rows = [[c.encode("cp932", "ignore").decode("cp932") for c in r] for r in rows]
    sheet, where = _sheet(rows, layout)
    buf = io.StringIO()
    csv.writer(buf, delimiter=sep, lineterminator="\r\n").writerows(sheet)
    path = tmp_path / f"staff{suffix}"
    path.write_bytes(buf.getvalue().encode(encoding))
    _read(path, cat, len(rows), layout=where, encoding=None if encoding != "cp932" else "cp932")


json_value = st.one_of(
    text,
    st.none(),
    st.booleans(),
    st.integers(-5, 10**25),
    st.floats(allow_nan=True, allow_infinity=True),
    st.lists(st.sampled_from(SPECIAL), max_size=3),
)


@st.composite
def json_rows(draw: st.DrawFn) -> list[list[Any]]:
    return _rows(draw, json_value)


@SETTINGS
@given(rows=json_rows())
def test_json(tmp_path: Path, cat: skillframe.Catalog, rows: list[list[Any]]) -> None:
    path = tmp_path / "staff.json"
    path.write_text(json.dumps([dict(zip(COLUMNS, r, strict=True)) for r in rows], allow_nan=True), encoding="utf-8")
    _read(path, cat, len(rows), first=1)  # JSON: the item number


xlsx_value = st.one_of(
    text, st.none(), st.booleans(), st.integers(-5, 10**6), st.floats(allow_nan=False, allow_infinity=False)
)


@st.composite
def xlsx_rows(draw: st.DrawFn) -> list[list[Any]]:
    return _rows(draw, xlsx_value)


@SETTINGS
@given(rows=xlsx_rows(), layout=layouts())
def test_xlsx(tmp_path: Path, cat: skillframe.Catalog, rows: list[list[Any]], layout: tuple[bool, list[bool]]) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    wb = openpyxl.Workbook()
    ws = wb.active
    sheet, where = _sheet(rows, layout, blank=None)
    for r in sheet:
        ws.append([ILLEGAL_CHARACTERS_RE.sub("", c) if isinstance(c, str) else c for c in r])
    path = tmp_path / "staff.xlsx"
    wb.save(path)
    _read(path, cat, len(rows), layout=where)


mapping_value = st.one_of(
    json_value,
    st.just(math.nan),
    st.dictionaries(st.sampled_from(["bpr", "業務分析/BPR", "x"]), json_value, max_size=2),
    st.tuples(st.sampled_from(SPECIAL)),
)


@SETTINGS
@given(
    data=st.dictionaries(
        st.sampled_from([*COLUMNS, "dsm", "tools", "tool_checks", "extra", "職員番号", "研修", "row"]),
        mapping_value,
        max_size=8,
    )
)
def test_mappings(cat: skillframe.Catalog, data: dict[str, Any]) -> None:
    """A mapping: a record or row errors, never another exception; from_mapping raises only
    StaffValueError, with the same errors the reader gives."""
    result = RowReader(catalog=cat).read_mapping(data)
    assert isinstance(result, StaffRecord) or (result and all(e.code for e in result))
    try:
        StaffRecord.from_mapping(data)
    except StaffValueError as exc:
        assert isinstance(exc, SkillframeError) and exc.errors
    with contextlib.suppress(SkillframeError):
        list(skillframe.evaluate_many(cat, "DX推進員", [data]))


def test_utf16_without_bom_is_not_guessed(tmp_path: Path, cat: skillframe.Catalog) -> None:
    path = tmp_path / "s.txt"
    path.write_bytes(codecs.BOM_UTF16_LE + "id\tpersona\r\nA\tDX推進員\r\n".encode("utf-16-le"))
    assert [r.id for r in skillframe.read_staff(path, catalog=cat).records] == ["A"]


def _mixed_reference(lines: list[bytes]) -> bool:
    """Some lines decode as UTF-8 with Japanese text, others do not decode (each line tried)."""
    from skillframe.staff.files import _JAPANESE

    utf8 = other = False
    for line in lines:
        if line.isascii():
            continue
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError:
            other = True
        else:
            utf8 = utf8 or _JAPANESE.search(text) is not None
    return utf8 and other


_LINE_TEXTS = ["DX推進員", "一般行政職員", "ｶﾅ", "café", "①", "髙﨑", "😀", "Excel", "企画課", "爲"]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(
        st.one_of(
            st.tuples(st.sampled_from(_LINE_TEXTS), st.sampled_from(["utf-8", "cp932", "latin-1"])),
            st.binary(max_size=12),
        ),
        max_size=8,
    )
)
def test_the_mixed_encoding_check_is_the_line_by_line_decode(tmp_path: Path, parts: list[Any]) -> None:
    """The check that reads a line's first non-ASCII bytes before decoding it finds a mixed
    file exactly when decoding every line does (UTF-8 and CP932 lines, half-width kana, Latin
    text, truncated and arbitrary bytes)."""
    from skillframe.staff.files import _mixed

    lines = []
    for part in parts:
        if isinstance(part, tuple):
            text, codec = part
            try:
                lines.append(f"A1,{text}\r\n".encode(codec))
            except UnicodeEncodeError:
                continue
        else:
            lines.append(part.replace(b"\n", b"") + b"\n")
    path = tmp_path / "m.csv"
    path.write_bytes(b"".join(lines))
    with path.open("rb") as fh:
        physical = list(fh)
    assert _mixed(path) is _mixed_reference(physical)
