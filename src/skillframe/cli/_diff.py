"""``skillframe diff``: what an overlay changes in the framework it extends."""

from __future__ import annotations

import argparse
from pathlib import Path

from .. import Catalog, load
from .._diff import diff
from ..errors import bilingual
from ._common import TABLE_FORMATS, Context, UsageError

NAME = "diff"
HELP = "オーバーレイの変更点 / list what an overlay catalog changes in its base framework"
EXAMPLE = "  skillframe diff tokyo-wg-2025 examples/overlays/small-town.yaml"


FORMATS = TABLE_FORMATS


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("base", metavar="BASE", help="基底フレームワーク / the base framework (id or label)")
    p.add_argument("overlay", metavar="OVERLAY", help="オーバーレイのカタログファイル / the overlay catalog file")


def run(args: argparse.Namespace, ctx: Context) -> int:
    path = Path(args.overlay)
    if not path.is_file():
        raise UsageError(bilingual(f"ファイルがありません: {path}", f"no such file: {path}"))
    ctx.import_rules()
    cat = load(*[Path(p) for p in args.catalog], path)
    candidates = [f for f in cat.frameworks() if f.extends is not None and _defined_in(cat, f.id, path)]
    if not candidates:
        raise UsageError(
            bilingual(f"{path} はオーバーレイではありません", f"{path} defines no overlay (framework.extends)")
        )
    overlay_fw = candidates[0]
    changes = diff(cat, args.base, overlay_fw.id, lang=ctx.lang)
    rows = [[c.change, c.kind, c.base_id or "", c.overlay_id or "", c.detail] for c in changes]
    h = ctx.h
    cols = [
        h("変更", "change"),
        h("種類", "kind"),
        h("基底", "base"),
        h("オーバーレイ", "overlay"),
        h("内容", "detail"),
    ]
    ctx.write_rows(cols, rows, title=h("変更点", "Changes"))
    return 0


def _defined_in(cat: Catalog, fid: str, path: Path) -> bool:
    file, _ = cat.where(fid)
    return Path(file).resolve() == path.resolve()
