"""Staff files as rows: what kind of file it is, its encoding, and its rows with the row
number a user sees in Excel (header = row 1).

:func:`open_rows` returns the rows of a CSV/TSV/Unicode-text/XLSX file as
``(row number, cells)``, the header first; :func:`json_items` the items of a JSON file.
A file that cannot be read at all raises :class:`~skillframe.StaffDataError` with a
one-line message and a ``code``:

===========================  ==========================================================
code                         when
===========================  ==========================================================
``no-such-file``             the path does not exist
``is-a-folder``              the path is a folder, not a file
``empty-file``               nothing in it
``unknown-encoding``         ``--encoding`` names no encoding Python knows
``wrong-encoding``           the file does not decode with the encoding given
``ambiguous-encoding``       the bytes are valid UTF-8 *and* CP932 (half-width kana): say which
``cell-too-large``           a cell over 16 MiB (an unclosed quote)
``xlsx-*``                   see :mod:`skillframe.staff.xlsx`
``json-*``                   the JSON is not a list of objects, too deep, or invalid
===========================  ==========================================================

Shift_JIS, SJIS, MS932, Windows-31J and CP932 all mean CP932 (what Excel writes).
"""

from __future__ import annotations

import codecs
import csv
import itertools
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..errors import StaffDataError, bilingual
from .values import LongNumber

__all__ = [
    "ENCODING_ALIASES",
    "ambiguous_encoding",
    "json_items",
    "open_rows",
    "resolve_encoding",
    "sniff",
    "text_rows",
]

#: Encoding names that mean CP932 (compared case-insensitively, ``_`` = ``-``).
ENCODING_ALIASES = {
    **dict.fromkeys(
        [
            "shift-jis",
            "shiftjis",
            "sjis",
            "s-jis",
            "x-sjis",
            "ms932",
            "ms-kanji",
            "windows-31j",
            "cp932",
            "csshiftjis",
            "shift-jis-2004",
            "mskanji",
        ],
        "cp932",
    ),
    **dict.fromkeys(["utf-8", "utf8", "utf-8-sig", "u8"], "utf-8-sig"),
    **dict.fromkeys(["utf-16", "utf16", "unicode", "ucs-2"], "utf-16"),
}
_CSV_FIELD_LIMIT = 1 << 24  # 16 MiB: a larger "cell" is an unclosed quote, not data
_LATIN = re.compile("[\u0080-\u07ff]")  # what half-width katakana in CP932 look like read as UTF-8
_JAPANESE = re.compile("[\u3000-\u9fff\uff00-\uffef]")


def _fail(file: str, code: str, ja: str, en: str) -> StaffDataError:
    return StaffDataError(file, bilingual(ja, en), code=code)


def resolve_encoding(file: str, name: str) -> str:
    """The codec for an encoding name (Shift_JIS family → ``cp932``; UTF-8 → ``utf-8-sig``)."""
    key = name.strip().casefold().replace("_", "-")
    codec = ENCODING_ALIASES.get(key)
    if codec is not None:
        return codec
    try:
        return codecs.lookup(name).name
    except LookupError:
        raise _fail(file, "unknown-encoding", f"文字コード '{name}' は不明です", f"unknown encoding '{name}'") from None


def sniff(path: Path) -> str:
    """``"xlsx"``, ``"json"`` or ``"text"`` from the first bytes and the name; a file that is
    not what its name says gets a one-line :class:`~skillframe.StaffDataError`."""
    file = str(path)
    if not path.is_file():
        if path.is_dir():
            raise _fail(
                file, "is-a-folder", "フォルダーです: 職員ファイルを指定してください", "a folder, not a staff file"
            )
        raise _fail(file, "no-such-file", "ファイルがありません", "no such file")
    with path.open("rb") as fh:
        head = fh.read(4096)
    if not head.strip():
        raise _fail(file, "empty-file", "空のファイルです", "empty file")
    suffix = path.suffix.casefold()
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return "xlsx"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        from .xlsx import ole_error

        raise ole_error(path)
    if suffix in (".xlsx", ".xlsm", ".xls"):
        text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
        if text.startswith((b"<!doctype html", b"<html", b"<table", b"<?xml", b"<meta")):
            raise _fail(
                file,
                "xlsx-is-html",
                "Excel ファイルではなく HTML です（Excel で開いて .xlsx で保存してください）",
                "this is an HTML page named like an Excel file: open it in Excel and save as .xlsx",
            )
        if suffix == ".xls":
            raise _fail(file, "xlsx-not-a-workbook", "Excel ブックではありません", "not an Excel workbook")
        raise _fail(
            file,
            "xlsx-is-text",
            "Excel ブックではなくテキスト（CSV?）です。拡張子を .csv にしてください",
            "this is a text (CSV?) file named .xlsx: rename it to .csv",
        )
    if suffix == ".json":
        return "json"
    return "text"


