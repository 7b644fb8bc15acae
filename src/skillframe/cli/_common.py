"""What every command shares: options, output, catalog loading, table rendering."""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import IO, Any

from tabulate import tabulate, tabulate_formats

from .._catalog import Catalog, load

__all__ = ["FORMATS", "Context", "UsageError", "add_common", "fail", "render_rows"]


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

    def fmt(self, default: str) -> str:
        fmt = getattr(self.args, "format", None) or default
        if fmt not in FORMATS:
            raise UsageError(f"unknown format '{fmt}' (choose from: {', '.join(FORMATS)})")
        return str(fmt)

    def label(self, d: Any) -> str:
        """A definition's label in the chosen language (Japanese when no English exists)."""
        if self.lang == "en" and getattr(d, "label_en", None):
            return str(d.label_en)
        return str(d.label)


def render_rows(headers: Sequence[str], rows: Sequence[Sequence[Any]], fmt: str) -> str:
    """Render rows as a tabulate format, csv or json."""
    if fmt == "json":
        return json.dumps([dict(zip(headers, r, strict=True)) for r in rows], ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(headers)
        w.writerows(rows)
        return buf.getvalue()
    return tabulate(rows, headers=list(headers), tablefmt=fmt) + "\n"
