"""The one way skillframe writes a file: never over an input, never half-written.

:class:`SafeOutput` writes to a temporary file in the folder of the target and
renames it over the target only when the writing succeeded (:func:`os.replace` is
atomic on one file system); after an error the temporary file is removed and the
target is untouched (absent if it did not exist). A target that is one of the
inputs (the same file, by :func:`os.path.samefile`, so a different spelling or a
link counts) is refused before anything is opened, and so is a target whose folder
does not exist (:func:`check_folder`, code ``no-such-folder``: folders are never created).

:func:`choose_format` reads the format from ``--format`` or from the suffix
(``.csv .tsv .xlsx .json .md .html`` …) and refuses one the command cannot produce.

>>> import pathlib, tempfile
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> staff = d / "staff.csv"
>>> _ = staff.write_text("id\\n1\\n", encoding="utf-8")
>>> write_text(staff, "oops", inputs=[staff])
Traceback (most recent call last):
...
skillframe.errors.OutputError: 出力先が入力ファイルと同じです: ... / the output is one of the inputs: ...
>>> staff.read_text(encoding="utf-8")
'id\\n1\\n'
>>> choose_format(None, "out.xlsx", ("github", "csv", "xlsx"), "github")
'xlsx'
>>> choose_format(None, "out.mmd", ("github", "csv"), "github")
Traceback (most recent call last):
...
skillframe.errors.OutputError: 出力形式 'mermaid' はこのコマンドでは書けません ...
"""

from __future__ import annotations

import contextlib
import io
import os
import stat
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from types import TracebackType
from typing import IO

from ..errors import OutputError, bilingual

__all__ = [
    "ENCODINGS",
    "SUFFIX_FORMATS",
    "SafeOutput",
    "check_folder",
    "check_not_input",
    "choose_format",
    "write_bytes",
    "write_text",
]

#: Format names read from a suffix of ``-o FILE``.
SUFFIX_FORMATS: dict[str, str] = {
    ".csv": "csv",
    ".tsv": "tsv",
    ".tab": "tsv",
    ".xlsx": "xlsx",
    ".json": "json",
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".mmd": "mermaid",
    ".mermaid": "mermaid",
    ".dot": "dot",
    ".gv": "dot",
    ".graphml": "graphml",
    ".txt": "text",
    ".docx": "docx",
    ".yaml": "yaml",
    ".yml": "yaml",
    ".pdf": "pdf",
}

#: Formats that are one another under a different name (a ``.md`` file takes ``github``).
_SAME = {"md": {"md", "github", "pipe"}, "text": {"text", "simple", "plain", "grid", "github"}}

#: CSV/TSV encodings: UTF-8 with a BOM (Excel reads it as UTF-8), plain UTF-8, CP932 (Shift_JIS).
ENCODINGS = ("utf-8-sig", "utf-8", "cp932")


def _suffix_format(path: str | os.PathLike[str] | None) -> str | None:
    if not path:
        return None
    return SUFFIX_FORMATS.get(Path(path).suffix.lower())


def choose_format(
    fmt: str | None,
    path: str | os.PathLike[str] | None,
    allowed: Sequence[str],
    default: str,
) -> str:
    """The format to write: ``fmt`` if given, else the one the suffix of ``path`` names, else ``default``.

    Raises :class:`~skillframe.OutputError` (code ``format``) for a format not in
    ``allowed``, and for a ``fmt`` that contradicts a known suffix (``--format csv -o
    x.xlsx``): a file is never written in a format other than its name says.
    """
    by_suffix = _suffix_format(path)
    if by_suffix is not None and by_suffix not in allowed:
        by_suffix = next((f for f in _SAME.get(by_suffix, ()) if f in allowed), by_suffix)
    if fmt:
        if fmt not in allowed:
            raise _format_error(fmt, allowed)
        generic = by_suffix == "text" and fmt != "xlsx"  # a .txt file takes any text format
        if by_suffix is not None and by_suffix != fmt and fmt not in _SAME.get(by_suffix, ()) and not generic:
            raise OutputError(
                "format",
                bilingual(
                    f"--format {fmt} と出力先 {path} の拡張子が一致しません",
                    f"--format {fmt} does not match the suffix of {path}",
                ),
                path=str(path),
            )
        return fmt
    if by_suffix is None or (by_suffix == "text" and "text" not in allowed):
        return default
    if by_suffix not in allowed:
        raise _format_error(by_suffix, allowed)
    return by_suffix


