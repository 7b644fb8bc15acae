"""Writing outputs safely: never over an input, never half-written (a temporary file, then a rename)."""

from __future__ import annotations

import csv
import io
import os
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import FormError
from ._collect import Collected, staff_columns
from ._workbook import _openpyxl

if TYPE_CHECKING:
    from .._catalog import Catalog

__all__ = ["staff_csv", "write_atomic", "write_staff"]


def _inputs(items: Iterable[str | Path]) -> set[Path]:
    out: set[Path] = set()
    for i in items:
        p = Path(i)
        if p.is_dir():
            out.update(f.resolve() for f in p.iterdir())
        out.add(p.resolve())
    return out


def write_atomic(path: str | Path, data: bytes, *, inputs: Sequence[str | Path] = ()) -> None:
    """Write ``data`` to ``path`` via a temporary file in the same folder; refuse to overwrite an input."""
    target = Path(path)
    if target.resolve() in _inputs(inputs):
        raise FormError(
            "output-is-input", f"出力先 {target} は入力ファイルです", f"the output {target} is one of the inputs"
        )
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.resolve().parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _safe(value: Any) -> Any:
    """A cell that a spreadsheet would run as a formula is written as text."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def write_staff(path: str | Path, catalog: Catalog, result: Collected, *, inputs: Sequence[str | Path] = ()) -> None:
    """Write the collected rows as a staff file (``.xlsx``, else CSV with BOM), atomically."""
    cols = staff_columns(catalog, dict.fromkeys(r["persona"] for r in result.rows))
    rows = [[_safe(r.get(c)) for c in cols] for r in result.rows]
    if str(path).lower().endswith(".xlsx"):
        openpyxl = _openpyxl()
        wb = openpyxl.Workbook()
        ws = wb.active
        ws.title = "staff"
        ws.append(cols)
        for r in rows:
            ws.append(r)
        for row in ws.iter_rows(min_row=2, max_col=1):
            for c in row:
                c.number_format = "@"  # ids stay text
        buf = io.BytesIO()
        wb.save(buf)
        data = buf.getvalue()
    else:
        data = ("\ufeff" + staff_csv(catalog, result)).encode("utf-8")
    write_atomic(path, data, inputs=inputs)


def staff_csv(catalog: Catalog, result: Collected) -> str:
    """The collected rows as CSV text (formula-like cells neutralised)."""
    cols = staff_columns(catalog, dict.fromkeys(r["persona"] for r in result.rows))
    text = io.StringIO()
    w = csv.writer(text, lineterminator="\r\n")
    w.writerow(cols)
    w.writerows(["" if r.get(c) is None else _safe(r.get(c)) for c in cols] for r in result.rows)
    return text.getvalue()
