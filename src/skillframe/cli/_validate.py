"""``skillframe validate``: check catalog files; every problem as ``file:line:col: message``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .._catalog import load
from ..errors import CatalogError, bilingual
from ._common import Context

NAME = "validate"
HELP = "カタログを検証 / validate catalog files (exit 1 with every problem as file:line:col: message)"
EXAMPLE = "  skillframe validate town.yaml\n  skillframe validate catalogs/tokyo-wg-2025/*.yaml"


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("files", nargs="+", metavar="FILE", help="カタログファイル / catalog files or directories")


def run(args: argparse.Namespace, ctx: Context) -> int:
    paths = [Path(f) for f in args.files]
    try:
        load(
            *[Path(c) for c in args.catalog], *paths
        )  # built-ins too: a file may refer to them; a built-in given again is read once
    except CatalogError as exc:
        for problem in exc.problems:
            sys.stderr.write(f"{problem}\n")
        sys.stderr.write(bilingual(f"{len(exc.problems)} 件の誤り", f"{len(exc.problems)} problem(s)") + "\n")
        return 1
    ctx.out.write(bilingual("問題ありません", "valid") + f": {', '.join(map(str, paths))}\n")
    return 0
