"""``skillframe compare``: comparison tables across frameworks (levels, personas, skills…).

``--format json`` is data, not the table: the same whatever ``--lang`` is (English snake_case
keys, ids with ``label`` / ``label_en`` beside them, SKOS predicates such as ``skos:closeMatch``
instead of the marks, numbers as numbers, ``null`` for none, lists as lists), one object per
row of :func:`skillframe.compare_data` (``levels``: one per level placed, with its ``row``;
``steps``: the rule as data in ``requires``). The other formats show the table in ``--lang``.
"""

from __future__ import annotations

import argparse

from .._compare import ASPECTS, compare
from .._compare_data import compare_data
from .._table import TABLE_FORMATS
from ._context import Context

NAME = "compare"
HELP = "フレームワークの比較表 / comparison tables: " + ", ".join(ASPECTS)
EXAMPLE = (
    "  skillframe compare levels --frameworks tokyo-dsm,ipa-dss\n"
    "  skillframe compare persona-skills --format csv -o personas.csv\n"
    "  skillframe compare steps --persona DX推進員 --lang en\n"
    "  skillframe compare trainings -o trainings.xlsx\n"
    "  skillframe compare levels --frameworks tokyo-dsm,ipa-dss --format json"
)


FORMATS = TABLE_FORMATS


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("aspect", choices=ASPECTS, help="比較する観点 / what to compare")
    p.add_argument(
        "--frameworks",
        metavar="A,B",
        help="フレームワーク（カンマ区切り、順序どおり）/ frameworks, comma-separated, in column order",
    )
    p.add_argument("--persona", metavar="KEY", help="人材像で絞り込む / narrow to one persona")


def run(args: argparse.Namespace, ctx: Context) -> int:
    if ctx.format == "json":  # data, whatever --lang is (skillframe.compare_data)
        rows = compare_data(ctx.catalog(), args.aspect, frameworks=args.frameworks, persona=args.persona)
        ctx.write_rows(list(rows[0]) if rows else [], [list(r.values()) for r in rows])
        return 0
    table = compare(ctx.catalog(), args.aspect, frameworks=args.frameworks, persona=args.persona, lang=ctx.lang)
    ctx.write_table(table)
    return 0