def _detect(path: Path) -> tuple[str, bool]:
    """``(codec, mixed)``: BOMs first, then UTF-8 if the whole file decodes, else CP932.

    ``mixed`` is true when some lines are UTF-8 Japanese and others are not: those are
    read as undecodable (a row error each) instead of being turned into mojibake.
    """
    file = str(path)
    with path.open("rb") as fh:
        head = fh.read(4)
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig", False
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16", False
    decoder = codecs.getincrementaldecoder("utf-8")()
    latin = japanese = False
    try:
        with path.open("rb") as fh:
            while chunk := fh.read(1 << 20):
                text = decoder.decode(chunk)
                latin = latin or _LATIN.search(text) is not None
                japanese = japanese or _JAPANESE.search(text) is not None
            decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return "cp932", _mixed(path)
    if latin and not japanese and _decodes(path, "cp932"):
        raise ambiguous_encoding(file)
    return "utf-8-sig", False


def ambiguous_encoding(file: str, option: str = "--encoding") -> StaffDataError:
    """The ``ambiguous-encoding`` error of ``file`` (valid UTF-8 and CP932 alike: half-width
    kana), advising the option that gives its encoding (``--roster-encoding`` for a roster read
    beside a staff file)."""
    return _fail(
        file,
        "ambiguous-encoding",
        f"UTF-8 とも CP932（半角カナ）とも読めます。{option} cp932 か utf-8 を指定してください",
        f"the file reads both as UTF-8 and as CP932 (half-width kana): give {option} cp932 or utf-8",
    )


def _decodes(path: Path, codec: str) -> bool:
    decoder = codecs.getincrementaldecoder(codec)()
    try:
        with path.open("rb") as fh:
            while chunk := fh.read(1 << 20):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


#: The ASCII bytes (stripped to find a line's first other byte).
_ASCII_BYTES = bytes(range(128))


def _mixed(path: Path) -> bool:
    """Some lines are UTF-8 with Japanese text, others are not UTF-8.

    A line whose first non-ASCII byte cannot start a UTF-8 character followed by a
    continuation byte (a CP932 line, nearly always) is not UTF-8 without decoding it."""
    utf8 = other = False
    with path.open("rb") as fh:
        for line in fh:
            if line.isascii():
                continue
            rest = line.lstrip(_ASCII_BYTES)
            if not (0xC2 <= rest[0] <= 0xF4 and len(rest) > 1 and 0x80 <= rest[1] <= 0xBF):
                other = True
            else:
                try:
                    text = line.decode("utf-8")
                except UnicodeDecodeError:
                    other = True
                else:
                    utf8 = utf8 or _JAPANESE.search(text) is not None
            if utf8 and other:
                return True
    return False


def _mixed_lines(path: Path) -> Iterator[str]:
    """The lines of a mixed file: UTF-8 lines decoded, the others with every non-ASCII byte
    undecodable (so their row is an error, with its row number, and no mojibake)."""
    with path.open("rb") as fh:
        for line in fh:
            try:
                yield line.decode("utf-8-sig")
            except UnicodeDecodeError:
                yield line.decode("ascii", "surrogateescape")


def _delimiter(first_line: str, suffix: str) -> str:
    if suffix == ".tsv":
        return "\t"
    return "\t" if first_line.count("\t") > first_line.count(",") else ","


def open_rows(path: Path, encoding: str | None = None, sheet: str | None = None) -> Iterator[tuple[int, list[Any]]]:
    """The rows of a CSV, TSV, Unicode text or XLSX file as ``(row, cells)``, header first.

    ``row`` is the row a spreadsheet shows (a cell with line breaks is one row). Blank rows
    are yielded (as ``[]``) so that numbers stay right; callers skip them. The kind of file
    is found at once (:func:`sniff`: a file that is not what its name says raises here).
    """
    kind = sniff(path)
    if kind == "xlsx":
        from .xlsx import xlsx_rows

        return xlsx_rows(path, sheet)
    return text_rows(path, encoding)  # the rows themselves: no generator between


