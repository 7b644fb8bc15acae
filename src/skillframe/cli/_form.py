"""``skillframe form``: the self-check workbook for a persona (blank) or a roster (one sheet each).

``--format questions`` prints the same questions with their stable labels, to build the
same form in Microsoft Forms or Google Forms (put each label in brackets at the end of the
question title, and add the questions ``職員番号 [id]``, ``所属 [department]``, ``人材像 [persona]``).
With ``--format json`` each question's ``choices`` is a list (``[]`` for a number question); the
text formats join them with `` | ``.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from .._table import Table
from ..errors import FormError, bilingual
from ..render.writer import check_not_input
from ._common import Context, UsageError

NAME = "form"
HELP = "自己チェック票（Excel）を作成 / make the self-check workbook (or the questions for online forms)"
EXAMPLE = (
    "  skillframe form --persona DX推進員 -o form.xlsx\n"
    "  skillframe form --roster staff.xlsx --catalog town.yaml -o forms.xlsx\n"
    "  skillframe form --persona 一般行政職員 -o questions.csv"
)
#: ``xlsx`` is the workbook; every other format is the list of questions (``questions`` = CSV).
FORMATS = ("xlsx", "questions", "csv", "tsv", "json", "md", "text", "html")


def configure(p: argparse.ArgumentParser) -> None:
    g = p.add_mutually_exclusive_group(required=True)
    g.add_argument("--persona", "-p", metavar="KEY", help="人材像（空欄の票）/ a blank form for this persona")
    g.add_argument("--roster", metavar="STAFF_FILE", help="名簿（1 人 1 シート）/ one sheet per person of this file")
    p.add_argument("--encoding", metavar="ENC", help="名簿の文字コード / encoding of a CSV roster")


def run(args: argparse.Namespace, ctx: Context) -> int:
    import skillframe
    from skillframe import forms

    if args.output and args.roster:
        check_not_input(args.output, [args.roster])
    cat = ctx.catalog()
    fmt = ctx.format
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
        raise UsageError(bilingual("-o FILE（.xlsx）を指定してください", "give -o FILE (.xlsx)"))
    if args.roster:
        table = skillframe.read_staff(args.roster, encoding=args.encoding, catalog=cat)
        if table.errors:
            for e in table.errors:
                sys.stderr.write(f"skillframe: {e}\n")
            n = len(table.errors)  # an error (not a return code) so that no output file is written
            raise FormError("roster-errors", f"名簿に {n} 件の誤りがあります", f"{n} error(s) in the roster")
        for w in table.warnings:  # a persona of the base framework (persona-of-base-framework), blank rows…
            sys.stderr.write(f"skillframe: {w}\n")
        data = forms.form_bytes(cat, roster=table.records)
    else:
        data = forms.form_bytes(cat, persona=args.persona)
    ctx.write_bytes(data)
    return 0
