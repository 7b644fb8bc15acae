"""``skillframe collect``: merge returned self-check forms and online-form exports into one staff table.

Writes ``-o FILE`` (``.xlsx``, else CSV with BOM) or CSV on stdout. Exit 0 when every person
was read; exit 1 when any had errors (the others are still written;
each error names the file and the cell), when no person could be collected (the table is
still written, with its header only, beside the error list; ``record`` refuses it), or when a
file or folder named does not exist (``FormError`` ``no-such-file``, before anything is read).
Warnings (``not-answered``, ``duplicate-same-answers``, ``old-form``, ``catalog-changed``,
``question-gone``, ``trainings-partly-answered``) leave nobody out and do not change the
exit code. The closing summary counts the people written, of them those not answered (未回答,
ids shown), and those with errors, not written (ids shown). The output is never one of the
inputs nor inside an input folder (exit 2:
``output-is-input``, ``output-in-input-folder``) and is written atomically. Files that could
not be read at all (an ``.xls``, a damaged file) are errors, counted after the people.
"""

from __future__ import annotations

import argparse
import os
import sys

from .._text import shown_ids
from ..errors import FormError, bilingual
from ..render.writer import check_not_input
from ._context import Context
from ._options import add_staff_file_options

NAME = "collect"
HELP = "回答済みの自己チェック票を 1 つの職員表に / collect returned self-check forms into one staff table"
EXAMPLE = (
    "  skillframe collect returned/ -o staff.xlsx\n  skillframe collect a.xlsx b.xlsx forms-export.csv -o staff.csv"
)
#: A staff table: what ``read_staff`` reads back.
FORMATS = ("csv", "tsv", "xlsx")


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("inputs", nargs="+", metavar="FILE_OR_FOLDER", help="回答ファイル / returned forms (.xlsx, .csv)")
    add_staff_file_options(p, ja="オンラインフォームの CSV", en="online-form export", sheet=False)


def run(args: argparse.Namespace, ctx: Context) -> int:
    from .. import forms
    from ..render.collected import staff_rows, staff_xlsx

    missing = [str(item) for item in args.inputs if not os.path.exists(item)]
    if missing:  # before the catalog is loaded: a mistyped path, not "cannot open the file"
        names = ", ".join(missing)
        raise FormError(
            "no-such-file", f"ファイルまたはフォルダがありません: {names}", f"no such file or folder: {names}"
        )
    if args.output:  # the inputs are files or folders: the output may be none of them, nor in them
        check_not_input(args.output, args.inputs)
        forms.check_output(args.output, args.inputs)
    cat = ctx.catalog()
    result = forms.collect(args.inputs, cat, encoding=args.encoding)
    if ctx.format == "xlsx":
        ctx.write_bytes(staff_xlsx(cat, result))
    else:  # CSV/TSV with a BOM (or --output-encoding cp932), cells neutralised
        headers, rows = staff_rows(cat, result)
        ctx.write_rows(headers, rows, title="staff")
    for w in result.warnings:
        sys.stderr.write(f"skillframe: warning: {w}\n")
    for e in result.errors:
        sys.stderr.write(f"skillframe: {e}\n")
    unread = len(result.files_not_read)
    blank, bad = result.not_answered, result.people_with_errors
    sys.stderr.write(
        bilingual(
            f"{result.people} 人: {len(result.rows)} 人を出力"
            + (f"（うち未回答 {len(blank)} 人: {shown_ids(blank, 'ja')}）" if blank else "")
            + f"、{len(bad)} 人にエラー"
            + (f"（出力していません: {shown_ids(bad, 'ja')}）" if bad else "")
            + (f"（ほかに読めなかったファイル {unread} 個）" if unread else ""),
            f"{result.people} people: {len(result.rows)} written"
            + (f" ({len(blank)} not answered: {shown_ids(blank, 'en')})" if blank else "")
            + f", {len(bad)} with errors"
            + (f" (not written: {shown_ids(bad, 'en')})" if bad else "")
            + (f" (and {unread} file(s) not read)" if unread else ""),
        )
        + "\n"
    )
    if not result.rows:  # honest about an empty table: record refuses it, and says why
        where = args.output or "stdout"
        sys.stderr.write(
            "skillframe: "
            + bilingual(
                f"出力した職員表（{where}）には職員が 1 人もいません: 誤りを直して集め直してください",
                f"the staff table written ({where}) has no people: correct the errors and collect again",
            )
            + " [no-people]\n"
        )
        return 1
    return 1 if result.errors else 0