def text_rows(path: Path, encoding: str | None) -> Iterator[tuple[int, list[Any]]]:
    """The rows of a CSV, TSV or Unicode text file as ``(row, cells)``, as :func:`open_rows`
    gives them; ``encoding`` ``None``: found from the bytes (CP932, UTF-8 with or without BOM,
    UTF-16)."""
    file = str(path)
    codec, mixed = _codec(path, encoding)
    if csv.field_size_limit() < _CSV_FIELD_LIMIT:
        csv.field_size_limit(_CSV_FIELD_LIMIT)
    errors = "surrogateescape"  # undecodable bytes: a row error on their own row
    row = 0
    try:
        with path.open("r", encoding=codec, errors=errors, newline="") as fh:
            first = fh.readline()
            fh.seek(0)
            lines: Any = _mixed_lines(path) if mixed else fh
            delimiter = _delimiter(first, path.suffix.casefold())
            lines = iter(lines)
            limit = csv.field_size_limit()
            cells: list[str] = []
            begin = line = 0  # the physical line where the last row began, and where it ended
            for text in lines:
                begin = line + 1
                # a line with nothing csv.reader reads differently from split (no quote, no CR
                # or NUL inside, not longer than a cell may be): split; else csv.reader reads
                # the row from this line on (a quoted cell may span lines)
                body = text[:-2] if text[-2:] == "\r\n" else text[:-1] if text[-1:] in ("\n", "\r") else text
                if '"' in body or "\r" in body or "\x00" in body or len(body) > limit:
                    reader = csv.reader(itertools.chain((text,), lines), delimiter=delimiter)
                    cells = next(reader)
                    line += reader.line_num
                else:
                    cells = body.split(delimiter) if body else []
                    line = begin
                row += 1
                yield row, cells
        if any("\n" in c or "\r" in c for c in cells):
            _check_closed(path, codec, mixed=mixed, delimiter=delimiter, begin=begin, row=row)
    except UnicodeDecodeError:
        raise _fail(
            file,
            "wrong-encoding",
            f"{row + 1} 行目付近が文字コード {encoding} で読めません",
            f"near row {row + 1}: the text does not decode as {encoding}",
        ) from None
    except csv.Error as exc:
        raise _fail(
            file,
            "cell-too-large",
            f"{row + 1} 行目: セルが大きすぎるか壊れています（閉じていない引用符?）: {exc}",
            f"row {row + 1}: a cell is too large or broken (an unclosed quote?): {exc}",
        ) from None


def _codec(path: Path, encoding: str | None) -> tuple[str, bool]:
    """``(codec, mixed)`` of a text file (CSV, TSV, Unicode text, JSON): the one named, else
    found from the bytes (:func:`_detect`); UTF-16 without a BOM is little-endian (Windows)."""
    if encoding:
        codec, mixed = resolve_encoding(str(path), encoding), False
    else:
        codec, mixed = _detect(path)
    if codec == "utf-16":  # let the BOM pick the byte order
        with path.open("rb") as fh:
            bom = fh.read(2)
        if bom not in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
            codec = "utf-16-le"
    return codec, mixed


def _check_closed(path: Path, codec: str, *, mixed: bool, delimiter: str, begin: int, row: int) -> None:
    """The last row (from physical line ``begin``) has a cell with a line break: an opening
    quote never closed reads the rest of the file into that cell, which csv.reader accepts
    at the end of the data. Read that row again strictly; unclosed, it is a file error."""
    with path.open("r", encoding=codec, errors="surrogateescape", newline="") as fh:
        lines: Any = _mixed_lines(path) if mixed else fh
        tail = itertools.islice(lines, begin - 1, None)
        try:
            for _ in csv.reader(tail, delimiter=delimiter, strict=True):
                pass
        except csv.Error as exc:
            if "end of data" not in str(exc):  # pragma: no cover - csv.reader read the same row
                return
            raise _fail(
                str(path),
                "unclosed-quote",
                f'{row} 行目: 引用符 " が閉じていません（ファイルの残りがひとつのセルとして読まれます）',
                f'row {row}: a quote " is never closed (the rest of the file would read as one cell)',
            ) from None


def json_items(path: Path, encoding: str | None = None) -> list[Any]:
    """The items of a JSON staff file (a list of objects), in ``encoding`` or the encoding found
    as for a CSV file (UTF-8 with or without BOM; UTF-16 with BOM, as PowerShell 5's ``Out-File``
    writes; CP932)."""
    file = str(path)
    codec, mixed = _codec(path, encoding)
    if mixed:  # some lines UTF-8, others not: no one encoding reads the file
        raise _fail(
            file, "wrong-encoding", "UTF-8 の行と CP932 の行が混ざっています", "UTF-8 and CP932 lines are mixed"
        )
    try:
        text = path.read_bytes().decode(codec)
    except UnicodeDecodeError:
        shown = encoding or codec
        raise _fail(file, "wrong-encoding", f"文字コード {shown} で読めません", f"does not decode as {shown}") from None
    try:
        items = json.loads(text, parse_int=_json_int)
    except RecursionError:
        raise _fail(file, "json-too-deep", "JSON の入れ子が深すぎます", "JSON is nested too deep") from None
    except ValueError as exc:
        raise _fail(file, "json-invalid", f"JSON として読めません: {exc}", f"not valid JSON: {exc}") from None
    if not isinstance(items, list):
        raise _fail(file, "json-not-a-list", "JSON はオブジェクトのリストです", "JSON must be a list of objects")
    return items


def _json_int(text: str) -> Any:
    """An integer of JSON; a longer one than a float keeps is infinite (a row error, never rounded)."""
    return int(text) if len(text) <= 18 else LongNumber(text)
