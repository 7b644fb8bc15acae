"""The ``skillframe`` command line: one module per command, one shared front end.

Every command takes the shared options ``--format`` (checked against the formats
that command writes), ``--lang``, ``-o/--output``, ``--output-encoding``, ``--catalog``
(extra catalog files) and ``--rules`` (custom rule modules), writes to stdout or ``-o
FILE`` (never over an input, renamed into place only on success) and exits 0 on
success, 1 on data or validation errors, 2 on usage errors. No traceback reaches
the user for a problem in their input.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from types import ModuleType
from typing import Any

from .._table import TABLE_FORMATS
from .._version import __version__
from ..errors import OutputError, SkillframeError, bilingual
from ._collector import batch_collection
from ._context import Context
from ._encoding import unencodable
from ._options import UsageError, add_common, fail

__all__ = ["main"]

#: The command names, in the order ``--help`` lists them; the command ``x`` is the module ``_x``.
#: A run imports only the module of its command (the others cost start-up time); ``COMMANDS``
#: (every command module, in this order) imports them all.
NAMES = (
    "list",
    "show",
    "compare",
    "evaluate",
    "report",
    "map",
    "validate",
    "graph",
    "export",
    "schema",
    "diff",
    "migrate",
    "advise",
    "policy",
    *("form", "collect", "record", "history"),  # the yearly cycle
)


def _module(name: str) -> ModuleType:
    return importlib.import_module(f"{__name__}._{name}")


def __getattr__(name: str) -> Any:
    if name == "COMMANDS":  # every command module, imported on first use
        return [_module(n) for n in NAMES]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


#: argparse's usage errors, in Japanese (pattern, Japanese with the same groups).
_USAGE_JA = (
    (r"the following arguments are required: (.*)", r"次の引数が必要です: \1"),
    (r"unrecognized arguments: (.*)", r"知らない引数です: \1"),
    (r"argument (\S+): invalid choice: (.*?) \(choose from (.*)\)", r"引数 \1: \2 は選べません（選択肢: \3）"),
    (r"argument (\S+): expected one argument", r"引数 \1 には値が必要です"),
    (r"argument (\S+): invalid (\w+) value: (.*)", r"引数 \1: 値 \3 が正しくありません"),
    (r"argument (\S+): not allowed with argument (\S+)", r"引数 \1 と \2 は同時に使えません"),
    (r"ambiguous option: (\S+) could match (.*)", r"オプション \1 が複数に当てはまります: \2"),
)


def usage_ja(message: str) -> str:
    """argparse's usage error ``message`` in Japanese (a generic sentence when it is not known).

    >>> usage_ja("the following arguments are required: STAFF_FILE")
    '次の引数が必要です: STAFF_FILE'
    >>> usage_ja("argument --lang: invalid choice: 'fr' (choose from ja, en)")
    "引数 --lang: 'fr' は選べません（選択肢: ja, en）"
    """
    import re

    for pattern, ja in _USAGE_JA:
        m = re.fullmatch(pattern, message)
        if m:
            return m.expand(ja)
    return "コマンドの使い方が正しくありません"


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        sys.stderr.write(f"{self.prog}: {bilingual(usage_ja(message), message)}\n")
        raise SystemExit(2)


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The full argument parser (also used to render the CLI reference); with ``command``
    (one of :data:`NAMES`), the same parser with that command only (what a run of it needs)."""
    parser = _Parser(
        prog="skillframe",
        description="自治体デジタル人材のスキルフレームワーク / Skill frameworks of Japanese local government",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"skillframe {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for module in [_module(command)] if command in NAMES else [_module(n) for n in NAMES]:
        p = sub.add_parser(
            module.NAME,
            help=module.HELP,
            description=module.HELP,
            epilog="example / 例:\n" + module.EXAMPLE,
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        formats = tuple(getattr(module, "FORMATS", TABLE_FORMATS))
        add_common(p, formats, lang_help=getattr(module, "LANG_HELP", None))
        module.configure(p)
        p.set_defaults(_run=module.run, _formats=formats)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; returns the exit code. The garbage collector is set for batch work while
    the command runs (:func:`~skillframe.cli._collector.batch_collection`), as it was after."""
    with batch_collection():
        return _main(argv)


def _main(argv: Sequence[str] | None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    parser = build_parser(argv[0] if argv else None)
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse: --help/--version exit 0, usage errors 2
        return int(exc.code or 0)
    if not getattr(args, "command", None):
        parser.print_help(sys.stderr)
        return 2
    ctx = Context(args, args._formats)
    try:
        ctx.prepare()
        code = int(args._run(args, ctx))
        ctx.finish(True)  # the output is renamed into place only now
        return max(code, ctx.report_write_problems())
    except (UsageError, OutputError) as exc:
        return fail(str(exc), 2)
    except SkillframeError as exc:
        return fail(_with_hint(exc))
    except UnicodeEncodeError as exc:  # stdout (a console's encoding) cannot hold a character: say so
        return fail(str(unencodable(exc)), 2)
    except BrokenPipeError:  # pragma: no cover - e.g. piped into head
        _quiet_stdout()
        return 0
    except KeyboardInterrupt:  # Ctrl-C: outputs are left as they were (see the finally below)
        return fail(bilingual("中断しました（出力は書き換えていません）", "interrupted (no output was changed)"), 130)
    except OSError as exc:  # a file that cannot be read or written: the user's input, no traceback
        return fail(bilingual("ファイルを読み書きできません", "cannot read or write a file") + f": {exc}")
    finally:
        ctx.finish(False)  # after an error: the temporary file is removed, the target untouched


def _with_hint(exc: SkillframeError) -> str:
    """The message of ``exc``, and on a line of its own the ``--catalog`` hint when a look-up
    failed on an id of a framework the catalog does not have."""
    from ._hints import catalog_hint

    message = str(exc)
    hint = catalog_hint([exc])
    return f"{message}\nskillframe: {hint}" if hint else message


def _quiet_stdout() -> None:  # pragma: no cover - a closed pipe
    """Point stdout at the null device: its last flush at exit would fail again (and print)."""
    import os

    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass
