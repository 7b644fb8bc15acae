"""``skillframe schema [catalog|evaluation]``: print the JSON Schema of the catalog format
(default) or of an evaluation document (``skillframe-evaluation/1``, what ``evaluate
--format json`` writes a list of)."""

from __future__ import annotations

import argparse

from .._schema import schema_json
from ._context import Context

NAME = "schema"
HELP = "JSON Schema を出力 (カタログ / 評価結果) / print the JSON Schema of the catalog format or of an evaluation"
EXAMPLE = "  skillframe schema -o catalog.schema.json\n  skillframe schema evaluation -o evaluation.schema.json"


FORMATS = ("json",)


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "which",
        nargs="?",
        choices=("catalog", "evaluation"),
        default="catalog",
        help="どのスキーマか / which schema: catalog (default) or evaluation (evaluate --format json)",
    )


def run(args: argparse.Namespace, ctx: Context) -> int:
    if getattr(args, "which", "catalog") == "evaluation":
        from ..engine.evaluation_schema import evaluation_schema_json

        ctx.out.write(evaluation_schema_json())
        return 0
    ctx.out.write(schema_json())
    return 0
