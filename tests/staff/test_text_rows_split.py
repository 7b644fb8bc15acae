"""``text_rows`` splits a line that csv.reader would read the same way (no quote, no CR or
NUL inside, not longer than a cell) and hands any other line to csv.reader: the rows, their
numbers and the errors are exactly csv.reader's, whatever the text."""

from __future__ import annotations

import csv
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from skillframe.errors import StaffDataError
from skillframe.staff.files import _mixed_lines, text_rows

# the characters that matter to csv and to splitting, and some others
_CHARS = st.sampled_from(['"', ",", "\t", "\r", "\n", "\x00", " ", "a", "職", "①", "'", ";", "\u2028", "\x85"])


def _reference(path: Path, delimiter: str, *, mixed: bool = False) -> list[tuple[int, list[str]]]:
    with path.open("r", encoding="utf-8-sig", errors="surrogateescape", newline="") as fh:
        lines = _mixed_lines(path) if mixed else fh
        return list(enumerate(csv.reader(lines, delimiter=delimiter), start=1))


def _ours(path: Path) -> tuple[list[tuple[int, list[str]]], str | None]:
    rows: list[tuple[int, list[str]]] = []
    try:
        for n, cells in text_rows(path, None):
            rows.append((n, cells))
    except StaffDataError as exc:
        return rows, exc.code
    return rows, None


@settings(max_examples=400, deadline=None)
@given(st.text(_CHARS, min_size=1, max_size=60), st.sampled_from([".csv", ".tsv"]))
def test_the_rows_are_csv_readers(text: str, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"s{suffix}"
        path.write_bytes(("\ufeff" + text).encode("utf-8"))  # the BOM: no guessing of the encoding
        first = text.split("\n", 1)[0].split("\r", 1)[0]
        delimiter = "\t" if suffix == ".tsv" or first.count("\t") > first.count(",") else ","
        rows, error = _ours(path)
        expected = _reference(path, delimiter)
        if error == "unclosed-quote":  # csv.reader takes the rest of the file as the cell; we refuse it
            assert rows == expected
            assert any("\n" in c or "\r" in c for c in expected[-1][1])
        else:
            assert error is None
            assert rows == expected


def test_rows_after_a_quoted_cell_over_lines_keep_their_numbers(tmp_path: Path) -> None:
    path = tmp_path / "s.csv"
    path.write_bytes('id,所属\r\nA,"市民課\r\n窓口"\r\nB,税務課\r\n\r\nC,"a,b"\r\nD,\r\n'.encode("cp932"))
    assert list(text_rows(path, "cp932")) == [
        (1, ["id", "所属"]),
        (2, ["A", "市民課\r\n窓口"]),
        (3, ["B", "税務課"]),
        (4, []),
        (5, ["C", "a,b"]),
        (6, ["D", ""]),
    ]


def test_a_carriage_return_inside_a_line_of_a_mixed_file_is_csv_readers_error(tmp_path: Path) -> None:
    # a mixed file's lines are split at LF only: a lone CR stays inside the line, where
    # csv.reader refuses it (a file error), as it did before lines were split
    path = tmp_path / "s.csv"
    path.write_bytes("id,所属\nA,市民課\n".encode() + "B,税務課\n".encode("cp932") + b"C,x\ry\n")
    rows, error = _ours(path)
    assert error == "cell-too-large"
    assert [n for n, _ in rows] == [1, 2, 3]
