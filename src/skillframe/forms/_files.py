"""Which files ``collect`` reads: every file given, and every file in a folder given (its
subfolders too), each either read or reported.

- Read: ``.xlsx`` and ``.xlsm`` (a workbook saved with macros: openpyxl never runs them) as
  returned forms, ``.csv`` as an online-form export (any case: ``.XLSX``).
- Ignored without a word (in a folder only): what Office, Windows and macOS leave beside the
  answers — Excel's lock files ``~$…`` and temporary ``~…``/``*.tmp`` files, hidden files and
  folders (``.DS_Store``, ``._…``), ``Thumbs.db`` and ``desktop.ini``.
- Every other file is the error ``unsupported-file`` of that file, saying what to do: an Excel
  97-2003 ``.xls``, an OpenDocument ``.ods`` or a binary ``.xlsb`` is to be saved as ``.xlsx``;
  anything else is not an answer and is to be moved out of the folder.

A file in a subfolder is named by its path from the folder given (``総務課/山田.xlsx``).

>>> import pathlib, tempfile
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> for name in ("a.xlsx", "~$a.xlsx", "b.ods", "Thumbs.db", "課/c.XLSX"):
...     (d / name).parent.mkdir(exist_ok=True)
...     _ = (d / name).write_bytes(b"")
>>> [(f.name, f.kind) for f in input_files([d])]
[('a.xlsx', 'xlsx'), ('b.ods', None), ('課/c.XLSX', 'xlsx')]
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

import attrs

from ..errors import FormError, OutputError, bilingual
from ._answers import CollectProblem

__all__ = ["IGNORED_NAMES", "Input", "check_output", "input_files", "unsupported"]

#: Suffixes read, and as what.
KINDS = {".xlsx": "xlsx", ".xlsm": "xlsx", ".csv": "csv"}
#: Files Windows and macOS put in folders (compared case-insensitively).
IGNORED_NAMES = frozenset({"thumbs.db", "ehthumbs.db", "desktop.ini", ".ds_store"})

#: What to do with a workbook saved in a format collect does not read: (ja, en).
_SAVE_AS = {
    ".xls": ("Excel 97-2003 形式（.xls）", "an Excel 97-2003 workbook (.xls)"),
    ".xlt": ("Excel 97-2003 形式（.xlt）", "an Excel 97-2003 template (.xlt)"),
    ".xlsb": ("Excel バイナリ形式（.xlsb）", "an Excel binary workbook (.xlsb)"),
    ".xltx": ("Excel テンプレート（.xltx）", "an Excel template (.xltx)"),
    ".xltm": ("Excel テンプレート（.xltm）", "an Excel template (.xltm)"),
    ".ods": ("OpenDocument 形式（.ods）", "an OpenDocument spreadsheet (.ods)"),
    ".fods": ("OpenDocument 形式（.fods）", "an OpenDocument spreadsheet (.fods)"),
    ".numbers": ("Numbers 形式（.numbers）", "a Numbers spreadsheet (.numbers)"),
}


@attrs.frozen
class Input:
    """One file to collect: its ``path``, the ``name`` shown in messages, and ``kind``
    (``"xlsx"``, ``"csv"``, or ``None``: not read, an ``unsupported-file`` error)."""

    path: Path
    name: str
    kind: str | None


def ignored(name: str) -> bool:
    """Whether a file (or folder) in a collected folder is left out without a word."""
    low = name.lower()
    return name.startswith(("~", ".")) or low in IGNORED_NAMES or low.endswith(".tmp")


def _kind(path: Path) -> str | None:
    return KINDS.get(path.suffix.lower())


def input_files(items: Iterable[str | Path]) -> list[Input]:
    """The files of ``items`` (files and folders, folders with their subfolders), in order:
    each folder's files by path. Raises :class:`~skillframe.FormError` ``no-input`` for a
    file or folder that does not exist."""
    out: list[Input] = []
    for item in items:
        p = Path(item)
        if p.is_dir():
            found: list[tuple[str, Path]] = []
            for top, dirs, files in os.walk(p):  # symbolic links to folders are not followed
                dirs[:] = [d for d in dirs if not ignored(d)]
                for f in files:
                    if not ignored(f):
                        full = Path(top, f)
                        found.append((full.relative_to(p).as_posix(), full))
            out.extend(Input(full, name, _kind(full)) for name, full in sorted(found))
        elif p.exists():
            out.append(Input(p, p.name, _kind(p)))
        else:
            raise FormError("no-input", f"ファイルまたはフォルダーがありません: {p}", f"no such file or folder: {p}")
    return out


def unsupported(inp: Input) -> CollectProblem:
    """The ``unsupported-file`` error of a file collect does not read, saying what to do."""
    what = _SAVE_AS.get(inp.path.suffix.lower())
    if what is not None:
        return CollectProblem(
            inp.name,
            "-",
            "unsupported-file",
            f"{what[0]}は読めません: Excel で開き「Excel ブック (*.xlsx)」として保存して集め直してください",
            f"{what[1]} is not read: open it in Excel, save it as an Excel workbook (.xlsx) and collect again",
        )
    return CollectProblem(
        inp.name,
        "-",
        "unsupported-file",
        "回答ファイルではないため読みません（読むのは .xlsx・.xlsm・.csv）: 回答でなければフォルダーから移してください",
        "not read: not a returned form (.xlsx, .xlsm) or an online-form export (.csv);"
        " move it out of the folder if it is not an answer",
    )


def check_output(path: str | Path, inputs: Iterable[str | Path]) -> None:
    """Refuse an output inside a folder being collected (it would be read as an answer the next
    time): :class:`~skillframe.OutputError` ``output-in-input-folder``, whether or not the
    file exists yet."""
    target = Path(path).resolve()
    for item in inputs:
        src = Path(item)
        if src.is_dir() and target.is_relative_to(src.resolve()):
            raise OutputError(
                "output-in-input-folder",
                bilingual(
                    f"出力先 {path} は集めるフォルダー {src} の中です（次に集めるとき回答として読まれます）:"
                    " 別のフォルダーに書いてください",
                    f"the output {path} is inside the folder being collected, {src} (it would be read as"
                    " an answer next time): write it to another folder",
                ),
                path=str(path),
            )
