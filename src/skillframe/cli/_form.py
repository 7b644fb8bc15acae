"""``skillframe form``: the self-check workbook for a persona (blank) or a roster (one sheet each).

``--format questions`` prints the same questions with their stable labels, to build the
same form in Microsoft Forms or Google Forms (put each label in brackets at the end of the
question title, and add the questions ``職員番号 [id]``, ``所属 [department]``, ``人材像 [persona]``).
With ``--format json`` each question's ``choices`` is a list (``[]`` for a number question); the
text formats join them with `` | ``.

``--split department`` (with ``--roster``) writes one workbook per 課 into the folder ``-o DIR``
(``所属なし.xlsx`` for the people without a 課), ``--split person`` one per person; each 課
fills and returns only its own file. The roster is read for what the form needs (id, name,
課, persona): a problem in another column is a warning with its row; every problem in these
columns is printed at once, with its row, and no form is written (exit 1).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from .._table import Table
from ..errors import FormError, bilingual
from ..render.writer import check_not_input
from ._context import Context
from ._options import UsageError, add_staff_file_options

NAME = "form"
HELP = "自己チェック票（Excel）を作成 / make the self-check workbook (or the questions for online forms)"
EXAMPLE = (
    "  skillframe form --persona DX推進員 -o form.xlsx\n"
    "  skillframe form --roster staff.xlsx --catalog town.yaml -o forms.xlsx\n"
    "  skillframe form --roster staff.xlsx --split department -o forms/\n"
    "  skillframe form --persona 一般行政職員 -o questions.csv"
)
#: ``--split``: as :data:`skillframe.forms.SPLITS` (not imported: the parser is built without the forms package).
SPLITS = ("department", "person")
#: ``xlsx`` is the workbook; every other format is the list of questions (``questions`` = CSV).
FORMATS = ("xlsx", "questions", "csv", "tsv", "json", "md", "text", "html")


def configure(p: argparse.ArgumentParser) -> None:
    g = p.add_mutually_exclusive_group(required=True)
    g.add_argument("--persona", "-p", metavar="KEY", help="人材像（空欄の票）/ a blank form for this persona")
    g.add_argument("--roster", metavar="STAFF_FILE", help="名簿（1 人 1 シート）/ one sheet per person of this file")
    add_staff_file_options(p, ja="名簿", en="roster", sheet=False)  # a roster's sheet: saved on its own
    p.add_argument(
        "--split",
        choices=SPLITS,
        help="課ごと（department）・職員ごと（person）に別のブックを -o のフォルダーへ"
        " / one workbook per 課 (department) or per person, into the folder -o DIR",
    )


def run(args: argparse.Namespace, ctx: Context) -> int:
    from skillframe import forms

    if args.output and args.roster:
        check_not_input(args.output, [args.roster])
    if args.split and not args.roster:
        raise UsageError(bilingual("--split には --roster を指定してください", "--split needs --roster"))
    cat = ctx.catalog()
    fmt = ctx.format
    if args.split and fmt != "xlsx":
        raise UsageError(bilingual("--split は Excel の票だけです", "--split writes workbooks only (xlsx)"))
    if fmt != "xlsx":
        if not args.persona:
            raise UsageError(bilingual("設問一覧には --persona を指定してください", "questions need --persona"))
        headers, text_rows = forms.question_rows(cat, args.persona)
        rows: list[list[Any]] = [list(r) for r in text_rows]
        if fmt == "json":  # the choices as a list, not the text the other formats show
            choices = [list(q.choices) for q in forms.questions(cat, args.persona)]
            rows = [[*r[:-1], c] for r, c in zip(rows, choices, strict=True)]
        if fmt == "questions":  # CSV to paste into Microsoft Forms / Google Forms
            ctx.out.write(Table(title="", headers=tuple(headers), rows=[tuple(r) for r in rows]).render("csv"))
        else:
            ctx.write_rows(headers, rows, title="設問 / questions")
        return 0
    if not args.output:
        what = ("-o DIR（フォルダー）", "-o DIR (a folder)") if args.split else ("-o FILE（.xlsx）", "-o FILE (.xlsx)")
        raise UsageError(bilingual(f"{what[0]}を指定してください", f"give {what[1]}"))
    if args.roster:
        table = forms.read_roster(args.roster, cat, encoding=args.encoding)
        for w in table.warnings:
            sys.stderr.write(f"skillframe: {w}\n")
        if table.errors:
            for e in table.errors:
                sys.stderr.write(f"skillframe: {e}\n")
            n = len(table.errors)  # an error (not a return code) so that no output file is written
            raise FormError(
                "roster-errors",
                f"名簿に {n} 件の誤りがあるため票を作っていません",
                f"no form made: {n} error(s) in the roster",
            )
        if args.split:
            return _split(args, cat, table)
        data = forms.form_bytes(cat, roster=table)
        people = len(table.records)
        said = (f"（{people} 人: 1 人 1 シート）", f" ({people} people: one sheet each)")
    else:
        data = forms.form_bytes(cat, persona=args.persona)
        name = cat.persona(args.persona)
        said = (f"（{name.label} の空欄の票 1 シート）", f" (a blank form for {name.label_en or name.label}: 1 sheet)")
    ctx.write_bytes(data)
    # what was written, as --split says it (stderr: stdout may be piped)
    sys.stderr.write(bilingual(f"{args.output} に票を書きました{said[0]}", f"wrote {args.output}{said[1]}") + "\n")
    return 0


def _split(args: argparse.Namespace, cat: Any, table: Any) -> int:
    """``--split``: the workbooks into the folder ``-o DIR``, then what was written (stderr: stdout may be piped)."""
    from ..render.form_files import write_forms

    if Path(args.output).suffix.lower() == ".xlsx":
        raise UsageError(
            bilingual(
                f"--split では -o にフォルダーを指定してください（{args.output} ではなく）",
                f"with --split, -o names a folder (not {args.output})",
            )
        )
    files = write_forms(cat, table, args.output, by=args.split, inputs=[args.roster])
    people = sum(len(f.records) for f in files)
    sys.stderr.write(
        bilingual(
            f"{args.output} に {len(files)} 個のブック（{people} 人）を書きました",
            f"wrote {len(files)} workbook(s) ({people} people) into {args.output}",
        )
        + "\n"
    )
    for f in files:
        sys.stderr.write(f"  {f.file}: {len(f.records)} 人 / people\n")
    return 0
