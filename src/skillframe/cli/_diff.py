"""``skillframe diff``: what an overlay changes in the framework it extends."""

from __future__ import annotations

import argparse
from pathlib import Path

from .._catalog import Catalog, load
from .._diff import diff
from ..errors import bilingual
from ._common import Context, UsageError, render_rows

NAME = "diff"
HELP = "オーバーレイの変更点 / list what an overlay catalog changes in its base framework"
EXAMPLE = "  skillframe diff tokyo-wg-2025 examples/overlays/small-town.yaml"


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("base", metavar="BASE", help="基底フレームワーク / the base framework (id or label)")
    p.add_argument("overlay", metavar="OVERLAY", help="オーバーレイのカタログファイル / the overlay catalog file")


def run(args: argparse.Namespace, ctx: Context) -> int:
    path = Path(args.overlay)
    if not path.is_file():
        raise UsageError(bilingual(f"ファイルがありません: {path}", f"no such file: {path}"))
    cat = load(*[Path(p) for p in args.catalog], path)
    candidates = [f for f in cat.frameworks() if f.extends is not None and _defined_in(cat, f.id, path)]
    if not candidates:
        raise UsageError(
            bilingual(f"{path} はオーバーレイではありません", f"{path} defines no overlay (framework.extends)")
        )
    overlay_fw = candidates[0]
    changes = diff(cat, args.base, overlay_fw.id, lang=ctx.lang)
    rows = [[c.change, c.kind, c.base_id or "", c.overlay_id or "", c.detail] for c in changes]
    ctx.out.write(render_rows(["change", "kind", "base", "overlay", "detail"], rows, ctx.fmt("github")))
    return 0


def _defined_in(cat: Catalog, fid: str, path: Path) -> bool:
    file, _ = cat.where(fid)
    return Path(file).resolve() == path.resolve()
