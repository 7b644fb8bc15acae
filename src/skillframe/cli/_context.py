"""The shared command context: the chosen format, safe output, catalog loading, table rendering.

Every output goes through :class:`skillframe.render.writer.SafeOutput`: ``-o FILE``
is refused when it is one of the command's inputs, written to a temporary file and
renamed only when the command succeeded. The format comes from ``--format`` or the
suffix of ``-o FILE`` and must be one the command writes (else exit 2).
"""

from __future__ import annotations

import argparse
import datetime
import io
import json
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import IO, Any

import attrs

from .. import Catalog, load
from .._table import TABLE_FORMATS, Table
from ..errors import OutputError, bilingual
from ..render.writer import SafeOutput, check_folder, check_not_input, choose_format
from ._encoding import fit_cp932, is_regular_file, output_encoding
from ._options import UsageError, import_rules

__all__ = ["ERRORS_FORMATS", "TABLE_FORMATS", "Context", "render_rows"]

#: Attributes of the parsed arguments that name input files.
_INPUT_ARGS = ("staff", "catalog", "targets", "files", "overlay", "rules", "sssom", "editions", "roster", "db")

#: Attributes of the parsed arguments that name output files (``-o``, ``--errors``, ``migrate --report``).
_OUTPUT_ARGS = ("output", "errors", "report")

#: Formats ``--errors FILE`` is written in (from its suffix; CSV when it has none of these).
ERRORS_FORMATS = ("csv", "tsv", "xlsx", "json", "html", "md")


