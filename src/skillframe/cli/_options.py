"""What every command takes: the shared options, the ``--rules`` modules, and the error
of a command called wrongly (exit code 2)."""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

from .._table import TABLE_FORMATS
from ..errors import bilingual

__all__ = ["UsageError", "add_common", "add_staff_file_options", "fail", "import_rules"]


class UsageError(Exception):
    """A command was called wrongly (exit code 2)."""


def add_common(
    p: argparse.ArgumentParser, formats: Sequence[str] = TABLE_FORMATS, *, lang_help: str | None = None
) -> None:
    """The options every command takes (``formats``: what this command writes; ``lang_help``:
    what ``--lang`` does for a command whose output does not simply follow it)."""
    p.add_argument(
        "--format",
        "-f",
        default=None,
        metavar="FMT",
        help=f"出力形式 / output format: {', '.join(formats)} (default: from -o FILE's suffix, else the first)",
    )
    p.add_argument(
        "--lang", choices=("ja", "en"), default="ja", help=lang_help or "表示言語 / labels in Japanese or English"
    )
    p.add_argument("-o", "--output", metavar="FILE", help="出力先ファイル / write to FILE instead of stdout")
    p.add_argument(
        "--output-encoding",
        default=None,
        metavar="ENC",
        help="CSV/TSV の文字コード / encoding of CSV and TSV output, to -o FILE and to stdout: utf-8-sig (BOM, "
        "default; Excel; stdout gets the BOM only when it is a file, not a pipe, unless asked for), utf-8, "
        "cp932 (Shift_JIS; — 〜 − as ― ～ －, the same JIS characters; any other character it cannot hold is "
        "written as 〓 and reported as an error of its row, exit 1)",
    )
    p.add_argument(
        "--catalog",
        "-c",
        action="append",
        default=[],
        metavar="FILE",
        help="追加のカタログ / extra catalog file or directory (repeatable)",
    )
    p.add_argument(
        "--rules",
        action="append",
        default=[],
        metavar="MODULE",
        help="独自ルール / import MODULE or FILE.py first (it registers custom rules; the current folder is "
        "importable; repeatable)",
    )


def add_staff_file_options(
    p: argparse.ArgumentParser, *, ja: str = "職員ファイル", en: str = "staff file", sheet: bool = True
) -> None:
    """``--encoding`` and ``--sheet`` of the staff file a command reads (``ja``/``en``: what the
    file is called in the help; ``sheet``: whether the command picks its sheet). Every command
    that reads a staff file has them: the reader's advice (``ambiguous-encoding``: give
    ``--encoding``; ``xlsx-several-sheets``: name one with ``--sheet``) names these options."""
    p.add_argument(
        "--encoding",
        metavar="ENC",
        help=f"{ja}の文字コード / encoding of a CSV or TSV {en} (default: detect UTF-8 / CP932 / UTF-16; "
        "shift_jis, sjis and ms932 mean CP932)",
    )
    if sheet:
        p.add_argument(
            "--sheet",
            metavar="NAME",
            help=f"{ja}（XLSX）のシート / the sheet of an XLSX {en} (default: the only sheet with an id column)",
        )


def fail(message: str, code: int = 1) -> int:
    """Print a user-facing error on stderr and return the exit code."""
    sys.stderr.write(f"skillframe: {message}\n")
    return code


def import_rules(spec: str) -> ModuleType:
    """Import a rules module by name (the current folder first) or from a ``.py`` path.

    Raises :class:`UsageError` naming the module when it cannot be imported.
    """
    path = Path(spec)
    try:
        if spec.endswith(".py") or path.is_file():
            if not path.is_file():
                raise ImportError(bilingual(f"ファイルがありません: {spec}", f"no such file: {spec}"))
            name = f"skillframe_rules_{path.stem}"
            loaded = sys.modules.get(name)
            if loaded is not None and getattr(loaded, "__file__", None) == str(path.resolve()):
                return loaded
            mod_spec = importlib.util.spec_from_file_location(name, path.resolve())
            if mod_spec is None or mod_spec.loader is None:
                raise ImportError(spec)
            module = importlib.util.module_from_spec(mod_spec)
            sys.modules[name] = module
            mod_spec.loader.exec_module(module)
            return module
        cwd = os.getcwd()
        if cwd not in sys.path and "" not in sys.path:
            sys.path.insert(0, cwd)
        return importlib.import_module(spec)
    except ImportError as exc:
        raise UsageError(
            bilingual(f"ルールのモジュール '{spec}' を読み込めません", f"cannot import rules '{spec}'") + f": {exc}"
        ) from None
