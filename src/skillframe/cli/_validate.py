"""``skillframe validate``: check catalog files; every problem as ``file:line:col: message``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

import yaml

from .. import builtin_catalog_paths, load
from ..errors import CatalogError, MappingError, bilingual
from ._context import Context

NAME = "validate"
HELP = "カタログを検証 / validate catalog files (exit 1 with every problem as file:line:col: message)"
EXAMPLE = "  skillframe validate town.yaml\n  skillframe validate catalogs/tokyo-wg-2025/*.yaml"
FORMATS = ("text",)

_CATALOG_SUFFIXES = (".yaml", ".yml", ".sssom.tsv")


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("files", nargs="+", metavar="FILE", help="カタログファイル / catalog files or directories")


def _identity(path: Path) -> tuple[str | None, str | None]:
    """``(framework id, mapping-set id)`` a catalog file declares, as far as it says."""
    framework: str | None = None
    mapping_set: str | None = None
    try:
        with path.open(encoding="utf-8") as fh:
            for doc in yaml.safe_load_all(fh):
                if not isinstance(doc, dict):
                    continue
                fw: Any = doc.get("framework")
                if isinstance(fw, dict):
                    fw = fw.get("id")
                if isinstance(fw, str) and framework is None:
                    framework = fw
                ms: Any = doc.get("mapping_set")
                if isinstance(ms, dict) and isinstance(ms.get("id"), str) and mapping_set is None:
                    mapping_set = ms["id"]
    except (OSError, yaml.YAMLError, UnicodeDecodeError):
        pass  # the loader reports it, with file and line
    return framework, mapping_set


def sources_for(files: list[Path]) -> list[Path]:
    """The given files plus the built-in files they do not stand in for.

    A given file stands in for the built-in file of the same framework and name (an
    edited copy of ``catalogs/tokyo-wg-2025/skills.yaml`` replaces it instead of
    clashing with every id in it), and for the built-in file of the same mapping set; a
    given built-in file is read once.
    """
    given = {p.resolve() for p in files if p.exists()}
    replaced: set[tuple[str, str]] = set()
    sets: set[str] = set()
    for p in files:
        if p.is_file() and p.name.endswith((".yaml", ".yml")):
            fw, ms = _identity(p)
            if fw is not None:
                replaced.add((fw, p.name))
            if ms is not None:
                sets.add(ms)
    if not replaced and not sets:  # nothing stands in for a built-in file: the loader's own list
        return [*builtin_catalog_paths(), *files]
    builtins: list[Path] = []
    for folder in builtin_catalog_paths():
        for f in sorted(folder.rglob("*")):
            if not f.is_file() or not f.name.endswith(_CATALOG_SUFFIXES) or f.resolve() in given:
                continue
            if (folder.name, f.name) in replaced:
                continue
            if replaced or sets:
                fw, ms = _identity(f) if f.name.endswith((".yaml", ".yml")) else (None, None)
                if (fw, f.name) in replaced or ms in sets:
                    continue
            builtins.append(f)
    return [*builtins, *files]


def run(args: argparse.Namespace, ctx: Context) -> int:
    paths = [Path(f) for f in args.files]
    ctx.import_rules()
    try:
        load(*sources_for([*(Path(c) for c in args.catalog), *paths]), builtins=False)
    except (CatalogError, MappingError) as exc:
        for problem in exc.problems:
            sys.stderr.write(f"{problem}\n")
        sys.stderr.write(bilingual(f"{len(exc.problems)} 件の誤り", f"{len(exc.problems)} problem(s)") + "\n")
        return 1
    ctx.out.write(bilingual("問題ありません", "valid") + f": {', '.join(map(str, paths))}\n")
    return 0
