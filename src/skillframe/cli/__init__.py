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
import sys
from collections.abc import Sequence

from .._table import TABLE_FORMATS
from .._version import __version__
from ..errors import OutputError, SkillframeError, bilingual
from . import (
    _advise,
    _collect,
    _compare,
    _diff,
    _evaluate,
    _export,
    _form,
    _graph,
    _history,
    _list,
    _map,
    _migrate,
    _policy,
    _record,
    _report,
    _schema,
    _show,
    _validate,
)
from ._common import Context, UsageError, add_common, fail

__all__ = ["main"]

#: The command modules, in the order ``--help`` lists them.
COMMANDS = [
    _list,
    _show,
    _compare,
    _evaluate,
    _report,
    _map,
    _validate,
    _graph,
    _export,
    _schema,
    _diff,
    _migrate,
    _advise,
    _policy,
]
COMMANDS += [_form, _collect, _record, _history]  # the yearly cycle


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        sys.stderr.write(f"{self.prog}: error: {message}\n")
        raise SystemExit(2)


def build_parser() -> argparse.ArgumentParser:
    """The full argument parser (also used to render the CLI reference)."""
    parser = _Parser(
        prog="skillframe",
        description="自治体デジタル人材のスキルフレームワーク / Skill frameworks of Japanese local government",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"skillframe {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for module in COMMANDS:
        p = sub.add_parser(
            module.NAME,
            help=module.HELP,
            description=module.HELP,
            epilog="example / 例:\n" + module.EXAMPLE,
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        formats = tuple(getattr(module, "FORMATS", TABLE_FORMATS))
        add_common(p, formats)
        module.configure(p)
        p.set_defaults(_run=module.run, _formats=formats)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; returns the exit code."""
    parser = build_parser()
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
        return fail(str(exc))
    except BrokenPipeError:  # pragma: no cover - e.g. piped into head
        return 0
    except OSError as exc:  # a file that cannot be read or written: the user's input, no traceback
        return fail(bilingual("ファイルを読み書きできません", "cannot read or write a file") + f": {exc}")
    finally:
        ctx.finish(False)  # after an error: the temporary file is removed, the target untouched
