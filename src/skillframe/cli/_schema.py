"""``skillframe schema``: print the JSON Schema of the catalog format."""

from __future__ import annotations

import argparse

from .._schema import schema_json
from ._common import Context

NAME = "schema"
HELP = "カタログ形式の JSON Schema を出力 / print the JSON Schema (draft 2020-12) of the catalog format"
EXAMPLE = "  skillframe schema -o catalog.schema.json"


FORMATS = ("json",)


def configure(p: argparse.ArgumentParser) -> None:
    del p  # no options of its own


def run(args: argparse.Namespace, ctx: Context) -> int:
    del args
    ctx.out.write(schema_json())
    return 0