def _format_error(fmt: str, allowed: Sequence[str]) -> OutputError:
    return OutputError(
        "format",
        bilingual(f"出力形式 '{fmt}' はこのコマンドでは書けません", f"this command cannot write '{fmt}'")
        + f" (choose from / 選択肢: {', '.join(allowed)})",
    )


def check_not_input(path: str | os.PathLike[str], inputs: Iterable[str | os.PathLike[str] | None]) -> None:
    """Raise :class:`~skillframe.OutputError` (``output-is-input``) when ``path`` is one of ``inputs``.

    An input folder counts too: ``path`` may not be a file inside it that already exists.
    """
    target = Path(path)
    if not target.exists():
        return
    for item in inputs:
        if item is None or str(item) == "":
            continue
        src = Path(item)
        if not src.exists():
            continue
        same = os.path.samefile(target, src)
        if not same and src.is_dir():
            with contextlib.suppress(OSError, ValueError):
                same = target.resolve().is_relative_to(src.resolve())
        if same:
            raise OutputError(
                "output-is-input",
                bilingual(
                    f"出力先が入力ファイルと同じです: {path}（入力は変更していません）",
                    f"the output is one of the inputs: {path} (the input was left unchanged)",
                ),
                path=str(path),
            )


def _folder_shown(folder: Path) -> str:
    """A folder as the user wrote it, with a trailing separator (``nodir/``)."""
    text = str(folder)
    return text if text.endswith(("/", os.sep)) else text + os.sep


def check_folder(path: str | os.PathLike[str]) -> None:
    """Raise :class:`~skillframe.OutputError` when ``path`` cannot be a file in an existing folder.

    Codes: ``no-such-folder`` (its folder does not exist, or is a file: skillframe never
    creates folders, so a mistyped folder name is not silently made) and
    ``output-is-folder`` (``path`` itself is a folder). Checked before anything is read,
    so a long command stops at once; the message names the folder as written.

    >>> try:
    ...     check_folder("nodir/x.csv")
    ... except OutputError as exc:
    ...     print(exc.code, "|", str(exc).split(" / ")[1])
    no-such-folder | the folder nodir/ does not exist (output nodir/x.csv); create it first
    """
    target = Path(path)
    if target.is_dir():
        raise OutputError(
            "output-is-folder",
            bilingual(
                f"出力先 {path} はフォルダです。ファイル名を指定してください",
                f"the output {path} is a folder; give a file name",
            ),
            path=str(path),
        )
    folder = target.parent
    if folder.is_dir():
        return
    shown = _folder_shown(folder)
    if folder.exists():
        ja = f"{shown} はフォルダではありません（出力先 {path}）。別のフォルダを指定してください"
        en = f"{shown} is not a folder (output {path}); choose another folder"
    else:
        ja = f"フォルダ {shown} がありません（出力先 {path}）。先に作成してください"
        en = f"the folder {shown} does not exist (output {path}); create it first"
    raise OutputError("no-such-folder", bilingual(ja, en), path=str(path))


