"""``skillframe validate``: check catalog files; every problem as ``file:line:col: message``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

import yaml

from .. import builtin_catalog_paths, load
from ..errors import CatalogError, MappingError, bilingual
from ._common import Context

NAME = "validate"
HELP = "カタログを検証 / validate catalog files (exit 1 with every problem as file:line:col: message)"
EXAMPLE = "  skillframe validate town.yaml\n  skillframe validate catalogs/tokyo-wg-2025/*.yaml"
FORMATS = ("text",)

_CATALOG_SUFFIXES = (".yaml", ".yml", ".sssom.tsv")


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("files", nargs="+", metavar="FILE", help="カタログファイル / catalog files or directories")


def _framework_of(path: Path) -> str | None:
    """The framework a catalog file belongs to (``framework:`` as an id or a mapping), if it says."""
    try:
        with path.open(encoding="utf-8") as fh:
            for doc in yaml.safe_load_all(fh):
                fw: Any = doc.get("framework") if isinstance(doc, dict) else None
                if isinstance(fw, dict):
                    fw = fw.get("id")
                if isinstance(fw, str):
                    return fw
    except (OSError, yaml.YAMLError, UnicodeDecodeError):
        return None  # the loader reports it, with file and line
    return None


def sources_for(files: list[Path]) -> list[Path]:
    """The given files plus the built-in files they do not stand in for.

    A given file stands in for the built-in file of the same framework and name (an
    edited copy of ``catalogs/tokyo-wg-2025/skills.yaml`` replaces it instead of
    clashing with every id in it); a given built-in file is read once.
    """
    given = {p.resolve() for p in files if p.exists()}
    replaced: set[tuple[str, str]] = set()
    for p in files:
        if p.is_file():
            fw = _framework_of(p)
            if fw is not None:
                replaced.add((fw, p.name))
    builtins: list[Path] = []
    for folder in builtin_catalog_paths():
        for f in sorted(folder.rglob("*")):
            if not f.is_file() or not f.name.endswith(_CATALOG_SUFFIXES) or f.resolve() in given:
                continue
            if (folder.name, f.name) in replaced or (replaced and (_framework_of(f), f.name) in replaced):
                continue
            builtins.append(f)
    return [*builtins, *files]


def run(args: argparse.Namespace, ctx: Context) -> int:
    paths = [Path(f) for f in args.files]
    ctx.import_rules()
    try:
        load(*[Path(c) for c in args.catalog], *sources_for(paths), builtins=False)
    except (CatalogError, MappingError) as exc:
        for problem in exc.problems:
            sys.stderr.write(f"{problem}\n")
        sys.stderr.write(bilingual(f"{len(exc.problems)} 件の誤り", f"{len(exc.problems)} problem(s)") + "\n")
        return 1
    ctx.out.write(bilingual("問題ありません", "valid") + f": {', '.join(map(str, paths))}\n")
    return 0