class Context:
    """Per-invocation helpers: the chosen format, the safe output stream and the catalog.

    ``formats`` are the formats the command writes; the first is the default.
    """

    def __init__(self, args: argparse.Namespace, formats: Sequence[str] = TABLE_FORMATS) -> None:
        self.args = args
        self.formats = tuple(formats)
        self._out: IO[str] | None = None
        self._safe: SafeOutput | None = None
        self._catalog: Catalog | None = None
        self._format: str | None = None
        self._stdout: io.TextIOWrapper | None = None  # CSV/TSV bytes on stdout, in the output encoding
        #: Problems found while writing (a character the output encoding cannot hold): row errors.
        self.write_problems: list[str] = []

    # -- before the command runs ---------------------------------------------------------

    def inputs(self) -> list[str]:
        """Every file the command reads (its output may be none of them)."""
        found: list[str] = []
        for name in _INPUT_ARGS:
            value = getattr(self.args, name, None)
            if value is None:
                continue
            for raw in value if isinstance(value, list) else [value]:
                # the history database (an SQLite URL) is an input too: never an output
                v = _sqlite_path(raw) if name == "db" and isinstance(raw, str) else raw
                if isinstance(v, str) and v and (name != "rules" or v.endswith(".py")):
                    found.append(v)
        return found

    def prepare(self) -> None:
        """Check ``-o``, ``--errors``, ``--report`` and ``--format`` before anything is read or written.

        An output whose folder does not exist is refused here (``no-such-folder``), not after
        the command has read and computed everything; folders are never created.
        """
        target = getattr(self.args, "output", None)
        errors_file = getattr(self.args, "errors", None)
        inputs = self.inputs()
        for name in _OUTPUT_ARGS:
            out = getattr(self.args, name, None)
            if isinstance(out, str) and out:
                check_folder(out)
        for out in (target, errors_file):
            if out:
                check_not_input(out, inputs)
        if target and errors_file and _same_path(target, errors_file):
            raise OutputError(
                "output-is-input",
                bilingual("-o と --errors が同じファイルです", "-o and --errors name the same file"),
                path=target,
            )
        given = getattr(self.args, "output_encoding", None)
        self.encoding = output_encoding(str(given or "utf-8-sig"))
        self.encoding_given = given is not None  # utf-8-sig asked for: a BOM on stdout too
        if errors_file:  # its format follows its suffix too; checked before anything is written
            choose_format(None, errors_file, ERRORS_FORMATS, ERRORS_FORMATS[0])
        self._format = choose_format(getattr(self.args, "format", None), target, self.formats, self.formats[0])

    # -- output ----------------------------------------------------------------------------

    @property
    def format(self) -> str:
        """The chosen format (see :meth:`prepare`)."""
        if self._format is None:
            self.prepare()
        assert self._format is not None
        return self._format

    def fmt(self, default: str | None = None, choices: Sequence[str] | None = None) -> str:
        """The chosen format (``default`` and ``choices`` are kept for older callers; see :meth:`prepare`)."""
        del default, choices
        return self.format

    def _target(self) -> SafeOutput | None:
        target = getattr(self.args, "output", None)
        if not target:
            return None
        if self._safe is None:
            spreadsheet = self.format in ("csv", "tsv") and getattr(self.args, "command", "") != "export"
            enc = self.encoding if spreadsheet else "utf-8"  # SSSOM TSV is plain UTF-8
            self._safe = SafeOutput(target, inputs=self.inputs(), encoding=enc)
        return self._safe

    @property
    def out(self) -> IO[str]:
        """The text output: a temporary file beside ``-o FILE`` (renamed on success) or stdout."""
        if self._out is None:
            safe = self._target()
            self._out = safe.text() if safe is not None else self._stdout_text()
        return self._out

    def _stdout_text(self) -> IO[str]:
        """stdout as text: CSV/TSV (not a terminal) as bytes in ``--output-encoding``, as ``-o``
        writes them (the same 〓 policy, CRLF rows untranslated); the BOM of the default
        ``utf-8-sig`` only when stdout is a file (``> out.csv`` for Excel), not in a pipe, unless
        ``--output-encoding utf-8-sig`` asks for it. A terminal gets text as it shows it."""
        stdout = sys.stdout
        buffer = getattr(stdout, "buffer", None)
        spreadsheet = self.format in ("csv", "tsv") and getattr(self.args, "command", "") != "export"
        if not spreadsheet or buffer is None or stdout.isatty():
            return stdout
        enc = self.encoding
        if enc == "utf-8-sig" and not self.encoding_given and not is_regular_file(stdout):
            enc = "utf-8"
        stdout.flush()
        self._stdout = io.TextIOWrapper(buffer, encoding=enc, newline="", write_through=True)
        return self._stdout

    def finish(self, ok: bool) -> None:
        """Rename the output into place when the command succeeded; else remove it."""
        if self._stdout is not None:  # stdout's bytes written; stdout itself stays open
            wrapper, self._stdout = self._stdout, None
            try:
                wrapper.flush()
            except OSError:  # a closed pipe: reported after success, ignored after an error
                if ok:
                    raise
            finally:
                wrapper.detach()
        if self._safe is None:
            return
        if ok:
            self._safe.commit()
        else:
            self._safe.abort()

    def close(self) -> None:  # kept for callers of the old interface
        self.finish(False)

    def write_bytes(self, data: bytes) -> None:
        """Write binary output (XLSX) to ``-o FILE``, or to stdout when it is not a terminal."""
        safe = self._target()
        if safe is not None:
            safe.binary().write(data)
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

    def fit(self, rows: Iterable[Sequence[Any]], first_row: int = 2, fmt: str | None = None) -> list[list[str]]:
        """Rows as text, with characters the output encoding cannot hold replaced by 〓 and reported
        (``fmt``: the format written, default the chosen one; only CSV and TSV take ``--output-encoding``)."""
        out: list[list[str]] = []
        check = self.checks_encoding(fmt)
        for n, row in enumerate(rows, start=first_row):
            cells = ["" if c is None else str(c) for c in row]
            if check:
                cells = [fit_cp932(c, n, self.write_problems) for c in cells]
            out.append(cells)
        return out

    def checks_encoding(self, fmt: str | None = None) -> bool:
        """Whether :meth:`fit` checks cells against the output encoding (CSV/TSV in CP932);
        otherwise it only makes every cell text (``None`` → ``""``)."""
        return (fmt or self.format) in ("csv", "tsv") and getattr(self, "encoding", "utf-8-sig") == "cp932"

    def write_table(self, table: Table, default: str | None = None) -> None:
        """Write a :class:`~skillframe.Table` in the chosen format (XLSX included)."""
        del default
        self._emit(self.render_table(table, self.format))

    def render_table(
        self, table: Table, fmt: str, *, before: Sequence[str] = (), sheets: Sequence[Any] = ()
    ) -> str | bytes:
        """``table`` in ``fmt``: the one renderer behind ``-o``, ``--errors`` and stdout.

        XLSX gets the provenance on its notes sheet (and ``sheets`` after the table's own),
        HTML is a complete page (``before``: paragraphs above the table), CSV/TSV cells the
        output encoding cannot hold are reported (:meth:`fit`).
        """
        if fmt == "json":  # a table keeps its title, headers and notes
            return table.render("json")
        return self._render(fmt, table.title, table.headers, table.rows, table.notes, before=before, sheets=sheets)

    def _render(
        self,
        fmt: str,
        title: str,
        headers: Sequence[str],
        rows: Sequence[Sequence[Any]],
        notes: Sequence[str],
        *,
        before: Sequence[str] = (),
        sheets: Sequence[Any] = (),
    ) -> str | bytes:
        if fmt == "json":
            return render_rows(headers, rows, "json")
        if fmt == "xlsx":  # typed cells: numbers stay numbers; provenance on the notes sheet
            from ..render.xlsx import Sheet, workbook

            main = Sheet(title or self.h("表", "table"), tuple(headers), rows)
            notes_name = self.h("注記", "notes")  # the notes sheet in --lang too
            return workbook([main, *sheets], notes=(*before, *notes, *self.provenance()), notes_name=notes_name)
        if fmt in ("csv", "tsv"):
            headers, rows = self.fit([headers], 1, fmt)[0], self.fit(rows, 2, fmt)
        table = Table(title=title, headers=tuple(headers), rows=[tuple(r) for r in rows], notes=tuple(notes))
        if fmt == "html":
            return table.html_document(self.lang, before=before)
        if fmt in ("github", "md", "simple", "text", "plain", "grid"):  # the title names sheets and captions
            return _untitled(attrs.evolve(table, title=""), fmt)
        return table.render(fmt)

    def _emit(self, data: str | bytes) -> None:
        if isinstance(data, bytes):
            self.write_bytes(data)
        else:
            self.out.write(data)

    def write_rows(
        self,
        headers: Sequence[str],
        rows: Sequence[Sequence[Any]],
        *,
        title: str = "",
        notes: Sequence[str] = (),
        before: Sequence[str] = (),
        sheets: Sequence[Any] = (),
    ) -> None:
        """Write rows as a table in the chosen format; JSON is a list of objects keyed by header.

        Cells may be ``int``/``float`` (kept as numbers in JSON and XLSX), text or ``None``.
        """
        self._emit(self._render(self.format, title, headers, rows, notes, before=before, sheets=sheets))

    def write_file(
        self,
        path: str,
        formats: Sequence[str],
        headers: Sequence[str],
        rows: Sequence[Sequence[Any]],
        *,
        title: str = "",
        notes: Sequence[str] = (),
        json_keys: Sequence[str] | None = None,
    ) -> None:
        """Write rows to a second output file (``--errors FILE``) the way ``-o`` writes: the format
        from the suffix (one of ``formats``, else :class:`~skillframe.OutputError`), never over an
        input, renamed into place only when complete. ``json_keys``: the (English) keys of JSON."""
        fmt = choose_format(None, path, formats, formats[0])
        if fmt == "json" and json_keys is not None:
            headers = json_keys
        data = self._render(fmt, title, headers, rows, notes)
        enc = self.encoding if fmt in ("csv", "tsv") else "utf-8"
        with SafeOutput(path, inputs=self.inputs(), encoding=enc) as out:
            if isinstance(data, bytes):
                out.binary().write(data)
            else:
                out.text().write(data)

    def report_write_problems(self) -> int:
        """Print the problems found while writing on stderr; 1 when there were any."""
        for p in self.write_problems:
            sys.stderr.write(f"skillframe: {p}\n")
        return 1 if self.write_problems else 0

    def provenance(self) -> list[str]:
        """Where an output comes from: date, skillframe version, command, catalogs and their versions."""
        from .._version import __version__

        now = local_time(datetime.datetime.now(datetime.UTC))
        notes = [
            self.h(f"作成日時: {now}", f"generated: {now}"),
            f"skillframe {__version__}",
            self.h("コマンド: ", "command: ")
            + " ".join(["skillframe", *sys.argv[1:]] if sys.argv[1:] else ["skillframe"]),
        ]
        if self._catalog is not None:
            fws = ", ".join(f"{f.id} ({f.version or '-'})" for f in self._catalog.frameworks())
            notes.append(self.h(f"カタログ: {fws}", f"catalogs: {fws}"))
        return notes

    # -- reading -------------------------------------------------------------------------

    @property
    def lang(self) -> str:
        return str(getattr(self.args, "lang", "ja"))

    def h(self, ja: str, en: str) -> str:
        """A header or word in the chosen language (JSON keys are always the English ones)."""
        return en if self.lang == "en" or self._format == "json" else ja

    def import_rules(self) -> None:
        """Import every ``--rules`` module (they register custom rules)."""
        for spec in getattr(self.args, "rules", None) or []:
            import_rules(spec)

    def catalog(self) -> Catalog:
        if self._catalog is None:
            self.import_rules()
            self._catalog = load(*[Path(p) for p in getattr(self.args, "catalog", [])])
        return self._catalog

    def label(self, d: Any) -> str:
        """A definition's label in the chosen language (Japanese when no English exists)."""
        if self.lang == "en" and getattr(d, "label_en", None):
            return str(d.label_en)
        return str(d.label)