class SafeOutput:
    """A file written through a temporary file in its folder, renamed only on success.

    Use as a context manager (commits when the block ends without an exception) or
    call :meth:`commit` / :meth:`abort`. :meth:`text` and :meth:`binary` open the
    temporary file once.
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        inputs: Iterable[str | os.PathLike[str] | None] = (),
        encoding: str = "utf-8",
        errors: str = "strict",
    ) -> None:
        check_not_input(path, inputs)
        check_folder(path)
        # A link is followed: the file it names is replaced, never the link itself.
        self.path = Path(os.path.realpath(path)) if os.path.islink(path) else Path(path)
        try:
            st = os.stat(self.path)
        except OSError:
            st = None
        #: an existing device, FIFO or socket (``-o /dev/null``) is written into, never replaced
        self.direct = st is not None and not stat.S_ISREG(st.st_mode)
        #: an existing file keeps its permissions (a 0600 result stays 0600)
        self._mode = stat.S_IMODE(st.st_mode) if st is not None and not self.direct else None
        self.encoding = encoding
        self.errors = errors
        self._tmp: str | None = None
        self._raw: IO[bytes] | None = None
        self._text: io.TextIOWrapper | None = None
        self.committed = False

    def _open(self) -> IO[bytes]:
        if self._raw is None and self.direct:
            self._raw = open(self.path, "wb")  # noqa: SIM115 - closed by commit/abort
        if self._raw is None:
            folder = self.path.parent if str(self.path.parent) else Path(".")
            try:
                fd, self._tmp = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".tmp", dir=folder)
            except OSError as exc:  # the folder went away, or may not be written: name it, not the temporary file
                check_folder(self.path)
                raise OutputError(
                    "cannot-write",
                    bilingual(
                        f"フォルダ {_folder_shown(folder)} に書き込めません（出力先 {self.path}）",
                        f"cannot write in the folder {_folder_shown(folder)} (output {self.path})",
                    )
                    + f": {exc.strerror or exc}",
                    path=str(self.path),
                ) from None
            self._raw = os.fdopen(fd, "wb")
        return self._raw

    def binary(self) -> IO[bytes]:
        """The temporary file, for bytes."""
        return self._open()

    def text(self) -> IO[str]:
        """The temporary file as text in :attr:`encoding` (newlines written as given)."""
        if self._text is None:
            self._text = io.TextIOWrapper(
                self._open(), encoding=self.encoding, errors=self.errors, newline="", write_through=True
            )
        return self._text

    def commit(self) -> None:
        """Close the temporary file and rename it over the target (an empty output is written too)."""
        if self.committed:
            return
        raw = self._open()
        if self._text is not None:
            self._text.flush()
        raw.flush()
        with contextlib.suppress(OSError):
            os.fsync(raw.fileno())
        raw.close()
        if self.direct:
            self.committed = True
            return
        assert self._tmp is not None
        mode = self._mode if self._mode is not None else 0o666 & ~_umask()
        os.chmod(self._tmp, mode)
        os.replace(self._tmp, self.path)
        self.committed = True

    def abort(self) -> None:
        """Remove the temporary file; the target is left as it was."""
        if self._raw is not None:
            with contextlib.suppress(OSError, ValueError):
                self._raw.close()
        if self._tmp is not None and not self.committed:
            with contextlib.suppress(OSError):
                os.unlink(self._tmp)
        self._tmp = None

    def __enter__(self) -> SafeOutput:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if exc_type is None:
            self.commit()
        else:
            self.abort()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_text(
    path: str | os.PathLike[str],
    text: str,
    *,
    inputs: Iterable[str | os.PathLike[str] | None] = (),
    encoding: str = "utf-8",
) -> None:
    """Write ``text`` to ``path`` safely (see :class:`SafeOutput`)."""
    with SafeOutput(path, inputs=inputs, encoding=encoding) as out:
        out.text().write(text)


def write_bytes(
    path: str | os.PathLike[str], data: bytes, *, inputs: Iterable[str | os.PathLike[str] | None] = ()
) -> None:
    """Write ``data`` to ``path`` safely (see :class:`SafeOutput`)."""
    with SafeOutput(path, inputs=inputs) as out:
        out.binary().write(data)
