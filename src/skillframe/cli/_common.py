"""What every command shares: options, output, catalog loading, table rendering."""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO, Any, TypeVar

from tabulate import tabulate, tabulate_formats

from .._catalog import Catalog, load
from .._table import SUFFIX_FORMATS, Table, table_formats
from ..errors import bilingual

__all__ = ["FORMATS", "Context", "UsageError", "add_common", "fail", "progress", "render_rows"]

T = TypeVar("T")


class UsageError(Exception):
    """A command was called wrongly (exit code 2)."""


#: Every output format: tabulate's plus csv and json.
FORMATS = sorted({*tabulate_formats, "csv", "json"})


def add_common(p: argparse.ArgumentParser) -> None:
    """The options every command takes."""
    p.add_argument(
        "--format",
        "-f",
        default=None,
        metavar="FMT",
        help="出力形式 / output format: github, grid, html, csv, json, … (default: the command's)",
    )
    p.add_argument("--lang", choices=("ja", "en"), default="ja", help="表示言語 / labels in Japanese or English")
    p.add_argument("-o", "--output", metavar="FILE", help="出力先ファイル / write to FILE instead of stdout")
    p.add_argument(
        "--catalog",
        "-c",
        action="append",
        default=[],
        metavar="FILE",
        help="追加のカタログ / extra catalog file or directory (repeatable)",
    )


def fail(message: str, code: int = 1) -> int:
    """Print a user-facing error on stderr and return the exit code."""
    sys.stderr.write(f"skillframe: {message}\n")
    return code


class Context:
    """Per-invocation helpers: the output stream and the catalog."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self._out: IO[str] | None = None
        self._catalog: Catalog | None = None

    @property
    def out(self) -> IO[str]:
        if self._out is None:
            target = getattr(self.args, "output", None)
            self._out = open(target, "w", encoding="utf-8", newline="") if target else sys.stdout  # noqa: SIM115
        return self._out

    def close(self) -> None:
        if self._out is not None and self._out is not sys.stdout:
            self._out.close()

    @property
    def lang(self) -> str:
        return str(getattr(self.args, "lang", "ja"))

    def catalog(self) -> Catalog:
        if self._catalog is None:
            self._catalog = load(*[Path(p) for p in getattr(self.args, "catalog", [])])
        return self._catalog

    def fmt(self, default: str, choices: Sequence[str] | None = None) -> str:
        """The chosen ``--format``; else the one ``-o FILE``'s suffix names; else ``default``.

        ``choices`` are the formats the command writes (default: :data:`FORMATS`).
        """
        allowed = list(choices) if choices is not None else FORMATS
        fmt = getattr(self.args, "format", None)
        if not fmt:
            target = getattr(self.args, "output", None)
            by_suffix = _SUFFIXES.get(Path(target).suffix.lower()) if target else None
            fmt = by_suffix if by_suffix in allowed else default
        if fmt not in allowed:
            raise UsageError(
                bilingual(f"不明な出力形式 '{fmt}'", f"unknown format '{fmt}'")
                + f" (choose from: {', '.join(allowed)})"
            )
        return str(fmt)

    def write_bytes(self, data: bytes) -> None:
        """Write binary output (XLSX) to ``-o FILE``, or to stdout when it is not a terminal."""
        target = getattr(self.args, "output", None)
        if target:
            Path(target).write_bytes(data)
            return
        if sys.stdout.isatty():
            raise UsageError(
                bilingual(
                    "バイナリ形式は端末に出力できません: -o FILE を指定してください", "binary format: use -o FILE"
                )
            )
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()

    def write_table(self, table: Table, default: str = "github") -> None:
        """Write a :class:`~skillframe.Table` in the chosen format (XLSX included)."""
        fmt = self.fmt(default, table_formats())
        if fmt == "xlsx":
            self.write_bytes(table.render("xlsx"))
        else:
            self.out.write(table.render(fmt))

    def label(self, d: Any) -> str:
        """A definition's label in the chosen language (Japanese when no English exists)."""
        if self.lang == "en" and getattr(d, "label_en", None):
            return str(d.label_en)
        return str(d.label)


def render_rows(headers: Sequence[str], rows: Sequence[Sequence[Any]], fmt: str) -> str:
    """Render rows as a tabulate format, csv or json."""
    if fmt == "json":
        return json.dumps([dict(zip(headers, r, strict=True)) for r in rows], ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":  # neutralised: a spreadsheet never runs a cell
        return Table(title="", headers=tuple(headers), rows=rows).render("csv")
    return tabulate(rows, headers=list(headers), tablefmt=fmt) + "\n"


_SUFFIXES = {**SUFFIX_FORMATS, ".mmd": "mermaid", ".mermaid": "mermaid", ".dot": "dot", ".gv": "dot"}
_SUFFIXES[".graphml"] = "graphml"


def progress(
    items: Iterable[T],
    *,
    total: int | None = None,
    label: str = "",
    stream: IO[str] | None = None,
    interval: float = 0.2,
) -> Iterator[T]:
    """Yield ``items``, showing ``label n/total`` on stderr while it is a terminal.

    Quiet when stderr is not a terminal (a pipe, a file, CI), so logs stay clean. The
    line is redrawn at most every ``interval`` seconds and cleared at the end.

    >>> list(progress(range(3), label="evaluate"))  # stderr is not a terminal here
    [0, 1, 2]
    """
    out = stream if stream is not None else sys.stderr
    if not out.isatty():
        yield from items
        return
    if total is None and isinstance(items, Sequence):
        total = len(items)
    shown = 0.0
    n = 0
    try:
        for n, item in enumerate(items, start=1):
            now = time.monotonic()
            if now - shown >= interval:
                out.write(f"\r{label} {n}/{total}" if total is not None else f"\r{label} {n}")
                out.flush()
                shown = now
            yield item
    finally:
        out.write(f"\r{label} {n}/{total if total is not None else n}\n" if n else "")
        out.flush()