def local_time(moment: datetime.datetime, tz: datetime.tzinfo | None = None) -> str:
    """An aware ``moment`` in ``tz`` (default: the machine's local time, ``TZ``) to the minute,
    with its UTC offset, as a Japanese office reads it (the 注記 sheet's 作成日時).

    >>> import datetime as dt
    >>> local_time(dt.datetime(2026, 12, 2, 4, 5, tzinfo=dt.UTC), dt.timezone(dt.timedelta(hours=9)))
    '2026-12-02 13:05 +09:00'
    """
    here = moment.astimezone(tz)
    offset = here.strftime("%z")  # +0900
    return here.strftime("%Y-%m-%d %H:%M ") + f"{offset[:3]}:{offset[3:]}"


def _same_path(a: str, b: str) -> bool:
    try:
        return Path(a).resolve() == Path(b).resolve()
    except OSError:
        return a == b


def _untitled(table: Table, fmt: str) -> str:
    text = table.render(fmt)
    return text[2:] if text.startswith("\n\n") else text


def render_rows(headers: Sequence[str], rows: Sequence[Sequence[Any]], fmt: str) -> str:
    """Render rows in a table format, or JSON (a list of objects keyed by header)."""
    if fmt == "json":
        return json.dumps([dict(zip(headers, r, strict=True)) for r in rows], ensure_ascii=False, indent=2) + "\n"
    text = Table(title="", headers=tuple(headers), rows=[tuple(r) for r in rows]).render(fmt)
    return text[2:] if text.startswith("\n\n") else text


def _sqlite_path(url: str) -> str:
    """The file of an SQLite URL (``sqlite:///h.db`` -> ``h.db``); ``""`` for other databases."""
    for prefix in ("sqlite:///", "sqlite+pysqlite:///"):
        if url.startswith(prefix):
            return url[len(prefix) :].split("?", 1)[0]
    return "" if "://" in url else url
